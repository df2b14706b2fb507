"""Pupils' forms: one answer to one question, and a self-score of an open answer.

The answer form only gathers the posted fields into the kind's response shape (each
kind's posted_value, exam/kinds/); whether the answer is possible is decided by the service
(exam.services.save_answer, through scoring.clean_response), so the rule lives once.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from exam import kinds
from exam.models import Question

# The largest revision a database integer column holds on every backend.
MAX_REVISION = 2**31 - 1


class AnswerForm(forms.Form):
    """The posted answer to one question, gathered into the kind's response shape.

    Field names per kind (each kind's posted_value in exam/kinds/): "value" (mc,
    paragraph, citation sentence, gap, open, summary; repeated for multi),
    "s-<statement label>", "m-<item label>", "o-<place>" (1, 2, ...) for an ordering,
    "first"/"last" for a citation of first and last words, "g-<gap number>" (1, 2, ...)
    for a question with several gaps.
    """

    revision = forms.IntegerField(required=False, min_value=0, max_value=MAX_REVISION)

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question

    def clean(self):
        cleaned = super().clean()
        cleaned["value"] = self.posted_value()
        return cleaned

    def posted_value(self):
        return kinds.get(self.question.kind).posted_value(self.data, self.question.scoring or {})


class SelfScoreForm(forms.Form):
    """Which model elements (by index) the pupil says their answer contains."""

    elements = forms.TypedMultipleChoiceField(
        label=_("My answer contains"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, element_count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elements"].choices = [(i, str(i)) for i in range(element_count)]


# Why an answer could not be saved, per exam.scoring.ResponseError code.
RESPONSE_ERRORS = {
    "too_long": _("This answer is too long: at most %(limit)s characters."),
    "invalid_type": _("This answer cannot be read. Please fill it in again."),
    "unknown_option": _("“%(label)s” is not one of the options."),
    "unknown_statement": _("There is no statement “%(label)s”."),
    "invalid_statement_value": _("Choose %(first)s or %(second)s for each statement."),
    "unknown_item": _("There is no part “%(label)s” in this question."),
    "unknown_target": _("“%(label)s” is not one of the choices."),
    "not_a_permutation": _(
        "Put each of the %(count)s parts in exactly one place; your order is saved "
        "when it is complete."
    ),
    "not_a_paragraph_number": _("Give the number of a paragraph, for example 3."),
    "unknown_paragraph": _("The text has no paragraph %(number)s."),
    "unknown_gap": _("This question has no gap %(label)s: it has %(count)s."),
}
RESPONSE_ERROR_DEFAULT = _("This answer cannot be saved. Please check it.")

# What the scorer noticed, per feedback code (exam/scoring.py, exam/citations.py).
FEEDBACK = {
    "unanswered": _("You did not answer this question."),
    "too_many_choices": _("You chose more than one option; that earns no points."),
    "wrong_letter": _("That is not the right option."),
    "extra_choices_ignored": _("You chose more options than asked; only the first ones count."),
    "wrong_paragraph": _("That is not the right paragraph."),
    "not_accepted": _("That word is not accepted here."),
    "to_marker": _("Your teacher looks at what is not accepted and may still give points."),
    "wrong_format": _("Your quotation is not in the asked form."),
    "not_in_text": _("Your quotation is not in the text: quote the text word for word."),
    "extra_quotation_ignored": _("You quoted more than asked; only the first part counts."),
    "typo_tolerated": _("Your quotation has a small typing error; it still counts."),
    "incomplete_quotation": _("Your quotation is part of the right passage, but incomplete."),
    "wrong_span": _("You quoted another part of the text."),
    "too_few_words": _("Give the first and the last words, as asked."),
    "extra_reasons_ignored": _("You gave more than asked; only the first ones count."),
    "no_elements_found": _("The computer found none of the model's elements in your answer."),
    "over_word_limit": _("Your answer is longer than the word limit."),
}


def response_error_message(error) -> str:
    """The pupil's message for an exam.scoring.ResponseError."""
    template = RESPONSE_ERRORS.get(error.code, RESPONSE_ERROR_DEFAULT)
    try:
        return str(template) % error.params
    except (KeyError, TypeError, ValueError):
        return str(RESPONSE_ERROR_DEFAULT)
