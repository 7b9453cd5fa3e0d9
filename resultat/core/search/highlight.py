"""Snippets with <mark> from the original text.

Marks every word of the original whose stem is one of the query's stems (or starts
with one of its prefixes), so "kommunerna" is marked for the query "kommuner". The
snippet is the window of ``words`` words with the most marks; text is HTML-escaped
before <mark> is inserted, so the result is safe to render.
"""

from __future__ import annotations

from html import escape

from resultat.core.search.text import fold, folded_stem, stem, token_spans


def _matches(token: str, stems: set[str], prefixes: set[str], forgiving: bool = False) -> bool:
    if forgiving:  # a forgiving search: compare the words written without å/ä/ö
        token = fold(token)
        s = folded_stem(token)
    else:
        s = stem(token)
    return s in stems or any(s.startswith(p) or token.startswith(p) for p in prefixes)


def highlight(text: str, stems: set[str], prefixes: set[str] = frozenset(), forgiving: bool = False) -> str:
    """The whole ``text`` escaped, with matching words in <mark>. ``forgiving``: the
    stems are those of ``forgiving.forgiving_stems`` (å/ä/ö left out)."""
    return _render(text, 0, len(text), token_spans(text), stems, prefixes, forgiving)


def _render(text: str, start: int, end: int, spans, stems, prefixes, forgiving: bool = False) -> str:
    out = []
    pos = start
    for s, e, token in spans:
        if s < start or e > end:
            continue
        if _matches(token, stems, prefixes, forgiving):
            out.append(escape(text[pos:s]))
            out.append("<mark>" + escape(text[s:e]) + "</mark>")
            pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def snippet(text: str, stems: set[str], prefixes: set[str] = frozenset(), words: int = 40, forgiving: bool = False) -> tuple[str, int]:
    """(HTML snippet, number of marked words in the whole text).

    Without any match the snippet is the beginning of the text."""
    spans = token_spans(text)
    if not spans:
        return escape(text[:300]), 0
    hits = [_matches(t, stems, prefixes, forgiving) for _, _, t in spans]
    total = sum(hits)
    best, best_score = 0, -1
    if total:
        window = 0
        for i in range(len(spans)):
            window += hits[i]
            if i >= words:
                window -= hits[i - words]
            score = window
            if score > best_score:
                best_score, best = score, max(0, i - words + 1)
        # centre a little: start a few words before the first hit of the window
        first_hit = next(k for k in range(best, min(len(spans), best + words)) if hits[k])
        best = max(0, min(best, first_hit - 5))
    last = min(len(spans), best + words) - 1
    start = spans[best][0] if best > 0 else 0
    end = spans[last][1] if last < len(spans) - 1 else len(text)
    body = _render(text, start, end, spans, stems, prefixes, forgiving)
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else ""), total
