"""The exam page a pupil works on: its content cached, the whole page cached with
slots, and the "saved" status an autosave replies with.

The questions on it come from exam/presenters/exam_questions.py (never a key or a
model answer); this module only puts them on the page and caches what it can:
whatever changes what the page shows changes the cache key.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
from exam import pupil_tools
from exam.models import Answer, Attempt
from exam.presenters.exam_questions import is_answered, pupil_questions


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
