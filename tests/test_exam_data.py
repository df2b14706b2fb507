"""The demo exam as data, checked against the seed text's booklet; line references."""

import copy
import doctest
import json
from pathlib import Path

import pytest

from exam import exam_data
from exam.citations import find_all
from exam.exam_data import TextInfo, validate_exam_data
from exam.references import find_references, parse_line_ranges
from exam.scoring import KINDS, clean_response, score_response
from texts.parsing import parse_text

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "exam" / "fixtures" / "demo_exam.json"
SAMPLES = ROOT / "texts" / "samples"


@pytest.fixture(scope="module")
def demo():
    return json.loads(DEMO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed(demo):
    return [parse_text((SAMPLES / name).read_text(encoding="utf-8")) for name in demo["texts"]]


@pytest.fixture(scope="module")
def lines(seed):
    return [(line.number, line.plain) for line in seed[0].lines]


def labels_of(question):
    labels = {}
    for choice in question["choices"]:
        labels.setdefault(choice["role"], []).append(choice["label"])
    return labels


# --- the shipped demo exam -----------------------------------------------------------------


def test_the_demo_exam_validates_cleanly_against_the_seed_booklet(demo, seed):
    assert validate_exam_data(demo, texts=seed) == []


def test_the_demo_exam_has_every_question_kind_and_both_citation_modes(demo):
    questions = demo["questions"]
    assert len(questions) >= 12
    assert {q["kind"] for q in questions} == set(KINDS)
    modes = {q["scoring"]["mode"] for q in questions if q["kind"] == "citation"}
    assert modes == {"sentence", "first_last"}
    assert 20 <= sum(q["max_points"] for q in questions) <= 26


def test_every_demo_question_has_a_model_answer_an_explanation_and_answer_lines(demo):
    for question in demo["questions"]:
        assert question["model_answer"].strip(), question["number"]
        assert question["explanation"].strip(), question["number"]
        assert parse_line_ranges(question["answer_lines"]), question["number"]


def test_the_demo_exam_names_the_seed_text_and_its_settings(demo):
    assert demo["title"] == "Laat de brutalen niet voordringen"
    assert demo["level"] == "havo"
    assert demo["n_term"] == "1.0"
    assert demo["texts"] == ["laat-de-brutalen-niet-voordringen.txt"]


def test_the_demo_references_land_on_the_lines_they_mean(demo, lines):
    text = dict(lines)
    stems = {q["number"]: q["stem"] for q in demo["questions"]}
    # "r. 13" quotes "De nood was hoog."; "regel 39" quotes "Deze impact hangt af".

    def line_reference(number):
        (reference,) = [r for r in find_references(stems[number]) if r.kind == "line"]
        return reference

    assert text[line_reference(2).first].startswith("De nood was hoog.")
    assert "Deze impact hangt af" in text[line_reference(5).first]
    kapitalen = line_reference(11)
    assert (kapitalen.first, kapitalen.last) == (84, 91)
    assert "‘kapitalen’" in text[84]
    assert text[85].startswith("kapitaal (schoonheid")


def test_the_demo_citation_targets_stand_within_their_answer_lines(demo, lines):
    for question in demo["questions"]:
        if question["kind"] != "citation":
            continue
        (first, last) = parse_line_ranges(question["answer_lines"])[0]
        for span in question["scoring"]["spans"]:
            (found,) = find_all(span, lines, fuzzy=False)
            assert first <= found.first_line and found.last_line <= last


def right_answer(question):
    """What a pupil who knows the answer model would fill in."""
    model = question["scoring"]
    kind = question["kind"]
    if kind == "mc":
        return model["key"]
    if kind == "multi":
        return model["keys"]
    if kind == "statements":
        return model["answers"]
    if kind == "matching":
        return model["pairs"]
    if kind == "ordering":
        return model["order"]
    if kind == "paragraph":
        return str(model["accepted"][0])
    if kind == "citation" and model["mode"] == "sentence":
        return model["spans"][0]
    if kind == "citation":
        words = model["spans"][0].split()
        return {"first": " ".join(words[:2]), "last": " ".join(words[-2:])}
    if kind == "gap":
        return model["accepted"][0]
    if kind == "summary":
        # The sample summary in the correctievoorschrift.
        return question["model_answer"].split("\n")[1]
    if kind == "parts":
        return {
            part["label"]: " ".join(
                e["keywords"][0] for e in model["elements"] if e["part"] == part["label"]
            )
            for part in model["parts"]
        }
    return "\n".join(element["keywords"][0] for element in model["elements"])


def test_the_answer_model_of_every_demo_question_earns_full_marks(demo, lines):
    for question in demo["questions"]:
        stored = clean_response(
            kind=question["kind"],
            value=right_answer(question),
            labels=labels_of(question),
            paragraph_count=5,
            word_limit=question["word_limit"],
            scoring=question["scoring"],
        )
        score = score_response(
            kind=question["kind"],
            scoring=question["scoring"],
            max_points=question["max_points"],
            response=stored,
            lines=lines,
            word_limit=question["word_limit"],
        )
        assert score.points == question["max_points"], question["number"]


def test_the_sample_summary_keeps_to_its_own_word_limit(demo):
    (summary,) = [q for q in demo["questions"] if q["kind"] == "summary"]
    assert len(right_answer(summary).split()) <= summary["word_limit"]


def test_a_wrong_answer_to_a_demo_question_earns_nothing(demo, lines):
    (first,) = [q for q in demo["questions"] if q["number"] == 1]
    score = score_response(kind="mc", scoring=first["scoring"], max_points=1, response="D")
    assert score.points == 0


# --- broken exam files are reported -------------------------------------------------------


def broken(demo, position, **changes):
    data = copy.deepcopy(demo)
    question = data["questions"][position - 1]
    for key, value in changes.items():
        if value is None and key != "word_limit":
            question.pop(key, None)
        else:
            question[key] = value
    return data


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: broken(d, 2, stem="Lees regel 120. Noem twee oorzaken."),
            "question 2: stem refers to regel 120, but the text has 109 lines",
        ),
        (
            lambda d: broken(d, 1, stem="Welke functie heeft alinea 7?"),
            "question 1: stem refers to alinea 7, but the text has 5 paragraphs",
        ),
        (
            lambda d: broken(d, 7, explanation="Zie regel 100-112."),
            "question 7: explanation refers to regel 100-112, but the text has 109 lines",
        ),
        (
            lambda d: broken(d, 6, stem="Zie regel 45-42."),
            "question 6: stem refers to regel 45-42, which runs backwards",
        ),
        (
            lambda d: broken(d, 13, answer_lines="105-112"),
            "question 13: answer_lines '105-112' is outside lines 1-109 or runs backwards",
        ),
        (
            lambda d: broken(d, 13, answer_lines="regel 85 tot 91"),
            "question 13: answer_lines 'regel 85 tot 91' is not a line range such as 85-91",
        ),
        (
            lambda d: broken(d, 1, scoring={}),
            "question 1: Choose which option is the right answer.",
        ),
        (
            lambda d: broken(d, 1, scoring={"key": "E"}),
            "question 1: The key must be one of the options you filled in (A, B, C, D), not E.",
        ),
        (
            lambda d: broken(d, 1, max_points=0),
            "question 1: maximum points must be a whole number of at least 1, not 0",
        ),
        (
            lambda d: broken(d, 3, max_points=1.5),
            "question 3: maximum points must be a whole number of at least 1, not 1.5",
        ),
        (
            lambda d: broken(d, 13, scoring={"accepted": [6]}),
            "question 13: Paragraph 6 is not in the text: it has 5 paragraphs.",
        ),
        (
            lambda d: broken(
                d, 4, scoring={"mode": "sentence", "spans": ["Wie tweet, wordt gehoord."]}
            ),
            "question 4: “Wie tweet, wordt gehoord.” is not in the text as written.",
        ),
        (lambda d: broken(d, 15, word_limit=None), "question 15: a summary needs a word_limit"),
        (lambda d: broken(d, 2, model_answer=" "), "question 2: has no model answer"),
        (
            lambda d: broken(d, 2, number=3),
            "question 2: is numbered 3; questions must be numbered 1 to 16 in order",
        ),
        (
            lambda d: broken(d, 1, kind="essay"),
            "question 1: kind must be one of mc, multi, statements, matching, ordering, "
            "paragraph, citation, gap, open, summary, parts, not 'essay'",
        ),
        (
            lambda d: broken(
                d,
                1,
                choices=[
                    {"role": "option", "label": "A", "content": "een"},
                    {"role": "option", "label": "A", "content": "twee"},
                ],
            ),
            "question 1: option label 'A' is used twice",
        ),
        (
            lambda d: broken(d, 10, choices=[{"role": "option", "label": "A", "content": "x"}]),
            "question 10: a gap question has no choices of role 'option'",
        ),
        (lambda d: broken(d, 1, points=1), "question 1: unknown field 'points'"),
        (
            lambda d: broken(d, 1, text=2),
            "question 1: text must be a text number from 1 to 1, not 2",
        ),
        (
            lambda d: {**d, "n_term": "2.5"},
            "exam: n_term must be a number from 0.0 to 2.0 with one decimal",
        ),
        (lambda d: {**d, "level": "mavo"}, "exam: level must be one of havo, vwo, vmbo"),
        (lambda d: {**d, "questions": []}, "exam: has no questions"),
    ],
)
def test_a_broken_exam_file_is_reported_with_the_question_number(demo, seed, change, problem):
    assert problem in validate_exam_data(change(demo), texts=seed)


