"""Open answer: the model's elements; when n reasons are asked only the first n given
count (CvTE). The computer's score is a proposal for the teacher.

The length rules apply as to a summary (exam/kinds/elements.py, apply_length_rules):
with a word limit ("Gebruik maximaal 25 woorden") the question's `over_limit` rule
costs points over it, and `full_sentences` ("Geef antwoord in een of meer volledige
zinnen") costs a point when the computer proposes the answer is not in full sentences.
"""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import Score
from exam.kinds.elements import (
    apply_length_rules,
    clean_text,
    demo_elements_response,
    element_points,
    find_elements,
    split_reasons,
    validate_elements,
    validate_length_rules,
)


def score(scoring, *, max_points, response, word_limit=None, **_):
    elements = scoring.get("elements", [])
    asked = scoring.get("asked")
    feedback: tuple[str, ...] = ()
    if asked:
        reasons = split_reasons(str(response))
        if len(reasons) > int(asked):
            feedback += ("extra_reasons_ignored",)
        considered = "\n".join(reasons[: int(asked)])
    else:
        considered = str(response)
    found = find_elements(considered, elements)
    if asked:
        found = found[: int(asked)]
    if not found:
        feedback += ("no_elements_found",)
    points = element_points(scoring=scoring, elements=found, max_points=max_points)
    # The whole answer is counted, also the reasons beyond the n asked.
    length = apply_length_rules(
        scoring, response=str(response), word_limit=word_limit, points=points
    )
    return Score(
        length.points,
        max_points,
        needs_review=True,
        feedback=feedback + length.feedback,
        details={"elements": sorted(found), **length.details},
    )


def validate(scoring, **context):
    return validate_elements(scoring, **context) + validate_length_rules(scoring)


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    return demo_elements_response(scoring, rng=rng, p=p, short=False)


KIND = Kind(
    code="open",
    roles=(),
    clean=clean_text,
    score=score,
    validate=validate,
    demo_response=demo_response,
    counts_words=True,
    hint="Noem ... / Leg uit ...",
    authoring_form="exam.authoring.forms.OpenForm",
)
