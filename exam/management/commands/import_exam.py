"""python manage.py import_exam QUESTIONS.pdf [--scheme SCHEME.pdf]
(--text PK [--text PK ...] | --bijlage BOOKLET.pdf) --author USERNAME [--title T]

The shell's way to import a central exam's question booklet and marking scheme as an
unpublished exam over texts already imported (import_text), or over the texts of the
text booklet given with it (`--bijlage`, also `--text-booklet`), which are imported
and published first: prints the review report, per question its number, kind,
certainty and notes, and the new exam's id. A paper given as .txt is taken as pasted
text. Bad input stops with a message; nothing is saved. Like the import page, the
draft waits for a teacher to confirm every question before it can be published.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exam.papers.build.values import ImportReport
from exam.papers.importing import PaperImportError, import_papers
from exam.papers.messages import paper_message
from texts.models import Text

MAX_BYTES = 20 * 1024 * 1024


def read_file(name: str) -> bytes | str:
    """A .pdf as bytes, a .txt as its text (pasted text)."""
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".txt"):
        raise CommandError(paper_message("wrong_file_type"))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CommandError(paper_message("file_unreadable", {"file": name})) from exc
    if suffix == ".pdf":
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def format_notes(notes: list[tuple[str, dict]]) -> str:
    shown = []
    for code, params in notes:
        inner = ", ".join(f"{key}={value}" for key, value in params.items())
        shown.append(f"{code}({inner})" if inner else code)
    return "; ".join(shown)


class Command(BaseCommand):
    help = "Import a central exam's question booklet (and marking scheme) as an unpublished exam."

    def add_arguments(self, parser):
        parser.add_argument("questions", help="the question booklet (.pdf, or .txt pasted text)")
        parser.add_argument("--scheme", default=None, help="the marking scheme (.pdf or .txt)")
        parser.add_argument(
            "--text",
            dest="texts",
            action="append",
            type=int,
            default=[],
            help="the id of the exam's text, in order (repeat for every text)",
        )
        parser.add_argument(
            "--bijlage",
            "--text-booklet",
            dest="text_booklet",
            default=None,
            help="the text booklet (.pdf): its texts are imported and the exam made over them",
        )
        parser.add_argument("--author", required=True, help="the teacher's username")
        parser.add_argument("--title", default="", help="the exam's title")

    def handle(self, *args, questions, scheme, texts, text_booklet, author, title, **options):
        user = get_user_model().objects.filter(username=author).first()
        if user is None:
            raise CommandError(_("There is no user %(name)s.") % {"name": author})
        found = Text.objects.in_bulk(texts)
        missing = [pk for pk in texts if pk not in found]
        if missing:
            raise CommandError(
                _("There is no text with id %(ids)s.") % {"ids": ", ".join(map(str, missing))}
            )
        if text_booklet and texts:
            raise CommandError(paper_message("texts_and_booklet"))
        question_paper = read_file(questions)
        scheme_paper = read_file(scheme) if scheme else None
        booklet_paper = read_file(text_booklet) if text_booklet else None
        if isinstance(booklet_paper, str):
            raise CommandError(_("The text booklet must be the PDF (.pdf)."))
        try:
            exam, report = import_papers(
                question_pdf=question_paper,
                scheme_pdf=scheme_paper,
                texts=[found[pk] for pk in texts],
                author=user,
                title=title or Path(questions).stem,
                text_booklet=booklet_paper,
            )
        except PaperImportError as exc:
            raise CommandError(exc.message) from exc
        self.print_report(report)
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported “%(title)s” as an unpublished exam (id %(pk)s).")
                % {"title": exam.title, "pk": exam.pk}
            )
        )

    def print_report(self, report: ImportReport) -> None:
        for code, params in report.problems:
            self.stdout.write(_("Paper: %(notes)s") % {"notes": format_notes([(code, params)])})
        for row in report.questions:
            line = f"{row.number:>3}  {row.kind:<10}  {row.certainty:<4}"
            notes = format_notes(row.notes)
            self.stdout.write(f"{line}  {notes}".rstrip())
        self.stdout.write(
            _("Questions: %(count)s, to complete by hand: %(fallbacks)s")
            % {"count": len(report.questions), "fallbacks": len(report.fallbacks)}
        )
