"""exam/papers/build.py: booklet + marking scheme -> valid exam data and a report.

Every kind's scheme form must end in scoring data the loader accepts
(validate_exam_data returns no problems); what cannot be completed becomes an open
question marked in the report.
"""

from __future__ import annotations

import pytest

from exam.exam_data import validate_exam_data
from exam.papers.build import FALLBACK_ELEMENT, build_exam_data
from exam.papers.build.elements import keywords_of, over_limit_of
from exam.papers.build.keyed import answer_lines_of, full_table
from exam.papers.build.values import TextFacts
from exam.papers.types import (
    HIGH,
    LOW,
    NONE,
    MarkingScheme,
    PaperChoice,
    PaperContext,
    PaperQuestion,
    PaperText,
    QuestionBooklet,
    SchemeElement,
    SchemeEntry,
)

LINES = (
    (1, "In de bibliotheek van ons dorp is het stil geworden."),
    (2, "Wie leest er nog een boek als de telefoon altijd roept?"),
    (3, "Toch komen er elke zaterdag kinderen voor de voorleesclub."),
    (4, "Strikt genomen is lezen geen hobby meer, maar een punt van zorg."),
    (5, "De gemeente wil de bieb sluiten om geld te besparen."),
    (6, "Ouders protesteren: zonder bieb geen leesplezier voor de kinderen."),
)
TEXT = TextFacts(position=1, line_count=6, paragraph_count=3, lines=LINES)
INFO = {"lines": list(LINES), "paragraph_count": 3}


def options(*labels, role="option"):
    return [PaperChoice(role, label, f"Mogelijkheid {label}") for label in labels]


def q(kind, points=1, **kwargs):
    kwargs.setdefault("stem", "Wat bedoelt de schrijver in alinea 2?")
    return PaperQuestion(number=1, text_number=1, points=points, kind=kind, **kwargs)


def e(max_points=1, **kwargs):
    kwargs.setdefault("model_answer", "Het antwoord.")
    return SchemeEntry(number=1, max_points=max_points, **kwargs)


def build(question, entry, *, texts=(TEXT,)):
    booklet = QuestionBooklet(texts=[PaperText(1, "Stille bieb")], questions=[question])
    scheme = MarkingScheme(entries={entry.number: entry} if entry else {})
    return build_exam_data(booklet, scheme, texts=list(texts), title="CE 2026")


STATEMENTS = options("1", "2", "3", role="statement")
MATCH = options("a", "b", "c", role="item") + options("1", "2", "3", role="target")
ELEMENTS = [
    SchemeElement("de bibliotheek trekt minder lezers", 1),
    SchemeElement("de gemeente wil geld besparen", 1),
]

