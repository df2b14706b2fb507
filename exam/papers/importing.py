"""Import a question booklet and its marking scheme as an unpublished exam (Django side).

`import_papers` reads the papers (a PDF as bytes, or pasted text as str), hands their
text to the readers (exam/papers/booklet/ and scheme/), builds the exam data
(exam/papers/build/) over the chosen texts and creates the exam through the exam
loader, unpublished: the teacher reviews every question first. `import_papers_from` is
the same from papers already read, for tests and for a page that reads them itself.

The texts are either already imported (`texts`) or come as the exam board's text
booklet PDF in the same upload (`text_booklet`): it is read and saved through the
texts app's own booklet import (texts.pdf_booklet.read_booklet, texts.services.
save_booklet, as the admin's booklet upload), published, uploaded by the author, and
the exam is made over its texts in order. Everything happens in one transaction: a
refusal after the texts were saved leaves neither the texts nor the exam. The new
draft's report is stored with it and every question waits for the teacher's
confirmation (exam.authoring.record_import) whichever way it was imported.

It refuses, with a PaperImportError whose `message` is in the user's language, a
paper that is no readable PDF, a question booklet that its reader says is a marking
scheme, of another subject or without questions, a text booklet that cannot be read
or whose number of texts is not the question booklet's, and an exam the loader
refuses.
"""

from __future__ import annotations

from django.db import transaction

from exam.authoring.import_review import record_import
from exam.exam_data import reference_problems_by_question
from exam.loading import ExamDataError, booklet_view, create_exam_from_data
from exam.models import Exam
from exam.papers.build import build_exam_data
from exam.papers.build.values import ImportReport, TextFacts
from exam.papers.messages import paper_message
from exam.papers.pdf import PaperError, paper_text
from exam.papers.types import HIGH, LOW, MarkingScheme, QuestionBooklet
from texts.models import Text
from texts.parsing import ParseError
from texts.problem_messages import error_message
from texts.services import save_booklet

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


def check_question_booklet(booklet: QuestionBooklet) -> None:
    """Refuse a paper that is no question booklet (a marking scheme, another subject,
    no questions)."""
    for code, params in booklet.problems:
        if code in REFUSED:
            raise PaperImportError(code, **params)
    if not booklet.questions:
        raise PaperImportError("no_questions")


def read_text_booklet(data: bytes):
    """The texts of a text booklet PDF (texts.pdf_booklet.Booklet); a booklet that
    cannot be read is a PaperImportError with the texts app's own reason."""
    from texts.pdf_booklet import read_booklet

    try:
        return read_booklet(data)
    except ParseError as exc:
        raise PaperImportError("text_booklet_unreadable", reason=error_message(exc)) from exc


@transaction.atomic
def import_papers(
    *,
    question_pdf: bytes | str,
    scheme_pdf: bytes | str | None,
    texts: list[Text],
    author,
    title: str,
    text_booklet: bytes | None = None,
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
    warnings: list[tuple[str, dict]] = []
    if text_booklet is not None:
        if texts:
            raise PaperImportError("texts_and_booklet")
        texts, warnings = _save_text_booklet(text_booklet, booklet, author=author)
    return import_papers_from(
        booklet, scheme, texts=texts, author=author, title=title, problems=warnings
    )


def _save_text_booklet(
    data: bytes, booklet: QuestionBooklet, *, author
) -> tuple[list[Text], list[tuple[str, dict]]]:
    """The text booklet's texts, saved and published, in the booklet's order. The
    question booklet is read first, so a wrong paper is refused before anything is
    saved; a text booklet with another number of texts than the question booklet's
    "Tekst n" headings (the question booklet or the scheme chosen in its place reads
    as one text) is refused. The texts' warnings (a margin number not met, a skipped
    picture), which the admin's upload shows in its preview, come back for the
    report: ("text_booklet_warning", {"text": n, "title", "code", "params"})."""
    check_question_booklet(booklet)
    read = read_text_booklet(data)
    expected = max((t.number for t in booklet.texts), default=0)
    if expected and len(read.texts) != expected:
        raise PaperImportError("text_booklet_count", found=len(read.texts), expected=expected)
    chosen = [(text, text.parsed.title) for text in read.texts]
    warnings = [
        (
            "text_booklet_warning",
            {"text": n, "title": t.parsed.title, "code": w.code, "params": dict(w.params)},
        )
        for n, t in enumerate(read.texts, start=1)
        for w in t.parsed.warnings
    ]
    return save_booklet(texts=chosen, uploaded_by=author, publish=True), warnings


@transaction.atomic
def import_papers_from(
    booklet: QuestionBooklet,
    scheme: MarkingScheme | None,
    *,
    texts: list[Text],
    author,
    title: str,
    problems: list[tuple[str, dict]] = (),
) -> tuple[Exam, ImportReport]:
    check_question_booklet(booklet)
    if not texts:
        raise PaperImportError("no_texts")
    if len({text.pk for text in texts}) != len(texts):
        raise PaperImportError("texts_twice")
    if not title.strip():
        raise PaperImportError("no_title")
    facts = [text_facts(text, position) for position, text in enumerate(texts, start=1)]
    data, report = build_exam_data(booklet, scheme, texts=facts, title=title.strip())
    report.problems += list(problems)
    _note_reference_problems(data, report, texts)
    try:
        exam = create_exam_from_data(
            data=data, texts=list(texts), author=author, publish=False, check_references=False
        )
    except ExamDataError as exc:
        raise PaperImportError("exam_invalid", problems="; ".join(exc.problems)) from exc
    record_import(exam=exam, report=report)
    return exam, report


def _note_reference_problems(data: dict, report: ImportReport, texts: list[Text]) -> None:
    """A line reference or quotation that does not fit the chosen texts (a misread
    line, the wrong text chosen) does not refuse the import: the question is kept,
    uncertain, with a note; publishing checks the references again. The note keeps the
    problem's code and params, so the report words it in the reader's language."""
    views = [booklet_view(text) for text in texts]
    rows = {row.number: row for row in report.questions}
    for number, problem in reference_problems_by_question(data, texts=views):
        note = {"field": problem.field, "code": problem.code, "params": dict(problem.params)}
        row = rows.get(number)
        if row is None:
            report.problems.append(("reference_not_checked", note))
            continue
        row.notes.append(("reference_not_checked", note))
        if row.certainty == HIGH:
            row.certainty = LOW
