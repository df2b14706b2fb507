"""Labels as the exam prints them: letters or numbers ("Noteer alleen de nummers").

Table tests of the pure parts: the label styles, the kinds' relabelling of their scoring
data (by position: B becomes 2), typed orders, and cleaning and scoring answers given
with numbered labels. No database.
"""

import copy

import pytest

from exam.authoring.forms.questions.choices import order_labels
from exam.kinds import matching, mc, multi, ordering
from exam.kinds.common import (
    LOWER,
    NUMBER,
    UPPER,
    label_mapping,
    relabel_value,
    style_labels,
    style_of,
)
from exam.scoring import ResponseError, check_scoring, clean_response, score_response

NUMBERS = [str(n) for n in range(1, 27)]
LETTERS = [chr(ord("A") + n) for n in range(26)]


@pytest.mark.parametrize(
    ("style", "count", "labels"),
    [
        (UPPER, 4, ["A", "B", "C", "D"]),
        (LOWER, 3, ["a", "b", "c"]),
        (NUMBER, 3, ["1", "2", "3"]),
        (NUMBER, 12, NUMBERS[:12]),
        (UPPER, 26, LETTERS),
        (NUMBER, 30, NUMBERS),  # never beyond 26 rows
        (UPPER, 0, []),
    ],
)
def test_style_labels(style, count, labels):
    assert style_labels(style, count) == labels


@pytest.mark.parametrize(
    ("labels", "style"),
    [
        (["A", "B", "C"], UPPER),
        (["a", "b"], LOWER),
        (["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], NUMBER),
        ([], UPPER),
        (["1", "3"], UPPER),  # a gap: no one style, the default
        (["A", "2"], UPPER),
        (["B", "A"], UPPER),  # out of order (a hand-made file): the default
    ],
)
def test_style_of(labels, style):
    assert style_of(labels) == style


def test_style_of_uses_the_given_default():
    assert style_of([], default=NUMBER) == NUMBER


@pytest.mark.parametrize(
    ("value", "mapping", "expected"),
    [
        ("B", {"A": "1", "B": "2"}, "2"),
        (["D", "A"], {"A": "1", "D": "4"}, ["4", "1"]),
        ("X", {"A": "1"}, "X"),  # unknown: left for validate to report
        ("", {"A": "1"}, ""),
        (None, {"A": "1"}, None),
        ([], {"A": "1"}, []),
    ],
)
def test_relabel_value(value, mapping, expected):
    assert relabel_value(value, mapping) == expected


LETTERS_TO_NUMBERS = label_mapping(LETTERS, NUMBERS)
NUMBERS_TO_LETTERS = label_mapping(NUMBERS, LETTERS)
LOWER_TO_NUMBERS = label_mapping([c.lower() for c in LETTERS], NUMBERS)


@pytest.mark.parametrize(
    ("kind", "scoring", "mapping", "expected"),
    [
        (mc, {"key": "B"}, {"option": LETTERS_TO_NUMBERS}, {"key": "2"}),
        (mc, {"key": "12"}, {"option": NUMBERS_TO_LETTERS}, {"key": "L"}),
        (mc, {}, {"option": LETTERS_TO_NUMBERS}, {}),
        (
            multi,
            {"keys": ["A", "G"], "choose": 2, "per_correct": 1},
            {"option": LETTERS_TO_NUMBERS},
            {"keys": ["1", "7"], "choose": 2, "per_correct": 1},
        ),
        (
            multi,
            {"keys": ["2", "5"], "choose": 2, "table": {"0": 0, "1": 1, "2": 2}},
            {"option": NUMBERS_TO_LETTERS},
            {"keys": ["B", "E"], "choose": 2, "table": {"0": 0, "1": 1, "2": 2}},
        ),
        (
            ordering,
            {"order": ["C", "A", "D", "B"]},
            {"item": LETTERS_TO_NUMBERS},
            {"order": ["3", "1", "4", "2"]},
        ),
        (
            matching,
            {"pairs": {"a": "3", "b": "1"}, "per_pair": 1},
            {"item": LOWER_TO_NUMBERS, "target": NUMBERS_TO_LETTERS},
            {"pairs": {"1": "C", "2": "A"}, "per_pair": 1},
        ),
        (
            matching,
            {"pairs": {"1": ["A", "C"], "2": []}, "multiple": True},
            {"item": label_mapping(NUMBERS, LETTERS), "target": label_mapping(LETTERS, NUMBERS)},
            {"pairs": {"A": ["1", "3"], "B": []}, "multiple": True},
        ),
        # Only the items relabelled: the targets stay.
        (
            matching,
            {"pairs": {"a": "2"}},
            {"item": LOWER_TO_NUMBERS},
            {"pairs": {"1": "2"}},
        ),
    ],
)
def test_a_kind_relabels_its_scoring_data_by_position(kind, scoring, mapping, expected):
    before = copy.deepcopy(scoring)
    assert kind.relabel(scoring, mapping) == expected
    assert scoring == before  # a new dict: the input is left as it was


@pytest.mark.parametrize(
    ("kind", "scoring", "labels"),
    [
        ("mc", {"key": "C"}, {"option": ["A", "B", "C", "D"]}),
        ("multi", {"keys": ["A", "D"], "choose": 2}, {"option": LETTERS[:7]}),
        ("ordering", {"order": ["B", "C", "A"]}, {"item": ["A", "B", "C"]}),
        (
            "matching",
            {"pairs": {"a": ["1", "2"], "b": []}, "multiple": True, "per_pair": 1},
            {"item": ["a", "b"], "target": ["1", "2", "3"]},
        ),
    ],
)
def test_relabelled_data_is_as_valid_as_before_and_scores_the_same(kind, scoring, labels):
    """Relabelling is a renaming: the question and its answers mean the same."""
    module = {"mc": mc, "multi": multi, "ordering": ordering, "matching": matching}[kind]
    mapping = {
        role: label_mapping(found, style_labels(NUMBER if role != "target" else UPPER, 26))
        for role, found in labels.items()
    }
    new_labels = {role: [mapping[role][label] for label in found] for role, found in labels.items()}
    max_points = {"mc": 1, "multi": 2, "ordering": 1, "matching": 2}[kind]
    relabelled = module.relabel(scoring, mapping)
    assert check_scoring(kind=kind, scoring=scoring, max_points=max_points, labels=labels) == []
    assert (
        check_scoring(kind=kind, scoring=relabelled, max_points=max_points, labels=new_labels) == []
    )


@pytest.mark.parametrize(
    ("text", "style", "count", "order"),
    [
        ("C A B D", UPPER, 4, ["C", "A", "B", "D"]),
        ("cabd", UPPER, 4, ["C", "A", "B", "D"]),
        ("3 1 2 4", NUMBER, 4, ["3", "1", "2", "4"]),
        ("3, 1, 2, 4", NUMBER, 4, ["3", "1", "2", "4"]),
        ("3124", NUMBER, 4, ["3", "1", "2", "4"]),
        ("10 2 1", NUMBER, 10, ["10", "2", "1"]),
        ("3124", NUMBER, 12, ["3124"]),  # more than nine items: numbers need spaces
        ("", NUMBER, 4, []),
        ("C A", NUMBER, 4, []),  # letters typed for numbers: nothing (validate says so)
    ],
)
def test_a_typed_order_is_read_in_the_questions_style(text, style, count, order):
    assert order_labels(text, style, count) == order


NUMBERED_OPTIONS = {"option": NUMBERS[:8]}


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("mc", "3", "3"),
        ("mc", " 7 ", "7"),
        ("multi", ["7", "2", "7"], ["7", "2"]),
        ("multi", "2, 8", ["2", "8"]),
        ("multi", ["1", "2", "3", "4", "5", "6", "7", "8"], NUMBERS[:8]),
    ],
)
def test_numbered_options_are_cleaned(kind, value, expected):
    assert clean_response(kind=kind, value=value, labels=NUMBERED_OPTIONS) == expected


