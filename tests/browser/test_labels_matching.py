"""Labels as the exam prints them and matching with several targets, in a real browser.

A teacher writes, through the teacher's pages, a multiple-response question whose seven
options are numbered ("Noteer alleen de nummers") and a matching question where each
person may hold several opinions; a pupil answers both (the "Kies er 3" counter warns
at a fourth box), hands in, and the scores are as the rules say: 2 of 3 right options
is 2 points; 3 right links - 1 wrong link is 2 points.
"""

import re

import pytest
from playwright.sync_api import expect

from exam.models import Answer, Attempt, Exam
from tests.browser.axe import assert_no_serious_violations
from tests.browser.browser_builders import log_in, wait_for_database

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Standpunten en nummers"
OPTIONS = [f"standpunt {n}" for n in range(1, 8)]
PERSONS = ["Jansen", "De Vries", "Bakker"]


def submit(page, exam_url):
    page.locator("main form .btn-primary").last.click()
    expect(page).to_have_url(re.compile(re.escape(exam_url) + r"#question-\d+$"))


def response_of(attempt, number):
    answer = Answer.objects.filter(attempt=attempt, question__number=number).first()
    return answer.response if answer else None


def test_a_numbered_multi_response_and_a_multi_target_matching_question(
    page, browser, live_server, seed_text, teacher, pupil
):
    base = live_server.url
    page.set_default_timeout(15000)
    log_in(page, live_server, teacher)
    page.goto(f"{base}/teacher/exams/new/")
    page.fill("[name=title]", TITLE)
    page.select_option("[name=text_1]", label=seed_text.title)
    page.check("[name=practice_visibility][value=open]")
    page.locator("main form .btn-primary").last.click()
    expect(page).to_have_url(re.compile(r"/teacher/exams/\d+/$"))
    exam_url = page.url

    # Multiple response, numbered: choosing numbers shows the form again in numbers.
    page.goto(f"{exam_url}questions/new/?kind=multi")
    page.check("[name=labels][value=number]")
    expect(page.locator("input[name=keys][value='1']")).to_have_count(1)
    expect(page.locator("input[name=keys][value='A']")).to_have_count(0)
    while page.locator("[name^=options-][name$=-content]").count() < len(OPTIONS):
        page.locator("button[name=more][value=options]").click()
        page.wait_for_load_state()
    page.fill("[name=stem]", "Welke drie standpunten noemt de schrijver? Noteer alleen de nummers.")
    page.fill("[name=max_points]", "3")
    for index, text in enumerate(OPTIONS):
        page.fill(f"[name=options-{index}-content]", text)
    for key in ("2", "5", "7"):
        page.check(f"input[name=keys][value='{key}']")
    page.fill("[name=choose]", "3")
    page.check("[name=mode][value=per]")
    submit(page, exam_url)

    # Matching: persons numbered, opinions A-E, several opinions per person.
    page.goto(f"{exam_url}questions/new/?kind=matching")
    page.check("[name=item_labels][value=number]")
    expect(page.locator("#row-items-0")).to_have_attribute("data-label", "1")
    page.check("[name=target_labels][value=upper]")
    expect(page.locator("#row-targets-0")).to_have_attribute("data-label", "A")
    while page.locator("[name^=targets-][name$=-content]").count() < 5:
        page.locator("button[name=more][value=targets]").click()
        page.wait_for_load_state()
    page.fill("[name=stem]", "Geef bij elke persoon aan welke standpunten hij verdedigt.")
    page.fill("[name=max_points]", "4")
    for index, person in enumerate(PERSONS):
        page.fill(f"[name=items-{index}-content]", person)
    for index, target in enumerate("ABCDE"):
        page.fill(f"[name=targets-{index}-content]", f"opvatting {target}")
    # The boxes show once "several targets" is ticked; the selects hide.
    expect(page.locator("select[name=items-0-pair]")).to_be_visible()
    page.check("[name=multiple]")
    expect(page.locator("select[name=items-0-pair]")).to_be_hidden()
    for index, targets in ((0, "AC"), (2, "CE")):
        for target in targets:
            page.check(f"input[name=items-{index}-links][value={target}]")
    page.check("[name=mode][value=per]")
    assert_no_serious_violations(page, context="matching form, several targets per item")
    submit(page, exam_url)

    exam = Exam.objects.get(title=TITLE)
    multi, matching = exam.questions.order_by("number")
    assert multi.scoring == {"keys": ["2", "5", "7"], "choose": 3, "per_correct": 1}
    assert list(multi.choices.values_list("label", flat=True).order_by("position")) == [
        str(n) for n in range(1, 8)
    ]
    assert matching.scoring == {
        "pairs": {"1": ["A", "C"], "2": [], "3": ["C", "E"]},
        "multiple": True,
        "per_pair": 1,
    }
    page.goto(exam_url)
    page.locator("form[action$='/publish/'] button").first.click()
    page.wait_for_load_state()
    exam.refresh_from_db()
    assert exam.is_published

    # The pupil practises it.
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    pupil_page = context.new_page()
    pupil_page.set_default_timeout(15000)
    log_in(pupil_page, live_server, pupil)
    pupil_page.goto(f"{base}/pupil/")
    pupil_page.locator(f"form[action$='/exams/{exam.pk}/start/'] button").click()
    expect(pupil_page).to_have_url(re.compile(r"/pupil/attempts/\d+/$"))
    attempt = Attempt.objects.get(pupil=pupil, exam=exam)

    first = pupil_page.locator("#question-1")
    choose = first.locator("[data-choose]")
    expect(choose.locator("legend")).to_contain_text("Kies er 3.")
    for value in ("7", "2", "4"):
        first.locator(f"input[name=value][value='{value}']").check()
    expect(choose.locator("[data-chosen]")).to_have_text("3")
    # A fourth box: the counter warns (it does not count).
    first.locator("input[name=value][value='1']").check()
    expect(choose).to_have_class(re.compile(r"\bis-over\b"))
    first.locator("input[name=value][value='1']").uncheck()
    expect(choose).not_to_have_class(re.compile(r"\bis-over\b"))
    wait_for_database(lambda: sorted(response_of(attempt, 1) or []) == ["2", "4", "7"])

    second = pupil_page.locator("#question-2")
    expect(second.locator("select")).to_have_count(0)
    for item, target in (("1", "A"), ("1", "B"), ("3", "C"), ("3", "E")):
        second.locator(f"input[name=m-{item}][value={target}]").check()
    wait_for_database(lambda: response_of(attempt, 2) == {"1": ["A", "B"], "3": ["C", "E"]})
    assert_no_serious_violations(pupil_page, context="exam page, a grid of boxes")

    pupil_page.locator("#exam-submit").click()
    pupil_page.locator("#confirm-submit").click()
    expect(pupil_page).to_have_url(re.compile(r"/result/$"))
    # 2 of 3 right options: 2; links: 3 right - 1 wrong = 2.
    expect(pupil_page.locator("#result-total")).to_have_attribute("data-total", "4")
    expect(pupil_page.locator("#question-1")).to_have_attribute("data-points", "2")
    result = pupil_page.locator("#question-2")
    expect(result).to_have_attribute("data-points", "2")
    jansen = result.locator("[data-links-row='1']")
    expect(jansen.locator("[data-link=right]")).to_contain_text("A")
    expect(jansen.locator("[data-link=wrong]")).to_contain_text("B")
    expect(jansen.locator("[data-link=missed]")).to_contain_text("C")
    # The matching result itself (the pane around it is checked in test_accessibility;
    # a result page with no link in any question is left to that module).
    assert_no_serious_violations(
        pupil_page, include=["#question-2"], context="result page, links per item"
    )
    attempt.refresh_from_db()
    assert attempt.total_points == 4
    context.close()
