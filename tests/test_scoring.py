"""Scoring a response with a question's answer model: one table per question kind."""

import doctest
import random

import pytest
from django.utils import translation

from exam import citations, grades, kinds, problems, scoring
from exam.kinds import (
    common,
    display,
    elements,
    gap,
    mc,
    multi,
    near_miss,
    paragraph,
    sentences,
    statements,
)
from exam.kinds.display import Option
from exam.scoring import (
    KINDS,
    ResponseError,
    Score,
    check_scoring,
    clean_response,
    element_points,
    score_response,
    split_reasons,
)

OPTIONS = {"option": ["A", "B", "C", "D"]}
STATEMENTS = {"statement": ["1", "2", "3"]}
MATCHING = {"item": ["a", "b", "c"], "target": ["1", "2", "3", "4"]}
ORDERING = {"item": ["A", "B", "C", "D"]}

LINES = [
    (42, "(Twitter). Hoe meer digitale"),
    (43, "verbindingen u heeft, des te belang-"),
    (44, "rijker vinden bedrijven wat u online"),
    (45, "meldt. Heeft u minder dan vijfhon-"),
    (46, "derd volgers op Twitter? Dan doet"),
]
SENTENCE = "Hoe meer digitale verbindingen u heeft, des te belangrijker vinden bedrijven wat u online meldt."

MC = {"key": "B"}
MULTI = {"keys": ["A", "D"], "choose": 2, "per_correct": 1}
MULTI_TABLE = {"keys": ["A", "D"], "choose": 2, "table": {"2": 2, "1": 1, "0": 0}}
STATEMENTS_MODEL = {
    "answers": {"1": "juist", "2": "onjuist", "3": "juist"},
    "table": {"3": 2, "2": 1, "1": 0, "0": 0},
}
MATCHING_MODEL = {"pairs": {"a": "3", "b": "1", "c": "2"}, "per_pair": 1}
MATCHING_TABLE = {
    "pairs": {"a": "3", "b": "1", "c": "2"},
    "table": {"3": 2, "2": 1, "1": 0, "0": 0},
}
ORDER = {"order": ["C", "A", "D", "B"]}
ORDER_TABLE = {"order": ["C", "A", "D", "B"], "table": {"4": 2, "3": 1, "2": 1, "1": 0, "0": 0}}
OPEN = {
    "elements": [
        {"text": "achterstand bij de SVB", "points": 1, "keywords": ["achterstand", "te laat"]},
        {"text": "hulpverleners zonder geld", "points": 1, "keywords": ["hulpverlener*"]},
        {"text": "persoonlijk gebeld", "points": 1, "keywords": ["gebeld", "telefoontje"]},
    ],
    "asked": 2,
}
SUMMARY = {
    "elements": [
        {"text": "overheid geeft voorrang", "points": 1, "keywords": ["voorrang"]},
        {"text": "samenleving versplintert", "points": 1, "keywords": ["versplinter*"]},
        {"text": "digitaal kapitaal bij de rijken", "points": 1, "keywords": ["digitaal kapitaal"]},
    ],
    "over_limit": {"per_words": 5, "deduct": 1},
}


def words(n: int) -> str:
    return " ".join(["woord"] * n)


