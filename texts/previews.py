"""What the upload previews show: a text's booklet with its warnings, or every text
of a PDF booklet with its first and last lines. Presenters: values for templates,
no writes."""

from django.http import QueryDict

from texts.forms import BookletSaveForm, TextSaveForm, with_edits
from texts.parsing import ParsedText
from texts.pdf_booklet import Booklet
from texts.problem_messages import (
    duplicate_content_message,
    duplicate_title_message,
    warning_message,
)
from texts.selectors import find_duplicates
from texts.upload_tokens import open_upload_token


def text_preview_context(request, *, raw: str, parsed: ParsedText, title: str) -> dict:
    """The preview of one text: its booklet, the save form and every warning,
    duplicates included."""
    form = TextSaveForm(
        initial={"raw": raw, "token": open_upload_token(request), "title": title or parsed.title}
    )
    return {
        "form": form,
        "parsed": parsed,
        "title": form.initial["title"],
        "first_line": next((line.plain for line in parsed.lines), ""),
        "warnings": [warning_message(w) for w in parsed.warnings]
        + _duplicate_warnings(raw=raw, title=form.initial["title"]),
    }


def _duplicate_warnings(*, raw: str, title: str) -> list[str]:
    same_content, same_title = find_duplicates(raw=raw, title=title)
    return [duplicate_content_message(t.title) for t in same_content] + [
        duplicate_title_message(t.title) for t in same_title
    ]


def booklet_preview_context(
    request, *, booklet: Booklet, form: BookletSaveForm | None = None
) -> dict:
    """The preview of a PDF booklet: each text found, to keep or leave. Shown again
    after a refused save, with the choices and corrections the admin made."""
    data = form.data if form is not None and form.is_bound else None
    items = [_booklet_item(index, text, data) for index, text in enumerate(booklet.texts)]
    save_form = BookletSaveForm(
        initial={"payload": BookletSaveForm.sign(booklet), "token": open_upload_token(request)}
    )
    errors = form.non_field_errors() if form is not None else []
    return {"form": save_form, "items": items, "errors": errors}


def _booklet_item(index: int, text, data: QueryDict | None) -> dict:
    lines = text.parsed.lines
    return {
        "index": index,
        "heading": text.heading,
        "parsed": with_edits(text, data, index).parsed if data is not None else text.parsed,
        "title": (data.get(f"title_{index}", "") if data is not None else "") or text.parsed.title,
        "first": lines[0] if lines else None,
        "last": lines[-1] if lines else None,
        "warnings": [warning_message(w) for w in text.parsed.warnings],
        "keep": data is None or str(index) in data.getlist("keep"),
        "key": f"preview-{index + 1}",
    }
