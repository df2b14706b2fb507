"""Comparing a gap answer with the accepted ones: as the marker compares them, and
whether a not-accepted answer is a near miss (a small typo or another Dutch
inflection) that the marker should see beside the accepted answer it resembles.

Pure: no Django. exam/kinds/gap.py scores with these and sends near misses to the marker.
"""

from __future__ import annotations

import re

# Dutch inflection endings a near miss may differ by (longest first): plural -en/-s/'s,
# adjective -e, verb -t/-d/-n, and the past -te/-de/-ten/-den.
_ENDINGS = ("ten", "den", "en", "te", "de", "'s", "s", "e", "t", "d", "n")
_DOUBLE = re.compile(r"(.)\1")


def normalise(text: str) -> str:
    """A gap answer as compared: case, spaces and surrounding quotes/punctuation ignored.

    >>> normalise(" ‘Voordringkanalen’. ")
    'voordringkanalen'
    """
    words = " ".join(text.split()).casefold()
    return words.strip(" \"'‘’“”„.,;:!?()")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: a letter wrong, missing,
    extra, or two neighbours swapped each count 1), cut off above `limit`.

    >>> edit_distance("voordringkanalen", "voordrinkganalen"), edit_distance("kat", "kast")
    (1, 1)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
        if min(row) > limit:
            return limit + 1
    return row[-1]


def _stems(word: str) -> set[str]:
    """The word and the word without each inflection ending, with doubled letters made
    single and a final z/v as s/f (kanaal ~ kanal-en, bus ~ buss-en, huis ~ huiz-en)."""
    candidates = {word} | {word[: -len(ending)] for ending in _ENDINGS if word.endswith(ending)}
    stems = set()
    for stem in candidates:
        if len(stem) < 3:
            continue
        stem = _DOUBLE.sub(r"\1", stem)
        stem = stem[:-1] + {"z": "s", "v": "f"}.get(stem[-1], stem[-1])
        stems.add(stem)
    return stems


def typo_limit(accepted: str) -> int:
    """Typos a near miss may have: 1 in an answer of up to 6 letters, 2 in a longer one."""
    return 1 if len(accepted) <= 6 else 2


def is_near(given: str, accepted: str) -> bool:
    """Whether a normalised answer is close to a normalised accepted one, not equal.

    >>> is_near("voordringkanaal", "voordringkanalen"), is_near("voorrang", "voordringkanalen")
    (True, False)
    """
    if not given or not accepted or given == accepted:
        return False
    if edit_distance(given, accepted, typo_limit(accepted)) <= typo_limit(accepted):
        return True
    return bool(_stems(given) & _stems(accepted))


def nearest_accepted(given: str, accepted: list[str]) -> str | None:
    """The accepted answer (as written) a not-accepted answer nearly is, or None: a
    Damerau-Levenshtein distance of 1 for answers up to 6 letters and 2 for longer ones
    (counted on the accepted answer), or the same word with another Dutch inflection
    ending (-en, -s, 's, -e, -t, -d, -n, -te, -de). The closest one wins; first listed
    on a tie; None for an accepted answer.

    >>> nearest_accepted("Voordringkanaal", ["voorrang", "voordringkanalen"])
    'voordringkanalen'
    """
    mine = normalise(given)
    if mine in {normalise(answer) for answer in accepted}:
        return None
    near = [
        (edit_distance(mine, normalise(answer), 9), index, answer)
        for index, answer in enumerate(accepted)
        if is_near(mine, normalise(answer))
    ]
    return min(near)[2] if near else None
