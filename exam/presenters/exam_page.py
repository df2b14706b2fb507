"""The exam page: each question as the pupil may see it before submitting.

The presenters copy the stem, the choices and the pupil's own answer out of the models,
and never pass a question's scoring data, model answer, explanation or answer lines
along. What a kind's widget shows comes from the kind (exam/kinds/, `widget`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.db import connection
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from accounts import context_processors
from accounts.reading import preferences_for
from exam import kinds, pupil_tools
from exam.kinds.display import Choices, Option, Row
from exam.models import Answer, Attempt, Choice, Exam, Question, SharedContext
from exam.references import find_references, parse_line_ranges
from exam.scoring import count_words


@dataclass(frozen=True)
class StemPart:
    """A piece of a stem; a reference ("regel 85-91") carries where it points."""

    text: str
    ref_kind: str = ""  # "line" or "paragraph" for a reference
    first: int = 0
    last: int = 0
    # The text it points into when the stem names one ("tekst 2, regel 4"); 0: the
    # question's own text.
    text_pk: int = 0

    @property
    def line_count(self) -> int:
        """How many lines a reference spans: "regel 27" is one, "regels 27-30" four."""
        return max(1, self.last - self.first + 1)


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
    multiple: bool = False  # matching: several targets per item (a grid of checkboxes)
    paragraph_targets: bool = False  # matching: the targets are the text's paragraphs
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
    # The shared context the question belongs to ("Lees bij de volgende vragen
    # eerst ..."): its body as parts (references are links), its first and last
    # question; context_starts on the group's first question.
    context_parts: list[StemPart] = field(default_factory=list)
    context_first: int = 0
    context_last: int = 0
    context_starts: bool = False

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
        return kinds.get(self.kind).widget_template


def stem_parts(stem: str, text_pks: dict[int, int] | None = None) -> list[StemPart]:
    """Split a stem around its line and paragraph references, so they become links.

    `text_pks` are the exam's texts' pks by position: "tekst 2, regel 4" links into
    text 2. A reference to a text the exam does not have stays plain text.
    """
    parts: list[StemPart] = []
    position = 0
    for ref in find_references(stem):
        if ref.start < position:
            continue
        text_pk = 0
        if ref.text is not None:
            text_pk = (text_pks or {}).get(ref.text, 0)
            if not text_pk:
                continue
        if ref.start > position:
            parts.append(StemPart(stem[position : ref.start]))
        parts.append(StemPart(stem[ref.start : ref.end], ref.kind, ref.first, ref.last, text_pk))
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


def is_answered(response) -> bool:
    return response not in (None, "", [], {})


class BookletText(NamedTuple):
    """A text of the exam in the booklet pane: the text, its "Tekst n" heading and
    the introduction the exam prints above it."""

    text: object
    label: str
    intro: str


def text_labels(exam: Exam) -> tuple[list[BookletText], dict[int, str]]:
    """The exam's texts in order with their "Tekst n" headings (booklet data, Dutch)
    and introductions."""
    exam_texts = list(
        # The uploaded original (raw) is the largest column and never shown here.
        exam.exam_texts.select_related("text").defer("text__raw").order_by("position")
    )
    labels = {et.text_id: str(et) for et in exam_texts}
    return [BookletText(et.text, str(et), et.intro) for et in exam_texts], labels


def text_pks(texts: list[BookletText]) -> dict[int, int]:
    """The exam's texts' pks by position (Tekst 1 is 1), for stem_parts."""
    return {position: entry.text.pk for position, entry in enumerate(texts, start=1)}


def contexts_of(exam: Exam) -> list[SharedContext]:
    """The exam's shared contexts, in order (one query)."""
    return list(SharedContext.objects.filter(exam=exam).order_by("first_number"))


def attach_contexts(
    questions: list[PupilQuestion], contexts: list[SharedContext], pks: dict[int, int]
) -> None:
    """Give every question of a shared context's group that context; the group's
    first question shown (context_starts) is where the preview prints it once."""
    for shared in contexts:
        group = [q for q in questions if shared.covers(q.number)]
        for index, question in enumerate(group):
            question.context_parts = stem_parts(shared.body, pks)
            question.context_first = shared.first_number
            question.context_last = shared.last_number
            question.context_starts = index == 0


