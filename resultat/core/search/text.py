"""Swedish text normalisation for search.

Tokens are runs of letters and digits (Unicode ``[^\\W_]``): å, ä and ö are letters
like any other: the stems keep them ("mål" is not "mal"). Forgiveness for a missing
å/ä/ö comes from folded twins indexed beside the stems (``FOLD_MARK``), searched only
when the exact search finds nothing. Text is NFC-normalised (so an "å"
written as a + combining ring is the same letter) and lower-cased. Words are stemmed
with the Snowball Swedish stemmer (``snowballstemmer``), so "utvecklingen" and
"utveckling" share the stem "utveckling", "kommunerna" and "kommuner" share "kommun".
Two additions: the definite singular endings -an and -et, missing from Snowball's
list, are stripped under Snowball's own R1 rule ("skolan" → "skol", "samhället" →
"samhäll"), and stemming is repeated to a fixed point.

Compounds: Swedish writes compounds as one word. Snowball strips the inflection of the
whole compound, so "kompetensförsörjningen" finds "kompetensförsörjning". Parts of a
compound are *not* split out automatically: splitting without a dictionary produces
false hits ("regionen" → "region" + "en", "konst" in "konstaterar"). A user who wants
every compound that starts with a word writes a prefix: ``kompetens*`` finds
"kompetensförsörjning", "kompetensutveckling" … (docs/search.md).

Stop words are Snowball's Swedish list (the one PostgreSQL's ``swedish`` configuration
uses); they are left out of the shadow text and of queries on both backends, so the
backends see the same tokens.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

STOPWORDS = frozenset(
    """och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
    henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp vi
    dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv detta
    åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan vår
    blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra
    ert era vilkas""".split()
)

# A Snowball stemmer keeps the word it works on in the object, so one shared instance
# gives wrong stems or IndexError when two threads stem at once (gunicorn gthread):
# one stemmer per thread.
_local = threading.local()


def _stem_word(token: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("swedish")
    return stemmer.stemWord(token)


def normalise(text: str) -> str:
    """NFC and lower case (å/ä/ö kept)."""
    return unicodedata.normalize("NFC", text).lower()


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (stop words included)."""
    return TOKEN.findall(normalise(text))


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased token) for each token of the original ``text``.

    Offsets refer to ``text`` itself, so highlighting can cut the original. (NFC may
    change lengths; we therefore match on the original and normalise each token.)"""
    return [(m.start(), m.end(), normalise(m.group())) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """The Snowball Swedish stem of one token (lower-cased here)."""
    token = normalise(token)
    if not token.isalpha():
        return token
    # Stem to a fixed point: Snowball 3 takes "klimatet" to "klimat", and "klimat"
    # itself to "klim"; one pass would leave the two apart. (PostgreSQL's stemmer,
    # applied on top of the shadow text, would join them: the fixed point keeps the
    # two backends in agreement.)
    for _ in range(4):
        stemmed = _stem_word(token)
        if stemmed == token:
            stemmed = _definite_singular(token)
        if stemmed == token:
            break
        token = stemmed
    return token


VOWELS = set("aeiouyäåö")
DEFINITE_SUFFIXES = ("an", "et")


def _r1(word: str) -> int:
    """Start of Snowball's R1: after the first non-vowel that follows a vowel, at
    least 3 letters in."""
    for i in range(1, len(word)):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            return max(3, i + 1)
    return len(word)


def _definite_singular(word: str) -> str:
    """Snowball's Swedish list lacks the definite singular endings -an and -et
    ("skolan", "samhället"); strip them when they lie in R1, like Snowball's own
    suffixes, so "skolan" meets "skola" and "civilsamhället" meets "civilsamhälle"."""
    for suffix in DEFINITE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _r1(word):
            return word[: -len(suffix)]
    return word


def prefix_stem(token: str) -> str:
    """The stem of a prefix the user typed ("kompetens*"): one Snowball pass only,
    so the prefix is not cut to a stub ("kompetens" → "kompet", not "komp")."""
    token = normalise(token)
    return _stem_word(token) if token.isalpha() else token


def is_stopword(token: str) -> bool:
    return token in STOPWORDS or stem(token) in STOPWORDS


def index_terms(text: str) -> list[str]:
    """The stems of ``text`` in order, stop words left out."""
    return [stem(t) for t in tokens(text) if not is_stopword(t)]


# Forgiving search (a missing å, ä or ö): every word with a diacritic also gets a
# *folded twin* in the shadow text: the stem of the word written without its marks,
# behind FOLD_MARK ("kompetensförsörjningen" → "00kompetensforsorjning"). The mark keeps
# the twins apart from the real words, so an exact search for "mal" still does not find
# "mål"; the forgiving search (``forgiving.forgiving``, run when the exact one finds
# nothing) looks for the twins as well. Two digits make both backends keep the twin as it
# is: PostgreSQL's parser reads it as a "numword" (simple dictionary, not stemmed again),
# FTS5's unicode61 as one token.
FOLD_MARK = "00"


def fold(token: str) -> str:
    """The word without diacritics: å, ä → a, ö → o, é → e, ü → u (NFD, marks dropped)."""
    decomposed = unicodedata.normalize("NFD", token)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def folded_stem(token: str) -> str:
    """The stem of the word written without diacritics (what a user who left out the
    å/ä/ö types, stemmed)."""
    return stem(fold(normalise(token)))


def folded_twins(text: str) -> list[str]:
    """The folded twins of the words of ``text`` that have a diacritic (stop words left out)."""
    out = []
    for t in tokens(text):
        if is_stopword(t):
            continue
        folded = fold(t)
        if folded != t:
            out.append(FOLD_MARK + stem(folded))
    return out


def shadow_text(text: str) -> str:
    """What the search backends index: the stems, space separated, then the folded
    twins of the words with å/ä/ö (see FOLD_MARK)."""
    return " ".join(index_terms(text) + folded_twins(text))
