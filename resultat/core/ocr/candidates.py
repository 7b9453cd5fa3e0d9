"""Context-free analysis of one OCR token: which Swedish words could it have been?

A token is a run of letters, digits and the symbols OCR puts in place of
å/ä/ö (``& @ | [ ¢``). Its analysis is a short list of :class:`Candidate`
spellings, each with a score: the log10 of (word frequency × probability that
the OCR turned that word into this token). The context step
(:mod:`resultat.core.ocr.context`) may then move the scores before one is
chosen.

How a token is read, in order:

1. *Symbol readings.* Characters that are never part of a Swedish word are
   replaced: ``6``/``0``/``¢`` → ö; ``I6 l6 16 |6 |0`` → lö; ``&`` ``@``
   ``3`` ``4`` → ä or å; ``é`` → ö, ä or a genuine é; ``[``, a leading ``1`` or
   ``|`` → l. Every combination (at most :data:`MAX_READINGS`) is a reading.
2. *Diacritic restoration.* Every known word whose skeleton (å/ä→a, ö→o)
   equals the reading's is a candidate. A restored å/ä/ö costs
   ``log10(p_strip)``, the document's estimated probability that a diacritic
   was lost.
3. *Letter confusions*, only when 1–2 found nothing common: ``d`` read for
   ä, å or ö; ``i``, ``ia``, ``ii``, ``di``, ``id``, ``ad``, ``ai`` for ä;
   ``do``/``od`` for ö; a leading capital ``I`` for l.
4. *Inflection and compounds*, only for unknown words: a known stem plus an
   ending ("prioriteringarnas"), or one or two first parts plus a head
   ("utvecklings|nämndens"), each part restored on its own; with a misread
   letter inside when nothing else works ("omvdrlds|bevakning"). A first part
   with several spellings is weighed by how many compounds it starts ("tåg|…").
   Then a dropped å/ä/ö ("synliggrande").
5. *Glued words:* ``ilanet`` → ``i länet``, ``somi`` → ``som i``,
   ``paen`` → ``på en``, ``|arbetet`` → ``I arbetet``.

Word probabilities mix wordfreq (70 %) with the domain text's frequencies
(30 %, from the context model) when the domain text has the word.

Tokens the lexicon cannot explain are left exactly as they were.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import product

from resultat.core.ocr.lexicon import FOLD as FOLD_TABLE
from resultat.core.ocr.lexicon import PROPER_NAME_COST, Lexicon, fold

#: The analyser forgets its caches when this many distinct tokens are cached.
MAX_CACHED_TOKENS = 200_000
#: Cap on the number of symbol readings tried for one token.
MAX_READINGS = 48

# Penalties (log10) of the rarer analyses.
#: Each letter read as another letter (d→ä, i→ä, I→l).
LETTER_CONFUSION = -2.5
#: An å/ä/ö the OCR dropped altogether ("synliggrande").
LOST_LETTER = -3.0
#: An extra letter the OCR added beside a symbol ("besbéksnaringen" = besöksnäringen).
EXTRA_LETTER = -3.0
#: ... tried in damaged words of at least this many letters that nothing else explained.
EXTRA_LETTER_MIN = 10
#: Each join in a compound.
COMPOUND_JOIN = -1.0
#: Reading a first part as a word plus linking -s rather than as a word
#: ending in s ("gräns", not "gran" + s); only this choice, not the compound.
LINKING_S = -0.2
#: A long first part (more letters than this) may be rarer: "utskrivning|s|process".
LONG_PART = 10
LONG_PART_COST = 750
#: A rare first part (up to this cost, this long) of a long compound nothing else explained.
RARE_PART_COST = 800
RARE_PART_MIN = 7
RARE_PART_MIN_WORD = 14
#: An agent noun in -are made from a known verb ("höj|are"), as a compound's head.
AGENT_NOUN = -2.0
_AGENT_ENDINGS = ("arens", "arnas", "aren", "arna", "ares", "are")
#: Spellings that follow a glued preposition rather than their rivals: "i våra", not
#: the infinitive "i vara".
_AFTER_PREPOSITION = frozenset("våra vår vårt".split())
#: Names of the gazetteer are matched letter for letter (but for å/ä/ö) from this length.
NAME_MATCH_MIN = 8
#: A t is tried as ö ("bestkare") when the best reading is at most this likely (cost).
T_FOR_O_TRIGGER = 1000
#: Words this long (no a/o) that are a known word plus an ending are kept as printed.
KNOWN_INFLECTION_MIN = 8
#: Common words that the OCR's i for ä makes of other common words, told apart by
#: grammar only (context._cross_rules): the possessive "sitt" and the noun "sätt".
_REAL_WORD_TWINS = {"sitt": "sätt"}
#: Endings of agent nouns in -ör ("initiatör", "arrangörer") of verbs in -era.
_ERA_AGENT_ENDINGS = ("örernas", "örerna", "örens", "örer", "ören", "örs", "ör")
#: Splitting a glued preposition or two glued words apart.
GLUED_I = -3.0
#: A word with "i" glued after it is split only when the word is at most this rare
#: ("rolli att göra" = roll i; 450 since the ninth round, was 350).
GLUED_BEFORE_I_COST = 450

# When the rarer analyses run: when the best candidate so far is rarer than a
# cost (centibels, see lexicon.py; -99 as a score means "no candidate").
#: Letter confusions, for words of up to five letters (always for 2–3-letter
#: words with d or i: "dr" is "är") ...
LETTER_TRIGGER_COST = 450
#: ... and for longer words, which would need a very common alternative.
LETTER_TRIGGER_COST_LONG = 600
#: Inflection and compounds.
COMPOUND_TRIGGER_COST = 850
#: A compound with a misread letter inside, when nothing else was found.
LETTER_COMPOUND_TRIGGER = 1200
#: A compound scoring below this (log10) may still be a misread letter inside one.
WEAK_COMPOUND = -16.5
#: A dropped å/ä/ö ("synliggrande"), when nothing else was found.
LOST_LETTER_TRIGGER = 850
#: First parts of a compound that place or count counties ("norrlänen", "fyrlänen").
_COUNTY_PARTS = frozenset("norr söder syd väst öst fyr två tre fem sex sju åtta nio tio".split())
#: A dropped å/ä/ö in a word of five or six letters gives a word at most this rare.
SHORT_LOST_COST = 600
#: A glued preposition ("ilanet").
GLUED_TRIGGER_COST = 500
#: Two common words run together ("paen" = "på en"), in tokens this short.
SPLIT_TRIGGER_COST = 600
MAX_SPLIT_LENGTH = 10

# How rare the words found by those analyses may be (cost).
#: A word found through a misread letter.
LETTER_WORD_COST = 760
#: A whole unknown word read as a known stem plus an ending ("orkestrera|nde").
INFLECTED_WORD_COST = 800
#: A first part of a compound, and the last part.
PART_COST = 650
FINAL_PART_COST = 700
#: A word of a two-word split.
SPLIT_PART_COST = 300
#: A first part this common is not split further into two parts.
TWO_PART_PREFIX_COST = 550
#: A linking-s reading ("behov" + s) beats a passive verb ("behövs", of
#: "behöva") when its stem is at least this common.
LINKED_STEM_COST = 550
#: Words with å/ä/ö may be this much rarer than a limit says: a rare word with
#: diacritics is real, a rare plain one is often a stripped spelling.
DIACRITIC_COST_SLACK = 60
#: The compound analysis stops after this many heads that fit (longest first) ...
MAX_HEADS = 3
#: Heads of this many letters get their rival spellings offered ("driftsätts"/"driftsatts"),
#: when both are words at most this rare.
HEAD_RIVAL_MIN = 4
HEAD_RIVAL_MAX = 6
HEAD_RIVAL_COST = 650
#: ... and only looks at heads at most this much shorter than the longest.
HEAD_WINDOW = 5

#: Words that are never a part of a compound: they would otherwise win over the
#: noun of the same skeleton ("knappval" is not knapp + väl).
NOT_PARTS = frozenset(
    "väl än så då här där är på från åt nåt nån sån bör får går når hör gör få gå nå må "
    "vår våra även också både ända ändå sä nä ät tänk äter ände".split()
)
#: ... and words that are not the last part ("socialtjänstlag", not -låg).
NOT_HEADS = NOT_PARTS | frozenset(["låg"])

_DIA = "åäö"
_VOWELS = frozenset("aeiouyåäöé")
#: An English word is left alone unless Swedish has it as it stands at most this rare.
ENGLISH_SWEDISH_COST = 600


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible reading of a token.

    ``word`` is the lower-case spelling (it may hold a space after splitting a
    glued "i"); ``text`` is the spelling cased like the token; ``score`` is a
    log10 probability.
    """

    word: str
    text: str
    score: float


