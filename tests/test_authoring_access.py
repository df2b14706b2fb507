"""Who reaches the authoring pages: author and co-authors; another teacher gets a 404,
a pupil a 403, an anonymous visitor the login page."""

import pytest
from django.test import Client
from django.urls import reverse

from exam import authoring
from exam.access import exams_for_teacher
from exam.demo import demo_exam_data
from exam.loading import create_exam_from_data
from exam.models import Exam

pytestmark = pytest.mark.django_db

EXAM_PAGES = [
    "exam-detail",
    "exam-edit",
    "exam-preview",
    "answer-model",
    "question-create",
]
QUESTION_PAGES = ["question-edit", "question-delete", "question-move"]
AUTHOR_PAGES = ["exam-delete", "exam-share"]


@pytest.fixture
def exam(teacher, other_teacher, seed_text):
    """The teacher's exam, with a colleague who is not a co-author around."""
    return create_exam_from_data(data=demo_exam_data(), texts=[seed_text], author=teacher)


@pytest.fixture
def co_author(exam, django_user_model):
    from accounts.services import ensure_user

    colleague, _ = ensure_user(username="colleague", password="pw-123456", role="teacher")
    authoring.add_co_author(exam=exam, username="colleague")
    return colleague


def client_for(request, who):
    if who == "anonymous":
        return Client()
    if who == "co_author":
        client = Client()
        client.force_login(request.getfixturevalue("co_author"))
        return client
    return request.getfixturevalue(f"{who}_client")


def url_for(name, exam):
    if name in QUESTION_PAGES:
        return reverse(f"teacher:{name}", args=[exam.pk, exam.questions.first().pk])
    return reverse(f"teacher:{name}", args=[exam.pk])


EXPECTED = {
    "teacher": 200,
    "co_author": 200,
    "other_teacher": 404,
    "pupil": 403,
    "admin": 403,
    "anonymous": 302,
}


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("name", EXAM_PAGES + ["question-edit", "question-delete"])
def test_exam_pages_by_role(request, exam, who, name):
    response = client_for(request, who).get(url_for(name, exam))
    assert response.status_code == EXPECTED[who]
    if who == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("teacher", 200),
        ("co_author", 403),
        ("other_teacher", 404),
        ("pupil", 403),
        ("anonymous", 302),
    ],
)
@pytest.mark.parametrize("name", AUTHOR_PAGES)
def test_deleting_and_sharing_are_the_authors(request, exam, who, status, name):
    response = client_for(request, who).get(url_for(name, exam))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("teacher", 200), ("other_teacher", 200), ("pupil", 403), ("anonymous", 302)],
)
@pytest.mark.parametrize("name", ["exam-list", "exam-create"])
def test_lists_and_new_exams_are_for_every_teacher(request, who, status, name):
    response = client_for(request, who).get(reverse(f"teacher:{name}"))
    assert response.status_code == status


def test_the_answer_model_of_an_unshared_exam_does_not_leak(other_teacher_client, exam, co_author):
    url = reverse("teacher:answer-model", args=[exam.pk])
    response = other_teacher_client.get(url)
    assert response.status_code == 404
    explanation = exam.questions.get(number=1).explanation
    assert explanation[:40] not in response.content.decode()
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert explanation[:40] not in anonymous.content.decode()
    colleague = Client()
    colleague.force_login(co_author)
    assert explanation[:40] in colleague.get(url).content.decode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("exam-copy", {}),
        ("exam-publish", {"action": "unpublish"}),
        ("exam-delete", {"confirm": "on"}),
        ("question-move", {"direction": "down"}),
        ("question-delete", {}),
    ],
)
def test_another_teacher_cannot_change_the_exam(other_teacher_client, exam, name, data):
    authoring.publish_exam(exam=exam)
    before = list(exam.questions.order_by("number").values_list("pk", flat=True))
    response = other_teacher_client.post(url_for(name, exam), data)
    assert response.status_code == 404
    exam.refresh_from_db()
    assert exam.is_published
    assert list(exam.questions.order_by("number").values_list("pk", flat=True)) == before
    assert Exam.objects.count() == 1


def test_a_question_of_another_exam_is_a_404_even_under_an_own_exam(
    teacher_client, teacher, other_teacher, exam, seed_text
):
    own = authoring.create_exam(author=teacher, title="Eigen", texts=[seed_text])
    foreign = create_exam_from_data(data=demo_exam_data(), texts=[seed_text], author=other_teacher)
    question = foreign.questions.first()
    response = teacher_client.get(reverse("teacher:question-edit", args=[own.pk, question.pk]))
    assert response.status_code == 404


def test_a_co_author_can_change_questions(request, exam, co_author, seed_text):
    client = client_for(request, "co_author")
    question = exam.questions.get(number=1)
    response = client.post(
        reverse("teacher:question-move", args=[exam.pk, question.pk]), {"direction": "down"}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.number == 2


def test_the_author_shares_with_a_colleague_by_username(teacher_client, exam, other_teacher):
    url = reverse("teacher:exam-share", args=[exam.pk])
    response = teacher_client.post(url, {"username": "other_teacher"})
    assert response.status_code == 302
    assert list(exam.co_authors.all()) == [other_teacher]
    assert exam in exams_for_teacher(other_teacher)
    unknown = teacher_client.post(url, {"username": "pupil"})
    assert unknown.status_code == 200
    assert "username" in unknown.context["form"].errors
    assert teacher_client.post(url, {"remove": "not-a-number"}).status_code == 302
    assert list(exam.co_authors.all()) == [other_teacher]
    teacher_client.post(url, {"remove": other_teacher.pk})
    assert not exam.co_authors.exists()


def test_pupils_and_admins_see_no_exams_as_teachers(pupil, admin_user, exam):
    assert not exams_for_teacher(pupil).exists()
    assert not exams_for_teacher(admin_user).exists()
