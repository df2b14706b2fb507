"""The pupil's pages: exam list, exam page, saving, submitting, result, self-score."""

import re
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from exam import services
from exam.models import Answer, Attempt
from tests.exam_builders import SEED_SENTENCE, build_exam

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def exam(seed_text, teacher):
    return build_exam(author=teacher, text=seed_text)


@pytest.fixture
def attempt(exam, pupil):
    return services.start_attempt(pupil=pupil, exam=exam)


def q(exam, kind):
    return exam.questions.get(kind=kind)


def save_url(attempt, kind):
    return reverse("pupil:answer-save", args=[attempt.pk, q(attempt.exam, kind).pk])


# --- who may see what ----------------------------------------------------------------


def pupil_urls(attempt):
    question = q(attempt.exam, "gap")
    return {
        "detail": ("get", reverse("pupil:attempt-detail", args=[attempt.pk])),
        "save": ("post", reverse("pupil:answer-save", args=[attempt.pk, question.pk])),
        "submit-confirm": ("get", reverse("pupil:attempt-submit", args=[attempt.pk])),
        "submit": ("post", reverse("pupil:attempt-submit", args=[attempt.pk])),
        "result": ("get", reverse("pupil:attempt-result", args=[attempt.pk])),
        "self-score": (
            "post",
            reverse("pupil:answer-self-score", args=[attempt.pk, q(attempt.exam, "open").pk]),
        ),
        "start": ("post", reverse("pupil:exam-start", args=[attempt.exam.pk])),
        "home": ("get", reverse("pupil:home")),
    }


