"""Time the item analysis of a whole school: 1,000 attempts x 40 questions.

    .venv/bin/python -m bench.bench_analysis [--runs N] [--postgres URL]

SQLite by default; PostgreSQL with --postgres postgres://postgres@127.0.0.1:5432/bench
(or DATABASE_URL set). Runs on a throwaway test database (test_<name>), never the
developer's.

Generates, with bulk_create, one exam of 40 questions (10 multiple choice, the rest
of 1-3 points), 1,000 pupils in 40 classes of 25 with one handed-in attempt each, and
their 40,000 answers (scores drawn from an item-response model, so the analysis has
real variance). Then times:

- the analysis alone (exam.results.analysis.analyse_exam: the six aggregate queries and the
  statistics), and its query count;
- the exam's results page through the test client (analysis, four SVG charts, the
  tables), its server time and query count;
- one class's results page (25 pupils) and the exam-wide XLSX export;
- a same-run baseline: one bare query counting the 40,000 answers, and, for
  contrast, fetching every answer's points into Python (what a per-answer loop
  would start with before computing anything).

Target (issue 5, section 5): the whole item analysis page under 1 second on SQLite
and PostgreSQL, with a number of queries that does not grow with the number of pupils.
"""

import argparse
import os
import random
import statistics
import time

PUPILS = 1000
QUESTIONS = 40
MC_QUESTIONS = 10
CLASS_SIZE = 25
TARGET_SECONDS = 1.0


def _parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each probe")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL URL (else DATABASE_URL)")
    return parser.parse_args()


def generate(seed: int = 5) -> dict:
    """The exam, classes, attempts and answers, written with bulk_create."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.roles import PUPILS as PUPIL_GROUP
    from accounts.services import ensure_user
    from exam.grades import grade
    from exam.models import (
        Answer,
        Assignment,
        Attempt,
        Choice,
        Classroom,
        Exam,
        ExamText,
        Membership,
        Question,
    )
    from texts.models import Text

    user_model = get_user_model()
    rng = random.Random(seed)
    teacher, _created = ensure_user(
        username="bench-docent", password="bench-pass-123", role="teacher"
    )
    text = Text.objects.create(title="Benchtekst", raw="Benchtekst.", uploaded_by=teacher)
    exam = Exam.objects.create(title="Schoolexamen", author=teacher, is_published=True)
    ExamText.objects.create(exam=exam, text=text, position=1)
    kinds = ["mc"] * MC_QUESTIONS + ["open", "gap", "statements", "citation"] * (
        (QUESTIONS - MC_QUESTIONS) // 4
    )
    kinds += ["open"] * (QUESTIONS - len(kinds))
    questions = Question.objects.bulk_create(
        Question(
            exam=exam,
            number=n,
            text=text,
            kind=kind,
            stem=f"Vraag {n}?",
            max_points=1 if kind == "mc" else rng.choice([1, 2, 2, 3]),
            scoring={"key": "ABCD"[n % 4]} if kind == "mc" else {},
        )
        for n, kind in enumerate(kinds, start=1)
    )
    questions = list(Question.objects.filter(exam=exam).order_by("number"))
    Choice.objects.bulk_create(
        Choice(question=q, label=label, content=f"optie {label}", position=i)
        for q in questions
        if q.kind == "mc"
        for i, label in enumerate("ABCD")
    )
    pupils = user_model.objects.bulk_create(
        user_model(
            username=f"bench-leerling-{i:04d}",
            first_name="Bench",
            last_name=f"Leerling {i:04d}",
            password="!",
        )
        for i in range(PUPILS)
    )
    pupils = list(user_model.objects.filter(username__startswith="bench-leerling-"))
    group, _created = Group.objects.get_or_create(name=PUPIL_GROUP)
    user_model.groups.through.objects.bulk_create(
        user_model.groups.through(user_id=p.pk, group_id=group.pk) for p in pupils
    )
    classrooms = Classroom.objects.bulk_create(
        Classroom(name=f"Klas {c + 1}", teacher=teacher, join_code=f"BENCH{c:03d}")
        for c in range(PUPILS // CLASS_SIZE)
    )
    classrooms = list(Classroom.objects.filter(teacher=teacher).order_by("pk"))
    Membership.objects.bulk_create(
        Membership(classroom=classrooms[i // CLASS_SIZE], pupil=p) for i, p in enumerate(pupils)
    )
    Assignment.objects.bulk_create(
        Assignment(exam=exam, classroom=c, created_by=teacher) for c in classrooms
    )
    assignments = {a.classroom_id: a for a in Assignment.objects.filter(exam=exam)}

    difficulty = {q.pk: rng.gauss(0, 1) for q in questions}
    maximum = sum(q.max_points for q in questions)
    now = timezone.now()
    attempts, matrix = [], []
    for i, pupil in enumerate(pupils):
        ability = rng.gauss(0, 1)
        row = []
        for q in questions:
            p = 1 / (1 + pow(2.718281828, -1.7 * (ability - difficulty[q.pk])))
            row.append(sum(rng.random() < p for _ in range(q.max_points)))
        total = sum(row)
        matrix.append(row)
        attempts.append(
            Attempt(
                pupil=pupil,
                exam=exam,
                assignment=assignments[classrooms[i // CLASS_SIZE].pk],
                submitted_at=now,
                total_points=total,
                grade=grade(score=total, max_score=maximum, n_term=exam.n_term),
            )
        )
    Attempt.objects.bulk_create(attempts, batch_size=500)
    attempts = list(Attempt.objects.filter(exam=exam).order_by("pupil_id"))
    by_pupil = {a.pupil_id: a for a in attempts}
    answers = []
    for pupil, row in zip(pupils, matrix, strict=True):
        attempt = by_pupil[pupil.pk]
        for q, points in zip(questions, row, strict=True):
            if q.kind == "mc":
                key = q.scoring["key"]
                response = key if points else rng.choice([x for x in "ABCD" if x != key])
            else:
                response = "antwoord"
            answers.append(
                Answer(attempt=attempt, question=q, response=response, final_points=points)
            )
    Answer.objects.bulk_create(answers, batch_size=2000)
    return {
        "teacher": teacher,
        "exam": exam,
        "assignment": next(iter(assignments.values())),
        "answers": len(answers),
        "attempts": len(attempts),
    }


def _timed(func, runs: int) -> tuple[float, float, int]:
    """Median and best seconds over `runs` calls, and the queries of one call.

    The best run shows the cost on an idle machine; the median what a busy one gives.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    func()  # warm caches (templates, translations) before timing
    with CaptureQueriesContext(connection) as ctx:
        func()
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), queries


