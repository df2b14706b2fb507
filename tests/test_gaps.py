"""Gap questions, pure: cleaning, scoring, checking and near misses (no database)."""

import pytest

from exam.kinds import gap, near_miss
from exam.kinds.common import ResponseError
from exam.scoring import check_scoring, clean_response, score_response, ticked_points

THREE = {
    "gaps": [
        {"accepted": ["wachtrij", "rij"]},
        {"accepted": ["voordringkanalen"]},
        {"accepted": ["voorrang"]},
    ],
    "per_gap": 1,
}
TABLE = {**THREE, "table": {"0": 0, "1": 0, "2": 1, "3": 2}}
TABLE.pop("per_gap")
SINGLE = {"accepted": ["voordringkanalen"]}


# --- near misses, both ways


@pytest.mark.parametrize(
    ("given", "accepted", "near"),
    [
        # Inflection: another Dutch ending, with the spelling changes it brings.
        ("voordringkanaal", "voordringkanalen", True),
        ("voordringkanalen", "voordringkanaal", True),
        ("bus", "bussen", True),
        ("huis", "huizen", True),
        ("brief", "brieven", True),
        ("groot", "grote", True),
        ("wordt", "worden", True),
        ("auto", "auto's", True),
        ("gebeurde", "gebeurt", True),
        # Typos: 1 in up to 6 letters, 2 in longer answers.
        ("voordrinkganalen", "voordringkanalen", True),  # two neighbours swapped
        ("voordringkanalne", "voordringkanalen", True),
        ("voodringkanalem", "voordringkanalen", True),  # two typos, long word
        ("wachtrij", "wachtrijj", True),
        ("rij", "rijk", True),
        ("lijst", "lijsr", True),
        # Not near: other words, too many typos, the same answer.
        ("voorrang", "voordringkanalen", False),
        ("lijst", "lust", False),  # two typos in a short word
        ("vodrinkanalem", "voordringkanalen", False),  # four typos
        ("huisje", "huizen", False),
        ("kanalen", "kanalen", False),
        ("", "kanalen", False),
        ("de", "het", False),
    ],
)
def test_a_near_miss_is_a_small_typo_or_another_inflection(given, accepted, near):
    assert near_miss.is_near(near_miss.normalise(given), near_miss.normalise(accepted)) is near
    assert (near_miss.nearest_accepted(given, [accepted]) == accepted) is near


def test_the_nearest_accepted_answer_is_the_closest_one_as_written():
    assert near_miss.nearest_accepted("Kanaal.", ["kanalen", "Kanaal!"]) is None  # accepted
    assert near_miss.nearest_accepted("kanaaltje", ["kanalen"]) is None
    assert near_miss.nearest_accepted("voordringkanaal", ["Voordringkanalen", "kanalen"]) == (
        "Voordringkanalen"
    )
    assert near_miss.nearest_accepted("rijk", ["rijen", "rij"]) == "rij"


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("", "", 0), ("kat", "kat", 0), ("kat", "akt", 1), ("kat", "kast", 1), ("kat", "", 3)],
)
def test_edit_distance_counts_swaps_as_one(a, b, distance):
    assert near_miss.edit_distance(a, b) == distance


# --- cleaning: nothing the pupil typed is dropped


@pytest.mark.parametrize(
    ("scoring", "value", "stored"),
    [
        (SINGLE, "  voordring   kanalen ", "voordring kanalen"),
        (SINGLE, ["kanalen"], "kanalen"),
        (THREE, ["rij", " voordring  kanalen", ""], ["rij", "voordring kanalen", ""]),
        (THREE, ["rij"], ["rij", "", ""]),
        (THREE, {"3": "voorrang", "1": " rij "}, ["rij", "", "voorrang"]),
        (THREE, {"1": "", "2": "x", "3": None}, ["", "x", ""]),
        (THREE, ["rij", "a", "b", ""], ["rij", "a", "b"]),
        (THREE, ["", "", ""], None),
        (THREE, {"1": " ", "2": ""}, None),
    ],
)
def test_clean_keeps_every_gap_in_its_place(scoring, value, stored):
    assert clean_response(kind="gap", value=value, labels={}, scoring=scoring) == stored


