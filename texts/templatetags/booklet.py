"""{% booklet text %}: the text booklet as the exam prints it.

Works on a stored Text (two queries: lines, footnotes) and on a ParsedText (the
upload preview, no queries), so the preview is the page exactly as it will be.
Ids carry the text's pk, so several booklets can share a page and questions can
point at "text-7-line-85" or "text-7-para-4".
"""

import hashlib
from dataclasses import dataclass

from django import template
from django.core.cache import cache
from django.db.models import F
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from texts.models import Footnote, Line, Text
from texts.parsing import NOTE, ParsedText

register = template.Library()

# The margin shows every fifth line number, as the printed booklet does.
GUTTER_EVERY = 5
BOOKLET_CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True, slots=True)
class BookletLine:
    # Numbers as strings: the template prints them hundreds of times per page, and
    # a string skips the number localisation an int goes through.
    number: str
    html: SafeString
    starts_paragraph: bool
    starts_page: bool
    shows_number: bool
    is_subheading: bool = False
    # An unnumbered subheading printed above the line.
    heading_before: str = ""


@dataclass(frozen=True, slots=True)
class BookletParagraph:
    number: str
    lines: tuple[BookletLine, ...]


@dataclass(frozen=True)
class BookletNote:
    number: int
    term: str
    body: str


# How each kind of run is shown; text of any other kind is shown as plain text.
_STYLED = {"em": "<em>{}</em>", "strong": "<strong>{}</strong>", "sub": "<sub>{}</sub>"}
# A footnote marker links to its note. With several texts on one page each text
# has its own note ids, so the link carries the text's prefix.
_NOTE_REF = '<sup class="note-ref"><a href="#{}-note-{}" data-note="{}">{})</a></sup>'


def render_runs(runs, prefix: str) -> SafeString:
    """A line's runs as HTML: the text escaped, emphasis and note markers our own.

    >>> str(render_runs([["text", "Jan & "], ["em", "Piet"], ["note", 1]], "text-7"))
    'Jan &amp; <em>Piet</em><sup class="note-ref"><a href="#text-7-note-1" data-note="1">1)</a></sup>'
    """
    return format_html_join("", "{}", ((_render_run(kind, value, prefix),) for kind, value in runs))


def _render_run(kind: str, value, prefix: str) -> SafeString:
    if kind == NOTE:
        number = int(value)
        return format_html(_NOTE_REF, prefix, number, number, number)
    if kind in _STYLED:
        return format_html(_STYLED[kind], value)
    return conditional_escape(value)


def _paragraphs(rows, prefix: str) -> list[BookletParagraph]:
    """Group lines (number, paragraph number, runs, flags) into paragraphs, in order."""
    paragraphs: list[BookletParagraph] = []
    current: list[BookletLine] = []
    current_number = None
    for number, paragraph, runs, starts_paragraph, starts_page, subheading, before in rows:
        if paragraph != current_number and current:
            paragraphs.append(BookletParagraph(str(current_number), tuple(current)))
            current = []
        current_number = paragraph
        current.append(
            BookletLine(
                str(number),
                render_runs(runs, prefix),
                starts_paragraph,
                starts_page,
                number % GUTTER_EVERY == 0,
                subheading,
                before,
            )
        )
    if current:
        paragraphs.append(BookletParagraph(str(current_number), tuple(current)))
    return paragraphs


def booklet_context(text: Text | ParsedText, *, title: str = "", key: str = "") -> dict:
    """The values _booklet.html needs, from a stored text or a parsed one."""
    if isinstance(text, ParsedText):
        prefix = f"text-{key or 'preview'}"
        rows = (
            (
                line.number,
                line.paragraph,
                line.runs,
                line.starts_paragraph,
                line.starts_page,
                line.subheading,
                line.heading_before,
            )
            for line in text.lines
        )
        notes = [BookletNote(n.number, n.term, n.body) for n in text.footnotes]
        title = title or text.title or next((line.plain for line in text.lines), "")
    else:
        prefix = f"text-{key or text.pk}"
        rows = (
            Line.objects.filter(text=text)
            .order_by("number")
            .values_list(
                "number",
                F("paragraph__number"),
                "runs",
                "starts_paragraph",
                "starts_page",
                "is_subheading",
                "heading_before",
            )
        )
        notes = [
            BookletNote(number, term, body)
            for number, term, body in Footnote.objects.filter(text=text)
            .order_by("number")
            .values_list("number", "term", "body")
        ]
        title = title or text.title
    return {
        "prefix": prefix,
        "title": title,
        "paragraphs": _paragraphs(rows, prefix),
        "notes": notes,
        "subtitle": text.subtitle,
        # Paragraphs of the introduction: it is not numbered, so it may wrap freely.
        "introduction": [p.strip() for p in text.introduction.split("\n\n") if p.strip()],
        "source_adapted": text.source_adapted,
        "source_from": text.source_from,
        "author_note": text.author_note,
    }


def _cache_key(text: Text, **options) -> str:
    # A stored text's lines never change after import (there is no service that
    # edits them), so pk + upload time + title and the tag's options name one
    # rendering for good. A text imported again gets a new pk.
    version = "|".join(
        [
            str(text.pk),
            text.uploaded_at.isoformat(),
            text.title,
            text.subtitle,
            text.introduction,
            repr(options),
        ]
    )
    return "texts:booklet:" + hashlib.sha256(version.encode()).hexdigest()[:32]


@register.simple_tag
def booklet(text, title: str = "", label: str = "", key: str = "", heading_level: int = 2):
    """Render a booklet. `label` is a heading above the title ("Tekst 1"); `key`
    replaces the pk in ids (the preview uses "preview"); `heading_level` sets the
    title's heading (1 on a page of its own, 2 or 3 beside questions).

    A stored text's booklet is rendered once and then served from the cache: on an
    exam morning hundreds of pupils open the same few texts.
    """
    options = {"title": title, "label": label, "key": key, "heading_level": heading_level}
    if isinstance(text, Text):
        cache_key = _cache_key(text, **options)
        html = cache.get(cache_key)
        if html is None:
            html = _render(text, **options)
            cache.set(cache_key, html, BOOKLET_CACHE_SECONDS)
        # The cache holds only what _render made from the template: already escaped.
        return mark_safe(html)
    return _render(text, **options)


def _render(text, *, title: str, label: str, key: str, heading_level: int) -> str:
    context = {
        **booklet_context(text, title=title, key=key),
        "label": label,
        "heading_level": min(max(int(heading_level), 1), 6),
    }
    return render_to_string("texts/_booklet.html", context)
