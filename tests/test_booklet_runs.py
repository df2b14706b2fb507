"""A line is stored as runs, not HTML: the migration that converted the stored
markup, and the booklet rendered from runs exactly as it was from markup.

No database: the converters live in the migration and are pure, and a parsed text
renders exactly as a stored one (tests/test_booklet_render.py holds it to that).
"""

import html
import importlib
import re
from pathlib import Path

import pytest
from django.template import Context, Template

from tests.booklet_builders import SampleBooklet, SampleText, build_booklet_pdf, sample_booklet
from texts.parsing import parse_text
from texts.pdf_booklet import read_booklet
from texts.templatetags.booklet import render_runs

migration = importlib.import_module("texts.migrations.0004_line_runs")

SEED = Path(__file__).resolve().parent.parent / "texts" / "samples"
SEED = SEED / "laat-de-brutalen-niet-voordringen.txt"
# The seed booklet as {% booklet parsed key="golden" %} rendered it when lines were
# still stored as markup (recorded just before the change).
GOLDEN = Path(__file__).resolve().parent / "golden" / "seed_booklet.html"


def note(number: int) -> str:
    return (
        f'<sup class="note-ref"><a href="#note-{number}" data-note="{number}">{number})</a></sup>'
    )


@pytest.mark.parametrize(
    ("markup", "runs"),
    [
        ("Een korte regel.", [["text", "Een korte regel."]]),
        ("Dit is <em>heel erg</em>", [["text", "Dit is "], ["em", "heel erg"]]),
        ("<em>belangrijk</em> zegt hij.", [["em", "belangrijk"], ["text", " zegt hij."]]),
        (
            "een weekend lang <em>trending topic</em>" + note(2) + ". De",
            [
                ["text", "een weekend lang "],
                ["em", "trending topic"],
                ["note", 2],
                ["text", ". De"],
            ],
        ),
        ("de zorg" + note(1) + "-", [["text", "de zorg"], ["note", 1], ["text", "-"]]),
        (note(12) + "woord", [["note", 12], ["text", "woord"]]),
        ("<strong>Een tussenkop</strong>", [["strong", "Een tussenkop"]]),
        ("veel CO<sub>2</sub> uit", [["text", "veel CO"], ["sub", "2"], ["text", " uit"]]),
        ("Jansen &amp; Zonen", [["text", "Jansen & Zonen"]]),
        (
            "Een &lt;script&gt;alert(1)&lt;/script&gt; hier",
            [["text", "Een <script>alert(1)</script> hier"]],
        ),
        ('een \'digitaal "x"', [["text", 'een \'digitaal "x"']]),
        ("<em>a &amp; b</em>" + note(1) + note(2), [["em", "a & b"], ["note", 1], ["note", 2]]),
        ("", []),
    ],
)
def test_the_migration_reads_stored_markup_as_runs_and_writes_it_back(markup, runs):
    assert migration.markup_to_runs(markup) == runs
    assert migration.runs_to_markup(runs) == markup


def _importers_lines():
    seed = parse_text(SEED.read_text(encoding="utf-8"))
    booklet = read_booklet(build_booklet_pdf(sample_booklet()))
    paragraphs = [[f"eerste alinea {n}" for n in range(1, 9)], ["# Een tussenkop", "en verder"]]
    headed = SampleText(title="Met een kop", paragraphs=paragraphs, subheadings_counted=True)
    with_heading = read_booklet(build_booklet_pdf(SampleBooklet(texts=[headed])))
    texts = [*booklet.texts, *with_heading.texts]
    return [ln for parsed in [seed, *(t.parsed for t in texts)] for ln in parsed.lines]


def test_every_line_the_importers_make_survives_the_migration_both_ways():
    lines = _importers_lines()
    assert {kind for ln in lines for kind, _value in ln.runs} == {
        "text",
        "em",
        "strong",
        "sub",
        "note",
    }
    for ln in lines:
        runs = [list(run) for run in ln.runs]
        assert migration.markup_to_runs(migration.runs_to_markup(runs)) == runs, ln


def _visible(booklet_html: str) -> list[str]:
    """The booklet's lines and notes, with character references read (Django escapes
    quotes, the importer's markup left them as they were: both show the same)."""
    parts = re.findall(
        r'<div class="booklet-line.*?</div>|<p class="booklet-note".*?</p>', booklet_html
    )
    return [html.unescape(part) for part in parts]


def test_the_seed_booklet_renders_from_runs_as_it_did_from_markup():
    parsed = parse_text(SEED.read_text(encoding="utf-8"))
    now = Template('{% load booklet %}{% booklet parsed key="golden" %}').render(
        Context({"parsed": parsed})
    )
    before = GOLDEN.read_text(encoding="utf-8")

    assert len(_visible(now)) == 109 + 2
    assert _visible(now) == _visible(before)
    assert 'href="#text-golden-note-1"' in now and 'id="text-golden-note-1"' in now


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Een <script>alert(1)</script> hier", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Jansen & Zonen", "Jansen &amp; Zonen"),
        ('<img src=x onerror="x()">', "&lt;img src=x onerror=&quot;x()&quot;&gt;"),
    ],
)
@pytest.mark.parametrize("kind", ["text", "em", "strong", "sub"])
def test_text_in_runs_is_escaped_when_rendered(text, escaped, kind):
    rendered = str(render_runs([[kind, text], ["note", 3]], "text-7"))

    assert escaped in rendered
    own = r'</?(?:em|strong|sub)>|<sup class="note-ref"><a href="#text-7-note-3" data-note="3">|</a></sup>'
    assert "<" not in re.sub(own, "", rendered)
