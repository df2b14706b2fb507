"""Score a pupil's response with a question's answer model: the dispatcher.

Pure: JSON-like values in, a Score out, no database. Each kind's cleaning, scoring and
checking live in its module under exam/kinds/; this module looks the kind up and keeps
the rules every kind shares (docs/question-kinds.md describes every stored format):

- points are whole numbers, never below 0 and never above the question's maximum;
- an empty answer is unanswered and earns 0 points; an answer longer than
  MAX_RESPONSE_LENGTH is refused;
- the scoring data is checked only for a known kind and a whole maximum of at least 1.

The helpers other modules use (word counting, ticked elements, length deductions)
are re-exported here, so callers need not know which kind module holds them.
"""

from __future__ import annotations

from collections.abc import Sequence

from exam import kinds
from exam.kinds.common import MAX_RESPONSE_LENGTH, ResponseError, Score, is_empty, is_whole
from exam.kinds.elements import (
    LengthRules,
    apply_length_rules,
    count_words,
    element_points,
    find_elements,
    length_deduction,
    marked_points,
    over_limit_deduction,
    split_reasons,
)
from exam.kinds.sentences import is_in_full_sentences, sentences_judgement
from exam.problems import Problem, messages

__all__ = [
    "KINDS",
    "LengthRules",
    "LABELLED_KINDS",
    "MAX_RESPONSE_LENGTH",
    "ResponseError",
    "Score",
    "apply_length_rules",
    "check_scoring",
    "clean_response",
    "count_words",
    "element_points",
    "find_elements",
    "is_in_full_sentences",
    "length_deduction",
    "marked_points",
    "over_limit_deduction",
    "score_response",
    "sentences_judgement",
    "split_reasons",
    "ticked_points",
    "validate_scoring",
]

KINDS = kinds.CODES
# The kinds whose cleaner reads the choice labels; the others never look at them, so a
# save of an open answer need not fetch any.
LABELLED_KINDS = frozenset(kind.code for kind in kinds.all_kinds() if kind.has_labels)


def clean_response(
    *,
    kind: str,
    value,
    labels: dict[str, list[str]],
    paragraph_count: int | None = None,
    word_limit: int | None = None,
    scoring: dict | None = None,
):
    """Normalise a pupil's raw response into its stored JSON form.

        Returns None for an empty answer (unanswered). Raises ResponseError for an answer
        that cannot have been given in the form: a letter that is not an option, a
        paragraph that does not exist, and so on. A summary over its word limit is not
        impossible (it costs points), so `word_limit` never refuses an answer. `scoring`
    is the question's scoring data, for a kind whose answers it names (statements' pair).

        >>> clean_response(kind="multi", value=["c", " A", "C"],
        ...                labels={"option": ["A", "B", "C", "D"]})
        ['C', 'A']
    """
    if kind not in KINDS:
        raise ValueError(f"unknown question kind {kind!r}")
    if is_empty(value):
        return None
    if isinstance(value, str) and len(value) > MAX_RESPONSE_LENGTH:
        raise ResponseError("too_long", limit=MAX_RESPONSE_LENGTH)
    return kinds.get(kind).clean(
        value, labels=labels, paragraph_count=paragraph_count, scoring=scoring or {}
    )


def score_response(
    *,
    kind: str,
    scoring: dict,
    max_points: int,
    response,
    lines: Sequence[tuple[int, str]] = (),
    word_limit: int | None = None,
) -> Score:
    """Score a stored response; None (unanswered) earns 0 points.

    >>> score_response(kind="statements", max_points=2, response={"1": "juist", "2": "juist"},
    ...                scoring={"answers": {"1": "juist", "2": "onjuist"},
    ...                         "table": {"2": 2, "1": 1, "0": 0}}).points
    1
    """
    if kind not in KINDS:
        raise ValueError(f"unknown question kind {kind!r}")
    if is_empty(response):
        return Score(0, max_points, feedback=("unanswered",))
    score = kinds.get(kind).score(
        scoring, max_points=max_points, response=response, lines=lines, word_limit=word_limit
    )
    points = max(0, min(max_points, int(score.points)))
    if points == score.points:
        return score
    return Score(points, max_points, score.needs_review, score.feedback, score.details)


def check_scoring(
    *,
    kind: str,
    scoring: dict,
    max_points: int,
    labels: dict[str, list[str]],
    paragraph_count: int | None = None,
    lines: Sequence[tuple[int, str]] = (),
) -> list[Problem]:
    """Problems with a question's scoring data, as codes (empty: fine).

    >>> check_scoring(kind="mc", scoring={"key": "E"}, max_points=1,
    ...               labels={"option": ["A", "B", "C", "D"]})
    [Problem(field='key', code='key_not_option', params={'key': 'E', \
'options': ['A', 'B', 'C', 'D']})]
    """
    if kind not in KINDS:
        return [Problem("kind", "unknown_kind", {"kind": kind})]
    if not isinstance(scoring, dict):
        return [Problem("scoring", "not_an_object")]
    if not is_whole(max_points) or max_points < 1:
        return [Problem("max_points", "bad_max_points", {"value": max_points})]
    return kinds.get(kind).validate(
        scoring,
        max_points=max_points,
        labels=labels,
        paragraph_count=paragraph_count,
        lines=lines,
    )


def validate_scoring(
    *,
    kind: str,
    scoring: dict,
    max_points: int,
    labels: dict[str, list[str]],
    paragraph_count: int | None = None,
    lines: Sequence[tuple[int, str]] = (),
) -> list[str]:
    """check_scoring's problems as messages in the active language (exam/problems.py),
    for the pages and the exam loader that show them."""
    problems = check_scoring(
        kind=kind,
        scoring=scoring,
        max_points=max_points,
        labels=labels,
        paragraph_count=paragraph_count,
        lines=lines,
    )
    return messages(problems)


def ticked_points(
    *,
    kind: str,
    scoring: dict,
    elements: list[int],
    max_points: int,
    response=None,
    word_limit: int | None = None,
    in_full_sentences: bool | None = None,
) -> int:
    """The points for what a marker (or the pupil) ticked: the answer model's elements
    with the question's length rules (open, summary; per part for parts) or the kind's
    own parts (gap: the gaps it accepts). Raises ResponseError for an element the
    question does not have.

    >>> ticked_points(kind="gap", scoring={"gaps": [{}, {}], "per_gap": 1},
    ...               elements=[1], max_points=2)
    1
    """
    return kinds.get(kind).ticked_points(
        scoring=scoring,
        elements=elements,
        max_points=max_points,
        response=response,
        word_limit=word_limit,
        in_full_sentences=in_full_sentences,
    )
