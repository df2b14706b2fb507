"""Classes, submitted attempts and answers for the marking and results tests.

`make_exam` here stores an exam of bare questions of the given maxima (no seed text),
unlike tests.exam_builders.make_exam, which builds one question per kind on a text.
`add_attempts` stores a score matrix as submitted attempts, so the results tests
check the queries rather than the formulas again; `take` has a pupil make an exam
through the real services.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.services import ensure_user
from exam.assignments import services as assignment_services
from exam.grades import grade
from exam.models import Answer, Attempt, Choice, Classroom, Exam, Membership, Question
from exam.services import save_answer, self_score, submit_attempt
from texts.models import Text

# The score matrix tests/test_statistics.py works out on paper: six pupils, questions
# of 1, 1, 2 and 3 points, totals 7, 5, 5, 3, 2, 0.
MIXED = [
    [1, 1, 2, 3],
    [1, 0, 2, 2],
    [1, 1, 1, 2],
    [0, 1, 1, 1],
    [1, 0, 0, 1],
    [0, 0, 0, 0],
]
MIXED_MAX = [1, 1, 2, 3]
# Question 1 is multiple choice, key A: who chose what (None: no answer row at all).
MIXED_CHOICES = ["A", "A", "A", "B", "A", None]


def make_exam(*, author, max_points, kinds=None, title="Proefexamen", mc_key="A"):
    """An exam with one text and questions of the given maxima; MC questions get A-D."""
    text = Text.objects.create(title="Proeftekst", raw="Proeftekst.", uploaded_by=author)
    exam = Exam.objects.create(title=title, author=author, is_published=True)
    exam.exam_texts.create(text=text, position=1)
    kinds = kinds or ["mc"] + ["open"] * (len(max_points) - 1)
    for number, (points, kind) in enumerate(zip(max_points, kinds, strict=True), start=1):
        question = Question.objects.create(
            exam=exam,
            number=number,
            text=text,
            kind=kind,
            stem=f"Vraag {number}?",
            max_points=points,
            scoring={"key": mc_key} if kind == "mc" else {},
        )
        if kind == "mc":
            Choice.objects.bulk_create(
                Choice(question=question, label=label, content=f"optie {label}", position=i)
                for i, label in enumerate("ABCD")
            )
    return exam


def make_class(*, teacher, size, prefix="leerling", name="5H"):
    classroom = Classroom.objects.create(
        name=name, teacher=teacher, join_code=f"{prefix[:4].upper()}{size:03d}{teacher.pk}"
    )
    pupils = []
    for i in range(1, size + 1):
        pupil, _created = ensure_user(
            username=f"{prefix}-{i:02d}",
            password="x-test-password",
            role="pupil",
            first_name="Leerling",
            last_name=str(i),
        )
        Membership.objects.create(classroom=classroom, pupil=pupil)
        pupils.append(pupil)
    return classroom, pupils


def add_attempts(*, exam, assignment, pupils, matrix, choices=None, submitted_at=None):
    """One submitted attempt per pupil with the matrix's points as teacher scores.

    `choices` gives each pupil's response to question 1 (multiple choice); None
    leaves that answer out entirely, as a pupil who never touched it.
    """
    questions = list(exam.questions.order_by("number"))
    maximum = sum(q.max_points for q in questions)
    when = submitted_at or timezone.now()
    attempts = []
    for i, (pupil, row) in enumerate(zip(pupils, matrix, strict=True)):
        attempt = Attempt.objects.create(
            pupil=pupil,
            exam=exam,
            assignment=assignment,
            submitted_at=when + timedelta(seconds=i),
            total_points=sum(row),
            grade=grade(score=sum(row), max_score=maximum, n_term=exam.n_term),
        )
        answers = []
        for q, points in zip(questions, row, strict=True):
            response = "tekst"
            if q.kind == "mc" and choices is not None:
                response = choices[i]
                if response is None:
                    continue
            answers.append(
                Answer(attempt=attempt, question=q, response=response, final_points=points)
            )
        Answer.objects.bulk_create(answers)
        attempts.append(attempt)
    return attempts


def take(assignment, pupil, *, mc="B", open_text="Ze dringen voor.", self_elements=None):
    """The pupil makes the exam and hands it in; optionally self-scores question 2."""
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    questions = {q.number: q for q in assignment.exam.questions.all()}
    save_answer(attempt=attempt, question=questions[1], value=mc)
    save_answer(attempt=attempt, question=questions[2], value=open_text)
    attempt = submit_attempt(attempt=attempt)
    if self_elements is not None:
        self_score(answer=open_answer(attempt), elements=self_elements)
    attempt.refresh_from_db()
    return attempt


def open_answer(attempt) -> Answer:
    return Answer.objects.get(attempt=attempt, question__number=2)