def choices_by_question(exam: Exam) -> dict[int, Choices]:
    """Every question's choices by role, in one query."""
    rows = (
        Choice.objects.filter(question__exam=exam)
        .order_by("question_id", "role", "position", "label")
        .values_list("question_id", "role", "label", "content")
    )
    choices: dict[int, Choices] = defaultdict(lambda: defaultdict(list))
    for question_id, role, label, content in rows:
        choices[question_id][role].append(Option(label, content))
    return choices


def present_question(
    question: Question, choices: Choices, answer, labels, pks: dict[int, int] | None = None
) -> PupilQuestion:
    """A PupilQuestion with the pupil's saved answer as the widgets' initial values.

    `labels` are the exams' text headings by text pk (text_labels), `pks` the texts'
    pks by position (text_pks) for references to another text.
    """
    response = answer.response if answer else None
    fields = {
        "options": list(choices.get(Choice.Role.OPTION, [])),
        "targets": list(choices.get(Choice.Role.TARGET, [])),
    }
    fields.update(kinds.get(question.kind).widget(question.scoring or {}, choices, response))
    return PupilQuestion(
        pk=question.pk,
        number=question.number,
        kind=question.kind,
        stem_parts=stem_parts(question.stem, pks),
        max_points=question.max_points,
        text_pk=question.text_id,
        text_label=labels.get(question.text_id, ""),
        word_limit=question.word_limit,
        revision=answer.revision if answer else 0,
        is_answered=is_answered(response),
        **fields,
    )


def pupil_questions(attempt: Attempt) -> tuple[list[PupilQuestion], list[tuple]]:
    """Everything the exam page shows, in a fixed number of queries."""
    exam = attempt.exam
    texts, labels = text_labels(exam)
    choices = choices_by_question(exam)
    answers = {
        a.question_id: a
        for a in attempt.answers.only("attempt_id", "question_id", "response", "revision")
    }
    questions = exam.questions.order_by("number").only(
        "pk", "exam_id", "number", "kind", "stem", "max_points", "text_id", "word_limit", "scoring"
    )
    pks = text_pks(texts)
    presented = [
        present_question(q, choices.get(q.pk, {}), answers.get(q.pk), labels, pks)
        for q in questions
    ]
    attach_contexts(presented, contexts_of(exam), pks)
    # The save URL relative to the exam page ("answers/12/"), so the cached question
    # fragments hold nothing of one pupil's attempt.
    page_url = reverse("pupil:attempt-detail", args=[attempt.pk])
    for question in presented:
        save_url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
        question.save_path = save_url.removeprefix(page_url)
    return presented, texts


def scratch_urls(attempt: Attempt, questions) -> dict[int, str]:
    """Where the page's script saves each question's note and flag, by number."""
    return {q.number: reverse("pupil:scratch-save", args=[attempt.pk, q.pk]) for q in questions}


def tools_data(attempt: Attempt, scratch_urls: dict[int, str]) -> dict:
    """The pupil's highlights, notes, flags and struck options for the page's script
    (one query). Outside the cached page: they are one pupil's own and change
    without a save of an answer."""
    highlights, scratches = pupil_tools.tools_state(attempt)
    return {
        "highlights": highlights,
        "questions": scratches,
        "highlightUrl": reverse("pupil:highlight-paint", args=[attempt.pk]),
        "scratchUrls": scratch_urls,
    }


# --- the cached exam page -------------------------------------------------------------

EXAM_PAGE_TIMEOUT = 15 * 60
# Marks the holes of exam/_exam_page_cached.html; random per process, so no content
# (a stem, an answer, a booklet line) can contain it.
_HOLE = f"<!--hole-{secrets.token_hex(8)}-->"
_PARTS = 4


@dataclass(frozen=True)
class ExamPage:
    """The exam page's content in four parts, its questions' numbers and where their
    notes and flags are saved (scratch_urls)."""

    parts: list[str]
    numbers: list[int]
    scratch_urls: dict[int, str]


# The templates the exam page is made of (templates/...): the exam's own, the pupils'
# base templates and the site's skeleton.
_PAGE_TEMPLATES = ("exam/*.html", "pupil/*.html", "base.html")


