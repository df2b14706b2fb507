"""One authoring form per question kind; each kind names its form in exam/kinds/."""

from exam.authoring.forms.questions.base import QuestionForm
from exam.authoring.forms.questions.choices import (
    MultipleChoiceForm,
    MultipleResponseForm,
    OrderingForm,
)
from exam.authoring.forms.questions.matching import MatchingForm
from exam.authoring.forms.questions.open import OpenForm, SummaryForm
from exam.authoring.forms.questions.parts import PartsForm
from exam.authoring.forms.questions.statements import StatementsForm
from exam.authoring.forms.questions.text_answers import CitationForm, GapForm, ParagraphForm


def question_form_class(kind: str) -> type[QuestionForm] | None:
    """The form a kind declares in its registry entry (exam/kinds/), None for an
    unknown kind (a hand-edited URL)."""
    from exam import kinds

    return kinds.authoring_form_class(kind) if kind in kinds.CODES else None


__all__ = [
    "CitationForm",
    "GapForm",
    "MatchingForm",
    "MultipleChoiceForm",
    "MultipleResponseForm",
    "OpenForm",
    "OrderingForm",
    "ParagraphForm",
    "PartsForm",
    "QuestionForm",
    "StatementsForm",
    "SummaryForm",
    "question_form_class",
]
