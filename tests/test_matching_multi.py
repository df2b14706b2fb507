"""Matching with several targets per item ("Geef bij elke persoon aan welke standpunten
..."): cleaning, scoring and checking the data. Table tests, no database.

The rule (docs/question-kinds.md): count = right links - wrong links, never below 0;
the count goes through the score table or earns per_pair points per link.
"""

import pytest

from exam.kinds import matching
from exam.scoring import ResponseError, check_scoring, clean_response, score_response

# Three persons, five opinions A-E: person 1 holds A and C, person 2 holds nothing of
# the list, person 3 holds C and E (C is held twice, B and D by nobody).
LABELS = {"item": ["1", "2", "3"], "target": ["A", "B", "C", "D", "E"]}
PAIRS = {"1": ["A", "C"], "2": [], "3": ["C", "E"]}
PER_LINK = {"pairs": PAIRS, "multiple": True, "per_pair": 1}
TABLE = {
    "pairs": PAIRS,
    "multiple": True,
    "table": {"0": 0, "1": 0, "2": 1, "3": 1, "4": 2},
}


class Posted(dict):
    """Form data as Django's QueryDict gives it: getlist for a repeated name."""

    def getlist(self, key):
        value = self.get(key, [])
        return value if isinstance(value, list) else [value]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"1": ["C", "A"], "3": ["e", "c"]}, {"1": ["A", "C"], "3": ["C", "E"]}),
        ({"1": ["A", "A"]}, {"1": ["A"]}),
        ({"3": "C, E"}, {"3": ["C", "E"]}),  # typed, as a loaded answer may be
        ({"1": "A"}, {"1": ["A"]}),  # one target as a string
        ({"1": [], "2": [""], "3": " "}, None),  # nothing ticked: unanswered
        ({}, None),
        ({"2": ["B"], "1": ["A"]}, {"1": ["A"], "2": ["B"]}),  # in the items' order
        ({"1": ["A", "B", "C", "D", "E"]}, {"1": ["A", "B", "C", "D", "E"]}),
    ],
)
def test_clean_several_targets(value, expected):
    assert clean_response(kind="matching", value=value, labels=LABELS, scoring=PER_LINK) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ({"1": ["F"]}, "unknown_target"),
        ({"4": ["A"]}, "unknown_item"),
        (["A"], "invalid_type"),
        ("1A", "invalid_type"),
        ({"1": [["A"]]}, "invalid_type"),
    ],
)
def test_an_impossible_answer_is_refused(value, code):
    with pytest.raises(ResponseError) as raised:
        clean_response(kind="matching", value=value, labels=LABELS, scoring=PER_LINK)
    assert raised.value.code == code


def test_one_target_per_item_is_cleaned_as_before():
    labels = {"item": ["a", "b"], "target": ["1", "2"]}
    assert clean_response(kind="matching", value={"b": "2", "a": "1"}, labels=labels) == {
        "a": "1",
        "b": "2",
    }
    with pytest.raises(ResponseError):
        clean_response(kind="matching", value={"a": "3"}, labels=labels)


ALL = {item: list(LABELS["target"]) for item in LABELS["item"]}


@pytest.mark.parametrize(
    ("model", "response", "points", "right", "wrong"),
    [
        # All four links, nothing else: full marks.
        (PER_LINK, {"1": ["A", "C"], "3": ["C", "E"]}, 4, 4, 0),
        # One missed: 3.
        (PER_LINK, {"1": ["A", "C"], "3": ["C"]}, 3, 3, 0),
        # One wrong link cancels one right one: 4 - 1 = 3.
        (PER_LINK, {"1": ["A", "C"], "2": ["B"], "3": ["C", "E"]}, 3, 4, 1),
        # Ticking everything: 4 right, 11 wrong: 0, never below.
        (PER_LINK, ALL, 0, 4, 11),
        # Ticking one whole column (C for everybody): 2 right, 1 wrong.
        (PER_LINK, {"1": ["C"], "2": ["C"], "3": ["C"]}, 1, 2, 1),
        # Only wrong links: 0.
        (PER_LINK, {"1": ["B", "D"], "2": ["A"]}, 0, 0, 3),
        # Targets nobody holds (B, D) left unticked is right, and costs nothing.
        (PER_LINK, {"1": ["A"]}, 1, 1, 0),
        # The score table over the count: 4 -> 2, 3 -> 1, 2 -> 1, 1 -> 0, 0 -> 0.
        (TABLE, {"1": ["A", "C"], "3": ["C", "E"]}, 2, 4, 0),
        (TABLE, {"1": ["A", "C"], "3": ["C"]}, 1, 3, 0),
        (TABLE, {"1": ["A", "C"], "2": ["B"], "3": ["C"]}, 1, 3, 1),
        (TABLE, {"1": ["A"], "2": ["B"]}, 0, 1, 1),
        (TABLE, ALL, 0, 4, 11),
    ],
)
def test_score_several_targets(model, response, points, right, wrong):
    max_points = 4 if "per_pair" in model else 2
    score = score_response(kind="matching", scoring=model, max_points=max_points, response=response)
    assert score.points == points
    assert (score.details["right"], score.details["wrong"]) == (right, wrong)
    assert score.details["count"] == max(0, right - wrong)


