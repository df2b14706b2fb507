"""Gap fill: one of the accepted words, case, spaces and quotes ignored."""

from __future__ import annotations

from exam.kinds.base import Kind
from exam.kinds.common import ResponseError, Score
from exam.problems import Problem


def normalise(text: str) -> str:
    """A gap answer as compared: case, spaces and surrounding quotes/punctuation ignored.

    >>> normalise(" ‘Voordringkanalen’. ")
    'voordringkanalen'
    """
    words = " ".join(text.split()).casefold()
    return words.strip(" \"'‘’“”„.,;:!?()")


def clean(value, **_):
    if not isinstance(value, str):
        raise ResponseError("invalid_type")
    return " ".join(value.split())


def score(scoring, *, max_points, response, **_):
    accepted = {normalise(answer) for answer in scoring.get("accepted", [])}
    if normalise(str(response)) in accepted:
        return Score(max_points, max_points)
    return Score(0, max_points, feedback=("not_accepted",))


def validate(scoring, **_):
    accepted = scoring.get("accepted")
    if not isinstance(accepted, list) or not accepted:
        return [Problem("accepted", "no_accepted_answer")]
    if not all(isinstance(answer, str) and normalise(answer) for answer in accepted):
        return [Problem("accepted", "empty_accepted_answer")]
    return []


def accepted(scoring):
    return list(scoring.get("accepted", []))


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    words = scoring.get("accepted", [])
    return (words[0] if right and words else "voorrangsregels"), []


KIND = Kind(
    code="gap",
    roles=(),
    clean=clean,
    score=score,
    validate=validate,
    accepted=accepted,
    demo_response=demo_response,
    hint="Welk woord past op de plaats van ...?",
    authoring_form="exam.authoring.forms.GapForm",
)
