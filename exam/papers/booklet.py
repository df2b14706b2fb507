"""Read a question booklet ("opgaven") from its plain text (no Django).

The text is what pdfplumber gives of the PDF, or what a teacher pasted. The reader
works on lines:

1. **Clean.** Page furniture goes (the exam code "HA-1002-a-21-1-o", a page count
   "3 / 12", a bare page number, "lees verder ►►►", "einde"); a word broken at a line
   end ("samen-" / "vatting") is joined when its second part starts in lower case.
2. **Split.** A text heading "Tekst 2 Het nut van de nacht" starts a text (the lines
   under it up to the first question are its intro); "Lees bij de volgende vragen ..."
   starts a shared context; a question starts with its points and number ("2p 5
   Welke ...", or "2p" on a line of its own above "5 ..."). A booklet without any
   "2p" (a teacher's paste) may number questions "5", "5." or "Vraag 5", with the
   points as "(2p)"; a number only starts a question when it is the next one and does
   not continue a numbered list inside the question.
3. **Read each question.** Its lines are stem lines and lists: options "A".."F",
   numbered lines "1".., lettered lines "a"..; the kind follows from the stem's exam
   phrasing and the lists, in a fixed order (see `_classify`). A table to fill in
   ("Neem de tabel over ...") has its header row read apart from the stem and its
   rows placed by `_classify_table`.

Everything else the reader noticed but could not place goes into a question's `notes`
as (code, params): `points_missing`, `number_out_of_sequence` {expected},
`list_in_stem` {labels} (a list that is no choice, kept in the stem as printed),
`choose_not_found`, `statements_not_found`, `one_option`, `gaps_not_counted` (several
gaps that the question does not name), `several_targets_unclear` (matching: "meer dan
één" that may mean either several targets per item or a target used twice),
`word_limit_unplaced` {limit} (a question in parts whose limit names no part),
`word_limit_not_found`, `table_not_placed` {header} (a table whose rows fit no kind:
an open question, the rows kept in the stem), `table_columns_unclear` {header} (a
table made parts that may have more than one column to fill in). What is wrong with
the paper as a whole goes into `QuestionBooklet.problems`: `looks_like_marking_scheme`
{maximumscore_lines}, `other_subject`, `not_a_question_booklet` (texts, no questions:
the text booklet), `no_questions`, and the cover's figures against what was read:
`question_count_differs` and `points_total_differs` {printed, found}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exam.papers.tables import is_header_row, table_columns
from exam.papers.types import (
    HIGH,
    LOW,
    NONE,
    PaperChoice,
    PaperContext,
    PaperQuestion,
    PaperText,
    QuestionBooklet,
)

# --- cleaning -----------------------------------------------------------------------

# A furniture line holds only these, in any order: "HA-1002-a-21-1-o 2 / 4", "einde ■".
_FURNITURE_PART = re.compile(
    r"\s*(?:[A-Z]{2,3}-\d{3,4}-[a-z]-\d{2}-\d-[a-z]\*?"  # exam code HA-1002-a-21-1-o
    r"|\d{1,3}\s*/\s*\d{1,3}"  # page count 3 / 12
    r"|(?:pagina|blad)\s+\d{1,3}(?:\s+van\s+\d{1,3})?"
    r"|lees\s+verder|einde|[►▶■●]+)\s*",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_POINTS_ALONE = re.compile(r"^(\d{1,2})\s?p$")
# "samen-" + "vatting": not "hoofd-" + "en bijzaken".
_BROKEN_WORD = re.compile(r"[A-Za-zÀ-ÿ]-$")
_LOWER_START = re.compile(r"^[a-zà-ÿ]{2,}")
_KEEP_APART = {"en", "of", "tot", "als"}

# --- structure ----------------------------------------------------------------------

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

_LABELLED = {
    "upper": re.compile(r"^([A-F])(?:[.)]\s*|\s+)(\S.*)$"),
    "number": re.compile(r"^(\d{1,2})(?:[.)]\s*|\s+)(\S.*)$"),
    "lower": re.compile(r"^([a-h])(?:[.)]\s*|\s+)(\S.*)$"),
}
_FIRST_LABEL = {"upper": "A", "number": "1", "lower": "a"}
# A line after a list item that starts a new sentence of the stem, not the item's next line.
_STEM_AGAIN = re.compile(
    r"^(?:Noteer|Geef|Gebruik|Citeer|Schrijf|Let op|Licht|Leg|Vat|Zet|Welke?|Wat|Hoe|"
    r"Waarom|Wie|Waar|In welke|Bij welke|Kies|Verklaar|Beschrijf|Noem|Formuleer)\b"
    # "Een spreker kan bij meer dan één uitspraak horen." under the lists.
    r"|^(?:Een|Elke|Iedere)\s+\S+\s+(?:kan|kunnen|mag|mogen|hoeft|hoort)\b"
)
# In parts ("a Noem ...", "b Leg uit ..."), only "Noteer ..." ends the last part.
_STEM_AFTER_PARTS = re.compile(r"^(?:Noteer|Let op)\b")

# --- exam phrasing ------------------------------------------------------------------

_NUMBER_WORDS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "vijftien": 15,
    "twintig": 20,
    "vijfentwintig": 25,
    "dertig": 30,
    "vijfendertig": 35,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    "honderd": 100,
}
_COUNT = r"(twee|drie|vier|vijf|zes)"
_CITATION = re.compile(
    r"\bciteer\b|\b(?:schrijf|noteer)\s+(?:daarvan\s+)?(?:alleen\s+)?de\s+eerste\s+en\s+"
    r"(?:de\s+)?laatste\b"
)
# "Zet ... in de juiste volgorde", not "In welke volgorde ...? A 2-1-3 B ...".
_ORDERING = re.compile(
    r"\bzet\b.*\bvolgorde\b|\b(?:juiste|goede|juist|goed|chronologische)e?\s+volgorde\b"
)
_CHOOSE = re.compile(
    r"\bwelke\s+"
    + _COUNT
    + r"\b|\bnoteer\s+(?:alleen\s+)?de\s+(?:nummers|letters)\s+van\s+de\s+"
    + _COUNT
    + r"\b|\bnoteer\s+(?:alleen\s+)?de\s+"
    + _COUNT
    + r"\s+(?:nummers|letters)\b"
    r"|\b(?:noem|geef)\s+" + _COUNT + r"\b"
)
_NUMBERS_ONLY = re.compile(r"\bnoteer\s+(?:alleen\s+)?de\s+(?:nummers|letters)\b")
_ONE_NUMBER = re.compile(
    r"\bnoteer\s+(?:alleen\s+)?het\s+nummer\b|\bnoteer\s+(?:alleen\s+)?de\s+letter\b"
)
_PARAGRAPH = re.compile(
    r"\b(?:in\s+)?welke\s+alinea\b|\bnummer\s+van\s+de(?:ze)?\s+alinea\b|\balineanummer\b"
)
_GAP = re.compile(
    r"\bopen\s+plek(?:ken)?\b|\bop\s+de\s+(?:open\s+)?(?:plaats|plaatsen|puntjes)\b"
    r"|\bwelk(?:e)?\s+woord(?:en)?\b.*\b(?:past|passen)\b"
)
# "op de open plekken 1 en 2", "op de plaatsen 1, 2 en 3", "a, b en c", "1 tot en met 4".
_GAP_LABEL = r"(?:\d|[a-h])"
_SEVERAL_GAPS = re.compile(
    r"\b(?:plekken|plaatsen)\s+(?:(?P<list>"
    + _GAP_LABEL
    + r"(?:\s*,\s*"
    + _GAP_LABEL
    + r")*\s+en\s+"
    + _GAP_LABEL
    + r")\b|(?P<first>\d)\s*(?:-|–|t/m|tot\s+en\s+met)\s*(?P<last>\d)\b)"
)
# "Welke woorden passen op de open plekken?" without naming them: several, uncounted.
# "Welk woord past op de plaatsen 1 en 2?": one word in both places, one gap.
_ONE_WORD = re.compile(r"\bwelk\s+woord\b")
# Not "Welk woord past op beide plaatsen?": one word, one gap.
_GAPS_UNCOUNTED = re.compile(r"\bwoorden\b.*\b(?:plekken|plaatsen)\b")
# Matching: what the lists are called and which one the question goes through.
_LIST_NAMED = re.compile(
    r"\b([a-zé]{3,})\s*\(\s*(\d{1,2}|[a-h])\s*(?:-|–|t/m|tot\s+en\s+met)\s*(?:\d{1,2}|[a-h])\s*\)"
)
_LIST_COUNTED = re.compile(r"\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d)\s+([a-zé]{3,})\b")
_EACH_NOUN = re.compile(
    r"\b(?:(?:bij|van|voor|aan)\s+(?:elke|iedere|elk|ieder)|per)\s+"
    r"(?:van\s+de\s+(?:\w+\s+)?)?([a-zé]{3,})\b"
)
_WHICH_NOUN = re.compile(r"\baan\s+(?:bij\s+|door\s+|van\s+|met\s+)?welke?\s+([a-zé]{3,})\b")
_SEVERAL = re.compile(
    r"\b(?:meer\s+dan\s+(?:een|één)|meerdere|(?:een|één)\s+of\s+meer)\b"
    r"(?:\s+(?!of\b|en\b)(?P<noun>[a-zé]{3,}))?"
)
_TIMES = {"keer", "keren", "maal", "malen"}
# "in een of meer volledige zinnen" is about the answer, not the lists.
_NOT_LISTS = {"volledige", "hele", "zinnen"}
_SUMMARY = re.compile(r"\bvat\b.*\bsamen\b|\bsamenvatting\b")
_WORD_LIMIT = re.compile(
    r"\b(?:maximaal|ten\s+hoogste|hoogstens|niet\s+meer\s+dan)\s+(\d{1,3}|[a-zé]+)\s+woorden\b"
)
# A word limit for every part of a question in parts: "bij elk antwoord", "per
# onderdeel", "bij beide vragen", "voor a en b". Not "a en b samen": one limit for the
# parts together, which a question in parts cannot keep.
_COVERS_ALL = re.compile(
    r"^(?!.*\bsamen\b).*(?:\b(?:elk|ieder)e?\s+(?:antwoord|onderdeel|deel|deelvraag|vraag)\b"
    r"|\bper\s+(?:antwoord|onderdeel|deel|deelvraag)\b"
    r"|\bbeide\s+(?:antwoorden|onderdelen|delen|vragen|deelvragen)\b"
    r"|\b[a-h]\s+en\s+[a-h]\b)"
)
_FULL_SENTENCES = re.compile(
    r"\b(?:in\s+)?(?:een|één)\s+of\s+meer\s+(?:volledige|hele)\s+zinnen\b"
    r"|\bin\s+(?:een\s+)?(?:volledige|hele)\s+zin(?:nen)?\b"
)
_EACH = re.compile(r"\b(?:bij|van|voor)\s+(?:elke|iedere)\b|\bper\s+(?:bewering|uitspraak|zin)\b")
_QUOTED_PAIR = re.compile(
    r"['‘’\"“”]\s*([a-zé]+(?:\s[a-zé]+)?)\s*['‘’\"“”]\s+of\s+['‘’\"“”]\s*([a-zé]+(?:\s[a-zé]+)?)\s*['‘’\"“”]"
)
_KNOWN_PAIRS = [
    ("juist", "onjuist"),
    ("wel", "niet"),
    ("ja", "nee"),
    ("eens", "oneens"),
    ("feit", "mening"),
    ("waar", "niet waar"),
    ("voor", "tegen"),
]
_QUESTION_LIKE = re.compile(
    r"\?|\b(?:leg|licht)\b.*\b(?:uit|toe)\b|\b(?:geef|noem|beschrijf|verklaar|formuleer|"
    r"noteer|schrijf|citeer|vat|zet)\b"
)
# Exam instructions of a Dutch reading paper, for "is this another subject?".
_DUTCH_READING = re.compile(
    r"\bciteer\b|\balinea\b|\bnoteer\s+alleen\b|\bjuist\b.*\bonjuist\b|\bvolledige\s+zinnen\b"
    r"|\bmaximaal\s+\S+\s+woorden\b|\bregels?\s+\d|\bde\s+(?:schrijver|auteur)\b|\btekst\s+\d"
)
# A table to fill in: "Neem de tabel over op je antwoordblad", "Vul de tabel in".
_TABLE_WORDING = re.compile(r"\btabel\b|\bneem\b.*\bover\b")
_SENTENCE_END = re.compile(r"[.?!:]$")
_TARGET_LETTERS = "ABCDEFGHIJ"
_TARGET_NUMBERS = [str(n) for n in range(1, 11)]
_PARAGRAPH_COLUMN = re.compile(r"\balinea(?:nummer)?s?\b")
_QUESTION_COUNT = re.compile(r"\bbestaat\s+uit\s+(\d{1,2})\s+vragen\b", re.IGNORECASE)
_POINTS_TOTAL = re.compile(r"\bmaximaal\s+(\d{1,3})\s+punten\b", re.IGNORECASE)
_SCHEME_LINE = re.compile(r"^(?:\d{1,2}\s+)?maximumscore\s+\d", re.IGNORECASE)
_SCHEME_WORD = re.compile(r"\bcorrectievoorschrift\b|\bscoringsvoorschrift\b", re.IGNORECASE)


def read_question_booklet(text: str) -> QuestionBooklet:
    """The texts, contexts and questions of a question booklet's plain text."""
    lines = _clean(text)
    booklet = _Reader(lines).read()
    booklet.problems = _paper_problems(text, lines, booklet)
    return booklet


