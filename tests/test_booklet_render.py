"""{% booklet %}: the booklet as pupils see it, from a stored text or an upload preview."""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse

from texts.parsing import ParsedLine, ParsedText, parse_text
from texts.services import import_text, save_parsed_text


def render(template: str, **context) -> str:
    return Template("{% load booklet %}" + template).render(Context(context))


def line_html(html: str, prefix: str, number: int) -> str:
    return re.search(rf'<div [^>]*id="{prefix}-line-{number}".*?</div>', html).group(0)


def test_a_stored_text_renders_exactly_as_its_preview(seed_text, seed_raw):
    # The upload preview promises "this is the booklet as it will be": hold it to that.
    stored = render("{% booklet text %}", text=seed_text)
    preview = render("{% booklet parsed key=pk %}", parsed=parse_text(seed_raw), pk=seed_text.pk)

    assert stored == preview


def test_every_stored_line_gets_an_addressable_element_in_order(seed_text):
    html = render("{% booklet text %}", text=seed_text)

    numbers = [int(n) for n in re.findall(rf'id="text-{seed_text.pk}-line-(\d+)"', html)]
    assert numbers == list(range(1, 110))
    assert numbers == [int(n) for n in re.findall(r'data-line="(\d+)"', html)]


def test_lines_keep_their_stored_text_and_emphasis(seed_text):
    html = render("{% booklet text %}", text=seed_text)

    assert '<span class="booklet-text">kapitaal (schoonheid, kracht en</span>' in line_html(
        html, f"text-{seed_text.pk}", 85
    )
    assert "<em>trending topic</em>" in line_html(html, f"text-{seed_text.pk}", 22)


def test_the_gutter_shows_every_fifth_line_number(seed_text):
    html = render("{% booklet text %}", text=seed_text)

    gutter = [int(n) for n in re.findall(r'<span class="booklet-lineno">(\d+)</span>', html)]
    assert gutter == list(range(5, 110, 5))
    assert '<span class="booklet-lineno">85</span>' in line_html(html, f"text-{seed_text.pk}", 85)


def test_paragraph_numbers_stand_before_the_first_line_of_their_paragraph(seed_text):
    html = render("{% booklet text %}", text=seed_text)
    prefix = f"text-{seed_text.pk}"

    assert '<span class="booklet-parno">(5) </span>' in line_html(html, prefix, 92)
    assert "booklet-parno" not in line_html(html, prefix, 93)
    assert html.count("booklet-parno") == 5
    paragraphs = re.findall(rf'id="{prefix}-para-(\d+)" data-paragraph="(\d+)"', html)
    assert paragraphs == [(str(n), str(n)) for n in range(1, 6)]


def test_a_paragraph_element_holds_exactly_its_lines(seed_text):
    html = render("{% booklet text %}", text=seed_text)
    prefix = f"text-{seed_text.pk}"

    paragraph_5 = re.search(rf'id="{prefix}-para-5".*?\n      </div>', html, re.S).group(0)
    assert re.findall(r'data-line="(\d+)"', paragraph_5) == [str(n) for n in range(92, 110)]


def test_page_breaks_are_marked_on_the_line_after_them(seed_text):
    html = render("{% booklet text %}", text=seed_text)

    marked = re.findall(r'class="booklet-line starts-page" id="text-\d+-line-(\d+)"', html)
    assert marked == [
        str(n) for n in seed_text.lines.filter(starts_page=True).values_list("number", flat=True)
    ]
    assert "85" in marked


def test_footnote_markers_link_to_their_note_of_this_text(seed_text):
    html = render("{% booklet text %}", text=seed_text)
    prefix = f"text-{seed_text.pk}"

    assert f'href="#{prefix}-note-1"' in line_html(html, prefix, 3)
    assert 'href="#note-' not in html
    note = re.search(rf'<p class="booklet-note" id="{prefix}-note-1">.*?</p>', html).group(0)
    assert "<em>twitteraars</em>: mensen die een kort bericht sturen" in note


def test_source_and_author_line_follow_the_text(seed_text):
    html = render("{% booklet text %}", text=seed_text)

    assert "naar: Kees Kraaijeveld" in html
    assert "uit: Vrij Nederland, 11 februari 2015" in html
    author = re.search(r'<p class="booklet-author">(.*?)</p>', html).group(1)
    assert author.startswith("Kees Kraaijeveld is een columnist")
    assert html.index("booklet-author") > html.index(f"text-{seed_text.pk}-line-109")


def test_two_texts_on_one_page_have_their_own_ids(seed_text, seed_raw):
    other = import_text(raw=seed_raw)

    html = render(
        '{% booklet first label="Tekst 1" %}{% booklet second label="Tekst 2" %}',
        first=seed_text,
        second=other,
    )

    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert f'id="text-{other.pk}-line-85"' in html
    assert f'href="#text-{other.pk}-note-2"' in html
    assert "Tekst 1" in html and "Tekst 2" in html


def test_the_title_notes_and_line_text_are_escaped_and_emphasis_is_shown(db):
    text = import_text(raw="<b>Kop</b>\n\n(1) Een *nadruk* & een noot¹⁾.\n\nnoot 1 <i>x</i>: y\n")

    html = render("{% booklet text %}", text=text)

    assert "&lt;b&gt;Kop&lt;/b&gt;" in html
    assert "<em>nadruk</em> &amp; een noot" in html
    assert "&lt;i&gt;x&lt;/i&gt;" in html
    assert "<b>" not in html and "<i>" not in html


def test_the_heading_level_can_be_chosen(seed_text):
    html = render("{% booklet text heading_level=1 %}", text=seed_text)

    assert re.search(r'<h1 class="booklet-title"[^>]*>Laat de brutalen niet voordringen</h1>', html)


