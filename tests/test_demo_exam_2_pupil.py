"""The second demo exam in the database: loaded once through the real importer and
loader, taken by a pupil from start to result page, and its exam page in as few
queries as the first demo's."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exam import demo, services
from exam.models import Answer, Choice, Exam, ExamText, Question
from exam.presenters import exam_page
from texts.models import Line, Paragraph, Text


def _counts():
    return (
        Text.objects.count(),
        Line.objects.count(),
        Paragraph.objects.count(),
        Exam.objects.count(),
        ExamText.objects.count(),
        Question.objects.count(),
        Choice.objects.count(),
    )


def test_it_loads_published_and_open_with_its_four_texts_through_the_importer(teacher):
    exam, created = demo.ensure_demo_exam_2(author=teacher)

    assert created
    assert exam.title == "Oefenexamen Nederlands havo (vier teksten)"
    assert (exam.level, exam.is_published) == ("havo", True)
    assert exam.practice_visibility == Exam.PracticeVisibility.OPEN
    texts = [et.text for et in exam.exam_texts.order_by("position")]
    assert [t.title for t in texts] == [
        "Schaf het huiswerk niet af",
        "Waarom tieners niet uit bed komen",
        "Gezin, met een hartje",
        "Lof der verveling",
    ]
    for text in texts:
        assert text.is_published
        assert text.paragraphs.count() == 6
        numbers = list(text.lines.order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
    assert texts[3].introduction.startswith("Tekst 4 bestaat uit twee fragmenten")
    assert texts[1].footnotes.count() == 1
    questions = list(exam.questions.order_by("number"))
    assert [q.number for q in questions] == list(
        range(1, len(demo.demo_exam_2_data()["questions"]) + 1)
    )
    assert {q.kind for q in questions} == set(Question.Kind.values)
    # Each question belongs to the text it is about, and the texts come in order.
    assert [texts.index(q.text) + 1 for q in questions] == [
        q["text"] for q in demo.demo_exam_2_data()["questions"]
    ]
    assert sum(q.max_points for q in questions) == 43


def test_loading_it_twice_duplicates_nothing_and_leaves_the_first_demo_alone(teacher):
    first, _created = demo.ensure_demo_exam(author=teacher)
    second, created = demo.ensure_demo_exam_2(author=teacher)
    assert created
    before = _counts()

    again, created_again = demo.ensure_demo_exam_2(author=teacher)

    assert (again, created_again) == (second, False)
    assert _counts() == before
    assert demo.ensure_demo_exam(author=teacher) == (first, False)
    assert first.questions.count() == len(demo.demo_exam_data()["questions"])
    assert list(first.exam_texts.values_list("text__title", flat=True)) == [
        "Laat de brutalen niet voordringen"
    ]


# --- a pupil takes it ---------------------------------------------------------------


def right_answer(question) -> dict:
    """The POST data of a full-marks answer, in the fields the exam page's forms use."""
    scoring = question.scoring
    kind = question.kind
    if kind == "mc":
        return {"value": scoring["key"]}
    if kind == "multi":
        return {"value": scoring["keys"]}
    if kind == "statements":
        return {f"s-{label}": value for label, value in scoring["answers"].items()}
    if kind == "matching":
        # Several targets per item post one value per ticked box.
        return {f"m-{item}": target for item, target in scoring["pairs"].items()}
    if kind == "ordering":
        return {f"o-{place}": label for place, label in enumerate(scoring["order"], start=1)}
    if kind == "paragraph":
        return {"value": str(scoring["accepted"][0])}
    if kind == "gap" and "gaps" in scoring:
        return {f"g-{n}": gap["accepted"][0] for n, gap in enumerate(scoring["gaps"], start=1)}
    if kind == "gap":
        return {"value": scoring["accepted"][0]}
    if kind == "citation":
        span = scoring["spans"][0]
        if scoring["mode"] == "first_last":
            return {"first": " ".join(span.split()[:2]), "last": " ".join(span.split()[-2:])}
        return {"value": span}
    if kind == "parts":
        # Each part: one line per element of that part, with its first keyword.
        return {
            f"p-{part['label']}": "\n".join(
                f"{e['keywords'][0].rstrip('*')} speelt een rol."
                for e in scoring["elements"]
                if e["part"] == part["label"]
            )
            for part in scoring["parts"]
        }
    # open, summary: one line per element of the model, with its first keyword.
    lines = [f"{e['keywords'][0].rstrip('*')} speelt een rol." for e in scoring["elements"]]
    return {"value": "\n".join(lines)}


