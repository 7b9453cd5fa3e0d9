"""Which titles of a Swedish report are English ("Digital Impact North", "Responsible
Tourism Program"), so the renderers can mark them ``lang="en"`` (WCAG 3.1.2; a screen
reader then reads them with an English voice). No Django import.

The decision is made from the words themselves with wordfreq's small English and Swedish
lists (about 30 000 words each, read once in about 20 ms): a word *leans English* when
it is clearly more frequent in English than in Swedish, and *leans Swedish* the other
way round. A title is English when at least two of its words lean English, none leans
Swedish and it has no å, ä or ö. Words found in both languages ("program", "innovation",
"digital") count for neither, and acronyms ("ASTRIC") are skipped. Without wordfreq no
title is marked (nothing is guessed)."""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

#: how much more frequent a word must be in one language (centibels, 100 = ×10)
MARGIN = 100
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SWEDISH_LETTERS = re.compile("[åäöÅÄÖ]")


@cache
def _costs(lang: str) -> dict[str, int]:
    """word → cost in centibels (0 most frequent) from wordfreq's small list, or {}."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return {}
    try:
        import msgpack

        with gzip.open(Path(spec.origin).parent / "data" / f"small_{lang}.msgpack.gz", "rb") as handle:
            data = msgpack.load(handle, raw=False, strict_map_key=False)
    except (ImportError, OSError, ValueError):
        return {}
    return {w: cost for cost, bucket in enumerate(data[1:]) for w in bucket}


def _lean(word: str, en: dict[str, int], sv: dict[str, int]) -> int:
    """+1 English, -1 Swedish, 0 neither or both."""
    e, s = en.get(word), sv.get(word)
    if e is not None and (s is None or s - e >= MARGIN):
        return 1
    if s is not None and (e is None or e - s >= MARGIN):
        return -1
    return 0


def is_english(title: str) -> bool:
    if not title or _SWEDISH_LETTERS.search(title):
        return False
    en, sv = _costs("en"), _costs("sv")
    if not en or not sv:
        return False
    words = [w for w in _WORD.findall(title) if len(w) > 1 and not (w.isupper() and len(w) > 1)]
    leans = [_lean(w.lower(), en, sv) for w in words]
    return leans.count(1) >= 2 and -1 not in leans


def english_titles(titles: Iterable[str]) -> list[str]:
    """The English ones among ``titles``, sorted and without repeats."""
    return sorted({t.strip() for t in titles if t and is_english(t.strip())})


def _text_headings(html: str) -> list[str]:
    from resultat.core.report.blocks import html_to_blocks

    def walk(blocks):
        for b in blocks:
            if b["t"] in ("h3", "h4"):
                yield "".join(r["s"] for r in b["c"])
            for item in b.get("items", []):
                yield from walk(item)

    return list(walk(html_to_blocks(html))) if html else []


def mark_english(report) -> None:
    """Fill ``report.english_titles`` from its item titles, the headings inside its texts
    and the areas' subtitles (the titles the renderers mark ``lang="en"``)."""
    titles: list[str] = []
    for ch in report.chapters:
        for s in ch.sections:
            for b in s.blocks:
                titles += [b.subtitle, *_text_headings(b.body_html)]
                titles += [it.label for g in b.groups for it in g.items if it.kind != "sdg"]
    for t in report.introduction:
        titles += _text_headings(t.body_html)
    report.english_titles = english_titles(titles)
