"""'Geef antwoord in een of meer volledige zinnen': the computer's proposal and its
deduction (CvTE: 1 point, never below 0), alone and with the word limit.

Pure: exam/kinds/elements.py and the scorers, no database.
"""

from __future__ import annotations

import pytest

from exam.kinds.elements import apply_length_rules, marked_points
from exam.kinds.sentences import is_in_full_sentences, is_sentence, sentences_deduction
from exam.scoring import score_response

# Answers as pupils write them to "Waarom krijgen sommige mensen voorrang? Geef antwoord
# in een volledige zin." and similar questions.
IN_SENTENCES = [
    "Mensen met veel volgers krijgen eerder hulp van bedrijven.",
    "Ze willen aandacht.",
    "De schrijver vindt dat de overheid moet ingrijpen.",
    "Bedrijven zijn bang voor slechte reclame op sociale media.",
    "ze verliezen hun geduld en klagen online",  # no capital: a spelling slip only
    "Omdat ze veel volgers hebben, krijgen ze voorrang.",
    "Daardoor krijgen ze sneller antwoord.",
    "1. Influencers worden sneller geholpen.\n2. Gewone klanten moeten wachten.",
    "- Bedrijven helpen wie veel volgers heeft.\n- Anderen wachten langer.",
    "De samenleving versplintert. Voorrang, volgers.",  # mostly a sentence
    "Hij verwacht dat de klantenservice verdwijnt.",
]
NOT_IN_SENTENCES = [
    "voorrang",
    "voorrang, volgers, geld",
    "snellere hulp voor mensen met veel volgers",
    "Omdat ze veel volgers hebben.",  # a lone subordinate clause
    "Doordat bedrijven bang zijn voor hun imago.",
    "- voorrang\n- veel volgers\n- slechte reclame",
    "1. aandacht\n2. geld\n3. macht",
    "het internet, sociale media, beroemde mensen",
    "Voorrang. Volgers. Geld.",
    "Imago; reclame; klantenservice; wachttijd. Bedrijven letten op.",
    "",
]


@pytest.mark.parametrize("text", IN_SENTENCES)
def test_the_computer_proposes_full_sentences_for(text):
    assert is_in_full_sentences(text) is True


@pytest.mark.parametrize("text", NOT_IN_SENTENCES)
def test_the_computer_proposes_no_full_sentences_for(text):
    assert is_in_full_sentences(text) is False


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("Ze willen aandacht.", True),
        ("Ze willen.", False),  # fewer than three words
        ("Veel meer aandacht.", False),  # no verb
        ("Hulp gaat voor.", True),
        ("Als je veel volgers hebt.", False),
        ("Als je veel volgers hebt, word je sneller geholpen.", True),
    ],
)
def test_one_part_is_a_sentence_with_a_finite_verb(part, expected):
    assert is_sentence(part) is expected


@pytest.mark.parametrize(
    ("rule", "in_sentences", "points", "deducted"),
    [
        (None, False, 2, 0),
        ({"deduct": 1}, True, 2, 0),
        ({"deduct": 1}, False, 2, 1),
        ({}, False, 2, 1),  # the default deduction is 1 point
        ({"deduct": 2}, False, 3, 2),
        ({"deduct": 2}, False, 1, 1),  # never below 0
        ({"deduct": 1}, False, 0, 0),
    ],
)
def test_not_writing_full_sentences_costs_the_questions_deduction(
    rule, in_sentences, points, deducted
):
    scoring = {"full_sentences": rule} if rule is not None else {}
    assert sentences_deduction(scoring, in_full_sentences=in_sentences, points=points) == deducted


MODEL = {
    "elements": [
        {"text": "voorrang", "points": 1, "keywords": ["voorrang"]},
        {"text": "volgers", "points": 1, "keywords": ["volgers"]},
    ],
    "full_sentences": {"deduct": 1},
}


@pytest.mark.parametrize("kind", ["open", "summary"])
@pytest.mark.parametrize(
    ("response", "points", "proposal", "deducted", "feedback"),
    [
        ("Mensen met veel volgers krijgen voorrang.", 2, True, 0, ()),
        ("voorrang, volgers", 1, False, 1, ("not_full_sentences",)),
        ("volgers", 0, False, 1, ("not_full_sentences",)),  # 1 point, minus 1
        # Never below 0: nothing to deduct from.
        ("geen idee", 0, False, 0, ("no_elements_found", "not_full_sentences")),
    ],
)
def test_the_automatic_score_applies_the_proposal_and_flags_it(
    kind, response, points, proposal, deducted, feedback
):
    score = score_response(kind=kind, scoring=MODEL, max_points=2, response=response)
    assert score.points == points
    assert score.feedback == feedback
    assert score.details["full_sentences"] is proposal
    assert score.details["sentences_deducted"] == deducted


def test_without_the_setting_nothing_is_proposed_or_deducted():
    model = {key: value for key, value in MODEL.items() if key != "full_sentences"}
    score = score_response(kind="open", scoring=model, max_points=2, response="voorrang, volgers")
    assert score.points == 2
    assert "full_sentences" not in score.details
    assert "not_full_sentences" not in score.feedback


@pytest.mark.parametrize(
    ("over_limit", "words_over", "sentence_rule", "in_sentences", "points", "word_d", "sent_d"),
    [
        # Both rules together: the word limit first, then full sentences, never below 0.
        ({"deduct": 1}, True, {"deduct": 1}, False, 1, 1, 1),
        ({"deduct": 1}, False, {"deduct": 1}, False, 2, 0, 1),
        ({"deduct": 1}, True, {"deduct": 1}, True, 2, 1, 0),
        ({"deduct": 2}, True, {"deduct": 1}, False, 0, 2, 1),
        ({"deduct": 3}, True, {"deduct": 1}, False, 0, 3, 0),  # nothing left to deduct
        ("zero", True, {"deduct": 1}, False, 0, 3, 0),
        ({"per_words": 5, "deduct": 1}, True, {"deduct": 2}, False, 0, 1, 2),
    ],
)
def test_both_deductions_together_never_go_below_zero(
    over_limit, words_over, sentence_rule, in_sentences, points, word_d, sent_d
):
    scoring = {"over_limit": over_limit, "full_sentences": sentence_rule}
    response = "voorrang volgers geld macht" + (" en" if words_over else "")
    rules = apply_length_rules(
        scoring, response=response, word_limit=4, points=3, in_full_sentences=in_sentences
    )
    assert (rules.points, rules.word_deduction, rules.sentence_deduction) == (
        points,
        word_d,
        sent_d,
    )
    assert rules.deducted == 3 - points


def test_the_markers_judgement_overrides_the_proposal():
    keywords = "voorrang, volgers"
    assert is_in_full_sentences(keywords) is False
    proposal = marked_points(
        MODEL, elements=[0, 1], max_points=2, response=keywords, word_limit=None
    )
    flipped = marked_points(
        MODEL,
        elements=[0, 1],
        max_points=2,
        response=keywords,
        word_limit=None,
        in_full_sentences=True,
    )
    assert (proposal.points, proposal.in_full_sentences) == (1, False)
    assert (flipped.points, flipped.in_full_sentences) == (2, True)
    assert flipped.feedback == ()
