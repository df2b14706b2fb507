"""Import a question booklet and its marking scheme as an unpublished exam (Django side).

`import_papers` reads the papers (a PDF as bytes, or pasted text as str), hands their
text to the readers (exam/papers/booklet.py and scheme.py), builds the exam data
(exam/papers/build.py) over the chosen texts and creates the exam through the exam
loader, unpublished: the teacher reviews every question first. `import_papers_from` is
the same from papers already read, for tests and for a page that reads them itself.

It refuses, with a PaperImportError whose `message` is in the user's language, a
paper that is no readable PDF, a question booklet that its reader says is a marking
scheme, of another subject or without questions, and an exam the loader refuses.
"""

from __future__ import annotations

import re

from exam.exam_data import validate_exam_data
from exam.loading import ExamDataError, booklet_view, create_exam_from_data
from exam.models import Exam
from exam.papers.build import ImportReport, TextFacts, build_exam_data
from exam.papers.messages import paper_message
from exam.papers.pdf import PaperError, paper_text
from exam.papers.types import HIGH, LOW, MarkingScheme, QuestionBooklet
from texts.models import Text

# The booklet's problems that mean it cannot be imported as a question booklet.
REFUSED = ("looks_like_marking_scheme", "not_a_question_booklet", "other_subject", "no_questions")


class PaperImportError(ValueError):
    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    @property
    def message(self) -> str:
        return paper_message(self.code, self.params)


def read_paper(paper: bytes | str) -> str:
    """A PDF's text (bytes), or pasted text (str) as it is."""
    if isinstance(paper, str):
        return paper
    try:
        return paper_text(paper)
    except PaperError as exc:
        raise PaperImportError(exc.code, **exc.params) from exc


def text_facts(text: Text, position: int) -> TextFacts:
    lines = tuple(text.lines.order_by("number").values_list("number", "plain"))
    return TextFacts(
        position=position,
        line_count=max((number for number, _ in lines), default=0),
        paragraph_count=text.paragraphs.count(),
        lines=lines,
    )


def import_papers(
    *,
    question_pdf: bytes | str,
    scheme_pdf: bytes | str | None,
    texts: list[Text],
    author,
    title: str,
) -> tuple[Exam, ImportReport]:
    question_text = read_paper(question_pdf)
    scheme_text = read_paper(scheme_pdf) if scheme_pdf is not None else None
    # The readers are imported here, so this module loads without them.
    from exam.papers.booklet import read_question_booklet

    booklet = read_question_booklet(question_text)
    scheme = None
    if scheme_text is not None:
        from exam.papers.scheme import read_marking_scheme

        scheme = read_marking_scheme(scheme_text)
    return import_papers_from(booklet, scheme, texts=texts, author=author, title=title)


def import_papers_from(
    booklet: QuestionBooklet,
    scheme: MarkingScheme | None,
    *,
    texts: list[Text],
    author,
    title: str,
) -> tuple[Exam, ImportReport]:
    for code, params in booklet.problems:
        if code in REFUSED:
            raise PaperImportError(code, **params)
    if not booklet.questions:
        raise PaperImportError("no_questions")
    if not texts:
        raise PaperImportError("no_texts")
    if not title.strip():
        raise PaperImportError("no_title")
    facts = [text_facts(text, position) for position, text in enumerate(texts, start=1)]
    data, report = build_exam_data(booklet, scheme, texts=facts, title=title.strip())
    _note_reference_problems(data, report, texts)
    try:
        exam = create_exam_from_data(
            data=data, texts=list(texts), author=author, publish=False, check_references=False
        )
    except ExamDataError as exc:
        raise PaperImportError("exam_invalid", problems="; ".join(exc.problems)) from exc
    return exam, report


_QUESTION_PROBLEM = re.compile(r"question (\d+): (.*)")


def _note_reference_problems(data: dict, report: ImportReport, texts: list[Text]) -> None:
    """A line reference or quotation that does not fit the chosen texts (a misread
    line, the wrong text chosen) does not refuse the import: the question is kept,
    uncertain, with a note; publishing checks the references again."""
    views = [booklet_view(text) for text in texts]
    everything = validate_exam_data(data, texts=views)
    without = set(validate_exam_data(data, texts=views, check_references=False))
    for problem in everything:
        if problem in without:
            continue
        match = _QUESTION_PROBLEM.match(problem)
        rows = [q for q in report.questions if match and q.number == int(match.group(1))]
        if rows:
            rows[0].notes.append(("reference_not_checked", {"problem": match.group(2)}))
            if rows[0].certainty == HIGH:
                rows[0].certainty = LOW
        else:
            report.problems.append(("reference_not_checked", {"problem": problem}))
