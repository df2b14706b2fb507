"""Texts of a given length in the shapes that once made the importer slow or hungry.

Shared by bench/bench_import_shapes.py and tests/test_parsing_limits.py. Each
function returns a text of about `n` characters.
"""

WORDS = [
    "de",
    "kapitaalkrachtige",
    "onderwijsvernieuwing",
    "leidt",
    "tot",
    "verontwaardiging",
    "bij",
    "leraren",
]


def _words(n: int) -> str:
    text = " ".join(WORDS[i % len(WORDS)] for i in range(n // 8 + 1))
    return text[:n]


def _repeat(unit: str, n: int) -> str:
    return unit * max(1, n // len(unit))


def _spread(n: int) -> str:
    # One flowing paragraph and a margin number at its end that greedy filling does
    # not meet: the spreading programme runs. Longer texts put the anchor out of reach
    # (it is kept as text), so this one stays at the size where the programme is busiest.
    body = _words(min(n, 15_000))
    return f"Titel\n\n{body}\n{len(body) // 38 // 5 * 5} slot van de tekst\n"


SHAPES = {
    "one huge token": lambda n: "Titel\n\n" + "a" * n,
    "one huge line": lambda n: "Titel\n\n" + _words(n),
    "many tiny lines": lambda n: "Titel\n\n" + _repeat("a\n", n),
    "many paragraphs": lambda n: (
        "Titel\n\n" + "".join(f"({i % 999 + 1}) woord woord\n\n" for i in range(n // 22))
    ),
    "paragraph markers on one line": lambda n: (
        "Titel\n\n" + " ".join(f"({i}) woord" for i in range(1, n // 14))
    ),
    "blank-line paragraphs": lambda n: "Titel\n\n" + _repeat("woord\n\n", n),
    "footnote markers": lambda n: "Titel\n\n" + _repeat("woord¹⁾ ", n),
    "glued footnote markers": lambda n: "Titel\n\n" + _repeat("woord1) ", n),
    "footnote markers in one token": lambda n: "Titel\n\n" + _repeat("a²", n),
    "bracket footnote markers": lambda n: "Titel\n\n" + _repeat("[1]", n),
    "margin numbers": lambda n: (
        "Titel\n\n" + "".join(f"{(i % 400) * 5 + 5} regel met tekst\n" for i in range(n // 22))
    ),
    "emphasis marks": lambda n: "Titel\n\n" + _repeat("*", n),
    "emphasised letters": lambda n: "Titel\n\n" + _repeat("*a ", n),
    "spaces": lambda n: "Titel\n\na" + " " * n + "b",
    "brackets": lambda n: "Titel\n\n" + _repeat("(", n),
    "hyphens": lambda n: "Titel\n\n" + _repeat("a-", n),
    "punctuation": lambda n: "Titel\n\na" + _repeat(".,;", n) + "a",
    "long source line": lambda n: "Titel\n\nwoord\n\nnaar: " + _repeat("x ", n),
    "long note": lambda n: "Titel\n\nwoord¹⁾\n\nnoot 1 " + _repeat("x ", n),
    "long first line": lambda n: "T" * n + "\n\nwoord",
    "anchor to spread": _spread,
}
