"""Reading a marking scheme ("correctievoorschrift") as plain text (issue 12).

`read_marking_scheme(text)` takes the text pdfplumber gives of the PDF, or text pasted
out of it, and returns a `MarkingScheme`: per question number a `SchemeEntry` with the
maximum score, the model answer as printed, and what the reader recognised in it.

How the text is read:

- **Page furniture** is dropped first: exam codes ("HA-1002-a-21-1-c"), "lees verder
  ►►►", page numbers next to those (or alone beside a page break "\\f"), the column
  header "Vraag Antwoord Scores", and a closing "einde" after the last question.
- **The general rules** before the first question are skipped: reading starts at the
  first "n maximumscore m" line (also "n  maximumscore m", the number alone on the line
  before "maximumscore m", and the short "n C" form of a one-point multiple-choice
  question), and stops at "Aanleveren scores", "Inzenden scores" or "Bronvermeldingen".
  A "Tekst n ..." heading right before a question is left out of the answers.
- **Per question**, the lines up to the next question are its model answer, kept as
  printed. In it the reader recognises, in this order:
  - scored elements: a bullet "• ... 1" with the points at the right end of its line
    (an element may run over several lines before its points); a part "a ... 1" or
    "a" followed by bullets gives the elements of that part (`SchemeElement.part`);
  - score tables: "indien zes goed 3", "indien vier of minder goed 0" (down to 0),
    "indien drie of meer goed 2" (up to the number of answers);
  - "Opmerking(en)" paragraphs, kept in `remarks`; "Alleen de eerste twee ...
    beoordelen" sets `first_n`; a word-limit or full-sentence deduction sentence is
    kept in `remarks` and noted (`word_limit` with `limit` and `over_limit` as the exam
    file stores it: {"deduct": 1}, {"per_words": 5, "deduct": 1} or "zero";
    `full_sentences` with `deduct`);
  - without elements, the answer itself: a key letter ("C"), several keys ("2, 4",
    "B en D"), an order ("C, A, D, B": a permutation of A.. or 1.., not ascending, as
    answers [("1", "C"), ("2", "A"), ...]), rows ("1 juist", "a 3", "1 rust"; also on
    one line) as answers, including an item's several targets ("a 1, 3", "1 A en C",
    "A 1, 3", an item on two rows, "c geen": see `targets_of`) and a gap's words
    ("plek 1: rust / stilte": see `split_accepted`), "alinea 5" (accepted ["5"]), a quotation with its lines
    ("“...” (regels 4-5)", quotation and lines "4-5"; "first … last" kept with one
    ellipsis "…"), or a list of accepted answers ("− rust" lines, "rust / stilte").

Certainty per entry: "high" for a form read exactly, "low" when the reader guessed or
something does not add up (then a note says what), "none" when no form was found (the
model answer is still kept for the teacher). Notes are (code, params):

| code | params | when |
|---|---|---|
| `word_limit` | limit, over_limit | a deduction for going over a word limit |
| `word_limit_unread` | sentence | a word-limit sentence whose deduction was not read |
| `full_sentences` | deduct | a deduction for an answer not in full sentences |
| `elements_total` | total, max | the elements' points do not add up to the maximum |
| `element_without_points` | text | a bullet that never got its points |
| `table_max` | best, max | the table's best points are not the maximum |
| `table_count` | top, count | the table's best count is not the number of answers |
| `table_incomplete` | missing | counts the table does not give points for |
| `table_not_rising` | | more right answers would earn fewer points |
| `per_correct` | points | "per juist antwoord 1" |
| `keys_or_order` | | "A, B, C, D": keys in order, or an order? |
| `several_quotations` | quotations | more than one quotation offered |
| `phrases_accepted` | | accepted answers of several words (guessed) |
| `model_not_recognised` | | no form recognised |
| `empty_model` | | nothing under "maximumscore" |
| `bad_max` | max | a maximum score of 0 |
| `duplicate_number` | | the number occurs again later (the first is kept) |
| `numbers_skipped` | missing | question numbers missing before this one |
| `out_of_order` | previous | a number lower than the one before |

Problems for the paper as a whole: `no_entries`, `looks_like_question_booklet` (the
"1p"/"2p" margins of a question booklet, no "maximumscore"), `other_subject`
({"subject": "Engels"}: the cover names another subject).

A model answer printed as a table is read as its rows: the header row ("bewering
juist/onjuist", "argument alinea", see exam/papers/tables.py) is left out, a row that
repeats the first heading ("argument a alinea 4") is read without it, and "alinea 4"
as a row's value is paragraph 4.

Pure: only the standard library and exam.papers.types and .tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exam.papers.tables import is_header_row, table_columns
from exam.papers.types import HIGH, LOW, NONE, MarkingScheme, SchemeElement, SchemeEntry

# ---------------------------------------------------------------------------
# Words and patterns

_NUMBER_WORDS = {
    "geen": 0,
    "nul": 0,
    "een": 1,
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "vijftien": 15,
    "twintig": 20,
    "vijfentwintig": 25,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "honderd": 100,
}
_NUMBER_WORD = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"

_CODE = r"[A-Z]{2,3}-\d{3,4}-[a-z]-\d{2}-\d-[a-z]\*?"
_FURNITURE_PIECES = re.compile(
    rf"{_CODE}|lees\s+verder|[►▶>]{{2,}}|[►▶]|pagina\s+\d+(?:\s+van\s+\d+)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|vraag\s+antwoord\s+scores",
    re.IGNORECASE,
)
_CODE_RE = re.compile(_CODE)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_EINDE = re.compile(r"^einde\s*[■▪.]?$", re.IGNORECASE)
_END_OF_MODEL = re.compile(
    r"^(?:\d\s+)?(?:aanleveren\s+scores|inzenden\s+scores|bronvermeldingen?)\b", re.IGNORECASE
)
_HEADER = re.compile(
    r"^(?:vraag\s+)?(?P<number>\d{1,2})\.?\s+maximum\s?score\s*:?\s+(?P<max>\d{1,2})\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_HEADER_MAX_ONLY = re.compile(
    r"^maximum\s?score\s*:?\s+(?P<max>\d{1,2})\s*(?P<rest>.*)$", re.IGNORECASE
)
_SHORT_KEY = re.compile(r"^(?P<number>\d{1,2})\s+(?P<key>[A-F])$")
_TEXT_HEADING = re.compile(r"^tekst\s+\d{1,2}\b", re.IGNORECASE)
_BOOKLET_MARGIN = re.compile(r"^\d{1,2}p(?:\s|$)")

_BULLETS = "•●▪◦\uf0b7\uf0a7*"
_BULLET_LINE = re.compile(rf"^[{re.escape(_BULLETS)}]\s*(?P<rest>.*)$")
_DASH_LINE = re.compile(r"^[-−–—]\s+(?P<rest>.+)$")
_TRAILING_POINTS = re.compile(r"^(?P<text>.*?\S)\s+(?P<points>\d)$")
_PART_LINE = re.compile(r"^(?P<label>[a-f])[).]?\s+(?P<rest>.+)$")

# "a Een antwoord met de strekking dat ... 1": the part's element is what follows.
_ELEMENT_INTRO = re.compile(
    r"^een\s+(?:juist\s+)?antwoord\s+(?:met\s+de\s+strekking|als|waarin)\s*(?:dat\s*)?:?\s*",
    re.IGNORECASE,
)
_TABLE = re.compile(
    r"^(?:indien|bij|als)\s+(?P<count>.+?)\s+(?:goed|juist|correct)e?\b"
    r"(?:\s+(?:antwoord(?:en)?|bewering(?:en)?|combinaties?|nummers?|letters?|woord(?:en)?|posities?))?"
    r"\s*[:=]?\s*(?P<points>\d{1,2})\s*(?:(?:score)?punt(?:en)?)?\.?$",
    re.IGNORECASE,
)
_PER_CORRECT = re.compile(
    r"^per\s+(?:juist|goed|correct)e?\s+\w+\s*[:=]?\s*(?P<points>\d{1,2})"
    r"\s*(?:(?:score)?punt(?:en)?)?\.?$",
    re.IGNORECASE,
)
# A rule sentence that runs on to the next line: "Als het antwoord meer dan 25 woorden
# bevat, 1 scorepunt" / "aftrekken."
_RULE_START = re.compile(
    r"^(?:(?:als|bij|indien|wanneer|voor\s+(?:elke|iedere)|per)\b"
    r"(?=.*(?:\bwoorden\b|volledige\s+zin|hele\s+zin|\balleen\b))"
    r"|alleen\s+(?:de|het)\s+eerste\b)",
    re.IGNORECASE,
)
_REMARK_HEADING = re.compile(r"^opmerking(?:en)?\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_FIRST_N = re.compile(r"\balleen\s+(?:de|het)\s+eerste\b(?:\s+(?P<n>\w+))?", re.IGNORECASE)
_WORD_LIMIT = re.compile(
    rf"(?:meer\s+dan|boven\s+(?:de\s+)?|langer\s+dan)\s*(?P<limit>{_NUMBER_WORD})\s+woorden",
    re.IGNORECASE,
)
_WORD_LIMIT_ALT = re.compile(r"\bde\s+(?P<limit>\d{1,3})\s+woorden\b", re.IGNORECASE)
_PER_WORDS = re.compile(
    rf"(?:voor\s+)?(?:elke|iedere|per)\s+(?:begonnen\s+|volgende\s+)?(?P<n>{_NUMBER_WORD})"
    r"\s+woorden",
    re.IGNORECASE,
)
_DEDUCT = re.compile(
    rf"(?P<n>{_NUMBER_WORD})\s+(?:score)?punt(?:en)?\s+(?:aftrekken|in\s+mindering)",
    re.IGNORECASE,
)
_ZERO = re.compile(
    r"\b(?:0|geen|nul)\s+(?:score)?punt(?:en)?\s+(?:toekennen|geven)\b|\bniet\s+beoordelen\b",
    re.IGNORECASE,
)
_FULL_SENTENCES = re.compile(
    r"\b(?:niet\s+in\s+(?:een\s+of\s+meer\s+|één\s+of\s+meer\s+)?(?:volledige|hele)\s+zin"
    r"|geen\s+(?:volledige|hele)\s+zin)",
    re.IGNORECASE,
)

_STATEMENT_WORDS = {"juist", "onjuist", "wel", "niet", "ja", "nee", "eens", "oneens"}
_STATEMENT_WORDS |= {"feit", "mening", "waar", "onwaar"}
# A row "a 3", "1 juist", a gap's words "plek 1: rust / stilte", an item's targets
# "a 1, 3" or "1 A en C".
_GAP_NAME = r"(?:[Oo]pen\s+)?(?:[Pp]lek|[Pp]laats)\s+"
_ROW = re.compile(
    r"^(?:" + _GAP_NAME + r")?(?P<label>\d{1,2}|[a-z])(?:\s*[-–:=.)]\s*|\s+)"
    r"(?P<value>\S.*?)\s*[,;.]?$"
)
# A row of an item labelled with a capital: only its targets ("A 1, 3", "C geen"), so
# no sentence of the model answer is taken for one.
_UPPER_ROW = re.compile(
    r"^(?P<label>[A-Z])(?:\s*[-–:=.)]\s*|\s+)(?P<value>\d{1,2}\b(?:\s*(?:,|\ben\b)\s*\d{1,2}\b)*"
    r"|geen|[-−–—])\s*[,;.]?$"
)
_ROW_LABEL = re.compile(r"^(?:" + _GAP_NAME + r")?(?:\d{1,2}|[a-z])$")
# Several targets on one line go on with the same kind of label: "a 1, 3, b 2".
_TARGETS = r"[A-Z]\b(?:\s*(?:,|\ben\b)\s*[A-Z]\b)*|\d{1,2}\b(?:\s*(?:,|\ben\b)\s*\d{1,2}\b)*"
_INLINE_ROW = re.compile(
    r"(?P<label>\b\d{1,2}|\b[a-z])\s*[-–:=.)]?\s*(?P<value>" + _TARGETS + r"|[a-zé]{2,}\b)"
)
_TARGET_LIST = re.compile(r"^(?:" + _TARGETS + r")[,;.]?$")
# An item without targets: "c geen", "c -".
_NO_TARGETS = re.compile(r"^(?:geen|[-−–—])$", re.IGNORECASE)
_LABEL_LIST = re.compile(
    r"^(?P<first>[A-F]|\d{1,2})(?:(?:\s*[,;]\s*|\s+en\s+|\s*[-–→>]\s*|\s+)(?:[A-F]|\d{1,2}))+\.?$"
)
_LABEL = re.compile(r"[A-F]|\d{1,2}")
_ONE_PARAGRAPH = re.compile(r"^alinea\s+(\d{1,2})$", re.IGNORECASE)
_COMPACT_ORDER = re.compile(r"^[A-F]{3,6}$")
_PARAGRAPH = re.compile(
    r"^alinea(?:['’]s)?\s+(?P<numbers>\d{1,2}(?:\s*(?:\(?\s*of\s+(?:alinea\s+)?|,|en)\s*\d{1,2}\)?)*)\.?$",
    re.IGNORECASE,
)
_QUOTE = re.compile(
    r"(?:[“„\"«](?P<double>[^“”\"«»„]{2,600})[”\"»]|‘(?P<single>[^‘’]{2,600})’)"
    r"(?:\s*\(?\s*(?:regels?|r\.)\s*(?P<lines>\d{1,4}(?:\s*(?:-|–|—|t/m|tot\s+en\s+met|en)\s*\d{1,4})?)"
    r"\s*\)?)?",
    re.IGNORECASE,
)
_ELLIPSIS = re.compile(r"\s*(?:\(\s*(?:\.\.\.|…)\s*\)|\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")
_INTRO = re.compile(
    r"(?::\s*$|^(?:een|het|de)\s+(?:juist|goed|correct)e?\s+(?:antwoord|samenvatting)"
    r"|^een\s+antwoord\s+(?:met|als|waarin)|^een\s+van\s+de\s+volgende|^voorbeelden?\b"
    r"|^te\s+denken\s+valt|^de\s+juiste\s+volgorde)",
    re.IGNORECASE,
)
_ACCEPTED_SPLIT = re.compile(r"\s*(?:/|;|,|\bof\b)\s*", re.IGNORECASE)

_SUBJECTS = (
    "Engels",
    "Duits",
    "Frans",
    "Spaans",
    "Italiaans",
    "Russisch",
    "Turks",
    "Arabisch",
    "Chinees",
    "Fries",
    "Latijn",
    "Grieks",
    "wiskunde",
    "geschiedenis",
    "aardrijkskunde",
    "economie",
    "biologie",
    "natuurkunde",
    "scheikunde",
    "filosofie",
    "maatschappijwetenschappen",
    "muziek",
)
_SUBJECT_RE = re.compile(r"\b(" + "|".join(_SUBJECTS) + r")\b", re.IGNORECASE)
_COVER_LINE = re.compile(r"\b(?:correctievoorschrift|examen|havo|vwo|vmbo)\b", re.IGNORECASE)


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


# ---------------------------------------------------------------------------
# Lines


def _clean(text: str) -> list[str]:
    """The text's lines, spaces collapsed, with "\\f" kept as a line of its own (a page
    break)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = text.replace("\f", "\n\f\n").replace("\u00a0", " ").replace("\uf0b7", "•")
    text = text.replace("\uf0a7", "•")
    return [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]


