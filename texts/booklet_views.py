"""The PDF booklet's preview and save: one upload, every text in it.

The preview lists each text found with its first and last lines and its warnings;
the admin ticks the texts to keep, may correct their titles, subtitles and
introductions, and saves them in one go.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.roles import admin_required
from texts.forms import BookletSaveForm, TextUploadForm, with_edits
from texts.models import Text
from texts.pdf_booklet import Booklet
from texts.problem_messages import warning_message
from texts.services import save_booklet


def render_booklet_preview(request, *, booklet: Booklet, form: BookletSaveForm | None = None):
    from texts.views import _open_upload_token

    titles = {}
    kept = None
    bound = form is not None and form.is_bound
    if bound:
        kept = set(form.data.getlist("keep"))
        titles = {i: form.data.get(f"title_{i}", "") for i in range(len(booklet.texts))}
    items = []
    for index, text in enumerate(booklet.texts):
        lines = text.parsed.lines
        # Shown again after a refused save: with the corrections the admin made.
        parsed = with_edits(text, form.data, index).parsed if bound else text.parsed
        items.append(
            {
                "index": index,
                "heading": text.heading,
                "parsed": parsed,
                "title": titles.get(index) or text.parsed.title,
                "first": lines[0] if lines else None,
                "last": lines[-1] if lines else None,
                "warnings": [warning_message(w) for w in text.parsed.warnings],
                "keep": kept is None or str(index) in kept,
                "key": f"preview-{index + 1}",
            }
        )
    save_form = BookletSaveForm(
        initial={"payload": BookletSaveForm.sign(booklet), "token": _open_upload_token(request)}
    )
    errors = form.non_field_errors() if form is not None else []
    return render(
        request,
        "texts/booklet_preview.html",
        {"form": save_form, "items": items, "errors": errors},
    )


@admin_required
@require_POST
def booklet_save(request):
    from texts.views import UPLOAD_TOKENS

    form = BookletSaveForm(request.POST)
    if not form.is_valid():
        booklet = form.cleaned_data.get("payload")
        if isinstance(booklet, Booklet):
            # Nothing chosen: the same preview again, with the reason.
            return render_booklet_preview(request, booklet=booklet, form=form)
        # A tampered or expired payload: upload the PDF again.
        messages.error(request, BookletSaveForm.error_messages["expired"])
        return render(request, "texts/text_upload.html", {"form": TextUploadForm()})
    data = form.cleaned_data
    tokens = request.session.get(UPLOAD_TOKENS, {})
    token = data["token"]
    if token not in tokens:
        messages.warning(
            request,
            _("Nothing was saved yet: this preview had expired. Check it and press Save again."),
        )
        return render_booklet_preview(request, booklet=data["payload"], form=form)
    if tokens[token] is not None:
        messages.info(request, _("These texts were already saved; they were not saved again."))
        return redirect("texts:text-list")
    texts = save_booklet(texts=data["chosen"], uploaded_by=request.user, publish=data["publish"])
    tokens[token] = texts[0].pk
    request.session[UPLOAD_TOKENS] = tokens
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
    messages.success(request, message % {"count": len(texts), "titles": titles})
    if len(texts) == 1:
        return redirect("texts:text-detail", pk=texts[0].pk)
    return redirect("texts:text-list")