# --- cleaning -----------------------------------------------------------------------


def _clean(text: str) -> list[str]:
    """The booklet's lines, stripped, furniture gone, broken words joined; a blank
    line is kept as "" (it ends a list in a teacher's paste)."""
    kept: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.replace("\u00ad", "").split())
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if _is_furniture(line):
            continue
        if _BARE_NUMBER.match(line):
            previous = _last_content(kept)
            if previous is None or not _POINTS_ALONE.match(previous):
                continue  # a page number
        kept.append(line)
    joined: list[str] = []
    for line in kept:
        previous_index = _last_content_index(joined)
        if (
            line
            and previous_index is not None
            and _BROKEN_WORD.search(joined[previous_index])
            and _LOWER_START.match(line)
            and line.split()[0].rstrip(".,;:?!") not in _KEEP_APART
        ):
            # Blank lines between the parts were a page break.
            del joined[previous_index + 1 :]
            joined[previous_index] = joined[previous_index][:-1] + line
            continue
        joined.append(line)
    while joined and joined[-1] == "":
        joined.pop()
    return joined


def _is_furniture(line: str) -> bool:
    rest = line
    while rest:
        match = _FURNITURE_PART.match(rest)
        if not match or not match.group(0):
            return False
        rest = rest[match.end() :]
    return True


