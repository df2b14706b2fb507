"""What Dutch pupils and teachers read: dates with month and day names, counted words
in the right number, selects that say what to choose, accented usernames, a favicon."""

import datetime
import re
import unicodedata
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from accounts.services import ensure_user
from exam import services
from exam.assignments import services as assignment_services
from exam.classes import pupil_csv
from exam.classes import services as class_services
from exam.models import Membership
from tests.exam_builders import make_exam

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
# A Monday in March: "ma 2 mrt 2026, 14:05" in Dutch.
MONDAY = datetime.datetime(2026, 3, 2, 14, 5, tzinfo=AMSTERDAM)


@pytest.fixture
def exam(teacher, seed_text):
    return make_exam(teacher, seed_text)


@pytest.fixture
def classroom(teacher, pupil):
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    return room


def assign(classroom, exam, teacher, *, minutes):
    return assignment_services.assign_exam(
        classroom=classroom,
        exam=exam,
        teacher=teacher,
        mode="exam",
        closes_at=MONDAY + datetime.timedelta(days=400),
        time_limit_minutes=minutes,
    )


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# --- dates -------------------------------------------------------------------------------


def test_a_closing_time_has_a_dutch_day_and_month_name(teacher_client, classroom, exam, teacher):
    assignment = assign(classroom, exam, teacher, minutes=50)
    assignment.closes_at = MONDAY
    assignment.save()
    page = text_of(teacher_client.get(reverse("teacher:class-detail", args=[classroom.pk])))
    assert "ma 2 mrt 2026, 14:05" in page


def test_the_pupils_deadline_has_a_dutch_day_and_month_name(pupil_client, classroom, exam, teacher):
    assign(classroom, exam, teacher, minutes=50)
    closes = MONDAY + datetime.timedelta(days=400)  # Tuesday 6 April 2027
    page = text_of(pupil_client.get(reverse("pupil:assignment-list")))
    assert closes.strftime("%-d") + " apr 2027, 14:05" in page
    assert "di 6 apr 2027" in page


def test_a_handed_in_time_in_the_results_reads_as_a_date(pupil_client, pupil, exam):
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    attempt = services.submit_attempt(attempt=attempt)
    type(attempt).objects.filter(pk=attempt.pk).update(submitted_at=MONDAY)
    page = text_of(pupil_client.get(reverse("pupil:results")))
    assert "2 mrt 2026" in page
    assert "2-3-2026" not in page


# --- plurals -----------------------------------------------------------------------------


@pytest.mark.parametrize(("minutes", "said"), [(1, "1 minuut"), (50, "50 minuten")])
def test_a_time_limit_is_counted_in_minutes(pupil_client, classroom, exam, teacher, minutes, said):
    assign(classroom, exam, teacher, minutes=minutes)
    page = text_of(pupil_client.get(reverse("pupil:assignment-list")))
    assert said in page
    if minutes == 1:
        assert "1 minuten" not in page


def test_one_line_is_a_regel_and_more_are_regels(pupil_client, pupil, exam):
    exam.questions.filter(number=1).update(answer_lines="5")
    exam.questions.filter(number=2).update(answer_lines="6-8")
    attempt = services.submit_attempt(attempt=services.start_attempt(pupil=pupil, exam=exam))
    page = text_of(pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk])))
    assert "regel 5" in page and "regels 5" not in page
    assert "regels 6-8" in page


def test_one_point_is_a_punt(pupil_client, pupil, exam):
    exam.questions.filter(number=2).delete()
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    page = text_of(pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])))
    assert "· 1 punt" in page
    assert "1 punten" not in page


# --- selects -----------------------------------------------------------------------------


def test_no_select_offers_dashes_as_a_choice(teacher_client, classroom, exam, teacher):
    assignment = assign(classroom, exam, teacher, minutes=50)
    for url in [
        reverse("teacher:assignment-create", args=[classroom.pk]),
        reverse("teacher:assignment-detail", args=[assignment.pk]),
    ]:
        html = teacher_client.get(url).content.decode()
        assert "---------" not in html
    assert (
        "Kies een examen"
        in teacher_client.get(
            reverse("teacher:assignment-create", args=[classroom.pk])
        ).content.decode()
    )
    assert (
        "Kies een leerling"
        in teacher_client.get(
            reverse("teacher:assignment-detail", args=[assignment.pk])
        ).content.decode()
    )


# --- usernames ---------------------------------------------------------------------------


def test_a_class_list_with_an_accented_username_imports_and_the_pupil_logs_in(classroom):
    # Typed on a Mac, the "ö" may arrive as "o" plus a combining diaeresis.
    decomposed = unicodedata.normalize("NFD", "eöztürk")
    data = f"{decomposed};Elif Öztürk;Zonnebloem-2026\n".encode()
    pupil_csv.import_pupils(classroom=classroom, data=data)
    assert classroom.pupils.filter(username="eöztürk").exists()
    client = Client()
    assert client.login(username="eöztürk", password="Zonnebloem-2026")


def test_a_teacher_adds_an_accented_pupil_by_username(teacher_client, classroom):
    ensure_user(username="eöztürk", password="x" * 12, role="pupil")
    response = teacher_client.post(
        reverse("teacher:class-add-pupil", args=[classroom.pk]),
        {"username": unicodedata.normalize("NFD", "eöztürk")},
    )
    assert response.status_code == 302
    assert classroom.pupils.filter(username="eöztürk").exists()
    assert User.objects.filter(username="eöztürk").count() == 1


# --- favicon -----------------------------------------------------------------------------


def test_every_page_links_a_favicon_that_is_served(client):
    html = client.get(reverse("accounts:login")).content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    assert finders.find("favicon.svg")
    response = client.get(href)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.lstrip().startswith(b"<svg")