# --- scoring, kind by kind -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "model", "max_points", "response", "points", "feedback"),
    [
        # Multiple choice: the key, or nothing.
        ("mc", MC, 1, "B", 1, ()),
        ("mc", MC, 1, "C", 0, ("wrong_letter",)),
        ("mc", MC, 2, ["B", "C"], 0, ("too_many_choices",)),
        ("mc", MC, 1, None, 0, ("unanswered",)),
        # Multiple response: per right option among the first `choose` given.
        ("multi", MULTI, 2, ["A", "D"], 2, ()),
        ("multi", MULTI, 2, ["D", "B"], 1, ()),
        ("multi", MULTI, 2, ["B", "C"], 0, ()),
        ("multi", MULTI, 2, ["B", "C", "A", "D"], 0, ("extra_choices_ignored",)),
        ("multi", MULTI, 2, ["A", "C", "D"], 1, ("extra_choices_ignored",)),
        ("multi", MULTI_TABLE, 2, ["A", "D"], 2, ()),
        ("multi", MULTI_TABLE, 2, ["A"], 1, ()),
        ("multi", MULTI, 2, [], 0, ("unanswered",)),
        # Statements: a table on the number right.
        ("statements", STATEMENTS_MODEL, 2, {"1": "juist", "2": "onjuist", "3": "juist"}, 2, ()),
        ("statements", STATEMENTS_MODEL, 2, {"1": "juist", "2": "juist", "3": "juist"}, 1, ()),
        ("statements", STATEMENTS_MODEL, 2, {"1": "juist", "2": "onjuist"}, 1, ()),
        ("statements", STATEMENTS_MODEL, 2, {"1": "onjuist", "2": "juist", "3": "juist"}, 0, ()),
        # Matching: per pair (capped at the maximum), or a table.
        ("matching", MATCHING_MODEL, 3, {"a": "3", "b": "1", "c": "2"}, 3, ()),
        ("matching", MATCHING_MODEL, 2, {"a": "3", "b": "1", "c": "2"}, 2, ()),
        ("matching", MATCHING_MODEL, 3, {"a": "3", "b": "2", "c": "1"}, 1, ()),
        ("matching", MATCHING_TABLE, 2, {"a": "3", "b": "1", "c": "4"}, 1, ()),
        ("matching", MATCHING_TABLE, 2, {"a": "4", "b": "4", "c": "4"}, 0, ()),
        # Ordering: all or nothing, or a table on the items in place.
        ("ordering", ORDER, 1, ["C", "A", "D", "B"], 1, ()),
        ("ordering", ORDER, 1, ["C", "A", "B", "D"], 0, ()),
        ("ordering", ORDER_TABLE, 2, ["C", "A", "B", "D"], 1, ()),
        ("ordering", ORDER_TABLE, 2, ["A", "C", "B", "D"], 0, ()),
        # Paragraph number: any accepted number.
        ("paragraph", {"accepted": [3, 4]}, 1, "4", 1, ()),
        ("paragraph", {"accepted": [3]}, 1, "2", 0, ("wrong_paragraph",)),
        # Gap: accepted answers, case and surrounding spaces and quotes ignored.
        ("gap", {"accepted": ["voordringkanalen"]}, 1, " Voordringkanalen ", 1, ()),
        ("gap", {"accepted": ["voordringkanalen"]}, 1, "‘voordringkanalen’", 1, ()),
        ("gap", {"accepted": ["voordringkanalen"]}, 1, "voorrang", 0, ("not_accepted",)),
    ],
)
def test_it_scores_closed_questions_as_the_answer_model_says(
    kind, model, max_points, response, points, feedback
):
    score = score_response(kind=kind, scoring=model, max_points=max_points, response=response)
    assert (score.points, score.feedback) == (points, feedback)
    assert score.max_points == max_points
    assert score.needs_review is False


@pytest.mark.parametrize(
    ("kind", "model", "response", "correct"),
    [
        ("multi", MULTI, ["D", "B"], {"D": True, "B": False}),
        (
            "statements",
            STATEMENTS_MODEL,
            {"1": "juist", "3": "onjuist"},
            {"1": True, "2": False, "3": False},
        ),
        ("matching", MATCHING_MODEL, {"a": "3", "b": "2"}, {"a": True, "b": False, "c": False}),
        ("ordering", ORDER, ["C", "B", "D", "A"], {"C": True, "A": False, "D": True, "B": False}),
    ],
)
def test_it_says_which_parts_were_right(kind, model, response, correct):
    score = score_response(kind=kind, scoring=model, max_points=2, response=response)
    assert score.details["correct"] == correct


def test_options_beyond_the_number_asked_are_listed_as_ignored():
    score = score_response(kind="multi", scoring=MULTI, max_points=2, response=["B", "A", "D"])
    assert score.points == 1
    assert score.details["ignored"] == ["D"]


