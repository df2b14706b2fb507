"""The whole teacher story in a real browser, with the pupil in a second browser.

The teacher writes an exam on the seed text with one question of every kind through
the authoring pages, previews and publishes it, makes a class and assigns the exam in
exam mode with a time limit. The pupil takes it within the time limit. The teacher
grades the open answer with the element checkboxes (keyboard only) and releases the
results; then the pupil sees the final score and the answer model.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exam.models import Answer, Attempt, Exam
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAM_TITLE = "Proefexamen brutalen"
OPEN_ELEMENTS = ["ze werden gebeld door het RRT", "omdat ze op Twitter actief waren"]

# One question of every kind: (kind, stem, points, text fields, choices to pick).
QUESTIONS = [
    (
        "mc",
        "Welke bewering past het best bij alinea 1?",
        1,
        {
            "options-0-content": "De SVB werkt snel.",
            "options-1-content": "Wie twittert, wordt eerder geholpen.",
            "options-2-content": "Twitter is onbetrouwbaar.",
            "options-3-content": "De overheid betaalt te veel.",
        },
        {"key": "B"},
    ),
    (
        "multi",
        "Welke twee gevolgen van de achterstand noemt alinea 1?",
        2,
        {
            "options-0-content": "Hulpverleners kregen hun geld niet.",
            "options-1-content": "De SVB werd opgeheven.",
            "options-2-content": "Er kwam een Kamerdebat.",
            "options-3-content": "Twitter werd verboden.",
        },
        {"keys": ["A", "C"]},
    ),
    (
        "statements",
        "Geef van elk van de beweringen aan of deze juist of onjuist is.",
        2,
        {
            "statements-0-content": "De SVB had een achterstand.",
            "statements-1-content": "Twitteraars werden genegeerd.",
            "statements-2-content": "Er kwam een Kamerdebat.",
            "table-0-points": "0",
            "table-1-points": "0",
            "table-2-points": "1",
            "table-3-points": "2",
        },
        {
            "statements-0-answer": "juist",
            "statements-1-answer": "onjuist",
            "statements-2-answer": "juist",
        },
    ),
    (
        "matching",
        "Welk tekstgedeelte hoort bij welke functie?",
        2,
        {
            "items-0-content": "alinea 1",
            "items-1-content": "alinea 2",
            "targets-0-content": "voorbeeld",
            "targets-1-content": "algemene regel",
        },
        {"items-0-pair": "1", "items-1-pair": "2"},
    ),
    (
        "ordering",
        "Zet de gebeurtenissen in de volgorde van de tekst.",
        1,
        {
            "options-0-content": "Kamerdebat",
            "options-1-content": "achterstand bij de SVB",
            "options-2-content": "onrust op Twitter",
            "order": "B C A",
        },
        {},
    ),
    (
        "paragraph",
        "In welke alinea staat dat wie twittert wordt gehoord?",
        1,
        {"accepted": "2"},
        {},
    ),
    (
        "citation",
        "Citeer de zin uit alinea 1 waarin staat hoe groot de nood was.",
        1,
        {"spans": "De nood was hoog."},
        {},
    ),
    (
        "gap",
        "Welk woord past op de plaats van de puntjes: 'Laat de ... niet voordringen'?",
        1,
        {"gaps-0-accepted": "brutalen"},
        {},
    ),
    (
        "open",
        "Leg uit waarom de twitteraars volgens alinea 1 trots waren.",
        2,
        {
            "elements-0-text": OPEN_ELEMENTS[0],
            "elements-0-keywords": "gebeld, telefoontje",
            "elements-1-text": OPEN_ELEMENTS[1],
            "elements-1-keywords": "twitter*",
        },
        {},
    ),
    (
        "summary",
        "Vat alinea 1 samen in maximaal 30 woorden.",
        2,
        {
            "word_limit": "30",
            "elements-0-text": "achterstand bij de SVB",
            "elements-0-keywords": "achterstand",
            "elements-1-text": "twitteraars kregen voorrang",
            "elements-1-keywords": "twitter*, voorrang",
        },
        {},
    ),
]
OPEN_NUMBER = 9


def log_in(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button").click()
    page.wait_for_load_state()


def add_question(page, exam_url, kind, stem, points, fields, picks):
    page.goto(f"{exam_url}questions/new/?kind={kind}")
    page.fill("[name=stem]", stem)
    page.fill("[name=max_points]", str(points))
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    for name, value in picks.items():
        if page.locator(f"select[name={name}]").count():
            page.select_option(f"select[name={name}]", value)
        else:
            for one in value if isinstance(value, list) else [value]:
                page.check(f"[name={name}][value={one}]")
    page.locator("main form .btn-primary").last.click()
    # Back on the exam page, at the new question: the form was accepted.
    expect(page).to_have_url(re.compile(re.escape(exam_url) + r"#question-\d+$"))


def test_a_teacher_sets_an_exam_the_pupil_takes_it_and_sees_the_graded_result(
    page, browser, live_server, seed_text, teacher, pupil
):
    base = live_server.url
    page.set_default_timeout(15000)

    # The teacher writes the exam on the seed text, one question of every kind.
    log_in(page, base, "teacher")
    page.goto(f"{base}/teacher/exams/new/")
    page.fill("[name=title]", EXAM_TITLE)
    page.select_option("[name=text_1]", label=seed_text.title)
    page.locator("main form .btn-primary").last.click()
    expect(page).to_have_url(re.compile(r"/teacher/exams/\d+/$"))
    exam_url = page.url
    for question in QUESTIONS:
        add_question(page, exam_url, *question)
    exam = Exam.objects.get(title=EXAM_TITLE)
    assert sorted(exam.questions.values_list("kind", flat=True)) == sorted(q[0] for q in QUESTIONS)

    # ... previews it as a pupil would see it, and publishes it.
    page.goto(f"{exam_url}preview/")
    expect(page.get_by_text(QUESTIONS[OPEN_NUMBER - 1][1])).to_be_visible()
    page.screenshot(path="/tmp/flow-1-preview.png", full_page=True)
    page.goto(exam_url)
    page.locator("form[action$='/publish/'] button").first.click()
    page.wait_for_load_state()
    exam.refresh_from_db()
    assert exam.is_published

    # The teacher makes a class, adds the pupil and assigns the exam in exam mode.
    page.goto(f"{base}/teacher/classes/")
    page.fill("#id_name", "5 HAVO b")
    page.locator("main form .btn-primary").click()
    expect(page.locator("#join-code")).to_be_visible()
    page.fill("#id_username", "pupil")
    page.locator("form[action$='/pupils/add/'] button").click()
    expect(page.locator("#member-table")).to_contain_text("pupil")
    page.locator("a[href$='/assign/']").click()
    page.select_option("[name=exam]", label=EXAM_TITLE)
    page.check("[name=mode][value=exam]")
    page.fill("[name=time_limit_minutes]", "30")
    page.locator("#assignment-form button").click()
    expect(page).to_have_url(re.compile(r"/teacher/assignments/\d+/$"))
    assignment_url = page.url
    page.screenshot(path="/tmp/flow-2-assignment.png", full_page=True)

    # The pupil, in a browser of their own, starts it from their assignments.
    pupil_context = browser.new_context(viewport={"width": 1280, "height": 900})
    pupil_page = pupil_context.new_page()
    pupil_page.set_default_timeout(15000)
    log_in(pupil_page, base, "pupil")
    pupil_page.goto(f"{base}/me/assignments/")
    row = pupil_page.locator("#assignment-table tr[data-status=open]")
    expect(row).to_contain_text(EXAM_TITLE)
    row.locator("button").click()
    expect(pupil_page).to_have_url(re.compile(r"/pupil/attempts/\d+/$"))
    attempt = Attempt.objects.get(pupil=pupil, exam=exam)
    assert attempt.deadline_at is not None

    # ... answers the multiple-choice and the open question, and hands in.
    first = pupil_page.locator("#question-1")
    first.locator("input[name=value][value=B]").check()
    expect(first.locator("#q1-status")).not_to_be_empty()
    open_question = pupil_page.locator(f"#question-{OPEN_NUMBER}")
    open_question.locator("textarea[name=value]").fill("Ze werden gebeld omdat ze klaagden.")
    open_question.locator("textarea[name=value]").blur()
    expect(open_question.locator(f"#q{OPEN_NUMBER}-status")).not_to_be_empty()
    pupil_page.locator("#exam-submit").click()
    pupil_page.locator("#confirm-submit").click()
    # Exam mode: handing in leads to the assignments, not to a score.
    expect(pupil_page).to_have_url(re.compile(r"/me/assignments/$"))
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    assert attempt.submitted_at < attempt.deadline_at
    assert attempt.deadline_at - attempt.started_at == timezone.timedelta(minutes=30)

    # Before the release the pupil's list says the result is not there yet.
    pupil_page.goto(f"{base}/me/assignments/")
    expect(pupil_page.locator("#assignment-table tr[data-status=submitted]")).to_be_visible()
    expect(pupil_page.locator("a[href$='/result/']")).to_have_count(0)
    # ... and the result page itself stays closed until then.
    pupil_page.goto(f"{base}/pupil/attempts/{attempt.pk}/result/")
    expect(pupil_page).to_have_url(re.compile(r"/me/assignments/$"))

    # The teacher grades the open answer in the queue with the keyboard only.
    page.goto(assignment_url)
    page.locator("#marking-link").click()
    page.locator("#queue-table tr.table-warning a").first.click()
    card = page.locator(".marking-answer").first
    # The keys work once the marking script has started.
    expect(page.locator("[data-marking][data-keyboard-ready=true]")).to_have_count(1)
    expect(card).to_contain_text("Ze werden gebeld omdat ze klaagden.")
    expect(card.locator("input[name=elements]")).to_have_count(2)
    # The keyword proposal ticked element 1 already ("gebeld"); the teacher adds element 2.
    expect(card.locator("input[data-key='1']")).to_be_checked()
    page.keyboard.press("2")
    expect(card.locator("input[data-key='2']")).to_be_checked()
    page.screenshot(path="/tmp/flow-3-marking.png", full_page=True)
    page.keyboard.press("Enter")
    expect(page.locator(".marking-answer.is-scored")).to_have_count(1)
    answer = Answer.objects.get(attempt=attempt, question__number=OPEN_NUMBER)
    assert (answer.final_points, answer.scored_by_id) == (2, teacher.pk)

    # ... and releases the results.
    page.goto(assignment_url)
    page.locator("#release-button").click()
    expect(page.locator("#release-button")).to_have_count(0)

    # The pupil now sees the final score, the teacher's mark and the answer model.
    pupil_page.goto(f"{base}/me/assignments/")
    results_row = pupil_page.locator("#assignment-table tr[data-status=results]")
    results_row.locator("a[href$='/result/']").click()
    attempt.refresh_from_db()
    total = pupil_page.locator("#result-total")
    expect(total).to_have_attribute("data-total", str(attempt.total_points))
    assert attempt.total_points == 3  # MC 1 + open 2 (teacher)
    graded = pupil_page.locator(f"#question-{OPEN_NUMBER}")
    expect(graded).to_have_attribute("data-source", "teacher")
    expect(graded).to_have_attribute("data-points", "2")
    expect(graded).to_contain_text(OPEN_ELEMENTS[1])
    pupil_page.screenshot(path="/tmp/flow-4-result.png", full_page=True)
    pupil_context.close()
