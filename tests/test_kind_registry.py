"""The question-kind registry: every kind provides every part, in one module.

A new kind that forgets a part (a widget template, a demo response, a hint) fails here,
not on a pupil's page. The demo exam has every kind, so it is the sample data.
"""

import ast
import json
import random
from pathlib import Path

import pytest
from django.template.loader import get_template
from django.utils import translation

from exam import kinds, scoring
from exam.kinds import statements
from exam.kinds.display import Option
from exam.models import Choice, Question
from exam.problems import MESSAGES, Problem, message
from texts.parsing import parse_text

ROOT = Path(__file__).resolve().parent.parent
DEMO = json.loads((ROOT / "exam" / "fixtures" / "demo_exam.json").read_text(encoding="utf-8"))
SEED = parse_text(
    (ROOT / "texts" / "samples" / DEMO["texts"][0]).read_text(encoding="utf-8"),
)
LINES = [(line.number, line.plain) for line in SEED.lines]
PARAGRAPHS = len(SEED.paragraph_numbers)
# One demo question per kind: its scoring data and choices are sound.
SAMPLES = {question["kind"]: question for question in reversed(DEMO["questions"])}


def labels_of(question: dict) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for choice in question["choices"]:
        labels.setdefault(choice["role"], []).append(choice["label"])
    return labels


def choices_of(question: dict) -> dict[str, list[Option]]:
    choices: dict[str, list[Option]] = {}
    for choice in question["choices"]:
        choices.setdefault(choice["role"], []).append(Option(choice["label"], choice["content"]))
    return choices


def test_every_question_kind_is_registered_in_the_models_order():
    assert tuple(Question.Kind.values) == kinds.CODES
    assert [kind.code for kind in kinds.all_kinds()] == Question.Kind.values
    assert scoring.KINDS == kinds.CODES


def test_an_unknown_kind_is_not_registered():
    with pytest.raises(KeyError):
        kinds.get("essay")


def test_the_demo_exam_has_a_sample_of_every_kind():
    assert set(SAMPLES) == set(kinds.CODES)


@pytest.mark.parametrize("code", kinds.CODES)
def test_every_kind_provides_every_part(code):
    kind = kinds.get(code)
    assert set(kind.roles) <= set(Choice.Role.values)
    for part in (
        kind.clean,
        kind.score,
        kind.validate,
        kind.posted_value,
        kind.widget,
        kind.result_rows,
        kind.accepted,
        kind.demo_response,
    ):
        assert callable(part), part
    assert get_template(kind.widget_template)
    assert get_template(kind.marking_answer_template)
    if kind.roles:
        assert get_template(kind.result_row_template)
    assert kind.hint.strip()
    assert kinds.authoring_form_class(code).kind == code


@pytest.mark.parametrize("code", kinds.CODES)
def test_every_kind_scores_its_own_demo_response(code):
    question = SAMPLES[code]
    kind = kinds.get(code)
    labels = labels_of(question)
    assert set(labels) <= set(kind.roles)
    assert (
        kind.validate(
            question["scoring"],
            max_points=question["max_points"],
            labels=labels,
            paragraph_count=PARAGRAPHS,
            lines=LINES,
        )
        == []
    )
    for right in (True, False):
        raw, _elements = kind.demo_response(
            question["scoring"],
            labels=labels,
            rng=random.Random(7),
            p=1.0 if right else 0.0,
            right=right,
            paragraph_count=PARAGRAPHS,
        )
        # As exam.services.save_answer cleans it: with the scoring data (parts' labels).
        response = scoring.clean_response(
            kind=code,
            value=raw,
            labels=labels,
            paragraph_count=PARAGRAPHS,
            scoring=question["scoring"],
        )
        score = scoring.score_response(
            kind=code,
            scoring=question["scoring"],
            max_points=question["max_points"],
            response=response,
            lines=LINES,
            word_limit=question.get("word_limit"),
        )
        if right and code not in ("open", "summary"):
            assert score.points == question["max_points"]
        # What the pupil's page and the result page make of it.
        assert isinstance(kind.widget(question["scoring"], choices_of(question), response), dict)
        rows = kind.result_rows(question["scoring"], choices_of(question), response, {})
        assert bool(rows) == bool(kind.roles)
        assert (kind.given_text(response) == "") == bool(kind.roles)


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "exam" / "kinds").glob("*.py")) + [ROOT / "exam" / "problems.py"],
    ids=lambda path: path.name,
)
def test_the_kinds_are_a_pure_core_without_database_forms_or_requests(path):
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    forbidden = ("django.db", "django.forms", "django.http", "exam.models", "texts.models")
    assert not [name for name in imported if name.startswith(forbidden)]