# --- case -------------------------------------------------------------------


def case_pattern(letters: str) -> str:
    """'lower', 'title', 'upper' or 'mixed' for the letters of a token."""
    if not letters:
        return "lower"
    if letters.islower():
        return "lower"
    if letters.isupper():
        return "upper" if len(letters) > 1 else "title"
    if letters[0].isupper() and letters[1:].islower():
        return "title"
    return "mixed"


def apply_case(word: str, pattern: str) -> str:
    if pattern == "upper":
        return word.upper()
    if pattern == "title":
        return word[:1].upper() + word[1:]
    return word


# --- symbol readings ----------------------------------------------------------

# (pattern, replacements with log10 penalty). At each position the first
# pattern that matches wins; a multi-character pattern lists the readings of
# its characters taken one by one as well.
_SYMBOL_RULES: list[tuple[re.Pattern[str], tuple[tuple[str, float], ...]]] = [
    (re.compile(r"[Il1|]16|[Il1|]6|16|\|0|[Il]0(?=[a-zåäö])"), (("lö", 0.0),)),
    (re.compile(r"[oO]é|é6|6é|[oO]6|6o|é¢|oO"), (("ö", 0.0),)),
    # the OCR's readings of the ö in "möjlig": "maojligheter", "moijligheter",
    # "majlighet", "mgjliga"
    (re.compile(r"(?<=m)(?:ao|oi|a|g)(?=jlig)"), (("ö", 0.0),)),
    # "gör" read as "gbr"/"gobr": "frigbra", "utgbr", "gobra"
    (re.compile(r"(?<=g)o?b[é6]?(?=r)"), (("ö", 0.0), ("ob", -1.0), ("b", -1.0))),
    # "ll" read as "li" before -ning: "omstélining", "energiomstalining"
    (re.compile(r"li(?=ning)"), (("ll", 0.0), ("li", -0.5))),
    # a capital G inside a lower-case word for ö: "besGksndring"
    (re.compile(r"(?<=[a-zåäö])G(?=[a-zåäö])"), (("ö", 0.0),)),
    # a leading G read for Ö: no Swedish word starts with "gv" ("Gvergripande")
    (re.compile(r"^[Gg](?=v[a-zåäöé])"), (("ö", 0.0),)),
    # "rj" read as "ri" after é: "kompetensférsérining" (försörjning)
    (re.compile(r"éri(?=ning)"), (("örj", 0.0), ("öri", -0.5), ("äri", -0.8))),
    # "där" read as "dér" (a word of its own) and "déar": the é and the a are one ä
    (re.compile(r"^dér$"), (("där", 0.0), ("dör", -0.5))),
    (re.compile(r"déa"), (("dä", 0.0), ("öa", -0.5), ("däa", -0.8))),
    (re.compile(r"dé"), (("ö", 0.0), ("ä", -0.2), ("dö", -0.3), ("dä", -0.6), ("dé", -0.8))),
    (re.compile(r"éd"), (("ö", 0.0), ("ä", -0.2), ("öd", -0.3), ("äd", -0.6), ("éd", -0.8))),
    # é with a letter beside it for one ä: "Véasterbotten", "samhaélle", "hiélsa", "géillande"
    (re.compile(r"éa"), (("ä", 0.0), ("å", -0.5), ("öa", -0.5), ("äa", -0.8), ("éa", -0.8))),
    (re.compile(r"aé"), (("ä", 0.0), ("aö", -0.5), ("aä", -0.8), ("aé", -0.8))),
    (re.compile(r"ié"), (("ä", 0.0), ("iö", -0.5), ("iä", -0.8), ("ié", -0.8))),
    (re.compile(r"éi"), (("ä", 0.0), ("öi", -0.5), ("äi", -0.8), ("éi", -0.8))),
    (re.compile(r"&d"), (("ä", 0.0), ("äd", -0.3), ("åd", -0.5))),
    # é or a with & for one ä: "som é&r", "ESUDA a&r"
    (re.compile(r"é&|a&(?=r\b)|&é"), (("ä", 0.0),)),
    (re.compile(r"6|¢"), (("ö", 0.0),)),
    (re.compile(r"(?<=[a-zåäöé])0(?=[a-zåäöé])|^0(?=[a-zåäöé]{2})"), (("ö", -0.3),)),
    (re.compile(r"3a"), (("å", -0.3), ("åa", -0.6), ("äa", -0.6))),
    (re.compile(r"&|@"), (("ä", 0.0), ("å", -0.2))),
    (re.compile(r"3|4"), (("å", 0.0), ("ä", 0.0))),
    (re.compile(r"é"), (("ö", 0.0), ("ä", -0.3), ("é", -0.5))),
    (re.compile(r"l\[|\[(?=[a-zåäö])"), (("l", 0.0),)),
    (re.compile(r"^[1|](?=[a-zåäöé&@3])"), (("l", 0.0),)),
]

#: An acronym with a small l for its I: two capitals or more and one l ("RFl", "CEl";
#: "Al" and "Bl" alone are in the gazetteer's fixes).
_ACRONYM_L = re.compile(r"[A-ZÅÄÖ]{2,}l[A-ZÅÄÖ]*|[A-ZÅÄÖ]l[A-ZÅÄÖ]+")
#: ... also before a small tail: "AlMday" = AIMday (only the l between capitals).
_ACRONYM_L_TAIL = re.compile(r"[A-ZÅÄÖ]l[A-ZÅÄÖ]+[a-zåäö]+")
_L_AMONG_CAPITALS = re.compile(r"(?<=[A-ZÅÄÖ])l(?=[A-ZÅÄÖ])")
#: A capital after a small letter: names and acronyms in mixed case ("FaR", "NorthPop").
_INNER_CAPITAL = re.compile(r"[a-zåäöé][A-ZÅÄÖ]")

