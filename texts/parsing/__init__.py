"""Turn a text as a teacher has it into the exam booklet.

Pure: a string in, dataclasses out, no Django. The booklet is the contract between
the text and its questions ("regel 85-91", "alinea 4"), so line breaks and numbers
must come out exactly as printed:

- paragraphs start at "(n)" markers wherever they stand, mid-line too; without
  markers, blank lines separate paragraphs;
- a number glued to the start of a short line that fits the every-fifth-line pattern
  (85, 90, ...) is a margin anchor: the line it stands on gets that number; a number
  too far from where its line can land ("30 procent ..." on line 14) is text;
- short lines are original booklet lines and are kept as they are; long lines lost
  their breaks and are wrapped again, with Dutch hyphenation, at the width that makes
  every anchor hold (a lone short line beside long ones flows with them);
- a blank line inside a marked paragraph is a page break, never a numbered line;
- the trailer ("naar:", "uit:", the italic author line, "noot n ...") is kept apart.

The text is a source: its spelling and punctuation are never changed.

A package of pure modules, no Django: `plain_text.parse_text` reads a text,
`structure` finds its title, paragraphs and kept lines, `trailer` its source and
notes, `words` and `lines` set the words into lines, `layout` chooses the width and
numbers the lines, `decoding` reads the uploaded bytes. What they give back is in
`parsed` (lines as runs, never HTML); what goes wrong is in `errors`, as codes.
The names below are the importer's public face: callers import from here.
"""

from texts.parsing.decoding import decode_upload
from texts.parsing.errors import ParseError, Warning
from texts.parsing.limits import FLOWING_THRESHOLD, MAX_CHARACTERS, MAX_LINES
from texts.parsing.parsed import NOTE, TEXT_KINDS, ParsedFootnote, ParsedLine, ParsedText, Run
from texts.parsing.plain_text import parse_text
from texts.parsing.words import SUPERSCRIPT_DIGITS, warm_up

__all__ = [
    "FLOWING_THRESHOLD",
    "MAX_CHARACTERS",
    "MAX_LINES",
    "NOTE",
    "SUPERSCRIPT_DIGITS",
    "TEXT_KINDS",
    "ParseError",
    "ParsedFootnote",
    "ParsedLine",
    "ParsedText",
    "Run",
    "Warning",
    "decode_upload",
    "parse_text",
    "warm_up",
]
