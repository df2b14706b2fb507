"""The Content-Security-Policy: the header, and no inline script in any template."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGIN = "/login/"


def test_every_page_carries_a_policy_without_inline_script(client):
    policy = client.get(LOGIN).headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


def test_no_template_holds_an_inline_script_or_event_handler():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    found = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if inline_script.search(text) or handler.search(text) or "javascript:" in text:
            found.append(path.relative_to(ROOT).as_posix())
    assert found == []
