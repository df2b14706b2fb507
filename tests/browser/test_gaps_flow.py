"""A three-gap question from start to grade, in a real browser: the teacher writes it
"to the marker", a pupil fills the gaps (one right, one near miss, one wrong but
defensible), the marker sees the near miss with the word it resembles and awards the
other two gaps, and the total and the grade follow."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Attempt, Choice, Exam, Membership, Question
from tests.browser.browser_builders import log_in, wait_for_database

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GAPS = ["wachtrij\nrij", "voordringkanalen", "voorrang"]


def test_a_three_gap_question_goes_to_the_marker_who_awards_the_points(
    page, browser, live_server, seed_text, teacher, pupil
):
    base = live_server.url
    page.set_default_timeout(15000)
    log_in(page, live_server, teacher)
    page.goto(f"{base}/teacher/exams/new/")
    page.fill("[name=title]", "Plaatsen")
    page.select_option("[name=text_1]", label=seed_text.title)
    page.locator("main form .btn-primary").last.click()
    expect(page).to_have_url(re.compile(r"/teacher/exams/\d+/$"))
    exam_url = page.url

    # The teacher writes the question: one row per gap, added with the button.
    page.goto(f"{exam_url}questions/new/?kind=gap")
    page.fill("[name=stem]", "Vul de woorden in op de plaatsen 1, 2 en 3.")
    page.fill("[name=max_points]", "3")
    page.fill("[name=gaps-0-accepted]", GAPS[0])
    for index in (1, 2):
        page.locator("button[name=more][value=gaps]").click()
        page.fill(f"[name=gaps-{index}-accepted]", GAPS[index])
    expect(page.locator("[name=gaps-0-accepted]")).to_have_value(GAPS[0])
    expect(page.get_by_label("Plaats 3")).to_have_value(GAPS[2])
    # New questions send what is not accepted to the marker.
    expect(page.locator("[name=review][value=marker]")).to_be_checked()
    page.screenshot(path="/tmp/gaps-1-form.png", full_page=True)
    page.locator("main form .btn-primary").last.click()
    expect(page).to_have_url(re.compile(re.escape(exam_url) + r"#question-\d+$"))
    exam = Exam.objects.get(title="Plaatsen")
    question = exam.questions.get()
    assert question.scoring == {
        "gaps": [
            {"accepted": ["wachtrij", "rij"]},
            {"accepted": ["voordringkanalen"]},
            {"accepted": ["voorrang"]},
        ],
        "per_gap": 1,
        "review": "marker",
    }

    # A second question of 1 point, which the pupil gets wrong: 4 points in all.
    mc = Question.objects.create(
        exam=exam,
        number=2,
        text=seed_text,
        kind="mc",
        stem="Welke?",
        max_points=1,
        scoring={"key": "A"},
    )
    for position, label in enumerate("ABCD"):
        Choice.objects.create(question=mc, label=label, content=f"optie {label}", position=position)
    Exam.objects.filter(pk=exam.pk).update(is_published=True)
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    assignment = assignment_services.assign_exam(
        classroom=room, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=30
    )
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)

    # The pupil fills the three gaps, each in its own labelled field, and hands in.
    pupil_context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    pupil_page = pupil_context.new_page()
    pupil_page.set_default_timeout(15000)
    log_in(pupil_page, live_server, pupil)
    pupil_page.goto(f"{base}/pupil/attempts/{attempt.pk}/")
    gaps = pupil_page.locator("#question-1")
    gaps.get_by_label("plaats 1").fill("rij")
    gaps.locator("[name=g-2]").fill("voordringkanaal")
    gaps.locator("[name=g-3]").fill("snelle weg")
    gaps.locator("[name=g-3]").blur()
    pupil_page.locator("#question-2 input[name=value][value=C]").check()
    expect(pupil_page.locator("#q2-status")).not_to_be_empty()
    wait_for_database(
        lambda: (
            Answer.objects.filter(attempt=attempt, question=question)
            .values_list("response", flat=True)
            .first()
            == ["rij", "voordringkanaal", "snelle weg"]
        )
    )
    answer = Answer.objects.get(attempt=attempt, question=question)
    gaps.screenshot(path="/tmp/gaps-2-pupil.png")
    pupil_page.locator("#exam-submit").click()
    pupil_page.locator("#confirm-submit").click()
    expect(pupil_page).to_have_url(re.compile(r"/me/assignments/$"))
    attempt.refresh_from_db()
    # Provisionally: the accepted gap only.
    assert (attempt.total_points, attempt.grade) == (1, Decimal("3.3"))

    # The marker opens the question from the queue.
    page.goto(f"{base}/teacher/assignments/{assignment.pk}/grade/")
    page.locator(f"a[href$='/grade/{question.pk}/']").first.click()
    card = page.locator(".marking-answer").first
    expect(card.locator("[data-gap='2'] [data-near-miss]")).to_have_text(
        "lijkt op: voordringkanalen"
    )
    expect(card.locator("[data-gap='3']")).to_contain_text("snelle weg")
    boxes = card.locator("input[name=elements]")
    expect(boxes).to_have_count(3)
    expect(boxes.nth(0)).to_be_checked()
    boxes.nth(1).check()
    boxes.nth(2).check()
    card.locator("input[name=reason]").fill("naar analogie")
    page.screenshot(path="/tmp/gaps-3-marking.png", full_page=True)
    card.locator("[data-save]").click()
    expect(page.locator(".marking-answer.is-scored")).to_have_count(1)

    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert (answer.final_points, answer.needs_review) == (3, False)
    # 3 of 4 points with N = 1.0: 9 * 3 / 4 + 1 = 7.75, rounded half up.
    assert (attempt.total_points, attempt.grade) == (3, Decimal("7.8"))
    page.goto(f"{base}/teacher/assignments/{assignment.pk}/")
    expect(page.locator("main")).to_contain_text("7,8")
    assert Attempt.objects.get(pk=attempt.pk).submitted_at is not None
    pupil_context.close()
