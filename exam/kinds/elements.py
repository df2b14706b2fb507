"""Answer-model elements: what open answers and summaries share.

The automatic score of an open answer or a summary is a proposal (the model's keywords
found in the answer): a teacher decides, so those scores come back with
needs_review=True. Teachers and pupils tick elements; element_points adds them up.
The word limit is applied here (apply_length_rules); whether an answer is in full
sentences is judged in exam/kinds/sentences.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from exam.kinds.common import WORD, ResponseError, fold, is_whole
from exam.kinds.sentences import is_in_full_sentences, sentences_deduction
from exam.problems import Problem

# Where one reason ends and the next begins: a new line, a semicolon, a numbered or
# bulleted item ("1.", "2)", "b)", "-", "•"), or the end of a sentence.
_REASON_BREAK = re.compile(
    r"\n+|;|(?:^|\s)(?:\(?\d{1,2}[.)]|\(?[a-z]\)|[-•*])\s+|(?<=[.!?])\s+(?=[^a-z\s])", re.MULTILINE
)


@lru_cache(maxsize=1024)
def _keyword_pattern(keyword: str) -> re.Pattern | None:
    # Whole words only ("twitter" is not found in "twitteraars"); "voordring*" matches any
    # word starting with "voordring"; a keyword of several words matches them in a row.
    words = WORD.findall(fold(keyword.rstrip("*")))
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
    folded = fold(text)
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

    The one counting rule: every page that shows a word count (the pupil's live
    counter in static/js/exam/widgets.js splits the same way), every deduction and the
    marker's page use it. "e-mail", "2026" and "t/m" are one word each; a dash between
    spaces counts as a word too, as a marker counting by eye would.

    >>> count_words("De overheid geeft  voorrang.")
    4
    """
    return len(str(response or "").split())


def over_limit_deduction(over_limit, *, words: int, word_limit: int | None, points: int) -> int:
    """Points an answer loses for going over its word limit, given its points before.

    The rule (`scoring["over_limit"]`) is one of:

    - `"zero"`: any answer over the limit earns 0 points;
    - `{"deduct": d}`: d points off once, however far over;
    - `{"per_words": n, "deduct": d}`: d points per started block of n words over
      (with n = 5: 1-5 words over costs d, 6-10 words over 2d), as the
      correctievoorschrift counts;
    - absent: no deduction (the limit is only shown).

    Exactly at the limit costs nothing; never more than the points there are.

    >>> over_limit_deduction({"per_words": 5, "deduct": 1}, words=46, word_limit=40, points=4)
    2
    >>> over_limit_deduction({"deduct": 1}, words=41, word_limit=25, points=2)
    1
    """
    if not word_limit or words <= word_limit or not over_limit:
        return 0
    if over_limit == "zero":
        return points
    deduct = int(over_limit.get("deduct", 1))
    per_words = over_limit.get("per_words")
    blocks = math.ceil((words - word_limit) / int(per_words)) if per_words else 1
    return max(0, min(points, blocks * deduct))


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


@dataclass(frozen=True)
class LengthRules:
    """Both length rules applied to one answer (or one part of an answer).

    `points` is what is left after the deductions; `in_full_sentences` is None when
    the question does not ask for full sentences.
    """

    points: int
    words: int
    word_limit: int | None
    word_deduction: int
    in_full_sentences: bool | None
    sentence_deduction: int

    @property
    def is_over_limit(self) -> bool:
        return bool(self.word_limit) and self.words > self.word_limit

    @property
    def deducted(self) -> int:
        return self.word_deduction + self.sentence_deduction

    @property
    def feedback(self) -> tuple[str, ...]:
        codes: tuple[str, ...] = ()
        if self.is_over_limit:
            codes += ("over_word_limit",)
        if self.in_full_sentences is False:
            codes += ("not_full_sentences",)
        return codes

    @property
    def details(self) -> dict:
        """What a Score's details say about the length (docs/question-kinds.md)."""
        details: dict = {"words": self.words, "deducted": self.word_deduction}
        if self.word_limit:
            details["word_limit"] = self.word_limit
        if self.in_full_sentences is not None:
            details["full_sentences"] = self.in_full_sentences
            details["sentences_deducted"] = self.sentence_deduction
        return details


