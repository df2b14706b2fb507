"""An open question in parts, in real browsers: the teacher writes it through the
authoring pages (asking for full sentences), the pupil answers both parts (watching
part a's word count), the teacher ticks elements on the marking page, flips the
computer's "in full sentences" with z, and the total comes out right."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exam import authoring
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Attempt, Membership
from tests.browser.browser_builders import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROMPT_A = "Noem twee oorzaken van de hoge nood."
PROMPT_B = "Wat deed de SVB daarna?"


def test_a_teacher_writes_a_question_in_parts_a_pupil_answers_it_and_it_is_marked(
    page, browser, live_server, seed_text, teacher, pupil
):
    page.set_default_timeout(15000)
    exam = authoring.create_exam(author=teacher, title="Delen", texts=[seed_text])
    log_in(page, live_server, teacher)
    exam_url = live_server.url + reverse("teacher:exam-detail", args=[exam.pk])

    # The teacher writes the question: two parts, three elements (one added).
    page.goto(f"{exam_url}questions/new/?kind=parts")
    page.fill("[name=stem]", "Lees alinea 1 (regel 1-26).")
    page.fill("[name=max_points]", "3")
    page.fill("[name=parts-0-prompt]", PROMPT_A)
    page.fill("[name=parts-0-word_limit]", "6")
    page.fill("[name=parts-1-prompt]", PROMPT_B)
    page.fill("[name=elements-0-text]", "achterstand bij de SVB")
    page.fill("[name=elements-0-keywords]", "achterstand")
    page.select_option("select[name=elements-0-part]", "a")
    page.fill("[name=elements-1-text]", "hulpverleners kregen geen geld")
    page.fill("[name=elements-1-keywords]", "hulpverlener*")
    page.select_option("select[name=elements-1-part]", "a")
    page.locator("button[name=more][value=elements]").click()
    page.fill("[name=elements-2-text]", "de SVB belde de twitteraars")
    page.fill("[name=elements-2-keywords]", "gebeld, belde")
    page.select_option("select[name=elements-2-part]", "b")
    page.fill("[name=model_answer]", "a) achterstand; hulpverleners b) gebeld")
    # "Geef antwoord in een of meer volledige zinnen": the deduction shows once ticked.
    expect(page.locator("[name=sentences_deduct]")).to_be_hidden()
    page.check("[name=full_sentences]")
    expect(page.locator("[name=sentences_deduct]")).to_be_visible()
    page.fill("[name=sentences_deduct]", "1")
    page.screenshot(path="/tmp/parts-form.png", full_page=True)
    page.locator("main form .btn-primary").last.click()
    expect(page).to_have_url(re.compile(re.escape(exam_url) + r"#question-\d+$"))
    question = exam.questions.get()
    assert question.kind == "parts"
    assert [e["part"] for e in question.scoring["elements"]] == ["a", "a", "b"]
    assert question.scoring["parts"][0]["word_limit"] == 6
    assert question.scoring["full_sentences"] == {"deduct": 1}
    page.locator("form[action$='/publish/'] button").first.click()
    page.wait_for_load_state()

    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    assignment = assignment_services.assign_exam(
        classroom=room, exam=exam, teacher=teacher, mode="practice"
    )
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)

    # The pupil answers both parts; part a counts its words against its limit.
    pupil_context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    pupil_page = pupil_context.new_page()
    pupil_page.set_default_timeout(15000)
    log_in(pupil_page, live_server, pupil)
    pupil_page.goto(live_server.url + reverse("pupil:attempt-detail", args=[attempt.pk]))
    box = pupil_page.locator("#question-1")
    expect(box).to_contain_text(PROMPT_A)
    expect(box).to_contain_text(PROMPT_B)
    part_a, part_b = box.locator("textarea[name=p-a]"), box.locator("textarea[name=p-b]")
    counter = box.locator("#q1-p-a-words")
    part_a.fill("Er was een grote achterstand en veel onrust")
    expect(counter.locator("[data-words]")).to_have_text("8")
    expect(counter).to_have_class(re.compile(r"\bis-over\b"))
    part_a.fill("Achterstand; hulpverlners kregen niets.")
    expect(counter.locator("[data-words]")).to_have_text("4")
    expect(counter).not_to_have_class(re.compile(r"\bis-over\b"))
    expect(counter).to_contain_text("/ 6")
    # Part b has no limit, so no counter.
    expect(box.locator("#q1-p-b-words")).to_have_count(0)
    part_b.fill("Ze werden gebeld door de SVB.")
    part_b.blur()
    expect(pupil_page.locator("#nav-q1")).to_have_class(re.compile(r"\bis-answered\b"))
    pupil_page.screenshot(path="/tmp/parts-exam.png")
    pupil_page.reload()
    expect(pupil_page.locator("#question-1 textarea[name=p-a]")).to_have_value(
        "Achterstand; hulpverlners kregen niets."
    )
    pupil_page.locator("#exam-submit").click()
    pupil_page.locator("#confirm-submit").click()
    expect(pupil_page).to_have_url(re.compile(r"/result/$"))
    result = pupil_page.locator("#question-1")
    expect(result.locator("[data-part=a]")).to_contain_text("hulpverlners kregen niets")
    expect(result.locator("[data-part=b]")).to_contain_text("Ze werden gebeld")
    answer = Answer.objects.get(attempt=attempt, question=question)
    assert answer.response == {
        "a": "Achterstand; hulpverlners kregen niets.",
        "b": "Ze werden gebeld door de SVB.",
    }
    # The keywords found "achterstand" (a) and "gebeld" (b); the typo hid element 2.
    # Both parts read as sentences, so the computer deducts nothing for them.
    assert answer.auto_points == 2
    assert answer.feedback["details"]["full_sentences"] is True

    # The teacher sees each part and ticks element 2 as well (a typo, by analogy).
    page.goto(
        live_server.url + reverse("teacher:marking-question", args=[assignment.pk, question.pk])
    )
    expect(page.locator("[data-marking][data-keyboard-ready=true]")).to_have_count(1)
    card = page.locator(".marking-answer").first
    expect(card.locator("[data-part=a]")).to_contain_text("hulpverlners")
    expect(card.locator("[data-part=b]")).to_contain_text("Ze werden gebeld")
    expect(card.locator("input[data-key='1']")).to_be_checked()
    expect(card.locator("input[data-key='2']")).not_to_be_checked()
    expect(card.locator("input[data-key='3']")).to_be_checked()
    page.keyboard.press("2")
    expect(card.locator("input[data-key='2']")).to_be_checked()
    # One box for the whole answer: the teacher judges part a a list after all (z).
    sentences = card.locator("input[data-sentences]")
    expect(sentences).to_have_count(1)
    expect(sentences).to_be_checked()
    page.keyboard.press("z")
    expect(sentences).not_to_be_checked()
    page.screenshot(path="/tmp/parts-marking.png", full_page=True)
    page.keyboard.press("Enter")
    expect(page.locator(".marking-answer.is-scored")).to_have_count(1)
    answer.refresh_from_db()
    assert (answer.final_points, answer.scored_by_id) == (2, teacher.pk)
    assert answer.feedback["teacher_full_sentences"] is False
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.total_points == 2

    # The pupil's result now shows the teacher's score and the point it cost.
    pupil_page.reload()
    expect(pupil_page.locator("#question-1")).to_have_attribute("data-points", "2")
    expect(pupil_page.locator("#question-1 [data-full-sentences=no]")).to_contain_text(
        "1 punt afgetrokken"
    )
    pupil_page.screenshot(path="/tmp/parts-result.png", full_page=True)
    pupil_context.close()
