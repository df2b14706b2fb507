"""Every write a teacher makes to an exam: the exam itself, its texts, its questions.

Views call these functions with cleaned form data; nothing here reads a request.

Decisions worth knowing (docs/teachers.md says the same for teachers):

- **Checks against the booklet.** A question's references ("regel 120", "alinea 7")
  in its stem, model answer, explanation and answer-model elements, and its
  answer lines, must lie inside the question's text; the kind's scoring data must
  pass exam.scoring.validate_scoring. check_question returns the problems per
  field, so a form can show each where it belongs; add_question and
  update_question refuse data with problems.
- **Publishing** checks the whole exam (exam_problems) and lists every problem.
- **Regrading is never silent.** When a question with submitted answers changes in
  a way that can change scores (kind data, points, word limit, choices, text),
  update_question needs an explicit decision: REGRADE rescores every submitted
  answer and updates the attempts' totals and grades (exam/totals.py, the same
  service as every other score change); KEEP leaves every stored score as it is, and only answers submitted from then on are scored with the
  new version. Without a decision it raises RegradeDecisionNeeded with a summary
  of what regrading would change. A score a teacher set by hand (`scored_by`)
  is kept when regrading; it is only lowered to the new maximum if the maximum
  drops below it.
- **Questions with answers are not deleted**: that would silently change the
  totals of the attempts that answered them. Regrade them or copy the exam.
- **Deleting an exam with attempts** needs the number of attempts that will be
  lost as confirmation (`confirm_attempts`), so the teacher has seen it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import is_teacher
from exam.exam_data import find_references
from exam.models import Answer, Attempt, Choice, Exam, ExamText, Question
from exam.points import capped, counted_points
from exam.scoring import element_points, score_response, validate_scoring
from exam.totals import answer_points, attempt_scores, recompute_totals, self_points_count
from texts.models import Line, Paragraph, Text

MAX_TEXTS = 4
# Renumbering goes through numbers this far up, so the unique (exam, number)
# constraint, which PostgreSQL checks row by row, never sees two equal numbers.
RENUMBER_OFFSET = 10000

REGRADE = "regrade"
KEEP = "keep"


# ---------------------------------------------------------------------------
# Values passed in and out


@dataclass(frozen=True)
class ChoiceData:
    role: str
    label: str
    content: str


@dataclass(frozen=True)
class QuestionData:
    """A question as a form hands it over: everything except its exam and number."""

    kind: str
    text: Text
    stem: str
    max_points: int
    scoring: dict
    model_answer: str = ""
    explanation: str = ""
    answer_lines: str = ""
    word_limit: int | None = None
    choices: tuple[ChoiceData, ...] = ()


@dataclass(frozen=True)
class AnswerChange:
    pupil: str
    old_points: int
    new_points: int


@dataclass
class RegradeSummary:
    """What regrading a question's submitted answers would change."""

    answers: int = 0
    higher: int = 0
    lower: int = 0
    unchanged: int = 0
    # Answers a teacher scored by hand: their score stays.
    kept_manual: int = 0
    # Manual scores above a lowered maximum, brought down to it.
    capped_manual: int = 0
    attempts: int = 0
    attempts_changed: int = 0
    changes: list[AnswerChange] = field(default_factory=list)

    @property
    def changes_scores(self) -> bool:
        return bool(self.higher or self.lower or self.attempts_changed)


class RegradeDecisionNeeded(Exception):
    """The question has submitted answers and the change can alter their scores."""

    def __init__(self, summary: RegradeSummary) -> None:
        super().__init__(f"{summary.answers} answers")
        self.summary = summary


