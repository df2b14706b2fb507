"""What every question kind shares: the score, the refusal of an impossible answer,
reading labels, and the score table (or points per right answer).

Pure: no Django. The general rules of the central exam (CvTE) that every kind keeps:

- points are whole numbers, never below 0 and never above the question's maximum;
- when n answers are asked (options, reasons, a quotation), only the first n given are
  marked: the rest is ignored, and the feedback says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from exam.problems import Problem

# Anything longer is not an answer to a reading question but a paste; refuse it.
MAX_RESPONSE_LENGTH = 5000
_LABEL_SPLIT = re.compile(r"[\s,;/]+")


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


def is_empty(value) -> bool:
    """No answer at all: None, blanks, or a list or dict of blanks.

    >>> is_empty({"1": " ", "2": None}), is_empty(["", "B"])
    (True, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(is_empty(item) for item in value)
    if isinstance(value, dict):
        return all(is_empty(item) for item in value.values())
    return False


def is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def clean_label(value, known: Sequence[str], code: str) -> str:
    """One of the known labels, matched without regard to case; else ResponseError(code)."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ResponseError("invalid_type")
    text = str(value).strip()
    for label in known:
        if label.casefold() == text.casefold():
            return label
    raise ResponseError(code, label=text)


def clean_label_list(value, known: Sequence[str], code: str) -> list[str]:
    """Known labels in the order given, each once: from a list or a typed "A, C"."""
    if isinstance(value, str):
        value = [part for part in _LABEL_SPLIT.split(value) if part]
        # "CADB" typed in one box: single-letter labels need no separator.
        if len(value) == 1 and len(value[0]) > 1 and all(len(k) == 1 for k in known):
            value = list(value[0])
    if not isinstance(value, list | tuple):
        raise ResponseError("invalid_type")
    chosen: list[str] = []
    for item in value:
        if is_empty(item):
            continue
        label = clean_label(item, known, code)
        if label not in chosen:
            chosen.append(label)
    return chosen


def count_points(scoring: dict, count: int, per_key: str) -> int:
    """Points for `count` right answers: from the model's table, or per right answer.

    >>> count_points({"table": {"2": 2, "1": 1, "0": 0}}, 1, "per_correct")
    1
    """
    table = scoring.get("table")
    if table:
        return int(table.get(str(count), 0))
    return count * int(scoring.get(per_key, 1))


def check_table_or_per(
    scoring: dict, *, count: int, best: int, max_points: int, per_key: str
) -> list[Problem]:
    """The table covers 0..count with whole points within the maximum; the best answer
    (best right) earns exactly max_points. A problem with one row of the table has the
    field "table:<count right>", so a form can show it on that row.

    >>> [p.code for p in check_table_or_per({"per_correct": 1}, count=2, best=2,
    ...                                     max_points=3, per_key="per_correct")]
    ['per_best_not_max']
    """
    table = scoring.get("table")
    if table is not None:
        return _check_table(table, count=count, best=best, max_points=max_points)
    per = scoring.get(per_key, 1)
    if not is_whole(per) or per < 1:
        return [Problem(per_key, "per_not_whole", {"per_key": per_key})]
    if per * best != max_points:
        params = {"count": best, "per": per, "total": per * best, "max": max_points}
        return [Problem(per_key, "per_best_not_max", params)]
    return []


def _check_table(table, *, count: int, best: int, max_points: int) -> list[Problem]:
    if not isinstance(table, dict):
        return [Problem("table", "table_not_a_mapping")]
    problems: list[Problem] = []
    values = {str(k): v for k, v in table.items()}
    expected = [str(n) for n in range(count + 1)]
    extra = sorted(set(values) - set(expected))
    if extra:
        problems.append(Problem("table", "table_extra_counts", {"counts": extra}))
    whole: list[tuple[int, int]] = []
    for key in expected:
        row = f"table:{key}"
        value = values.get(key)
        if key not in values:
            problems.append(Problem(row, "table_missing_count", {"count": int(key)}))
        elif not is_whole(value) or value < 0:
            problems.append(Problem(row, "table_points_not_whole", {"count": int(key)}))
        elif value > max_points:
            params = {"points": value, "count": int(key), "max": max_points}
            problems.append(Problem(row, "table_points_above_max", params))
        else:
            whole.append((int(key), value))
    falling = [
        n for (_, before), (n, value) in zip(whole, whole[1:], strict=False) if value < before
    ]
    if falling:
        problems.append(Problem(f"table:{falling[0]}", "table_not_rising"))
    top = values.get(str(best))
    if not falling and is_whole(top) and 0 <= top < max_points:
        params = {"count": best, "points": top, "max": max_points}
        problems.append(Problem(f"table:{best}", "table_best_not_max", params))
    return problems


def given_text(response) -> str:
    """A free answer as the result page shows it.

    >>> given_text({"first": "Hoe meer", "last": "meldt."})
    'Hoe meer … meldt.'
    """
    if response is None:
        return ""
    if isinstance(response, dict):
        return " … ".join(v for v in (response.get("first", ""), response.get("last", "")) if v)
    if isinstance(response, list):
        return ", ".join(map(str, response))
    return str(response)


def posted_value(data, scoring: dict):
    """The answer of a one-field widget ("value")."""
    return data.get("value", "")


def prefixed(data, prefix: str) -> dict[str, str]:
    """The posted fields named `prefix` + label, by label ("s-1" -> "1")."""
    return {key[len(prefix) :]: data.get(key, "") for key in data if key.startswith(prefix)}


# Label styles: how an exam prints the labels of a list (options, items, targets).
# "Noteer alleen de nummers" asks for numbers; most lists are lettered.
UPPER = "upper"
LOWER = "lower"
NUMBER = "number"
LABEL_STYLES = (UPPER, LOWER, NUMBER)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def style_labels(style: str, count: int) -> list[str]:
    """The first `count` labels (at most 26) of a style.

    >>> style_labels(UPPER, 3), style_labels(LOWER, 2), style_labels(NUMBER, 3)
    (['A', 'B', 'C'], ['a', 'b'], ['1', '2', '3'])
    """
    count = min(count, len(_LETTERS))
    if style == NUMBER:
        return [str(n) for n in range(1, count + 1)]
    letters = _LETTERS[:count]
    return list(letters.lower() if style == LOWER else letters)


def style_of(labels: Sequence[str], default: str = UPPER) -> str:
    """The style a list of labels is written in; `default` for an empty list or
    labels of no one style (a hand-made exam file).

    >>> style_of(["1", "2"]), style_of(["a", "b"]), style_of([]), style_of(["A", "2"])
    ('number', 'lower', 'upper', 'upper')
    """
    for style in LABEL_STYLES:
        if labels and list(labels) == style_labels(style, len(labels)):
            return style
    return default


def label_mapping(old: Sequence[str], new: Sequence[str]) -> dict[str, str]:
    """Old label -> new label, by position ("B" -> "2").

    >>> label_mapping(["A", "B"], ["1", "2"])
    {'A': '1', 'B': '2'}
    """
    return dict(zip(old, new, strict=False))


def relabel_value(value, mapping: dict[str, str]):
    """A label, or a list of labels, in the new labels; what the mapping does not
    know stays as it is (the kind's validate reports it).

    >>> relabel_value(["B", "D", "X"], {"B": "2", "D": "4"})
    ['2', '4', 'X']
    """
    if isinstance(value, list | tuple):
        return [mapping.get(v, v) if isinstance(v, str) else v for v in value]
    if isinstance(value, str):
        return mapping.get(value, value)
    return value


# A word, as the keyword and full-sentence rules count them.
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Text without accents and case, so that keywords match as a marker reads them.

    >>> fold("Geïnteresseerd")
    'geinteresseerd'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