@lru_cache(maxsize=1)
def _templates_digest() -> str:
    """A digest of the page's templates and static files' names, read once per process:
    a page cached in Redis before a release is not served after it."""
    digest = hashlib.sha1()
    folder = Path(settings.BASE_DIR) / "templates"
    for pattern in _PAGE_TEMPLATES:
        for path in sorted(folder.glob(pattern)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    # The hashed names of the static files (the manifest's own hash; none in tests).
    digest.update(str(getattr(staticfiles_storage, "manifest_hash", "")).encode())
    return digest.hexdigest()[:12]


_ANSWERS_SQL = (
    "SELECT question_id, revision, saved_at FROM {} WHERE attempt_id = %s ORDER BY question_id"
)


def exam_page_key(attempt: Attempt) -> str:
    """Everything the cached part of the page shows, in one key (one query): the
    attempt (so never another pupil's page), the exam's content version (every
    authoring change bumps it: exam.authoring.services.content_changed), every answer's
    question, revision and save time, the language and the templates."""
    with connection.cursor() as cursor:
        # Plain SQL: on a page served from the cache this is most of the work left.
        cursor.execute(
            _ANSWERS_SQL.format(connection.ops.quote_name(Answer._meta.db_table)), [attempt.pk]
        )
        answers = cursor.fetchall()
    digest = hashlib.sha1(repr(answers).encode()).hexdigest()
    return ":".join(
        [
            "exam-page",
            _templates_digest(),
            # The start time too: a test database (or a restored backup) may give a
            # new attempt the id of one gone, never the same id and start.
            str(attempt.pk),
            attempt.started_at.isoformat(),
            str(attempt.exam_id),
            str(attempt.exam.content_version),
            digest,
            translation.get_language() or "",
        ]
    )


def exam_page(request, attempt: Attempt, *, key: str | None = None) -> ExamPage:
    """The exam page's content for this attempt, from the cache or rendered and stored.

    The caller has checked access and the attempt's state (owner, not handed in, the
    test lock) first: the cache only saves rendering. Everything per request (the
    countdown, the read-aloud bar, CSRF fields, the pupil's tools data, reading
    preferences on <html>) stays outside, in attempt_detail.html and base.html.
    """
    cache = caches["default"]
    key = key or exam_page_key(attempt)
    cached = cache.get(key)
    if cached is not None:
        return ExamPage(*cached)
    questions, texts = pupil_questions(attempt)
    html = render_to_string(
        "exam/_exam_page_cached.html",
        {
            "hole": mark_safe(_HOLE),
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
        },
        request,
    )
    parts = [mark_safe(part) for part in html.split(_HOLE)]
    if len(parts) != _PARTS:
        raise ValueError(
            f"exam/_exam_page_cached.html has {len(parts) - 1} holes, not {_PARTS - 1}"
        )
    page = ExamPage(parts, [q.number for q in questions], scratch_urls(attempt, questions))
    cache.set(key, (page.parts, page.numbers, page.scratch_urls), EXAM_PAGE_TIMEOUT)
    return page


# --- the whole page -------------------------------------------------------------------
#
# The whole page (exam/attempt_detail.html in the site's skeleton) is cached too, per
# everything the skeleton shows besides the content: the user's name and roles (the
# menu), the reading preferences (<html data-reading>), the address (the language
# form's "next"), the read-aloud bar. Three things differ on every request and are
# slots in the cached page, filled per request: the CSRF token (every form and the
# htmx header), the countdown (the server's time) and the pupil's tools data
# (highlights, notes, flags). A request with messages to show renders the page but
# does not cache it: messages are shown once.

_SLOT_TOKEN = secrets.token_hex(8)
_SLOT = re.compile(rf"<!--slot-{_SLOT_TOKEN}-(\w+)-->")
_CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _slot(name: str) -> str:
    return mark_safe(f"<!--slot-{_SLOT_TOKEN}-{name}-->")


def whole_page_key(request, content_key: str, *, read_aloud: bool) -> str:
    user = request.user
    facts = (
        sorted(context_processors.roles(request).items()),
        user.get_full_name() or user.get_username(),
        preferences_for(user).tokens,
        request.get_full_path(),
        read_aloud,
    )
    return f"{content_key}:whole:{hashlib.sha1(repr(facts).encode()).hexdigest()[:16]}"


@dataclass(frozen=True)
class WholePage:
    """The page as cached: text and slot names taking turns (text, slot, text, ...,
    text), and where the questions' notes and flags are saved (for the tools data)."""

    pieces: tuple[str, ...]
    scratch_urls: dict[int, str]


def exam_page_html(request, attempt: Attempt, *, read_aloud: bool) -> str:
    """The whole exam page for this attempt: from the cache with its slots filled, or
    rendered (its content from exam_page's cache when there) and stored. The caller
    has checked access and the attempt's state first, as for exam_page."""
    content_key = exam_page_key(attempt)
    key = whole_page_key(request, content_key, read_aloud=read_aloud)
    has_messages = len(get_messages(request)) > 0
    cache = caches["default"]
    whole = None if has_messages else cache.get(key)
    if whole is None:
        whole = _render_whole(request, attempt, content_key, read_aloud=read_aloud)
        if not has_messages:
            cache.set(key, whole, EXAM_PAGE_TIMEOUT)
    fills = {
        "csrf": get_token(request),
        "countdown": _countdown(attempt),
        "tools": json_script(tools_data(attempt, whole.scratch_urls), "exam-tools-data"),
    }
    pieces = whole.pieces
    return pieces[0] + "".join(
        fills[name] + text for name, text in zip(pieces[1::2], pieces[2::2], strict=True)
    )


def _render_whole(request, attempt: Attempt, content_key: str, *, read_aloud: bool):
    page = exam_page(request, attempt, key=content_key)
    html = render_to_string(
        "exam/attempt_detail.html",
        {
            "attempt": attempt,
            "exam": attempt.exam,
            "page": page.parts,
            "question_numbers": page.numbers,
            "read_aloud": read_aloud,
            "countdown": _slot("countdown"),
            "tools_data_script": _slot("tools"),
        },
        request,
    )
    token = _CSRF_VALUE.search(html)
    if token is None:
        raise ValueError("exam/attempt_detail.html rendered no CSRF field")
    html = html.replace(token.group(1), _slot("csrf"))
    return WholePage(tuple(_SLOT.split(html)), page.scratch_urls)


def _countdown(attempt: Attempt) -> str:
    if not attempt.deadline_at:
        return ""
    return render_to_string("exam/_assignment_countdown.html", {"attempt": attempt})


# The "saved" answer status (exam/_answer_status.html with state "saved"), the reply
# to nearly every autosave, built without the template engine: three includes cost
# more than the save itself. tests/test_exam_queries.py holds it equal to the template.
_SAVED_STATUS = (
    '<span class="exam-status is-saved" data-state="saved"><svg class="exam-status-icon"'
    ' viewBox="0 0 16 16" aria-hidden="true"><path d="M13.5 4.5 6.5 11.5 2.5 7.5"'
    ' fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"'
    ' stroke-linejoin="round"/></svg>{saved} <time datetime="{iso}">{hhmm}</time></span>\n'
    '\n<div id="q{number}-error" class="exam-answer-error" role="alert"'
    ' hx-swap-oob="true"></div>\n'
    '<a class="exam-nav-item{answered_class}" id="nav-q{number}" href="#question-{number}"'
    ' data-number="{number}" hx-swap-oob="true"><span class="visually-hidden">{question}'
    " </span>{number}{answered}</a>\n\n"
)
_ANSWERED = '<span class="visually-hidden"> ({})</span>'


def saved_status_html(*, number: int, answer) -> str:
    """The status fragment after a save that stored `answer` (see _SAVED_STATUS)."""
    saved_at = timezone.localtime(answer.saved_at)
    answered = is_answered(answer.response)
    return format_html(
        _SAVED_STATUS,
        saved=gettext("saved"),
        iso=saved_at.isoformat(),
        hhmm=saved_at.strftime("%H:%M"),
        number=number,
        answered_class=" is-answered" if answered else "",
        question=gettext("Question"),
        answered=format_html(_ANSWERED, gettext("answered")) if answered else "",
    )
