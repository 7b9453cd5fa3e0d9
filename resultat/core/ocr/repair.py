"""Word-level repair of Swedish OCR text: the :class:`Repairer`.

``repair_text`` keeps the text's lines, spaces and punctuation; it only
changes words (and splits a glued preposition, adds a missing space after a
full stop). Layout problems — hyphenated line ends, blank-line runs, page
starts, bullets, pasted URLs — are :func:`resultat.core.ocr.layout.clean_layout`'s.

Never changed: numbers and dates, codes with digits and capitals (N01951, E4,
S3, ISO 14001), capital-letter acronyms up to four letters, URLs, e-mail
addresses and domain names, and words the lexicon cannot explain.
"""

from __future__ import annotations

import re
import threading
from collections import Counter

from resultat.core.ocr import context
from resultat.core.ocr.candidates import Analyser, Candidate
from resultat.core.ocr.lexicon import Lexicon, fold, get_lexicon

#: URLs, e-mail addresses (also the broken "name @domain.se" of OCR) and
#: domain names: copied unchanged.
PROTECTED = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.!#$%&'*+/=?^`{|}~-]+ ?@ ?[\w-]+(?:\.[\w-]+)+"
    r"|@ ?[\w-]+(?:\.[\w-]+)+"
    r"|[\w.+-]+@(?=\s|$)"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:se|nu|com|org|net|eu|io|fi|no|dk|int|info|gov)\b(?:/\S*)?"
    r"|\b[\w-]+ \.(?:se|nu|com|org|eu)\b"
)
#: Cheap test for lines that may hold something PROTECTED matches.
_ANCHOR = re.compile(r"@|://|www\.|\.(?:se|nu|com|org|net|eu|io|fi|no|dk|int|info|gov)\b")
#: A word: letters, digits and the symbols OCR reads for å/ä/ö.
WORD = re.compile(r"[\w&@|\[¢]+")
#: A full stop with no space after it between two words: "observationer.Salut".
MISSING_SPACE = re.compile(r"(?:(?<=[a-zåäöé]{2})|(?<=\b\d{4}))\.(?=[A-ZÅÄÖ][a-zåäöéA-ZÅÄÖ])")
#: A separator that ends a sentence (for context and capitals).
_SENTENCE_END = re.compile(r"[.!?:;]|\n[ \t]*\n")
#: An acronym in brackets with the next word glued on: "Deep Tech Reg (DTR)ar ett".
ACRONYM_GLUE = re.compile(r"(\([A-ZÅÄÖ][A-ZÅÄÖ0-9]+\))(?=[a-zåäöé])")
#: The digit 1 for the capital preposition I opening a sentence, before words that
#: no number precedes: "1 och med att", "1 samband med", "1 detta".
DIGIT_FOR_I = re.compile(
    r"((?:^|[.!?] |\n\n))1 (?=(?:och med|samband med|takt med|stället för|detta|dessa)\b)"
)
#: "(13)" for the acronym I3 after as many capitalised words in I: "Interregional
#: Innovation Investments (13)" (the OCR reads the capital I as the digit 1).
DIGIT_ACRONYM = re.compile(r"((?:\bI[a-z]+ ){2,4})\(1([2-4])\)")
#: "a"/"&" for "å" in "å ena sidan … å andra sidan".
ON_ONE_SIDE = re.compile(r"(?<![\w-])[a&] (?=(?:ena|andra) sidan\b)")
#: Abbreviations whose full stop ends no sentence: "osv. har fört med sig".
ABBREVIATIONS = frozenset("osv etc bl dvs tex resp ca inkl exkl jfr mfl mm".split())
_PLAIN_GAPS = frozenset([" ", "\n", "-", " \n", ", ", "\n "])
_FULL_STOP_GAP = re.compile(r"[.!?][ \t]*\n?[ \t]*\Z")
#: A full stop and a space between a word and the next: the word ends a sentence.
_FULL_STOP_AFTER = re.compile(r"\.[ \t]*\n?[ \t]*")
_OPENS_SENTENCE = re.compile(r"[.!?]\s|\n[ \t]*\n")
#: Candidates further than this (log10) behind the best are not worth a context look.
CONTEXT_MARGIN = 3.0
#: How many words back or on (within the sentence) the rules may read: "har … omsatts".
LEFT_CLAUSE = 8

