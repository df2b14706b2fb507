"""docs/deploy.md is followed by deploy/try-deploy.sh, and the two cannot drift apart.

The script runs the guide's marked shell blocks word for word (it reads them from the
guide), so a command changed in the guide is the command tried. What these tests add:
the script passes; every shell block in the guide is tried or says why not; the systemd
unit runs `make run`'s command; the settings the guide names are the ones the app reads.
"""

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.live_app import ROOT

GUIDE = ROOT / "docs" / "deploy.md"
SCRIPT = ROOT / "deploy" / "try-deploy.sh"


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _has_postgresql() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def _fenced_blocks(text: str) -> list[tuple[str, str, str]]:
    """(language, the line before the opening fence, body) of every fenced block."""
    blocks = []
    for match in re.finditer(r"(?m)^```(\w*)\n(.*?)^```$", text, re.DOTALL):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        blocks.append((match.group(1), before, match.group(2)))
    return blocks


def test_every_shell_block_in_the_guide_is_tried_or_says_why_not():
    shell_blocks = [
        (before, body) for lang, before, body in _fenced_blocks(_guide()) if lang == "sh"
    ]

    assert len(shell_blocks) >= 8
    for before, body in shell_blocks:
        assert re.fullmatch(r"<!-- (try-deploy: [a-z-]+|not tried: .{10,}) -->", before), body


def test_the_script_runs_the_guide_s_blocks_and_checks_it_ran_them_all():
    script = SCRIPT.read_text(encoding="utf-8")
    marked = re.findall(r"(?m)^<!-- try-deploy: ([a-z-]+) -->$", _guide())
    run = re.findall(r"(?m)^run_block ([a-z-]+)$", script)

    assert marked == run == ["install", "settings", "prepare", "backup", "restore"]


def test_the_systemd_unit_runs_make_run_s_command():
    unit = next(body for lang, _before, body in _fenced_blocks(_guide()) if lang == "ini")
    lines = dict(line.split("=", 1) for line in unit.splitlines() if "=" in line)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = re.search(r"^SERVE\s*:?=\s*(.+)$", makefile, re.MULTILINE).group(1)

    app = lines["WorkingDirectory"]
    assert lines["ExecStart"] == serve.replace("$(VENV)", f"{app}/.venv")
    assert lines["EnvironmentFile"] == "/etc/leesexamens.env"


def test_the_settings_the_guide_names_are_the_ones_the_app_reads():
    read = set(
        re.findall(
            r"""(?:os\.environ\.get|env_bool)\(\s*["']([A-Z_]+)["']""",
            (ROOT / "config" / "settings.py").read_text(encoding="utf-8"),
        )
    )
    assert "dj_database_url.config(" in (ROOT / "config" / "settings.py").read_text()
    read.add("DATABASE_URL")  # read by dj_database_url.config()
    guide = _guide()
    settings_block = re.search(r'cat > "\$ENV_FILE" <<EOF\n(.*?)^EOF$', guide, re.M | re.S)
    written = set(re.findall(r"(?m)^([A-Z_]+)=", settings_block.group(1)))
    table = set(re.findall(r"(?m)^\| `([A-Z_]+)` \|", guide))
    named_in_text = set(re.findall(r"`([A-Z][A-Z_]{4,})`", guide))
    gunicorns_own = {"GUNICORN_CMD_ARGS"}

    assert written <= read | gunicorns_own
    assert table <= read | gunicorns_own
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= written
    # Every setting named in the guide exists (a renamed one fails here).
    settings_names = read | gunicorns_own | {"SERVE", "DUMP", "TEXT_UPLOAD_DOCUMENT_MAX_BYTES"}
    assert named_in_text <= settings_names, named_in_text - settings_names


@pytest.mark.skipif(
    (not _has_postgresql() or shutil.which("redis-server") is None)
    and os.environ.get("REQUIRE_BROWSER") != "1",
    reason="needs PostgreSQL and redis-server installed (CI installs both)",
)
def test_the_deployment_guide_works_on_a_fresh_database_and_redis(tmp_path):
    """The script: two servers, login page and static file on both, backup and restore."""
    log = tmp_path / "try-deploy.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", str(SCRIPT)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            returncode = process.wait(timeout=600)
        except subprocess.TimeoutExpired:
            # The script's trap stops its servers, Redis and PostgreSQL on TERM.
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            finally:
                os.killpg(process.pid, signal.SIGKILL)
            raise
    output = log.read_text(encoding="utf-8", errors="replace")

    assert returncode == 0, output[-5000:]
    assert "the administrator logs in again on the restored database" in output
    assert output.count("login page, /static/css/app.") == 2
    assert output.rstrip().splitlines()[-1].startswith("== docs/deploy.md followed")
