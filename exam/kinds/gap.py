"""Gap fill: the accepted words for one gap or for several ("Vul de woorden in op de
plaatsen 1, 2 en 3"), with the marker's say over what is not accepted.

Pure: no Django. The exam rules it keeps (CvTE correctievoorschrift):

- an accepted word earns its points; case, spaces and surrounding quotes or
  punctuation do not matter;
- a marker may accept an answer that is right by analogy ("naar analogie"): with
  `"review": "marker"` every answer that is not accepted goes to the marking queue,
  scored provisionally (the accepted gaps' points) until the marker decides; with
  `"review": "final"` (the default of stored data) it scores 0 and no teacher sees it;
- a near miss (a small typo or another Dutch inflection of an accepted word, see
  exam/kinds/near_miss.py) always goes to the marker, whatever the setting, with the
  accepted answer it resembles.

Scoring data, one gap: `{"accepted": ["voordringkanalen", ...], "review": "final"}`.
Several gaps: `{"gaps": [{"accepted": [...]}, ...], "per_gap": 1, "review": "marker"}`,
or `"table": {"0": 0, "1": 0, "2": 1, "3": 2}` (points per number of right gaps)
instead of `per_gap`. The response is the text (one gap) or a list with one text per
gap, "" for a gap left empty.
"""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import (
    MAX_RESPONSE_LENGTH,
    ResponseError,
    Score,
    check_table_or_per,
    count_points,
    is_empty,
    posted_value,
    prefixed,
)
from exam.kinds.display import ResultRow, Row, single_value_widget
from exam.kinds.near_miss import nearest_accepted, normalise
from exam.problems import Problem

FINAL = "final"
MARKER = "marker"
REVIEW_MODES = (FINAL, MARKER)
# A question stores at most this many gaps (the form's rows: 26).
MAX_GAPS = 26


# ---------------------------------------------------------------------------
# The shapes


def gaps_of(scoring: dict) -> list[list[str]]:
    """Each gap's accepted answers: one gap for `{"accepted": [...]}`.

    >>> gaps_of({"gaps": [{"accepted": ["a"]}, {"accepted": ["b", "c"]}]})
    [['a'], ['b', 'c']]
    """
    gaps = scoring.get("gaps")
    if isinstance(gaps, list):
        return [list(gap.get("accepted", [])) if isinstance(gap, dict) else [] for gap in gaps]
    return [list(scoring.get("accepted", []))]


def has_several(scoring: dict) -> bool:
    """Whether the question has the several-gaps shape (a list response)."""
    return isinstance(scoring.get("gaps"), list)


def review_mode(scoring: dict) -> str:
    return MARKER if scoring.get("review") == MARKER else FINAL


# ---------------------------------------------------------------------------
# The kind's parts


def clean(value, *, scoring=None, **_):
    """The pupil's text, spaces collapsed; for several gaps a list, one text per gap
    (a form posts a dict by gap number).

    >>> clean({"2": " kanalen ", "1": "de"}, scoring={"gaps": [{}, {}, {}]})
    ['de', 'kanalen', '']
    """
    scoring = scoring or {}
    if not has_several(scoring):
        if isinstance(value, list | tuple) and len(value) == 1:
            value = value[0]
        return _clean_one(value)
    count = len(gaps_of(scoring))
    if isinstance(value, str) and count == 1:
        value = [value]
    if isinstance(value, dict):
        given = [""] * count
        for key, text in value.items():
            number = str(key).strip()
            if not number.isdigit() or not 1 <= int(number) <= count:
                raise ResponseError("unknown_gap", label=number, count=count)
            given[int(number) - 1] = _clean_one(text) if not is_empty(text) else ""
        return given
    if not isinstance(value, list | tuple):
        raise ResponseError("invalid_type")
    if len(value) > count and not is_empty(list(value[count:])):
        raise ResponseError("unknown_gap", label=str(count + 1), count=count)
    given = [_clean_one(text) if not is_empty(text) else "" for text in value[:count]]
    return given + [""] * (count - len(given))


