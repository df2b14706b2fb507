"""The pupil's pages: the list of exams, the exam page, saving answers, submitting,
the result page and self-scoring.

Before an attempt is submitted, templates receive only what a pupil may see: the
presenters below copy the stem, the choices and the pupil's own answer out of the
models, and never pass a question's scoring data, model answer, explanation or
answer lines along. After submitting, the result page shows all of them, when
exam/visibility.py allows it (not while the exam is used as a test anywhere).
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import pupil_required
from exam import pupil_tools, selectors, services, visibility
from exam.access import (
    get_answer_in_attempt,
    get_attempt_for_pupil,
    get_exam_for_pupil,
    get_question_in_attempt,
)
from exam.assignments import services as assignment_services
from exam.assignments.rules import AssignmentRuleError
from exam.assignments.services import close_expired_attempt
from exam.classes import services as class_services
from exam.exam_data import find_references, parse_line_ranges
from exam.forms import FEEDBACK, AnswerForm, SelfScoreForm, citation_mode, response_error_message
from exam.models import Answer, Attempt, Choice, Exam, Question
from exam.scoring import count_words
from exam.totals import answer_points, self_points_count

# --- presenters: plain values for the templates ----------------------------------------


@dataclass(frozen=True)
class StemPart:
    """A piece of a stem; a reference ("regel 85-91") carries where it points."""

    text: str
    ref_kind: str = ""  # "line" or "paragraph" for a reference
    first: int = 0
    last: int = 0

    @property
    def line_count(self) -> int:
        """How many lines a reference spans: "regel 27" is one, "regels 27-30" four."""
        return max(1, self.last - self.first + 1)


@dataclass(frozen=True)
class Option:
    label: str
    content: str


@dataclass(frozen=True)
class Row:
    """One line of a widget: a statement, an item to match or a place in an order."""

    key: str
    content: str
    value: str


@dataclass
class PupilQuestion:
    """A question as the pupil may see it before submitting: no key, no model."""

    pk: int
    number: int
    kind: str
    stem_parts: list[StemPart]
    max_points: int
    text_pk: int
    text_label: str
    options: list[Option] = field(default_factory=list)
    targets: list[Option] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    choose: int = 0
    citation_mode: str = "sentence"
    word_limit: int | None = None
    value: str = ""
    values: list[str] = field(default_factory=list)
    first: str = ""
    last: str = ""
    revision: int = 0
    is_answered: bool = False
    # Where the form posts, relative to the exam page (see pupil_questions).
    save_path: str = ""

    @property
    def cache_key(self) -> str:
        """A digest of everything the question's fragment shows: equal digests render
        equal HTML, so a fragment is shared by every pupil whose question looks alike
        (on an exam morning: everyone who has not answered it yet)."""
        return hashlib.sha1(repr(self).encode()).hexdigest()

    @property
    def word_count(self) -> int:
        return count_words(self.value)

    @property
    def widget_template(self) -> str:
        return f"exam/_answer_{self.kind}.html"


def stem_parts(stem: str) -> list[StemPart]:
    """Split a stem around its line and paragraph references, so they become links."""
    parts: list[StemPart] = []
    position = 0
    for ref in find_references(stem):
        if ref.start < position:
            continue
        if ref.start > position:
            parts.append(StemPart(stem[position : ref.start]))
        parts.append(StemPart(stem[ref.start : ref.end], ref.kind, ref.first, ref.last))
        position = ref.end
    if position < len(stem):
        parts.append(StemPart(stem[position:]))
    return parts


def line_ranges(answer_lines: str) -> list[StemPart]:
    """ "85-91, 95" (Question.answer_lines) as line references; unreadable gives none."""
    try:
        ranges = parse_line_ranges(answer_lines) if answer_lines.strip() else []
    except ValueError:
        return []
    return [
        StemPart(
            str(first) if first == last else f"{first}-{last}", "line", first, max(first, last)
        )
        for first, last in ranges
    ]


def _is_answered(response) -> bool:
    return response not in (None, "", [], {})


def _text_labels(exam: Exam) -> tuple[list[tuple], dict[int, str]]:
    """The exam's texts in order with their "Tekst n" headings (booklet data, Dutch)."""
    exam_texts = list(
        # The uploaded original (raw) is the largest column and never shown here.
        exam.exam_texts.select_related("text").defer("text__raw").order_by("position")
    )
    labels = {et.text_id: str(et) for et in exam_texts}
    return [(et.text, str(et)) for et in exam_texts], labels


