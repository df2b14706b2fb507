"""Every write a teacher makes to an exam itself: details, texts, copies, publishing,
co-authors. Questions are written by exam/authoring/questions.py, shared contexts by
exam/authoring/contexts.py, an import's review by exam/authoring/import_review.py.

Views call these functions with cleaned form data; nothing here reads a request.
Decisions worth knowing (docs/teachers.md says the same for teachers):

- **Publishing** checks the whole exam (exam/authoring/checks.py, exam_problems)
  and lists every problem.
- **Imported questions** (exam/authoring/import_review.py) need the teacher's
  confirmation: saving the question or confirm_question. Publishing refuses an exam
  with unconfirmed questions and names them (publish_problems).
- **Deleting an exam with attempts** needs the number of attempts that will be
  lost as confirmation (`confirm_attempts`), so the teacher has seen it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import is_teacher
from exam.authoring.checks import exam_problems
from exam.models import Attempt, Choice, Exam, ExamText, Question, SharedContext
from texts.models import Text

# The central exams hold up to six texts; twelve leaves room and keeps the form short.
MAX_TEXTS = 12
# The longest exam a teacher can set (minutes); the central exams last 150.
MAX_DURATION = 600


# ---------------------------------------------------------------------------
# Errors


class ExamNotReady(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class ExamHasAttempts(Exception):
    """Deleting would remove attempts; confirm with their number."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} attempts")
        self.count = count


# ---------------------------------------------------------------------------
# What pupils see


def content_changed(exam: Exam | int) -> None:
    """What pupils see of the exam changed (its texts, its title, a question, a choice,
    the order, publishing): Exam.content_version goes up by one.

    The one helper every authoring service calls after such a change, in its
    transaction. The version is part of the key of every cached exam page
    (exam/presenters/exam_page.py), so the next page on any worker or server shows
    the change, and no cache needs to be told. A published text never changes (texts/
    services.py only creates, publishes and deletes texts; one in an exam cannot be
    deleted), so the texts app has nothing to bump.
    """
    exam_id = exam if isinstance(exam, int) else exam.pk
    Exam.objects.filter(pk=exam_id).update(content_version=F("content_version") + 1)


# Exams


def _published_texts(texts: Sequence[Text]) -> list[Text]:
    texts = list(texts)
    if not texts:
        raise ValidationError({"texts": _("Choose at least one text.")})
    if len(texts) > MAX_TEXTS:
        raise ValidationError(
            {"texts": _("An exam has at most %(count)s texts.") % {"count": MAX_TEXTS}}
        )
    if len({t.pk for t in texts}) != len(texts):
        raise ValidationError({"texts": _("Each text can be in the exam only once.")})
    if any(not t.is_published for t in texts):
        raise ValidationError({"texts": _("Only published texts can be used.")})
    return texts


def _intros(texts: list[Text], intros: Sequence[str] | None) -> list[str]:
    """One introduction per text ("" for none), stripped."""
    intros = [str(intro or "").strip() for intro in (intros or [])]
    if len(intros) > len(texts):
        raise ValidationError({"texts": _("An introduction needs its text.")})
    return intros + [""] * (len(texts) - len(intros))


def _set_texts(exam: Exam, texts: list[Text], intros: list[str]) -> None:
    """Store the exam's texts in this order (Tekst 1..n) with their introductions.

    A text that still has questions cannot be left out: ValidationError naming it.
    """
    in_use = set(exam.questions.values_list("text_id", flat=True))
    dropped = in_use - {t.pk for t in texts}
    if dropped:
        titles = ", ".join(
            sorted(Text.objects.filter(pk__in=dropped).values_list("title", flat=True))
        )
        raise ValidationError(
            {
                "texts": _(
                    "These texts still have questions; delete or move those first: %(titles)s"
                )
                % {"titles": titles}
            }
        )
    ExamText.objects.filter(exam=exam).delete()
    ExamText.objects.bulk_create(
        ExamText(exam=exam, text=text, position=position, intro=intro)
        for position, (text, intro) in enumerate(zip(texts, intros, strict=True), start=1)
    )


@transaction.atomic
def create_exam(
    *,
    author,
    title: str,
    texts: Sequence[Text],
    level: str = Exam.Level.HAVO,
    n_term: Decimal = Decimal("1.0"),
    year: int | None = None,
    tijdvak: int | None = None,
    practice_visibility: str | None = None,
    intros: Sequence[str] | None = None,
    duration_minutes: int | None = None,
) -> Exam:
    """A new, unpublished exam on the given texts, in that order (Tekst 1..n).

    Pupils practise it only through assignments unless practice_visibility says
    "open" (exam/visibility.py).
    """
    texts = _published_texts(texts)
    intros = _intros(texts, intros)
    exam = Exam(
        title=title.strip(),
        level=level,
        n_term=n_term,
        year=year,
        tijdvak=tijdvak,
        duration_minutes=duration_minutes,
        practice_visibility=practice_visibility or Exam.PracticeVisibility.ASSIGNED,
        author=author,
        is_published=False,
    )
    exam.full_clean()
    exam.save()
    _set_texts(exam, texts, intros)
    return exam


