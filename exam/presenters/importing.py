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
from exam.problems import Problem
from exam.problems import message as problem_message
from texts.parsing import Warning as TextWarning
from texts.problem_messages import warning_message

CERTAINTY_LABELS = {
    "high": (gettext_lazy("certain"), "text-bg-success"),
    "low": (gettext_lazy("uncertain"), "text-bg-warning"),
    "none": (gettext_lazy("not recognised"), "text-bg-danger"),
}

# code -> message with %(name)s placeholders from the note's params. The codes are
# those of exam/papers/booklet/, scheme/ and build/ (see their docstrings).
NOTE_MESSAGES = {
    # The question booklet.
    "points_missing": gettext_lazy("No points (“1p”, “2p”) found beside the question."),
    "number_out_of_sequence": gettext_lazy(
        "The question number is out of sequence (%(expected)s was expected)."
    ),
    "list_in_stem": gettext_lazy(
        "A list (%(labels)s) was kept in the question text: check whether it holds the options."
    ),
    "choose_not_found": gettext_lazy("How many answers the pupil chooses was not found."),
    "statements_not_found": gettext_lazy("The statements were not found."),
    "one_option": gettext_lazy("Only one option was found."),
    # Reports stored before several gaps were read.
    "several_gaps": gettext_lazy("The question has several gaps (up to %(last)s): check them."),
    "gaps_not_counted": gettext_lazy(
        "The question has several gaps, but does not say which: check them."
    ),
    "several_targets_unclear": gettext_lazy(
        "Whether an item may have more than one answer is unclear: check the setting."
    ),
    "word_limit_unplaced": gettext_lazy(
        "A word limit (%(limit)s words) names no part: set it on the parts it is for."
    ),
    "word_limit_not_found": gettext_lazy("The word limit was not found."),
    "table_not_placed": gettext_lazy(
        "A table to fill in (%(header)s) was not recognised: its rows were kept in the "
        "question text. Choose the kind and write the scoring yourself."
    ),
    "table_columns_unclear": gettext_lazy(
        "The table (%(header)s) may have more than one column to fill in: each row became "
        "one part with one answer box. Check the parts."
    ),
    # The marking scheme.
    "word_limit_unread": gettext_lazy(
        "The marking scheme has a rule for the length that was not read: check it."
    ),
    "elements_total": gettext_lazy(
        "The scored elements do not add up to the maximum score: check them."
    ),
    "element_without_points": gettext_lazy("A scored element has no points."),
    "table_incomplete": gettext_lazy("The score table of the marking scheme is incomplete."),
    "model_not_recognised": gettext_lazy(
        "The model answer was not recognised: write the scoring yourself."
    ),
    "empty_model": gettext_lazy("The marking scheme gives no model answer."),
    # The two together.
    "points_differ": gettext_lazy(
        "The booklet and the marking scheme give different points (%(booklet)s and %(scheme)s)."
    ),
    "answer_lines_outside": gettext_lazy(
        "The lines %(lines)s lie outside the text; check the reference."
    ),
    "text_missing": gettext_lazy("The question stands under Tekst %(text)s, which was not chosen."),
    "reference_not_checked": gettext_lazy("A reference does not fit the chosen text: %(problem)s"),
}

# Why a question became an open question with its text kept ("fallback").
FALLBACK_MESSAGES = {
    "no_scheme_entry": gettext_lazy("The marking scheme has no answer for this question."),
    "unknown_kind": gettext_lazy("The kind of question was not recognised."),
    "no_key": gettext_lazy("No answer key was found in the marking scheme."),
    "no_answers": gettext_lazy("No answers per statement or item were found."),
    "no_table": gettext_lazy("No score table was found."),
    "no_order": gettext_lazy("No order was found in the marking scheme."),
    "no_paragraph": gettext_lazy("No paragraph number was found in the marking scheme."),
    "no_quotation": gettext_lazy("No quotation was found in the marking scheme."),
    "no_accepted": gettext_lazy("No accepted answers were found."),
    "no_elements": gettext_lazy("No scored elements were found in the marking scheme."),
    "no_word_limit": gettext_lazy("The summary has no word limit."),
    "no_parts": gettext_lazy("The parts (a, b, ...) were not found."),
    "parts_unclear": gettext_lazy("Which element belongs to which part is unclear."),
    "gaps_differ": gettext_lazy(
        "The booklet and the marking scheme give a different number of gaps."
    ),
    "invalid_scoring": gettext_lazy("The scoring read from the papers is not complete."),
    "no_paragraphs": gettext_lazy(
        "The answers are the text's paragraphs, but the text has no numbered paragraphs."
    ),
    "too_many_parts": gettext_lazy(
        "The question has more parts than an open question in parts can hold."
    ),
}

