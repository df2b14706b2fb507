"""The pupil's tools on the exam page: highlighter marks on the booklet, and per
question a note, options struck out and a review flag.

They belong to the attempt, so they follow the pupil to another computer, and they
are the pupil's alone: not scored, not part of the answer, on no teacher's page.
Like answers, they can no longer change once the attempt is handed in (or its time
is up): exam/services.py's one check decides.
"""

import json

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from exam.highlights import MAX_MARKS_PER_ATTEMPT, HighlightError, Mark, WordIndex, paint
from exam.models import Attempt, ExamText, Highlight, Question, QuestionScratch
from exam.services import StaleRevision, _ensure_open
from texts.models import Line

__all__ = [
    "HighlightError",
    "ScratchError",
    "StaleRevision",
    "paint_highlight",
    "save_scratch",
]

MAX_NOTE_LENGTH = 5000

# The pure core raises codes; what the pupil reads lives here, once.
ERROR_MESSAGES = {
    "bad-text": _("This text is not part of your exam."),
    "bad-position": _("That place is not in the text. Reload the page and try again."),
    "bad-colour": _("Choose one of the highlighter colours."),
    "too-many": _("You have made too many highlights. Remove some first."),
    "note-too-long": _("Your note is too long (at most %(limit)s characters)."),
    "bad-option": _("That option is not part of this question."),
}


class ScratchError(ValueError):
    """A note, strike-through or flag that cannot be stored; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def error_message(code: str) -> str:
    return str(ERROR_MESSAGES.get(code, ERROR_MESSAGES["bad-position"])) % {
        "limit": MAX_NOTE_LENGTH
    }


def highlight_data(highlights) -> list[dict]:
    """Marks as the page's script reads them."""
    return [
        {
            "text": h.text_id,
            "start": [h.start_line, h.start_word],
            "end": [h.end_line, h.end_word],
            "colour": h.colour,
        }
        for h in highlights
    ]


def attempt_highlights(attempt: Attempt) -> list[Highlight]:
    return list(
        attempt.highlights.order_by("text_id", "start_line", "start_word").only(
            "text_id", "start_line", "start_word", "end_line", "end_word", "colour"
        )
    )


def _word_index(text_id: int) -> WordIndex:
    rows = Line.objects.filter(text_id=text_id).values_list("number", "plain")
    return WordIndex({number: len(plain.split()) for number, plain in rows})


def paint_highlight(
    *,
    attempt: Attempt,
    text_id: int,
    start: tuple[int, int],
    end: tuple[int, int],
    colour: str | None,
) -> list[Highlight]:
    """Mark the words start..end (line, word) of a text in `colour`, or erase marks
    there when `colour` is None; returns all the attempt's marks afterwards.

    Raises HighlightError ("bad-text", "bad-position", "bad-colour", "too-many") and
    AttemptClosed (or TimeUp) when the attempt can no longer change.
    """
    if not ExamText.objects.filter(exam_id=attempt.exam_id, text_id=text_id).exists():
        raise HighlightError("bad-text")
    words = _word_index(text_id)
    first, last = words.offset(*start), words.offset(*end)
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        _ensure_open(locked)
        stored = list(Highlight.objects.filter(attempt=locked, text_id=text_id))
        marks = [
            Mark(
                words.offset(h.start_line, h.start_word),
                words.offset(h.end_line, h.end_word),
                h.colour,
            )
            for h in stored
        ]
        painted = paint(marks, start=first, end=last, colour=colour)
        others = Highlight.objects.filter(attempt=locked).exclude(text_id=text_id).count()
        if colour is not None and others + len(painted) > MAX_MARKS_PER_ATTEMPT:
            raise HighlightError("too-many")
        Highlight.objects.filter(attempt=locked, text_id=text_id).delete()
        rows = []
        for mark in painted:
            (start_line, start_word), (end_line, end_word) = (
                words.position(mark.start),
                words.position(mark.end),
            )
            rows.append(
                Highlight(
                    attempt=locked,
                    text_id=text_id,
                    start_line=start_line,
                    start_word=start_word,
                    end_line=end_line,
                    end_word=end_word,
                    colour=mark.colour,
                )
            )
        Highlight.objects.bulk_create(rows)
    return attempt_highlights(attempt)


