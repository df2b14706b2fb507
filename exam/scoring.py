"""Score a pupil's response with a question's answer model.

Pure: JSON-like values in, a Score out, no Django. One small scorer per question kind,
registered in SCORERS; docs/question-kinds.md describes every stored format.

General rules of the central exam (CvTE) that every scorer keeps:

- points are whole numbers, never below 0 and never above the question's maximum;
- multiple choice: the key earns the points, another letter or more than one letter 0;
- when n answers are asked (options, reasons, a quotation), only the first n given are
  marked: the rest is ignored, and the feedback says so;
- the automatic score of an open answer or a summary is a proposal (keywords found in the
  answer): a teacher decides, so those scores come back with needs_review=True.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from exam.citations import MODES as CITATION_MODES
from exam.citations import check_citation, find_all

KINDS = (
    "mc",
    "multi",
    "statements",
    "matching",
    "ordering",
    "paragraph",
    "citation",
    "gap",
    "open",
    "summary",
)

# Anything longer is not an answer to a reading question but a paste; refuse it.
MAX_RESPONSE_LENGTH = 5000
STATEMENT_VALUES = ("juist", "onjuist")
_STATEMENT_ALIASES = {"juist": "juist", "j": "juist", "onjuist": "onjuist", "o": "onjuist"}
_LABEL_SPLIT = re.compile(r"[\s,;/]+")
_PARAGRAPH = re.compile(r"^(?:alinea\s*)?\(?\s*(\d{1,3})\s*\)?\.?$", re.IGNORECASE)
# Where one reason ends and the next begins: a new line, a semicolon, a numbered or
# bulleted item ("1.", "2)", "b)", "-", "•"), or the end of a sentence.
_REASON_BREAK = re.compile(
    r"\n+|;|(?:^|\s)(?:\(?\d{1,2}[.)]|\(?[a-z]\)|[-•*])\s+|(?<=[.!?])\s+(?=[^a-z\s])", re.MULTILINE
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    points: int  # whole points, 0 <= points <= max_points
    max_points: int
    needs_review: bool = False  # open/summary: the automatic score is only a proposal
    feedback: tuple[str, ...] = ()  # codes; see docs/question-kinds.md
    details: dict = field(default_factory=dict)


class ResponseError(ValueError):
    """An answer that cannot have been given; `code` maps to a message for the pupil."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# --- cleaning a raw response --------------------------------------------------------


def clean_response(
    *,
    kind: str,
    value,
    labels: dict[str, list[str]],
    paragraph_count: int | None = None,
    word_limit: int | None = None,
):
    """Normalise a pupil's raw response into its stored JSON form.

    Returns None for an empty answer (unanswered). Raises ResponseError for an answer
    that cannot have been given in the form: a letter that is not an option, a
    paragraph that does not exist, and so on. A summary over its word limit is not
    impossible (it costs points), so `word_limit` never refuses an answer.

    >>> clean_response(kind="multi", value=["c", " A", "C"],
    ...                labels={"option": ["A", "B", "C", "D"]})
    ['C', 'A']
    """
    if kind not in CLEANERS:
        raise ValueError(f"unknown question kind {kind!r}")
    if _is_empty(value):
        return None
    if isinstance(value, str) and len(value) > MAX_RESPONSE_LENGTH:
        raise ResponseError("too_long", limit=MAX_RESPONSE_LENGTH)
    return CLEANERS[kind](value, labels=labels, paragraph_count=paragraph_count)


def _is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(_is_empty(item) for item in value)
    if isinstance(value, dict):
        return all(_is_empty(item) for item in value.values())
    return False


def _label(value, known: Sequence[str], code: str) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ResponseError("invalid_type")
    text = str(value).strip()
    for label in known:
        if label.casefold() == text.casefold():
            return label
    raise ResponseError(code, label=text)


def _label_list(value, known: Sequence[str], code: str) -> list[str]:
    if isinstance(value, str):
        value = [part for part in _LABEL_SPLIT.split(value) if part]
        # "CADB" typed in one box: single-letter labels need no separator.
        if len(value) == 1 and len(value[0]) > 1 and all(len(k) == 1 for k in known):
            value = list(value[0])
    if not isinstance(value, list | tuple):
        raise ResponseError("invalid_type")
    chosen: list[str] = []
    for item in value:
        if _is_empty(item):
            continue
        label = _label(item, known, code)
        if label not in chosen:
            chosen.append(label)
    return chosen


