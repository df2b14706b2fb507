"""The question kinds: one module each, declaring everything about the kind.

>>> [kind.code for kind in all_kinds()][:3]
['mc', 'multi', 'statements']
>>> get("matching").roles
('item', 'target')

The order is Question.Kind's (the authoring menu and the registry test rely on it).
Everything that differs per kind (choice roles, cleaning, scoring, checking the
scoring data, the pupil's widget, result rows, the demo response, the authoring form
and hint) is looked up here, never written as an if/elif chain on the kind.
"""

from __future__ import annotations

import importlib

from exam.kinds import (
    citation,
    gap,
    matching,
    mc,
    multi,
    ordering,
    paragraph,
    parts,
    statements,
    summary,
)
from exam.kinds import open as open_answer  # the module's name shadows a builtin here
from exam.kinds.base import Kind

_KINDS: dict[str, Kind] = {
    module.KIND.code: module.KIND
    for module in (
        mc,
        multi,
        statements,
        matching,
        ordering,
        paragraph,
        citation,
        gap,
        open_answer,
        summary,
        parts,
    )
}
CODES = tuple(_KINDS)


def get(code: str) -> Kind:
    """The kind with this code (Question.kind); KeyError for an unknown one."""
    return _KINDS[code]


def all_kinds() -> list[Kind]:
    return list(_KINDS.values())


def authoring_form_class(code: str) -> type:
    """The teacher's form class for a kind, imported from its dotted path (importlib,
    so the registry itself imports no Django)."""
    module, _, name = get(code).authoring_form.rpartition(".")
    return getattr(importlib.import_module(module), name)
