"""The teacher's import of an exam from the exam board's papers (issue 12): the
"Examen importeren" form, the review report of the new draft, and confirming an
imported question.

The import itself is exam.papers.importing.import_papers, looked up when the form is
sent (`_import_papers`), so tests can put a fake in its place. Its signature:
import_papers(*, question_pdf: bytes | str, scheme_pdf: bytes | str | None,
texts: list[Text], author, title: str, text_booklet: bytes | None) -> (Exam, report),
the draft stored with its report and every question waiting for confirmation; a
wrong paper raises an error whose message is Dutch and is shown on the form.

The text booklet in the same upload is offered to admins only (who also teach): only
admins upload texts (texts/views.py), and a booklet's texts are published for every
teacher to use. A teacher without admin rights chooses texts already imported.
"""

from __future__ import annotations

import importlib
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_admin, teacher_required
from exam import authoring
from exam.access import get_exam_for_teacher, get_question_for_teacher
from exam.authoring.forms.importing import IMPORT_TEXT_ROWS, ImportExamForm
from exam.presenters.importing import import_report_context

logger = logging.getLogger(__name__)

IMPORTER_MODULE = "exam.papers.importing"


def _import_papers():
    """exam.papers.importing.import_papers, looked up at call time (sys.modules
    first, so a test's fake module takes its place)."""
    return importlib.import_module(IMPORTER_MODULE).import_papers


def _refusal_message(exc: Exception) -> str:
    # The papers' importer words its refusals in Dutch (exam/papers/messages.py).
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    problems = getattr(exc, "problems", None)
    if problems:
        return " ".join(str(p) for p in problems)
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("The papers could not be read.")


@teacher_required
def exam_import(request):
    form = ImportExamForm(
        request.POST or None, request.FILES or None, may_upload_texts=is_admin(request.user)
    )
    files_lost = False
    if request.method == "POST":
        files_lost = any(
            request.FILES.get(name) for name in ("booklet_file", "scheme_file", "text_booklet_file")
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                import_papers = _import_papers()
                # All or nothing: the booklet's texts, the draft, its report.
                with transaction.atomic():
                    exam, _report = import_papers(
                        question_pdf=data["booklet"],
                        scheme_pdf=data["scheme"],
                        texts=data["texts"],
                        author=request.user,
                        title=data["title"].strip(),
                        text_booklet=data["text_booklet"],
                    )
            except ImportError:
                logger.exception("The exam importer is missing")
                form.add_error(None, _("Importing exams is not available on this server."))
            except (ValueError, ValidationError) as exc:
                form.add_error(None, _refusal_message(exc))
            except Exception:
                # Never a 500 for a paper: the teacher's input stays on the form.
                logger.exception("Importing an exam failed")
                form.add_error(
                    None,
                    _(
                        "These papers could not be read. Check that they are the question "
                        "booklet and marking scheme of a central exam Nederlands, or paste "
                        "their text."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "The exam is imported as a draft. Check every question: it can be "
                        "published once each question is confirmed."
                    ),
                )
                return redirect("teacher:exam-import-report", pk=exam.pk)
    context = {"form": form, "files_lost": files_lost, "text_rows": IMPORT_TEXT_ROWS}
    return render(request, "exam/authoring_exam_import.html", context)


@teacher_required
def import_report(request, pk):
    exam = get_exam_for_teacher(request, pk)
    return render(request, "exam/authoring_import_report.html", import_report_context(exam))


@teacher_required
@require_POST
def question_confirm(request, pk, question_pk):
    question = get_question_for_teacher(request, pk, question_pk)
    authoring.confirm_question(question=question)
    messages.success(request, _("Question %(number)s is confirmed.") % {"number": question.number})
    return redirect("teacher:exam-import-report", pk=question.exam_id)
