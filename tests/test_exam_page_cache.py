"""The exam page is served from a cache per attempt, exam content version, answers and
language (exam/presenters/exam_page.py): whatever changes what the page shows changes
the key, and the access and state checks run before the cache is asked."""

import dataclasses
import pickle
import re
from datetime import timedelta

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from accounts.models import ReadingPreferences
from exam import authoring, services
from exam.assignments import services as assignment_services
from exam.authoring import question_data
from exam.authoring.services import content_changed
from exam.classes import services as class_services
from exam.models import Assignment, Attempt, Exam
from exam.presenters import exam_page
from tests.exam_builders import build_exam

pytestmark = pytest.mark.django_db


def page_url(attempt) -> str:
    return reverse("pupil:attempt-detail", args=[attempt.pk])


def save_url(attempt, question) -> str:
    return reverse("pupil:answer-save", args=[attempt.pk, question.pk])


def html(client, attempt) -> str:
    response = client.get(page_url(attempt))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def exam(teacher, seed_text):
    return build_exam(author=teacher, text=seed_text, kinds=["open", "mc"], count=2)


@pytest.fixture
def attempt(exam, pupil):
    return services.start_attempt(pupil=pupil, exam=exam)


def is_cached(attempt, language="nl") -> bool:
    """Whether the page as it stands now is in the cache (any backend)."""
    attempt = Attempt.objects.select_related("exam").get(pk=attempt.pk)
    with translation.override(language):
        return cache.get(exam_page.exam_page_key(attempt)) is not None


def test_the_second_visit_is_served_from_the_cache(pupil_client, attempt):
    cache.clear()
    assert not is_cached(attempt)
    first = html(pupil_client, attempt)
    assert is_cached(attempt)
    with CaptureQueriesContext(connection) as queries:
        second = html(pupil_client, attempt)
    sql = [q["sql"] for q in queries.captured_queries]
    assert not any('FROM "exam_question"' in q or '"exam_choice"' in q for q in sql), sql
    # The same page but for the per-request parts: the CSRF fields differ each time.
    assert first.count('name="csrfmiddlewaretoken"') == second.count('name="csrfmiddlewaretoken"')

    def questions(page):
        return page.split('class="exam-questions"')[1].split('name="csrfmiddlewaretoken"')[0]

    assert questions(first) == questions(second)


