"""The results page's labels are read whole, on a laptop and on a phone."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from exam.demo import ensure_demo_exam
from exam.demo_results import ensure_demo_class

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every element whose text is cut off: wider inside than the box it is shown in, or
# reaching past the right edge of the window.
CUT_OFF = """() => {
  const cut = [];
  const width = document.documentElement.clientWidth;
  document.querySelectorAll('.results-card dt, .results-card dd, #item-table caption, #item-table-note, h1, h2')
    .forEach((el) => {
      if (el.closest('.visually-hidden')) return;
      const box = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1 || box.right > width + 1) cut.push(el.textContent.trim());
    });
  return cut;
}"""


@pytest.fixture
def demo_assignment(teacher, admin_user):
    exam, _created = ensure_demo_exam(author=teacher)
    classroom = ensure_demo_class(teacher=teacher, exam=exam)
    return classroom.assignments.get(exam=exam)


@pytest.mark.parametrize("width", [1280, 390])
def test_no_label_on_the_results_page_is_cut_off(
    page, live_server, teacher, demo_assignment, width
):
    client = Client()
    client.force_login(teacher)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("teacher:assignment-results", args=[demo_assignment.pk]))
    assert page.evaluate(CUT_OFF) == []
    # Only the wide tables scroll sideways, inside their own box; the page does not.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=f"/tmp/ui-results-labels-{width}.png")