def option_labels(question: Question) -> set[str]:
    return set(question.choices.filter(role="option").values_list("label", flat=True))


def save_scratch(
    *,
    attempt: Attempt,
    question: Question,
    note: str,
    is_flagged: bool,
    struck: list[str],
    revision: int,
) -> QuestionScratch:
    """Store the pupil's note, flag and struck-out options for one question.

    The browser sends the whole state with a revision that only grows; an older
    revision than the stored one raises StaleRevision (with the stored row) and
    changes nothing. Raises ScratchError ("note-too-long", "bad-option") and
    AttemptClosed (or TimeUp) when the attempt can no longer change.
    """
    if question.exam_id != attempt.exam_id:
        raise ValueError("question belongs to another exam")
    note = note.replace("\r\n", "\n")
    if len(note) > MAX_NOTE_LENGTH:
        raise ScratchError("note-too-long")
    struck = sorted(set(struck))
    if struck and not set(struck) <= option_labels(question):
        raise ScratchError("bad-option")
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        _ensure_open(locked)
        scratch, _created = QuestionScratch.objects.select_for_update().get_or_create(
            attempt=locked, question=question
        )
        if revision < scratch.revision:
            raise StaleRevision(scratch)
        scratch.note = note
        scratch.is_flagged = is_flagged
        scratch.struck = struck
        scratch.revision = revision
        scratch.save()
    return scratch


def scratch_data(attempt: Attempt) -> dict[int, dict]:
    """Every question's note, flag and struck options, by question number."""
    rows = attempt.scratches.values_list(
        "question__number", "note", "is_flagged", "struck", "revision"
    )
    return {
        number: {"note": note, "flagged": flagged, "struck": struck, "revision": revision}
        for number, note, flagged, struck, revision in rows
    }


# The exam page's tools data (highlight_data and scratch_data together) in one
# statement: the page asks on every visit, also when its content comes from the cache.
# Each row is a highlight ("h", with the mark's columns) or a question's scratch ("s",
# with its question's number and the scratch's columns); the other side's are NULL.
_TOOLS_SQL = (
    "SELECT 'h', h.text_id, h.start_line, h.start_word, h.end_line, h.end_word, h.colour,"
    " NULL, NULL, NULL, NULL, NULL FROM {highlight} h WHERE h.attempt_id = %s"
    " UNION ALL"
    " SELECT 's', NULL, NULL, NULL, NULL, NULL, NULL,"
    " q.number, s.note, s.is_flagged, CAST(s.struck AS TEXT), s.revision"
    " FROM {scratch} s INNER JOIN {question} q ON q.id = s.question_id WHERE s.attempt_id = %s"
    " ORDER BY 1, 2, 3, 4"
)


def tools_state(attempt: Attempt) -> tuple[list[dict], dict[int, dict]]:
    """highlight_data of the attempt's highlights and its scratch_data, in one query."""
    quote = connection.ops.quote_name
    sql = _TOOLS_SQL.format(
        highlight=quote(Highlight._meta.db_table),
        scratch=quote(QuestionScratch._meta.db_table),
        question=quote(Question._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [attempt.pk, attempt.pk])
        rows = cursor.fetchall()
    highlights: list[dict] = []
    scratches: dict[int, dict] = {}
    for row in rows:
        if row[0] == "h":
            highlights.append(
                {
                    "text": row[1],
                    "start": [row[2], row[3]],
                    "end": [row[4], row[5]],
                    "colour": row[6],
                }
            )
        else:
            number, note, flagged, struck, revision = row[7:]
            scratches[number] = {
                "note": note,
                "flagged": bool(flagged),
                "struck": json.loads(struck) if struck is not None else [],
                "revision": revision,
            }
    return highlights, scratches


def flagged_numbers(attempt: Attempt) -> list[int]:
    return sorted(
        attempt.scratches.filter(is_flagged=True).values_list("question__number", flat=True)
    )
