"""Time importing a 40-question exam with its marking scheme (issue 12): target under 10 s.

    .venv/bin/python -m bench.bench_import_exam [--runs N]

Everything is generated here: a text of 120 lines, a question booklet of 40 questions
(every kind, "2p" in the margin, options indented, furniture on every page) and its
marking scheme as text and as PDFs (the test suite's reportlab layout,
tests/paper_pdfs.py), and the QuestionBooklet/MarkingScheme values they stand for.
Measured in one process, medians of N:

- `paper_text` of both PDFs (PDFium);
- the readers (`read_question_booklet`, `read_marking_scheme`) on that text, when they
  are importable (they are written apart);
- `build_exam_data` (pure) on the generated values;
- the whole import after reading: build + `create_exam_from_data` on a throwaway
  database (`import_papers_from`), and with the readers the whole of `import_papers`.
"""

from __future__ import annotations

import argparse
import os

from bench.timing import median_seconds

TARGET_S = 10.0
QUESTIONS = 40
KINDS = ("mc", "open", "statements", "multi", "paragraph", "citation", "matching", "gap")
WORDS = [
    "de",
    "gemeente",
    "wil",
    "de",
    "bibliotheek",
    "sluiten",
    "omdat",
    "lezen",
    "minder",
    "populair",
    "wordt",
]


