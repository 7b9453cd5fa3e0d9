"""Suspect words for a proof-reader, and applying a correction (plain Python).

``find_suspects(text, lexicon=…, source_text=…, analyser=…)`` lists the words of an
imported text (plain text or the restricted contribution HTML: words inside tags and
entities are skipped) that a person should look at:

``confusion``
    one of the known real-word confusion pairs after å/ä/ö restoration (år/är, lån/län,
    var/vår, vården/värden, starka/stärka): both are words, so only the context decides.
    Suspect when the repair's context model picks the other word once it is given
    :data:`CONFUSION_MARGIN` more (a close call, or a wrong one), or when a pattern the
    model misses says so ("antal är" → år, "få län" → lån, "stärka scenkonst" with no
    verb before it → starka); the suggestion is the other word.
``repair``
    a word the OCR repair changed where the decision was close: the OCR text
    (``source_text``) and the repaired text are aligned word by word; a repair is
    suspect when another of its readings wins in context (the repair's own context
    model, ``resultat.core.ocr.context.choose``) once given :data:`REPAIR_MARGIN` more
    (log10 units). The suggestions are those readings and the OCR form.
``case``
    a capital Å/Ä/Ö inside a sentence on an ordinary word ("betydlig Ökad kunskap"): the
    OCR read a lower-case letter as a capital; the suggestion is the lower-case word.
``unknown``
    a lower-case word the lexicon does not know and that is no compound of two known
    words (OCR garbage such as "ildnet", "tillhnor"); the suggestion, when there is one,
    is the repair's best reading. Capitalised words (names, English) are left alone.

Each suspect has its ``occurrence``: the how-manieth whole-word occurrence of the word in
the text it is, so :func:`apply_correction` changes exactly that one, and a correction
stored with it can be applied again to the same text after a re-import.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

#: The known real-word confusions (both directions), lower case.
CONFUSION_PAIRS = (("år", "är"), ("lån", "län"), ("var", "vår"), ("vården", "värden"), ("starka", "stärka"))
CONFUSIONS = {a: b for a, b in CONFUSION_PAIRS} | {b: a for a, b in CONFUSION_PAIRS}
#: A confusion word is suspect when the other word, given this much more (log10), wins in
#: its context.
CONFUSION_MARGIN = 0.5
#: A repair is suspect when its best reading beat the next by less than this (log10).
REPAIR_MARGIN = 1.0

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TAG = re.compile(r"<[^>]*>|&#?\w+;")
_SENTENCE_END = re.compile(r"[.!?:•]\s*$|^\s*$")


@dataclass(frozen=True)
class Suspect:
    word: str
    start: int
    end: int
    kind: str  # confusion | repair | case | unknown
    suggestions: tuple[str, ...]
    occurrence: int  # 0-based: which whole-word occurrence of ``word`` in the text
    before: str = ""  # a little of the text before and after, for the worklist
    after: str = ""


def words(text: str) -> list[tuple[int, int, str]]:
    """Whole words (start, end, text) outside HTML tags and entities."""
    out = []
    pos = 0
    for m in _TAG.finditer(text):
        out.extend((w.start(), w.end(), w.group()) for w in _WORD.finditer(text, pos, m.start()))
        pos = m.end()
    out.extend((w.start(), w.end(), w.group()) for w in _WORD.finditer(text, pos))
    return out


def _plain(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).split())


def _cased(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _compound(lower: str, lexicon) -> bool:
    if len(lower) < 7:
        return False
    for i in range(3, len(lower) - 2):
        head, tail = lower[:i], lower[i:]
        if tail in lexicon and (
            head in lexicon
            or (head.endswith("s") and head[:-1] in lexicon)  # linking s: "innovations-"
            or (head.endswith("e") and head[:-1] + "a" in lexicon)  # "förmåge-" of förmåga
        ):
            return True
    return False


def _opens_sentence(text: str, start: int) -> bool:
    before = _TAG.sub(" ", text[max(0, start - 40) : start])
    if start >= 1 and text[start - 1] == ">":
        return True
    return bool(_SENTENCE_END.search(before))


def _repairs(text: str, source_text: str, analyser) -> dict[str, tuple]:
    """Repaired word (as in ``text``) → (its OCR form, the readings), where the best
    reading beat the next by less than :data:`REPAIR_MARGIN` before context."""
    if not source_text or analyser is None:
        return {}
    got = [w for _, _, w in words(text)]
    raw = [m.group() for m in _WORD.finditer(source_text)]
    sm = difflib.SequenceMatcher(None, [w.lower() for w in raw], [w.lower() for w in got], autojunk=False)
    out: dict[str, tuple[str, ...]] = {}
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op != "replace" or a2 - a1 != b2 - b1:
            continue
        for r, g in zip(raw[a1:a2], got[b1:b2]):
            cands = analyser.analyse(r)
            if len(cands) < 2 or cands[0].score - cands[1].score >= REPAIR_MARGIN:
                continue
            out[g] = (r, tuple(cands[:4]))
    return out


def _repair_doubt(text: str, toks: list, i: int, raw: str, cands) -> tuple[str, ...]:
    """The other readings that win in context when given :data:`REPAIR_MARGIN` more,
    and the OCR form: () when the repair is a clear decision."""
    from resultat.core.ocr.candidates import Candidate
    from resultat.core.ocr.context import choose

    word = toks[i][2]
    left, right = _side(text, toks, i, -1), _side(text, toks, i, 1)
    mine = next((c for c in cands if c.word == word.lower()), None)
    if mine is None:
        return ()
    rivals = []
    for c in cands:
        if c.word == mine.word or " " in c.word:
            continue
        pick = choose([mine, Candidate(c.word, c.text, c.score + REPAIR_MARGIN)], left, right)
        if pick.word == c.word:
            rivals.append(_cased(word, c.word))
    if not rivals:
        return ()
    if raw.lower() != word.lower() and raw.isalpha():
        rivals.append(raw)
    return tuple(dict.fromkeys(rivals))[:4]


def _side(text: str, toks: list, i: int, step: int):
    from resultat.core.ocr.context import Side

    got: list[str] = []
    raw: list[str] = []
    boundary = False
    j = i
    while len(got) < 2:
        nxt = j + step
        if nxt < 0 or nxt >= len(toks):
            boundary = boundary or not got
            break
        a, b = (toks[nxt][1], toks[j][0]) if step < 0 else (toks[j][1], toks[nxt][0])
        gap = _TAG.sub(" ", text[a:b])
        if re.search(r"[.!?:;]|\n\s*\n", gap) or (text[a:b] != gap and "<" in text[a:b] and "</" in text[a:b]):
            boundary = boundary or not got
            break
        got.append(toks[nxt][2].lower())
        raw.append(toks[nxt][2])
        j = nxt
    near = (toks[i - 1][1], toks[i][0]) if step < 0 and i else ((toks[i][1], toks[i + 1][0]) if step > 0 and i + 1 < len(toks) else (0, 0))
    return Side(tuple(got), boundary, text[near[0] : near[1]], tuple(raw))


_COUNTING = frozenset(
    "antal flera några många senaste förra kommande varje per hela två tre fyra fem sex sju åtta nio tio "
    "tolv femton tjugo trettio ett".split()
)
_VERB_BEFORE = frozenset(
    "att och ska skall kan vill bör måste kommer för genom samt eller även också behöver syftar "
    "vill bidra till vi de man som".split()
)


def _rule(word: str, left: list[str], right: list[str]) -> bool:
    """Patterns the context model misses (docs/import.md): "antal är" (år), "få län"
    (lån), "stärka scenkonst" without a verb before it (starka)."""
    prev = left[0] if left else ""
    if word == "är":
        return prev.isdigit() or prev in _COUNTING
    if word == "län":
        return prev in {"få", "fått", "ta", "tagit", "bevilja", "beviljat", "beviljats"}
    if word == "stärka":
        return bool(prev) and prev not in _VERB_BEFORE and bool(right) and right[0] not in {"och", "sin", "sina", "den", "det", "de"}
    return False


def _close_call(text: str, toks: list, i: int, lexicon) -> bool:
    """Whether the OCR repair's context model (``resultat.core.ocr.context``) finds the
    other word of a confusion pair within :data:`CONFUSION_MARGIN` of this one, or
    prefers it: the repair's decision was a close call, or wrong."""
    from resultat.core.ocr.candidates import Candidate
    from resultat.core.ocr.context import choose

    word = toks[i][2].lower()
    other = CONFUSIONS[word]
    left, right = _side(text, toks, i, -1), _side(text, toks, i, 1)
    if _rule(word, list(left.words), list(right.words)):
        return True

    def score(w: str) -> float:
        cost = lexicon.cost(w)
        return -(cost if cost is not None else 900) / 100.0

    mine, theirs = score(word), score(other)
    boosted_other = choose([Candidate(word, word, mine), Candidate(other, other, theirs + CONFUSION_MARGIN)], left, right)
    return boosted_other.word == other


