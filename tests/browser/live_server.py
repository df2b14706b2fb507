"""The browser tests' live server: pytest-django's, one request at a time on SQLite.

The test database is SQLite in memory, so the test and every request thread of the
live server share one connection (Django's `connections_override`). Two requests at
once, as when three answers saved offline are sent together, then run statements on
that one connection at once, and one of them fails ("cannot release savepoint - SQL
statements in progress"): a 500 that no server with a database file of its own would
give. So requests to the app take DATABASE, one after the other, as SQLite's write
lock queues them in the real app (config/settings.py, IMMEDIATE); a test reading the
database while the page saves takes it too (browser_builders.wait_for_database). On
PostgreSQL every thread has its own connection, and requests run at once as they do
in production.
"""

import threading

from django.contrib.staticfiles.handlers import StaticFilesHandler
from pytest_django.live_server_helper import LiveServer

# Held by the live server for each request to the app while the connection is shared,
# and by a test while it reads what a page saves in the background.
DATABASE = threading.RLock()


class _OneAtATime:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with DATABASE:
            return self.application(environ, start_response)


def start(address: str) -> LiveServer:
    """pytest-django's live server at `address`; on SQLite, its requests to the app
    (static files aside) take DATABASE.

    Static files through Django's StaticFilesHandler in both cases: pytest-django looks
    for "django.contrib.staticfiles" by name in INSTALLED_APPS, where the project has
    its own config of it (config/apps.py), and would otherwise serve STATIC_ROOT.
    """
    server = LiveServer(address, start=False)
    if server.thread.connections_override:  # SQLite in memory, shared
        server.thread.static_handler = lambda app: StaticFilesHandler(_OneAtATime(app))
    else:
        server.thread.static_handler = StaticFilesHandler
    server.start()
    return server
