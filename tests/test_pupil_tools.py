"""The pupil's tools (exam/pupil_tools.py and its views): highlights, notes, struck-out
options and review flags are kept per attempt, only for its own pupil, only until the
attempt is handed in, and never shown to a teacher."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from exam import pupil_tools, services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.highlights import HighlightError
from exam.models import Highlight, Membership, QuestionScratch
from tests.exam_builders import make_exam


@pytest.fixture
def exam(teacher, seed_text):
    return make_exam(teacher, seed_text)


@pytest.fixture
def attempt(exam, pupil):
    return services.start_attempt(pupil=pupil, exam=exam)


def words_of(text, number) -> list[str]:
    return text.lines.get(number=number).plain.split()


def page_data(client, attempt) -> dict:
    """What the exam page hands its script (json_script, no inline code)."""
    html = client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    found = re.search(r'<script id="exam-tools-data" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def highlight_url(attempt):
    return reverse("pupil:highlight-paint", args=[attempt.pk])


def scratch_url(attempt, number):
    question = attempt.exam.questions.get(number=number)
    return reverse("pupil:scratch-save", args=[attempt.pk, question.pk])


def mark(client, attempt, text, start, end, colour="yellow"):
    return client.post(
        highlight_url(attempt),
        {
            "text": text.pk,
            "start_line": start[0],
            "start_word": start[1],
            "end_line": end[0],
            "end_word": end[1],
            "colour": colour or "",
        },
    )


# --- highlights -------------------------------------------------------------------------


def test_a_highlight_is_kept_with_the_attempt_by_line_and_word(pupil_client, attempt, seed_text):
    last = len(words_of(seed_text, 3)) - 1
    response = mark(pupil_client, attempt, seed_text, (3, 1), (4, 0), "green")
    assert response.status_code == 200
    expected = {"text": seed_text.pk, "start": [3, 1], "end": [4, 0], "colour": "green"}
    assert response.json() == {"highlights": [expected]}
    # The exam page hands it to its script, so it is there after a reload.
    assert page_data(pupil_client, attempt)["highlights"] == [expected]
    # Erasing the first word of the mark keeps the rest.
    response = mark(pupil_client, attempt, seed_text, (3, 1), (3, 1), None)
    assert response.json()["highlights"] == [{**expected, "start": [3, 2]}]
    assert last > 2


def test_erasing_everything_leaves_no_highlight(pupil_client, attempt, seed_text):
    mark(pupil_client, attempt, seed_text, (1, 0), (2, 0))
    response = mark(pupil_client, attempt, seed_text, (1, 0), (5, 0), None)
    assert response.json() == {"highlights": []}
    assert not Highlight.objects.filter(attempt=attempt).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start_line": "x"}, "kon niet worden opgeslagen"),
        ({"colour": "red"}, "kon niet worden opgeslagen"),
        ({"start_line": "9999"}, "staat niet in de tekst"),
        ({"end_word": "500"}, "staat niet in de tekst"),
        ({"text": "999999"}, "hoort niet bij je examen"),
    ],
)
def test_bad_highlight_input_is_a_400_with_a_message(
    pupil_client, attempt, seed_text, fields, message
):
    data = {
        "text": seed_text.pk,
        "start_line": 1,
        "start_word": 0,
        "end_line": 1,
        "end_word": 0,
        "colour": "yellow",
        **fields,
    }
    response = pupil_client.post(highlight_url(attempt), data)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Highlight.objects.exists()


def test_another_pupils_attempt_is_a_404(other_pupil_client, attempt, seed_text):
    assert mark(other_pupil_client, attempt, seed_text, (1, 0), (1, 1)).status_code == 404
    assert other_pupil_client.post(scratch_url(attempt, 1), {"revision": 1}).status_code == 404
    assert not Highlight.objects.exists()


def test_highlights_and_notes_are_refused_after_hand_in(pupil_client, attempt, seed_text):
    services.submit_attempt(attempt=attempt)
    response = mark(pupil_client, attempt, seed_text, (1, 0), (1, 1))
    assert response.status_code == 409
    assert response.json()["error"]
    response = pupil_client.post(scratch_url(attempt, 1), {"revision": 1, "note": "x"})
    assert response.status_code == 409
    assert not Highlight.objects.exists() and not QuestionScratch.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(pupil, attempt, seed_text):
    client = Client(enforce_csrf_checks=True)
    client.force_login(pupil)
    assert mark(client, attempt, seed_text, (1, 0), (1, 1)).status_code == 403
    assert not Highlight.objects.exists()


def test_the_service_refuses_a_text_that_is_not_in_the_exam(attempt, admin_user):
    from tests.exam_builders import make_text

    other = make_text(lines=10, uploaded_by=admin_user)
    with pytest.raises(HighlightError) as error:
        pupil_tools.paint_highlight(
            attempt=attempt, text_id=other.pk, start=(1, 0), end=(1, 0), colour="blue"
        )
    assert error.value.code == "bad-text"


# --- notes, flags, struck options ---------------------------------------------------------


def test_a_note_flag_and_struck_options_are_kept_for_the_question(pupil_client, attempt):
    response = pupil_client.post(
        scratch_url(attempt, 1),
        {"revision": 1, "note": "B of C?\nalinea 2", "flagged": "on", "struck": "A,D"},
    )
    assert response.status_code == 200
    assert response.json() == {
        "state": "saved",
        "revision": 1,
        "note": "B of C?\nalinea 2",
        "flagged": True,
        "struck": ["A", "D"],
    }
    assert page_data(pupil_client, attempt)["questions"]["1"] == {
        "note": "B of C?\nalinea 2",
        "flagged": True,
        "struck": ["A", "D"],
        "revision": 1,
    }
    # Not part of the answer.
    assert not attempt.answers.exists()


def test_a_late_save_does_not_undo_a_newer_one(pupil_client, attempt):
    pupil_client.post(scratch_url(attempt, 1), {"revision": 3, "note": "nieuw"})
    response = pupil_client.post(scratch_url(attempt, 1), {"revision": 2, "note": "oud"})
    assert response.json()["state"] == "stale"
    assert response.json()["note"] == "nieuw"
    assert QuestionScratch.objects.get().note == "nieuw"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"revision": "x"}, "kon niet worden opgeslagen"),
        ({"revision": 1, "struck": "A,Z"}, "hoort niet bij deze vraag"),
        ({"revision": 1, "note": "x" * 5001}, "te lang"),
    ],
)
def test_bad_scratch_input_is_a_400_with_a_message(pupil_client, attempt, fields, message):
    response = pupil_client.post(scratch_url(attempt, 1), fields)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not QuestionScratch.objects.exists()


def test_the_hand_in_dialog_lists_flagged_and_unanswered_questions(pupil_client, attempt):
    services.save_answer(attempt=attempt, question=attempt.exam.questions.get(number=1), value="B")
    pupil_client.post(scratch_url(attempt, 1), {"revision": 1, "flagged": "on"})
    response = pupil_client.get(
        reverse("pupil:attempt-submit", args=[attempt.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.context["unanswered"] == [2]
    assert response.context["flagged"] == [1]
    assert "data-flagged" in html and 'href="#question-1"' in html


def test_a_teacher_never_sees_the_pupils_note(teacher, teacher_client, pupil, seed_text):
    exam = make_exam(teacher, seed_text, title="Notities")
    classroom = class_services.create_classroom(teacher=teacher, name="5 HAVO a")
    Membership.objects.create(classroom=classroom, pupil=pupil)
    assignment = assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="practice"
    )
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    open_question = exam.questions.get(number=2)
    services.save_answer(attempt=attempt, question=open_question, value="Ze dringen voor.")
    pupil_tools.save_scratch(
        attempt=attempt,
        question=open_question,
        note="GEHEIME-KLADNOTITIE",
        is_flagged=True,
        struck=[],
        revision=1,
    )
    services.submit_attempt(attempt=attempt)
    pages = [
        reverse("teacher:pupil-results", args=[pupil.pk]),
        reverse("teacher:assignment-results", args=[assignment.pk]),
        reverse("teacher:marking-question", args=[assignment.pk, open_question.pk]),
    ]
    for url in pages:
        response = teacher_client.get(url)
        assert response.status_code == 200, url
        assert "GEHEIME-KLADNOTITIE" not in response.content.decode(), url


def test_the_result_page_shows_the_highlights_read_only(pupil_client, attempt, seed_text):
    mark(pupil_client, attempt, seed_text, (2, 0), (2, 1), "blue")
    services.submit_attempt(attempt=attempt)
    html = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk])).content.decode()
    found = re.search(r'<script id="exam-tools-data" type="application/json">(.*?)</script>', html)
    assert json.loads(found.group(1)) == {
        "readOnly": True,
        "highlights": [{"text": seed_text.pk, "start": [2, 0], "end": [2, 1], "colour": "blue"}],
    }


def test_the_exam_pages_tools_data_is_read_in_one_query(
    attempt, exam, seed_text, django_assert_num_queries
):
    """tools_state (the exam page's one statement) gives what highlight_data and
    scratch_data give."""
    mc = exam.questions.filter(kind="mc").order_by("number").first()
    other = exam.questions.exclude(pk=mc.pk).order_by("number").first()
    labels = sorted(pupil_tools.option_labels(mc))
    pupil_tools.save_scratch(
        attempt=attempt, question=mc, note="", is_flagged=True, struck=labels[:2], revision=1
    )
    pupil_tools.save_scratch(
        attempt=attempt,
        question=other,
        note="Let op «regel 4»",
        is_flagged=False,
        struck=[],
        revision=1,
    )
    for start_line, colour in [(3, "green"), (1, "yellow")]:
        Highlight.objects.create(
            attempt=attempt,
            text=seed_text,
            start_line=start_line,
            start_word=0,
            end_line=start_line,
            end_word=2,
            colour=colour,
        )
    expected = (
        pupil_tools.highlight_data(pupil_tools.attempt_highlights(attempt)),
        pupil_tools.scratch_data(attempt),
    )
    with django_assert_num_queries(1):
        state = pupil_tools.tools_state(attempt)
    assert state == expected
    assert state[1][mc.number]["struck"] == labels[:2]
    assert state[1][mc.number]["flagged"] is True
