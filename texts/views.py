"""Text pages: admins upload, preview, save, publish and delete texts; admins and
teachers read the booklet. Who may see a text is decided in texts.access, what the
previews show in texts.previews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import admin_required
from texts.access import get_text_for_admin, get_text_for_viewer
from texts.forms import TextSaveForm, TextUploadForm
from texts.models import Text
from texts.previews import booklet_preview_context, text_preview_context
from texts.problem_messages import in_use_message, preview_expired_message
from texts.selectors import linked_exams, texts_for_list
from texts.services import TextInUse, delete_text, publish_text, save_parsed_text, unpublish_text
from texts.upload_tokens import close_upload_token, is_known_token, saved_with_token


def _next_or(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return fallback


def _render_preview(request, upload_data: dict):
    """The preview of an upload form's cleaned text (or of a PDF booklet)."""
    if "booklet" in upload_data:
        context = booklet_preview_context(request, booklet=upload_data["booklet"])
        return render(request, "texts/booklet_preview.html", context)
    context = text_preview_context(
        request, raw=upload_data["raw"], parsed=upload_data["parsed"], title=upload_data["title"]
    )
    return render(request, "texts/text_preview.html", context)


@admin_required
def text_list(request):
    return render(request, "texts/text_list.html", {"texts": texts_for_list()})


@admin_required
def text_upload(request):
    if request.method == "POST" and "edit" in request.POST:
        # "Back and edit" from the preview: the text comes back into the textarea.
        initial = {"text": request.POST.get("raw", ""), "title": request.POST.get("title", "")}
        return render(request, "texts/text_upload.html", {"form": TextUploadForm(initial=initial)})
    if request.method != "POST":
        return render(request, "texts/text_upload.html", {"form": TextUploadForm()})
    form = TextUploadForm(request.POST, request.FILES)
    if form.is_valid():
        return _render_preview(request, form.cleaned_data)
    return render(request, "texts/text_upload.html", {"form": form})


def _read_again(request):
    """A tampered or incomplete save form, read as an upload: a text that parses is
    previewed again, one that does not goes back to the editor with the reason.
    Nothing typed is lost."""
    upload = TextUploadForm(
        {"text": request.POST.get("raw", ""), "title": request.POST.get("title", "")}
    )
    if upload.is_valid():
        return _render_preview(request, upload.cleaned_data)
    return render(request, "texts/text_upload.html", {"form": upload})


@admin_required
@require_POST
def text_save(request):
    form = TextSaveForm(request.POST)
    if not form.is_valid():
        return _read_again(request)
    data, token = form.cleaned_data, form.cleaned_data["token"]
    if not is_known_token(request, token):
        messages.warning(request, preview_expired_message())
        return _render_preview(request, {**data, "parsed": form.parsed})
    saved_pk = saved_with_token(request, token)
    if saved_pk is not None:
        saved = Text.objects.filter(pk=saved_pk).first()
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
    close_upload_token(request, token, text.pk)
    if text.is_published:
        messages.success(request, _("“%(title)s” was saved and published.") % {"title": text})
    else:
        messages.success(request, _("“%(title)s” was saved as a draft.") % {"title": text})
    return redirect("texts:text-detail", pk=text.pk)


@login_required
def text_detail(request, pk: int):
    text = get_text_for_viewer(request, pk)
    return render(request, "texts/text_detail.html", {"text": text})


@admin_required
@require_POST
def text_publish(request, pk: int):
    text = publish_text(text=get_text_for_admin(request, pk))
    messages.success(request, _("“%(title)s” is published.") % {"title": text})
    return _next_or(request, redirect("texts:text-detail", pk=text.pk))


@admin_required
@require_POST
def text_unpublish(request, pk: int):
    text = unpublish_text(text=get_text_for_admin(request, pk))
    messages.success(request, _("“%(title)s” is a draft again.") % {"title": text})
    return _next_or(request, redirect("texts:text-detail", pk=text.pk))


@admin_required
def text_delete(request, pk: int):
    text = get_text_for_admin(request, pk)
    if request.method != "POST":
        context = {"text": text, "exams": linked_exams(text)}
        return render(request, "texts/text_delete.html", context)
    try:
        delete_text(text=text)
    except TextInUse:
        messages.error(request, in_use_message(text.title))
        return redirect("texts:text-detail", pk=text.pk)
    messages.success(request, _("“%(title)s” was deleted.") % {"title": text})
    return redirect("texts:text-list")
