"""The builder's plain values: what it needs of a text (TextFacts), what it reports
(QuestionReport, ImportReport), and why a question's scoring data cannot be completed
(Incomplete).

Pure: only the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextFacts:
    """What the builder needs of one of the exam's texts (in the exam's order)."""

    position: int
    line_count: int
    paragraph_count: int
    # (line number, plain text): to find a quotation's span; empty: not checked.
    lines: tuple[tuple[int, str], ...] = ()


@dataclass
class QuestionReport:
    number: int
    kind: str
    certainty: str
    notes: list[tuple[str, dict]] = field(default_factory=list)
    fallback: bool = False


@dataclass
class ImportReport:
    questions: list[QuestionReport] = field(default_factory=list)
    # The papers' own problems ("looks_like_marking_scheme", "scheme_missing", ...).
    problems: list[tuple[str, dict]] = field(default_factory=list)

    def question(self, number: int) -> QuestionReport:
        return next(q for q in self.questions if q.number == number)

    @property
    def fallbacks(self) -> list[int]:
        return [q.number for q in self.questions if q.fallback]


class Incomplete(Exception):
    """The scheme entry does not give what the question's kind needs."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params
