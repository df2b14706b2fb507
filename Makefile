# Two commands from a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

# How `make run` serves the app (reasons for the numbers in config/gunicorn.conf.py);
# tests/test_serving.py starts this same command line.
SERVE := $(VENV)/bin/gunicorn --config config/gunicorn.conf.py

.PHONY: run dev test venv venv-test demo messages lint format bench clean

$(VENV)/.run-installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $(VENV)/.run-installed $@

venv: $(VENV)/.run-installed
venv-test: $(VENV)/.test-installed

# A class on one laptop: gunicorn (threads), static files by whitenoise.
run: demo
	DEBUG=1 $(SERVE)

# Django's development server: reloads on code changes; not for a class.
dev: demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

demo: venv
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo

# The suite runs on every core and one worker more (pytest-xdist; each worker has its
# own test database): the browser and server tests wait on Chromium and gunicorn, and a
# worker per core left a core idle for 50 s of the 170 s run on two cores; one more
# left it idle 12 s, and the run took 158 s (docs/performance.md, "Test suite speed").
# PYTEST_WORKERS=0 runs it in one process.
# Python keeps its compiled bytecode (__pycache__/, ignored by git) even where the
# environment says not to (PYTHONDONTWRITEBYTECODE=1, as on the CI machine): every
# worker and every server a test starts compiled the app and rewrote the tests'
# asserts anew, about 10% of the suite's time (docs/performance.md, "Test suite speed").
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(os.cpu_count() + 1)')
test: venv-test
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The layering contract lives in .importlinter.
lint: venv-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache --no-logo

format: venv-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Extract UI strings (needs GNU gettext) and compile the catalogues with polib; the
# compiled .mo files are committed, so running and testing never need gettext.
messages: venv-test
	DEBUG=1 $(PY) manage.py makemessages -l nl -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	DEBUG=1 $(PY) manage.py compile_catalogues

bench: venv-test
	$(PY) -m bench.run_all

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
