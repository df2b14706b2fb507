"""The admin's text pages: upload, preview, save, list, publish, delete; the text page."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils.html import escape

from exam.models import Exam, ExamText
from texts import access
from texts.forms import TextUploadForm
from texts.models import Line, Text
from texts.parsing import ParseError, Warning
from texts.problem_messages import (
    duplicate_content_message,
    duplicate_title_message,
    error_message,
    in_use_message,
    warning_message,
)
from texts.services import import_text

UPLOAD = reverse("texts:text-upload")
SAVE = reverse("texts:text-save")
LIST = reverse("texts:text-list")
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
)
ONE_MB = 1024 * 1024


def upload_file(client, name, content, **data):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content), **data})


def save_data(preview_response, **changes):
    """What the preview's Save button sends: the form as the preview rendered it."""
    form = preview_response.context["form"]
    return {
        "raw": form.initial["raw"],
        "token": form.initial["token"],
        "title": form.initial["title"],
        **changes,
    }


def shown(response, message) -> bool:
    return escape(str(message)) in response.content.decode()


# --- bad input: a clear message, nothing saved -----------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code", "params"),
    [
        ("leeg.txt", b"", "empty", {}),
        ("spaties.txt", b"  \r\n\r\n\t \n", "empty", {}),
        ("groot.txt", b"Een regel tekst.\n" * (ONE_MB // 17 + 1), "too_large", {"max_kb": 1024}),
        ("plaatje.txt", PNG_BYTES, "binary", {}),
        ("vreemd.txt", b"Titel\n\n\x81\x8d\x8f\n", "encoding", {}),
        ("alleen-bron.txt", b"Titel\n\n(1)\n\nnaar: Kees", "no_lines", {}),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_nothing_is_saved(
    admin_client, name, content, code, params
):
    response = upload_file(admin_client, name, content)

    assert response.status_code == 200
    assert shown(response, error_message(ParseError(code, **params)))
    assert "text-preview-line-1" not in response.content.decode()
    assert Text.objects.count() == 0


def test_a_file_of_exactly_one_megabyte_is_not_refused_for_its_size(admin_client):
    line = "Een regel tekst die lang genoeg is om te tellen.\n"
    content = ("Titel\n\n" + line * (ONE_MB // len(line))).encode()[:ONE_MB]

    response = upload_file(admin_client, "precies.txt", content)

    assert response.status_code == 200
    assert not shown(response, error_message(ParseError("too_large", max_kb=1024)))


@pytest.mark.parametrize("name", ["tekst.odt", "tekst.doc", "tekst", "plaatje.png"])
def test_a_file_of_a_kind_the_importer_cannot_read_is_refused_by_its_extension(
    admin_client, seed_raw, name
):
    response = upload_file(admin_client, name, seed_raw.encode())

    assert response.status_code == 200
    assert shown(response, TextUploadForm.error_messages["wrong_type"])
    assert Text.objects.count() == 0


def test_pasted_text_over_one_megabyte_is_refused(admin_client):
    response = admin_client.post(UPLOAD, {"text": "Een regel tekst.\n" * (ONE_MB // 17 + 1)})

    assert response.status_code == 200
    assert shown(response, error_message(ParseError("too_large", max_kb=1024)))
    assert Text.objects.count() == 0


def test_pasted_text_without_text_lines_is_refused_and_kept_in_the_textarea(admin_client):
    pasted = "Titel\n\n(1)\n\nnaar: Kees Kraaijeveld"

    response = admin_client.post(UPLOAD, {"text": pasted})

    assert response.status_code == 200
    assert shown(response, error_message(ParseError("no_lines")))
    assert escape("naar: Kees Kraaijeveld") in response.content.decode()
    assert Text.objects.count() == 0


def test_sending_nothing_asks_for_a_file_or_text(admin_client):
    response = admin_client.post(UPLOAD, {"text": "   ", "title": ""})

    assert response.status_code == 200
    assert shown(response, TextUploadForm.error_messages["no_input"])


def test_a_file_and_pasted_text_together_are_refused(admin_client, seed_raw):
    response = upload_file(admin_client, "tekst.txt", seed_raw.encode(), text=seed_raw)

    assert response.status_code == 200
    assert shown(response, TextUploadForm.error_messages["both_inputs"])
    assert Text.objects.count() == 0


# --- encodings teachers' editors save in -------------------------------------------------


def _seed_in(seed_raw: str, encoding: str) -> bytes:
    if encoding == "cp1252":
        # Windows-1252 has no superscript parenthesis: Word writes "1)" there.
        return seed_raw.replace("¹⁾", "1)").replace("²⁾", "2)").encode("cp1252")
    return seed_raw.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252"])
def test_the_seed_uploads_in_every_encoding_teachers_save_in(admin_client, seed_raw, encoding):
    content = _seed_in(seed_raw, encoding)
    if encoding == "utf-16-be":
        content = b"\xfe\xff" + content  # with its byte order mark

    response = upload_file(admin_client, "brutalen.txt", content)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="text-preview-line-85"' in html
    assert "kapitaal (schoonheid, kracht en" in html
    assert "text-preview-line-110" not in html
    raw = response.context["form"].initial["raw"]
    assert raw.lstrip().startswith("Laat de brutalen niet voordringen")
    assert "\ufeff" not in raw and "\r" not in raw
    assert Text.objects.count() == 0


# --- preview and save ---------------------------------------------------------------------


def test_the_preview_shows_the_booklet_and_saves_nothing(admin_client, seed_raw):
    response = upload_file(admin_client, "brutalen.txt", seed_raw.encode())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Laat de brutalen niet voordringen" in html
    assert html.count(' data-line="') == 109
    assert [int(n) for n in re.findall(r'class="booklet-lineno">(\d+)<', html)] == list(
        range(5, 110, 5)
    )
    assert html.count('class="booklet-parno"') == 5
    assert 'href="#text-preview-note-1"' in html and 'id="text-preview-note-2"' in html
    assert "naar: Kees Kraaijeveld" in html
    assert "uit: Vrij Nederland, 11 februari 2015" in html
    assert Text.objects.count() == 0


def test_the_preview_lists_the_parsers_warnings(admin_client):
    pasted = "Titel\n\n(1) Een zin met een noot¹⁾ zonder uitleg.\n"

    response = admin_client.post(UPLOAD, {"text": pasted})

    assert response.status_code == 200
    assert shown(response, warning_message(Warning("marker_without_note", {"number": 1})))


def test_upload_preview_and_save_stores_the_text_as_a_draft(admin_client, admin_user, seed_raw):
    preview = upload_file(admin_client, "brutalen.txt", seed_raw.encode())

    response = admin_client.post(SAVE, save_data(preview))

    text = Text.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("texts:text-detail", args=[text.pk])
    assert text.title == "Laat de brutalen niet voordringen"
    assert text.status == Text.Status.DRAFT
    assert text.uploaded_by == admin_user
    assert text.raw == seed_raw
    assert text.lines.count() == 109
    assert text.lines.get(number=85).plain == "kapitaal (schoonheid, kracht en"
    assert text.footnotes.count() == 2


def test_save_and_publish_publishes_the_text(admin_client, seed_raw):
    preview = admin_client.post(UPLOAD, {"text": seed_raw})

    admin_client.post(SAVE, save_data(preview, publish="on"))

    assert Text.objects.get().status == Text.Status.PUBLISHED


def test_the_title_typed_in_the_form_replaces_the_title_in_the_text(admin_client, seed_raw):
    preview = admin_client.post(UPLOAD, {"text": seed_raw, "title": "Voordringkanalen"})
    assert "Voordringkanalen" in preview.content.decode()

    admin_client.post(SAVE, save_data(preview))

    assert Text.objects.get().title == "Voordringkanalen"


def test_pasted_text_is_stored_with_plain_line_ends(admin_client, seed_raw):
    preview = admin_client.post(UPLOAD, {"text": seed_raw.replace("\n", "\r\n")})

    admin_client.post(SAVE, save_data(preview))

    assert Text.objects.get().raw == seed_raw


def test_pressing_save_twice_stores_one_text(admin_client, seed_raw):
    preview = upload_file(admin_client, "brutalen.txt", seed_raw.encode())
    data = save_data(preview)

    first = admin_client.post(SAVE, data)
    second = admin_client.post(SAVE, data, follow=True)

    assert Text.objects.count() == 1
    text = Text.objects.get()
    assert second.redirect_chain[-1][0] == first["Location"]
    assert second.context["text"] == text


def test_the_preview_warns_when_the_same_text_is_already_there(admin_client, seed_text, seed_raw):
    response = admin_client.post(UPLOAD, {"text": seed_raw})

    assert response.status_code == 200
    assert shown(response, duplicate_content_message(seed_text.title))
    assert not shown(response, duplicate_title_message(seed_text.title))


def test_the_preview_warns_when_another_text_has_the_same_title(admin_client, seed_text):
    pasted = f"{seed_text.title.upper()}\n\n(1) Een heel andere tekst.\n"

    response = admin_client.post(UPLOAD, {"text": pasted})

    assert shown(response, duplicate_title_message(seed_text.title))
    assert not shown(response, duplicate_content_message(seed_text.title))


def test_the_preview_of_a_new_text_has_no_duplicate_warning(admin_client, seed_text):
    response = admin_client.post(UPLOAD, {"text": "Nieuw\n\n(1) Een zin.\n(2) Nog een.\n"})

    assert 'class="alert alert-success py-2" role="status" id="preview-warnings"' in (
        response.content.decode()
    )


def test_the_preview_shows_a_paragraph_marker_out_of_sequence(admin_client):
    response = admin_client.post(UPLOAD, {"text": "Titel\n\n(1) Een.\n(3) Drie.\n"})

    expected = Warning("paragraph_out_of_sequence", {"expected": 2, "found": 3})
    assert shown(response, warning_message(expected))


def test_two_previews_of_the_same_text_can_both_be_saved(admin_client, seed_raw):
    first = admin_client.post(UPLOAD, {"text": seed_raw})
    second = admin_client.post(UPLOAD, {"text": seed_raw})

    admin_client.post(SAVE, save_data(first))
    admin_client.post(SAVE, save_data(second))

    assert Text.objects.count() == 2


def test_an_expired_preview_is_shown_again_instead_of_saved(admin_client, seed_raw):
    preview = admin_client.post(UPLOAD, {"text": seed_raw})

    response = admin_client.post(SAVE, save_data(preview, token="not-a-token-from-this-session"))

    assert response.status_code == 200
    assert 'id="text-preview-line-85"' in response.content.decode()
    assert response.context["form"].initial["token"] != "not-a-token-from-this-session"
    assert Text.objects.count() == 0


def test_a_tampered_save_gets_a_message_and_keeps_the_text(admin_client, seed_raw):
    preview = admin_client.post(UPLOAD, {"text": seed_raw})

    response = admin_client.post(SAVE, save_data(preview, raw="Titel\n\n(1)\n"))

    assert response.status_code == 200
    assert shown(response, error_message(ParseError("no_lines")))
    assert Text.objects.count() == 0


def test_a_save_without_its_token_shows_the_preview_again(admin_client, seed_raw):
    preview = admin_client.post(UPLOAD, {"text": seed_raw})
    data = save_data(preview)
    del data["token"]

    response = admin_client.post(SAVE, data)

    assert response.status_code == 200
    assert 'id="text-preview-line-85"' in response.content.decode()
    assert response.context["form"].initial["token"]
    assert Text.objects.count() == 0


def test_back_and_edit_returns_the_text_to_the_textarea(admin_client, seed_raw):
    preview = upload_file(admin_client, "brutalen.txt", seed_raw.encode(), title="Eigen titel")

    response = admin_client.post(UPLOAD, {**save_data(preview), "edit": "1"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["text"] == seed_raw
    assert form.initial["title"] == "Eigen titel"
    html = response.content.decode()
    assert escape("“Doordat ik op Twitter bezig was, werd ik ineens gebeld”") in html
    assert 'value="Eigen titel"' in html
    assert Text.objects.count() == 0


# --- the list, publishing, deleting --------------------------------------------------------


def test_the_list_shows_each_text_with_status_and_line_count(admin_client, seed_text):
    import_text(raw="Kort\n\n(1) Een regel.\n(2) Nog een regel.\n")

    response = admin_client.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    seed_row = re.search(rf'id="text-row-{seed_text.pk}".*?</tr>', html, re.S).group(0)
    assert "Laat de brutalen niet voordringen" in seed_row
    assert ">109<" in seed_row
    assert reverse("texts:text-unpublish", args=[seed_text.pk]) in seed_row
    short = Text.objects.get(title="Kort")
    short_row = re.search(rf'id="text-row-{short.pk}".*?</tr>', html, re.S).group(0)
    assert ">2<" in short_row
    assert reverse("texts:text-publish", args=[short.pk]) in short_row


def test_the_list_takes_as_many_queries_for_many_texts_as_for_one(
    admin_client, seed_raw, admin_user, django_assert_max_num_queries
):
    import_text(raw=seed_raw, uploaded_by=admin_user)
    admin_client.get(LIST)  # warm up the session and the user
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        admin_client.get(LIST)
    for _ in range(4):
        import_text(raw=seed_raw, uploaded_by=admin_user)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = admin_client.get(LIST)
    assert response.content.decode().count('id="text-row-') == 5


def test_publish_and_unpublish_change_the_status(admin_client, seed_text):
    unpublish = admin_client.post(reverse("texts:text-unpublish", args=[seed_text.pk]))
    seed_text.refresh_from_db()
    assert unpublish.status_code == 302
    assert seed_text.status == Text.Status.DRAFT

    publish = admin_client.post(reverse("texts:text-publish", args=[seed_text.pk]), {"next": LIST})
    seed_text.refresh_from_db()
    assert publish["Location"] == LIST
    assert seed_text.status == Text.Status.PUBLISHED


def test_publish_does_not_redirect_to_another_site(admin_client, seed_text):
    response = admin_client.post(
        reverse("texts:text-publish", args=[seed_text.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("texts:text-detail", args=[seed_text.pk])


@pytest.mark.parametrize("name", ["texts:text-publish", "texts:text-unpublish"])
def test_publishing_needs_a_post(admin_client, seed_text, name):
    response = admin_client.get(reverse(name, args=[seed_text.pk]))

    assert response.status_code == 405


def test_delete_asks_for_confirmation_first(admin_client, seed_text):
    response = admin_client.get(reverse("texts:text-delete", args=[seed_text.pk]))

    assert response.status_code == 200
    assert "Laat de brutalen niet voordringen" in response.content.decode()
    assert Text.objects.filter(pk=seed_text.pk).exists()


def test_delete_removes_the_text_with_its_lines(admin_client, seed_text):
    response = admin_client.post(reverse("texts:text-delete", args=[seed_text.pk]))

    assert response["Location"] == LIST
    assert not Text.objects.exists()
    assert not Line.objects.exists()


def test_deleting_a_text_an_exam_uses_is_refused_with_a_message(admin_client, seed_text, teacher):
    exam = Exam.objects.create(title="Oefenexamen 2015", author=teacher)
    ExamText.objects.create(exam=exam, text=seed_text, position=1)

    confirm = admin_client.get(reverse("texts:text-delete", args=[seed_text.pk]))
    response = admin_client.post(reverse("texts:text-delete", args=[seed_text.pk]), follow=True)

    assert "Oefenexamen 2015" in confirm.content.decode()
    assert response.redirect_chain[-1][0] == reverse("texts:text-detail", args=[seed_text.pk])
    assert shown(response, in_use_message(seed_text.title))
    assert Text.objects.filter(pk=seed_text.pk).exists()
    assert seed_text.lines.count() == 109


# --- the text page ------------------------------------------------------------------------


def test_the_text_page_shows_the_booklet(admin_client, seed_text):
    response = admin_client.get(reverse("texts:text-detail", args=[seed_text.pk]))

    html = response.content.decode()
    prefix = f"text-{seed_text.pk}"
    assert response.status_code == 200
    assert f'id="{prefix}-line-85" data-line="85"' in html
    assert f'id="{prefix}-para-5" data-paragraph="5"' in html
    assert f'href="#{prefix}-note-1"' in html and f'id="{prefix}-note-1"' in html
    assert "kapitaal (schoonheid, kracht en" in html


def test_the_text_page_takes_the_same_queries_for_a_long_text(
    admin_client, seed_text, admin_user, django_assert_num_queries
):
    long_raw = "Een lange tekst\n\n" + "\n".join(
        f"({n}) Een alinea met een korte regel.\nen nog een korte regel¹⁾." for n in range(1, 301)
    )
    long_text = import_text(raw=long_raw + "\n\nnoot 1 *regel*: een regel", uploaded_by=admin_user)
    assert long_text.lines.count() == 600
    cache.clear()

    for text in (seed_text, long_text):
        url = reverse("texts:text-detail", args=[text.pk])
        # session, user, the text, its lines, its footnotes (the roles were read at login)
        with django_assert_num_queries(5):
            response = admin_client.get(url)
        # after that the booklet comes from the cache
        with django_assert_num_queries(3):
            admin_client.get(url)
    assert response.content.decode().count(' data-line="') == 600


# --- who may do what ------------------------------------------------------------------------

ADMIN_PAGES = [
    ("get", "texts:text-list", False),
    ("get", "texts:text-upload", False),
    ("post", "texts:text-upload", False),
    ("post", "texts:text-save", False),
    ("post", "texts:text-publish", True),
    ("post", "texts:text-unpublish", True),
    ("get", "texts:text-delete", True),
    ("post", "texts:text-delete", True),
]


def _url(name, with_pk, pk):
    return reverse(name, args=[pk]) if with_pk else reverse(name)


@pytest.mark.parametrize(("method", "name", "with_pk"), ADMIN_PAGES)
@pytest.mark.parametrize("client_name", ["pupil_client", "teacher_client"])
def test_pupils_and_teachers_may_not_use_the_admin_pages(
    request, seed_text, method, name, with_pk, client_name
):
    client = request.getfixturevalue(client_name)

    response = getattr(client, method)(_url(name, with_pk, seed_text.pk))

    assert response.status_code == 403
    seed_text.refresh_from_db()
    assert seed_text.status == Text.Status.PUBLISHED
    assert Text.objects.count() == 1


@pytest.mark.parametrize(("method", "name", "with_pk"), ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, seed_text, method, name, with_pk):
    response = getattr(client, method)(_url(name, with_pk, seed_text.pk))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "texts:text-detail"),
        ("post", "texts:text-publish"),
        ("post", "texts:text-unpublish"),
        ("get", "texts:text-delete"),
        ("post", "texts:text-delete"),
    ],
)
def test_an_unknown_text_is_not_found(admin_client, method, name):
    response = getattr(admin_client, method)(reverse(name, args=[987654]))

    assert response.status_code == 404


def test_teachers_may_read_a_published_text(teacher_client, seed_text):
    response = teacher_client.get(reverse("texts:text-detail", args=[seed_text.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="text-{seed_text.pk}-line-85"' in html
    assert reverse("texts:text-delete", args=[seed_text.pk]) not in html


def test_teachers_do_not_see_draft_texts(teacher_client, seed_text):
    seed_text.status = Text.Status.DRAFT
    seed_text.save()

    response = teacher_client.get(reverse("texts:text-detail", args=[seed_text.pk]))

    assert response.status_code == 404


def test_pupils_may_not_open_the_text_page(pupil_client, seed_text):
    response = pupil_client.get(reverse("texts:text-detail", args=[seed_text.pk]))

    assert response.status_code == 403


def test_anonymous_visitors_must_log_in_to_read_a_text(client, seed_text):
    response = client.get(reverse("texts:text-detail", args=[seed_text.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("role", "status", "getter", "expected"),
    [
        ("admin_user", Text.Status.DRAFT, "get_text_for_admin", "found"),
        ("teacher", Text.Status.PUBLISHED, "get_text_for_admin", PermissionDenied),
        ("pupil", Text.Status.PUBLISHED, "get_text_for_admin", PermissionDenied),
        ("admin_user", Text.Status.DRAFT, "get_text_for_viewer", "found"),
        ("teacher", Text.Status.PUBLISHED, "get_text_for_viewer", "found"),
        ("teacher", Text.Status.DRAFT, "get_text_for_viewer", Http404),
        ("pupil", Text.Status.PUBLISHED, "get_text_for_viewer", PermissionDenied),
    ],
)
def test_texts_access_gives_each_role_its_texts_and_nothing_else(
    request, rf, seed_text, role, status, getter, expected
):
    seed_text.status = status
    seed_text.save(update_fields=["status"])
    asking = rf.get("/")
    asking.user = request.getfixturevalue(role)

    if expected == "found":
        assert getattr(access, getter)(asking, seed_text.pk) == seed_text
    else:
        with pytest.raises(expected):
            getattr(access, getter)(asking, seed_text.pk)
    with pytest.raises((Http404, PermissionDenied)):
        getattr(access, getter)(asking, seed_text.pk + 1000)
