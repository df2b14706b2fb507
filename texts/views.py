"""Text pages: admins upload, preview, save, publish and delete texts; admins and
teachers read the booklet."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import admin_required, is_admin, is_teacher
from texts.booklet_views import render_booklet_preview
from texts.forms import TextSaveForm, TextUploadForm
from texts.models import Text
from texts.parsing import ParsedText
from texts.problem_messages import (
    duplicate_content_message,
    duplicate_title_message,
    in_use_message,
    warning_message,
)
from texts.services import (
    TextInUse,
    delete_text,
    find_duplicates,
    publish_text,
    save_parsed_text,
    unpublish_text,
)

# Preview tokens in the session: token -> pk of the text saved with it, or None while
# the preview is open. Pressing Save twice finds the token used and shows the text
# saved the first time instead of saving it again.
UPLOAD_TOKENS = "texts_upload_tokens"
MAX_UPLOAD_TOKENS = 20


def _get_text_for_admin(pk: int) -> Text:
    return get_object_or_404(Text, pk=pk)


def _get_text_for_viewer(request, pk: int) -> Text:
    """Admins see every text, teachers the published ones; pupils none."""
    # The page never shows the raw upload, which can be a megabyte.
    texts = Text.objects.select_related("uploaded_by").defer("raw")
    if is_admin(request.user):
        return get_object_or_404(texts, pk=pk)
    if is_teacher(request.user):
        return get_object_or_404(texts, pk=pk, status=Text.Status.PUBLISHED)
    raise PermissionDenied


def _next_or(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return fallback


def _open_upload_token(request) -> str:
    tokens = request.session.get(UPLOAD_TOKENS, {})
    token = secrets.token_urlsafe(16)
    tokens[token] = None
    request.session[UPLOAD_TOKENS] = dict(list(tokens.items())[-MAX_UPLOAD_TOKENS:])
    return token


def _duplicate_warnings(*, raw: str, title: str) -> list[str]:
    same_content, same_title = find_duplicates(raw=raw, title=title)
    return [duplicate_content_message(t.title) for t in same_content] + [
        duplicate_title_message(t.title) for t in same_title
    ]


def _render_preview(request, *, raw: str, parsed: ParsedText, title: str):
    form = TextSaveForm(
        initial={"raw": raw, "token": _open_upload_token(request), "title": title or parsed.title}
    )
    return render(
        request,
        "texts/text_preview.html",
        {
            "form": form,
            "parsed": parsed,
            "title": form.initial["title"],
            "first_line": next((line.plain for line in parsed.lines), ""),
            "warnings": [warning_message(w) for w in parsed.warnings]
            + _duplicate_warnings(raw=raw, title=form.initial["title"]),
        },
    )


@admin_required
def text_list(request):
    texts = (
        Text.objects.select_related("uploaded_by")
        .defer("raw")
        .annotate(
            line_count=Count("lines", distinct=True),
            exam_count=Count("exam_links", distinct=True),
        )
        .order_by("-uploaded_at", "-pk")
    )
    return render(request, "texts/text_list.html", {"texts": texts})


@admin_required
def text_upload(request):
    if request.method == "POST" and "edit" in request.POST:
        # "Back and edit" from the preview: the text comes back into the textarea.
        initial = {"text": request.POST.get("raw", ""), "title": request.POST.get("title", "")}
        return render(request, "texts/text_upload.html", {"form": TextUploadForm(initial=initial)})
    if request.method == "POST":
        form = TextUploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            if "booklet" in data:
                return render_booklet_preview(request, booklet=data["booklet"])
            return _render_preview(
                request, raw=data["raw"], parsed=data["parsed"], title=data["title"]
            )
    else:
        form = TextUploadForm()
    return render(request, "texts/text_upload.html", {"form": form})


@admin_required
@require_POST
def text_save(request):
    form = TextSaveForm(request.POST)
    if not form.is_valid():
        # Only a tampered or incomplete form gets here. Read its text as an upload:
        # a text that parses is previewed again, one that does not goes back to the
        # editor with the reason. Nothing typed is lost.
        upload = TextUploadForm(
            {"text": request.POST.get("raw", ""), "title": request.POST.get("title", "")}
        )
        if upload.is_valid():
            data = upload.cleaned_data
            return _render_preview(
                request, raw=data["raw"], parsed=data["parsed"], title=data["title"]
            )
        return render(request, "texts/text_upload.html", {"form": upload})
    data = form.cleaned_data
    tokens = request.session.get(UPLOAD_TOKENS, {})
    token = data["token"]
    if token not in tokens:
        messages.warning(
            request,
            _("Nothing was saved yet: this preview had expired. Check it and press Save again."),
        )
        return _render_preview(request, raw=data["raw"], parsed=form.parsed, title=data["title"])
    if tokens[token] is not None:
        saved = Text.objects.filter(pk=tokens[token]).first()
        if saved is None:
            return redirect("texts:text-list")
        messages.info(request, _("This text was already saved; it was not saved again."))
        return redirect("texts:text-detail", pk=saved.pk)
    text = save_parsed_text(
        parsed=form.parsed,
        raw=data["raw"],
        uploaded_by=request.user,
        title=data["title"],
        publish=data["publish"],
    )
    tokens[token] = text.pk
    request.session[UPLOAD_TOKENS] = tokens
    if text.is_published:
        messages.success(request, _("“%(title)s” was saved and published.") % {"title": text})
    else:
        messages.success(request, _("“%(title)s” was saved as a draft.") % {"title": text})
    return redirect("texts:text-detail", pk=text.pk)


@login_required
def text_detail(request, pk: int):
    text = _get_text_for_viewer(request, pk)
    return render(request, "texts/text_detail.html", {"text": text})


@admin_required
@require_POST
def text_publish(request, pk: int):
    text = publish_text(text=_get_text_for_admin(pk))
    messages.success(request, _("“%(title)s” is published.") % {"title": text})
    return _next_or(request, redirect("texts:text-detail", pk=text.pk))


@admin_required
@require_POST
def text_unpublish(request, pk: int):
    text = unpublish_text(text=_get_text_for_admin(pk))
    messages.success(request, _("“%(title)s” is a draft again.") % {"title": text})
    return _next_or(request, redirect("texts:text-detail", pk=text.pk))


@admin_required
def text_delete(request, pk: int):
    text = _get_text_for_admin(pk)
    if request.method == "POST":
        try:
            delete_text(text=text)
        except TextInUse:
            messages.error(request, in_use_message(text.title))
            return redirect("texts:text-detail", pk=text.pk)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": text})
        return redirect("texts:text-list")
    exams = [link.exam for link in text.exam_links.select_related("exam").order_by("exam__title")]
    return render(request, "texts/text_delete.html", {"text": text, "exams": exams})
