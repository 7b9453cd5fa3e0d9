"""When a search finds nothing: a forgiving second try and suggestions.

1. **A missing å, ä or ö.** ``forgiving(query)`` turns every word of a query into
   "the word, or its folded twin" (``text.FOLD_MARK``): "kompetensforsorjning" then
   finds "kompetensförsörjning", "Umea" finds "Umeå", "kompetensförsorjning" (one
   mark missing) too. Phrases and excluded words stay as they were (the twins are
   indexed after the text, so they have no neighbours). The search runs it only when
   the exact query finds nothing, so "mal" still means "mal" where that word exists.
2. **Suggestions.** ``suggest(query_text, vocabulary)`` proposes up to three queries in
   which each word that is not in the vocabulary (the words of the indexed titles the
   user may read) is replaced by the closest word that is: by similarity of the folded
   forms (``difflib``), so a typo and a missing å/ä/ö are both forgiven
   ("kompetensforsorjnig" → "kompetensförsörjning").

Plain Python; the search app supplies the vocabulary (docs/search.md).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace

from resultat.core.search.query import Phrase, Query, Term
from resultat.core.search.text import (
    FOLD_MARK,
    fold,
    folded_stem,
    is_stopword,
    normalise,
    prefix_stem,
    stem,
    tokens,
)


def _twin(atom: Term) -> Term | None:
    words = [w for w in tokens(atom.text) if not is_stopword(w)]
    if len(words) != 1:
        return None
    folded = fold(words[0])
    if atom.prefix:
        return Term(stem=FOLD_MARK + prefix_stem(folded), prefix=True, text=atom.text, exact=FOLD_MARK + stem(folded))
    return Term(stem=FOLD_MARK + stem(folded), text=atom.text)


def forgiving(query: Query) -> Query | None:
    """The query with each word's folded twin as an alternative; None when it has no
    word to forgive (only phrases)."""
    groups: list[list] = []
    changed = False
    for group in query.groups:
        alternatives = []
        for atom in group:
            alternatives.append(atom)
            twin = _twin(atom) if isinstance(atom, Term) else None
            if twin is not None:
                alternatives.append(twin)
                changed = True
        groups.append(alternatives)
    return replace(query, groups=groups) if changed else None


def forgiving_stems(query: Query) -> tuple[set[str], set[str]]:
    """What highlighting marks in a forgiving result: the folded stems and prefixes of
    the query's words (compared with each word's ``folded_stem``)."""
    stems: set[str] = set()
    prefixes: set[str] = set()
    for group in query.groups:
        for atom in group:
            if isinstance(atom, Phrase):
                stems.update(folded_stem(w) for w in tokens(atom.text) if not is_stopword(w))
            elif atom.prefix:
                word = tokens(atom.text)[0] if tokens(atom.text) else ""
                prefixes.add(prefix_stem(fold(word)))
                stems.add(folded_stem(word))
            else:
                stems.update(folded_stem(w) for w in tokens(atom.text) if not is_stopword(w))
    return stems, prefixes


def vocabulary(titles: Iterable[str]) -> dict[str, str]:
    """{folded word: the word as written} for the words of ``titles`` (three letters or
    more; the most frequent spelling of each folded form wins)."""
    counts: dict[str, dict[str, int]] = {}
    for title in titles:
        for word in tokens(title):
            if len(word) < 3 or not word.isalpha() or is_stopword(word):
                continue
            spellings = counts.setdefault(fold(word), {})
            spellings[word] = spellings.get(word, 0) + 1
    return {folded: max(spellings, key=lambda w: (spellings[w], w)) for folded, spellings in counts.items()}


def suggest(text: str, words: dict[str, str], limit: int = 3, cutoff: float = 0.75) -> list[str]:
    """Up to ``limit`` queries like ``text`` with its unknown words replaced by the
    closest known ones (``words`` from ``vocabulary``); [] when there is nothing to
    propose. Operators, quotes, exclusions and prefixes are kept as they are."""
    pieces = text.split()
    options: list[list[str]] = []
    for piece in pieces:
        bare = piece.strip('"*-()')
        word = normalise(bare)
        if piece in ("OR", "ELLER") or not word.isalpha() or len(word) < 3 or is_stopword(word) or fold(word) in words:
            options.append([piece])
            continue
        target = fold(word)
        # a ratio of at least ``cutoff`` needs lengths within this distance: compare only those
        # (2·matches / total length ≥ cutoff allows a difference of at most 2·len·(1 − cutoff) / cutoff)
        slack = int(2 * len(target) * (1 - cutoff) / cutoff) + 1
        candidates = [w for w in words if abs(len(w) - len(target)) <= slack]
        close = difflib.get_close_matches(target, candidates, n=limit, cutoff=cutoff)
        options.append([piece.replace(bare, words[c]) for c in close] or [piece])
    if [o[0] for o in options] == pieces:
        return []
    out: list[str] = []
    for rank in range(limit):
        candidate = " ".join(o[min(rank, len(o) - 1)] for o in options)
        if candidate != text and candidate not in out:
            out.append(candidate)
    return out
