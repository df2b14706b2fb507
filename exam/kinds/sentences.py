"""Whether an answer is "in een of meer volledige zinnen", and what it costs when not.

Pure: no Django. The computer only proposes; the marker confirms or flips the
proposal (sentences_judgement), and apply_length_rules in exam/kinds/elements.py
applies the deduction together with the word limit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from exam.kinds.common import WORD, fold

# --- "Geef antwoord in een of meer volledige zinnen" ------------------------------------
#
# The computer only proposes whether an answer is in full sentences; the marker
# confirms or flips the proposal. A pure heuristic, in this order:
#
# 1. The answer is cut into parts: its lines, and within a line its sentences (". ",
#    "! ", "? "); a bullet or number in front of a part ("-", "•", "1.", "b)") is
#    dropped, so a bulleted list of real sentences still counts as sentences.
# 2. A part is a sentence when it has at least SENTENCE_MIN_WORDS words and a
#    finite verb: a word from FINITE_VERBS (the auxiliaries and the verbs pupils
#    write most), or a word ending in -t, -en, -de or -te right next to a personal
#    pronoun ("ze verliezen", "verliezen ze", "hij verwacht"), or a word ending in
#    -t after an opening article and noun ("De samenleving versplintert").
# 3. A part that opens with a subordinating conjunction ("Omdat ze veel volgers
#    hebben.") is a lone subordinate clause, not a sentence, unless a main clause
#    follows after a comma ("Omdat ..., krijgen ze voorrang.").
# 4. The answer is in full sentences when it has at least one sentence and its
#    sentences hold at least half of its words: a list of keywords with one
#    sentence among them is still a list.
#
# Capitals are not asked for: a sentence written without one is a spelling slip,
# which this rule does not judge.

SENTENCE_MIN_WORDS = 3


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


FINITE_VERBS = _word_set(
    """
    ben bent is zijn was waren word wordt worden werd werden heb hebt heeft hebben had
    hadden kan kun kunt kunnen kon konden moet moeten moest moesten wil wilt willen wilde
    wilden wou zal zult zullen zou zouden mag mogen mocht mochten ga gaat gaan ging
    gingen kom komt komen kwam kwamen doe doet doen deed deden laat laten liet lieten
    sta staat staan stond stonden krijg krijgt krijgen kreeg kregen geef geeft geven gaf
    gaven vind vindt vinden vond vonden maak maakt maken maakte maakten blijf blijft
    blijven bleef bleven zeg zegt zeggen zei zeiden lijkt lijken leek leken weet weten
    wist wisten zie ziet zien zag zagen noem noemt noemen noemde neem neemt nemen nam
    namen houd houdt houden hield denk denkt denken dacht dachten heet heten betekent
    betekenen bestaat bestaan ontstaat ontstaan toont tonen probeert proberen
    gebruikt gebruiken wijst wijzen vergelijkt vergelijken beschrijft beschrijven legt
    leggen leert leren voelt voelen speelt spelen hoort horen past passen zorgt zorgen
    helpt helpen
    """
)
# Personal pronouns only: "het", "dit" and "die" are articles as often ("het internet").
_SUBJECTS = _word_set("ik jij je hij zij ze wij we jullie u men er")
_ARTICLES = _word_set("de het een deze die dit dat")
_SUBORDINATORS = _word_set(
    """
    omdat doordat zodat dat als wanneer hoewel terwijl nadat voordat zodra indien
    waardoor waarmee waarin waarbij om opdat tenzij
    """
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_BULLET = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[-•*–])\s+", re.IGNORECASE)
_VERB_ENDING = re.compile(r"(?:t|en|de|te)$")


def answer_text(response) -> str:
    """The text the full-sentences rule reads: an open answer as it is, an answer in
    parts (`{"a": ..., "b": ...}`) its parts' texts one after another, each on its own
    lines, so that one proposal judges the whole answer.

    >>> answer_text({"a": "Ze willen aandacht.", "b": "voorrang"})
    'Ze willen aandacht.\\nvoorrang'
    """
    if isinstance(response, dict):
        return "\n".join(text for text in response.values() if isinstance(text, str))
    return response if isinstance(response, str) else ""


def _answer_parts(text: str) -> list[str]:
    parts = []
    for line in answer_text(text).splitlines():
        for part in _SENTENCE_END.split(line):
            part = _BULLET.sub("", part).strip()
            if WORD.search(part):
                parts.append(part)
    return parts


def _has_finite_verb(words: Sequence[str]) -> bool:
    if (
        len(words) > 2
        and words[0] in _ARTICLES
        and len(words[2]) > 3
        and words[2].endswith("t")
        and words[2] not in _SUBJECTS
    ):
        # "De samenleving versplintert", "Het bedrijf helpt": article, noun, verb.
        return True
    for index, word in enumerate(words):
        if word in FINITE_VERBS:
            return True
        neighbours = words[max(0, index - 1) : index] + words[index + 1 : index + 2]
        if (
            len(word) > 3
            and word not in _SUBJECTS
            and _VERB_ENDING.search(word)
            and any(n in _SUBJECTS for n in neighbours)
        ):
            return True
    return False


def is_sentence(part: str) -> bool:
    """Whether one part of an answer reads as a full sentence (rules 2 and 3 above).

    >>> is_sentence("Ze willen aandacht."), is_sentence("voorrang, volgers, geld")
    (True, False)
    """
    words = [fold(word) for word in WORD.findall(part)]
    if len(words) < SENTENCE_MIN_WORDS or not _has_finite_verb(words):
        return False
    if words[0] in _SUBORDINATORS:
        # Only a main clause after a comma makes it a sentence.
        main = part.partition(",")[2]
        return bool(main) and _has_finite_verb([fold(w) for w in WORD.findall(main)][:3])
    return True


def is_in_full_sentences(text) -> bool:
    """The computer's proposal: is this answer written in full sentences? (rules above)
    An answer in parts is judged as a whole (answer_text).

    >>> is_in_full_sentences("Mensen met veel volgers krijgen eerder hulp.")
    True
    >>> is_in_full_sentences("- voorrang\\n- veel volgers")
    False
    """
    parts = _answer_parts(text)
    total = sum(len(WORD.findall(part)) for part in parts)
    in_sentences = sum(len(WORD.findall(part)) for part in parts if is_sentence(part))
    return in_sentences > 0 and 2 * in_sentences >= total


def sentences_judgement(feedback: dict | None, response) -> tuple[bool, bool | None]:
    """(the computer's proposal, the marker's confirmed judgement or None), read from
    an answer's stored feedback: the proposal is the automatic score's
    `details["full_sentences"]` (judged now for an answer scored before the question
    asked for full sentences), the judgement `feedback["teacher_full_sentences"]`.

    >>> sentences_judgement({"details": {"full_sentences": False},
    ...                      "teacher_full_sentences": True}, "voorrang")
    (False, True)
    """
    feedback = feedback or {}
    details = feedback.get("details") or {}
    proposal = details.get("full_sentences")
    if not isinstance(proposal, bool):
        proposal = is_in_full_sentences(response)
    confirmed = feedback.get("teacher_full_sentences")
    return proposal, confirmed if isinstance(confirmed, bool) else None


def sentences_deduction(scoring: dict | None, *, in_full_sentences: bool, points: int) -> int:
    """Points an answer loses for not being in full sentences (CvTE: 1 point, never
    below 0); `scoring["full_sentences"] = {"deduct": d}` asks for them.

    >>> sentences_deduction({"full_sentences": {"deduct": 1}}, in_full_sentences=False, points=2)
    1
    """
    rule = (scoring or {}).get("full_sentences")
    if not isinstance(rule, dict) or in_full_sentences:
        return 0
    return max(0, min(points, int(rule.get("deduct", 1))))
