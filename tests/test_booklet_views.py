"""Uploading a PDF booklet: preview every text, choose, correct titles, save them all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from tests.booklet_builders import (
    BOOKLET_LINES,
    build_booklet_pdf,
    build_docx,
    build_encrypted_pdf,
    build_scan_pdf,
    copied,
    sample_booklet,
)
from texts import services
from texts.forms import BookletSaveForm, TextUploadForm
from texts.models import Text
from texts.parsing import ParseError, Warning
from texts.pdf_booklet import read_booklet
from texts.problem_messages import error_message, warning_message

UPLOAD = reverse("texts:text-upload")
SAVE = reverse("texts:booklet-save")


@pytest.fixture(scope="module")
def pdf_bytes():
    return build_booklet_pdf(sample_booklet())


def upload(client, data, name="tekstboekje.pdf"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def shown(response, message) -> bool:
    return escape(str(message)) in response.content.decode()


def save_data(preview, keep=(0, 1), **changes):
    form = preview.context["form"]
    return {
        "payload": form.initial["payload"],
        "token": form.initial["token"],
        "keep": [str(i) for i in keep],
        **{f"title_{item['index']}": item["title"] for item in preview.context["items"]},
        **changes,
    }


def test_the_preview_shows_every_text_with_first_and_last_lines_and_warnings(
    admin_client, pdf_bytes
):
    response = upload(admin_client, pdf_bytes)

    assert response.status_code == 200
    page = response.content.decode()
    assert [item["heading"] for item in response.context["items"]] == ["Tekst 1", "Tekst 2"]
    assert 'value="De stad van morgen"' in page and 'value="Lezen is leuk"' in page
    assert "Regel 1 van de eerste alinea, met" in page
    assert "welzijnsinstelling die fijn is." in page
    assert shown(response, warning_message(Warning("pdf_picture_skipped", {"page": 2})))
    assert Text.objects.count() == 0


def test_saving_keeps_the_chosen_texts_with_corrected_titles(admin_client, pdf_bytes):
    preview = upload(admin_client, pdf_bytes)

    response = admin_client.post(SAVE, save_data(preview, title_0="De stad van straks"))

    assert response.status_code == 302
    texts = {t.title: t for t in Text.objects.all()}
    assert set(texts) == {"De stad van straks", "Lezen is leuk"}
    city = texts["De stad van straks"]
    assert city.lines.count() == 32
    assert city.lines.get(number=25).plain == "Regel 25 in alinea twee loopt door"
    assert city.footnotes.get().line.number == 3
    assert city.source_from == "uit: De Volkskrant, 3 maart 2020"
    assert city.status == Text.Status.DRAFT


def test_a_text_left_unticked_is_not_saved(admin_client, pdf_bytes):
    preview = upload(admin_client, pdf_bytes)

    admin_client.post(SAVE, save_data(preview, keep=(1,), publish="on"))

    assert [(t.title, t.status) for t in Text.objects.all()] == [
        ("Lezen is leuk", Text.Status.PUBLISHED)
    ]


def test_choosing_no_text_says_so_and_saves_nothing(admin_client, pdf_bytes):
    preview = upload(admin_client, pdf_bytes)

    response = admin_client.post(SAVE, save_data(preview, keep=()))

    assert response.status_code == 200
    assert shown(response, BookletSaveForm.error_messages["none_chosen"])
    assert Text.objects.count() == 0


def test_a_tampered_preview_is_refused_and_nothing_is_saved(admin_client, pdf_bytes):
    preview = upload(admin_client, pdf_bytes)
    data = save_data(preview)
    data["payload"] = data["payload"].replace("a", "b", 1) + "x"

    response = admin_client.post(SAVE, data)

    assert response.status_code == 200
    assert shown(response, BookletSaveForm.error_messages["expired"])
    assert Text.objects.count() == 0


def test_pressing_save_twice_saves_the_texts_once(admin_client, pdf_bytes):
    preview = upload(admin_client, pdf_bytes)
    data = save_data(preview)

    admin_client.post(SAVE, data)
    admin_client.post(SAVE, data)

    assert Text.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.4 kapot", "pdf_broken"),
        (build_encrypted_pdf(), "pdf_encrypted"),
        (build_scan_pdf(), "pdf_scan"),
    ],
    ids=["broken", "password", "scan"],
)
def test_a_bad_pdf_gets_a_clear_message_not_an_error_page(admin_client, data, code):
    response = upload(admin_client, data)

    assert response.status_code == 200
    assert shown(response, error_message(ParseError(code)))
    assert Text.objects.count() == 0


@override_settings(TEXT_UPLOAD_DOCUMENT_MAX_BYTES=1024)
def test_a_pdf_over_the_size_limit_is_refused_with_the_limit(admin_client, pdf_bytes):
    response = upload(admin_client, pdf_bytes)

    assert shown(response, error_message(ParseError("too_large", max_kb=1)))
    assert Text.objects.count() == 0


def test_only_an_admin_may_save_a_booklet(client, teacher_client, admin_client, pdf_bytes):
    data = save_data(upload(admin_client, pdf_bytes))

    assert teacher_client.post(SAVE, data).status_code == 403
    assert client.post(SAVE, data).status_code == 302  # to the login page
    assert Text.objects.count() == 0


def test_a_word_file_goes_through_the_same_preview_and_save(admin_client):
    data = build_docx(["Woorden", "", "(1) Een korte regel.", "(2) Nog een regel."])

    preview = upload(admin_client, data, name="tekst.docx")

    assert preview.status_code == 200
    assert preview.context["parsed"].title == "Woorden"
    form = preview.context["form"]
    admin_client.post(
        reverse("texts:text-save"),
        {"raw": form.initial["raw"], "token": form.initial["token"], "title": "Woorden"},
    )
    assert [ln.plain for ln in Text.objects.get().lines.all()] == [
        "Een korte regel.",
        "Nog een regel.",
    ]


def test_a_broken_word_file_gets_a_clear_message(admin_client):
    response = upload(admin_client, b"PK kapot", name="tekst.docx")

    assert shown(response, error_message(ParseError("docx_broken")))
    assert Text.objects.count() == 0


def test_text_copied_out_of_a_pdf_is_previewed_without_its_page_footer(admin_client):
    response = admin_client.post(UPLOAD, {"text": copied()})

    assert response.status_code == 200
    parsed = response.context["parsed"]
    assert [ln.plain for ln in parsed.lines] == BOOKLET_LINES
    assert shown(response, warning_message(Warning("pasted_page_furniture", {"count": 3})))
    assert response.context["form"].initial["raw"] == copied()  # saved as pasted


def test_a_pdf_and_pasted_text_together_are_refused(admin_client, pdf_bytes):
    response = admin_client.post(
        UPLOAD, {"file": SimpleUploadedFile("boekje.pdf", pdf_bytes), "text": "Titel\n\nTekst."}
    )

    assert shown(response, TextUploadForm.error_messages["both_inputs"])
    assert Text.objects.count() == 0


def test_a_booklet_is_saved_whole_or_not_at_all(admin_user, pdf_bytes, monkeypatch):
    booklet = read_booklet(pdf_bytes)
    real_save = services.save_parsed_text
    calls = []

    def failing_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("database gone")
        return real_save(**kwargs)

    monkeypatch.setattr(services, "save_parsed_text", failing_second)
    with pytest.raises(RuntimeError):
        services.save_booklet(texts=[(t, t.parsed.title) for t in booklet.texts])

    assert Text.objects.count() == 0


def test_the_introduction_is_shown_and_may_be_corrected_before_it_is_saved(admin_client, pdf_bytes):
    preview = upload(admin_client, pdf_bytes)
    page = preview.content.decode()
    assert 'name="introduction_0"' in page and 'name="subtitle_0"' in page
    assert ">Over wonen, werken en de lucht die we ademen.</textarea>" in page
    assert "<p><em>Over wonen, werken en de lucht die we ademen.</em></p>" in page

    data = save_data(
        preview,
        subtitle_0="  Een   ondertitel ",
        introduction_0="Over wonen.\r\n\r\nEn <b>werken</b>.",
        introduction_1="",
    )
    admin_client.post(SAVE, data)

    city = Text.objects.get(title="De stad van morgen")
    assert city.subtitle == "Een ondertitel"
    assert city.introduction == "Over wonen.\n\nEn <b>werken</b>."
    assert city.lines.get(number=1).plain == "Regel 1 van de eerste alinea, met"
    assert city.lines.count() == 32
    assert Text.objects.get(title="Lezen is leuk").introduction == ""
    page = admin_client.get(reverse("texts:text-detail", args=[city.pk])).content.decode()
    assert "<p><em>En &lt;b&gt;werken&lt;/b&gt;.</em></p>" in page


def test_a_refused_save_shows_the_introduction_as_corrected(admin_client, pdf_bytes):
    preview = upload(admin_client, pdf_bytes)

    response = admin_client.post(SAVE, save_data(preview, keep=(), introduction_0="Anders."))

    assert ">Anders.</textarea>" in response.content.decode()
    assert Text.objects.count() == 0


def test_the_preview_of_a_pasted_text_shows_its_introduction_and_saves_it(admin_client):
    raw = "Titel\n\n*Een inleiding.*\n\n(1) Een korte regel.\n(2) Nog een.\n"
    preview = admin_client.post(UPLOAD, {"text": raw})

    assert "<p><em>Een inleiding.</em></p>" in preview.content.decode()
    form = preview.context["form"]
    admin_client.post(
        reverse("texts:text-save"),
        {"raw": form.initial["raw"], "token": form.initial["token"], "title": "Titel"},
    )
    text = Text.objects.get()
    assert text.introduction == "Een inleiding."
    assert [ln.plain for ln in text.lines.all()] == ["Een korte regel.", "Nog een."]