def _last_content(lines: list[str]) -> str | None:
    index = _last_content_index(lines)
    return None if index is None else lines[index]


def _last_content_index(lines: list[str]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index]:
            return index
    return None


# --- splitting ----------------------------------------------------------------------


@dataclass
class _Draft:
    number: int
    text_number: int
    points: int | None
    lines: list[str] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class _DraftContext:
    text_number: int
    lines: list[str]
    after: int  # how many questions came before it


class _Reader:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.margin = any(
            _POINTS_ALONE.match(line) or _MARGIN_QUESTION.match(line) for line in lines
        )
        self.texts: list[PaperText] = []
        self.drafts: list[_Draft] = []
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
            match = _POINTS_ALONE.match(line)
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
        if not match or _SCHEME_LINE.match(line):
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
            match = _LABELLED["number"].match(line)
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
                draft = _Draft(number, self.text_number, points)
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
        questions = [_read_question(draft) for draft in self.drafts]
        contexts: list[PaperContext] = []
        for draft_context in self.contexts:
            context = _place_context(draft_context, self.drafts)
            if context is not None:
                contexts.append(context)
        return QuestionBooklet(texts=self.texts, questions=questions, contexts=contexts)


def _place_context(context: _DraftContext, drafts: list[_Draft]) -> PaperContext | None:
    """The questions a shared context is for: those it names ("vraag 5 tot en met 7",
    "de volgende twee vragen"), else the ones after it up to the next text."""
    body = _flow(context.lines)
    lead = context.lines[0].lower()
    after = [d for d in drafts[context.after :] if d.text_number == context.text_number]
    found = _CONTEXT_RANGE.search(lead)
    if found:
        first = int(found[1])
        last = int(found[2]) if found[2] else first
        return PaperContext(first=first, last=max(first, last), body=body)
    if not after:
        return None
    counted = re.search(r"\bvolgende\s+" + _COUNT + r"\s+vragen\b", lead)
    if counted:
        count = _NUMBER_WORDS[counted[1]]
        return PaperContext(
            first=after[0].number, last=after[min(count, len(after)) - 1].number, body=body
        )
    return PaperContext(first=after[0].number, last=after[-1].number, body=body)


