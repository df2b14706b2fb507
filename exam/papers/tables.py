"""A table to fill in, as the papers print it (no Django).

The question booklet prints some questions as a table ("Neem de tabel over op je
antwoordblad ..."), and the marking scheme may print its model answer as one. The text
of a PDF gives a table's header row as one short line of column headings
("bewering juist / onjuist", "argument alinea"), the gaps between the columns lost;
both readers recognise that line here and keep it out of the answers and the prose.
"""

from __future__ import annotations

import re

# A heading's words: letters (a hyphen inside), or "/" between answer words.
_HEADER_WORD = re.compile(r"^[^\W\d_]+(?:[-/][^\W\d_]+)*$|^/$")
MAX_HEADER_WORDS = 8
# An article belongs to the heading after it ("het gevolg").
_ARTICLES = {"de", "het", "een"}


def is_header_row(line: str) -> bool:
    """Whether a line can be a table's header row: at most eight words, letters and
    "/" only (no digit, no sentence punctuation).

    >>> is_header_row("bewering juist/onjuist"), is_header_row("1 juist")
    (True, False)
    """
    words = line.split()
    return 0 < len(words) <= MAX_HEADER_WORDS and all(_HEADER_WORD.match(w) for w in words)


def table_columns(header: str) -> tuple[str, ...]:
    """A header row's column headings. The gaps between the columns are lost, so a
    heading is one word, words joined by "/" ("juist / onjuist") or an article with
    its noun ("het gevolg").

    >>> table_columns("bewering juist/onjuist"), table_columns("maatregel het gevolg")
    (('bewering', 'juist / onjuist'), ('maatregel', 'het gevolg'))
    """
    columns: list[str] = []
    attach = False
    for token in header.replace("/", " / ").split():
        if token == "/":
            if columns:
                columns[-1] += " /"
                attach = True
            continue
        if attach:
            columns[-1] += f" {token}"
        else:
            columns.append(token)
        attach = token.lower() in _ARTICLES
    return tuple(columns)
