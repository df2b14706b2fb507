"""Matching: a target for each item; points from the score table or per right pair."""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import (
    ResponseError,
    Score,
    check_table_or_per,
    clean_label,
    count_points,
    is_empty,
    prefixed,
)
from exam.kinds.display import ResultRow, Row
from exam.problems import Problem


def clean(value, *, labels, **_):
    if not isinstance(value, dict):
        raise ResponseError("invalid_type")
    items, targets = labels.get("item", []), labels.get("target", [])
    cleaned: dict[str, str] = {}
    for raw_item, raw_target in value.items():
        if is_empty(raw_target):
            continue
        cleaned[clean_label(raw_item, items, "unknown_item")] = clean_label(
            raw_target, targets, "unknown_target"
        )
    return {item: cleaned[item] for item in items if item in cleaned} or None


def score(scoring, *, max_points, response, **_):
    pairs = scoring.get("pairs", {})
    correct = {item: response.get(item) == target for item, target in pairs.items()}
    points = count_points(scoring, sum(correct.values()), "per_pair")
    return Score(points, max_points, details={"correct": correct})


def validate(scoring, *, max_points, labels, **_):
    items, targets = labels.get("item", []), labels.get("target", [])
    pairs = scoring.get("pairs")
    too_few = [
        Problem(role, code)
        for role, found, code in (
            ("items", items, "too_few_match_items"),
            ("targets", targets, "too_few_targets"),
        )
        if len(found) < 2
    ]
    if too_few:
        return too_few
    if not isinstance(pairs, dict):
        return [Problem("pairs", "no_pairs")]
    # "pair:<item>" is an item's pair, "item:<item>" the item.
    problems = [
        Problem(f"pair:{item}", "item_unpaired", {"item": item})
        for item in items
        if item not in pairs
    ]
    for item, target in pairs.items():
        if item not in items:
            problems.append(
                Problem(f"item:{item}", "pair_not_item", {"item": item, "items": items})
            )
        elif target not in targets:
            params = {"item": item, "target": target, "targets": targets}
            problems.append(Problem(f"pair:{item}", "pair_not_target", params))
    problems += check_table_or_per(
        scoring, count=len(items), best=len(items), max_points=max_points, per_key="per_pair"
    )
    return problems


def widget(scoring, choices, response):
    given = response or {}
    return {
        "rows": [Row(c.label, c.content, given.get(c.label, "")) for c in choices.get("item", [])]
    }


def posted_value(data, scoring):
    return prefixed(data, "m-")


def result_rows(scoring, choices, response, details):
    given, correct = response or {}, details.get("correct", {})
    pairs = scoring.get("pairs", {})
    targets = {t.label: t.content for t in choices.get("target", [])}
    return [
        ResultRow(
            key=item.label,
            content=item.content,
            given=given.get(item.label, ""),
            given_content=targets.get(given.get(item.label, ""), ""),
            expected=pairs.get(item.label, ""),
            expected_content=targets.get(pairs.get(item.label, ""), ""),
            is_correct=correct.get(item.label),
        )
        for item in choices.get("item", [])
    ]


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    targets = labels.get("target", [])
    return {
        item: target if rng.random() < p else rng.choice([t for t in targets if t != target])
        for item, target in scoring.get("pairs", {}).items()
    }, []


KIND = Kind(
    code="matching",
    roles=("item", "target"),
    clean=clean,
    score=score,
    validate=validate,
    widget=widget,
    posted_value=posted_value,
    result_rows=result_rows,
    result_row_template="exam/_question_result_row_matching.html",
    demo_response=demo_response,
    hint="Welk tekstgedeelte hoort bij welke functie?",
    authoring_form="exam.authoring.forms.MatchingForm",
)
