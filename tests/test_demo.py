"""`make run` loads the demo through manage.py load_demo; twice must be harmless."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from exam.models import Exam, Question
from texts.models import Line, Text


@pytest.mark.django_db
def test_load_demo_imports_the_seed_and_prints_working_logins():
    out = StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()

    text = Text.objects.get(title="Laat de brutalen niet voordringen")
    assert text.title == "Laat de brutalen niet voordringen"
    assert text.is_published
    assert text.lines.count() == 109
    for username, password in [
        ("admin", "demo-admin-2026"),
        ("docent", "demo-docent-2026"),
        ("leerling", "demo-leerling-2026"),
    ]:
        assert f"{username}" in printed and password in printed
        assert authenticate(username=username, password=password) is not None
    # Both demo exams are open for free practice: a pupil can try them without a class.
    demos = Exam.objects.filter(author__username="docent")
    assert demos.count() == 2
    assert {exam.practice_visibility for exam in demos} == {Exam.PracticeVisibility.OPEN}


@pytest.mark.django_db
def test_load_demo_twice_duplicates_nothing():
    call_command("load_demo", stdout=StringIO())
    counts = (Text.objects.count(), Line.objects.count(), Exam.objects.count())
    questions = Question.objects.count()

    call_command("load_demo", stdout=StringIO())

    assert (Text.objects.count(), Line.objects.count(), Exam.objects.count()) == counts
    assert Question.objects.count() == questions >= 12
    assert authenticate(username="leerling", password="demo-leerling-2026") is not None
