"""Exams built for tests and the bench: questions of every kind on a stored text.

`build_exam` makes an exam directly through the ORM (no validation), so a test can
choose the number of questions and put marker strings in every secret field.
"""

from decimal import Decimal

from exam.models import Choice, Exam, ExamText, Question
from exam.scoring import score_response
from texts.models import Text
from texts.services import import_text

KINDS = [
    "mc",
    "multi",
    "statements",
    "matching",
    "ordering",
    "paragraph",
    "citation",
    "gap",
    "open",
    "summary",
]

# A sentence of the seed text (line 27), for citation questions on the seed.
SEED_SENTENCE = "Wie twittert, wordt gehoord."


def secret(field: str, number: int) -> str:
    """A marker that must never reach the pupil's browser before submitting."""
    return f"SECRET{field.upper()}Q{number}X"


def _spec(kind: str, number: int, *, citation: str, markers: bool) -> dict:
    """Choices, scoring and max points for one question of `kind`."""
    m = (lambda field: secret(field, number)) if markers else (lambda field: "")
    if kind == "mc":
        return {
            "choices": [("option", label, f"optie {label}") for label in "ABCD"],
            "scoring": {"key": "B"},
            "max_points": 1,
        }
    if kind == "multi":
        return {
            "choices": [("option", label, f"keuze {label}") for label in "ABCD"],
            "scoring": {"keys": ["A", "C"], "choose": 2, "per_correct": 1},
            "max_points": 2,
        }
    if kind == "statements":
        return {
            "choices": [("statement", str(i), f"bewering {i}") for i in (1, 2, 3)],
            "scoring": {
                "answers": {"1": "juist", "2": "onjuist", "3": "juist"},
                "table": {"3": 2, "2": 1, "1": 0, "0": 0},
            },
            "max_points": 2,
        }
    if kind == "matching":
        return {
            "choices": [("item", label, f"voorbeeld {label}") for label in "abc"]
            + [("target", str(i), f"functie {i}") for i in (1, 2, 3, 4)],
            "scoring": {"pairs": {"a": "3", "b": "2", "c": "1"}, "per_pair": 1},
            "max_points": 3,
        }
    if kind == "ordering":
        return {
            "choices": [("item", label, f"stap {label}") for label in "ABCD"],
            "scoring": {"order": ["C", "A", "D", "B"]},
            "max_points": 1,
        }
    if kind == "paragraph":
        return {"choices": [], "scoring": {"accepted": [2]}, "max_points": 1}
    if kind == "citation":
        return {
            "choices": [],
            "scoring": {"mode": "sentence", "spans": [citation]},
            "max_points": 1,
        }
    if kind == "gap":
        return {
            "choices": [],
            "scoring": {"accepted": [m("gap") or "voordringkanalen"]},
            "max_points": 1,
        }
    elements = [
        {"text": m("element") + " eerste element", "points": 1, "keywords": ["voorrang"]},
        {"text": m("element2") + " tweede element", "points": 1, "keywords": ["netwerk"]},
    ]
    if markers:
        elements[0]["keywords"].append(secret("keyword", number).lower())
    scoring = {"elements": elements}
    if kind == "summary":
        scoring["over_limit"] = {"per_words": 5, "deduct": 1}
    return {"choices": [], "scoring": scoring, "max_points": 2}


def build_exam(
    *,
    author,
    text: Text,
    count: int = len(KINDS),
    kinds: list[str] | None = None,
    markers: bool = False,
    published: bool = True,
    citation: str = SEED_SENTENCE,
    title: str = "Toets",
    practice_visibility: str = Exam.PracticeVisibility.OPEN,
) -> Exam:
    """An exam with `count` questions on `text`, cycling through `kinds`.

    The stems refer to lines and paragraphs ("regel 3-4", "alinea 2"). With
    markers=True every secret field (model answer, explanation, answer lines,
    accepted words, model elements, keywords) holds a unique marker string. Pupils
    may practise it freely unless practice_visibility says otherwise.
    """
    kinds = kinds or KINDS
    exam = Exam.objects.create(
        title=title,
        author=author,
        is_published=published,
        n_term=Decimal("1.0"),
        practice_visibility=practice_visibility,
    )
    ExamText.objects.create(exam=exam, text=text, position=1)
    choices = []
    for number in range(1, count + 1):
        kind = kinds[(number - 1) % len(kinds)]
        spec = _spec(kind, number, citation=citation, markers=markers)
        question = Question.objects.create(
            exam=exam,
            number=number,
            text=text,
            kind=kind,
            stem=f"Vraag {number} over regel 3-4 en alinea 2: wat staat er?",
            max_points=spec["max_points"],
            scoring=spec["scoring"],
            model_answer=secret("model", number) if markers else f"model {number}",
            explanation=secret("explanation", number) if markers else "",
            answer_lines="3-4",
            word_limit=20 if kind == "summary" else None,
        )
        choices += [
            Choice(question=question, role=role, label=label, content=content, position=i)
            for i, (role, label, content) in enumerate(spec["choices"])
        ]
    Choice.objects.bulk_create(choices)
    return exam


def make_text(*, lines: int, uploaded_by=None) -> Text:
    """A published text of about `lines` booklet lines in paragraphs of ten lines."""
    words = "de lezer leest de tekst goed"
    paragraphs = []
    for paragraph in range(1, max(1, lines // 10) + 1):
        body = "\n".join(words for _ in range(10))
        paragraphs.append(f"({paragraph}) {body}")
    raw = "Een proeftekst\n\n" + "\n\n".join(paragraphs) + "\n"
    return import_text(raw=raw, uploaded_by=uploaded_by, publish=True)


# A small exam for class, assignment and marking tests.
OPEN_SCORING = {
    "elements": [
        {"text": "ze dringen voor", "points": 1, "keywords": ["voordringen", "voor"]},
        {"text": "ze worden beloond", "points": 1, "keywords": ["beloond", "voorrang"]},
    ]
}


def make_exam(
    author,
    text,
    *,
    published=True,
    title="Brutalen",
    practice_visibility=Exam.PracticeVisibility.OPEN,
):
    """A small exam on the seed text: one multiple-choice and one open question, open
    for free practice unless practice_visibility says otherwise."""
    exam = Exam.objects.create(
        title=title,
        author=author,
        is_published=published,
        practice_visibility=practice_visibility,
    )
    ExamText.objects.create(exam=exam, text=text, position=1)
    mc = Question.objects.create(
        exam=exam,
        number=1,
        text=text,
        kind=Question.Kind.MULTIPLE_CHOICE,
        stem="Welke bewering past het best bij alinea 1?",
        max_points=1,
        scoring={"key": "B"},
    )
    for position, label in enumerate("ABCD"):
        Choice.objects.create(question=mc, label=label, content=f"optie {label}", position=position)
    Question.objects.create(
        exam=exam,
        number=2,
        text=text,
        kind=Question.Kind.OPEN,
        stem="Leg uit waarom de brutalen volgens de schrijver winnen.",
        max_points=2,
        model_answer="Een antwoord als: ze dringen voor (1p) en worden daarvoor beloond (1p).",
        scoring=OPEN_SCORING,
    )
    return exam


def score_data_question(question: dict, response):
    """A response scored against a question as exam data (a dict, as the loader and the
    papers import write it)."""
    return score_response(
        kind=question["kind"],
        scoring=question["scoring"],
        max_points=question["max_points"],
        response=response,
        word_limit=question.get("word_limit"),
    )
