"""python manage.py import_text FILE [--title T] [--publish]

The shell's way to the same import as the upload page: decode, parse, save, with
the same messages. Bad input stops with an error and saves nothing. A PDF text
booklet saves every text in it (all or none) and prints each one's title and lines.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from texts.forms import ACCEPTED_EXTENSIONS, TextUploadForm, decode_text, is_document, read_document
from texts.parsing import ParseError, parse_text
from texts.pdf_booklet import Booklet
from texts.problem_messages import error_message, warning_message
from texts.services import save_booklet, save_parsed_text


class Command(BaseCommand):
    help = (
        "Import a booklet text from a text file (.txt, .md), a Word file (.docx) or a PDF booklet."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to import")
        parser.add_argument("--title", default="", help="use this title instead of the text's")
        parser.add_argument("--publish", action="store_true", help="publish the text at once")

    def handle(self, *args, file: str, title: str, publish: bool, **options):
        path = Path(file)
        if path.suffix.lower() not in ACCEPTED_EXTENSIONS:
            raise CommandError(str(TextUploadForm.error_messages["wrong_type"]))
        document = is_document(path.name)
        max_bytes = (
            settings.TEXT_UPLOAD_DOCUMENT_MAX_BYTES if document else settings.TEXT_UPLOAD_MAX_BYTES
        )
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise CommandError(
                _("%(file)s cannot be read: %(reason)s") % {"file": file, "reason": exc.strerror}
            ) from exc
        try:
            raw = read_document(path.name, data) if document else decode_text(data)
            if isinstance(raw, Booklet):
                return self._save_booklet(raw, title=title, publish=publish)
            parsed = parse_text(raw)
        except ParseError as err:
            raise CommandError(error_message(err)) from err
        text = save_parsed_text(parsed=parsed, raw=raw, title=title, publish=publish)
        self._report(text, parsed)
        self.stdout.write(_("Paragraphs: %(count)s") % {"count": len(parsed.paragraph_numbers)})
        self.stdout.write(_("Footnotes: %(count)s") % {"count": len(parsed.footnotes)})
        self._warnings(parsed)

    def _save_booklet(self, booklet: Booklet, *, title: str, publish: bool) -> None:
        if title and len(booklet.texts) > 1:
            raise CommandError(
                _("This booklet holds %(count)s texts: --title can only name a single text.")
                % {"count": len(booklet.texts)}
            )
        chosen = [(text, title or text.parsed.title) for text in booklet.texts]
        saved = save_booklet(texts=chosen, publish=publish)
        for (booklet_text, _title), text in zip(chosen, saved, strict=True):
            self.stdout.write(booklet_text.heading)
            self._report(text, booklet_text.parsed)
            self._warnings(booklet_text.parsed)

    def _report(self, text, parsed) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported “%(title)s” (id %(pk)s, %(status)s).")
                % {"title": text.title, "pk": text.pk, "status": text.get_status_display()}
            )
        )
        self.stdout.write(_("Lines: %(count)s") % {"count": len(parsed.lines)})

    def _warnings(self, parsed) -> None:
        for warning in parsed.warnings:
            self.stdout.write(
                self.style.WARNING(
                    _("Warning: %(message)s") % {"message": warning_message(warning)}
                )
            )
