"""The PDF booklet's save: one upload, every text in it.

The preview (texts.previews.booklet_preview_context) lists each text found with its
first and last lines and its warnings; the admin ticks the texts to keep, may
correct their titles, subtitles and introductions, and saves them in one go.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.roles import admin_required
from texts.forms import BookletSaveForm, TextUploadForm
from texts.models import Text
from texts.pdf_booklet import Booklet
from texts.previews import booklet_preview_context
from texts.problem_messages import preview_expired_message
from texts.services import save_booklet
from texts.upload_tokens import close_upload_token, is_known_token, saved_with_token


def _render_preview(request, booklet: Booklet, form: BookletSaveForm):
    context = booklet_preview_context(request, booklet=booklet, form=form)
    return render(request, "texts/booklet_preview.html", context)


def _refused(request, form: BookletSaveForm):
    booklet = form.cleaned_data.get("payload")
    if isinstance(booklet, Booklet):
        # Nothing chosen: the same preview again, with the reason.
        return _render_preview(request, booklet, form)
    # A tampered or expired payload: upload the PDF again.
    messages.error(request, BookletSaveForm.error_messages["expired"])
    return render(request, "texts/text_upload.html", {"form": TextUploadForm()})


def _saved_message(texts: list[Text]) -> str:
    titles = ", ".join(f"“{text.title}”" for text in texts)
    if texts[0].status == Text.Status.PUBLISHED:
        message = ngettext(
            "%(count)s text was saved and published: %(titles)s.",
            "%(count)s texts were saved and published: %(titles)s.",
            len(texts),
        )
    else:
        message = ngettext(
            "%(count)s text was saved as a draft: %(titles)s.",
            "%(count)s texts were saved as drafts: %(titles)s.",
            len(texts),
        )
    return message % {"count": len(texts), "titles": titles}


@admin_required
@require_POST
def booklet_save(request):
    form = BookletSaveForm(request.POST)
    if not form.is_valid():
        return _refused(request, form)
    data, token = form.cleaned_data, form.cleaned_data["token"]
    if not is_known_token(request, token):
        messages.warning(request, preview_expired_message())
        return _render_preview(request, data["payload"], form)
    if saved_with_token(request, token) is not None:
        messages.info(request, _("These texts were already saved; they were not saved again."))
        return redirect("texts:text-list")
    texts = save_booklet(texts=data["chosen"], uploaded_by=request.user, publish=data["publish"])
    close_upload_token(request, token, texts[0].pk)
    messages.success(request, _saved_message(texts))
    if len(texts) == 1:
        return redirect("texts:text-detail", pk=texts[0].pk)
    return redirect("texts:text-list")