def _clean_mc(value, *, labels, **_):
    options = labels.get("option", [])
    if isinstance(value, list | tuple):
        chosen = _label_list(value, options, "unknown_option")
        # More than one letter is a possible (wrong) answer, not an impossible one.
        return chosen[0] if len(chosen) == 1 else chosen
    return _label(value, options, "unknown_option")


def _clean_multi(value, *, labels, **_):
    return _label_list(value, labels.get("option", []), "unknown_option") or None


def _clean_statements(value, *, labels, **_):
    if not isinstance(value, dict):
        raise ResponseError("invalid_type")
    known = labels.get("statement", [])
    cleaned: dict[str, str] = {}
    for raw_label, raw_value in value.items():
        if _is_empty(raw_value):
            continue
        label = _label(raw_label, known, "unknown_statement")
        if not isinstance(raw_value, str):
            raise ResponseError("invalid_statement_value", value=str(raw_value))
        answer = _STATEMENT_ALIASES.get(raw_value.strip().casefold())
        if answer is None:
            raise ResponseError("invalid_statement_value", value=raw_value.strip())
        cleaned[label] = answer
    return {label: cleaned[label] for label in known if label in cleaned} or None


def _clean_matching(value, *, labels, **_):
    if not isinstance(value, dict):
        raise ResponseError("invalid_type")
    items, targets = labels.get("item", []), labels.get("target", [])
    cleaned: dict[str, str] = {}
    for raw_item, raw_target in value.items():
        if _is_empty(raw_target):
            continue
        cleaned[_label(raw_item, items, "unknown_item")] = _label(
            raw_target, targets, "unknown_target"
        )
    return {item: cleaned[item] for item in items if item in cleaned} or None


def _clean_ordering(value, *, labels, **_):
    items = labels.get("item", [])
    if isinstance(value, list | tuple) and any(_is_empty(item) for item in value):
        raise ResponseError("not_a_permutation", count=len(items))
    order = _label_list(value, items, "unknown_item")
    raw_count = len(value) if isinstance(value, list | tuple) else len(order)
    if raw_count != len(order) or sorted(order) != sorted(items):
        raise ResponseError("not_a_permutation", count=len(items))
    return order


def _clean_paragraph(value, *, paragraph_count=None, **_):
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ResponseError("invalid_type")
    match = _PARAGRAPH.match(str(value).strip())
    if not match:
        raise ResponseError("not_a_paragraph_number", value=str(value).strip())
    number = int(match.group(1))
    if number < 1 or (paragraph_count is not None and number > paragraph_count):
        raise ResponseError("unknown_paragraph", number=number, count=paragraph_count)
    return str(number)


def _clean_citation(value, **_):
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        unknown = set(value) - {"first", "last"}
        if unknown:
            raise ResponseError("invalid_type")
        cleaned = {}
        for part in ("first", "last"):
            raw = value.get(part) or ""
            if not isinstance(raw, str):
                raise ResponseError("invalid_type")
            if len(raw) > MAX_RESPONSE_LENGTH:
                raise ResponseError("too_long", limit=MAX_RESPONSE_LENGTH)
            cleaned[part] = " ".join(raw.split())
        return cleaned
    raise ResponseError("invalid_type")


def _clean_gap(value, **_):
    if not isinstance(value, str):
        raise ResponseError("invalid_type")
    return " ".join(value.split())


def _clean_text(value, **_):
    if not isinstance(value, str):
        raise ResponseError("invalid_type")
    # Keep the pupil's lines: they separate the reasons given.
    lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


CLEANERS: dict[str, Callable] = {
    "mc": _clean_mc,
    "multi": _clean_multi,
    "statements": _clean_statements,
    "matching": _clean_matching,
    "ordering": _clean_ordering,
    "paragraph": _clean_paragraph,
    "citation": _clean_citation,
    "gap": _clean_gap,
    "open": _clean_text,
    "summary": _clean_text,
}
# The kinds whose cleaner reads the choice labels; the others never look at them, so a
# save of an open answer need not fetch any.
LABELLED_KINDS = frozenset({"mc", "multi", "statements", "matching", "ordering"})


