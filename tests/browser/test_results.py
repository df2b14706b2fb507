"""The results of the demo class in a real browser: charts, the flagged question, N-term."""

import pytest
from django.urls import reverse

from exam.demo import ensure_demo_exam
from exam.demo_results import ensure_demo_class
from tests.browser.browser_builders import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_assignment(teacher, admin_user):
    exam, _created = ensure_demo_exam(author=teacher)
    classroom = ensure_demo_class(teacher=teacher, exam=exam)
    return classroom.assignments.get(exam=exam)


def test_the_teacher_sees_the_demo_class_results_with_charts_and_the_flagged_question(
    page, live_server, teacher, demo_assignment
):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    log_in(page, live_server, teacher)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("teacher:assignment-results", args=[demo_assignment.pk]))

    # Four charts, drawn, each named by its title, with a caption.
    figures = page.locator("figure.results-figure")
    assert figures.count() == 4
    for i in range(4):
        figure = figures.nth(i)
        svg = figure.locator("svg")
        box = svg.bounding_box()
        assert box["width"] > 400 and box["height"] > 200
        assert svg.get_attribute("role") == "img"
        assert svg.locator(":scope > title").text_content().strip()
        assert figure.locator("figcaption").is_visible()
    # The score chart has a bar for the demo class (rects drawn in its plot).
    assert page.locator("#chart-scores svg .bar rect").count() > 5

    # The numbers behind a chart open as a table.
    details = page.locator("#chart-scores details")
    assert not details.locator("table").is_visible()
    details.locator("summary").click()
    assert details.locator("tbody tr").count() > 5

    # Question 12, whose wrong option C draws the stronger pupils, is flagged; its
    # link leads to its row in the item table and on to its options.
    flagged = page.locator(".results-flagged li[data-question='12']")
    assert flagged.is_visible()
    assert flagged.locator(".badge").count() >= 1
    flagged.locator("a").click()
    row = page.locator("#question-12")
    assert row.is_visible()
    assert "results-flagged-row" in row.get_attribute("class")
    options = page.locator("#distractors-12")
    assert options.locator(".results-key-row th").text_content().strip().startswith("B")

    # Nothing was fetched from anywhere but this site.
    assert requested
    assert all(url.startswith(live_server.url) for url in requested), requested


def test_the_n_term_simulator_shows_more_passes_at_a_higher_n_term(
    page, live_server, teacher, demo_assignment
):
    log_in(page, live_server, teacher)
    page.goto(live_server.url + reverse("teacher:assignment-results", args=[demo_assignment.pk]))

    def passes():
        rows = page.locator("#chart-grades tbody tr")
        total = 0
        for i in range(rows.count()):
            grade = float(rows.nth(i).locator("th").text_content().replace(",", "."))
            if grade >= 5.5:
                total += int(rows.nth(i).locator("td").text_content())
        return total

    at_one = passes()
    page.select_option("#id_n_term", "2.0")
    page.locator("#n-term-form button").click()
    page.wait_for_url("**n_term=2.0**")
    assert page.locator("#id_n_term").input_value() == "2.0"
    assert passes() > at_one


def test_the_teacher_opens_a_pupil_and_sees_the_attempts_over_time(
    page, live_server, teacher, demo_assignment
):
    log_in(page, live_server, teacher)
    page.goto(live_server.url + reverse("teacher:assignment-results", args=[demo_assignment.pk]))
    page.locator("#pupil-results a", has_text="Demo Leerling 02").first.click()
    page.wait_for_selector("#chart-attempts svg")
    assert page.locator("h1").text_content().strip().endswith("Demo Leerling 02")
    assert page.locator("#attempt-table tbody tr").count() >= 1
    assert page.locator("#kind-strengths tbody tr").count() >= 5
