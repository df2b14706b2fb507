"""Demo data for `make run`: accounts, the seed text, the demo exam, and a second demo
exam built like a real central exam (four texts, 25 questions of every kind).

Everything here is idempotent: running it twice changes nothing and duplicates nothing.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User

from exam.loading import create_exam_from_data
from exam.models import Exam
from texts.models import Text
from texts.services import import_text

SAMPLES = Path(settings.BASE_DIR) / "texts" / "samples"
SEED_PATH = SAMPLES / "laat-de-brutalen-niet-voordringen.txt"
DEMO_EXAM_PATH = Path(settings.BASE_DIR) / "exam" / "fixtures" / "demo_exam.json"
DEMO_EXAM_2_PATH = Path(settings.BASE_DIR) / "exam" / "fixtures" / "demo_exam_2.json"

# Demo passwords are printed by `make run`; they are for a local demo only.
ACCOUNTS = [
    ("admin", "demo-admin-2026", "admin", "Anne", "Beheerder"),
    ("docent", "demo-docent-2026", "teacher", "Daan", "de Docent"),
    ("leerling", "demo-leerling-2026", "pupil", "Lotte", "Leerling"),
]


def ensure_sample_text(path: Path) -> tuple[Text, bool]:
    """The published text in `path`, imported through the real importer once."""
    raw = path.read_text(encoding="utf-8")
    existing = Text.objects.filter(raw=raw).order_by("pk").first()
    if existing:
        return existing, False
    admin = User.objects.filter(username=ACCOUNTS[0][0]).first()
    return import_text(raw=raw, uploaded_by=admin, publish=True), True


def ensure_seed_text() -> tuple[Text, bool]:
    """The published seed text, imported through the real importer once."""
    return ensure_sample_text(SEED_PATH)


def demo_exam_data() -> dict:
    return json.loads(DEMO_EXAM_PATH.read_text(encoding="utf-8"))


def _demo_author(author: User | None) -> User:
    if author is None:
        author = User.objects.filter(username=ACCOUNTS[1][0]).first()
    if author is None:
        raise RuntimeError("Create the demo teacher first (manage.py load_demo).")
    return author


def ensure_demo_exam(author: User | None = None) -> tuple[Exam, bool]:
    """The published demo exam on the seed text, created once from its data file."""
    data = demo_exam_data()
    text, _created = ensure_seed_text()
    existing = (
        Exam.objects.filter(title=data["title"], exam_texts__text=text).order_by("pk").first()
    )
    if existing:
        return existing, False
    author = _demo_author(author)
    # The demo exam is for anyone to try: open for free practice.
    exam = create_exam_from_data(
        data=data,
        texts=[text],
        author=author,
        publish=True,
        practice_visibility=Exam.PracticeVisibility.OPEN,
    )
    return exam, True


def demo_exam_2_data() -> dict:
    return json.loads(DEMO_EXAM_2_PATH.read_text(encoding="utf-8"))


def ensure_demo_exam_2_texts() -> list[Text]:
    """The second demo exam's texts (Tekst 1-4), each imported once, in exam order."""
    return [ensure_sample_text(SAMPLES / name)[0] for name in demo_exam_2_data()["texts"]]


def ensure_demo_exam_2(author: User | None = None) -> tuple[Exam, bool]:
    """The second demo exam, built like a real central exam: four texts, 25 questions.

    Published and open for free practice, like the first; created once from its data
    file (exam/fixtures/demo_exam_2.json), found again by its title and first text.
    """
    data = demo_exam_2_data()
    texts = ensure_demo_exam_2_texts()
    existing = (
        Exam.objects.filter(title=data["title"], exam_texts__text=texts[0], exam_texts__position=1)
        .order_by("pk")
        .first()
    )
    if existing:
        return existing, False
    exam = create_exam_from_data(
        data=data,
        texts=texts,
        author=_demo_author(author),
        publish=True,
        practice_visibility=Exam.PracticeVisibility.OPEN,
    )
    return exam, True
