"""Create an exam from data (the JSON shape of exam/fixtures/demo_exam.json).

Besides the questions it takes the exam as printed: "duration_minutes" (150),
"text_intros" ({"3": "Tekst 3 bestaat uit twee fragmenten."}, by text number) and
"contexts" ([{"first": 7, "last": 9, "body": "Lees bij de volgende vragen ..."}]);
docs/question-kinds.md ("Exam files") describes every key.

The data is validated against the real booklets first (every reference inside its
text, every key present, points whole and positive); nothing is saved when any
check fails.
"""

from decimal import Decimal

from django.db import transaction

from exam.exam_data import validate_exam_data
from exam.models import Choice, Exam, ExamText, Question, SharedContext
from texts.models import Text


class ExamDataError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def booklet_view(text: Text) -> dict:
    """What the pure validator needs of a stored text."""
    return {
        "lines": list(text.lines.order_by("number").values_list("number", "plain")),
        "paragraph_count": text.paragraphs.count(),
    }


@transaction.atomic
def create_exam_from_data(
    *,
    data: dict,
    texts: list[Text],
    author,
    publish: bool = False,
    practice_visibility: str = Exam.PracticeVisibility.ASSIGNED,
    check_references: bool = True,
) -> Exam:
    problems = validate_exam_data(
        data, texts=[booklet_view(t) for t in texts], check_references=check_references
    )
    if problems:
        raise ExamDataError(problems)
    exam = Exam(
        title=data["title"],
        level=data.get("level", Exam.Level.HAVO),
        year=data.get("year"),
        tijdvak=data.get("tijdvak"),
        n_term=Decimal(str(data.get("n_term", "1.0"))),
        duration_minutes=data.get("duration_minutes"),
        is_published=publish,
        practice_visibility=practice_visibility,
        author=author,
    )
    exam.full_clean()
    exam.save()
    intros = {int(key): intro.strip() for key, intro in (data.get("text_intros") or {}).items()}
    ExamText.objects.bulk_create(
        ExamText(exam=exam, text=text, position=position, intro=intros.get(position, ""))
        for position, text in enumerate(texts, start=1)
    )
    SharedContext.objects.bulk_create(
        SharedContext(
            exam=exam, first_number=c["first"], last_number=c["last"], body=c["body"].strip()
        )
        for c in data.get("contexts") or []
    )
    for q in data["questions"]:
        question = Question(
            exam=exam,
            number=q["number"],
            text=texts[q.get("text", 1) - 1],
            kind=q["kind"],
            stem=q["stem"],
            max_points=q["max_points"],
            model_answer=q.get("model_answer", ""),
            scoring=q.get("scoring", {}),
            explanation=q.get("explanation", ""),
            answer_lines=q.get("answer_lines", "") or "",
            word_limit=q.get("word_limit"),
        )
        question.full_clean()
        question.save()
        Choice.objects.bulk_create(
            Choice(
                question=question,
                role=c.get("role", Choice.Role.OPTION),
                label=c["label"],
                content=c["content"],
                position=position,
            )
            for position, c in enumerate(q.get("choices", []))
        )
    return exam