# --- reading one question -----------------------------------------------------------


@dataclass
class _Group:
    style: str
    items: list[list[str]]  # [label, content]


def _split_body(lines: list[str]) -> list[str | _Group]:
    """A question's lines as stem lines and labelled lists, in printed order."""
    entries: list[str | _Group] = []
    current: _Group | None = None
    for line in lines:
        if not line:
            current = None
            continue
        labelled = _match_label(line, current)
        if labelled is not None:
            style, label, content = labelled
            if current is not None and current.style == style:
                current.items.append([label, content])
            else:
                current = _Group(style, [[label, content]])
                entries.append(current)
            continue
        if current is not None:
            ends = _STEM_AFTER_PARTS if current.style == "lower" else _STEM_AGAIN
            if not ends.match(line):
                current.items[-1][1] = _join(current.items[-1][1], line)
                continue
            current = None
        entries.append(line)
    return entries


def _match_label(line: str, current: _Group | None) -> tuple[str, str, str] | None:
    for style, pattern in _LABELLED.items():
        match = pattern.match(line)
        if not match:
            continue
        label = match[1]
        continues = current is not None and current.style == style
        if continues and label == _next_label(current.items[-1][0]):
            return style, label, match[2]
        if label == _FIRST_LABEL[style]:
            return style, label, match[2]
    return None


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _join(left: str, right: str) -> str:
    """Two printed lines as one: "samen-" "vatting" is a word broken at the line end,
    "Noord-" "Holland" a hyphenated word, "hoofd-" "en bijzaken" two words."""
    if _BROKEN_WORD.search(left) and right.split()[0].rstrip(".,;:?!") not in _KEEP_APART:
        if _LOWER_START.match(right):
            return left[:-1] + right
        if right[0].isupper():
            return left + right
    return f"{left} {right}"