def test_a_pupil_takes_it_from_start_to_result_with_full_marks_for_right_answers(
    teacher, pupil, pupil_client
):
    exam, _created = demo.ensure_demo_exam_2(author=teacher)

    started = pupil_client.post(reverse("pupil:exam-start", args=[exam.pk]))
    assert started.status_code == 302
    attempt = pupil.attempts.get(exam=exam)
    page = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk]))
    assert page.status_code == 200
    assert "Tekst 4" in page.content.decode()

    questions = list(exam.questions.order_by("number"))
    for question in questions:
        url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
        response = pupil_client.post(url, right_answer(question))
        assert response.status_code == 302, question.number
    assert attempt.answers.count() == len(questions)

    handed_in = pupil_client.post(reverse("pupil:attempt-submit", args=[attempt.pk]))
    assert handed_in.status_code == 302
    result = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk]))
    assert result.status_code == 200
    assert exam.title in result.content.decode()
    # The shared context of questions 25-26 stands with each of them on the result page too.
    html = result.content.decode()
    context = "Lees bij de volgende twee vragen eerst fragment 2"
    assert html.count(context) == 2
    first, second = html.index(context), html.rindex(context)
    assert html.index('id="question-25"') < first < html.index('id="question-26"') < second

    # Every closed question earns its maximum; every open answer and summary gets the
    # computer's full proposal, waiting for a teacher.
    for answer in Answer.objects.filter(attempt=attempt).select_related("question"):
        question = answer.question
        assert answer.auto_points == question.max_points, (question.number, answer.feedback)
        assert answer.needs_review == (question.kind in ("open", "summary", "parts")), (
            question.number
        )
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None


def test_wrong_answers_earn_nothing_on_the_closed_questions(teacher, pupil):
    exam, _created = demo.ensure_demo_exam_2(author=teacher)
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    wrong = {"mc": "D", "paragraph": "1", "gap": "huiswerk"}
    closed = exam.questions.filter(kind__in=list(wrong)).order_by("number")
    for question in closed:
        if question.kind == "mc" and question.scoring["key"] == "D":
            value = "A"
        elif "gaps" in question.scoring:
            value = [wrong["gap"]] * len(question.scoring["gaps"])
        else:
            value = wrong[question.kind]
        services.save_answer(attempt=attempt, question=question, value=value)
    services.submit_attempt(attempt=attempt)
    points = Answer.objects.filter(attempt=attempt, question__in=closed).values_list(
        "auto_points", flat=True
    )
    assert len(points) == closed.count() >= 8
    assert set(points) == {0}


# --- the exam page's queries --------------------------------------------------------


def page_queries(client, attempt, *, booklets_cached: bool) -> int:
    """The queries of the exam page rendered anew (not served whole from the cache)."""
    client.get(reverse("pupil:home"))  # the roles are read once per session
    cache.clear()
    if booklets_cached:
        # As on an exam morning after the first pupil: the texts' booklets are cached
        # (shared by every pupil), this pupil's page is not.
        client.get(reverse("pupil:attempt-detail", args=[attempt.pk]))
        cache.delete(exam_page.exam_page_key(attempt))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("pupil:attempt-detail", args=[attempt.pk]))
    assert response.status_code == 200
    return len(queries)


def _two_attempts(teacher, pupil):
    first, _created = demo.ensure_demo_exam(author=teacher)
    second, _created = demo.ensure_demo_exam_2(author=teacher)
    attempts = [services.start_attempt(pupil=pupil, exam=exam) for exam in (first, second)]
    for attempt in attempts:
        for question in attempt.exam.questions.filter(kind__in=["mc", "open"]):
            value = "B" if question.kind == "mc" else "voorrang"
            services.save_answer(attempt=attempt, question=question, value=value)
    return attempts


def test_its_exam_page_takes_as_many_queries_as_the_first_demos(teacher, pupil, pupil_client):
    first, second = _two_attempts(teacher, pupil)

    one_text = page_queries(pupil_client, first, booklets_cached=True)
    four_texts = page_queries(pupil_client, second, booklets_cached=True)

    # Four texts and 25 questions against one text and 16: no query per question,
    # per text or per line.
    assert four_texts == one_text


def test_with_every_cache_empty_each_further_text_costs_its_booklets_two_queries(
    teacher, pupil, pupil_client
):
    first, second = _two_attempts(teacher, pupil)

    one_text = page_queries(pupil_client, first, booklets_cached=False)
    four_texts = page_queries(pupil_client, second, booklets_cached=False)

    # The booklet tag reads a stored text's lines and footnotes (texts/templatetags/
    # booklet.py) once, then serves it from the cache to every pupil for a day; so
    # only the very first page of a morning pays them, per text. Nothing per question.
    assert one_text <= four_texts <= one_text + 2 * 3
