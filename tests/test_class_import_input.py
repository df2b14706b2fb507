"""A class list in any shape gives pupils or a list of clear problems, never a 500.

Teachers upload what their spreadsheet or administration system saves: old Mac line
ends, a file that is not text at all, a stray quotation mark that swallows the rest.
Every bad file is refused as a whole with a problem that names its line.
"""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.services import is_valid_username
from exam.classes import pupil_csv
from exam.classes import services as class_services

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def classroom(teacher):
    return class_services.create_classroom(teacher=teacher, name="5 HAVO b")


def _post(client, classroom, data: bytes):
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile("klas.csv", data)
    return client.post(reverse("teacher:class-import", args=[classroom.pk]), {"file": upload})


def test_a_file_with_bare_carriage_returns_imports_every_row(teacher_client, classroom):
    response = _post(teacher_client, classroom, b"anna;Anna Jansen\rpiet;Piet Bakker\r")
    assert response.status_code == 200
    assert set(classroom.pupils.values_list("username", flat=True)) == {"anna", "piet"}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"anna;Anna\npiet;Pi\x00et\n", "line 2: the file contains characters that are not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "line 2: the file contains characters"),
        (b"\x00\xff\xfe\x01" * 64, "line 1: the file contains characters that are not text"),
        (b'anna;Anna\n"piet;Piet\nkees;Kees\n', "line 2: a quotation mark is not closed"),
        (b"anna;" + b"A" * 140_000 + b"\n", "line 1: a cell is too long to read"),
        (b'anna;Anna\n"' + b"x" * 140_000, "line 2: a cell is too long to read"),
    ],
    ids=["NUL", "png", "random bytes", "unclosed quote", "cell over 128 kB", "open quote"],
)
def test_a_bad_file_is_refused_with_its_problem_and_nothing_is_imported(
    teacher_client, classroom, data, problem
):
    response = _post(teacher_client, classroom, data)
    assert response.status_code == 400
    assert any(p.startswith(problem) for p in response.context["problems"]), response.context[
        "problems"
    ]
    assert problem.split(":")[1].strip()[:30] in response.content.decode()
    assert not User.objects.filter(username="anna").exists()
    assert classroom.pupils.count() == 0


@FAST
@given(data=st.binary(max_size=400))
def test_any_bytes_give_rows_or_problems_and_nothing_else(data):
    rows, problems = pupil_csv.parse_pupil_csv(data)
    assert rows or problems
    assert all(isinstance(p, str) and p for p in problems)


@FAST
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_gives_rows_or_problems_and_nothing_else(text):
    rows, problems = pupil_csv.parse_pupil_csv(text.encode("utf-8"))
    assert rows or problems
    for row in rows:
        assert is_valid_username(row.username)
        assert not pupil_csv.CONTROL_RE.search(row.first_name + row.last_name + row.password)


@pytest.mark.django_db
@FAST
@given(data=st.binary(max_size=300))
def test_importing_any_bytes_raises_only_the_import_error(classroom, data):
    try:
        pupil_csv.import_pupils(classroom=classroom, data=data)
    except pupil_csv.PupilImportError as exc:
        assert exc.problems


USERNAMES = st.from_regex(r"[a-z][a-z0-9._-]{0,11}", fullmatch=True)
NAME_WORDS = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzéëöçABCDEFGHIJKLMNOPQRSTUVWXYZ'-", min_size=1, max_size=10
)


@FAST
@given(
    pupils=st.lists(
        st.tuples(USERNAMES, st.lists(NAME_WORDS, min_size=1, max_size=4)),
        min_size=1,
        max_size=20,
        unique_by=lambda p: p[0],
    ),
    delimiter=st.sampled_from([";", ","]),
    header=st.booleans(),
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_a_valid_class_list_reads_back_as_written(pupils, delimiter, header, line_end, encoding):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    if header:
        writer.writerow(["gebruikersnaam", "naam"])
    for username, words in pupils:
        writer.writerow([username, " ".join(words)])
    rows, problems = pupil_csv.parse_pupil_csv(out.getvalue().encode(encoding))
    assert problems == []
    assert [(r.username, f"{r.first_name} {r.last_name}".strip()) for r in rows] == [
        (username, " ".join(words)) for username, words in pupils
    ]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6", "'+31 6"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Anna Jansen", "Anna Jansen"),
    ],
)
def test_the_accounts_file_keeps_formulas_as_text(teacher_client, classroom, cell, written):
    download = teacher_client.post(
        reverse("teacher:class-import-download", args=[classroom.pk]),
        {"username": ["anna"], "name": [cell], "password": ["kq7m-x3pt-9rwa"]},
    )
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["anna", written, "kq7m-x3pt-9rwa"]