def apply_length_rules(
    scoring: dict | None,
    *,
    response,
    word_limit: int | None,
    points: int,
    in_full_sentences: bool | None = None,
) -> LengthRules:
    """The word limit and "in full sentences" applied to an answer worth `points`.

    The one function every open kind calls (open, summary, each part of an answer in
    parts). The word-limit deduction comes first, then the full-sentences one, and
    together they never take the points below 0. `in_full_sentences` is the marker's
    confirmed judgement; None uses the computer's proposal (is_in_full_sentences).

    >>> rules = apply_length_rules({"over_limit": {"deduct": 1}, "full_sentences": {"deduct": 1}},
    ...                            response="voorrang, volgers, geld", word_limit=2, points=3)
    >>> rules.points, rules.word_deduction, rules.sentence_deduction
    (1, 1, 1)
    """
    scoring = scoring or {}
    words = count_words(response)
    word_deduction = over_limit_deduction(
        scoring.get("over_limit"), words=words, word_limit=word_limit, points=points
    )
    sentences: bool | None = None
    sentence_deduction = 0
    if isinstance(scoring.get("full_sentences"), dict):
        sentences = (
            is_in_full_sentences(response) if in_full_sentences is None else in_full_sentences
        )
        sentence_deduction = sentences_deduction(
            scoring, in_full_sentences=sentences, points=points - word_deduction
        )
    return LengthRules(
        points=points - word_deduction - sentence_deduction,
        words=words,
        word_limit=word_limit or None,
        word_deduction=word_deduction,
        in_full_sentences=sentences,
        sentence_deduction=sentence_deduction,
    )


def marked_points(
    scoring: dict,
    *,
    elements: Sequence[int],
    max_points: int,
    response,
    word_limit: int | None,
    in_full_sentences: bool | None = None,
) -> LengthRules:
    """A marker's (or the pupil's) ticked elements, with both length rules applied.

    >>> marked_points({"elements": [{"points": 2}], "over_limit": "zero"}, elements=[0],
    ...               max_points=2, response="a b c", word_limit=2).points
    0
    """
    points = element_points(scoring=scoring, elements=elements, max_points=max_points)
    return apply_length_rules(
        scoring,
        response=response,
        word_limit=word_limit,
        points=points,
        in_full_sentences=in_full_sentences,
    )


def ticked_points(
    *,
    scoring: dict,
    elements: Sequence[int],
    max_points: int,
    response=None,
    word_limit: int | None = None,
    in_full_sentences: bool | None = None,
) -> int:
    """What a marker's (or the pupil's) ticks are worth for a kind scored by its model
    elements (open, summary): marked_points' points.

    >>> ticked_points(scoring={"elements": [{"points": 1}, {"points": 1}]}, elements=[1],
    ...               max_points=2, response="Ze krijgen voorrang.")
    1
    """
    return marked_points(
        scoring,
        elements=elements,
        max_points=max_points,
        response=response if isinstance(response, str) else "",
        word_limit=word_limit,
        in_full_sentences=in_full_sentences,
    ).points


def validate_length_rules(scoring: dict) -> list[Problem]:
    """The shapes of `over_limit` and `full_sentences` (see over_limit_deduction and
    sentences_deduction); whether a rule has a word limit is the question's check."""
    problems = []
    over_limit = scoring.get("over_limit")
    if over_limit is not None and over_limit != "zero":
        keys = ("per_words", "deduct") if isinstance(over_limit, dict) else ()
        if (
            not isinstance(over_limit, dict)
            or not is_whole(over_limit.get("deduct"))
            or set(over_limit) - set(keys)
            or not all(
                is_whole(over_limit[key]) and over_limit[key] >= 1
                for key in keys
                if key in over_limit
            )
        ):
            problems.append(Problem("over_limit", "bad_over_limit"))
    full_sentences = scoring.get("full_sentences")
    if full_sentences is not None and not (
        isinstance(full_sentences, dict)
        and set(full_sentences) <= {"deduct"}
        and is_whole(full_sentences.get("deduct", 1))
        and full_sentences.get("deduct", 1) >= 1
    ):
        problems.append(Problem("full_sentences", "bad_full_sentences"))
    return problems


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