def test_an_empty_answer_scores_0():
    score = score_response(kind="matching", scoring=PER_LINK, max_points=4, response=None)
    assert score.points == 0
    assert score.feedback == ("unanswered",)


def test_details_say_per_item_which_links_were_right_wrong_and_missed():
    response = {"1": ["A", "B"], "2": ["D"]}
    details = score_response(
        kind="matching", scoring=PER_LINK, max_points=4, response=response
    ).details
    assert details["links"] == {
        "1": {"right": ["A"], "wrong": ["B"], "missed": ["C"]},
        "2": {"right": [], "wrong": ["D"], "missed": []},
        "3": {"right": [], "wrong": [], "missed": ["C", "E"]},
    }
    assert details["correct"] == {"1": False, "2": False, "3": False}
    right = score_response(
        kind="matching", scoring=PER_LINK, max_points=4, response={"1": ["C", "A"]}
    ).details
    # Item 2 (no targets) left empty is right.
    assert right["correct"] == {"1": True, "2": True, "3": False}


def test_a_single_target_answer_stored_before_the_setting_changed_still_scores():
    """Regrading after "several targets" was switched on or off reads the old answers."""
    single = {"pairs": {"1": "A", "2": "B", "3": "C"}, "per_pair": 1}
    labels_answer = {"1": ["A"], "2": ["B", "C"], "3": []}
    score = score_response(kind="matching", scoring=single, max_points=3, response=labels_answer)
    assert score.points == 1  # item 1's one box; two boxes are no single target
    several = score_response(
        kind="matching", scoring=PER_LINK, max_points=4, response={"1": "A", "3": "C"}
    )
    assert several.points == 2


@pytest.mark.parametrize(
    ("model", "max_points", "problems"),
    [
        (PER_LINK, 4, []),
        (TABLE, 2, []),
        # Links per_pair=1: four links are four points, not three.
        (PER_LINK, 3, [("per_pair", "per_best_not_max")]),
        # No link at all: nothing to score.
        ({"pairs": {"1": [], "2": []}, "multiple": True}, 1, [("pairs", "no_links")]),
        ({"pairs": {}, "multiple": True}, 1, [("pairs", "no_links")]),
        # An item left out has no targets (as "2": []).
        ({"pairs": {"1": ["A"]}, "multiple": True}, 1, []),
        (
            {"pairs": {"1": ["A", "F"]}, "multiple": True},
            2,
            [("pair:1", "pair_not_target")],
        ),
        ({"pairs": {"1": ["A", "A"]}, "multiple": True}, 1, [("pair:1", "link_twice")]),
        ({"pairs": {"1": "A"}, "multiple": True}, 1, [("pair:1", "links_not_list")]),
        ({"pairs": {"9": ["A"], "1": ["B"]}, "multiple": True}, 2, [("item:9", "pair_not_item")]),
        ({"pairs": {"1": ["A"]}, "multiple": "yes"}, 1, [("multiple", "multiple_not_bool")]),
        ({"multiple": True}, 1, [("pairs", "no_pairs")]),
        # The table runs 0 up to the number of links (4), rising, the best the maximum.
        (
            {**TABLE, "table": {"0": 0, "1": 0, "2": 1, "3": 1}},
            2,
            [("table:4", "table_missing_count")],
        ),
        (
            {**TABLE, "table": {"0": 0, "1": 0, "2": 1, "3": 1, "4": 2, "5": 2}},
            2,
            [("table", "table_extra_counts")],
        ),
        (
            {**TABLE, "table": {"0": 0, "1": 1, "2": 0, "3": 1, "4": 2}},
            2,
            [("table:2", "table_not_rising")],
        ),
        (
            {**TABLE, "table": {"0": 0, "1": 0, "2": 1, "3": 1, "4": 1}},
            2,
            [("table:4", "table_best_not_max")],
        ),
    ],
)
def test_validate_several_targets(model, max_points, problems):
    found = check_scoring(kind="matching", scoring=model, max_points=max_points, labels=LABELS)
    assert [(p.field, p.code) for p in found] == problems


def test_the_pupil_widget_is_a_grid_for_several_targets_and_selects_for_one():
    from exam.kinds.display import Option

    choices = {
        "item": [Option("1", "Jansen"), Option("2", "De Vries")],
        "target": [Option("A", "voor"), Option("B", "tegen")],
    }
    grid = matching.widget(PER_LINK, choices, {"1": ["A", "B"]})
    assert grid["multiple"] is True
    assert [(row.key, row.values) for row in grid["rows"]] == [("1", ("A", "B")), ("2", ())]
    single = matching.widget({"pairs": {"1": "A"}}, choices, {"1": "B"})
    assert "multiple" not in single
    assert [(row.key, row.value) for row in single["rows"]] == [("1", "B"), ("2", "")]