@pytest.mark.parametrize(
    ("model", "response", "points", "feedback", "cited"),
    [
        ({"mode": "sentence", "spans": [SENTENCE]}, SENTENCE, 1, (), [42, 45]),
        (
            {"mode": "sentence", "spans": [SENTENCE]},
            "hoe meer digitale verbindingen u heeft des te belangrijker vinden bedrijven wat u online meldt",
            1,
            (),
            [42, 45],
        ),
        (
            {"mode": "sentence", "spans": [SENTENCE]},
            "Hoe meer digitale verbindingen u heeft",
            0,
            ("incomplete_quotation",),
            [42, 43],
        ),
        (
            {"mode": "sentence", "spans": [SENTENCE]},
            "Bedrijven letten op mensen met veel volgers.",
            0,
            ("not_in_text",),
            None,
        ),
        (
            {"mode": "first_last", "spans": [SENTENCE]},
            {"first": "Hoe meer", "last": "online meldt."},
            1,
            (),
            [42, 45],
        ),
        (
            {"mode": "first_last", "spans": [SENTENCE]},
            {"first": "Hoe meer", "last": "u heeft"},
            0,
            ("wrong_span",),
            [42, 43],
        ),
    ],
)
def test_it_scores_a_quotation_and_says_which_lines_were_cited(
    model, response, points, feedback, cited
):
    score = score_response(
        kind="citation", scoring=model, max_points=1, response=response, lines=LINES
    )
    assert (score.points, score.feedback) == (points, feedback)
    assert score.details.get("cited_lines") == cited


def test_a_citation_cannot_be_scored_without_the_text():
    with pytest.raises(ValueError):
        score_response(
            kind="citation",
            scoring={"mode": "sentence", "spans": [SENTENCE]},
            max_points=1,
            response="x",
        )


# --- open answers and summaries: proposals ------------------------------------------------


@pytest.mark.parametrize(
    ("response", "points", "elements", "feedback"),
    [
        ("De SVB had een achterstand. Hulpverleners kregen geen geld.", 2, [0, 1], ()),
        # Case and diacritics do not matter; a keyword ending in * matches the word's start.
        ("ACHTERSTAND bij de SVB\nde hulpverlenërs werden niet betaald", 2, [0, 1], ()),
        # Only the first two reasons given count: the third, right one is ignored.
        (
            "1. Ze waren boos. 2. De SVB had een achterstand. 3. Ze werden gebeld.",
            1,
            [0],
            ("extra_reasons_ignored",),
        ),
        (
            "Er was een achterstand; ze werden gebeld; hulpverleners",
            2,
            [0, 2],
            ("extra_reasons_ignored",),
        ),
        # Two reasons in one sentence both count.
        ("Door de achterstand kregen hulpverleners hun geld niet.", 2, [0, 1], ()),
        # A keyword is a whole word: "gebeld" is not found in "gebeldienst".
        ("Het was een gebeldienst.", 0, [], ("no_elements_found",)),
        ("Ik weet het niet.", 0, [], ("no_elements_found",)),
    ],
)
def test_an_open_answer_gets_a_proposal_from_the_first_reasons_given(
    response, points, elements, feedback
):
    score = score_response(kind="open", scoring=OPEN, max_points=2, response=response)
    assert (score.points, score.details["elements"], score.feedback) == (points, elements, feedback)
    assert score.needs_review is True


def test_without_asked_every_element_in_the_answer_counts_up_to_the_maximum():
    model = {**OPEN, "asked": None}
    score = score_response(
        kind="open",
        scoring=model,
        max_points=2,
        response="Achterstand. Gebeld. Hulpverleners.",
    )
    assert score.details["elements"] == [0, 1, 2]
    assert score.points == 2


@pytest.mark.parametrize(
    ("response", "word_limit", "over_limit", "points", "deducted", "feedback"),
    [
        ("Ook de overheid geeft voorrang, de samenleving versplintert.", 40, None, 2, 0, ()),
        # 41-45 words is 1 block of five over the limit, 46-50 two blocks.
        (
            "voorrang versplintering digitaal kapitaal " + words(37),
            40,
            None,
            2,
            1,
            ("over_word_limit",),
        ),
        (
            "voorrang versplintering digitaal kapitaal " + words(42),
            40,
            None,
            1,
            2,
            ("over_word_limit",),
        ),
        ("voorrang versplintering " + words(40), 40, "zero", 0, 2, ("over_word_limit",)),
        ("voorrang " + words(60), 40, None, 0, 1, ("over_word_limit",)),
        ("Niets van dit alles.", 40, None, 0, 0, ("no_elements_found",)),
    ],
)
def test_a_summary_loses_points_over_its_word_limit(
    response, word_limit, over_limit, points, deducted, feedback
):
    model = dict(SUMMARY)
    if over_limit:
        model["over_limit"] = over_limit
    score = score_response(
        kind="summary", scoring=model, max_points=3, response=response, word_limit=word_limit
    )
    assert (score.points, score.details["deducted"], score.feedback) == (points, deducted, feedback)
    assert score.details["words"] == len(response.split())
    assert score.needs_review is True


