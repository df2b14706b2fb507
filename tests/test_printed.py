"""Exams as printed: many texts with introductions, shared contexts above a group of
questions, references into another text, and the exam's duration."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exam import authoring, services
from exam.assignments import services as assignment_services
from exam.authoring.checks import QuestionData, question_problems
from exam.authoring.services import content_changed
from exam.classes import services as class_services
from exam.loading import ExamDataError, booklet_view, create_exam_from_data
from exam.models import Assignment, Exam, ExamText, Membership, Question, SharedContext
from exam.problems import message
from tests.exam_builders import make_text

pytestmark = pytest.mark.django_db

INTRO = "Tekst 3 bestaat uit twee fragmenten."
CONTEXT = "Lees bij de volgende vragen eerst de inleiding van tekst 2, regels 3-4."


@pytest.fixture
def texts(admin_user):
    return [make_text(lines=20, uploaded_by=admin_user) for _ in range(6)]


def _exam_post(texts, **extra) -> dict:
    data = {"title": "Centraal examen", "level": "havo", "n_term": "1.0"}
    data.update({f"text_{n}": t.pk for n, t in enumerate(texts, start=1)})
    data.update(extra)
    return data


def _exam_with_questions(teacher, texts, count=6, contexts=()):
    """An exam on `texts` with `count` questions spread over them, and contexts as
    (first, last) pairs."""
    exam = authoring.create_exam(
        author=teacher,
        title="Als gedrukt",
        texts=texts,
        intros=[INTRO if n == 0 else "" for n in range(len(texts))],
        duration_minutes=150,
    )
    for number in range(1, count + 1):
        text = texts[(number - 1) % len(texts)]
        Question.objects.create(
            exam=exam,
            number=number,
            text=text,
            kind=Question.Kind.GAP,
            stem=f"Vraag {number}: welk woord staat in tekst 2, regels 3-4?",
            max_points=1,
            scoring={"accepted": ["lezer"]},
            model_answer="lezer",
        )
    for first, last in contexts:
        SharedContext.objects.create(exam=exam, first_number=first, last_number=last, body=CONTEXT)
    Exam.objects.filter(pk=exam.pk).update(is_published=True, practice_visibility="open")
    exam.refresh_from_db()
    return exam


# --- the exam form: many texts, introductions, duration --------------------------------


def test_an_exam_of_six_texts_with_introductions_and_a_duration(teacher_client, texts):
    data = _exam_post(texts, intro_3=INTRO, duration_minutes="150")
    response = teacher_client.post(reverse("teacher:exam-create"), data)
    assert response.status_code == 302
    exam = Exam.objects.get()
    assert exam.duration_minutes == 150
    rows = list(exam.exam_texts.order_by("position").values_list("position", "text_id", "intro"))
    assert rows == [(n, t.pk, INTRO if n == 3 else "") for n, t in enumerate(texts, start=1)]
    # The form shows every text with its introduction, and one empty row to add one.
    page = teacher_client.get(reverse("teacher:exam-edit", args=[exam.pk]))
    form = page.context["form"]
    assert form.rows == 7
    assert form["text_6"].value() == texts[5].pk
    assert form["intro_3"].value() == INTRO
    # The detail page shows the introduction and the duration.
    detail = teacher_client.get(reverse("teacher:exam-detail", args=[exam.pk])).content.decode()
    assert INTRO in detail
    assert "Duur: 150 minuten" in detail


def test_editing_keeps_every_text_and_refuses_to_drop_one_with_questions(
    teacher, teacher_client, texts
):
    exam = _exam_with_questions(teacher, texts, count=6)
    data = _exam_post(texts, intro_1="Nieuwe inleiding", duration_minutes="120")
    response = teacher_client.post(reverse("teacher:exam-edit", args=[exam.pk]), data)
    assert response.status_code == 302
    assert exam.exam_texts.count() == 6
    assert exam.exam_texts.get(position=1).intro == "Nieuwe inleiding"
    # Leaving text 4 out (it has question 4) is refused, and nothing changes.
    data = _exam_post(texts[:3] + texts[4:], duration_minutes="90")
    response = teacher_client.post(reverse("teacher:exam-edit", args=[exam.pk]), data)
    assert response.status_code == 200
    assert "Bij deze teksten staan nog vragen; verwijder of verplaats die eerst" in (
        response.content.decode()
    )
    exam.refresh_from_db()
    assert exam.duration_minutes == 120
    assert list(exam.exam_texts.values_list("text_id", flat=True)) == [t.pk for t in texts]


def test_add_a_text_shows_one_more_row_and_saves_nothing(teacher_client, texts):
    data = _exam_post(texts[:2], add_text="1", text_rows="2")
    response = teacher_client.post(reverse("teacher:exam-create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.rows == 3 and "text_3" in form.fields
    assert not form.errors
    assert not Exam.objects.exists()


def test_no_more_than_twelve_texts(teacher_client, texts):
    data = _exam_post(texts, add_text="1", text_rows="12")
    response = teacher_client.post(reverse("teacher:exam-create"), data)
    assert response.status_code == 200
    assert response.context["form"].rows == 12
    assert "Een examen heeft hoogstens 12 teksten." in response.content.decode()
    assert not Exam.objects.exists()
    with pytest.raises(ValidationError):
        authoring.create_exam(author=Exam, title="x", texts=texts * 3)


@pytest.mark.parametrize("value", ["0", "601", "twee uur"])
def test_a_duration_out_of_range_is_a_form_error(teacher_client, texts, value):
    response = teacher_client.post(
        reverse("teacher:exam-create"), _exam_post(texts[:1], duration_minutes=value)
    )
    assert response.status_code == 200
    assert "duration_minutes" in response.context["form"].errors
    assert not Exam.objects.exists()


def test_an_introduction_without_its_text_is_a_form_error(teacher_client, texts):
    data = _exam_post(texts[:1], intro_2="Zwevend")
    response = teacher_client.post(reverse("teacher:exam-create"), data)
    assert response.status_code == 200
    assert "Kies de tekst waar deze inleiding bij hoort." in response.content.decode()
    assert not Exam.objects.exists()


def test_a_copy_keeps_introductions_contexts_and_duration(teacher, texts):
    exam = _exam_with_questions(teacher, texts[:2], count=4, contexts=[(2, 3)])
    copy = authoring.copy_exam(exam=exam, user=teacher)
    assert copy.duration_minutes == 150
    assert copy.exam_texts.get(position=1).intro == INTRO
    assert list(copy.contexts.values_list("first_number", "last_number", "body")) == [
        (2, 3, CONTEXT)
    ]


# --- shared contexts ---------------------------------------------------------------------


def test_a_teacher_adds_changes_and_deletes_a_shared_context(teacher, teacher_client, texts):
    exam = _exam_with_questions(teacher, texts[:2], count=6)
    url = reverse("teacher:context-create", args=[exam.pk])
    page = teacher_client.get(url + "?first=2&last=4")
    assert page.context["form"]["first_number"].value() == 2
    response = teacher_client.post(url, {"first_number": 2, "last_number": 4, "body": CONTEXT})
    assert response.status_code == 302
    shared = SharedContext.objects.get(exam=exam)
    assert (shared.first_number, shared.last_number, shared.body) == (2, 4, CONTEXT)
    detail = teacher_client.get(reverse("teacher:exam-detail", args=[exam.pk])).content.decode()
    # Once, above question 2.
    assert detail.count(f'id="context-{shared.pk}"') == 1
    assert detail.index(f'id="context-{shared.pk}"') < detail.index(
        f'id="question-{exam.questions.get(number=2).pk}"'
    )
    edit = reverse("teacher:context-edit", args=[exam.pk, shared.pk])
    response = teacher_client.post(edit, {"first_number": 3, "last_number": 5, "body": "Anders"})
    assert response.status_code == 302
    shared.refresh_from_db()
    assert (shared.first_number, shared.last_number, shared.body) == (3, 5, "Anders")
    version = Exam.objects.get(pk=exam.pk).content_version
    teacher_client.post(reverse("teacher:context-delete", args=[exam.pk, shared.pk]))
    assert not SharedContext.objects.exists()
    # Pupils' cached pages see the change.
    assert Exam.objects.get(pk=exam.pk).content_version == version + 1


@pytest.mark.parametrize(
    ("first", "last", "body", "field", "text"),
    [
        (5, 9, CONTEXT, "last_number", "Het examen heeft 6 vragen; er is geen vraag 9."),
        (4, 3, CONTEXT, "last_number", "De laatste vraag kan niet vóór de eerste komen."),
        (2, 5, CONTEXT, "first_number", "Vraag 1 tot en met 2 delen al een context"),
        (3, 4, "   ", "body", "Dit veld is verplicht."),
    ],
)
def test_a_context_over_missing_or_taken_questions_is_refused(
    teacher, teacher_client, texts, first, last, body, field, text
):
    exam = _exam_with_questions(teacher, texts[:2], count=6, contexts=[(1, 2)])
    url = reverse("teacher:context-create", args=[exam.pk])
    data = {"first_number": first, "last_number": last, "body": body}
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert text in response.content.decode()
    assert exam.contexts.count() == 1
    # What the teacher typed is still there.
    assert response.context["form"]["body"].value() == body


def test_another_teacher_gets_a_404_on_your_contexts(teacher, other_teacher_client, texts):
    exam = _exam_with_questions(teacher, texts[:2], count=4, contexts=[(1, 2)])
    shared = exam.contexts.get()
    data = {"first_number": 3, "last_number": 4, "body": "Overgenomen"}
    urls = [
        ("get", reverse("teacher:context-create", args=[exam.pk])),
        ("post", reverse("teacher:context-create", args=[exam.pk])),
        ("get", reverse("teacher:context-edit", args=[exam.pk, shared.pk])),
        ("post", reverse("teacher:context-edit", args=[exam.pk, shared.pk])),
        ("post", reverse("teacher:context-delete", args=[exam.pk, shared.pk])),
    ]
    for method, url in urls:
        assert getattr(other_teacher_client, method)(url, data).status_code == 404
    assert list(SharedContext.objects.values_list("first_number", "body")) == [(1, CONTEXT)]


def test_a_context_of_another_exam_is_a_404(teacher, teacher_client, texts):
    mine = _exam_with_questions(teacher, texts[:1], count=2)
    other = _exam_with_questions(teacher, texts[1:2], count=2, contexts=[(1, 2)])
    url = reverse("teacher:context-edit", args=[mine.pk, other.contexts.get().pk])
    assert teacher_client.get(url).status_code == 404


# --- what the pupil sees -------------------------------------------------------------------


def test_the_pupil_sees_the_intro_the_context_with_each_question_and_links_into_text_2(
    teacher, pupil_client, texts
):
    exam = _exam_with_questions(teacher, texts[:3], count=6, contexts=[(2, 4)])
    response = pupil_client.post(reverse("pupil:exam-start", args=[exam.pk]))
    page = pupil_client.get(response["Location"]).content.decode()
    # The introduction above text 1.
    assert f'id="text-{texts[0].pk}-exam-intro"' in page and INTRO in page
    # The context with every question of its group (2, 3, 4), not with 1, 5 or 6.
    assert page.count('data-context="2-4"') == 3
    questions = {n: page[page.index(f'id="question-{n}"') :][:3000] for n in range(1, 7)}
    for number in (2, 3, 4):
        assert 'data-context="2-4"' in questions[number].split("</article>")[0]
    for number in (1, 5, 6):
        assert 'data-context="2-4"' not in questions[number].split("</article>")[0]
    # "tekst 2, regels 3-4" points into text 2, whichever text the question is on.
    link = f'href="#text-{texts[1].pk}-line-3" data-text="{texts[1].pk}"'
    assert page.count(link) == 6 + 3  # every stem, and the context with 2, 3 and 4


def test_the_preview_and_the_answer_model_show_the_context_once(teacher, teacher_client, texts):
    exam = _exam_with_questions(teacher, texts[:2], count=6, contexts=[(2, 4)])
    preview = teacher_client.get(reverse("teacher:exam-preview", args=[exam.pk])).content.decode()
    assert preview.count('data-context="2-4"') == 1
    assert preview.index('data-context="2-4"') < preview.index('id="question-2"')
    assert INTRO in preview
    model = teacher_client.get(reverse("teacher:answer-model", args=[exam.pk])).content.decode()
    assert model.count('data-context="2-4"') == 1
    assert model.index('data-context="2-4"') < model.index('id="model-q2"')
    assert INTRO in model and "150 minuten" in model


def test_a_reference_to_a_text_the_exam_lacks_stays_plain_text(teacher, pupil_client, texts):
    exam = _exam_with_questions(teacher, texts[:1], count=1)
    exam.questions.update(stem="Lees tekst 2, regels 3-4 en regel 5.")
    response = pupil_client.post(reverse("pupil:exam-start", args=[exam.pk]))
    page = pupil_client.get(response["Location"]).content.decode()
    assert "Lees tekst 2, regels 3-4 en " in page
    assert f'href="#text-{texts[0].pk}-line-5"' in page
    assert page.count('class="exam-ref"') == 1


def test_the_pupil_sees_the_duration_before_starting(teacher, pupil_client, texts):
    _exam_with_questions(teacher, texts[:1], count=1)
    home = pupil_client.get(reverse("pupil:home")).content.decode()
    assert '<span class="exam-duration">150 minuten</span>' in home


def _page_queries(client, attempt) -> int:
    """The exam page's queries with the booklets rendered before (their cost is per
    text and cached for every pupil), the page itself rendered afresh."""
    url = reverse("pupil:attempt-detail", args=[attempt.pk])
    client.get(reverse("pupil:home"))
    cache.clear()
    client.get(url)
    content_changed(attempt.exam_id)  # a new page key: rendered again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_exam_page_takes_as_many_queries_for_six_texts_and_contexts_as_for_one(
    teacher, pupil, pupil_client, texts
):
    one = _exam_with_questions(teacher, texts[:1], count=6)
    six = _exam_with_questions(teacher, texts, count=12, contexts=[(1, 3), (5, 8), (10, 12)])
    small = services.start_attempt(pupil=pupil, exam=one)
    large = services.start_attempt(pupil=pupil, exam=six)
    assert _page_queries(pupil_client, large) == _page_queries(pupil_client, small)


# --- the time limit of an exam-mode assignment ---------------------------------------------


@pytest.fixture
def classroom(teacher, pupil):
    classroom = class_services.create_classroom(teacher=teacher, name="6 VWO")
    Membership.objects.create(classroom=classroom, pupil=pupil)
    return classroom


def test_the_assignment_form_takes_the_exams_duration_as_time_limit(
    teacher, teacher_client, texts, classroom
):
    exam = _exam_with_questions(teacher, texts[:1], count=2)
    url = reverse("teacher:assignment-create", args=[classroom.pk])
    page = teacher_client.get(url + f"?exam={exam.pk}")
    assert page.context["form"]["time_limit_minutes"].value() == 150
    assert f'value="{exam.pk}" selected data-duration="150"' in page.content.decode()
    response = teacher_client.post(url, {"exam": exam.pk, "mode": "exam"})
    assert response.status_code == 302
    assert Assignment.objects.get().time_limit_minutes == 150
    # A limit the teacher typed wins.
    teacher_client.post(url, {"exam": exam.pk, "mode": "exam", "time_limit_minutes": "100"})
    assert sorted(Assignment.objects.values_list("time_limit_minutes", flat=True)) == [100, 150]


def test_without_a_duration_an_exam_mode_assignment_still_needs_a_limit(
    teacher, teacher_client, texts, classroom
):
    exam = _exam_with_questions(teacher, texts[:1], count=2)
    Exam.objects.filter(pk=exam.pk).update(duration_minutes=None)
    url = reverse("teacher:assignment-create", args=[classroom.pk])
    response = teacher_client.post(url, {"exam": exam.pk, "mode": "exam"})
    assert response.status_code == 200
    assert "time_limit_minutes" in response.context["form"].errors
    exam.refresh_from_db()
    with pytest.raises(class_services.ClassError):
        assignment_services.assign_exam(
            classroom=classroom, exam=exam, teacher=teacher, mode="exam"
        )


# --- checking references in authoring ------------------------------------------------------


def _data(exam, text, stem) -> QuestionData:
    return QuestionData(
        kind="gap",
        text=text,
        stem=stem,
        max_points=1,
        scoring={"accepted": ["lezer"]},
        model_answer="lezer",
        exam=exam,
    )


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("Lees tekst 2, regels 3-4.", []),
        (
            "Lees tekst 3, regels 3-4.",
            ["“tekst 3, regels 3-4” noemt tekst 3, maar het examen heeft 2 teksten."],
        ),
        ("Lees regel 5 van tekst 2.", []),
        (
            "Lees tekst 2, regel 99.",
            ["“tekst 2, regel 99” staat niet in de tekst: die heeft 20 regels."],
        ),
        ("Wat betekent “lezer leest” (regel 2)?", []),
        (
            "Wat betekent “schrijver schrijft” (regel 2)?",
            ["“schrijver schrijft” staat niet in regel 2: controleer het citaat of de regels."],
        ),
    ],
)
def test_authoring_checks_references_to_other_texts(teacher, texts, stem, expected):
    exam = _exam_with_questions(teacher, texts[:2], count=1)
    fields, _scoring = question_problems(data=_data(exam, texts[0], stem))
    assert [message(p) for p in fields] == expected


def test_adding_a_question_with_a_reference_to_a_missing_text_is_refused(teacher, texts):
    exam = _exam_with_questions(teacher, texts[:2], count=1)
    with pytest.raises(ValidationError) as refused:
        authoring.add_question(exam=exam, data=_data(exam, texts[0], "Lees tekst 4, regel 1."))
    assert "tekst 4" in str(refused.value)
    assert exam.questions.count() == 1


def test_publishing_lists_a_reference_to_a_missing_text(teacher, texts):
    exam = _exam_with_questions(teacher, texts[:2], count=1)
    exam.questions.update(stem="Lees tekst 5, regel 1.")
    problems = authoring.exam_problems(exam)
    assert any("tekst 5" in p for p in problems)


# --- the exam loader ---------------------------------------------------------------------------


def _loader_data(**extra) -> dict:
    data = {
        "title": "Als gedrukt",
        "level": "vwo",
        "n_term": "1.0",
        "texts": ["een.txt", "twee.txt"],
        "questions": [
            {
                "number": n,
                "text": 1 if n < 3 else 2,
                "kind": "gap",
                "stem": "Welk woord staat in tekst 2, regels 3-4?",
                "max_points": 1,
                "scoring": {"accepted": ["lezer"]},
                "model_answer": "lezer",
            }
            for n in range(1, 5)
        ],
    }
    data.update(extra)
    return data


def test_the_loader_takes_intros_contexts_and_the_duration(teacher, texts):
    data = _loader_data(
        duration_minutes=150,
        text_intros={"2": INTRO},
        contexts=[{"first": 3, "last": 4, "body": CONTEXT}],
    )
    exam = create_exam_from_data(data=data, texts=texts[:2], author=teacher)
    assert exam.duration_minutes == 150
    assert list(ExamText.objects.filter(exam=exam).values_list("position", "intro")) == [
        (1, ""),
        (2, INTRO),
    ]
    assert list(exam.contexts.values_list("first_number", "last_number", "body")) == [
        (3, 4, CONTEXT)
    ]
    assert exam.n_term == Decimal("1.0")


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ({"duration_minutes": 0}, "exam: duration_minutes must be a whole number from 1 to 600"),
        ({"text_intros": {"3": "x"}}, "exam: text_intros names text '3'"),
        ({"text_intros": ["x"]}, "exam: text_intros must map"),
        ({"contexts": [{"first": 3, "last": 9, "body": "x"}]}, "context 1: first and last"),
        (
            {
                "contexts": [
                    {"first": 1, "last": 2, "body": "x"},
                    {"first": 2, "last": 3, "body": "y"},
                ]
            },
            "context 2: questions 2-3 already share another context",
        ),
        ({"contexts": [{"first": 1, "last": 2, "body": ""}]}, "context 1: has no body"),
        (
            {"contexts": [{"first": 1, "last": 2, "body": "Lees tekst 3, regel 1."}]},
            "context 1: body refers to tekst 3, regel 1, but the exam has 2 texts",
        ),
        (
            {"contexts": [{"first": 1, "last": 2, "body": "x", "title": "y"}]},
            "unknown field 'title'",
        ),
    ],
)
def test_the_loader_refuses_bad_intros_contexts_and_durations(teacher, texts, extra, problem):
    with pytest.raises(ExamDataError) as refused:
        create_exam_from_data(data=_loader_data(**extra), texts=texts[:2], author=teacher)
    assert any(p.startswith(problem) or problem in p for p in refused.value.problems), (
        refused.value.problems
    )
    assert not Exam.objects.exists()


def test_the_loader_refuses_a_reference_to_a_text_the_exam_lacks(teacher, texts):
    data = _loader_data()
    data["questions"][0]["stem"] = "Lees tekst 3, regel 2."
    with pytest.raises(ExamDataError) as refused:
        create_exam_from_data(data=data, texts=texts[:2], author=teacher)
    assert refused.value.problems == [
        "question 1: stem refers to tekst 3, regel 2, but the exam has 2 texts"
    ]
    assert booklet_view(texts[0])["paragraph_count"] == 2


def test_the_service_refuses_a_blank_context_and_keeps_nothing(teacher, texts):
    exam = _exam_with_questions(teacher, texts[:1], count=3)
    with pytest.raises(ValidationError) as refused:
        authoring.add_context(exam=exam, first_number=1, last_number=2, body="  ")
    assert set(refused.value.message_dict) == {"body"}
    assert not exam.contexts.exists()


def test_a_context_whose_questions_are_gone_is_listed_to_change(teacher, teacher_client, texts):
    exam = _exam_with_questions(teacher, texts[:1], count=2, contexts=[(1, 2)])
    SharedContext.objects.filter(exam=exam).update(first_number=5, last_number=6)
    detail = teacher_client.get(reverse("teacher:exam-detail", args=[exam.pk])).content.decode()
    assert 'id="unplaced-contexts-note"' in detail
    assert f'id="context-{exam.contexts.get().pk}"' in detail
