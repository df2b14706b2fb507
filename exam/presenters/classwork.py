"""What the teacher's and the pupil's pages show, shaped for their templates.

A presenter takes objects the view already reached through exam/access.py and
returns the template's context: reads from exam/selectors.py and exam/results/,
grouped and counted for one page. Views stay short; nothing here writes or looks
at the request.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from exam import kinds, selectors
from exam.access import classrooms_for_teacher, exams_for_teacher
from exam.models import (
    Answer,
    Assignment,
    Attempt,
    Classroom,
    ExtraTime,
    Membership,
    Question,
    ReadAloud,
)
from exam.presenters.lengths import answer_length
from exam.results import plots
from exam.results.analysis import ExamAnalysis
from exam.results.pupils import pupil_overview

# ---------------------------------------------------------------------------
# The teacher's dashboard


def dashboard(teacher) -> dict:
    """The teacher's newest exams, their classes and open assignments with marking to do."""
    exams = (
        exams_for_teacher(teacher)
        .annotate(question_count=Count("questions", distinct=True))
        .order_by("-updated_at")[:20]
    )
    open_assignments = list(selectors.open_assignments_for_teacher(teacher))
    waiting = selectors.waiting_counts_by_assignment(teacher)
    for assignment in open_assignments:
        assignment.waiting = waiting.get(assignment.pk, 0)
    return {
        "exams": exams,
        "classrooms": classrooms_with_counts(teacher),
        "open_assignments": open_assignments,
        "waiting_total": sum(waiting.values()),
    }


# ---------------------------------------------------------------------------
# Classes and assignments


def classrooms_with_counts(teacher):
    return (
        classrooms_for_teacher(teacher)
        .annotate(pupil_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def class_page(classroom: Classroom, *, teacher) -> dict:
    """A class's pupils and its assignments, each with the answers waiting for marking."""
    members = (
        Membership.objects.filter(classroom=classroom)
        .select_related("pupil")
        .order_by("pupil__last_name", "pupil__first_name", "pupil__username")
    )
    assignments = classroom.assignments.select_related("exam").order_by("-created_at")
    waiting = selectors.waiting_counts_by_assignment(teacher)
    for assignment in assignments:
        assignment.waiting = waiting.get(assignment.pk, 0)
    return {"classroom": classroom, "members": members, "assignments": assignments}


def assignment_rows(assignment: Assignment) -> list[dict]:
    """One row per pupil in the class: their latest attempt, extra time and read-aloud;
    4 queries."""
    members = list(assignment.classroom.pupils.order_by("last_name", "first_name", "username"))
    latest = {}
    for attempt in Attempt.objects.filter(assignment=assignment).order_by("pk"):
        latest[attempt.pupil_id] = attempt
    extra = dict(ExtraTime.objects.filter(assignment=assignment).values_list("pupil_id", "minutes"))
    reads = set(ReadAloud.objects.filter(assignment=assignment).values_list("pupil_id", flat=True))
    return [
        {
            "pupil": pupil,
            "attempt": latest.get(pupil.pk),
            "extra_minutes": extra.get(pupil.pk, 0),
            "read_aloud": pupil.pk in reads,
        }
        for pupil in members
    ]


def assignment_page(assignment: Assignment) -> dict:
    rows = assignment_rows(assignment)
    return {
        "assignment": assignment,
        "rows": rows,
        "questions": selectors.queue_by_question(assignment),
        "waiting": selectors.waiting_answers(assignment).count(),
        "in_progress": sum(1 for r in rows if r["attempt"] and not r["attempt"].submitted_at),
        "now": timezone.now(),
    }


# ---------------------------------------------------------------------------
# Marking


def answer_card(answer: Answer, elements: list[dict], *, error=None, question=None) -> dict:
    """One answer on the marking page: its ticked elements, any error and its length."""
    ticked = selectors.teacher_elements(answer)
    question = question or answer.question
    kind = kinds.get(question.kind)
    return {
        "answer": answer,
        "elements": elements,
        "ticked": ticked,
        "error": error,
        # Words, limit and full sentences as a save of the ticked elements would
        # score them (the same rules as the pupil's result, exam/kinds/elements.py).
        "length": answer_length(question, answer, elements=ticked),
        "parts": kind.answer_parts(question.scoring, answer.response, ticked),
        "answer_template": kind.marking_answer_template,
    }


def marking_question_page(assignment: Assignment, question: Question, *, include_scored: bool):
    """The answers to one question, as cards, and the way on to the next question."""
    answers = selectors.answers_to_mark(
        assignment=assignment, question=question, include_scored=include_scored
    )
    elements = selectors.model_elements(question)
    questions = selectors.queue_by_question(assignment)
    next_question = next((q for q in questions if q.number > question.number and q.waiting), None)
    return {
        "assignment": assignment,
        "question": question,
        "elements": elements,
        "cards": [answer_card(answer, elements, question=question) for answer in answers],
        "include_scored": include_scored,
        "questions": questions,
        "next_question": next_question,
    }


def calibration_page(answers, *, by_question: bool = True) -> dict:
    """Self-scores against the teacher's: in total, per pupil and (optionally) per question."""
    return {
        "total": selectors.calibration_total(answers),
        "by_pupil": selectors.calibration_by_pupil(answers),
        "by_question": selectors.calibration_by_question(answers) if by_question else None,
    }


# ---------------------------------------------------------------------------
# Results


def analysis_page(result: ExamAnalysis, *, n_term: Decimal) -> dict:
    """An item analysis with its charts, at the N-term the teacher chose."""
    grades = next((g for g in result.simulation if g.n_term == n_term), result.grades)
    charts = {
        "scores": plots.score_histogram_chart(result.histogram, max_total=result.max_total),
        "grades": plots.grade_distribution_chart(grades),
        "p_values": plots.p_value_chart(
            [(q.info.number, q.stats.p, q.is_flagged) for q in result.questions]
        ),
        "n_term": plots.n_term_chart(result.simulation, current=n_term),
    }
    return {
        "result": result,
        "charts": charts,
        "chosen_n_term": n_term,
        "chosen_grades": grades,
        "n_term_choices": [g.n_term for g in result.simulation],
    }


def pupil_results_page(*, pupil, attempts, for_teacher: bool) -> dict:
    """A pupil's progress over the given attempts, with the chart of their grades."""
    overview = pupil_overview(attempts)
    chart = plots.attempts_chart(
        [(row.submitted_at, row.grade, row.exam_title) for row in overview.attempts]
    )
    return {"pupil": pupil, "overview": overview, "chart": chart, "for_teacher": for_teacher}


def pupil_assignments_page(pupil) -> dict:
    """The pupil's assignments, and how their self-scores compare with their teachers'."""
    own_answers = Answer.objects.filter(attempt__pupil=pupil)
    return {
        "rows": selectors.pupil_assignment_rows(pupil=pupil),
        "calibration": selectors.calibration_total(own_answers),
        "calibration_by_question": selectors.calibration_by_question(own_answers),
    }
