"""The Content-Security-Policy: the header, no inline script in any template, no eval in a script."""

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


def test_no_script_turns_a_string_into_code():
    # script-src 'self' without 'unsafe-eval': the browser would refuse it anyway.
    evaluating = re.compile(r"\beval\(|\bnew Function\(|set(?:Timeout|Interval)\(\s*[\"'`]")
    found = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "static" / "js").rglob("*.js")
        if evaluating.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_every_module_import_is_a_relative_path_to_a_file():
    # Relative, so that collectstatic can rewrite it to the hashed name (config/storage.py).
    statement = re.compile(r"""^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']""", re.M)
    imports = [
        (path, target)
        for path in (ROOT / "static" / "js").rglob("*.js")
        for target in statement.findall(path.read_text(encoding="utf-8"))
    ]
    assert imports
    for path, target in imports:
        assert target.startswith(("./", "../")), (path.name, target)
        assert (path.parent / target).is_file(), (path.name, target)
