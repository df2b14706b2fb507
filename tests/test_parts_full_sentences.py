""" "In volledige zinnen" on an open question in parts (no database): one proposal over
all parts' text, one deduction for the question after the parts' word-limit
deductions, never below 0; the marker's judgement replaces the proposal."""

import pytest

from exam.kinds import parts
from exam.kinds.sentences import answer_text, is_in_full_sentences, sentences_judgement
from exam.problems import Problem
from exam.scoring import score_response, ticked_points

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
    "full_sentences": {"deduct": 1},
}

KEYWORDS = {"a": "achterstand, hulpverleners", "b": "voorrang"}
SENTENCES = {"a": "Hulpverleners hadden een achterstand.", "b": "Ze kregen voorrang."}
# Part a's limit is 5 words: both over it, one in a sentence, one a list.
OVER = "Er was een grote achterstand bij hulpverleners."
OVER_LIST = "achterstand, hulpverleners, geld, tijd, macht, aandacht"


def model(**changes):
    return {**MODEL, **changes}


def score(response, scoring=MODEL, max_points=3):
    return score_response(kind="parts", scoring=scoring, max_points=max_points, response=response)


# --- the proposal: all parts' text together ------------------------------------------


@pytest.mark.parametrize(
    ("response", "proposal"),
    [
        (SENTENCES, True),
        (KEYWORDS, False),
        # A sentence in part a carries part b's one keyword: 3 of 4 words in sentences.
        ({"a": "Ze willen aandacht.", "b": "geld"}, True),
        # One short sentence among many keywords is still a list: 3 of 8 words.
        (
            {"a": "achterstand, hulpverleners, geld, tijd, aandacht", "b": "Ze willen aandacht."},
            False,
        ),
        # Only one part answered: that part is the whole answer.
        ({"b": "Ze kregen voorrang."}, True),
        ({"a": "voorrang"}, False),
    ],
)
def test_the_proposal_judges_the_whole_answer(response, proposal):
    assert is_in_full_sentences(response) is proposal
    # The same as judging the parts' text one after another.
    assert is_in_full_sentences("\n".join(response.values())) is proposal
    assert score(response).details["full_sentences"] is proposal


def test_the_parts_text_is_joined_line_by_line():
    assert answer_text({"a": "een twee", "b": "drie\nvier"}) == "een twee\ndrie\nvier"
    assert answer_text("een open antwoord") == "een open antwoord"
    assert answer_text(None) == answer_text(["a"]) == ""


def test_the_judgement_of_a_stored_answer_in_parts_reads_all_parts():
    # Scored before the question asked for full sentences: the proposal is judged now.
    assert sentences_judgement({}, SENTENCES) == (True, None)
    assert sentences_judgement({"details": {}}, KEYWORDS) == (False, None)
    # The stored proposal and the marker's judgement win.
    assert sentences_judgement({"details": {"full_sentences": True}}, KEYWORDS) == (True, None)
    stored = {"details": {"full_sentences": False}, "teacher_full_sentences": True}
    assert sentences_judgement(stored, KEYWORDS) == (False, True)


# --- the deduction: once, after the parts' deductions, never below 0 -------------------


@pytest.mark.parametrize(
    ("response", "rule", "points", "word_deduction", "sentence_deduction", "feedback"),
    [
        # All three elements in sentences: nothing off.
        (SENTENCES, {"deduct": 1}, 3, 0, 0, ()),
        # All three elements in keywords: one point off for the question, not one per part.
        (KEYWORDS, {"deduct": 1}, 2, 0, 1, ("not_full_sentences",)),
        (KEYWORDS, {"deduct": 2}, 1, 0, 2, ("not_full_sentences",)),
        # Part a over its limit loses its 2 points first; the sentence rule takes b's 1.
        (
            {"a": OVER_LIST, "b": "voorrang"},
            {"deduct": 1},
            0,
            2,
            1,
            ("over_word_limit", "not_full_sentences"),
        ),
        # In sentences, part a over its limit: only the word-limit deduction.
        ({"a": OVER, "b": "Ze kregen voorrang."}, {"deduct": 1}, 1, 2, 0, ("over_word_limit",)),
        # Never below 0: nothing left after part a's deduction and no element in b.
        (
            {"a": OVER_LIST, "b": "geen idee"},
            {"deduct": 1},
            0,
            2,
            0,
            ("over_word_limit", "not_full_sentences"),
        ),
        # A deduction larger than the points left takes only what is left.
        ({"a": "achterstand", "b": "nee"}, {"deduct": 3}, 0, 0, 1, ("not_full_sentences",)),
    ],
)
def test_one_deduction_for_the_question_after_the_parts_deductions(
    response, rule, points, word_deduction, sentence_deduction, feedback
):
    result = score(response, model(full_sentences=rule))
    assert result.points == points
    assert tuple(code for code in result.feedback if code != "no_elements_found") == feedback
    assert result.details["deducted"] == word_deduction
    assert result.details["sentences_deducted"] == sentence_deduction
    rules = parts.length_rules(
        model(full_sentences=rule),
        elements=result.details["elements"],
        response=response,
        max_points=3,
    )
    assert (rules.points, rules.word_deduction, rules.sentence_deduction) == (
        points,
        word_deduction,
        sentence_deduction,
    )


def test_the_maximum_caps_the_parts_before_the_sentence_deduction():
    # Four elements worth 4 for a question worth 3: 3 left, then 1 off.
    four = model(elements=[*MODEL["elements"], {"text": "geld", "keywords": ["geld"], "part": "b"}])
    result = score({"a": "achterstand, hulpverleners", "b": "voorrang, geld"}, four)
    assert (result.points, result.details["sentences_deducted"]) == (2, 1)


def test_without_the_setting_nothing_is_proposed_or_deducted():
    without = {key: value for key, value in MODEL.items() if key != "full_sentences"}
    result = score(KEYWORDS, without)
    assert result.points == 3
    assert "full_sentences" not in result.details
    assert "not_full_sentences" not in result.feedback
    rules = parts.length_rules(without, elements=[0, 1, 2], response=KEYWORDS, max_points=3)
    assert rules.in_full_sentences is None and rules.sentence_deduction == 0


@pytest.mark.parametrize(
    ("judgement", "points"),
    [(None, 2), (False, 2), (True, 3)],  # None: the computer's proposal (no)
)
def test_the_markers_judgement_decides_the_ticked_points(judgement, points):
    ticked = ticked_points(
        kind="parts",
        scoring=MODEL,
        elements=[0, 1, 2],
        max_points=3,
        response=KEYWORDS,
        in_full_sentences=judgement,
    )
    assert ticked == points
    # A marker who says "not in sentences" to an answer in sentences takes the point.
    assert (
        parts.marked_points(
            MODEL, elements=[0, 1, 2], response=SENTENCES, max_points=3, in_full_sentences=False
        )
        == 2
    )


# --- checking the rule's shape ---------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "problems"),
    [
        ({"deduct": 1}, []),
        ({"deduct": 2}, []),
        ({}, []),  # the default deduction is 1
        ({"deduct": 0}, [Problem("full_sentences", "bad_full_sentences")]),
        ({"deduct": "1"}, [Problem("full_sentences", "bad_full_sentences")]),
        ({"points": 1}, [Problem("full_sentences", "bad_full_sentences")]),
        (True, [Problem("full_sentences", "bad_full_sentences")]),
    ],
)
def test_the_rule_is_checked_as_for_open_answers(rule, problems):
    assert parts.validate(model(full_sentences=rule), max_points=3) == problems