def _is_furniture(line: str) -> bool:
    """A line made only of an exam code, "lees verder ►►►", a page count and such."""
    if not line:
        return False
    rest = _FURNITURE_PIECES.sub(" ", line)
    if rest == line:
        return False
    return not re.sub(r"\d{1,3}", "", rest).strip(" .-■")


def _drop_furniture(lines: list[str]) -> list[str]:
    """Lines without page furniture and blanks; a bare page number counts as furniture
    next to other furniture or a page break."""
    marks = [line == "\f" or _is_furniture(line) for line in lines]
    kept = []
    for i, line in enumerate(lines):
        if not line or marks[i]:
            continue
        if _BARE_NUMBER.match(line) and _beside_furniture(lines, marks, i):
            continue
        kept.append(line)
    return kept


def _beside_furniture(lines: list[str], marks: list[bool], i: int) -> bool:
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j]:
            j += step
        if not 0 <= j < len(lines):
            # The last line of the whole text (a last page's number).
            return step == 1
        if marks[j]:
            return True
    return False


# ---------------------------------------------------------------------------
# Splitting into questions


@dataclass
class _Block:
    number: int
    max_points: int
    lines: list[str] = field(default_factory=list)
    key: str | None = None  # the short form "4 C"


def _header_at(lines: list[str], i: int) -> tuple[int, int, str, int] | None:
    """(number, max, rest of the line, lines used) when line i starts a question."""
    match = _HEADER.match(lines[i])
    if match:
        return int(match["number"]), int(match["max"]), match["rest"].strip(), 1
    if _BARE_NUMBER.match(lines[i]) and i + 1 < len(lines):
        following = _HEADER_MAX_ONLY.match(lines[i + 1])
        if following:
            return int(lines[i]), int(following["max"]), following["rest"].strip(), 2
    return None