def _choices_by_question(exam: Exam) -> dict[int, dict[str, list[Option]]]:
    rows = (
        Choice.objects.filter(question__exam=exam)
        .order_by("question_id", "role", "position", "label")
        .values_list("question_id", "role", "label", "content")
    )
    choices: dict[int, dict[str, list[Option]]] = defaultdict(lambda: defaultdict(list))
    for question_id, role, label, content in rows:
        choices[question_id][role].append(Option(label, content))
    return choices


def _present(question: Question, choices: dict[str, list[Option]], answer, text_labels):
    """A PupilQuestion with the pupil's saved answer as the widgets' initial values."""
    response = answer.response if answer else None
    kind = question.kind
    pq = PupilQuestion(
        pk=question.pk,
        number=question.number,
        kind=kind,
        stem_parts=stem_parts(question.stem),
        max_points=question.max_points,
        text_pk=question.text_id,
        text_label=text_labels.get(question.text_id, ""),
        options=list(choices.get(Choice.Role.OPTION, [])),
        targets=list(choices.get(Choice.Role.TARGET, [])),
        word_limit=question.word_limit,
        revision=answer.revision if answer else 0,
        is_answered=_is_answered(response),
    )
    if kind == Question.Kind.MULTIPLE_RESPONSE:
        # How many to choose is in the stem ("Welke twee ..."), so it gives nothing away.
        scoring = question.scoring or {}
        pq.choose = int(scoring.get("choose", len(scoring.get("keys", [])) or 0))
        pq.values = list(response or [])
    elif kind == Question.Kind.STATEMENTS:
        given = response or {}
        pq.rows = [
            Row(c.label, c.content, given.get(c.label, ""))
            for c in choices.get(Choice.Role.STATEMENT, [])
        ]
    elif kind == Question.Kind.MATCHING:
        given = response or {}
        pq.rows = [
            Row(c.label, c.content, given.get(c.label, ""))
            for c in choices.get(Choice.Role.ITEM, [])
        ]
    elif kind == Question.Kind.ORDERING:
        items = choices.get(Choice.Role.ITEM, [])
        given = list(response or [])
        pq.options = list(items)
        pq.rows = [
            Row(str(place), "", given[place - 1] if place <= len(given) else "")
            for place in range(1, len(items) + 1)
        ]
    elif kind == Question.Kind.CITATION:
        pq.citation_mode = citation_mode(question)
        if isinstance(response, dict):
            pq.first, pq.last = response.get("first", ""), response.get("last", "")
        elif response:
            pq.value = str(response)
    elif isinstance(response, list):
        # A multiple-choice answer with several letters (possible, scores 0).
        pq.values = response
    elif response is not None:
        pq.value = str(response)
    return pq


def pupil_questions(attempt: Attempt) -> tuple[list[PupilQuestion], list[tuple]]:
    """Everything the exam page shows, in a fixed number of queries."""
    exam = attempt.exam
    texts, text_labels = _text_labels(exam)
    choices = _choices_by_question(exam)
    answers = {
        a.question_id: a
        for a in attempt.answers.only("attempt_id", "question_id", "response", "revision")
    }
    questions = exam.questions.order_by("number").only(
        "pk", "exam_id", "number", "kind", "stem", "max_points", "text_id", "word_limit", "scoring"
    )
    presented = [
        _present(q, choices.get(q.pk, {}), answers.get(q.pk), text_labels) for q in questions
    ]
    # The save URL relative to the exam page ("answers/12/"), so the cached question
    # fragments hold nothing of one pupil's attempt.
    page_url = reverse("pupil:attempt-detail", args=[attempt.pk])
    for question in presented:
        save_url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
        question.save_path = save_url.removeprefix(page_url)
    return presented, texts


# --- the list of exams --------------------------------------------------------------