@pytest.mark.parametrize(
    ("model", "elements", "max_points", "points"),
    [
        (OPEN, [0, 1], 2, 2),
        (OPEN, [2], 2, 1),
        (OPEN, [], 2, 0),
        # Only the first two ticked count when two are asked.
        ({**OPEN, "elements": [{"points": 1}, {"points": 1}, {"points": 3}]}, [0, 1, 2], 5, 2),
        ({**OPEN, "elements": [{"points": 1}, {"points": 1}, {"points": 3}]}, [2, 0], 5, 4),
        # Never above the maximum.
        ({"elements": [{"points": 2}, {"points": 2}]}, [0, 1], 3, 3),
        ({"elements": [{"points": 1}, {"points": 1}]}, [1, 1], 2, 1),
    ],
)
def test_element_points_add_up_the_ticked_elements(model, elements, max_points, points):
    assert element_points(scoring=model, elements=elements, max_points=max_points) == points


@pytest.mark.parametrize("elements", [[3], [-1], ["0"], [True]])
def test_element_points_refuse_an_element_the_model_does_not_have(elements):
    with pytest.raises(ResponseError) as error:
        element_points(scoring=OPEN, elements=elements, max_points=2)
    assert error.value.code == "unknown_element"


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("Ze willen aandacht. Het is gratis.", ["Ze willen aandacht.", "Het is gratis."]),
        ("- aandacht\n- gratis", ["aandacht", "gratis"]),
        ("a) aandacht b) gratis", ["aandacht", "gratis"]),
        ("aandacht; gratis", ["aandacht", "gratis"]),
        ("1) aandacht 2) gratis", ["aandacht", "gratis"]),
        ("Omdat het in 2015 gratis was", ["Omdat het in 2015 gratis was"]),
    ],
)
def test_an_answer_is_split_into_the_reasons_given(text, reasons):
    assert split_reasons(text) == reasons


@pytest.mark.parametrize("kind", KINDS)
def test_points_stay_within_zero_and_the_maximum(kind):
    # A model whose table or elements promise more than the maximum is still capped.
    models = {
        "mc": MC,
        "multi": {**MULTI, "per_correct": 5},
        "statements": {**STATEMENTS_MODEL, "table": {"3": 9, "2": 9, "1": 9, "0": 9}},
        "matching": {**MATCHING_MODEL, "per_pair": 4},
        "ordering": ORDER,
        "paragraph": {"accepted": [3]},
        "citation": {"mode": "sentence", "spans": [SENTENCE]},
        "gap": {"accepted": ["x"]},
        "open": {"elements": [{"points": 5, "keywords": ["x"]}]},
        "summary": {"elements": [{"points": 5, "keywords": ["x"]}]},
        "parts": {
            "parts": [{"label": "a", "prompt": "Noem"}, {"label": "b", "prompt": "Leg uit"}],
            "elements": [{"points": 5, "keywords": ["x"], "part": "a"}],
        },
    }
    right = {
        "mc": "B",
        "multi": ["A", "D"],
        "statements": {"1": "juist"},
        "matching": {"a": "3"},
        "ordering": ["C", "A", "D", "B"],
        "paragraph": "3",
        "citation": SENTENCE,
        "gap": "x",
        "open": "x",
        "summary": "x",
        "parts": {"a": "x"},
    }
    score = score_response(
        kind=kind, scoring=models[kind], max_points=2, response=right[kind], lines=LINES
    )
    assert isinstance(score, Score)
    assert score.points == 2