KIND_CASES = [
    ("mc", q("mc", choices=options("A", "B", "C", "D")), e(key="C"), {"key": "C"}),
    (
        "multi per correct",
        q("multi", 2, choose=2, choices=options("1", "2", "3", "4", "5")),
        e(2, keys=["2", "4"]),
        {"keys": ["2", "4"], "choose": 2, "per_correct": 1},
    ),
    (
        "multi table",
        q("multi", 1, choose=2, choices=options("A", "B", "C", "D")),
        e(1, keys=["A", "D"], table={2: 1, 1: 0}),
        {"keys": ["A", "D"], "choose": 2, "table": {"0": 0, "1": 0, "2": 1}},
    ),
    (
        "statements juist/onjuist, table completed downwards",
        q("statements", 2, choices=STATEMENTS),
        e(2, answers=[("1", "juist"), ("2", "onjuist"), ("3", "Juist")], table={3: 2, 2: 1, 1: 0}),
        {
            "answers": {"1": "juist", "2": "onjuist", "3": "juist"},
            "table": {"0": 0, "1": 0, "2": 1, "3": 2},
        },
    ),
    (
        "statements wel/niet",
        q("statements", 3, choices=STATEMENTS, statement_values=("wel", "niet")),
        e(3, answers=[("1", "wel"), ("2", "niet"), ("3", "niet")]),
        {
            "answers": {"1": "wel", "2": "niet", "3": "niet"},
            "values": ["wel", "niet"],
            "per_correct": 1,
        },
    ),
    (
        "matching",
        q("matching", 3, choices=MATCH),
        e(3, answers=[("a", "3"), ("b", "1"), ("c", "2")]),
        {"pairs": {"a": "3", "b": "1", "c": "2"}, "per_pair": 1},
    ),
    (
        "matching several targets",
        q("matching", 2, choices=MATCH),
        e(2, answers=[("a", "1, 3"), ("b", "2")], table={3: 2, 2: 1}),
        {
            "pairs": {"a": ["1", "3"], "b": ["2"]},
            "multiple": True,
            "table": {"0": 1, "1": 1, "2": 1, "3": 2},
        },
    ),
    (
        "ordering",
        q("ordering", 2, choices=options("A", "B", "C", role="item")),
        e(2, keys=["C", "A", "B"]),
        {"order": ["C", "A", "B"]},
    ),
    ("paragraph", q("paragraph"), e(accepted=["alinea 2", "3"]), {"accepted": [2, 3]}),
    (
        "citation sentence",
        q("citation", stem="Citeer de zin waarin de schrijver zijn zorg uitspreekt."),
        e(
            quotation="“Strikt genomen is lezen geen hobby meer, maar een punt van zorg.”",
            lines="(regel 4)",
        ),
        {
            "mode": "sentence",
            "spans": ["Strikt genomen is lezen geen hobby meer, maar een punt van zorg."],
        },
    ),
    (
        "citation first and last words",
        q("citation", stem="Citeer de eerste en de laatste twee woorden van het tekstdeel."),
        e(quotation="“Wie leest … altijd roept?”", lines="(regels 2-3)"),
        {
            "mode": "first_last",
            "spans": ["Wie leest er nog een boek als de telefoon altijd roept?"],
        },
    ),
    (
        "gap",
        q("gap"),
        e(accepted=["voorleesclub", "leesclub"]),
        {"accepted": ["voorleesclub", "leesclub"]},
    ),
    (
        "open with asked and full sentences",
        q("open", 1, full_sentences=True),
        e(1, elements=ELEMENTS, first_n=1),
        {
            "elements": [
                {
                    "text": "de bibliotheek trekt minder lezers",
                    "points": 1,
                    "keywords": ["bibliotheek", "minder", "lezers"],
                },
                {
                    "text": "de gemeente wil geld besparen",
                    "points": 1,
                    "keywords": ["gemeente", "geld", "besparen"],
                },
            ],
            "asked": 1,
            "full_sentences": {"deduct": 1},
        },
    ),
    (
        "open with a word limit and its deduction",
        q("open", 2, word_limit=25),
        e(
            2,
            elements=ELEMENTS,
            remarks=["Als het antwoord meer dan 25 woorden bevat, 1 scorepunt aftrekken."],
        ),
        None,
    ),
    (
        "summary",
        q("summary", 2, word_limit=60),
        e(
            2,
            elements=ELEMENTS,
            remarks=["Voor elke 5 woorden boven de 60: per 5 woorden 1 scorepunt aftrekken"],
        ),
        None,
    ),
    (
        "parts",
        q("parts", 2, parts=[("a", "Noem een oorzaak."), ("b", "Noem een gevolg.")]),
        e(2, elements=[SchemeElement("a: minder lezers", 1), SchemeElement("b: de bieb sluit", 1)]),
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "question", "entry", "expected"), KIND_CASES, ids=[c[0] for c in KIND_CASES]
)
def test_every_kind_ends_in_valid_scoring(name, question, entry, expected):
    data, report = build(question, entry)
    assert validate_exam_data(data, texts=[INFO]) == []
    built = data["questions"][0]
    assert built["kind"] == question.kind
    assert report.questions[0].fallback is False
    assert report.questions[0].kind == question.kind
    if expected is not None:
        assert built["scoring"] == expected


def test_word_limit_and_over_limit_reach_the_question():
    data, _ = build(KIND_CASES[13][1], KIND_CASES[13][2])
    built = data["questions"][0]
    assert built["word_limit"] == 25
    assert built["scoring"]["over_limit"] == {"deduct": 1}


def test_summary_deduction_per_words():
    data, _ = build(KIND_CASES[14][1], KIND_CASES[14][2])
    assert data["questions"][0]["scoring"]["over_limit"] == {"deduct": 1, "per_words": 5}


