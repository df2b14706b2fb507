"""Time importing a 10-page PDF text booklet (issue 11): target under 5 s.

    .venv/bin/python -m bench.bench_pdf_booklet [--runs N]

The booklet is made here with the test suite's builder (reportlab): a cover and four
texts of 110-170 lines in two columns, margin numbers, footnotes, a picture, a footer on
every page. Measured in one process, side by side:

- the baseline: PDFium's own plain text of every page (`get_text_range`), the
  cheapest way to read the same file (it loses columns and fonts, which is why we
  do more); and, if it is installed, pdfplumber's `extract_text()` once, the
  library we tried first;
- `read_pdf`: the characters with box, size and font (PDFium, pypdfium2);
- `parse_booklet`: our pure part, characters to texts;
- the whole import: read + parse + save of all texts, on a throwaway database;
- peak memory of an import (tracemalloc).
"""

import argparse
import io
import os
import tracemalloc

from bench.timing import median_seconds

TARGET_S = 5.0


def make_booklet() -> bytes:
    from tests.booklet_builders import SampleBooklet, SampleText, build_booklet_pdf

    def text(n: int, paragraph_count: int) -> SampleText:
        paragraphs = [
            [
                f"regel {p * 10 + i} van tekst {n}, twitteraars^1"
                if (p, i) == (0, 2)
                else f"regel {p * 10 + i} van tekst {n} met CO_2 erin"
                for i in range(1, 11)
            ]
            for p in range(paragraph_count)
        ]
        return SampleText(
            title=f"Tekst nummer {n}",
            paragraphs=paragraphs,
            trailer=["naar: Anna de Vries", "uit: Trouw, 1 mei 2020", "noot 1 een noot"],
        )

    booklet = SampleBooklet(
        texts=[text(n, count) for n, count in enumerate([17, 11, 11, 11], start=1)],
        lines_per_column=40,
        picture_on_page=2,
    )
    return build_booklet_pdf(booklet)


def main(runs: int = 5) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    import pypdfium2 as pdfium
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from texts.pdf_booklet import parse_booklet, read_booklet, read_pdf
    from texts.services import save_booklet

    data = make_booklet()

    def baseline():
        pdf = pdfium.PdfDocument(data)
        for index in range(len(pdf)):
            pdf[index].get_textpage().get_text_range()
        pdf.close()

    def pdfplumber_text():
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()

    pages = read_pdf(data)
    booklet = parse_booklet(pages)
    figures = {
        "pages": len(pages),
        "texts": len(booklet.texts),
        "lines": sum(len(t.parsed.lines) for t in booklet.texts),
        "kb": len(data) // 1024,
        "baseline_s": median_seconds(baseline, runs),
        "read_s": median_seconds(lambda: read_pdf(data), runs),
        "parse_s": median_seconds(lambda: parse_booklet(pages), runs),
    }
    try:
        figures["pdfplumber_s"] = median_seconds(pdfplumber_text, 1)
    except ImportError:
        figures["pdfplumber_s"] = None
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:

        def whole():
            chosen = [(t, t.parsed.title) for t in read_booklet(data).texts]
            save_booklet(texts=chosen)

        figures["import_s"] = median_seconds(whole, runs)
        tracemalloc.start()
        whole()
        figures["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    verdict = "OK" if figures["import_s"] < TARGET_S else "OVER"
    print(
        f"Booklet: {figures['pages']} pages, {figures['kb']} KB, {figures['texts']} texts, "
        f"{figures['lines']} lines; medians of {runs}"
    )
    print(f"  baseline: PDFium plain text           {figures['baseline_s']:6.2f} s")
    if figures["pdfplumber_s"] is not None:
        print(f"  pdfplumber extract_text() (one run)   {figures['pdfplumber_s']:6.2f} s")
    print(f"  read_pdf (characters, fonts)          {figures['read_s']:6.2f} s")
    print(f"  parse_booklet (ours, pure)            {figures['parse_s']:6.2f} s")
    print(
        f"  import: read + parse + save           {figures['import_s']:6.2f} s"
        f"   target < {TARGET_S:.0f} s   {verdict}"
    )
    print(
        f"  import / baseline                     {figures['import_s'] / figures['baseline_s']:6.2f}x"
    )
    print(f"  peak memory of an import              {figures['peak_mb']:6.1f} MB")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    main(parser.parse_args().runs)
