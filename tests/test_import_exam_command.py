"""exam/papers/importing.py and `manage.py import_exam`: papers -> an unpublished exam.

The readers of the papers (exam/papers/booklet.py, scheme.py) are written apart; here
they are replaced by stand-ins that return hand-made values, so what is tested is the
reading of the files, the refusals, the building and the creating.
"""

from __future__ import annotations

import sys
import types
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from exam.models import Exam
from exam.papers import importing
from exam.papers.build import build_exam_data
from exam.papers.importing import PaperImportError, import_papers, import_papers_from
from exam.papers.types import (
    LOW,
    MarkingScheme,
    PaperChoice,
    PaperContext,
    PaperQuestion,
    PaperText,
    QuestionBooklet,
    SchemeElement,
    SchemeEntry,
)
from tests.booklet_builders import build_scan_pdf
from tests.paper_pdfs import render_paper
from texts.services import import_text

RAW = """Stille bieb

(1) In de bibliotheek van ons dorp is het stil geworden.
Wie leest er nog een boek als de telefoon altijd roept?

(2) Toch komen er elke zaterdag kinderen voor de voorleesclub.
Strikt genomen is lezen geen hobby meer, maar een punt van zorg.

(3) De gemeente wil de bieb sluiten om geld te besparen.
Ouders protesteren: zonder bieb geen leesplezier voor de kinderen.
"""

QUESTIONS_TEXT = """\
Tekst 1 Stille bieb
1p 1 Wat is de functie van alinea 2?
  A een oorzaak noemen
  B een tegenstelling geven
  C een voorbeeld geven
2p 2 Leg uit waarom de ouders protesteren.
1p 3 Citeer de zin waarin de schrijver zijn zorg uitspreekt.
"""


def option(label):
    return PaperChoice("option", label, f"mogelijkheid {label}")


def booklet(**changes) -> QuestionBooklet:
    values = {
        "texts": [PaperText(1, "Stille bieb")],
        "questions": [
            PaperQuestion(
                1, 1, 1, "Wat is de functie van alinea 2?", "mc", choices=[option(x) for x in "ABC"]
            ),
            PaperQuestion(2, 1, 2, "Leg uit waarom de ouders protesteren.", "open"),
            PaperQuestion(
                3, 1, 1, "Citeer de zin waarin de schrijver zijn zorg uitspreekt.", "citation"
            ),
        ],
        "contexts": [PaperContext(2, 3, "Lees bij de volgende vragen alinea 3.")],
    }
    return QuestionBooklet(**(values | changes))


def scheme() -> MarkingScheme:
    return MarkingScheme(
        entries={
            1: SchemeEntry(1, 1, "B", key="B"),
            2: SchemeEntry(
                2,
                3,
                "• de bieb gaat dicht 1\n• geen leesplezier voor kinderen 1",
                elements=[
                    SchemeElement("de bieb gaat dicht", 1),
                    SchemeElement("geen leesplezier voor kinderen", 1),
                ],
                certainty=LOW,
            ),
            3: SchemeEntry(
                3,
                1,
                "“Strikt genomen ... zorg.” (regels 7-8)",
                quotation="Strikt genomen is lezen geen hobby meer, maar een punt van zorg.",
                lines="(regels 7-8)",
            ),
        }
    )


@pytest.fixture
def text(db):
    return import_text(raw=RAW, publish=True)


@pytest.fixture
def readers(monkeypatch):
    """Stand-ins for the readers; they record the text they were given."""
    seen: dict[str, str] = {}
    made = {"booklet": booklet(), "scheme": scheme()}

    def read_question_booklet(text):
        seen["booklet"] = text
        return made["booklet"]

    def read_marking_scheme(text):
        seen["scheme"] = text
        return made["scheme"]

    for name, function in (
        ("exam.papers.booklet", read_question_booklet),
        ("exam.papers.scheme", read_marking_scheme),
    ):
        module = types.ModuleType(name)
        setattr(module, function.__name__, function)
        monkeypatch.setitem(sys.modules, name, module)
    return seen, made


