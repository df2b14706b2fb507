"""Teachers' authoring forms: an exam's details and texts (exam.py), one question form
per kind (questions/), with formsets for repeated rows (questions/rows.py)."""

from exam.authoring.forms.exam import ContextForm, DeleteExamForm, ExamForm, MoveForm, ShareForm
from exam.authoring.forms.questions import (
    CitationForm,
    GapForm,
    MatchingForm,
    MultipleChoiceForm,
    MultipleResponseForm,
    OpenForm,
    OrderingForm,
    ParagraphForm,
    PartsForm,
    QuestionForm,
    StatementsForm,
    SummaryForm,
    question_form_class,
)

__all__ = [
    "CitationForm",
    "ContextForm",
    "DeleteExamForm",
    "ExamForm",
    "GapForm",
    "MatchingForm",
    "MoveForm",
    "MultipleChoiceForm",
    "MultipleResponseForm",
    "OpenForm",
    "OrderingForm",
    "ParagraphForm",
    "PartsForm",
    "QuestionForm",
    "ShareForm",
    "StatementsForm",
    "SummaryForm",
    "question_form_class",
]
