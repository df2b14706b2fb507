"""A stand-in for exam.papers.importing (issue 12) for the import pages' tests: it
records each call and builds a small draft exam with a report of the shape the real
importer returns (per question number, kind, certainty, notes; paper problems).

And the complete small exam of tests/papers/ (two texts, twelve questions), imported
through the real importer, for the tests that take it.
"""

import sys
import types
from pathlib import Path

from exam import authoring
from exam.papers.importing import import_papers
from tests.exam_builders import build_exam
from texts.services import import_text

PDF = b"%PDF-1.4\n% een klein proefbestand\n"

REPORT_QUESTIONS = [
    {"number": 1, "kind": "mc", "certainty": "high", "notes": []},
    {"number": 2, "kind": "open", "certainty": "low", "notes": [("points_missing", {})]},
    {
        "number": 3,
        "kind": "statements",
        "certainty": "none",
        "notes": [("points_differ", {"booklet": 2, "scheme": 3}), ("brand_new_code", {"x": 7})],
    },
]


def fake_report(questions=REPORT_QUESTIONS, problems=()):
    """A report object with the attributes exam.papers' ImportReport has."""
    rows = [types.SimpleNamespace(**row) for row in questions]
    return types.SimpleNamespace(questions=rows, problems=list(problems))


class FakeImporter:
    """Stands in for exam.papers.importing: records each call, builds a draft."""

    def __init__(self):
        self.calls = []
        self.error = None

    def import_papers(self, *, question_pdf, scheme_pdf, texts, author, title, text_booklet=None):
        self.calls.append(
            {
                "question_pdf": question_pdf,
                "scheme_pdf": scheme_pdf,
                "texts": texts,
                "title": title,
                "text_booklet": text_booklet,
            }
        )
        if self.error is not None:
            raise self.error
        exam = build_exam(
            author=author,
            text=texts[0],
            kinds=["mc", "open", "statements"],
            count=3,
            published=False,
            title=title,
        )
        # The real importer stores its report with the draft (record_import).
        report = fake_report()
        return authoring.record_import(exam=exam, report=report), report


def imported_draft(*, author, text, problems=()):
    """A three-question draft recorded as imported with fake_report: every question
    waits for the teacher's confirmation."""
    exam = build_exam(
        author=author,
        text=text,
        kinds=["mc", "open", "statements"],
        count=3,
        published=False,
        title="Geïmporteerd",
    )
    return authoring.record_import(exam=exam, report=fake_report(problems=problems))


def install_fake_importer(monkeypatch) -> FakeImporter:
    """Put a FakeImporter where the import page looks up exam.papers.importing (the
    live server of a browser test runs in this process, so it sees it too)."""
    fake = FakeImporter()
    module = types.ModuleType("exam.papers.importing")
    module.import_papers = fake.import_papers
    monkeypatch.setitem(sys.modules, "exam.papers.importing", module)
    return fake


PAPERS = Path(__file__).parent / "papers"
COMPLETE_TEXTS = ("leve-de-verveling.txt", "het-nut-van-de-nacht.txt")


def paper(name: str) -> str:
    """One of the complete small exam's papers (tests/papers/), as text."""
    return (PAPERS / name).read_text(encoding="utf-8")


def import_complete_exam(*, author, title: str = "CE Nederlands havo 2026 (proef)"):
    """The complete small exam (tests/papers/) imported through the real importer
    from its pasted papers over its two texts, every question confirmed, published."""
    texts = [import_text(raw=paper(name), publish=True) for name in COMPLETE_TEXTS]
    exam, _report = import_papers(
        question_pdf=paper("opgaven.txt"),
        scheme_pdf=paper("correctievoorschrift.txt"),
        texts=texts,
        author=author,
        title=title,
    )
    for question in exam.questions.all():
        authoring.confirm_question(question=question)
    return authoring.publish_exam(exam=exam)