# Why practice is refused (exam/visibility.py), as the pupil reads it.
LOCK_MESSAGES = {
    visibility.CLASS_TEST: gettext_lazy(
        "Your class has this exam as a test: make it under My assignments. You can "
        "practise it again once your teacher has released the results."
    ),
    visibility.UNDER_TEST: gettext_lazy(
        "This exam is being used as a test right now, so you cannot practise it or see "
        "its answer model. You can again once the results of the test are released."
    ),
    visibility.ASSIGNMENTS_ONLY: gettext_lazy(
        "This exam can only be made when your teacher assigns it to your class."
    ),
}
MODEL_LOCKED = gettext_lazy(
    "This exam is being used as a test right now, so its answer model is hidden. You "
    "will see it again once the results of the test are released."
)
# The assignments a pupil still has to do come first on their home page.
TO_DO = {"in_progress", "open", "not_open"}


@dataclass
class ExamRow:
    exam: Exam
    open_attempt: Attempt | None
    submitted: list[Attempt]
    refusal: str | None = None

    @property
    def best(self) -> Attempt | None:
        return max(self.submitted, key=lambda a: a.total_points or 0, default=None)

    @property
    def refusal_message(self) -> str:
        return str(LOCK_MESSAGES[self.refusal]) if self.refusal else ""


@pupil_required
def home(request):
    """Assigned work first (with its deadlines), then the exams to practise freely.

    The practice list holds the exams open for free practice and those the pupil
    practised freely before, with only those free-practice attempts: an attempt made
    for an assignment shows under My assignments, where its results follow the
    assignment's rules.
    """
    assignments = [
        (assignment, view)
        for assignment, view in selectors.pupil_assignment_rows(pupil=request.user)
        if view.status in TO_DO
    ]
    attempts = defaultdict(list)
    for attempt in Attempt.objects.filter(pupil=request.user, assignment__isnull=True).order_by(
        "-started_at"
    ):
        attempts[attempt.exam_id].append(attempt)
    exams = list(
        Exam.objects.filter(is_published=True)
        .filter(Q(practice_visibility=Exam.PracticeVisibility.OPEN) | Q(pk__in=list(attempts)))
        .annotate(question_count=Count("questions"), max_points=Sum("questions__max_points"))
        .order_by("-year", "title")
    )
    refusals = visibility.practice_refusals(exams=exams, pupil=request.user)
    rows = []
    for exam in exams:
        own = attempts.get(exam.pk, [])
        rows.append(
            ExamRow(
                exam=exam,
                open_attempt=next((a for a in own if not a.is_submitted), None),
                submitted=[a for a in own if a.is_submitted],
                refusal=refusals.get(exam.pk),
            )
        )
    return render(request, "exam/pupil_home.html", {"rows": rows, "assignments": assignments})


@require_POST
@pupil_required
def exam_start(request, pk):
    """Free practice; an exam the pupil has as a practice-mode assignment continues
    the assignment's attempt, so it counts for the class."""
    exam = get_exam_for_pupil(request, pk)
    assignment = selectors.practice_assignment_for_pupil(exam=exam, pupil=request.user)
    try:
        if assignment is not None:
            attempt = assignment_services.start_assignment_attempt(
                assignment=assignment, pupil=request.user
            )
        else:
            attempt = services.start_attempt(pupil=request.user, exam=exam)
    except services.ExamLocked as locked:
        messages.error(request, LOCK_MESSAGES[locked.code])
        if locked.code == visibility.CLASS_TEST:
            return redirect("pupil:assignment-list")
        return redirect("pupil:home")
    except (AssignmentRuleError, class_services.ClassError) as exc:
        messages.error(request, str(exc.message))
        return redirect("pupil:home")
    return redirect("pupil:attempt-detail", pk=attempt.pk)


def _practice_locked(request, attempt: Attempt):
    """The pupil's home with the reason, when a practice attempt may not go on now."""
    refusal = visibility.practice_attempt_refusal(attempt)
    if refusal is None:
        return None
    messages.error(request, LOCK_MESSAGES[refusal])
    return redirect("pupil:home")


# --- the exam page and saving ---------------------------------------------------------


