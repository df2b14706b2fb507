"""The exam page's counter and top bar agree with the questions, answer after answer.

A pupil answers a few questions and reads "n / 15 answered" and the top bar after each;
then the connection fails, a question says "not saved" and the top bar must not say
"all answers saved"; a refused answer likewise; and when all is well again, so are they.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.browser_builders import start_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERED = re.compile(r"\bis-answered\b")


def type_answer(page, number: int, text: str) -> None:
    field = page.locator(f"#question-{number} [name=value]")
    field.fill(text)
    field.press("Tab")


def expect_counter(page, answered: int) -> None:
    expect(page.locator("[data-answered-count]")).to_have_text(str(answered))
    expect(page.locator(".exam-nav-item.is-answered")).to_have_count(answered)


def expect_all_saved(page) -> None:
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "saved")
    expect(page.locator("#exam-save-state")).to_have_text("Alle antwoorden opgeslagen")


def test_counter_and_top_bar_follow_every_answer_and_every_failure(live_server, page, demo_exam):
    page.set_default_timeout(10000)
    start_exam(page, live_server, demo_exam)
    page.on("dialog", lambda dialog: dialog.accept())
    expect_counter(page, 0)

    # Answer after answer, the counter moves with each one, not one behind.
    page.locator("#question-1 input[value='A']").check()
    expect(page.locator("#nav-q1")).to_have_class(ANSWERED)
    expect_counter(page, 1)
    expect_all_saved(page)
    type_answer(page, 10, "voordringkanalen")
    expect(page.locator("#q10-status [data-state=saved]")).to_be_visible()
    expect_counter(page, 2)
    expect_all_saved(page)
    page.locator("#question-8 input[value='B']").check()
    expect(page.locator("#q8-status [data-state=saved]")).to_be_visible()
    expect_counter(page, 3)
    expect_all_saved(page)

    # Emptying an answer counts down again.
    type_answer(page, 10, "")
    expect(page.locator("#nav-q10")).not_to_have_class(ANSWERED)
    expect_counter(page, 2)
    expect_all_saved(page)

    # The connection fails: the question and the top bar both say "not saved".
    page.route("**/answers/**", lambda route: route.abort("internetdisconnected"))
    type_answer(page, 2, "De SVB had een achterstand.")
    expect(page.locator("#q2-status [data-state=retrying]")).to_be_visible()
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "failed")
    expect(page.locator("#exam-save-state")).not_to_have_text("Alle antwoorden opgeslagen")
    expect_counter(page, 2)
    page.screenshot(path="/tmp/ui-save-failed.png")

    # Back online: the retry saves it, and counter and top bar catch up.
    page.unroute("**/answers/**")
    expect(page.locator("#q2-status [data-state=saved]")).to_be_visible(timeout=20000)
    expect_counter(page, 3)
    expect_all_saved(page)

    # A refused answer says "not saved" next to the question; the top bar agrees.
    type_answer(page, 13, "9")
    expect(page.locator("#q13-status [data-state=invalid]")).to_be_visible()
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "unsaved")
    expect(page.locator("#exam-save-state")).to_have_text("Niet alle antwoorden opgeslagen")
    page.screenshot(path="/tmp/ui-save-refused.png")

    # Corrected, it is saved and everything agrees again.
    type_answer(page, 13, "5")
    expect(page.locator("#q13-status [data-state=saved]")).to_be_visible()
    expect_counter(page, 4)
    expect_all_saved(page)


def test_an_answer_given_before_the_page_s_scripts_run_is_still_saved(live_server, page, demo_exam):
    """A quick click while the page is still loading changes the field before htmx
    listens; once the scripts run, the answer differs from what the server rendered,
    and it is saved then."""
    page.set_default_timeout(10000)
    start_exam(page, live_server, demo_exam)
    held = []
    page.route("**/js/exam/exam-page*.js", lambda route: held.append(route))
    page.goto(page.url, wait_until="commit")
    page.locator("#question-1 input[value='C']").check(force=True)
    assert held, "the page's entry module was not requested"
    for route in held:
        route.continue_()
    page.unroute("**/js/exam/exam-page*.js")
    expect(page.locator("#q1-status [data-state=saved]")).to_be_visible()
    expect_all_saved(page)
    page.reload()
    expect(page.locator("#question-1 input[value='C']")).to_be_checked()
