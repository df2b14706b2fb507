"""A statements question with a pair of words the teacher types, in a real browser:
the two word fields show only for that choice, the answers follow the pair (juist
becomes the first word, onjuist the second), and the preview shows the words."""

import re

import pytest
from playwright.sync_api import expect

from exam.models import Exam
from tests.browser.browser_builders import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_teacher_writes_statements_with_a_pair_of_her_own(page, live_server, seed_text, teacher):
    base = live_server.url
    page.set_default_timeout(15000)
    log_in(page, live_server, teacher)
    page.goto(f"{base}/teacher/exams/new/")
    page.fill("[name=title]", "Beweringen")
    page.select_option("[name=text_1]", label=seed_text.title)
    page.locator("main form .btn-primary").last.click()
    expect(page).to_have_url(re.compile(r"/teacher/exams/\d+/$"))
    exam_url = page.url

    page.goto(f"{exam_url}questions/new/?kind=statements")
    page.fill("[name=stem]", "Geef van elk van de beweringen aan of deze waar of niet waar is.")
    page.fill("[name=max_points]", "2")
    for index, text in enumerate(["De SVB had een achterstand.", "Twitter werd verboden."]):
        page.fill(f"[name=statements-{index}-content]", text)
    page.select_option("select[name=statements-0-answer]", "juist")
    page.select_option("select[name=statements-1-answer]", "onjuist")
    for count, points in enumerate(["0", "1", "2"]):
        page.fill(f"[name=table-{count}-points]", points)
    # The typed words show only for "two other words".
    expect(page.locator("[name=word_1]")).to_be_hidden()
    page.check("[name=pair][value=custom]")
    expect(page.locator("[name=word_1]")).to_be_visible()
    page.fill("[name=word_1]", "waar")
    page.fill("[name=word_2]", "niet waar")
    expect(page.locator("select[name=statements-1-answer] option:checked")).to_have_text(
        "niet waar"
    )
    page.locator("main form .btn-primary").last.click()
    expect(page).to_have_url(re.compile(re.escape(exam_url) + r"#question-\d+$"))

    question = Exam.objects.get(title="Beweringen").questions.get()
    assert question.scoring["values"] == ["waar", "niet waar"]
    assert question.scoring["answers"] == {"1": "waar", "2": "niet waar"}

    # The pupil's view shows a column per word.
    page.goto(f"{exam_url}preview/")
    table = page.locator(".exam-statements")
    expect(table.locator("thead th")).to_have_text(["Bewering", "waar", "niet waar"])
    expect(table.locator("input[type=radio][value='niet waar']")).to_have_count(2)
