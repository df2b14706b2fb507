"""The exam's detail page shows the teacher which imported questions still wait for
confirmation (issue 12): a badge on each in the question list and their count beside
the publish button, gone once every question is confirmed."""

import re

import pytest
from django.urls import reverse

from tests.exam_builders import build_exam
from tests.import_builders import imported_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(teacher, seed_text):
    return imported_draft(author=teacher, text=seed_text)


def detail(client, exam) -> str:
    response = client.get(reverse("teacher:exam-detail", kwargs={"pk": exam.pk}))
    assert response.status_code == 200
    return response.content.decode()


def unconfirmed_on_the_list(page: str) -> list[str]:
    """The numbers of the questions the list marks "niet bevestigd"."""
    cards = re.findall(r'<li class="authoring-question card.*?</li>', page, re.S)
    return [
        re.search(r'authoring-qno" aria-hidden="true">(\d+)<', card)[1]
        for card in cards
        if "authoring-unconfirmed" in card
    ]


def confirm(client, exam, number):
    question = exam.questions.get(number=number)
    url = reverse("teacher:question-confirm", kwargs={"pk": exam.pk, "question_pk": question.pk})
    assert client.post(url).status_code == 302


def test_each_unconfirmed_question_has_a_badge_and_the_publish_panel_counts_them(
    teacher_client, imported
):
    confirm(teacher_client, imported, 2)
    page = detail(teacher_client, imported)
    assert unconfirmed_on_the_list(page) == ["1", "3"]
    assert page.count(">niet bevestigd<") == 2
    count = re.search(r'id="unconfirmed-count">(.*?)</p>', page, re.S)[1]
    assert "de 2 onbevestigde vragen" in count
    report = reverse("teacher:exam-import-report", kwargs={"pk": imported.pk})
    assert f'href="{report}"' in count
    # It stands in the publish panel, before the button, under the one problem that
    # names the questions still waiting (said once, not twice).
    panel = page[page.index('id="publish-panel"') :]
    assert panel.index('id="unconfirmed-count"') < panel.index('id="publish-button"')
    assert panel.count("nog niet bevestigd") == 1
    assert "Geïmporteerde vragen 1, 3 zijn nog niet bevestigd" in panel


def test_one_question_left_is_counted_in_the_singular(teacher_client, imported):
    confirm(teacher_client, imported, 1)
    confirm(teacher_client, imported, 3)
    page = detail(teacher_client, imported)
    assert unconfirmed_on_the_list(page) == ["2"]
    assert "in de onbevestigde vraag:" in page


def test_once_every_question_is_confirmed_no_badge_or_count_is_left(teacher_client, imported):
    for number in (1, 2, 3):
        confirm(teacher_client, imported, number)
    page = detail(teacher_client, imported)
    assert unconfirmed_on_the_list(page) == []
    assert "niet bevestigd" not in page
    assert 'id="unconfirmed-count"' not in page


def test_an_exam_written_by_hand_shows_neither(teacher_client, teacher, seed_text):
    exam = build_exam(author=teacher, text=seed_text, count=2, published=False)
    page = detail(teacher_client, exam)
    assert unconfirmed_on_the_list(page) == []
    assert 'id="unconfirmed-count"' not in page


def test_the_badges_and_count_stay_within_the_pages_query_budget(
    teacher_client, imported, django_assert_max_num_queries
):
    # The same budget as the page without them (test_authoring_views): the badges and
    # the count come from the questions the page loads anyway.
    with django_assert_max_num_queries(15):
        page = detail(teacher_client, imported)
    assert 'id="unconfirmed-count"' in page
