"""The permission matrix: every teacher and pupil URL, for every role of the fixed cast.

Expected per role:
- anonymous: a redirect to the login page;
- a wrong role (a pupil on a teacher's page, a teacher or the admin on a pupil's
  page, the admin on a teacher's page: the admin manages texts and users, not
  classes): 403;
- someone of the right role who does not own the object: 404, never a 403 that
  would confirm it exists;
- the owner: the page works (200, or a redirect or a form error after a POST;
  never 403, 404 or 500).

Each URL gets a fresh world; the roles are tried denied-first, so only the owner's
request (the last one) can change anything.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Membership, SharedContext
from tests.exam_builders import make_exam
from tests.results_builders import take

ROLES = ["anonymous", "pupil", "other_pupil", "other_teacher", "admin_user", "teacher"]
LOGIN = "login"
OK = "ok"

# Who may reach a page, as expected statuses per role.
TEACHER_ANY = {
    "anonymous": LOGIN,
    "pupil": 403,
    "other_pupil": 403,
    "other_teacher": OK,
    "admin_user": 403,
    "teacher": OK,
}
TEACHER_OWN = {**TEACHER_ANY, "other_teacher": 404}
PUPIL_ANY = {
    "anonymous": LOGIN,
    "pupil": OK,
    "other_pupil": OK,
    "other_teacher": 403,
    "admin_user": 403,
    "teacher": 403,
}
PUPIL_OWN = {**PUPIL_ANY, "other_pupil": 404}


def _exam(w):
    return {"pk": w["exam"].pk}


def _question(w):
    return {"pk": w["exam"].pk, "question_pk": w["open_question"].pk}


def _context(w):
    return {"pk": w["exam"].pk, "context_pk": w["context"].pk}


def _classroom(w):
    return {"pk": w["classroom"].pk}


def _assignment(w):
    return {"pk": w["assignment"].pk}


def _attempt(w):
    return {"pk": w["attempt"].pk}


def _attempt_question(w):
    return {"pk": w["attempt"].pk, "question_pk": w["open_question"].pk}


def _none(w):
    return {}


# (url name, kwargs, method, who may reach it, POST data)
MATRIX = [
    # The teacher's dashboard and the authoring pages
    ("teacher:dashboard", _none, "get", TEACHER_ANY, None),
    ("teacher:exam-list", _none, "get", TEACHER_ANY, None),
    ("teacher:exam-create", _none, "get", TEACHER_ANY, None),
    ("teacher:exam-import", _none, "get", TEACHER_ANY, None),
    ("teacher:exam-import-report", _exam, "get", TEACHER_OWN, None),
    ("teacher:exam-detail", _exam, "get", TEACHER_OWN, None),
    ("teacher:exam-edit", _exam, "get", TEACHER_OWN, None),
    ("teacher:exam-copy", _exam, "post", TEACHER_OWN, {}),
    ("teacher:exam-delete", _exam, "post", TEACHER_OWN, {}),
    ("teacher:exam-publish", _exam, "post", TEACHER_OWN, {}),
    ("teacher:exam-share", _exam, "post", TEACHER_OWN, {}),
    ("teacher:exam-preview", _exam, "get", TEACHER_OWN, None),
    ("teacher:answer-model", _exam, "get", TEACHER_OWN, None),
    ("teacher:question-create", _exam, "get", TEACHER_OWN, None),
    ("teacher:question-edit", _question, "get", TEACHER_OWN, None),
    ("teacher:question-confirm", _question, "post", TEACHER_OWN, {}),
    ("teacher:question-delete", _question, "post", TEACHER_OWN, {}),
    ("teacher:question-move", _question, "post", TEACHER_OWN, {"direction": "up"}),
    ("teacher:context-create", _exam, "get", TEACHER_OWN, None),
    ("teacher:context-edit", _context, "get", TEACHER_OWN, None),
    ("teacher:context-delete", _context, "post", TEACHER_OWN, {}),
    # Classes and assignments
    ("teacher:class-list", _none, "get", TEACHER_ANY, None),
    ("teacher:class-create", _none, "get", TEACHER_ANY, None),
    ("teacher:class-detail", _classroom, "get", TEACHER_OWN, None),
    ("teacher:class-add-pupil", _classroom, "post", TEACHER_OWN, {"username": "other_pupil"}),
    (
        "teacher:class-remove-pupil",
        lambda w: {"pk": w["classroom"].pk, "pupil_pk": w["pupil"].pk},
        "post",
        TEACHER_OWN,
        {},
    ),
    ("teacher:class-import", _classroom, "get", TEACHER_OWN, None),
    (
        "teacher:class-import-download",
        _classroom,
        "post",
        TEACHER_OWN,
        {"username": "x", "name": "y", "password": "z"},
    ),
    ("teacher:class-calibration", _classroom, "get", TEACHER_OWN, None),
    ("teacher:assignment-create", _classroom, "get", TEACHER_OWN, None),
    ("teacher:assignment-detail", _assignment, "get", TEACHER_OWN, None),
    ("teacher:assignment-release", _assignment, "post", TEACHER_OWN, {}),
    (
        "teacher:assignment-extra-time",
        _assignment,
        "post",
        TEACHER_OWN,
        {"pupil": "0", "minutes": "30"},
    ),
    (
        "teacher:assignment-read-aloud",
        _assignment,
        "post",
        TEACHER_OWN,
        {"enabled": "1"},
    ),
    (
        "teacher:assignment-attempt",
        lambda w: {"pk": w["assignment"].pk, "attempt_pk": w["attempt"].pk},
        "get",
        TEACHER_OWN,
        None,
    ),
    # Marking
    ("teacher:marking-queue", _assignment, "get", TEACHER_OWN, None),
    (
        "teacher:marking-question",
        lambda w: {"pk": w["assignment"].pk, "question_pk": w["open_question"].pk},
        "get",
        TEACHER_OWN,
        None,
    ),
    ("teacher:calibration", _assignment, "get", TEACHER_OWN, None),
    ("teacher:mark-answer", lambda w: {"pk": w["answer"].pk}, "post", TEACHER_OWN, {}),
    (
        "teacher:answer-override",
        lambda w: {"pk": w["answer"].pk},
        "post",
        TEACHER_OWN,
        {"points": "1", "reason": "by analogy"},
    ),
    # Results
    ("teacher:exam-results", _exam, "get", TEACHER_OWN, None),
    ("teacher:assignment-results", _assignment, "get", TEACHER_OWN, None),
    ("teacher:pupil-results", lambda w: {"pk": w["pupil"].pk}, "get", TEACHER_OWN, None),
    (
        "teacher:results-export",
        lambda w: {
            "scope": "assignment",
            "pk": w["assignment"].pk,
            "what": "scores",
            "fmt": "csv",
        },
        "get",
        TEACHER_OWN,
        None,
    ),
    # Pupils' pages
    ("pupil:home", _none, "get", PUPIL_ANY, None),
    ("pupil:exam-start", _exam, "post", PUPIL_ANY, {}),
    ("pupil:attempt-detail", _attempt, "get", PUPIL_OWN, None),
    ("pupil:answer-save", _attempt_question, "post", PUPIL_OWN, {"value": "x"}),
    ("pupil:attempt-submit", _attempt, "post", PUPIL_OWN, {}),
    (
        "pupil:highlight-paint",
        _attempt,
        "post",
        PUPIL_OWN,
        {"text": "1", "start_line": "1", "start_word": "0", "end_line": "1", "end_word": "0"},
    ),
    ("pupil:scratch-save", _attempt_question, "post", PUPIL_OWN, {"revision": "1"}),
    ("pupil:attempt-result", _attempt, "get", PUPIL_OWN, None),
    ("pupil:answer-self-score", _attempt_question, "post", PUPIL_OWN, {"elements": "0"}),
    ("pupil:assignment-list", _none, "get", PUPIL_ANY, None),
    ("pupil:class-join", _none, "get", PUPIL_ANY, None),
    # Another pupil is not in the class: the assignment does not exist for them.
    ("pupil:assignment-start", _assignment, "post", PUPIL_OWN, {}),
    ("pupil:results", _none, "get", PUPIL_ANY, None),
]


@pytest.fixture
def world(teacher, other_teacher, pupil, other_pupil, admin_user, seed_text):
    """The teacher's exam, class (with pupil) and exam-mode assignment, and the pupil's
    handed-in attempt; other_teacher and other_pupil own nothing of it."""
    exam = make_exam(teacher, seed_text)
    classroom = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=classroom, pupil=pupil)
    assignment = assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=50
    )
    attempt = take(assignment, pupil)
    answer = Answer.objects.get(attempt=attempt, question__number=2)
    context = SharedContext.objects.create(exam=exam, first_number=1, last_number=2, body="Lees")
    return {
        "context": context,
        "users": {
            "pupil": pupil,
            "other_pupil": other_pupil,
            "teacher": teacher,
            "other_teacher": other_teacher,
            "admin_user": admin_user,
        },
        "exam": exam,
        "open_question": answer.question,
        "classroom": classroom,
        "assignment": assignment,
        "attempt": attempt,
        "answer": answer,
        "pupil": pupil,
    }


def _outcome(response) -> object:
    if response.status_code == 302:
        location = urlsplit(response["Location"]).path
        if location == reverse(settings.LOGIN_URL):
            return LOGIN
        return OK
    if response.status_code in (403, 404) or response.status_code >= 500:
        return response.status_code
    return OK


@pytest.mark.parametrize(
    ("name", "kwargs", "method", "expected", "data"),
    MATRIX,
    ids=[row[0] for row in MATRIX],
)
def test_each_role_gets_the_expected_answer(world, name, kwargs, method, expected, data):
    url = reverse(name, kwargs=kwargs(world))
    got = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(world["users"][role])
        response = client.get(url) if method == "get" else client.post(url, data or {})
        got[role] = _outcome(response)
    assert got == expected


def _names(patterns, namespace: str) -> set[str]:
    names = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            names |= _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}")
    return names


def test_the_matrix_covers_every_teacher_and_pupil_url():
    """A new page must say who may see it: add it to MATRIX above."""
    resolver = get_resolver()
    covered = {row[0] for row in MATRIX}
    listed = set()
    for namespace in ("teacher", "pupil"):
        _prefix, sub = resolver.namespace_dict[namespace]
        listed |= _names(sub.url_patterns, namespace)
    assert listed - covered == set()


def test_another_teachers_answer_model_is_a_404_with_nothing_of_the_model(
    world, other_teacher_client
):
    response = other_teacher_client.get(
        reverse("teacher:answer-model", kwargs={"pk": world["exam"].pk})
    )
    assert response.status_code == 404
    assert "ze dringen voor" not in response.content.decode()


def test_a_co_author_reaches_the_exam_but_not_the_other_teachers_class(
    world, other_teacher, other_teacher_client
):
    world["exam"].co_authors.add(other_teacher)
    exam_page = other_teacher_client.get(
        reverse("teacher:exam-detail", kwargs={"pk": world["exam"].pk})
    )
    class_page = other_teacher_client.get(
        reverse("teacher:class-detail", kwargs={"pk": world["classroom"].pk})
    )
    grading = other_teacher_client.get(
        reverse(
            "teacher:marking-question",
            kwargs={"pk": world["assignment"].pk, "question_pk": world["open_question"].pk},
        )
    )
    assert (exam_page.status_code, class_page.status_code, grading.status_code) == (
        200,
        404,
        404,
    )
