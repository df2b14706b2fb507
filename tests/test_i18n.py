"""The Dutch catalogue is complete, compiled, and matches the strings in the code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
PO_PATH = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_ui_string_has_a_dutch_translation():
    po = polib.pofile(str(PO_PATH))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert missing == []


def test_the_committed_mo_file_matches_the_catalogue():
    po = polib.pofile(str(PO_PATH))
    mo = polib.mofile(str(PO_PATH.with_suffix(".mo")))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    expected = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po.translated_entries()
    }
    assert compiled == expected


@pytest.mark.skipif(
    not shutil.which("xgettext") and os.environ.get("REQUIRE_GETTEXT") != "1",
    reason="GNU gettext (xgettext) is not installed",
)
def test_the_catalogue_holds_every_string_marked_in_the_code(tmp_path):
    """Extract the msgids afresh and compare with the committed catalogue."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "staticfiles", "*.sqlite3", "__pycache__"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / PO_PATH.relative_to(ROOT)))}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO_PATH)) if not e.obsolete}
    assert sorted(fresh - committed, key=str) == []


@pytest.mark.django_db
def test_the_app_speaks_dutch_whatever_the_browser_asks_for():
    page = Client(headers={"accept-language": "en-US,en;q=0.9"}).get("/login/").content.decode()
    assert "Inloggen" in page
    assert 'lang="nl"' in page


@pytest.mark.django_db
def test_choosing_english_in_the_menu_switches_the_language():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    page = client.get("/login/").content.decode()
    assert "Log in" in page and "Inloggen" not in page
    assert 'lang="en"' in page