# --- scoring ------------------------------------------------------------------------


def score_response(
    *,
    kind: str,
    scoring: dict,
    max_points: int,
    response,
    lines: Sequence[tuple[int, str]] = (),
    word_limit: int | None = None,
) -> Score:
    """Score a stored response; None (unanswered) earns 0 points.

    >>> score_response(kind="statements", max_points=2, response={"1": "juist", "2": "juist"},
    ...                scoring={"answers": {"1": "juist", "2": "onjuist"},
    ...                         "table": {"2": 2, "1": 1, "0": 0}}).points
    1
    """
    if kind not in SCORERS:
        raise ValueError(f"unknown question kind {kind!r}")
    if _is_empty(response):
        return Score(0, max_points, feedback=("unanswered",))
    score = SCORERS[kind](
        scoring, max_points=max_points, response=response, lines=lines, word_limit=word_limit
    )
    points = max(0, min(max_points, int(score.points)))
    if points == score.points:
        return score
    return Score(points, max_points, score.needs_review, score.feedback, score.details)


def _count_points(scoring: dict, count: int, per_key: str) -> int:
    """Points for `count` right answers: from the model's table, or per right answer."""
    table = scoring.get("table")
    if table:
        return int(table.get(str(count), 0))
    return count * int(scoring.get(per_key, 1))


def _score_mc(scoring, *, max_points, response, **_):
    if isinstance(response, list):
        if len(response) > 1:
            return Score(0, max_points, feedback=("too_many_choices",))
        response = response[0] if response else None
    if response == scoring.get("key"):
        return Score(max_points, max_points)
    return Score(0, max_points, feedback=("wrong_letter",))


def _score_multi(scoring, *, max_points, response, **_):
    keys = list(scoring.get("keys", []))
    choose = int(scoring.get("choose", len(keys)))
    chosen = [response] if isinstance(response, str) else list(response)
    counted, ignored = chosen[:choose], chosen[choose:]
    correct = {label: label in keys for label in counted}
    details: dict = {"correct": correct}
    feedback: tuple[str, ...] = ()
    if ignored:
        details["ignored"] = ignored
        feedback = ("extra_choices_ignored",)
    points = _count_points(scoring, sum(correct.values()), "per_correct")
    return Score(points, max_points, feedback=feedback, details=details)


def _score_statements(scoring, *, max_points, response, **_):
    answers = scoring.get("answers", {})
    correct = {label: response.get(label) == value for label, value in answers.items()}
    points = _count_points(scoring, sum(correct.values()), "per_correct")
    return Score(points, max_points, details={"correct": correct})


def _score_matching(scoring, *, max_points, response, **_):
    pairs = scoring.get("pairs", {})
    correct = {item: response.get(item) == target for item, target in pairs.items()}
    points = _count_points(scoring, sum(correct.values()), "per_pair")
    return Score(points, max_points, details={"correct": correct})


def _score_ordering(scoring, *, max_points, response, **_):
    order = list(scoring.get("order", []))
    given = list(response)
    correct = {
        label: position < len(given) and given[position] == label
        for position, label in enumerate(order)
    }
    right = sum(correct.values())
    if scoring.get("table"):
        points = _count_points(scoring, right, "per_correct")
    else:
        points = max_points if right == len(order) else 0
    return Score(points, max_points, details={"correct": correct})


def _score_paragraph(scoring, *, max_points, response, **_):
    accepted = {str(number) for number in scoring.get("accepted", [])}
    if str(response).strip() in accepted:
        return Score(max_points, max_points)
    return Score(0, max_points, feedback=("wrong_paragraph",))


def _score_citation(scoring, *, max_points, response, lines, **_):
    if not lines:
        raise ValueError("citation scoring needs the text's lines")
    check = check_citation(
        response, mode=scoring.get("mode", "sentence"), spans=scoring.get("spans", []), lines=lines
    )
    details = {}
    if check.span is not None:
        details["cited_lines"] = [check.span.first_line, check.span.last_line]
    points = max_points if check.is_correct else 0
    return Score(points, max_points, feedback=check.feedback, details=details)


def normalise_gap(text: str) -> str:
    """A gap answer as compared: case, spaces and surrounding quotes/punctuation ignored.

    >>> normalise_gap(" ‘Voordringkanalen’. ")
    'voordringkanalen'
    """
    words = " ".join(text.split()).casefold()
    return words.strip(" \"'‘’“”„.,;:!?()")


