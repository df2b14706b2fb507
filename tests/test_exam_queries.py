"""The exam page and the result page take a fixed number of SQL queries, however many
questions the exam has and however long its text is."""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from exam import services
from exam.models import Answer
from exam.presenters.exam_page import saved_status_html
from tests.exam_builders import build_exam, make_text


def page_queries(client, attempt, name="pupil:attempt-detail") -> int:
    # The session keeps the roles after the first page (accounts/roles.py): count a
    # page as every page after it.
    client.get(reverse("pupil:home"))
    # The booklet tag caches rendered booklets; measure every page cold, with the
    # booklet's own queries, so both sides of a comparison do the same work.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, args=[attempt.pk]))
    assert response.status_code == 200
    return len(queries)


def answered_attempt(exam, pupil):
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    for question in exam.questions.filter(kind__in=["mc", "gap", "open"]):
        value = {"mc": "B", "gap": "woord", "open": "voorrang"}[question.kind]
        services.save_answer(attempt=attempt, question=question, value=value)
    return attempt


def test_the_exam_page_takes_as_many_queries_for_40_questions_as_for_10(
    seed_text, teacher, pupil, pupil_client
):
    small = answered_attempt(build_exam(author=teacher, text=seed_text, count=10), pupil)
    large = answered_attempt(build_exam(author=teacher, text=seed_text, count=40), pupil)
    assert page_queries(pupil_client, large) == page_queries(pupil_client, small)


def test_the_exam_page_takes_as_many_queries_for_a_long_text_as_for_a_short_one(
    admin_user, teacher, pupil, pupil_client
):
    short_text = make_text(lines=20, uploaded_by=admin_user)
    long_text = make_text(lines=300, uploaded_by=admin_user)
    assert long_text.lines.count() >= 10 * short_text.lines.count()
    kinds = ["mc", "gap", "open", "paragraph"]
    short = answered_attempt(build_exam(author=teacher, text=short_text, kinds=kinds), pupil)
    long = answered_attempt(build_exam(author=teacher, text=long_text, kinds=kinds), pupil)
    assert page_queries(pupil_client, long) == page_queries(pupil_client, short)


def test_the_result_page_takes_as_many_queries_for_40_questions_as_for_10(
    seed_text, teacher, pupil, pupil_client
):
    small = answered_attempt(build_exam(author=teacher, text=seed_text, count=10), pupil)
    large = answered_attempt(build_exam(author=teacher, text=seed_text, count=40), pupil)
    services.submit_attempt(attempt=small)
    services.submit_attempt(attempt=large)
    result = "pupil:attempt-result"
    assert page_queries(pupil_client, large, result) == page_queries(pupil_client, small, result)


def test_the_exam_page_needs_only_a_handful_of_queries(seed_text, teacher, pupil, pupil_client):
    attempt = answered_attempt(build_exam(author=teacher, text=seed_text, count=40), pupil)
    # Session, user, roles, attempt, texts, choices, answers, questions, and the
    # booklet's lines and notes, and the pupil's highlights and notes (two):
    # no query per question or per line.
    assert page_queries(pupil_client, attempt) <= 14


def _autosave_queries(client, attempt, question, value) -> list[str]:
    url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
    # The first request of the session reads the roles; a morning is mostly later ones.
    client.post(url, {"value": value, "revision": 1}, HTTP_HX_REQUEST="true")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"value": value, "revision": 2}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["X-Answer-Revision"] == "2"
    # The test's own transaction turns the service's into a savepoint: not counted.
    return [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_an_autosave_reads_neither_the_roles_nor_the_choices_of_an_open_question(
    seed_text, teacher, pupil, pupil_client
):
    exam = build_exam(author=teacher, text=seed_text, kinds=["open"], count=1)
    attempt = services.start_attempt(pupil=pupil, exam=exam)

    queries = _autosave_queries(pupil_client, attempt, exam.questions.get(), "voorrang")

    # Session, user; the attempt and the question with the ownership check and the
    # attempt's lock in one statement; the answer stored under the revision rule in one
    # upsert (plus BEGIN, not counted here).
    assert len(queries) == 4, "\n".join(queries)
    assert not any('"auth_group"' in q or '"exam_choice"' in q for q in queries)
    # Neither the exam's columns nor the answer's scoring ones are read.
    assert not any('"exam_exam"' in q for q in queries)
    reads = [q for q in queries if q.startswith("SELECT")]
    assert not any("feedback" in q or "scored_by_id" in q or "stem" in q for q in reads)


def test_a_stale_autosave_reads_the_stored_answer_and_writes_nothing(
    seed_text, teacher, pupil, pupil_client
):
    exam = build_exam(author=teacher, text=seed_text, kinds=["open"], count=1)
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    question = exam.questions.get()
    url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
    pupil_client.post(url, {"value": "nieuw", "revision": 5}, HTTP_HX_REQUEST="true")

    with CaptureQueriesContext(connection) as queries:
        response = pupil_client.post(url, {"value": "oud", "revision": 4}, HTTP_HX_REQUEST="true")

    assert response["X-Answer-State"] == "stale"
    assert response["X-Answer-Revision"] == "5"
    answer = attempt.answers.get()
    assert (answer.response, answer.revision) == ("nieuw", 5)
    # The same four, and the stored answer read only on this rare path.
    sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(sql) == 5, "\n".join(sql)


def test_an_autosave_of_a_multiple_choice_answer_reads_the_choices_once(
    seed_text, teacher, pupil, pupil_client
):
    exam = build_exam(author=teacher, text=seed_text, kinds=["mc"], count=1)
    attempt = services.start_attempt(pupil=pupil, exam=exam)

    queries = _autosave_queries(pupil_client, attempt, exam.questions.get(), "B")

    assert len(queries) == 5, "\n".join(queries)
    assert sum('"exam_choice"' in q for q in queries) == 1


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("response", ["voorrang", "", ["A", "B"], None])
@pytest.mark.parametrize("number", [1, 12])
def test_the_saved_status_without_the_template_engine_equals_the_template(
    language, response, number
):
    answer = Answer(
        response=response, revision=3, saved_at=datetime(2026, 11, 30, 8, 5, 7, 123, UTC)
    )
    with translation.override(language):
        template = render_to_string(
            "exam/_answer_status.html",
            {
                "number": number,
                "state": "saved",
                "answer": answer,
                "message": "",
                "is_answered": response not in (None, "", [], {}),
            },
        )
        assert saved_status_html(number=number, answer=answer) == template