_SYMBOLS = re.compile(
    r"[0-9&@|\[¢é]|oO|^[Gg]v[a-zåäöé]|m(?:ao|oi|a|g)jlig|go?b[é6]?r|lining|[a-zåäö]G[a-zåäö]"
)


def symbol_readings(token: str) -> list[tuple[str, str, float]]:
    """Readings of a token with symbols replaced: (lower-case reading, case, penalty).

    The case pattern is taken from the token's own letters, not counting the
    characters a rule consumed (so "I6sningar" is lower case).
    """
    if not _SYMBOLS.search(token):
        return [(token.lower(), case_pattern(token), 0.0)]
    segments: list[tuple[tuple[str, float], ...]] = []
    kept: list[str] = []
    i = 0
    n = len(token)
    literal: list[str] = []
    while i < n:
        for pattern, options in _SYMBOL_RULES:
            m = pattern.match(token, i)
            if m and m.end() > i:
                if literal:
                    segments.append(((("".join(literal)).lower(), 0.0),))
                    literal = []
                segments.append(options)
                i = m.end()
                break
        else:
            ch = token[i]
            literal.append(ch)
            if ch.isalpha() and ch != "é":
                kept.append(ch)
            i += 1
    if literal:
        segments.append(((("".join(literal)).lower(), 0.0),))
    pattern = case_pattern("".join(kept))
    out: list[tuple[str, str, float]] = []
    for combo in product(*segments):
        out.append(("".join(s for s, _ in combo), pattern, sum(p for _, p in combo)))
        if len(out) >= MAX_READINGS:
            break
    out.sort(key=lambda r: -r[2])
    return out


# --- letter confusions ----------------------------------------------------------

_LETTER_OPTIONS = {
    "ia": ("ä",),
    "ii": ("ä",),
    "di": ("ä",),
    "id": ("ä",),
    "da": ("ä",),
    "ad": ("ä", "å"),
    "ai": ("ä",),
    "do": ("ö",),
    "od": ("ö",),
    "no": ("ö",),
    "d": ("ä", "å", "ö"),
    "i": ("ä",),
}


def letter_readings(reading: str, single: bool = False) -> list[tuple[str, float]]:
    """Readings with one or two letters taken as a misread å/ä/ö.

    d → ä/å/ö, i → ä, and ia/ii/di/da/ad → ä ("ldnet", "Visterbotten",
    "Viasterbotten", "adven").
    """
    spots = set()
    for pat in ("ia", "ii", "di", "id", "da", "ad", "ai", "do", "od", "no"):
        start = reading.find(pat)
        while start != -1:
            spots.add((start, start + 2, pat))
            start = reading.find(pat, start + 1)
    for k, ch in enumerate(reading):
        if ch in "di":
            spots.add((k, k + 1, ch))
    # "di"/"id" for one ä inside a word, not opening a short one: "dir" is "där", not "är"
    spots = {sp for sp in spots if not (sp[0] == 0 and sp[2] in ("di", "id") and len(reading) <= 4)}
    ordered = sorted(spots)
    out: list[tuple[str, float]] = []
    for a, (s, e, g) in enumerate(ordered):
        for rep in _LETTER_OPTIONS[g]:
            out.append((reading[:s] + rep + reading[e:], LETTER_CONFUSION))
        if g == "da" and (s >= 3 and e == len(reading) or s >= 1 and len(reading) >= 6):
            # "Skellefteda", "Umeda", "omrdadet", "sdasom": da for å
            out.append((reading[:s] + "å" + reading[e:], LETTER_CONFUSION))
        if single:
            continue
        for s2, e2, g2 in ordered[a + 1 :]:
            if s2 < e:
                continue
            for rep in _LETTER_OPTIONS[g]:
                for rep2 in _LETTER_OPTIONS[g2]:
                    out.append(
                        (
                            reading[:s] + rep + reading[e:s2] + rep2 + reading[e2:],
                            2 * LETTER_CONFUSION,
                        )
                    )
    return out[:80]


#: Inflection endings tried on an unknown word whose stem is known.
INFLECTIONS = tuple(
    sorted(
        """s n t a e r en et na ar er or ns ts ens ets nas arna erna orna
        arnas ernas ornas de te ade ande ende nde ndes ades ats as are ares""".split(),
        key=len,
        reverse=True,
    )
)
_INFLECTIONS_BY_LENGTH = tuple(
    (length, frozenset(x for x in INFLECTIONS if len(x) == length))
    for length in sorted({len(x) for x in INFLECTIONS}, reverse=True)
)
#: log10 penalty for an inflected form of a known stem (vs. the stem).
INFLECTION = -0.7


# --- the analyser ---------------------------------------------------------------


def _consistent(candidate: str, reading: str) -> bool:
    """A candidate keeps every å/ä/ö/é the reading already has."""
    for c, r in zip(candidate, reading):
        if r in "åäöé" and c != r:
            return False
    return True


#: Share of the domain text's word frequencies in a word's probability: a word
#: the domain uses a lot ("öka", "stärka", "delprioritering") outweighs a word
#: wordfreq's mostly spoken and online sources prefer ("åka", "starka").
DOMAIN_WEIGHT = 0.3
_GENERAL = math.log10(1 - DOMAIN_WEIGHT)


def _logp(cost: int, domain_freq: float) -> float:
    """log10 of the mixed probability of a word: wordfreq and the domain text."""
    return math.log10((1 - DOMAIN_WEIGHT) * 10 ** (-cost / 100) + DOMAIN_WEIGHT * domain_freq)


def _n_dia(word: str) -> int:
    return sum(1 for ch in word if ch in _DIA)


def _restored(candidate: str, reading: str) -> int:
    if candidate == reading:
        return 0
    return sum(1 for c, r in zip(candidate, reading) if c in _DIA and r not in _DIA)


class _Scored:
    """The candidate spellings found so far: word -> (score, case pattern), best kept."""

    __slots__ = ("words",)

    def __init__(self):
        self.words: dict[str, tuple[float, str]] = {}

    def add(self, word: str, score: float, pattern: str) -> None:
        old = self.words.get(word)
        if old is None or score > old[0]:
            self.words[word] = (score, pattern)

    def top(self) -> float:
        """The best score so far; -99 when nothing was found."""
        return max((s for s, _ in self.words.values()), default=-99.0)


