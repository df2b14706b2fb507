"""Bytes from an upload to the text the importer reads, or a ParseError."""

from __future__ import annotations

import re

from texts.parsing.errors import ParseError

# Vertical tab (a manual line break in Word), NEL and the Unicode separators.
LINE_BREAKS = str.maketrans(
    {"\f": "\n\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_upload(data: bytes, *, max_bytes: int) -> str:
    """Read an uploaded file as text: UTF-8 (with or without BOM), UTF-16 with BOM,
    or Windows-1252, the encodings that teachers' editors save in.

    >>> decode_upload("café".encode("cp1252"), max_bytes=100)
    'café'
    """
    if len(data) > max_bytes:
        raise ParseError("too_large", max_kb=max_bytes // 1024)
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError("encoding") from exc
    elif b"\x00" in data:
        raise ParseError("binary")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise ParseError("encoding") from exc
    if "\x00" in text or CONTROL_CHARACTERS.search(text.translate(LINE_BREAKS)):
        raise ParseError("binary")
    if not text.replace("\ufeff", "").strip():  # a byte order mark and spaces, say
        raise ParseError("empty")
    return text
