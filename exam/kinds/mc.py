"""Multiple choice: one option (a letter, or a number where the exam numbers its
options); the key earns the points, another option or more than one 0 (CvTE)."""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import Score, clean_label, clean_label_list, relabel_value
from exam.kinds.display import choice_rows
from exam.problems import Problem


def clean(value, *, labels, **_):
    options = labels.get("option", [])
    if isinstance(value, list | tuple):
        chosen = clean_label_list(value, options, "unknown_option")
        # More than one letter is a possible (wrong) answer, not an impossible one.
        return chosen[0] if len(chosen) == 1 else chosen
    return clean_label(value, options, "unknown_option")


def score(scoring, *, max_points, response, **_):
    """
    >>> score({"key": "B"}, max_points=1, response="B").points
    1
    """
    if isinstance(response, list):
        if len(response) > 1:
            return Score(0, max_points, feedback=("too_many_choices",))
        response = response[0] if response else None
    if response == scoring.get("key"):
        return Score(max_points, max_points)
    return Score(0, max_points, feedback=("wrong_letter",))


def validate(scoring, *, labels, **_):
    options = labels.get("option", [])
    if len(options) < 2:
        return [Problem("choices", "too_few_options", {"count": 2})]
    key = scoring.get("key")
    if not key:
        return [Problem("key", "no_key")]
    if key not in options:
        return [Problem("key", "key_not_option", {"key": key, "options": options})]
    return []


def result_rows(scoring, choices, response, details):
    return choice_rows(choices.get("option", []), response, [scoring.get("key")])


def relabel(scoring, mapping):
    """The scoring data with the options relabelled (mapping: role -> {old: new}).

    >>> relabel({"key": "B"}, {"option": {"A": "1", "B": "2"}})
    {'key': '2'}
    """
    if "key" not in scoring:
        return dict(scoring)
    return {**scoring, "key": relabel_value(scoring["key"], mapping.get("option", {}))}


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    key = scoring.get("key")
    return (key if right else rng.choice([o for o in labels.get("option", []) if o != key])), []


KIND = Kind(
    code="mc",
    roles=("option",),
    clean=clean,
    score=score,
    validate=validate,
    result_rows=result_rows,
    result_row_template="exam/_question_result_row_choice.html",
    demo_response=demo_response,
    hint="Welke ...? A-D/E",
    authoring_form="exam.authoring.forms.MultipleChoiceForm",
)