URL_NAMES = ["detail", "save", "submit-confirm", "submit", "result", "self-score", "start", "home"]


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize(
    ("client_fixture", "expected"),
    [
        ("other_pupil_client", 404),
        ("teacher_client", 403),
        ("admin_client", 403),
    ],
)
def test_only_the_owner_reaches_an_attempt(request, attempt, name, client_fixture, expected):
    client = request.getfixturevalue(client_fixture)
    method, url = pupil_urls(attempt)[name]
    if name in ("home", "start") and client_fixture == "other_pupil_client":
        expected = 200 if name == "home" else 302  # their own list, their own attempt
    response = getattr(client, method)(url, {"value": "x"}, **HTMX)
    assert response.status_code == expected


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_visitors_are_sent_to_the_login_page(attempt, name):
    method, url = pupil_urls(attempt)[name]
    response = getattr(Client(), method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_other_pupil_cannot_change_the_pupils_answer(attempt, other_pupil_client):
    services.save_answer(attempt=attempt, question=q(attempt.exam, "gap"), value="mijn woord")
    response = other_pupil_client.post(save_url(attempt, "gap"), {"value": "kaping"}, **HTMX)
    assert response.status_code == 404
    assert Answer.objects.get(attempt=attempt, question__kind="gap").response == "mijn woord"


def test_a_question_of_another_exam_is_not_found(attempt, pupil_client, seed_text, teacher):
    other = build_exam(author=teacher, text=seed_text, count=1)
    url = reverse("pupil:answer-save", args=[attempt.pk, other.questions.get().pk])
    assert pupil_client.post(url, {"value": "B"}, **HTMX).status_code == 404


def test_writes_need_the_csrf_token(attempt, pupil):
    client = Client(enforce_csrf_checks=True)
    client.force_login(pupil)
    response = client.post(save_url(attempt, "gap"), {"value": "woord"}, **HTMX)
    assert response.status_code == 403
    assert not Answer.objects.filter(attempt=attempt).exists()


def test_writes_are_post_only(attempt, pupil_client):
    assert pupil_client.get(save_url(attempt, "gap")).status_code == 405
    assert pupil_client.get(reverse("pupil:exam-start", args=[attempt.exam.pk])).status_code == 405


# --- the list of exams ----------------------------------------------------------------


def test_the_list_shows_published_exams_only(pupil_client, seed_text, teacher):
    build_exam(author=teacher, text=seed_text, title="Gepubliceerde toets")
    build_exam(author=teacher, text=seed_text, title="Concepttoets", published=False)
    html = pupil_client.get(reverse("pupil:home")).content.decode()
    assert "Gepubliceerde toets" in html
    assert "Concepttoets" not in html


def test_the_list_shows_the_pupils_own_results_and_a_way_back_in(
    attempt, pupil_client, other_pupil, exam
):
    services.save_answer(attempt=attempt, question=q(exam, "mc"), value="B")
    services.submit_attempt(attempt=attempt)
    theirs = services.start_attempt(pupil=other_pupil, exam=exam)
    services.submit_attempt(attempt=theirs)
    open_again = services.start_attempt(pupil=attempt.pupil, exam=exam)
    html = pupil_client.get(reverse("pupil:home")).content.decode()
    assert reverse("pupil:attempt-result", args=[attempt.pk]) in html
    assert reverse("pupil:attempt-result", args=[theirs.pk]) not in html
    assert "1 / 16" in html
    assert reverse("pupil:attempt-detail", args=[open_again.pk]) in html


# --- starting and the exam page -----------------------------------------------------


def test_starting_opens_the_exam_page_and_starting_again_resumes_it(exam, pupil_client, pupil):
    url = reverse("pupil:exam-start", args=[exam.pk])
    first = pupil_client.post(url)
    second = pupil_client.post(url)
    attempt = Attempt.objects.get(pupil=pupil)
    assert first["Location"] == second["Location"]
    assert first["Location"] == reverse("pupil:attempt-detail", args=[attempt.pk])


def test_an_unpublished_exam_cannot_be_started(pupil_client, seed_text, teacher):
    draft = build_exam(author=teacher, text=seed_text, published=False)
    response = pupil_client.post(reverse("pupil:exam-start", args=[draft.pk]))
    assert response.status_code == 404


def test_the_exam_page_shows_the_booklet_and_every_question(attempt, pupil_client, seed_text):
    html = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    assert f'id="text-{seed_text.pk}-line-109"' in html
    for number in range(1, 11):
        assert f'id="question-{number}"' in html
        assert f'id="nav-q{number}"' in html
    # A reference in a stem is a link into the booklet.
    assert f'href="#text-{seed_text.pk}-line-3" data-text="{seed_text.pk}"' in html
    assert 'data-ref-kind="paragraph" data-first="2"' in html


def test_the_exam_page_shows_every_saved_answer_after_a_reload(attempt, pupil_client):
    exam = attempt.exam
    values = {
        "mc": "C",
        "multi": ["A", "D"],
        "statements": {"1": "onjuist", "2": "juist"},
        "matching": {"b": "4"},
        "ordering": ["D", "C", "B", "A"],
        "paragraph": "4",
        "citation": "Wie twittert",
        "gap": "kanaal",
        "open": "Een reden.\nNog een reden.",
        "summary": "Kort samengevat.",
    }
    for kind, value in values.items():
        services.save_answer(attempt=attempt, question=q(exam, kind), value=value)
    html = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    n = {kind: q(exam, kind).number for kind in values}
    assert re.search(rf'value="C" id="q{n["mc"]}-o3" checked', html)
    assert re.search(rf'value="A" id="q{n["multi"]}-o1" checked', html)
    assert re.search(rf'value="D" id="q{n["multi"]}-o4" checked', html)
    assert not re.search(rf'value="B" id="q{n["multi"]}-o2" checked', html)
    assert re.search(r'name="s-1" value="onjuist" aria-labelledby="[^"]*-w2" checked', html)
    assert re.search(r'<option value="4" selected>', html)
    assert re.search(
        rf'id="q{n["ordering"]}-o1">\s*<option value="">–</option>.*?value="D" selected', html, re.S
    )
    assert f'id="q{n["paragraph"]}-value" value="4"' in html
    assert ">Wie twittert</textarea>" in html
    assert f'id="q{n["gap"]}-value" value="kanaal"' in html
    assert "Een reden.\nNog een reden.</textarea>" in html
    assert "Kort samengevat.</textarea>" in html
    for number in n.values():
        assert f'class="exam-nav-item is-answered" id="nav-q{number}"' in html


def test_a_first_last_citation_shows_two_fields_with_the_saved_words(attempt, pupil_client):
    question = q(attempt.exam, "citation")
    question.scoring = {"mode": "first_last", "spans": [SEED_SENTENCE]}
    question.save()
    services.save_answer(
        attempt=attempt, question=question, value={"first": "Wie twittert", "last": "wordt gehoord"}
    )
    html = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    assert f'name="first" id="q{question.number}-first" value="Wie twittert"' in html
    assert f'name="last" id="q{question.number}-last" value="wordt gehoord"' in html


def test_each_answer_form_posts_to_its_own_save_url(attempt, pupil_client):
    page_url = reverse("pupil:attempt-detail", args=[attempt.pk])
    html = pupil_client.get(page_url).content.decode()
    for question in attempt.exam.questions.all():
        action = re.search(rf'id="answer-{question.number}" method="post" action="([^"]+)"', html)
        expected = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
        assert urljoin(page_url, action.group(1)) == expected


def test_without_javascript_a_form_posts_with_its_csrf_token(attempt, pupil):
    client = Client(enforce_csrf_checks=True)
    client.force_login(pupil)
    page_url = reverse("pupil:attempt-detail", args=[attempt.pk])
    html = client.get(page_url).content.decode()
    number = q(attempt.exam, "gap").number
    token = re.search(
        rf'name="csrfmiddlewaretoken" value="([^"]+)" form="answer-{number}"', html
    ).group(1)
    response = client.post(
        save_url(attempt, "gap"), {"value": "zonder script", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Answer.objects.get(attempt=attempt, question__kind="gap").response == "zonder script"


def test_another_pupils_answers_never_show_on_my_exam_page(
    attempt, pupil_client, other_pupil, other_pupil_client
):
    # The question fragments are cached and shared; only equal content may be shared.
    pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk]))
    services.save_answer(attempt=attempt, question=q(attempt.exam, "gap"), value="mijngeheim")
    services.save_answer(attempt=attempt, question=q(attempt.exam, "mc"), value="C")
    assert (
        "mijngeheim"
        in pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    )
    theirs = services.start_attempt(pupil=other_pupil, exam=attempt.exam)
    html = other_pupil_client.get(
        reverse("pupil:attempt-detail", args=[theirs.pk])
    ).content.decode()
    assert "mijngeheim" not in html
    assert " checked" not in html
    assert "is-answered" not in html