def _is_row_like(line: str) -> tuple[str, str] | None:
    match = re.match(r"^(\d{1,2})\s+(" + _TARGETS + r")$", line)
    return (match[1], match[2]) if match else None


def _short_key(lines: list[str], i: int, current: _Block | None) -> tuple[int, str] | None:
    """The short form "4 C" of a one-point multiple-choice question, read only for the
    next number, and not as the next row of a list ("1 B", "2 A") in an answer."""
    match = _SHORT_KEY.match(lines[i])
    if not match:
        return None
    number = int(match["number"])
    previous = current.number if current else 0
    if number != previous + 1:
        return None
    if current and current.lines:
        before = _is_row_like(current.lines[-1])
        if before and before[0] == str(number - 1):
            return None
    return number, match["key"]


def _split(lines: list[str]) -> tuple[list[_Block], list[str]]:
    """The questions' blocks and the lines before the first one (the general rules)."""
    blocks: list[_Block] = []
    preamble: list[str] = []
    current: _Block | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if current is not None and _END_OF_MODEL.match(line):
            break
        header = _header_at(lines, i)
        if header:
            number, max_points, rest, used = header
            current = _Block(number, max_points)
            if rest:
                current.lines.append(rest)
            blocks.append(current)
            i += used
            continue
        short = _short_key(lines, i, current) if (current or _started(lines, i)) else None
        if short:
            current = _Block(short[0], 1, [short[1]], key=short[1])
            blocks.append(current)
            i += 1
            continue
        if _TEXT_HEADING.match(line) and _next_is_question(lines, i + 1, current):
            i += 1
            continue
        if current is None:
            preamble.append(line)
        elif _EINDE.match(line) and current.lines and not _header_follows(lines, i + 1):
            break
        else:
            current.lines.append(line)
        i += 1
    return blocks, preamble


