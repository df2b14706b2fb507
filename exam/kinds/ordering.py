"""Ordering: put every item in one place; all right earns the points, or the score
table counts the items in their right place."""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import (
    ResponseError,
    Score,
    check_table_or_per,
    clean_label_list,
    count_points,
    is_empty,
    prefixed,
    relabel_value,
)
from exam.kinds.display import ResultRow, Row
from exam.problems import Problem

# More places than any ordering question has; ignores made-up field names.
MAX_PLACES = 50


def clean(value, *, labels, **_):
    items = labels.get("item", [])
    if isinstance(value, list | tuple) and any(is_empty(item) for item in value):
        raise ResponseError("not_a_permutation", count=len(items))
    order = clean_label_list(value, items, "unknown_item")
    raw_count = len(value) if isinstance(value, list | tuple) else len(order)
    if raw_count != len(order) or sorted(order) != sorted(items):
        raise ResponseError("not_a_permutation", count=len(items))
    return order


def score(scoring, *, max_points, response, **_):
    order = list(scoring.get("order", []))
    given = list(response)
    correct = {
        label: position < len(given) and given[position] == label
        for position, label in enumerate(order)
    }
    right = sum(correct.values())
    if scoring.get("table"):
        points = count_points(scoring, right, "per_correct")
    else:
        points = max_points if right == len(order) else 0
    return Score(points, max_points, details={"correct": correct})


def validate(scoring, *, max_points, labels, **_):
    items = labels.get("item", [])
    order = scoring.get("order")
    if len(items) < 2:
        return [Problem("choices", "too_few_items")]
    if not isinstance(order, list) or not order or not all(isinstance(k, str) for k in order):
        return [Problem("order", "no_order")]
    if sorted(order) != sorted(items):
        return [Problem("order", "order_not_arrangement", {"order": order, "items": items})]
    if "table" in scoring:
        return check_table_or_per(
            scoring, count=len(items), best=len(items), max_points=max_points, per_key="per_correct"
        )
    return []


def widget(scoring, choices, response):
    items = choices.get("item", [])
    given = list(response or [])
    return {
        "options": list(items),
        "rows": [
            Row(str(place), "", given[place - 1] if place <= len(given) else "")
            for place in range(1, len(items) + 1)
        ],
    }


def posted_value(data, scoring):
    """The labels by place ("o-1", "o-2", ...); an empty place stays "" (refused later)."""
    places = {
        int(k): v
        for k, v in prefixed(data, "o-").items()
        if k.isdigit() and 1 <= int(k) <= MAX_PLACES
    }
    if not places:
        return []
    return [places.get(place, "") for place in range(1, max(places) + 1)]


def result_rows(scoring, choices, response, details):
    items = {i.label: i.content for i in choices.get("item", [])}
    placed = list(response or [])
    return [
        ResultRow(
            key=str(place),
            content="",
            given=placed[place - 1] if place <= len(placed) else "",
            given_content=items.get(placed[place - 1], "") if place <= len(placed) else "",
            expected=label,
            expected_content=items.get(label, ""),
            is_correct=place <= len(placed) and placed[place - 1] == label,
        )
        for place, label in enumerate(scoring.get("order", []), start=1)
    ]


def relabel(scoring, mapping):
    """The scoring data with the items relabelled (mapping: role -> {old: new}).

    >>> relabel({"order": ["C", "A", "B"]}, {"item": {"A": "1", "B": "2", "C": "3"}})
    {'order': ['3', '1', '2']}
    """
    if "order" not in scoring:
        return dict(scoring)
    return {**scoring, "order": relabel_value(scoring["order"], mapping.get("item", {}))}


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    order = list(scoring.get("order", []))
    if right:
        return order, []
    if rng.random() < 0.6:
        i = rng.randrange(len(order) - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
    else:
        rng.shuffle(order)
    return order, []


KIND = Kind(
    code="ordering",
    roles=("item",),
    clean=clean,
    score=score,
    validate=validate,
    widget=widget,
    posted_value=posted_value,
    result_rows=result_rows,
    result_row_template="exam/_question_result_row_ordering.html",
    demo_response=demo_response,
    hint="Zet in de volgorde ...",
    authoring_form="exam.authoring.forms.OrderingForm",
)
