"""The values read from a question booklet and a marking scheme (no Django).

Every reader returns these, so the readers, the builder and the pages can be written
and tested apart. Certainty is "high" when the reader recognised a form it knows
exactly (a "1p"/"maximumscore" line, options A-D, an exam instruction it knows),
"low" when it guessed, and "none" when it could not classify the question (it then
becomes an open question with its text kept, marked for the teacher).
"""

from __future__ import annotations

from dataclasses import dataclass, field

HIGH, LOW, NONE = "high", "low", "none"


@dataclass(frozen=True)
class PaperChoice:
    """An option ("A", "1"), a statement ("1"), a matching item or target."""

    role: str  # "option", "statement", "item", "target" (exam.models.Choice.Role)
    label: str
    content: str


@dataclass(frozen=True)
class PaperText:
    """A text heading in the question booklet: "Tekst 1 Leve de ..."."""

    number: int
    title: str
    # "Tekst 3 bestaat uit twee fragmenten ..." printed under the heading.
    intro: str = ""


@dataclass(frozen=True)
class PaperContext:
    """A shared context above a group of questions ("Lees bij de volgende vragen ...")."""

    first: int  # question numbers, both included
    last: int
    body: str


@dataclass
class PaperQuestion:
    """One question as the booklet prints it."""

    number: int
    text_number: int  # the "Tekst n" it stands under
    points: int | None  # "2p" in the margin; None when not found
    stem: str  # the question's own text, instructions included, as printed
    kind: str  # a kind code of exam/kinds ("mc", "multi", "statements", ...)
    certainty: str = HIGH
    choices: list[PaperChoice] = field(default_factory=list)
    # Instructions recognised in the stem.
    word_limit: int | None = None  # "Gebruik maximaal 25 woorden"
    full_sentences: bool = False  # "Geef antwoord in een of meer volledige zinnen"
    choose: int | None = None  # "Welke twee ..." / "Noteer de nummers van de drie ..."
    statement_values: tuple[str, str] | None = None  # ("juist", "onjuist"), ("wel", "niet")
    parts: list[tuple[str, str]] = field(default_factory=list)  # [("a", "Noem ...")]
    # A part's own word limit ("b Leg uit ... Gebruik maximaal 20 woorden."): {"b": 20}.
    # `word_limit` of a question in parts is a limit that covers every part.
    part_word_limits: dict[str, int] = field(default_factory=dict)
    # Several gaps ("op de open plekken 1 en 2"): their labels as printed; [] for one.
    gaps: list[str] = field(default_factory=list)
    # Matching: an item may have several targets ("... kan bij meer dan één uitspraak
    # horen").
    multiple: bool = False
    # A table to fill in: its header row's column headings as read ("bewering",
    # "juist / onjuist"); () for no table.
    table: tuple[str, ...] = ()
    # Matching whose targets are the text's paragraphs ("Noteer bij elk argument het
    # nummer van de alinea"): the builder adds them, as it knows the paragraph count.
    paragraph_targets: bool = False
    # What the reader noticed but could not place, for the review report (Dutch is
    # the page's job: these are codes with params, see exam/papers/report.py).
    notes: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class QuestionBooklet:
    texts: list[PaperText] = field(default_factory=list)
    questions: list[PaperQuestion] = field(default_factory=list)
    contexts: list[PaperContext] = field(default_factory=list)
    # Codes for what is wrong with the paper as a whole ("not_a_question_booklet",
    # "looks_like_marking_scheme", "other_subject", "no_questions").
    problems: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class SchemeElement:
    """A scored element: "• ... 1" (text, points)."""

    text: str
    points: int
    # The part it belongs to in a question in parts ("a", "b"); "" for none.
    part: str = ""


@dataclass
class SchemeEntry:
    """One question's answer model in the marking scheme."""

    number: int
    max_points: int  # "maximumscore 2"
    # The model answer as printed (everything between "maximumscore" and the next
    # question), for the teacher to read.
    model_answer: str
    key: str | None = None  # multiple choice: "C"
    keys: list[str] = field(default_factory=list)  # several options/numbers: "2, 4"
    # statements / matching / ordering answers in order: [("1", "juist"), ("a", "3")]
    answers: list[tuple[str, str]] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)  # gap words, paragraph numbers
    quotation: str | None = None  # a citation: the sentence or "first … last" words
    lines: str | None = None  # "(regels 12-14)" given with the answer
    elements: list[SchemeElement] = field(default_factory=list)
    table: dict[int, int] = field(default_factory=dict)  # "indien zes goed 3" -> {6: 3}
    first_n: int | None = None  # "Alleen de eerste twee ... beoordelen"
    remarks: list[str] = field(default_factory=list)  # "Opmerking" paragraphs
    certainty: str = HIGH
    notes: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class MarkingScheme:
    entries: dict[int, SchemeEntry] = field(default_factory=dict)
    problems: list[tuple[str, dict]] = field(default_factory=list)
