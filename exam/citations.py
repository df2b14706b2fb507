"""Find a pupil's quotation in the text booklet and check it against the answer model.

Pure: the text's lines as (number, plain) pairs in, spans out, no Django.

A quotation is compared word by word, and a word is compared without what a pupil
cannot be expected to reproduce exactly:

- capitals, diacritics, punctuation and quotation marks are ignored ("‘doet’" = "doet");
- a word split at a line end in the booklet ("persoons-" / "kapitaal") is one word,
  "persoonskapitaal"; a pupil may type it whole, with the hyphen ("persoons-kapitaal")
  or, copying line by line, as "persoons- kapitaal";
- one small typo per word is forgiven (one letter wrong, missing, extra, or two
  neighbours swapped) in words of four letters or more; shorter words must be exact.

A located span is (first_line, last_line, first_word, last_word): the word indexes
count the text's words from 0, so two quotations are the same span when their word
indexes are, wherever a line breaks.

How a quotation is scored (the CE rule "when one quotation is asked, only the first
given is marked"), for mode "sentence":

- the first quotation is the longest run of the pupil's words, starting at the pupil's
  first word, that stands in the text as it is. It must be three words long (or all the
  words, when fewer were typed) and be at least half of what was typed, unless what
  follows is a quotation too; otherwise the answer is "not_in_text" (a paraphrase that
  merely opens with a few words of the text);
- it scores when it starts where the target sentence starts and reaches its end. What
  follows the target (the next sentence of the text, or a second quotation) is a second
  quotation and is ignored ("extra_quotation_ignored");
- a run that starts before the target is a different first quotation and scores 0
  ("wrong_span"), even when the target follows it; a run inside the target that stops
  short of its end is "incomplete_quotation".

For mode "first_last" the pupil gives the first and the last words (two each, as the
exam asks; more is fine when they stand in the text as typed). The span from where the
first words start to where the last words end must be the target span.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

MODES = ("sentence", "first_last")

# A typo is forgiven only in words this long: "de" for "en" is a different word.
MIN_TYPO_LENGTH = 4
# The first quotation must be at least this many words (or all the pupil typed) to count
# as located: a single "de" occurs everywhere and proves nothing.
MIN_RUN = 3
# A pupil giving "first ... last" in one string for a first_last question.
_ELLIPSIS = re.compile(r"\s*(?:\.{2,}|…)\s*")


class Span(NamedTuple):
    first_line: int
    last_line: int
    first_word: int
    last_word: int


@dataclass(frozen=True)
class TextWord:
    norm: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class TextIndex:
    """The text's words in order, and where each normalised word occurs."""

    words: tuple[TextWord, ...]
    positions: dict[str, tuple[int, ...]]

    def span(self, first: int, last: int) -> Span:
        return Span(self.words[first].first_line, self.words[last].last_line, first, last)


@dataclass(frozen=True)
class _Typed:
    norm: str
    # Typed with a hyphen at its end ("persoons-"): may be glued to the next word.
    hyphen: bool


@dataclass(frozen=True)
class CitationCheck:
    """The outcome of checking a quotation: whether it is the target, and why not."""

    is_correct: bool
    feedback: tuple[str, ...]
    span: Span | None = None  # where the pupil's (first) quotation stands in the text
    typos: int = 0


def normalise_word(word: str) -> str:
    """A word as it is compared: lower case, no diacritics, letters and digits only.

    >>> normalise_word("‘Doet’,")
    'doet'
    """
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


def build_index(lines: Sequence[tuple[int, str]]) -> TextIndex:
    """Index the text's words once; scoring a whole class reuses it.

    >>> build_index([(84, "ten eerste persoons-"), (85, "kapitaal (schoonheid")]).words[2]
    TextWord(norm='persoonskapitaal', first_line=84, last_line=85)
    """
    return _build_index(tuple((int(number), str(plain)) for number, plain in lines))


@lru_cache(maxsize=64)
def _build_index(lines: tuple[tuple[int, str], ...]) -> TextIndex:
    words: list[TextWord] = []
    pending: tuple[str, int] | None = None  # the first half of a word split at a line end
    for number, plain in lines:
        tokens = plain.split()
        for position, token in enumerate(tokens):
            norm = normalise_word(token)
            if pending is not None:
                head, head_line = pending
                pending = None
                if norm:
                    words.append(TextWord(head + norm, head_line, number))
                    continue
                words.append(TextWord(head, head_line, head_line))
            if not norm:
                continue
            if position == len(tokens) - 1 and token.endswith("-") and token[:-1][-1:].isalnum():
                pending = (norm, number)
            else:
                words.append(TextWord(norm, number, number))
    if pending is not None:
        words.append(TextWord(pending[0], pending[1], pending[1]))
    positions: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        positions.setdefault(word.norm, []).append(index)
    return TextIndex(tuple(words), {norm: tuple(found) for norm, found in positions.items()})