def _clean_one(value) -> str:
    if not isinstance(value, str):
        raise ResponseError("invalid_type")
    if len(value) > MAX_RESPONSE_LENGTH:
        raise ResponseError("too_long", limit=MAX_RESPONSE_LENGTH)
    return " ".join(value.split())


def score(scoring, *, max_points, response, **_):
    """Points for the accepted gaps; a near miss, or with "review": "marker" any
    not-accepted answer, is left to the marker (`needs_review`).

    details: "correct" {gap number: bool}, "near" {gap number: nearest accepted},
    "review" [gap numbers the marker should look at], "elements" [indexes of the
    accepted gaps] (the marker's ticks start from them).
    """
    gaps = gaps_of(scoring)
    several = has_several(scoring)
    given = (
        (list(response) if isinstance(response, list) else [response]) if several else [response]
    )
    given = [str(text or "") for text in given] + [""] * (len(gaps) - len(given))
    correct: dict[str, bool] = {}
    near: dict[str, str] = {}
    review: list[str] = []
    for number, (text, accepted) in enumerate(zip(given, gaps, strict=False), 1):
        key = str(number)
        correct[key] = bool(normalise(text)) and normalise(text) in {
            normalise(answer) for answer in accepted
        }
        if correct[key] or not normalise(text):
            continue
        nearest = nearest_accepted(text, accepted)
        if nearest is not None:
            near[key] = nearest
        if nearest is not None or review_mode(scoring) == MARKER:
            review.append(key)
    right = sum(correct.values())
    # One gap earns the maximum; several, their points per right gap or the table.
    points = count_points(scoring, right, "per_gap") if several else max_points * bool(right)
    feedback: list[str] = []
    if right < len(gaps):
        feedback.append("not_accepted")
    if review:
        feedback.append("to_marker")
    details = {
        "correct": correct,
        "near": near,
        "review": review,
        "elements": [int(key) - 1 for key, ok in correct.items() if ok],
    }
    return Score(
        points, max_points, needs_review=bool(review), feedback=tuple(feedback), details=details
    )


def validate(scoring, *, max_points, **_):
    problems: list[Problem] = []
    if "review" in scoring and scoring["review"] not in REVIEW_MODES:
        problems.append(Problem("review", "bad_review_mode", {"value": scoring["review"]}))
    if not has_several(scoring):
        return _check_accepted(scoring.get("accepted"), "accepted") + problems
    gaps = scoring["gaps"]
    if len(gaps) < 2:
        return [Problem("gaps", "too_few_gaps"), *problems]
    if len(gaps) > MAX_GAPS:
        return [Problem("gaps", "too_many_gaps", {"max": MAX_GAPS}), *problems]
    for number, gap in enumerate(gaps, 1):
        accepted = gap.get("accepted") if isinstance(gap, dict) else None
        problems += _check_accepted(accepted, f"gap:{number}", number=number)
    problems += check_table_or_per(
        scoring, count=len(gaps), best=len(gaps), max_points=max_points, per_key="per_gap"
    )
    return problems


def _check_accepted(accepted, field: str, number: int | None = None) -> list[Problem]:
    params = {} if number is None else {"number": number}
    suffix = "" if number is None else "_in_gap"
    if not isinstance(accepted, list) or not accepted:
        return [Problem(field, f"no_accepted_answer{suffix}", params)]
    if not all(isinstance(answer, str) and normalise(answer) for answer in accepted):
        return [Problem(field, f"empty_accepted_answer{suffix}", params)]
    return []


def accepted(scoring):
    """The accepted answers the result page lists (one gap); several gaps show them per
    gap in their rows."""
    return [] if has_several(scoring) else list(scoring.get("accepted", []))


def widget(scoring, choices, response):
    """One labelled field per gap ("1", "2", ...), or the one field of a single gap."""
    if not has_several(scoring):
        return single_value_widget(scoring, choices, response)
    given = response if isinstance(response, list) else []
    return {
        "rows": [
            Row(str(number), "", given[number - 1] if number <= len(given) else "")
            for number in range(1, len(gaps_of(scoring)) + 1)
        ]
    }


