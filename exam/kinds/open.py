"""Open answer: the model's elements; when n reasons are asked only the first n given
count (CvTE). The computer's score is a proposal for the teacher."""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import Score
from exam.kinds.elements import (
    clean_text,
    demo_elements_response,
    element_points,
    find_elements,
    split_reasons,
    validate_elements,
)


def score(scoring, *, max_points, response, **_):
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
    return Score(
        points,
        max_points,
        needs_review=True,
        feedback=feedback,
        details={"elements": sorted(found)},
    )


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    return demo_elements_response(scoring, rng=rng, p=p, short=False)


KIND = Kind(
    code="open",
    roles=(),
    clean=clean_text,
    score=score,
    validate=validate_elements,
    demo_response=demo_response,
    counts_words=True,
    hint="Noem ... / Leg uit ...",
    authoring_form="exam.authoring.forms.OpenForm",
)