@pytest.mark.parametrize(
    ("scoring", "value", "code"),
    [
        (THREE, {"4": "rij"}, "unknown_gap"),
        (THREE, {"x": "rij"}, "unknown_gap"),
        (THREE, ["a", "b", "c", "d"], "unknown_gap"),
        (THREE, "rij", "invalid_type"),
        (THREE, ["a", 3, "c"], "invalid_type"),
        (THREE, ["a", "x" * 5001, "c"], "too_long"),
        (SINGLE, ["a", "b"], "invalid_type"),
        (SINGLE, {"1": "a"}, "invalid_type"),
    ],
)
def test_clean_refuses_what_the_form_cannot_send(scoring, value, code):
    with pytest.raises(ResponseError) as error:
        clean_response(kind="gap", value=value, labels={}, scoring=scoring)
    assert error.value.code == code


# --- scoring


@pytest.mark.parametrize(
    ("scoring", "max_points", "response", "points", "review", "near"),
    [
        # One gap, final (stored data without "review"): as before.
        (SINGLE, 1, "Voordringkanalen", 1, [], {}),
        (SINGLE, 1, "voorrang", 0, [], {}),
        # A near miss goes to the marker whatever the setting.
        (SINGLE, 1, "voordringkanaal", 0, ["1"], {"1": "voordringkanalen"}),
        ({**SINGLE, "review": "marker"}, 1, "voorrang", 0, ["1"], {}),
        ({**SINGLE, "review": "marker"}, 1, "voordringkanalen", 1, [], {}),
        # Several gaps, a point per right gap.
        (THREE, 3, ["rij", "voordringkanalen", "voorrang"], 3, [], {}),
        (THREE, 3, ["RIJ", "", "iets"], 1, [], {}),
        (THREE, 3, ["rij", "voordringkanaal", "iets"], 1, ["2"], {"2": "voordringkanalen"}),
        (
            {**THREE, "review": "marker"},
            3,
            ["rij", "voordringkanaal", "iets"],
            1,
            ["2", "3"],
            {"2": "voordringkanalen"},
        ),
        # An empty gap is nothing to look at.
        ({**THREE, "review": "marker"}, 3, ["rij", "", ""], 1, [], {}),
        # A score table over the right gaps.
        (TABLE, 2, ["rij", "voordringkanalen", "x"], 1, [], {}),
        (TABLE, 2, ["rij", "x", "y"], 0, [], {}),
        (TABLE, 2, ["rij", "voordringkanalen", "voorrang"], 2, [], {}),
    ],
)
def test_score_counts_the_accepted_gaps_and_sends_the_rest_to_the_marker(
    scoring, max_points, response, points, review, near
):
    score = score_response(kind="gap", scoring=scoring, max_points=max_points, response=response)
    assert score.points == points
    assert score.needs_review is bool(review)
    assert score.details["review"] == review
    assert score.details["near"] == near
    assert ("to_marker" in score.feedback) is bool(review)


def test_the_marker_ticks_start_from_the_accepted_gaps():
    score = score_response(
        kind="gap", scoring=THREE, max_points=3, response=["x", "voordringkanalen", "voorrang"]
    )
    assert score.details["elements"] == [1, 2]
    assert score.details["correct"] == {"1": False, "2": True, "3": True}


@pytest.mark.parametrize(
    ("scoring", "max_points", "ticked", "points"),
    [
        (THREE, 3, [], 0),
        (THREE, 3, [0, 2], 2),
        (THREE, 3, [0, 0, 1, 2], 3),
        (TABLE, 2, [1], 0),
        (TABLE, 2, [0, 1], 1),
        (TABLE, 2, [0, 1, 2], 2),
        (SINGLE, 1, [0], 1),
        (SINGLE, 2, [], 0),
    ],
)
def test_ticked_gaps_earn_their_points(scoring, max_points, ticked, points):
    assert (
        ticked_points(kind="gap", scoring=scoring, elements=ticked, max_points=max_points) == points
    )


