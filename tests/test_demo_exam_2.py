"""The second demo exam (exam/fixtures/demo_exam_2.json): four original texts and 25
questions built like a real central exam. Its data is checked against the texts as
the importer lays them out, without a database: every text imports cleanly, every
question validates, every quotation with a line reference stands on those lines, and
every model answer adds up to the question's points."""

import functools
import json
import re
from pathlib import Path

import pytest

from exam.exam_data import validate_exam_data
from exam.references import find_references, parse_line_ranges
from exam.scoring import score_response, validate_scoring
from texts.parsing import parse_text

ROOT = Path(__file__).resolve().parent.parent
DATA = json.loads((ROOT / "exam" / "fixtures" / "demo_exam_2.json").read_text(encoding="utf-8"))
QUESTIONS = {q["number"]: q for q in DATA["questions"]}
ALL_KINDS = {
    "mc",
    "multi",
    "statements",
    "matching",
    "ordering",
    "paragraph",
    "citation",
    "gap",
    "open",
    "summary",
    "parts",
}


@functools.cache
def parsed(position: int):
    name = DATA["texts"][position - 1]
    return parse_text((ROOT / "texts" / "samples" / name).read_text(encoding="utf-8"))


def lines_of(question) -> dict[int, str]:
    return {line.number: line.plain for line in parsed(question["text"]).lines}


