"""Shared contexts ("Lees bij de volgende vragen eerst ..."): a text the pupil reads
with each question of a range. Two contexts of an exam never share a question.

Views call these with cleaned form data (exam/authoring/forms/exam.py); every change
bumps the exam's content version (content_changed), as every authoring write does.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from exam.authoring.services import content_changed
from exam.models import Exam, SharedContext


def _check_context(
    *, exam: Exam, first_number: int, last_number: int, body: str, pk: int | None = None
) -> None:
    """ValidationError (per field) unless the range names existing questions that no
    other context of the exam holds, and the body says something."""
    errors: dict[str, str] = {}
    count = exam.questions.count()
    if not body.strip():
        errors["body"] = _("Write the context the pupil reads first.")
    if first_number < 1:
        errors["first_number"] = _("Questions are numbered from 1.")
    elif last_number < first_number:
        errors["last_number"] = _("The last question cannot come before the first.")
    elif last_number > count:
        errors["last_number"] = _(
            "The exam has %(count)s questions; there is no question %(number)s."
        ) % {"count": count, "number": last_number}
    else:
        other = (
            exam.contexts.exclude(pk=pk)
            .filter(first_number__lte=last_number, last_number__gte=first_number)
            .first()
        )
        if other is not None:
            errors["first_number"] = _(
                "Questions %(first)s to %(last)s already share a context; "
                "a question has at most one."
            ) % {"first": other.first_number, "last": other.last_number}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_context(*, exam: Exam, first_number: int, last_number: int, body: str) -> SharedContext:
    """A context the pupil reads with each of questions first_number..last_number."""
    _check_context(exam=exam, first_number=first_number, last_number=last_number, body=body)
    context = SharedContext.objects.create(
        exam=exam, first_number=first_number, last_number=last_number, body=body.strip()
    )
    content_changed(exam)
    return context


@transaction.atomic
def update_context(
    *, context: SharedContext, first_number: int, last_number: int, body: str
) -> SharedContext:
    _check_context(
        exam=context.exam,
        first_number=first_number,
        last_number=last_number,
        body=body,
        pk=context.pk,
    )
    context.first_number, context.last_number = first_number, last_number
    context.body = body.strip()
    context.save()
    content_changed(context.exam_id)
    return context


@transaction.atomic
def delete_context(*, context: SharedContext) -> None:
    exam_id = context.exam_id
    context.delete()
    content_changed(exam_id)
