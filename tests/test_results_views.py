"""Results pages and exports: who may see them, what they show, and their query counts."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exam.models import Assignment, Attempt
from tests.results_builders import MIXED, MIXED_CHOICES, add_attempts, make_class, make_exam


@pytest.fixture
def results(teacher, pupil):
    """The hand-worked matrix as a class of six; `pupil` (of the cast) is pupil 1."""
    exam = make_exam(author=teacher, max_points=[1, 1, 2, 3])
    classroom, pupils = make_class(teacher=teacher, size=5)
    classroom.memberships.create(pupil=pupil)
    pupils = [pupil, *pupils]
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    add_attempts(
        exam=exam, assignment=assignment, pupils=pupils, matrix=MIXED, choices=MIXED_CHOICES
    )
    return exam, assignment, pupils


def _urls(exam, assignment, pupil):
    return {
        "exam": reverse("teacher:exam-results", args=[exam.pk]),
        "assignment": reverse("teacher:assignment-results", args=[assignment.pk]),
        "pupil": reverse("teacher:pupil-results", args=[pupil.pk]),
        "export": reverse(
            "teacher:results-export", args=["assignment", assignment.pk, "scores", "csv"]
        ),
        "exam-export": reverse("teacher:results-export", args=["exam", exam.pk, "items", "xlsx"]),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("teacher", {"exam": 200, "assignment": 200, "pupil": 200, "export": 200, "exam-export": 200}),
        ("other_teacher", {"exam": 404, "assignment": 404, "pupil": 404, "export": 404, "exam-export": 404}),
        ("pupil", {"exam": 403, "assignment": 403, "pupil": 403, "export": 403, "exam-export": 403}),
        ("anonymous", {"exam": 302, "assignment": 302, "pupil": 302, "export": 302, "exam-export": 302}),
    ],
)  # fmt: skip
def test_only_the_exams_authors_and_the_class_teacher_see_results(
    results, role, expected, client, teacher_client, other_teacher_client, pupil_client
):
    exam, assignment, pupils = results
    clients = {
        "teacher": teacher_client,
        "other_teacher": other_teacher_client,
        "pupil": pupil_client,
        "anonymous": client,
    }
    urls = _urls(exam, assignment, pupils[1])
    got = {name: clients[role].get(url).status_code for name, url in urls.items()}
    assert got == expected


def test_a_co_author_sees_the_exam_results_but_not_another_teachers_class(
    results, other_teacher, other_teacher_client
):
    exam, assignment, pupils = results
    exam.co_authors.add(other_teacher)
    urls = _urls(exam, assignment, pupils[1])
    assert other_teacher_client.get(urls["exam"]).status_code == 200
    assert other_teacher_client.get(urls["exam-export"]).status_code == 200
    assert other_teacher_client.get(urls["assignment"]).status_code == 404
    assert other_teacher_client.get(urls["pupil"]).status_code == 404


def test_a_teacher_cannot_open_a_pupil_outside_their_classes(teacher_client, other_pupil):
    url = reverse("teacher:pupil-results", args=[other_pupil.pk])
    assert teacher_client.get(url).status_code == 404


def test_names_of_pupils_are_not_exported_per_exam(results, teacher_client):
    exam, _assignment, _pupils = results
    url = reverse("teacher:results-export", args=["exam", exam.pk, "scores", "csv"])
    assert teacher_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "args",
    [
        ("class", "items", "csv"),
        ("assignment", "everything", "csv"),
        ("assignment", "items", "pdf"),
    ],
)
def test_an_unknown_export_is_a_404(results, teacher_client, args):
    _exam, assignment, _pupils = results
    scope, what, fmt = args
    url = reverse("teacher:results-export", args=[scope, assignment.pk, what, fmt])
    assert teacher_client.get(url).status_code == 404


def test_the_assignment_page_shows_charts_with_titles_and_data_tables(results, teacher_client):
    _exam, assignment, _pupils = results
    html = teacher_client.get(reverse("teacher:assignment-results", args=[assignment.pk])).content
    html = html.decode()
    assert html.count("<svg") == 4
    assert html.count("<figure") == 4
    assert html.count("<figcaption") == 4
    # Each chart is named by its <title> and has the numbers as a table beside it.
    assert len(re.findall(r'<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"', html)) == 4
    assert html.count('<details class="results-data') == 4
    for slug in ("scores", "grades", "p-values", "n-term"):
        assert f'id="chart-{slug}"' in html


def test_the_page_loads_no_script_from_elsewhere_and_the_charts_none_at_all(
    results, teacher_client
):
    _exam, assignment, _pupils = results
    html = teacher_client.get(reverse("teacher:assignment-results", args=[assignment.pk]))
    html = html.content.decode()
    assert not re.search(r"<script[^>]+src=\"https?://", html)
    assert not re.search(r"<link[^>]+href=\"https?://", html)
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        assert "<script" not in svg
        assert 'xlink:href="http' not in svg


def test_the_assignment_page_shows_the_figures_and_every_pupil(results, teacher_client):
    _exam, assignment, pupils = results
    response = teacher_client.get(reverse("teacher:assignment-results", args=[assignment.pk]))
    html = response.content.decode()
    result = response.context["result"]
    assert result.n == 6
    assert 'id="summary-n">6<' in html
    # Cronbach's alpha 38/47 = 0.81, shown with a decimal comma in Dutch
    assert 'id="summary-reliability">0,81<' in html
    for pupil in pupils:
        assert pupil.username in html
        assert reverse("teacher:pupil-results", args=[pupil.pk]) in html


def test_the_flagged_question_is_listed_with_its_reasons(teacher, teacher_client):
    exam = make_exam(author=teacher, max_points=[1, 2, 2])
    classroom, pupils = make_class(teacher=teacher, size=6)
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    matrix = [[0, 2, 2], [0, 2, 2], [1, 1, 0], [1, 0, 1], [1, 0, 0], [0, 1, 0]]
    add_attempts(
        exam=exam,
        assignment=assignment,
        pupils=pupils,
        matrix=matrix,
        choices=["C", "C", "A", "A", "A", "B"],
    )
    response = teacher_client.get(reverse("teacher:assignment-results", args=[assignment.pk]))
    flagged = [q.info.number for q in response.context["result"].flagged]
    assert 1 in flagged
    html = response.content.decode()
    listed = re.search(r'<ul class="list-group results-flagged">(.*?)</ul>', html, flags=re.S)
    assert 'data-question="1"' in listed.group(1)


def test_the_n_term_simulator_shows_the_grades_at_the_chosen_n_term(results, teacher_client):
    _exam, assignment, _pupils = results
    url = reverse("teacher:assignment-results", args=[assignment.pk])
    at_one = teacher_client.get(url).context
    at_two = teacher_client.get(url, {"n_term": "2,0"}).context
    assert str(at_two["chosen_n_term"]) == "2.0"
    assert at_two["chosen_grades"].passed >= at_one["chosen_grades"].passed
    # A nonsense N-term falls back to the exam's own, never a 500.
    assert str(teacher_client.get(url, {"n_term": "abc"}).context["chosen_n_term"]) == "1.0"
    assert str(teacher_client.get(url, {"n_term": "7"}).context["chosen_n_term"]) == "1.0"


@pytest.mark.parametrize(
    "raw",
    ["NaN", "-nan", "sNaN", "inf", "-inf", "Infinity", "1e309", "9" * 400, "abc", "-1", "2.1"],
)
@pytest.mark.parametrize("page", ["exam", "assignment"])
def test_a_nonsense_n_term_shows_the_exams_own_with_a_message(results, teacher_client, raw, page):
    exam, assignment, _pupils = results
    url = _urls(exam, assignment, _pupils[0])[page]
    teacher_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = teacher_client.get(url, {"n_term": raw})
    assert response.status_code == 200
    assert str(response.context["chosen_n_term"]) == "1.0"
    shown = [str(m) for m in response.context["messages"]]
    assert any("is not an N-term from 0.0 to 2.0" in m for m in shown)


def test_an_empty_n_term_is_the_exams_own_without_a_message(results, teacher_client):
    exam, assignment, pupils = results
    response = teacher_client.get(_urls(exam, assignment, pupils[0])["exam"], {"n_term": ""})
    assert str(response.context["chosen_n_term"]) == "1.0"
    assert not list(response.context["messages"])


def test_an_exam_without_attempts_says_so(teacher, teacher_client):
    exam = make_exam(author=teacher, max_points=[1, 2])
    response = teacher_client.get(reverse("teacher:exam-results", args=[exam.pk]))
    assert response.status_code == 200
    assert 'id="no-results"' in response.content.decode()


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _class_with_results(teacher, size, prefix):
    exam = make_exam(author=teacher, max_points=[1, 1, 2, 3], title=f"Examen {prefix}")
    classroom, pupils = make_class(teacher=teacher, size=size, prefix=prefix, name=prefix)
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    matrix = [MIXED[i % 6] for i in range(size)]
    choices = [MIXED_CHOICES[i % 6] for i in range(size)]
    add_attempts(exam=exam, assignment=assignment, pupils=pupils, matrix=matrix, choices=choices)
    return exam, assignment


def test_the_results_pages_query_count_is_the_same_for_5_and_50_pupils(teacher, teacher_client):
    small_exam, small = _class_with_results(teacher, 5, "klein")
    big_exam, big = _class_with_results(teacher, 50, "groot")
    assert _page_queries(
        teacher_client, reverse("teacher:assignment-results", args=[small.pk])
    ) == _page_queries(teacher_client, reverse("teacher:assignment-results", args=[big.pk]))
    assert _page_queries(
        teacher_client, reverse("teacher:exam-results", args=[small_exam.pk])
    ) == _page_queries(teacher_client, reverse("teacher:exam-results", args=[big_exam.pk]))
    assert _page_queries(
        teacher_client, reverse("teacher:results-export", args=["assignment", small.pk, "scores", "xlsx"])
    ) == _page_queries(
        teacher_client, reverse("teacher:results-export", args=["assignment", big.pk, "scores", "xlsx"])
    )  # fmt: skip


# ---------------------------------------------------------------------------
# One pupil


def test_the_teacher_sees_a_pupils_attempts_kinds_and_chart(results, teacher_client):
    _exam, _assignment, pupils = results
    response = teacher_client.get(reverse("teacher:pupil-results", args=[pupils[0].pk]))
    html = response.content.decode()
    overview = response.context["overview"]
    assert [row.total_points for row in overview.attempts] == [7]
    assert {k.kind for k in overview.kinds} == {"mc", "open"}
    assert html.count("<svg") == 1
    assert 'id="chart-attempts"' in html


def test_strengths_and_weaknesses_are_measured_against_the_pupils_own_average(
    teacher, pupil, pupil_client
):
    exam = make_exam(author=teacher, max_points=[1, 1, 2], kinds=["mc", "gap", "open"])
    classroom, _others = make_class(teacher=teacher, size=0)
    classroom.memberships.create(pupil=pupil)
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    add_attempts(exam=exam, assignment=assignment, pupils=[pupil], matrix=[[1, 0, 1]])
    kinds = {
        k.kind: k for k in pupil_client.get(reverse("pupil:results")).context["overview"].kinds
    }
    # 2 of 4 points overall (50%): mc 100% is a strength, gap 0% a weakness, open 50% neither.
    assert kinds["mc"].verdict == "strength"
    assert kinds["gap"].verdict == "weakness"
    assert kinds["open"].verdict == ""


def test_the_pupil_page_compares_self_scores_with_the_teachers(results, teacher, teacher_client):
    _exam, _assignment, pupils = results
    attempt = Attempt.objects.get(pupil=pupils[0])
    answer = attempt.answers.get(question__number=4)
    answer.self_points = 2
    answer.scored_by = teacher
    answer.save()
    unscored = attempt.answers.get(question__number=3)
    unscored.self_points = 2
    unscored.save()
    overview = teacher_client.get(reverse("teacher:pupil-results", args=[pupils[0].pk])).context[
        "overview"
    ]
    rows = {row.number: row for row in overview.self_scores}
    assert rows[4].teacher_points == 3
    assert rows[4].difference == -1
    assert rows[3].teacher_points is None
    assert overview.calibration.compared == 1
    assert overview.calibration.mean_difference == pytest.approx(-1.0)


def test_a_pupil_sees_only_their_own_results(results, pupil_client, pupils_of=None):
    _exam, _assignment, pupils = results
    response = pupil_client.get(reverse("pupil:results"))
    assert response.status_code == 200
    assert [row.total_points for row in response.context["overview"].attempts] == [7]


def test_a_pupil_does_not_see_an_exam_before_the_results_are_released(teacher, pupil, pupil_client):
    exam = make_exam(author=teacher, max_points=[1, 2])
    classroom, _others = make_class(teacher=teacher, size=0)
    classroom.memberships.create(pupil=pupil)
    assignment = Assignment.objects.create(
        exam=exam, classroom=classroom, created_by=teacher, mode="exam", time_limit_minutes=50
    )
    add_attempts(exam=exam, assignment=assignment, pupils=[pupil], matrix=[[1, 2]])
    assert pupil_client.get(reverse("pupil:results")).context["overview"].attempts == []
    assignment.results_released_at = timezone.now()
    assignment.save()
    assert len(pupil_client.get(reverse("pupil:results")).context["overview"].attempts) == 1


def test_a_teacher_has_no_page_of_their_own_results(teacher_client):
    assert teacher_client.get(reverse("pupil:results")).status_code == 403


def test_the_exam_page_links_to_the_teachers_own_classes(results, teacher_client):
    exam, assignment, _pupils = results
    response = teacher_client.get(reverse("teacher:exam-results", args=[exam.pk]))
    html = response.content.decode()
    assert response.context["result"].n == 6
    assert reverse("teacher:assignment-results", args=[assignment.pk]) in html
    # Per exam there is no export of pupils' names.
    assert "/scores." not in html


# ---------------------------------------------------------------------------
# Charts


def test_a_chart_has_its_title_and_no_script_and_draws_without_data():
    from exam.results import item_statistics as statistics
    from exam.results import plots

    empty = [
        plots.score_histogram_chart(statistics.score_histogram([], 10), max_total=10),
        plots.grade_distribution_chart(statistics.grade_distribution([], 10, Decimal("1.0"))),
        plots.p_value_chart([]),
        plots.n_term_chart(statistics.n_term_simulation([], 10), current=Decimal("1.0")),
        plots.attempts_chart([]),
    ]
    for chart in empty:
        assert chart.title
        assert "<title id=" in chart.svg
        assert "<script" not in chart.svg
        assert not re.search(r"(href|src)=\"https?://", chart.svg)
        assert "<!--" not in chart.svg


def test_the_grade_chart_counts_a_five_and_a_half_as_a_six_and_a_pass():
    from exam.results import plots

    assert plots.rounded_grade(Decimal("5.5")) == 6
    assert plots.rounded_grade(Decimal("5.4")) == 5
    assert plots.rounded_grade(Decimal("10.0")) == 10


def test_the_pupil_pages_query_count_does_not_grow_with_attempts(results, teacher_client):
    exam, assignment, pupils = results
    url = reverse("teacher:pupil-results", args=[pupils[0].pk])
    one = _page_queries(teacher_client, url)
    for day in (1, 2, 3):
        add_attempts(
            exam=exam,
            assignment=assignment,
            pupils=[pupils[0]],
            matrix=[[1, 0, 1, 2]],
            choices=["B"],
            submitted_at=timezone.now() + timedelta(days=day),
        )
    assert _page_queries(teacher_client, url) == one
