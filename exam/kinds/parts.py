"""Open question in parts: "a) Noem ... b) Leg uit ...", a box per part.

Each part has its own prompt, an optional word limit and its own model elements. The
elements stay one list with global indexes, each naming its part, so ticking elements
(teachers, pupils) works as for an open answer; only the keywords of a part's elements
are looked for in that part's text, and a part over its word limit loses points as a
summary does (the question's "over_limit" rule, per part). "In full sentences"
(`full_sentences`) is judged over the whole answer, all parts' text together: one
proposal, one marker's judgement, one deduction for the question, after the parts'
word-limit deductions (length_rules). The score is a proposal.

>>> scoring = {"parts": [{"label": "a", "prompt": "Noem", "word_limit": 3},
...                      {"label": "b", "prompt": "Leg uit", "word_limit": None}],
...            "elements": [{"text": "geld", "keywords": ["geld"], "part": "a"},
...                         {"text": "tijd", "keywords": ["tijd"], "part": "b"}]}
>>> score(scoring, max_points=2, response={"a": "geld", "b": "geld"}).points
1
"""

from __future__ import annotations

from dataclasses import dataclass

from exam.kinds.base import Kind
from exam.kinds.common import (
    MAX_RESPONSE_LENGTH,
    ResponseError,
    Score,
    is_empty,
    is_whole,
    prefixed,
)
from exam.kinds.elements import (
    LengthRules,
    apply_length_rules,
    clean_text,
    count_words,
    demo_elements_response,
    find_elements,
    over_limit_deduction,
    validate_elements,
    validate_length_rules,
)
from exam.kinds.sentences import answer_text
from exam.problems import Problem

MIN_PARTS = 2
LABELS = "abcdefghij"


@dataclass(frozen=True)
class PartRow:
    """One part's box on the exam page: its label, prompt, word limit and text."""

    key: str
    content: str
    value: str
    word_limit: int | None = None

    @property
    def word_count(self) -> int:
        return count_words(self.value)

    @property
    def is_over(self) -> bool:
        return bool(self.word_limit) and self.word_count > self.word_limit


@dataclass(frozen=True)
class PartAnswer:
    """One part of an answer as the result and marking pages show it."""

    label: str
    prompt: str
    text: str
    words: int
    word_limit: int | None
    deducted: int
    elements: tuple[int, ...]  # indexes of this part's model elements

    @property
    def is_over(self) -> bool:
        return bool(self.word_limit) and self.words > self.word_limit


def parts_of(scoring: dict) -> list[dict]:
    """The model's parts that are objects with a label (others are validate's business)."""
    parts = (scoring or {}).get("parts") or []
    return [p for p in parts if isinstance(p, dict) and str(p.get("label", "")).strip()]


def part_labels(scoring: dict) -> list[str]:
    return [str(p["label"]) for p in parts_of(scoring)]


def _part_elements(scoring: dict, label: str) -> list[int]:
    elements = (scoring or {}).get("elements") or []
    return [
        index
        for index, element in enumerate(elements)
        if isinstance(element, dict) and element.get("part") == label
    ]


def _word_limit(part: dict) -> int | None:
    limit = part.get("word_limit")
    return limit if is_whole(limit) and limit > 0 else None


def clean(value, *, scoring=None, **_):
    """{"a": text, "b": text} for the known parts, in their order; empty parts dropped."""
    if not isinstance(value, dict):
        raise ResponseError("invalid_type")
    known = part_labels(scoring or {})
    by_fold = {label.casefold(): label for label in known}
    given: dict[str, str] = {}
    for raw_label, text in value.items():
        label = by_fold.get(str(raw_label).strip().casefold())
        if label is None:
            raise ResponseError("unknown_item", label=str(raw_label))
        if is_empty(text):
            continue
        if isinstance(text, str) and len(text) > MAX_RESPONSE_LENGTH:
            raise ResponseError("too_long", limit=MAX_RESPONSE_LENGTH)
        given[label] = clean_text(text)
    cleaned = {label: given[label] for label in known if given.get(label)}
    return cleaned or None


def _part_points(scoring: dict, part: dict, *, response, elements) -> tuple[int, int, int]:
    """(points of the counted elements of this part, words, points deducted)."""
    model = scoring.get("elements") or []
    own = set(_part_elements(scoring, part["label"]))
    points = sum(int(model[i].get("points", 1)) for i in elements if i in own)
    text = (response or {}).get(part["label"], "") if isinstance(response, dict) else ""
    words = count_words(text)
    deducted = over_limit_deduction(
        scoring.get("over_limit"), words=words, word_limit=_word_limit(part), points=points
    )
    return points, words, deducted


