"""The exam page and the result page take a fixed number of SQL queries, however many
questions the exam has and however long its text is."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exam import services
from tests.exam_builders import build_exam, make_text


def page_queries(client, attempt, name="exam:attempt-detail") -> int:
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
    result = "exam:attempt-result"
    assert page_queries(pupil_client, large, result) == page_queries(pupil_client, small, result)


def test_the_exam_page_needs_only_a_handful_of_queries(seed_text, teacher, pupil, pupil_client):
    attempt = answered_attempt(build_exam(author=teacher, text=seed_text, count=40), pupil)
    # Session, user, roles, attempt, texts, choices, answers, questions, and the
    # booklet's lines and notes, and the pupil's highlights and notes (two):
    # no query per question or per line.
    assert page_queries(pupil_client, attempt) <= 14