def test_parts_elements_name_their_part():
    data, _ = build(KIND_CASES[15][1], KIND_CASES[15][2])
    scoring = data["questions"][0]["scoring"]
    assert [el["part"] for el in scoring["elements"]] == ["a", "b"]
    assert [p["label"] for p in scoring["parts"]] == ["a", "b"]


FALLBACK_CASES = [
    ("no scheme entry", q("mc", choices=options("A", "B", "C")), None, "no_scheme_entry"),
    ("unknown kind", q("riddle"), e(), "unknown_kind"),
    ("mc without key", q("mc", choices=options("A", "B", "C")), e(), "no_key"),
    ("key not an option", q("mc", choices=options("A", "B", "C")), e(key="F"), "invalid_scoring"),
    ("statements without answers", q("statements", choices=STATEMENTS), e(), "no_answers"),
    (
        "statements, points not a multiple and no table",
        q("statements", 2, choices=STATEMENTS),
        e(2, answers=[("1", "juist"), ("2", "juist"), ("3", "onjuist")]),
        "no_table",
    ),
    ("paragraph outside the text", q("paragraph"), e(accepted=["9"]), "invalid_scoring"),
    (
        "citation not in the text",
        q("citation"),
        e(quotation="“Dit staat er niet.”"),
        "invalid_scoring",
    ),
    ("open without elements", q("open", 2), e(2), "no_elements"),
    ("summary without a word limit", q("summary", 2), e(2, elements=ELEMENTS), "no_word_limit"),
    (
        "parts with elements that fit no part",
        q("parts", 3, parts=[("a", "Noem."), ("b", "Leg uit.")]),
        e(3, elements=[SchemeElement("x", 1), SchemeElement("y", 1), SchemeElement("z", 1)]),
        "parts_unclear",
    ),
    ("gap without words", q("gap"), e(), "no_accepted"),
    (
        "ordering of the wrong items",
        q("ordering", choices=options("A", "B", role="item")),
        e(keys=["A", "C"]),
        "invalid_scoring",
    ),
]


@pytest.mark.parametrize(
    ("name", "question", "entry", "reason"), FALLBACK_CASES, ids=[c[0] for c in FALLBACK_CASES]
)
def test_what_cannot_be_completed_becomes_an_open_question(name, question, entry, reason):
    data, report = build(question, entry)
    assert validate_exam_data(data, texts=[INFO]) == []
    built = data["questions"][0]
    assert built["kind"] == "open"
    assert built["stem"] == question.stem
    assert built["choices"] == []
    points = built["max_points"]
    assert built["scoring"]["elements"] == [
        {"text": FALLBACK_ELEMENT, "points": points, "keywords": []}
    ]
    row = report.questions[0]
    assert (row.kind, row.certainty, row.fallback) == ("open", NONE, True)
    assert ("fallback", reason) in [
        (code, params["reason"]) for code, params in row.notes if code == "fallback"
    ]
    assert report.fallbacks == [1]


@pytest.mark.parametrize(
    ("booklet_points", "scheme_points", "points", "note"),
    [
        (2, 2, 2, None),
        (2, 3, 2, {"booklet": 2, "scheme": 3}),
        (None, 3, 3, None),
    ],
)
def test_points_from_the_booklet_else_the_scheme(booklet_points, scheme_points, points, note):
    question = q("open", booklet_points)
    entry = e(scheme_points, elements=[SchemeElement("de gemeente wil geld besparen", 3)])
    data, report = build(question, entry)
    assert data["questions"][0]["max_points"] == points
    differs = [params for code, params in report.questions[0].notes if code == "points_differ"]
    assert differs == ([note] if note else [])
    assert validate_exam_data(data, texts=[INFO]) == []


def test_no_points_anywhere_is_one_point_and_a_note():
    data, report = build(q("open", None), None)
    assert data["questions"][0]["max_points"] == 1
    assert ("points_missing", {}) in report.questions[0].notes


@pytest.mark.parametrize(
    ("booklet", "scheme", "expected"),
    [(HIGH, HIGH, HIGH), (HIGH, LOW, LOW), (LOW, HIGH, LOW), (NONE, HIGH, NONE)],
)
def test_certainty_is_the_lower(booklet, scheme, expected):
    _, report = build(q("gap", certainty=booklet), e(accepted=["x"], certainty=scheme))
    assert report.questions[0].certainty == expected