def length_rules(
    scoring: dict,
    *,
    elements,
    response,
    max_points: int,
    in_full_sentences: bool | None = None,
) -> LengthRules:
    """Both length rules applied to an answer in parts whose `elements` count.

    Per part its counted elements' points minus that part's word-limit deduction,
    added up within 0 and max_points; then, when the question asks for full
    sentences, one deduction for the whole answer (all parts' text together), never
    below 0. `in_full_sentences` is the marker's judgement; None: the computer's
    proposal. `word_deduction` is the parts' deductions added up; `words` all words.

    >>> rules = length_rules({"parts": [{"label": "a", "word_limit": 1}, {"label": "b"}],
    ...                       "elements": [{"part": "a"}, {"part": "b"}, {"part": "b"}],
    ...                       "over_limit": "zero", "full_sentences": {"deduct": 1}},
    ...                      elements=[0, 1, 2], response={"a": "te veel", "b": "ja"},
    ...                      max_points=3)
    >>> rules.points, rules.word_deduction, rules.in_full_sentences, rules.sentence_deduction
    (1, 1, False, 1)
    """
    total = word_deduction = 0
    for part in parts_of(scoring):
        points, _words, deducted = _part_points(scoring, part, response=response, elements=elements)
        total += points - deducted
        word_deduction += deducted
    whole = apply_length_rules(
        {"full_sentences": (scoring or {}).get("full_sentences")},
        response=answer_text(response),
        word_limit=None,
        points=max(0, min(max_points, total)),
        in_full_sentences=in_full_sentences,
    )
    return LengthRules(
        points=whole.points,
        words=whole.words,
        word_limit=None,
        word_deduction=word_deduction,
        in_full_sentences=whole.in_full_sentences,
        sentence_deduction=whole.sentence_deduction,
    )


def marked_points(
    scoring: dict, *, elements, response, max_points: int, in_full_sentences: bool | None = None
) -> int:
    """Points for the counted (found or ticked) elements: per part their points minus
    that part's length deduction, added up, never below 0 or above max_points; then
    the deduction for not writing full sentences, when the question asks for them.

    >>> marked_points({"parts": [{"label": "a", "word_limit": 1}, {"label": "b"}],
    ...                "elements": [{"part": "a"}, {"part": "b"}], "over_limit": "zero"},
    ...               elements=[0, 1], response={"a": "te veel", "b": "ja"}, max_points=2)
    1
    """
    return length_rules(
        scoring,
        elements=elements,
        response=response,
        max_points=max_points,
        in_full_sentences=in_full_sentences,
    ).points


def ticked_points(
    *,
    scoring: dict,
    elements,
    max_points: int,
    response=None,
    in_full_sentences: bool | None = None,
    **_,
) -> int:
    """What a marker's (or the pupil's) ticks are worth: marked_points, per part, with
    the marker's judgement on full sentences (None: the computer's proposal)."""
    return marked_points(
        scoring,
        elements=elements,
        response=response,
        max_points=max_points,
        in_full_sentences=in_full_sentences,
    )


def found_elements(scoring: dict, response) -> list[int]:
    """The model elements whose keywords occur in their own part's text, by index."""
    model = scoring.get("elements") or []
    found: list[int] = []
    for part in parts_of(scoring):
        own = _part_elements(scoring, part["label"])
        text = (response or {}).get(part["label"], "") if isinstance(response, dict) else ""
        if own and text:
            found += [own[i] for i in find_elements(text, [model[j] for j in own])]
    return sorted(found)


def score(scoring, *, max_points, response, **_):
    found = found_elements(scoring, response)
    rules = length_rules(scoring, elements=found, response=response, max_points=max_points)
    feedback: tuple[str, ...] = ()
    if not found:
        feedback += ("no_elements_found",)
    details_parts = {}
    for part in parts_of(scoring):
        _points, words, deducted = _part_points(scoring, part, response=response, elements=found)
        details_parts[part["label"]] = {"words": words, "deducted": deducted}
        if _word_limit(part) and words > _word_limit(part):
            details_parts[part["label"]]["word_limit"] = _word_limit(part)
            if "over_word_limit" not in feedback:
                feedback += ("over_word_limit",)
    details = {
        "elements": found,
        "parts": details_parts,
        "deducted": sum(d["deducted"] for d in details_parts.values()),
    }
    if rules.in_full_sentences is not None:
        # The computer's proposal for the whole answer (sentences_judgement reads it).
        details["full_sentences"] = rules.in_full_sentences
        details["sentences_deducted"] = rules.sentence_deduction
    if rules.in_full_sentences is False:
        feedback += ("not_full_sentences",)
    return Score(rules.points, max_points, True, feedback, details)


