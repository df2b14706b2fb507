"""The words and patterns of a printed marking scheme, shared by its readers.

Pure: only the standard library.
"""

from __future__ import annotations

import re

from exam.papers.dutch import NUMBER_WORDS

NUMBER_WORD = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"

CODE = r"[A-Z]{2,3}-\d{3,4}-[a-z]-\d{2}-\d-[a-z]\*?"
FURNITURE_PIECES = re.compile(
    rf"{CODE}|lees\s+verder|[►▶>]{{2,}}|[►▶]|pagina\s+\d+(?:\s+van\s+\d+)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|vraag\s+antwoord\s+scores",
    re.IGNORECASE,
)
CODE_RE = re.compile(CODE)
BARE_NUMBER = re.compile(r"^\d{1,3}$")
EINDE = re.compile(r"^einde\s*[■▪.]?$", re.IGNORECASE)
END_OF_MODEL = re.compile(
    r"^(?:\d\s+)?(?:aanleveren\s+scores|inzenden\s+scores|bronvermeldingen?)\b", re.IGNORECASE
)
HEADER = re.compile(
    r"^(?:vraag\s+)?(?P<number>\d{1,2})\.?\s+maximum\s?score\s*:?\s+(?P<max>\d{1,2})\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
HEADER_MAX_ONLY = re.compile(
    r"^maximum\s?score\s*:?\s+(?P<max>\d{1,2})\s*(?P<rest>.*)$", re.IGNORECASE
)
SHORT_KEY = re.compile(r"^(?P<number>\d{1,2})\s+(?P<key>[A-F])$")
TEXT_HEADING = re.compile(r"^tekst\s+\d{1,2}\b", re.IGNORECASE)

BULLETS = "•●▪◦\uf0b7\uf0a7*"
BULLET_LINE = re.compile(rf"^[{re.escape(BULLETS)}]\s*(?P<rest>.*)$")
DASH_LINE = re.compile(r"^[-−–—]\s+(?P<rest>.+)$")
TRAILING_POINTS = re.compile(r"^(?P<text>.*?\S)\s+(?P<points>\d)$")
PART_LINE = re.compile(r"^(?P<label>[a-f])[).]?\s+(?P<rest>.+)$")

# "a Een antwoord met de strekking dat ... 1": the part's element is what follows.
ELEMENT_INTRO = re.compile(
    r"^een\s+(?:juist\s+)?antwoord\s+(?:met\s+de\s+strekking|als|waarin)\s*(?:dat\s*)?:?\s*",
    re.IGNORECASE,
)
TABLE = re.compile(
    r"^(?:indien|bij|als)\s+(?P<count>.+?)\s+(?:goed|juist|correct)e?\b"
    r"(?:\s+(?:antwoord(?:en)?|bewering(?:en)?|combinaties?|nummers?|letters?|woord(?:en)?|posities?))?"
    r"\s*[:=]?\s*(?P<points>\d{1,2})\s*(?:(?:score)?punt(?:en)?)?\.?$",
    re.IGNORECASE,
)
PER_CORRECT = re.compile(
    r"^per\s+(?:juist|goed|correct)e?\s+\w+\s*[:=]?\s*(?P<points>\d{1,2})"
    r"\s*(?:(?:score)?punt(?:en)?)?\.?$",
    re.IGNORECASE,
)
# A rule sentence that runs on to the next line: "Als het antwoord meer dan 25 woorden
# bevat, 1 scorepunt" / "aftrekken."
RULE_START = re.compile(
    r"^(?:(?:als|bij|indien|wanneer|voor\s+(?:elke|iedere)|per)\b"
    r"(?=.*(?:\bwoorden\b|volledige\s+zin|hele\s+zin|\balleen\b))"
    r"|alleen\s+(?:de|het)\s+eerste\b)",
    re.IGNORECASE,
)
REMARK_HEADING = re.compile(r"^opmerking(?:en)?\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
FIRST_N = re.compile(r"\balleen\s+(?:de|het)\s+eerste\b(?:\s+(?P<n>\w+))?", re.IGNORECASE)
WORD_LIMIT = re.compile(
    rf"(?:meer\s+dan|boven\s+(?:de\s+)?|langer\s+dan)\s*(?P<limit>{NUMBER_WORD})\s+woorden",
    re.IGNORECASE,
)
WORD_LIMIT_ALT = re.compile(r"\bde\s+(?P<limit>\d{1,3})\s+woorden\b", re.IGNORECASE)
PER_WORDS = re.compile(
    rf"(?:voor\s+)?(?:elke|iedere|per)\s+(?:begonnen\s+|volgende\s+)?(?P<n>{NUMBER_WORD})"
    r"\s+woorden",
    re.IGNORECASE,
)
DEDUCT = re.compile(
    rf"(?P<n>{NUMBER_WORD})\s+(?:score)?punt(?:en)?\s+(?:aftrekken|in\s+mindering)",
    re.IGNORECASE,
)
ZERO = re.compile(
    r"\b(?:0|geen|nul)\s+(?:score)?punt(?:en)?\s+(?:toekennen|toe\s+te\s+kennen|geven)\b"
    r"|\bniet\s+beoordelen\b",
    re.IGNORECASE,
)
FULL_SENTENCES = re.compile(
    r"\b(?:niet\s+in\s+(?:een\s+of\s+meer\s+|één\s+of\s+meer\s+)?(?:volledige|hele)\s+zin"
    r"|geen\s+(?:volledige|hele)\s+zin)",
    re.IGNORECASE,
)

# A row "a 3", "1 juist", a gap's words "plek 1: rust / stilte", an item's targets
# "a 1, 3" or "1 A en C".
GAP_NAME = r"(?:[Oo]pen\s+)?(?:[Pp]lek|[Pp]laats)\s+"
ROW = re.compile(
    r"^(?:" + GAP_NAME + r")?(?P<label>\d{1,2}|[a-z])(?:\s*[-–:=.)]\s*|\s+)"
    r"(?P<value>\S.*?)\s*[,;.]?$"
)
# A row of an item labelled with a capital: only its targets ("A 1, 3", "C geen"), so
# no sentence of the model answer is taken for one.
UPPER_ROW = re.compile(
    r"^(?P<label>[A-Z])(?:\s*[-–:=.)]\s*|\s+)(?P<value>\d{1,2}\b(?:\s*(?:,|\ben\b)\s*\d{1,2}\b)*"
    r"|geen|[-−–—])\s*[,;.]?$"
)
ROW_LABEL = re.compile(r"^(?:" + GAP_NAME + r")?(?:\d{1,2}|[a-z])$")
# Several targets on one line go on with the same kind of label: "a 1, 3, b 2".
TARGETS = r"[A-Z]\b(?:\s*(?:,|\ben\b)\s*[A-Z]\b)*|\d{1,2}\b(?:\s*(?:,|\ben\b)\s*\d{1,2}\b)*"
INLINE_ROW = re.compile(
    r"(?P<label>\b\d{1,2}|\b[a-z])\s*[-–:=.)]?\s*(?P<value>" + TARGETS + r"|[a-zé]{2,}\b)"
)
TARGET_LIST = re.compile(r"^(?:" + TARGETS + r")[,;.]?$")
# An item without targets: "c geen", "c -".
NO_TARGETS = re.compile(r"^(?:geen|[-−–—])$", re.IGNORECASE)
LABEL_LIST = re.compile(
    r"^(?P<first>[A-F]|\d{1,2})(?:(?:\s*[,;]\s*|\s+en\s+|\s*[-–→>]\s*|\s+)(?:[A-F]|\d{1,2}))+\.?$"
)
LABEL = re.compile(r"[A-F]|\d{1,2}")
ONE_PARAGRAPH = re.compile(r"^alinea\s+(\d{1,2})$", re.IGNORECASE)
COMPACT_ORDER = re.compile(r"^[A-F]{3,6}$")
PARAGRAPH = re.compile(
    r"^alinea(?:['’]s)?\s+(?P<numbers>\d{1,2}(?:\s*(?:\(?\s*of\s+(?:alinea\s+)?|,|en)\s*\d{1,2}\)?)*)\.?$",
    re.IGNORECASE,
)
QUOTE = re.compile(
    r"(?:[“„\"«](?P<double>[^“”\"«»„]{2,600})[”\"»]|‘(?P<single>[^‘’]{2,600})’)"
    r"(?:\s*\(?\s*(?:regels?|r\.)\s*(?P<lines>\d{1,4}(?:\s*(?:-|–|—|t/m|tot\s+en\s+met|en)\s*\d{1,4})?)"
    r"\s*\)?)?",
    re.IGNORECASE,
)
ELLIPSIS = re.compile(r"\s*(?:\(\s*(?:\.\.\.|…)\s*\)|\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")
INTRO = re.compile(
    r"(?::\s*$|^(?:een|het|de)\s+(?:juist|goed|correct)e?\s+(?:antwoord|samenvatting)"
    r"|^een\s+antwoord\s+(?:met|als|waarin)|^een\s+van\s+de\s+volgende|^voorbeelden?\b"
    r"|^te\s+denken\s+valt|^de\s+juiste\s+volgorde)",
    re.IGNORECASE,
)
ACCEPTED_SPLIT = re.compile(r"\s*(?:/|;|,|\bof\b)\s*", re.IGNORECASE)


def read_number(word: str | None) -> int | None:
    """A count as printed, in figures or words: "5" -> 5, "vijf" -> 5, "veel" -> None."""
    if word is None:
        return None
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)