def test_the_exam_as_printed_texts_intros_contexts_lines_and_model_answers():
    second = TextFacts(2, 4, 2, ((1, "a"), (2, "b"), (3, "c"), (4, "d")))
    booklet = QuestionBooklet(
        texts=[
            PaperText(1, "Stille bieb"),
            PaperText(2, "Twee fragmenten", "Tekst 2 bestaat uit twee fragmenten."),
        ],
        questions=[
            PaperQuestion(1, 1, 1, "Welke alinea?", "paragraph"),
            PaperQuestion(2, 2, 1, "Welk woord?", "gap"),
            PaperQuestion(3, 2, 1, "Wat vindt de schrijver?", "mc", choices=options("A", "B", "C")),
        ],
        contexts=[PaperContext(2, 3, "Lees bij de volgende vragen de fragmenten.")],
        problems=[("other_problem", {"x": 1})],
    )
    scheme = MarkingScheme(
        entries={
            1: e(accepted=["2"], model_answer="alinea 2", lines="(regels 3-4)"),
            2: SchemeEntry(2, 1, "kort", accepted=["kort"]),
            3: SchemeEntry(3, 1, "B", key="B"),
            7: SchemeEntry(7, 1, "A", key="A"),
        }
    )
    data, report = build_exam_data(booklet, scheme, texts=[TEXT, second], title="CE 2026")
    assert (
        validate_exam_data(data, texts=[INFO, {"lines": list(second.lines), "paragraph_count": 2}])
        == []
    )
    assert [q["text"] for q in data["questions"]] == [1, 2, 2]
    assert data["text_intros"] == {"2": "Tekst 2 bestaat uit twee fragmenten."}
    assert data["contexts"] == [
        {"first": 2, "last": 3, "body": "Lees bij de volgende vragen de fragmenten."}
    ]
    assert data["questions"][0]["answer_lines"] == "3-4"
    assert data["questions"][0]["model_answer"] == "alinea 2"
    assert ("other_problem", {"x": 1}) in report.problems
    assert ("scheme_extra_entries", {"numbers": [7]}) in report.problems


def test_without_a_scheme_every_question_falls_back_and_the_paper_says_so():
    booklet = QuestionBooklet(questions=[q("mc", choices=options("A", "B", "C"))])
    data, report = build_exam_data(booklet, None, texts=[TEXT], title="T")
    assert ("scheme_missing", {}) in report.problems
    assert report.fallbacks == [1]
    assert validate_exam_data(data, texts=[INFO]) == []


def test_answer_lines_outside_the_text_are_dropped_with_a_note():
    data, report = build(q("gap"), e(accepted=["x"], lines="(regels 40-42)"))
    assert data["questions"][0]["answer_lines"] == ""
    assert ("answer_lines_outside", {"lines": "40-42"}) in report.questions[0].notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de cultuur van snelheid maakt mensen onrustig", ["cultuur", "snelheid", "onrustig"]),
        ("de gemeente wil geld besparen", ["gemeente", "geld", "besparen"]),
        ("(alleen) een punt", ["punt"]),
        ("het is zo", []),
    ],
)
def test_keywords_rule(text, expected):
    assert keywords_of(text) == expected


@pytest.mark.parametrize(
    ("remarks", "expected"),
    [
        (["Als het antwoord meer dan 25 woorden bevat, 1 scorepunt aftrekken."], {"deduct": 1}),
        (
            ["Bij meer dan 60 woorden: per 5 woorden een scorepunt aftrekken."],
            {"deduct": 1, "per_words": 5},
        ),
        (["Als de samenvatting meer dan 90 woorden bevat, 0 scorepunten toekennen."], "zero"),
        # The scheme reader's wording, numbers written out included.
        (
            ["Voor elke vijf woorden te veel twee scorepunten in mindering brengen."],
            {"deduct": 2, "per_words": 5},
        ),
        (["Bij meer dan 40 woorden geen scorepunten toe te kennen."], "zero"),
        (
            ["Per 5 woorden te veel 1 scorepunt aftrekken.", "Meer dan 25 woorden: 0 punten."],
            {"deduct": 1, "per_words": 5},
        ),
        (["Opmerking: een goed antwoord mag ook anders geformuleerd zijn."], None),
        ([], None),
    ],
)
def test_over_limit_from_remarks(remarks, expected):
    assert over_limit_of(remarks) == expected