class Analyser:
    """Turns tokens into candidate lists; one per document (it holds ``p_strip``).

    Results are cached per token, so a word that occurs a hundred times is
    analysed once.
    """

    def __init__(self, lexicon: Lexicon, p_strip: float, domain: dict[str, float] | None = None):
        self.lexicon = lexicon
        self.domain = domain or {}
        self.p_strip = p_strip
        self.log_strip = math.log10(p_strip)
        self._costs = lexicon.costs
        self._variants = lexicon.variants
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._part_cache: dict[str, tuple[str, float] | None] = {}
        self._head_part_cache: dict[str, tuple[str, float] | None] = {}
        self._head_cache: dict[str, tuple[str, float] | None] = {}
        self._prefix_cache: dict[str, tuple[str, float, int] | None] = {}
        self._best_cache: dict[tuple[int, int], dict[str, tuple[str, float] | None]] = {}
        self._name_index: dict[tuple, dict[str, str]] | None = None

    # spelled readings -------------------------------------------------------
    def _spell(self, reading: str, penalty: float, max_cost: int = 9999) -> list[tuple[str, float]]:
        """Known words for one reading with their scores (no case yet)."""
        if reading.isascii():
            sk = reading
            fixed = False
        else:
            sk = reading.translate(FOLD_TABLE)
            fixed = sk != reading
        out = []
        costs = self._costs
        c = costs.get(sk)
        domain = self.domain
        if c is not None and c <= max_cost and not fixed and sk.isalpha():
            d = domain.get(sk)
            out.append((sk, (_logp(c, d) if d else -c / 100 + _GENERAL) + penalty))
        max_dia = max_cost + DIACRITIC_COST_SLACK
        for word in self._variants.get(sk, ()):
            c = costs[word]
            if c > max_dia or (fixed and not _consistent(word, reading)):
                continue
            d = domain.get(word)
            base = _logp(c, d) if d else -c / 100 + _GENERAL
            out.append((word, base + penalty + self.log_strip * _restored(word, reading)))
        return out

    def _best(
        self, reading: str, max_cost: int, exclude: frozenset[str] = frozenset()
    ) -> tuple[str, float] | None:
        """The most likely known word for a reading (no damage penalty), cached.

        Words in ``exclude`` are passed over (for compound parts: "väl", "nåt").
        """
        key = (max_cost, id(exclude))
        cache = self._best_cache.get(key)
        if cache is None:
            cache = self._best_cache[key] = {}
        try:
            return cache[reading]
        except KeyError:
            pass
        sk = reading if reading.isascii() else reading.translate(FOLD_TABLE)
        if sk not in self._costs and sk not in self._variants:
            cache[reading] = None  # the common case: no such word
            return None
        best = None
        for word, score in self._spell(reading, 0.0, max_cost):
            if word in exclude:
                continue
            if best is None or score > best[1]:
                best = (word, score)
        cache[reading] = best
        return best

    def _inflected(self, reading: str, max_cost: int) -> tuple[str, float] | None:
        """A known stem plus an inflection ending: "prioriteringarnas"."""
        best = None
        n = len(reading)
        for length, suffixes in _INFLECTIONS_BY_LENGTH:
            if n - length < 3 or reading[n - length :] not in suffixes:
                continue
            stem = self._best(reading[: n - length], max_cost, NOT_PARTS)
            if stem is not None:
                score = stem[1] + INFLECTION - 0.8 * length
                if best is None or score > best[1]:
                    best = (stem[0] + reading[n - length :], score)
        return best

    def _part(self, part: str, final: bool) -> tuple[str, float] | None:
        """Best spelling of a compound part (a reading fragment), or None.

        A first part may be a word, a word plus linking -s ("behovs"), a word
        without its final -a/-e ("skol" of skola) or with -a changed to
        -e/-o/-u ("styrke" of styrka). Function words and adverbs ("väl",
        "får", "nåt") are not parts.
        """
        cache = self._head_part_cache if final else self._part_cache
        try:
            return cache[part]
        except KeyError:
            pass
        best: tuple[str, float] | None = None
        if final:
            best = self._head(part)
        else:
            best = self._modifier(part)
            if part[-1] == "s" and len(part) > 4:
                limit = PART_COST if len(part) <= LONG_PART else LONG_PART_COST
                linked = self._best(part[:-1], limit, NOT_PARTS)
                if linked is not None and (
                    best is None
                    or linked[1] + LINKING_S > best[1]
                    or (
                        # "behovs" (behov + s), not the passive "behövs" (of behöva)
                        _n_dia(linked[0]) < _n_dia(best[0])
                        and linked[1] > -LINKED_STEM_COST / 100
                        and self._costs.get(best[0][:-1] + "a", 999) <= PART_COST
                    )
                ):
                    best = (linked[0] + "s", linked[1])
            if len(part) >= 4:
                for vowel in "ae":  # drop-vowel forms: "skol" of "skola"
                    full = self._best(part + vowel, PART_COST, NOT_PARTS)
                    if full is not None and full[0][:-1] in NOT_PARTS:
                        continue
                    if full is not None and (best is None or full[1] - 0.5 > best[1]):
                        best = (full[0][:-1], full[1] - 0.5)
                if part[-1] in "eou":  # "styrke" of "styrka", "gatu" of "gata"
                    full = self._best(part[:-1] + "a", PART_COST, NOT_PARTS)
                    if full is not None and (best is None or full[1] - 0.5 > best[1]):
                        best = (full[0][:-1] + part[-1], full[1] - 0.5)
        cache[part] = best
        return best

    def _modifier(self, part: str) -> tuple[str, float] | None:
        """The best spelling of a compound's first part as it stands.

        When the part has several spellings ("tag", "tåg"), each is weighed by
        how many known compounds it starts (:meth:`Lexicon.modifier_count`):
        "tåg" starts many, "tag" hardly any, so "taginfrastruktur" is
        "tåginfrastruktur" although "tag" is the commoner word.
        """
        limit = PART_COST if len(part) <= LONG_PART else LONG_PART_COST
        spellings = [(w, sc) for w, sc in self._spell(part, 0.0, limit) if w not in NOT_PARTS]
        if len(spellings) < 2:
            return spellings[0] if spellings else None
        counts = [self.lexicon.modifier_count(w) + 1 for w, _ in spellings]
        most = max(counts)
        return max(
            ((w, sc + math.log10(n / most)) for (w, sc), n in zip(spellings, counts)),
            key=lambda x: x[1],
        )

    def _prefix(self, reading: str) -> tuple[str, float, int] | None:
        """The first part(s) of a compound: one or two known parts."""
        try:
            return self._prefix_cache[reading]
        except KeyError:
            pass
        best = None
        one = self._part(reading, False)
        if one is not None:
            best = (one[0], one[1], 1)
            if one[1] > -TWO_PART_PREFIX_COST / 100:
                self._prefix_cache[reading] = best
                return best  # a common word: no need to look for two parts
        n = len(reading)
        for k in range(3, n - 2):
            first = self._part(reading[:k], False)
            if first is None:
                continue
            second = self._part(reading[k:], False)
            if second is None:
                continue
            score = first[1] + second[1] + COMPOUND_JOIN
            if best is None or score > best[1]:
                best = (first[0] + second[0], score, 2)
        self._prefix_cache[reading] = best
        return best

    def _compound(self, reading: str, penalty: float) -> tuple[str, float] | None:
        """Best analysis as a compound: one or two first parts and a head.

        Heads are tried longest first; inflected heads ("…nämndens") only when
        no head is a word as it stands.
        """
        n = len(reading)
        if n < 6 or not reading.isalpha():
            return None
        return self._compound_pass(reading, penalty)

    def _compound_pass(self, reading: str, penalty: float):
        n = len(reading)
        best = None
        found = 0
        stop = n - 2
        head_of = self._head
        first = None

        j = 3
        while j < stop:
            head = head_of(reading[j:])
            if reading[j - 1] == reading[j - 2] and reading[j - 1] not in _VOWELS:
                # three equal consonants written as two: "process|stöd" is "processtöd"
                shared = head_of(reading[j - 1 :])
                if shared is not None and (head is None or shared[1] > head[1]):
                    head = (shared[0][1:], shared[1])
            if head is not None:
                if first is None:
                    first = j
                # past the window of the first head, when it held no split, a later
                # head with a single known first part: "desti|nationsnivå" has none,
                # "destinations|nivå" is the split ("konjunktursamman|häng" is not)
                late = j >= first + HEAD_WINDOW
                if late:  # one known first part only (no two-part search: cheaper)
                    one = self._part(reading[:j], False)
                    pre = (one[0], one[1], 1) if one is not None else None
                else:
                    pre = self._prefix(reading[:j])
                if pre is not None:
                    head = self._head_for_first_part(pre[0], reading[j:], head)
                    if not found:
                        stop = min(stop, (j if late else first) + HEAD_WINDOW)
                    score = pre[1] + head[1] + COMPOUND_JOIN * pre[2] + penalty
                    if best is None or score > best[1]:
                        best = (pre[0] + head[0], score)
                    found += 1
                    if found >= MAX_HEADS:
                        break
            j += 1
        if n >= 8 and reading.endswith("sar") and self._costs.get("år"):
            # "år" as a head after a linking s: "uppstartsar" = uppstartsår (heads
            # are three letters at least above)
            pre = self._prefix(reading[:-3])
            year = next((sc for w, sc in self._spell("ar", 0.0) if w == "år"), None)
            if pre is not None and year is not None:
                score = pre[1] + year + COMPOUND_JOIN * (pre[2] + 1) + penalty
                if best is None or score > best[1]:
                    best = (pre[0] + "sår", score)
        return best

    def _head_for_first_part(
        self, pre: str, part: str, head: tuple[str, float]
    ) -> tuple[str, float]:
        """The suffix -skap, not the head "skåp", after a person noun in -are
        ("arbetsgivar|skapet" of arbetsgivare, as "ledarskap", "ägarskap"): the suffix
        makes the abstract noun of a person; cupboards are "kyl|skåp", "kläd|skåp".
        And "län", not "lån", after a point of the compass or a number's first part
        ("norr|länen", "fyr|länen": counties are counted and placed, loans are not)."""
        if head[0].startswith("lån") and part.startswith("lan") and pre in _COUNTY_PARTS:
            return ("län" + head[0][3:], head[1])
        if not (head[0].startswith("skåp") and part.startswith("skap")):
            return head
        if len(pre) < 4 or not pre.endswith("ar"):
            return head
        if not self.lexicon.is_word(pre + "e", PART_COST):
            return head
        return ("skap" + head[0][4:], head[1])

    def _head_rivals(self, word: str) -> list[tuple[str, float]]:
        """The compound ``word`` with its head spelt another way the lexicon knows,
        and the score difference: "driftsätts" also as "driftsatts", so that the
        context can choose ("har … driftsatts"), as it does for simple words."""
        out = []
        for size in range(HEAD_RIVAL_MIN, min(len(word) - 3, HEAD_RIVAL_MAX) + 1):
            head = word[-size:]
            if fold(head) == head and not any(ch in head for ch in _DIA):
                continue
            spelt = dict(self._spell(fold(head), 0.0, HEAD_RIVAL_COST))
            if head not in spelt or len(spelt) < 2:
                continue
            for alt, score in spelt.items():
                if alt != head and score <= spelt[head]:
                    # never above the head the analysis chose: only the context lifts it
                    out.append((word[:-size] + alt, score - spelt[head]))
            break
        return out

    def _head(self, part: str) -> tuple[str, float] | None:
        """A compound's last part: a word, or an inflected form of one."""
        try:
            return self._head_cache[part]
        except KeyError:
            pass
        limit = FINAL_PART_COST if len(part) < LONG_PART else LONG_PART_COST
        got = self._best(part, limit, NOT_HEADS)
        if got is None and len(part) > 4:
            got = self._inflected(part, FINAL_PART_COST)
        if len(part) >= 6:
            agent = self._agent_noun(part)
            if agent is not None and (got is None or agent[1] > got[1]):
                got = agent
        self._head_cache[part] = got
        return got

    def _agent_noun(self, part: str) -> tuple[str, float] | None:
        """An agent noun in -are of a known verb, with its endings: "höjare"
        (of höja) in "kapacitetshojare", where the lexicon has only the stripped
        "hojare" or nothing. The verb must have a present tense in -er or -ar."""
        for ending in _AGENT_ENDINGS:
            if part.endswith(ending) and len(part) - len(ending) >= 2:
                break
        else:
            return None
        verb = self._best(part[: -len(ending)] + "a", PART_COST, NOT_PARTS)
        if verb is None:
            return None
        stem = verb[0][:-1]
        if not (
            self.lexicon.is_word(stem + "er", PART_COST)
            or self.lexicon.is_word(stem + "ar", PART_COST)
        ):
            return None
        return (stem + ending, verb[1] + AGENT_NOUN)

    def _era_agent(self, reading: str) -> tuple[str, float] | None:
        """An agent noun in -ör/-atör of a verb in -era, with its endings, when the
        reading already has the ö (read from a symbol): "initiatér" = initiatör (of
        initiera), "arrangérer"; the lexicon may lack the noun. Words in -ator
        ("indikator", "generator") are left as they are."""
        for ending in _ERA_AGENT_ENDINGS:
            if reading.endswith(ending) and len(reading) - len(ending) >= 4:
                break
        else:
            return None
        stem = reading[: -len(ending)]
        for verb_stem in (stem[:-2], stem) if stem.endswith("at") else (stem,):
            verb = self._best(verb_stem + "era", PART_COST, NOT_PARTS)
            if verb is not None:
                return (reading, verb[1] + AGENT_NOUN)
        return None

    # the public entry -------------------------------------------------------
    def analyse(self, token: str, in_capitals: bool = False) -> tuple[Candidate, ...]:
        """Candidate spellings of ``token``, best first; () when it is left alone.

        ``in_capitals``: the token stands among words in capitals (a heading
        like "ALLA OVERGRIPANDE MAL"), so a short capital word is a word, not
        an acronym.
        """
        key = token if not in_capitals else token + "\x00"
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) > MAX_CACHED_TOKENS:
                self.clear()
            cached = self._analyse(token, in_capitals)
            self._cache[key] = cached
        return cached

    def clear(self) -> None:
        """Forget cached analyses (done by itself when the caches grow large)."""
        for cache in (
            self._cache,
            self._part_cache,
            self._head_part_cache,
            self._head_cache,
            self._prefix_cache,
            self._best_cache,
        ):
            cache.clear()

    def _analyse(self, token: str, in_capitals: bool = False) -> tuple[Candidate, ...]:
        """The analysis behind :meth:`analyse`: the readings in order, each step
        only when the steps before found nothing common enough."""
        fix = self.lexicon.gazetteer.fixes.get(token)
        if fix is not None:
            return (Candidate(fix.lower(), fix, 0.0),)
        if _ACRONYM_L.fullmatch(token):
            # a small l among capitals is a capital I: "RFl:er" = RFI:er, "CEl" = CEI
            fixed = token.replace("l", "I")
            return (Candidate(fixed.lower(), fixed, 0.0),)
        if _ACRONYM_L_TAIL.fullmatch(token):
            fixed = _L_AMONG_CAPITALS.sub("I", token)
            return (Candidate(fixed.lower(), fixed, 0.0),)
        if token == "ii":
            # the preposition printed twice, as "runtomii" ends: "kvinnan ii projektet"
            # (the numeral II is in capitals and stays)
            return (Candidate("i", "i", 0.0),)
        twin = _REAL_WORD_TWINS.get(token)
        if twin is not None:
            # a common word whose i may be a misread ä of another common word: both,
            # the printed one first; only the context (a rule) lifts the other
            own, other = self._spell(token, 0.0), self._spell(twin, LETTER_CONFUSION)
            if own and other:
                return (Candidate(token, token, own[0][1]), Candidate(twin, twin, other[0][1]))
        if self._left_alone(token, in_capitals):
            return ()
        lower = token.lower()
        damaged = _SYMBOLS.search(token) is not None
        short_di = len(lower) <= 3 and ("d" in lower or "i" in lower)
        readings = symbol_readings(token)
        scored = _Scored()
        for reading, pattern, penalty in readings:
            for word, score in self._spell(reading, penalty):
                scored.add(word, score, pattern)
        # a misread letter can only win over a word this rare (longer words
        # would need a very common alternative, and those are short)
        trigger = LETTER_TRIGGER_COST if len(lower) <= 5 else LETTER_TRIGGER_COST_LONG
        if scored.top() < -trigger / 100 or short_di:
            self._misread_letters(token, readings, scored)
        if scored.top() < -COMPOUND_TRIGGER_COST / 100 and not (token.isupper() and len(token) > 1):
            # not for words in capitals: names ("LITTFORS" is not "litt|förs")
            self._compounds(readings, damaged, scored)
        if not scored.words and not damaged and self._known_inflection(lower):
            return ()  # "grupperings" (gruppering + s): nothing to restore, no misreading
        if scored.top() < -LETTER_COMPOUND_TRIGGER / 100 and len(lower) >= 7:
            self._misread_in_compound(readings, scored)
        if scored.top() < -LOST_LETTER_TRIGGER / 100 and len(lower) >= 7:
            self._lost_letter(readings, scored)
        elif not scored.words and len(lower) in (5, 6):
            # ... and in a shorter word nothing else explained, for a common word only
            # ("stöd och miljer" = miljöer)
            self._lost_letter(readings, scored, SHORT_LOST_COST)
        if not scored.words and len(lower) >= RARE_PART_MIN_WORD:
            self._rare_first_part(readings, scored)
        if not scored.words and damaged and len(lower) >= EXTRA_LETTER_MIN:
            self._extra_letter(readings, scored)
        if scored.top() < -T_FOR_O_TRIGGER / 100 and len(lower) >= 6:
            self._t_for_o(readings, scored)
        if not scored.words and damaged and 4 <= len(lower) < EXTRA_LETTER_MIN:
            self._doubled_letter(readings, scored)
        if not scored.words and len(lower) >= NAME_MATCH_MIN and token[:1].isupper():
            name = self._name_by_letters(lower)
            if name is not None:
                scored.add(name, -PROPER_NAME_COST / 100 + 2 * LETTER_CONFUSION, "title")
        if scored.top() < -GLUED_TRIGGER_COST / 100:
            self._glued(token, readings, scored.add, not scored.words)
        if not scored.words and len(lower) >= 6 and token[0] == "i" and lower[1] not in _VOWELS:
            # a glued "i" before a damaged word nothing else explained: "ildnets",
            # "igrannldnen" (i grannlänen); the rest gets the whole analysis
            rest = self.analyse(token[1:])
            if rest and rest[0].score > WEAK_COMPOUND and " " not in rest[0].word:
                scored.add("i " + rest[0].word, rest[0].score + GLUED_I, "lower")
        if scored.top() < -SPLIT_TRIGGER_COST / 100 and len(lower) <= MAX_SPLIT_LENGTH:
            self._two_words(readings, scored.add)
        return self._cased(token, scored)

    # the steps of _analyse ---------------------------------------------------
    def _left_alone(self, token: str, in_capitals: bool) -> bool:
        """Codes, numbers and acronyms; common words with nothing to restore;
        English words Swedish lacks ("Sparsely", "SMALL")."""
        if not _worth_reading(token, in_capitals):
            return True
        lower = token.lower()
        damaged = _SYMBOLS.search(token) is not None
        if not damaged and _INNER_CAPITAL.search(token):
            return True  # a name or acronym in mixed case: "FaR", "BoVa", "UngDrive"
        short_di = len(lower) <= 3 and ("d" in lower or "i" in lower)
        if not damaged and not short_di and "a" not in lower and "o" not in lower:
            c = self._costs.get(lower)
            if c is not None and c <= LETTER_TRIGGER_COST:
                return True  # nothing to restore, too common to be a misreading
        return (
            not damaged
            and token.isalpha()
            and _english_not_swedish(lower, self._costs, in_capitals, token.isupper())
            and (token.isupper() or lower not in self._variants)
        )

    def _misread_letters(self, token: str, readings, scored: _Scored) -> None:
        """d/i read for å/ä/ö ("ldnet"), and a leading capital I read for l ("Iénet")."""
        for reading, pattern, penalty in readings[:3]:
            for alt, alt_penalty in letter_readings(reading):
                for word, score in self._spell(alt, penalty + alt_penalty, LETTER_WORD_COST):
                    scored.add(word, score, pattern)
            if token[:1] == "I" and reading[:1] == "i":
                # lower case unless a capital follows: "Iénet", "I3mna" (lämna), "Idg…"
                case = "lower" if not token[1:2].isupper() else pattern
                for word, score in self._spell("l" + reading[1:], penalty + LETTER_CONFUSION):
                    scored.add(word, score, case)
                if not scored.words and len(reading) >= 6:
                    # ... and a misread letter besides: "Idgkonjunktur" = lågkonjunktur
                    for alt, alt_penalty in letter_readings("l" + reading[1:], single=True):
                        found = self._best(alt, INFLECTED_WORD_COST) or self._compound(alt, 0.0)
                        if found is not None and not _weak(found):
                            score = found[1] + penalty + alt_penalty + LETTER_CONFUSION
                            scored.add(found[0], score, case)

    def _compounds(self, readings, damaged: bool, scored: _Scored) -> None:
        """A known stem with an ending, or a compound, of an unknown word."""
        for reading, pattern, penalty in readings[:3]:
            if not reading.isalpha():
                continue
            if not damaged and "a" not in reading and "o" not in reading:
                continue  # nothing a compound analysis could restore
            infl = self._inflected(reading, INFLECTED_WORD_COST)
            if infl is not None:
                scored.add(infl[0], infl[1] + penalty, pattern)
            agent = self._era_agent(reading)
            if agent is not None:
                scored.add(agent[0], agent[1] + penalty, pattern)
            comp = self._compound(reading, penalty)
            if comp is not None:
                scored.add(comp[0], comp[1], pattern)
                for word, score in self._head_rivals(comp[0]):
                    scored.add(word, comp[1] + score, pattern)

    def _known_inflection(self, lower: str) -> bool:
        """A word with no a/o (nothing a lost diacritic explains) that is a known word
        plus an ending as it stands ("grupperings"): no letter of it is misread."""
        if len(lower) < KNOWN_INFLECTION_MIN or "a" in lower or "o" in lower or not lower.isalpha():
            return False  # short ones may be two words run together: "sigin" = "sig in"
        infl = self._inflected(lower, INFLECTED_WORD_COST)
        return infl is not None and infl[0] == lower

    def _misread_in_compound(self, readings, scored: _Scored) -> None:
        """A misread letter inside a compound: "omvdrldsbevakning", also in a
        heading ("Exportfrimjande"); two in a long one ("Ndringslivsndtverket")."""
        first, first_pattern = readings[0][0], readings[0][1]
        if first_pattern not in ("lower", "title") or not first.isalpha():
            return
        if not _weak(self._compound(first, 0.0)):
            return
        single = len(first) < 12
        for reading, pattern, penalty in readings[:2]:
            if not reading.isalpha():
                continue
            for alt, alt_penalty in letter_readings(reading, single=single):
                comp = self._compound(alt, penalty + alt_penalty)
                if comp is not None:
                    scored.add(comp[0], comp[1], pattern)

    def _lost_letter(self, readings, scored: _Scored, limit: int = INFLECTED_WORD_COST) -> None:
        """An å/ä/ö the OCR dropped altogether: "synliggrande" = synliggörande.

        Only in a longer word that nothing else explained, and only when the
        letter gives a known word as it stands.
        """
        reading, pattern, penalty = readings[0]
        if pattern not in ("lower", "title") or not reading.isalpha():
            return
        for k in range(2, len(reading) - 1):
            for letter in _DIA:
                alt = reading[:k] + letter + reading[k:]
                found = self._best(alt, limit)
                if found is not None and found[0][k] == letter:
                    scored.add(found[0], found[1] + penalty + LOST_LETTER, pattern)

    def _rare_first_part(self, readings, scored: _Scored) -> None:
        """A long compound whose first part is a rare word that is no ordinary
        part ("intermediär" in "Intermediarvardsavdelning"): tried only when
        nothing else explained the word, with a long first part and a known
        compound or head after it. Each of the first three readings is tried:
        in "konjunkturbedémningar" the "dé" is read "ö" first, and "dö" third."""
        for reading, pattern, penalty in readings[:3]:
            self._rare_first_part_of(reading, pattern, penalty, scored)
        if scored.words:
            return
        # ... and with one misread letter (d for ö): "stipendiesdkande" = stipendie|sökande
        reading, pattern, penalty = readings[0]
        if (
            pattern in ("lower", "title")
            and reading.isalpha()
            and _weak(self._compound(reading, 0.0))
        ):
            # (not when the word as printed is a compound: "utbildningsutbud")
            for alt, alt_penalty in letter_readings(reading, single=True):
                self._rare_first_part_of(alt, pattern, penalty + alt_penalty, scored)

    def _extra_letter(self, readings, scored: _Scored) -> None:
        """A letter the OCR added in a damaged word beside a symbol
        ("besbéksnaringen": "bé" for one ö), found as a known word (or an
        inflected stem) once the letter is dropped; only when nothing else
        explained the word."""
        for reading, pattern, penalty in readings[:3]:
            if pattern not in ("lower", "title") or not reading.isalpha():
                continue
            for k in range(2, len(reading) - 2):
                if reading[k] in _VOWELS or reading[k] == reading[k - 1]:
                    continue
                if reading[k + 1] not in _DIA and reading[k - 1] not in _DIA:
                    continue  # only beside a letter read from a symbol
                found = self._best(reading[:k] + reading[k + 1 :], INFLECTED_WORD_COST)
                if found is not None:
                    scored.add(found[0], found[1] + penalty + EXTRA_LETTER, pattern)

    def _name_by_letters(self, lower: str) -> str | None:
        """A name of the gazetteer that the token spells letter for letter except where
        the name has å/ä/ö, whatever the OCR printed there ("Ornsksldsviks" =
        Örnsköldsviks: s for ö); with its genitive -s."""
        index = self._name_index
        if index is None:
            index = self._name_index = {}
            for name in self.lexicon.proper:
                for form in (name, name + "s"):
                    spots = tuple(k for k, ch in enumerate(form) if ch in _DIA)
                    if spots and " " not in form:
                        rest = "".join(ch for k, ch in enumerate(form) if k not in spots)
                        index.setdefault((len(form), spots), {})[rest] = form
        for (n, spots), names in index.items():
            if n != len(lower):
                continue
            rest = "".join(ch for k, ch in enumerate(lower) if k not in spots)
            if rest in names:
                return names[rest]
        return None

    def _doubled_letter(self, readings, scored: _Scored) -> None:
        """A consonant the OCR printed twice in a short damaged word ("ffér" = för),
        found as a known word once one of the two is dropped."""
        for reading, pattern, penalty in readings[:3]:
            if pattern not in ("lower", "title") or not reading.isalpha():
                continue
            for k in range(1, len(reading)):
                if reading[k] != reading[k - 1] or reading[k] in _VOWELS:
                    continue
                found = self._best(reading[:k] + reading[k + 1 :], LETTER_WORD_COST)
                if found is not None:
                    scored.add(found[0], found[1] + penalty + EXTRA_LETTER, pattern)

    def _t_for_o(self, readings, scored: _Scored) -> None:
        """A t the OCR read for ö after a consonant, before k ("bestkare" = besökare,
        "understka" = undersöka), or a c outside "ck" ("miljcer"), when the word as read is unknown or only a far-fetched
        compound; the reading with ö must be a known word or an inflected one."""
        reading, pattern, penalty = readings[0]
        if pattern not in ("lower", "title") or not reading.isalpha():
            return
        for k in range(1, len(reading) - 1):
            ch, before, after = reading[k], reading[k - 1], reading[k + 1]
            # (a t before k: "stk", "ttk" are no Swedish clusters inside a stem)
            t_spot = ch == "t" and before not in _VOWELS and after == "k"
            # a c outside "ck"/"ch" is no Swedish letter either: "miljcer" = miljöer
            c_spot = ch == "c" and after not in "kh" and before not in "cs"
            if not (t_spot or c_spot):
                continue
            alt = reading[:k] + "ö" + reading[k + 1 :]
            found = self._best(alt, INFLECTED_WORD_COST) or self._inflected(alt, LETTER_WORD_COST)
            if found is not None:
                scored.add(found[0], found[1] + penalty + 1.5 * LETTER_CONFUSION, pattern)
        if len(reading) >= 6 and reading.endswith("y") and reading[-2] in "ae":
            # a y read for v at the end after a vowel ("nyhetsbrey" = nyhetsbrev)
            found = self._compound(reading[:-1] + "v", 0.0) or self._best(
                reading[:-1] + "v", INFLECTED_WORD_COST
            )
            if found is not None and not _weak(found):
                scored.add(found[0], found[1] + penalty + 1.5 * LETTER_CONFUSION, pattern)

    def _rare_first_part_of(self, reading: str, pattern: str, penalty: float, scored) -> None:
        if pattern not in ("lower", "title") or not reading.isalpha():
            return
        n = len(reading)
        for k in range(RARE_PART_MIN, n - 5):
            first = self._best(reading[:k], RARE_PART_COST, NOT_PARTS)
            if first is None:
                continue
            rest = reading[k:]
            tail = self._compound(rest, 0.0)
            head = self._head(rest)
            if head is not None and (tail is None or head[1] > tail[1]):
                tail = head
            if tail is not None and tail[1] > WEAK_COMPOUND:
                score = first[1] + tail[1] + COMPOUND_JOIN + penalty
                scored.add(first[0] + tail[0], score, pattern)

    def _cased(self, token: str, scored: _Scored) -> tuple[Candidate, ...]:
        """The candidates, best first, cased like the token (names as the gazetteer has them)."""
        if not scored.words:
            return ()
        lex = self.lexicon
        lower = token.lower()
        cands = []
        for word, (score, pattern) in scored.words.items():
            if pattern in ("title", "upper"):
                proper = lex.proper_name(word)
                if proper is not None:
                    score = max(
                        score,
                        -PROPER_NAME_COST / 100 + self.log_strip * _restored(word, fold(word)),
                    )
                    if pattern == "title" and " " not in word:
                        cands.append(Candidate(word, proper, score))
                        continue
            if pattern == "mixed":
                text = token if lower == word else apply_case(word, "title")
            else:
                text = apply_case(word, pattern)
            cands.append(Candidate(word, text, score))
        cands.sort(key=lambda c: -c.score)
        return tuple(cands[:6])

    def _two_words(self, readings, add) -> None:
        """Two common words run together: "paen" = "på en"."""
        reading, pattern, penalty = readings[0]
        if pattern != "lower" or not reading.isalpha():
            return
        for k in range(2, len(reading) - 1):
            first = self._best(reading[:k], SPLIT_PART_COST)
            if first is None:
                continue
            second = self._best(reading[k:], SPLIT_PART_COST)
            if second is None:
                continue
            add(first[0] + " " + second[0], first[1] + second[1] + GLUED_I + penalty, pattern)

    def _glued(self, token: str, readings, add, unexplained: bool = False) -> None:
        """Offer "i X" for "iX" and "X i" for "Xi" (preposition glued on); "till X"
        and "med X" only for a word nothing else explained (``unexplained``)."""
        if len(token) < 3 or not readings:
            return
        reading, pattern, penalty = readings[0]
        if token[0] == "|":
            # "|arbetet": the capital preposition I glued on ("I arbetet")
            rest = self._glued_rest(token[1:])
            if rest is not None:
                add("i " + rest[0], rest[1] + GLUED_I, "title")
            return
        if pattern == "title" and reading.startswith("i") and len(reading) >= 5:
            # "Ilanet finns tre akutsjukhus": the capital preposition I glued on
            # a word that is known once its å/ä/ö are back ("I länet")
            rest = self._glued_rest(token[1:])
            if rest is not None and rest[0] != fold(rest[0]):
                add("i " + rest[0], rest[1] + GLUED_I + penalty, "title")
            return
        if pattern != "lower":
            return
        if reading.startswith("ii") and len(reading) >= 4:
            # no Swedish word starts with "ii": "iinlandet" = "i inlandet"
            rest = self.analyse(token[1:])
            if rest:
                add("i " + rest[0].word, rest[0].score + penalty, "lower")
        elif reading.startswith("i") and len(reading) >= 3:
            rest = self._glued_rest(token[1:])
            if rest is None and len(reading) >= 5:
                rest = self._glued_rest(token[1:], 450, letters=True)  # "ildnet": i länet
            if rest is not None:
                add("i " + rest[0], rest[1] + GLUED_I + penalty, "lower")
                for word, score in self._spell(fold(rest[0]), 0.0, 600):
                    if word != rest[0] and word in _AFTER_PREPOSITION:
                        # "ivara forum" = i våra: a preposition takes no infinitive
                        add("i " + word, rest[1] + GLUED_I + penalty + 0.5, "lower")
        if reading.startswith(("till", "med")) and len(reading) >= 8 and unexplained:
            # "tilldirekt patientkontakt": only for a word nothing else explained
            k = 4 if reading.startswith("till") else 3
            rest = self._glued_rest(token[k:])
            if rest is not None:
                add(reading[:k] + " " + rest[0], rest[1] + GLUED_I + penalty, "lower")
        if reading.startswith("pa") and len(reading) >= 5:
            rest = self._glued_rest(token[2:])
            if rest is not None:
                add("på " + rest[0], rest[1] + GLUED_I + penalty, "lower")
        if reading.endswith("ii") and len(reading) >= 6:
            # no Swedish word ends in "ii": "runtomii länet" = runtom i
            rest = self._glued_rest(token[:-2])
            if rest is not None:
                add(rest[0] + " i", rest[1] + GLUED_I + penalty, "lower")
        if reading.endswith("i") and len(reading) >= 3:
            # also "uti" (archaic, made rare in the gazetteer): "ser uti Region 10" = ut i
            rest = self._glued_rest(token[:-1], GLUED_BEFORE_I_COST)
            if rest is not None:
                add(rest[0] + " i", rest[1] + GLUED_I + penalty, "lower")

    def _glued_rest(
        self, rest: str, max_cost: int = 550, letters: bool = False
    ) -> tuple[str, float] | None:
        """The word left after taking a glued "i" off: a known word, no compounds.

        ``letters``: also with one misread letter (d for ä: "ldnet" = "länet").
        """
        best = None
        for reading, _pattern, penalty in symbol_readings(rest)[:3]:
            alts = [(reading, 0.0)]
            if letters:
                alts = letter_readings(reading, single=True)
            for alt, alt_penalty in alts:
                got = self._best(alt, max_cost)
                if got is not None and (best is None or got[1] + penalty + alt_penalty > best[1]):
                    best = (got[0], got[1] + penalty + alt_penalty)
        return best


