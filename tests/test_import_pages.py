"""The teacher's import pages (issue 12): the "Examen importeren" form, the review
report of the imported draft, and confirming every imported question before the exam
can be published.

The import itself (exam.papers.importing.import_papers) is replaced by a fake module
in sys.modules, the seam the view looks the importer up through.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exam import authoring
from exam.models import Exam
from exam.presenters.importing import NOTE_MESSAGES, note_message
from tests.exam_builders import build_exam
from tests.import_builders import PDF, imported_draft, install_fake_importer
from texts.models import Text

pytestmark = pytest.mark.django_db


@pytest.fixture
def importer(monkeypatch):
    return install_fake_importer(monkeypatch)


@pytest.fixture
def draft_text(db, admin_user):
    from texts.services import import_text

    return import_text(
        raw="Een concepttekst\n\n(1) Nog niet gepubliceerd.\n", uploaded_by=admin_user
    )


URL = reverse("teacher:exam-import")


def post(client, seed_text, **extra):
    data = {"title": "CE havo 2021", "text_1": seed_text.pk, **extra}
    return client.post(URL, data)


def html(response):
    return response.content.decode()


# ---------------------------------------------------------------------------
# The form


def test_the_exam_list_links_to_the_import_page(teacher_client):
    page = html(teacher_client.get(reverse("teacher:exam-list")))
    assert f'href="{URL}"' in page
    assert "Examen importeren" in page


def test_a_pdf_upload_imports_a_draft_and_shows_its_report(teacher_client, seed_text, importer):
    booklet = SimpleUploadedFile("opgaven.pdf", PDF, content_type="application/pdf")
    scheme = SimpleUploadedFile("cv.pdf", PDF + b"cv", content_type="application/pdf")
    response = post(teacher_client, seed_text, booklet_file=booklet, scheme_file=scheme)
    exam = Exam.objects.get(title="CE havo 2021")
    assert response.status_code == 302
    assert response.url == reverse("teacher:exam-import-report", kwargs={"pk": exam.pk})
    (call,) = importer.calls
    assert call["question_pdf"] == PDF and call["scheme_pdf"] == PDF + b"cv"
    assert call["texts"] == [seed_text]
    assert not exam.is_published
    assert [row["number"] for row in exam.import_report["questions"]] == [1, 2, 3]
    assert exam.import_report["questions"][2]["notes"][0] == [
        "points_differ",
        {"booklet": 2, "scheme": 3},
    ]
    assert all(q.needs_confirmation for q in exam.questions.all())


def test_pasted_text_is_passed_as_text_and_the_scheme_is_optional(
    teacher_client, seed_text, importer
):
    response = post(teacher_client, seed_text, booklet_text="Tekst 1 Iets\r\n1p 1 Wat?")
    assert response.status_code == 302
    (call,) = importer.calls
    assert call["question_pdf"] == "Tekst 1 Iets\n1p 1 Wat?"
    assert call["scheme_pdf"] is None


def test_texts_are_passed_in_the_chosen_order(teacher_client, seed_text, importer, admin_user):
    from tests.exam_builders import make_text

    second = make_text(lines=20, uploaded_by=admin_user)
    response = post(teacher_client, seed_text, booklet_text="x", text_2=second.pk)
    assert response.status_code == 302
    assert importer.calls[0]["texts"] == [seed_text, second]


def test_a_missing_booklet_is_refused_and_the_form_keeps_what_was_typed(
    teacher_client, seed_text, importer
):
    response = post(teacher_client, seed_text, scheme_text="1 maximumscore 1\nC")
    page = html(response)
    assert response.status_code == 200
    assert "Upload het opgavenboekje (pdf) of plak de tekst ervan." in page
    assert 'value="CE havo 2021"' in page
    assert "1 maximumscore 1" in page
    assert importer.calls == []


def test_a_non_pdf_upload_is_refused_and_the_teacher_is_told_to_choose_files_again(
    teacher_client, seed_text, importer
):
    upload = SimpleUploadedFile("opgaven.docx", b"PK\x03\x04 word", content_type="application/zip")
    response = post(teacher_client, seed_text, booklet_file=upload)
    page = html(response)
    assert response.status_code == 200
    assert "is geen pdf-bestand" in page
    assert 'id="files-lost"' in page
    assert 'value="CE havo 2021"' in page
    assert importer.calls == []


def test_a_file_named_pdf_that_is_not_one_is_refused(teacher_client, seed_text, importer):
    upload = SimpleUploadedFile("opgaven.pdf", b"just text", content_type="application/pdf")
    response = post(teacher_client, seed_text, booklet_file=upload)
    assert "is geen pdf-bestand" in html(response)
    assert importer.calls == []


def test_a_too_large_pdf_is_refused(teacher_client, seed_text, importer, settings):
    settings.EXAM_PAPER_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("opgaven.pdf", PDF + b"x" * (1024 * 1024))
    response = post(teacher_client, seed_text, booklet_file=upload)
    assert response.status_code == 200
    assert "is te groot: hoogstens 1 MB" in html(response)
    assert importer.calls == []


def test_too_long_pasted_text_is_refused(teacher_client, seed_text, importer, settings):
    settings.EXAM_PAPER_MAX_CHARS = 100
    response = post(teacher_client, seed_text, booklet_text="woord " * 50)
    assert "is te lang: hoogstens 100 tekens" in html(response)
    assert importer.calls == []


def test_both_a_file_and_pasted_text_are_refused(teacher_client, seed_text, importer):
    upload = SimpleUploadedFile("opgaven.pdf", PDF)
    response = post(teacher_client, seed_text, booklet_file=upload, booklet_text="ook geplakt")
    assert "niet allebei" in html(response)
    assert importer.calls == []


def test_a_text_that_is_not_published_cannot_be_chosen(
    teacher_client, seed_text, importer, draft_text
):
    assert draft_text.status != Text.Status.PUBLISHED
    response = post(teacher_client, seed_text, booklet_text="x", text_1=draft_text.pk)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in html(response)
    assert importer.calls == []


def test_no_text_is_refused(teacher_client, seed_text, importer):
    response = post(teacher_client, seed_text, booklet_text="x", text_1="")
    assert response.status_code == 200
    assert importer.calls == []
    assert not Exam.objects.exists()


def test_the_same_text_twice_is_refused(teacher_client, seed_text, importer):
    response = post(teacher_client, seed_text, booklet_text="x", text_2=seed_text.pk)
    assert "Elke tekst kan maar één keer in het examen" in html(response)
    assert importer.calls == []


def test_a_wrong_paper_shows_the_importers_message_and_keeps_the_form(
    teacher_client, seed_text, importer
):
    importer.error = ValueError("Dit lijkt een correctievoorschrift, geen opgavenboekje.")
    response = post(teacher_client, seed_text, booklet_text="1 maximumscore 2")
    page = html(response)
    assert response.status_code == 200
    assert "Dit lijkt een correctievoorschrift, geen opgavenboekje." in page
    assert "1 maximumscore 2" in page
    assert not Exam.objects.exists()


def test_an_unexpected_importer_error_is_a_message_not_a_500(teacher_client, seed_text, importer):
    importer.error = RuntimeError("boom")
    response = post(teacher_client, seed_text, booklet_text="iets")
    assert response.status_code == 200
    assert "konden niet worden gelezen" in html(response)
    assert "boom" not in html(response)


def test_pupils_cannot_open_the_import_page(pupil_client):
    assert pupil_client.get(URL).status_code == 403


# ---------------------------------------------------------------------------
# The report


@pytest.fixture
def imported(teacher, seed_text):
    return imported_draft(
        author=teacher, text=seed_text, problems=[("scheme_missing", {}), ("odd_problem", {})]
    )


def report_url(exam):
    return reverse("teacher:exam-import-report", kwargs={"pk": exam.pk})


def test_the_report_shows_kind_points_badges_notes_and_links(teacher_client, imported):
    page = html(teacher_client.get(report_url(imported)))
    questions = {q.number: q for q in imported.questions.all()}
    for question in questions.values():
        edit = reverse(
            "teacher:question-edit", kwargs={"pk": imported.pk, "question_pk": question.pk}
        )
        assert f'href="{edit}"' in page
    assert "meerkeuze" in page.lower()
    assert page.count("text-bg-success report-certainty") == 1
    assert ">zeker<" in page and ">onzeker<" in page and ">niet herkend<" in page
    assert "Geen punten (“1p”, “2p”) gevonden naast de vraag." in page
    assert "verschillende punten (2 en 3)" in page
    assert "brand_new_code" in page and "x: 7" in page
    assert "Er is geen correctievoorschrift gegeven" in page
    assert "odd_problem" in page
    assert page.count(">niet bevestigd<") == 3
    assert 'id="import-report-link"' in page


def test_another_teacher_gets_a_404_and_a_pupil_a_403(other_teacher_client, pupil_client, imported):
    assert other_teacher_client.get(report_url(imported)).status_code == 404
    assert pupil_client.get(report_url(imported)).status_code == 403


def test_a_co_author_sees_the_report(other_teacher, other_teacher_client, imported):
    imported.co_authors.add(other_teacher)
    assert other_teacher_client.get(report_url(imported)).status_code == 200


def test_an_exam_written_by_hand_has_no_report_tab(teacher_client, teacher, seed_text):
    exam = build_exam(author=teacher, text=seed_text, count=2, published=False)
    page = html(teacher_client.get(reverse("teacher:exam-detail", kwargs={"pk": exam.pk})))
    assert 'id="import-report-link"' not in page
    assert not exam.questions.filter(needs_confirmation=True).exists()


@pytest.mark.parametrize(
    ("code", "params", "expected"),
    [
        ("points_missing", {}, "No points"),
        ("fallback", {"reason": "no_key"}, "Imported as an open question: No answer key"),
        ("points_differ", {"booklet": 1, "scheme": 2}, "(1 and 2)"),
        ("table_not_placed", {"header": "oorzaak | gevolg"}, "(oorzaak | gevolg) was not"),
        ("fallback", {"reason": "no_paragraphs", "count": 0}, "no numbered paragraphs"),
        ("points_differ", {}, "Note “points_differ”."),  # params missing: generic
        ("unheard_of", {"b": 2, "a": 1}, "Note “unheard_of” (a: 1, b: 2)."),
    ],
)
def test_note_messages(code, params, expected):
    from django.utils import translation

    with translation.override("en"):
        assert expected in note_message(code, params)


def test_every_note_message_is_translated():
    from django.utils import translation

    for code, template in NOTE_MESSAGES.items():
        with translation.override("en"):
            english = str(template)
        with translation.override("nl"):
            assert str(template) != english, code


# ---------------------------------------------------------------------------
# Confirming and publishing


def publish(client, exam):
    return client.post(reverse("teacher:exam-publish", kwargs={"pk": exam.pk}), follow=True)


def test_publishing_is_refused_until_every_imported_question_is_confirmed(teacher_client, imported):
    assert authoring.exam_problems(imported) == []
    page = html(publish(teacher_client, imported))
    imported.refresh_from_db()
    assert not imported.is_published
    assert "Geïmporteerde vragen 1, 2, 3 zijn nog niet bevestigd" in page

    first, second, third = imported.questions.order_by("number")
    # The edit page offers the confirm button; confirming goes back to the report.
    edit = reverse("teacher:question-edit", kwargs={"pk": imported.pk, "question_pk": first.pk})
    assert 'id="confirm-question"' in html(teacher_client.get(edit))
    confirm = reverse(
        "teacher:question-confirm", kwargs={"pk": imported.pk, "question_pk": first.pk}
    )
    response = teacher_client.post(confirm)
    assert response.url == report_url(imported)
    first.refresh_from_db()
    assert not first.needs_confirmation
    assert 'id="confirm-question"' not in html(teacher_client.get(edit))

    # Saving a question through its form confirms it too.
    authoring.update_question(question=second, data=authoring.question_data(second))
    second.refresh_from_db()
    assert not second.needs_confirmation

    page = html(publish(teacher_client, imported))
    imported.refresh_from_db()
    assert not imported.is_published
    assert "Geïmporteerde vraag 3 is nog niet bevestigd" in page

    teacher_client.post(
        reverse("teacher:question-confirm", kwargs={"pk": imported.pk, "question_pk": third.pk})
    )
    publish(teacher_client, imported)
    imported.refresh_from_db()
    assert imported.is_published
    assert 'id="all-confirmed"' in html(teacher_client.get(report_url(imported)))


def test_saving_the_question_form_confirms_it(teacher_client, imported):
    question = imported.questions.get(number=2)
    edit = reverse("teacher:question-edit", kwargs={"pk": imported.pk, "question_pk": question.pk})
    form = teacher_client.get(edit).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    for formset in getattr(form, "formsets", {}).values():
        data.update(
            {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
        )
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None:
                    data[sub.add_prefix(name)] = value
    response = teacher_client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    question.refresh_from_db()
    assert not question.needs_confirmation


def test_another_teacher_cannot_confirm(other_teacher_client, imported):
    question = imported.questions.get(number=1)
    url = reverse(
        "teacher:question-confirm", kwargs={"pk": imported.pk, "question_pk": question.pk}
    )
    assert other_teacher_client.post(url).status_code == 404
    question.refresh_from_db()
    assert question.needs_confirmation


def test_a_copy_of_an_imported_exam_keeps_its_unconfirmed_questions(teacher, imported):
    copy = authoring.copy_exam(exam=imported, user=teacher)
    assert copy.questions.filter(needs_confirmation=True).count() == 3


def test_questions_added_by_hand_never_need_confirmation(imported):
    question = authoring.add_question(
        exam=imported, data=authoring.question_data(imported.questions.get(number=1))
    )
    question.refresh_from_db()
    assert question.number == 4
    assert not question.needs_confirmation
    assert authoring.unconfirmed_numbers(imported) == [1, 2, 3]
