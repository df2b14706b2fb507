"""One authoring form per question kind; `question_form_class(kind)` picks it."""

from exam.authoring.forms.questions.base import QuestionForm
from exam.authoring.forms.questions.choices import (
    MultipleChoiceForm,
    MultipleResponseForm,
    OrderingForm,
)
from exam.authoring.forms.questions.open import OpenForm, SummaryForm
from exam.authoring.forms.questions.statements import MatchingForm, StatementsForm
from exam.authoring.forms.questions.text_answers import CitationForm, GapForm, ParagraphForm

QUESTION_FORMS: dict[str, type[QuestionForm]] = {
    form.kind: form
    for form in (
        MultipleChoiceForm,
        MultipleResponseForm,
        StatementsForm,
        MatchingForm,
        OrderingForm,
        ParagraphForm,
        CitationForm,
        GapForm,
        OpenForm,
        SummaryForm,
    )
}


def question_form_class(kind: str) -> type[QuestionForm] | None:
    return QUESTION_FORMS.get(kind)


__all__ = [
    "QUESTION_FORMS",
    "CitationForm",
    "GapForm",
    "MatchingForm",
    "MultipleChoiceForm",
    "MultipleResponseForm",
    "OpenForm",
    "OrderingForm",
    "ParagraphForm",
    "QuestionForm",
    "StatementsForm",
    "SummaryForm",
    "question_form_class",
]
