"""Authoring services: exams, texts, questions, publishing checks and regrading."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from exam import authoring
from exam.authoring import ChoiceData, QuestionData
from exam.models import Answer, Attempt, Choice, Exam, Question
from exam.services import save_answer, start_attempt, submit_attempt
from texts.services import import_text

pytestmark = pytest.mark.django_db

OPTIONS = (
    ChoiceData("option", "A", "een aanleiding"),
    ChoiceData("option", "B", "een definitie"),
    ChoiceData("option", "C", "een oorzaak"),
    ChoiceData("option", "D", "een weerlegging"),
)


def mc(text, *, key="A", stem="Welke functie heeft alinea 1?", points=1, **extra):
    return QuestionData(
        kind="mc",
        text=text,
        stem=stem,
        max_points=points,
        scoring={"key": key},
        choices=OPTIONS,
        **extra,
    )


def open_question(text, *, points=2):
    return QuestionData(
        kind="open",
        text=text,
        stem="Noem twee oorzaken uit alinea 1.",
        max_points=points,
        model_answer="achterstand / geld",
        scoring={
            "elements": [
                {"text": "achterstand", "points": 1, "keywords": ["achterstand"]},
                {"text": "geen geld", "points": 1, "keywords": ["geld"]},
            ]
        },
    )


@pytest.fixture
def exam(teacher, seed_text):
    # Pupils practise it freely in these tests (exam/visibility.py).
    return authoring.create_exam(
        author=teacher, title="Oefenexamen", texts=[seed_text], practice_visibility="open"
    )


@pytest.fixture
def second_text(admin_user, seed_raw):
    return import_text(raw=seed_raw, uploaded_by=admin_user, title="Tweede tekst", publish=True)


def submitted_attempt(pupil, exam, answers: dict):
    attempt = start_attempt(pupil=pupil, exam=exam)
    for question, value in answers.items():
        save_answer(attempt=attempt, question=question, value=value)
    return submit_attempt(attempt=attempt)


# --- exams -----------------------------------------------------------------------------


def test_a_new_exam_is_a_draft_with_its_texts_in_the_chosen_order(teacher, seed_text, second_text):
    exam = authoring.create_exam(
        author=teacher,
        title="  Twee teksten ",
        texts=[second_text, seed_text],
        level=Exam.Level.VWO,
        n_term=Decimal("1.3"),
    )
    assert exam.title == "Twee teksten"
    assert not exam.is_published
    assert list(exam.exam_texts.values_list("position", "text_id")) == [
        (1, second_text.pk),
        (2, seed_text.pk),
    ]


def test_an_exam_cannot_use_a_draft_text(teacher, admin_user, seed_raw):
    draft = import_text(raw=seed_raw, uploaded_by=admin_user)
    with pytest.raises(ValidationError) as error:
        authoring.create_exam(author=teacher, title="X", texts=[draft])
    assert "texts" in error.value.error_dict
    assert not Exam.objects.exists()


def test_reordering_the_texts_renumbers_tekst_1_and_2(exam, seed_text, second_text):
    authoring.update_exam(
        exam=exam, title=exam.title, texts=[seed_text, second_text], level="havo", n_term=1
    )
    authoring.update_exam(
        exam=exam, title=exam.title, texts=[second_text, seed_text], level="havo", n_term=1
    )
    assert list(exam.exam_texts.order_by("position").values_list("text_id", flat=True)) == [
        second_text.pk,
        seed_text.pk,
    ]


def test_a_text_with_questions_cannot_be_dropped(exam, seed_text, second_text):
    authoring.add_question(exam=exam, data=mc(seed_text))
    with pytest.raises(ValidationError):
        authoring.update_exam(
            exam=exam, title=exam.title, texts=[second_text], level="havo", n_term=1
        )
    assert list(exam.exam_texts.values_list("text_id", flat=True)) == [seed_text.pk]


def test_a_copy_has_every_question_and_choice_and_belongs_to_the_copier(
    exam, seed_text, other_teacher
):
    authoring.add_question(exam=exam, data=mc(seed_text, key="C"))
    authoring.add_question(exam=exam, data=open_question(seed_text))
    authoring.publish_exam(exam=exam)
    with translation.override("en"):
        copy = authoring.copy_exam(exam=exam, user=other_teacher)
    assert copy.title == "Copy of Oefenexamen"
    assert copy.author == other_teacher
    assert not copy.is_published
    assert [(q.number, q.kind, q.scoring) for q in copy.questions.order_by("number")] == [
        (q.number, q.kind, q.scoring) for q in exam.questions.order_by("number")
    ]
    assert Choice.objects.filter(question__exam=copy).count() == 4
    assert list(copy.exam_texts.values_list("text_id", flat=True)) == [seed_text.pk]
    # The original is untouched.
    assert Choice.objects.filter(question__exam=exam).count() == 4
    assert exam.author != other_teacher


def test_deleting_an_exam_with_attempts_needs_their_number(exam, seed_text, pupil):
    question = authoring.add_question(exam=exam, data=mc(seed_text))
    authoring.publish_exam(exam=exam)
    submitted_attempt(pupil, exam, {question: "A"})
    with pytest.raises(authoring.ExamHasAttempts) as refused:
        authoring.delete_exam(exam=exam)
    assert refused.value.count == 1
    with pytest.raises(authoring.ExamHasAttempts):
        authoring.delete_exam(exam=exam, confirm_attempts=2)
    assert Exam.objects.filter(pk=exam.pk).exists()
    authoring.delete_exam(exam=exam, confirm_attempts=1)
    assert not Exam.objects.filter(pk=exam.pk).exists()
    assert not Attempt.objects.exists()


def test_an_exam_without_attempts_is_deleted_at_once(exam, seed_text):
    authoring.add_question(exam=exam, data=mc(seed_text))
    authoring.delete_exam(exam=exam)
    assert not Question.objects.exists()


def test_a_colleague_becomes_co_author_by_username(exam, other_teacher, pupil):
    authoring.add_co_author(exam=exam, username=" OTHER_teacher ")
    assert list(exam.co_authors.all()) == [other_teacher]
    with pytest.raises(ValidationError):
        authoring.add_co_author(exam=exam, username=pupil.username)
    with pytest.raises(ValidationError):
        authoring.add_co_author(exam=exam, username="nobody")
    with pytest.raises(ValidationError):
        authoring.add_co_author(exam=exam, username=exam.author.username)
    authoring.remove_co_author(exam=exam, user=other_teacher)
    assert not exam.co_authors.exists()


# --- questions -------------------------------------------------------------------------


def test_questions_are_numbered_in_the_order_they_are_added(exam, seed_text):
    first = authoring.add_question(exam=exam, data=mc(seed_text))
    second = authoring.add_question(exam=exam, data=open_question(seed_text))
    assert (first.number, second.number) == (1, 2)
    assert list(first.choices.values_list("label", "position")) == [
        ("A", 0),
        ("B", 1),
        ("C", 2),
        ("D", 3),
    ]


def test_moving_and_reordering_keep_numbers_one_to_n(exam, seed_text):
    q1, q2, q3 = (
        authoring.add_question(exam=exam, data=mc(seed_text, stem=f"Vraag {n}?")) for n in (1, 2, 3)
    )
    authoring.move_question(question=q3, direction="up")
    assert list(exam.questions.order_by("number").values_list("pk", flat=True)) == [
        q1.pk,
        q3.pk,
        q2.pk,
    ]
    authoring.move_question(question=q1, direction="up")  # already first: nothing happens
    authoring.reorder_questions(exam=exam, question_ids=[q2.pk, q1.pk, q3.pk])
    assert list(exam.questions.order_by("number").values_list("pk", "number")) == [
        (q2.pk, 1),
        (q1.pk, 2),
        (q3.pk, 3),
    ]
    with pytest.raises(ValidationError):
        authoring.reorder_questions(exam=exam, question_ids=[q1.pk, q2.pk])


def test_deleting_a_question_closes_the_gap(exam, seed_text):
    q1, q2, q3 = (authoring.add_question(exam=exam, data=mc(seed_text)) for _ in range(3))
    authoring.delete_question(question=q2)
    assert list(exam.questions.order_by("number").values_list("pk", "number")) == [
        (q1.pk, 1),
        (q3.pk, 2),
    ]


def test_a_question_with_answers_is_not_deleted(exam, seed_text, pupil):
    question = authoring.add_question(exam=exam, data=mc(seed_text))
    authoring.publish_exam(exam=exam)
    submitted_attempt(pupil, exam, {question: "B"})
    with pytest.raises(authoring.QuestionHasAnswers):
        authoring.delete_question(question=question)
    assert Question.objects.filter(pk=question.pk).exists()


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("stem", "Wat staat er in regel 120?", ["regel 120", "109"]),
        ("stem", "Wat is de functie van alinea 7?", ["alinea 7", "5"]),
        ("stem", "Lees regel 100-112.", ["regel 100-112", "109"]),
        ("model_answer", "Zie alinea 6.", ["alinea 6", "5"]),
        ("explanation", "Het staat in regel 110.", ["regel 110", "109"]),
        ("answer_lines", "105-120", ["120", "109"]),
    ],
)
def test_a_reference_outside_the_text_is_a_problem_on_its_field(seed_text, field, value, named):
    data = mc(seed_text, stem="Welke functie heeft alinea 1?")
    data = QuestionData(**{**data.__dict__, field: value})
    problems = authoring.check_question(data=data)
    assert list(problems) == [field]
    assert all(part in problems[field][0] for part in named)


def test_references_inside_the_text_are_fine(seed_text):
    data = mc(seed_text, stem="Lees regel 85-91 en alinea 5.", answer_lines="105-109")
    assert authoring.check_question(data=data) == {}


def test_an_element_reference_outside_the_text_is_reported_on_that_element(seed_text):
    data = open_question(seed_text)
    data.scoring["elements"][1]["text"] = "zoals regel 200 zegt"
    assert list(authoring.check_question(data=data)) == ["element:1"]


def test_an_invalid_question_is_not_saved(exam, seed_text):
    with pytest.raises(ValidationError):
        authoring.add_question(exam=exam, data=mc(seed_text, key="E"))
    with pytest.raises(ValidationError):
        authoring.add_question(exam=exam, data=mc(seed_text, stem="Lees regel 300."))
    assert not exam.questions.exists()


# --- publishing ------------------------------------------------------------------------


def test_an_empty_exam_cannot_be_published(exam):
    with translation.override("en"), pytest.raises(authoring.ExamNotReady) as refused:
        authoring.publish_exam(exam=exam)
    assert refused.value.problems == ["Add at least one question."]
    exam.refresh_from_db()
    assert not exam.is_published


def test_publishing_lists_every_question_that_is_not_ready(exam, seed_text):
    authoring.add_question(exam=exam, data=mc(seed_text))
    broken_key = authoring.add_question(exam=exam, data=mc(seed_text))
    broken_table = authoring.add_question(exam=exam, data=mc(seed_text))
    # Written around the services (as an import or an old version might have).
    Question.objects.filter(pk=broken_key.pk).update(scoring={})
    Question.objects.filter(pk=broken_table.pk).update(
        kind="statements",
        scoring={"answers": {"1": "juist", "2": "onjuist"}, "table": {"2": 1, "1": 0}},
    )
    Choice.objects.filter(question=broken_table).delete()
    Choice.objects.bulk_create(
        Choice(question=broken_table, role="statement", label=label, content="x")
        for label in ("1", "2")
    )
    with translation.override("en"), pytest.raises(authoring.ExamNotReady) as refused:
        authoring.publish_exam(exam=exam)
    problems = refused.value.problems
    assert [p.split(":")[0] for p in problems] == ["Question 2", "Question 3"]
    assert problems[0] == "Question 2: Choose which option is the right answer."
    assert problems[1] == "Question 3: Give the points for 0 right."


def test_a_complete_exam_is_published(exam, seed_text):
    authoring.add_question(exam=exam, data=mc(seed_text))
    authoring.add_question(exam=exam, data=open_question(seed_text))
    assert authoring.exam_problems(exam) == []
    authoring.publish_exam(exam=exam)
    exam.refresh_from_db()
    assert exam.is_published
    authoring.unpublish_exam(exam=exam)
    exam.refresh_from_db()
    assert not exam.is_published


# --- changing a question that has answers ----------------------------------------------


@pytest.fixture
def answered(exam, seed_text, pupil, other_pupil, django_user_model):
    """An MC question (key A) and an open question, answered by three pupils."""
    from accounts.services import ensure_user

    third, _ = ensure_user(username="third_pupil", password="pw-123456", role="pupil")
    q_mc = authoring.add_question(exam=exam, data=mc(seed_text, key="A"))
    q_open = authoring.add_question(exam=exam, data=open_question(seed_text))
    authoring.publish_exam(exam=exam)
    attempts = {
        "A": submitted_attempt(pupil, exam, {q_mc: "A", q_open: "een achterstand"}),
        "B": submitted_attempt(other_pupil, exam, {q_mc: "B", q_open: "geen geld"}),
        "C": submitted_attempt(third, exam, {q_mc: "C"}),
    }
    return q_mc, q_open, attempts


def points_of(attempts):
    result = {}
    for letter, attempt in attempts.items():
        attempt.refresh_from_db()
        result[letter] = attempt.total_points, attempt.grade
    return result


def test_changing_the_key_of_an_answered_question_asks_for_a_decision(answered, seed_text):
    q_mc, _q_open, attempts = answered
    before = points_of(attempts)
    with pytest.raises(authoring.RegradeDecisionNeeded) as asked:
        authoring.update_question(question=q_mc, data=mc(seed_text, key="B"))
    summary = asked.value.summary
    assert (summary.answers, summary.higher, summary.lower, summary.unchanged) == (3, 1, 1, 1)
    assert summary.attempts_changed == 2
    assert sorted((c.old_points, c.new_points) for c in summary.changes) == [(0, 1), (1, 0)]
    # Nothing changed while asking.
    q_mc.refresh_from_db()
    assert q_mc.scoring == {"key": "A"}
    assert points_of(attempts) == before


def test_keeping_earlier_scores_changes_the_question_but_no_score(answered, seed_text):
    q_mc, _q_open, attempts = answered
    before = points_of(attempts)
    result = authoring.update_question(
        question=q_mc, data=mc(seed_text, key="B"), regrade=authoring.KEEP
    )
    assert result is None
    q_mc.refresh_from_db()
    assert q_mc.scoring == {"key": "B"}
    assert points_of(attempts) == before
    assert sorted(Answer.objects.filter(question=q_mc).values_list("final_points", flat=True)) == [
        0,
        0,
        1,
    ]


def test_regrading_rescores_answers_and_updates_totals_and_grades(answered, seed_text):
    q_mc, _q_open, attempts = answered
    before = points_of(attempts)
    summary = authoring.update_question(
        question=q_mc, data=mc(seed_text, key="B"), regrade=authoring.REGRADE
    )
    assert (summary.higher, summary.lower) == (1, 1)
    after = points_of(attempts)
    assert after["A"][0] == before["A"][0] - 1
    assert after["B"][0] == before["B"][0] + 1
    assert after["C"] == before["C"]
    assert after["A"][1] < before["A"][1]
    assert after["B"][1] > before["B"][1]
    answer = Answer.objects.get(question=q_mc, attempt=attempts["B"])
    assert (answer.auto_points, answer.final_points) == (1, 1)


def test_regrading_keeps_a_teachers_score(answered, seed_text, teacher):
    q_mc, _q_open, attempts = answered
    Answer.objects.filter(question=q_mc, attempt=attempts["A"]).update(
        final_points=1, scored_by=teacher, override_reason="goed beargumenteerd"
    )
    summary = authoring.update_question(
        question=q_mc, data=mc(seed_text, key="B"), regrade=authoring.REGRADE
    )
    assert summary.kept_manual == 1
    answer = Answer.objects.get(question=q_mc, attempt=attempts["A"])
    assert (answer.auto_points, answer.final_points) == (0, 1)


def test_a_lower_maximum_brings_a_teachers_score_down_to_it(answered, seed_text, teacher):
    _q_mc, q_open, attempts = answered
    Answer.objects.filter(question=q_open, attempt=attempts["A"]).update(
        final_points=2, scored_by=teacher
    )
    data = open_question(seed_text, points=1)
    summary = authoring.update_question(question=q_open, data=data, regrade=authoring.REGRADE)
    assert summary.capped_manual == 1
    answer = Answer.objects.get(question=q_open, attempt=attempts["A"])
    assert answer.final_points == 1
    attempts["A"].refresh_from_db()
    # 1 point for question 1 (key A), 1 for the open question, out of 1 + 1.
    assert attempts["A"].total_points == 2
    assert attempts["A"].grade == Decimal("10.0")


def test_a_change_that_cannot_alter_scores_needs_no_decision(answered, seed_text):
    q_mc, _q_open, _attempts = answered
    data = mc(seed_text, key="A", stem="Welke functie heeft alinea 1 in de tekst?")
    assert authoring.update_question(question=q_mc, data=data) is None
    q_mc.refresh_from_db()
    assert q_mc.stem == "Welke functie heeft alinea 1 in de tekst?"


def test_the_kind_of_a_question_cannot_change(exam, seed_text):
    question = authoring.add_question(exam=exam, data=mc(seed_text))
    with pytest.raises(ValidationError):
        authoring.update_question(question=question, data=open_question(seed_text))
