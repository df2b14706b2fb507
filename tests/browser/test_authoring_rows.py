"""A teacher adds option rows to a question form: the "add" button posts the form
back with one row more, keeping what was typed, so any number of options works with
or without JavaScript."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exam import authoring
from exam.models import Exam
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_teacher_adds_a_fifth_and_sixth_option_and_saves_them(
    page, live_server, seed_text, teacher
):
    exam = authoring.create_exam(author=teacher, title="Rijen", texts=[seed_text])
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", teacher.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button").click()
    page.wait_for_load_state()

    page.goto(base + reverse("teacher:question-create", args=[exam.pk]) + "?kind=mc")
    page.fill("[name=stem]", "Welke functie heeft alinea 1?")
    options = page.locator("#rows-options textarea")
    expect(options).to_have_count(4)
    for index, text in enumerate(["een aanleiding", "een definitie", "een oorzaak", "een gevolg"]):
        options.nth(index).fill(text)
    add = page.locator("button[name=more][value=options]")
    add.click()
    expect(options).to_have_count(5)
    add.click()
    expect(options).to_have_count(6)
    # What was typed before adding the rows is still there.
    expect(page.locator("[name=stem]")).to_have_value("Welke functie heeft alinea 1?")
    expect(options.nth(3)).to_have_value("een gevolg")
    expect(page.locator(".is-invalid")).to_have_count(0)
    options.nth(4).fill("een tegenstelling")
    options.nth(5).fill("een conclusie")
    page.check("[name=key][value=F]")
    page.locator("main form .btn-primary").last.click()
    detail = reverse("teacher:exam-detail", args=[exam.pk])
    expect(page).to_have_url(re.compile(re.escape(detail) + r"#question-\d+$"))
    question = Exam.objects.get(pk=exam.pk).questions.get()
    assert list(question.choices.values_list("label", flat=True)) == list("ABCDEF")
    assert question.scoring == {"key": "F"}


def test_enter_in_a_number_field_saves_the_question_and_adds_no_row(
    page, live_server, seed_text, teacher
):
    exam = authoring.create_exam(author=teacher, title="Enter", texts=[seed_text])
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", teacher.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button").click()
    page.wait_for_load_state()

    page.goto(base + reverse("teacher:question-create", args=[exam.pk]) + "?kind=mc")
    page.fill("[name=stem]", "Welke functie heeft alinea 1?")
    options = page.locator("#rows-options textarea")
    for index, text in enumerate(["een aanleiding", "een definitie", "een oorzaak"]):
        options.nth(index).fill(text)
    page.check("[name=key][value=B]")
    page.locator("[name=max_points]").press("Enter")
    detail = reverse("teacher:exam-detail", args=[exam.pk])
    expect(page).to_have_url(re.compile(re.escape(detail) + r"#question-\d+$"))
    assert Exam.objects.get(pk=exam.pk).questions.get().scoring == {"key": "B"}
