"""The item analysis of an exam or an assignment: six queries, then pure maths.

The queries and which attempts count are exam/results/queries.py; the maths is
exam/results/item_statistics.py. This module puts the two together into the
ExamAnalysis the results pages, charts and exports read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from exam.models import (
    Assignment,
    Attempt,
    Exam,
)
from exam.results import item_statistics as statistics
from exam.results.queries import (
    QuestionInfo,
    counted_attempts_for_assignment,
    counted_attempts_for_exam,
    item_sums,
    option_sums,
    question_infos,
    score_counts,
    total_sums,
)


@dataclass(frozen=True)
class QuestionAnalysis:
    info: QuestionInfo
    stats: statistics.ItemStats
    distractors: list[statistics.DistractorRow]
    flags: list[str]

    @property
    def is_flagged(self) -> bool:
        return bool(self.flags)


@dataclass(frozen=True)
class TextSummary:
    position: int | None
    title: str
    summary: statistics.GroupSummary


@dataclass(frozen=True)
class KindSummary:
    kind: str
    label: str
    summary: statistics.GroupSummary


@dataclass(frozen=True)
class ExamAnalysis:
    exam: Exam
    n: int
    max_total: int
    n_term: Decimal
    totals: statistics.MeanSD
    reliability: statistics.Reliability
    histogram: list[tuple[int, int]]
    grades: statistics.GradeDistribution
    simulation: list[statistics.GradeDistribution]
    questions: list[QuestionAnalysis]
    by_kind: list[KindSummary]
    by_text: list[TextSummary]
    score_counts: list[tuple[int, int]] = field(default_factory=list)

    @property
    def flagged(self) -> list[QuestionAnalysis]:
        return [q for q in self.questions if q.is_flagged]

    @property
    def mean_share(self) -> float | None:
        """The mean score as a share of the maximum."""
        if self.totals.mean is None or not self.max_total:
            return None
        return self.totals.mean / self.max_total


# ---------------------------------------------------------------------------
# The analysis


def analyse(*, exam: Exam, attempts: QuerySet[Attempt]) -> ExamAnalysis:
    """The whole item analysis of `attempts` (already narrowed to the counted ones).

    Six queries, whatever the number of attempts and questions.
    """
    questions = question_infos(exam)
    max_total = sum(q.max_points for q in questions)
    counts = score_counts(attempts)
    totals = total_sums(counts, max_total)
    n = totals.n
    sums, answered = item_sums(attempts, questions, n)
    options = option_sums(attempts) if any(q.is_multiple_choice for q in questions) else {}

    analysed = []
    for q, item in zip(questions, sums, strict=True):
        stats = statistics.item_stats(item, totals)
        distractors: list[statistics.DistractorRow] = []
        if q.is_multiple_choice and n:
            rows = list(options.get(q.id, []))
            # Attempts without an answer row left the question blank: they scored 0,
            # so their rest score is their whole total.
            answered_rows, answered_total = answered[q.id]
            if n > answered_rows:
                rows.append(
                    statistics.OptionSums(
                        question_id=q.id,
                        option=None,
                        count=n - answered_rows,
                        sum_rest=totals.sum_t - answered_total,
                    )
                )
            distractors = statistics.distractor_table(rows, q.key or "", n, q.options)
        analysed.append(
            QuestionAnalysis(
                info=q,
                stats=stats,
                distractors=distractors,
                flags=statistics.flags(stats, distractors) if n else [],
            )
        )

    all_stats = [a.stats for a in analysed]
    kind_labels = {q.kind: q.kind_label for q in questions}
    by_kind = [
        KindSummary(kind=s.key, label=kind_labels[s.key], summary=s)
        for s in statistics.group_summary(all_stats, {q.id: q.kind for q in questions})
    ]
    titles = {q.text_position: q.text_title for q in questions}
    by_text = [
        TextSummary(position=s.key, title=titles[s.key], summary=s)
        for s in statistics.group_summary(all_stats, {q.id: q.text_position for q in questions})
    ]
    n_term = Decimal(exam.n_term)
    if max_total:
        simulation = statistics.n_term_simulation(counts, max_total)
        # The exam's own N-term is one of the simulated ones (one decimal, 0.0-2.0).
        grades = next((g for g in simulation if g.n_term == n_term), None)
        if grades is None:
            grades = statistics.grade_distribution(counts, max_total, n_term)
    else:
        grades = statistics.grade_distribution([], 1, n_term)
        simulation = []
    return ExamAnalysis(
        exam=exam,
        n=n,
        max_total=max_total,
        n_term=n_term,
        totals=statistics.mean_sd(totals),
        reliability=statistics.reliability(sums, totals),
        histogram=statistics.score_histogram(counts, max_total),
        grades=grades,
        simulation=simulation,
        questions=analysed,
        by_kind=by_kind,
        by_text=by_text,
        score_counts=counts,
    )


def analyse_exam(exam: Exam) -> ExamAnalysis:
    return analyse(exam=exam, attempts=counted_attempts_for_exam(exam))


def analyse_assignment(assignment: Assignment) -> ExamAnalysis:
    return analyse(exam=assignment.exam, attempts=counted_attempts_for_assignment(assignment))