class ExamNotReady(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class ExamHasAttempts(Exception):
    """Deleting would remove attempts; confirm with their number."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} attempts")
        self.count = count


class QuestionHasAnswers(Exception):
    def __init__(self, count: int) -> None:
        super().__init__(f"{count} answers")
        self.count = count


# ---------------------------------------------------------------------------
# Line ranges ("85-91, 100")

_RANGE = re.compile(r"^(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?$")
_LINE_WORD = re.compile(r"^(?:regels?|r\.|lines?)\s*", re.IGNORECASE)


def parse_line_ranges(value: str) -> list[tuple[int, int]]:
    """Read "85-91, 100" as [(85, 91), (100, 100)]. Raises ValueError on anything else.

    >>> parse_line_ranges("regel 85-91, 100")
    [(85, 91), (100, 100)]
    """
    value = _LINE_WORD.sub("", value.strip())
    if not value:
        return []
    ranges = []
    for part in re.split(r"\s*(?:,|;|\ben\b)\s*", value):
        match = _RANGE.match(part.strip())
        if not match:
            raise ValueError(part)
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValueError(part)
        ranges.append((first, last))
    return ranges


def format_line_ranges(ranges: Iterable[tuple[int, int]]) -> str:
    """The canonical spelling: "85-91, 100"."""
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


def line_numbers(value: str) -> list[int]:
    """Every line number in an answer_lines value; [] when it cannot be read."""
    try:
        ranges = parse_line_ranges(value)
    except ValueError:
        return []
    return [n for first, last in ranges for n in range(first, last + 1)]


# ---------------------------------------------------------------------------
# Checks against the booklet


@dataclass(frozen=True)
class Booklet:
    """What the checks need of a stored text."""

    lines: tuple[tuple[int, str], ...]
    paragraph_count: int

    @property
    def line_count(self) -> int:
        return len(self.lines)


def booklet_facts(text: Text) -> Booklet:
    lines = tuple(Line.objects.filter(text=text).order_by("number").values_list("number", "plain"))
    return Booklet(lines=lines, paragraph_count=Paragraph.objects.filter(text=text).count())


def reference_problems(value: str, booklet: Booklet) -> list[str]:
    """Line and paragraph references in `value` that fall outside the text."""
    problems = []
    for ref in find_references(value):
        quoted = value[ref.start : ref.end].strip()
        if ref.kind == "line":
            if ref.last > booklet.line_count or ref.first < 1:
                problems.append(
                    _("“%(reference)s” is not in the text: it has %(count)s lines.")
                    % {"reference": quoted, "count": booklet.line_count}
                )
        elif ref.last > booklet.paragraph_count or ref.first < 1:
            problems.append(
                ngettext(
                    "“%(reference)s” is not in the text: it has %(count)s paragraph.",
                    "“%(reference)s” is not in the text: it has %(count)s paragraphs.",
                    booklet.paragraph_count,
                )
                % {"reference": quoted, "count": booklet.paragraph_count}
            )
        if ref.first > ref.last:
            problems.append(
                _("“%(reference)s” runs backwards: the first number must come first.")
                % {"reference": quoted}
            )
    return problems


def _choice_labels(choices: Iterable[ChoiceData]) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = defaultdict(list)
    for choice in choices:
        labels[choice.role].append(choice.label)
    return dict(labels)


def check_question(*, data: QuestionData, booklet: Booklet | None = None) -> dict[str, list[str]]:
    """Problems with a question, per field: {"stem": [...], "scoring": [...], ...}.

    Keys are the Question fields, "scoring" for the kind's scoring data, and
    "element:<i>" for the i-th answer-model element (from 0). Empty when fine.
    """
    booklet = booklet or booklet_facts(data.text)
    problems: dict[str, list[str]] = defaultdict(list)
    for name in ("stem", "model_answer", "explanation"):
        problems[name] += reference_problems(getattr(data, name) or "", booklet)
    for index, element in enumerate(data.scoring.get("elements") or []):
        if isinstance(element, dict):
            problems[f"element:{index}"] += reference_problems(
                str(element.get("text", "")), booklet
            )
    try:
        ranges = parse_line_ranges(data.answer_lines or "")
    except ValueError:
        problems["answer_lines"].append(_("Write the lines as 85-91, or several as 12, 14-16."))
    else:
        beyond = [b for _a, b in ranges if b > booklet.line_count]
        if beyond:
            problems["answer_lines"].append(
                _("Line %(line)s is not in the text: it has %(count)s lines.")
                % {"line": max(beyond), "count": booklet.line_count}
            )
    if data.max_points < 1:
        problems["max_points"].append(_("A question is worth at least 1 point."))
    if data.kind == Question.Kind.SUMMARY and not data.word_limit:
        problems["word_limit"].append(_("A summary needs a word limit."))
    problems["scoring"] += validate_scoring(
        kind=data.kind,
        scoring=data.scoring,
        max_points=data.max_points,
        labels=_choice_labels(data.choices),
        paragraph_count=booklet.paragraph_count,
        lines=list(booklet.lines),
    )
    return {key: value for key, value in problems.items() if value}


def _raise_problems(problems: dict[str, list[str]]) -> None:
    if problems:
        # Element problems belong to the scoring data as far as the model knows.
        merged: dict[str, list[str]] = defaultdict(list)
        for key, messages in problems.items():
            merged["scoring" if key.startswith("element:") else key] += messages
        raise ValidationError(dict(merged))


def question_data(question: Question) -> QuestionData:
    """A stored question as QuestionData (uses prefetched choices when present)."""
    return QuestionData(
        kind=question.kind,
        text=question.text,
        stem=question.stem,
        max_points=question.max_points,
        scoring=question.scoring or {},
        model_answer=question.model_answer,
        explanation=question.explanation,
        answer_lines=question.answer_lines,
        word_limit=question.word_limit,
        choices=tuple(
            ChoiceData(role=c.role, label=c.label, content=c.content)
            for c in question.choices.all()
        ),
    )


def exam_problems(exam: Exam) -> list[str]:
    """Everything that keeps the exam from being published, in reading order."""
    problems = []
    exam_texts = list(exam.exam_texts.select_related("text").order_by("position"))
    if not exam_texts:
        problems.append(_("Choose at least one text."))
    for exam_text in exam_texts:
        if not exam_text.text.is_published:
            problems.append(
                _("Text %(position)s (%(title)s) is not published.")
                % {"position": exam_text.position, "title": exam_text.text.title}
            )
    questions = list(
        exam.questions.select_related("text").prefetch_related("choices").order_by("number")
    )
    if not questions:
        problems.append(_("Add at least one question."))
    booklets: dict[int, Booklet] = {}
    linked = {exam_text.text_id for exam_text in exam_texts}
    for question in questions:
        if question.text_id not in booklets:
            booklets[question.text_id] = booklet_facts(question.text)
        found = check_question(data=question_data(question), booklet=booklets[question.text_id])
        if question.text_id not in linked:
            found.setdefault("text", []).append(_("Its text is not one of the exam's texts."))
        if question.kind in (Question.Kind.OPEN, Question.Kind.SUMMARY) and not (
            question.model_answer.strip() or question.scoring.get("elements")
        ):
            found.setdefault("model_answer", []).append(_("It has no model answer."))
        for messages in found.values():
            for message in messages:
                problems.append(
                    _("Question %(number)s: %(problem)s")
                    % {"number": question.number, "problem": message}
                )
    return problems


# ---------------------------------------------------------------------------
# Exams


def _published_texts(texts: Sequence[Text]) -> list[Text]:
    texts = list(texts)
    if not texts:
        raise ValidationError({"texts": _("Choose at least one text.")})
    if len(texts) > MAX_TEXTS:
        raise ValidationError({"texts": _("An exam has at most four texts.")})
    if len({t.pk for t in texts}) != len(texts):
        raise ValidationError({"texts": _("Each text can be in the exam only once.")})
    if any(not t.is_published for t in texts):
        raise ValidationError({"texts": _("Only published texts can be used.")})
    return texts


def _set_texts(exam: Exam, texts: list[Text]) -> None:
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
        ExamText(exam=exam, text=text, position=position)
        for position, text in enumerate(texts, start=1)
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
) -> Exam:
    """A new, unpublished exam on the given texts, in that order (Tekst 1..n).

    Pupils practise it only through assignments unless practice_visibility says
    "open" (exam/visibility.py).
    """
    texts = _published_texts(texts)
    exam = Exam(
        title=title.strip(),
        level=level,
        n_term=n_term,
        year=year,
        tijdvak=tijdvak,
        practice_visibility=practice_visibility or Exam.PracticeVisibility.ASSIGNED,
        author=author,
        is_published=False,
    )
    exam.full_clean()
    exam.save()
    _set_texts(exam, texts)
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
) -> Exam:
    """Change the exam's details and its texts; a text with questions cannot be dropped.

    Stored grades are not recomputed when the N-term changes: earlier results stay
    as they were given.
    """
    texts = _published_texts(texts)
    current = [et.text_id for et in ExamText.objects.filter(exam=exam).order_by("position")]
    exam.title = title.strip()
    exam.level = level
    exam.n_term = n_term
    exam.year = year
    exam.tijdvak = tijdvak
    if practice_visibility is not None:
        exam.practice_visibility = practice_visibility
    exam.full_clean()
    exam.save()
    if current != [t.pk for t in texts]:
        _set_texts(exam, texts)
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
        author=user,
        is_published=False,
    )
    copy.full_clean()
    copy.save()
    ExamText.objects.bulk_create(
        ExamText(exam=copy, text_id=et.text_id, position=et.position)
        for et in exam.exam_texts.order_by("position")
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


@transaction.atomic
def publish_exam(*, exam: Exam) -> Exam:
    """Publish after checking the whole exam; ExamNotReady lists every problem."""
    problems = exam_problems(exam)
    if problems:
        raise ExamNotReady(problems)
    exam.is_published = True
    exam.save(update_fields=["is_published", "updated_at"])
    return exam


def unpublish_exam(*, exam: Exam) -> Exam:
    """Take the exam back: existing attempts and results stay."""
    exam.is_published = False
    exam.save(update_fields=["is_published", "updated_at"])
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


# ---------------------------------------------------------------------------
# Questions


def _save_choices(question: Question, choices: Sequence[ChoiceData]) -> None:
    question.choices.all().delete()
    positions: dict[str, int] = defaultdict(int)
    rows = []
    for choice in choices:
        rows.append(
            Choice(
                question=question,
                role=choice.role,
                label=choice.label,
                content=choice.content,
                position=positions[choice.role],
            )
        )
        positions[choice.role] += 1
    for row in rows:
        row.full_clean(exclude=["question"], validate_unique=False, validate_constraints=False)
    Choice.objects.bulk_create(rows)


def _apply(question: Question, data: QuestionData) -> None:
    question.kind = data.kind
    question.text = data.text
    question.stem = data.stem.strip()
    question.max_points = data.max_points
    question.scoring = data.scoring
    question.model_answer = data.model_answer.strip()
    question.explanation = data.explanation.strip()
    question.answer_lines = data.answer_lines.strip()
    question.word_limit = data.word_limit if data.kind == Question.Kind.SUMMARY else None


def _check_text_in_exam(exam: Exam, text: Text) -> None:
    if not ExamText.objects.filter(exam=exam, text=text).exists():
        raise ValidationError({"text": _("Choose one of the exam's texts.")})


@transaction.atomic
def add_question(*, exam: Exam, data: QuestionData) -> Question:
    """Append a question to the exam (its number is the next one)."""
    _check_text_in_exam(exam, data.text)
    _raise_problems(check_question(data=data))
    # Lock the exam row: two teachers adding at once must not take the same number.
    Exam.objects.select_for_update().filter(pk=exam.pk).exists()
    last = exam.questions.aggregate(last=Max("number"))["last"] or 0
    question = Question(exam=exam, number=last + 1)
    _apply(question, data)
    question.full_clean()
    question.save()
    _save_choices(question, data.choices)
    return question


def _scoring_inputs(data: QuestionData) -> tuple:
    return (
        data.kind,
        data.text.pk,
        data.scoring,
        data.max_points,
        data.word_limit,
        sorted((c.role, c.label) for c in data.choices),
    )


def _submitted_answers(question: Question):
    return list(
        Answer.objects.filter(question=question, attempt__submitted_at__isnull=False)
        .select_related("attempt__pupil", "attempt__assignment", "question")
        .order_by("attempt__pupil__username", "pk")
    )


@dataclass
class _Rescored:
    answer: Answer
    old_counted: int
    fields: dict


def _rescore(answers: list[Answer], data: QuestionData, booklet: Booklet) -> list[_Rescored]:
    """The new scoring fields of each answer, following exam.services' rules."""
    result = []
    for answer in answers:
        score = score_response(
            kind=data.kind,
            scoring=data.scoring,
            max_points=data.max_points,
            response=answer.response,
            lines=list(booklet.lines),
            word_limit=data.word_limit,
        )
        fields = {
            "auto_points": score.points,
            "feedback": {"codes": list(score.feedback), "details": dict(score.details)},
        }
        if answer.scored_by_id is not None:
            # A teacher's score stands; only a lower maximum can bring it down.
            fields["final_points"] = min(answer.final_points or 0, data.max_points)
        else:
            fields["needs_review"] = score.needs_review
            fields["final_points"] = None if score.needs_review else score.points
        if answer.self_elements:
            elements = data.scoring.get("elements") or []
            if all(isinstance(i, int) and 0 <= i < len(elements) for i in answer.self_elements):
                fields["self_points"] = element_points(
                    scoring=data.scoring,
                    elements=list(answer.self_elements),
                    max_points=data.max_points,
                )
            else:
                # The elements the pupil ticked no longer exist: the self-score lapses.
                fields["self_elements"] = []
                fields["self_points"] = None
        self_counts = self_points_count(answer.attempt)
        result.append(_Rescored(answer, answer_points(answer, self_counts=self_counts), fields))
    return result


def _plan_regrade(question: Question, data: QuestionData, booklet: Booklet):
    answers = _submitted_answers(question)
    rescored = _rescore(answers, data, booklet)
    summary = RegradeSummary(answers=len(answers))
    for item in rescored:
        new = capped(
            counted_points(
                final_points=item.fields["final_points"],
                self_points=item.fields.get("self_points", item.answer.self_points),
                auto_points=item.fields["auto_points"],
                self_counts=self_points_count(item.answer.attempt),
            ),
            data.max_points,
        )
        if item.answer.scored_by_id is not None:
            summary.kept_manual += 1
            if item.fields["final_points"] != item.answer.final_points:
                summary.capped_manual += 1
        if new > item.old_counted:
            summary.higher += 1
        elif new < item.old_counted:
            summary.lower += 1
        else:
            summary.unchanged += 1
        if new != item.old_counted:
            pupil = item.answer.attempt.pupil
            summary.changes.append(
                AnswerChange(
                    pupil=pupil.get_full_name() or pupil.username,
                    old_points=item.old_counted,
                    new_points=new,
                )
            )
    attempts = {item.answer.attempt_id: item.answer.attempt for item in rescored}
    changes = {item.answer.pk: {**item.fields, "max_points": data.max_points} for item in rescored}
    scores = attempt_scores(attempts, changes=changes)
    updated_attempts = [
        attempt
        for attempt_id, attempt in attempts.items()
        if (attempt.total_points, attempt.grade)
        != (scores[attempt_id].total, scores[attempt_id].grade)
    ]
    summary.attempts = len(attempts)
    summary.attempts_changed = len(updated_attempts)
    return summary, rescored, list(attempts.values())


def regrade_summary(*, question: Question, data: QuestionData) -> RegradeSummary:
    """What regrading the question's submitted answers with `data` would change."""
    summary, _rescored, _attempts = _plan_regrade(question, data, booklet_facts(data.text))
    return summary


def _apply_regrade(rescored: list[_Rescored]) -> None:
    by_fields: dict[tuple[str, ...], list[Answer]] = defaultdict(list)
    for item in rescored:
        for name, value in item.fields.items():
            setattr(item.answer, name, value)
        by_fields[tuple(sorted(item.fields))].append(item.answer)
    for names, answers in by_fields.items():
        Answer.objects.bulk_update(answers, list(names))


@transaction.atomic
def update_question(
    *, question: Question, data: QuestionData, regrade: str | None = None
) -> RegradeSummary | None:
    """Change a question. Returns the summary of a regrade that was applied, else None.

    With submitted answers and a change that can alter scores, `regrade` must be
    REGRADE or KEEP (see the module docstring); otherwise RegradeDecisionNeeded.
    """
    # Compare with the stored row, not the instance: a ModelForm has already
    # written the new values onto the instance it was given.
    stored = (
        Question.objects.select_for_update()
        .select_related("exam", "text")
        .prefetch_related("choices")
        .get(pk=question.pk)
    )
    if data.kind != stored.kind:
        raise ValidationError({"kind": _("The kind of a question cannot change.")})
    _check_text_in_exam(stored.exam, data.text)
    booklet = booklet_facts(data.text)
    _raise_problems(check_question(data=data, booklet=booklet))
    applied = None
    changed = _scoring_inputs(data) != _scoring_inputs(question_data(stored))
    if (
        changed
        and Answer.objects.filter(question=stored, attempt__submitted_at__isnull=False).exists()
    ):
        if regrade not in (REGRADE, KEEP):
            raise RegradeDecisionNeeded(regrade_summary(question=stored, data=data))
        if regrade == REGRADE:
            applied, rescored, attempts = _plan_regrade(stored, data, booklet)
            _apply_regrade(rescored)
    _apply(stored, data)
    stored.full_clean()
    stored.save()
    _save_choices(stored, data.choices)
    if applied is not None:
        # After the question is saved: the totals count its new maximum.
        recompute_totals(attempts=attempts)
    return applied


@transaction.atomic
def reorder_questions(*, exam: Exam, question_ids: Sequence[int]) -> None:
    """Number the exam's questions 1..n in the given order (every question once)."""
    questions = {q.pk: q for q in Question.objects.select_for_update().filter(exam=exam)}
    if sorted(question_ids) != sorted(questions):
        raise ValidationError(_("The new order must hold every question once."))
    _renumber([questions[pk] for pk in question_ids])


def _renumber(ordered: list[Question]) -> None:
    # Two steps so no two rows ever share a number (see RENUMBER_OFFSET).
    for question in ordered:
        question.number += RENUMBER_OFFSET
    Question.objects.bulk_update(ordered, ["number"])
    for number, question in enumerate(ordered, start=1):
        question.number = number
    Question.objects.bulk_update(ordered, ["number"])


@transaction.atomic
def move_question(*, question: Question, direction: str) -> None:
    """Swap the question with the one above ("up") or below ("down"); no-op at the ends."""
    ordered = list(
        Question.objects.select_for_update().filter(exam_id=question.exam_id).order_by("number")
    )
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered)


@transaction.atomic
def delete_question(*, question: Question) -> None:
    """Delete a question without answers and close the gap in the numbering."""
    count = Answer.objects.filter(question=question).count()
    if count:
        raise QuestionHasAnswers(count)
    exam = question.exam
    question.delete()
    _renumber(list(Question.objects.select_for_update().filter(exam=exam).order_by("number")))