def find_suspects(text: str, *, lexicon, source_text: str = "", analyser=None) -> list[Suspect]:
    """The suspect words of ``text`` in text order (see the module docstring)."""
    toks = words(text)
    repaired = _repairs(text, source_text, analyser)
    seen: dict[str, int] = {}
    out: list[Suspect] = []
    for k, (start, end, word) in enumerate(toks):
        n = seen.get(word, 0)
        seen[word] = n + 1
        lower = word.lower()
        kind, suggestions = "", ()
        if lower in CONFUSIONS:
            if _close_call(text, toks, k, lexicon):
                kind, suggestions = "confusion", (_cased(word, CONFUSIONS[lower]),)
        elif word in repaired:
            suggestions = _repair_doubt(text, toks, k, *repaired[word])
            kind = "repair" if suggestions else ""
        elif (
            word[:1] in "ÅÄÖ" and word[1:].islower() and len(word) > 1 and not _opens_sentence(text, start)
            and lexicon.is_word(lower) and lexicon.proper_name(lower) is None
            and not (k and toks[k - 1][2][:1].isupper())  # "Region Östergötland": a name
        ):
            kind, suggestions = "case", (lower,)
        elif (
            word.islower() and len(word) >= 3 and lower not in lexicon
            and lexicon.proper_name(lower) is None and not _compound(lower, lexicon)
        ):
            best = analyser.analyse(word) if analyser is not None else ()
            kind = "unknown"
            suggestions = tuple(c.text for c in best[:3] if c.text != word)
        if kind:
            out.append(Suspect(
                word, start, end, kind, suggestions, n,
                before=_plain(text[max(0, start - 80) : start])[-50:],
                after=_plain(text[end : end + 80])[:50],
            ))
    return out


def apply_correction(text: str, wrong: str, right: str, occurrence: int) -> str:
    """``text`` with the ``occurrence``-th whole word ``wrong`` replaced by ``right``.

    Raises ``ValueError`` when the text has no such occurrence (it changed since)."""
    n = 0
    for start, end, word in words(text):
        if word == wrong:
            if n == occurrence:
                return text[:start] + right + text[end:]
            n += 1
    raise ValueError(f"ordet {wrong!r} (förekomst {occurrence + 1}) finns inte längre i texten")


def replaced_occurrence(before: str, after: str, wrong: str, right: str, occurrence: int) -> int | None:
    """Which occurrence of ``right`` (one word) the correction put into ``after``."""
    if [w for _, _, w in words(right)] != [right]:
        return None
    n = 0
    for start, _end, word in words(before):
        if word == wrong:
            if n == occurrence:
                return sum(1 for s, _, w in words(after) if w == right and s < start)
            n += 1
    return None
