"""The Swedish lexicon behind the OCR repair: words, frequencies, diacritic variants.

Word frequencies come from the ``wordfreq`` package (code Apache-2.0, data
CC-BY-SA 4.0), its Swedish "large" list: about 340 000 lower-case words down
to a frequency of 10⁻⁸. The package's data file is read directly (gzip +
msgpack, both installed with wordfreq) because ``import wordfreq`` alone costs
a quarter of a second; ``wordfreq.get_frequency_list`` is the fallback.

A small hand-written gazetteer (``data/gazetteer.txt``) adds the county's
place names, organisations and the strategy's own vocabulary.

Frequencies are kept as *costs* in centibels, the unit wordfreq stores: cost
``c`` means frequency ``10 ** (-c / 100)``; 0 is the most frequent word, 800
the rarest. Lower is more frequent.
"""

from __future__ import annotations

import bisect
import gzip
import importlib.util
import threading
from dataclasses import dataclass, field
from pathlib import Path

from resultat.core.i18n import N_, Message

GAZETTEER_PATH = Path(__file__).with_name("data") / "gazetteer.txt"

#: Cost given to an ordinary gazetteer word that wordfreq lacks or ranks lower
#: (frequency 10⁻⁵, a common content word).
GAZETTEER_WORD_COST = 500
#: Cost of a proper name from the gazetteer when the token is capitalised
#: (frequency 10⁻³): a capitalised "Umea" is Umeå, whatever else "umea" could be.
PROPER_NAME_COST = 300
#: Added to the cost of an informal spelling ("nåt", "sån"): ×1/300.
INFORMAL_PENALTY = 250
#: The rarest cost wordfreq uses; unknown words are treated as rarer still.
MAX_COST = 800

#: å/ä/ö folded to a/a/o: the "skeleton" a diacritic-stripped OCR word shows.
#: Compounds counted for a first part's productivity, and their heads (cost).
MODIFIER_WORD_COST = 700
MODIFIER_HEAD_COST = 600

FOLD = str.maketrans("åäöÅÄÖ", "aaoAAO")
DIACRITICS = frozenset("åäöÅÄÖ")


class LexiconUnavailable(RuntimeError):
    """The Swedish word list (the wordfreq package) is not installed."""


def fold(word: str) -> str:
    """Strip å/ä/ö to a/a/o (and Å/Ä/Ö to A/A/O); other letters are kept."""
    return word.translate(FOLD)


def has_diacritic(word: str) -> bool:
    return any(ch in DIACRITICS for ch in word)


@dataclass
class Gazetteer:
    words: set[str] = field(default_factory=set)  # lower-case ordinary words
    proper: dict[str, str] = field(default_factory=dict)  # lower-case -> as written
    fixes: dict[str, str] = field(default_factory=dict)  # exact token -> replacement
    informal: set[str] = field(default_factory=set)  # spoken spellings, made rarer


def _expand(entry: str) -> list[str]:
    if "/" not in entry:
        return [entry]
    stem, suffixes = entry.split("/", 1)
    return [stem] + [stem + s for s in suffixes.split(",") if s]


def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    gaz = Gazetteer()
    section = "words"
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        if section == "fixes":
            wrong, right = line.split()
            gaz.fixes[wrong] = right
            continue
        if section == "informal":
            gaz.informal.update(line.split())
            continue
        for entry in line.split():
            for word in _expand(entry):
                if word[:1].isupper():
                    gaz.proper[word.lower()] = word
                else:
                    gaz.words.add(word)
    return gaz


