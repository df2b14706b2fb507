"""A pupil takes a few questions of the complete small exam imported from its papers
(tests/papers/, issue 12) in a real browser.

What the import put on the exam page and a hand-written exam does not have: the text's
introduction read from the question booklet, the shared context with its quotation and
line reference as the booklet prints it, and a gap whose open place is printed in the
second text's line 6 (the stem points there). The pupil follows both references into
the booklet, answers three questions (one over its word limit), hands in, and the
result shows the points the marking scheme gives for the closed ones.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exam.models import Exam
from exam.services import start_attempt
from tests.browser.browser_builders import log_in
from tests.import_builders import import_complete_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HIGHLIGHTED = re.compile(r"\bis-highlighted\b")
SUMMARY = (
    "Wie 's nachts wakker ligt, is niet ziek, want vroeger sliepen mensen in twee delen. "
    "Dat uur ertussen gebruikten ze om na te denken, te bidden of te praten. Nu zien we "
    "wakker liggen ten onrechte als een probleem, en daardoor gaan we er ook slechter "
    "van slapen."
)


def test_a_pupil_follows_the_imported_references_answers_and_hands_in(
    page, live_server, teacher, pupil
):
    page.set_default_timeout(15000)
    exam = import_complete_exam(author=teacher)
    # Free practice, so the pupil can start it without a class.
    exam.practice_visibility = Exam.PracticeVisibility.OPEN
    exam.save(update_fields=["practice_visibility"])
    first, second = [et.text for et in exam.exam_texts.order_by("position")]
    attempt = start_attempt(pupil=pupil, exam=exam)
    log_in(page, live_server, pupil)
    page.goto(live_server.url + reverse("pupil:attempt-detail", args=[attempt.pk]))

    expect(page.locator(f"#text-{first.pk}-exam-intro")).to_contain_text(
        "Tekst 1 bestaat uit zes alinea's."
    )
    # The shared context above questions 3 to 6: its "(regels 14-15)" shows its lines.
    context = page.locator("#question-3 .exam-context")
    expect(context).to_contain_text("“Wie zich nooit verveelt, denkt nooit echt na”")
    context.locator("a.exam-ref").click()
    for line in (14, 15):
        expect(page.locator(f"#text-{first.pk}-line-{line}")).to_have_class(HIGHLIGHTED)
    expect(page.locator(f"#text-{first.pk}-line-16")).not_to_have_class(HIGHLIGHTED)

    # Question 7's "regel 6" is line 6 of text 2, where the open place is printed.
    page.locator("#question-7 a.exam-ref").click()
    gap_line = page.locator(f"#text-{second.pk}-line-6")
    expect(gap_line).to_have_class(HIGHLIGHTED)
    expect(gap_line).to_be_in_viewport()
    expect(gap_line).to_contain_text("achter die … werkt")

    page.locator("#question-1 input[value='B']").check()
    gap = page.locator("#question-7 [name=value]")
    gap.fill("stilte")
    gap.press("Tab")
    summary = page.locator("#question-11 [name=value]")
    summary.fill(SUMMARY)
    summary.press("Tab")
    counter = page.locator("#q11-words")
    expect(counter).to_contain_text("48 / 40")
    expect(counter).to_have_class(re.compile(r"\bis-over\b"))
    for number in (1, 7, 11):
        expect(page.locator(f"#nav-q{number}")).to_have_class(re.compile(r"\bis-answered\b"))
    expect(page.locator("#exam")).to_have_attribute("data-pending", "0")

    page.locator("#exam-submit").click()
    expect(page.locator("#submit-modal")).to_have_css("opacity", "1")
    page.locator("#confirm-submit").click()
    expect(page).to_have_url(re.compile(r"/result/$"))
    # Key B and an accepted word: the scheme's point each; question 4 was left open.
    expect(page.locator("#question-1")).to_have_attribute("data-points", "1")
    expect(page.locator("#question-7")).to_have_attribute("data-points", "1")
    expect(page.locator("#question-4")).to_have_attribute("data-points", "0")
