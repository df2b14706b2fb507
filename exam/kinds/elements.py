"""Answer-model elements: what open answers and summaries share.

The automatic score of an open answer or a summary is a proposal (the model's keywords
found in the answer): a teacher decides, so those scores come back with
needs_review=True. Teachers and pupils tick elements; element_points adds them up.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from exam.kinds.common import ResponseError, is_whole
from exam.problems import Problem

# Where one reason ends and the next begins: a new line, a semicolon, a numbered or
# bulleted item ("1.", "2)", "b)", "-", "•"), or the end of a sentence.
_REASON_BREAK = re.compile(
    r"\n+|;|(?:^|\s)(?:\(?\d{1,2}[.)]|\(?[a-z]\)|[-•*])\s+|(?<=[.!?])\s+(?=[^a-z\s])", re.MULTILINE
)
_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1024)
def _keyword_pattern(keyword: str) -> re.Pattern | None:
    # Whole words only ("twitter" is not found in "twitteraars"); "voordring*" matches any
    # word starting with "voordring"; a keyword of several words matches them in a row.
    words = _WORD.findall(_fold(keyword.rstrip("*")))
    if not words:
        return None
    open_end = keyword.strip().endswith("*")
    body = r"\W+".join(re.escape(word) for word in words)
    return re.compile(r"(?<!\w)" + body + (r"\w*" if open_end else r"(?!\w)"))


def find_elements(text: str, elements: Sequence[dict]) -> list[int]:
    """Indexes of the model elements whose keywords occur in `text`, in order of appearance.

    >>> find_elements("Ze krijgen voorrang.", [{"keywords": ["geld"]}, {"keywords": ["voorrang"]}])
    [1]
    """
    folded = _fold(text)
    found: list[tuple[int, int]] = []
    for index, element in enumerate(elements):
        positions = [
            match.start()
            for keyword in element.get("keywords", [])
            if (pattern := _keyword_pattern(keyword)) and (match := pattern.search(folded))
        ]
        if positions:
            found.append((min(positions), index))
    return [index for _, index in sorted(found)]


def split_reasons(text: str) -> list[str]:
    """The separate reasons in an answer: lines, ";"-parts, numbered items, sentences.

    >>> split_reasons("1. Ze willen aandacht. 2. Het is gratis; en snel")
    ['Ze willen aandacht.', 'Het is gratis', 'en snel']
    """
    parts = [part.strip() for part in _REASON_BREAK.split(text)]
    # A part without a word of two letters is a leftover marker such as "2." or "-".
    return [part for part in parts if re.search(r"[^\W\d_]{2,}", part)]


def element_points(*, scoring: dict, elements: Sequence[int], max_points: int) -> int:
    """Points for a set of ticked model elements, as a teacher or pupil marks them.

    The ticked elements' points added up; when the model says n are asked, only the
    first n ticked count; never more than max_points. Raises ResponseError for an
    element the model does not have.

    >>> element_points(scoring={"elements": [{"points": 1}, {"points": 1}, {"points": 1}],
    ...                         "asked": 2}, elements=[0, 2, 1], max_points=2)
    2
    """
    model = scoring.get("elements", [])
    ticked: list[int] = []
    for element in elements:
        if isinstance(element, bool) or not isinstance(element, int):
            raise ResponseError("unknown_element", element=str(element))
        if not 0 <= element < len(model):
            raise ResponseError("unknown_element", element=element)
        if element not in ticked:
            ticked.append(element)
    asked = scoring.get("asked")
    if asked:
        ticked = ticked[: int(asked)]
    total = sum(int(model[element].get("points", 1)) for element in ticked)
    return max(0, min(max_points, total))


def count_words(response) -> int:
    """Words in an answer as the correctievoorschrift counts them: runs of non-space.

    Every page that shows a word count and every deduction uses this one rule.

    >>> count_words("De overheid geeft  voorrang.")
    4
    """
    return len(str(response or "").split())


def over_limit_deduction(over_limit, *, words: int, word_limit: int | None, points: int) -> int:
    """Points a summary loses for its length; "zero" takes every point.

    Per started block: with {"per_words": 5, "deduct": 1}, 1-5 words over costs 1 point,
    6-10 words over 2, as the correctievoorschrift counts.

    >>> over_limit_deduction({"per_words": 5, "deduct": 1}, words=46, word_limit=40, points=4)
    2
    """
    if not word_limit or words <= word_limit or not over_limit:
        return 0
    if over_limit == "zero":
        return points
    blocks = math.ceil((words - word_limit) / int(over_limit.get("per_words", 1)))
    return min(points, blocks * int(over_limit.get("deduct", 1)))


def length_deduction(scoring: dict | None, *, response, word_limit: int | None, points: int) -> int:
    """Points an answer loses for going over its word limit, given its points before.

    >>> length_deduction({"over_limit": "zero"}, response="a b c", word_limit=2, points=3)
    3
    """
    return over_limit_deduction(
        (scoring or {}).get("over_limit"),
        words=count_words(response),
        word_limit=word_limit,
        points=points,
    )


def clean_text(value, **_):
    if not isinstance(value, str):
        raise ResponseError("invalid_type")
    # Keep the pupil's lines: they separate the reasons given.
    lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def validate_elements(scoring, *, max_points, **_) -> list[Problem]:
    elements = scoring.get("elements")
    if not isinstance(elements, list) or not elements:
        return [Problem("elements", "no_elements")]
    problems = []
    for index, element in enumerate(elements):
        # The field names the element (from 0); the message counts from 1.
        at, where = f"element:{index}", {"number": index + 1}
        if not isinstance(element, dict):
            problems.append(Problem(at, "element_not_object", where))
            continue
        if not str(element.get("text", "")).strip():
            problems.append(Problem(at, "element_no_text", where))
        points = element.get("points", 1)
        if not is_whole(points) or points < 1:
            problems.append(Problem(at, "element_bad_points", where))
        keywords = element.get("keywords", [])
        if not isinstance(keywords, list) or not all(
            isinstance(k, str) and k.strip() for k in keywords
        ):
            problems.append(Problem(at, "element_bad_keywords", where))
    if problems:
        return problems
    asked = scoring.get("asked")
    worth = sorted((element.get("points", 1) for element in elements), reverse=True)
    if asked is not None:
        if not is_whole(asked) or not 1 <= asked <= len(elements):
            return [Problem("asked", "bad_asked", {"count": len(elements)})]
        worth = worth[:asked]
    if sum(worth) < max_points:
        # The maximum is what the teacher lowers (or the elements' points raised).
        params = {"total": sum(worth), "max": max_points}
        problems.append(Problem("max_points", "elements_too_few_points", params))
    return problems


def _element_sentence(element: dict, *, short: bool = False) -> str:
    """What a pupil who saw this model element might write: the model's own words.

    The first alternative, without optional parts in brackets; for a summary only the
    few words around the keyword, so that the summary keeps to its word limit.
    """
    text = re.sub(r"\([^)]*\)", "", element.get("text", "")).split(" / ")[0]
    text = re.sub(r"^\w+:\s*", "", " ".join(text.split()))
    if not short:
        return text.rstrip(".") + "."
    words = text.rstrip(".").split()
    for start in range(len(words)):
        window = " ".join(words[start : start + 8])
        if find_elements(window, [element]):
            return window[0].upper() + window[1:] + "."
    return " ".join(words[:8]) + "."


def demo_elements_response(scoring: dict, *, rng, p: float, short: bool):
    """A generated answer holding each model element with chance p (up to `asked`),
    and the elements it holds, which the demo teacher later ticks."""
    elements = scoring.get("elements", [])
    asked = int(scoring.get("asked") or len(elements))
    chosen = [i for i in range(len(elements)) if rng.random() < p][:asked]
    if not chosen:
        return "Dat staat niet duidelijk in de tekst.", chosen
    return "\n".join(_element_sentence(elements[i], short=short) for i in chosen), chosen
