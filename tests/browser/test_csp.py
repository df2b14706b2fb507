"""Every page type under the enforced Content-Security-Policy: not one violation.

The policy allows no inline script (docs/security.md). A violation shows in two places:
Chromium logs an error on the console ("Refused to ...", or in newer versions "...
violates the following Content Security Policy directive"), and the page fires a
securitypolicyviolation event; the test listens for both on every page.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.demo import ensure_demo_exam
from exam.demo_results import ensure_demo_class
from exam.models import Attempt, Membership
from exam.services import submit_attempt
from tests.conftest import SEED_PATH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class PolicyWatch:
    """A browser context for one user that collects every policy violation."""

    def __init__(self, browser, live_server, user=None):
        self.live_server = live_server
        self.context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 860})
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.refused = []
        self.page = self.context.new_page()
        self.page.on("console", lambda message: self._note(message.text))
        if user is not None:
            client = Client()
            client.force_login(user)
            self.context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": live_server.url,
                    }
                ]
            )

    def _note(self, text):
        # Older Chromium: "Refused to execute inline script because it violates ...";
        # newer: "Executing inline script violates the following Content Security Policy".
        if "Refused to" in text or "Content Security Policy" in text:
            self.refused.append(text)

    def visit(self, path):
        response = self.page.goto(self.live_server.url + path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert (
            "script-src 'self'" in policy
            and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        )
        return self.page

    def assert_clean(self, where):
        self.page.wait_for_load_state("load")
        events = self.page.evaluate("window.__cspViolations")
        assert (self.refused, events) == ([], []), where


@pytest.fixture
def demo(teacher, admin_user, pupil):
    exam, _created = ensure_demo_exam(author=teacher)
    results_class = ensure_demo_class(teacher=teacher, exam=exam)
    exam_class = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=exam_class, pupil=pupil)
    timed = assignment_services.assign_exam(
        classroom=exam_class, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=50
    )
    return {
        "exam": exam,
        "results": results_class.assignments.get(exam=exam),
        "class": exam_class,
        "timed": timed,
    }


def test_no_page_breaks_the_content_security_policy(
    browser, live_server, pupil, teacher, admin_user, demo
):
    # Logged out: the login page.
    anonymous = PolicyWatch(browser, live_server)
    anonymous.visit(reverse("accounts:login"))
    anonymous.assert_clean("login")

    # The pupil: home, an exam in exam mode with its countdown, an answer saved, the result.
    watch = PolicyWatch(browser, live_server, pupil)
    watch.visit(reverse("pupil:home"))
    watch.assert_clean("pupil home")
    watch.visit(reverse("pupil:assignment-list"))
    watch.assert_clean("pupil assignments")
    page = watch.page
    page.locator(f"form[action$='/assignments/{demo['timed'].pk}/start/'] button").click()
    expect(page).to_have_url(re.compile(r"/pupil/attempts/\d+/$"))
    # The countdown (static/js/site.js, formerly inline) runs: it shows minutes:seconds.
    expect(page.locator("#assignment-countdown [data-remaining]")).to_have_text(
        re.compile(r"^4\d:\d\d$")
    )
    first_mc = page.locator("form.exam-answer[data-kind='mc']").first
    first_mc.locator("input[type=radio]").first.check()
    expect(page.locator("#exam")).to_have_attribute("data-pending", "0")
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "saved")
    watch.assert_clean("exam page with an answer saved")
    attempt = Attempt.objects.get(pupil=pupil, assignment=demo["timed"])
    watch.visit(reverse("pupil:attempt-submit", args=[attempt.pk]))
    watch.assert_clean("hand in")
    submit_attempt(attempt=attempt)
    watch.visit(reverse("pupil:attempt-result", args=[attempt.pk]))
    watch.assert_clean("result")

    # The teacher: dashboard, authoring, a class, results with charts, a timed attempt.
    teach = PolicyWatch(browser, live_server, teacher)
    exam = demo["exam"]
    question = exam.questions.order_by("number").first()
    for name, path in [
        ("dashboard", reverse("teacher:dashboard")),
        ("exam list", reverse("teacher:exam-list")),
        ("exam detail", reverse("teacher:exam-detail", args=[exam.pk])),
        ("question form", reverse("teacher:question-edit", args=[exam.pk, question.pk])),
        ("exam preview", reverse("teacher:exam-preview", args=[exam.pk])),
        ("answer model", reverse("teacher:answer-model", args=[exam.pk])),
        ("class list", reverse("teacher:class-list")),
        ("class", reverse("teacher:class-detail", args=[demo["class"].pk])),
        ("assignment", reverse("teacher:assignment-detail", args=[demo["timed"].pk])),
        ("results", reverse("teacher:assignment-results", args=[demo["results"].pk])),
        ("exam results", reverse("teacher:exam-results", args=[exam.pk])),
        ("marking queue", reverse("teacher:marking-queue", args=[demo["results"].pk])),
    ]:
        teach.visit(path)
        teach.assert_clean(name)
        if name == "results":
            assert teach.page.locator("figure.results-figure svg").count() == 4

    # The admin: the text list and an uploaded text's preview.
    admin = PolicyWatch(browser, live_server, admin_user)
    admin.visit(reverse("texts:text-list"))
    admin.assert_clean("text list")
    page = admin.visit(reverse("texts:text-upload"))
    page.locator("input[type=file]").set_input_files(str(SEED_PATH))
    page.locator("form[enctype] button[type=submit]").first.click()
    expect(page.locator("form[action$='/texts/upload/save/']")).to_be_visible()
    admin.assert_clean("text upload preview")

    # The pupil's result page, after handing in.
    watch.visit(reverse("pupil:results"))
    watch.assert_clean("my results")
    for context in (anonymous, watch, teach, admin):
        context.context.close()
