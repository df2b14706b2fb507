"""The demo class: about 25 demo pupils with varied, plausible, really scored results.

Generating the class takes a few seconds, so one test looks at everything a new
teacher would see, and a second one runs it twice.
"""

from exam.demo import ensure_demo_exam
from exam.demo_results import DEMO_CLASS_NAME, ensure_demo_class
from exam.models import Answer, Assignment, Attempt, Classroom, Membership
from exam.results import analysis


def test_it_makes_a_demo_class_with_varied_really_scored_results(teacher, admin_user):
    exam, _created = ensure_demo_exam(author=teacher)
    classroom = ensure_demo_class(teacher=teacher, exam=exam)

    # About 25 pupils, clearly demo pupils, who cannot log in.
    assert classroom.name == DEMO_CLASS_NAME
    pupils = [
        m.pupil for m in Membership.objects.filter(classroom=classroom).select_related("pupil")
    ]
    assert len(pupils) == 25
    assert all(p.username.startswith("demo-leerling-") for p in pupils)
    assert all(p.get_full_name().startswith("Demo Leerling") for p in pupils)
    assert not any(p.has_usable_password() for p in pupils)

    # One to three handed-in attempts each, not all the same number.
    counts = {}
    for attempt in Attempt.objects.filter(assignment__classroom=classroom):
        assert attempt.submitted_at is not None
        assert attempt.total_points is not None and attempt.grade is not None
        counts[attempt.pupil_id] = counts.get(attempt.pupil_id, 0) + 1
    assert len(counts) == 25
    assert set(counts.values()) <= {1, 2, 3}
    assert len(set(counts.values())) > 1

    # Varied results, and questions for the teacher to look at.
    assignment = Assignment.objects.get(classroom=classroom, exam=exam)
    result = analysis.analyse_assignment(assignment)
    assert result.n == 25
    p_values = [q.stats.p for q in result.questions]
    assert max(p_values) - min(p_values) > 0.4
    assert result.totals.sd > 2
    flagged = {q.info.number: q.flags for q in result.flagged}
    assert "too_easy" in flagged[1]
    assert "distractor_beats_key" in flagged[12]

    # Closed questions carry the scorers' points; open ones the teacher's marks, except
    # the newest attempts of a few pupils, still in the queue; some pupils self-scored.
    answers = Answer.objects.filter(attempt__assignment__classroom=classroom)
    assert answers.filter(question__kind="mc", final_points__isnull=False).exists()
    assert answers.filter(question__kind="open", scored_by=teacher).exists()
    assert answers.filter(needs_review=True, scored_by__isnull=True).exists()
    assert answers.filter(self_points__isnull=False, scored_by=teacher).exists()


def test_running_it_twice_adds_nothing(teacher, admin_user):
    exam, _created = ensure_demo_exam(author=teacher)
    classroom = ensure_demo_class(teacher=teacher, exam=exam)

    def counts():
        return (
            Classroom.objects.count(),
            Membership.objects.count(),
            Assignment.objects.count(),
            Attempt.objects.count(),
            Answer.objects.count(),
        )

    before = counts()
    assert ensure_demo_class(teacher=teacher, exam=exam) == classroom
    assert counts() == before
