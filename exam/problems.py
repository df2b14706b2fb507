"""Problems with a question's data as codes, and the one table of their messages.

The pure cores (exam/kinds/, exam/scoring.py) never translate: a validator returns
`Problem(field, code, params)`, and whoever shows it to a person (an authoring form, the
exam loader) turns it into a message here, in the active language. The same way
texts/parsing/errors.py's ParseError codes become messages in texts/problem_messages.py.

>>> from django.utils import translation
>>> with translation.override("en"):
...     message(Problem("key", "key_not_option", {"key": "E", "options": ["A", "B"]}))
"key 'E' is not an option (A, B)"
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a question's data.

    `field` names the part of the scoring data (or "kind", "max_points") that holds the
    mistake, `code` says what is wrong, `params` fill in the message.
    """

    field: str
    code: str
    params: dict = field(default_factory=dict)


MESSAGES = {
    "unknown_kind": _("unknown question kind '%(kind)s'"),
    "not_an_object": _("scoring data must be an object"),
    "bad_max_points": _("maximum points must be a whole number of at least 1, not %(value)s"),
    # Score tables and points per right answer (multi, statements, matching, ordering).
    "table_not_a_mapping": _("table must map a number right to points"),
    "table_missing_counts": _("table does not cover %(counts)s right"),
    "table_extra_counts": _("table has counts that cannot occur: %(counts)s"),
    "table_points_not_whole": _("table points for %(count)s right must be a whole number >= 0"),
    "table_points_above_max": _(
        "table gives %(points)s points for %(count)s right, above %(max_points)s"
    ),
    "table_not_rising": _("table gives fewer points for more right answers"),
    "table_best_not_max": _(
        "the best answer earns %(points)s points in the table, not %(max_points)s"
    ),
    "per_not_whole": _("%(per_key)s must be a whole number of at least 1"),
    "per_best_not_max": _(
        "the best answer earns %(points)s points (%(per_key)s), not %(max_points)s"
    ),
    # Choices and keys.
    "too_few_options": _("a multiple-choice question needs at least two options"),
    "no_key": _("scoring has no key"),
    "key_not_option": _("key '%(key)s' is not an option (%(options)s)"),
    "no_keys": _("scoring has no keys"),
    "key_twice": _("a key is listed twice"),
    "bad_choose": _("choose must be a whole number from 1 to %(count)s"),
    "choose_all": _("choose leaves no option unchosen"),
    "no_statements": _("a statements question needs statements"),
    "no_answers": _("scoring has no answers"),
    "statement_unanswered": _("no answer for statement %(labels)s"),
    "answer_not_statement": _("answer for '%(label)s', which is not a statement"),
    "bad_statement_value": _(
        "answer for statement %(label)s must be juist or onjuist, not '%(value)s'"
    ),
    "no_table": _("scoring has no table"),
    "no_items_or_targets": _("a matching question needs items and targets"),
    "no_pairs": _("scoring has no pairs"),
    "item_unpaired": _("no pair for item %(labels)s"),
    "pair_not_item": _("pair for '%(item)s', which is not an item (%(items)s)"),
    "pair_not_target": _("item %(item)s is paired with '%(target)s', not a target (%(targets)s)"),
    "too_few_items": _("an ordering question needs at least two items"),
    "no_order": _("scoring has no order"),
    "order_not_arrangement": _("order %(order)s is not an arrangement of the items (%(items)s)"),
    # Paragraphs, quotations and words.
    "no_paragraph": _("scoring accepts no paragraph"),
    "not_a_paragraph_number": _("accepted paragraph '%(number)s' is not a paragraph number"),
    "paragraph_missing": _("accepted paragraph %(number)s does not exist (the text has %(count)s)"),
    "bad_citation_mode": _("citation mode must be one of %(modes)s, not '%(mode)s'"),
    "no_span": _("scoring has no target span"),
    "span_too_short": _("span '%(span)s' is too short to ask for its first and last words"),
    "span_not_in_text": _("span '%(span)s' is not in the text"),
    "no_accepted_answer": _("scoring accepts no answer"),
    "empty_accepted_answer": _("an accepted answer is empty"),
    # Answer-model elements (open answers and summaries).
    "no_elements": _("scoring has no elements"),
    "element_not_object": _("element %(number)s must be an object"),
    "element_no_text": _("element %(number)s has no description"),
    "element_bad_points": _("element %(number)s must be worth a whole number of points >= 1"),
    "element_bad_keywords": _("element %(number)s keywords must be a list of words"),
    "bad_asked": _("asked must be a whole number from 1 to %(count)s"),
    "elements_too_few_points": _("the elements give at most %(points)s points, not %(max_points)s"),
    "bad_over_limit": _('over_limit must be "zero" or {"per_words": n, "deduct": n}'),
}


def _shown(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) if value else "–"
    return str(value)


def message(problem: Problem) -> str:
    """The problem as a sentence in the active language."""
    template = str(MESSAGES[problem.code])
    params = {key: _shown(value) for key, value in problem.params.items()}
    return template % params if params else template


def messages(problems: list[Problem]) -> list[str]:
    return [message(problem) for problem in problems]
