"""Before submitting, nothing of the answer model reaches the pupil's browser.

The exam is built with a unique marker string in every secret field: model answers,
explanations, accepted words, model elements and their keywords. None may appear in
any page or fragment a pupil gets before handing in; all of them are on the result
page afterwards (which shows the markers are real).
"""

import re

import pytest
from django.urls import reverse

from exam import services
from tests.exam_builders import KINDS, build_exam

HTMX = {"HTTP_HX_REQUEST": "true"}
SECRET = re.compile(r"SECRET[A-Z0-9]+Q\d+X", re.IGNORECASE)
ANSWERS = {
    "mc": {"value": "B"},
    "multi": {"value": ["A", "C"]},
    "statements": {"s-1": "juist", "s-2": "onjuist", "s-3": "juist"},
    "matching": {"m-a": "3", "m-b": "2", "m-c": "1"},
    "ordering": {"o-1": "C", "o-2": "A", "o-3": "D", "o-4": "B"},
    "paragraph": {"value": "2"},
    "citation": {"value": "Wie twittert, wordt gehoord."},
    "gap": {"value": "kanaal"},
    "open": {"value": "voorrang"},
    "summary": {"value": "voorrang en netwerk"},
}


@pytest.fixture
def exam(seed_text, teacher):
    return build_exam(author=teacher, text=seed_text, markers=True)


@pytest.fixture
def attempt(exam, pupil):
    return services.start_attempt(pupil=pupil, exam=exam)


def assert_nothing_secret(html: str) -> None:
    assert SECRET.findall(html) == []
    # Nor the scoring data as such, whatever its values.
    for key in ('"key"', '"keys"', '"answers"', '"pairs"', '"order"', '"spans"', '"elements"'):
        assert key not in html
    assert "data-answer-lines" not in html


def test_the_exam_page_holds_no_key_model_or_explanation(attempt, pupil_client):
    html = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    assert 'id="question-10"' in html
    assert_nothing_secret(html)


def test_the_exam_page_with_every_answer_given_holds_no_key_either(attempt, pupil_client):
    for kind in KINDS:
        question = attempt.exam.questions.get(kind=kind)
        url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
        response = pupil_client.post(url, ANSWERS[kind], **HTMX)
        assert response.status_code == 200
        assert_nothing_secret(response.content.decode())
    html = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    assert html.count("is-answered") >= 10
    assert_nothing_secret(html)


def test_refusals_and_the_confirmation_hold_no_key(attempt, pupil_client):
    question = attempt.exam.questions.get(kind="mc")
    url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
    refused = pupil_client.post(url, {"value": "Q"}, **HTMX)
    assert refused.status_code == 422
    assert_nothing_secret(refused.content.decode())
    submit_url = reverse("pupil:attempt-submit", args=[attempt.pk])
    assert_nothing_secret(pupil_client.get(submit_url, **HTMX).content.decode())
    assert_nothing_secret(pupil_client.get(submit_url).content.decode())
    assert_nothing_secret(pupil_client.get(reverse("pupil:home")).content.decode())


def test_the_result_page_shows_the_model_after_handing_in(attempt, pupil_client, exam):
    for kind in KINDS:
        question = exam.questions.get(kind=kind)
        url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
        pupil_client.post(url, ANSWERS[kind], **HTMX)
    pupil_client.post(reverse("pupil:attempt-submit", args=[attempt.pk]))
    html = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk])).content.decode()
    shown = set(SECRET.findall(html))
    for number in range(1, 11):
        assert f"SECRETMODELQ{number}X" in shown
        assert f"SECRETEXPLANATIONQ{number}X" in shown
    open_number = exam.questions.get(kind="open").number
    assert f"SECRETELEMENTQ{open_number}X" in shown


def test_after_handing_in_no_answer_can_be_changed(attempt, pupil_client):
    pupil_client.post(reverse("pupil:attempt-submit", args=[attempt.pk]))
    for kind in KINDS:
        question = attempt.exam.questions.get(kind=kind)
        url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
        assert pupil_client.post(url, ANSWERS[kind], **HTMX).status_code == 409
    assert not attempt.answers.filter(response__isnull=False).exists()