# --- cleaning a raw response ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "labels", "cleaned"),
    [
        ("mc", " b ", OPTIONS, "B"),
        ("mc", ["B"], OPTIONS, "B"),
        ("mc", ["B", "c"], OPTIONS, ["B", "C"]),
        ("multi", ["C", "a", "C"], OPTIONS, ["C", "A"]),
        ("multi", "A, C", OPTIONS, ["A", "C"]),
        (
            "statements",
            {"1": "Juist", "2": "o", "3": ""},
            STATEMENTS,
            {"1": "juist", "2": "onjuist"},
        ),
        ("matching", {"b": "1", "a": "3", "c": ""}, MATCHING, {"a": "3", "b": "1"}),
        ("ordering", ["c", "a", "d", "b"], ORDERING, ["C", "A", "D", "B"]),
        ("ordering", "CADB", ORDERING, ["C", "A", "D", "B"]),
        ("ordering", "C, A, D, B", ORDERING, ["C", "A", "D", "B"]),
        ("paragraph", "3", {}, "3"),
        ("paragraph", 3, {}, "3"),
        ("paragraph", "alinea 3", {}, "3"),
        ("paragraph", "(3)", {}, "3"),
        ("citation", "  Wie  twittert,\nwordt gehoord. ", {}, "Wie twittert, wordt gehoord."),
        (
            "citation",
            {"first": " Hoe meer ", "last": "online  meldt."},
            {},
            {"first": "Hoe meer", "last": "online meldt."},
        ),
        ("gap", "  voordring kanalen ", {}, "voordring kanalen"),
        ("open", "Reden een.\r\n  Reden   twee. ", {}, "Reden een.\nReden twee."),
        ("summary", "Kort.", {}, "Kort."),
    ],
)
def test_it_stores_a_response_in_one_clean_form(kind, value, labels, cleaned):
    assert clean_response(kind=kind, value=value, labels=labels, paragraph_count=5) == cleaned


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", [None, "", "   ", [], {}, {"1": ""}, ["", ""]])
def test_an_empty_answer_is_unanswered(kind, value):
    assert clean_response(kind=kind, value=value, labels={}, paragraph_count=5) is None


@pytest.mark.parametrize(
    ("kind", "value", "labels", "code"),
    [
        ("mc", "E", OPTIONS, "unknown_option"),
        ("mc", {"x": "A"}, OPTIONS, "invalid_type"),
        ("multi", ["A", "F"], OPTIONS, "unknown_option"),
        ("statements", {"1": "misschien"}, STATEMENTS, "invalid_statement_value"),
        ("statements", {"4": "juist"}, STATEMENTS, "unknown_statement"),
        ("statements", ["juist"], STATEMENTS, "invalid_type"),
        ("matching", {"a": "5"}, MATCHING, "unknown_target"),
        ("matching", {"z": "1"}, MATCHING, "unknown_item"),
        ("ordering", ["C", "A", "D"], ORDERING, "not_a_permutation"),
        ("ordering", ["C", "A", "D", "D"], ORDERING, "not_a_permutation"),
        ("ordering", ["C", "A", "", "B"], ORDERING, "not_a_permutation"),
        ("ordering", ["C", "A", "D", "E"], ORDERING, "unknown_item"),
        ("paragraph", "6", {}, "unknown_paragraph"),
        ("paragraph", "0", {}, "unknown_paragraph"),
        ("paragraph", "drie", {}, "not_a_paragraph_number"),
        ("citation", {"first": "a", "middle": "b"}, {}, "invalid_type"),
        ("citation", 12, {}, "invalid_type"),
        ("open", "x" * 5001, {}, "too_long"),
        ("gap", "x" * 5001, {}, "too_long"),
        ("citation", {"first": "x" * 5001, "last": "y"}, {}, "too_long"),
    ],
)
def test_it_refuses_an_answer_that_cannot_have_been_given(kind, value, labels, code):
    with pytest.raises(ResponseError) as error:
        clean_response(kind=kind, value=value, labels=labels, paragraph_count=5)
    assert error.value.code == code


def test_a_response_error_carries_what_the_message_needs():
    with pytest.raises(ResponseError) as error:
        clean_response(kind="paragraph", value="9", labels={}, paragraph_count=5)
    assert error.value.params == {"number": 9, "count": 5}


def test_a_summary_over_its_word_limit_is_still_stored():
    text = words(80)
    assert clean_response(kind="summary", value=text, labels={}, word_limit=40) == text