def test_a_submitted_attempt_sends_the_exam_page_to_the_result(attempt, pupil_client):
    services.submit_attempt(attempt=attempt)
    response = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk]))
    assert response["Location"] == reverse("pupil:attempt-result", args=[attempt.pk])


# --- saving ---------------------------------------------------------------------------


def test_saving_stores_the_answer_and_answers_with_a_small_status(attempt, pupil_client):
    number = q(attempt.exam, "multi").number
    response = pupil_client.post(
        save_url(attempt, "multi"), {"value": ["C", "A"], "revision": "4"}, **HTMX
    )
    assert response.status_code == 200
    assert response["X-Answer-Revision"] == "4"
    html = response.content.decode()
    assert 'data-state="saved"' in html
    assert "<html" not in html
    # The navigator item for the question is updated out of band.
    assert f'class="exam-nav-item is-answered" id="nav-q{number}"' in html
    assert 'hx-swap-oob="true"' in html
    answer = Answer.objects.get(attempt=attempt, question__kind="multi")
    assert answer.response == ["C", "A"]
    assert answer.revision == 4


@pytest.mark.parametrize(
    ("kind", "data", "stored"),
    [
        ("mc", {"value": "D"}, "D"),
        ("statements", {"s-1": "juist", "s-3": "onjuist"}, {"1": "juist", "3": "onjuist"}),
        ("matching", {"m-a": "1", "m-c": "4", "m-b": ""}, {"a": "1", "c": "4"}),
        ("ordering", {"o-1": "B", "o-2": "A", "o-3": "C", "o-4": "D"}, ["B", "A", "C", "D"]),
        ("paragraph", {"value": "3"}, "3"),
        ("citation", {"value": "  Wie   twittert "}, "Wie twittert"),
        ("gap", {"value": "kanaal"}, "kanaal"),
        ("open", {"value": "Regel een\r\nregel twee"}, "Regel een\nregel twee"),
        ("summary", {"value": "Een samenvatting."}, "Een samenvatting."),
    ],
)
def test_every_kind_of_answer_is_saved_from_its_form_fields(
    attempt, pupil_client, kind, data, stored
):
    response = pupil_client.post(save_url(attempt, kind), data, **HTMX)
    assert response.status_code == 200
    assert Answer.objects.get(attempt=attempt, question__kind=kind).response == stored