def _flow(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if line:
            text = _join(text, line) if text else line
    return text


def _read_question(draft: _Draft) -> PaperQuestion:
    entries = _split_body(draft.lines)
    # A table's header row is no prose of the stem: it is read apart (see _classify_table).
    header_at = _table_header(entries)
    header = entries.pop(header_at) if header_at is not None else ""
    groups = [entry for entry in entries if isinstance(entry, _Group)]
    low = _flow([entry for entry in entries if isinstance(entry, str)]).lower()
    question = PaperQuestion(
        number=draft.number,
        text_number=draft.text_number,
        points=draft.points,
        stem="",
        kind="open",
        notes=list(draft.notes),
    )
    question.word_limit = _word_limit(low)
    question.full_sentences = bool(_FULL_SENTENCES.search(low))
    question.table = table_columns(header) if header else ()
    used = _classify(question, low, groups)
    if question.table and not used:
        used = _table_not_placed(question)
    if question.kind == "parts":
        entries = _place_part_limits(question, entries, used[0])
    if header_at is not None and question.kind not in _TABLE_WIDGETS:
        # The pupil needs the columns to know what goes in each box (parts), or to read
        # the rows kept in the stem (a table not placed).
        entries.insert(header_at, f"(tabel: {' | '.join(question.table)})")
    # A list that is no choice stays in the stem as printed ("1 ...", "2 ..."), so
    # nothing is lost, and the review report names it.
    lines: list[tuple[bool, str]] = []
    for entry in entries:
        if isinstance(entry, str):
            lines.append((False, entry))
        elif not any(entry is group for group in used):
            printed = "\n".join(f"{label} {content}" for label, content in entry.items)
            lines.append((True, printed))
            question.notes.append(("list_in_stem", {"labels": [label for label, _ in entry.items]}))
    question.stem = _flow_blocks(lines)
    return question


# The kinds whose widget is the table itself: statements (a row per statement, a
# column per answer word) and matching (a row per item, its answer chosen from the
# targets listed above). Their header row is dropped from the stem.
_TABLE_WIDGETS = ("statements", "matching")


def _table_header(entries: list[str | _Group]) -> int | None:
    """Where a table's header row stands among a question's lines: a short line of
    column headings ("bewering juist / onjuist", "argument alinea") right before the
    rows, after a sentence of the stem, in a question that speaks of a table ("Neem
    de tabel over ...", "Vul de tabel in"). None when there is none."""
    stem = _flow([entry for entry in entries if isinstance(entry, str)]).lower()
    if not _TABLE_WORDING.search(stem):
        return None
    for index in range(1, len(entries) - 1):
        before, line, after = entries[index - 1], entries[index], entries[index + 1]
        if not (isinstance(before, str) and isinstance(line, str) and isinstance(after, _Group)):
            continue
        if is_header_row(line) and _SENTENCE_END.search(before) and not _STEM_AGAIN.match(line):
            return index
    return None


def _table_values(columns: tuple[str, ...], low: str) -> tuple[str, ...]:
    """The answer words a table offers in its columns: one heading "juist / onjuist"
    ("argument / tegenargument", "oorzaak / gevolg / oplossing"), or the headings
    after the first when they are a known pair or the question names them as
    alternatives ("... of het een argument of een tegenargument is"); () for none."""
    for column in columns[1:]:
        if "/" in column:
            words = tuple(word.strip().lower() for word in column.split("/") if word.strip())
            if len(words) >= 2 and len(set(words)) == len(words):
                return words
    rest = tuple(column.lower() for column in columns[1:])
    if len(rest) < 2 or any(len(column.split()) > 1 for column in rest):
        return ()
    if rest in _KNOWN_PAIRS:
        return rest
    named = r"\b.*\b".join(re.escape(column) for column in rest[:-1])
    last = re.escape(rest[-1])
    if re.search(rf"\b{named}\b.*\bof\s+(?:een\s+|de\s+|het\s+)?{last}\b", low):
        return rest
    return ()


def _classify_table(question: PaperQuestion, low: str, groups: list[_Group]) -> list[_Group] | None:
    """A table with one list of rows, to the kind that scores it:

    - a row per statement with a pair of answer words ("juist / onjuist" in the stem
      or the header; "argument / tegenargument") -> statements with that pair;
    - three or more answer words ("oorzaak / gevolg / oplossing") -> matching with
      those words as its targets;
    - a paragraph number per row ("het nummer van de alinea", a column "alinea") ->
      matching whose targets are the text's paragraphs (`paragraph_targets`: the
      builder adds them);
    - a free text per row ("Noteer in de tabel het gevolg") -> parts, a part per row
      (the builder labels them a, b, c as the parts kind does); uncertain, with a
      note, when the header seems to have more than one column to write in.

    None when the table's rows are not one list (two lists: read as usual); [] when
    they cannot be placed."""
    if len(groups) != 1:
        return None
    rows = groups[0]
    values = _statement_values(low) or _table_values(question.table, low)
    if len(values) == 2:
        question.kind, question.certainty = "statements", HIGH
        question.statement_values = (values[0], values[1])
        question.choices = _choices("statement", rows)
        return [rows]
    if values:
        question.kind, question.certainty = "matching", HIGH
        labels = _TARGET_LETTERS if rows.style == "number" else _TARGET_NUMBERS
        question.choices = _choices("item", rows) + [
            PaperChoice(role="target", label=label, content=value)
            for label, value in zip(labels, values, strict=False)
        ]
        return [rows]
    if _paragraph_rows(question, low, rows, table=True):
        return [rows]
    if len(rows.items) < 2:
        return []
    question.kind, question.certainty = "parts", HIGH
    if len(question.table) != 2:
        question.certainty = LOW
        question.notes.append(("table_columns_unclear", {"header": " | ".join(question.table)}))
    question.parts = [(label, content) for label, content in rows.items]
    return [rows]


def _paragraph_rows(question: PaperQuestion, low: str, rows: _Group, *, table: bool) -> bool:
    """A paragraph number per row ("Noteer bij elk argument het nummer van de alinea
    waarin het staat", or a table's column "alinea"): matching whose targets are the
    text's paragraphs. Without a table only for rows that are no options (A-D) and a
    question that goes through them ("bij elk argument")."""
    column = _PARAGRAPH_COLUMN.search(question.table[-1].lower()) if table else None
    asked = _PARAGRAPH.search(low) and (table or (_EACH_NOUN.search(low) and rows.style != "upper"))
    if not (column or asked) or len(rows.items) < 2:
        return False
    question.kind, question.certainty = "matching", HIGH
    question.paragraph_targets = True
    question.choices = _choices("item", rows)
    return True


def _table_not_placed(question: PaperQuestion) -> list[_Group]:
    """A table the reader cannot place: an open question with its rows kept in the stem,
    for the teacher."""
    question.kind, question.certainty = "open", NONE
    question.choices, question.parts = [], []
    question.notes.append(("table_not_placed", {"header": " | ".join(question.table)}))
    return []


def _place_part_limits(
    question: PaperQuestion, entries: list[str | _Group], group: _Group
) -> list[str | _Group]:
    """Give a question in parts its word limits where the booklet puts them.

    A limit in a part's own text is that part's ("b Leg uit ... Gebruik maximaal 20
    woorden."). A limit covers every part only when it says so ("Gebruik bij elk
    antwoord maximaal 20 woorden"), after the last part (such a sentence is moved
    from the last part's text to the question's) or, as clearly, above the parts. Any
    other limit outside the parts ("Gebruik maximaal 20 woorden." above them, "a en b
    samen") is left for the teacher (note `word_limit_unplaced`): a part's own limit
    given to every part would cost pupils points the exam does not take. Returns the
    entries, with a moved sentence right after the parts."""
    at = next(i for i, entry in enumerate(entries) if entry is group)
    before = _flow([e for e in entries[:at] if isinstance(e, str)]).lower()
    after = _flow([e for e in entries[at + 1 :] if isinstance(e, str)]).lower()
    overall: int | None = None
    moved: list[str] = []
    limits: dict[str, int] = {}
    parts = list(question.parts)
    for index, (label, content) in enumerate(parts):
        sentence = _limit_sentence(content)
        if sentence is None:
            continue
        limit = _word_limit(sentence.lower())
        if index == len(parts) - 1 and _COVERS_ALL.search(sentence.lower()):
            overall = limit
            moved.append(sentence)
            parts[index] = (label, " ".join(content.replace(sentence, "").split()))
        elif limit:
            limits[label] = limit
    for outside in (after, before):
        if overall is None and _word_limit(outside) and _COVERS_ALL.search(outside):
            overall = _word_limit(outside)
    unplaced = [
        limit for limit in (_word_limit(before), _word_limit(after)) if limit and limit != overall
    ]
    for limit in unplaced:
        question.notes.append(("word_limit_unplaced", {"limit": limit}))
        question.certainty = LOW
    question.parts = parts
    question.part_word_limits = limits
    question.word_limit = overall
    return [*entries[: at + 1], *moved, *entries[at + 1 :]]


def _limit_sentence(content: str) -> str | None:
    """The sentence of a part's text that sets a word limit, as printed."""
    for sentence in re.split(r"(?<=[.!?])\s+", content):
        if _WORD_LIMIT.search(sentence.lower()):
            return sentence
    return None


def _flow_blocks(lines: list[tuple[bool, str]]) -> str:
    """Stem lines flowed into one line; a list kept in the stem (True) stays on lines
    of its own."""
    blocks: list[str] = []
    flowing = False
    for is_list, line in lines:
        if is_list:
            blocks.append(line)
            flowing = False
        elif flowing:
            blocks[-1] = _join(blocks[-1], line)
        else:
            blocks.append(line)
            flowing = True
    return "\n".join(blocks)


def _word_limit(low: str) -> int | None:
    match = _WORD_LIMIT.search(low)
    if not match:
        return None
    value = match[1]
    return int(value) if value.isdigit() else _NUMBER_WORDS.get(value)


def _count(match: re.Match) -> int:
    word = next(group for group in match.groups() if group)
    return _NUMBER_WORDS[word]


def _choices(role: str, group: _Group) -> list[PaperChoice]:
    return [PaperChoice(role=role, label=label, content=content) for label, content in group.items]


def _classify(question: PaperQuestion, low: str, groups: list[_Group]) -> list[_Group]:
    """Set the kind, certainty, choices and kind-specific instructions; return the
    lists that became choices or parts.

    The order matters: the exam phrasing that names a kind exactly comes first, then
    the lists (matching needs two, a choice among options one), then the phrasings that
    need no list, and an open question last."""
    upper = [g for g in groups if g.style == "upper"]
    lower = [g for g in groups if g.style == "lower"]
    numbered = [g for g in groups if g.style == "number"]
    # Options A-F before a numbered list: "1 ... 2 ..." then "A alleen 1, B alleen 2".
    options = upper + numbered
    choose = _CHOOSE.search(low)

    def kind(code: str, certainty: str = HIGH) -> None:
        question.kind = code
        question.certainty = certainty

    if question.table:
        placed = _classify_table(question, low, groups)
        if placed is not None:
            return placed
    if _CITATION.search(low):
        kind("citation")
        return []
    values = _statement_values(low)
    if values is not None and (groups or _EACH.search(low)):
        question.statement_values = values
        listed = numbered + upper + lower
        if listed:
            kind("statements")
            question.choices = _choices("statement", listed[0])
            return listed[:1]
        kind("statements", LOW)
        question.notes.append(("statements_not_found", {}))
        return []
    if _ORDERING.search(low) and groups and not (upper and numbered):
        group = groups[0]
        kind("ordering", HIGH if len(group.items) >= 2 else LOW)
        question.choices = _choices("item", group)
        return [group]
    items = lower or (upper if _EACH.search(low) else [])
    if items and numbered:
        kind("matching")
        item_group, target_group, item_noun, target_noun = _matching_sides(
            low, items[0], numbered[0], groups
        )
        question.choices = _choices("item", item_group) + _choices("target", target_group)
        multiple = _several_targets(low, item_noun, target_noun)
        if multiple is None:
            question.multiple = True
            kind("matching", LOW)
            question.notes.append(("several_targets_unclear", {}))
        else:
            question.multiple = multiple
        return [items[0], numbered[0]]
    if len(groups) == 1 and _paragraph_rows(question, low, groups[0], table=False):
        return groups
    if options and (choose or _NUMBERS_ONLY.search(low)):
        group = options[0]
        question.choices = _choices("option", group)
        if choose:
            question.choose = _count(choose)
            kind("multi")
        else:
            kind("multi", LOW)
            question.notes.append(("choose_not_found", {}))
        return [group]
    if options:
        group = options[0]
        question.choices = _choices("option", group)
        sure = group.style == "upper" or _ONE_NUMBER.search(low)
        kind("mc", HIGH if sure and len(group.items) >= 2 else LOW)
        if len(group.items) < 2:
            question.notes.append(("one_option", {}))
        return [group]
    if _PARAGRAPH.search(low):
        kind("paragraph")
        return []
    if _GAP.search(low):
        kind("gap")
        question.gaps = _gap_labels(low)
        if not question.gaps and _GAPS_UNCOUNTED.search(low):
            kind("gap", LOW)
            question.notes.append(("gaps_not_counted", {}))
        return []
    if _SUMMARY.search(low):
        if question.word_limit is None:
            kind("summary", LOW)
            question.notes.append(("word_limit_not_found", {}))
        else:
            kind("summary")
        return []
    if lower and len(lower[0].items) >= 2:
        kind("parts")
        question.parts = [(label, content) for label, content in lower[0].items]
        return [lower[0]]
    if choose:
        question.choose = _count(choose)
    kind("open", LOW if _QUESTION_LIKE.search(low) else NONE)
    return []


def _noun_forms(word: str) -> set[str]:
    """A noun and the noun without a plural ending, long vowels written single."""
    word = word.lower()
    forms = {word} | {word[: -len(e)] for e in ("en", "s", "n") if word.endswith(e)}
    return {re.sub(r"([aeiou])\1", r"\1", form) for form in forms if len(form) >= 3}


def _same_noun(first: str | None, second: str | None) -> bool:
    """Whether the booklet names one thing twice, singular or plural: "uitspraken" ~
    "uitspraak", "sprekers" ~ "spreker", "personen" ~ "persoon", "deskundigen" ~
    "deskundige"."""
    return bool(first and second) and bool(_noun_forms(first) & _noun_forms(second))


def _group_nouns(low: str, letters: _Group, numbers: _Group, groups: list[_Group]) -> dict:
    """What the booklet calls each list: {"letters": "sprekers", "numbers": "uitspraken"},
    from "vier uitspraken (1-4) en drie sprekers (A-C)": the labels in brackets, else
    the counts ("vier uitspraken" for the list of four), else the order the nouns are
    named in, which is the order the lists are printed in."""
    nouns: dict[str, str] = {}
    for noun, first in _LIST_NAMED.findall(low):
        nouns.setdefault("numbers" if first.isdigit() else "letters", noun)
    if len(nouns) == 2:
        return nouns
    counted = [
        (_NUMBER_WORDS.get(count) or int(count), noun) for count, noun in _LIST_COUNTED.findall(low)
    ]
    sizes = {"letters": len(letters.items), "numbers": len(numbers.items)}
    if sizes["letters"] != sizes["numbers"]:
        for count, noun in counted:
            side = next((side for side, size in sizes.items() if size == count), None)
            if side is not None:
                nouns.setdefault(side, noun)
    elif len(counted) == 2 and not nouns:
        first = "letters" if groups.index(letters) < groups.index(numbers) else "numbers"
        second = "numbers" if first == "letters" else "letters"
        nouns = {first: counted[0][1], second: counted[1][1]}
    return nouns


def _matching_sides(
    low: str, letters: _Group, numbers: _Group, groups: list[_Group]
) -> tuple[_Group, _Group, str | None, str | None]:
    """(items, targets, what the items are called, what the targets are called).

    Lettered items with numbered targets, unless the wording says the numbered list
    holds the items: "Hieronder staan vier uitspraken (1-4) en drie sprekers (A-C).
    Geef bij elke uitspraak aan ..."."""
    nouns = _group_nouns(low, letters, numbers, groups)
    each = _EACH_NOUN.search(low)
    item_noun = each[1] if each else None
    asked = _WHICH_NOUN.search(low)
    target_noun = asked[1] if asked else None
    by_numbers = _same_noun(item_noun, nouns.get("numbers")) or _same_noun(
        target_noun, nouns.get("letters")
    )
    by_letters = _same_noun(item_noun, nouns.get("letters")) or _same_noun(
        target_noun, nouns.get("numbers")
    )
    if by_numbers and not by_letters:
        items, targets = ("numbers", numbers), ("letters", letters)
    else:
        items, targets = ("letters", letters), ("numbers", numbers)
    return (
        items[1],
        targets[1],
        item_noun or nouns.get(items[0]),
        target_noun or nouns.get(targets[0]),
    )


def _several_targets(low: str, item_noun: str | None, target_noun: str | None) -> bool | None:
    """Whether an item may have several targets: "Een deskundige kan bij meer dan één
    uitspraak horen" when the deskundigen are the items; not when the uitspraken are
    (then one target serves several items, which every matching allows) nor for "meer
    dan één keer". None: "meer dan één" of something the booklet does not name."""
    found = next(
        (m for m in _SEVERAL.finditer(low) if m["noun"] not in _NOT_LISTS),
        None,
    )
    if not found:
        return False
    noun = found["noun"]
    if noun is None:
        return True  # "welke standpunten (meer dan één, of geen)": beside the targets
    if noun in _TIMES or _same_noun(noun, item_noun):
        return False
    if _same_noun(noun, target_noun):
        return True
    return None


def _gap_labels(low: str) -> list[str]:
    """The gaps a question names, as printed: "op de open plekken 1 en 2" -> ["1", "2"],
    "plaatsen a, b en c" -> ["a", "b", "c"], "plaatsen 1 tot en met 4" -> 1..4; [] for
    one gap."""
    match = _SEVERAL_GAPS.search(low)
    if not match or _ONE_WORD.search(low):
        return []
    if match["list"]:
        return re.findall(_GAP_LABEL, match["list"].replace(" en ", " "))
    first, last = int(match["first"]), int(match["last"])
    return [str(n) for n in range(first, last + 1)] if last > first else []


def _statement_values(low: str) -> tuple[str, str] | None:
    """The pair of words a statement is marked with: "‘juist’ of ‘onjuist’", "wel of niet"."""
    quoted = _QUOTED_PAIR.search(low)
    if quoted:
        return quoted[1], quoted[2]
    for first, second in _KNOWN_PAIRS:
        if re.search(rf"\b{first}\s+of\s+{second}\b", low):
            return first, second
    return None


# --- the paper as a whole -----------------------------------------------------------


def _paper_problems(
    text: str, lines: list[str], booklet: QuestionBooklet
) -> list[tuple[str, dict]]:
    problems: list[tuple[str, dict]] = []
    scheme_lines = sum(1 for line in lines if _SCHEME_LINE.match(line))
    if scheme_lines or _SCHEME_WORD.search(text):
        problems.append(("looks_like_marking_scheme", {"maximumscore_lines": scheme_lines}))
    # Another subject: some text (a few stray words are just too little to tell), no
    # "Tekst n" headings and no phrase of a Dutch reading paper.
    enough = bool(booklet.questions) or len(text.split()) >= 30
    if (
        enough
        and not booklet.texts
        and not scheme_lines
        and not _DUTCH_READING.search(text.lower())
    ):
        problems.append(("other_subject", {}))
    if not booklet.questions:
        if booklet.texts and not scheme_lines:
            # "Tekst 1 ..." headings and no question: the text booklet ("bijlage").
            problems.append(("not_a_question_booklet", {}))
        problems.append(("no_questions", {}))
    printed = _QUESTION_COUNT.search(text)
    if booklet.questions and printed and int(printed[1]) != len(booklet.questions):
        # The cover's "Dit examen bestaat uit 24 vragen": a question was not found.
        found = len(booklet.questions)
        problems.append(("question_count_differs", {"printed": int(printed[1]), "found": found}))
    total = _POINTS_TOTAL.search(text)
    points = [q.points for q in booklet.questions]
    if points and None not in points and total and int(total[1]) != sum(points):
        # The cover's "maximaal 49 punten": a question or its points were not found.
        problems.append(("points_total_differs", {"printed": int(total[1]), "found": sum(points)}))
    return problems
