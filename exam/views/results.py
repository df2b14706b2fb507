"""Results pages: item analysis per exam and per assignment, a pupil's progress, exports.

Who sees what (see docs/results.md):
- an exam's results: its author and co-authors (exam.teacher_access);
- an assignment's results and exports: the teacher of the class (exam.classes);
- a pupil's results: the teacher of one of the pupil's classes, and the pupil.
Anyone else who is a teacher gets a 404; a pupil on a teacher's page a 403.
"""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from accounts.roles import pupil_required, teacher_required
from exam.access import assignments_for_teacher, get_assignment_for_teacher, get_exam_for_teacher
from exam.models import Attempt
from exam.results import analysis, exports, plots
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


def _analysis_context(request, result: analysis.ExamAnalysis) -> dict:
    n_term = _chosen_n_term(request, result.n_term)
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


@teacher_required
def exam_results(request, pk: int):
    exam = get_exam_for_teacher(request, pk)
    result = analysis.analyse_exam(exam)
    own_assignments = (
        assignments_for_teacher(request.user)
        .filter(exam=exam)
        .select_related("classroom")
        .order_by("classroom__name", "pk")
    )
    context = _analysis_context(request, result) | {
        "exam": exam,
        "own_assignments": own_assignments,
        "scope": "exam",
    }
    return render(request, "exam/results_exam.html", context)


@teacher_required
def assignment_results(request, pk: int):
    assignment = get_assignment_for_teacher(request, pk)
    result = analysis.analyse_assignment(assignment)
    context = _analysis_context(request, result) | {
        "exam": assignment.exam,
        "assignment": assignment,
        "pupils": per_pupil.assignment_pupils(assignment),
        "scope": "assignment",
    }
    return render(request, "exam/results_assignment.html", context)


@teacher_required
def results_export(request, scope: str, pk: int, what: str, fmt: str):
    if what not in EXPORTS or fmt not in FORMATS:
        raise Http404
    if scope == "assignment":
        assignment = get_assignment_for_teacher(request, pk)
        exam = assignment.exam
        result = analysis.analyse_assignment(assignment)
        group = assignment.classroom.name
    elif scope == "exam" and what != "scores":
        # Per exam only the analysis: its attempts come from every class that made
        # the exam, and pupils' names belong to their own class's teacher.
        exam = get_exam_for_teacher(request, pk)
        result = analysis.analyse_exam(exam)
        assignment, group = None, "alle klassen"
    else:
        raise Http404
    if what == "scores":
        tables = [exports.scores_table(assignment)]
    elif what == "items":
        tables = [exports.item_table(result)]
        if fmt == "xlsx":
            tables += [
                exports.distractor_table(result),
                exports.summary_table(result, scope=group),
                exports.n_term_table(result),
            ]
    else:
        tables = [exports.distractor_table(result)]
    name = exports.filename(exam.title, group, what, extension=fmt)
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(tables[0]), content_type=exports.CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(exports.to_xlsx(tables), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _pupil_page(request, *, pupil, attempts, for_teacher: bool):
    overview = per_pupil.pupil_overview(attempts)
    chart = plots.attempts_chart(
        [(row.submitted_at, row.grade, row.exam_title) for row in overview.attempts]
    )
    return render(
        request,
        "exam/results_pupil.html",
        {
            "pupil": pupil,
            "overview": overview,
            "chart": chart,
            "for_teacher": for_teacher,
        },
    )


@teacher_required
def pupil_results(request, pk: int):
    """A pupil of one of the teacher's classes: their attempts for this teacher's classes."""
    pupils = get_user_model().objects.filter(memberships__classroom__teacher=request.user)
    pupil = get_object_or_404(pupils.distinct(), pk=pk)
    attempts = Attempt.objects.filter(
        pupil=pupil, submitted_at__isnull=False, assignment__classroom__teacher=request.user
    )
    return _pupil_page(request, pupil=pupil, attempts=attempts, for_teacher=True)


@pupil_required
def my_results(request):
    """The pupil's own progress: every handed-in attempt whose results they may see."""
    attempts = per_pupil.visible_attempts_for_pupil(request.user)
    return _pupil_page(request, pupil=request.user, attempts=attempts, for_teacher=False)