def test_an_exam_checked_against_the_wrong_number_of_texts_is_reported(demo, seed):
    assert "exam: names 1 texts, but 2 were given to check" in validate_exam_data(
        demo, texts=seed * 2
    )


def test_texts_can_be_given_as_plain_lines_and_a_paragraph_count(demo, lines):
    info = {"lines": lines, "paragraph_count": 5}
    assert validate_exam_data(demo, texts=[info]) == []
    assert validate_exam_data(demo, texts=[TextInfo.of(info)]) == []


def test_a_file_that_is_not_an_exam_object_is_reported(seed):
    assert validate_exam_data(["not", "an", "exam"], texts=seed) == [
        "exam: the file must hold one object"
    ]


def test_the_worked_examples_in_the_docstrings_hold():
    result = doctest.testmod(exam_data)
    assert result.attempted > 0
    assert result.failed == 0


def statements_position(demo):
    return next(i for i, q in enumerate(demo["questions"], 1) if q["kind"] == "statements")


def test_a_statements_question_may_name_its_pair_of_words(demo, seed):
    position = statements_position(demo)
    scoring = demo["questions"][position - 1]["scoring"]
    flip = {"juist": "wel", "onjuist": "niet"}
    wel_niet = {
        **scoring,
        "values": ["wel", "niet"],
        "answers": {label: flip[value] for label, value in scoring["answers"].items()},
    }
    assert validate_exam_data(broken(demo, position, scoring=wel_niet), texts=seed) == []
    # The old words are not this question's words.
    old_words = {**scoring, "values": ["wel", "niet"]}
    assert any(
        "must be wel or niet, not 'juist'" in problem
        for problem in validate_exam_data(broken(demo, position, scoring=old_words), texts=seed)
    )
    same = {**wel_niet, "values": ["wel", "Wel"]}
    assert f"question {position}: The two words must differ, not both 'wel'." in (
        validate_exam_data(broken(demo, position, scoring=same), texts=seed)
    )
