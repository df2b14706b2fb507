"""The text page in a real browser: line breaks are the booklet's at every width."""

import re

import pytest

from tests.browser.browser_builders import READ_LINES, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_text_page(page, live_server, text, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/texts/{text.pk}/")
    page.wait_for_selector(f"#text-{text.pk}-line-109")
    return page.evaluate(READ_LINES)


def test_the_seed_keeps_its_line_breaks_at_1280_and_700_pixels(
    page, live_server, seed_text, admin_user
):
    stored = list(seed_text.lines.order_by("number").values_list("number", "plain"))
    log_in(page, live_server, admin_user)
    seen = {}

    for width in (1280, 700):
        lines = open_text_page(page, live_server, seed_text, width)
        page.screenshot(path=f"/tmp/booklet-{width}.png", full_page=True)

        assert [(line["number"], line["text"]) for line in lines] == stored
        assert lines[84]["text"] == "kapitaal (schoonheid, kracht en"
        for line in lines:
            assert line["rows"] == 1, line
            assert line["height"] == pytest.approx(line["lineHeight"], abs=0.5), line
        tops = [line["top"] for line in lines]
        assert tops == sorted(tops) and len(set(tops)) == len(tops)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        seen[width] = [(line["number"], line["text"]) for line in lines]

    assert seen[1280] == seen[700]


def test_the_gutter_shows_5_to_105_beside_their_lines(page, live_server, seed_text, admin_user):
    log_in(page, live_server, admin_user)
    open_text_page(page, live_server, seed_text, 700)

    gutter = page.locator(f"#text-{seed_text.pk} .booklet-lineno")
    assert gutter.all_inner_texts() == [str(n) for n in range(5, 110, 5)]
    for n in range(5, 110, 5):
        number = page.locator(f"#text-{seed_text.pk}-line-{n} .booklet-lineno")
        text = page.locator(f"#text-{seed_text.pk}-line-{n} .booklet-text")
        number.scroll_into_view_if_needed()
        assert number.is_visible()
        number_box, text_box = number.bounding_box(), text.bounding_box()
        # In the gutter, left of the text and on the same line.
        assert number_box["x"] + number_box["width"] <= text_box["x"]
        assert (
            abs((number_box["y"] + number_box["height"]) - (text_box["y"] + text_box["height"]))
            < text_box["height"] / 2
        )


def test_on_a_narrow_phone_lines_stay_whole_and_only_the_booklet_scrolls(
    page, live_server, seed_text, admin_user
):
    stored = list(seed_text.lines.order_by("number").values_list("number", "plain"))
    log_in(page, live_server, admin_user)

    lines = open_text_page(page, live_server, seed_text, 280)

    assert [(line["number"], line["text"]) for line in lines] == stored
    assert all(line["rows"] == 1 for line in lines)
    booklet = page.locator(f"#text-{seed_text.pk}")
    wider = booklet.evaluate("el => el.scrollWidth > el.clientWidth")
    assert wider, "at 280 px the booklet is wider than the screen, so this test tests nothing"
    assert booklet.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    assert page.evaluate("document.documentElement.scrollWidth") <= 280


def test_a_footnote_marker_leads_to_its_note(page, live_server, seed_text, admin_user):
    log_in(page, live_server, admin_user)
    open_text_page(page, live_server, seed_text, 1280)

    page.locator(f"#text-{seed_text.pk}-line-3 .note-ref a").click()

    note = page.locator(f"#text-{seed_text.pk}-note-1")
    assert page.url.endswith(f"#text-{seed_text.pk}-note-1")
    assert note.is_visible()
    assert "twitteraars" in note.inner_text()


def test_a_highlighted_line_gets_a_yellow_background(page, live_server, seed_text, admin_user):
    log_in(page, live_server, admin_user)
    open_text_page(page, live_server, seed_text, 1280)
    line = page.locator(f"#text-{seed_text.pk}-line-85")
    before = line.evaluate("el => getComputedStyle(el).backgroundImage")

    line.evaluate("el => el.classList.add('is-highlighted')")

    after = line.evaluate("el => getComputedStyle(el).backgroundImage")
    assert before == "none"
    assert "rgb(255, 228, 92)" in after


def test_an_admin_uploads_the_seed_checks_the_preview_and_publishes_it(
    page, live_server, admin_user, seed_raw, tmp_path
):
    from texts.models import Text

    seed_file = tmp_path / "brutalen.txt"
    seed_file.write_text(seed_raw, encoding="utf-8")
    log_in(page, live_server, admin_user)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/texts/upload/")

    page.set_input_files("#id_file", str(seed_file))
    page.locator("form button[type=submit]").first.click()

    page.wait_for_selector("#text-preview-line-109")
    assert page.locator("#text-preview-line-85 .booklet-text").inner_text() == (
        "kapitaal (schoonheid, kracht en"
    )
    assert page.locator("[data-summary=lines]").inner_text() == "109"
    assert Text.objects.count() == 0

    page.locator("button[name=publish]").click()
    page.wait_for_url(re.compile(r"/texts/\d+/$"))

    text = Text.objects.get()
    assert text.is_published
    assert page.url == f"{live_server.url}/texts/{text.pk}/"
    assert page.locator(f"#text-{text.pk}-line-85").is_visible()
