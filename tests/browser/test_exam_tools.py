"""The pupil's tools on the exam page, as a pupil uses them: the highlighter, notes,
struck-out options, flags, the overview, the hand-in dialog and the shortcuts.

Each test checks what the pupil sees, after a reload too: the tools are kept on the
server, and a highlight stays on the same words at every window width.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.browser_builders import start_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SELECT = """([first, firstPhrase, last, lastPhrase]) => {
  const textOf = (n) => document.querySelector(`.exam-pane-booklet [data-line="${n}"] .booklet-text`);
  const point = (el, offset, atEnd) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let position = 0, node;
    while ((node = walker.nextNode())) {
      const length = node.nodeValue.length;
      if (offset < position + length || (atEnd && offset === position + length)) return [node, offset - position];
      position += length;
    }
    throw new Error("offset out of range");
  };
  const a = textOf(first), b = textOf(last);
  const start = point(a, a.textContent.indexOf(firstPhrase), false);
  const end = point(b, b.textContent.indexOf(lastPhrase) + lastPhrase.length, true);
  const range = document.createRange();
  range.setStart(start[0], start[1]);
  range.setEnd(end[0], end[1]);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""

MARKED = """(n) => Array.from(document.querySelectorAll(`.exam-pane-booklet [data-line="${n}"] mark.hl`))
  .map((mark) => mark.textContent).join("")"""


def select_words(page, first: int, first_phrase: str, last: int, last_phrase: str) -> None:
    """Select from first_phrase in line `first` to the end of last_phrase in `last`,
    as a pupil dragging over the words would."""
    page.evaluate(SELECT, [first, first_phrase, last, last_phrase])


def marked(page, line: int) -> str:
    return page.evaluate(MARKED, line)


def line_text(page, line: int) -> str:
    return page.locator(f".exam-pane-booklet [data-line='{line}'] .booklet-text").inner_text()


def expect_marks(page, expected: dict[int, str]) -> None:
    for line, words in expected.items():
        expect(
            page.locator(f".exam-pane-booklet [data-line='{line}'] mark.hl").first
        ).to_be_attached()
        assert marked(page, line) == words, (line, line_text(page, line))


def test_a_highlight_stays_on_the_same_words_after_a_reload_and_in_a_narrower_window(
    live_server, page, demo_exam
):
    page.set_default_timeout(10000)
    start_exam(page, live_server, demo_exam)
    toolbar = page.locator("[data-hl-toolbar]")
    expect(toolbar).to_be_visible()
    # Line 1 to line 2 across the line break, and one word in line 5.
    first, second = line_text(page, 1), line_text(page, 2)
    start_word = first.split()[3]
    end_word = second.split()[1]
    select_words(page, 1, start_word, 2, end_word)
    toolbar.get_by_role("button", name="Markeer geel").click()
    expect(page.locator("[data-hl-status]")).to_have_text("Markering opgeslagen")
    word5 = line_text(page, 5).split()[2]
    select_words(page, 5, word5, 5, word5)
    toolbar.get_by_role("button", name="Markeer roze").click()
    expect(page.locator(".exam-pane-booklet mark.hl-pink")).to_have_text(word5)

    start_at = first.index(start_word)
    expected = {1: first[start_at:].rstrip(), 2: " ".join(second.split()[:2]), 5: word5}
    expect_marks(page, expected)
    assert page.locator("mark.hl-yellow").count() >= 2

    page.reload()
    expect_marks(page, expected)

    # Narrower: the booklet scrolls sideways and never re-wraps, and the marks stay.
    page.set_viewport_size({"width": 900, "height": 800})
    expect_marks(page, expected)
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    page.locator("#tab-booklet").click()
    expect_marks(page, expected)

    # Remove a mark: click it, then "remove".
    page.set_viewport_size({"width": 1280, "height": 860})
    page.locator(".exam-pane-booklet mark.hl-pink").click()
    page.get_by_role("button", name="Markering wissen").click()
    expect(page.locator("mark.hl-pink")).to_have_count(0)
    page.reload()
    expect(page.locator("mark.hl-pink")).to_have_count(0)
    expect_marks(page, {1: expected[1], 2: expected[2]})

    # After handing in, the result page's booklet shows the marks, read-only.
    page.locator("#exam-submit").click()
    expect(page.locator("#submit-modal")).to_be_focused()
    page.locator("#confirm-submit").click()
    expect(page).to_have_url(re.compile(r"/result/$"))
    expect_marks(page, {1: expected[1], 2: expected[2]})
    expect(page.locator("[data-hl-toolbar]")).to_be_hidden()