@pytest.mark.parametrize("kind", KINDS)
def test_a_cleaned_right_answer_scores_full_marks(kind):
    # What the pupil's form sends, what clean_response stores, and what the scorer reads
    # must agree for every kind.
    raw = {
        "mc": "b",
        "multi": ["d", "a"],
        "statements": {"1": "Juist", "2": "ONJUIST", "3": "j"},
        "matching": {"a": "3", "b": "1", "c": "2"},
        "ordering": "c a d b",
        "paragraph": "alinea 4",
        "citation": f"“{SENTENCE}”",
        "gap": "VOORDRINGKANALEN",
        "open": "1. achterstand\n2. hulpverleners",
        "summary": "voorrang, versplintering, digitaal kapitaal",
        "parts": {"A": " achterstand ", "b": "hulpverleners\r\n"},
    }
    models = {
        "mc": MC,
        "multi": MULTI,
        "statements": STATEMENTS_MODEL,
        "matching": MATCHING_MODEL,
        "ordering": ORDER,
        "paragraph": {"accepted": [4]},
        "citation": {"mode": "sentence", "spans": [SENTENCE]},
        "gap": {"accepted": ["voordringkanalen"]},
        "open": OPEN,
        "summary": SUMMARY,
        "parts": {
            "parts": [{"label": "a", "prompt": "Noem"}, {"label": "b", "prompt": "Leg uit"}],
            "elements": [
                {**OPEN["elements"][0], "part": "a"},
                {**OPEN["elements"][1], "part": "b"},
            ],
        },
    }
    labels = {**OPTIONS, **STATEMENTS, **MATCHING}
    if kind == "ordering":
        labels = ORDERING
    stored = clean_response(
        kind=kind, value=raw[kind], labels=labels, paragraph_count=5, scoring=models[kind]
    )
    max_points = {"matching": 3, "summary": 3, "mc": 1, "paragraph": 1, "citation": 1, "gap": 1}
    expected = max_points.get(kind, 2)
    score = score_response(
        kind=kind,
        scoring=models[kind],
        max_points=expected,
        response=stored,
        lines=LINES,
        word_limit=40,
    )
    assert score.points == expected


# --- checking a question's scoring data --------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "model", "max_points", "labels"),
    [
        ("mc", MC, 1, OPTIONS),
        ("multi", MULTI, 2, OPTIONS),
        ("multi", MULTI_TABLE, 2, OPTIONS),
        ("statements", STATEMENTS_MODEL, 2, STATEMENTS),
        ("matching", MATCHING_MODEL, 3, MATCHING),
        ("matching", MATCHING_TABLE, 2, MATCHING),
        ("ordering", ORDER, 1, ORDERING),
        ("ordering", ORDER_TABLE, 2, ORDERING),
        ("paragraph", {"accepted": [3, 4]}, 1, {}),
        ("citation", {"mode": "sentence", "spans": [SENTENCE]}, 1, {}),
        ("citation", {"mode": "first_last", "spans": [SENTENCE]}, 1, {}),
        ("gap", {"accepted": ["voordringkanalen"]}, 1, {}),
        ("open", OPEN, 2, {}),
        ("summary", SUMMARY, 3, {}),
        ("summary", {**SUMMARY, "over_limit": "zero"}, 3, {}),
    ],
)
def test_sound_scoring_data_has_no_problems(kind, model, max_points, labels):
    problems = check_scoring(
        kind=kind,
        scoring=model,
        max_points=max_points,
        labels=labels,
        paragraph_count=5,
        lines=LINES,
    )
    assert problems == []


