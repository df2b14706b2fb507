"""Step 2 of reading a question booklet: its lines split into texts, shared contexts
and questions (no Django).

A text heading "Tekst 2 Het nut van de nacht" starts a text (the lines under it up to
the first question are its intro); "Lees bij de volgende vragen ..." starts a shared
context; a question starts with its points and number ("2p 5 Welke ...", or "2p" on a
line of its own above "5 ..."). A booklet without any "2p" (a teacher's paste) may
number questions "5", "5." or "Vraag 5", with the points as "(2p)"; a number only
starts a question when it is the next one and does not continue a numbered list
inside the question. Each question's lines are read by `question.read_question`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exam.papers.booklet.lines import POINTS_ALONE, flow
from exam.papers.booklet.lists import LABELLED
from exam.papers.booklet.paper import SCHEME_LINE
from exam.papers.booklet.phrasing import COUNT
from exam.papers.booklet.question import Draft, read_question
from exam.papers.dutch import NUMBER_WORDS
from exam.papers.types import PaperContext, PaperText, QuestionBooklet

_TEXT_HEADING = re.compile(r"^Tekst\s+(\d{1,2})(?:\s*[:.-]?\s+(\S.*))?$")
# "Lees bij de volgende (twee) vragen ...", "Lees bij vraag 5 ...": not "Lees alinea 3
# opnieuw. Welke vraag ..." inside a question.
_CONTEXT_START = re.compile(
    r"^Lees\b.*\bbij\s+(?:de\s+)?(?:volgende\s+)?(?:\w+\s+)?vra(?:ag|gen)\b", re.IGNORECASE
)
_CONTEXT_RANGE = re.compile(
    r"\bvra(?:ag|gen)\s+(\d{1,2})(?:\s*(?:tot\s+en\s+met|t/m|-|–|en)\s*(\d{1,2}))?",
    re.IGNORECASE,
)
# "2p 5 Welke ..." (the margin), "2p 5" (text on the next line).
_MARGIN_QUESTION = re.compile(r"^(\d{1,2})\s?p\s+(\d{1,2})(?:\s+(\S.*))?$")
_NUMBER_LINE = re.compile(r"^(\d{1,2})(?:\s+(\S.*))?$")
# A teacher's paste: "Vraag 5 (2p) Welke ...", "5. Welke ... (2 punten)".
_PASTED_QUESTION = re.compile(
    r"^(?:(vraag)\s+(\d{1,2})|(\d{1,2})[.)]?)(?:\s*[:.]?\s*(\S.*))?$", re.IGNORECASE
)
_PASTED_POINTS = re.compile(r"[(\[]\s*(\d{1,2})\s*(?:p|pt|punt|punten)\s*[)\]]", re.IGNORECASE)


@dataclass
class _DraftContext:
    text_number: int
    lines: list[str]
    after: int  # how many questions came before it


class Reader:
    """Goes through the lines once, each to a text's intro, a context or a question."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.margin = any(
            POINTS_ALONE.match(line) or _MARGIN_QUESTION.match(line) for line in lines
        )
        self.texts: list[PaperText] = []
        self.drafts: list[Draft] = []
        self.contexts: list[_DraftContext] = []
        self.text_number = 0
        # Where lines go: ("cover"), ("intro", heading index), ("context", ctx), ("question", draft)
        self.target: tuple = ("cover",)

    # A question start at index i: (number, points, first text, lines used) or None.
    def _question_at(self, i: int) -> tuple[int, int | None, str, int] | None:
        line = self.lines[i]
        expected = self.drafts[-1].number + 1 if self.drafts else None
        if self.margin:
            match = _MARGIN_QUESTION.match(line)
            if match:
                return int(match[2]), int(match[1]), match[3] or "", 1
            match = POINTS_ALONE.match(line)
            if match:
                after = i + 1
                while after < len(self.lines) and not self.lines[after]:
                    after += 1
                number = _NUMBER_LINE.match(self.lines[after]) if after < len(self.lines) else None
                if number:
                    return int(number[1]), int(match[1]), number[2] or "", after - i + 1
            pasted = _PASTED_QUESTION.match(line)
            if pasted and pasted[1]:
                return self._pasted(pasted)
            # The margin lost its points: the next number, no list going on, a sentence.
            number = _NUMBER_LINE.match(line)
            if (
                number
                and number[2]
                and number[2][0].isupper()
                and int(number[1]) == (expected or 1)
                and not self._continues_list(int(number[1]))
            ):
                return int(number[1]), None, number[2], 1
            return None
        match = _PASTED_QUESTION.match(line)
        if not match or SCHEME_LINE.match(line):
            return None
        number = int(match[2] or match[3])
        rest = match[4] or ""
        explicit = bool(match[1])
        if not explicit:
            if not rest:
                return None
            if expected is None and number != 1:
                return None
            if expected is not None and number != expected:
                return None
            if self._continues_list(number):
                return None
        return self._pasted(match)

    def _pasted(self, match: re.Match) -> tuple[int, int | None, str, int]:
        """A teacher's "Vraag 5 (2p) Welke ..." or "5. Welke ... (2 punten)"."""
        number = int(match[2] or match[3])
        rest = match[4] or ""
        points = _PASTED_POINTS.search(rest)
        if points:
            rest = (rest[: points.start()] + rest[points.end() :]).strip()
        return number, int(points[1]) if points else None, rest, 1

    def _continues_list(self, number: int) -> bool:
        """Whether a numbered line continues a list in the current question."""
        if self.target[0] != "question":
            return False
        last = None
        for line in self.target[1].lines:
            if not line:
                last = None
                continue
            match = LABELLED["number"].match(line)
            if match and (int(match[1]) == 1 or (last is not None and int(match[1]) == last + 1)):
                last = int(match[1])
        return last is not None and number == last + 1

    def read(self) -> QuestionBooklet:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            heading = _TEXT_HEADING.match(line)
            if heading and int(heading[1]) > self.text_number:
                i = self._start_text(i, int(heading[1]), heading[2] or "")
                continue
            if _CONTEXT_START.match(line):
                context = _DraftContext(self.text_number, [line], len(self.drafts))
                self.contexts.append(context)
                self.target = ("context", context)
                i += 1
                continue
            start = self._question_at(i)
            if start is not None:
                number, points, first, used = start
                draft = Draft(number, self.text_number, points)
                if self.drafts and number != self.drafts[-1].number + 1:
                    draft.notes.append(
                        ("number_out_of_sequence", {"expected": self.drafts[-1].number + 1})
                    )
                if points is None:
                    draft.notes.append(("points_missing", {}))
                if first:
                    draft.lines.append(first)
                self.drafts.append(draft)
                self.target = ("question", draft)
                i += used
                continue
            self._add(line)
            i += 1
        return self._booklet()

    def _start_text(self, i: int, number: int, title: str) -> int:
        self.text_number = number
        i += 1
        if not title:
            while i < len(self.lines) and not self.lines[i]:
                i += 1
            if i < len(self.lines) and not self._starts_something(i):
                title = self.lines[i]
                i += 1
        self.texts.append(PaperText(number=number, title=title))
        self.target = ("intro", len(self.texts) - 1)
        return i

    def _starts_something(self, i: int) -> bool:
        line = self.lines[i]
        return bool(_TEXT_HEADING.match(line) or _CONTEXT_START.match(line) or self._question_at(i))

    def _add(self, line: str) -> None:
        kind = self.target[0]
        if kind == "question" or kind == "context":
            self.target[1].lines.append(line)
        elif kind == "intro" and line:
            index = self.target[1]
            old = self.texts[index]
            intro = f"{old.intro} {line}".strip()
            self.texts[index] = PaperText(number=old.number, title=old.title, intro=intro)
        # The cover page before the first text or question is not read.

    def _booklet(self) -> QuestionBooklet:
        questions = [read_question(draft) for draft in self.drafts]
        contexts: list[PaperContext] = []
        for draft_context in self.contexts:
            context = _place_context(draft_context, self.drafts)
            if context is not None:
                contexts.append(context)
        return QuestionBooklet(texts=self.texts, questions=questions, contexts=contexts)


def _place_context(context: _DraftContext, drafts: list[Draft]) -> PaperContext | None:
    """The questions a shared context is for: those it names ("vraag 5 tot en met 7",
    "de volgende twee vragen"), else the ones after it up to the next text."""
    body = flow(context.lines)
    lead = context.lines[0].lower()
    after = [d for d in drafts[context.after :] if d.text_number == context.text_number]
    found = _CONTEXT_RANGE.search(lead)
    if found:
        first = int(found[1])
        last = int(found[2]) if found[2] else first
        return PaperContext(first=first, last=max(first, last), body=body)
    if not after:
        return None
    counted = re.search(r"\bvolgende\s+" + COUNT + r"\s+vragen\b", lead)
    if counted:
        count = NUMBER_WORDS[counted[1]]
        return PaperContext(
            first=after[0].number, last=after[min(count, len(after)) - 1].number, body=body
        )
    return PaperContext(first=after[0].number, last=after[-1].number, body=body)
