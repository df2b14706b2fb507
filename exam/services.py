"""Every write of a pupil's attempt: start it, save answers, submit it, self-score.

Open and summary answers keep `final_points = None` after submitting: their automatic
score is a proposal (the answer model's rule that an answer "by analogy" may earn
points is a marker's decision). Which points count towards the total, and how the
total becomes a grade, is exam/points.py; exam/totals.py recomputes an attempt's total
after every change here. In practice a pupil's self-score counts until a teacher
scores the answer, so a pupil sees a grade at once; the result page labels such a
total as provisional. In exam mode a self-score never changes the total.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from exam.assignments.rules import AssignmentRuleError, check_can_save
from exam.models import Answer, Attempt, Exam, Question
from exam.scoring import (
    LABELLED_KINDS,
    ResponseError,
    clean_response,
    score_response,
    ticked_points,
)
from exam.totals import recompute_totals
from exam.visibility import (
    ExamLocked,
    check_can_hand_in,
    practice_attempt_refusal,
    practice_refusal,
)
from texts.models import Line, Paragraph

__all__ = [
    "AttemptClosed",
    "ExamLocked",
    "ResponseError",
    "SelfScoreError",
    "StaleRevision",
    "TimeUp",
    "save_answer",
    "self_score",
    "start_attempt",
    "submit_attempt",
]

SELF_SCORED_KINDS = frozenset({Question.Kind.OPEN, Question.Kind.SUMMARY, Question.Kind.PARTS})
ANSWER_SCORE_FIELDS = ["auto_points", "final_points", "needs_review", "feedback"]


class AttemptClosed(Exception):
    """The attempt has been handed in: its answers can no longer change."""


class TimeUp(AttemptClosed):
    """An exam-mode attempt's deadline (with its grace for saves in flight) has passed."""


class StaleRevision(Exception):
    """A save older than the stored answer arrived late; it was ignored.

    `answer` is the stored (newer) answer, so the caller can tell the browser which
    revision the server holds.
    """

    def __init__(self, answer: Answer) -> None:
        super().__init__(f"revision {answer.revision} is newer")
        self.answer = answer