@pupil_required
def attempt_detail(request, pk):
    attempt = get_attempt_for_pupil(request, pk)
    if close_expired_attempt(attempt=attempt):
        messages.info(request, _("Time is up: your saved answers have been handed in."))
    if attempt.is_submitted:
        return _after_submit(request, attempt)
    if locked := _practice_locked(request, attempt):
        return locked
    questions, texts = pupil_questions(attempt)
    return render(
        request,
        "exam/attempt_detail.html",
        {
            "attempt": attempt,
            "exam": attempt.exam,
            "questions": questions,
            "texts": texts,
            "many_texts": len(texts) > 1,
            # The navigator shows numbers and which are answered; so does its key.
            "navigator_key": ",".join(
                f"{q.number}{'+' if q.is_answered else ''}" for q in questions
            ),
            "max_points": sum(q.max_points for q in questions),
            "answered_count": sum(q.is_answered for q in questions),
            "read_aloud": selectors.has_read_aloud(attempt),
            "tools_data": _tools_data(attempt, questions),
        },
    )


def _tools_data(attempt: Attempt, questions: list[PupilQuestion]) -> dict:
    """The pupil's highlights, notes, flags and struck options for the page's script
    (two queries). Outside the cached question fragments: they are one pupil's own."""
    return {
        "highlights": pupil_tools.highlight_data(pupil_tools.attempt_highlights(attempt)),
        "questions": pupil_tools.scratch_data(attempt),
        "highlightUrl": reverse("pupil:highlight-paint", args=[attempt.pk]),
        "scratchUrls": {
            q.number: reverse("pupil:scratch-save", args=[attempt.pk, q.pk]) for q in questions
        },
    }


def _status(request, *, attempt, question, state, answer=None, message="", status=200):
    # Rendered without the request: the fragment needs no context processor (user,
    # roles, messages), and an exam morning sends it for every autosave.
    content = render_to_string(
        "exam/_answer_status.html",
        {
            "attempt": attempt,
            "number": question.number,
            "state": state,
            "answer": answer,
            "message": message,
            "is_answered": _is_answered(answer.response) if answer else None,
        },
    )
    response = HttpResponse(content, status=status)
    response["X-Answer-State"] = state
    if answer is not None:
        response["X-Answer-Revision"] = str(answer.revision)
        # exam.js marks the navigator item from this at once (the out-of-band item
        # takes its new class only when htmx settles it).
        response["X-Answer-Answered"] = "1" if _is_answered(answer.response) else "0"
    return response


@require_POST
@pupil_required
def answer_save(request, pk, question_pk):
    """Save one answer; htmx gets a small status fragment, a plain form a redirect."""
    attempt = get_attempt_for_pupil(request, pk, with_exam=False)
    question = get_question_in_attempt(attempt, question_pk)
    form = AnswerForm(request.POST, question=question)
    back = reverse("pupil:attempt-detail", args=[attempt.pk]) + f"#question-{question.number}"
    state, answer, message, status = "saved", None, "", 200
    if not form.is_valid():
        state, message, status = (
            "invalid",
            _("This answer cannot be saved. Please reload the page."),
            422,
        )
    else:
        try:
            answer = services.save_answer(
                attempt=attempt,
                question=question,
                value=form.cleaned_data["value"],
                revision=form.cleaned_data["revision"],
            )
        except services.ResponseError as error:
            state, message, status = "invalid", response_error_message(error), 422
        except services.TimeUp:
            state, status = "closed", 409
            message = _("Time is up: answers can no longer be changed.")
        except services.AttemptClosed:
            state, status = "closed", 409
            message = _("You have handed this exam in: answers can no longer be changed.")
        except services.StaleRevision as stale:
            # A newer answer is stored already (a later save, or another computer).
            state, answer = "stale", stale.answer
    if not request.htmx:
        if message:
            messages.error(request, message)
        if state == "closed":
            return redirect("pupil:attempt-detail", pk=attempt.pk)
        return redirect(back)
    return _status(
        request,
        attempt=attempt,
        question=question,
        state=state,
        answer=answer,
        message=message,
        status=status,
    )


# --- submitting -----------------------------------------------------------------------