def test_notes_struck_options_and_flags_are_kept_and_shown_in_the_overview_and_hand_in(
    live_server, page, demo_exam
):
    page.set_default_timeout(10000)
    start_exam(page, live_server, demo_exam)
    q1 = page.locator("#question-1")
    # A note, kept after a reload; it is not an answer.
    q1.get_by_text("Kladblok").click()
    q1.get_by_label("Notities bij vraag 1").fill("A valt af: alinea 2 zegt iets anders")
    q1.get_by_label("Notities bij vraag 1").press("Tab")
    expect(q1.locator("[data-note-state]")).to_have_text("Notitie opgeslagen")
    # Rule out option C.
    q1.get_by_role("button", name="Optie C doorstrepen").click()
    expect(q1.locator(".exam-option.is-struck")).to_have_count(1)
    # Flag question 1 and 3; answer question 1.
    q1.get_by_role("button", name="Later bekijken").click()
    page.locator("#question-3").get_by_role("button", name="Later bekijken").click()
    page.locator("#question-1 input[value='B']").check()
    expect(page.locator("#q1-status [data-state=saved]")).to_be_visible()
    # Saving the answer renews the navigator item; it stays flagged.
    expect(page.locator("#nav-q1")).to_have_class(re.compile(r"\bis-answered\b"))
    page.wait_for_timeout(300)
    expect(page.locator("#nav-q1")).to_have_class(re.compile(r"\bis-flagged\b"))

    page.reload()
    expect(q1.get_by_label("Notities bij vraag 1")).to_have_value(
        "A valt af: alinea 2 zegt iets anders"
    )
    expect(q1.get_by_role("button", name="Optie C doorstrepen")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(q1.locator(".exam-option.is-struck .exam-option-label")).to_have_text("C")
    expect(q1.get_by_role("button", name="Later bekijken")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("#nav-q1")).to_have_class(re.compile(r"\bis-flagged\b"))
    expect(page.locator("#nav-q3")).to_have_class(re.compile(r"\bis-flagged\b"))
    expect(page.locator("#nav-q2")).not_to_have_class(re.compile(r"\bis-flagged\b"))
    # The note is not the answer: the answer to question 1 is still B.
    expect(page.locator("#question-1 input[value='B']")).to_be_checked()

    # The overview: answered, not answered, flagged, each a link to its question.
    page.get_by_role("button", name="Overzicht").click()
    overview = page.locator("#overview-modal")
    expect(overview).to_be_visible()
    expect(overview).to_be_focused()  # Bootstrap focuses it once it is fully shown
    expect(overview.locator("[data-overview-group=answered] a")).to_have_text(["1"])
    expect(overview.locator("[data-overview-group=flagged] a")).to_have_text(["1", "3"])
    unanswered = overview.locator("[data-overview-group=unanswered] a")
    expect(unanswered).to_have_count(demo_exam.questions.count() - 1)
    overview.locator("[data-overview-group=flagged] a", has_text="3").click()
    expect(overview).to_be_hidden()
    expect(page.locator("#question-3")).to_be_focused()
    expect(page.locator("#question-3")).to_be_in_viewport()

    # The hand-in dialog lists the unanswered and the flagged questions.
    page.locator("#exam-submit").click()
    dialog = page.locator("#submit-modal")
    expect(dialog).to_be_visible()
    expect(dialog.locator("[data-flagged] a")).to_have_text(["1", "3"])
    expect(dialog.locator("[data-unanswered] a")).to_have_count(demo_exam.questions.count() - 1)
    expect(dialog).to_contain_text("2 vragen aangemerkt om later te bekijken")
    expect(dialog.locator("#confirm-submit")).to_be_visible()
    expect(page.locator("#submit-modal")).to_be_focused()
    dialog.locator("[data-flagged] a", has_text="3").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#question-3")).to_be_in_viewport()


def test_keyboard_shortcuts_move_between_questions_flag_and_open_the_help(
    live_server, page, demo_exam
):
    page.set_default_timeout(10000)
    start_exam(page, live_server, demo_exam)
    page.locator("#question-1 .exam-question-title").click()
    page.keyboard.press("n")
    expect(page.locator("#question-2")).to_be_focused()
    page.keyboard.press("n")
    expect(page.locator("#question-3")).to_be_focused()
    expect(page.locator("#question-3")).to_be_in_viewport()
    page.keyboard.press("p")
    expect(page.locator("#question-2")).to_be_focused()
    page.keyboard.press("f")
    expect(page.locator("#nav-q2")).to_have_class(re.compile(r"\bis-flagged\b"))
    expect(page.locator("#question-2 [data-flag]")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("t")
    expect(page.locator("#booklet-pane")).to_be_focused()

    # Typing in a field never triggers a shortcut.
    answer = page.locator("#question-2 textarea[name=value]")
    answer.click()
    answer.type("een nieuw punt")
    expect(answer).to_have_value("een nieuw punt")
    expect(answer).to_be_focused()
    expect(page.locator("#shortcuts-modal")).to_be_hidden()

    # "?" and the visible button open the help, which lists the shortcuts.
    answer.press("Escape")
    expect(page.locator("#question-2")).to_be_focused()
    page.keyboard.press("?")
    help_dialog = page.locator("#shortcuts-modal")
    expect(help_dialog).to_be_visible()
    expect(help_dialog).to_contain_text("Volgende vraag")
    expect(help_dialog).to_contain_text("Naar het tekstboekje")
    # The dialog takes the focus once it has opened; a close before that is ignored
    # by Bootstrap (it was flaky on a busy machine).
    expect(help_dialog).to_be_focused()
    help_dialog.get_by_role("button", name="Sluiten").click()
    expect(help_dialog).to_be_hidden()
    page.get_by_role("button", name="Sneltoetsen").click()
    expect(help_dialog).to_be_visible()
