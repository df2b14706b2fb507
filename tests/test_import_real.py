"""The import page with the real readers and builder (exam/papers/), end to end:
pasted papers become a draft exam whose questions wait for the teacher's
confirmation; a marking scheme pasted as the question booklet is refused in Dutch."""

import pytest
from django.urls import reverse

from exam.models import Exam

URL = reverse("teacher:exam-import")

BOOKLET = """Tekst 1 Laat de brutalen niet voordringen

1p 1 Wat is de functie van alinea 1 in de tekst?
A De alinea beschrijft een aanleiding.
B De alinea geeft een conclusie.
C De alinea noemt een tegenargument.
D De alinea weerlegt een standpunt.

1p 2 In welke alinea beschrijft de schrijver hoe bedrijven de sociale netwerken in
de gaten houden?
Noteer alleen het nummer van de alinea.
"""

SCHEME = """1 maximumscore 1
A

2 maximumscore 1
alinea 2
"""


@pytest.fixture
def posted(teacher_client, seed_text):
    data = {
        "title": "Proefimport",
        "text_1": seed_text.pk,
        "booklet_text": BOOKLET,
        "scheme_text": SCHEME,
    }
    return teacher_client.post(URL, data)


def test_pasted_papers_become_a_draft_whose_questions_wait_for_confirmation(posted):
    assert posted.status_code == 302
    exam = Exam.objects.get(title="Proefimport")
    assert not exam.is_published
    questions = list(exam.questions.order_by("number"))
    assert [(q.number, q.kind, q.max_points) for q in questions] == [
        (1, "mc", 1),
        (2, "paragraph", 1),
    ]
    assert questions[0].scoring["key"] == "A"
    assert questions[1].scoring["accepted"] == [2]
    assert all(q.needs_confirmation for q in questions)


def test_the_report_lists_every_imported_question(teacher_client, posted):
    exam = Exam.objects.get(title="Proefimport")
    page = teacher_client.get(reverse("teacher:exam-import-report", args=[exam.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "meerkeuze" in html.lower() and "alineanummer" in html.lower()


def test_a_marking_scheme_pasted_as_the_booklet_is_refused_in_dutch(teacher_client, seed_text):
    data = {"title": "Verkeerd", "text_1": seed_text.pk, "booklet_text": SCHEME * 3}
    response = teacher_client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Exam.objects.filter(title="Verkeerd").exists()
    assert "correctievoorschrift" in html.lower()


WRONG_QUOTE = BOOKLET.replace(
    "1p 1 Wat is de functie van alinea 1 in de tekst?",
    "1p 1 “Dit citaat staat nergens” (regels 3-4)\nWat is de functie van alinea 1 in de tekst?",
)


def test_a_quotation_that_is_not_on_its_lines_keeps_the_question_with_a_note(
    teacher_client, seed_text
):
    data = {
        "title": "Scheef citaat",
        "text_1": seed_text.pk,
        "booklet_text": WRONG_QUOTE,
        "scheme_text": SCHEME,
    }
    response = teacher_client.post(URL, data)
    assert response.status_code == 302
    exam = Exam.objects.get(title="Scheef citaat")
    assert exam.questions.count() == 2
    rows = {row["number"]: row for row in exam.import_report["questions"]}
    assert rows[1]["certainty"] == "low"
    assert [code for code, _params in rows[1]["notes"]] == ["reference_not_checked"]
    page = teacher_client.get(reverse("teacher:exam-import-report", args=[exam.pk]))
    html = page.content.decode()
    # In Dutch, with the quotation and the lines it was said to stand on.
    assert (
        "Een verwijzing past niet bij de gekozen tekst: “Dit citaat staat nergens” staat niet"
        " in regels 3-4" in html
    )
    assert "which is not on" not in html
