"""Matching: items paired with targets; points from the score table or per right pair.

One target per item (the default): `{"pairs": {"a": "3", "b": "1"}, "per_pair": 1}`,
the answer `{"a": "3", "b": "1"}`. Several targets per item ("Geef bij elke persoon
aan welke standpunten ..."): `{"pairs": {"1": ["A", "C"], "2": []}, "multiple": true}`,
the answer `{"1": ["A", "C"]}` (an item without a ticked target left out). A target
may belong to several items or to none, in both modes.

Several targets are scored per link (an item-target pair): a link the pupil gave that
the model has is right, one the model has not is wrong, and a wrong link cancels a
right one: the count is right links - wrong links, never below 0, so ticking every
box earns nothing extra. The count goes through the score table (0 up to the number of
links in the model) or earns `per_pair` points per link.
"""

from __future__ import annotations

from dataclasses import dataclass

from exam.kinds.base import Kind
from exam.kinds.common import (
    ResponseError,
    Score,
    check_table_or_per,
    clean_label,
    clean_label_list,
    count_points,
    is_empty,
    prefixed,
    relabel_value,
)
from exam.kinds.display import ResultRow, Row
from exam.problems import Problem


def is_multiple(scoring: dict) -> bool:
    """Whether an item may have several targets."""
    return bool(scoring) and scoring.get("multiple") is True


def links_of(value) -> list[str]:
    """An item's targets as a list, from either mode's shape ("3" or ["1", "3"])."""
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str) and v]
    return [value] if isinstance(value, str) and value else []


def clean(value, *, labels, scoring=None, **_):
    """
    >>> clean({"b": "1", "a": " 3"}, labels={"item": ["a", "b"], "target": ["1", "3"]})
    {'a': '3', 'b': '1'}
    >>> clean({"1": ["c", "A"], "2": []}, labels={"item": ["1", "2"], "target": ["A", "C"]},
    ...       scoring={"multiple": True})
    {'1': ['A', 'C']}
    """
    if not isinstance(value, dict):
        raise ResponseError("invalid_type")
    items, targets = labels.get("item", []), labels.get("target", [])
    multiple = is_multiple(scoring or {})
    cleaned: dict[str, object] = {}
    for raw_item, raw_target in value.items():
        if is_empty(raw_target):
            continue
        item = clean_label(raw_item, items, "unknown_item")
        if multiple:
            chosen = set(clean_label_list(raw_target, targets, "unknown_target"))
            cleaned[item] = [t for t in targets if t in chosen]
        else:
            cleaned[item] = clean_label(raw_target, targets, "unknown_target")
    return {item: cleaned[item] for item in items if item in cleaned} or None


def _only(links: list[str]) -> str:
    return links[0] if len(links) == 1 else ""


def _link_counts(pairs: dict, given: dict) -> tuple[dict, dict]:
    """Per item: (right, wrong, missed) links, and whether the item is all right."""
    links: dict[str, dict[str, list[str]]] = {}
    correct: dict[str, bool] = {}
    for item in dict.fromkeys([*pairs, *given]):
        model, chosen = links_of(pairs.get(item)), links_of(given.get(item))
        links[item] = {
            "right": [t for t in chosen if t in model],
            "wrong": [t for t in chosen if t not in model],
            "missed": [t for t in model if t not in chosen],
        }
        if item in pairs:
            correct[item] = set(chosen) == set(model)
    return links, correct


def score(scoring, *, max_points, response, **_):
    """
    >>> score({"pairs": {"a": "3", "b": "1"}}, max_points=2, response={"a": "3"}).points
    1
    >>> multiple = {"pairs": {"1": ["A", "C"], "2": ["B"]}, "multiple": True}
    >>> score(multiple, max_points=3, response={"1": ["A", "B"], "2": ["B"]}).points
    1
    """
    pairs = scoring.get("pairs", {})
    given = response if isinstance(response, dict) else {}
    if not is_multiple(scoring):
        # An answer stored while the question took several targets counts when it
        # gave exactly one (a regrade after the setting changed).
        single = {item: _only(links_of(target)) for item, target in given.items()}
        correct = {item: single.get(item) == target for item, target in pairs.items()}
        points = count_points(scoring, sum(correct.values()), "per_pair")
        return Score(points, max_points, details={"correct": correct})
    links, correct = _link_counts(pairs, given)
    right = sum(len(found["right"]) for found in links.values())
    wrong = sum(len(found["wrong"]) for found in links.values())
    count = max(0, right - wrong)
    points = min(count_points(scoring, count, "per_pair"), max_points)
    details = {"correct": correct, "links": links, "right": right, "wrong": wrong, "count": count}
    return Score(points, max_points, details=details)


