"""Gap questions through the pages: authoring several gaps, the pupil's fields, the
marking queue with its near misses, the marker's points and the result page."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from exam import problems
from exam.assignments import services as assignment_services
from exam.authoring import services as authoring
from exam.classes import services as class_services
from exam.models import Answer, Membership, Question
from exam.problems import Problem
from exam.services import submit_attempt

THREE_GAPS = {
    "gaps": [
        {"accepted": ["wachtrij", "rij"]},
        {"accepted": ["voordringkanalen"]},
        {"accepted": ["voorrang"]},
    ],
    "per_gap": 1,
    "review": "marker",
}


def gap_rows(*accepted):
    data = {"gaps-TOTAL_FORMS": len(accepted), "gaps-INITIAL_FORMS": 0}
    data.update({f"gaps-{i}-accepted": text for i, text in enumerate(accepted)})
    return data


def gap_post(seed_text, **changes):
    data = {
        "text": seed_text.pk,
        "stem": "Vul de woorden in op de plaatsen 1, 2 en 3.",
        "max_points": 3,
        "review": "marker",
        "mode": "per",
        "per_gap": 1,
        "table-TOTAL_FORMS": 4,
        "table-INITIAL_FORMS": 0,
        "explanation": "",
        "answer_lines": "",
        **gap_rows("wachtrij\nrij", "voordringkanalen", "voorrang"),
    }
    data.update(changes)
    return data


@pytest.fixture
def exam(teacher, seed_text):
    return authoring.create_exam(
        author=teacher, title="Gatenexamen", texts=[seed_text], practice_visibility="open"
    )


def create_url(exam):
    return reverse("teacher:question-create", args=[exam.pk]) + "?kind=gap"


# --- authoring ------------------------------------------------------------------------


def test_a_teacher_makes_a_three_gap_question_for_the_marker(teacher_client, exam, seed_text):
    response = teacher_client.post(create_url(exam), gap_post(seed_text))
    assert response.status_code == 302, response.context["form"].errors
    question = exam.questions.get()
    assert question.kind == "gap"
    assert question.scoring == THREE_GAPS


def test_a_score_table_over_the_right_gaps(teacher_client, exam, seed_text):
    table = {"table-0-points": 0, "table-1-points": 0, "table-2-points": 1, "table-3-points": 2}
    data = gap_post(seed_text, max_points=2, mode="table", review="final", **table)
    response = teacher_client.post(create_url(exam), data)
    assert response.status_code == 302, response.context["form"].errors
    scoring = exam.questions.get().scoring
    assert scoring["table"] == {"0": 0, "1": 0, "2": 1, "3": 2}
    assert "per_gap" not in scoring and "review" not in scoring


def test_one_filled_gap_stores_the_one_gap_shape(teacher_client, exam, seed_text):
    data = gap_post(seed_text, max_points=1, **gap_rows("voordringkanalen", ""))
    response = teacher_client.post(create_url(exam), data)
    assert response.status_code == 302, response.context["form"].errors
    assert exam.questions.get().scoring == {"accepted": ["voordringkanalen"], "review": "marker"}


def test_a_new_gap_question_goes_to_the_marker_by_default(teacher_client, exam):
    page = teacher_client.get(create_url(exam)).content.decode()
    assert re.search(r'name="review" value="marker"[^>]*checked', page)
    assert 'name="gaps-0-accepted"' in page and 'name="more" value="gaps"' in page


def test_adding_a_gap_shows_one_more_row_and_saves_nothing(teacher_client, exam, seed_text):
    data = {**gap_post(seed_text), "more": "gaps"}
    response = teacher_client.post(create_url(exam), data)
    assert response.status_code == 200
    assert not exam.questions.exists()
    page = response.content.decode()
    assert 'name="gaps-3-accepted"' in page
    assert 'name="table-4-points"' in page


def test_an_empty_gap_between_filled_ones_is_shown_on_its_row(teacher_client, exam, seed_text):
    data = gap_post(seed_text, **gap_rows("rij", "", "voorrang"))
    response = teacher_client.post(create_url(exam), data)
    assert response.status_code == 200
    assert not exam.questions.exists()
    form = response.context["form"]
    assert form.formsets["gaps"][1].errors["accepted"] == [
        "Vul de plaatsen op volgorde in: 2 is leeg."
    ]


def test_per_gap_points_must_add_up_to_the_maximum(teacher_client, exam, seed_text):
    response = teacher_client.post(create_url(exam), gap_post(seed_text, max_points=4))
    assert response.status_code == 200
    problem = Problem("per_gap", "per_best_not_max", {"count": 3, "per": 1, "total": 3, "max": 4})
    with translation.override("nl"):
        assert response.context["form"].errors["per_gap"] == [problems.message(problem)]


def test_editing_keeps_every_gap_and_the_review_choice(teacher_client, exam, seed_text):
    teacher_client.post(create_url(exam), gap_post(seed_text))
    question = exam.questions.get()
    edit = reverse("teacher:question-edit", args=[exam.pk, question.pk])
    page = teacher_client.get(edit).content.decode()
    for index, accepted in enumerate(["wachtrij\nrij", "voordringkanalen", "voorrang"]):
        assert re.search(rf'name="gaps-{index}-accepted"[^>]*>\s*{accepted}</textarea>', page)
    assert 'name="gaps-3-accepted"' not in page
    assert re.search(r'name="review" value="marker"[^>]*checked', page)
    # Posted back unchanged (as the page shows it), the question stays as it was.
    form = teacher_client.get(edit).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for formset in form.formsets.values():
        management = formset.management_form
        data.update({management[n].html_name: management[n].value() for n in management.fields})
        for row in formset:
            data.update({row[n].html_name: row[n].value() for n in row.fields})
    response = teacher_client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    question.refresh_from_db()
    assert question.scoring == THREE_GAPS


def test_the_answer_model_lists_the_gaps(teacher_client, exam, seed_text):
    teacher_client.post(create_url(exam), gap_post(seed_text))
    page = teacher_client.get(reverse("teacher:answer-model", args=[exam.pk]))
    html = page.content.decode()
    assert "wachtrij / rij" in html and "voordringkanalen" in html
    assert "1p per goede plaats." in html
    assert "gaat naar de docent, die het naar analogie goed kan rekenen" in html


# --- the pupil, the marker, the result -------------------------------------------------


@pytest.fixture
def gap_question(exam, seed_text):
    return Question.objects.create(
        exam=exam,
        number=1,
        text=seed_text,
        kind="gap",
        stem="Vul de woorden in op de plaatsen 1, 2 en 3.",
        max_points=3,
        scoring=THREE_GAPS,
    )


@pytest.fixture
def assignment(exam, gap_question, teacher, pupil):
    exam.is_published = True
    exam.save()
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    return assignment_services.assign_exam(
        classroom=room, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=50
    )


def answer_through_the_page(pupil_client, assignment, pupil, gap_question, fields):
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    save = reverse("pupil:answer-save", args=[attempt.pk, gap_question.pk])
    response = pupil_client.post(save, {"revision": 1, **fields}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return attempt


def test_the_pupil_gets_one_labelled_field_per_gap_and_each_is_saved(
    pupil_client, assignment, pupil, gap_question
):
    attempt = answer_through_the_page(
        pupil_client, assignment, pupil, gap_question, {"g-1": " rij ", "g-3": "voor  rang"}
    )
    answer = Answer.objects.get(attempt=attempt, question=gap_question)
    assert answer.response == ["rij", "", "voor rang"]
    page = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    for number, value in (("1", "rij"), ("2", ""), ("3", "voor rang")):
        assert re.search(rf'<label[^>]*for="q1-g{number}"', page)
        assert f'name="g-{number}" id="q1-g{number}" value="{value}"' in page


def test_a_gap_the_question_does_not_have_is_refused_and_nothing_is_lost(
    pupil_client, assignment, pupil, gap_question
):
    attempt = answer_through_the_page(pupil_client, assignment, pupil, gap_question, {"g-1": "rij"})
    save = reverse("pupil:answer-save", args=[attempt.pk, gap_question.pk])
    with translation.override("nl"):
        response = pupil_client.post(
            save, {"revision": 2, "g-1": "x", "g-4": "y"}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 422
    assert "heeft geen plaats 4" in response.content.decode()
    assert Answer.objects.get(attempt=attempt).response == ["rij", "", ""]


def practice_result(assignment, exam):
    exam.practice_visibility = "open"
    exam.save()
    assignment.mode = "practice"
    assignment.save()


def submitted(pupil_client, assignment, pupil, gap_question, fields):
    attempt = answer_through_the_page(pupil_client, assignment, pupil, gap_question, fields)
    return submit_attempt(attempt=attempt)


def test_a_near_miss_waits_for_the_marker_with_its_nearest_accepted_answer(
    pupil_client, teacher_client, assignment, pupil, gap_question
):
    fields = {"g-1": "rij", "g-2": "voordringkanaal", "g-3": "snelle weg"}
    attempt = submitted(pupil_client, assignment, pupil, gap_question, fields)
    answer = Answer.objects.get(attempt=attempt)
    assert answer.needs_review and answer.final_points is None and answer.auto_points == 1
    queue = reverse("teacher:marking-queue", args=[assignment.pk])
    assert teacher_client.get(queue).context["questions"][0].waiting == 1
    page = reverse("teacher:marking-question", args=[assignment.pk, gap_question.pk])
    with translation.override("nl"):
        html = teacher_client.get(page).content.decode()
    assert "lijkt op: voordringkanalen" in html
    near = html.split('data-gap="2"')[1].split("</tr>")[0]
    assert "voordringkanaal" in near and "lijkt op: voordringkanalen" in near
    assert "lijkt op" not in html.split('data-gap="3"')[1].split("</tr>")[0]
    # One checkbox per gap, the accepted gap ticked.
    boxes = re.findall(r'<input[^>]*name="elements"[^>]*>', html)
    assert len(boxes) == 3
    assert ["checked" in box for box in boxes] == [True, False, False]


def test_the_marker_awards_the_near_miss_and_the_defensible_answer(
    pupil_client, teacher_client, assignment, pupil, gap_question
):
    fields = {"g-1": "rij", "g-2": "voordringkanaal", "g-3": "snelle weg"}
    attempt = submitted(pupil_client, assignment, pupil, gap_question, fields)
    assert attempt.total_points == 1
    answer = Answer.objects.get(attempt=attempt)
    response = teacher_client.post(
        reverse("teacher:mark-answer", args=[answer.pk]),
        {"elements": ["0", "1", "2"], "reason": "naar analogie"},
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert (answer.final_points, answer.needs_review) == (3, False)
    assert answer.override_reason == "naar analogie"
    assert attempt.total_points == 3 and attempt.grade == Decimal("10.0")
    queue = reverse("teacher:marking-queue", args=[assignment.pk])
    assert teacher_client.get(queue).context["questions"][0].waiting == 0


def test_marking_in_place_keeps_the_answer_shown_gap_by_gap(
    pupil_client, teacher_client, assignment, pupil, gap_question
):
    """The card the marking page swaps in after a save shows the gaps as the page did."""
    fields = {"g-1": "rij", "g-2": "voordringkanaal", "g-3": "snelle weg"}
    attempt = submitted(pupil_client, assignment, pupil, gap_question, fields)
    answer = Answer.objects.get(attempt=attempt)
    with translation.override("nl"):
        card = teacher_client.post(
            reverse("teacher:mark-answer", args=[answer.pk]),
            {"elements": ["0", "1"]},
            HTTP_HX_REQUEST="true",
        ).content.decode()
    assert [f'data-gap="{n}"' in card for n in (1, 2, 3)] == [True, True, True]
    assert "lijkt op: voordringkanalen" in card.split('data-gap="2"')[1].split("</tr>")[0]
    answer.refresh_from_db()
    assert answer.final_points == 2


def test_final_mode_scores_a_wrong_gap_zero_without_the_marker(
    pupil_client, teacher_client, assignment, pupil, gap_question
):
    gap_question.scoring = {**THREE_GAPS, "review": "final"}
    gap_question.save()
    fields = {"g-1": "rij", "g-2": "voordringkanalen", "g-3": "snelle weg"}
    attempt = submitted(pupil_client, assignment, pupil, gap_question, fields)
    answer = Answer.objects.get(attempt=attempt)
    assert (answer.final_points, answer.needs_review) == (2, False)
    assert attempt.total_points == 2


def test_the_result_page_shows_each_gap_and_waits_for_the_teacher(
    pupil_client, assignment, pupil, gap_question, exam
):
    practice_result(assignment, exam)
    fields = {"g-1": "rij", "g-2": "voordringkanaal", "g-3": "snelle weg"}
    attempt = submitted(pupil_client, assignment, pupil, gap_question, fields)
    response = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-waiting-for-teacher" in html
    rows = {n: html.split(f'data-gap="{n}"')[1].split("</tr>")[0] for n in "123"}
    assert "is-right" in html.split('data-gap="1"')[0].rsplit("<tr", 1)[1]
    assert "wachtrij / rij" in rows["1"]
    assert "voordringkanaal" in rows["2"] and "wacht op je docent" in rows["2"]
    assert "snelle weg" in rows["3"] and "voorrang" in rows["3"]


def test_with_a_score_table_the_marker_ticks_gaps_and_the_table_gives_the_points(
    pupil_client, teacher_client, assignment, pupil, gap_question
):
    scoring = {k: v for k, v in THREE_GAPS.items() if k != "per_gap"}
    gap_question.scoring = {**scoring, "table": {"0": 0, "1": 0, "2": 1, "3": 2}}
    gap_question.max_points = 2
    gap_question.save()
    fields = {"g-1": "rij", "g-2": "voordringkanaal", "g-3": "snelle weg"}
    attempt = submitted(pupil_client, assignment, pupil, gap_question, fields)
    answer = Answer.objects.get(attempt=attempt)
    assert (answer.auto_points, answer.needs_review) == (0, True)
    page = reverse("teacher:marking-question", args=[assignment.pk, gap_question.pk])
    html = teacher_client.get(page).content.decode()
    assert "1: wachtrij / rij" in html and "Nonep" not in html and "(1p)" not in html
    teacher_client.post(reverse("teacher:mark-answer", args=[answer.pk]), {"elements": ["0", "1"]})
    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert answer.final_points == 1 and attempt.total_points == 1


def test_the_preview_shows_a_field_per_gap(teacher_client, exam, gap_question):
    html = teacher_client.get(reverse("teacher:exam-preview", args=[exam.pk])).content.decode()
    assert all(f'name="g-{n}"' in html for n in "123") and 'name="g-4"' not in html


def test_a_one_gap_near_miss_waits_for_the_teacher_even_when_final(
    pupil_client, assignment, pupil, gap_question, exam
):
    practice_result(assignment, exam)
    gap_question.scoring = {"accepted": ["voordringkanalen"]}
    gap_question.save()
    attempt = submitted(pupil_client, assignment, pupil, gap_question, {"value": "voordringkanaal"})
    answer = Answer.objects.get(attempt=attempt)
    assert (answer.auto_points, answer.final_points, answer.needs_review) == (0, None, True)
    html = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk])).content.decode()
    assert "data-waiting-for-teacher" in html and "wacht op je docent" in html


def test_once_the_teacher_has_judged_the_gaps_the_pupil_sees_so(
    pupil_client, teacher_client, assignment, pupil, gap_question, exam
):
    practice_result(assignment, exam)
    fields = {"g-1": "rij", "g-2": "voordringkanaal", "g-3": "snelle weg"}
    attempt = submitted(pupil_client, assignment, pupil, gap_question, fields)
    answer = Answer.objects.get(attempt=attempt)
    result = reverse("pupil:attempt-result", args=[attempt.pk])
    looks_later = "Je docent bekijkt wat niet is goedgekeurd"
    assert looks_later in pupil_client.get(result).content.decode()
    teacher_client.post(reverse("teacher:mark-answer", args=[answer.pk]), {"elements": ["0", "1"]})
    html = pupil_client.get(result).content.decode()
    assert "data-waiting-for-teacher" not in html and looks_later not in html
    assert "beoordeeld door je docent" in html.split('data-gap="2"')[1].split("</tr>")[0]
    assert 'data-points="2"' in html
