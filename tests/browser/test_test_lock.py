"""While an exam is a class's test, pupils try the three old ways to its answer model.

The exam carries marker strings in its model answers, explanations and elements. A
pupil of the class opens the result of her practice before the test and tries to go
on with the practice attempt she had open; a pupil of no class tries to practise it.
Each reads why not, and no page shows a marker.
"""

import re

import pytest
from playwright.sync_api import expect

from exam import services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from tests.browser.browser_builders import log_in
from tests.exam_builders import build_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = re.compile(r"SECRET[A-Z0-9]+Q\d+X", re.IGNORECASE)


def assert_no_model(page) -> None:
    assert SECRET.findall(page.content()) == []


def test_no_pupil_reaches_the_model_of_a_running_test(
    page, live_server, teacher, pupil, other_pupil, seed_text
):
    exam = build_exam(author=teacher, text=seed_text, kinds=["mc", "open"], count=2, markers=True)
    earlier = services.submit_attempt(attempt=services.start_attempt(pupil=pupil, exam=exam))
    still_open = services.start_attempt(pupil=pupil, exam=exam)
    classroom = class_services.create_classroom(teacher=teacher, name="5H")
    class_services.add_pupil(classroom=classroom, username=pupil.username)
    assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=50
    )

    log_in(page, live_server, pupil)
    page.goto(f"{live_server.url}/pupil/")
    # Her home puts the test first and offers no practice of it.
    expect(page.locator("#home-assignments")).to_contain_text(exam.title)
    expect(page.locator("#home-practice")).to_contain_text("Je klas heeft dit examen als toets")
    assert_no_model(page)

    # (a) The result of the practice she made before the test.
    page.goto(f"{live_server.url}/pupil/attempts/{earlier.pk}/result/")
    expect(page.locator("[data-model-locked]")).to_contain_text("het antwoordmodel verborgen")
    assert_no_model(page)

    # (b) The practice attempt she had open: going on with it, or handing it in.
    for path in ("", "submit/"):
        page.goto(f"{live_server.url}/pupil/attempts/{still_open.pk}/{path}")
        expect(page.locator(".alert").first).to_contain_text("Je klas heeft dit examen als toets")
        assert_no_model(page)
    still_open.refresh_from_db()
    assert still_open.submitted_at is None

    # (c) A pupil of no class, on the same exam.
    page.context.clear_cookies()
    log_in(page, live_server, other_pupil)
    page.goto(f"{live_server.url}/pupil/")
    row = page.locator("#home-practice .exam-card", has_text=exam.title)
    expect(row).to_contain_text("wordt nu als toets gebruikt")
    expect(row.locator("button")).to_have_count(0)
    assert_no_model(page)
