"""How `make run` serves the app: gunicorn, for a class on one teacher's laptop.

    .venv/bin/gunicorn --config config/gunicorn.conf.py [--bind 0.0.0.0:8000] [...]

Options given on the command line override these. The numbers, for a laptop with two
or more cores serving a class of about 30 pupils whose answers save themselves:

- 2 worker processes. A request is Python work, and one process runs Python on one
  core at a time (the GIL), so two processes use two cores and leave the rest of the
  laptop to the teacher's own browser. More would not write faster: SQLite lets one
  transaction write at a time, and each process costs about 70 MB.
- 8 threads each, so 16 requests at once. A save takes a few milliseconds of work but
  may wait its turn for SQLite's write lock; a thread that waits does not hold up
  the others. Requests beyond 16 wait in the listen backlog (2048), never refused:
  30 pupils clicking at once all get their answer stored, a few milliseconds later.
- The app is loaded once, before forking (Django and the hyphenation dictionary that
  config/wsgi.py loads): quicker start, less memory. No database connection is open
  at that point, so none is shared between processes.
"""

wsgi_app = "config.wsgi:application"
bind = ["127.0.0.1:8000"]
workers = 2
threads = 8
worker_class = "gthread"
preload_app = True
# A request that takes this long is stuck (the slowest page, an export, takes well
# under a second): the worker is restarted.
timeout = 30
# Errors to the terminal; no line per request (30 pupils saving would bury the demo
# logins that `make run` prints).
errorlog = "-"
loglevel = "info"
# Gunicorn's control socket (one path per user) would clash between two servers, such
# as `make run` and the tests; nothing here uses it.
control_socket_disable = True