def run(*args) -> str:
    out = StringIO()
    with translation.override("nl"):
        call_command("import_exam", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_import_papers_from_makes_an_unpublished_exam(text, teacher):
    exam, report = import_papers_from(
        booklet(), scheme(), texts=[text], author=teacher, title="CE 2026 tijdvak 1"
    )
    assert (exam.title, exam.is_published, exam.author) == ("CE 2026 tijdvak 1", False, teacher)
    questions = list(exam.questions.order_by("number"))
    assert [(q.number, q.kind, q.max_points) for q in questions] == [
        (1, "mc", 1),
        (2, "open", 2),
        (3, "citation", 1),
    ]
    assert questions[0].scoring == {"key": "B"}
    assert [c.label for c in questions[0].choices.order_by("position")] == ["A", "B", "C"]
    assert questions[2].answer_lines == "7-8"
    assert exam.contexts.get().first_number == 2
    assert report.question(2).notes[0] == ("points_differ", {"booklet": 2, "scheme": 3})
    assert report.question(2).certainty == LOW


@pytest.mark.parametrize(
    "code", ["looks_like_marking_scheme", "other_subject", "no_questions", "not_a_question_booklet"]
)
def test_a_booklet_that_is_no_question_booklet_is_refused(text, teacher, code):
    with pytest.raises(PaperImportError) as caught:
        import_papers_from(
            booklet(problems=[(code, {})]), scheme(), texts=[text], author=teacher, title="T"
        )
    assert caught.value.code == code
    assert not Exam.objects.exists()


def test_no_questions_no_texts_a_text_twice_no_title(text, teacher):
    for papers, texts, title, code in (
        (booklet(questions=[]), [text], "T", "no_questions"),
        (booklet(), [], "T", "no_texts"),
        (booklet(), [text, text], "T", "texts_twice"),
        (booklet(), [text], "  ", "no_title"),
    ):
        with pytest.raises(PaperImportError) as caught:
            import_papers_from(papers, scheme(), texts=texts, author=teacher, title=title)
        assert caught.value.code == code
    assert not Exam.objects.exists()


def test_a_reference_outside_the_text_keeps_the_question_with_a_note(text, teacher):
    bad = booklet(questions=[PaperQuestion(1, 1, 1, "Wat staat in regel 40?", "open")], contexts=[])
    exam, report = import_papers_from(bad, scheme(), texts=[text], author=teacher, title="T")
    assert exam.questions.count() == 1
    (row,) = report.questions
    assert row.certainty != "high"
    assert row.notes[-1:] == [
        (
            "reference_not_checked",
            {
                "field": "stem",
                "code": "reference_line_outside",
                "params": {"reference": "regel 40", "count": text.lines.count()},
            },
        )
    ]


def test_an_exam_the_loader_refuses_is_refused_with_its_problems(text, teacher, monkeypatch):
    def no_points(*args, **kwargs):
        data, report = build_exam_data(*args, **kwargs)
        data["questions"][0]["max_points"] = 0
        return data, report

    monkeypatch.setattr(importing, "build_exam_data", no_points)
    with pytest.raises(PaperImportError) as caught:
        import_papers_from(booklet(), scheme(), texts=[text], author=teacher, title="T")
    assert caught.value.code == "exam_invalid"
    assert "maximum points" in caught.value.message
    assert not Exam.objects.exists()


def test_import_papers_reads_pdfs_and_pasted_text(text, teacher, readers):
    seen, _ = readers
    exam, report = import_papers(
        question_pdf=render_paper(QUESTIONS_TEXT),
        scheme_pdf="1 maximumscore 1\nB",
        texts=[text],
        author=teacher,
        title="T",
    )
    assert "1p 1 Wat is de functie van alinea 2?" in seen["booklet"].split("\n")
    assert seen["scheme"] == "1 maximumscore 1\nB"
    assert exam.questions.count() == 3
    assert report.fallbacks == []


def test_the_command_prints_the_report_and_the_exam(text, teacher, readers, tmp_path):
    questions = tmp_path / "opgaven.pdf"
    questions.write_bytes(render_paper(QUESTIONS_TEXT))
    scheme_file = tmp_path / "correctievoorschrift.txt"
    scheme_file.write_text("1 maximumscore 1\nB\n", encoding="utf-8")

    output = run(
        questions, "--scheme", scheme_file, "--text", text.pk, "--author", teacher.username
    )

    exam = Exam.objects.get()
    assert exam.title == "opgaven"
    assert not exam.is_published
    lines = output.splitlines()
    assert "  1  mc          high" in lines
    assert any(
        line.startswith("  2  open        low   points_differ(booklet=2, scheme=3)")
        for line in lines
    )
    assert f"(id {exam.pk})" in lines[-1]


def test_the_command_without_a_scheme_marks_every_question(text, teacher, readers, tmp_path):
    questions = tmp_path / "opgaven.pdf"
    questions.write_bytes(render_paper(QUESTIONS_TEXT))
    output = run(questions, "--text", text.pk, "--author", teacher.username, "--title", "Zonder")
    assert "scheme_missing" in output
    assert Exam.objects.get().questions.filter(kind="open").count() == 3
    assert "fallback(reason=no_scheme_entry)" in output


@pytest.mark.parametrize(
    ("name", "data", "dutch"),
    [
        ("scan.pdf", build_scan_pdf(), "scan"),
        ("opgaven.pdf", b"Dit is geen PDF.", "beschadigd"),
        ("opgaven.docx", b"PK\x03\x04", ".pdf"),
    ],
    ids=["scan", "not-a-pdf", "wrong-type"],
)
def test_the_command_refuses_what_it_cannot_read(
    text, teacher, readers, tmp_path, name, data, dutch
):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as caught:
        run(path, "--text", text.pk, "--author", teacher.username)
    assert dutch in str(caught.value)
    assert not Exam.objects.exists()
    assert readers[0] == {}


def test_the_command_refuses_a_marking_scheme_as_question_booklet(text, teacher, readers, tmp_path):
    readers[1]["booklet"] = booklet(problems=[("looks_like_marking_scheme", {})])
    path = tmp_path / "correctievoorschrift.pdf"
    path.write_bytes(render_paper("1 maximumscore 1\nB"))
    with pytest.raises(CommandError) as caught:
        run(path, "--text", text.pk, "--author", teacher.username)
    assert "correctievoorschrift" in str(caught.value)
    assert not Exam.objects.exists()


def test_the_command_refuses_an_unknown_text_or_author(text, teacher, tmp_path):
    path = tmp_path / "opgaven.txt"
    path.write_text(QUESTIONS_TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="999"):
        run(path, "--text", 999, "--author", teacher.username)
    with pytest.raises(CommandError, match="niemand"):
        run(path, "--text", text.pk, "--author", "niemand")


def test_the_command_refuses_the_same_text_twice_in_dutch(text, teacher, tmp_path):
    path = tmp_path / "opgaven.txt"
    path.write_text(QUESTIONS_TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="maar één keer in het examen"):
        run(path, "--text", text.pk, "--text", text.pk, "--author", teacher.username)
    assert not Exam.objects.exists()
