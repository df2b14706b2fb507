"""A teacher imports an exam from its papers in a real browser (issue 12): the import
form (with a fake importer in place of exam.papers.importing, in the live server's
process), the review report, confirming every question and publishing."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exam.models import Exam
from tests.browser.axe import assert_no_serious_violations
from tests.browser.browser_builders import log_in
from tests.import_builders import install_fake_importer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    # No fades: axe measures the colours the page settles on, not a transition.
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def importer(monkeypatch):
    return install_fake_importer(monkeypatch)


def test_a_teacher_imports_reviews_confirms_and_publishes(
    page, live_server, seed_text, teacher, importer
):
    base = live_server.url
    log_in(page, live_server, teacher)
    page.goto(base + reverse("teacher:exam-list"))
    page.locator("#import-exam").click()
    expect(page.locator("h1")).to_have_text("Examen importeren")

    # Sent without a booklet: the form comes back with the title kept.
    page.fill("#id_title", "CE proef 2021")
    page.select_option("#id_text_1", str(seed_text.pk))
    page.locator("#import-submit").click()
    expect(page.locator("#id_booklet_file").locator("xpath=..")).to_contain_text(
        "Upload het opgavenboekje"
    )
    expect(page.locator("#id_title")).to_have_value("CE proef 2021")
    assert_no_serious_violations(page, context="the import form with an error")

    page.fill("#id_booklet_text", "Tekst 1 Een proef\n1p 1 Wat bedoelt de schrijver?")
    page.locator("#import-submit").click()
    exam = Exam.objects.get(title="CE proef 2021")
    expect(page).to_have_url(base + reverse("teacher:exam-import-report", args=[exam.pk]))
    table = page.locator("#import-report")
    expect(table.locator(".report-certainty")).to_have_text(["zeker", "onzeker", "niet herkend"])
    expect(page.locator("#report-3 .report-notes")).to_contain_text("verschillende punten (2 en 3)")
    expect(page.locator("#unconfirmed")).to_contain_text("1, 2, 3")
    assert_no_serious_violations(page, context="the import report")

    # Publishing now is refused, naming the unconfirmed questions.
    page.goto(base + reverse("teacher:exam-detail", args=[exam.pk]))
    page.locator("#publish-button").click()
    expect(page.locator("#publish-problems")).to_contain_text("1, 2, 3 zijn nog niet bevestigd")
    expect(page.locator("#exam-state")).to_have_text("concept")

    # Question 1 and 3: opened from the report and confirmed as they are.
    for number in (1, 3):
        page.locator("#import-report-link").click()
        page.locator(f"#report-{number} .report-open").click()
        expect(page.locator("#confirm-note")).to_be_visible()
        page.locator("#confirm-question").click()
        expect(page.locator(f"#report-{number} .report-confirmed")).to_have_text("bevestigd")
    # Question 2: saved through its form.
    page.locator("#report-2 .report-open").click()
    page.locator("#question-form .btn-primary").last.click()
    expect(page).to_have_url(re.compile(r"#question-\d+$"))

    page.locator("#import-report-link").click()
    expect(page.locator("#all-confirmed")).to_be_visible()
    page.goto(base + reverse("teacher:exam-detail", args=[exam.pk]))
    page.locator("#publish-button").click()
    expect(page.locator("#exam-state")).to_have_text("gepubliceerd")
    exam.refresh_from_db()
    assert exam.is_published
    assert not exam.questions.filter(needs_confirmation=True).exists()
