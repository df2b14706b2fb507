"""python manage.py import_text FILE: the upload page's import, from the shell."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.booklet_builders import build_booklet_pdf, build_docx, build_scan_pdf, sample_booklet
from texts.forms import TextUploadForm
from texts.models import Text
from texts.parsing import ParseError, Warning
from texts.problem_messages import error_message, warning_message

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"


def run(*args) -> str:
    out = StringIO()
    call_command("import_text", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_it_imports_the_seed_and_reports_what_it_found(db, tmp_path, seed_raw):
    path = tmp_path / "brutalen.txt"
    path.write_text(seed_raw, encoding="utf-8")

    output = run(path)

    text = Text.objects.get()
    assert text.title == "Laat de brutalen niet voordringen"
    assert text.status == Text.Status.DRAFT
    assert text.lines.count() == 109
    assert text.lines.get(number=85).plain == "kapitaal (schoonheid, kracht en"
    assert "Laat de brutalen niet voordringen" in output
    # lines, paragraphs, footnotes
    assert re.findall(r": (\d+)$", output, re.M) == ["109", "5", "2"]


def test_it_can_set_the_title_and_publish(db, tmp_path, seed_raw):
    path = tmp_path / "brutalen.md"
    path.write_bytes(seed_raw.encode("utf-16"))

    run(path, "--title", "Voordringkanalen", "--publish")

    text = Text.objects.get()
    assert text.title == "Voordringkanalen"
    assert text.status == Text.Status.PUBLISHED


def test_it_prints_each_warning(db, tmp_path):
    path = tmp_path / "noot.txt"
    path.write_text("Titel\n\n(1) Een noot¹⁾ zonder uitleg.\n\nnoot 2 *iets*: iets anders\n")

    output = run(path)

    assert warning_message(Warning("marker_without_note", {"number": 1})) in output
    assert warning_message(Warning("note_without_marker", {"number": 2})) in output
    assert Text.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Titel\n\n\x81\x8d\x8f\n", "encoding"),
        (b"Titel\n\n(1)\n\nnaar: Kees", "no_lines"),
    ],
)
def test_a_bad_file_stops_with_the_clear_message_and_saves_nothing(db, tmp_path, content, code):
    path = tmp_path / "fout.txt"
    path.write_bytes(content)

    with pytest.raises(CommandError) as raised:
        run(path)

    assert str(raised.value) == error_message(ParseError(code))
    assert Text.objects.count() == 0


def test_a_file_over_one_megabyte_is_refused(db, tmp_path):
    path = tmp_path / "groot.txt"
    path.write_bytes(b"Een regel tekst.\n" * 70_000)

    with pytest.raises(CommandError) as raised:
        run(path)

    assert str(raised.value) == error_message(ParseError("too_large", max_kb=1024))
    assert Text.objects.count() == 0


def test_a_file_of_another_kind_is_refused_by_its_extension(db, tmp_path, seed_raw):
    path = tmp_path / "brutalen.odt"
    path.write_text(seed_raw)

    with pytest.raises(CommandError) as raised:
        run(path)

    assert str(raised.value) == str(TextUploadForm.error_messages["wrong_type"])
    assert Text.objects.count() == 0


def test_a_pdf_booklet_saves_every_text_and_prints_each_title_and_line_count(db, tmp_path):
    path = tmp_path / "tekstboekje.pdf"
    path.write_bytes(build_booklet_pdf(sample_booklet()))

    output = run(path, "--publish")

    assert sorted(Text.objects.values_list("title", "status")) == [
        ("De stad van morgen", "published"),
        ("Lezen is leuk", "published"),
    ]
    assert re.findall(r"“([^”]+)”[^(\n]*\(id", output) == ["De stad van morgen", "Lezen is leuk"]
    assert re.findall(r": (\d+)$", output, re.M) == ["32", "6"]
    assert warning_message(Warning("pdf_picture_skipped", {"page": 2})) in output


def test_a_word_file_is_imported_like_a_text(db, tmp_path):
    path = tmp_path / "tekst.docx"
    path.write_bytes(build_docx(["Woorden", "", "(1) Een korte regel.", "(2) Nog een."]))

    output = run(path)

    assert Text.objects.get().title == "Woorden"
    assert re.findall(r": (\d+)$", output, re.M) == ["2", "2", "0"]


def test_a_title_cannot_name_a_booklet_of_several_texts(db, tmp_path):
    path = tmp_path / "tekstboekje.pdf"
    path.write_bytes(build_booklet_pdf(sample_booklet()))

    with pytest.raises(CommandError):
        run(path, "--title", "Eén titel")

    assert Text.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("kapot.pdf", b"%PDF-1.4 kapot", "pdf_broken"),
        ("scan.pdf", build_scan_pdf(), "pdf_scan"),
        ("kapot.docx", b"PK geen zip", "docx_broken"),
    ],
)
def test_a_bad_document_stops_with_the_clear_message(db, tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError) as raised:
        run(path)

    assert str(raised.value) == error_message(ParseError(code))
    assert Text.objects.count() == 0


def test_a_missing_file_is_an_error_not_a_traceback(db, tmp_path):
    with pytest.raises(CommandError) as raised:
        run(tmp_path / "bestaat-niet.txt")

    assert "bestaat-niet.txt" in str(raised.value)


def test_from_the_shell_a_bad_file_exits_non_zero(tmp_path):
    path = tmp_path / "leeg.txt"
    path.write_bytes(b"")
    # A database of its own: the command must not touch the developer's one.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'shell.sqlite3'}"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings_test"

    result = subprocess.run(
        [sys.executable, str(MANAGE), "import_text", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )

    assert result.returncode != 0
    # The command speaks the site's language (Dutch), whatever an earlier test activated.
    with translation.override("nl"):
        assert error_message(ParseError("empty")) in result.stderr
    assert "Traceback" not in result.stderr
