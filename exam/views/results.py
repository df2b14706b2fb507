"""Results pages: item analysis per exam and per assignment, a pupil's progress, exports.

Who sees what (see docs/results.md):
- an exam's results: its author and co-authors (exam/access.py);
- an assignment's results and exports: the teacher of the class (exam/access.py);
- a pupil's results: the teacher of one of the pupil's classes, and the pupil.
Anyone else who is a teacher gets a 404; a pupil on a teacher's page a 403.
"""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.roles import pupil_required, teacher_required
from exam import selectors
from exam.access import get_assignment_for_teacher, get_exam_for_teacher, get_pupil_for_teacher
from exam.presenters import classwork as presenters
from exam.results import analysis, exports
from exam.results import pupils as per_pupil

EXPORTS = ("scores", "items", "distractors")
FORMATS = ("csv", "xlsx")


def _chosen_n_term(request, default: Decimal) -> Decimal:
    """The N-term of the simulator form (?n_term=1.3); the exam's own when absent or bad.

    Anything that is not a finite number from 0.0 to 2.0 ("NaN", "inf", "1e309",
    letters) is ignored with a message, never a 500.
    """
    raw = request.GET.get("n_term", "").replace(",", ".").strip()
    if not raw:
        return default
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        value = None
    # Compare only finite numbers: comparing a NaN raises InvalidOperation.
    if value is None or not value.is_finite() or not Decimal(0) <= value <= Decimal(2):
        messages.warning(
            request,
            _("“%(value)s” is not an N-term from 0.0 to 2.0; the exam's own N-term is shown.")
            % {"value": raw[:20]},
        )
        return default
    return value.quantize(Decimal("0.1"))


@teacher_required
def exam_results(request, pk: int):
    exam = get_exam_for_teacher(request, pk)
    result = analysis.analyse_exam(exam)
    context = presenters.analysis_page(result, n_term=_chosen_n_term(request, result.n_term))
    context |= {
        "exam": exam,
        "own_assignments": selectors.assignments_of_exam_for_teacher(exam, request.user),
        "scope": "exam",
    }
    return render(request, "exam/results_exam.html", context)


@teacher_required
def assignment_results(request, pk: int):
    assignment = get_assignment_for_teacher(request, pk)
    result = analysis.analyse_assignment(assignment)
    context = presenters.analysis_page(result, n_term=_chosen_n_term(request, result.n_term))
    context |= {
        "exam": assignment.exam,
        "assignment": assignment,
        "pupils": per_pupil.assignment_pupils(assignment),
        "scope": "assignment",
    }
    return render(request, "exam/results_assignment.html", context)


def _export_scope(request, scope: str, pk: int, what: str):
    """(exam, analysis, assignment, group) of an export, or 404."""
    if scope == "assignment":
        assignment = get_assignment_for_teacher(request, pk)
        result = analysis.analyse_assignment(assignment)
        return assignment.exam, result, assignment, assignment.classroom.name
    if scope == "exam" and what != "scores":
        # Per exam only the analysis: its attempts come from every class that made
        # the exam, and pupils' names belong to their own class's teacher.
        exam = get_exam_for_teacher(request, pk)
        return exam, analysis.analyse_exam(exam), None, "alle klassen"
    raise Http404


@teacher_required
def results_export(request, scope: str, pk: int, what: str, fmt: str):
    if what not in EXPORTS or fmt not in FORMATS:
        raise Http404
    exam, result, assignment, group = _export_scope(request, scope, pk, what)
    tables = exports.export_tables(what, fmt, analysis=result, assignment=assignment, group=group)
    content, content_type = exports.export_file(tables, fmt)
    response = HttpResponse(content, content_type=content_type)
    name = exports.filename(exam.title, group, what, extension=fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@teacher_required
def pupil_results(request, pk: int):
    """A pupil of one of the teacher's classes: their attempts for this teacher's classes."""
    pupil = get_pupil_for_teacher(request, pk)
    attempts = per_pupil.attempts_for_teacher(pupil=pupil, teacher=request.user)
    context = presenters.pupil_results_page(pupil=pupil, attempts=attempts, for_teacher=True)
    return render(request, "exam/results_pupil.html", context)


@pupil_required
def my_results(request):
    """The pupil's own progress: every handed-in attempt whose results they may see."""
    attempts = per_pupil.visible_attempts_for_pupil(request.user)
    context = presenters.pupil_results_page(
        pupil=request.user, attempts=attempts, for_teacher=False
    )
    return render(request, "exam/results_pupil.html", context)