def _started(lines: list[str], i: int) -> bool:
    """Before any question, a short form "1 B" counts only right under "Tekst 1 ..."."""
    return i > 0 and bool(_TEXT_HEADING.match(lines[i - 1])) and lines[i].startswith("1 ")


def _next_is_question(lines: list[str], i: int, current: _Block | None) -> bool:
    if i >= len(lines):
        return False
    return bool(_header_at(lines, i) or _short_key(lines, i, current))


def _header_follows(lines: list[str], i: int) -> bool:
    return any(_header_at(lines, j) for j in range(i, len(lines)))


# ---------------------------------------------------------------------------
# One question


@dataclass
class _Reading:
    """What one pass over a question's lines finds."""

    elements: list[SchemeElement] = field(default_factory=list)
    table_rows: list[tuple[str, int]] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    plain: list[str] = field(default_factory=list)  # lines left for the answer forms
    notes: list[tuple[str, dict]] = field(default_factory=list)
    first_n: int | None = None
    per_correct: int | None = None


def _read_lines(lines: list[str], max_points: int) -> _Reading:
    reading = _Reading()
    pending: list[str] | None = None  # an element's text waiting for its points
    pending_part = ""
    strong = False  # a bullet (strong) or a part's own text (weak)
    # A part's text as printed: when it never gets points it was no part but a row of
    # the answer ("a rust", "b verveling": words per gap).
    raw: list[str] = []
    part = ""
    in_remarks = False
    remark: list[str] = []
    rule: list[str] = []  # a rule sentence running over several lines

    def close_pending() -> None:
        nonlocal pending, strong
        if pending is not None and strong:
            text = " ".join(pending)
            reading.notes.append(("element_without_points", {"text": text}))
        elif pending is not None:
            reading.plain.extend(raw)
        pending, strong = None, False
        raw.clear()

    def close_remark() -> None:
        if remark:
            reading.remarks.append(" ".join(remark))
            remark.clear()

    def points_of(line: str) -> tuple[str, int] | None:
        match = _TRAILING_POINTS.match(line)
        if match and 1 <= int(match["points"]) <= max(max_points, 1):
            return match["text"], int(match["points"])
        return None

    def add_element(text: str, points: int, label: str) -> None:
        text = _ELEMENT_INTRO.sub("", text.strip()) if label else text.strip()
        reading.elements.append(SchemeElement(text=text, points=points, part=label))
        raw.clear()

    for line in lines:
        if in_remarks and _TABLE.match(line):
            close_remark()
            in_remarks = False
        if in_remarks:
            start = _DASH_LINE.match(line) or _BULLET_LINE.match(line)
            if start or _REMARK_HEADING.match(line):
                close_remark()
                heading = _REMARK_HEADING.match(line)
                line = (start["rest"] if start else heading["rest"]).strip()
                if not line:
                    continue
            remark.append(line)
            continue
        heading = _REMARK_HEADING.match(line)
        if heading:
            close_pending()
            in_remarks = True
            if heading["rest"]:
                remark.append(heading["rest"])
            continue
        table = _TABLE.match(line)
        if table:
            close_pending()
            reading.table_rows.append((table["count"], int(table["points"])))
            continue
        per = _PER_CORRECT.match(line)
        if per:
            close_pending()
            reading.per_correct = int(per["points"])
            continue
        if rule:
            rule.append(line)
            if line.endswith("."):
                reading.remarks.append(" ".join(rule))
                rule.clear()
            continue
        if _is_rule(line) or (_RULE_START.match(line) and not (pending and strong)):
            close_pending()
            if line.endswith(".") or _is_rule(line):
                reading.remarks.append(line)
            else:
                rule.append(line)
            continue
        part_match = _PART_LINE.match(line)
        if (
            part_match
            and part_match["label"] == _next_part(part)
            and not _is_label_value(part_match["rest"])
            and not _inline_rows(line)
        ):
            close_pending()
            raw.append(line)
            part = part_match["label"]
            line = part_match["rest"]
            bullet = _BULLET_LINE.match(line)
            if not bullet:
                scored = points_of(line)
                if scored:
                    add_element(scored[0], scored[1], part)
                else:
                    pending, strong, pending_part = [line], False, part
                continue
        bullet = _BULLET_LINE.match(line)
        if bullet:
            close_pending()
            rest = bullet["rest"].strip()
            scored = points_of(rest)
            if scored:
                add_element(scored[0], scored[1], part)
            else:
                pending, strong, pending_part = [rest], True, part
            continue
        if pending is not None:
            scored = points_of(line)
            if scored:
                add_element(" ".join([*pending, scored[0]]), scored[1], pending_part)
                pending, strong = None, False
                continue
            if _BARE_NUMBER.match(line) and strong and 1 <= int(line) <= max_points:
                add_element(" ".join(pending), int(line), pending_part)
                pending, strong = None, False
                continue
            pending.append(line)
            raw.append(line)
            continue
        reading.plain.append(line)
    close_pending()
    close_remark()
    if rule:
        reading.remarks.append(" ".join(rule))
    for remark_text in reading.remarks:
        _read_rule(remark_text, reading)
    return reading


