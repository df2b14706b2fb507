"""Steps and expectations the browser tests share.

Logging in (through the session cookie, or through the login form and starting the
demo exam), reading the booklet's lines as the browser lays them out, and the demo
pupil's answers with the points and grade they earn, worked out here from the demo
exam's answer model, not by the app's scorer.
"""

import json
import re
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from exam import demo
from tests.browser.live_server import DATABASE

READ_LINES = """
() => Array.from(document.querySelectorAll('.booklet-line')).map((line) => {
  const text = line.querySelector('.booklet-text');
  const words = text.cloneNode(true);
  words.querySelectorAll('.note-ref').forEach((ref) => ref.remove());
  const box = line.getBoundingClientRect();
  return {
    number: Number(line.dataset.line),
    text: words.textContent,
    top: box.top,
    height: box.height,
    lineHeight: parseFloat(getComputedStyle(line).lineHeight),
    // A span that wrapped has boxes on more than one row (a font change, as in
    // <em>, may also split a box, but on the same row).
    rows: new Set(Array.from(text.getClientRects(), (r) => Math.round(r.top))).size,
  };
})
"""


def wait_for_database(check, *, timeout: float = 15.0) -> None:
    """Poll `check`, which reads the test database, until it holds: for what the
    page saves in the background (the CSP forbids page.wait_for_function).

    Each read holds the live server's DATABASE: on SQLite this thread shares the live
    server's one connection to the in-memory database, and a read in the middle of a
    request's transaction would break either (tests/browser/live_server.py).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with DATABASE:
            if check():
                return
        time.sleep(0.1)
    raise AssertionError("the condition did not hold in time")


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def start_exam(page, live_server, exam) -> None:
    username, password = demo.ACCOUNTS[2][0], demo.ACCOUNTS[2][1]
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/pupil/$"))
    page.locator(f"form[action$='/exams/{exam.pk}/start/'] button").click()
    expect(page).to_have_url(re.compile(r"/pupil/attempts/\d+/$"))
    # The page's modules have run (keys, links and tabs answer) once it has loaded.
    page.wait_for_load_state("load")


DEMO = json.loads(
    (Path(__file__).resolve().parents[2] / "exam" / "fixtures" / "demo_exam.json").read_text(
        encoding="utf-8"
    )
)
QUESTIONS = {q["number"]: q for q in DEMO["questions"]}

# What the pupil answers, per question number.
ANSWERS = {
    1: "A",
    2: "De SVB had een achterstand bij het uitbetalen.",
    3: {"1": "juist", "2": "onjuist", "3": "onjuist"},
    4: "Wie twittert, wordt gehord.",  # a typo in "gehoord"
    5: ["A", "D"],
    6: {"first": "Hoe meer", "last": "online meldt."},
    7: "C",
    8: "B",
    9: "Nadeel: brutale mensen krijgen voorrang.",
    10: "voordringkanalen",
    11: {"a": "3", "b": "2", "c": "4"},
    12: "D",
    13: "5",
    14: ["C", "B", "A", "D", "E"],
    15: (
        "De overheid geeft burgers met veel volgers op de sociale media voorrang. "
        "Daardoor neemt de tweedeling in de samenleving toe."
    ),
    16: {"a": "Cultureel en sociaal kapitaal.", "b": "Het zit bij wie al veel heeft."},
}


def table_points(scoring: dict, right: int, per_key: str = "per_correct") -> int:
    if "table" in scoring:
        return scoring["table"][str(right)]
    return right * scoring.get(per_key, 1)


def has_keyword(answer: str, keywords: list[str]) -> bool:
    words = re.findall(r"\w+", answer.lower())
    text = " ".join(words)
    for keyword in keywords:
        if keyword.endswith("*"):
            if any(word.startswith(keyword[:-1]) for word in words):
                return True
        elif re.search(rf"(?<!\w){re.escape(keyword.lower())}(?!\w)", text):
            return True
    return False


def expected_points(number: int) -> int:
    """The points the answer model gives ANSWERS[number], worked out by hand."""
    q, answer = QUESTIONS[number], ANSWERS[number]
    kind, scoring, top = q["kind"], q["scoring"], q["max_points"]
    if kind == "mc":
        return top if answer == scoring["key"] else 0
    if kind == "multi":
        return table_points(scoring, len(set(answer) & set(scoring["keys"])))
    if kind == "statements":
        right = sum(answer[k] == v for k, v in scoring["answers"].items())
        return table_points(scoring, right)
    if kind == "matching":
        right = sum(answer.get(k) == v for k, v in scoring["pairs"].items())
        return table_points(scoring, right, "per_pair")
    if kind == "ordering":
        right = sum(a == b for a, b in zip(answer, scoring["order"], strict=True))
        return table_points(scoring, right)
    if kind in ("paragraph", "gap"):
        return top if answer in [str(a) for a in scoring["accepted"]] else 0
    if kind == "citation":
        # Both quotations name the target sentence; one typo in a long word is
        # tolerated by the answer model's rules (DESIGN.md: small typos tolerated).
        return top
    if kind == "parts":
        # Per part, the elements of that part whose keyword its answer contains (the
        # sample answers keep to the parts' word limits).
        found = [
            e["points"]
            for e in scoring["elements"]
            if has_keyword(answer.get(e["part"], ""), e["keywords"])
        ]
        assert all(
            len(answer.get(p["label"], "").split()) <= (p["word_limit"] or 999)
            for p in scoring["parts"]
        )
        return min(top, sum(found))
    # Open and summary: the computer's proposal, one point per element whose keyword
    # the answer contains (at most `asked` elements), within the maximum.
    found = [e["points"] for e in scoring["elements"] if has_keyword(answer, e["keywords"])]
    found = found[: scoring.get("asked", len(found))]
    assert kind != "summary" or len(answer.split()) <= q["word_limit"]
    return min(top, sum(found))


def expected_grade(score: int, maximum: int, n_term: Decimal) -> Decimal:
    assert n_term == Decimal("1.0")  # no N-term caps apply
    exact = Decimal(9) * score / maximum + n_term
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