def _unanswered_numbers(attempt: Attempt) -> list[int]:
    answered = {
        question_id
        for question_id, response in attempt.answers.values_list("question_id", "response")
        if _is_answered(response)
    }
    return [
        number
        for question_id, number in attempt.exam.questions.order_by("number").values_list(
            "pk", "number"
        )
        if question_id not in answered
    ]


@pupil_required
def attempt_submit(request, pk):
    """GET: the confirmation (a fragment for the modal); POST: hand the attempt in."""
    attempt = get_attempt_for_pupil(request, pk)
    if attempt.is_submitted:
        return _after_submit(request, attempt)
    if locked := _practice_locked(request, attempt):
        return locked
    if request.method == "POST":
        try:
            # Idempotent: a second POST (double click, retry) finds it handed in already.
            attempt = services.submit_attempt(attempt=attempt)
        except services.ExamLocked as locked_exam:
            # The test began between the check above and the hand-in.
            messages.error(request, LOCK_MESSAGES[locked_exam.code])
            return redirect("pupil:home")
        return _after_submit(request, attempt)
    template = "exam/_submit_confirm.html" if request.htmx else "exam/attempt_submit.html"
    return render(
        request,
        template,
        {
            "attempt": attempt,
            "exam": attempt.exam,
            "unanswered": _unanswered_numbers(attempt),
            "flagged": pupil_tools.flagged_numbers(attempt),
            "is_exam_mode": not visibility.is_practice(attempt),
        },
    )


# --- the result page ----------------------------------------------------------------


def _after_submit(request, attempt: Attempt):
    """Where a handed-in attempt leads: its result, or (exam mode before the teacher
    releases results) the assignments list with a message."""
    if visibility.may_see_results(attempt):
        return redirect("pupil:attempt-result", pk=attempt.pk)
    messages.info(
        request,
        _("Your exam has been handed in. You will see your result when your teacher releases it."),
    )
    return redirect("pupil:assignment-list")


@dataclass(frozen=True)
class ResultRow:
    """One line of a closed question's result: what was given and what was right."""

    key: str
    content: str
    given: str = ""
    given_content: str = ""
    expected: str = ""
    expected_content: str = ""
    is_correct: bool | None = None


@dataclass(frozen=True)
class ModelElement:
    index: int
    text: str
    points: int
    is_ticked: bool
    is_found: bool
    is_credited: bool = False  # the teacher found it in the answer


@dataclass
class ResultQuestion:
    number: int
    kind: str
    kind_label: str
    stem_parts: list[StemPart]
    text_pk: int
    text_label: str
    max_points: int
    points: int
    source: str  # "key", "teacher", "self" or "proposal": whose points count
    auto_points: int | None
    self_points: int | None
    # The teacher's points and note, once a teacher has scored the answer.
    teacher_points: int | None
    teacher_remark: str
    rows: list[ResultRow]
    given_text: str
    accepted: list[str]
    model_answer: str
    explanation: str
    answer_refs: list[StemPart]
    cited: StemPart | None
    feedback: list[str]
    elements: list[ModelElement]
    self_score_url: str
    word_count: int | None = None

    @property
    def can_self_score(self) -> bool:
        """An answered open question the teacher has not scored: the pupil may mark it."""
        return bool(self.elements) and self.source != "teacher" and bool(self.given_text)

    @property
    def state(self) -> str:
        if self.points >= self.max_points:
            return "full"
        return "partial" if self.points > 0 else "none"


