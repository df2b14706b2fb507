"""Reads of texts for the pages: the list, duplicates of an upload, the exams that
use a text. Writes are in texts.services, who may see what in texts.access."""

from django.db.models import Count, QuerySet

from texts.models import Text


def texts_for_list() -> QuerySet[Text]:
    """Every text, newest first, with its line and exam counts (one query)."""
    return (
        Text.objects.select_related("uploaded_by")
        .defer("raw")
        .annotate(
            line_count=Count("lines", distinct=True),
            exam_count=Count("exam_links", distinct=True),
        )
        .order_by("-uploaded_at", "-pk")
    )


def linked_exams(text: Text) -> list:
    """The exams a text belongs to, by title (they keep it from being deleted)."""
    return [link.exam for link in text.exam_links.select_related("exam").order_by("exam__title")]


def find_duplicates(*, raw: str, title: str) -> tuple[list[Text], list[Text]]:
    """Stored texts with the same content, and others with the same title (any case).

    For the upload preview: saving a text twice is allowed (two versions of one text,
    say), but the admin should know. "The same content" is the same raw text, which
    the upload form has already normalised (encoding, byte order mark, line ends).
    """
    same_content = list(Text.objects.filter(raw=raw).only("pk", "title").order_by("pk"))
    same_title = []
    if title.strip():
        same_title = list(
            Text.objects.filter(title__iexact=title.strip())
            .exclude(pk__in=[t.pk for t in same_content])
            .only("pk", "title")
            .order_by("pk")
        )
    return same_content, same_title
