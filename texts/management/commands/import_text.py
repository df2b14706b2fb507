"""python manage.py import_text FILE [--title T] [--publish]

The shell's way to the same import as the upload page: decode, parse, save, with
the same messages. Bad input stops with an error and saves nothing.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from texts.forms import ACCEPTED_EXTENSIONS, TextUploadForm, decode_text
from texts.messages import error_message, warning_message
from texts.parsing import ParseError, parse_text
from texts.services import save_parsed_text


class Command(BaseCommand):
    help = "Import a booklet text from a plain text file (.txt or .md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the text file to import")
        parser.add_argument("--title", default="", help="use this title instead of the text's")
        parser.add_argument("--publish", action="store_true", help="publish the text at once")

    def handle(self, *args, file: str, title: str, publish: bool, **options):
        path = Path(file)
        if path.suffix.lower() not in ACCEPTED_EXTENSIONS:
            raise CommandError(str(TextUploadForm.error_messages["wrong_type"]))
        max_bytes = settings.TEXT_UPLOAD_MAX_BYTES
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise CommandError(
                _("%(file)s cannot be read: %(reason)s") % {"file": file, "reason": exc.strerror}
            ) from exc
        try:
            raw = decode_text(data)
            parsed = parse_text(raw)
        except ParseError as err:
            raise CommandError(error_message(err)) from err
        text = save_parsed_text(parsed=parsed, raw=raw, title=title, publish=publish)

        self.stdout.write(
            self.style.SUCCESS(
                _("Imported “%(title)s” (id %(pk)s, %(status)s).")
                % {"title": text.title, "pk": text.pk, "status": text.get_status_display()}
            )
        )
        self.stdout.write(_("Lines: %(count)s") % {"count": len(parsed.lines)})
        self.stdout.write(_("Paragraphs: %(count)s") % {"count": len(parsed.paragraph_numbers)})
        self.stdout.write(_("Footnotes: %(count)s") % {"count": len(parsed.footnotes)})
        for warning in parsed.warnings:
            self.stdout.write(
                self.style.WARNING(
                    _("Warning: %(message)s") % {"message": warning_message(warning)}
                )
            )
