"""Paragraph number: one of the accepted paragraphs earns the points."""

from __future__ import annotations

import re

from exam.kinds.base import Kind
from exam.kinds.common import ResponseError, Score, is_whole
from exam.problems import Problem

_PARAGRAPH = re.compile(r"^(?:alinea\s*)?\(?\s*(\d{1,3})\s*\)?\.?$", re.IGNORECASE)


def clean(value, *, paragraph_count=None, **_):
    """
    >>> clean("Alinea 3", paragraph_count=5)
    '3'
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ResponseError("invalid_type")
    match = _PARAGRAPH.match(str(value).strip())
    if not match:
        raise ResponseError("not_a_paragraph_number", value=str(value).strip())
    number = int(match.group(1))
    if number < 1 or (paragraph_count is not None and number > paragraph_count):
        raise ResponseError("unknown_paragraph", number=number, count=paragraph_count)
    return str(number)


def score(scoring, *, max_points, response, **_):
    accepted = {str(number) for number in scoring.get("accepted", [])}
    if str(response).strip() in accepted:
        return Score(max_points, max_points)
    return Score(0, max_points, feedback=("wrong_paragraph",))


def validate(scoring, *, paragraph_count=None, **_):
    accepted = scoring.get("accepted")
    if not isinstance(accepted, list) or not accepted:
        return [Problem("accepted", "no_paragraph")]
    problems = []
    for number in accepted:
        if not is_whole(number) or number < 1:
            problems.append(Problem("accepted", "not_a_paragraph_number", {"number": number}))
        elif paragraph_count is not None and number > paragraph_count:
            params = {"number": number, "count": paragraph_count}
            problems.append(Problem("accepted", "paragraph_missing", params))
    return problems


def accepted(scoring):
    return [str(n) for n in scoring.get("accepted", [])]


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    numbers = [int(a) for a in scoring.get("accepted", [])]
    wrong = [n for n in range(1, paragraph_count + 1) if n not in numbers] or [1]
    return str(numbers[0] if right and numbers else rng.choice(wrong)), []


KIND = Kind(
    code="paragraph",
    roles=(),
    clean=clean,
    score=score,
    validate=validate,
    accepted=accepted,
    demo_response=demo_response,
    hint="In welke alinea ...?",
    authoring_form="exam.authoring.forms.ParagraphForm",
)