#: A capital I read for l mid-sentence wins when the l-word is at most this much
#: less likely (log10) than the unknown word as printed ("Ianens" -> "länens").
I_FOR_L = 2.5
#: A restored Å/Ä/Ö capital mid-sentence is lower-cased for words this common.
COMMON_WORD_COST = 600
#: ... and between two lower-case words, one at most this rare, unless the word before
#: often stands before a name ("i Åmsele", "de tre Österbottniska").
RARE_WORD_COST = 800
_BEFORE_NAMES = context.PREPOSITIONS | context.NUMBER_WORDS | context.DETERMINERS

#: Pseudo-counts for the document's diacritic-loss estimate.
_PRIOR_STRIPPED = 1.0
_PRIOR_KEPT = 1.0

_Token = tuple[int, int, str]  # start, end, text


class Repairer:
    """Repairs OCR damage in Swedish text, word by word.

    Holds the :class:`~resultat.core.ocr.lexicon.Lexicon` (shared, loaded on
    first use) and the :class:`~resultat.core.ocr.context.ContextModel`.
    Build one and reuse it: word analyses are cached.
    """

    def __init__(self, lexicon: Lexicon | None = None, model: context.ContextModel | None = None):
        self._lexicon = lexicon
        self._model = model
        self._domain: dict[str, float] | None = None
        self._analysers: dict[float, Analyser] = {}
        self._lock = threading.Lock()

    @property
    def model(self) -> context.ContextModel:
        if self._model is None:
            self._model = context.default_model()
        return self._model

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = get_lexicon()
        return self._lexicon

    # --- document evidence ------------------------------------------------------
    def strip_probability(self, words: list[str]) -> float:
        """Estimated probability that a å/ä/ö of this text was printed as a/a/o.

        Counts words that are correct with diacritics ("för", "länet") against
        words that only make sense with them restored ("fran", "lanet"). A
        clean text scores near 0 and its valid words are left alone; OCR text
        like the 2025 report scores near 1.
        """
        lex = self.lexicon
        costs = lex.costs
        kept = stripped = 0
        for w, n in Counter(words).items():
            if len(w) < 2 or not w.isalpha():
                continue
            low = w.lower()
            if "å" in low or "ä" in low or "ö" in low:
                if low in costs:
                    kept += n
            elif "a" in low or "o" in low:
                own = costs.get(low, 900)
                alts = lex.variants.get(fold(low))
                if alts:
                    best = min(costs[a] for a in alts)
                    if best <= 650 and best + 150 <= own:
                        stripped += n
        p = (stripped + _PRIOR_STRIPPED) / (stripped + kept + _PRIOR_STRIPPED + _PRIOR_KEPT)
        return min(0.99, max(0.01, p))

    def analyser(self, p_strip: float) -> Analyser:
        """The word analyser for a document with this diacritic-loss estimate."""
        key = round(p_strip, 2)
        with self._lock:
            an = self._analysers.get(key)
            if an is None:
                if len(self._analysers) > 8:
                    self._analysers.clear()
                if self._domain is None:
                    self._domain = self.model.domain_frequencies()
                an = Analyser(self.lexicon, key, self._domain)
                self._analysers[key] = an
        return an

    # --- tokens -----------------------------------------------------------------
    @staticmethod
    def tokens(text: str) -> list[_Token]:
        """Word tokens (start, end, text) outside URLs, e-mail addresses and domains."""
        out: list[_Token] = []
        pos = 0
        for a, b in protected_spans(text):
            out.extend((m.start(), m.end(), m.group()) for m in WORD.finditer(text, pos, a))
            pos = b
        out.extend((m.start(), m.end(), m.group()) for m in WORD.finditer(text, pos))
        return out

    # --- repair -------------------------------------------------------------------
    def repair_text(self, text: str) -> str:
        """Repair every word of ``text``; lines and layout are kept."""
        if not text:
            return text
        text = _add_missing_spaces(text)
        return _assemble(text, self._choose(text), 0, len(text))

    def repair_word(self, word: str, left: str = "", right: str = "") -> str:
        """Repair one word, optionally with the text before and after it as context.

        ``left`` and ``right`` are only read, never repaired or returned.
        """
        text = f"{left} {word} {right}"
        start = len(left) + 1
        return _assemble(text, self._choose(text), start, start + len(word))

    def _choose(self, text: str) -> list[tuple[_Token, str]]:
        """Each word token of ``text`` with the spelling chosen for it."""
        toks = self.tokens(text)
        if not toks:
            return []
        an = self.analyser(self.strip_probability([t[2] for t in toks]))
        analyse = an.analyse
        cands = [analyse(t[2]) if t[2] != "|" else _pipe(text, toks, k) for k, t in enumerate(toks)]
        for i in _short_capitals_in_capitals(toks):
            cands[i] = analyse(toks[i][2], in_capitals=True)
        chosen: list[str] = []  # lower-case chosen words, for left context
        out: list[tuple[_Token, str]] = []
        n = len(toks)
        model = self.model
        memo: dict[tuple, Candidate] = {}
        far_by_token: dict[str, bool] = {}
        has_rule = context.has_rule
        for i, tok in enumerate(toks):
            options = cands[i]
            if not options:
                out.append((tok, tok[2]))
                chosen.append(tok[2].lower())
                continue
            pick = options[0]
            if (len(options) > 1 and options[1].score > pick.score - CONTEXT_MARGIN) or has_rule(
                pick.word
            ):
                far = far_by_token.get(tok[2])
                if far is None:
                    far = far_by_token[tok[2]] = context.reads_clause(options)
                left = _left_context(text, toks, chosen, i, far)
                right = _right_context(text, toks, cands, i, n, far)
                key = (tok[2], left.key(), right.key())
                if far:
                    key += (left.clause, right.clause)
                got = memo.get(key)
                if got is None:
                    got = memo[key] = context.choose(options, left, right, model)
                pick = got
            mid = i > 0 and toks[i - 1][2][:1].islower() and not _opens_sentence(text, toks, i)
            if (
                tok[2][:1] == "I"
                and tok[2][1:2].islower()
                and pick.text == tok[2]
                and (
                    mid
                    or _after_name_genitive(text, toks, i)
                    and self.lexicon.proper_name(chosen[-1][:-1]) is not None
                )
            ):
                # a capital I mid-sentence read for l: "de nordliga Ianens" = länens
                alt = next(
                    (o for o in options if o.word[:1] == "l" and o.score > pick.score - I_FOR_L),
                    None,
                )
                if alt is not None:
                    pick = alt
            text_out = self._cased(text, toks, i, pick, mid)
            out.append((tok, text_out))
            chosen.append(pick.word)
        return out

    def _cased(self, text: str, toks: list[_Token], i: int, pick: Candidate, mid: bool) -> str:
        """The chosen spelling of token ``i`` with its first letter's case decided: a
        capital for a word opening a sentence, a small ö/å/ä for the OCR's capital O/A
        mid-sentence."""
        tok, n = toks[i], len(toks)
        text_out = pick.text
        # between two small words: "gemensamt Overenskomna med" is mid-sentence
        # even for a rarer word
        # ... and a word that ends the sentence after a small word: "nuvarande
        # Overenskommelse." (the next sentence's capital says nothing of it)
        ends = (
            i + 1 < n and _FULL_STOP_AFTER.fullmatch(text, tok[1], toks[i + 1][0]) is not None
        )
        mid_lower = (
            mid
            and i + 1 < n
            and (toks[i + 1][2][:1].islower() or ends)
            and toks[i - 1][2] not in _BEFORE_NAMES
        )
        if (
            not tok[2][:1].islower()
            and pick.text[:1].islower()
            and _opens_sentence(text, toks, i)
        ):
            text_out = pick.text[:1].upper() + pick.text[1:]  # "6ka" opening a sentence: "Öka"
        elif (
            (mid or self._after_sentence_opener(text, toks, i))
            and tok[2][:1] in "OA"
            and pick.text[:1] in "ÅÄÖ"
            and pick.text[1:2].islower()
            and not (i + 1 < n and toks[i + 1][2][:1].isupper() and not ends)  # "Övre Norrland"
            and self.lexicon.proper_name(pick.word) is None
            and (self.lexicon.cost(pick.word) or 999)
            <= (COMMON_WORD_COST if not mid_lower else RARE_WORD_COST)
        ):
            # "betydlig Okad kunskap": a capital O/A at a line start mid-sentence
            # is the OCR's capital for ö/å/ä, not a capitalised word
            text_out = pick.text[:1].lower() + pick.text[1:]
        return text_out

    def _after_sentence_opener(self, text: str, toks: list[_Token], i: int) -> bool:
        """The word before opens a sentence after another one (running text, not
        a title: "Projekt Öst-västliga stråket") and is a common word, not a name:
        "… 2025. Avdelningen Oppnade den …" is mid-sentence for the word after it."""
        if i < 2 or _opens_sentence(text, toks, i):
            return False
        prev = toks[i - 1][2]
        if not (prev[:1].isupper() and prev[1:].islower() and prev.isalpha()):
            return False
        gap = text[toks[i - 2][1] : toks[i - 1][0]]
        if not _FULL_STOP_GAP.match(gap):
            return False  # after a blank line, not a full stop: a title
        lower = prev.lower()
        lex = self.lexicon
        cost = lex.cost(lower)
        if lower.isascii():
            # the opener as printed, its å/ä/ö lost: "Darmed Okar betydelsen" (Därmed)
            cost = min((c for _w, c in lex.spellings(lower)), default=cost)
        return lex.proper_name(lower) is None and (cost or 999) <= COMMON_WORD_COST


