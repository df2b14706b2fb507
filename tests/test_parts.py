"""An open question in parts: cleaning, scoring and checking the model (no database)."""

import random

import pytest

from exam import kinds
from exam.kinds import parts
from exam.kinds.common import ResponseError
from exam.problems import Problem
from exam.scoring import clean_response, element_points, score_response, validate_scoring

MODEL = {
    "parts": [
        {"label": "a", "prompt": "Noem twee oorzaken.", "word_limit": 5},
        {"label": "b", "prompt": "Leg uit waarom.", "word_limit": None},
    ],
    "elements": [
        {"text": "achterstand", "points": 1, "keywords": ["achterstand"], "part": "a"},
        {"text": "hulpverleners", "points": 1, "keywords": ["hulpverlener*"], "part": "a"},
        {"text": "voorrang", "points": 1, "keywords": ["voorrang"], "part": "b"},
    ],
    "over_limit": "zero",
}


def clean(value, model=MODEL):
    return clean_response(kind="parts", value=value, labels={}, scoring=model)


def score(response, model=MODEL, max_points=3):
    return score_response(kind="parts", scoring=model, max_points=max_points, response=response)


# --- cleaning --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ({"a": "achterstand", "b": "voorrang"}, {"a": "achterstand", "b": "voorrang"}),
        # Known labels only, in the parts' order, matched without regard to case.
        ({"B": " voorrang ", "a": "x"}, {"a": "x", "b": "voorrang"}),
        # Spaces collapsed, the pupil's lines kept.
        ({"a": "een  twee\r\ndrie "}, {"a": "een twee\ndrie"}),
        # An empty part is left out; all parts empty is unanswered.
        ({"a": "", "b": "voorrang"}, {"b": "voorrang"}),
        ({"a": "  ", "b": None}, None),
        ({}, None),
    ],
)
def test_a_parts_answer_is_cleaned_per_part(raw, stored):
    assert clean(raw) == stored


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ({"c": "te veel"}, "unknown_item"),
        ("a) achterstand", "invalid_type"),
        (["achterstand"], "invalid_type"),
        ({"a": ["lijst"]}, "invalid_type"),
        ({"a": "x" * 5001}, "too_long"),
    ],
)
def test_an_impossible_parts_answer_is_refused(raw, code):
    with pytest.raises(ResponseError) as error:
        clean(raw)
    assert error.value.code == code


def test_the_posted_boxes_are_the_p_fields():
    posted = {"p-a": "een", "p-b": "twee", "revision": "3", "value": "x"}
    assert kinds.get("parts").posted_value(posted, MODEL) == {"a": "een", "b": "twee"}


# --- scoring ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "points", "found"),
    [
        ({"a": "achterstand, hulpverleners", "b": "voorrang"}, 3, [0, 1, 2]),
        # An element counts only in its own part's answer.
        ({"a": "voorrang", "b": "achterstand en hulpverleners"}, 0, []),
        ({"a": "achterstand", "b": "hulpverleners krijgen voorrang"}, 2, [0, 2]),
        # An empty part earns nothing, the other still counts.
        ({"b": "voorrang"}, 1, [2]),
        ({"a": "hulpverleners"}, 1, [1]),
    ],
)
def test_elements_are_found_only_in_their_own_part(response, points, found):
    result = score(response)
    assert (result.points, result.details["elements"]) == (points, found)
    assert result.needs_review


@pytest.mark.parametrize(
    ("text_a", "words", "points", "deducted"),
    [
        # Part a's limit is 5 words: 5 is fine, 6 costs the part its points ("zero").
        ("achterstand en hulpverleners twee drie", 5, 3, 0),
        ("achterstand en hulpverleners twee drie vier", 6, 1, 2),
    ],
)
def test_a_part_over_its_limit_loses_its_own_points(text_a, words, points, deducted):
    result = score({"a": text_a, "b": "voorrang " + "lang " * 40})
    assert result.points == points
    assert result.details["parts"]["a"]["words"] == words
    assert result.details["parts"]["a"]["deducted"] == deducted
    # Part b has no limit: its 41 words cost nothing.
    assert result.details["parts"]["b"]["deducted"] == 0
    assert ("over_word_limit" in result.feedback) == bool(deducted)


@pytest.mark.parametrize(
    ("over", "words_over", "points"),
    [
        ({"per_words": 2, "deduct": 1}, 1, 2),  # 1-2 words over: 1 point off part a
        ({"per_words": 2, "deduct": 1}, 2, 2),
        ({"per_words": 2, "deduct": 1}, 3, 1),  # 3-4 over: 2 points off
        ({"per_words": 2, "deduct": 1}, 9, 1),  # never more than the part's own points
        ({"deduct": 1}, 1, 2),  # a fixed deduction: 1 point off, however far over
        ({"deduct": 1}, 9, 2),
        (None, 9, 3),
    ],
)
def test_the_block_rule_applies_per_part(over, words_over, points):
    model = {**MODEL, "over_limit": over}
    text_a = "achterstand hulpverleners" + " x" * (3 + words_over)
    assert score({"a": text_a, "b": "voorrang"}, model).points == points


def test_an_unanswered_parts_question_scores_zero():
    assert score(None).points == 0
    assert score(None).feedback == ("unanswered",)


