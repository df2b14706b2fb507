"""The teacher's preview and answer model use the pupil's own widgets (static/js/exam/).

The preview is the pupil's exam page that never saves: a stem's line reference lights
up the booklet, the word counter counts, "choose two" counts, an ordering never holds
a part twice, a choice can be cleared, and nothing is ever posted. The answer model's
"Show lines" lights up the same booklet lines through the same module.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def demo_author(demo_exam):
    return demo_exam.author


def test_the_preview_has_the_pupils_widgets_and_sends_nothing(
    page, live_server, demo_exam, demo_author
):
    posted = []
    page.on(
        "request", lambda request: posted.append(request.url) if request.method == "POST" else None
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, demo_author)
    page.goto(live_server.url + reverse("teacher:exam-preview", args=[demo_exam.pk]))

    # A line reference in a stem lights up its lines in the booklet.
    reference = page.locator("#question-2 a.exam-ref").first
    reference.click()
    expect(reference).to_have_class("exam-ref is-active")
    expect(page.locator(".booklet-line.is-highlighted").first).to_be_visible()

    # The summary's word counter counts, and the navigator marks the question answered.
    page.locator("#q15-value").fill("De SVB had een flinke achterstand.")
    expect(page.locator("#q15-words [data-words]")).to_have_text("6")
    expect(page.locator("#nav-q15")).to_have_class("exam-nav-item is-answered")
    expect(page.locator("[data-answered-count]")).to_have_text("1")

    # "Choose two" counts the ticked options.
    page.locator("#question-5 input[type=checkbox]").first.check()
    expect(page.locator("#question-5 [data-chosen]")).to_have_text("1")

    # An ordering holds every part once: choosing a part that stands elsewhere swaps them.
    first = page.locator("#question-14 [data-ordering] select").nth(0)
    second = page.locator("#question-14 [data-ordering] select").nth(1)
    first.select_option("A")
    second.select_option("A")
    expect(first).to_have_value("")
    expect(second).to_have_value("A")

    # A multiple-choice answer can be cleared again.
    clear = page.locator("#question-1 [data-clear]")
    expect(clear).to_be_hidden()
    page.locator("#question-1 input[type=radio]").first.check()
    expect(clear).to_be_visible()
    clear.click()
    expect(page.locator("#question-1 input[type=radio]:checked")).to_have_count(0)
    expect(clear).to_be_hidden()

    assert posted == []
    assert errors == []


def test_the_answer_model_shows_the_lines_of_an_answer(page, live_server, demo_exam, demo_author):
    log_in(page, live_server, demo_author)
    page.goto(live_server.url + reverse("teacher:answer-model", args=[demo_exam.pk]))
    button = page.locator(".model-show-lines").first
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".booklet-line.is-highlighted").first).to_be_visible()
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".booklet-line.is-highlighted")).to_have_count(0)
