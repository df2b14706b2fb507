"""What is wrong with a question booklet as a whole (no Django): a marking scheme or
a paper of another subject in its place, the text booklet, no questions, or the
cover's figures against what was read.
"""

from __future__ import annotations

import re

from exam.papers.types import QuestionBooklet

# Exam instructions of a Dutch reading paper, for "is this another subject?".
_DUTCH_READING = re.compile(
    r"\bciteer\b|\balinea\b|\bnoteer\s+alleen\b|\bjuist\b.*\bonjuist\b|\bvolledige\s+zinnen\b"
    r"|\bmaximaal\s+\S+\s+woorden\b|\bregels?\s+\d|\bde\s+(?:schrijver|auteur)\b|\btekst\s+\d"
)
_QUESTION_COUNT = re.compile(r"\bbestaat\s+uit\s+(\d{1,2})\s+vragen\b", re.IGNORECASE)
_POINTS_TOTAL = re.compile(r"\bmaximaal\s+(\d{1,3})\s+punten\b", re.IGNORECASE)
SCHEME_LINE = re.compile(r"^(?:\d{1,2}\s+)?maximumscore\s+\d", re.IGNORECASE)
_SCHEME_WORD = re.compile(r"\bcorrectievoorschrift\b|\bscoringsvoorschrift\b", re.IGNORECASE)


def paper_problems(text: str, lines: list[str], booklet: QuestionBooklet) -> list[tuple[str, dict]]:
    problems: list[tuple[str, dict]] = []
    scheme_lines = sum(1 for line in lines if SCHEME_LINE.match(line))
    if scheme_lines or _SCHEME_WORD.search(text):
        problems.append(("looks_like_marking_scheme", {"maximumscore_lines": scheme_lines}))
    # Another subject: some text (a few stray words are just too little to tell), no
    # "Tekst n" headings and no phrase of a Dutch reading paper.
    enough = bool(booklet.questions) or len(text.split()) >= 30
    if (
        enough
        and not booklet.texts
        and not scheme_lines
        and not _DUTCH_READING.search(text.lower())
    ):
        problems.append(("other_subject", {}))
    if not booklet.questions:
        if booklet.texts and not scheme_lines:
            # "Tekst 1 ..." headings and no question: the text booklet ("bijlage").
            problems.append(("not_a_question_booklet", {}))
        problems.append(("no_questions", {}))
    printed = _QUESTION_COUNT.search(text)
    if booklet.questions and printed and int(printed[1]) != len(booklet.questions):
        # The cover's "Dit examen bestaat uit 24 vragen": a question was not found.
        found = len(booklet.questions)
        problems.append(("question_count_differs", {"printed": int(printed[1]), "found": found}))
    total = _POINTS_TOTAL.search(text)
    points = [q.points for q in booklet.questions]
    if points and None not in points and total and int(total[1]) != sum(points):
        # The cover's "maximaal 49 punten": a question or its points were not found.
        problems.append(("points_total_differs", {"printed": int(total[1]), "found": sum(points)}))
    return problems
