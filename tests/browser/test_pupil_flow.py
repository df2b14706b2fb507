"""The demo pupil takes the demo exam in a real browser.

She logs in through the login form, answers every question (some right, some wrong,
one quotation with a typo), reloads halfway and finds every answer back, follows a
line reference into the booklet, hands in after the confirmation and reads the total
and the grade. The expected total is worked out here from the answers given and the
demo exam's answer model, not by the app's scorer.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from exam.models import Answer
from tests.browser.browser_builders import (
    ANSWERS,
    DEMO,
    QUESTIONS,
    expected_grade,
    expected_points,
    start_exam,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer(page, number: int) -> None:
    q, value = QUESTIONS[number], ANSWERS[number]
    box = page.locator(f"#question-{number}")
    kind = q["kind"]
    if kind == "mc":
        box.locator(f"input[value='{value}']").check()
    elif kind == "multi":
        for label in value:
            box.locator(f"input[value='{label}']").check()
    elif kind == "statements":
        for label, verdict in value.items():
            box.locator(f"input[name='s-{label}'][value='{verdict}']").check()
    elif kind == "matching":
        for item, target in value.items():
            box.locator(f"select[name='m-{item}']").select_option(target)
    elif kind == "ordering":
        for place, label in enumerate(value, start=1):
            box.locator(f"select[name='o-{place}']").select_option(label)
    elif kind == "citation" and isinstance(value, dict):
        box.locator("input[name=first]").fill(value["first"])
        box.locator("input[name=last]").fill(value["last"])
        box.locator("input[name=last]").press("Tab")
    elif kind == "parts":
        for label, text in value.items():
            box.locator(f"textarea[name='p-{label}']").fill(text)
        box.locator(f"textarea[name='p-{label}']").press("Tab")
    else:
        field = box.locator("[name=value]")
        field.fill(value)
        field.press("Tab")
    # The server's answer colours the question in the navigator.
    expect(page.locator(f"#nav-q{number}")).to_have_class(re.compile(r"\bis-answered\b"))


def expect_answer(page, number: int) -> None:
    q, value = QUESTIONS[number], ANSWERS[number]
    box = page.locator(f"#question-{number}")
    kind = q["kind"]
    if kind == "mc":
        expect(box.locator(f"input[value='{value}']")).to_be_checked()
    elif kind == "multi":
        for label in "ABCD":
            checkbox = box.locator(f"input[value='{label}']")
            if label in value:
                expect(checkbox).to_be_checked()
            else:
                expect(checkbox).not_to_be_checked()
    elif kind == "statements":
        for label, verdict in value.items():
            expect(box.locator(f"input[name='s-{label}'][value='{verdict}']")).to_be_checked()
    elif kind == "matching":
        for item, target in value.items():
            expect(box.locator(f"select[name='m-{item}']")).to_have_value(target)
    elif kind == "ordering":
        for place, label in enumerate(value, start=1):
            expect(box.locator(f"select[name='o-{place}']")).to_have_value(label)
    elif kind == "citation" and isinstance(value, dict):
        expect(box.locator("input[name=first]")).to_have_value(value["first"])
        expect(box.locator("input[name=last]")).to_have_value(value["last"])
    elif kind == "parts":
        for label, text in value.items():
            expect(box.locator(f"textarea[name='p-{label}']")).to_have_value(text)
    else:
        expect(box.locator("[name=value]")).to_have_value(value)
    expect(page.locator(f"#nav-q{number}")).to_have_class(re.compile(r"\bis-answered\b"))


def wait_until_saved(page) -> None:
    expect(page.locator("#exam")).to_have_attribute("data-pending", "0")
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "saved")


def test_the_demo_pupil_takes_the_demo_exam(live_server, page, demo_exam):
    page.set_default_timeout(15000)
    text_pk = demo_exam.exam_texts.get().text_id

    # Log in through the form; from her list of exams the pupil starts the demo.
    start_exam(page, live_server, demo_exam)
    attempt_url = page.url

    # Every question is there, the booklet beside it.
    numbers = sorted(QUESTIONS)
    expect(page.locator("article.exam-question")).to_have_count(len(numbers))
    expect(page.locator(f"#text-{text_pk}-line-109")).to_be_attached()

    # The first half, then a reload: every answer is still there.
    half = numbers[: len(numbers) // 2 + 1]
    for number in half:
        answer(page, number)
    wait_until_saved(page)
    expect(page.locator("#question-1 [data-state=saved]")).to_be_visible()
    page.reload()
    for number in half:
        expect_answer(page, number)
    expect(page.locator("[data-answered-count]")).to_have_text(str(len(half)))

    # A line reference in a stem highlights those lines in the booklet.
    page.locator("#question-8 a.exam-ref").first.click()
    for line in (65, 66, 67):
        expect(page.locator(f"#text-{text_pk}-line-{line}")).to_have_class(
            re.compile(r"\bis-highlighted\b")
        )
    for line in (64, 68):
        expect(page.locator(f"#text-{text_pk}-line-{line}")).not_to_have_class(
            re.compile(r"\bis-highlighted\b")
        )
    expect(page.locator(f"#text-{text_pk}-line-65")).to_be_in_viewport()
    page.screenshot(path="/tmp/pupil-exam-1280.png")

    # The rest, with a summary whose word count is shown against its limit.
    for number in numbers[len(half) :]:
        answer(page, number)
    summary_words = len(ANSWERS[15].split())
    expect(page.locator("#q15-words [data-words]")).to_have_text(str(summary_words))
    wait_until_saved(page)

    # On a phone: tabs, and a reference switches to the text.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#tab-booklet")).to_be_visible()
    expect(page.locator("#booklet-pane")).to_be_hidden()
    page.locator("#question-2 a.exam-ref").first.click()
    expect(page.locator("#booklet-pane")).to_be_visible()
    expect(page.locator(f"#text-{text_pk}-line-13")).to_have_class(
        re.compile(r"\bis-highlighted\b")
    )
    page.screenshot(path="/tmp/pupil-exam-390-text.png")
    page.locator("#tab-questions").click()
    page.screenshot(path="/tmp/pupil-exam-390.png")
    page.set_viewport_size({"width": 1280, "height": 860})

    # Handing in asks first; nothing is left unanswered.
    page.locator("#exam-submit").click()
    expect(page.locator("#submit-modal")).to_be_visible()
    expect(page.locator("#submit-modal [data-all-answered]")).to_be_visible()
    # Faded in (a locator wait: the CSP forbids the eval behind wait_for_function).
    expect(page.locator("#submit-modal")).to_have_css("opacity", "1")
    page.screenshot(path="/tmp/pupil-confirm.png")
    page.locator("#confirm-submit").click()
    expect(page).to_have_url(re.compile(r"/result/$"))

    total = sum(expected_points(n) for n in numbers)
    maximum = sum(q["max_points"] for q in QUESTIONS.values())
    grade = expected_grade(total, maximum, Decimal(DEMO["n_term"]))
    expect(page.locator("#result-total")).to_have_text(f"{total} / {maximum}")
    expect(page.locator("#result-grade")).to_have_text(str(grade).replace(".", ","))
    for number in numbers:
        expect(page.locator(f"#question-{number}")).to_have_attribute(
            "data-points", str(expected_points(number))
        )

    # The result page shows where an answer is found; a click highlights it.
    page.locator("#question-10 [data-answer-lines]").click()
    for line in (71, 72, 73):
        expect(page.locator(f"#text-{text_pk}-line-{line}")).to_have_class(
            re.compile(r"\bis-highlighted\b")
        )
    expect(page.locator(f"#text-{text_pk}-line-72")).to_be_in_viewport()
    page.screenshot(path="/tmp/pupil-result-1280.png")
    page.screenshot(path="/tmp/pupil-result-full.png", full_page=True)

    # The exam page now leads to the result; answers cannot change.
    page.goto(attempt_url)
    expect(page).to_have_url(re.compile(r"/result/$"))


def test_a_failed_save_warns_keeps_the_answer_and_is_retried(live_server, page, demo_exam):
    page.set_default_timeout(15000)
    start_exam(page, live_server, demo_exam)
    # Leaving with unsaved answers asks first; this pupil reloads anyway.
    page.on("dialog", lambda dialog: dialog.accept())

    # The connection to the server is gone: the save fails, the pupil is warned.
    page.route("**/answers/**", lambda route: route.abort("internetdisconnected"))
    field = page.locator("#question-10 [name=value]")
    field.fill("voordringkanalen")
    field.press("Tab")
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "failed")
    # The question says it is not saved: waiting for its next try, or trying again
    # (the two alternate while the connection stays down).
    # Polled from Python: the status span is replaced every second while it counts down.
    seen = set()
    for _ in range(100):
        seen.add(page.locator("#q10-status [data-state]").first.get_attribute("data-state"))
        if seen & {"retrying", "saving"}:
            break
        page.wait_for_timeout(200)
    assert seen & {"retrying", "saving"}, seen
    expect(page.locator("#exam-alert")).to_be_visible()
    expect(page.locator("#nav-q10")).not_to_have_class(re.compile(r"\bis-answered\b"))
    page.screenshot(path="/tmp/pupil-save-failed.png")

    # Reloading while still offline: the answer comes back from this computer.
    page.reload()
    expect(page.locator("#question-10 [name=value]")).to_have_value("voordringkanalen")

    # The connection is back: a retry saves it, and the server has it.
    page.unroute("**/answers/**")
    expect(page.locator("#nav-q10")).to_have_class(re.compile(r"\bis-answered\b"), timeout=20000)
    wait_until_saved(page)
    expect(page.locator("#exam-alert")).to_be_hidden()
    answer = Answer.objects.get(attempt__exam=demo_exam, question__number=10)
    assert answer.response == "voordringkanalen"

    # An impossible answer is refused with a message next to the question.
    paragraph = page.locator("#question-13 [name=value]")
    paragraph.fill("9")
    paragraph.press("Tab")
    expect(page.locator("#q13-error .alert")).to_be_visible()
    expect(page.locator("#q13-status [data-state=invalid]")).to_be_visible()
    expect(page.locator("#nav-q13")).not_to_have_class(re.compile(r"\bis-answered\b"))
    page.locator("#question-13").screenshot(path="/tmp/pupil-refused.png")
