"""Classes and assignments: the services of exam/classes/ and exam/assignments/ and the teachers' and pupils' pages."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone, translation

from exam.assignments import rules
from exam.assignments import services as assignment_services
from exam.assignments.rules import AssignmentRuleError
from exam.classes import pupil_csv
from exam.classes import services as class_services
from exam.models import Assignment, Attempt, Classroom, Membership
from tests.conftest import PASSWORD
from tests.exam_builders import make_exam


@pytest.fixture
def exam(teacher, seed_text):
    return make_exam(teacher, seed_text)


@pytest.fixture
def classroom(teacher, pupil):
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    return room


@pytest.fixture
def exam_assignment(classroom, exam, teacher):
    return assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=50
    )


# ---------------------------------------------------------------------------
# Classes and join codes


def test_a_new_class_gets_a_short_code_without_look_alike_characters(teacher):
    codes = {
        class_services.create_classroom(teacher=teacher, name=f"klas {i}").join_code
        for i in range(20)
    }
    assert len(codes) == 20
    for code in codes:
        assert len(code) == 6
        assert not set(code) & set("01OIL")


def test_a_taken_join_code_is_drawn_again(teacher, monkeypatch):
    first = class_services.create_classroom(teacher=teacher, name="a")
    draws = iter([first.join_code, first.join_code, "ZZZ999"])
    monkeypatch.setattr(class_services, "generate_join_code", lambda: next(draws))
    second = class_services.create_classroom(teacher=teacher, name="b")
    assert second.join_code == "ZZZ999"


def test_a_pupil_joins_with_the_code_typed_loosely(classroom, other_pupil):
    code = classroom.join_code.lower()
    typed = f" {code[:3]}-{code[3:]} "
    assert class_services.join_classroom(pupil=other_pupil, code=typed) == classroom
    assert classroom.pupils.filter(pk=other_pupil.pk).exists()


def test_joining_twice_keeps_one_membership(classroom, pupil):
    class_services.join_classroom(pupil=pupil, code=classroom.join_code)
    assert Membership.objects.filter(classroom=classroom, pupil=pupil).count() == 1


def test_an_unknown_code_is_refused(pupil, classroom):
    with pytest.raises(class_services.ClassError):
        class_services.join_classroom(pupil=pupil, code="NOPE22")


def test_a_teacher_cannot_join_a_class_as_pupil(classroom, other_teacher):
    with pytest.raises(class_services.ClassError):
        class_services.join_classroom(pupil=other_teacher, code=classroom.join_code)
    assert not classroom.pupils.filter(pk=other_teacher.pk).exists()


def test_a_teacher_adds_an_existing_pupil_by_username(classroom, other_pupil):
    class_services.add_pupil(classroom=classroom, username=" other_pupil ")
    assert classroom.pupils.filter(pk=other_pupil.pk).exists()


@pytest.mark.parametrize("username", ["nobody", "other_teacher"])
def test_only_existing_pupil_accounts_can_be_added(classroom, other_teacher, username):
    with pytest.raises(class_services.ClassError):
        class_services.add_pupil(classroom=classroom, username=username)
    assert classroom.pupils.count() == 1


def test_removing_a_pupil_keeps_their_attempts(classroom, exam_assignment, pupil):
    attempt = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    class_services.remove_pupil(classroom=classroom, pupil=pupil)
    assert not classroom.pupils.exists()
    assert Attempt.objects.filter(pk=attempt.pk).exists()


# ---------------------------------------------------------------------------
# CSV import


def test_a_semicolon_file_from_dutch_excel_without_header_imports(classroom):
    data = "jdevries;Jan de Vries;\nsbakker;Sanne Bakker;Zonnebloem-2026\n".encode("cp1252")
    result = pupil_csv.import_pupils(classroom=classroom, data=data)
    jan = User.objects.get(username="jdevries")
    sanne = User.objects.get(username="sbakker")
    assert (jan.first_name, jan.last_name) == ("Jan", "de Vries")
    assert sanne.check_password("Zonnebloem-2026")
    generated = next(p for p in result.created if p.username == "jdevries").password
    assert jan.check_password(generated)
    assert len(generated) >= 12
    assert set(classroom.pupils.values_list("username", flat=True)) == {
        "pupil",
        "jdevries",
        "sbakker",
    }
    assert jan.groups.filter(name="pupils").exists()


def test_a_utf8_file_with_bom_header_and_commas_keeps_accents(classroom):
    data = "\ufeffusername,name,password\nzoe,Zoë Çelik,\n".encode()
    pupil_csv.import_pupils(classroom=classroom, data=data)
    assert User.objects.get(username="zoe").get_full_name() == "Zoë Çelik"


def test_a_cp1252_file_keeps_accents(classroom):
    data = "gebruikersnaam;naam\nrene;René Müller\n".encode("cp1252")
    pupil_csv.import_pupils(classroom=classroom, data=data)
    assert User.objects.get(username="rene").get_full_name() == "René Müller"


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(classroom, teacher):
    data = (
        b"gebruikersnaam;naam;wachtwoord\n"
        b"anna;Anna Jansen;\n"  # line 2: fine
        b";Piet Zonder;\n"  # line 3: no username
        b"kees jan;Kees Jan;\n"  # line 4: a space
        b"Anna;Anna Twee;\n"  # line 5: same as line 2
        b"teacher;Meester;\n"  # line 6: a teacher's account
        b"bram;;\n"  # line 7: no name
        b"eva;Eva;kort\n"  # line 8: password too short
        b"x;y;z;extra\n"  # line 9: too many columns
    )
    with pytest.raises(pupil_csv.PupilImportError) as info:
        pupil_csv.import_pupils(classroom=classroom, data=data)
    problems = info.value.problems
    lines = sorted(int(p.split(":")[0].split()[-1]) for p in problems)
    assert lines == [3, 4, 5, 6, 7, 8, 9]
    assert not User.objects.filter(username__in=["anna", "bram", "eva"]).exists()
    assert classroom.pupils.count() == 1


def test_a_problem_names_its_line(classroom):
    with translation.override("en"), pytest.raises(pupil_csv.PupilImportError) as info:
        pupil_csv.import_pupils(classroom=classroom, data=b"anna;Anna\n;Piet\n")
    assert info.value.problems == ["line 2: the username is missing"]


def test_an_existing_pupil_is_added_and_keeps_their_password(classroom, other_pupil):
    result = pupil_csv.import_pupils(
        classroom=classroom, data=b"other_pupil;Ander Leerling;nieuw-wachtwoord-1\n"
    )
    other_pupil.refresh_from_db()
    assert other_pupil.check_password(PASSWORD)
    assert result.created == []
    assert [p.username for p in result.added] == ["other_pupil"]
    assert classroom.pupils.filter(pk=other_pupil.pk).exists()


def test_an_empty_file_is_refused(classroom):
    with pytest.raises(pupil_csv.PupilImportError):
        pupil_csv.import_pupils(classroom=classroom, data=b"\n\n")


# ---------------------------------------------------------------------------
# Assignments


def test_an_exam_mode_assignment_needs_a_time_limit(classroom, exam, teacher):
    with pytest.raises(class_services.ClassError):
        assignment_services.assign_exam(
            classroom=classroom, exam=exam, teacher=teacher, mode="exam"
        )


def test_practice_mode_has_no_time_limit(classroom, exam, teacher):
    assignment = assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="practice", time_limit_minutes=30
    )
    assert assignment.time_limit_minutes is None


def test_a_window_that_closes_before_it_opens_is_refused(classroom, exam, teacher):
    now = timezone.now()
    with pytest.raises(class_services.ClassError):
        assignment_services.assign_exam(
            classroom=classroom,
            exam=exam,
            teacher=teacher,
            mode="practice",
            opens_at=now,
            closes_at=now - timedelta(hours=1),
        )


def test_a_teacher_cannot_assign_another_teachers_exam(
    classroom, teacher, other_teacher, seed_text
):
    foreign = make_exam(other_teacher, seed_text, title="Van een ander")
    with pytest.raises(class_services.ClassError):
        assignment_services.assign_exam(
            classroom=classroom, exam=foreign, teacher=teacher, mode="practice"
        )


def test_a_co_authored_exam_can_be_assigned(classroom, teacher, other_teacher, seed_text):
    shared = make_exam(other_teacher, seed_text, title="Gedeeld")
    shared.co_authors.add(teacher)
    assignment = assignment_services.assign_exam(
        classroom=classroom, exam=shared, teacher=teacher, mode="practice"
    )
    assert assignment.exam == shared


def test_a_draft_exam_cannot_be_assigned(classroom, teacher, seed_text):
    draft = make_exam(teacher, seed_text, published=False, title="Concept")
    with pytest.raises(class_services.ClassError):
        assignment_services.assign_exam(
            classroom=classroom, exam=draft, teacher=teacher, mode="practice"
        )


def test_starting_an_exam_assignment_sets_the_deadline_with_extra_time(exam_assignment, pupil):
    assignment_services.set_extra_time(assignment=exam_assignment, pupil=pupil, minutes=30)
    attempt = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    assert attempt.assignment == exam_assignment
    assert attempt.deadline_at - attempt.started_at == timedelta(minutes=80)


def test_starting_twice_resumes_the_same_attempt(exam_assignment, pupil):
    first = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    second = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    assert first.pk == second.pk
    assert Attempt.objects.filter(pupil=pupil).count() == 1


def test_an_exam_is_made_only_once(exam_assignment, pupil):
    attempt = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now())
    with pytest.raises(AssignmentRuleError) as info:
        assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    assert info.value.code == "once"


def test_practice_may_be_repeated(classroom, exam, teacher, pupil):
    practice = assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="practice"
    )
    first = assignment_services.start_assignment_attempt(assignment=practice, pupil=pupil)
    Attempt.objects.filter(pk=first.pk).update(submitted_at=timezone.now())
    second = assignment_services.start_assignment_attempt(assignment=practice, pupil=pupil)
    assert second.pk != first.pk
    assert second.deadline_at is None


def test_an_assignment_that_has_not_opened_cannot_be_started(classroom, exam, teacher, pupil):
    later = assignment_services.assign_exam(
        classroom=classroom,
        exam=exam,
        teacher=teacher,
        mode="exam",
        time_limit_minutes=50,
        opens_at=timezone.now() + timedelta(days=1),
    )
    with pytest.raises(AssignmentRuleError) as info:
        assignment_services.start_assignment_attempt(assignment=later, pupil=pupil)
    assert info.value.code == "not_open"


def test_a_pupil_outside_the_class_cannot_start(exam_assignment, other_pupil):
    with pytest.raises(class_services.ClassError):
        assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=other_pupil)


def test_an_attempt_opened_after_its_deadline_is_handed_in(exam_assignment, pupil):
    attempt = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    Attempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - timedelta(minutes=1))
    again = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    assert again.pk == attempt.pk
    assert again.submitted_at is not None
    assert again.total_points == 0


def test_extra_time_moves_the_deadline_of_an_attempt_in_progress(exam_assignment, pupil):
    attempt = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    assignment_services.set_extra_time(assignment=exam_assignment, pupil=pupil, minutes=30)
    attempt.refresh_from_db()
    assert attempt.deadline_at - attempt.started_at == timedelta(minutes=80)
    assignment_services.set_extra_time(assignment=exam_assignment, pupil=pupil, minutes=0)
    attempt.refresh_from_db()
    assert attempt.deadline_at - attempt.started_at == timedelta(minutes=50)


def test_extra_time_is_only_for_exam_mode_and_class_members(
    classroom, exam, teacher, exam_assignment, other_pupil, pupil
):
    practice = assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="practice"
    )
    with pytest.raises(class_services.ClassError):
        assignment_services.set_extra_time(assignment=practice, pupil=pupil, minutes=30)
    with pytest.raises(class_services.ClassError):
        assignment_services.set_extra_time(
            assignment=exam_assignment, pupil=other_pupil, minutes=30
        )


def test_releasing_results_is_recorded_once(exam_assignment):
    assignment_services.release_results(assignment=exam_assignment)
    first = exam_assignment.results_released_at
    assignment_services.release_results(assignment=exam_assignment)
    assert first is not None
    assert exam_assignment.results_released_at == first


# ---------------------------------------------------------------------------
# Teachers' pages


def test_a_teacher_creates_a_class_on_the_page(teacher_client, teacher):
    response = teacher_client.post(reverse("teacher:class-create"), {"name": "4 VWO a"})
    classroom = Classroom.objects.get(teacher=teacher, name="4 VWO a")
    assert response.status_code == 302
    assert response["Location"] == reverse("teacher:class-detail", args=[classroom.pk])


def test_the_class_page_shows_the_join_code_and_the_pupils(teacher_client, classroom):
    response = teacher_client.get(reverse("teacher:class-detail", args=[classroom.pk]))
    content = response.content.decode()
    assert classroom.join_code in content
    assert "pupil" in content


def test_the_add_pupil_form_shows_why_a_name_was_refused(teacher_client, classroom):
    response = teacher_client.post(
        reverse("teacher:class-add-pupil", args=[classroom.pk]),
        {"username": "nobody"},
    )
    assert response.status_code == 400
    assert "nobody" in response.content.decode()


def test_the_import_page_lists_every_problem(teacher_client, classroom):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("klas.csv", b"anna;Anna\n;Piet\nkees jan;Kees\n")
    teacher_client.cookies["django_language"] = "en"
    response = teacher_client.post(
        reverse("teacher:class-import", args=[classroom.pk]), {"file": upload}
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "line 2:" in content and "line 3:" in content
    assert not User.objects.filter(username="anna").exists()


def test_the_import_result_shows_new_passwords_once_and_offers_them_as_a_file(
    teacher_client, classroom
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("klas.csv", b"anna;Anna Jansen\n")
    response = teacher_client.post(
        reverse("teacher:class-import", args=[classroom.pk]), {"file": upload}
    )
    password = response.context["result"].created[0].password
    assert password in response.content.decode()
    download = teacher_client.post(
        reverse("teacher:class-import-download", args=[classroom.pk]),
        {"username": ["anna"], "name": ["Anna Jansen"], "password": [password]},
    )
    body = download.content.decode("utf-8-sig")
    assert download["Content-Type"].startswith("text/csv")
    assert f"anna;Anna Jansen;{password}" in body


def test_a_teacher_assigns_an_exam_in_exam_mode_on_the_page(teacher_client, classroom, exam):
    response = teacher_client.post(
        reverse("teacher:assignment-create", args=[classroom.pk]),
        {
            "exam": exam.pk,
            "mode": "exam",
            "opens_at": "2026-05-12T09:00",
            "closes_at": "2026-05-12T11:00",
            "time_limit_minutes": "50",
        },
    )
    assignment = Assignment.objects.get(classroom=classroom)
    assert response.status_code == 302
    assert assignment.time_limit_minutes == 50
    assert timezone.localtime(assignment.opens_at).hour == 9


def test_the_assignment_form_offers_only_the_teachers_exams(
    teacher_client, classroom, exam, other_teacher, seed_text
):
    foreign = make_exam(other_teacher, seed_text, title="Van een ander")
    response = teacher_client.post(
        reverse("teacher:assignment-create", args=[classroom.pk]),
        {"exam": foreign.pk, "mode": "practice"},
    )
    assert response.status_code == 200
    assert "exam" in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_releasing_results_on_the_page(teacher_client, exam_assignment):
    teacher_client.post(reverse("teacher:assignment-release", args=[exam_assignment.pk]))
    exam_assignment.refresh_from_db()
    assert exam_assignment.results_released_at is not None


def test_extra_time_on_the_page(teacher_client, exam_assignment, pupil):
    teacher_client.post(
        reverse("teacher:assignment-extra-time", args=[exam_assignment.pk]),
        {"pupil": pupil.pk, "minutes": 30},
    )
    assert assignment_services.extra_minutes(assignment=exam_assignment, pupil=pupil) == 30


def test_the_assignment_page_lists_the_class_with_few_queries(
    teacher_client, exam_assignment, pupil, django_assert_max_num_queries
):
    for i in range(5):
        user = User.objects.create_user(username=f"p{i}")
        Membership.objects.create(classroom=exam_assignment.classroom, pupil=user)
        Attempt.objects.create(pupil=user, exam=exam_assignment.exam, assignment=exam_assignment)
    with django_assert_max_num_queries(12):
        response = teacher_client.get(
            reverse("teacher:assignment-detail", args=[exam_assignment.pk])
        )
    assert len(response.context["rows"]) == 6


# ---------------------------------------------------------------------------
# Pupils' pages


def test_a_pupil_joins_a_class_on_the_page(other_pupil_client, other_pupil, classroom):
    response = other_pupil_client.post(
        reverse("pupil:class-join"), {"code": classroom.join_code.lower()}
    )
    assert response.status_code == 302
    assert classroom.pupils.filter(pk=other_pupil.pk).exists()


def test_a_wrong_code_on_the_join_page_is_explained(pupil_client):
    response = pupil_client.post(reverse("pupil:class-join"), {"code": "WRONG2"})
    assert response.status_code == 400
    assert response.context["form"].errors["code"]


def test_the_pupil_sees_their_assignments_with_status_and_deadline(
    pupil_client, exam_assignment, classroom, exam, teacher
):
    closes = timezone.now() + timedelta(days=2)
    practice = assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="practice", closes_at=closes
    )
    response = pupil_client.get(reverse("pupil:assignment-list"))
    rows = {a.pk: view for a, view in response.context["rows"]}
    assert rows[exam_assignment.pk].status == "open"
    assert rows[practice.pk].deadline_at == closes
    assert closes.astimezone(timezone.get_current_timezone()).strftime("%H:%M") in (
        response.content.decode()
    )


def test_a_pupil_does_not_see_assignments_of_other_classes(other_pupil_client, exam_assignment):
    response = other_pupil_client.get(reverse("pupil:assignment-list"))
    assert response.context["rows"] == []


def test_starting_an_assignment_opens_the_attempt(pupil_client, pupil, exam_assignment):
    response = pupil_client.post(reverse("pupil:assignment-start", args=[exam_assignment.pk]))
    attempt = Attempt.objects.get(pupil=pupil, assignment=exam_assignment)
    assert response["Location"] == reverse("pupil:attempt-detail", args=[attempt.pk])
    assert attempt.deadline_at is not None


def test_a_second_exam_attempt_is_refused_with_a_message(pupil_client, pupil, exam_assignment):
    attempt = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now())
    response = pupil_client.post(
        reverse("pupil:assignment-start", args=[exam_assignment.pk]), follow=True
    )
    assert Attempt.objects.filter(pupil=pupil).count() == 1
    assert list(response.context["messages"])


# ---------------------------------------------------------------------------
# What the pupil's exam pages ask (what they may see: tests/test_visibility.py)


def test_a_save_after_the_deadline_and_its_grace_is_refused(exam_assignment, pupil):
    attempt = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    rules.check_can_save(attempt=attempt, now=attempt.deadline_at + timedelta(seconds=30))
    with pytest.raises(AssignmentRuleError):
        rules.check_can_save(attempt=attempt, now=attempt.deadline_at + timedelta(seconds=31))


def test_the_countdown_counts_from_the_servers_deadline(exam_assignment, pupil):
    from django.template.loader import render_to_string

    attempt = assignment_services.start_assignment_attempt(assignment=exam_assignment, pupil=pupil)
    html = render_to_string("exam/_assignment_countdown.html", {"attempt": attempt})
    deadline = re.search(r'data-deadline="([^"]+)"', html).group(1)
    server_now = re.search(r'data-server-now="([^"]+)"', html).group(1)
    assert datetime.fromisoformat(deadline) == attempt.deadline_at
    left = datetime.fromisoformat(deadline) - datetime.fromisoformat(server_now)
    assert timedelta(minutes=49) < left <= timedelta(minutes=50)
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=timezone.now())
    attempt.refresh_from_db()
    assert "data-deadline" not in render_to_string(
        "exam/_assignment_countdown.html", {"attempt": attempt}
    )


def test_the_dashboard_lists_exams_classes_and_open_assignments_with_few_queries(
    teacher_client, exam_assignment, exam, classroom, django_assert_max_num_queries
):
    for i in range(4):
        class_services.create_classroom(teacher=exam_assignment.created_by, name=f"klas {i}")
    with django_assert_max_num_queries(10):
        response = teacher_client.get(reverse("teacher:dashboard"))
    assert [e.pk for e in response.context["exams"]] == [exam.pk]
    assert len(response.context["classrooms"]) == 5
    assert [a.pk for a in response.context["open_assignments"]] == [exam_assignment.pk]


def test_the_dashboard_leaves_out_closed_and_other_teachers_assignments(
    teacher_client, exam_assignment, other_teacher, seed_text
):
    Assignment.objects.filter(pk=exam_assignment.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    other_exam = make_exam(other_teacher, seed_text, title="Ander")
    other_class = class_services.create_classroom(teacher=other_teacher, name="ander")
    assignment_services.assign_exam(
        classroom=other_class, exam=other_exam, teacher=other_teacher, mode="practice"
    )
    response = teacher_client.get(reverse("teacher:dashboard"))
    assert response.context["open_assignments"] == []
    assert response.context["waiting_total"] == 0


def test_the_pupils_list_needs_few_queries(
    pupil_client, classroom, exam, teacher, django_assert_max_num_queries
):
    for _i in range(5):
        assignment_services.assign_exam(
            classroom=classroom, exam=exam, teacher=teacher, mode="practice"
        )
    with django_assert_max_num_queries(10):
        response = pupil_client.get(reverse("pupil:assignment-list"))
    assert len(response.context["rows"]) == 5
