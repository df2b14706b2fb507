"""Nobody reads a running test's answer model (exam/visibility.py).

The exam carries a unique marker in its model answers, explanations, accepted words,
model elements and keywords (tests/exam_builders.secret). Once the exam is a class's
test, with results not released, three pupils try the ways it used to leak:

- `pupil` (in the class) practised it before it was assigned and has a second practice
  attempt open when the test starts;
- `other_pupil` (in no class) practised it freely before and has one open too;
- `leaver` made the test and was then taken out of the class.

Every page any of them can reach (every URL of the app's pupil, teacher, results and
text namespaces, for every object of the scene, as a page and as an htmx fragment,
and the pupil's own POSTs) is searched for the markers; none may appear, and no
practice attempt may be handed in for a result.
"""

import itertools
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from exam import services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Assignment, Attempt
from tests.conftest import _make_user
from tests.exam_builders import build_exam

SECRET = re.compile(r"SECRET[A-Z0-9]+Q\d+X", re.IGNORECASE)
PUPIL_NAMESPACES = ("pupil", "texts")
HTMX = {"HTTP_HX_REQUEST": "true"}
ANSWERS = {"mc": "B", "gap": "kanaal", "open": "voorrang en netwerk"}


def _practise(exam, pupil, *, submit: bool) -> Attempt:
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    for question in exam.questions.all():
        services.save_answer(attempt=attempt, question=question, value=ANSWERS[question.kind])
    return services.submit_attempt(attempt=attempt) if submit else attempt


@pytest.fixture
def scene(db, teacher, pupil, other_pupil, django_user_model, seed_text):
    exam = build_exam(
        author=teacher, text=seed_text, kinds=["mc", "gap", "open"], count=3, markers=True
    )
    leaver = _make_user(django_user_model, "leaver", "pupil")
    classroom = class_services.create_classroom(teacher=teacher, name="5H")
    for member in (pupil, leaver):
        class_services.add_pupil(classroom=classroom, username=member.username)
    earlier = {p.username: _practise(exam, p, submit=True) for p in (pupil, other_pupil)}
    still_open = {p.username: _practise(exam, p, submit=False) for p in (pupil, other_pupil)}
    test = assignment_services.assign_exam(
        classroom=classroom,
        exam=exam,
        teacher=teacher,
        mode=Assignment.Mode.EXAM,
        time_limit_minutes=50,
    )
    mine = assignment_services.start_assignment_attempt(assignment=test, pupil=pupil)
    services.save_answer(attempt=mine, question=exam.questions.get(number=1), value="B")
    left = assignment_services.start_assignment_attempt(assignment=test, pupil=leaver)
    services.save_answer(attempt=left, question=exam.questions.get(number=1), value="B")
    left = services.submit_attempt(attempt=left)
    class_services.remove_pupil(classroom=classroom, pupil=leaver)
    return {
        "exam": exam,
        "classroom": classroom,
        "test": test,
        "pupils": [pupil, other_pupil, leaver],
        "earlier": earlier,
        "still_open": still_open,
        "test_attempts": [mine, left],
        "leaver_attempt": left,
    }


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _patterns(patterns, namespace: str):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}", list(entry.pattern.converters)


def every_url(scene, namespaces) -> list[str]:
    """Every URL of the namespaces, with every object of the scene as its pk."""
    exam = scene["exam"]
    attempts = Attempt.objects.filter(exam=exam)
    values = {
        "pk": sorted(
            {exam.pk, scene["test"].pk, scene["classroom"].pk, exam.texts.get().pk}
            | set(attempts.values_list("pk", flat=True))
            | set(
                Answer.objects.filter(attempt__in=attempts, question__kind="open").values_list(
                    "pk", flat=True
                )
            )
            | {p.pk for p in scene["pupils"]}
        ),
        "question_pk": list(exam.questions.values_list("pk", flat=True)),
        "context_pk": list(exam.contexts.values_list("pk", flat=True)),
        "pupil_pk": [p.pk for p in scene["pupils"]],
        "attempt_pk": list(attempts.values_list("pk", flat=True)),
        "scope": ["assignment", "exam"],
        "what": ["scores", "items", "distractors"],
        "fmt": ["csv", "xlsx"],
    }
    resolver = get_resolver()
    urls = []
    for namespace in namespaces:
        _prefix, sub = resolver.namespace_dict[namespace]
        for name, kwargs in _patterns(sub.url_patterns, namespace):
            for combo in itertools.product(*(values[k] for k in kwargs)):
                urls.append(reverse(name, kwargs=dict(zip(kwargs, combo, strict=True))))
    return urls