@pytest.mark.parametrize("size", ["short", "long"])
def test_rendering_a_text_takes_two_queries_however_long_it_is(
    db, seed_raw, django_assert_num_queries, size
):
    raw = seed_raw if size == "short" else seed_raw.replace("(5)", "(5)" + " woord" * 4000)
    text = import_text(raw=raw)
    assert text.lines.count() > (600 if size == "long" else 100)

    with django_assert_num_queries(2):
        render("{% booklet text %}", text=text)


def test_a_stored_booklet_is_rendered_once_and_then_served_from_the_cache(
    seed_text, django_assert_num_queries
):
    cache.clear()
    first = render("{% booklet text %}", text=seed_text)

    with django_assert_num_queries(0):
        again = render("{% booklet text %}", text=seed_text)

    assert again == first


def test_the_cache_keeps_each_way_of_showing_a_text_apart(seed_text, seed_raw):
    cache.clear()
    tekst_1 = render('{% booklet text label="Tekst 1" %}', text=seed_text)
    tekst_2 = render('{% booklet text label="Tekst 2" heading_level=3 %}', text=seed_text)
    seed_text.title = "Een nieuwe titel"

    renamed = render("{% booklet text %}", text=seed_text)

    assert "Tekst 1" in tekst_1 and "Tekst 2" not in tekst_1
    assert "Tekst 2" in tekst_2 and "<h3" in tekst_2
    assert "Een nieuwe titel" in renamed
    again = import_text(raw=seed_raw)
    assert f'id="text-{again.pk}-line-1"' in render("{% booklet text %}", text=again)


INTRODUCED = (
    "Titel\n\n**Een ondertitel**\n\n*Tekst 3 bestaat uit twee fragmenten.*\n\n*Fragment 1 is"
    " een <column>.*\n\n(1) een\ntwee\ndrie\nvier\n5 vijf\nzes\n(2) zeven\n"
)


def test_the_subtitle_and_introduction_stand_above_line_1_and_the_numbers_stay(db):
    text = import_text(raw=INTRODUCED)
    plain = import_text(raw="Titel\n\n(1) een" + INTRODUCED.split("(1) een")[1])

    html = render("{% booklet text %}", text=text)
    prefix = f"text-{text.pk}"

    subtitle = re.search(r'<p class="booklet-subtitle"[^>]*><strong>(.*?)</strong></p>', html)
    assert subtitle.group(1) == "Een ondertitel"
    intro = re.findall(r"<p><em>(.*?)</em></p>", html)
    assert intro == ["Tekst 3 bestaat uit twee fragmenten.", "Fragment 1 is een &lt;column&gt;."]
    assert html.index(f'id="{prefix}-title"') < html.index("booklet-intro")
    assert html.index("booklet-intro") < html.index(f'id="{prefix}-line-1"')
    # The same lines, numbers and gutter as the text without them.
    without = render("{% booklet text %}", text=plain)
    lines = r'data-line="(\d+)"><span class="booklet-(?:lineno|parno|text)">(.*?)</div>'
    assert re.findall(lines, html) == re.findall(lines, without)
    assert '<span class="booklet-lineno">5</span>' in line_html(html, prefix, 5)
    assert "vijf" in line_html(html, prefix, 5)


def test_the_text_page_shows_the_introduction(admin_client):
    text = import_text(raw=INTRODUCED)

    page = admin_client.get(reverse("texts:text-detail", args=[text.pk])).content.decode()

    assert "Tekst 3 bestaat uit twee fragmenten." in page


def test_subheadings_render_in_place_and_only_a_counted_one_has_a_number(db):
    lines = tuple(
        ParsedLine(
            number=n,
            paragraph=1 if n < 3 else 2,
            plain=plain,
            runs=(("strong", plain),) if n == 2 else (("text", plain),),
            starts_paragraph=n in (1, 3),
            subheading=n == 2,
            heading_before="Niet geteld" if n == 3 else "",
        )
        for n, plain in enumerate(["een", "Geteld", "drie", "vier", "vijf"], start=1)
    )
    parsed = ParsedText(title="Koppen", lines=lines, paragraph_numbers=(1, 2), footnotes=())
    text = save_parsed_text(parsed=parsed, raw="-")
    html = render("{% booklet text %}", text=text)
    prefix = f"text-{text.pk}"

    assert 'class="booklet-line is-subheading"' in line_html(html, prefix, 2)
    assert "<strong>Geteld</strong>" in line_html(html, prefix, 2)
    heading = '<p class="booklet-subheading" lang="nl"><strong>Niet geteld</strong></p>'
    assert html.index(line_html(html, prefix, 2)) < html.index(heading)
    assert html.index(heading) < html.index(line_html(html, prefix, 3))
    assert re.findall(r'data-line="(\d+)"', html) == ["1", "2", "3", "4", "5"]
    assert render("{% booklet parsed key=pk %}", parsed=parsed, pk=text.pk) == html


def test_the_pupil_s_exam_page_shows_the_introduction_above_line_1(
    seed_text, teacher, pupil, pupil_client
):
    from exam import services
    from tests.exam_builders import build_exam

    seed_text.introduction = "Een inleiding die niet meetelt."
    seed_text.save(update_fields=["introduction"])
    attempt = services.start_attempt(pupil=pupil, exam=build_exam(author=teacher, text=seed_text))

    html = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()

    intro = html.index("<p><em>Een inleiding die niet meetelt.</em></p>")
    assert intro < html.index(f'id="text-{seed_text.pk}-line-1"')
    assert f'id="text-{seed_text.pk}-line-109"' in html
