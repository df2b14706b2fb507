"""Exams as data: check an exam file against its texts, and find line references.

Pure: dicts and text lines in, problems and references out, no database. The shape of an
exam file (exam/fixtures/demo_exam.json is the example) is described in
docs/question-kinds.md. A loader reads the JSON, imports the texts it names, calls
`validate_exam_data` and refuses the file when any problem comes back.

References in a question ("regel 85-91", "r. 12", "alinea's 2 en 3") are what a pupil
follows into the booklet, so every one of them must exist in the question's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import translation

from exam import kinds
from exam.problems import Problem
from exam.references import (
    BACKWARDS,
    LINE_OUTSIDE,
    LINES_UNREADABLE,
    PARAGRAPH_OUTSIDE,
    QUOTE_NOT_ON_LINES,
    TEXT_OUTSIDE,
    answer_lines_problems,
    reference_problems,
)
from exam.scoring import KINDS, validate_scoring

LEVELS = ("havo", "vwo", "vmbo")
ROLES = ("option", "statement", "item", "target")
EXAM_KEYS = {
    "title",
    "level",
    "year",
    "tijdvak",
    "n_term",
    "duration_minutes",
    "texts",
    "text_intros",
    "contexts",
    "questions",
}
CONTEXT_KEYS = {"first", "last", "body"}
MAX_DURATION = 600
QUESTION_KEYS = {
    "number",
    "text",
    "kind",
    "stem",
    "max_points",
    "choices",
    "scoring",
    "model_answer",
    "explanation",
    "answer_lines",
    "word_limit",
}
MAX_LABEL_LENGTH = 10  # Choice.label


@dataclass(frozen=True)
class TextInfo:
    """What checking an exam needs to know about one of its texts."""

    lines: tuple[tuple[int, str], ...]
    paragraph_count: int

    @property
    def line_count(self) -> int:
        return max((number for number, _ in self.lines), default=0)

    @classmethod
    def of(cls, text) -> TextInfo:
        """From a TextInfo, a texts.parsing.ParsedText, or {"lines": ..., "paragraph_count": n}."""
        if isinstance(text, TextInfo):
            return text
        if isinstance(text, dict):
            lines, count = text["lines"], text["paragraph_count"]
        else:
            lines = text.lines
            numbers = getattr(text, "paragraph_numbers", None)
            count = len(numbers) if numbers is not None else text.paragraph_count
        pairs = tuple(
            (line.number, line.plain) if hasattr(line, "plain") else (int(line[0]), str(line[1]))
            for line in lines
        )
        return cls(pairs, int(count))


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_exam_data(data: dict, *, texts: Sequence, check_references: bool = True) -> list[str]:
    """Problems with an exam file, each a readable English sentence (empty: fine).

    `check_references=False` leaves out whether line references and quotations in the
    prose fit the texts (the papers' import keeps such a question, marked for the
    teacher, instead of refusing the whole exam).

    `texts` are the exam's texts in the order of data["texts"], each a ParsedText, a
    TextInfo or {"lines": [(number, plain), ...], "paragraph_count": n}.

    >>> info = TextInfo(((1, "Wie twittert, wordt gehoord."),), paragraph_count=1)
    >>> validate_exam_data({"title": "T", "level": "havo", "n_term": "1.0", "texts": ["t.txt"],
    ...     "questions": [{"number": 1, "text": 1, "kind": "paragraph", "max_points": 1,
    ...     "stem": "Wat staat in regel 3?", "scoring": {"accepted": [1]},
    ...     "model_answer": "alinea 1", "answer_lines": "1"}]}, texts=[info])
    ['question 1: stem refers to regel 3, but the text has 1 lines']
    """
    if not isinstance(data, dict):
        return ["exam: the file must hold one object"]
    problems = _exam_problems(data)
    infos = [TextInfo.of(text) for text in texts]
    named = data.get("texts") if isinstance(data.get("texts"), list) else []
    if len(infos) != len(named):
        problems.append(f"exam: names {len(named)} texts, but {len(infos)} were given to check")
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        return problems + ["exam: has no questions"]
    for position, question in enumerate(questions, start=1):
        if not isinstance(question, dict):
            problems.append(f"question {position}: must be an object")
            continue
        number = question.get("number")
        if number != position:
            problems.append(
                f"question {position}: is numbered {number!r}; questions must be numbered 1 to {len(questions)} in order"
            )
        label = number if _is_whole(number) else position
        problems += [
            f"question {label}: {problem}"
            for problem in _question_problems(question, infos, check_references)
        ]
    problems += _context_problems(data.get("contexts"), questions, infos, check_references)
    return problems


def _context_problems(
    contexts, questions: list, infos: list[TextInfo], check_references: bool = True
) -> list[str]:
    """Shared contexts: [{"first": 7, "last": 9, "body": "Lees ..."}], each over
    existing questions, no question in two, references inside the first question's text."""
    if contexts is None:
        return []
    if not isinstance(contexts, list):
        return ["exam: contexts must be a list"]
    problems: list[str] = []
    taken: set[int] = set()
    by_position = dict(enumerate(infos, start=1))
    for index, context in enumerate(contexts, start=1):
        where = f"context {index}"
        if not isinstance(context, dict):
            problems.append(f"{where}: must be an object")
            continue
        problems += [
            f"{where}: unknown field {key!r}" for key in sorted(set(context) - CONTEXT_KEYS)
        ]
        first, last, body = context.get("first"), context.get("last"), context.get("body")
        if not isinstance(body, str) or not body.strip():
            problems.append(f"{where}: has no body")
            body = ""
        if not (_is_whole(first) and _is_whole(last) and 1 <= first <= last <= len(questions)):
            problems.append(
                f"{where}: first and last must be question numbers from 1 to {len(questions)}, "
                f"first not after last, not {first!r}-{last!r}"
            )
            continue
        numbers = set(range(first, last + 1))
        if numbers & taken:
            problems.append(f"{where}: questions {first}-{last} already share another context")
        taken |= numbers
        question = questions[first - 1]
        text_number = question.get("text") if isinstance(question, dict) else None
        if check_references and _is_whole(text_number) and 1 <= text_number <= len(infos):
            info = infos[text_number - 1]
            problems += [
                _english(problem, by_position, info, f"{where}: ")
                for problem in reference_problems(body, info, field="body", texts=by_position)
            ]
    return problems