def text_raw(lines: int = 120) -> str:
    paragraphs = []
    for p in range(1, lines // 10 + 1):
        body = "\n".join(" ".join(WORDS[(i + p) % 5 :][:6]) for i in range(10))
        paragraphs.append(f"({p}) {body}")
    return "Een lange proeftekst\n\n" + "\n\n".join(paragraphs) + "\n"


def papers(lines: list[tuple[int, str]]):
    """The generated booklet and scheme: as values, and as the text they print."""
    from exam.papers.types import (
        MarkingScheme,
        PaperChoice,
        PaperQuestion,
        PaperText,
        QuestionBooklet,
        SchemeElement,
        SchemeEntry,
    )

    booklet = QuestionBooklet(texts=[PaperText(1, "Een lange proeftekst")])
    scheme = MarkingScheme()
    printed = ["Tekst 1 Een lange proeftekst", ""]
    answers: list[str] = []
    quote = lines[20][1]
    for n in range(1, QUESTIONS + 1):
        kind = KINDS[(n - 1) % len(KINDS)]
        points = 2 if kind in ("open", "statements") else 1
        choices: list = []
        entry = SchemeEntry(n, points, "")
        stem = f"Wat bedoelt de schrijver met zijn opmerking in alinea {n % 10 + 1}?"
        if kind == "mc":
            choices = [PaperChoice("option", x, f"mogelijkheid {x} bij vraag {n}") for x in "ABCD"]
            entry.key, entry.model_answer = "C", "C"
        elif kind == "multi":
            choices = [PaperChoice("option", x, f"uitspraak {x}") for x in "12345"]
            stem = "Welke twee uitspraken passen bij de tekst? Noteer alleen de nummers."
            entry.keys, entry.model_answer = ["2", "4"], "2, 4"
            points = entry.max_points = 2
        elif kind == "statements":
            choices = [PaperChoice("statement", x, f"bewering {x}") for x in "1234"]
            entry.answers = [("1", "juist"), ("2", "onjuist"), ("3", "juist"), ("4", "juist")]
            entry.table = {4: 2, 3: 1, 2: 0}
            entry.model_answer = "1 juist 2 onjuist 3 juist 4 juist"
        elif kind == "matching":
            choices = [PaperChoice("item", x, f"kenmerk {x}") for x in "abc"]
            choices += [PaperChoice("target", x, f"alinea {x}") for x in "123"]
            entry.answers = [("a", "2"), ("b", "3"), ("c", "1")]
            entry.table = {3: 1, 2: 0}
            entry.model_answer = "a 2 b 3 c 1"
        elif kind == "paragraph":
            entry.accepted, entry.model_answer = ["4"], "alinea 4"
        elif kind == "citation":
            stem = "Citeer de zin waarin de schrijver zijn standpunt geeft."
            entry.quotation, entry.lines = quote, "(regel 21)"
            entry.model_answer = f"“{quote}” (regel 21)"
        elif kind == "gap":
            entry.accepted, entry.model_answer = ["bibliotheek", "bieb"], "bibliotheek / bieb"
        else:
            stem = "Leg uit waarom de gemeente de bibliotheek wil sluiten. Gebruik maximaal 25 woorden."
            entry.elements = [
                SchemeElement("lezen wordt minder populair", 1),
                SchemeElement("de gemeente wil geld besparen", 1),
            ]
            entry.remarks = ["Als het antwoord meer dan 25 woorden bevat, 1 scorepunt aftrekken."]
            entry.model_answer = (
                "• lezen wordt minder populair 1\n• de gemeente wil geld besparen 1"
            )
        question = PaperQuestion(n, 1, points, stem, kind, choices=choices)
        if kind == "open":
            question.word_limit = 25
        if kind == "multi":
            question.choose = 2
        booklet.questions.append(question)
        scheme.entries[n] = entry
        printed.append(f"{points}p {n} {stem}")
        printed += [f"  {c.label} {c.content}" for c in choices]
        answers += [f"{n} maximumscore {entry.max_points}", *entry.model_answer.split("\n")]
    printed.append("einde")
    return booklet, scheme, "\n".join(printed), "\n".join(["Tekst 1", *answers])


def main(runs: int = 5) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from exam.papers.build import build_exam_data
    from exam.papers.importing import import_papers, import_papers_from, text_facts
    from exam.papers.pdf import paper_text
    from tests.paper_pdfs import render_paper
    from texts.parsing import parse_text

    parsed = parse_text(text_raw())
    lines = [(line.number, line.plain) for line in parsed.lines]
    booklet, scheme, booklet_text, scheme_text = papers(lines)
    booklet_pdf, scheme_pdf = render_paper(booklet_text), render_paper(scheme_text)
    figures: dict = {
        "questions": len(booklet.questions),
        "booklet_kb": len(booklet_pdf) // 1024,
        "scheme_kb": len(scheme_pdf) // 1024,
        "pdf_s": median_seconds(lambda: (paper_text(booklet_pdf), paper_text(scheme_pdf)), runs),
        "readers_s": None,
        "papers_s": None,
    }
    try:
        from exam.papers.booklet import read_question_booklet
        from exam.papers.scheme import read_marking_scheme
    except ImportError:
        readers = None
    else:
        readers = (read_question_booklet, read_marking_scheme)
        figures["readers_s"] = median_seconds(
            lambda: (read_question_booklet(booklet_text), read_marking_scheme(scheme_text)), runs
        )
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from texts.services import import_text

        text = import_text(raw=text_raw(), publish=True)
        author = get_user_model().objects.create_user("bench", password="x")
        facts = [text_facts(text, 1)]
        data, report = build_exam_data(booklet, scheme, texts=facts, title="Bench")
        figures["fallbacks"] = len(report.fallbacks)
        figures["build_s"] = median_seconds(
            lambda: build_exam_data(booklet, scheme, texts=facts, title="Bench"), runs
        )
        figures["create_s"] = median_seconds(
            lambda: import_papers_from(booklet, scheme, texts=[text], author=author, title="B"),
            runs,
        )
        if readers:

            def whole():
                import_papers(
                    question_pdf=booklet_pdf,
                    scheme_pdf=scheme_pdf,
                    texts=[text],
                    author=author,
                    title="Bench",
                )

            figures["papers_s"] = median_seconds(whole, runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    whole_s = figures["papers_s"] or figures["pdf_s"] + figures["create_s"]
    verdict = "OK" if whole_s < TARGET_S else "OVER"
    print(
        f"Exam: {figures['questions']} questions, booklet {figures['booklet_kb']} KB, "
        f"scheme {figures['scheme_kb']} KB, {figures['fallbacks']} fallbacks; medians of {runs}"
    )
    print(f"  paper_text of both PDFs (PDFium)      {figures['pdf_s']:6.3f} s")
    if figures["readers_s"] is None:
        print("  readers                               not importable yet")
    else:
        print(f"  readers (booklet + scheme text)       {figures['readers_s']:6.3f} s")
    print(f"  build_exam_data (pure)                {figures['build_s']:6.3f} s")
    print(f"  build + create_exam_from_data         {figures['create_s']:6.3f} s")
    label = "import_papers (all)" if figures["papers_s"] else "PDF text + build + create"
    print(f"  {label:<37} {whole_s:6.3f} s   target < {TARGET_S:.0f} s   {verdict}")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    main(parser.parse_args().runs)
