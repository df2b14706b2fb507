"""Checks of a question, and of a whole exam, against its booklet.

A question's references ("regel 120", "alinea 7") in its stem, model answer,
explanation and answer-model elements, and its answer lines, must lie inside the
question's text (exam/references.py holds the grammar); the kind's scoring data must
pass exam.scoring.check_scoring. question_problems returns the problems as codes
(exam/problems.py holds their one message each), so a form can show each on the field
or row it names; check_question gives them as messages per field; the services refuse
data with problems, and publishing lists every problem of every question.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from exam.models import Exam, Question
from exam.problems import Problem, message
from exam.references import Booklet, answer_lines_problems, named_texts, reference_problems
from exam.scoring import check_scoring
from texts.models import Line, Paragraph, Text


@dataclass(frozen=True)
class ChoiceData:
    role: str
    label: str
    content: str


@dataclass(frozen=True)
class QuestionData:
    """A question as a form hands it over: everything except its exam and number."""

    kind: str
    text: Text
    stem: str
    max_points: int
    scoring: dict
    model_answer: str = ""
    explanation: str = ""
    answer_lines: str = ""
    word_limit: int | None = None
    choices: tuple[ChoiceData, ...] = ()
    # The exam, for references to its other texts ("tekst 2, regel 10"); without it
    # those are not checked.
    exam: Exam | None = None


def booklet_facts(text: Text) -> Booklet:
    """The stored text as exam.references checks it."""
    lines = tuple(Line.objects.filter(text=text).order_by("number").values_list("number", "plain"))
    return Booklet(lines=lines, paragraph_count=Paragraph.objects.filter(text=text).count())


def exam_booklets(exam: Exam | None, values: Iterable[str]) -> dict[int, Booklet] | None:
    """The exam's texts by position ("Tekst 2": 2), for the references in `values`
    that name one; every position is a key, only the named texts are read."""
    named = set().union(*(named_texts(value) for value in values))
    if exam is None or not named:
        return None
    exam_texts = exam.exam_texts.select_related("text").order_by("position")
    return {
        et.position: booklet_facts(et.text) if et.position in named else Booklet((), 0)
        for et in exam_texts
    }


def _choice_labels(choices: Iterable[ChoiceData]) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = defaultdict(list)
    for choice in choices:
        labels[choice.role].append(choice.label)
    return dict(labels)


def question_problems(
    *, data: QuestionData, booklet: Booklet | None = None
) -> tuple[list[Problem], list[Problem]]:
    """The question's problems as codes: (with the question's fields, with its scoring
    data). A problem's field names where it is: a Question field ("stem",
    "answer_lines", "max_points"), "element:<i>" for the i-th answer-model element,
    or a part of the scoring data as the kind's validate names it ("key", "table:3")."""
    booklet = booklet or booklet_facts(data.text)
    values = {name: getattr(data, name) or "" for name in ("stem", "model_answer", "explanation")}
    for index, element in enumerate(data.scoring.get("elements") or []):
        if isinstance(element, dict):
            values[f"element:{index}"] = str(element.get("text", ""))
    texts = exam_booklets(data.exam, values.values())
    found = []
    for name, value in values.items():
        found += reference_problems(value, booklet, field=name, texts=texts)
    found += answer_lines_problems(data.answer_lines or "", booklet)
    if data.max_points < 1:
        found.append(Problem("max_points", "question_no_points"))
    if data.kind == Question.Kind.SUMMARY and not data.word_limit:
        found.append(Problem("word_limit", "summary_no_word_limit"))
    elif data.kind == Question.Kind.OPEN and data.scoring.get("over_limit") and not data.word_limit:
        # (A question in parts has its limits per part: exam/kinds/parts.py checks them.)
        found.append(Problem("word_limit", "over_limit_no_word_limit"))
    scoring = check_scoring(
        kind=data.kind,
        scoring=data.scoring,
        max_points=data.max_points,
        labels=_choice_labels(data.choices),
        paragraph_count=booklet.paragraph_count,
        lines=list(booklet.lines),
    )
    return found, scoring


def check_question(*, data: QuestionData, booklet: Booklet | None = None) -> dict[str, list[str]]:
    """Problems with a question, per field: {"stem": [...], "scoring": [...], ...}.

    Keys are the Question fields, "scoring" for the kind's scoring data, and
    "element:<i>" for the i-th answer-model element (from 0). Empty when fine.
    """
    fields, scoring = question_problems(data=data, booklet=booklet)
    problems: dict[str, list[str]] = defaultdict(list)
    for problem in fields:
        problems[problem.field].append(message(problem))
    problems["scoring"] += [message(problem) for problem in scoring]
    return {key: value for key, value in problems.items() if value}


def raise_problems(problems: dict[str, list[str]]) -> None:
    """check_question's problems as the ValidationError a service raises."""
    if problems:
        # Element problems belong to the scoring data as far as the model knows.
        merged: dict[str, list[str]] = defaultdict(list)
        for key, messages in problems.items():
            merged["scoring" if key.startswith("element:") else key] += messages
        raise ValidationError(dict(merged))


def question_data(question: Question) -> QuestionData:
    """A stored question as QuestionData (uses prefetched choices when present)."""
    return QuestionData(
        kind=question.kind,
        text=question.text,
        stem=question.stem,
        max_points=question.max_points,
        scoring=question.scoring or {},
        model_answer=question.model_answer,
        explanation=question.explanation,
        answer_lines=question.answer_lines,
        word_limit=question.word_limit,
        exam=question.exam,
        choices=tuple(
            ChoiceData(role=c.role, label=c.label, content=c.content)
            for c in question.choices.all()
        ),
    )


def exam_problems(exam: Exam) -> list[str]:
    """Everything that keeps the exam from being published, in reading order."""
    problems = []
    exam_texts = list(exam.exam_texts.select_related("text").order_by("position"))
    if not exam_texts:
        problems.append(_("Choose at least one text."))
    for exam_text in exam_texts:
        if not exam_text.text.is_published:
            problems.append(
                _("Text %(position)s (%(title)s) is not published.")
                % {"position": exam_text.position, "title": exam_text.text.title}
            )
    questions = list(
        exam.questions.select_related("text").prefetch_related("choices").order_by("number")
    )
    if not questions:
        problems.append(_("Add at least one question."))
    booklets: dict[int, Booklet] = {}
    linked = {exam_text.text_id for exam_text in exam_texts}
    for question in questions:
        if question.text_id not in booklets:
            booklets[question.text_id] = booklet_facts(question.text)
        found = check_question(data=question_data(question), booklet=booklets[question.text_id])
        if question.text_id not in linked:
            found.setdefault("text", []).append(_("Its text is not one of the exam's texts."))
        if question.kind in (Question.Kind.OPEN, Question.Kind.SUMMARY) and not (
            question.model_answer.strip() or question.scoring.get("elements")
        ):
            found.setdefault("model_answer", []).append(_("It has no model answer."))
        for messages in found.values():
            for text in messages:
                problems.append(
                    _("Question %(number)s: %(problem)s")
                    % {"number": question.number, "problem": text}
                )
    return problems
