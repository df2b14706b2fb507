"""The authoring form of the open kinds: a word limit, its rule for going over, and
"in volledige zinnen" with its deduction; problems shown with exam/problems.py's
messages."""

from __future__ import annotations

import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from exam import authoring, problems
from exam.authoring.forms import question_form_class
from exam.problems import Problem


@pytest.fixture
def exam(teacher, seed_text):
    return authoring.create_exam(
        author=teacher, title="Oefenexamen", texts=[seed_text], practice_visibility="open"
    )


def posted(seed_text, **changes) -> dict:
    data = {
        "text": seed_text.pk,
        "stem": "Waarom krijgen sommige mensen voorrang? Gebruik maximaal 25 woorden.",
        "max_points": 2,
        "model_answer": "voorrang / volgers",
        "elements-TOTAL_FORMS": 2,
        "elements-INITIAL_FORMS": 0,
        "elements-0-text": "voorrang voor wie veel volgers heeft",
        "elements-0-points": 1,
        "elements-0-keywords": "voorrang",
        "elements-1-text": "bedrijven vrezen slechte reclame",
        "elements-1-points": 1,
        "elements-1-keywords": "reclame",
        "over_limit": "none",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def bound(kind, exam, data, instance=None):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = str(value)
    return question_form_class(kind)(query, exam=exam, instance=instance)


@pytest.mark.parametrize(
    ("changes", "over_limit"),
    [
        ({"over_limit": "fixed", "deduct": 1}, {"deduct": 1}),
        ({"over_limit": "fixed", "deduct": 2, "per_words": 5}, {"deduct": 2}),
        ({"over_limit": "zero"}, "zero"),
        ({"over_limit": "blocks", "per_words": 5, "deduct": 1}, {"per_words": 5, "deduct": 1}),
        # No more cap at 99 words per block.
        ({"over_limit": "blocks", "per_words": 250, "deduct": 1}, {"per_words": 250, "deduct": 1}),
        ({"over_limit": "none"}, None),
    ],
)
def test_an_open_question_gets_a_word_limit_and_a_rule(exam, seed_text, changes, over_limit):
    form = bound("open", exam, posted(seed_text, word_limit=25, **changes))
    assert form.is_valid(), form.errors
    data = form.question_data()
    assert data.word_limit == 25
    assert data.scoring.get("over_limit") == over_limit


@pytest.mark.parametrize("kind", ["open", "summary"])
def test_full_sentences_is_stored_with_its_deduction(exam, seed_text, kind):
    form = bound(
        kind,
        exam,
        posted(seed_text, word_limit=25, full_sentences="on", sentences_deduct=2),
    )
    assert form.is_valid(), form.errors
    assert form.question_data().scoring["full_sentences"] == {"deduct": 2}
    plain = bound(kind, exam, posted(seed_text, word_limit=25, sentences_deduct=2))
    assert plain.is_valid(), plain.errors
    assert "full_sentences" not in plain.question_data().scoring


def test_the_full_sentences_deduction_defaults_to_one_point(exam, seed_text):
    form = bound("open", exam, posted(seed_text, full_sentences="on"))
    assert form.is_valid(), form.errors
    assert form.question_data().scoring["full_sentences"] == {"deduct": 1}


def test_a_rule_without_a_limit_is_refused_with_the_problems_message(exam, seed_text):
    form = bound("open", exam, posted(seed_text, over_limit="zero"))
    assert not form.is_valid()
    expected = problems.message(Problem("word_limit", "over_limit_no_word_limit"))
    assert form.errors["word_limit"] == [expected]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"word_limit": 0}, "word_limit"),
        ({"word_limit": 25, "over_limit": "fixed", "deduct": 0}, "deduct"),
        ({"word_limit": 25, "over_limit": "blocks", "per_words": 0}, "per_words"),
        ({"full_sentences": "on", "sentences_deduct": 0}, "sentences_deduct"),
        ({"word_limit": 25, "over_limit": "half"}, "over_limit"),
    ],
)
def test_impossible_numbers_are_refused_on_their_field(exam, seed_text, changes, field):
    form = bound("open", exam, posted(seed_text, **changes))
    assert not form.is_valid()
    assert field in form.errors


def test_a_summary_still_needs_its_limit(exam, seed_text):
    form = bound("summary", exam, posted(seed_text, over_limit="blocks"))
    assert not form.is_valid()
    assert form.errors["word_limit"]


def test_the_teacher_creates_and_edits_an_open_question_with_its_rules(
    teacher_client, exam, seed_text
):
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=open"
    response = teacher_client.post(
        url,
        posted(
            seed_text,
            word_limit=25,
            over_limit="fixed",
            deduct=1,
            full_sentences="on",
            sentences_deduct=1,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    question = exam.questions.get()
    assert question.word_limit == 25
    assert question.scoring["over_limit"] == {"deduct": 1}
    assert question.scoring["full_sentences"] == {"deduct": 1}
    # The edit form shows what was stored.
    edit = reverse("teacher:question-edit", args=[exam.pk, question.pk])
    html = teacher_client.get(edit).content.decode()
    assert re.search(r'name="word_limit"[^>]*value="25"', html)
    assert re.search(r'value="fixed"[^>]*checked', html)
    assert re.search(r'name="full_sentences"[^>]*checked', html)
    # Changing the rule to blocks of 120 words is stored too.
    response = teacher_client.post(
        edit,
        posted(seed_text, word_limit=25, over_limit="blocks", per_words=120, deduct=1),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.scoring["over_limit"] == {"per_words": 120, "deduct": 1}
    assert "full_sentences" not in question.scoring


def test_a_refused_rule_shows_its_dutch_message_on_the_page(teacher_client, exam, seed_text):
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=open"
    response = teacher_client.post(
        url, posted(seed_text, over_limit="zero"), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 200
    assert not exam.questions.exists()
    html = response.content.decode()
    assert "de regel voor het overschrijden" in html
