"""Multiple response: choose n options; only the first n chosen are marked (CvTE),
points from the score table or per right option."""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import (
    Score,
    check_table_or_per,
    clean_label_list,
    count_points,
    is_whole,
    relabel_value,
)
from exam.kinds.display import choice_rows
from exam.problems import Problem


def clean(value, *, labels, **_):
    """
    >>> clean(["c", " A", "C"], labels={"option": ["A", "B", "C", "D"]})
    ['C', 'A']
    """
    return clean_label_list(value, labels.get("option", []), "unknown_option") or None


def score(scoring, *, max_points, response, **_):
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
    points = count_points(scoring, sum(correct.values()), "per_correct")
    return Score(points, max_points, feedback=feedback, details=details)


def validate(scoring, *, max_points, labels, **_):
    options = labels.get("option", [])
    keys = scoring.get("keys")
    # With two options, choosing one of them is a multiple-choice question.
    if len(options) < 3:
        return [Problem("choices", "too_few_options", {"count": 3})]
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
        return [Problem("keys", "no_keys")]
    strangers = [key for key in keys if key not in options]
    problems = []
    if strangers:
        params = {"key": strangers, "options": options}
        problems.append(Problem("keys", "key_not_options", params))
    if len(set(keys)) != len(keys):
        problems.append(Problem("keys", "key_twice"))
    choose = scoring.get("choose", len(keys))
    if not is_whole(choose) or not 1 <= choose <= len(options):
        problems.append(Problem("choose", "bad_choose", {"count": len(options)}))
        return problems
    if choose >= len(options):
        problems.append(Problem("choose", "choose_all"))
    best = min(choose, len(set(keys)))
    problems += check_table_or_per(
        scoring, count=choose, best=best, max_points=max_points, per_key="per_correct"
    )
    return problems


def widget(scoring, choices, response):
    # How many to choose is in the stem ("Welke twee ..."), so it gives nothing away.
    choose = int(scoring.get("choose", len(scoring.get("keys", [])) or 0))
    return {"choose": choose, "values": list(response or [])}


def posted_value(data, scoring):
    return data.getlist("value")


def result_rows(scoring, choices, response, details):
    return choice_rows(choices.get("option", []), response, scoring.get("keys", []))


def relabel(scoring, mapping):
    """The scoring data with the options relabelled (mapping: role -> {old: new}).

    >>> relabel({"keys": ["A", "D"], "choose": 2}, {"option": {"A": "1", "D": "4"}})
    {'keys': ['1', '4'], 'choose': 2}
    """
    if "keys" not in scoring:
        return dict(scoring)
    return {**scoring, "keys": relabel_value(scoring["keys"], mapping.get("option", {}))}


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    keys = list(scoring.get("keys", []))
    others = [o for o in labels.get("option", []) if o not in keys]
    chosen = [k if rng.random() < p else rng.choice(others) for k in keys]
    return list(dict.fromkeys(chosen)), []


KIND = Kind(
    code="multi",
    roles=("option",),
    clean=clean,
    score=score,
    validate=validate,
    widget=widget,
    posted_value=posted_value,
    result_rows=result_rows,
    result_row_template="exam/_question_result_row_choice.html",
    demo_response=demo_response,
    hint="Welke twee ...?",
    authoring_form="exam.authoring.forms.MultipleResponseForm",
)
