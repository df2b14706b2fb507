"""The pupil's tools on the exam page (exam/pupil_tools.py): highlighter marks and,
per question, a note, struck-out options and a review flag.

The page's script posts here and reads JSON back: the marks of the attempt, or the
stored state of a question. Bad input is a 400 with a message the pupil can read; a
handed-in attempt (or one whose time is up) is a 409; someone else's attempt a 404.
"""

from django import forms
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import pupil_required
from exam import pupil_tools, services
from exam.access import get_attempt_for_pupil, get_question_in_attempt
from exam.forms import MAX_REVISION
from exam.highlights import COLOURS

# Far beyond any booklet; keeps made-up numbers out of the database's integer range.
MAX_NUMBER = 100_000


class HighlightForm(forms.Form):
    """A range of booklet words and a colour; no colour erases the marks there."""

    text = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    start_line = forms.IntegerField(min_value=1, max_value=MAX_NUMBER)
    start_word = forms.IntegerField(min_value=0, max_value=MAX_NUMBER)
    end_line = forms.IntegerField(min_value=1, max_value=MAX_NUMBER)
    end_word = forms.IntegerField(min_value=0, max_value=MAX_NUMBER)
    colour = forms.ChoiceField(choices=[("", "")] + [(c, c) for c in COLOURS], required=False)


class ScratchForm(forms.Form):
    """A question's whole tool state: note, flag, struck options ("A,C")."""

    revision = forms.IntegerField(min_value=0, max_value=MAX_REVISION)
    note = forms.CharField(required=False, strip=False)
    flagged = forms.BooleanField(required=False)
    struck = forms.CharField(required=False, max_length=200)

    def clean_struck(self) -> list[str]:
        return [label.strip() for label in self.cleaned_data["struck"].split(",") if label.strip()]


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _closed(error: services.AttemptClosed) -> JsonResponse:
    if isinstance(error, services.TimeUp):
        return _error(_("Time is up: your highlights and notes can no longer change."), 409)
    return _error(_("You have handed this exam in: it can no longer change."), 409)


def _bad_form() -> JsonResponse:
    return _error(_("This could not be saved: the request was incomplete. Reload the page."))


@require_POST
@pupil_required
def highlight_paint(request, pk):
    """Mark words in a colour, or erase marks; answers with all the attempt's marks."""
    attempt = get_attempt_for_pupil(request, pk)
    form = HighlightForm(request.POST)
    if not form.is_valid():
        return _bad_form()
    data = form.cleaned_data
    try:
        highlights = pupil_tools.paint_highlight(
            attempt=attempt,
            text_id=data["text"],
            start=(data["start_line"], data["start_word"]),
            end=(data["end_line"], data["end_word"]),
            colour=data["colour"] or None,
        )
    except pupil_tools.HighlightError as error:
        return _error(pupil_tools.error_message(error.code))
    except services.AttemptClosed as error:
        return _closed(error)
    return JsonResponse({"highlights": pupil_tools.highlight_data(highlights)})


def _scratch_response(state: str, scratch) -> JsonResponse:
    return JsonResponse(
        {
            "state": state,
            "revision": scratch.revision,
            "note": scratch.note,
            "flagged": scratch.is_flagged,
            "struck": scratch.struck,
        }
    )


@require_POST
@pupil_required
def scratch_save(request, pk, question_pk):
    """Store a question's note, flag and struck options; answers with what is stored."""
    attempt = get_attempt_for_pupil(request, pk)
    question = get_question_in_attempt(attempt, question_pk)
    form = ScratchForm(request.POST)
    if not form.is_valid():
        return _bad_form()
    data = form.cleaned_data
    state = "saved"
    try:
        scratch = pupil_tools.save_scratch(
            attempt=attempt,
            question=question,
            note=data["note"],
            is_flagged=data["flagged"],
            struck=data["struck"],
            revision=data["revision"],
        )
    except pupil_tools.ScratchError as error:
        return _error(pupil_tools.error_message(error.code))
    except services.AttemptClosed as error:
        return _closed(error)
    except services.StaleRevision as stale:
        # A newer save is stored already (a later request, or another computer).
        state, scratch = "stale", stale.answer
    return _scratch_response(state, scratch)