def gap_posted_value(data, scoring):
    if has_several(scoring):
        return prefixed(data, "g-")
    return posted_value(data, scoring)


def result_rows(scoring, choices, response, details):
    """Several gaps: per gap the answer, right or wrong (None: the marker decides) and
    the accepted answers; a near miss's nearest answer as `given_content`."""
    if not has_several(scoring):
        return []
    given = response if isinstance(response, list) else []
    correct = details.get("correct", {})
    near, review = details.get("near", {}), set(details.get("review", []))
    rows = []
    for number, accepted_here in enumerate(gaps_of(scoring), 1):
        key = str(number)
        rows.append(
            ResultRow(
                key=key,
                content="",
                given=given[number - 1] if number <= len(given) else "",
                given_content=near.get(key, ""),
                expected=" / ".join(accepted_here),
                is_correct=None if key in review else bool(correct.get(key)),
            )
        )
    return rows


def marking_rows(scoring, response, details) -> list[ResultRow]:
    """Per gap, as the marking page shows it (one gap too): the answer, whether it is
    accepted (None: the marker's call) and, for a near miss, the accepted answer it
    resembles (`given_content`).

    >>> [(r.given, r.given_content) for r in marking_rows({"accepted": ["kanalen"]},
    ...     "kanaal", {"correct": {"1": False}, "near": {"1": "kanalen"}, "review": ["1"]})]
    [('kanaal', 'kanalen')]
    """
    if has_several(scoring):
        return result_rows(scoring, {}, response, details)
    correct, near = details.get("correct", {}), details.get("near", {})
    return [
        ResultRow(
            key="1",
            content="",
            given=str(response or ""),
            given_content=near.get("1", ""),
            expected=" / ".join(gaps_of(scoring)[0]),
            is_correct=None if "1" in details.get("review", []) else bool(correct.get("1")),
        )
    ]


def marking_elements(scoring) -> list[dict]:
    """What a marker ticks: each gap, with its accepted answers and (per right gap) points."""
    per = None if scoring.get("table") else int(scoring.get("per_gap", 1))
    if not has_several(scoring):
        per = None
    return [
        {"index": index, "text": f"{index + 1}: {' / '.join(accepted)}", "points": per}
        for index, accepted in enumerate(gaps_of(scoring))
    ]


def ticked_points(*, scoring, elements, max_points, **_) -> int:
    """The points for the gaps a marker ticked as right (by analogy too).

    >>> ticked_points(scoring={"gaps": [{}, {}, {}], "table": {"0": 0, "1": 0, "2": 1,
    ...               "3": 2}}, elements=[0, 2], max_points=2)
    1
    """
    count = len(gaps_of(scoring))
    ticked = set()
    for element in elements:
        if isinstance(element, bool) or not isinstance(element, int):
            raise ResponseError("unknown_element", element=str(element))
        if not 0 <= element < count:
            raise ResponseError("unknown_element", element=element)
        ticked.add(element)
    if not has_several(scoring):
        return max_points if ticked else 0
    return max(0, min(max_points, count_points(scoring, len(ticked), "per_gap")))


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    gaps = gaps_of(scoring)
    if not has_several(scoring):
        words = gaps[0]
        return (words[0] if right and words else "voorrangsregels"), []
    return [(words[0] if words and rng.random() < p else "voorrangsregels") for words in gaps], []


KIND = Kind(
    code="gap",
    roles=(),
    clean=clean,
    score=score,
    validate=validate,
    widget=widget,
    posted_value=gap_posted_value,
    result_rows=result_rows,
    result_row_template="exam/_question_result_row_gap.html",
    accepted=accepted,
    demo_response=demo_response,
    marking_elements=marking_elements,
    ticked_points=ticked_points,
    marking_answer_template="exam/_marking_gaps.html",
    hint="Welk woord past op de plaats van ...? / Vul de woorden in op de plaatsen 1, 2 en 3.",
    authoring_form="exam.authoring.forms.GapForm",
)
