"""Reading preferences (kept with the pupil's account) and the read-aloud accommodation
(switched on by the class's teacher, per pupil or per assignment): issue 13, §2–3."""

import pytest
from django.urls import reverse

from accounts.models import ReadingPreferences
from exam import services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Membership, ReadAloud
from tests.exam_builders import make_exam

URL = reverse("accounts:reading-preferences")
ALL_ON = {
    "font_size": "3",
    "line_spacing": "2",
    "dyslexia": "1",
    "high_contrast": "1",
    "line_reader": "1",
}


@pytest.fixture
def exam(teacher, seed_text):
    return make_exam(teacher, seed_text)


@pytest.fixture
def classroom(teacher, pupil, other_pupil):
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    Membership.objects.create(classroom=room, pupil=other_pupil)
    return room


@pytest.fixture
def assignment(classroom, exam, teacher):
    return assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="practice"
    )


def _exam_page(client, assignment, pupil) -> str:
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    response = client.get(reverse("pupil:attempt-detail", kwargs={"pk": attempt.pk}))
    assert response.status_code == 200
    return response.content.decode()


# --- reading preferences ----------------------------------------------------------------


def test_a_pupil_stores_their_own_reading_preferences(pupil, other_pupil, pupil_client):
    response = pupil_client.post(URL, ALL_ON)

    assert response.status_code == 200
    assert response.json() == {"reading": "size-3 spacing-2 dyslexia contrast line-reader"}
    stored = ReadingPreferences.objects.get(user=pupil)
    assert (stored.font_size, stored.line_spacing) == (3, 2)
    assert stored.dyslexia and stored.high_contrast and stored.line_reader
    assert not ReadingPreferences.objects.filter(user=other_pupil).exists()


def test_the_preferences_come_back_on_every_page_of_the_pupil(pupil_client, other_pupil_client):
    pupil_client.post(URL, ALL_ON)

    page = pupil_client.get(reverse("pupil:home")).content.decode()
    other = other_pupil_client.get(reverse("pupil:home")).content.decode()

    assert 'data-reading="size-3 spacing-2 dyslexia contrast line-reader"' in page
    assert 'data-reading="size-1 spacing-1"' in other


def test_switching_a_mode_off_again_is_stored(pupil, pupil_client):
    pupil_client.post(URL, ALL_ON)
    pupil_client.post(URL, {**ALL_ON, "dyslexia": "0", "font_size": "1"})

    stored = ReadingPreferences.objects.get(user=pupil)
    assert stored.font_size == 1 and not stored.dyslexia and stored.high_contrast


@pytest.mark.parametrize(
    "bad",
    [
        {"font_size": "5"},
        {"font_size": "0"},
        {"font_size": "large"},
        {"line_spacing": "9"},
        {"dyslexia": "yes"},
        {"line_reader": ""},
    ],
)
def test_a_bad_value_is_a_400_and_nothing_is_stored(pupil, pupil_client, bad):
    response = pupil_client.post(URL, {**ALL_ON, **bad})

    assert response.status_code == 400
    assert not ReadingPreferences.objects.filter(user=pupil).exists()


def test_the_preferences_need_a_login_and_a_post(client, pupil_client):
    assert client.post(URL, ALL_ON).status_code == 302
    assert pupil_client.get(URL).status_code == 405


def test_the_exam_page_shows_the_reading_menu_and_the_stored_choices(
    pupil, pupil_client, assignment
):
    pupil_client.post(URL, ALL_ON)

    page = _exam_page(pupil_client, assignment, pupil)

    assert 'id="reading-form"' in page
    assert 'data-reading="size-3 spacing-2 dyslexia contrast line-reader"' in page
    # The menu itself is the same for everyone (reading.js ticks it from data-reading),
    # so a cached exam page never carries someone else's choices.
    assert " checked" not in page


# --- the read-aloud accommodation -------------------------------------------------------


def _read_aloud_url(assignment):
    return reverse("teacher:assignment-read-aloud", kwargs={"pk": assignment.pk})


def test_without_the_accommodation_a_pupil_sees_no_read_aloud_controls(
    pupil, pupil_client, assignment
):
    assert 'id="read-aloud"' not in _exam_page(pupil_client, assignment, pupil)


def test_the_teacher_switches_read_aloud_on_for_one_pupil_only(
    teacher_client, pupil, other_pupil, pupil_client, other_pupil_client, assignment
):
    response = teacher_client.post(_read_aloud_url(assignment), {"pupil": pupil.pk, "enabled": "1"})

    assert response.status_code == 302
    assert ReadAloud.objects.filter(assignment=assignment, pupil=pupil).exists()
    assert 'id="read-aloud"' in _exam_page(pupil_client, assignment, pupil)
    assert 'id="read-aloud"' not in _exam_page(other_pupil_client, assignment, other_pupil)


def test_the_teacher_switches_it_off_again(teacher_client, pupil, pupil_client, assignment):
    teacher_client.post(_read_aloud_url(assignment), {"pupil": pupil.pk, "enabled": "1"})
    teacher_client.post(_read_aloud_url(assignment), {"pupil": pupil.pk, "enabled": "0"})

    assert not ReadAloud.objects.exists()
    assert 'id="read-aloud"' not in _exam_page(pupil_client, assignment, pupil)


def test_read_aloud_for_the_whole_assignment_reaches_every_pupil(
    teacher_client, pupil, other_pupil, pupil_client, other_pupil_client, assignment
):
    teacher_client.post(_read_aloud_url(assignment), {"enabled": "1"})

    assignment.refresh_from_db()
    assert assignment.read_aloud_for_all
    assert 'id="read-aloud"' in _exam_page(pupil_client, assignment, pupil)
    assert 'id="read-aloud"' in _exam_page(other_pupil_client, assignment, other_pupil)


def test_the_assignment_page_shows_who_has_read_aloud(teacher_client, pupil, assignment):
    teacher_client.post(_read_aloud_url(assignment), {"pupil": pupil.pk, "enabled": "1"})

    page = teacher_client.get(
        reverse("teacher:assignment-detail", kwargs={"pk": assignment.pk})
    ).content.decode()

    assert 'aria-pressed="true" data-read-aloud-pupil="pupil"' in page
    assert 'id="read-aloud-form"' in page


def test_another_teacher_gets_a_404_and_changes_nothing(other_teacher_client, pupil, assignment):
    response = other_teacher_client.post(
        _read_aloud_url(assignment), {"pupil": pupil.pk, "enabled": "1"}
    )

    assert response.status_code == 404
    assert not ReadAloud.objects.exists()


def test_a_pupil_may_not_switch_it_on_for_themselves(pupil_client, pupil, assignment):
    response = pupil_client.post(_read_aloud_url(assignment), {"pupil": pupil.pk, "enabled": "1"})

    assert response.status_code == 403
    assert not ReadAloud.objects.exists()


def test_a_pupil_outside_the_class_cannot_be_given_read_aloud(
    teacher_client, admin_user, assignment
):
    teacher_client.post(_read_aloud_url(assignment), {"pupil": admin_user.pk, "enabled": "1"})

    assert not ReadAloud.objects.exists()


def test_free_practice_has_no_read_aloud(pupil, pupil_client, exam):
    attempt = services.start_attempt(pupil=pupil, exam=exam)

    page = pupil_client.get(reverse("pupil:attempt-detail", kwargs={"pk": attempt.pk}))

    assert 'id="read-aloud"' not in page.content.decode()
