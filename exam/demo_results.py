"""A demo class with results, so a new teacher sees real-looking analysis at once.

`ensure_demo_class(teacher=..., exam=...)` makes the class "Demo 5H" with 25 demo
pupils (usernames demo-leerling-01 ... 25, names "Demo Leerling 01" ...), a practice
assignment of the demo exam, and one to three handed-in attempts per pupil.

The answers are generated, not typed: each pupil has an ability, each question a
difficulty, and the chance of a right answer (or of each model element) follows the
usual logistic curve, P = 1 / (1 + e^(-1.7 (ability - difficulty))). Later attempts
are a little better (the pupil practised). The responses are real responses in each
kind's stored form, cleaned by exam.scoring.clean_response and scored by
exam.services.submit_attempt, exactly as a pupil's would be; open answers and
summaries are then self-scored by some pupils and marked by the demo teacher
through exam.marking, except those of the most recent attempts, which wait in the
marking queue.

Two questions are made to stand out, so the analysis has something to show: the
first is so easy that nearly everyone gets it (p > 0.95), and in question 12 a wrong
option draws the stronger pupils (a distractor that beats the key).

Seeded (random.Random(SEED)): the same data every time. Idempotent: a second run
finds the class, the pupils, the assignment and the attempts, and adds nothing.
The demo pupils cannot log in (unusable passwords); the demo account "leerling" is
for trying the pupil side.
"""

from __future__ import annotations

import math
import random
from datetime import timedelta
from statistics import NormalDist

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.roles import PUPILS
from exam import kinds
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.marking import mark_answer
from exam.models import Answer, Assignment, Attempt, Classroom, Exam, Membership, Question
from exam.scoring import ResponseError, clean_response
from exam.services import choice_labels, self_score, submit_attempt
from texts.models import Paragraph

DEMO_CLASS_NAME = "Demo 5H"
DEMO_PUPILS = 25
SEED = 20260511
USERNAME = "demo-leerling-{:02d}"
# Question number -> difficulty on the ability scale (0 is an average pupil), for the
# demo exam's fifteen questions; another exam's questions get random difficulties.
DIFFICULTY = {
    1: -3.4,  # nearly everyone: flagged as too easy
    2: -0.6,
    3: -0.8,
    4: 1.2,
    5: -1.0,
    6: 0.4,
    7: -0.3,
    8: 0.0,
    9: -0.5,
    10: 0.6,
    11: 0.2,
    12: -0.4,
    13: 0.1,
    14: -0.2,
    15: 0.5,
}
# In this question the strongest pupils fall for one wrong option.
TRICKY_QUESTION = 12
TRICKY_OPTION = "C"
TRICKY_ABILITY = 0.4
ABILITY_MEAN = 0.2
ABILITY_SD = 0.9
# A pupil gets a little better with every attempt.
PRACTICE_GAIN = 0.35

User = get_user_model()


def _chance(ability: float, difficulty: float) -> float:
    return 1 / (1 + math.exp(-1.7 * (ability - difficulty)))


# ---------------------------------------------------------------------------
# Responses, right or wrong, in each kind's stored form


def _respond(question: Question, *, rng, p: float, ability: float, labels, paragraph_count: int):
    """A response to the question for a pupil who gets each part right with chance p.

    Returns (response, elements the response holds) - the elements only for open
    questions and summaries, where the teacher later ticks them. Each kind makes its
    own (exam/kinds/, demo_response); only the tricky distractor is this module's.
    """
    scoring = question.scoring or {}
    right = rng.random() < p
    if question.kind == Question.Kind.MULTIPLE_CHOICE and question.number == TRICKY_QUESTION:
        wrong = [o for o in labels.get("option", []) if o != scoring.get("key")]
        if TRICKY_OPTION in wrong:
            # The strong pupils fall for the tricky option; nobody else picks it.
            if ability > TRICKY_ABILITY and rng.random() < 0.8:
                return TRICKY_OPTION, []
            if not right:
                return rng.choice([o for o in wrong if o != TRICKY_OPTION]), []
    return kinds.get(question.kind).demo_response(
        scoring, labels=labels, rng=rng, p=p, right=right, paragraph_count=paragraph_count
    )


# ---------------------------------------------------------------------------


def _ensure_pupils() -> list:
    usernames = [USERNAME.format(i) for i in range(1, DEMO_PUPILS + 1)]
    existing = {u.username: u for u in User.objects.filter(username__in=usernames)}
    new = []
    for i, username in enumerate(usernames, start=1):
        if username not in existing:
            # Two digits, so that a list sorted by name keeps the numbers in order.
            user = User(username=username, first_name="Demo", last_name=f"Leerling {i:02d}")
            user.set_unusable_password()
            new.append(user)
    if new:
        User.objects.bulk_create(new)
        existing = {u.username: u for u in User.objects.filter(username__in=usernames)}
    group, _created = Group.objects.get_or_create(name=PUPILS)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=group.pk) for u in existing.values()],
        ignore_conflicts=True,
    )
    return [existing[name] for name in usernames]


