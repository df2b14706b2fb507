"""A pupil answers a numbered multiple-response question ("Noteer alleen de nummers")
and a matching question with several targets per person: the exam page's widgets,
autosave (the htmx post the page makes), the page shown again, and the result page.
Client tests."""

import re

import pytest
from django.urls import reverse

from exam import authoring, services
from exam.authoring.checks import ChoiceData, QuestionData
from exam.models import Answer

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
OPINIONS = "ABCDE"


@pytest.fixture
def exam(teacher, seed_text):
    exam = authoring.create_exam(
        author=teacher, title="Standpunten", texts=[seed_text], practice_visibility="open"
    )
    authoring.add_question(
        exam=exam,
        data=QuestionData(
            kind="multi",
            text=seed_text,
            stem="Welke drie standpunten noemt de schrijver? Noteer alleen de nummers.",
            max_points=3,
            scoring={"keys": ["2", "5", "7"], "choose": 3, "per_correct": 1},
            choices=tuple(
                ChoiceData("option", str(n), f"standpunt nummer {n}") for n in range(1, 9)
            ),
        ),
    )
    authoring.add_question(
        exam=exam,
        data=QuestionData(
            kind="matching",
            text=seed_text,
            stem="Geef bij elke persoon aan welke standpunten hij verdedigt.",
            max_points=4,
            scoring={
                "pairs": {"1": ["A", "C"], "2": [], "3": ["C", "E"]},
                "multiple": True,
                "per_pair": 1,
            },
            choices=(
                ChoiceData("item", "1", "Jansen"),
                ChoiceData("item", "2", "De Vries"),
                ChoiceData("item", "3", "Bakker"),
                *(ChoiceData("target", t, f"opvatting {t}") for t in OPINIONS),
            ),
        ),
    )
    return exam


@pytest.fixture
def attempt(exam, pupil):
    return services.start_attempt(pupil=pupil, exam=exam)


def save(client, attempt, number, data):
    question = attempt.exam.questions.get(number=number)
    url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
    return client.post(url, data, **HTMX)


def page(client, attempt):
    return client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()


def question_html(html, number):
    start = html.index(f'id="question-{number}"')
    return html[start : html.index("</article>", start)]


def test_the_exam_page_shows_numbered_options_and_a_grid_of_boxes(pupil_client, attempt):
    html = page(pupil_client, attempt)
    multi = question_html(html, 1)
    assert re.findall(r'type="checkbox" name="value" value="(\d+)"', multi) == [
        str(n) for n in range(1, 9)
    ]
    assert "Kies er 3." in multi
    assert 'data-choose="3"' in multi
    # The strike-out buttons name the numbers too.
    assert re.findall(r'data-strike="(\d+)"', multi) == [str(n) for n in range(1, 9)]
    grid = question_html(html, 2)
    boxes = re.findall(r'type="checkbox" name="m-(\d)" value="([A-E])"', grid)
    assert boxes == [(item, t) for item in "123" for t in OPINIONS]
    assert "<select" not in grid


def test_autosave_keeps_the_answers_and_the_page_shows_them_again(pupil_client, attempt):
    response = save(pupil_client, attempt, 1, {"value": ["7", "2", "4"]})
    assert response.status_code == 200
    assert response["X-Answer-Answered"] == "1"
    response = save(pupil_client, attempt, 2, {"m-1": ["A", "B"], "m-3": ["C", "E"]})
    assert response.status_code == 200
    answers = {a.question.number: a.response for a in Answer.objects.filter(attempt=attempt)}
    assert answers == {1: ["7", "2", "4"], 2: {"1": ["A", "B"], "3": ["C", "E"]}}
    html = page(pupil_client, attempt)
    multi = question_html(html, 1)
    assert re.findall(r'value="(\d+)"[^>]*checked', multi) == ["2", "4", "7"]
    grid = question_html(html, 2)
    assert re.findall(r'name="m-(\d)" value="([A-E])"[^>]*checked', grid) == [
        ("1", "A"),
        ("1", "B"),
        ("3", "C"),
        ("3", "E"),
    ]
    # Unticking every box of the grid: the question is unanswered again.
    response = save(pupil_client, attempt, 2, {})
    assert response["X-Answer-Answered"] == "0"


def test_a_made_up_target_is_refused_in_dutch_and_nothing_is_lost(pupil_client, attempt):
    save(pupil_client, attempt, 2, {"m-1": ["A"]})
    response = save(pupil_client, attempt, 2, {"m-1": ["A", "Z"]})
    assert response.status_code in (200, 400, 422)
    assert "is geen van de keuzes" in response.content.decode()
    assert Answer.objects.get(attempt=attempt, question__number=2).response == {"1": ["A"]}


def test_the_result_page_scores_by_the_rules_and_shows_links_right_wrong_and_missed(
    pupil_client, attempt
):
    save(pupil_client, attempt, 1, {"value": ["7", "2", "4"]})
    # Jansen: A right, B wrong, C missed; De Vries: nothing (right); Bakker: C, E right.
    save(pupil_client, attempt, 2, {"m-1": ["A", "B"], "m-3": ["C", "E"]})
    pupil_client.post(reverse("pupil:attempt-submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    # multi: 2 of 3 right = 2; matching: 3 right - 1 wrong = 2.
    assert attempt.total_points == 4
    html = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk])).content.decode()
    assert re.search(r'id="question-1" data-number="1" data-points="2"', html)
    assert re.search(r'id="question-2" data-number="2" data-points="2"', html)
    matching = question_html(html, 2)
    jansen = matching[matching.index('data-links-row="1"') : matching.index('data-links-row="2"')]
    assert re.findall(
        r'data-link="(\w+)"><span[^>]*>[✓✗]?</span><span class="exam-option-label">([A-E])', jansen
    ) == [
        ("right", "A"),
        ("wrong", "B"),
    ]
    assert re.findall(r'data-link="missed"><span class="exam-option-label">([A-E])', jansen) == [
        "C"
    ]
    assert "gemist" in jansen
    de_vries = matching[matching.index('data-links-row="2"') : matching.index('data-links-row="3"')]
    assert 'class="is-right"' in de_vries and "geen" in de_vries
    multi = question_html(html, 1)
    chosen = re.findall(
        r'<span class="exam-option-label">(\d)</span>standpunt nummer \d</th>\s*<td><span class="result-mark (is-right|is-wrong)',
        multi,
    )
    assert chosen == [("2", "is-right"), ("4", "is-wrong"), ("7", "is-right")]