PROBLEM_MESSAGES = {
    "not_a_question_booklet": gettext_lazy("This does not look like a question booklet."),
    "looks_like_marking_scheme": gettext_lazy("The question booklet looks like a marking scheme."),
    "looks_like_question_booklet": gettext_lazy(
        "The marking scheme looks like a question booklet."
    ),
    "other_subject": gettext_lazy("The papers seem to be for another subject."),
    "no_questions": gettext_lazy("No questions were found."),
    "no_entries": gettext_lazy("No answers were found in the marking scheme."),
    "scheme_missing": gettext_lazy(
        "No marking scheme was given: write each question's answer model yourself."
    ),
    "text_count_differs": gettext_lazy("The booklet has %(booklet)s texts, %(given)s were chosen."),
    "numbering_gap": gettext_lazy("Question numbers are missing: %(numbers)s."),
    "scheme_extra_entries": gettext_lazy(
        "The marking scheme answers questions the booklet does not have: %(numbers)s."
    ),
    "question_count_differs": gettext_lazy(
        "The cover says %(printed)s questions, %(found)s were found."
    ),
    "reference_not_checked": gettext_lazy("A reference does not fit the chosen text: %(problem)s"),
    "points_total_differs": gettext_lazy(
        "The cover says %(printed)s points, the questions add up to %(found)s."
    ),
    # A warning of the text booklet read in the same upload, worded by the texts app.
    "text_booklet_warning": gettext_lazy("Text booklet, Tekst %(text)s: %(warning)s"),
}


def note_message(code: str, params: dict, table: dict | None = None) -> str:
    """The Dutch message of a note; an unknown code (or params that do not fit its
    message) is shown generically: the code and its params."""
    if code == "fallback" and table is None:
        reason = FALLBACK_MESSAGES.get(str(params.get("reason")))
        if reason is not None:
            return _("Imported as an open question: %(reason)s") % {"reason": reason}
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


def _worded(code: str, params: dict) -> dict:
    """A text booklet's warning gets its words from the texts app, a reference that
    does not fit from exam/problems.py, both in the reader's language (the report
    stores their code and params; reports stored before kept English words)."""
    if code not in WORDED or not isinstance(params.get("params"), dict):
        return params
    try:
        return {**params, **WORDED[code](params)}
    except (KeyError, TypeError, ValueError):
        return params  # shown generically, with its code and params


WORDED = {
    "text_booklet_warning": lambda params: {
        "warning": warning_message(TextWarning(str(params.get("code", "")), params["params"]))
    },
    "reference_not_checked": lambda params: {
        "problem": problem_message(
            Problem(str(params.get("field", "")), str(params.get("code", "")), params["params"])
        )
    },
}


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
                notes=[
                    note_message(code, _worded(code, params))
                    for code, params in item.get("notes", [])
                ],
                question=question,
                confirmed=question is not None and not question.needs_confirmation,
            )
        )
    problems = [
        note_message(code, _worded(code, params), PROBLEM_MESSAGES)
        for code, params in report.get("problems", [])
    ]
    unconfirmed = [row.number for row in rows if row.question and not row.confirmed]
    return {
        "exam": exam,
        "rows": rows,
        "paper_problems": problems,
        "unconfirmed": unconfirmed,
        "counts": {key: sum(1 for row in rows if row.certainty == key) for key in CERTAINTY_LABELS},
    }