def _next_part(part: str) -> str:
    return "a" if not part else chr(ord(part) + 1)


def _is_label_value(rest: str) -> bool:
    """ "a 3", "a B", "a 1, 3", "c geen": a matching row, not a part."""
    rest = rest.strip()
    return bool(_TARGET_LIST.match(rest) or _NO_TARGETS.match(rest))


def _is_rule(line: str) -> bool:
    """A sentence about word limits, full sentences or "alleen de eerste ..."."""
    lowered = line.lower()
    if "aftrekken" in lowered or "in mindering" in lowered or "toekennen" in lowered:
        return bool(_WORD_LIMIT.search(line) or _FULL_SENTENCES.search(line))
    return bool(_FIRST_N.search(line) and "beoordelen" in lowered)


def _read_rule(sentence: str, reading: _Reading) -> None:
    first = _FIRST_N.search(sentence)
    if first and "beoordelen" in sentence.lower():
        n = _number(first["n"])
        reading.first_n = n if n else 1
    if _FULL_SENTENCES.search(sentence):
        deduct = _DEDUCT.search(sentence)
        if deduct:
            reading.notes.append(("full_sentences", {"deduct": _number(deduct["n"])}))
    limit = _WORD_LIMIT.search(sentence) or (
        _WORD_LIMIT_ALT.search(sentence) if "woorden" in sentence.lower() else None
    )
    if limit and not _FULL_SENTENCES.search(sentence):
        words = _number(limit["limit"])
        per = _PER_WORDS.search(sentence)
        deduct = _DEDUCT.search(sentence)
        if _ZERO.search(sentence):
            over: object = "zero"
        elif deduct and per:
            over = {"per_words": _number(per["n"]), "deduct": _number(deduct["n"])}
        elif deduct:
            over = {"deduct": _number(deduct["n"])}
        else:
            reading.notes.append(("word_limit_unread", {"sentence": sentence}))
            return
        reading.notes.append(("word_limit", {"limit": words, "over_limit": over}))