def test_posted_checkboxes_are_read_per_item():
    posted = Posted({"m-1": ["A", "C"], "m-3": "E", "csrfmiddlewaretoken": "x"})
    assert matching.posted_value(posted, PER_LINK) == {"1": ["A", "C"], "3": ["E"]}
    assert matching.posted_value(Posted({"m-a": "2"}), {"pairs": {}}) == {"a": "2"}


def test_result_rows_list_right_wrong_and_missed_links_with_their_text():
    from exam.kinds.display import Option

    choices = {
        "item": [Option("1", "Jansen"), Option("2", "De Vries"), Option("3", "Bakker")],
        "target": [Option(t, f"standpunt {t}") for t in LABELS["target"]],
    }
    rows = matching.result_rows(PER_LINK, choices, {"1": ["A", "B"]}, {})
    first, second, third = rows
    assert first.right == (("A", "standpunt A"),)
    assert first.wrong == (("B", "standpunt B"),)
    assert first.missed == (("C", "standpunt C"),)
    assert first.is_correct is False
    assert (second.right, second.wrong, second.missed, second.is_correct) == ((), (), (), True)
    assert [label for label, _text in third.missed] == ["C", "E"]
    assert all(row.has_links for row in rows)


def test_an_exam_file_with_numbered_options_and_several_targets_loads_cleanly():
    from exam.exam_data import TextInfo, validate_exam_data

    info = TextInfo(((1, "Wie twittert, wordt gehoord."),), paragraph_count=1)
    persons = [{"role": "item", "label": str(n), "content": f"persoon {n}"} for n in (1, 2, 3)]
    opinions = [{"role": "target", "label": t, "content": f"opvatting {t}"} for t in "ABCDE"]
    data = {
        "title": "T",
        "level": "havo",
        "n_term": "1.0",
        "texts": ["t.txt"],
        "questions": [
            {
                "number": 1,
                "text": 1,
                "kind": "multi",
                "max_points": 2,
                "stem": "Welke twee? Noteer alleen de nummers.",
                "choices": [
                    {"role": "option", "label": str(n), "content": f"optie {n}"}
                    for n in range(1, 8)
                ],
                "scoring": {"keys": ["3", "6"], "choose": 2, "per_correct": 1},
                "model_answer": "3 en 6",
            },
            {
                "number": 2,
                "text": 1,
                "kind": "matching",
                "max_points": 4,
                "stem": "Geef bij elke persoon aan welke standpunten hij verdedigt.",
                "choices": persons + opinions,
                "scoring": PER_LINK,
                "model_answer": "1: A, C; 2: geen; 3: C, E",
            },
        ],
    }
    assert validate_exam_data(data, texts=[info]) == []
    data["questions"][1]["scoring"] = {**PER_LINK, "pairs": {"1": ["A", "F"]}}
    problems = validate_exam_data(data, texts=[info])
    assert len(problems) == 2 and all(p.startswith("question 2:") for p in problems)


@pytest.mark.parametrize(
    ("targets", "paragraphs"),
    [
        ([("1", "alinea 1"), ("2", "alinea 2"), ("3", "Alinea  3")], True),
        ([("1", "alinea 1"), ("2", "alinea 3")], False),  # a target that is not its label
        ([("A", "de neuroloog"), ("B", "de slaaparts")], False),
        ([], False),
    ],
)
def test_targets_that_are_the_texts_paragraphs_are_recognised(targets, paragraphs):
    from exam.kinds.display import Option

    assert matching.are_paragraphs([Option(label, text) for label, text in targets]) is paragraphs


@pytest.mark.django_db
def test_paragraph_targets_are_offered_in_the_selects_without_a_list(
    teacher, seed_text, pupil, pupil_client
):
    """ "Noteer bij elk argument het nummer van de alinea" (a table in the papers import):
    the page does not list "1 alinea 1 ... 5 alinea 5" above the selects."""
    from django.urls import reverse

    from exam import services
    from exam.demo import demo_exam_data
    from exam.loading import create_exam_from_data

    data = demo_exam_data()
    question = {
        "number": 1,
        "text": 1,
        "kind": "matching",
        "stem": "Noteer bij elk argument het nummer van de alinea waarin het staat.",
        "max_points": 2,
        "choices": [
            {"role": "item", "label": "a", "content": "Bedrijven kijken mee."},
            {"role": "item", "label": "b", "content": "Volgers geven voorrang."},
        ]
        + [{"role": "target", "label": str(n), "content": f"alinea {n}"} for n in range(1, 6)],
        "scoring": {"pairs": {"a": "2", "b": "4"}},
        "model_answer": "a 2, b 4",
    }
    exam = create_exam_from_data(
        data={**data, "questions": [question], "contexts": []},
        texts=[seed_text],
        author=teacher,
        publish=True,
        practice_visibility="open",
    )
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    page = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()

    assert 'class="exam-targets' not in page
    assert page.count('<option value="4">alinea 4</option>') == 2
