"""Words as the layout sees them: styled pieces, footnote references, and where
Dutch hyphenation may break them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyphen

from texts.parsing.limits import MAX_WIDTH

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPER_TO_INT = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

# Inside a word: an emphasis mark, or a footnote marker (¹⁾, [1], or 1) glued to a word).
INLINE_MARK = re.compile(
    r"\*"
    rf"|(?P<sup>[{SUPERSCRIPT_DIGITS}]{{1,2}})⁾?"
    r"|\[(?P<bracket>\d{1,2})\]"
    r"|(?<=[^\s\d(\[])(?P<paren>\d{1,2})\)"
)
# "m²", "km³": a superscript after a unit of length is a power, not a footnote marker.
_UNIT = re.compile(r"^\W*[kcdm]?m$")
# An emphasis mark without a partner is kept as the character it is; after
# normalising, the text holds no control characters, so this one is free to mark it.
LITERAL_STAR = "\x01"
_EDGE_PUNCTUATION = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.UNICODE)


@dataclass(frozen=True)
class Piece:
    """A run of characters with one style, or a footnote reference (text == "")."""

    text: str
    em: bool = False
    note: int | None = None


class Word:
    """A word as laid out: its pieces, and its visible text and width computed once
    (layout asks for them thousands of times)."""

    __slots__ = ("pieces", "glued", "visible", "width", "notes")

    def __init__(self, pieces: tuple[Piece, ...], glued: bool = False) -> None:
        self.pieces = pieces
        # "twintig- of": a word ending in a real hyphen is glued to the next one, so a
        # line never ends in a hyphen that is not a hyphenation.
        self.glued = glued
        self.visible = "".join(p.text for p in pieces)
        self.notes = tuple(p.note for p in pieces if p.note is not None)
        self.width = len(self.visible) + len(self.notes)

    @property
    def split_points(self) -> Sequence[int]:
        if len(self.visible) > MAX_WIDTH:
            # A token too long for any line (a web address) may break anywhere. Not
            # cached: every tail of a huge token would stay in the cache.
            return range(1, len(self.visible))
        return _split_points(self.visible)

    def __repr__(self) -> str:
        return f"Word({self.visible!r}, notes={self.notes}, glued={self.glued})"


@dataclass
class InlineState:
    """What carries over from one raw line to the next within a paragraph."""

    em: bool = False
    # Open round brackets: "(zie COVID-19)" closes a bracket, it is no footnote "19)".
    depth: int = 0


def tokenize(text: str, state: InlineState) -> list[Word]:
    """Split a raw string into words, reading emphasis marks and footnote markers.

    Emphasis and brackets may span words and lines, so the state carries over.

    >>> words = tokenize("*trending topic*²⁾.", InlineState())
    >>> [(w.visible, w.notes) for w in words]
    [('trending', ()), ('topic.', (2,))]
    """
    tokens: list[list[Piece]] = []
    for raw in text.split():
        if "(" not in raw and ")" not in raw and not INLINE_MARK.search(raw):
            tokens.append([Piece(raw.replace(LITERAL_STAR, "*"), state.em)])
            continue
        pieces: list[Piece] = []
        pos = 0
        for m in INLINE_MARK.finditer(raw):
            if m.start() > pos:
                pieces.append(_text_piece(raw[pos : m.start()], state))
            pos = m.end()
            if m.group(0) == "*":
                state.em = not state.em
            elif m.group("sup"):
                if m.group(0) in ("²", "³") and is_unit(raw[: m.start()]):
                    pieces.append(Piece(m.group(0), state.em))  # m², km³: a unit, no note
                    continue
                number = int("".join(SUPER_TO_INT[c] for c in m.group("sup")))
                pieces.append(Piece("", state.em, number))
            elif m.group("paren") and state.depth > 0:
                pieces.append(_text_piece(m.group(0), state))
            else:
                pieces.append(Piece("", state.em, int(m.group("bracket") or m.group("paren"))))
        if pos < len(raw):
            pieces.append(_text_piece(raw[pos:], state))
        if not pieces:
            continue
        if not any(p.text for p in pieces):
            # A marker standing apart ("woord ¹⁾") belongs to the word before it; with
            # no word before it, it is kept as the characters it is.
            if tokens:
                tokens[-1].extend(pieces)
                continue
            pieces = [_text_piece(raw.replace("*", ""), state)]
        tokens.append(pieces)
    last = len(tokens) - 1
    words = []
    for i, pieces in enumerate(tokens):
        word = Word(tuple(_merge(pieces)) if len(pieces) > 1 else tuple(pieces))
        # "twintig- of": glued to the next word, see Word.glued.
        if i < last and len(word.visible) > 1 and word.visible.endswith("-"):
            word.glued = True
        words.append(word)
    return words


def is_unit(before: str) -> bool:
    """ "km" in "km²": a unit of length before a power. Only a short prefix can be one;
    matching a long one for every "²" in a huge token would be quadratic."""
    return len(before) <= 8 and bool(_UNIT.match(before))


def _text_piece(text: str, state: InlineState) -> Piece:
    state.depth = max(0, state.depth + text.count("(") - text.count(")"))
    return Piece(text.replace(LITERAL_STAR, "*"), state.em)


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Adjacent text pieces of one style become one (joined once, not grown piece by piece)."""
    merged: list[Piece] = []
    run: list[str] = []
    em = False
    for p in pieces:
        if p.note is None and run and p.em == em:
            run.append(p.text)
            continue
        if run:
            merged.append(Piece("".join(run), em))
            run = []
        if p.note is None:
            run, em = [p.text], p.em
        else:
            merged.append(p)
    if run:
        merged.append(Piece("".join(run), em))
    return merged


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def warm_up() -> None:
    """Load the hyphenation dictionary (about 0.1 s) before the first import needs it."""
    _dictionary()


