"""Forms for uploading a text: the upload itself and the preview's save step.

Both forms end in the same place: a raw string that texts.parsing reads. Every way
an upload can go wrong becomes a form error with a clear message, never a 500.
"""

from dataclasses import replace
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from texts.parsing import ParsedText, ParseError, decode_upload, parse_text
from texts.pdf_booklet import Booklet, BookletText, booklet_from_data, booklet_to_data
from texts.problem_messages import error_message

ACCEPTED_EXTENSIONS = (".txt", ".md", ".pdf", ".docx")
# A booklet's texts travel from the preview to the save signed, so no one can slip
# their own runs into a line; a preview older than this is read again.
BOOKLET_SALT = "texts.booklet-preview"
BOOKLET_MAX_AGE = 24 * 60 * 60


def decode_text(data: bytes) -> str:
    """Bytes from a file or a paste -> the raw text we store; raises ParseError.

    Line ends become "\\n": browsers send form text with CRLF, and the text saved
    after the preview must be the text that was previewed.
    """
    raw = decode_upload(data, max_bytes=settings.TEXT_UPLOAD_MAX_BYTES)
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def read_document(name: str, data: bytes) -> str | Booklet:
    """A .pdf booklet or a .docx file's bytes -> a Booklet (PDF) or the raw text
    (Word) in the importer's plain-text conventions; raises ParseError."""
    if len(data) > settings.TEXT_UPLOAD_DOCUMENT_MAX_BYTES:
        raise ParseError("too_large", max_kb=settings.TEXT_UPLOAD_DOCUMENT_MAX_BYTES // 1024)
    if PurePath(name.lower()).suffix == ".pdf":
        from texts.pdf_booklet import read_booklet

        return read_booklet(data)
    from texts.docx_text import read_docx

    return decode_text(read_docx(data).encode("utf-8"))


def is_document(name: str) -> bool:
    return PurePath(name.lower()).suffix in (".pdf", ".docx")


def _validation_error(err: ParseError) -> forms.ValidationError:
    return forms.ValidationError(error_message(err), code=err.code)


class TextUploadForm(forms.Form):
    """A .txt/.md file or pasted text, with an optional title that replaces the parsed one."""

    error_messages = {
        "wrong_type": _(
            "Only plain text (.txt or .md), PDF text booklets (.pdf) and Word files "
            "(.docx) can be read. Save the text in one of these and try again, or "
            "paste it below."
        ),
        "no_input": _("Choose a file or paste the text."),
        "both_inputs": _("Choose a file or paste the text, not both."),
    }

    file = forms.FileField(
        label=_("File"),
        required=False,
        # An empty file gets our own message from decode_upload, like every bad file.
        allow_empty_file=True,
        help_text=_(
            "A plain text file (.txt or .md, at most 1 MB), a PDF text booklet with "
            "all its texts (.pdf) or a Word file (.docx), at most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "class": "font-monospace"}),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=300,
        help_text=_("Leave empty to use the title found in the text."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return ""
        if PurePath(upload.name.lower()).suffix not in ACCEPTED_EXTENSIONS:
            raise forms.ValidationError(self.error_messages["wrong_type"], code="wrong_type")
        if is_document(upload.name):
            data = upload.read(settings.TEXT_UPLOAD_DOCUMENT_MAX_BYTES + 1)
            try:
                document = read_document(upload.name, data)
            except ParseError as err:
                raise _validation_error(err) from err
            if isinstance(document, Booklet):
                self.booklet = document
                return ""
            return document
        # One byte more than allowed is enough to know a file is too large, without
        # holding a huge file in memory.
        data = upload.read(settings.TEXT_UPLOAD_MAX_BYTES + 1)
        try:
            return decode_text(data)
        except ParseError as err:
            raise _validation_error(err) from err

    def clean_text(self):
        text = self.cleaned_data.get("text") or ""
        if not text.strip():
            return ""
        try:
            # Pasted text obeys the same rules as a file, size included.
            return decode_text(text.encode("utf-8"))
        except ParseError as err:
            raise _validation_error(err) from err

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        from_file, pasted = cleaned.get("file"), cleaned.get("text")
        booklet = getattr(self, "booklet", None)
        if booklet and pasted:
            raise forms.ValidationError(self.error_messages["both_inputs"], code="both_inputs")
        if booklet:
            cleaned["booklet"] = booklet
            return cleaned
        if from_file and pasted:
            raise forms.ValidationError(self.error_messages["both_inputs"], code="both_inputs")
        if not from_file and not pasted:
            raise forms.ValidationError(self.error_messages["no_input"], code="no_input")
        cleaned["raw"] = from_file or pasted
        try:
            cleaned["parsed"] = parse_text(cleaned["raw"])
        except ParseError as err:
            self.add_error("file" if from_file else "text", _validation_error(err))
        return cleaned


class TextSaveForm(forms.Form):
    """What the preview page sends back: the raw text, re-parsed here, never trusted parsed."""

    raw = forms.CharField(widget=forms.HiddenInput, strip=False)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    title = forms.CharField(label=_("Title"), required=False, max_length=300)
    publish = forms.BooleanField(required=False)

    def clean_raw(self):
        try:
            raw = decode_text(self.cleaned_data["raw"].encode("utf-8"))
            self.parsed: ParsedText = parse_text(raw)
        except ParseError as err:
            raise _validation_error(err) from err
        return raw


MAX_INTRODUCTION = 3000


def with_edits(text: BookletText, data, index: int) -> BookletText:
    """The text with the subtitle and introduction as the admin corrected them in the
    preview (a field left out of the form keeps what was read; emptied, it is gone).
    They are plain text: the booklet escapes them, so nothing here needs to be trusted."""
    parsed = text.parsed
    subtitle = data.get(f"subtitle_{index}")
    introduction = data.get(f"introduction_{index}")
    if subtitle is not None:
        parsed = replace(parsed, subtitle=" ".join(subtitle.split())[:300])
    if introduction is not None:
        paragraphs = introduction.replace("\r\n", "\n").replace("\r", "\n").split("\n\n")
        cleaned = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
        parsed = replace(parsed, introduction=cleaned[:MAX_INTRODUCTION])
    return replace(text, parsed=parsed)


class BookletSaveForm(forms.Form):
    """What the booklet preview sends back: its texts (signed), which to keep and
    their titles as corrected.

    The texts come back exactly as previewed; a tampered or expired payload is
    refused, so nothing but the importer's own runs is ever saved.
    """

    payload = forms.CharField(widget=forms.HiddenInput, strip=False)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    publish = forms.BooleanField(required=False)

    error_messages = {
        "expired": _("This preview has expired. Upload the PDF again."),
        "none_chosen": _("Choose at least one text to save."),
    }

    @staticmethod
    def sign(booklet: Booklet) -> str:
        return signing.dumps(booklet_to_data(booklet), salt=BOOKLET_SALT, compress=True)

    def clean_payload(self) -> Booklet:
        try:
            data = signing.loads(
                self.cleaned_data["payload"], salt=BOOKLET_SALT, max_age=BOOKLET_MAX_AGE
            )
            return booklet_from_data(data)
        except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
            raise forms.ValidationError(self.error_messages["expired"], code="expired") from exc

    def clean(self):
        cleaned = super().clean()
        booklet = cleaned.get("payload")
        if not isinstance(booklet, Booklet):
            return cleaned
        kept = set(self.data.getlist("keep")) if hasattr(self.data, "getlist") else set()
        chosen = []
        for index, text in enumerate(booklet.texts):
            if str(index) not in kept:
                continue
            title = (self.data.get(f"title_{index}") or "").strip()[:300]
            chosen.append((with_edits(text, self.data, index), title or text.parsed.title))
        if not chosen:
            raise forms.ValidationError(self.error_messages["none_chosen"], code="none_chosen")
        cleaned["chosen"] = chosen
        return cleaned
