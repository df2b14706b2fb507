"""Imported exams (issue 12): the review report stored with the draft, and the
teacher's confirmation of each imported question.

Every question of an imported exam needs the teacher's confirmation (saving it, or
confirm_question) before the exam can be published; publish_problems in
exam/authoring/services.py names the questions still unconfirmed.
"""

from __future__ import annotations

from django.db import transaction

from exam.models import Exam, Question


def _plain(value):
    """A report value as JSON can hold it: tuples become lists, other values text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _field(item, name: str, default=None):
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _notes(notes) -> list[list]:
    """[(code, params), ...] -> [[code, {params}], ...]; a bare code gets no params."""
    result = []
    for note in notes or []:
        if isinstance(note, str):
            code, params = note, {}
        else:
            code, params = (list(note) + [{}])[:2]
        result.append([str(code), _plain(params if isinstance(params, dict) else {})])
    return result


def report_data(report) -> dict:
    """An import report (exam.papers: per question number, kind, certainty, notes;
    paper-level problems) as the JSON Exam.import_report stores:
    {"questions": [{"number", "kind", "certainty", "notes": [[code, params]]}],
     "problems": [[code, params]]}."""
    questions = _field(report, "questions", []) or []
    if isinstance(questions, dict):
        questions = list(questions.values())
    rows = []
    for item in questions:
        number = _field(item, "number")
        if not isinstance(number, int):
            continue
        rows.append(
            {
                "number": number,
                "kind": str(_field(item, "kind", "") or ""),
                "certainty": str(_field(item, "certainty", "") or ""),
                "notes": _notes(_field(item, "notes")),
            }
        )
    rows.sort(key=lambda row: row["number"])
    return {"questions": rows, "problems": _notes(_field(report, "problems"))}


@transaction.atomic
def record_import(*, exam: Exam, report) -> Exam:
    """Store what the import found with the new draft exam, and mark every one of its
    questions as needing the teacher's confirmation before the exam can be published."""
    exam.import_report = report_data(report)
    exam.save(update_fields=["import_report", "updated_at"])
    exam.questions.update(needs_confirmation=True)
    return exam


def confirm_question(*, question: Question) -> Question:
    """The teacher checked the imported question: it no longer stops publishing."""
    Question.objects.filter(pk=question.pk).update(needs_confirmation=False)
    question.needs_confirmation = False
    return question
