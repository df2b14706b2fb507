"""A question with a table to fill in ("Neem de tabel over op je antwoordblad ...")
(no Django): its header row read apart from the stem, and its rows given to the kind
that scores them.
"""

from __future__ import annotations

import re

from exam.papers.booklet.lines import flow
from exam.papers.booklet.lists import STEM_AGAIN, Group, choices
from exam.papers.booklet.phrasing import EACH_NOUN, KNOWN_PAIRS, PARAGRAPH, statement_values
from exam.papers.tables import is_header_row
from exam.papers.types import HIGH, LOW, NONE, PaperChoice, PaperQuestion

# A table to fill in: "Neem de tabel over op je antwoordblad", "Vul de tabel in".
_TABLE_WORDING = re.compile(r"\btabel\b|\bneem\b.*\bover\b")
_SENTENCE_END = re.compile(r"[.?!:]$")
_TARGET_LETTERS = "ABCDEFGHIJ"
_TARGET_NUMBERS = [str(n) for n in range(1, 11)]
_PARAGRAPH_COLUMN = re.compile(r"\balinea(?:nummer)?s?\b")
# The kinds whose widget is the table itself: statements (a row per statement, a
# column per answer word) and matching (a row per item, its answer chosen from the
# targets listed above). Their header row is dropped from the stem.
TABLE_WIDGETS = ("statements", "matching")


def table_header(entries: list[str | Group]) -> int | None:
    """Where a table's header row stands among a question's lines: a short line of
    column headings ("bewering juist / onjuist", "argument alinea") right before the
    rows, after a sentence of the stem, in a question that speaks of a table ("Neem
    de tabel over ...", "Vul de tabel in"). None when there is none."""
    stem = flow([entry for entry in entries if isinstance(entry, str)]).lower()
    if not _TABLE_WORDING.search(stem):
        return None
    for index in range(1, len(entries) - 1):
        before, line, after = entries[index - 1], entries[index], entries[index + 1]
        if not (isinstance(before, str) and isinstance(line, str) and isinstance(after, Group)):
            continue
        if is_header_row(line) and _SENTENCE_END.search(before) and not STEM_AGAIN.match(line):
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
    if rest in KNOWN_PAIRS:
        return rest
    named = r"\b.*\b".join(re.escape(column) for column in rest[:-1])
    last = re.escape(rest[-1])
    if re.search(rf"\b{named}\b.*\bof\s+(?:een\s+|de\s+|het\s+)?{last}\b", low):
        return rest
    return ()


def classify_table(question: PaperQuestion, low: str, groups: list[Group]) -> list[Group] | None:
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
    values = statement_values(low) or _table_values(question.table, low)
    if len(values) == 2:
        question.kind, question.certainty = "statements", HIGH
        question.statement_values = (values[0], values[1])
        question.choices = choices("statement", rows)
        return [rows]
    if values:
        question.kind, question.certainty = "matching", HIGH
        labels = _TARGET_LETTERS if rows.style == "number" else _TARGET_NUMBERS
        question.choices = choices("item", rows) + [
            PaperChoice(role="target", label=label, content=value)
            for label, value in zip(labels, values, strict=False)
        ]
        return [rows]
    if paragraph_rows(question, low, rows, table=True):
        return [rows]
    if len(rows.items) < 2:
        return []
    question.kind, question.certainty = "parts", HIGH
    if len(question.table) != 2:
        question.certainty = LOW
        question.notes.append(("table_columns_unclear", {"header": " | ".join(question.table)}))
    question.parts = [(label, content) for label, content in rows.items]
    return [rows]


def paragraph_rows(question: PaperQuestion, low: str, rows: Group, *, table: bool) -> bool:
    """A paragraph number per row ("Noteer bij elk argument het nummer van de alinea
    waarin het staat", or a table's column "alinea"): matching whose targets are the
    text's paragraphs. Without a table only for rows that are no options (A-D) and a
    question that goes through them ("bij elk argument")."""
    column = _PARAGRAPH_COLUMN.search(question.table[-1].lower()) if table else None
    asked = PARAGRAPH.search(low) and (table or (EACH_NOUN.search(low) and rows.style != "upper"))
    if not (column or asked) or len(rows.items) < 2:
        return False
    question.kind, question.certainty = "matching", HIGH
    question.paragraph_targets = True
    question.choices = choices("item", rows)
    return True


def table_not_placed(question: PaperQuestion) -> list[Group]:
    """A table the reader cannot place: an open question with its rows kept in the stem,
    for the teacher."""
    question.kind, question.certainty = "open", NONE
    question.choices, question.parts = [], []
    question.notes.append(("table_not_placed", {"header": " | ".join(question.table)}))
    return []
