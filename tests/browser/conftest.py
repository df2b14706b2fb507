"""Fixtures the browser tests share: the live server, a Dutch pupil's browser and the
demo exam."""

import pytest
from playwright.sync_api import expect

from accounts.services import ensure_user
from exam import demo
from tests.browser import live_server as serving

# Playwright's assertions wait 5 s by default; CI runs the suite on both cores at once
# (pytest-xdist) next to a database server, where a save's round trip through a
# debounce, a refused request and a retry can take longer. What they check is the same.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving as tests/browser/live_server.py says."""
    server = serving.start(request.config.getvalue("liveserver") or "localhost")
    yield server
    server.stop()


@pytest.fixture
def browser_context_args(browser_context_args):
    # A Dutch pupil: the interface in Dutch, the grade with a decimal comma. Modules
    # that need another window (a phone, no motion) override this fixture.
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 1280, "height": 860}}


@pytest.fixture
def demo_exam(db):
    """The demo exam with the demo accounts (exam/demo.py), as `make run` loads it."""
    for username, password, role, first, last in demo.ACCOUNTS:
        ensure_user(
            username=username, password=password, role=role, first_name=first, last_name=last
        )
    exam, _created = demo.ensure_demo_exam()
    return exam