def _make_attempt(*, assignment, pupil, questions, context, rng, ability, submitted_at):
    labels, paragraph_counts, difficulty = context
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    answers, elements = [], {}
    for question in questions:
        p = _chance(ability, difficulty[question.pk])
        if rng.random() < 0.03:
            continue  # now and then a question is skipped
        raw, chosen = _respond(
            question,
            rng=rng,
            p=p,
            ability=ability,
            labels=labels[question.pk],
            paragraph_count=paragraph_counts.get(question.text_id, 5),
        )
        try:
            response = clean_response(
                kind=question.kind,
                value=raw,
                labels=labels[question.pk],
                paragraph_count=paragraph_counts.get(question.text_id),
                word_limit=question.word_limit,
                scoring=question.scoring,
            )
        except ResponseError:
            continue
        answers.append(Answer(attempt=attempt, question=question, response=response))
        elements[question.pk] = chosen
    Answer.objects.bulk_create(answers)
    submit_attempt(attempt=attempt)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=submitted_at - timedelta(minutes=rng.randint(35, 70)),
        submitted_at=submitted_at,
    )
    return attempt, elements


def _mark(*, attempt, elements, teacher, rng, ability, marked: bool) -> None:
    """Self-scores by some pupils, then the teacher's marks (unless left in the queue)."""
    open_answers = Answer.objects.filter(
        attempt=attempt,
        question__kind__in=[Question.Kind.OPEN, Question.Kind.SUMMARY, Question.Kind.PARTS],
    ).select_related("question", "attempt__exam")
    for answer in open_answers:
        found = elements.get(answer.question_id)
        if found is None or answer.response in (None, ""):
            continue
        model = answer.question.scoring.get("elements", [])
        if rng.random() < 0.7:
            claimed = list(found)
            missing = [i for i in range(len(model)) if i not in claimed]
            # Weaker pupils tend to give themselves too much, stronger ones too little.
            if missing and rng.random() < (0.55 if ability < 0 else 0.2):
                claimed.append(rng.choice(missing))
            elif claimed and ability > 0.5 and rng.random() < 0.2:
                claimed.pop()
            self_score(answer=answer, elements=claimed)
            answer.refresh_from_db()
        if marked:
            ticked = list(found)
            if ticked and rng.random() < 0.1:
                ticked.pop()  # the teacher was strict about a vague sentence
            mark_answer(answer=answer, elements=ticked, teacher=teacher)


@transaction.atomic
def ensure_demo_class(*, teacher, exam: Exam) -> Classroom:
    """The demo class with its pupils and their results; creates what is missing."""
    classroom = (
        Classroom.objects.filter(teacher=teacher, name=DEMO_CLASS_NAME).order_by("pk").first()
    )
    if classroom is None:
        classroom = class_services.create_classroom(teacher=teacher, name=DEMO_CLASS_NAME)
    pupils = _ensure_pupils()
    Membership.objects.bulk_create(
        [Membership(classroom=classroom, pupil=p) for p in pupils], ignore_conflicts=True
    )
    assignment = (
        Assignment.objects.filter(classroom=classroom, exam=exam).order_by("pk").first()
    ) or assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode=Assignment.Mode.PRACTICE
    )
    done = set(Attempt.objects.filter(assignment=assignment).values_list("pupil_id", flat=True))
    if all(p.pk in done for p in pupils):
        return classroom

    questions = list(exam.questions.order_by("number"))
    rng = random.Random(SEED)
    difficulty = {q.pk: DIFFICULTY.get(q.number, rng.gauss(-0.4, 0.8)) for q in questions}
    labels = {q.pk: choice_labels(q) for q in questions}
    paragraph_counts = {
        text_id: Paragraph.objects.filter(text_id=text_id).count()
        for text_id in {q.text_id for q in questions}
    }
    # Abilities spread evenly over a normal curve (not drawn at random), so that the
    # class has a few strong, a few weak and many average pupils, whatever the seed.
    abilities = [
        ABILITY_MEAN + ABILITY_SD * NormalDist().inv_cdf((i + 0.5) / len(pupils))
        for i in range(len(pupils))
    ]
    rng.shuffle(abilities)
    now = timezone.now()
    for index, pupil in enumerate(pupils):
        # Every pupil draws from the same sequence, made or not, so a class
        # completed after an interruption gets the data a single run would give.
        ability = abilities[index]
        count = rng.choice([1, 1, 2, 2, 2, 3])
        plans = [
            now
            - timedelta(
                days=42 - 14 * n - rng.randint(0, 5),
                hours=rng.randint(0, 6),
                minutes=rng.randint(0, 59),
            )
            for n in range(count)
        ]
        pupil_rng = random.Random(SEED * 100 + index)
        if pupil.pk in done:
            continue
        for n, submitted_at in enumerate(plans):
            attempt, elements = _make_attempt(
                assignment=assignment,
                pupil=pupil,
                questions=questions,
                context=(labels, paragraph_counts, difficulty),
                rng=pupil_rng,
                ability=ability + PRACTICE_GAIN * n,
                submitted_at=submitted_at,
            )
            # The newest attempts of the last few pupils still wait for the teacher.
            marked = not (n == count - 1 and index >= DEMO_PUPILS - 4)
            _mark(
                attempt=attempt,
                elements=elements,
                teacher=teacher,
                rng=pupil_rng,
                ability=ability,
                marked=marked,
            )
    return classroom