def _rows_for(question, choices, response, scoring, details) -> list[ResultRow]:
    kind = question.kind
    correct = details.get("correct", {})
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.MULTIPLE_RESPONSE):
        chosen = response if isinstance(response, list) else [response] if response else []
        keys = (
            [scoring.get("key")]
            if kind == Question.Kind.MULTIPLE_CHOICE
            else scoring.get("keys", [])
        )
        return [
            ResultRow(
                key=o.label,
                content=o.content,
                given="x" if o.label in chosen else "",
                expected="x" if o.label in keys else "",
                is_correct=(o.label in chosen) == (o.label in keys),
            )
            for o in choices.get(Choice.Role.OPTION, [])
        ]
    given = response or {}
    if kind == Question.Kind.STATEMENTS:
        answers = scoring.get("answers", {})
        return [
            ResultRow(
                key=s.label,
                content=s.content,
                given=given.get(s.label, ""),
                expected=answers.get(s.label, ""),
                is_correct=correct.get(s.label),
            )
            for s in choices.get(Choice.Role.STATEMENT, [])
        ]
    if kind == Question.Kind.MATCHING:
        pairs = scoring.get("pairs", {})
        targets = {t.label: t.content for t in choices.get(Choice.Role.TARGET, [])}
        return [
            ResultRow(
                key=item.label,
                content=item.content,
                given=given.get(item.label, ""),
                given_content=targets.get(given.get(item.label, ""), ""),
                expected=pairs.get(item.label, ""),
                expected_content=targets.get(pairs.get(item.label, ""), ""),
                is_correct=correct.get(item.label),
            )
            for item in choices.get(Choice.Role.ITEM, [])
        ]
    if kind == Question.Kind.ORDERING:
        items = {i.label: i.content for i in choices.get(Choice.Role.ITEM, [])}
        order = scoring.get("order", [])
        placed = list(response or [])
        return [
            ResultRow(
                key=str(place),
                content="",
                given=placed[place - 1] if place <= len(placed) else "",
                given_content=items.get(placed[place - 1], "") if place <= len(placed) else "",
                expected=label,
                expected_content=items.get(label, ""),
                is_correct=place <= len(placed) and placed[place - 1] == label,
            )
            for place, label in enumerate(order, start=1)
        ]
    return []


def _given_text(kind: str, response) -> str:
    if response is None or kind in _ROW_KINDS:
        return ""
    if isinstance(response, dict):
        return " … ".join(v for v in (response.get("first", ""), response.get("last", "")) if v)
    if isinstance(response, list):
        return ", ".join(map(str, response))
    return str(response)


_ROW_KINDS = {
    Question.Kind.MULTIPLE_CHOICE,
    Question.Kind.MULTIPLE_RESPONSE,
    Question.Kind.STATEMENTS,
    Question.Kind.MATCHING,
    Question.Kind.ORDERING,
}


def _accepted(kind: str, scoring: dict) -> list[str]:
    if kind == Question.Kind.PARAGRAPH:
        return [str(n) for n in scoring.get("accepted", [])]
    if kind == Question.Kind.GAP:
        return list(scoring.get("accepted", []))
    if kind == Question.Kind.CITATION:
        return list(scoring.get("spans", []))
    return []


def _source(answer: Answer, *, self_counts: bool) -> str:
    """Whose points count for the answer (the order of exam/points.py)."""
    if answer.scored_by_id is not None:
        return "teacher"
    if answer.final_points is not None:
        return "key"
    if self_counts and answer.self_points is not None:
        return "self"
    return "proposal"


def _result_question(
    attempt, question, answer, choices, text_labels, *, self_counts: bool
) -> ResultQuestion:
    scoring = question.scoring or {}
    feedback = answer.feedback or {}
    details = feedback.get("details", {})
    response = answer.response
    cited = None
    if details.get("cited_lines"):
        first, last = details["cited_lines"][0], details["cited_lines"][-1]
        cited = StemPart(str(first) if first == last else f"{first}-{last}", "line", first, last)
    found = set(details.get("elements", []))
    # The self-assessment starts from the computer's proposal until the pupil saves one.
    ticked = set(answer.self_elements or []) if answer.self_points is not None else found
    is_teacher_scored = answer.scored_by_id is not None
    credited = set(feedback.get("teacher_elements", [])) if is_teacher_scored else set()
    elements = [
        ModelElement(
            i,
            str(e.get("text", "")),
            int(e.get("points", 1)),
            i in ticked,
            i in found,
            i in credited,
        )
        for i, e in enumerate(scoring.get("elements", []))
        if isinstance(e, dict)
    ]
    return ResultQuestion(
        number=question.number,
        kind=question.kind,
        kind_label=question.get_kind_display(),
        stem_parts=stem_parts(question.stem),
        text_pk=question.text_id,
        text_label=text_labels.get(question.text_id, ""),
        max_points=question.max_points,
        points=answer_points(answer, self_counts=self_counts),
        source=_source(answer, self_counts=self_counts),
        auto_points=answer.auto_points,
        self_points=answer.self_points,
        teacher_points=answer.final_points if is_teacher_scored else None,
        teacher_remark=answer.override_reason if is_teacher_scored else "",
        rows=_rows_for(question, choices, response, scoring, details),
        given_text=_given_text(question.kind, response),
        accepted=_accepted(question.kind, scoring),
        model_answer=question.model_answer,
        explanation=question.explanation,
        answer_refs=line_ranges(question.answer_lines),
        cited=cited,
        feedback=[str(FEEDBACK[code]) for code in feedback.get("codes", []) if code in FEEDBACK],
        elements=elements,
        self_score_url=reverse("pupil:answer-self-score", args=[attempt.pk, question.pk]),
        word_count=count_words(response)
        if question.kind in (Question.Kind.SUMMARY, Question.Kind.OPEN) and response
        else None,
    )