def _score_gap(scoring, *, max_points, response, **_):
    accepted = {normalise_gap(answer) for answer in scoring.get("accepted", [])}
    if normalise_gap(str(response)) in accepted:
        return Score(max_points, max_points)
    return Score(0, max_points, feedback=("not_accepted",))


# --- open answers and summaries -------------------------------------------------------


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


def _score_open(scoring, *, max_points, response, **_):
    elements = scoring.get("elements", [])
    asked = scoring.get("asked")
    feedback: tuple[str, ...] = ()
    if asked:
        reasons = split_reasons(str(response))
        if len(reasons) > int(asked):
            feedback += ("extra_reasons_ignored",)
        considered = "\n".join(reasons[: int(asked)])
    else:
        considered = str(response)
    found = find_elements(considered, elements)
    if asked:
        found = found[: int(asked)]
    if not found:
        feedback += ("no_elements_found",)
    points = element_points(scoring=scoring, elements=found, max_points=max_points)
    return Score(
        points,
        max_points,
        needs_review=True,
        feedback=feedback,
        details={"elements": sorted(found)},
    )


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


def count_words(response) -> int:
    """Words in an answer as the correctievoorschrift counts them: runs of non-space.

    Every page that shows a word count and every deduction uses this one rule.

    >>> count_words("De overheid geeft  voorrang.")
    4
    """
    return len(str(response or "").split())


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


def _score_summary(scoring, *, max_points, response, word_limit, **_):
    text = str(response)
    words = count_words(text)
    found = find_elements(text, scoring.get("elements", []))
    points = element_points(scoring=scoring, elements=found, max_points=max_points)
    deducted = length_deduction(scoring, response=text, word_limit=word_limit, points=points)
    feedback: tuple[str, ...] = ()
    if not found:
        feedback += ("no_elements_found",)
    if word_limit and words > word_limit:
        feedback += ("over_word_limit",)
    details = {"elements": sorted(found), "words": words, "deducted": deducted}
    if word_limit:
        details["word_limit"] = word_limit
    return Score(points - deducted, max_points, True, feedback, details)


SCORERS: dict[str, Callable[..., Score]] = {
    "mc": _score_mc,
    "multi": _score_multi,
    "statements": _score_statements,
    "matching": _score_matching,
    "ordering": _score_ordering,
    "paragraph": _score_paragraph,
    "citation": _score_citation,
    "gap": _score_gap,
    "open": _score_open,
    "summary": _score_summary,
}


# --- checking a question's scoring data -------------------------------------------


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_scoring(
    *,
    kind: str,
    scoring: dict,
    max_points: int,
    labels: dict[str, list[str]],
    paragraph_count: int | None = None,
    lines: Sequence[tuple[int, str]] = (),
) -> list[str]:
    """Problems with a question's scoring data, as short English sentences (empty: fine).

    >>> validate_scoring(kind="mc", scoring={"key": "E"}, max_points=1,
    ...                  labels={"option": ["A", "B", "C", "D"]})
    ["key 'E' is not an option (A, B, C, D)"]
    """
    if kind not in VALIDATORS:
        return [f"unknown question kind {kind!r}"]
    if not isinstance(scoring, dict):
        return ["scoring data must be an object"]
    if not _is_whole(max_points) or max_points < 1:
        return [f"maximum points must be a whole number of at least 1, not {max_points!r}"]
    return VALIDATORS[kind](
        scoring,
        max_points=max_points,
        labels=labels,
        paragraph_count=paragraph_count,
        lines=lines,
    )


def _names(labels: Sequence[str]) -> str:
    return ", ".join(labels) if labels else "none"


