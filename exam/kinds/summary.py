"""Summary: the model's elements, minus points for going over the word limit (per
started block of words, a fixed number, or all of them: "zero"), and, when the
question asks for them, for not writing full sentences. The score is a proposal."""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import Score
from exam.kinds.elements import (
    apply_length_rules,
    clean_text,
    demo_elements_response,
    element_points,
    find_elements,
    validate_elements,
    validate_length_rules,
)


def score(scoring, *, max_points, response, word_limit=None, **_):
    text = str(response)
    found = find_elements(text, scoring.get("elements", []))
    points = element_points(scoring=scoring, elements=found, max_points=max_points)
    length = apply_length_rules(scoring, response=text, word_limit=word_limit, points=points)
    feedback: tuple[str, ...] = ()
    if not found:
        feedback += ("no_elements_found",)
    details = {"elements": sorted(found), **length.details}
    return Score(length.points, max_points, True, feedback + length.feedback, details)


def validate(scoring, **context):
    return validate_elements(scoring, **context) + validate_length_rules(scoring)


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