def test_scoring_problems_are_codes_with_a_field_and_params():
    problems = scoring.check_scoring(
        kind="matching",
        scoring={"pairs": {"a": "9"}, "per_pair": 1},
        max_points=2,
        labels={"item": ["a", "b"], "target": ["1", "2"]},
    )
    # The field names the row a form shows the problem on: item b's pair, item a's pair.
    assert problems == [
        Problem("pair:b", "item_unpaired", {"item": "b"}),
        Problem("pair:a", "pair_not_target", {"item": "a", "target": "9", "targets": ["1", "2"]}),
    ]


@pytest.mark.parametrize(
    ("problem", "english"),
    [
        (Problem("kind", "unknown_kind", {"kind": "essay"}), "unknown question kind 'essay'"),
        (Problem("key", "no_key"), "Choose which option is the right answer."),
        (
            Problem("key", "key_not_option", {"key": "E", "options": ["A", "B", "C", "D"]}),
            "The key must be one of the options you filled in (A, B, C, D), not E.",
        ),
        (
            Problem("table:1", "table_missing_count", {"count": 1}),
            "Give the points for 1 right.",
        ),
        (
            Problem("accepted", "paragraph_missing", {"number": 6, "count": 5}),
            "Paragraph 6 is not in the text: it has 5 paragraphs.",
        ),
        (
            Problem("accepted", "paragraph_missing", {"number": 2, "count": 1}),
            "Paragraph 2 is not in the text: it has 1 paragraph.",
        ),
        (
            Problem("over_limit", "bad_over_limit"),
            'over_limit must be "zero", {"deduct": n} or {"per_words": n, "deduct": n}',
        ),
    ],
)
def test_a_problem_reads_as_one_message(problem, english):
    with translation.override("en"):
        assert message(problem) == english


class _AnyParams(dict):
    """Fills every placeholder of a message with 2 (plural messages count it)."""

    def __missing__(self, key):
        return 2


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_problem_message_is_translated_into_dutch(code):
    with translation.override("en"):
        english = str(MESSAGES[code] % _AnyParams())
    with translation.override("nl"):
        dutch = str(MESSAGES[code] % _AnyParams())
    assert dutch and dutch != english


def test_validate_scoring_gives_the_messages_in_the_active_language():
    arguments = {"kind": "mc", "scoring": {}, "max_points": 1, "labels": {"option": ["A", "B"]}}
    with translation.override("en"):
        assert scoring.validate_scoring(**arguments) == ["Choose which option is the right answer."]
    with translation.override("nl"):
        assert scoring.validate_scoring(**arguments) == [str(MESSAGES["no_key"])]


@pytest.mark.parametrize(
    "pair",
    [*(list(pair) for pair in statements.PAIRS), ["A", "B"]],
)
def test_statements_with_every_pair_go_round_from_demo_answer_to_score(pair):
    kind = kinds.get("statements")
    labels = {"statement": ["1", "2", "3", "4"]}
    data = {
        "values": pair,
        "answers": {"1": pair[0], "2": pair[1], "3": pair[1], "4": pair[0]},
        "per_correct": 1,
    }
    assert kind.validate(data, max_points=4, labels=labels) == []
    for p, points in ((1.0, 4), (0.0, 0)):
        raw, _elements = kind.demo_response(
            data, labels=labels, rng=random.Random(3), p=p, right=p == 1.0, paragraph_count=5
        )
        # The pupil's page posts the words as they were shown; typed in another case too.
        typed = {label: word.upper() for label, word in raw.items()}
        response = scoring.clean_response(
            kind="statements", value=typed, labels=labels, scoring=data
        )
        assert set(response.values()) <= set(pair)
        score = scoring.score_response(
            kind="statements", scoring=data, max_points=4, response=response
        )
        assert score.points == points
    rows = kind.result_rows(data, {"statement": [Option("1", "Een")]}, {"1": pair[1]}, {})
    assert (rows[0].given, rows[0].expected) == (pair[1], pair[0])