def _check_table_or_per(scoring, *, count: int, best: int, max_points: int, per_key: str):
    """The table covers 0..count with whole points within the maximum; the best answer
    (best right) earns exactly max_points."""
    problems: list[str] = []
    table = scoring.get("table")
    if table is not None:
        if not isinstance(table, dict) or not table:
            return ["table must map a number right to points"]
        expected = {str(n) for n in range(count + 1)}
        missing = sorted(expected - set(map(str, table)), key=int)
        extra = sorted(set(map(str, table)) - expected)
        if missing:
            problems.append(f"table does not cover {', '.join(missing)} right")
        if extra:
            problems.append(f"table has counts that cannot occur: {', '.join(extra)}")
        values = {str(k): v for k, v in table.items()}
        for key, value in values.items():
            if not _is_whole(value) or value < 0:
                problems.append(f"table points for {key} right must be a whole number >= 0")
            elif value > max_points:
                problems.append(f"table gives {value} points for {key} right, above {max_points}")
        whole = [
            (int(k), v) for k, v in values.items() if k in expected and _is_whole(v) and v >= 0
        ]
        ordered = [v for _, v in sorted(whole)]
        if ordered != sorted(ordered):
            problems.append("table gives fewer points for more right answers")
        if str(best) in values and _is_whole(values[str(best)]) and values[str(best)] != max_points:
            problems.append(
                f"the best answer earns {values[str(best)]} points in the table, not {max_points}"
            )
        return problems
    per = scoring.get(per_key, 1)
    if not _is_whole(per) or per < 1:
        return [f"{per_key} must be a whole number of at least 1"]
    if per * best != max_points:
        problems.append(f"the best answer earns {per * best} points ({per_key}), not {max_points}")
    return problems


def _validate_mc(scoring, *, max_points, labels, **_):
    options = labels.get("option", [])
    if len(options) < 2:
        return ["a multiple-choice question needs at least two options"]
    key = scoring.get("key")
    if not key:
        return ["scoring has no key"]
    if key not in options:
        return [f"key {key!r} is not an option ({_names(options)})"]
    return []


def _validate_multi(scoring, *, max_points, labels, **_):
    options = labels.get("option", [])
    keys = scoring.get("keys")
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
        return ["scoring has no keys"]
    problems = [
        f"key {key!r} is not an option ({_names(options)})" for key in keys if key not in options
    ]
    if len(set(keys)) != len(keys):
        problems.append("a key is listed twice")
    choose = scoring.get("choose", len(keys))
    if not _is_whole(choose) or not 1 <= choose <= len(options):
        problems.append(f"choose must be a whole number from 1 to {len(options)}")
        return problems
    if choose >= len(options):
        problems.append("choose leaves no option unchosen")
    best = min(choose, len(set(keys)))
    problems += _check_table_or_per(
        scoring, count=choose, best=best, max_points=max_points, per_key="per_correct"
    )
    return problems


def _validate_statements(scoring, *, max_points, labels, **_):
    statements = labels.get("statement", [])
    answers = scoring.get("answers")
    if not statements:
        return ["a statements question needs statements"]
    if not isinstance(answers, dict) or not answers:
        return ["scoring has no answers"]
    problems = []
    missing = [label for label in statements if label not in answers]
    if missing:
        problems.append(f"no answer for statement {', '.join(missing)}")
    problems += [
        f"answer for {label!r}, which is not a statement"
        for label in answers
        if label not in statements
    ]
    problems += [
        f"answer for statement {label} must be juist or onjuist, not {value!r}"
        for label, value in answers.items()
        if value not in STATEMENT_VALUES
    ]
    if "table" not in scoring and "per_correct" not in scoring:
        problems.append("scoring has no table")
    problems += _check_table_or_per(
        scoring,
        count=len(statements),
        best=len(statements),
        max_points=max_points,
        per_key="per_correct",
    )
    return problems


def _validate_matching(scoring, *, max_points, labels, **_):
    items, targets = labels.get("item", []), labels.get("target", [])
    pairs = scoring.get("pairs")
    if not items or not targets:
        return ["a matching question needs items and targets"]
    if not isinstance(pairs, dict) or not pairs:
        return ["scoring has no pairs"]
    problems = []
    missing = [item for item in items if item not in pairs]
    if missing:
        problems.append(f"no pair for item {', '.join(missing)}")
    for item, target in pairs.items():
        if item not in items:
            problems.append(f"pair for {item!r}, which is not an item ({_names(items)})")
        if target not in targets:
            problems.append(
                f"item {item} is paired with {target!r}, not a target ({_names(targets)})"
            )
    problems += _check_table_or_per(
        scoring, count=len(items), best=len(items), max_points=max_points, per_key="per_pair"
    )
    return problems


