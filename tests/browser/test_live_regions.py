"""Screen readers hear the save state and the countdown without being flooded.

Every text change of a live region (aria-live polite/assertive, role status, alert or
log) is something a screen reader reads out. A recorder in the page notes each one;
the tests then say which announcements a pupil should hear: none while answers save
normally, one when they stop being saved and one when all are saved again; and of a
countdown ticking every second, only "5 minutes left", "1 minute left" and "time up".
"""

import re

import pytest
from playwright.sync_api import expect

from exam import services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Assignment
from tests.browser.browser_builders import log_in
from tests.exam_builders import build_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records [region id, new text] whenever a live region's text changes to something.
RECORDER = """() => {
  const LIVE = '[aria-live]:not([aria-live="off"]), [role=status], [role=alert], [role=log]';
  const seen = new WeakMap();
  window.__announced = [];
  const scan = () => {
    document.querySelectorAll(LIVE).forEach((el) => {
      if (el.closest('[aria-hidden="true"], [hidden]')) return;
      const text = el.textContent.replace(/\\s+/g, " ").trim();
      const before = seen.has(el) ? seen.get(el) : "";
      if (text !== before && text) window.__announced.push([el.id || el.className, text]);
      seen.set(el, text);
    });
  };
  document.querySelectorAll(LIVE).forEach((el) =>
    seen.set(el, el.textContent.replace(/\\s+/g, " ").trim()));
  new MutationObserver(scan).observe(document.body,
    { subtree: true, childList: true, characterData: true, attributes: true });
}"""


def announced(page) -> list[list[str]]:
    return page.evaluate("() => window.__announced")


def type_and_pause(page, selector: str, text: str) -> None:
    field = page.locator(selector)
    field.fill(text)
    field.press("Tab")


def expect_all_saved(page) -> None:
    expect(page.locator("#exam")).to_have_attribute("data-pending", "0")
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "saved")


def test_saving_is_announced_only_when_it_fails_and_when_it_recovers(
    live_server, page, teacher, pupil, seed_text
):
    page.set_default_timeout(15000)
    exam = build_exam(author=teacher, text=seed_text, kinds=["mc", "open", "paragraph", "gap"])
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    log_in(page, live_server, pupil)
    page.goto(f"{live_server.url}/pupil/attempts/{attempt.pk}/")
    # The top bar and the questions' status change with every save: not live.
    expect(page.locator("#exam-save-state")).not_to_have_attribute("aria-live", "polite")
    expect(page.locator("#exam-save-state")).not_to_have_attribute("role", "status")
    expect(page.locator("#q1-status")).not_to_have_attribute("aria-live", "polite")
    page.evaluate(RECORDER)

    # Answering and saving, again and again: nothing is read out.
    page.locator("#question-1 input[value='A']").check()
    page.locator("#question-1 input[value='C']").check()
    for words in ("Het", "Het gaat over", "Het gaat over voordringen."):
        type_and_pause(page, "#question-2 [name=value]", words)
        expect(page.locator("#q2-status [data-state=saved]")).to_be_visible()
    type_and_pause(page, "#question-4 [name=value]", "woord")
    expect_all_saved(page)
    expect(page.locator("#nav-q4")).to_have_class(re.compile(r"\bis-answered\b"))
    assert announced(page) == []

    # The connection fails while she types, retries keep failing: said once (the alert).
    page.route("**/answers/**", lambda route: route.abort("internetdisconnected"))
    type_and_pause(page, "#question-2 [name=value]", "Het gaat over voordringen en sociale media.")
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "failed")
    page.wait_for_timeout(4000)  # two more failed retries (1 s, 2 s)
    assert announced(page) == [
        ["exam-alert", page.locator("#exam-alert").inner_text().strip()],
    ]

    # Back: saved again, said once.
    page.unroute("**/answers/**")
    expect_all_saved(page)
    assert announced(page)[1:] == [["exam-announce", "Alle antwoorden opgeslagen"]]

    # A refused answer: the question's message and "not all saved"; fixed: "all saved".
    type_and_pause(page, "#question-3 [name=value]", "999")
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "unsaved")
    expect(page.locator("#q3-error .alert")).to_be_visible()
    error = page.locator("#q3-error").inner_text().strip()
    assert sorted(announced(page)[2:]) == [
        ["exam-announce", "Niet alle antwoorden opgeslagen"],
        ["q3-error", error],
    ]
    type_and_pause(page, "#question-3 [name=value]", "2")
    expect_all_saved(page)
    assert announced(page)[4:] == [["exam-announce", "Alle antwoorden opgeslagen"]]


def test_the_countdown_announces_five_minutes_one_minute_and_time_up_only(
    live_server, page, teacher, pupil, seed_text
):
    page.set_default_timeout(15000)
    exam = build_exam(author=teacher, text=seed_text, kinds=["mc"], count=2)
    classroom = class_services.create_classroom(teacher=teacher, name="5H")
    class_services.add_pupil(classroom=classroom, username=pupil.username)
    assignment = assignment_services.assign_exam(
        classroom=classroom,
        exam=exam,
        teacher=teacher,
        mode=Assignment.Mode.EXAM,
        time_limit_minutes=6,
    )
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    log_in(page, live_server, pupil)
    # The page's own clock, run forward: six minutes of ticking in a moment.
    page.clock.install()
    page.goto(f"{live_server.url}/pupil/attempts/{attempt.pk}/")
    clock = page.locator("#assignment-countdown")
    expect(clock).to_have_attribute("role", "timer")
    expect(clock).to_have_attribute("aria-live", "off")
    page.evaluate(RECORDER)
    remaining = page.locator("#assignment-countdown [data-remaining]")
    expect(remaining).to_have_text(re.compile(r"^[56]:\d\d$"))

    page.clock.run_for("00:30")
    expect(remaining).to_have_text(re.compile(r"^5:\d\d$"))
    assert announced(page) == []
    page.clock.run_for("01:00")  # past 5:00
    expect(remaining).to_have_text(re.compile(r"^[34]:\d\d$"))
    five = ["countdown-announce", "Nog 5 minuten. Lever in voordat de tijd om is."]
    assert announced(page) == [five]
    page.clock.run_for("03:30")  # past 1:00
    expect(remaining).to_have_text(re.compile(r"^0:\d\d$"))
    one = ["countdown-announce", "Nog 1 minuut."]
    assert announced(page) == [five, one]
    # Second by second to the end (the page reloads 3 s after the time is up).
    up = ["countdown-announce", "De tijd is om. Je antwoorden worden ingeleverd."]
    for _second in range(70):
        if len(announced(page)) > 2:
            break
        page.clock.run_for(1000)
    expect(remaining).to_have_text("0:00")
    assert announced(page) == [five, one, up]