class SelfScoreError(ValueError):
    """A self-score that cannot be accepted; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _ensure_open(attempt: Attempt) -> None:
    """The one place where saving asks whether the attempt may still change.

    Exam mode: the server's deadline (time limit + extra time, window close) counts,
    with a short grace for saves already in flight (exam/assignments/rules.py). Handing in
    stays allowed after it, so an attempt can always be closed.
    """
    if attempt.submitted_at is not None:
        raise AttemptClosed(attempt.pk)
    try:
        check_can_save(attempt=attempt, now=timezone.now())
    except AssignmentRuleError as error:
        raise TimeUp(attempt.pk) from error


@transaction.atomic
def start_attempt(*, pupil, exam: Exam) -> Attempt:
    """The pupil's open attempt at the exam: the existing one, or a new one.

    Idempotent: starting twice (a double click, a second tab) resumes the same
    attempt. After a submit, starting again begins a fresh attempt (practice).
    Raises ExamLocked (with a code) when exam/visibility.py forbids practice now.
    """
    # Lock the pupil's row so two simultaneous starts cannot both create an attempt.
    get_user_model().objects.select_for_update().filter(pk=pupil.pk).exists()
    attempt = (
        Attempt.objects.filter(pupil=pupil, exam=exam, submitted_at__isnull=True)
        .order_by("pk")
        .first()
    )
    if attempt is not None:
        refusal = practice_attempt_refusal(attempt)
        if refusal:
            raise ExamLocked(refusal)
        return attempt
    # Assignment attempts (with their window and deadline) start in
    # exam.classes.start_assignment_attempt; this is free practice.
    refusal = practice_refusal(exam=exam, pupil=pupil)
    if refusal:
        raise ExamLocked(refusal)
    attempt = Attempt(pupil=pupil, exam=exam)
    attempt.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        # A simultaneous start won the race (the attempt_one_open constraint): resume it.
        return Attempt.objects.get(
            pupil=pupil, exam=exam, assignment__isnull=True, submitted_at__isnull=True
        )
    return attempt


def choice_labels(question: Question) -> dict[str, list[str]]:
    """The labels a pupil can choose from, per role: {"option": ["A", "B", ...]}."""
    labels: dict[str, list[str]] = defaultdict(list)
    for role, label in question.choices.order_by("role", "position").values_list("role", "label"):
        labels[role].append(label)
    return dict(labels)


# What saving an answer writes; it reads these and the keys, nothing else.
SAVED_FIELDS = ("response", "revision", "saved_at")

# One statement stores the answer and applies the revision rule: a new answer is
# inserted; a stored one is overwritten only when the posted revision is not older
# (without a revision, the stored one goes up by one). RETURNING gives a row only
# when something was written, so no row means "stale". SQLite (3.35+) and PostgreSQL
# both speak this; the other columns of a new answer get their model defaults.
_UPSERT_SQL = (
    "INSERT INTO {table} ({columns}) VALUES ({values})"
    " ON CONFLICT (attempt_id, question_id) DO UPDATE SET"
    " response = excluded.response, saved_at = excluded.saved_at, {set_revision}"
    " RETURNING id, revision"
)
_SET_REVISION = "revision = excluded.revision WHERE excluded.revision >= {table}.revision"
_NEXT_REVISION = "revision = {table}.revision + 1"
_NEW_ANSWER_DEFAULTS = ("needs_review", "self_elements", "feedback", "override_reason")


def _store_answer(*, attempt: Attempt, question: Question, response, revision: int | None):
    """Upsert the answer under the revision rule; the Answer, or StaleRevision."""
    table = connection.ops.quote_name(Answer._meta.db_table)
    now = timezone.now()
    fields = {
        "attempt_id": attempt.pk,
        "question_id": question.pk,
        "response": response,
        "revision": revision if revision is not None else 1,
        "saved_at": now,
    }
    for name in _NEW_ANSWER_DEFAULTS:
        fields[name] = Answer._meta.get_field(name).get_default()
    params = [
        Answer._meta.get_field(name).get_db_prep_save(value, connection)
        for name, value in fields.items()
    ]
    set_revision = _SET_REVISION if revision is not None else _NEXT_REVISION
    sql = _UPSERT_SQL.format(
        table=table,
        columns=", ".join(connection.ops.quote_name(column) for column in fields),
        values=", ".join(["%s"] * len(fields)),
        set_revision=set_revision.format(table=table),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        # A newer answer is stored: tell the caller which (read only on this rare path).
        raise StaleRevision(
            Answer.objects.only("attempt", "question", *SAVED_FIELDS).get(
                attempt_id=attempt.pk, question_id=question.pk
            )
        )
    # As if read with .only(): the columns not written here load when asked for.
    # (from_db takes the values in the model's field order.)
    return Answer.from_db(
        connection.alias,
        ["id", "attempt_id", "question_id", "response", "saved_at", "revision"],
        [row[0], attempt.pk, question.pk, response, now, row[1]],
    )


def save_answer(
    *,
    attempt: Attempt,
    question: Question,
    value,
    revision: int | None = None,
    attempt_locked: bool = False,
):
    """Store the pupil's current answer to one question and return the Answer.

    `value` is the raw answer in the kind's response shape (see exam/scoring.py); it
    is cleaned first and an impossible answer raises ResponseError (nothing stored).
    `revision` is the browser's counter for this question: a save older than the
    stored one raises StaleRevision and changes nothing, so a save that arrives late
    never overwrites a newer answer. Without a revision the stored one goes up by one.
    Raises AttemptClosed once the attempt is handed in, TimeUp after its deadline.

    `attempt_locked=True`: the caller read `attempt` under its lock in the current
    transaction (exam.access.get_question_in_own_attempt(lock=True)), so it is not
    read again; the returned Answer then carries only what a save writes.
    """
    if question.exam_id != attempt.exam_id:
        raise ValueError("question belongs to another exam")
    if revision is not None and revision < 0:
        raise ValueError("a revision is never negative")
    paragraph_count = None
    if question.kind == Question.Kind.PARAGRAPH:
        paragraph_count = Paragraph.objects.filter(text_id=question.text_id).count()
    response = clean_response(
        kind=question.kind,
        value=value,
        labels=choice_labels(question) if question.kind in LABELLED_KINDS else {},
        paragraph_count=paragraph_count,
        word_limit=question.word_limit,
        scoring=question.scoring,
    )
    if attempt_locked:
        if not connection.in_atomic_block:
            raise RuntimeError("attempt_locked needs the transaction the lock was taken in")
        _ensure_open(attempt)
        return _store_answer(
            attempt=attempt, question=question, response=response, revision=revision
        )
    with transaction.atomic():
        # Re-read under a lock: a submit in another request must win or wait.
        locked = (
            Attempt.objects.select_for_update()
            .only("pupil_id", "exam_id", "assignment_id", "deadline_at", "submitted_at")
            .get(pk=attempt.pk)
        )
        _ensure_open(locked)
        return _store_answer(
            attempt=locked, question=question, response=response, revision=revision
        )


def _lines_by_text(questions: Iterable[Question]) -> dict[int, list[tuple[int, str]]]:
    """The booklet lines the citation scorer needs, in one query."""
    text_ids = {q.text_id for q in questions if q.kind == Question.Kind.CITATION}
    lines: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if text_ids:
        rows = (
            Line.objects.filter(text_id__in=text_ids)
            .order_by("text_id", "number")
            .values_list("text_id", "number", "plain")
        )
        for text_id, number, plain in rows:
            lines[text_id].append((number, plain))
    return lines


@transaction.atomic
def submit_attempt(*, attempt: Attempt) -> Attempt:
    """Hand the attempt in: score every question and set the total and the grade.

    Idempotent: submitting an attempt that is already in returns it unchanged
    (no rescoring), so a double click or a retried request is harmless. Every
    question gets an Answer; an unanswered one scores 0. A fixed number of queries,
    whatever the number of questions. A practice attempt is not handed in while its
    exam is under test (ExamLocked): its score would give the keys away.
    """
    attempt = (
        # Lock the attempt's row only: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer join that select_related("assignment") makes.
        Attempt.objects.select_for_update(of=("self",))
        .select_related("exam", "assignment")
        .get(pk=attempt.pk)
    )
    if attempt.submitted_at is not None:
        return attempt
    check_can_hand_in(attempt)
    # The assignments issue: a submit after the deadline is still accepted (it is
    # how an attempt ends at the deadline); saves after it are refused in _ensure_open.
    questions = list(attempt.exam.questions.order_by("number"))
    responses = dict(attempt.answers.values_list("question_id", "response"))
    lines = _lines_by_text(questions)
    scored = []
    for question in questions:
        response = responses.get(question.pk)
        score = score_response(
            kind=question.kind,
            scoring=question.scoring,
            max_points=question.max_points,
            response=response,
            lines=lines.get(question.text_id, []),
            word_limit=question.word_limit,
        )
        answer = Answer(
            attempt=attempt,
            question=question,
            response=response,
            auto_points=score.points,
            needs_review=score.needs_review,
            final_points=None if score.needs_review else score.points,
            feedback={"codes": list(score.feedback), "details": dict(score.details)},
        )
        scored.append(answer)
    # One upsert for every question: an unanswered one gets its Answer (0 points), an
    # answered one keeps its response and revision and only gets its score. (A
    # bulk_update of 40 rows builds a CASE per field and row: several times slower.)
    Answer.objects.bulk_create(
        scored,
        update_conflicts=True,
        unique_fields=["attempt", "question"],
        update_fields=ANSWER_SCORE_FIELDS,
    )
    attempt.submitted_at = timezone.now()
    recompute_totals(attempts=[attempt], also_save=["submitted_at"])
    return attempt


@transaction.atomic
def self_score(*, answer: Answer, elements: list[int]) -> Answer:
    """Record which model elements the pupil says their open or summary answer has.

    Only after submitting, only for open and summary questions the pupil answered,
    and only until a teacher has scored the answer (then the teacher's score
    stands). In practice the total and the grade follow the self-score; in exam mode
    they do not (exam/points.py).
    Raises SelfScoreError with a code: "not-submitted", "not-self-scored",
    "unanswered", "teacher-scored", "bad-element".
    """
    answer = (
        Answer.objects.select_for_update()
        .select_related("attempt__exam", "question")
        .get(pk=answer.pk)
    )
    question = answer.question
    if not answer.attempt.is_submitted:
        raise SelfScoreError("not-submitted")
    if question.kind not in SELF_SCORED_KINDS:
        raise SelfScoreError("not-self-scored")
    if answer.response in (None, "", [], {}):
        raise SelfScoreError("unanswered")
    if answer.scored_by_id is not None:
        raise SelfScoreError("teacher-scored")
    model_elements = question.scoring.get("elements", [])
    chosen = sorted(set(elements))
    if any(not isinstance(i, int) or not 0 <= i < len(model_elements) for i in chosen):
        raise SelfScoreError("bad-element")
    answer.self_elements = chosen
    # The question's length rules apply to the pupil's ticks as to the computer's.
    answer.self_points = ticked_points(
        kind=question.kind,
        scoring=question.scoring,
        elements=chosen,
        max_points=question.max_points,
        response=answer.response,
        word_limit=question.word_limit,
    )
    answer.save(update_fields=["self_elements", "self_points"])
    recompute_totals(attempts=[answer.attempt])
    return answer
