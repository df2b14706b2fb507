"""Plain values the pupil's pages show for a kind: choices, widget rows, result rows.

The kinds build them from a question's choices (role -> [Option]), its scoring data and
the pupil's response; exam/presenters/ put them into the page. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    label: str
    content: str


@dataclass(frozen=True)
class Row:
    """One line of a widget: a statement, an item to match or a place in an order."""

    key: str
    content: str
    value: str


@dataclass(frozen=True)
class ResultRow:
    """One line of a closed question's result: what was given and what was right."""

    key: str
    content: str
    given: str = ""
    given_content: str = ""
    expected: str = ""
    expected_content: str = ""
    is_correct: bool | None = None


Choices = dict[str, list[Option]]


def choice_rows(options: Sequence[Option], response, keys: Sequence[str]) -> list[ResultRow]:
    """One row per option: chosen or not, key or not (multiple choice and response).

    >>> [r.is_correct for r in choice_rows([Option("A", ""), Option("B", "")], "B", ["A"])]
    [False, False]
    """
    chosen = response if isinstance(response, list) else [response] if response else []
    return [
        ResultRow(
            key=o.label,
            content=o.content,
            given="x" if o.label in chosen else "",
            expected="x" if o.label in keys else "",
            is_correct=(o.label in chosen) == (o.label in keys),
        )
        for o in options
    ]


def single_value_widget(scoring: dict, choices: Choices, response) -> dict:
    """A one-field widget's initial value; several letters (possible, scoring 0) as values."""
    if isinstance(response, list):
        return {"values": response}
    if response is not None:
        return {"value": str(response)}
    return {}


def no_rows(scoring: dict, choices: Choices, response, details: dict) -> list[ResultRow]:
    return []


def nothing_accepted(scoring: dict) -> list[str]:
    return []


def no_parts(scoring: dict, response, elements) -> list:
    return []
