"""Line.markup (HTML the importer built) becomes Line.runs (what the line holds).

The importer used to store each line as escaped HTML with its own tags: <em>,
<strong>, <sub> around styled text and, for a footnote marker,
<sup class="note-ref"><a href="#note-N" data-note="N">N)</a></sup>. Now it stores
runs, [kind, value] pairs (see texts.parsing.parsed), and {% booklet %} renders
them. The converters are kept here, frozen with the migration, and work both ways.
"""

from html import escape
from html.parser import HTMLParser

from django.db import migrations, models

STYLES = ("em", "strong", "sub")


class _MarkupReader(HTMLParser):
    """Reads our own markup: text, the three style tags and note references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[list] = []
        self.style = ""
        self.in_note = False

    def handle_starttag(self, tag, attrs):
        if tag in STYLES:
            self.style = tag
        elif tag == "a" and dict(attrs).get("data-note", "").isdigit():
            self.runs.append(["note", int(dict(attrs)["data-note"])])
            self.in_note = True

    def handle_endtag(self, tag):
        if tag in STYLES:
            self.style = ""
        elif tag == "a":
            self.in_note = False

    def handle_data(self, data):
        if self.in_note or not data:
            return
        kind = self.style or "text"
        if self.runs and self.runs[-1][0] == kind:
            self.runs[-1][1] += data
        else:
            self.runs.append([kind, data])


def markup_to_runs(markup: str) -> list[list]:
    """The runs of a line's stored markup.

    >>> markup_to_runs('Een <em>schuin</em> &amp; twitteraars<sup class="note-ref">'
    ...     '<a href="#note-1" data-note="1">1)</a></sup>')
    [['text', 'Een '], ['em', 'schuin'], ['text', ' & twitteraars'], ['note', 1]]
    """
    reader = _MarkupReader()
    reader.feed(markup)
    reader.close()
    return reader.runs


def runs_to_markup(runs: list[list]) -> str:
    """The markup the importer used to store for these runs (to migrate back)."""
    out = []
    for kind, value in runs:
        if kind == "note":
            out.append(
                f'<sup class="note-ref"><a href="#note-{value}" data-note="{value}">{value})</a></sup>'
            )
        elif kind in STYLES:
            out.append(f"<{kind}>{escape(value, quote=False)}</{kind}>")
        else:
            out.append(escape(value, quote=False))
    return "".join(out)


def forwards(apps, schema_editor):
    Line = apps.get_model("texts", "Line")
    changed = []
    for line in Line.objects.only("pk", "markup").iterator(chunk_size=2000):
        line.runs = markup_to_runs(line.markup)
        changed.append(line)
    Line.objects.bulk_update(changed, ["runs"], batch_size=1000)


def backwards(apps, schema_editor):
    Line = apps.get_model("texts", "Line")
    changed = []
    for line in Line.objects.only("pk", "runs").iterator(chunk_size=2000):
        line.markup = runs_to_markup(line.runs)
        changed.append(line)
    Line.objects.bulk_update(changed, ["markup"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("texts", "0003_line_subheadings"),
    ]

    operations = [
        migrations.AddField(
            model_name="line",
            name="runs",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(forwards, backwards, elidable=True),
        # A default only so that migrating back can add the column again.
        migrations.AlterField(
            model_name="line",
            name="markup",
            field=models.TextField(default=""),
        ),
        migrations.RemoveField(
            model_name="line",
            name="markup",
        ),
    ]