def _exam_problems(data: dict) -> list[str]:
    problems = [f"exam: unknown field {key!r}" for key in sorted(set(data) - EXAM_KEYS)]
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        problems.append("exam: has no title")
    if data.get("level") not in LEVELS:
        problems.append(f"exam: level must be one of {', '.join(LEVELS)}")
    try:
        n_term = Decimal(str(data.get("n_term", "1.0")))
        valid = (
            n_term.is_finite() and 0 <= n_term <= 2 and n_term == n_term.quantize(Decimal("0.1"))
        )
    except InvalidOperation:
        valid = False
    if not valid:
        problems.append("exam: n_term must be a number from 0.0 to 2.0 with one decimal")
    texts = data.get("texts")
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
        problems.append("exam: texts must list at least one text file")
        texts = []
    duration = data.get("duration_minutes")
    if duration is not None and not (_is_whole(duration) and 1 <= duration <= MAX_DURATION):
        problems.append(
            f"exam: duration_minutes must be a whole number from 1 to {MAX_DURATION}, not {duration!r}"
        )
    intros = data.get("text_intros")
    if intros is not None:
        if not isinstance(intros, dict):
            problems.append('exam: text_intros must map a text number ("3") to its introduction')
        else:
            for key, intro in intros.items():
                if not (str(key).isdigit() and 1 <= int(key) <= len(texts)):
                    problems.append(
                        f"exam: text_intros names text {key!r}, but the exam has {len(texts)} texts"
                    )
                elif not isinstance(intro, str):
                    problems.append(f"exam: the introduction of text {key} must be text")
    return problems


def _question_problems(
    question: dict, infos: list[TextInfo], check_references: bool = True
) -> list[str]:
    problems = [f"unknown field {key!r}" for key in sorted(set(question) - QUESTION_KEYS)]
    kind = question.get("kind")
    if kind not in KINDS:
        return problems + [f"kind must be one of {', '.join(KINDS)}, not {kind!r}"]
    max_points = question.get("max_points")
    if not _is_whole(max_points) or max_points < 1:
        problems.append(f"maximum points must be a whole number of at least 1, not {max_points!r}")
    if not isinstance(question.get("stem"), str) or not question["stem"].strip():
        problems.append("has no question text (stem)")
    if not isinstance(question.get("model_answer"), str) or not question["model_answer"].strip():
        problems.append("has no model answer")
    text_number = question.get("text")
    info = None
    if not _is_whole(text_number) or not 1 <= text_number <= len(infos):
        problems.append(f"text must be a text number from 1 to {len(infos)}, not {text_number!r}")
    else:
        info = infos[text_number - 1]

    choice_problems, labels = _choices(question.get("choices", []), kind)
    problems += choice_problems
    word_limit = question.get("word_limit")
    if word_limit is not None and (not _is_whole(word_limit) or word_limit < 1):
        problems.append("word_limit must be a whole number of words")
    if kind == "summary" and word_limit is None:
        problems.append("a summary needs a word_limit")
    if info is None:
        return problems

    if check_references:
        problems += _reference_problems(question, info, infos)
    if _is_whole(max_points) and max_points >= 1:
        # The file's other problems are English for whoever writes exam files; so
        # are the scoring data's (exam/problems.py's messages, untranslated).
        with translation.override("en"):
            problems += validate_scoring(
                kind=kind,
                scoring=question.get("scoring", {}),
                max_points=max_points,
                labels=labels,
                paragraph_count=info.paragraph_count,
                lines=info.lines,
            )
    return problems


