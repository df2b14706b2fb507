"""Word limits on every open kind: the rules for going over, at their boundaries.

Pure: the scorers and exam/kinds/elements.py, no database.
"""

from __future__ import annotations

import pytest

from exam.kinds import elements
from exam.kinds.elements import (
    apply_length_rules,
    count_words,
    length_deduction,
    marked_points,
    over_limit_deduction,
    validate_length_rules,
)
from exam.scoring import check_scoring, score_response

# Two one-point elements; the answers below name both (2 points before any deduction).
MODEL = {
    "elements": [
        {"text": "voorrang", "points": 1, "keywords": ["voorrang"]},
        {"text": "volgers", "points": 1, "keywords": ["volgers"]},
    ]
}
BOTH = "Mensen met veel volgers krijgen voorrang"  # 6 words, a full sentence


def answer(words: int) -> str:
    """A full-sentence answer naming both elements, exactly `words` words long."""
    assert words >= 6
    return BOTH + " en" * (words - 6) + "."


def test_answer_builds_the_length_it_says():
    assert [count_words(answer(n)) for n in (6, 25, 26, 41)] == [6, 25, 26, 41]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        (None, 0),
        ("   ", 0),
        ("Ze willen aandacht.", 3),
        ("Ze  willen\naandacht .", 4),  # a lone full stop between spaces is a word
        ("e-mail, t/m 2026", 3),
        ("1. voorrang\n2. volgers", 4),
    ],
)
def test_words_are_runs_of_non_space(text, words):
    assert count_words(text) == words


FIXED = {"deduct": 1}
BLOCKS = {"per_words": 5, "deduct": 1}


@pytest.mark.parametrize(
    ("rule", "words", "limit", "points", "deducted"),
    [
        # No rule, no limit, or at the limit: nothing.
        (None, 41, 25, 2, 0),
        (FIXED, 41, None, 2, 0),
        (FIXED, 25, 25, 2, 0),
        (BLOCKS, 25, 25, 2, 0),
        ("zero", 25, 25, 2, 0),
        # A fixed deduction: once, however far over.
        (FIXED, 26, 25, 2, 1),
        (FIXED, 41, 25, 2, 1),
        (FIXED, 300, 25, 2, 1),
        ({"deduct": 2}, 26, 25, 3, 2),
        ({"deduct": 2}, 26, 25, 1, 1),  # never below 0
        # Zero: every point.
        ("zero", 26, 25, 2, 2),
        ("zero", 26, 25, 0, 0),
        # Per started block of five: 1-5 over is one block, 6-10 two.
        (BLOCKS, 26, 25, 3, 1),
        (BLOCKS, 30, 25, 3, 1),
        (BLOCKS, 31, 25, 3, 2),
        (BLOCKS, 35, 25, 3, 2),
        (BLOCKS, 36, 25, 3, 3),
        (BLOCKS, 36, 25, 2, 2),  # never below 0
        ({"per_words": 10, "deduct": 2}, 35, 25, 4, 2),
        ({"per_words": 10, "deduct": 2}, 36, 25, 4, 4),
        # Blocks bigger than 99 words (the authoring form once stopped there).
        ({"per_words": 150, "deduct": 1}, 400, 100, 3, 2),
    ],
)
def test_the_rule_for_going_over_deducts_at_its_boundaries(rule, words, limit, points, deducted):
    assert over_limit_deduction(rule, words=words, word_limit=limit, points=points) == deducted


@pytest.mark.parametrize("kind", ["open", "summary"])
@pytest.mark.parametrize(
    ("rule", "words", "points", "feedback"),
    [
        (FIXED, 25, 2, ()),
        (FIXED, 26, 1, ("over_word_limit",)),
        (FIXED, 41, 1, ("over_word_limit",)),
        ("zero", 25, 2, ()),
        ("zero", 26, 0, ("over_word_limit",)),
        (BLOCKS, 30, 1, ("over_word_limit",)),
        (BLOCKS, 31, 0, ("over_word_limit",)),
        (BLOCKS, 41, 0, ("over_word_limit",)),
        # A limit without a rule is only shown: the feedback says so, no point lost.
        (None, 41, 2, ("over_word_limit",)),
    ],
)
def test_every_open_kind_loses_points_over_its_word_limit(kind, rule, words, points, feedback):
    model = {**MODEL, "over_limit": rule} if rule else MODEL
    score = score_response(
        kind=kind, scoring=model, max_points=2, response=answer(words), word_limit=25
    )
    assert score.points == points
    assert score.feedback == feedback
    assert score.details["words"] == words
    assert score.details["word_limit"] == 25
    assert score.details["deducted"] == 2 - points
    assert score.needs_review is True