def test_the_page_after_an_answer_is_saved_shows_the_new_answer(pupil_client, attempt, exam):
    question = exam.questions.get(kind="open")
    html(pupil_client, attempt)
    response = pupil_client.post(
        save_url(attempt, question),
        {"value": "Mijn antwoord-eerste", "revision": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Mijn antwoord-eerste" in html(pupil_client, attempt)

    pupil_client.post(
        save_url(attempt, question),
        {"value": "Mijn antwoord-tweede", "revision": 2},
        HTTP_HX_REQUEST="true",
    )
    page = html(pupil_client, attempt)
    assert "Mijn antwoord-tweede" in page
    assert "Mijn antwoord-eerste" not in page
    assert is_cached(attempt)


def test_the_same_revision_saved_again_with_another_answer_is_shown(pupil_client, attempt, exam):
    """The key holds each answer's save time too, not only its revision."""
    question = exam.questions.get(kind="open")
    for value in ("eerste-versie", "tweede-versie"):
        pupil_client.post(
            save_url(attempt, question), {"value": value, "revision": 1}, HTTP_HX_REQUEST="true"
        )
        assert value in html(pupil_client, attempt)


def test_a_teachers_change_of_a_stem_reaches_the_pupils_page(pupil_client, attempt, exam):
    question = exam.questions.get(kind="open")
    assert "wat staat er?" in html(pupil_client, attempt)
    data = dataclasses.replace(question_data(question), stem="Een geheel nieuwe vraagtekst.")
    authoring.update_question(question=question, data=data)

    page = html(pupil_client, attempt)
    assert "Een geheel nieuwe vraagtekst." in page
    assert "wat staat er?" not in page.split('id="question-1"')[1].split("</article>")[0]


def test_a_change_of_the_exam_title_and_of_the_order_reach_the_page(
    pupil_client, attempt, exam, seed_text
):
    html(pupil_client, attempt)
    authoring.update_exam(
        exam=exam,
        title="Nieuwe titel",
        texts=[seed_text],
        level=exam.level,
        n_term=exam.n_term,
    )
    assert "Nieuwe titel" in html(pupil_client, attempt)

    first = exam.questions.get(number=1)
    authoring.move_question(question=first, direction="down")
    page = html(pupil_client, attempt)
    # The question that was first is now number 2.
    assert f'action="answers/{first.pk}/" data-number="2"' in page


def test_another_pupil_never_gets_the_first_pupils_page(
    pupil_client, other_pupil_client, other_pupil, attempt, exam
):
    question = exam.questions.get(kind="open")
    pupil_client.post(
        save_url(attempt, question),
        {"value": "Alleen-van-mij", "revision": 1},
        HTTP_HX_REQUEST="true",
    )
    assert "Alleen-van-mij" in html(pupil_client, attempt)
    theirs = services.start_attempt(pupil=other_pupil, exam=exam)

    page = html(other_pupil_client, theirs)

    assert "Alleen-van-mij" not in page
    assert f'data-attempt="{theirs.pk}"' in page
    # And their client cannot reach the first pupil's attempt, cached or not.
    assert other_pupil_client.get(page_url(attempt)).status_code == 404


def test_a_language_switch_shows_the_other_language(pupil_client, attempt):
    dutch = html(pupil_client, attempt)
    pupil_client.cookies["django_language"] = "en"
    english = html(pupil_client, attempt)

    assert "Alle antwoorden opgeslagen" in dutch
    assert "All answers saved" in english
    assert "Alle antwoorden opgeslagen" not in english
    assert is_cached(attempt, "nl")
    assert is_cached(attempt, "en")


def test_the_pupils_own_tools_stay_outside_the_cached_part(pupil_client, attempt, exam):
    html(pupil_client, attempt)
    question = exam.questions.get(kind="open")
    response = pupil_client.post(
        reverse("pupil:scratch-save", args=[attempt.pk, question.pk]),
        {"note": "Mijn-eigen-notitie", "is_flagged": "1", "revision": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code in (200, 204), response.content
    assert "Mijn-eigen-notitie" in html(pupil_client, attempt)


def page_queries(client, attempt, *, cold: bool) -> int:
    client.get(reverse("pupil:home"))  # the roles are read once per session
    if cold:
        cache.clear()
    else:
        client.get(page_url(attempt))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_url(attempt)).status_code == 200
    return len(queries)


def test_the_query_count_is_the_same_for_1_and_20_questions(
    teacher, seed_text, pupil, pupil_client
):
    small = build_exam(author=teacher, text=seed_text, kinds=["mc", "open"], count=1)
    large = build_exam(author=teacher, text=seed_text, kinds=["mc", "open", "gap"], count=20)
    attempts = [services.start_attempt(pupil=pupil, exam=exam) for exam in (small, large)]
    for attempt in attempts:
        for question in attempt.exam.questions.filter(kind="mc"):
            services.save_answer(attempt=attempt, question=question, value="B")

    cold = [page_queries(pupil_client, a, cold=True) for a in attempts]
    warm = [page_queries(pupil_client, a, cold=False) for a in attempts]

    assert cold[0] == cold[1]
    assert warm[0] == warm[1]
    # From the cache: no texts, choices, questions or booklet read.
    assert warm[0] <= cold[0] - 3
    # Session, user, the attempt with its exam, assignment and test lock, the answers'
    # digest, the pupil's highlights, notes and flags (one), reading preferences.
    assert warm[0] == 6


def test_a_cached_page_is_not_served_once_the_exam_is_under_test(
    teacher, pupil, pupil_client, attempt, exam
):
    html(pupil_client, attempt)
    room = class_services.create_classroom(teacher=teacher, name="5H")
    class_services.add_pupil(classroom=room, username=pupil.username)
    assignment_services.assign_exam(
        classroom=room,
        exam=exam,
        teacher=teacher,
        mode=Assignment.Mode.EXAM,
        time_limit_minutes=30,
    )

    response = pupil_client.get(page_url(attempt))

    # The practice attempt may not go on while its class has the exam as a test.
    assert response.status_code == 302
    assert response["Location"] == reverse("pupil:home")


def test_a_cached_page_is_not_served_after_handing_in(pupil_client, attempt):
    html(pupil_client, attempt)
    services.submit_attempt(attempt=attempt)

    response = pupil_client.get(page_url(attempt))

    assert response.status_code == 302
    assert response["Location"] == reverse("pupil:attempt-result", args=[attempt.pk])


def test_the_cached_parts_survive_pickling_as_safe_html(rf, pupil, attempt):
    """LocMem and Redis both pickle: the parts must come back as safe strings."""
    request = rf.get(page_url(attempt))
    request.user = pupil
    page = exam_page.exam_page(request, attempt)
    parts, numbers, urls = pickle.loads(pickle.dumps((page.parts, page.numbers, page.scratch_urls)))
    assert all(isinstance(part, SafeString) for part in parts)
    assert numbers == [1, 2]
    assert set(urls) == {1, 2}


# --- the content version ----------------------------------------------------------------


def version(exam) -> int:
    return Exam.objects.get(pk=exam.pk).content_version


def test_every_authoring_change_pupils_see_bumps_the_content_version(exam, seed_text):
    question = exam.questions.get(kind="mc")
    steps = [
        lambda: authoring.update_question(question=question, data=question_data(question)),
        lambda: authoring.add_question(exam=exam, data=question_data(question)),
        lambda: authoring.move_question(question=question, direction="down"),
        lambda: authoring.reorder_questions(
            exam=exam,
            question_ids=list(exam.questions.order_by("-number").values_list("pk", flat=True)),
        ),
        lambda: authoring.delete_question(question=exam.questions.order_by("number").last()),
        lambda: authoring.update_exam(
            exam=exam, title="Anders", texts=[seed_text], level=exam.level, n_term=exam.n_term
        ),
        lambda: authoring.unpublish_exam(exam=exam),
        lambda: authoring.publish_exam(exam=exam),
    ]
    for step in steps:
        before = version(exam)
        step()
        assert version(exam) == before + 1, step


def test_saving_an_exam_read_earlier_never_writes_back_an_older_version(exam):
    stale = Exam.objects.get(pk=exam.pk)
    content_changed(exam)
    stale.title = "Via een oude kopie"
    stale.save()
    assert version(exam) == 1
    assert Exam.objects.get(pk=exam.pk).title == "Via een oude kopie"


# --- the whole page ---------------------------------------------------------------------
#
# The site's skeleton around the content is cached too (exam_page.exam_page_html); the
# CSRF token, the countdown and the pupil's tools data are filled per request.

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HTMX_TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')


def tokens(page: str) -> set[str]:
    return set(CSRF_FIELD.findall(page)) | set(HTMX_TOKEN.findall(page))


def test_a_page_from_the_whole_page_cache_carries_this_requests_csrf_token(pupil, attempt, exam):
    client = Client(enforce_csrf_checks=True)
    client.force_login(pupil)
    first, second = html(client, attempt), html(client, attempt)
    question = exam.questions.get(kind="open")

    # One token per page, in every form and in htmx's header; a new one per request
    # (Django masks the secret anew), so the cached page never carries an old one.
    assert len(tokens(first)) == 1 and len(tokens(second)) == 1
    assert tokens(first) != tokens(second)
    assert second.count(tokens(second).pop()) == first.count(tokens(first).pop())
    response = client.post(
        save_url(attempt, question),
        {"value": "Bewaard met het token van de pagina uit de cache", "revision": 1},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=HTMX_TOKEN.search(second).group(1),
    )
    assert response.status_code == 200, response.content
    assert "Bewaard met het token van de pagina uit de cache" in html(client, attempt)


def test_extra_time_reaches_a_page_served_from_the_cache(pupil_client, attempt):
    attempt.deadline_at = timezone.now() + timedelta(minutes=30)
    attempt.save(update_fields=["deadline_at"])
    html(pupil_client, attempt)
    later = timezone.now() + timedelta(minutes=45)
    Attempt.objects.filter(pk=attempt.pk).update(deadline_at=later)

    page = html(pupil_client, attempt)

    assert f'data-deadline="{timezone.localtime(later).isoformat()}' in page
    assert page.count('id="assignment-countdown"') == 1


def test_new_reading_preferences_reach_a_page_served_from_the_cache(pupil, pupil_client, attempt):
    assert 'data-reading="size-1 spacing-1"' in html(pupil_client, attempt)
    ReadingPreferences.objects.create(user=pupil, font_size=3, line_spacing=2, dyslexia=True)

    assert 'data-reading="size-3 spacing-2 dyslexia"' in html(pupil_client, attempt)


def test_a_message_is_shown_once_and_never_kept_in_the_cached_page(rf, pupil, attempt):
    def request(message=""):
        made = rf.get(page_url(attempt))
        made.user = pupil
        made.session = SessionStore()
        made._messages = FallbackStorage(made)
        if message:
            messages.info(made, message)
        return made

    cache.clear()
    with_message = exam_page.exam_page_html(request("Eenmalig-bericht"), attempt, read_aloud=False)
    without = exam_page.exam_page_html(request(), attempt, read_aloud=False)
    again = exam_page.exam_page_html(request(), attempt, read_aloud=False)

    assert "Eenmalig-bericht" in with_message
    assert "Eenmalig-bericht" not in without and "Eenmalig-bericht" not in again
    # The page without the message is the one kept: the tools' data and token aside,
    # both later pages are the same.
    assert CSRF_FIELD.sub("", without) == CSRF_FIELD.sub("", again).replace(
        HTMX_TOKEN.search(again).group(1), HTMX_TOKEN.search(without).group(1)
    )