_PIPE = (Candidate("i", "I", 0.0),)
_PIPE_SMALL = (Candidate("i", "i", 0.0),)


def _pipe(text: str, toks: list[_Token], i: int) -> tuple[Candidate, ...]:
    """The "|" the OCR reads for I: a capital opening a sentence, else the small
    preposition between two words ("Mo | Rana" = Mo i Rana)."""
    if _opens_sentence(text, toks, i) or i + 1 >= len(toks) or len(toks[i - 1][2]) < 2:
        return _PIPE  # also after a bullet read as a letter: "e | oktober 2025"
    return _PIPE_SMALL


def _short_capitals_in_capitals(toks: list[_Token]) -> list[int]:
    """Short all-capital tokens standing between long all-capital words (a heading)."""
    out = []
    n = len(toks)
    for i, (_s, _e, t) in enumerate(toks):
        if len(t) <= 4 and t.isupper() and t.isalpha():
            near = [toks[j][2] for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < n]
            long_caps = [w for w in near if len(w) >= 5 and w.isupper() and w.isalpha()]
            if len(long_caps) >= 1 and all(w.isupper() for w in near if w.isalpha()):
                out.append(i)
    return out


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of URLs, e-mail addresses and domain names in ``text``."""
    spans: list[tuple[int, int]] = []
    done = -1
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < done:
            continue
        line_start = text.rfind("\n", 0, anchor.start()) + 1
        line_end = text.find("\n", anchor.end())
        if line_end == -1:
            line_end = len(text)
        spans.extend(m.span() for m in PROTECTED.finditer(text, line_start, line_end))
        done = line_end
    return spans


def _add_missing_spaces(text: str) -> str:
    if ACRONYM_GLUE.search(text):
        text = ACRONYM_GLUE.sub(r"\1 ", text)  # "(DTR)ar ett projekt": "(DTR) är"
    if DIGIT_FOR_I.search(text):
        text = DIGIT_FOR_I.sub(r"\1I ", text)  # "1 och med att" opening a sentence
    if "sidan" in text and ON_ONE_SIDE.search(text):
        text = ON_ONE_SIDE.sub("å ", text)
    if "(1" in text and DIGIT_ACRONYM.search(text):
        text = DIGIT_ACRONYM.sub(_acronym_i, text)
    if not MISSING_SPACE.search(text):
        return text
    pieces = []
    pos = 0
    for a, b in protected_spans(text):
        pieces.append(MISSING_SPACE.sub(". ", text[pos:a]))
        pieces.append(text[a:b])
        pos = b
    pieces.append(MISSING_SPACE.sub(". ", text[pos:]))
    return "".join(pieces)


def _after_name_genitive(text: str, toks: list[_Token], i: int) -> bool:
    """The token follows a capitalised genitive in the same sentence (the caller asks
    that it be a place's): "Västerbottens Ian" (län), before its noun, not a name."""
    if i == 0 or _opens_sentence(text, toks, i):
        return False
    prev = toks[i - 1][2]
    return (
        len(prev) >= 4
        and prev[:1].isupper()
        and prev[1:].islower()
        and prev.endswith("s")
        and text[toks[i - 1][1] : toks[i][0]] == " "
    )


def _acronym_i(m: re.Match) -> str:
    """The acronym "(13)" as "(I3)" when exactly that many capitalised I-words stand before it."""
    if len(m.group(1).split()) != int(m.group(2)):
        return m.group(0)
    return f"{m.group(1)}(I{m.group(2)})"


def _assemble(text: str, choices: list[tuple[_Token, str]], start: int, end: int) -> str:
    out: list[str] = []
    pos = start
    for tok, new in choices:
        if tok[1] <= start or tok[0] >= end:
            continue
        out.append(text[pos : tok[0]])
        out.append(new)
        pos = tok[1]
    out.append(text[pos:end])
    return "".join(out)


def _left_context(
    text: str, toks: list[_Token], chosen: list[str], i: int, far: bool = False
) -> context.Side:
    words: list[str] = []
    raw: list[str] = []
    boundary = False
    j = i
    most = LEFT_CLAUSE if far else 2
    while len(words) < most:
        if j == 0:
            boundary = boundary or not words
            break
        gap = text[toks[j - 1][1] : toks[j][0]]
        if (
            gap not in _PLAIN_GAPS
            and _SENTENCE_END.search(gap)
            and not (gap.startswith(". ") and toks[j - 1][2].lower() in ABBREVIATIONS)
        ):
            boundary = boundary or not words
            break
        words.append(chosen[j - 1].rsplit(" ", 1)[-1])
        raw.append(toks[j - 1][2])
        j -= 1
    gap = text[toks[i - 1][1] : toks[i][0]] if i else ""
    return context.Side(tuple(words[:2]), boundary, gap, tuple(raw[:2]), tuple(words))


def _right_context(text, toks, cands, i: int, n: int, far: bool = False) -> context.Side:
    words: list[str] = []
    raw: list[str] = []
    boundary = False
    j = i
    most = LEFT_CLAUSE if far else 2
    while len(words) < most:
        if j + 1 >= n:
            boundary = boundary or not words
            break
        gap = text[toks[j][1] : toks[j + 1][0]]
        if gap not in _PLAIN_GAPS and _SENTENCE_END.search(gap):
            boundary = boundary or not words
            break
        nxt = cands[j + 1]
        words.append(nxt[0].word.split(" ", 1)[0] if nxt else toks[j + 1][2].lower())
        raw.append(toks[j + 1][2])
        j += 1
    gap = text[toks[i][1] : toks[i + 1][0]] if i + 1 < n else ""
    return context.Side(tuple(words[:2]), boundary, gap, tuple(raw[:2]), tuple(words))


def _opens_sentence(text: str, toks: list[_Token], i: int) -> bool:
    """The token opens a sentence: first in the text, or after . ! ? or a blank line."""
    if i == 0:
        return not text[: toks[0][0]].strip(" \t\n•-–")
    return bool(_OPENS_SENTENCE.search(text[toks[i - 1][1] : toks[i][0]]))


_default_lock = threading.Lock()
_default: Repairer | None = None


def get_repairer() -> Repairer:
    """The shared :class:`Repairer` (its lexicon loads on first use)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Repairer()
    return _default


def repair_text(text: str) -> str:
    """Repair OCR damage in Swedish ``text`` word by word; lines are kept.

    See :mod:`resultat.core.ocr` for what is repaired.
    """
    return get_repairer().repair_text(text)


def repair_word(word: str, left: str = "", right: str = "") -> str:
    """Repair one word; ``left``/``right`` are the text around it, for context."""
    return get_repairer().repair_word(word, left, right)
