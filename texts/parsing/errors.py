"""What the importer reports: a ParseError stops the import, a Warning does not.

Both speak in codes with parameters; texts.problem_messages turns them into words in
the user's language, so nothing in this package translates.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ParseError(ValueError):
    """Input that cannot become a booklet; `code` maps to a message for the user."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Warning:
    """Something the person importing should check; the text still imports."""

    code: str
    params: dict = field(default_factory=dict)