def test_an_open_answer_of_41_words_to_a_25_word_question_loses_its_point():
    model = {**MODEL, "over_limit": FIXED}
    long = score_response(
        kind="open", scoring=model, max_points=1, response=answer(41), word_limit=25
    )
    short = score_response(
        kind="open", scoring=model, max_points=1, response=answer(25), word_limit=25
    )
    assert (long.points, short.points) == (0, 1)


def test_an_open_question_without_a_limit_counts_but_never_deducts():
    model = {**MODEL, "over_limit": "zero"}
    score = score_response(kind="open", scoring=model, max_points=2, response=answer(80))
    assert score.points == 2
    assert "word_limit" not in score.details
    assert score.feedback == ()


def test_open_counts_every_word_also_beyond_the_reasons_asked():
    model = {**MODEL, "asked": 1, "over_limit": FIXED}
    score = score_response(
        kind="open", scoring=model, max_points=1, response=answer(30), word_limit=25
    )
    assert score.details["words"] == 30
    assert score.points == 0


def test_the_old_helpers_keep_their_names_and_answers():
    # The summary's old shapes still score as before.
    assert length_deduction({"over_limit": "zero"}, response="a b c", word_limit=2, points=3) == 3
    assert (
        length_deduction({"over_limit": BLOCKS}, response=answer(46), word_limit=40, points=4) == 2
    )
    assert length_deduction({}, response=answer(46), word_limit=40, points=4) == 0
    assert elements.over_limit_deduction is over_limit_deduction


@pytest.mark.parametrize(
    ("ticked", "words", "points", "deducted"),
    [
        ([0, 1], 25, 2, 0),
        ([0, 1], 26, 1, 1),
        ([0], 26, 0, 1),
        ([], 26, 0, 0),  # nothing to lose
    ],
)
def test_a_markers_ticks_lose_the_same_points(ticked, words, points, deducted):
    rules = marked_points(
        {**MODEL, "over_limit": FIXED},
        elements=ticked,
        max_points=2,
        response=answer(words),
        word_limit=25,
    )
    assert (rules.points, rules.word_deduction) == (points, deducted)


@pytest.mark.parametrize(
    ("scoring", "codes"),
    [
        ({}, []),
        ({"over_limit": "zero"}, []),
        ({"over_limit": {"deduct": 1}}, []),
        ({"over_limit": {"deduct": 2, "per_words": 150}}, []),
        ({"over_limit": "nul"}, ["bad_over_limit"]),
        ({"over_limit": {"deduct": 0}}, ["bad_over_limit"]),
        ({"over_limit": {"per_words": 5}}, ["bad_over_limit"]),
        ({"over_limit": {"deduct": 1, "per_words": 0}}, ["bad_over_limit"]),
        ({"over_limit": {"deduct": 1.5}}, ["bad_over_limit"]),
        ({"over_limit": {"deduct": 1, "words": 5}}, ["bad_over_limit"]),
        ({"full_sentences": {"deduct": 1}}, []),
        ({"full_sentences": {}}, []),
        ({"full_sentences": {"deduct": 0}}, ["bad_full_sentences"]),
        ({"full_sentences": True}, ["bad_full_sentences"]),
        ({"full_sentences": {"deduct": "1"}}, ["bad_full_sentences"]),
    ],
)
def test_the_length_rules_shapes_are_checked(scoring, codes):
    assert [p.code for p in validate_length_rules(scoring)] == codes


@pytest.mark.parametrize("kind", ["open", "summary"])
def test_both_open_kinds_report_a_bad_rule_by_code(kind):
    problems = check_scoring(
        kind=kind,
        scoring={**MODEL, "over_limit": {"deduct": 0}, "full_sentences": {"deduct": -1}},
        max_points=2,
        labels={},
    )
    assert [(p.field, p.code) for p in problems] == [
        ("over_limit", "bad_over_limit"),
        ("full_sentences", "bad_full_sentences"),
    ]


def test_apply_length_rules_is_the_one_helper_for_a_part():
    # What exam/kinds/parts.py calls per part: points in, points and reasons out.
    rules = apply_length_rules(
        {"over_limit": {"per_words": 5, "deduct": 1}},
        response=answer(31),
        word_limit=25,
        points=3,
    )
    assert (rules.points, rules.deducted, rules.is_over_limit) == (1, 2, True)
    assert rules.feedback == ("over_word_limit",)
    assert rules.details == {"words": 31, "deducted": 2, "word_limit": 25}