def _read_entry(block: _Block) -> SchemeEntry:
    entry = SchemeEntry(
        number=block.number,
        max_points=block.max_points,
        model_answer="\n".join(block.lines),
    )
    if block.max_points < 1:
        entry.notes.append(("bad_max", {"max": block.max_points}))
    if block.key:
        entry.key = block.key
        return entry
    if not block.lines:
        entry.certainty = NONE
        entry.notes.append(("empty_model", {}))
        return entry
    reading = _read_lines(block.lines, block.max_points)
    entry.remarks = reading.remarks
    entry.first_n = reading.first_n
    entry.notes.extend(reading.notes)
    entry.elements = reading.elements
    if reading.per_correct is not None:
        entry.notes.append(("per_correct", {"points": reading.per_correct}))
    recognised = bool(entry.elements)
    if not entry.elements:
        recognised = _read_answer(reading.plain, entry)
    if reading.table_rows:
        _read_table(reading.table_rows, entry)
        recognised = True
    _check(entry)
    if not recognised:
        entry.certainty = NONE
        entry.notes.append(("model_not_recognised", {}))
    elif any(code in _DOUBTS for code, _params in entry.notes):
        entry.certainty = LOW
    return entry


_DOUBTS = {
    "elements_total",
    "element_without_points",
    "table_max",
    "table_count",
    "table_incomplete",
    "table_not_rising",
    "keys_or_order",
    "several_quotations",
    "phrases_accepted",
    "word_limit_unread",
    "bad_max",
}


# ---------------------------------------------------------------------------
# The answer forms


def _read_answer(plain: list[str], entry: SchemeEntry) -> bool:
    """Recognise the model answer's form in the lines that are no element, table row
    or remark. Returns whether a form was found."""
    lines = [line for line in plain if not (_INTRO.search(line) and not _after_colon(line))]
    lines = [_after_colon(line) or line for line in lines]
    if not lines:
        return False
    joined = " ".join(lines)
    if _read_quotation(joined, entry):
        return True
    if len(lines) == 1 and _read_single(lines[0], entry):
        return True
    rows = _read_rows(lines) or _read_table_rows(lines)
    if rows:
        entry.answers = rows
        return True
    if all(_DASH_LINE.match(line) for line in lines):
        return _read_accepted([_DASH_LINE.match(line)["rest"] for line in lines], entry)
    if len(lines) == 1:
        return _read_accepted(split_accepted(lines[0]), entry)
    return False


def _after_colon(line: str) -> str:
    """ "De juiste volgorde is: C, A, D, B" -> "C, A, D, B"."""
    if ":" in line and not re.search(r"[“„\"«‘]", line):
        before, after = line.rsplit(":", 1)
        # "plek 1: rust" is a row, not an introduction.
        return "" if _ROW_LABEL.match(before.strip()) else after.strip()
    return ""


def _read_single(line: str, entry: SchemeEntry) -> bool:
    line = line.strip().rstrip(".")
    if re.fullmatch(r"[A-F]", line):
        entry.key = line
        return True
    paragraph = _PARAGRAPH.match(line)
    if paragraph:
        entry.accepted = re.findall(r"\d{1,2}", paragraph["numbers"])
        return True
    labels: list[str] | None = None
    if _LABEL_LIST.match(line):
        labels = _LABEL.findall(line)
    elif _COMPACT_ORDER.match(line):
        labels = list(line)
    if labels is None or len({label.isdigit() for label in labels}) > 1:
        # "1 A, 2 C, 3 B" mixes numbers and letters: rows, not keys.
        return False
    if _is_order(labels):
        entry.answers = [(str(i), label) for i, label in enumerate(labels, start=1)]
        return True
    entry.keys = labels
    if len(labels) >= 3 and _is_permutation(labels):
        entry.notes.append(("keys_or_order", {}))
    return True