def _weak(found: tuple[str, float] | None) -> bool:
    """No compound analysis, or only one this unlikely ("export|frimjande")."""
    return found is None or found[1] < WEAK_COMPOUND


def _english_not_swedish(lower: str, costs: dict, in_capitals: bool, upper: bool) -> bool:
    """An English word (wordfreq's small English list) that Swedish does not have as
    it stands, or in capitals outside a capital heading ("SMALL", not "smäll").

    The caller also asks that no Swedish word has the token's skeleton ("lander" is
    "länder", "roster" "röster"), unless the token is in capitals.
    """
    if len(lower) < 4:
        return False
    from resultat.core.ocr.lexicon import english_words

    if lower not in english_words():
        return False
    if in_capitals:
        return False
    if upper:
        return True  # a name or title in capitals in running text
    c = costs.get(lower)
    return c is None or c > ENGLISH_SWEDISH_COST


def _worth_reading(token: str, in_capitals: bool = False) -> bool:
    """Tokens left alone: numbers, codes (N01951, E4, S3, CO2), acronyms, single letters."""
    letters = sum(1 for ch in token if ch.isalpha())
    if letters == 0:
        return False
    if len(token) == 1:
        return False
    digits = sum(1 for ch in token if ch.isdigit())
    if digits:
        lower = sum(1 for ch in token if ch.islower())
        if lower == 0:
            return False  # N01951, E4, S3, CO2, R10
        if re.search(r"\d{2,}", token) and not re.search(r"[Il|1]16|16", token):
            return False  # Youth2030, 2030-mdl parts, 35:e
        if not re.fullmatch(r"[A-Za-zåäöÅÄÖéÉ&@|\[¢0-9]+", token):
            return False
        if re.search(r"[0-9]", token) and not re.search(r"[0346]|^1|16", token):
            return False
    if token.isupper() and len(token) <= 4 and token.isalpha() and not in_capitals:
        return False  # acronyms: EU, RUS, SKR, ALMI
    return True


__all__ = [
    "Analyser",
    "Candidate",
    "apply_case",
    "case_pattern",
    "letter_readings",
    "symbol_readings",
]