@pytest.mark.parametrize(
    ("kind", "model", "max_points", "labels", "code"),
    [
        ("mc", {}, 1, OPTIONS, "no_key"),
        ("mc", {"key": "E"}, 1, OPTIONS, "key_not_option"),
        (
            "mc",
            {"key": "A"},
            1,
            {"option": ["A"]},
            "too_few_options",
        ),
        ("mc", MC, 0, OPTIONS, "bad_max_points"),
        ("mc", MC, 1.5, OPTIONS, "bad_max_points"),
        (
            "multi",
            {"keys": ["A", "E"], "choose": 2},
            2,
            OPTIONS,
            "key_not_options",
        ),
        ("multi", MULTI, 3, OPTIONS, "per_best_not_max"),
        (
            "multi",
            {**MULTI_TABLE, "table": {"2": 2, "1": 1}},
            2,
            OPTIONS,
            "table_missing_count",
        ),
        (
            "statements",
            {**STATEMENTS_MODEL, "table": {"3": 3, "2": 1, "1": 0, "0": 0}},
            2,
            STATEMENTS,
            "table_points_above_max",
        ),
        (
            "statements",
            {**STATEMENTS_MODEL, "table": {"3": 2, "2": 1.5, "1": 0, "0": 0}},
            2,
            STATEMENTS,
            "table_points_not_whole",
        ),
        (
            "statements",
            {**STATEMENTS_MODEL, "table": {"3": 2, "2": 0, "1": 1, "0": 0}},
            2,
            STATEMENTS,
            "table_not_rising",
        ),
        (
            "statements",
            {"answers": {"1": "juist", "2": "onjuist"}, "table": {"3": 2, "2": 1, "1": 0, "0": 0}},
            2,
            STATEMENTS,
            "statement_unanswered",
        ),
        (
            "statements",
            {**STATEMENTS_MODEL, "answers": {"1": "juist", "2": "waar", "3": "juist"}},
            2,
            STATEMENTS,
            "bad_statement_value",
        ),
        (
            "statements",
            {"answers": STATEMENTS_MODEL["answers"]},
            2,
            STATEMENTS,
            "no_table",
        ),
        (
            "matching",
            {"pairs": {"a": "3", "b": "1", "c": "9"}, "per_pair": 1},
            3,
            MATCHING,
            "pair_not_target",
        ),
        (
            "ordering",
            {"order": ["C", "A", "D"]},
            1,
            ORDERING,
            "order_not_arrangement",
        ),
        (
            "paragraph",
            {"accepted": [7]},
            1,
            {},
            "paragraph_missing",
        ),
        ("paragraph", {"accepted": []}, 1, {}, "no_paragraph"),
        (
            "citation",
            {"mode": "sentence", "spans": ["Wie kan bogen op een groot netwerk"]},
            1,
            {},
            "span_not_in_text",
        ),
        (
            "citation",
            {"mode": "quote", "spans": [SENTENCE]},
            1,
            {},
            "bad_citation_mode",
        ),
        ("gap", {"accepted": ["  "]}, 1, {}, "empty_accepted_answer"),
        ("open", {"elements": []}, 1, {}, "no_elements"),
        ("open", OPEN, 3, {}, "elements_too_few_points"),
        (
            "open",
            {"elements": [{"text": "x", "points": 0.5}]},
            1,
            {},
            "element_bad_points",
        ),
        ("open", {"elements": [{"points": 1}]}, 1, {}, "element_no_text"),
        (
            "summary",
            {**SUMMARY, "over_limit": {"per_words": 0}},
            3,
            {},
            "bad_over_limit",
        ),
        ("essay", {}, 1, {}, "unknown_kind"),
    ],
)
def test_broken_scoring_data_is_reported_by_code(kind, model, max_points, labels, code):
    problems = check_scoring(
        kind=kind,
        scoring=model,
        max_points=max_points,
        labels=labels,
        paragraph_count=5,
        lines=LINES,
    )
    assert code in [problem.code for problem in problems]


@pytest.mark.parametrize(
    "module",
    [
        scoring,
        grades,
        citations,
        problems,
        kinds,
        common,
        display,
        elements,
        gap,
        mc,
        multi,
        near_miss,
        paragraph,
        sentences,
        statements,
    ],
)
def test_the_worked_examples_in_the_docstrings_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


# --- statements with another pair of answer words ------------------------------------

WEL_NIET = {
    "values": ["wel", "niet"],
    "answers": {"1": "wel", "2": "niet", "3": "niet"},
    "table": {"3": 2, "2": 1, "1": 0, "0": 0},
}


@pytest.mark.parametrize(
    ("values", "raw", "cleaned"),
    [
        (None, {"1": "Juist", "2": "o"}, {"1": "juist", "2": "onjuist"}),
        (
            ["wel", "niet"],
            {"1": "WEL", "2": "n", "3": " niet "},
            {"1": "wel", "2": "niet", "3": "niet"},
        ),
        (["ja", "nee"], {"1": "j", "3": "Nee"}, {"1": "ja", "3": "nee"}),
        (["eens", "oneens"], {"1": "e", "2": "O"}, {"1": "eens", "2": "oneens"}),
        (["feit", "mening"], {"2": "Mening", "1": "f"}, {"1": "feit", "2": "mening"}),
        # A typed pair is stored as typed; its first letters are shorthand too.
        (["Waar", "Niet waar"], {"1": "waar", "2": "n"}, {"1": "Waar", "2": "Niet waar"}),
    ],
)
def test_statements_clean_the_questions_own_pair(values, raw, cleaned):
    data = {} if values is None else {"values": values}
    assert clean_response(kind="statements", value=raw, labels=STATEMENTS, scoring=data) == cleaned