def _is_permutation(labels: list[str]) -> bool:
    if len(set(labels)) != len(labels):
        return False
    if all(label.isdigit() for label in labels):
        return sorted(int(label) for label in labels) == list(range(1, len(labels) + 1))
    expected = [chr(ord("A") + i) for i in range(len(labels))]
    return sorted(labels) == expected


def _is_order(labels: list[str]) -> bool:
    """A permutation of A.. or 1.. that is not in order: the right order of items."""
    if len(labels) < 3 or not _is_permutation(labels):
        return False
    keys = [int(label) if label.isdigit() else label for label in labels]
    return keys != sorted(keys)


def _read_rows(lines: list[str]) -> list[tuple[str, str]]:
    """Rows "1 juist", "a 3", "1 rust", one per line or several on one line; [] when
    the lines are not all rows."""
    if len(lines) == 1:
        return _inline_rows(lines[0])
    rows = []
    for line in lines:
        match = _ROW.match(line) or _UPPER_ROW.match(line)
        if not match or any(len(word.split()) > 3 for word in split_accepted(match["value"])):
            return []
        rows.append((match["label"], match["value"]))
    return rows if _labels_in_order([label for label, _value in rows]) else []


def _read_table_rows(lines: list[str]) -> list[tuple[str, str]]:
    """Rows under a table's header row ("bewering juist/onjuist", "argument alinea"),
    a row perhaps repeating the first heading ("argument a alinea 4"); [] when the
    lines are not such a table."""
    if len(lines) < 2 or not is_header_row(lines[0]):
        return []
    noun = table_columns(lines[0])[0].lower()
    rows = []
    for line in lines[1:]:
        first, _, rest = line.partition(" ")
        rows.append(rest if first.lower() == noun and rest else line)
    return _read_rows(rows)


def _inline_rows(line: str) -> list[tuple[str, str]]:
    matches = list(_INLINE_ROW.finditer(line))
    if len(matches) < 2:
        return []
    leftover = _INLINE_ROW.sub("", line)
    if leftover.strip(" ,;."):
        return []
    rows = [(match["label"], match["value"]) for match in matches]
    return rows if _labels_in_order([label for label, _value in rows]) else []


def _labels_in_order(labels: list[str]) -> bool:
    """1, 2, 3 ... or a, b, c ...; a label may stand twice in a row (an item listed
    once per target: "a 1", "a 3", "b 2")."""
    labels = [label for i, label in enumerate(labels) if i == 0 or label != labels[i - 1]]
    if len(labels) < 2:
        return False
    if all(label.isdigit() for label in labels):
        return [int(label) for label in labels] == list(range(1, len(labels) + 1))
    first = "A" if labels[0].isupper() else "a"
    return labels == [chr(ord(first) + i) for i in range(len(labels))]


def targets_of(value: str) -> list[str]:
    """An item's targets in a matching row's value: "1, 3" -> ["1", "3"], "A en C" ->
    ["A", "C"], "geen" -> [], "alinea 4" -> ["4"] (a paragraph as the target); any
    other value is one target, as printed ("3")."""
    value = value.strip().rstrip(",;.")
    if _NO_TARGETS.match(value):
        return []
    paragraph = _ONE_PARAGRAPH.match(value)
    if paragraph:
        return [paragraph[1]]
    if _TARGET_LIST.match(value):
        return _LABEL.findall(value)
    return [value]


def _read_quotation(joined: str, entry: SchemeEntry) -> bool:
    found = list(_QUOTE.finditer(joined))
    if not found:
        return False
    with_lines = [match for match in found if match["lines"]]
    chosen = with_lines or found
    # A quotation only counts as the answer when it is the answer, not a word quoted in
    # an explanation: it has its lines, or the text is little more than the quotation.
    if not with_lines and len(_QUOTE.sub("", joined).strip(" .,;")) > 3:
        return False
    first = chosen[0]
    quote = first["double"] or first["single"]
    entry.quotation = _ELLIPSIS.sub(" … ", quote).strip()
    if first["lines"]:
        lines = re.sub(r"\s*(?:–|—|t/m|tot\s+en\s+met|en)\s*", "-", first["lines"])
        entry.lines = re.sub(r"\s*-\s*", "-", lines)
    if len(chosen) > 1:
        quotations = [_ELLIPSIS.sub(" … ", m["double"] or m["single"]).strip() for m in chosen]
        entry.notes.append(("several_quotations", {"quotations": quotations}))
    return True


def split_accepted(text: str) -> list[str]:
    """The answers a scheme accepts, as it lists them on one line.

    >>> split_accepted("rust / stilte of kalmte.")
    ['rust', 'stilte', 'kalmte']
    """
    items = [item.strip().strip(".,;").strip() for item in _ACCEPTED_SPLIT.split(text)]
    return [item for item in items if item]


