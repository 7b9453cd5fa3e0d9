"""Descriptive area headings: the heading printed over an area's text when it says more
than the area's name ("Omvärlden påverkar digitalisering" over Digitalisering,
"Företagsstöd för hållbar utveckling" over Företagsstöd). The report keeps them as the
area block's sub-title; a heading that is only the name (or the names of a joint block,
or an OCR-damaged spelling of it: "Samhillbyggnad") is not one."""

from __future__ import annotations

import difflib
import unicodedata

#: Similarity above which a heading is the area's name misspelt by the OCR.
SAME_NAME_RATIO = 0.85


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("–", "-").replace("—", "-").split())


def descriptive_heading(heading: str, area_names: list[str] | tuple[str, ...]) -> str:
    """``heading`` (whitespace tidied) if it describes more than ``area_names``, else ""."""
    heading = " ".join((heading or "").split())
    if not heading:
        return ""
    key = _key(heading)
    names = [_key(n) for n in area_names if n]
    candidates = set(names) | {" och ".join(names), ", ".join(names)}
    for name in candidates:
        if name and (key == name or difflib.SequenceMatcher(None, key, name).ratio() >= SAME_NAME_RATIO):
            return ""
    return heading