@pytest.mark.parametrize(
    ("values", "raw"),
    [
        (None, {"1": "wel"}),
        (["wel", "niet"], {"1": "juist"}),
        (["wel", "niet"], {"1": "j"}),
        # Two words that start alike have no shorthand.
        (["waar", "wellicht"], {"1": "w"}),
        (["ja", "nee"], {"1": 1}),
    ],
)
def test_statements_refuse_a_word_outside_the_pair(values, raw):
    data = {} if values is None else {"values": values}
    with pytest.raises(ResponseError) as error:
        clean_response(kind="statements", value=raw, labels=STATEMENTS, scoring=data)
    assert error.value.code == "invalid_statement_value"
    first, second = values or ("juist", "onjuist")
    assert (error.value.params["first"], error.value.params["second"]) == (first, second)


@pytest.mark.parametrize(
    ("response", "points"),
    [
        ({"1": "wel", "2": "niet", "3": "niet"}, 2),
        ({"1": "wel", "2": "niet", "3": "wel"}, 1),
        ({"1": "niet", "2": "wel"}, 0),
        ({"1": "juist", "2": "onjuist", "3": "onjuist"}, 0),
    ],
)
def test_statements_score_with_the_pairs_keys(response, points):
    score = score_response(kind="statements", scoring=WEL_NIET, max_points=2, response=response)
    assert score.points == points


@pytest.mark.parametrize(
    ("values", "answers", "problem"),
    [
        (["wel", "niet"], {"1": "wel", "2": "niet", "3": "wel"}, None),
        (["Waar", "Niet waar"], {"1": "Waar", "2": "Niet waar", "3": "Waar"}, None),
        (
            ["wel", "niet"],
            {"1": "wel", "2": "juist", "3": "wel"},
            ("answer:2", "bad_statement_value"),
        ),
        (["wel"], {"1": "wel", "2": "wel", "3": "wel"}, ("values", "pair_not_two")),
        ("wel/niet", {"1": "wel", "2": "wel", "3": "wel"}, ("values", "pair_not_two")),
        (["", "niet"], {"1": "niet", "2": "niet", "3": "niet"}, ("values:1", "pair_word_empty")),
        (["wel", " "], {"1": "wel", "2": "wel", "3": "wel"}, ("values:2", "pair_word_empty")),
        (["wel", 3], {"1": "wel", "2": "wel", "3": "wel"}, ("values:2", "pair_word_empty")),
        (
            ["wel", "x" * 21],
            {"1": "wel", "2": "wel", "3": "wel"},
            ("values:2", "pair_word_too_long"),
        ),
        (["Wel", "wel"], {"1": "Wel", "2": "wel", "3": "wel"}, ("values:2", "pair_words_same")),
    ],
)
def test_statements_validate_their_pair(values, answers, problem):
    data = {"values": values, "answers": answers, "table": {"3": 2, "2": 1, "1": 0, "0": 0}}
    found = check_scoring(kind="statements", scoring=data, max_points=2, labels=STATEMENTS)
    assert [(p.field, p.code) for p in found] == ([problem] if problem else [])


def test_a_bad_statement_value_names_the_pair_in_its_message():
    data = {**WEL_NIET, "answers": {"1": "wel", "2": "juist", "3": "niet"}}
    found = check_scoring(kind="statements", scoring=data, max_points=2, labels=STATEMENTS)
    with translation.override("en"):
        assert problems.message(found[0]) == (
            "The answer for statement 2 must be wel or niet, not 'juist'."
        )


def test_statements_show_their_pair_to_the_pupil_and_in_the_demo():
    choices = {"statement": [Option("1", "Eerste"), Option("2", "Tweede")]}
    widget = statements.widget(WEL_NIET, choices, {"1": "niet"})
    assert widget["values"] == ["wel", "niet"]
    assert statements.widget({}, choices, None)["values"] == ["juist", "onjuist"]
    wrong, _elements = statements.demo_response(
        WEL_NIET, labels=STATEMENTS, rng=random.Random(1), p=0.0, right=False, paragraph_count=5
    )
    assert wrong == {"1": "niet", "2": "wel", "3": "wel"}
