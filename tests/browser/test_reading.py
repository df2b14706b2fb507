"""Reading comfort, the line reader, read-aloud and print on the pupil's exam page, in a
real browser (issue 13, §2–4). Every mode must keep the booklet's lines: the same text
after the same number, each on one visual row, at every width."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import ReadingPreferences
from exam import services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Membership
from tests.browser.browser_builders import READ_LINES, log_in
from tests.exam_builders import make_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBERS_BESIDE_LINES = """
() => Array.from(document.querySelectorAll('.booklet-lineno')).map((number) => {
  const line = number.closest('.booklet-line').querySelector('.booklet-text');
  const a = number.getBoundingClientRect(), b = line.getClientRects()[0];
  return {line: number.closest('.booklet-line').dataset.line, number: number.textContent,
          sameRow: Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < b.height / 2,
          leftOfText: a.right <= b.left + 1};
})
"""

# Speech synthesis with one Dutch voice that records what it is asked to say and
# reports the first word as spoken (headless Chromium has no voices of its own).
FAKE_DUTCH_VOICE = """
(() => {
  const voice = {lang: 'nl-NL', name: 'Test NL', voiceURI: 'test-nl', localService: true,
                 default: true};
  window.__spoken = [];
  const synth = window.speechSynthesis;
  synth.getVoices = () => [voice];
  synth.cancel = () => {};
  synth.speak = (utterance) => {
    window.__spoken.push({text: utterance.text, lang: utterance.lang, rate: utterance.rate});
    setTimeout(() => utterance.onboundary && utterance.onboundary(
      {charIndex: 0, charLength: utterance.text.trim().split(/\\s/)[0].length}), 20);
  };
})();
"""


@pytest.fixture
def setting(teacher, pupil, seed_text):
    exam = make_exam(teacher, seed_text)
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    assignment = assignment_services.assign_exam(
        classroom=room, exam=exam, teacher=teacher, mode="practice"
    )
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    return {"assignment": assignment, "attempt": attempt, "text": seed_text}


def open_exam(page, live_server, attempt, width=1280, height=900):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/pupil/attempts/{attempt.pk}/")
    if width < 768:  # a phone shows one pane at a time: the text
        page.click("#tab-booklet")
    page.wait_for_selector(".booklet-line")


def choose(page, *labels):
    """Open the reading menu and click the controls with these ids."""
    page.click("#reading-menu-button")
    for control in labels:
        with page.expect_response(re.compile(r"/account/reading/$")):
            page.click(f"label[for='{control}']")


def read_lines(page):
    return [
        {key: line[key] for key in ("number", "text", "rows", "height", "lineHeight")}
        for line in page.evaluate(READ_LINES)
    ]


def assert_booklet_lines(lines, stored):
    assert [(line["number"], line["text"]) for line in lines] == stored
    for line in lines:
        assert line["rows"] == 1, line
        assert line["height"] == pytest.approx(line["lineHeight"], abs=0.5), line


@pytest.mark.parametrize("width", [1280, 390])
def test_larger_letters_and_dyslexia_mode_keep_every_line_and_number(
    page, live_server, pupil, setting, width
):
    stored = list(setting["text"].lines.order_by("number").values_list("number", "plain"))
    log_in(page, live_server, pupil)
    open_exam(page, live_server, setting["attempt"], width=width)
    before = read_lines(page)
    numbers_before = page.evaluate(NUMBERS_BESIDE_LINES)
    size_before = page.eval_on_selector(".booklet-text", "e => getComputedStyle(e).fontSize")
    assert_booklet_lines(before, stored)

    choose(page, "reading-size-4", "reading-dyslexia", "reading-spacing-3")
    page.keyboard.press("Escape")
    page.evaluate("document.fonts.ready")
    page.screenshot(path=f"/tmp/reading-large-dyslexia-{width}.png")

    after = read_lines(page)
    assert_booklet_lines(after, stored)
    text_style = page.eval_on_selector(
        ".booklet-text",
        "e => [getComputedStyle(e).fontSize, getComputedStyle(e).fontFamily,"
        " getComputedStyle(e).letterSpacing]",
    )
    assert float(text_style[0][:-2]) > 1.5 * float(size_before[:-2])
    assert text_style[1].startswith('"Atkinson Hyperlegible"')
    assert text_style[2] != "normal"
    assert page.evaluate(
        "Array.from(document.fonts).some(f => f.family.includes('Atkinson Hyperlegible')"
        " && f.status === 'loaded')"
    )
    assert after[0]["lineHeight"] > 2 * before[0]["lineHeight"]
    numbers_after = page.evaluate(NUMBERS_BESIDE_LINES)
    assert numbers_after == numbers_before
    assert all(n["sameRow"] and n["leftOfText"] for n in numbers_after)
    # The booklet scrolls sideways inside its pane; the page itself does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_high_contrast_makes_the_text_black_and_keeps_the_lines(page, live_server, pupil, setting):
    stored = list(setting["text"].lines.order_by("number").values_list("number", "plain"))
    log_in(page, live_server, pupil)
    open_exam(page, live_server, setting["attempt"])

    choose(page, "reading-contrast")
    page.keyboard.press("Escape")
    page.screenshot(path="/tmp/reading-contrast.png")

    assert_booklet_lines(read_lines(page), stored)
    colours = page.evaluate(
        "[getComputedStyle(document.querySelector('.booklet-lineno')).color,"
        " getComputedStyle(document.querySelector('.exam-pane-booklet')).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]


def test_the_choices_are_kept_after_a_reload(page, live_server, pupil, setting):
    log_in(page, live_server, pupil)
    open_exam(page, live_server, setting["attempt"])

    choose(page, "reading-size-3", "reading-dyslexia")
    page.reload()
    page.wait_for_selector(".booklet-line")

    assert page.evaluate("document.documentElement.dataset.reading") == "size-3 spacing-1 dyslexia"
    page.click("#reading-menu-button")
    expect(page.locator("#reading-size-3")).to_be_checked()
    expect(page.locator("#reading-dyslexia")).to_be_checked()
    stored = ReadingPreferences.objects.get(user=pupil)
    assert (stored.font_size, stored.dyslexia) == (3, True)


def test_the_line_reader_follows_the_arrow_keys_and_the_pointer(page, live_server, pupil, setting):
    text = setting["text"]
    log_in(page, live_server, pupil)
    open_exam(page, live_server, setting["attempt"])
    choose(page, "reading-line-reader")
    page.keyboard.press("Escape")

    page.click(f"#text-{text.pk}-line-10 .booklet-text")
    band = page.locator(".booklet-line.is-reading-line")
    expect(band).to_have_attribute("data-line", "10")

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(band).to_have_attribute("data-line", "12")
    page.keyboard.press("ArrowUp")
    expect(band).to_have_attribute("data-line", "11")
    assert band.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.screenshot(path="/tmp/reading-line-reader.png")

    for _ in range(40):
        page.keyboard.press("ArrowDown")
    expect(band).to_have_attribute("data-line", "51")
    assert band.evaluate(
        "e => { const p = e.closest('.exam-pane').getBoundingClientRect(),"
        " b = e.getBoundingClientRect(); return b.top >= p.top && b.bottom <= p.bottom; }"
    )

    page.hover(f"#text-{text.pk}-line-44 .booklet-text")
    expect(band).to_have_attribute("data-line", "44")
    assert band.count() == 1


def test_without_a_dutch_voice_the_controls_are_disabled_and_say_why(
    page, live_server, pupil, setting
):
    # Headless Chromium has no voices at all.
    assignment_services.set_read_aloud(assignment=setting["assignment"], pupil=pupil, enabled=True)
    log_in(page, live_server, pupil)
    open_exam(page, live_server, setting["attempt"])

    bar = page.locator("#read-aloud")
    expect(bar).to_be_visible()
    expect(bar).to_have_class(re.compile("has-no-voice"), timeout=5000)
    message = bar.get_attribute("data-msg-no-voice")
    expect(page.locator("#read-aloud-status")).to_have_text(message)
    for button in page.locator("#read-aloud button, .read-aloud-question button").all():
        expect(button).to_be_disabled()
    page.screenshot(path="/tmp/reading-no-voice.png")


def test_a_pupil_without_the_accommodation_has_no_read_aloud(page, live_server, pupil, setting):
    log_in(page, live_server, pupil)
    open_exam(page, live_server, setting["attempt"])

    expect(page.locator("#read-aloud")).to_have_count(0)
    expect(page.locator(".read-aloud-question")).to_have_count(0)


def test_with_a_dutch_voice_a_question_and_a_selection_are_read_in_dutch(
    page, live_server, pupil, setting
):
    assignment_services.set_read_aloud(assignment=setting["assignment"], pupil=pupil, enabled=True)
    page.add_init_script(FAKE_DUTCH_VOICE)
    log_in(page, live_server, pupil)
    open_exam(page, live_server, setting["attempt"])

    ask = page.locator("#question-1 .read-aloud-question [data-speak='question']")
    expect(ask).to_be_enabled()
    ask.click()
    stem = page.locator("#question-1 .exam-stem").inner_text()
    spoken = page.evaluate("window.__spoken")
    assert spoken[-1]["lang"] == "nl-NL"
    assert " ".join(spoken[-1]["text"].split()) == " ".join(stem.split())
    # The word being spoken is marked (the fake voice reports the first word).
    expect(page.locator("#question-1.is-speaking-block")).to_have_count(1)
    # Polled from here: the CSP forbids the eval that wait_for_function does in the page.
    for _ in range(100):
        if page.evaluate("CSS.highlights.has('read-aloud-word')"):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the word being spoken is never highlighted")

    page.locator("#read-aloud-rate").select_option("0.7")
    page.locator("#question-1 [data-speak='options']").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[-1]["rate"] == pytest.approx(0.7)
    for option in page.locator("#question-1 .exam-option-text").all_inner_texts():
        assert option in spoken[-1]["text"]

    text = setting["text"]
    page.evaluate(
        """(pk) => {
          const words = document.querySelector(`#text-${pk}-line-2 .booklet-text`);
          const range = document.createRange();
          range.selectNodeContents(words);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }""",
        text.pk,
    )
    page.click("#read-aloud [data-speak='selection']")
    line_two = text.lines.get(number=2).plain
    assert page.evaluate("window.__spoken")[-1]["text"].strip() == line_two.strip()
    expect(page.locator(f"#text-{text.pk}-line-2.is-speaking")).to_have_count(1)
    page.screenshot(path="/tmp/reading-speaking.png")

    # A paragraph is read as running text: words broken over two lines are whole
    # again, and margin numbers and footnote markers are not read.
    page.evaluate("getSelection().removeAllRanges()")
    page.click(f"#text-{text.pk}-line-7 .booklet-text")
    page.click("#read-aloud [data-speak='paragraph']")
    paragraph = page.evaluate("window.__spoken")[-1]["text"]
    assert paragraph.startswith(
        "Een warm moment van erkenning, zo voelde het voor veel twitteraars."
    )
    assert "Nederlanders zelf" in paragraph and "RRT) van de Sociale" in paragraph
    assert not re.search(r"\b(5|10|15|20|25)\b|\(1\)|1\)", paragraph)


def test_the_exam_page_prints_the_booklet_with_its_numbers_without_the_page_chrome(
    page, live_server, pupil, setting
):
    ReadingPreferences.objects.create(user=pupil, font_size=4, dyslexia=True, line_reader=True)
    log_in(page, live_server, pupil)
    open_exam(page, live_server, setting["attempt"])

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi

    expect(page.locator(".navbar")).to_be_hidden()
    expect(page.locator("#exam-submit")).to_be_hidden()
    expect(page.locator(".exam-nav")).to_be_hidden()
    expect(page.locator(".reading-menu")).to_be_hidden()
    expect(page.locator(".exam-title")).to_be_visible()
    numbers = page.locator(".booklet-lineno")
    expect(numbers.first).to_be_visible()
    expect(numbers.last).to_be_visible()
    expect(page.locator(".booklet-parno").first).to_be_visible()
    expect(page.locator("#question-1 .exam-stem")).to_be_visible()
    stored = list(setting["text"].lines.order_by("number").values_list("number", "plain"))
    lines = read_lines(page)
    assert [(line["number"], line["text"]) for line in lines] == stored
    assert all(line["rows"] == 1 for line in lines)
    # Paper is set as the exam is: the screen's larger letters do not print.
    assert page.eval_on_selector(".booklet-text", "e => getComputedStyle(e).fontSize") == "14px"
    page.screenshot(path="/tmp/reading-print.png", full_page=True)

    pdf = page.pdf(prefer_css_page_size=True)
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes
    # A4 is 595 x 842 points.
    assert all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in sizes)
    assert len(re.findall(rb"/Type /Page\b", pdf)) >= 3


def test_a_result_prints_with_the_answers_the_model_and_the_numbered_booklet(
    page, live_server, pupil, setting
):
    attempt = setting["attempt"]
    question = attempt.exam.questions.get(number=2)
    services.save_answer(attempt=attempt, question=question, value="Omdat zij voordringen.")
    services.submit_attempt(attempt=attempt)
    log_in(page, live_server, pupil)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/pupil/attempts/{attempt.pk}/result/")
    expect(page.locator("[data-reading-print]")).to_be_visible()

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})

    expect(page.locator(".navbar")).to_be_hidden()
    expect(page.locator("[data-reading-print]")).to_be_hidden()
    expect(page.locator(".result-nav")).to_be_hidden()
    expect(page.locator("#result-total")).to_be_visible()
    expect(page.locator(".booklet-lineno").last).to_be_visible()
    expect(page.locator("#question-2")).to_contain_text("Omdat zij voordringen.")
    expect(page.locator("#question-2 .result-model")).to_be_visible()
    expect(page.locator("#question-1 .result-rows")).to_be_visible()
    page.screenshot(path="/tmp/reading-result-print.png", full_page=True)


def test_the_answer_model_prints_on_a4(page, live_server, teacher, setting):
    exam = setting["assignment"].exam
    log_in(page, live_server, teacher)
    page.goto(f"{live_server.url}/teacher/exams/{exam.pk}/answer-model/")
    expect(page.locator("#answer-model")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator(".navbar")).to_be_hidden()
    expect(page.locator("#answer-model")).to_contain_text("ze dringen voor")
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes
    assert all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in sizes)
