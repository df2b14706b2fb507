"""Starting, saving, submitting and self-scoring an attempt (exam/services.py)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exam import services
from exam.models import Answer, Attempt
from tests.exam_builders import SEED_SENTENCE, build_exam


@pytest.fixture
def exam(seed_text, teacher):
    # One question of every kind, 16 points: see tests/exam_builders.py.
    return build_exam(author=teacher, text=seed_text)


@pytest.fixture
def attempt(exam, pupil):
    return services.start_attempt(pupil=pupil, exam=exam)


def question(exam, kind):
    return exam.questions.get(kind=kind)


def save(attempt, kind, value, revision=None):
    return services.save_answer(
        attempt=attempt, question=question(attempt.exam, kind), value=value, revision=revision
    )


def test_starting_twice_resumes_the_same_attempt(exam, pupil):
    first = services.start_attempt(pupil=pupil, exam=exam)
    second = services.start_attempt(pupil=pupil, exam=exam)
    assert first.pk == second.pk
    assert Attempt.objects.filter(pupil=pupil, exam=exam).count() == 1


def test_another_pupil_starts_an_attempt_of_their_own(exam, pupil, other_pupil):
    mine = services.start_attempt(pupil=pupil, exam=exam)
    theirs = services.start_attempt(pupil=other_pupil, exam=exam)
    assert mine.pk != theirs.pk


def test_after_submitting_starting_again_begins_a_fresh_attempt(attempt, pupil):
    services.submit_attempt(attempt=attempt)
    again = services.start_attempt(pupil=pupil, exam=attempt.exam)
    assert again.pk != attempt.pk
    assert not again.is_submitted


def test_it_stores_the_cleaned_answer_with_its_revision(attempt):
    answer = save(attempt, "multi", ["c", " A"], revision=3)
    answer.refresh_from_db()
    assert answer.response == ["C", "A"]
    assert answer.revision == 3
    assert answer.saved_at is not None


def test_a_save_without_a_revision_counts_the_revision_up(attempt):
    save(attempt, "gap", "eerst")
    answer = save(attempt, "gap", "daarna")
    assert answer.revision == 2
    assert Answer.objects.get(pk=answer.pk).response == "daarna"


def test_a_late_save_with_an_older_revision_never_overwrites_a_newer_answer(attempt):
    save(attempt, "open", "mijn nieuwste antwoord", revision=5)
    with pytest.raises(services.StaleRevision) as stale:
        save(attempt, "open", "een oud antwoord", revision=4)
    assert stale.value.answer.revision == 5
    stored = Answer.objects.get(attempt=attempt, question__kind="open")
    assert stored.response == "mijn nieuwste antwoord"
    assert stored.revision == 5


def test_a_repeated_save_with_the_same_revision_is_accepted(attempt):
    save(attempt, "gap", "woord", revision=2)
    answer = save(attempt, "gap", "woord", revision=2)
    assert answer.response == "woord"


def test_clearing_an_answer_stores_no_response(attempt):
    save(attempt, "mc", "B")
    answer = save(attempt, "mc", "")
    assert Answer.objects.get(pk=answer.pk).response is None


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        ("mc", "E", "unknown_option"),
        ("paragraph", "9", "unknown_paragraph"),
        ("paragraph", "drie", "not_a_paragraph_number"),
        ("ordering", ["A", "A", "B", "C"], "not_a_permutation"),
        ("statements", {"1": "misschien"}, "invalid_statement_value"),
        ("matching", {"a": "7"}, "unknown_target"),
    ],
)
def test_an_impossible_answer_is_refused_with_its_code_and_nothing_is_stored(
    attempt, kind, value, code
):
    with pytest.raises(services.ResponseError) as error:
        save(attempt, kind, value)
    assert error.value.code == code
    assert not Answer.objects.filter(attempt=attempt, question__kind=kind).exists()


def test_saving_after_submitting_is_refused_and_changes_nothing(attempt):
    save(attempt, "mc", "A")
    services.submit_attempt(attempt=attempt)
    with pytest.raises(services.AttemptClosed):
        save(attempt, "mc", "B")
    assert Answer.objects.get(attempt=attempt, question__kind="mc").response == "A"


def test_saving_with_a_stale_attempt_object_still_sees_the_submit(attempt):
    stale_copy = Attempt.objects.get(pk=attempt.pk)
    services.submit_attempt(attempt=attempt)
    with pytest.raises(services.AttemptClosed):
        services.save_answer(
            attempt=stale_copy, question=question(attempt.exam, "gap"), value="te laat"
        )


def test_a_question_of_another_exam_cannot_be_answered(attempt, seed_text, teacher):
    other = build_exam(author=teacher, text=seed_text, count=1)
    with pytest.raises(ValueError):
        services.save_answer(attempt=attempt, question=other.questions.get(), value="B")


def answer_most_questions(attempt):
    """Answers worth 11 of 16 points (see each line), the summary left open."""
    save(attempt, "mc", "B")  # key: 1 of 1
    save(attempt, "multi", ["A", "C"])  # both keys: 2 of 2
    save(attempt, "statements", {"1": "juist", "2": "onjuist", "3": "juist"})  # 2 of 2
    save(attempt, "matching", {"a": "3", "b": "2", "c": "4"})  # two pairs: 2 of 3
    save(attempt, "ordering", ["C", "A", "D", "B"])  # right order: 1 of 1
    save(attempt, "paragraph", "3")  # accepted is 2: 0 of 1
    save(attempt, "citation", SEED_SENTENCE.lower())  # capitals tolerated: 1 of 1
    save(attempt, "gap", "Voordringkanalen.")  # 1 of 1
    save(attempt, "open", "Ze krijgen voorrang.")  # one element's keyword: proposal 1 of 2


def test_submitting_scores_every_question_and_sets_total_and_grade(attempt):
    answer_most_questions(attempt)
    submitted = services.submit_attempt(attempt=attempt)
    assert submitted.is_submitted
    assert submitted.total_points == 11
    # 9 * 11 / 16 + 1.0 = 7.19
    assert submitted.grade == Decimal("7.2")
    points = {a.question.kind: a.auto_points for a in submitted.answers.select_related("question")}
    assert points == {
        "mc": 1,
        "multi": 2,
        "statements": 2,
        "matching": 2,
        "ordering": 1,
        "paragraph": 0,
        "citation": 1,
        "gap": 1,
        "open": 1,
        "summary": 0,
    }


def test_an_unanswered_question_gets_an_answer_with_zero_points(attempt):
    services.submit_attempt(attempt=attempt)
    answers = Answer.objects.filter(attempt=attempt)
    assert answers.count() == 10
    assert {a.auto_points for a in answers} == {0}
    assert attempt.exam.questions.count() == 10
    attempt.refresh_from_db()
    assert attempt.total_points == 0
    assert attempt.grade == Decimal("1.0")


def test_submitting_keeps_each_saved_answer_as_it_was(attempt):
    saved = save(attempt, "gap", "voordringkanalen", revision=5)
    services.submit_attempt(attempt=attempt)
    answer = Answer.objects.get(pk=saved.pk)
    assert (answer.response, answer.revision, answer.saved_at) == (
        "voordringkanalen",
        5,
        saved.saved_at,
    )
    assert answer.auto_points == 1


def test_open_answers_await_a_teacher_but_their_proposal_counts(attempt):
    save(attempt, "open", "Ze krijgen voorrang.")
    save(attempt, "mc", "B")
    services.submit_attempt(attempt=attempt)
    open_answer = Answer.objects.get(attempt=attempt, question__kind="open")
    mc_answer = Answer.objects.get(attempt=attempt, question__kind="mc")
    assert open_answer.needs_review and open_answer.final_points is None
    assert open_answer.auto_points == 1
    assert mc_answer.final_points == 1 and not mc_answer.needs_review
    attempt.refresh_from_db()
    assert attempt.total_points == 2


def test_the_citation_feedback_keeps_the_cited_lines(attempt):
    save(attempt, "citation", "Wie twittert, wordt gehord.")
    services.submit_attempt(attempt=attempt)
    answer = Answer.objects.get(attempt=attempt, question__kind="citation")
    assert answer.auto_points == 1
    assert "typo_tolerated" in answer.feedback["codes"]
    assert answer.feedback["details"]["cited_lines"] == [27, 27]


def test_submitting_twice_returns_the_first_result_without_scoring_again(attempt):
    answer_most_questions(attempt)
    first = services.submit_attempt(attempt=attempt)
    # Were the second submit to score again, this teacher's correction would be lost.
    Answer.objects.filter(attempt=attempt, question__kind="paragraph").update(auto_points=1)
    second = services.submit_attempt(attempt=attempt)
    assert second.submitted_at == first.submitted_at
    assert second.total_points == first.total_points
    assert Answer.objects.get(attempt=attempt, question__kind="paragraph").auto_points == 1


def submit_queries(exam, pupil):
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    for q in exam.questions.filter(kind="gap"):
        services.save_answer(attempt=attempt, question=q, value="voordringkanalen")
    with CaptureQueriesContext(connection) as queries:
        services.submit_attempt(attempt=attempt)
    return len(queries)


def test_submitting_takes_as_many_queries_for_40_questions_as_for_10(
    seed_text, teacher, pupil, other_pupil
):
    small = build_exam(author=teacher, text=seed_text, count=10)
    large = build_exam(author=teacher, text=seed_text, count=40)
    assert submit_queries(large, other_pupil) == submit_queries(small, pupil)


def submitted_with_open_answer(attempt, text="Ze krijgen voorrang."):
    save(attempt, "open", text)
    services.submit_attempt(attempt=attempt)
    return Answer.objects.get(attempt=attempt, question__kind="open")


def test_a_self_score_counts_in_the_total_until_a_teacher_confirms(attempt):
    answer = submitted_with_open_answer(attempt)
    attempt.refresh_from_db()
    assert attempt.total_points == 1  # the computer's proposal
    scored = services.self_score(answer=answer, elements=[0, 1])
    assert scored.self_points == 2
    assert scored.self_elements == [0, 1]
    assert scored.final_points is None
    attempt.refresh_from_db()
    assert attempt.total_points == 2
    # 9 * 2 / 16 + 1.0 = 2.125
    assert attempt.grade == Decimal("2.1")


def test_a_self_score_can_be_lowered_again(attempt):
    answer = submitted_with_open_answer(attempt)
    services.self_score(answer=answer, elements=[0, 1])
    scored = services.self_score(answer=answer, elements=[])
    assert scored.self_points == 0
    attempt.refresh_from_db()
    assert attempt.total_points == 0


@pytest.mark.parametrize(
    ("setup", "elements", "code"),
    [
        ("before-submit", [0], "not-submitted"),
        ("closed-question", [0], "not-self-scored"),
        ("unanswered", [0], "unanswered"),
        ("teacher", [0], "teacher-scored"),
        ("ok", [5], "bad-element"),
    ],
)
def test_a_self_score_is_refused_when_it_cannot_apply(attempt, teacher, setup, elements, code):
    if setup == "before-submit":
        answer = save(attempt, "open", "Ze krijgen voorrang.")
    else:
        answer = submitted_with_open_answer(attempt)
    if setup == "closed-question":
        answer = Answer.objects.get(attempt=attempt, question__kind="mc")
    if setup == "unanswered":
        answer = Answer.objects.get(attempt=attempt, question__kind="summary")
    if setup == "teacher":
        Answer.objects.filter(pk=answer.pk).update(scored_by=teacher, final_points=2)
    with pytest.raises(services.SelfScoreError) as error:
        services.self_score(answer=answer, elements=elements)
    assert error.value.code == code


def test_the_database_refuses_a_second_open_attempt_at_the_same_exam(db, pupil, teacher, seed_text):
    """The guard behind idempotent starts, for two starts that race past the lookup."""
    from django.db import IntegrityError, transaction

    from exam.models import Attempt
    from tests.exam_builders import build_exam

    exam = build_exam(author=teacher, text=seed_text, kinds=["mc"], count=1)
    Attempt.objects.create(pupil=pupil, exam=exam)

    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(pupil=pupil, exam=exam)
    assert Attempt.objects.filter(pupil=pupil, exam=exam).count() == 1