def _read_accepted(items: list[str], entry: SchemeEntry) -> bool:
    items = [item.strip().strip(".,;").strip() for item in items]
    items = [item for item in items if item]
    if not items or any(len(item.split()) > 4 for item in items):
        return False
    entry.accepted = items
    if any(len(item.split()) > 1 for item in items):
        entry.notes.append(("phrases_accepted", {}))
    return True


# ---------------------------------------------------------------------------
# Score tables and checks


def _read_table(rows: list[tuple[str, int]], entry: SchemeEntry) -> None:
    table: dict[int, int] = {}
    upwards: list[tuple[int, int]] = []
    for count_text, points in rows:
        words = count_text.lower().split()
        numbers = [n for n in (_number(word) for word in words) if n is not None]
        if "alle" in words and not numbers:
            upwards.append((_answer_count(entry) or 0, points))
            continue
        if not numbers:
            continue
        if "minder" in words:
            for n in range(max(numbers), -1, -1):
                table.setdefault(n, points)
        elif "meer" in words:
            upwards.append((min(numbers), points))
        else:
            for n in numbers:
                table[n] = points
    top = max([_answer_count(entry) or 0, *table.keys(), *(n for n, _p in upwards)])
    for lowest, points in upwards:
        for n in range(lowest, top + 1):
            table.setdefault(n, points)
    entry.table = dict(sorted(table.items(), reverse=True))


def _answer_count(entry: SchemeEntry) -> int | None:
    if entry.answers:
        # Per link when an item has several targets ("a 1, 3" counts two).
        return sum(len(targets_of(value)) for _label, value in entry.answers)
    if entry.keys:
        return len(entry.keys)
    return None


def _check(entry: SchemeEntry) -> None:
    if entry.elements:
        total = sum(element.points for element in entry.elements)
        chosen = entry.first_n is not None and total > entry.max_points
        if total != entry.max_points and not chosen:
            entry.notes.append(("elements_total", {"total": total, "max": entry.max_points}))
    if entry.table:
        best = max(entry.table.values())
        if best != entry.max_points:
            entry.notes.append(("table_max", {"best": best, "max": entry.max_points}))
        top = max(entry.table)
        count = _answer_count(entry)
        if count is not None and top != count:
            entry.notes.append(("table_count", {"top": top, "count": count}))
        missing = [n for n in range(top + 1) if n not in entry.table]
        if missing:
            entry.notes.append(("table_incomplete", {"missing": missing}))
        points = [entry.table[n] for n in sorted(entry.table)]
        if any(later < earlier for earlier, later in zip(points, points[1:], strict=False)):
            entry.notes.append(("table_not_rising", {}))


# ---------------------------------------------------------------------------
# The paper


def _paper_problems(
    lines: list[str], preamble: list[str], entries: dict[int, SchemeEntry]
) -> list[tuple[str, dict]]:
    problems: list[tuple[str, dict]] = []
    # The cover: its first lines, when they name the exam ("Correctievoorschrift HAVO").
    top = preamble[:15]
    named = any(_COVER_LINE.search(line) for line in top)
    cover = [line for line in top if _COVER_LINE.search(line) or len(line.split()) <= 3]
    cover = cover if named else []
    if not any(re.search(r"\bnederlands\b", line, re.IGNORECASE) for line in cover):
        for line in cover:
            subject = _SUBJECT_RE.search(line)
            if subject:
                problems.append(("other_subject", {"subject": subject[1]}))
                break
    if not entries:
        margins = sum(1 for line in lines if _BOOKLET_MARGIN.match(line))
        codes = [match[0] for line in lines for match in [_CODE_RE.search(line)] if match]
        booklet_code = any(code.rstrip("*").endswith("-o") for code in codes)
        if margins >= 2 or (margins and booklet_code):
            problems.append(("looks_like_question_booklet", {}))
        else:
            problems.append(("no_entries", {}))
    return problems


def read_marking_scheme(text: str) -> MarkingScheme:
    """The marking scheme in `text` (pdfplumber's text of the PDF, or pasted text)."""
    raw = _clean(text or "")
    lines = _drop_furniture(raw)
    blocks, preamble = _split(lines)
    entries: dict[int, SchemeEntry] = {}
    previous = 0
    for block in blocks:
        entry = _read_entry(block)
        if block.number in entries:
            entries[block.number].notes.append(("duplicate_number", {}))
            entries[block.number].certainty = LOW
            continue
        if block.number <= previous:
            entry.notes.append(("out_of_order", {"previous": previous}))
            entry.certainty = LOW if entry.certainty == HIGH else entry.certainty
        elif block.number > previous + 1:
            missing = list(range(previous + 1, block.number))
            entry.notes.append(("numbers_skipped", {"missing": missing}))
        previous = max(previous, block.number)
        entries[block.number] = entry
    return MarkingScheme(
        entries=entries, problems=_paper_problems([x for x in raw if x], preamble, entries)
    )
