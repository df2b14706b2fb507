"""Issue 12's complete small exam, end to end: the three papers as the exam board
publishes them (rendered as PDFs here), uploaded on the import page, become a draft
exam over two new texts; the teacher checks the report, opens and saves every question,
publishes, assigns it to a class; a pupil takes it, the teacher marks the open answers
by the scheme's elements, and every question scores exactly what the marking scheme
says for those answers.

The papers are tests/papers/: opgaven.txt (the question booklet), correctievoorschrift.txt
(the marking scheme) and the two original texts they ask about, leve-de-verveling.txt
and het-nut-van-de-nacht.txt, printed as the text booklet ("bijlage").
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from exam.classes import services as class_services
from exam.models import Answer, Assignment, Exam
from tests.html_forms import form_fields
from tests.import_builders import paper
from tests.paper_pdfs import render_paper, text_booklet_pdf
from texts.models import Text

TITLE = "CE Nederlands havo 2026 (proef)"
IMPORT = reverse("teacher:exam-import")


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    """The three papers as PDFs, laid out as the exam board prints them."""
    return {
        "opgaven": render_paper(paper("opgaven.txt")),
        "correctievoorschrift": render_paper(
            paper("correctievoorschrift.txt"), code="HA-1002-a-26-1-c"
        ),
        "bijlage": text_booklet_pdf(
            paper("leve-de-verveling.txt"), paper("het-nut-van-de-nacht.txt")
        ),
    }


@pytest.fixture
def admin_teacher(db):
    """A teacher with admin rights: only admins upload texts (the text booklet)."""
    from accounts.services import ensure_user

    user, _created = ensure_user(
        username="docent-beheer", password="x-demo-2026", role="teacher", first_name="Beheer"
    )
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def admin_teacher_client(admin_teacher):
    from django.test import Client

    client = Client()
    client.force_login(admin_teacher)
    return client


def upload(pdfs, *names) -> dict:
    fields = {"opgaven": "booklet_file", "correctievoorschrift": "scheme_file"}
    fields["bijlage"] = "text_booklet_file"
    return {
        fields[name]: SimpleUploadedFile(f"{name}.pdf", pdfs[name], "application/pdf")
        for name in names
    }


def html(response) -> str:
    return response.content.decode()


# What the pupil answers (the POST fields of the exam page) and what the marking scheme
# gives for it, per question. The teacher marks the open answers (2, 10, 11, 12) by the
# scheme's elements: `ticked` are the elements the answer has, `sentences` the
# marker's judgement of "in volledige zinnen" where the question asks for it.
ANSWERS = {
    # Key B: right.
    1: {"post": {"value": "B"}, "points": 1},
    # Two elements, one given (the first reason); the second reason is not in the
    # scheme: 1 of 2.
    2: {
        "post": {
            "value": "Verveling geeft je geest de ruimte om zelf iets nieuws te bedenken. "
            "En verveling is goed voor je hart."
        },
        "ticked": [0],
        "points": 1,
    },
    # 1 onjuist, 2 juist, 3 onjuist, 4 juist; statement 3 wrong: three right, and
    # "indien drie goed 1".
    3: {"post": {"s-1": "onjuist", "s-2": "juist", "s-3": "juist", "s-4": "juist"}, "points": 1},
    # "alinea 3"; alinea 2 is wrong: 0.
    4: {"post": {"value": "2"}, "points": 0},
    # The sentence of regels 30-31, as cited: 1.
    5: {
        "post": {
            "value": "Verveling is dus geen verloren tijd, maar tijd die we aan onszelf besteden."
        },
        "points": 1,
    },
    # Keys 2 and 4; 2 and 5 chosen: one right, "indien één goed 1".
    6: {"post": {"value": ["2", "5"]}, "points": 1},
    # "stilte" is one of the accepted words: 1.
    7: {"post": {"value": "stilte"}, "points": 1},
    # a 1, b 3, c 2; only a right: "indien één of geen goed 0".
    8: {"post": {"m-a": "1", "m-b": "2", "m-c": "3"}, "points": 0},
    # B, C, A, D (maximumscore 1, no table): B, A, C, D is wrong: 0.
    9: {"post": {"o-1": "B", "o-2": "A", "o-3": "C", "o-4": "D"}, "points": 0},
    # Both elements, but as keywords, not in full sentences: 2 - 1 = 1.
    10: {
        "post": {"value": "brein ordent indrukken van de dag 's nachts\nbeter onthouden"},
        "ticked": [0, 1],
        "sentences": False,
        "points": 1,
    },
    # All three elements in 48 words where 40 are allowed: 8 words over, "voor elke
    # vijf woorden te veel 1 scorepunt aftrekken" makes 2 off: 3 - 2 = 1.
    11: {
        "post": {
            "value": "Wie 's nachts wakker ligt, is niet ziek, want vroeger sliepen mensen in "
            "twee delen. Dat uur ertussen gebruikten ze om na te denken, te bidden of "
            "te praten. Nu zien we wakker liggen ten onrechte als een probleem, en "
            "daardoor gaan we er ook slechter van slapen."
        },
        "ticked": [0, 1, 2],
        "points": 1,
    },
    # a right (weerstand), b wrong (tiredness is not what the text says about
    # learning): 1 of 2.
    12: {
        "post": {"p-a": "Je weerstand neemt af.", "p-b": "Je wordt er heel moe van."},
        "ticked": [0],
        "points": 1,
    },
}
TOTAL = 9
MAXIMUM = 20  # "Voor dit examen zijn maximaal 20 punten te behalen."


def test_the_answers_cover_every_question_and_the_maximum_is_the_booklets():
    booklet = paper("opgaven.txt")
    assert sorted(ANSWERS) == list(range(1, 13))
    assert sum(a["points"] for a in ANSWERS.values()) == TOTAL
    printed = [int(points) for points in re.findall(r"^(\d)p\b", booklet, re.MULTILINE)]
    assert len(printed) == 12 and sum(printed) == MAXIMUM
    assert f"maximaal {MAXIMUM} punten" in booklet
    # The summary's answer is over its limit, as its expected points say.
    assert len(ANSWERS[11]["post"]["value"].split()) == 48


def test_the_complete_small_exam_imports_is_confirmed_taken_and_scored_as_its_scheme_says(
    pdfs, admin_teacher, admin_teacher_client, pupil, pupil_client
):
    client = admin_teacher_client
    # --- the import: three PDFs, no texts chosen --------------------------------------
    response = client.post(IMPORT, {"title": TITLE, **upload(pdfs, *pdfs)})
    assert response.status_code == 302, html(response)
    exam = Exam.objects.get(title=TITLE)
    report_url = reverse("teacher:exam-import-report", args=[exam.pk])
    assert response.url == report_url
    assert not exam.is_published
    texts = [et.text for et in exam.exam_texts.select_related("text").order_by("position")]
    assert [t.title for t in texts] == ["Leve de verveling", "Het nut van de nacht"]
    assert [t.lines.count() for t in texts] == [40, 40]
    assert all(t.status == Text.Status.PUBLISHED and t.uploaded_by == admin_teacher for t in texts)
    # The gap of question 7 is the open place in line 6 of text 2.
    assert "…" in texts[1].lines.get(number=6).plain

    questions = list(exam.questions.order_by("number"))
    assert [(q.number, q.kind, q.max_points) for q in questions] == [
        (1, "mc", 1),
        (2, "open", 2),
        (3, "statements", 2),
        (4, "paragraph", 1),
        (5, "citation", 1),
        (6, "multi", 2),
        (7, "gap", 1),
        (8, "matching", 2),
        (9, "ordering", 1),
        (10, "open", 2),
        (11, "summary", 3),
        (12, "parts", 2),
    ]
    assert [q.text_id for q in questions] == [texts[0].pk] * 6 + [texts[1].pk] * 6
    assert all(q.needs_confirmation for q in questions)
    # "Gebruik maximaal 20 woorden" stands in part b only: only part b has the limit.
    assert [(p["label"], p["word_limit"]) for p in questions[11].scoring["parts"]] == [
        ("a", None),
        ("b", 20),
    ]

    # --- the report: every question recognised, nothing to complete by hand ------------
    page = html(client.get(report_url))
    for number in range(1, 13):
        assert f'id="report-{number}"' in page
    assert 'data-certainty="none"' not in page
    assert 'id="paper-problems"' not in page
    assert page.count(">niet bevestigd<") == 12
    assert exam.import_report["problems"] == []
    # Every reference and quotation fits the texts (else "reference_not_checked"); the
    # only notes are the two length rules the scheme states.
    notes = {row["number"]: row["notes"] for row in exam.import_report["questions"]}
    assert {number: n for number, n in notes.items() if n} == {
        10: [["full_sentences", {"deduct": 1}]],
        11: [["word_limit", {"limit": 40, "over_limit": {"per_words": 5, "deduct": 1}}]],
    }

    # --- publishing is refused until every question is confirmed -----------------------
    publish = reverse("teacher:exam-publish", args=[exam.pk])
    page = html(client.post(publish, follow=True))
    exam.refresh_from_db()
    assert not exam.is_published
    assert "Geïmporteerde vragen 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 zijn nog niet" in page

    # --- the teacher opens every question and saves its form unchanged ----------------
    for question in questions:
        edit = reverse("teacher:question-edit", args=[exam.pk, question.pk])
        shown = html(client.get(edit))
        assert 'id="confirm-question"' in shown, question.number
        saved = client.post(edit, form_fields(shown, "question-form"))
        assert saved.status_code == 302, (question.number, html(saved))
        before = question.scoring
        question.refresh_from_db()
        assert not question.needs_confirmation, question.number
        # Saving unchanged keeps what the import read from the scheme.
        assert question.scoring == before, question.number
        if question.number == 11:
            page = html(client.post(publish, follow=True))
            exam.refresh_from_db()
            assert not exam.is_published
            assert "Geïmporteerde vraag 12 is nog niet bevestigd" in page
    client.post(publish)
    exam.refresh_from_db()
    assert exam.is_published
    assert 'id="all-confirmed"' in html(client.get(report_url))

    # --- assigned to a class in exam mode ----------------------------------------------
    classroom = class_services.create_classroom(teacher=admin_teacher, name="H5a")
    class_services.add_pupil(classroom=classroom, username=pupil.username)
    now = timezone.localtime()
    assigned = client.post(
        reverse("teacher:assignment-create", args=[classroom.pk]),
        {
            "exam": exam.pk,
            "mode": "exam",
            "opens_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "time_limit_minutes": "100",
        },
    )
    assert assigned.status_code == 302, html(assigned)
    assignment = Assignment.objects.get(classroom=classroom, exam=exam)

    # --- the pupil takes it ------------------------------------------------------------
    started = pupil_client.post(reverse("pupil:assignment-start", args=[assignment.pk]))
    attempt = pupil.attempts.get(exam=exam)
    assert started.url == reverse("pupil:attempt-detail", args=[attempt.pk])
    exam_page = html(pupil_client.get(started.url))
    assert "Leve de verveling" in exam_page and "Het nut van de nacht" in exam_page
    for question in questions:
        saved = pupil_client.post(
            reverse("pupil:answer-save", args=[attempt.pk, question.pk]),
            ANSWERS[question.number]["post"],
        )
        assert saved.status_code == 302, question.number
    assert attempt.answers.count() == 12
    handed_in = pupil_client.post(reverse("pupil:attempt-submit", args=[attempt.pk]))
    assert handed_in.status_code == 302

    # --- the teacher marks the open answers by the scheme's elements -------------------
    answers = {a.question.number: a for a in Answer.objects.filter(attempt=attempt)}
    for number, expected in ANSWERS.items():
        if "ticked" not in expected:
            continue
        data = {"elements": [str(i) for i in expected["ticked"]]}
        if "sentences" in expected:
            data["sentences_shown"] = "on"
            if expected["sentences"]:
                data["full_sentences"] = "on"
        marked = client.post(reverse("teacher:mark-answer", args=[answers[number].pk]), data)
        assert marked.status_code == 302, number

    # --- every question scores what the scheme says ------------------------------------
    scored = {a.question.number: a.final_points for a in Answer.objects.filter(attempt=attempt)}
    assert scored == {number: a["points"] for number, a in ANSWERS.items()}
    attempt.refresh_from_db()
    assert attempt.total_points == TOTAL


# ---------------------------------------------------------------------------
# The text booklet in the same upload: who may, and what is refused


def test_a_teacher_without_admin_rights_is_not_offered_the_text_booklet(
    pdfs, teacher_client, admin_teacher_client
):
    assert 'name="text_booklet_file"' not in html(teacher_client.get(IMPORT))
    assert 'name="text_booklet_file"' in html(admin_teacher_client.get(IMPORT))
    # A text booklet posted anyway is not read: the texts must be chosen.
    posted = {"title": TITLE, **upload(pdfs, "opgaven", "correctievoorschrift", "bijlage")}
    response = teacher_client.post(IMPORT, posted)
    assert response.status_code == 200
    assert "text_1" in response.context["form"].errors
    assert not Text.objects.exists() and not Exam.objects.exists()


def test_texts_and_a_text_booklet_together_are_refused(pdfs, admin_teacher_client, seed_text):
    posted = {"title": TITLE, "text_1": seed_text.pk, **upload(pdfs, "opgaven", "bijlage")}
    response = admin_teacher_client.post(IMPORT, posted)
    assert response.status_code == 200
    assert "niet allebei" in html(response)
    assert Text.objects.count() == 1 and not Exam.objects.exists()


def test_neither_texts_nor_a_text_booklet_is_refused(pdfs, admin_teacher_client):
    response = admin_teacher_client.post(IMPORT, {"title": TITLE, **upload(pdfs, "opgaven")})
    assert response.status_code == 200
    assert "Kies de teksten van het examen of upload het tekstboekje." in html(response)


@pytest.mark.parametrize(
    ("booklet", "message"),
    [
        # A scan: the texts app's own reason, after what could not be read.
        ("scan", "Het tekstboekje kan niet worden gelezen. Deze pdf bevat geen tekst"),
        # The question booklet chosen as the text booklet reads as one text.
        ("opgaven", "Het tekstboekje past niet bij het opgavenboekje: het bevat 1 tekst(en)"),
    ],
)
def test_a_text_booklet_that_does_not_fit_is_refused_in_dutch_and_nothing_is_saved(
    pdfs, admin_teacher_client, booklet, message
):
    from tests.booklet_builders import build_scan_pdf

    data = build_scan_pdf() if booklet == "scan" else pdfs[booklet]
    posted = {
        "title": TITLE,
        **upload(pdfs, "opgaven", "correctievoorschrift"),
        "text_booklet_file": SimpleUploadedFile("bijlage.pdf", data, "application/pdf"),
    }
    response = admin_teacher_client.post(IMPORT, posted)
    assert response.status_code == 200
    assert message in html(response)
    assert not Text.objects.exists() and not Exam.objects.exists()


def test_a_refusal_after_the_texts_were_read_leaves_neither_texts_nor_exam(
    pdfs, admin_teacher_client, monkeypatch
):
    from exam.loading import ExamDataError
    from exam.papers import importing

    def refuse(**kwargs):
        raise ExamDataError(["question 3: iets klopt niet"])

    monkeypatch.setattr(importing, "create_exam_from_data", refuse)
    response = admin_teacher_client.post(IMPORT, {"title": TITLE, **upload(pdfs, *pdfs)})
    assert response.status_code == 200
    assert "iets klopt niet" in html(response)
    assert not Text.objects.exists() and not Exam.objects.exists()


def test_the_command_imports_the_text_booklet_with_the_papers(pdfs, tmp_path, teacher):
    from io import StringIO

    from django.core.management import call_command

    for name, data in pdfs.items():
        (tmp_path / f"{name}.pdf").write_bytes(data)
    out = StringIO()
    call_command(
        "import_exam",
        str(tmp_path / "opgaven.pdf"),
        "--scheme",
        str(tmp_path / "correctievoorschrift.pdf"),
        "--bijlage",
        str(tmp_path / "bijlage.pdf"),
        "--author",
        teacher.username,
        "--title",
        TITLE,
        stdout=out,
    )
    exam = Exam.objects.get(title=TITLE)
    assert [t.title for t in exam.texts.order_by("exam_links__position")] == [
        "Leve de verveling",
        "Het nut van de nacht",
    ]
    assert exam.questions.count() == 12
    # Like the page's import, the draft waits for every question to be confirmed.
    assert exam.questions.filter(needs_confirmation=True).count() == 12
    assert [row["number"] for row in exam.import_report["questions"]] == list(range(1, 13))
    assert f"(id {exam.pk})" in out.getvalue()


def test_the_command_refuses_texts_and_a_text_booklet_together(pdfs, tmp_path, teacher, seed_text):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    (tmp_path / "opgaven.pdf").write_bytes(pdfs["opgaven"])
    (tmp_path / "bijlage.pdf").write_bytes(pdfs["bijlage"])
    args = [str(tmp_path / "opgaven.pdf"), "--bijlage", str(tmp_path / "bijlage.pdf")]
    with pytest.raises(CommandError, match="niet allebei"):
        call_command(
            "import_exam", *args, "--text", str(seed_text.pk), "--author", teacher.username
        )
    assert Text.objects.count() == 1 and not Exam.objects.exists()


def test_the_text_booklets_warnings_are_in_the_report_in_dutch(admin_teacher_client, pdfs):
    # A picture beside text 2 is skipped: the admin's upload would show it in its
    # preview, the import shows it in the report.
    booklet = text_booklet_pdf(
        paper("leve-de-verveling.txt"), paper("het-nut-van-de-nacht.txt"), picture_on_page=3
    )
    posted = {
        "title": TITLE,
        **upload(pdfs, "opgaven", "correctievoorschrift"),
        "text_booklet_file": SimpleUploadedFile("bijlage.pdf", booklet, "application/pdf"),
    }
    response = admin_teacher_client.post(IMPORT, posted)
    exam = Exam.objects.get(title=TITLE)
    assert exam.import_report["problems"] == [
        [
            "text_booklet_warning",
            {
                "text": 2,
                "title": "Het nut van de nacht",
                "code": "pdf_picture_skipped",
                "params": {"page": 3},
            },
        ]
    ]
    page = html(admin_teacher_client.get(response.url))
    assert (
        "Tekstboekje, Tekst 2: Een afbeelding op pagina 3 is overgeslagen: dat is geen tekst."
        in page
    )
