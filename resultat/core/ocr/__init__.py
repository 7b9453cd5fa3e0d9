"""Swedish OCR repair: plain Python, no Django.

Two functions do the work; use them in this order on raw OCR text:

``clean_layout(text)`` (:mod:`.layout`)
    Line and paragraph level: joins hyphenated line ends (or keeps the
    hyphen: "IT-", "e-", "bygg- och"), rejoins sentences cut by page and
    column breaks, drops lone page numbers and page-start spaces, turns OCR
    bullets ("e", "®", "o") into "•", moves pasted footnote URLs out of the
    sentence, rejoins broken e-mail addresses. Returns one paragraph per
    line; :func:`layout_paragraphs` gives the paragraphs with their input
    line numbers.

``repair_text(text)`` (:mod:`.repair`)
    Word level, keeping every line: restores å/ä/ö stripped to a/a/o; reads
    é, 6, &, @, 3, 4, ¢, 0 and the letters d and i back as ö/ä/å where the
    lexicon says so; "I6", "l6", "16", "|6" → "lö"; "|" → "I"; "Al" → "AI",
    "loT" → "IoT"; splits a glued preposition ("ilanet" → "i länet",
    "paen" → "på en"); adds a lost space after a full stop. Ambiguous words
    ("ar": är/år, "har": har/här, "for": för/English for) are decided from
    their neighbours. Case is kept ("Ar" → "Är", "ALLA" stays upper case).

Numbers, dates, codes (N01951, E4, S3), short acronyms, URLs and e-mail
addresses are never changed, nor are words the lexicon cannot explain.

The lexicon is wordfreq's Swedish list (PyPI ``wordfreq``) plus
``data/gazetteer.txt``; the context model is ``data/context.tsv``. See
docs/ocr-repair.md.

Command line: ``python -m resultat.core.ocr [--layout] [FILE]``.
"""

from resultat.core.ocr.layout import Paragraph, clean_layout, layout_paragraphs
from resultat.core.ocr.lexicon import Lexicon, LexiconUnavailable, get_lexicon
from resultat.core.ocr.repair import Repairer, get_repairer, repair_text, repair_word

__all__ = [
    "Lexicon",
    "LexiconUnavailable",
    "Paragraph",
    "Repairer",
    "clean_layout",
    "get_lexicon",
    "get_repairer",
    "layout_paragraphs",
    "repair_text",
    "repair_word",
]
