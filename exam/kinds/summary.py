"""Summary: the model's elements, minus points for going over the word limit (per
started block of words, or all of them: "zero"). The score is a proposal."""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import Score, is_whole
from exam.kinds.elements import (
    clean_text,
    count_words,
    demo_elements_response,
    element_points,
    find_elements,
    length_deduction,
    validate_elements,
)
from exam.problems import Problem


def score(scoring, *, max_points, response, word_limit=None, **_):
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


def validate(scoring, **context):
    problems = validate_elements(scoring, **context)
    over_limit = scoring.get("over_limit")
    if over_limit is None or over_limit == "zero":
        return problems
    if not isinstance(over_limit, dict) or not all(
        is_whole(over_limit.get(key)) and over_limit.get(key) >= 1
        for key in ("per_words", "deduct")
    ):
        problems.append(Problem("over_limit", "bad_over_limit"))
    return problems


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    # Only the few words around each keyword, so the summary keeps to its word limit.
    return demo_elements_response(scoring, rng=rng, p=p, short=True)


KIND = Kind(
    code="summary",
    roles=(),
    clean=clean_text,
    score=score,
    validate=validate,
    demo_response=demo_response,
    counts_words=True,
    hint="Vat alinea 3-5 samen in maximaal 40 woorden.",
    authoring_form="exam.authoring.forms.SummaryForm",
)