@pupil_required
def attempt_result(request, pk):
    attempt = get_attempt_for_pupil(request, pk)
    if not attempt.is_submitted:
        return redirect("pupil:attempt-detail", pk=attempt.pk)
    if not visibility.may_see_results(attempt):
        return _after_submit(request, attempt)
    exam = attempt.exam
    if not visibility.may_see_model(attempt):
        # Score and grade only: per question, points would give the keys away.
        return render(
            request,
            "exam/attempt_result_locked.html",
            {"attempt": attempt, "exam": exam, "message": MODEL_LOCKED},
        )
    texts, text_labels = _text_labels(exam)
    choices = _choices_by_question(exam)
    answers = attempt.answers.select_related("question").order_by("question__number")
    self_counts = self_points_count(attempt)
    results = [
        _result_question(
            attempt,
            a.question,
            a,
            choices.get(a.question_id, {}),
            text_labels,
            self_counts=self_counts,
        )
        for a in answers
    ]
    return render(
        request,
        "exam/attempt_result.html",
        {
            "attempt": attempt,
            "exam": exam,
            "results": results,
            "texts": texts,
            "max_points": sum(r.max_points for r in results),
            "is_provisional": any(r.source in ("self", "proposal") for r in results),
            "self_counts": self_counts,
            "counts_self_scores": any(r.source == "self" for r in results),
            # The pupil's highlights, shown in the booklet but no longer editable.
            "tools_data": {
                "readOnly": True,
                "highlights": pupil_tools.highlight_data(pupil_tools.attempt_highlights(attempt)),
            },
        },
    )


@require_POST
@pupil_required
def answer_self_score(request, pk, question_pk):
    attempt = get_attempt_for_pupil(request, pk)
    if attempt.is_submitted and not visibility.may_see_model(attempt):
        # Self-scoring needs the model; the result page says why it is hidden.
        return redirect("pupil:attempt-result", pk=attempt.pk)
    answer = get_answer_in_attempt(attempt, question_pk)
    elements = (answer.question.scoring or {}).get("elements", [])
    form = SelfScoreForm(request.POST, element_count=len(elements))
    if form.is_valid():
        try:
            services.self_score(answer=answer, elements=form.cleaned_data["elements"])
        except services.SelfScoreError as error:
            messages.error(
                request, SELF_SCORE_ERRORS.get(error.code, SELF_SCORE_ERRORS["bad-element"])
            )
        else:
            messages.success(
                request,
                _("Your self-score for question %(number)s is saved.")
                % {"number": answer.question.number},
            )
    else:
        messages.error(request, SELF_SCORE_ERRORS["bad-element"])
    return redirect(
        reverse("pupil:attempt-result", args=[attempt.pk]) + f"#question-{answer.question.number}"
    )


SELF_SCORE_ERRORS = {
    "not-submitted": gettext_lazy("Hand the exam in before you score your own answers."),
    "not-self-scored": gettext_lazy("This question is scored automatically."),
    "unanswered": gettext_lazy("You did not answer this question, so there is nothing to score."),
    "teacher-scored": gettext_lazy("Your teacher has scored this answer; that score stands."),
    "bad-element": gettext_lazy("Tick only elements of the answer model."),
}