def _choices(choices, kind: str) -> tuple[list[str], dict[str, list[str]]]:
    if not isinstance(choices, list):
        return ["choices must be a list"], {}
    problems: list[str] = []
    labels: dict[str, list[str]] = {}
    allowed = kinds.get(kind).roles
    for choice in choices:
        if not isinstance(choice, dict):
            problems.append("a choice must be an object")
            continue
        role, label = choice.get("role", "option"), choice.get("label")
        if role not in ROLES:
            problems.append(f"choice role must be one of {', '.join(ROLES)}, not {role!r}")
            continue
        if role not in allowed:
            problems.append(f"a {kind} question has no choices of role {role!r}")
        if not isinstance(label, str) or not label.strip() or len(label) > MAX_LABEL_LENGTH:
            problems.append(f"a {role} has no label (at most {MAX_LABEL_LENGTH} characters)")
            continue
        if label in labels.get(role, []):
            problems.append(f"{role} label {label!r} is used twice")
            continue
        if not isinstance(choice.get("content"), str) or not choice["content"].strip():
            problems.append(f"{role} {label} has no content")
        labels.setdefault(role, []).append(label)
    return problems, labels


def _texts_of(question: dict) -> Iterable[tuple[str, str]]:
    for field in ("stem", "model_answer", "explanation"):
        if isinstance(question.get(field), str):
            yield field, question[field]
    for choice in question.get("choices") or []:
        if isinstance(choice, dict) and isinstance(choice.get("content"), str):
            yield f"{choice.get('role', 'option')} {choice.get('label')}", choice["content"]


def _english(problem: Problem, texts: dict[int, TextInfo], info: TextInfo, prefix: str) -> str:
    """A reference problem as the loader's English report words it."""
    where, params = problem.field, problem.params
    written = params.get("reference", "")
    if problem.code == BACKWARDS:
        return f"{prefix}{where} refers to {written}, which runs backwards"
    if problem.code == TEXT_OUTSIDE:
        return f"{prefix}{where} refers to {written}, but the exam has {len(texts)} texts"
    if problem.code == QUOTE_NOT_ON_LINES:
        return f"{prefix}{where} quotes {params['quote']!r}, which is not on {written}"
    if problem.code == LINE_OUTSIDE:
        return f"{prefix}{where} refers to {written}, but the text has {params['count']} lines"
    if problem.code == PARAGRAPH_OUTSIDE:
        return f"{prefix}{where} refers to {written}, but the text has {params['count']} paragraphs"
    if problem.code == LINES_UNREADABLE:
        return f"answer_lines {params['value']!r} is not a line range such as 85-91"
    return (
        f"answer_lines {params.get('value', '')!r} is outside lines 1-{info.line_count}"
        " or runs backwards"
    )


def question_reference_problems(
    question: dict, info: TextInfo, texts: dict[int, TextInfo]
) -> list[Problem]:
    """The references and quotations in a question's prose (and its answer lines) that
    do not fit its text `info` or the exam's `texts` (by position), as problems."""
    problems = []
    for where, text in _texts_of(question):
        problems += reference_problems(text, info, field=where, texts=texts)
    answer_lines = question.get("answer_lines")
    if answer_lines not in (None, ""):
        problems += answer_lines_problems(str(answer_lines), info)
    return problems


def _reference_problems(question: dict, info: TextInfo, infos: list[TextInfo]) -> list[str]:
    """exam.references' problems, as the loader's English report words them."""
    by_position = dict(enumerate(infos, start=1))
    return [
        _english(problem, by_position, info, "")
        for problem in question_reference_problems(question, info, by_position)
    ]


def reference_problems_by_question(data: dict, *, texts: Sequence) -> list[tuple[int, Problem]]:
    """Every reference and quotation of the exam that does not fit its texts, with the
    number of the question it stands in (a shared context's: its first question).
    What validate_exam_data(check_references=False) finds wrong besides is left to it:
    a question or context too malformed to place is skipped here."""
    infos = [TextInfo.of(text) for text in texts]
    by_position = dict(enumerate(infos, start=1))
    questions = [q for q in data.get("questions") or [] if isinstance(q, dict)]
    found = []
    text_of = {}
    for question in questions:
        number, text_number = question.get("number"), question.get("text")
        if _is_whole(number) and _is_whole(text_number) and text_number in by_position:
            text_of[number] = by_position[text_number]
            found += [
                (number, problem)
                for problem in question_reference_problems(
                    question, by_position[text_number], by_position
                )
            ]
    for context in data.get("contexts") or []:
        first = context.get("first") if isinstance(context, dict) else None
        body = context.get("body") if isinstance(context, dict) else None
        if first in text_of and isinstance(body, str):
            found += [
                (first, problem)
                for problem in reference_problems(
                    body, text_of[first], field="body", texts=by_position
                )
            ]
    return found