def test_teachers_tick_elements_by_their_global_index():
    assert element_points(scoring=MODEL, elements=[0, 2], max_points=3) == 2
    marked = parts.marked_points(
        MODEL, elements=[0, 1, 2], response={"a": "een twee drie vier vijf zes"}, max_points=3
    )
    assert marked == 1  # part a is over its limit: its two ticked elements count 0


def test_the_answer_per_part_shows_words_and_deductions():
    rows = parts.answer_parts(MODEL, {"a": "een twee drie vier vijf zes"}, [0, 2])
    assert [(r.label, r.words, r.word_limit, r.deducted, r.elements) for r in rows] == [
        ("a", 6, 5, 1, (0, 1)),
        ("b", 0, None, 0, (2,)),
    ]
    assert rows[0].is_over and not rows[1].is_over


def test_the_given_text_puts_each_part_on_its_own_line():
    assert kinds.get("parts").given_text({"a": "een", "b": "twee"}) == "a) een\nb) twee"
    assert kinds.get("parts").given_text(None) == ""


def test_the_widget_has_a_box_per_part_with_its_limit():
    rows = kinds.get("parts").widget(MODEL, {}, {"b": "een twee"})["rows"]
    assert [(r.key, r.content, r.value, r.word_limit, r.word_count) for r in rows] == [
        ("a", "Noem twee oorzaken.", "", 5, 0),
        ("b", "Leg uit waarom.", "een twee", None, 2),
    ]


@pytest.mark.parametrize("p", [1.0, 0.0])
def test_the_demo_answer_holds_the_elements_it_names(p):
    response, ticked = parts.demo_response(
        MODEL, labels={}, rng=random.Random(1), p=p, right=p == 1.0, paragraph_count=5
    )
    assert set(response) == {"a", "b"}
    assert ticked == ([0, 1, 2] if p else [])
    assert score(clean(response)).details["elements"] == ticked


# --- checking the model ----------------------------------------------------------------


def without(key, index=None):
    model = {**MODEL, "parts": [dict(p) for p in MODEL["parts"]]}
    model["elements"] = [dict(e) for e in MODEL["elements"]]
    if index is None:
        model.pop(key)
    else:
        model["parts"][index].pop(key)
    return model


def changed(**changes):
    model = {**MODEL, "parts": [dict(p) for p in MODEL["parts"]]}
    model["elements"] = [dict(e) for e in MODEL["elements"]]
    for path, value in changes.items():
        group, index, key = path.split("__")
        model[group][int(index)][key] = value
    return model


@pytest.mark.parametrize(
    ("model", "max_points", "problems"),
    [
        (MODEL, 3, []),
        (
            {**MODEL, "parts": MODEL["parts"][:1]},
            3,
            [Problem("parts", "too_few_parts", {"count": 2})],
        ),
        ({**MODEL, "parts": None}, 3, [Problem("parts", "too_few_parts", {"count": 2})]),
        (
            changed(parts__1__label="a"),
            3,
            [
                Problem("part:1", "part_bad_label", {"number": 2}),
                Problem(
                    "element_part:2",
                    "element_unknown_part",
                    {"number": 3, "part": "b", "parts": ["a", "a"]},
                ),
            ],
        ),
        (changed(parts__0__prompt=" "), 3, [Problem("part:0", "part_no_prompt", {"label": "a"})]),
        (
            changed(parts__1__word_limit=0),
            3,
            [Problem("part:1", "part_bad_word_limit", {"label": "b"})],
        ),
        (
            changed(parts__1__word_limit="20"),
            3,
            [Problem("part:1", "part_bad_word_limit", {"label": "b"})],
        ),
        (
            changed(elements__2__part="c"),
            3,
            [
                Problem(
                    "element_part:2",
                    "element_unknown_part",
                    {"number": 3, "part": "c", "parts": ["a", "b"]},
                ),
                Problem("part:1", "part_no_elements", {"label": "b"}),
            ],
        ),
        (
            changed(elements__0__part=None),
            3,
            [
                Problem(
                    "element_part:0",
                    "element_unknown_part",
                    {"number": 1, "part": "–", "parts": ["a", "b"]},
                )
            ],
        ),
        # The elements' points must reach the maximum.
        (MODEL, 4, [Problem("max_points", "elements_too_few_points", {"total": 3, "max": 4})]),
        ({**MODEL, "elements": []}, 3, [Problem("elements", "no_elements")]),
        ({**MODEL, "over_limit": {"per_words": 0}}, 3, [Problem("over_limit", "bad_over_limit")]),
        ({**MODEL, "over_limit": {"per_words": 5, "deduct": 1}}, 3, []),
        ({**MODEL, "over_limit": {"deduct": 2}}, 3, []),
        ({**MODEL, "over_limit": {"deduct": 0}}, 3, [Problem("over_limit", "bad_over_limit")]),
        (without("over_limit"), 3, []),
        (without("word_limit", 0), 3, []),
    ],
)
def test_the_model_of_a_parts_question_is_checked(model, max_points, problems):
    assert kinds.get("parts").validate(model, max_points=max_points, labels={}) == problems


def test_validate_scoring_reads_the_problems_as_messages():
    messages = validate_scoring(
        kind="parts", scoring={"parts": [], "elements": []}, max_points=1, labels={}
    )
    assert messages and all(isinstance(m, str) and m for m in messages)