@pytest.mark.parametrize("ticked", [[3], [-1], ["1"], [True]])
def test_a_gap_the_question_does_not_have_cannot_be_ticked(ticked):
    with pytest.raises(ResponseError):
        ticked_points(kind="gap", scoring=THREE, elements=ticked, max_points=3)


def test_the_marker_sees_each_gap_with_its_accepted_answers():
    assert gap.marking_elements(THREE) == [
        {"index": 0, "text": "1: wachtrij / rij", "points": 1},
        {"index": 1, "text": "2: voordringkanalen", "points": 1},
        {"index": 2, "text": "3: voorrang", "points": 1},
    ]
    assert [e["points"] for e in gap.marking_elements(TABLE)] == [None, None, None]


# --- checking the scoring data


@pytest.mark.parametrize(
    ("scoring", "max_points", "problems"),
    [
        (SINGLE, 1, []),
        ({**SINGLE, "review": "marker"}, 1, []),
        ({**SINGLE, "review": "maybe"}, 1, [("review", "bad_review_mode")]),
        ({"accepted": []}, 1, [("accepted", "no_accepted_answer")]),
        (THREE, 3, []),
        (TABLE, 2, []),
        ({**THREE, "review": "final"}, 3, []),
        (THREE, 2, [("per_gap", "per_best_not_max")]),
        ({"gaps": [{"accepted": ["a"]}]}, 1, [("gaps", "too_few_gaps")]),
        ({"gaps": [{"accepted": ["a"]}] * 27}, 27, [("gaps", "too_many_gaps")]),
        (
            {"gaps": [{"accepted": ["a"]}, {"accepted": []}, {"accepted": [" "]}]},
            3,
            [("gap:2", "no_accepted_answer_in_gap"), ("gap:3", "empty_accepted_answer_in_gap")],
        ),
        ({"gaps": [{"accepted": ["a"]}, "b"]}, 2, [("gap:2", "no_accepted_answer_in_gap")]),
        (
            {**TABLE, "table": {"0": 0, "1": 1, "2": 0, "3": 2}},
            2,
            [("table:2", "table_not_rising")],
        ),
    ],
)
def test_validate_names_the_gap_or_row_to_fix(scoring, max_points, problems):
    found = check_scoring(kind="gap", scoring=scoring, max_points=max_points, labels={})
    assert [(p.field, p.code) for p in found] == problems


# --- the pupil's widget and the result rows


def test_the_widget_has_one_field_per_gap_with_the_saved_words():
    rows = gap.widget(THREE, {}, ["rij", "", "voorrang"])["rows"]
    assert [(r.key, r.value) for r in rows] == [("1", "rij"), ("2", ""), ("3", "voorrang")]
    assert gap.widget(SINGLE, {}, "kanalen") == {"value": "kanalen"}


def test_the_posted_fields_are_read_by_gap_number():
    assert gap.gap_posted_value({"g-1": "a", "g-3": "c", "revision": "2"}, THREE) == {
        "1": "a",
        "3": "c",
    }
    assert gap.gap_posted_value({"value": "a"}, SINGLE) == "a"


def test_result_rows_show_each_gap_right_wrong_or_waiting():
    response = ["rij", "voordringkanaal", "iets"]
    score = score_response(kind="gap", scoring=THREE, max_points=3, response=response)
    rows = gap.result_rows(THREE, {}, response, score.details)
    assert [(r.key, r.given, r.is_correct, r.expected) for r in rows] == [
        ("1", "rij", True, "wachtrij / rij"),
        ("2", "voordringkanaal", None, "voordringkanalen"),
        ("3", "iets", False, "voorrang"),
    ]
    assert rows[1].given_content == "voordringkanalen"
    assert gap.result_rows(SINGLE, {}, "x", {}) == []
    assert gap.accepted(THREE) == [] and gap.accepted(SINGLE) == ["voordringkanalen"]