def _validate_links(pairs: dict, items: list[str], targets: list[str]) -> list[Problem]:
    problems = []
    for item, value in pairs.items():
        if item not in items:
            continue
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            problems.append(Problem(f"pair:{item}", "links_not_list", {"item": item}))
            continue
        for target in value:
            if target not in targets:
                params = {"item": item, "target": target, "targets": targets}
                problems.append(Problem(f"pair:{item}", "pair_not_target", params))
        if len(set(value)) != len(value):
            problems.append(Problem(f"pair:{item}", "link_twice", {"item": item}))
    return problems


def link_count(scoring: dict) -> int:
    """How many item-target links the model has (several targets per item)."""
    return sum(len(set(links_of(v))) for v in (scoring.get("pairs") or {}).values())


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
    if "multiple" in scoring and not isinstance(scoring["multiple"], bool):
        return [Problem("multiple", "multiple_not_bool")]
    if not isinstance(pairs, dict):
        return [Problem("pairs", "no_pairs")]
    # "pair:<item>" is an item's pair, "item:<item>" the item.
    if is_multiple(scoring):
        # An item may have no target at all; the model needs one link at least.
        problems = [
            Problem(f"item:{item}", "pair_not_item", {"item": item, "items": items})
            for item in pairs
            if item not in items
        ]
        problems += _validate_links(pairs, items, targets)
        count = link_count(scoring)
        if count == 0:
            return [*problems, Problem("pairs", "no_links")]
        return problems + check_table_or_per(
            scoring, count=count, best=count, max_points=max_points, per_key="per_pair"
        )
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


@dataclass(frozen=True)
class LinkRow(Row):
    """An item of the several-targets grid: `values` are its ticked targets."""

    values: tuple[str, ...] = ()


def widget(scoring, choices, response):
    given = response or {}
    items = choices.get("item", [])
    if is_multiple(scoring):
        return {
            "multiple": True,
            "rows": [
                LinkRow(c.label, c.content, "", tuple(links_of(given.get(c.label)))) for c in items
            ],
        }
    return {
        "rows": [Row(c.label, c.content, given.get(c.label, "")) for c in items],
        "paragraph_targets": are_paragraphs(choices.get("target", [])),
    }


def are_paragraphs(targets) -> bool:
    """Whether the targets are the text's paragraphs ("1 alinea 1", "2 alinea 2", ...,
    as the papers import makes them for "noteer bij elk argument het nummer van de
    alinea"): the page then offers them in the selects only, without a list of them."""
    return bool(targets) and all(
        " ".join(c.content.split()).casefold() == f"alinea {c.label}" for c in targets
    )


def posted_value(data, scoring):
    if is_multiple(scoring):
        names = {key for key in data if key.startswith("m-")}
        return {name[2:]: data.getlist(name) for name in sorted(names)}
    return prefixed(data, "m-")


@dataclass(frozen=True)
class LinksResultRow(ResultRow):
    """An item of a several-targets result: the targets given that are right, those
    that are wrong, and those missed, each as (label, content)."""

    right: tuple[tuple[str, str], ...] = ()
    wrong: tuple[tuple[str, str], ...] = ()
    missed: tuple[tuple[str, str], ...] = ()
    has_links: bool = True


def result_rows(scoring, choices, response, details):
    given, correct = response or {}, details.get("correct", {})
    pairs = scoring.get("pairs", {})
    targets = {t.label: t.content for t in choices.get("target", [])}
    if is_multiple(scoring):
        links, _correct = _link_counts(pairs, given if isinstance(given, dict) else {})
        rows = []
        for item in choices.get("item", []):
            found = links.get(item.label, {"right": [], "wrong": [], "missed": []})
            named = {part: tuple((t, targets.get(t, "")) for t in found[part]) for part in found}
            rows.append(
                LinksResultRow(
                    key=item.label,
                    content=item.content,
                    is_correct=not found["wrong"] and not found["missed"],
                    **named,
                )
            )
        return rows
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


def relabel(scoring, mapping):
    """The scoring data with items and targets relabelled (mapping: role -> {old: new}).

    >>> relabel({"pairs": {"a": "3", "b": ["1", "2"]}},
    ...         {"item": {"a": "1", "b": "2"}, "target": {"1": "A", "2": "B", "3": "C"}})
    {'pairs': {'1': 'C', '2': ['A', 'B']}}
    """
    pairs = scoring.get("pairs")
    if not isinstance(pairs, dict):
        return dict(scoring)
    items, targets = mapping.get("item", {}), mapping.get("target", {})
    return {
        **scoring,
        "pairs": {items.get(item, item): relabel_value(t, targets) for item, t in pairs.items()},
    }


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    targets = labels.get("target", [])
    if is_multiple(scoring):
        response = {}
        for item, model in scoring.get("pairs", {}).items():
            chosen = [t for t in model if rng.random() < p]
            if rng.random() > p:
                chosen.append(rng.choice(targets))
            if chosen:
                response[item] = list(dict.fromkeys(chosen))
        return response, []
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
