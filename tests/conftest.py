"""The fixed cast and shared fixtures.

Every view test can say "works for the owner, 404 for the other one": pupil and
other_pupil, teacher and other_teacher, and an admin.
"""

import fcntl
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The shared expectations of the browser tests assert too; pytest explains those failures
# as it does a test module's.
pytest.register_assert_rewrite("tests.browser.browser_builders")

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "texts" / "samples" / ("laat-de-brutalen-niet-voordringen.txt")
PASSWORD = "test-password-123"


def chromium_path() -> str | None:
    """CHROMIUM if set; else Chromium's headless shell, else Chromium itself.

    The headless shell (Debian's chromium-headless-shell, the same Chromium build without
    the desktop browser around it; what Playwright itself runs for headless tests) took
    40% less CPU for the browser tests than the full browser in headless mode, with the
    same results (docs/performance.md, "Test suite speed").
    """
    candidate = os.environ.get("CHROMIUM")
    if candidate and Path(candidate).exists():
        return candidate
    for name in ("chromium-headless-shell", "chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return None


def _is_headless_shell(path: str | None) -> bool:
    return "headless-shell" in Path(path or "").name


# Modules whose tests start servers or subprocesses of their own and take seconds to a
# minute each, slowest first; none uses the test database. They run first, so
# pytest-xdist deals them out to every worker at the start instead of leaving one
# worker to finish them alone while the others wait. Everything else keeps
# pytest-django's order (database tests, then transactional ones such as the browser
# tests, then the rest).
SLOW_FIRST = (
    "test_two_servers.py",
    "test_load.py",
    "test_try_deploy.py",
    "test_serving.py",
    "test_production_server.py",
)


def _slow_rank(item) -> int:
    uses_database = item.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(getattr(item, "fixturenames", ()))
    if item.path.name in SLOW_FIRST and not uses_database:
        return SLOW_FIRST.index(item.path.name)
    return len(SLOW_FIRST)


# Modules whose tests share servers started once per module (a module-scoped fixture).
# test_load.py runs its two scenarios at once (its `runs` fixture).
SHARE_SERVERS = (
    "test_two_servers.py",
    "test_serving.py",
    "test_production_server.py",
    "test_load.py",
)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """With `-n`, deal tests out one at a time as workers free up (as `--dist load`
    does), except that a module in SHARE_SERVERS goes to one worker whole, so its
    servers start once rather than on every worker. (`--dist loadgroup` would do this
    with marks, but pytest-xdist 3.8 cannot rename pytest 9's node ids to group them.)
    Another --dist given on the command line is left alone."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # keep the order pytest_collection_modifyitems made

    class ServersStayTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module.rsplit("/", 1)[-1] in SHARE_SERVERS else nodeid

    return ServersStayTogether(config, log)


def pytest_collection_modifyitems(config, items):
    # After pytest-django's reordering (tryfirst), which the rest keep.
    items.sort(key=_slow_rank)  # stable: the rest keep their order
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
            # The full browser's own headless mode; the headless shell is headless already.
            *(() if _is_headless_shell(chromium_path()) else ("--headless=new",)),
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """A STATIC_ROOT filled by `manage.py collectstatic` with the production settings
    (DEBUG off: whitenoise's compressed files under their hashed names, config/storage.py).

    Collected once per run and shared by every pytest-xdist worker (the first to ask
    collects, under a lock, into the run's common temporary folder): the servers of
    test_serving, test_production_server and test_two_servers only read it, and
    collecting the 850 files took seconds each time. Fails as they did when
    collectstatic fails.
    """
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = root / "collected-static"
    with (root / "collected-static.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "staticfiles.json").exists():
            env = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith("DJANGO_")
                and key not in {"DEBUG", "ALLOW_INSECURE_KEY", "PLAIN_HTTP"}
            }
            env.update(
                DJANGO_SETTINGS_MODULE="config.settings",
                DEBUG="0",
                SECRET_KEY=secrets.token_urlsafe(50),
                DATABASE_URL=f"sqlite:///{root / 'collected-static.sqlite3'}",
                STATIC_ROOT=str(target),
            )
            collect = subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert collect.returncode == 0, collect.stdout + collect.stderr
    return target


@pytest.fixture(autouse=True)
def _site_language_again():
    """After each test, the site's language (Dutch) again. A test client's request in
    English leaves English active in the worker's thread (config/middleware.py activates
    the request's language and nothing deactivates it), so a later test that calls a
    command or a service without a request got English messages or Dutch ones
    depending on which tests its worker happened to run before it."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(scope="session")
def seed_raw() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_parsed(seed_raw):
    """The seed text as the importer parses it, once per session (per xdist worker).

    The parser is pure and its result immutable (frozen dataclasses and tuples), so
    every test may share it; parsing is most of an import's time.
    """
    from texts.parsing import parse_text

    return parse_text(seed_raw)


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
def seed_text(db, admin_user, seed_raw, seed_parsed):
    """The seed text stored and published by the importer's own service, from the
    session's parse: the rows are the ones `import_text` writes, without parsing again."""
    from texts.services import save_parsed_text

    return save_parsed_text(parsed=seed_parsed, raw=seed_raw, uploaded_by=admin_user, publish=True)
