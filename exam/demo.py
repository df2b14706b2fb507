"""Demo data for `make run`: accounts, the seed text and (later) the demo exam."""

from pathlib import Path

from django.conf import settings

from texts.models import Text
from texts.services import import_text

SEED_PATH = Path(settings.BASE_DIR) / "texts" / "samples" / "laat-de-brutalen-niet-voordringen.txt"

# Demo passwords are printed by `make run`; they are for a local demo only.
ACCOUNTS = [
    ("admin", "demo-admin-2026", "admin", "Anne", "Beheerder"),
    ("docent", "demo-docent-2026", "teacher", "Daan", "de Docent"),
    ("leerling", "demo-leerling-2026", "pupil", "Lotte", "Leerling"),
]


def ensure_seed_text() -> tuple[Text, bool]:
    """The published seed text, imported through the real importer once."""
    raw = SEED_PATH.read_text(encoding="utf-8")
    existing = Text.objects.filter(raw=raw).order_by("pk").first()
    if existing:
        return existing, False
    from django.contrib.auth.models import User

    admin = User.objects.filter(username=ACCOUNTS[0][0]).first()
    return import_text(raw=raw, uploaded_by=admin, publish=True), True
