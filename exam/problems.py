"""Problems with a question's data as codes, and the one table of their messages.

The pure cores (exam/kinds/, exam/scoring.py, exam/references.py) never translate: a
validator returns `Problem(field, code, params)`, and whoever shows it to a person (an
authoring form, the exam loader) turns it into a message here, in the active language.
The same way texts/parsing/errors.py's ParseError codes become messages in
texts/problem_messages.py.

Each rule is written once, in its validator, and its sentence once, here: the authoring
forms show exactly these messages, on the field or row a problem's `field` names
("key", "choose", "table:3" for the score table's row for 3 right, "element:2" for the
third answer-model element, "answer:1" for statement 1's answer, "pair:b" for item b's
pair). The exam loader (exam/exam_data.py) shows them in English.

>>> from django.utils import translation
>>> with translation.override("en"):
...     message(Problem("key", "key_not_option", {"key": "E", "options": ["A", "B"]}))
'The key must be one of the options you filled in (A, B), not E.'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


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
    # The question as a whole (exam/authoring/checks.py).
    "question_no_points": _("A question is worth at least 1 point."),
    "summary_no_word_limit": _("A summary needs a word limit."),
    "over_limit_no_word_limit": _(
        "Give the word limit that the rule for going over it applies to, or choose no deduction."
    ),
    # Score tables and points per right answer (multi, statements, matching, ordering).
    # A problem with one row of the table has the field "table:<count>".
    "table_not_a_mapping": _("table must map a number right to points"),
    "table_missing_count": _("Give the points for %(count)s right."),
    "table_extra_counts": _("table has counts that cannot occur: %(counts)s"),
    "table_points_not_whole": _("Give the points for %(count)s right as a whole number."),
    "table_points_above_max": _("At most %(max)s points, the question's maximum."),
    "table_not_rising": _("More right answers cannot earn fewer points."),
    "table_best_not_max": _(
        "The best answer (%(count)s right) must earn the maximum, %(max)s points."
    ),
    "per_not_whole": _("The points per right answer must be a whole number of at least 1."),
    "per_best_not_max": _(
        "%(count)s right at %(per)s points each make %(total)s, not the maximum %(max)s."
    ),
    # Choices and keys.
    "too_few_options": _("Fill in at least %(count)s options."),
    "no_key": _("Choose which option is the right answer."),
    "key_not_option": _(
        "The key must be one of the options you filled in (%(options)s), not %(key)s."
    ),
    "no_keys": _("Choose the right options."),
    "key_not_options": _(
        "The right options must be options you filled in (%(options)s), not %(key)s."
    ),
    "key_twice": _("a key is listed twice"),
    "bad_choose": _(
        "The pupil must choose at least 1 option and fewer than there are (%(count)s)."
    ),
    "choose_all": _("The pupil must choose fewer options than there are."),
    "no_statements": _("Write at least one statement."),
    "no_answers": _("Say for each statement whether it is true or false."),
    "statement_unanswered": _("Say whether statement %(label)s is true or false."),
    "answer_not_statement": _("Answer %(label)s has no statement."),
    "bad_statement_value": _(
        "The answer for statement %(label)s must be %(first)s or %(second)s, not '%(value)s'."
    ),
    # The pair of answer words ("values"); "values:1" is the first word.
    "pair_not_two": _("values must be a list of two words"),
    "pair_word_empty": _("Type a word here."),
    "pair_word_too_long": _("At most %(max)s characters."),
    "pair_words_same": _("The two words must differ, not both '%(word)s'."),
    "no_table": _("scoring has no table"),
    "too_few_match_items": _("Fill in at least two items to match."),
    "too_few_targets": _("Fill in at least two things the items match."),
    "no_pairs": _("Choose what each item belongs to."),
    "item_unpaired": _("Choose what item %(item)s belongs to."),
    "pair_not_item": _("There is a pair for '%(item)s', which is not an item (%(items)s)."),
    "pair_not_target": _("Target %(target)s is empty or missing: choose one of %(targets)s."),
    # Several targets per item ("multiple": true); "pair:<item>" is the item's targets.
    "multiple_not_bool": _("multiple must be true or false"),
    "links_not_list": _("item %(item)s: its targets must be a list"),
    "link_twice": _("Item %(item)s has a target twice."),
    "no_links": _("Tick at least one target for one of the items."),
    "too_few_items": _("Fill in at least two items to put in order."),
    "no_order": _("Give the labels (letters or numbers) in the right order."),
    "order_not_arrangement": _("Give every label once: %(items)s."),
    # Paragraphs, quotations and words.
    "no_paragraph": _("Give paragraph numbers such as 3 or 3, 4."),
    "not_a_paragraph_number": _("'%(number)s' is not a paragraph number."),
    "paragraph_missing": ngettext_lazy(
        "Paragraph %(number)s is not in the text: it has %(count)s paragraph.",
        "Paragraph %(number)s is not in the text: it has %(count)s paragraphs.",
        "count",
    ),
    "bad_citation_mode": _("citation mode must be one of %(modes)s, not '%(mode)s'"),
    "no_span": _("Copy at least one accepted span from the text."),
    "span_too_short": _("“%(span)s” is too short to ask for its first and last words."),
    "span_not_in_text": _("“%(span)s” is not in the text as written."),
    "no_accepted_answer": _("Give at least one accepted answer."),
    "empty_accepted_answer": _("An accepted answer is empty."),
    # Several gaps (exam/kinds/gap.py); "gap:<n>" is gap n (from 1).
    "no_accepted_answer_in_gap": _("Give at least one accepted answer for gap %(number)s."),
    "empty_accepted_answer_in_gap": _("An accepted answer for gap %(number)s is empty."),
    "too_few_gaps": _("Give the accepted answers of at least two gaps."),
    "too_many_gaps": _("At most %(max)s gaps."),
    "bad_review_mode": _('review must be "final" or "marker", not \'%(value)s\''),
    # Answer-model elements (open answers and summaries); "element:<i>" is the i-th
    # element (from 0), and `number` counts from 1 as the form does.
    "no_elements": _("Describe at least one element of the answer model."),
    "element_not_object": _("element %(number)s must be an object"),
    "element_no_text": _("Describe element %(number)s."),
    "element_bad_points": _("Element %(number)s is worth a whole number of points, at least 1."),
    "element_bad_keywords": _("element %(number)s keywords must be a list of words"),
    "bad_asked": ngettext_lazy(
        "There is only %(count)s element: ask for 1 to %(count)s.",
        "There are only %(count)s elements: ask for 1 to %(count)s.",
        "count",
    ),
    "elements_too_few_points": _(
        "The elements give at most %(total)s points, less than the maximum %(max)s."
    ),
    "bad_over_limit": _(
        'over_limit must be "zero", {"deduct": n} or {"per_words": n, "deduct": n}'
    ),
    # An open question in parts (exam/kinds/parts.py); "part:<i>" is the i-th part (from 0).
    "too_few_parts": _("Give at least %(count)s parts (a, b, ...), each with its question."),
    "part_not_object": _("part %(number)s must be an object"),
    "part_bad_label": _("Part %(number)s needs a label of its own (a, b, ...)."),
    "part_no_prompt": _("Write the question of part %(label)s."),
    "part_bad_word_limit": _(
        "The word limit of part %(label)s is a whole number of at least 1, or empty."
    ),
    "part_no_elements": _("Give part %(label)s at least one element of the answer model."),
    "element_unknown_part": _(
        "Element %(number)s belongs to part “%(part)s”, which is not one of the parts (%(parts)s)."
    ),
    "bad_full_sentences": _('full_sentences must be {"deduct": n}, n a whole number of at least 1'),
    # Line and paragraph references (exam/references.py).
    "reference_backwards": _("“%(reference)s” runs backwards: the first number must come first."),
    "reference_line_outside": _("“%(reference)s” is not in the text: it has %(count)s lines."),
    "reference_paragraph_outside": ngettext_lazy(
        "“%(reference)s” is not in the text: it has %(count)s paragraph.",
        "“%(reference)s” is not in the text: it has %(count)s paragraphs.",
        "count",
    ),
    "reference_text_outside": ngettext_lazy(
        "“%(reference)s” names text %(text)s, but the exam has %(count)s text.",
        "“%(reference)s” names text %(text)s, but the exam has %(count)s texts.",
        "count",
    ),
    "reference_quote_not_on_lines": _(
        "“%(quote)s” does not stand in %(reference)s: check the quotation or the lines."
    ),
    "answer_lines_unreadable": _("Write the lines as 85-91, or several as 12, 14-16."),
    "answer_lines_outside": _("Line %(line)s is not in the text: it has %(count)s lines."),
}


def _shown(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) if value else "–"
    return str(value)


def message(problem: Problem) -> str:
    """The problem as a sentence in the active language."""
    template = MESSAGES[problem.code]
    # Lists read "A, B"; numbers stay numbers, so a plural message can count them.
    params = {
        key: value if isinstance(value, int) else _shown(value)
        for key, value in problem.params.items()
    }
    return str(template % params) if params else str(template)


def messages(problems: list[Problem]) -> list[str]:
    return [message(problem) for problem in problems]