@pytest.mark.parametrize(("kind", "value"), [("mc", "9"), ("mc", "A"), ("multi", ["1", "B"])])
def test_a_label_the_question_does_not_have_is_refused(kind, value):
    with pytest.raises(ResponseError) as raised:
        clean_response(kind=kind, value=value, labels=NUMBERED_OPTIONS)
    assert raised.value.code == "unknown_option"


@pytest.mark.parametrize(
    ("response", "points", "ignored"),
    [
        (["2", "7", "5"], 3, []),
        (["7", "5", "2"], 3, []),
        (["2", "7", "1"], 2, []),
        (["1", "3", "4"], 0, []),
        # Choose three of eight: only the first three count (CvTE).
        (["1", "3", "4", "2", "5", "7"], 0, ["2", "5", "7"]),
        (["2", "5", "3", "7"], 2, ["7"]),
    ],
)
def test_a_numbered_multiple_response_of_eight_options_choose_three(response, points, ignored):
    model = {"keys": ["2", "5", "7"], "choose": 3, "per_correct": 1}
    assert check_scoring(kind="multi", scoring=model, max_points=3, labels=NUMBERED_OPTIONS) == []
    score = score_response(kind="multi", scoring=model, max_points=3, response=response)
    assert score.points == points
    assert score.details.get("ignored", []) == ignored


def test_a_numbered_ordering_scores_all_or_nothing():
    model = {"order": ["3", "1", "4", "2"]}
    labels = {"item": ["1", "2", "3", "4"]}
    assert clean_response(kind="ordering", value="3 1 4 2", labels=labels) == model["order"]
    assert (
        score_response(kind="ordering", scoring=model, max_points=2, response=model["order"]).points
        == 2
    )
    wrong = ["1", "3", "4", "2"]
    assert score_response(kind="ordering", scoring=model, max_points=2, response=wrong).points == 0