def measure(data: dict, runs: int) -> dict:
    from django.test import Client
    from django.urls import reverse

    from exam.models import Answer
    from exam.results import analysis

    exam, assignment = data["exam"], data["assignment"]
    client = Client()
    client.force_login(data["teacher"])

    def get(url):
        def probe():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return probe

    probes = {
        "analysis": lambda: analysis.analyse_exam(exam),
        "exam_page": get(reverse("teacher:exam-results", args=[exam.pk])),
        "class_page": get(reverse("teacher:assignment-results", args=[assignment.pk])),
        "class_analysis": lambda: analysis.analyse_assignment(assignment),
        "export_xlsx": get(
            reverse("teacher:results-export", args=["exam", exam.pk, "items", "xlsx"])
        ),
        "count": lambda: Answer.objects.filter(attempt__exam=exam).count(),
        "fetch": lambda: list(
            Answer.objects.filter(attempt__exam=exam).values_list(
                "attempt_id", "question_id", "final_points"
            )
        ),
    }
    results = {}
    for name, probe in probes.items():
        seconds, best, queries = _timed(probe, runs)
        results[name] = {"seconds": seconds, "best": best, "queries": queries}
    return results


def main() -> dict:
    args = _parse_args()
    if args.postgres:
        os.environ["DATABASE_URL"] = args.postgres
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(DEBUG=False):
            start = time.perf_counter()
            data = generate()
            generated = time.perf_counter() - start
            results = measure(data, args.runs)
        if connection.vendor == "postgresql":
            version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
        else:
            version = connection.Database.sqlite_version
        vendor = f"{connection.vendor} {version}"
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    def row(label, name):
        r = results[name]
        return (
            f"  {label:<50} {r['seconds'] * 1000:7.1f} ms {r['best'] * 1000:7.1f} ms"
            f"  {r['queries']:3d}"
        )

    page = results["exam_page"]["seconds"]
    count = results["count"]["seconds"]
    print(f"Item analysis benchmark on {vendor}")
    print(
        f"  generated {data['attempts']} attempts x {QUESTIONS} questions"
        f" = {data['answers']} answers in {generated:.1f} s (bulk_create)"
    )
    print(f"  {'runs: ' + str(args.runs) + ' each':<50} {'median':>10} {'best':>10}  queries")
    print(row("analysis alone (1000 attempts, analyse_exam)", "analysis"))
    print(row("exam results page (analysis + 4 SVG charts)", "exam_page"))
    print(row("one class's analysis (25 attempts)", "class_analysis"))
    print(row("one class's results page (25 pupils)", "class_page"))
    print(row("item analysis XLSX export (1000 attempts)", "export_xlsx"))
    print(row("baseline: SELECT COUNT(*) of the 40,000 answers", "count"))
    print(row("contrast: fetch every answer's points into Python", "fetch"))
    print(f"  exam page / count baseline = {page / count:.1f}")
    print(
        f"  target: exam page < {TARGET_SECONDS:.0f} s:"
        f" {'OK' if page < TARGET_SECONDS else 'OVER'} ({page:.3f} s)"
    )
    same = results["analysis"]["queries"] == results["class_analysis"]["queries"]
    print(
        "  queries of the analysis for 1000 and for 25 attempts:"
        f" {results['analysis']['queries']} and {results['class_analysis']['queries']}"
        f" ({'the same' if same else 'DIFFERENT'})"
    )
    return results


if __name__ == "__main__":
    main()