def _read_wordfreq_buckets() -> list[list[str]]:
    """wordfreq's Swedish list as frequency buckets (index = cost in centibels)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        raise LexiconUnavailable(
            Message(
                N_(
                    "Paketet wordfreq saknas: installera det (pip install 'wordfreq>=3.1,<4') för att kunna reparera OCR-text."
                )
            )
        )
    data_file = Path(spec.origin).parent / "data" / "large_sv.msgpack.gz"
    try:
        import msgpack

        with gzip.open(data_file, "rb") as handle:
            data = msgpack.load(handle, raw=False, strict_map_key=False)
        if isinstance(data[0], dict) and data[0].get("format") == "cB":
            return data[1:]
    except (ImportError, OSError, ValueError):
        pass
    from wordfreq import get_frequency_list  # slower, but the public API

    return get_frequency_list("sv", wordlist="large")


_english: frozenset[str] | None = None


def english_words() -> frozenset[str]:
    """wordfreq's small English list (≈ 29 000 words), to recognise English names.

    Read on first use (≈ 10 ms); empty when wordfreq is not installed.
    """
    global _english
    if _english is None:
        words: frozenset[str] = frozenset()
        spec = importlib.util.find_spec("wordfreq")
        if spec is not None and spec.origin is not None:
            try:
                import msgpack

                path = Path(spec.origin).parent / "data" / "small_en.msgpack.gz"
                with gzip.open(path, "rb") as handle:
                    data = msgpack.load(handle, raw=False, strict_map_key=False)
                words = frozenset(w for bucket in data[1:] for w in bucket)
            except (ImportError, OSError, ValueError):
                pass
        _english = words
    return _english


def _is_plain_word(word: str) -> bool:
    return word.isalpha()


class Lexicon:
    """Swedish words with frequencies, indexed by their diacritic-free skeleton."""

    def __init__(self, buckets: list[list[str]], gazetteer: Gazetteer):
        cost: dict[str, int] = {}
        accented: list[str] = []
        for c, bucket in enumerate(buckets):
            cost.update(dict.fromkeys(bucket, c))
            accented.extend(w for w in bucket if not w.isascii())
        for word in gazetteer.words:
            if cost.get(word, MAX_COST + 1) > GAZETTEER_WORD_COST:
                cost[word] = GAZETTEER_WORD_COST
        for word in gazetteer.informal:
            if word in cost:
                cost[word] = min(MAX_COST, cost[word] + INFORMAL_PENALTY)
        self.gazetteer = gazetteer
        self.proper = gazetteer.proper
        for lower in self.proper:
            if cost.get(lower, MAX_COST + 1) > GAZETTEER_WORD_COST:
                cost[lower] = GAZETTEER_WORD_COST
        self._cost = cost
        accented.extend(w for w in gazetteer.words if not w.isascii())
        accented.extend(w for w in gazetteer.proper if not w.isascii())
        variants: dict[str, list[str]] = {}
        for word in accented:
            folded = word.translate(FOLD)
            if folded != word and word.isalpha():
                spellings = variants.setdefault(folded, [])
                if word not in spellings:
                    spellings.append(word)
        self._variants = variants
        #: word -> cost, and skeleton -> spellings with å/ä/ö (read-only views for speed)
        self.costs = cost
        self.variants = variants
        self._sorted: list[str] | None = None
        self._modifiers: dict[str, int] = {}

    def __contains__(self, word: str) -> bool:
        return word in self._cost

    def __len__(self) -> int:
        return len(self._cost)

    def cost(self, word: str) -> int | None:
        """Cost (centibels) of a lower-case word, or None if unknown."""
        return self._cost.get(word)

    def is_word(self, word: str, max_cost: int = MAX_COST) -> bool:
        c = self._cost.get(word)
        return c is not None and c <= max_cost and _is_plain_word(word)

    def has_skeleton(self, skeleton: str) -> bool:
        """Some known word folds to ``skeleton``."""
        return skeleton in self._cost or skeleton in self._variants

    def spellings(self, skeleton: str) -> list[tuple[str, int]]:
        """All known words whose skeleton is ``skeleton`` (lower case), with costs.

        The skeleton itself is included when it is a word. Words with digits or
        punctuation are left out.
        """
        out = []
        c = self._cost.get(skeleton)
        if c is not None and _is_plain_word(skeleton):
            out.append((skeleton, c))
        for word in self._variants.get(skeleton, ()):
            out.append((word, self._cost[word]))
        return out

    def modifier_count(self, part: str) -> int:
        """How many known compounds start with ``part`` followed by a known word
        of four letters or more: how productive ``part`` is as a compound's first
        part ("tåg": tågresa, tågförbindelser … 18; "tag": 2). Computed on first
        use (a sorted word list, built once) and cached."""
        got = self._modifiers.get(part)
        if got is not None:
            return got
        if self._sorted is None:
            self._sorted = sorted(w for w, c in self._cost.items() if c <= MODIFIER_WORD_COST)
        words, cost = self._sorted, self._cost
        n = 0
        i = bisect.bisect_left(words, part)
        while i < len(words) and words[i].startswith(part):
            rest = words[i][len(part) :]
            if len(rest) >= 4 and cost.get(rest, MAX_COST) <= MODIFIER_HEAD_COST:
                n += 1
            i += 1
        self._modifiers[part] = n
        return n

    def proper_name(self, lower: str) -> str | None:
        """The gazetteer's spelling of a proper name, e.g. "umeå" -> "Umeå"."""
        return self.proper.get(lower)


_lock = threading.Lock()
_default: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The shared lexicon, built on first use (about 0.3 s) and kept for the process."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Lexicon(_read_wordfreq_buckets(), load_gazetteer())
    return _default
