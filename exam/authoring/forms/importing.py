"""The form of the teacher's "Examen importeren" page (issue 12): the question
booklet and the marking scheme, each a PDF or pasted text, the exam's texts in
order (or, for an admin, the text booklet PDF in their place) and a title.

Every way the input can be wrong is a form error with a clear message, never a 500.
A browser forgets chosen files when a form comes back with errors: the page says so
(`files_lost`), while every typed field comes back filled.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exam.authoring.forms.exam import TextChoiceField
from texts.models import Text

# A central exam has at most six texts.
IMPORT_TEXT_ROWS = 6
# Defaults when config/settings.py does not say (EXAM_PAPER_MAX_BYTES,
# EXAM_PAPER_MAX_CHARS): a question booklet PDF is about 300 kB, its text 40,000
# characters.
PAPER_MAX_BYTES = 10 * 1024 * 1024
PAPER_MAX_CHARS = 500_000


def paper_max_bytes() -> int:
    return getattr(settings, "EXAM_PAPER_MAX_BYTES", PAPER_MAX_BYTES)


def paper_max_chars() -> int:
    return getattr(settings, "EXAM_PAPER_MAX_CHARS", PAPER_MAX_CHARS)


def _read_pdf(upload, what: str) -> bytes:
    """The uploaded file's bytes if it is a PDF within the size limit, else a
    ValidationError naming the paper (`what`)."""
    limit = paper_max_bytes()
    # One byte more than allowed tells a file is too large without reading it all.
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise forms.ValidationError(
            _("The %(what)s is too large: at most %(mb)s MB.")
            % {"what": what, "mb": max(1, limit // (1024 * 1024))},
            code="too_large",
        )
    if not data:
        raise forms.ValidationError(_("The %(what)s file is empty.") % {"what": what}, code="empty")
    if not upload.name.lower().endswith(".pdf") or data.lstrip()[:5] != b"%PDF-":
        raise forms.ValidationError(
            _(
                "The %(what)s is not a PDF file. Upload the PDF as the exam board "
                "publishes it, or paste its text."
            )
            % {"what": what},
            code="not_pdf",
        )
    return data


class ImportExamForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("For example “CE Nederlands havo 2021 tijdvak 1”."),
    )
    booklet_file = forms.FileField(
        label=gettext_lazy("Question booklet (PDF)"),
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    booklet_text = forms.CharField(
        label=gettext_lazy("Or paste the text of the question booklet"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "nl", "spellcheck": "false"}),
    )
    scheme_file = forms.FileField(
        label=gettext_lazy("Marking scheme (PDF, optional)"),
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    scheme_text = forms.CharField(
        label=gettext_lazy("Or paste the text of the marking scheme"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "nl", "spellcheck": "false"}),
    )

    def __init__(self, *args, may_upload_texts: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only admins upload texts (exam/views/importing.py says why); for anyone
        # else the field is not there, so a posted file is never read.
        self.may_upload_texts = may_upload_texts
        if may_upload_texts:
            self.fields["text_booklet_file"] = forms.FileField(
                label=gettext_lazy("Text booklet (PDF, instead of choosing the texts)"),
                required=False,
                allow_empty_file=True,
                help_text=gettext_lazy(
                    "The exam board's text booklet (bijlage): its texts are imported and "
                    "published with the exam, in the booklet's order."
                ),
                widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
            )
        texts = Text.objects.filter(status=Text.Status.PUBLISHED).order_by("title")
        for position in range(1, IMPORT_TEXT_ROWS + 1):
            self.fields[f"text_{position}"] = TextChoiceField(
                queryset=texts,
                # With a text booklet to upload, text 1 is checked in clean().
                required=position == 1 and not may_upload_texts,
                label=_("Text %(position)s") % {"position": position},
                empty_label="—",
            )

    @property
    def text_fields(self):
        return [self[f"text_{position}"] for position in range(1, IMPORT_TEXT_ROWS + 1)]

    def _paper(self, file_field: str, text_field: str, what: str):
        upload = self.cleaned_data.get(file_field)
        pasted = self.cleaned_data.get(text_field) or ""
        if upload and pasted.strip():
            raise forms.ValidationError(
                _("Upload the %(what)s or paste its text, not both.") % {"what": what},
                code="both",
            )
        if upload:
            try:
                return _read_pdf(upload, what)
            except forms.ValidationError as exc:
                self.add_error(file_field, exc)
                return None
        if pasted.strip():
            if len(pasted) > paper_max_chars():
                self.add_error(
                    text_field,
                    _("The pasted %(what)s is too long: at most %(count)s characters.")
                    % {"what": what, "count": paper_max_chars()},
                )
                return None
            return pasted.replace("\r\n", "\n").replace("\r", "\n")
        return None

    def clean(self):
        cleaned = super().clean()
        try:
            booklet = self._paper("booklet_file", "booklet_text", _("question booklet"))
        except forms.ValidationError as exc:
            self.add_error("booklet_file", exc)
            booklet = None
        else:
            if (
                booklet is None
                and "booklet_file" not in self.errors
                and ("booklet_text" not in self.errors)
            ):
                self.add_error(
                    "booklet_file",
                    _("Upload the question booklet (PDF) or paste its text."),
                )
        try:
            scheme = self._paper("scheme_file", "scheme_text", _("marking scheme"))
        except forms.ValidationError as exc:
            self.add_error("scheme_file", exc)
            scheme = None
        cleaned["booklet"], cleaned["scheme"] = booklet, scheme
        texts = [
            cleaned.get(f"text_{position}")
            for position in range(1, IMPORT_TEXT_ROWS + 1)
            if cleaned.get(f"text_{position}")
        ]
        if len({t.pk for t in texts}) != len(texts):
            self.add_error("text_1", _("Each text can be in the exam only once."))
        cleaned["texts"] = texts
        cleaned["text_booklet"] = self._text_booklet(texts)
        return cleaned

    def _text_booklet(self, texts) -> bytes | None:
        """The text booklet's bytes, if one was uploaded (only admins have the field);
        it and chosen texts exclude each other, and one of them is needed."""
        if not self.may_upload_texts:
            return None
        upload = self.cleaned_data.get("text_booklet_file")
        if upload and texts:
            self.add_error(
                "text_booklet_file",
                _(
                    "Choose the texts that are already imported or upload the text booklet, not both."
                ),
            )
            return None
        if upload:
            try:
                return _read_pdf(upload, _("text booklet"))
            except forms.ValidationError as exc:
                self.add_error("text_booklet_file", exc)
                return None
        if not texts and "text_1" not in self.errors:
            self.add_error("text_1", _("Choose the texts of the exam or upload its text booklet."))
        return None
