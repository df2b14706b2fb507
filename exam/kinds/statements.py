"""Statements: juist or onjuist for each; points from the score table (the exam's
usual "3 right: 2 points, 2 right: 1 point")."""

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

VALUES = ("juist", "onjuist")
_ALIASES = {"juist": "juist", "j": "juist", "onjuist": "onjuist", "o": "onjuist"}
_FLIP = {"juist": "onjuist", "onjuist": "juist"}


def clean(value, *, labels, **_):
    if not isinstance(value, dict):
        raise ResponseError("invalid_type")
    known = labels.get("statement", [])
    cleaned: dict[str, str] = {}
    for raw_label, raw_value in value.items():
        if is_empty(raw_value):
            continue
        label = clean_label(raw_label, known, "unknown_statement")
        if not isinstance(raw_value, str):
            raise ResponseError("invalid_statement_value", value=str(raw_value))
        answer = _ALIASES.get(raw_value.strip().casefold())
        if answer is None:
            raise ResponseError("invalid_statement_value", value=raw_value.strip())
        cleaned[label] = answer
    return {label: cleaned[label] for label in known if label in cleaned} or None


def score(scoring, *, max_points, response, **_):
    """
    >>> score({"answers": {"1": "juist", "2": "onjuist"}, "table": {"2": 2, "1": 1, "0": 0}},
    ...       max_points=2, response={"1": "juist", "2": "juist"}).points
    1
    """
    answers = scoring.get("answers", {})
    correct = {label: response.get(label) == value for label, value in answers.items()}
    points = count_points(scoring, sum(correct.values()), "per_correct")
    return Score(points, max_points, details={"correct": correct})


def validate(scoring, *, max_points, labels, **_):
    statements = labels.get("statement", [])
    answers = scoring.get("answers")
    if not statements:
        return [Problem("choices", "no_statements")]
    if not isinstance(answers, dict):
        return [Problem("answers", "no_answers")]
    # "answer:<label>" is a statement's answer, "statement:<label>" the statement.
    problems = [
        Problem(f"answer:{label}", "statement_unanswered", {"label": label})
        for label in statements
        if label not in answers
    ]
    problems += [
        Problem(f"statement:{label}", "answer_not_statement", {"label": label})
        for label in answers
        if label not in statements
    ]
    problems += [
        Problem(f"answer:{label}", "bad_statement_value", {"label": label, "value": value})
        for label, value in answers.items()
        if label in statements and value not in VALUES
    ]
    if "table" not in scoring and "per_correct" not in scoring:
        problems.append(Problem("table", "no_table"))
    problems += check_table_or_per(
        scoring,
        count=len(statements),
        best=len(statements),
        max_points=max_points,
        per_key="per_correct",
    )
    return problems


def widget(scoring, choices, response):
    given = response or {}
    return {
        "rows": [
            Row(c.label, c.content, given.get(c.label, "")) for c in choices.get("statement", [])
        ]
    }


def posted_value(data, scoring):
    return prefixed(data, "s-")


def result_rows(scoring, choices, response, details):
    given, correct = response or {}, details.get("correct", {})
    answers = scoring.get("answers", {})
    return [
        ResultRow(
            key=s.label,
            content=s.content,
            given=given.get(s.label, ""),
            expected=answers.get(s.label, ""),
            is_correct=correct.get(s.label),
        )
        for s in choices.get("statement", [])
    ]


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    return {
        label: value if rng.random() < p else _FLIP[value]
        for label, value in scoring.get("answers", {}).items()
    }, []


KIND = Kind(
    code="statements",
    roles=("statement",),
    clean=clean,
    score=score,
    validate=validate,
    widget=widget,
    posted_value=posted_value,
    result_rows=result_rows,
    result_row_template="exam/_question_result_row_statements.html",
    demo_response=demo_response,
    hint="Geef van elk van de beweringen aan of deze juist of onjuist is.",
    authoring_form="exam.authoring.forms.StatementsForm",
)
