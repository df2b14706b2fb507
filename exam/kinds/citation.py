"""Citation: quote the asked sentence (or its first and last words) from the text;
exam/citations.py decides whether the quotation is the right passage."""

from __future__ import annotations

from exam.citations import MODES, check_citation, find_all
from exam.kinds.base import Kind
from exam.kinds.common import MAX_RESPONSE_LENGTH, ResponseError, Score
from exam.problems import Problem


def citation_mode(scoring: dict) -> str:
    """ "sentence" (cite one sentence) or "first_last" (the first and last words)."""
    return "first_last" if (scoring or {}).get("mode") == "first_last" else "sentence"


def clean(value, **_):
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        unknown = set(value) - {"first", "last"}
        if unknown:
            raise ResponseError("invalid_type")
        cleaned = {}
        for part in ("first", "last"):
            raw = value.get(part) or ""
            if not isinstance(raw, str):
                raise ResponseError("invalid_type")
            if len(raw) > MAX_RESPONSE_LENGTH:
                raise ResponseError("too_long", limit=MAX_RESPONSE_LENGTH)
            cleaned[part] = " ".join(raw.split())
        return cleaned
    raise ResponseError("invalid_type")


def score(scoring, *, max_points, response, lines, **_):
    if not lines:
        raise ValueError("citation scoring needs the text's lines")
    check = check_citation(
        response, mode=scoring.get("mode", "sentence"), spans=scoring.get("spans", []), lines=lines
    )
    details = {}
    if check.span is not None:
        details["cited_lines"] = [check.span.first_line, check.span.last_line]
    points = max_points if check.is_correct else 0
    return Score(points, max_points, feedback=check.feedback, details=details)


def validate(scoring, *, lines=(), **_):
    mode = scoring.get("mode")
    spans = scoring.get("spans")
    problems = []
    if mode not in MODES:
        problems.append(Problem("mode", "bad_citation_mode", {"modes": MODES, "mode": mode}))
    if (
        not isinstance(spans, list)
        or not spans
        or not all(isinstance(s, str) and s.strip() for s in spans)
    ):
        return problems + [Problem("spans", "no_span")]
    for span in spans:
        if mode == "first_last" and len(span.split()) < 2:
            problems.append(Problem("spans", "span_too_short", {"span": span}))
        if lines and not find_all(span, lines, fuzzy=False):
            problems.append(Problem("spans", "span_not_in_text", {"span": _short(span)}))
    return problems


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def widget(scoring, choices, response):
    values: dict = {"citation_mode": citation_mode(scoring)}
    if isinstance(response, dict):
        values["first"], values["last"] = response.get("first", ""), response.get("last", "")
    elif response:
        values["value"] = str(response)
    return values


def posted_value(data, scoring):
    if citation_mode(scoring) == "first_last":
        return {"first": data.get("first", ""), "last": data.get("last", "")}
    return data.get("value", "")


def accepted(scoring):
    return list(scoring.get("spans", []))


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    target = " ".join((scoring.get("spans") or [""])[0].split())
    words = target.split()
    if scoring.get("mode") == "first_last":
        if right:
            return {"first": " ".join(words[:2]), "last": " ".join(words[-2:])}, []
        return {"first": "Hoe meer", "last": "online zegt."}, []
    return (target if right else "Iemand die op internet iets zegt, telt mee."), []


KIND = Kind(
    code="citation",
    roles=(),
    clean=clean,
    score=score,
    validate=validate,
    widget=widget,
    posted_value=posted_value,
    accepted=accepted,
    demo_response=demo_response,
    hint="Citeer de zin waarin ...",
    authoring_form="exam.authoring.forms.CitationForm",
)