def assert_no_model(response, url: str) -> None:
    assert response.status_code < 500, url
    body = response.content.decode(errors="replace")
    assert SECRET.findall(body) == [], url


def test_the_markers_are_on_the_practice_result_before_the_exam_is_a_test(
    teacher, pupil, pupil_client, seed_text
):
    exam = build_exam(author=teacher, text=seed_text, kinds=["mc", "open"], count=2, markers=True)
    attempt = _practise(exam, pupil, submit=True)
    html = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk])).content.decode()
    assert "SECRETEXPLANATIONQ1X" in html
    assert "SECRETELEMENTQ2X" in html


def test_no_page_a_pupil_can_reach_shows_the_running_tests_model(scene):
    urls = every_url(scene, PUPIL_NAMESPACES)
    for user in scene["pupils"]:
        client = _client(user)
        for url in urls:
            assert_no_model(client.get(url), url)
            assert_no_model(client.get(url, **HTMX), url)


def test_no_teacher_page_shows_a_pupil_the_model(scene):
    """Preview, answer model, results, exports: a pupil gets a 403 with nothing in it."""
    client = _client(scene["pupils"][0])
    for url in every_url(scene, ("teacher",)):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert_no_model(response, url)


def test_practising_and_handing_in_during_the_test_shows_no_model(scene):
    exam = scene["exam"]
    question = exam.questions.get(kind="open")
    for user in scene["pupils"]:
        client = _client(user)
        start = reverse("pupil:exam-start", args=[exam.pk])
        assert_no_model(client.post(start, follow=True), start)
        for attempt in Attempt.objects.filter(pupil=user):
            for url, data in (
                (reverse("pupil:attempt-submit", args=[attempt.pk]), {}),
                (reverse("pupil:answer-save", args=[attempt.pk, question.pk]), {"value": "x"}),
                (reverse("pupil:answer-self-score", args=[attempt.pk, question.pk]), {}),
            ):
                assert_no_model(client.post(url, data, follow=True), url)
                assert_no_model(client.post(url, data, **HTMX), url)
    # Nothing handed in, nothing new begun: no practice result during the test.
    for attempt in scene["still_open"].values():
        attempt.refresh_from_db()
        assert attempt.submitted_at is None
    assert Attempt.objects.filter(exam=exam, assignment__isnull=True).count() == 4


def test_the_pupil_is_told_why_in_plain_dutch(scene, pupil_client):
    earlier = scene["earlier"]["pupil"]
    still_open = scene["still_open"]["pupil"]

    result = pupil_client.get(reverse("pupil:attempt-result", args=[earlier.pk]))
    resumed = pupil_client.get(reverse("pupil:attempt-detail", args=[still_open.pk]), follow=True)

    assert "wordt nu als toets gebruikt" in result.content.decode()
    assert "het antwoordmodel verborgen" in result.content.decode()
    assert "Je klas heeft dit examen als toets" in resumed.content.decode()


def test_a_pupil_taken_out_of_the_class_sees_no_score_of_its_unreleased_test(scene):
    left = scene["leaver_attempt"]
    client = _client(left.pupil)
    for name in ("pupil:home", "pupil:assignment-list", "pupil:results"):
        html = client.get(reverse(name)).content.decode()
        assert reverse("pupil:attempt-result", args=[left.pk]) not in html, name
    result = client.get(reverse("pupil:attempt-result", args=[left.pk]))
    assert result.status_code == 302
    assert 'id="result-total"' not in client.get(result.url).content.decode()


def test_the_model_returns_when_the_results_are_released(scene, pupil_client):
    assignment_services.release_results(assignment=scene["test"])
    earlier = scene["earlier"]["pupil"]
    html = pupil_client.get(reverse("pupil:attempt-result", args=[earlier.pk])).content.decode()
    assert "SECRETEXPLANATIONQ1X" in html