def test_a_wel_niet_statement_is_shown_with_its_words_and_saved_as_niet(attempt, pupil_client):
    question = q(attempt.exam, "statements")
    question.scoring = {
        **question.scoring,
        "values": ["wel", "niet"],
        "answers": dict.fromkeys(question.scoring["answers"], "wel"),
    }
    question.save(update_fields=["scoring"])
    html = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    assert re.search(r'name="s-1" value="niet" aria-labelledby="[^"]*-w2"', html)
    assert 'name="s-1" value="onjuist"' not in html
    response = pupil_client.post(
        save_url(attempt, "statements"), {"s-1": "niet", "s-2": "W"}, **HTMX
    )
    assert response.status_code == 200
    answer = Answer.objects.get(attempt=attempt, question=question)
    assert answer.response == {"1": "niet", "2": "wel"}
    # juist is not one of this question's words.
    pupil_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    refused = pupil_client.post(save_url(attempt, "statements"), {"s-1": "juist"}, **HTMX)
    assert refused.status_code == 422
    assert "Choose wel or niet for each statement." in refused.content.decode()
    answer.refresh_from_db()
    assert answer.response == {"1": "niet", "2": "wel"}


def test_clearing_an_answer_marks_the_question_unanswered_again(attempt, pupil_client):
    number = q(attempt.exam, "mc").number
    pupil_client.post(save_url(attempt, "mc"), {"value": "A"}, **HTMX)
    html = pupil_client.post(save_url(attempt, "mc"), {}, **HTMX).content.decode()
    assert f'class="exam-nav-item" id="nav-q{number}"' in html
    assert Answer.objects.get(attempt=attempt, question__kind="mc").response is None


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("mc", {"value": "Z"}, "“Z” is not one of the options."),
        ("paragraph", {"value": "12"}, "The text has no paragraph 12."),
        ("ordering", {"o-1": "A", "o-2": "A", "o-3": "B", "o-4": "C"}, "exactly one place"),
        ("gap", {"value": "woord", "revision": "abc"}, "cannot be saved"),
        ("gap", {"value": "woord", "revision": "-1"}, "cannot be saved"),
        ("gap", {"value": "x" * 6000}, "at most 5000 characters"),
    ],
)
def test_an_impossible_answer_gets_a_clear_message_not_an_error_page(
    attempt, pupil_client, kind, data, message
):
    pupil_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = pupil_client.post(save_url(attempt, kind), data, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'data-state="invalid"' in html
    assert f'id="q{q(attempt.exam, kind).number}-error"' in html
    assert message in html.replace("&#x27;", "'")
    assert not Answer.objects.filter(attempt=attempt, question__kind=kind).exists()


def test_a_late_save_is_reported_as_stale_and_keeps_the_newer_answer(attempt, pupil_client):
    pupil_client.post(save_url(attempt, "gap"), {"value": "nieuw", "revision": "7"}, **HTMX)
    response = pupil_client.post(
        save_url(attempt, "gap"), {"value": "oud", "revision": "6"}, **HTMX
    )
    assert response.status_code == 200
    assert response["X-Answer-Revision"] == "7"
    assert 'data-state="stale"' in response.content.decode()
    assert Answer.objects.get(attempt=attempt, question__kind="gap").response == "nieuw"


def test_saving_after_handing_in_is_refused_with_a_message(attempt, pupil_client):
    pupil_client.post(save_url(attempt, "gap"), {"value": "eerst"}, **HTMX)
    services.submit_attempt(attempt=attempt)
    pupil_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = pupil_client.post(save_url(attempt, "gap"), {"value": "later"}, **HTMX)
    assert response.status_code == 409
    assert "answers can no longer be changed" in response.content.decode()
    assert Answer.objects.get(attempt=attempt, question__kind="gap").response == "eerst"


def test_without_javascript_a_save_returns_to_the_question(attempt, pupil_client):
    number = q(attempt.exam, "gap").number
    response = pupil_client.post(save_url(attempt, "gap"), {"value": "woord"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#question-{number}")
    assert Answer.objects.get(attempt=attempt, question__kind="gap").response == "woord"


# --- handing in -------------------------------------------------------------------------


def test_the_confirmation_lists_the_unanswered_questions(attempt, pupil_client):
    for kind in ("mc", "gap", "open"):
        pupil_client.post(save_url(attempt, kind), {"value": {"mc": "B"}.get(kind, "x")}, **HTMX)
    answered = {q(attempt.exam, kind).number for kind in ("mc", "gap", "open")}
    url = reverse("pupil:attempt-submit", args=[attempt.pk])
    fragment = pupil_client.get(url, **HTMX).content.decode()
    page = pupil_client.get(url).content.decode()
    assert "<html" not in fragment and "<html" in page
    listed = [int(n) for n in re.findall(r'data-number="(\d+)">', fragment)]
    assert listed == [n for n in range(1, 11) if n not in answered]
    assert 'method="post"' in fragment


def test_handing_in_shows_the_result_and_a_second_submit_is_harmless(attempt, pupil_client):
    pupil_client.post(save_url(attempt, "mc"), {"value": "B"}, **HTMX)
    url = reverse("pupil:attempt-submit", args=[attempt.pk])
    first = pupil_client.post(url)
    second = pupil_client.post(url)
    result_url = reverse("pupil:attempt-result", args=[attempt.pk])
    assert first["Location"] == second["Location"] == result_url
    attempt.refresh_from_db()
    assert attempt.total_points == 1
    assert Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=False).count() == 1


# --- the result page -------------------------------------------------------------------


def test_the_result_page_waits_for_the_submit(attempt, pupil_client):
    response = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk]))
    assert response["Location"] == reverse("pupil:attempt-detail", args=[attempt.pk])