def test_full_table_and_answer_lines():
    assert full_table({6: 3, 5: 2, 4: 0}, count=6, max_points=3) == {
        "0": 0,
        "1": 0,
        "2": 0,
        "3": 0,
        "4": 0,
        "5": 2,
        "6": 3,
    }
    assert answer_lines_of("(regels 12-14)") == "12-14"
    assert answer_lines_of("(regel 7)") == "7"
    assert answer_lines_of(None) == ""


def test_the_builder_imports_no_django():
    import ast
    from pathlib import Path

    import exam.papers.build as module

    tree = ast.parse(Path(module.__file__).read_text())
    names = [
        alias.name if isinstance(node, ast.Import) else node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [node])
    ]
    assert names and not [n for n in names if n and n.split(".")[0] == "django"]


PARTS = [("a", "Noem een oorzaak."), ("b", "Noem een gevolg.")]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["a: minder lezers", "b) de bieb sluit", "bij b geen leesplezier"], ["a", "b", "b"]),
        (["minder lezers", "de bieb sluit"], ["a", "b"]),  # one each, in order
        (["a: minder lezers", "de bieb sluit"], ["a", "b"]),
    ],
)
def test_parts_elements_find_their_part(texts, expected):
    entry = e(2, elements=[SchemeElement(t, 1) for t in texts])
    data, report = build(q("parts", 2, parts=PARTS), entry)
    assert [el["part"] for el in data["questions"][0]["scoring"]["elements"]] == expected
    assert report.fallbacks == []
    assert validate_exam_data(data, texts=[INFO]) == []


def test_parts_with_a_word_limit_get_it_per_part_and_the_deduction():
    remark = "Als een antwoord meer dan 20 woorden bevat, 1 scorepunt aftrekken."
    entry = e(2, elements=[SchemeElement("a: x y", 1), SchemeElement("b: z", 1)], remarks=[remark])
    data, _ = build(q("parts", 2, parts=PARTS, word_limit=20), entry)
    scoring = data["questions"][0]["scoring"]
    assert [p["word_limit"] for p in scoring["parts"]] == [20, 20]
    assert scoring["over_limit"] == {"deduct": 1}
    assert validate_exam_data(data, texts=[INFO]) == []


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            "Als de samenvatting meer dan 40 woorden bevat, voor elke vijf woorden te veel\n"
            "1 scorepunt aftrekken.",
            {"per_words": 5, "deduct": 1},
        ),
        (
            "Als de samenvatting meer dan 40 woorden bevat, per 5 woorden 1 scorepunt aftrekken.",
            {"per_words": 5, "deduct": 1},
        ),
        ("Als de samenvatting meer dan 40 woorden bevat, 1 scorepunt aftrekken.", {"deduct": 1}),
        ("Als de samenvatting meer dan 40 woorden bevat, 0 scorepunten toekennen.", "zero"),
    ],
)
def test_the_deduction_is_the_one_the_scheme_reader_read(rule, expected):
    # "voor elke vijf woorden" (a number in words) once lost its "per 5 words" here.
    from exam.papers.scheme import read_marking_scheme

    scheme = read_marking_scheme(
        "Tekst 1 Stille bieb\n1 maximumscore 2\nEen goede samenvatting bevat:\n"
        f"• de bieb gaat dicht 1\n• ouders protesteren 1\nOpmerking\n{rule}\n"
    )
    question = q("summary", 2, word_limit=40, stem="Vat de tekst samen in maximaal 40 woorden.")
    data, _ = build(question, scheme.entries[1])
    assert data["questions"][0]["scoring"]["over_limit"] == expected


def test_a_deduction_without_a_word_limit_is_left_out():
    remark = "Als het antwoord meer dan 25 woorden bevat, 1 scorepunt aftrekken."
    data, _ = build(q("open", 2), e(2, elements=ELEMENTS, remarks=[remark]))
    assert "over_limit" not in data["questions"][0]["scoring"]
