"""The review report of an imported exam (issue 12): per question what the import
found, in Dutch, beside the question as it is stored now.

The readers (exam/papers) report notes as codes with params; NOTE_MESSAGES holds the
one message of each known code, and an unknown code is shown generically with its
params, so a new code never breaks the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exam.models import Exam, Question

CERTAINTY_LABELS = {
    "high": (gettext_lazy("certain"), "text-bg-success"),
    "low": (gettext_lazy("uncertain"), "text-bg-warning"),
    "none": (gettext_lazy("not recognised"), "text-bg-danger"),
}

# code -> message with %(name)s placeholders from the note's params.
NOTE_MESSAGES = {
    "no_points": gettext_lazy("No points (“1p”, “2p”) found beside the question."),
    "points_differ": gettext_lazy(
        "The booklet and the marking scheme give different points (%(booklet)s and %(scheme)s)."
    ),
    "no_scheme_entry": gettext_lazy("The marking scheme has no answer for this question."),
    "no_key": gettext_lazy("No answer key found in the marking scheme."),
    "kind_guessed": gettext_lazy("The kind of question is a guess: check it."),
    "unknown_kind": gettext_lazy(
        "The kind of question was not recognised: it was imported as an open question."
    ),
    "no_options": gettext_lazy("No options (A, B, C, ...) found."),
    "choices_missing": gettext_lazy("Some options or statements may be missing."),
    "elements_missing": gettext_lazy("No scored elements found in the marking scheme."),
    "elements_sum": gettext_lazy(
        "The scored elements add up to %(sum)s points, the question is worth %(points)s."
    ),
    "table_incomplete": gettext_lazy("The score table of the marking scheme is incomplete."),
    "lines_outside_text": gettext_lazy(
        "The lines %(lines)s lie outside the text; check the reference."
    ),
    "no_text": gettext_lazy("The question stands under Tekst %(number)s, which was not chosen."),
    "remark_not_used": gettext_lazy(
        "The marking scheme has a remark that was not turned into a rule: read it."
    ),
    "word_limit_guessed": gettext_lazy("The word limit is a guess: check it."),
    "first_n_not_used": gettext_lazy(
        "Only the first %(count)s answers count (marking scheme): check the scoring."
    ),
}

PROBLEM_MESSAGES = {
    "not_a_question_booklet": gettext_lazy("This does not look like a question booklet."),
    "looks_like_marking_scheme": gettext_lazy("The question booklet looks like a marking scheme."),
    "other_subject": gettext_lazy("The papers seem to be for another subject."),
    "no_questions": gettext_lazy("No questions were found."),
    "not_a_marking_scheme": gettext_lazy("This does not look like a marking scheme."),
    "no_scheme": gettext_lazy(
        "No marking scheme was given: write each question's answer model yourself."
    ),
    "texts_count": gettext_lazy("The booklet has %(booklet)s texts, %(chosen)s were chosen."),
}


def note_message(code: str, params: dict, table: dict | None = None) -> str:
    """The Dutch message of a note; an unknown code (or params that do not fit its
    message) is shown generically: the code and its params."""
    template = (NOTE_MESSAGES if table is None else table).get(code)
    if template is not None:
        try:
            return str(template) % params
        except (KeyError, TypeError, ValueError):
            pass
    detail = ", ".join(f"{key}: {value}" for key, value in sorted(params.items()))
    if detail:
        return _("Note “%(code)s” (%(detail)s).") % {"code": code, "detail": detail}
    return _("Note “%(code)s”.") % {"code": code}


@dataclass(frozen=True)
class ReportRow:
    number: int
    kind_label: str
    points: int | None
    certainty: str
    certainty_label: str
    badge_class: str
    notes: list[str]
    question: Question | None  # None: deleted since the import
    confirmed: bool


def _kind_label(kind: str) -> str:
    try:
        return str(Question.Kind(kind).label)
    except ValueError:
        return kind or "—"


def import_report_context(exam: Exam) -> dict:
    """Rows of the stored report joined with the exam's questions as they are now."""
    report = exam.import_report or {}
    questions = {q.number: q for q in exam.questions.order_by("number")}
    rows = []
    for item in report.get("questions", []):
        question = questions.get(item.get("number"))
        certainty = item.get("certainty", "")
        label, badge = CERTAINTY_LABELS.get(certainty, CERTAINTY_LABELS["none"])
        rows.append(
            ReportRow(
                number=item.get("number"),
                kind_label=_kind_label(question.kind if question else item.get("kind", "")),
                points=question.max_points if question else None,
                certainty=certainty if certainty in CERTAINTY_LABELS else "none",
                certainty_label=str(label),
                badge_class=badge,
                notes=[note_message(code, params) for code, params in item.get("notes", [])],
                question=question,
                confirmed=question is not None and not question.needs_confirmation,
            )
        )
    problems = [
        note_message(code, params, PROBLEM_MESSAGES) for code, params in report.get("problems", [])
    ]
    unconfirmed = [row.number for row in rows if row.question and not row.confirmed]
    return {
        "exam": exam,
        "rows": rows,
        "paper_problems": problems,
        "unconfirmed": unconfirmed,
        "counts": {key: sum(1 for row in rows if row.certainty == key) for key in CERTAINTY_LABELS},
    }