def _typed_words(text: str) -> list[_Typed]:
    typed: list[_Typed] = []
    for token in text.split():
        norm = normalise_word(token)
        if norm:
            typed.append(_Typed(norm, token.rstrip("’'\"”.,;:!?)").endswith("-")))
    return typed


def _one_edit_apart(a: str, b: str) -> bool:
    """True when a and b differ by at most one substitution, insertion, deletion or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    # b is one longer: skipping one letter of b must give a.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _same(typed: str, word: str, *, fuzzy: bool) -> int | None:
    """0 for an exact match, 1 for a forgiven typo, None for a different word."""
    if typed == word:
        return 0
    if fuzzy and len(word) >= MIN_TYPO_LENGTH and _one_edit_apart(typed, word):
        return 1
    return None


def _walk(
    index: TextIndex, typed: list[_Typed], k: int, i: int, *, fuzzy: bool, limit: int | None = None
) -> tuple[int, int, int]:
    """Follow typed words from typed[k] along the text from word i while they match,
    for at most `limit` text words.

    Returns (text words matched, typed words used, typos).
    """
    words = index.words
    end = len(words) if limit is None else min(len(words), i + limit)
    start_i, start_k, typos = i, k, 0
    while k < len(typed) and i < end:
        cost = _same(typed[k].norm, words[i].norm, fuzzy=fuzzy)
        if cost is not None:
            k, i, typos = k + 1, i + 1, typos + cost
            continue
        if typed[k].hyphen and k + 1 < len(typed):
            cost = _same(typed[k].norm + typed[k + 1].norm, words[i].norm, fuzzy=fuzzy)
            if cost is not None:
                k, i, typos = k + 2, i + 1, typos + cost
                continue
        break
    return i - start_i, k - start_k, typos


def _starts(index: TextIndex, typed: list[_Typed], *, fuzzy: bool) -> list[int]:
    """Text positions where the first typed word (or the first two glued) could stand."""
    if not typed:
        return []
    wanted = {typed[0].norm}
    if typed[0].hyphen and len(typed) > 1:
        wanted.add(typed[0].norm + typed[1].norm)
    found: set[int] = set()
    for norm in wanted:
        found.update(index.positions.get(norm, ()))
        if fuzzy:
            for candidate, places in index.positions.items():
                if candidate != norm and _same(norm, candidate, fuzzy=True) is not None:
                    found.update(places)
    return sorted(found)


def find_all(text: str, lines: Sequence[tuple[int, str]], *, fuzzy: bool = True) -> list[Span]:
    """Every place where all of `text`'s words stand in the text, in order.

    >>> find_all("persoons-kapitaal", [(84, "ten eerste persoons-"), (85, "kapitaal")])
    [Span(first_line=84, last_line=85, first_word=2, last_word=2)]
    """
    index = build_index(lines)
    typed = _typed_words(text)
    spans = []
    for i in _starts(index, typed, fuzzy=fuzzy):
        matched, used, _ = _walk(index, typed, 0, i, fuzzy=fuzzy)
        if used == len(typed):
            spans.append(index.span(i, i + matched - 1))
    return spans


def locate(
    text: str, lines: Sequence[tuple[int, str]], *, fuzzy: bool = True
) -> tuple[int, int, int, int] | None:
    """The first place where all of `text`'s words stand in the text, or None.

    >>> locate("Wie twittert wordt gehoord", [(27, "Wie twittert, wordt gehoord.")])
    Span(first_line=27, last_line=27, first_word=0, last_word=3)
    """
    spans = find_all(text, lines, fuzzy=fuzzy)
    return spans[0] if spans else None


def check_citation(
    response: str | dict,
    *,
    mode: str,
    spans: Sequence[str],
    lines: Sequence[tuple[int, str]],
) -> CitationCheck:
    """Check a pupil's quotation against the model's target span(s).

    >>> lines = [(27, "Wie twittert, wordt gehoord."), (28, "In het bedrijfsleven is dat heel")]
    >>> check_citation("wie twittert wordt gehoord", mode="sentence",
    ...                spans=["Wie twittert, wordt gehoord."], lines=lines).is_correct
    True
    """
    if mode not in MODES:
        raise ValueError(f"unknown citation mode {mode!r}")
    index = build_index(lines)
    targets = {span[2:] for target in spans for span in find_all(target, lines, fuzzy=False)}
    if mode == "sentence":
        if not isinstance(response, str):
            return CitationCheck(False, ("wrong_format",))
        return _check_sentence(index, _typed_words(response), targets)
    if isinstance(response, str):
        parts = _ELLIPSIS.split(response.strip(), maxsplit=1)
        if len(parts) != 2:
            return CitationCheck(False, ("wrong_format",))
        response = {"first": parts[0], "last": parts[1]}
    if not isinstance(response, dict):
        return CitationCheck(False, ("wrong_format",))
    return _check_first_last(
        index,
        _typed_words(str(response.get("first") or "")),
        _typed_words(str(response.get("last") or "")),
        targets,
    )


def _check_sentence(index: TextIndex, typed: list[_Typed], targets: set[tuple[int, int]]):
    if not typed:
        return CitationCheck(False, ("not_in_text",))
    best: tuple[int, int, int, int] | None = None  # (used, -start, matched, typos)
    for i in _starts(index, typed, fuzzy=True):
        matched, used, typos = _walk(index, typed, 0, i, fuzzy=True)
        for first, last in targets:
            if i == first and i + matched - 1 >= last:
                extra = used < len(typed) or i + matched - 1 > last
                # Typos after the target belong to the ignored second quotation.
                _, _, target_typos = _walk(index, typed, 0, i, fuzzy=True, limit=last - first + 1)
                feedback = ("extra_quotation_ignored",) if extra else ()
                if target_typos:
                    feedback += ("typo_tolerated",)
                return CitationCheck(True, feedback, index.span(first, last), target_typos)
        candidate = (used, -i, matched, typos)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None or not _is_quotation(index, typed, best[0]):
        return CitationCheck(False, ("not_in_text",))
    used, start, matched, typos = best
    start = -start
    span = index.span(start, start + matched - 1)
    inside = any(first <= start and start + matched - 1 <= last for first, last in targets)
    return CitationCheck(False, ("incomplete_quotation" if inside else "wrong_span",), span, typos)


def _longest_run(index: TextIndex, typed: list[_Typed]) -> int:
    return max(
        (_walk(index, typed, 0, i, fuzzy=True)[1] for i in _starts(index, typed, fuzzy=True)),
        default=0,
    )


def _is_quotation(index: TextIndex, typed: list[_Typed], used: int) -> bool:
    """Whether the first `used` typed words, found in the text, are a quotation.

    A paraphrase may open with a few words of the text ("De SVB belt mensen met veel
    volgers"): those count only when they are most of what was typed, or when what
    follows is itself a quotation (a second one, which is then ignored).
    """
    if used < min(MIN_RUN, len(typed)):
        return False
    if used == len(typed) or 2 * used >= len(typed):
        return True
    return _longest_run(index, typed[used:]) >= min(MIN_RUN, len(typed) - used)


def _occurrences(index: TextIndex, typed: list[_Typed]) -> list[tuple[int, int, int]]:
    found = []
    for i in _starts(index, typed, fuzzy=True):
        matched, used, typos = _walk(index, typed, 0, i, fuzzy=True)
        if used == len(typed):
            found.append((i, i + matched - 1, typos))
    return found


def _check_first_last(
    index: TextIndex,
    first_words: list[_Typed],
    last_words: list[_Typed],
    targets: set[tuple[int, int]],
):
    if len(first_words) < 2 or len(last_words) < 2:
        return CitationCheck(False, ("too_few_words",))
    starts = _occurrences(index, first_words)
    ends = _occurrences(index, last_words)
    if not starts or not ends:
        return CitationCheck(False, ("not_in_text",))
    for start, _, start_typos in starts:
        for end_start, end, end_typos in ends:
            if (start, end) in targets and end_start >= start:
                typos = start_typos + end_typos
                feedback = ("typo_tolerated",) if typos else ()
                return CitationCheck(True, feedback, index.span(start, end), typos)
    # Not the target: report the nearest reading, the first start and the first end after it.
    for start, _, start_typos in starts:
        for end_start, end, end_typos in ends:
            if end_start >= start:
                return CitationCheck(
                    False, ("wrong_span",), index.span(start, end), start_typos + end_typos
                )
    return CitationCheck(False, ("wrong_span",))
