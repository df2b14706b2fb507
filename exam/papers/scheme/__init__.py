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

The reading goes in steps, one module each: `splitting` (page furniture off, a block
per question), `reading` (one pass over a block's lines: elements, table rows,
remarks, rules), `answers` (the answer forms), `entry` (a block into its SchemeEntry:
score table, checks, certainty); `patterns` holds the words and patterns they share.
This module reads the paper as a whole.

Pure: only the standard library, exam.papers.types and .tables.
"""

from __future__ import annotations

import re

from exam.papers.scheme.entry import read_entry
from exam.papers.scheme.patterns import CODE_RE
from exam.papers.scheme.splitting import clean_lines, drop_furniture, split_questions
from exam.papers.types import HIGH, LOW, MarkingScheme, SchemeEntry

_BOOKLET_MARGIN = re.compile(r"^\d{1,2}p(?:\s|$)")
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
        codes = [match[0] for line in lines for match in [CODE_RE.search(line)] if match]
        booklet_code = any(code.rstrip("*").endswith("-o") for code in codes)
        if margins >= 2 or (margins and booklet_code):
            problems.append(("looks_like_question_booklet", {}))
        else:
            problems.append(("no_entries", {}))
    return problems


def read_marking_scheme(text: str) -> MarkingScheme:
    """The marking scheme in `text` (pdfplumber's text of the PDF, or pasted text)."""
    raw = clean_lines(text or "")
    lines = drop_furniture(raw)
    blocks, preamble = split_questions(lines)
    entries: dict[int, SchemeEntry] = {}
    previous = 0
    for block in blocks:
        entry = read_entry(block)
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
