"""Statements: one of a pair of words for each (juist/onjuist unless the scoring data
names another pair in "values", e.g. ["wel", "niet"]); points from the score table
(the exam's usual "3 right: 2 points, 2 right: 1 point")."""

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
# The pairs the exams use, the first the default; a teacher may type any other pair.
PAIRS = (VALUES, ("wel", "niet"), ("ja", "nee"), ("eens", "oneens"), ("feit", "mening"))
# A typed word is at most this long (it heads a column of the pupil's table).
MAX_WORD_LENGTH = 20


def pair_of(scoring) -> tuple[str, str]:
    """The question's two answer words; juist/onjuist when the data names none (or a
    broken pair, which validate reports).

    >>> pair_of({}), pair_of({"values": ["wel", "niet"]})
    (('juist', 'onjuist'), ('wel', 'niet'))
    """
    values = (scoring or {}).get("values")
    if (
        isinstance(values, list | tuple)
        and len(values) == 2
        and all(isinstance(word, str) and word.strip() for word in values)
    ):
        return values[0], values[1]
    return VALUES


def aliases(pair: tuple[str, str]) -> dict[str, str]:
    """What a pupil may type for each word: the word in any case, and its first
    letter when the two words start differently.

    >>> aliases(("wel", "niet"))["n"]
    'niet'
    >>> "e" in aliases(("eens", "oneens")), "o" in aliases(("ja", "ja hoor"))
    (True, False)
    """
    known = {word.casefold(): word for word in pair}
    first, second = (word.strip().casefold()[:1] for word in pair)
    if first != second:
        known.setdefault(first, pair[0])
        known.setdefault(second, pair[1])
    return known


def pair_problems(scoring) -> list[Problem]:
    """Problems with the "values" of the scoring data (absent is fine: juist/onjuist)."""
    if "values" not in scoring:
        return []
    values = scoring["values"]
    if not isinstance(values, list | tuple) or len(values) != 2:
        return [Problem("values", "pair_not_two")]
    problems = []
    for number, word in enumerate(values, start=1):
        if not isinstance(word, str) or not word.strip():
            problems.append(Problem(f"values:{number}", "pair_word_empty"))
        elif len(word) > MAX_WORD_LENGTH:
            problems.append(
                Problem(f"values:{number}", "pair_word_too_long", {"max": MAX_WORD_LENGTH})
            )
    if not problems and values[0].strip().casefold() == values[1].strip().casefold():
        problems.append(Problem("values:2", "pair_words_same", {"word": values[0]}))
    return problems


def clean(value, *, labels, scoring=None, **_):
    if not isinstance(value, dict):
        raise ResponseError("invalid_type")
    known = labels.get("statement", [])
    pair = pair_of(scoring)
    accepted = aliases(pair)
    cleaned: dict[str, str] = {}
    for raw_label, raw_value in value.items():
        if is_empty(raw_value):
            continue
        label = clean_label(raw_label, known, "unknown_statement")
        if not isinstance(raw_value, str):
            raise ResponseError(
                "invalid_statement_value", value=str(raw_value), first=pair[0], second=pair[1]
            )
        answer = accepted.get(raw_value.strip().casefold())
        if answer is None:
            raise ResponseError(
                "invalid_statement_value", value=raw_value.strip(), first=pair[0], second=pair[1]
            )
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
    pair = pair_problems(scoring)
    if pair:
        return pair
    words = pair_of(scoring)
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
        Problem(
            f"answer:{label}",
            "bad_statement_value",
            {"label": label, "value": value, "first": words[0], "second": words[1]},
        )
        for label, value in answers.items()
        if label in statements and value not in words
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
        ],
        "values": list(pair_of(scoring)),
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
    first, second = pair_of(scoring)
    flip = {first: second, second: first}
    return {
        label: value if rng.random() < p else flip.get(value, first)
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