@lru_cache(maxsize=8192)
def _hyphenation_points(core: str) -> tuple[int, ...]:
    """Positions where Dutch hyphenation may split `core` without changing its letters."""
    if len(core) < 4 or not core.isalpha():
        return ()
    return tuple(int(p) for p in _dictionary().positions(core) if p.data is None)


@lru_cache(maxsize=8192)
def _split_points(visible: str) -> tuple[int, ...]:
    """Where a word may break at a line end.

    Only plain words are hyphenated ("BN’er", "COVID-19" are never split); a token
    too long for any line breaks anywhere (see Word.split_points).
    """
    lead, core, _trail = _EDGE_PUNCTUATION.match(visible).groups()
    return tuple(len(lead) + p for p in _hyphenation_points(core))


def split_word(word: Word, at: int) -> tuple[Word, Word]:
    """Split at a visible character index; footnote refs stay with their characters.

    Only the head's pieces are walked: the tail is sliced from the word, so breaking
    a huge token line by line does not walk (or join) all of it every time.
    """
    head: list[Piece] = []
    pieces = word.pieces
    seen = i = 0
    first_of_tail: tuple[Piece, ...] = ()
    while i < len(pieces):
        p = pieces[i]
        if p.note is not None:
            if seen > at:
                break
            head.append(p)
        elif seen + len(p.text) <= at:
            head.append(p)
            seen += len(p.text)
        elif seen >= at:
            break
        else:
            cut = at - seen
            head.append(Piece(p.text[:cut], p.em))
            first_of_tail = (Piece(p.text[cut:], p.em),)
            i += 1
            break
        i += 1
    head_word = Word(tuple(head))
    tail = Word.__new__(Word)
    tail.pieces = first_of_tail + pieces[i:]
    tail.glued = word.glued
    tail.visible = word.visible[len(head_word.visible) :]
    tail.notes = word.notes[len(head_word.notes) :]
    tail.width = len(tail.visible) + len(tail.notes)
    return head_word, tail
