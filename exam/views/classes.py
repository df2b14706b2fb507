"""Teachers' pages for classes and assignments (namespace "teacher")."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import teacher_required
from exam import access, selectors
from exam.assignments import services as assignment_services
from exam.classes import pupil_csv
from exam.classes import services as class_services
from exam.models import Assignment
from exam.presenters import classwork as presenters
from exam.results import exports

IMPORT_MAX_BYTES = 200 * 1024


class ClassroomForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the class"), max_length=100)


class AddPupilForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username of the pupil"), max_length=150)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "One pupil a row: username, name, optional password. Commas or semicolons; "
            "a header row is optional."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(_("The file is too large (at most 200 kB)."))
        return upload.read()


class ExamSelect(forms.Select):
    """The exam choice; each option carries the exam's duration (data-duration), so
    static/js/exam/assignment-form.js can pre-fill the time limit."""

    durations: dict[str, int] = {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        duration = self.durations.get(str(getattr(value, "value", value)))
        if duration:
            option["attrs"]["data-duration"] = str(duration)
        return option


class AssignmentForm(forms.Form):
    exam = forms.ModelChoiceField(
        label=gettext_lazy("Exam"),
        queryset=None,
        empty_label=gettext_lazy("Choose an exam"),
        widget=ExamSelect,
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Mode"),
        choices=Assignment.Mode.choices,
        widget=forms.RadioSelect,
        initial=Assignment.Mode.PRACTICE,
        help_text=gettext_lazy(
            "Practice: score and model right after submitting, attempts may repeat. "
            "Exam: one attempt within the time limit; results when you release them."
        ),
    )
    opens_at = forms.DateTimeField(
        label=gettext_lazy("Opens at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closes at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    time_limit_minutes = forms.IntegerField(
        label=gettext_lazy("Time limit (minutes)"),
        required=False,
        min_value=1,
        max_value=600,
        help_text=gettext_lazy("Exam mode only. Empty: the exam's own duration, if it has one."),
    )

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        exams = selectors.assignable_exams(teacher)
        self.fields["exam"].queryset = exams
        self.fields["exam"].widget.durations = {
            str(pk): minutes
            for pk, minutes in exams.filter(duration_minutes__isnull=False).values_list(
                "pk", "duration_minutes"
            )
        }
        # An exam chosen beforehand (?exam=<pk>) brings its duration as the time limit.
        chosen = self.fields["exam"].widget.durations.get(str(self.initial.get("exam", "")))
        if chosen and not self.initial.get("time_limit_minutes"):
            self.initial["time_limit_minutes"] = chosen

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The assignment must close after it opens."))
        exam = data.get("exam")
        if data.get("mode") == Assignment.Mode.EXAM and not data.get("time_limit_minutes"):
            if exam is not None and exam.duration_minutes:
                data["time_limit_minutes"] = exam.duration_minutes
            else:
                self.add_error(
                    "time_limit_minutes", _("An exam-mode assignment needs a time limit.")
                )
        return data


class ExtraTimeForm(forms.Form):
    pupil = forms.ModelChoiceField(
        label=gettext_lazy("Pupil"), queryset=None, empty_label=gettext_lazy("Choose a pupil")
    )
    minutes = forms.IntegerField(
        label=gettext_lazy("Extra minutes"), min_value=0, max_value=600, initial=30
    )

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = assignment.classroom.pupils.order_by(
            "last_name", "first_name", "username"
        )
        self.fields["pupil"].widget.attrs["class"] = "form-select"
        self.fields["pupil"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.username})"
        )


class ReadAloudForm(forms.Form):
    """Read-aloud on or off, for one pupil (pupil given) or the whole assignment."""

    pupil = forms.ModelChoiceField(queryset=None, required=False)
    enabled = forms.TypedChoiceField(choices=[("0", "0"), ("1", "1")], coerce=lambda v: v == "1")

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = assignment.classroom.pupils.all()


@teacher_required
def class_list(request):
    classrooms = presenters.classrooms_with_counts(request.user)
    return render(
        request, "exam/class_list.html", {"classrooms": classrooms, "form": ClassroomForm()}
    )


@teacher_required
def class_create(request):
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = class_services.create_classroom(
            teacher=request.user, name=form.cleaned_data["name"]
        )
        messages.success(
            request, _("Class created. Pupils join with code %s.") % classroom.join_code
        )
        return redirect("teacher:class-detail", pk=classroom.pk)
    return render(request, "exam/class_create.html", {"form": form})


def _class_page(request, classroom, *, add_form=None, status=200):
    context = presenters.class_page(classroom, teacher=request.user)
    context["add_form"] = add_form or AddPupilForm()
    return render(request, "exam/class_detail.html", context, status=status)


@teacher_required
def class_detail(request, pk):
    classroom = access.get_classroom_for_teacher(request, pk)
    return _class_page(request, classroom)


@teacher_required
@require_POST
def class_add_pupil(request, pk):
    classroom = access.get_classroom_for_teacher(request, pk)
    form = AddPupilForm(request.POST)
    if form.is_valid():
        try:
            membership = class_services.add_pupil(
                classroom=classroom, username=form.cleaned_data["username"]
            )
        except class_services.ClassError as exc:
            form.add_error("username", exc.message)
        else:
            messages.success(request, _("%s is in the class.") % membership.pupil.get_full_name())
            return redirect("teacher:class-detail", pk=classroom.pk)
    return _class_page(request, classroom, add_form=form, status=400)


@teacher_required
@require_POST
def class_remove_pupil(request, pk, pupil_pk):
    classroom = access.get_classroom_for_teacher(request, pk)
    pupil = access.get_member_for_teacher(classroom, pupil_pk)
    class_services.remove_pupil(classroom=classroom, pupil=pupil)
    messages.success(
        request, _("%s was taken out of the class.") % (pupil.get_full_name() or pupil.username)
    )
    return redirect("teacher:class-detail", pk=classroom.pk)


@teacher_required
def class_import(request, pk):
    classroom = access.get_classroom_for_teacher(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = pupil_csv.import_pupils(classroom=classroom, data=form.cleaned_data["file"])
        except pupil_csv.PupilImportError as exc:
            problems = exc.problems
        else:
            context = {"classroom": classroom, "result": result}
            return render(request, "exam/class_import_result.html", context)
    context = {"classroom": classroom, "form": form, "problems": problems}
    status = 400 if request.method == "POST" else 200
    return render(request, "exam/class_import.html", context, status=status)


@teacher_required
@require_POST
def class_import_download(request, pk):
    """The new accounts' passwords as a CSV file, from the result page's own form.

    The passwords are never stored in plain text: the result page holds them once,
    and this view only turns what that page posts back into a file.
    """
    classroom = access.get_classroom_for_teacher(request, pk)
    rows = zip(
        request.POST.getlist("username"),
        request.POST.getlist("name"),
        request.POST.getlist("password"),
        strict=False,
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="class-{classroom.pk}-accounts.csv"'
    # A BOM and semicolons: what Dutch Excel opens without an import dialog.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("username"), _("name"), _("password")])
    for row in rows:
        writer.writerow([exports.safe_text(cell) for cell in row])
    return response


@teacher_required
def assignment_create(request, pk):
    classroom = access.get_classroom_for_teacher(request, pk)
    initial = {"exam": request.GET["exam"]} if request.GET.get("exam", "").isdigit() else {}
    form = AssignmentForm(request.POST or None, teacher=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = assignment_services.assign_exam(
                classroom=classroom, teacher=request.user, **form.cleaned_data
            )
        except class_services.ClassError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The exam is assigned to %s.") % classroom.name)
            return redirect("teacher:assignment-detail", pk=assignment.pk)
    return render(request, "exam/assignment_create.html", {"classroom": classroom, "form": form})


@teacher_required
def assignment_detail(request, pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    context = presenters.assignment_page(assignment)
    is_exam = assignment.mode == Assignment.Mode.EXAM
    context["extra_form"] = ExtraTimeForm(assignment=assignment) if is_exam else None
    return render(request, "exam/assignment_detail.html", context)


@teacher_required
@require_POST
def assignment_release(request, pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    if request.POST.get("action") == "withdraw":
        assignment_services.withdraw_results(assignment=assignment)
        messages.info(request, _("Results are hidden from the pupils again."))
    else:
        assignment_services.release_results(assignment=assignment)
        messages.success(request, _("Results released: pupils now see their scores and the model."))
    return redirect("teacher:assignment-detail", pk=assignment.pk)


@teacher_required
@require_POST
def assignment_extra_time(request, pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    form = ExtraTimeForm(request.POST, assignment=assignment)
    if not form.is_valid():
        messages.error(request, _("Choose a pupil of the class and 0 to 600 minutes."))
        return redirect("teacher:assignment-detail", pk=assignment.pk)
    try:
        assignment_services.set_extra_time(assignment=assignment, **form.cleaned_data)
    except class_services.ClassError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Extra time saved."))
    return redirect("teacher:assignment-detail", pk=assignment.pk)


def _read_aloud_message(pupil, enabled: bool) -> str:
    if pupil is None:
        if enabled:
            return _("Read-aloud is on for the whole class.")
        return _("Read-aloud is off for the whole class.")
    name = pupil.get_full_name() or pupil.username
    return (_("Read-aloud is on for %s.") if enabled else _("Read-aloud is off for %s.")) % name


@teacher_required
@require_POST
def assignment_read_aloud(request, pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    form = ReadAloudForm(request.POST, assignment=assignment)
    if not form.is_valid():
        messages.error(request, _("Choose a pupil of the class."))
        return redirect("teacher:assignment-detail", pk=assignment.pk)
    try:
        assignment_services.set_read_aloud(assignment=assignment, **form.cleaned_data)
    except class_services.ClassError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _read_aloud_message(form.cleaned_data["pupil"], form.cleaned_data["enabled"])
        )
    return redirect("teacher:assignment-detail", pk=assignment.pk)
