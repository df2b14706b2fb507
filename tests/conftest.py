"""The fixed cast and shared fixtures.

Every view test can say "works for the owner, 404 for the other one": pupil and
other_pupil, teacher and other_teacher, and an admin.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The shared expectations of the browser tests assert too; pytest explains those failures
# as it does a test module's.
pytest.register_assert_rewrite("tests.browser.browser_builders")

SEED_PATH = (
    Path(__file__).resolve().parent.parent
    / "texts"
    / "samples"
    / ("laat-de-brutalen-niet-voordringen.txt")
)
PASSWORD = "test-password-123"


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if Path(candidate).exists():
        return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items or chromium_path():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            "REQUIRE_BROWSER=1 but no Chromium was found (install it or set CHROMIUM)."
        )
    skip = pytest.mark.skip(reason="Chromium not found; set CHROMIUM or install chromium")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def seed_raw() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


def _make_user(django_user_model, username, role):
    from accounts.services import ensure_user

    user, _created = ensure_user(
        username=username, password=PASSWORD, role=role, first_name=username.title()
    )
    return user


@pytest.fixture
def pupil(db, django_user_model):
    return _make_user(django_user_model, "pupil", "pupil")


@pytest.fixture
def other_pupil(db, django_user_model):
    return _make_user(django_user_model, "other_pupil", "pupil")


@pytest.fixture
def teacher(db, django_user_model):
    return _make_user(django_user_model, "teacher", "teacher")


@pytest.fixture
def other_teacher(db, django_user_model):
    return _make_user(django_user_model, "other_teacher", "teacher")


@pytest.fixture
def admin_user(db, django_user_model):
    # Overrides pytest-django's admin_user, so its admin_client logs in as this one.
    return _make_user(django_user_model, "admin", "admin")


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pupil_client(pupil):
    return _client_for(pupil)


@pytest.fixture
def other_pupil_client(other_pupil):
    return _client_for(other_pupil)


@pytest.fixture
def teacher_client(teacher):
    return _client_for(teacher)


@pytest.fixture
def other_teacher_client(other_teacher):
    return _client_for(other_teacher)


@pytest.fixture
def seed_text(db, admin_user, seed_raw):
    """The seed text imported through the real importer and published."""
    from texts.services import import_text, publish_text

    text = import_text(raw=seed_raw, uploaded_by=admin_user)
    publish_text(text=text)
    return text