def words(text: str) -> str:
    """Lower case, letters and digits only, one space between words."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def booklet_words(lines: dict[int, str], first: int, last: int) -> str:
    """Lines first-last as running text: a word hyphenated at a line end made whole."""
    joined = ""
    for number in range(first, last + 1):
        line = lines[number]
        joined += line[:-1] if line.endswith("-") else line + " "
    return words(joined)


# --- the texts --------------------------------------------------------------------------


@pytest.mark.parametrize("position", [1, 2, 3, 4])
def test_each_text_imports_cleanly_with_numbered_lines_and_paragraphs(position):
    text = parsed(position)
    assert text.warnings == ()
    assert text.title
    assert text.paragraph_numbers == (1, 2, 3, 4, 5, 6)
    assert [line.number for line in text.lines] == list(range(1, len(text.lines) + 1))
    assert 50 <= len(text.lines) <= 90
    assert text.source_from.startswith("bron: oefentekst")
    # A short text, as in the exam: 250-450 words of body.
    body = " ".join(line.plain for line in text.lines)
    assert 250 <= len(body.split()) <= 450


def test_the_texts_use_the_importers_footnotes_and_introduction():
    assert [note.term for note in parsed(2).footnotes] == ["melatonine"]
    assert any(list(run) == ["note", 1] for line in parsed(2).lines for run in line.runs)
    # The essay in two fragments says so above line 1, unnumbered.
    assert parsed(4).introduction.startswith("Tekst 4 bestaat uit twee fragmenten")
    assert not parsed(4).lines[0].plain.startswith("Tekst 4")


# --- the exam as data ---------------------------------------------------------------


def test_the_exam_file_validates_against_its_texts():
    assert validate_exam_data(DATA, texts=[parsed(n) for n in range(1, 5)]) == []


def test_it_is_built_like_a_real_exam():
    assert DATA["level"] == "havo"
    assert len(DATA["texts"]) >= 4
    assert 20 <= len(DATA["questions"]) <= 30
    assert list(QUESTIONS) == list(range(1, len(QUESTIONS) + 1))
    assert {q["kind"] for q in DATA["questions"]} == ALL_KINDS
    # Every text has questions, and the numbering runs through the texts in order.
    assert [q["text"] for q in DATA["questions"]] == sorted(q["text"] for q in DATA["questions"])
    assert {q["text"] for q in DATA["questions"]} == {1, 2, 3, 4}
    stems = "\n".join(q["stem"] for q in DATA["questions"])
    for phrase in [
        "Geef antwoord in een of meer volledige zinnen.",
        "Gebruik maximaal 25 woorden.",
        "Noteer alleen de nummers.",
        "Noteer alleen het nummer van de alinea.",
    ]:
        assert phrase in stems
    # A stated word limit is in the question's data too.
    for q in DATA["questions"]:
        if match := re.search(r"maximaal (\d+) woorden", q["stem"]):
            assert q["word_limit"] == int(match.group(1)), q["number"]


@pytest.mark.parametrize("number", sorted(QUESTIONS))
def test_every_question_validates(number):
    q = QUESTIONS[number]
    labels = {}
    for choice in q["choices"]:
        labels.setdefault(choice["role"], []).append(choice["label"])
    problems = validate_scoring(
        kind=q["kind"],
        scoring=q["scoring"],
        max_points=q["max_points"],
        labels=labels,
        paragraph_count=len(parsed(q["text"]).paragraph_numbers),
        lines=[(line.number, line.plain) for line in parsed(q["text"]).lines],
    )
    assert problems == []


def _fields(q):
    yield q["stem"]
    yield q["model_answer"]
    yield q["explanation"]
    for choice in q["choices"]:
        yield choice["content"]


@pytest.mark.parametrize("number", sorted(QUESTIONS))
def test_every_reference_points_into_its_own_text(number):
    q = QUESTIONS[number]
    text = parsed(q["text"])
    line_count, paragraphs = len(text.lines), len(text.paragraph_numbers)
    references = [r for field in _fields(q) for r in find_references(field)]
    references += find_references(f"regel {q['answer_lines']}")
    for ref in references:
        top = line_count if ref.kind == "line" else paragraphs
        assert 1 <= ref.first <= ref.last <= top, (ref, q["stem"])


# A quotation with its line reference: ‘...’ (regels 10-11). Inside it, an apostrophe
# (’s) or a quotation within the quotation (‘sociale jetlag’).
QUOTED = re.compile(
    r"‘([^‘’]*(?:(?:’\w|‘[^‘’]*’)[^‘’]*)*)’\s*\((?:regels?|r\.)\s*(\d+)(?:\s*[-–]\s*(\d+))?\)"
)


def quoted_passages():
    for q in DATA["questions"]:
        for field in _fields(q):
            for match in QUOTED.finditer(field):
                first = int(match.group(2))
                yield q["number"], match.group(1), first, int(match.group(3) or first)


def test_every_quotation_stands_on_the_lines_it_names():
    checked = 0
    for number, quote, first, last in quoted_passages():
        running = booklet_words(lines_of(QUESTIONS[number]), first, last)
        # "Scholen doen … duidelijk doel.": each part, in order.
        position = 0
        for part in filter(None, (words(p) for p in re.split(r"…|\.\.\.", quote))):
            found = running.find(part, position)
            assert found >= 0, f"question {number}: ‘{quote}’ is not on lines {first}-{last}"
            position = found + len(part)
        checked += 1
    assert checked >= 25


def test_a_quotation_on_the_wrong_lines_is_caught():
    lines = lines_of(QUESTIONS[1])
    assert words("Toch is het een vergissing") in booklet_words(lines, 10, 11)
    assert words("Toch is het een vergissing") not in booklet_words(lines, 12, 13)


@pytest.mark.parametrize("number", sorted(QUESTIONS))
def test_what_the_pupil_must_find_is_within_the_answer_lines(number):
    q = QUESTIONS[number]
    ranges = parse_line_ranges(str(q["answer_lines"]))
    running = " ".join(booklet_words(lines_of(q), first, last) for first, last in ranges)
    if q["kind"] == "citation":
        for span in q["scoring"]["spans"]:
            assert words(span) in running
    elif q["kind"] == "gap":
        for gap in q["scoring"].get("gaps", [q["scoring"]]):
            assert words(gap["accepted"][0]) in running
    elif q["kind"] == "paragraph":
        paragraph_lines = {
            line.number
            for line in parsed(q["text"]).lines
            if line.paragraph in q["scoring"]["accepted"]
        }
        assert paragraph_lines & {n for first, last in ranges for n in range(first, last + 1)}


# --- the model answers (correctievoorschrift) -------------------------------------------

POINTS = re.compile(r"(\d+)p$")


def model_lines(q) -> list[str]:
    return [line.strip() for line in q["model_answer"].splitlines()]


@pytest.mark.parametrize("number", sorted(QUESTIONS))
def test_every_model_answer_starts_with_its_maximum_score(number):
    q = QUESTIONS[number]
    assert model_lines(q)[0] == f"maximumscore {q['max_points']}"


@pytest.mark.parametrize(
    "number", [n for n, q in QUESTIONS.items() if q["kind"] in ("open", "summary", "parts")]
)
def test_the_elements_of_an_open_answer_add_up(number):
    q = QUESTIONS[number]
    elements = q["scoring"]["elements"]
    bullets = [line for line in model_lines(q) if line.startswith("•")]
    # The model shows the teacher the same elements with the same points.
    assert [int(POINTS.search(b).group(1)) for b in bullets] == [e["points"] for e in elements]
    points = sorted((e["points"] for e in elements), reverse=True)
    asked = q["scoring"].get("asked")
    assert sum(points[:asked] if asked else points) == q["max_points"]


@pytest.mark.parametrize("number", [n for n, q in QUESTIONS.items() if "table" in q["scoring"]])
def test_a_score_table_in_the_model_answer_is_the_scoring_table(number):
    q = QUESTIONS[number]
    rows = [line for line in model_lines(q) if line.startswith("indien")]
    written = [int(POINTS.search(row).group(1)) for row in rows]
    table = q["scoring"]["table"]
    assert max(written) == max(table.values()) == q["max_points"]
    assert min(written) == 0
    assert set(written) == set(table.values())


@pytest.mark.parametrize("number", sorted(QUESTIONS))
def test_the_model_answer_gives_the_key(number):
    q = QUESTIONS[number]
    kind, scoring, lines = q["kind"], q["scoring"], model_lines(q)
    if kind == "mc":
        assert lines[1] == scoring["key"]
    elif kind == "multi":
        assert lines[1] == " en ".join(scoring["keys"])
        per = [line for line in lines if line.startswith("per juist antwoord")]
        assert int(POINTS.search(per[0]).group(1)) * scoring["choose"] == q["max_points"]
    elif kind == "statements":
        assert lines[1 : 1 + len(scoring["answers"])] == [
            f"{label} {value}" for label, value in scoring["answers"].items()
        ]
    elif kind == "matching" and scoring.get("multiple"):
        assert lines[1 : 1 + len(scoring["pairs"])] == [
            f"{item} {', '.join(targets)}" for item, targets in scoring["pairs"].items()
        ]
    elif kind == "matching":
        assert lines[1 : 1 + len(scoring["pairs"])] == [
            f"{item} {target}" for item, target in scoring["pairs"].items()
        ]
    elif kind == "ordering":
        assert lines[1] == ", ".join(scoring["order"])
    elif kind == "paragraph":
        assert lines[1] == f"alinea {scoring['accepted'][0]}"
    elif kind == "gap" and "gaps" in scoring:
        for number, gap in enumerate(scoring["gaps"], start=1):
            assert lines[number].startswith(f"{number} {gap['accepted'][0]}")
    elif kind == "gap":
        assert lines[1].startswith(scoring["accepted"][0])
    elif kind == "citation":
        span = scoring["spans"][0]
        if scoring["mode"] == "sentence":
            assert lines[1].startswith(span)
        else:
            first_two, last_two = " ".join(span.split()[:2]), " ".join(span.split()[-2:])
            assert lines[1].startswith(f"‘{first_two} … {last_two}’")
    else:
        assert kind in ("open", "summary", "parts")


@pytest.mark.parametrize("number", [n for n, q in QUESTIONS.items() if q["kind"] == "summary"])
def test_the_model_summary_keeps_to_the_limit_and_earns_the_maximum(number):
    q = QUESTIONS[number]
    lines = model_lines(q)
    start = lines.index("Een samenvatting als:") + 1
    example = " ".join(lines[start : lines.index("", start)])
    assert len(example.split()) <= q["word_limit"]
    score = score_response(
        kind="summary",
        scoring=q["scoring"],
        max_points=q["max_points"],
        response=example,
        lines=[],
        word_limit=q["word_limit"],
    )
    assert (score.points, score.needs_review) == (q["max_points"], True)
