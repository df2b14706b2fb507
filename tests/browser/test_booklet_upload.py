"""An admin uploads the PDF text booklet in a real browser, keeps one text and saves it."""

import pytest

from tests.booklet_builders import build_booklet_pdf, sample_booklet
from tests.browser.browser_builders import log_in
from texts.models import Text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_uploads_a_booklet_and_saves_the_text_they_keep(
    page, live_server, admin_user, tmp_path
):
    pdf = tmp_path / "tekstboekje.pdf"
    pdf.write_bytes(build_booklet_pdf(sample_booklet()))
    log_in(page, live_server, admin_user)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/texts/upload/")
    page.set_input_files("input[type=file]", str(pdf))
    page.locator("form button[type=submit]").first.click()

    first, second = page.locator("#booklet-text-0"), page.locator("#booklet-text-1")
    first.wait_for()
    assert "Regel 1 van de eerste alinea, met" in first.inner_text()
    assert "welzijnsinstelling die fijn is." in first.inner_text()
    assert "2" in first.locator(".alert-warning").inner_text()  # the picture's page
    second.locator("input[type=checkbox]").uncheck()
    first.locator("input[name^=title_]").fill("De stad van straks")
    page.locator("button[name=publish]").click()
    page.wait_for_url(f"{live_server.url}/texts/*/")

    assert [(t.title, t.lines.count()) for t in Text.objects.all()] == [("De stad van straks", 32)]
    assert page.locator(".booklet-line").count() == 32