@transaction.atomic
def update_exam(
    *,
    exam: Exam,
    title: str,
    texts: Sequence[Text],
    level: str,
    n_term: Decimal,
    year: int | None = None,
    tijdvak: int | None = None,
    practice_visibility: str | None = None,
    intros: Sequence[str] | None = None,
    duration_minutes: int | None = None,
) -> Exam:
    """Change the exam's details, its texts and their introductions; a text with
    questions cannot be dropped.

    Stored grades are not recomputed when the N-term changes: earlier results stay
    as they were given.
    """
    texts = _published_texts(texts)
    current = list(
        ExamText.objects.filter(exam=exam).order_by("position").values_list("text_id", "intro")
    )
    if intros is None:
        # Not given (an older caller): every text that stays keeps its introduction.
        kept = dict(current)
        intros = [kept.get(t.pk, "") for t in texts]
    intros = _intros(texts, intros)
    exam.title = title.strip()
    exam.duration_minutes = duration_minutes
    exam.level = level
    exam.n_term = n_term
    exam.year = year
    exam.tijdvak = tijdvak
    if practice_visibility is not None:
        exam.practice_visibility = practice_visibility
    exam.full_clean()
    exam.save()
    if current != [(t.pk, intro) for t, intro in zip(texts, intros, strict=True)]:
        _set_texts(exam, texts, intros)
    content_changed(exam)
    return exam


@transaction.atomic
def copy_exam(*, exam: Exam, user) -> Exam:
    """An unpublished copy with every text, question and choice, owned by `user`."""
    title = _("Copy of %(title)s") % {"title": exam.title}
    copy = Exam(
        title=title[:200],
        level=exam.level,
        year=exam.year,
        tijdvak=exam.tijdvak,
        n_term=exam.n_term,
        duration_minutes=exam.duration_minutes,
        author=user,
        is_published=False,
    )
    copy.full_clean()
    copy.save()
    ExamText.objects.bulk_create(
        ExamText(exam=copy, text_id=et.text_id, position=et.position, intro=et.intro)
        for et in exam.exam_texts.order_by("position")
    )
    SharedContext.objects.bulk_create(
        SharedContext(
            exam=copy, first_number=c.first_number, last_number=c.last_number, body=c.body
        )
        for c in exam.contexts.all()
    )
    originals = list(exam.questions.prefetch_related("choices").order_by("number"))
    copies = Question.objects.bulk_create(
        Question(
            exam=copy,
            number=q.number,
            text_id=q.text_id,
            kind=q.kind,
            stem=q.stem,
            max_points=q.max_points,
            model_answer=q.model_answer,
            scoring=q.scoring,
            explanation=q.explanation,
            answer_lines=q.answer_lines,
            word_limit=q.word_limit,
            needs_confirmation=q.needs_confirmation,
        )
        for q in originals
    )
    Choice.objects.bulk_create(
        Choice(
            question=new,
            role=c.role,
            label=c.label,
            content=c.content,
            position=c.position,
        )
        for old, new in zip(originals, copies, strict=True)
        for c in old.choices.all()
    )
    return copy


@transaction.atomic
def delete_exam(*, exam: Exam, confirm_attempts: int | None = None) -> None:
    """Delete the exam, its questions and assignments.

    With attempts, pupils' work is lost with it: the caller must pass their number
    as `confirm_attempts` (what the teacher was shown), else ExamHasAttempts.
    """
    count = Attempt.objects.filter(exam=exam).count()
    if count and confirm_attempts != count:
        raise ExamHasAttempts(count)
    exam.delete()


def unconfirmed_numbers(exam: Exam) -> list[int]:
    """The numbers of the exam's imported questions no teacher has confirmed yet."""
    return list(
        exam.questions.filter(needs_confirmation=True)
        .order_by("number")
        .values_list("number", flat=True)
    )


def publish_problems(exam: Exam) -> list[str]:
    """Everything that stops the exam from being published: exam_problems, and the
    imported questions that are not confirmed yet (one message naming them)."""
    problems = exam_problems(exam)
    numbers = unconfirmed_numbers(exam)
    if numbers:
        problems.append(
            ngettext(
                "Imported question %(numbers)s is not confirmed yet: open it, check it "
                "against the papers and save or confirm it.",
                "Imported questions %(numbers)s are not confirmed yet: open each, check "
                "it against the papers and save or confirm it.",
                len(numbers),
            )
            % {"numbers": ", ".join(str(n) for n in numbers)}
        )
    return problems


@transaction.atomic
def publish_exam(*, exam: Exam) -> Exam:
    """Publish after checking the whole exam; ExamNotReady lists every problem."""
    problems = publish_problems(exam)
    if problems:
        raise ExamNotReady(problems)
    exam.is_published = True
    exam.save(update_fields=["is_published", "updated_at"])
    content_changed(exam)
    return exam


def unpublish_exam(*, exam: Exam) -> Exam:
    """Take the exam back: existing attempts and results stay."""
    exam.is_published = False
    exam.save(update_fields=["is_published", "updated_at"])
    content_changed(exam)
    return exam


@transaction.atomic
def add_co_author(*, exam: Exam, username: str):
    """Share the exam with a colleague; returns the colleague."""
    user = get_user_model().objects.filter(username__iexact=username.strip()).first()
    if user is None or not is_teacher(user):
        raise ValidationError({"username": _("There is no teacher with this username.")})
    if user.pk == exam.author_id:
        raise ValidationError({"username": _("This is the exam's author.")})
    exam.co_authors.add(user)
    return user


def remove_co_author(*, exam: Exam, user) -> None:
    exam.co_authors.remove(user)