def _validate_ordering(scoring, *, max_points, labels, **_):
    items = labels.get("item", [])
    order = scoring.get("order")
    if len(items) < 2:
        return ["an ordering question needs at least two items"]
    if not isinstance(order, list) or not order or not all(isinstance(k, str) for k in order):
        return ["scoring has no order"]
    if sorted(order) != sorted(items):
        return [f"order {order!r} is not an arrangement of the items ({_names(items)})"]
    if "table" in scoring:
        return _check_table_or_per(
            scoring, count=len(items), best=len(items), max_points=max_points, per_key="per_correct"
        )
    return []


def _validate_paragraph(scoring, *, paragraph_count, **_):
    accepted = scoring.get("accepted")
    if not isinstance(accepted, list) or not accepted:
        return ["scoring accepts no paragraph"]
    problems = []
    for number in accepted:
        if not _is_whole(number) or number < 1:
            problems.append(f"accepted paragraph {number!r} is not a paragraph number")
        elif paragraph_count is not None and number > paragraph_count:
            problems.append(
                f"accepted paragraph {number} does not exist (the text has {paragraph_count})"
            )
    return problems


def _validate_citation(scoring, *, lines, **_):
    mode = scoring.get("mode")
    spans = scoring.get("spans")
    problems = []
    if mode not in CITATION_MODES:
        problems.append(f"citation mode must be one of {', '.join(CITATION_MODES)}, not {mode!r}")
    if (
        not isinstance(spans, list)
        or not spans
        or not all(isinstance(s, str) and s.strip() for s in spans)
    ):
        return problems + ["scoring has no target span"]
    for span in spans:
        if mode == "first_last" and len(span.split()) < 2:
            problems.append(f"span {span!r} is too short to ask for its first and last words")
        if lines and not find_all(span, lines, fuzzy=False):
            problems.append(f"span {_short(span)!r} is not in the text")
    return problems


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _validate_gap(scoring, **_):
    accepted = scoring.get("accepted")
    if not isinstance(accepted, list) or not accepted:
        return ["scoring accepts no answer"]
    if not all(isinstance(answer, str) and normalise_gap(answer) for answer in accepted):
        return ["an accepted answer is empty"]
    return []


def _validate_elements(scoring, *, max_points, **_):
    elements = scoring.get("elements")
    if not isinstance(elements, list) or not elements:
        return ["scoring has no elements"]
    problems = []
    for number, element in enumerate(elements):
        if not isinstance(element, dict):
            problems.append(f"element {number} must be an object")
            continue
        if not str(element.get("text", "")).strip():
            problems.append(f"element {number} has no description")
        points = element.get("points", 1)
        if not _is_whole(points) or points < 1:
            problems.append(f"element {number} must be worth a whole number of points >= 1")
        keywords = element.get("keywords", [])
        if not isinstance(keywords, list) or not all(
            isinstance(k, str) and k.strip() for k in keywords
        ):
            problems.append(f"element {number} keywords must be a list of words")
    if problems:
        return problems
    asked = scoring.get("asked")
    worth = sorted((element.get("points", 1) for element in elements), reverse=True)
    if asked is not None:
        if not _is_whole(asked) or not 1 <= asked <= len(elements):
            return [f"asked must be a whole number from 1 to {len(elements)}"]
        worth = worth[:asked]
    if sum(worth) < max_points:
        problems.append(f"the elements give at most {sum(worth)} points, not {max_points}")
    return problems


def _validate_summary(scoring, **context):
    problems = _validate_elements(scoring, **context)
    over_limit = scoring.get("over_limit")
    if over_limit is None or over_limit == "zero":
        return problems
    if not isinstance(over_limit, dict) or not all(
        _is_whole(over_limit.get(key)) and over_limit.get(key) >= 1
        for key in ("per_words", "deduct")
    ):
        problems.append('over_limit must be "zero" or {"per_words": n, "deduct": n}')
    return problems


VALIDATORS: dict[str, Callable[..., list[str]]] = {
    "mc": _validate_mc,
    "multi": _validate_multi,
    "statements": _validate_statements,
    "matching": _validate_matching,
    "ordering": _validate_ordering,
    "paragraph": _validate_paragraph,
    "citation": _validate_citation,
    "gap": _validate_gap,
    "open": _validate_elements,
    "summary": _validate_summary,
}