def test_the_result_page_shows_points_grade_model_and_where_the_answer_is(
    attempt, pupil_client, seed_text
):
    services.save_answer(attempt=attempt, question=q(attempt.exam, "mc"), value="B")
    services.save_answer(
        attempt=attempt, question=q(attempt.exam, "citation"), value="Wie twittert, wordt gehord."
    )
    services.submit_attempt(attempt=attempt)
    html = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk])).content.decode()
    assert 'id="result-total" data-total="2" data-max="16"' in html
    # 9 * 2 / 16 + 1.0 = 2.125, shown the Dutch way.
    assert 'id="result-grade" data-grade="2.1">2,1<' in html
    mc = q(attempt.exam, "mc")
    assert re.search(rf'id="question-{mc.number}" data-number="{mc.number}" data-points="1"', html)
    assert f"model {mc.number}" in html
    # answer_lines "3-4" links into the booklet shown beside it.
    assert f'id="text-{seed_text.pk}-line-3"' in html
    assert 'data-first="3" data-last="4" data-answer-lines' in html
    # The citation's feedback links to the line the pupil quoted.
    assert 'data-first="27" data-last="27" data-cited' in html


def test_the_pupil_scores_an_open_answer_and_sees_it_as_a_self_score(attempt, pupil_client):
    question = q(attempt.exam, "open")
    services.save_answer(attempt=attempt, question=question, value="Ze hebben een groot netwerk.")
    services.submit_attempt(attempt=attempt)
    url = reverse("pupil:answer-self-score", args=[attempt.pk, question.pk])
    response = pupil_client.post(url, {"elements": ["0", "1"]})
    assert response["Location"].endswith(f"#question-{question.number}")
    answer = Answer.objects.get(attempt=attempt, question=question)
    assert answer.self_points == 2
    html = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk])).content.decode()
    assert re.search(
        rf'id="question-{question.number}"[^>]*data-points="2" data-source="self"', html
    )
    assert "data-self-score" in html
    assert "data-provisional" in html


def test_a_self_score_with_made_up_elements_is_refused(attempt, pupil_client):
    question = q(attempt.exam, "open")
    services.save_answer(attempt=attempt, question=question, value="iets")
    services.submit_attempt(attempt=attempt)
    url = reverse("pupil:answer-self-score", args=[attempt.pk, question.pk])
    response = pupil_client.post(url, {"elements": ["9"]})
    assert response.status_code == 302
    assert Answer.objects.get(attempt=attempt, question=question).self_points is None