def answer_parts(scoring: dict, response, elements) -> list[PartAnswer]:
    """Each part with the pupil's text, its word count and the deduction that the
    counted `elements` (found, ticked by the pupil or by the teacher) bring."""
    scoring = scoring or {}
    given = response if isinstance(response, dict) else {}
    rows = []
    for part in parts_of(scoring):
        _points, words, deducted = _part_points(
            scoring, part, response=given, elements=elements or []
        )
        rows.append(
            PartAnswer(
                label=part["label"],
                prompt=str(part.get("prompt", "")),
                text=given.get(part["label"], ""),
                words=words,
                word_limit=_word_limit(part),
                deducted=deducted,
                elements=tuple(_part_elements(scoring, part["label"])),
            )
        )
    return rows


def validate(scoring, *, max_points, **_) -> list[Problem]:
    parts = scoring.get("parts")
    if not isinstance(parts, list) or len(parts) < MIN_PARTS:
        return [Problem("parts", "too_few_parts", {"count": MIN_PARTS})]
    problems: list[Problem] = []
    labels: list[str] = []
    for index, part in enumerate(parts):
        # "part:<n>" is the n-th part (from 0); the message names its label.
        at = f"part:{index}"
        if not isinstance(part, dict):
            problems.append(Problem(at, "part_not_object", {"number": index + 1}))
            continue
        label = str(part.get("label", "")).strip()
        if not label or label in labels:
            problems.append(Problem(at, "part_bad_label", {"number": index + 1}))
        labels.append(label)
        shown = {"label": label or str(index + 1)}
        if not str(part.get("prompt", "")).strip():
            problems.append(Problem(at, "part_no_prompt", shown))
        limit = part.get("word_limit")
        if limit is not None and (not is_whole(limit) or limit < 1):
            problems.append(Problem(at, "part_bad_word_limit", shown))
    problems += validate_elements(scoring, max_points=max_points)
    elements = scoring.get("elements")
    # Without any element, "no_elements" says it all.
    if isinstance(elements, list) and elements:
        for index, element in enumerate(elements):
            if not isinstance(element, dict):
                continue
            part = element.get("part")
            if part not in labels:
                params = {"number": index + 1, "part": str(part or "–"), "parts": labels}
                problems.append(Problem(f"element_part:{index}", "element_unknown_part", params))
        named = {e.get("part") for e in elements if isinstance(e, dict)}
        problems += [
            Problem(f"part:{index}", "part_no_elements", {"label": label})
            for index, label in enumerate(labels)
            if label and label not in named
        ]
    # The rule for a part over its limit and "in full sentences", as for an open answer.
    return problems + validate_length_rules(scoring)


def widget(scoring, choices, response):
    given = response if isinstance(response, dict) else {}
    return {
        "rows": [
            PartRow(
                part["label"],
                str(part.get("prompt", "")),
                given.get(part["label"], ""),
                _word_limit(part),
            )
            for part in parts_of(scoring)
        ]
    }


def posted_value(data, scoring):
    return prefixed(data, "p-")


def demo_response(scoring, *, labels, rng, p, right, paragraph_count):
    model = scoring.get("elements") or []
    response: dict[str, str] = {}
    chosen: list[int] = []
    for part in parts_of(scoring):
        own = _part_elements(scoring, part["label"])
        text, picked = demo_elements_response(
            {"elements": [model[i] for i in own]},
            rng=rng,
            p=p,
            short=_word_limit(part) is not None,
        )
        response[part["label"]] = text
        chosen += [own[i] for i in picked]
    return response, sorted(chosen)


class PartsKind(Kind):
    def given_text(self, response) -> str:
        """The parts one after another, "a) ..." on their own lines."""
        if not isinstance(response, dict):
            return ""
        return "\n".join(f"{label}) {text}" for label, text in response.items() if text)


KIND = PartsKind(
    code="parts",
    roles=(),
    clean=clean,
    score=score,
    validate=validate,
    widget=widget,
    posted_value=posted_value,
    demo_response=demo_response,
    answer_parts=answer_parts,
    ticked_points=ticked_points,
    hint="a) Noem ... b) Leg uit ...",
    authoring_form="exam.authoring.forms.PartsForm",
)
