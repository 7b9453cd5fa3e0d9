"""Line- and paragraph-level cleanup of OCR text: :func:`clean_layout`.

The word repair (:func:`resultat.core.ocr.repair_text`) keeps every line where
it is, so that line numbers stay valid. This module is the other half: it
rebuilds paragraphs from OCR lines. It

* strips the leading space that marks an OCR page start, and trailing spaces;
* drops lone page numbers ("18", "33" on a line of their own);
* rejoins a sentence that a page or column break (a run of blank lines) cut
  in two: the part before does not end a sentence and the part after starts
  in lower case, or the part before ends in a word that cannot end one
  ("och", "i", "för" …);
* joins a paragraph's lines, deciding for each line-final hyphen whether it
  is a soft hyphen to remove ("kund-/underlagen" → kundunderlagen,
  "Väster-/botten" → Västerbotten), a real one to keep ("IT-/attacker",
  "e-/tjänst", "Jämtland-/Härjedalen") or a coordination ("bygg-/och" →
  "bygg- och");
* makes bullets read as "e", "®", "o", "-" or "•" at a line start into "• ";
* keeps a heading glued to the next line ("…industrier" / "Projektet …") a
  paragraph of its own;
* moves footnote URLs pasted into the running text out of the sentence they
  interrupt, into a paragraph of their own after it (a repeated URL once);
* rejoins e-mail addresses the OCR broke ("nils.enwald @regionvasterbotten.se").

:func:`layout_paragraphs` gives the same result as :class:`Paragraph` objects
with the input line numbers, for importers that must point back to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Words a sentence or heading cannot end with: a break after them is a soft one.
CANNOT_END = frozenset(
    "och i på av för till med om från mot vid under över genom efter inom utan hos åt "
    "bland kring enligt mellan inför samt eller men att som en ett den det de där när "
    "både än så the of and for in to a".split()
)
#: Words after a line-final hyphen that make it a coordination: "bygg- och".
COORDINATION = frozenset(["och", "samt", "eller", "respektive", "som", "men", "till"])

_URL_LINE = re.compile(r"(?:(?:https?://|www\.)\S+\s*)+")
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_BULLET = re.compile(r"(?:[e®o•*·▪]|[-–])\s+(?=[\w&|\"”“(])")
_SENTENCE_END = re.compile(r"[.!?:]['\"”’)]*$")
_ENDS_IN_ADDRESS = re.compile(r"(?:@[\w-]+(?:\.[\w-]+)+|\.se|https?://\S+)$")
_BROKEN_EMAIL = re.compile(r"([\w.+-]+) ?@ ?([\w-]+)(?: ?\.)(se|nu|com|org|eu)\b")
_LONE_AT = re.compile(r"(?<![\w.+-])@ (?=[\w-]+\.(?:se|nu|com|org|eu)\b)")
_INLINE_HYPHEN = re.compile(
    r"(?<![\w-])([A-Za-zÅÄÖåäöé&|@\[¢]{2,})-([a-zåäöé&|@\[¢6]{2,})(?![\w-])"
)
_BROKEN_DOMAIN = re.compile(r"\b(regionvasterbotten|regionvästerbotten) \.se\b")
_LAST_WORD = re.compile(r"([\w&|@\[¢]+)-$")
_FIRST_WORD = re.compile(r"^([\w&|@\[¢]+)")


@dataclass
class Paragraph:
    """A rebuilt paragraph and where it came from (1-based input line numbers).

    ``kind`` is "text", "heading", "bullet" or "url".
    """

    text: str
    first_line: int
    last_line: int
    kind: str = "text"
    lines: list[tuple[int, str]] = field(default_factory=list, repr=False)


def clean_layout(text: str, repairer=None) -> str:
    """Rebuild paragraphs of OCR text: one paragraph per line, a blank line between.

    ``repairer`` (a :class:`~resultat.core.ocr.repair.Repairer`, the shared one
    by default) decides whether a hyphenated word is one word.
    """
    paras = layout_paragraphs(text, repairer)
    out = []
    for p in paras:
        out.append(("• " + p.text) if p.kind == "bullet" else p.text)
    return "\n\n".join(out) + ("\n" if out else "")


def layout_paragraphs(text: str, repairer=None) -> list[Paragraph]:
    """The paragraphs of ``text`` with their kind and input line range."""
    if repairer is None:
        from resultat.core.ocr.repair import get_repairer

        repairer = get_repairer()
    blocks = _blocks(text.split("\n"))
    blocks = _merge_soft_breaks(blocks)
    paras: list[Paragraph] = []
    for block in blocks:
        for part in _split_headings(block, repairer):
            paras.append(_finish(part, repairer))
    return paras


# --- building blocks -----------------------------------------------------------------


def _blocks(lines: list[str]) -> list[Paragraph]:
    """Runs of non-blank lines; a bullet or a URL line starts a block of its own."""
    blocks: list[Paragraph] = []
    cur: Paragraph | None = None
    last_url = None
    for no, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            cur = None
            continue
        if _PAGE_NUMBER.fullmatch(line) and _is_lone(lines, no - 1):
            continue
        if _URL_LINE.fullmatch(line):
            if line == last_url:
                continue
            last_url = line
            blocks.append(Paragraph("", no, no, "url", [(no, line)]))
            cur = None
            continue
        bullet = _BULLET.match(line)
        if bullet and (line[0] not in "eo" or _looks_like_item(line[bullet.end() :])):
            cur = Paragraph("", no, no, "bullet", [(no, line[bullet.end() :].strip())])
            blocks.append(cur)
            continue
        if cur is None or (cur.lines and _ENDS_IN_ADDRESS.search(cur.lines[-1][1])):
            cur = Paragraph("", no, no, "text", [])
            blocks.append(cur)
        cur.lines.append((no, line))
        cur.last_line = no
    return blocks


def _is_lone(lines: list[str], idx: int) -> bool:
    """A short number line that is not part of a list of numbers."""
    before = lines[idx - 1].strip() if idx > 0 else ""
    after = lines[idx + 1].strip() if idx + 1 < len(lines) else ""
    return not (_PAGE_NUMBER.fullmatch(before) or _PAGE_NUMBER.fullmatch(after))


def _looks_like_item(rest: str) -> bool:
    """After "e " or "o ": a list item starts with a capital or a damaged capital."""
    return bool(rest) and (rest[0].isupper() or rest[0] in "6&|")


def _merge_soft_breaks(blocks: list[Paragraph]) -> list[Paragraph]:
    """Join blocks that a page/column break split in the middle of a sentence."""
    out: list[Paragraph] = []
    pending_urls: list[Paragraph] = []
    for block in blocks:
        if block.kind == "url":
            pending_urls.append(block)
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("text", "bullet")
            and block.kind == "text"
            and (_continues(prev.lines[-1][1], block.lines[0][1]))
        ):
            prev.lines.extend(block.lines)
            prev.last_line = block.last_line
            continue
        out.extend(pending_urls)
        pending_urls = []
        out.append(block)
    out.extend(pending_urls)
    return out


def _continues(before: str, after: str) -> bool:
    """``after`` goes on with the sentence ``before`` left open."""
    if _SENTENCE_END.search(before) or _ENDS_IN_ADDRESS.search(before):
        return False
    last = before.rsplit(None, 1)[-1].lower() if before.split() else ""
    if before.endswith((",", "-")) or last in CANNOT_END:
        return True
    first = after[:1]
    return first.islower() and not _BULLET.match(after)


def _split_headings(block: Paragraph, repairer=None) -> list[Paragraph]:
    """Cut a block after a heading-like line that is glued to the next line."""
    if block.kind != "text" or len(block.lines) < 2:
        return [block]
    widths = sorted(len(t) for _, t in block.lines)
    typical = widths[len(widths) // 2]
    parts: list[Paragraph] = []
    cur: list[tuple[int, str]] = []
    for k, (no, line) in enumerate(block.lines):
        cur.append((no, line))
        nxt = block.lines[k + 1][1] if k + 1 < len(block.lines) else None
        if nxt is not None and _is_heading_break(
            line, nxt, typical, first=k == 0, repairer=repairer
        ):
            parts.append(Paragraph("", cur[0][0], cur[-1][0], "text", cur))
            cur = []
    if cur:
        parts.append(Paragraph("", cur[0][0], cur[-1][0], "text", cur))
    return parts


def _is_heading_break(line: str, nxt: str, typical: int, first: bool, repairer=None) -> bool:
    """A block's first line is a heading when it cannot be a wrapped sentence.

    It has no final punctuation, at most ten words, does not end in "och",
    "i" …, and either is much shorter than the block's lines or the next
    line opens with a capitalised common word ("Projektet"), which a
    wrapped sentence would not (a name like "Region Västerbotten" would).
    """
    if not first or not line[:1].isupper() or not nxt[:1].isupper():
        return False
    if _SENTENCE_END.search(line) or line.endswith((",", ";", "-")):
        return False
    words = line.split()
    if words[-1].lower() in CANNOT_END or len(words) > 10:
        return False
    if len(line) < 0.75 * max(typical, 40):
        return True
    return len(line) <= 60 and _common_word(nxt.split()[0], repairer)


def _common_word(word: str, repairer) -> bool:
    """A capitalised word that is an ordinary Swedish word, not a name."""
    word = word.strip('"”“(),.:;')
    if not word.isalpha() or not word[:1].isupper() or word[1:] != word[1:].lower():
        return False
    if repairer is None:
        from resultat.core.ocr.repair import get_repairer

        repairer = get_repairer()
    an = repairer.analyser(0.99)
    cands = an.analyse(word)
    if not cands:
        return False
    best = cands[0].word
    lex = repairer.lexicon
    cost = lex.cost(best)
    return cost is not None and cost <= 550 and lex.proper_name(best) is None


# --- finishing a paragraph ---------------------------------------------------------------


def _finish(p: Paragraph, repairer) -> Paragraph:
    if p.kind == "url":
        p.text = p.lines[0][1]
        return p
    text = p.lines[0][1]
    for _, line in p.lines[1:]:
        text = _join_lines(text, line, repairer)
    text = _BROKEN_DOMAIN.sub(r"\1.se", text)
    text = _BROKEN_EMAIL.sub(r"\1@\2.\3", text)
    text = _LONE_AT.sub("@", text)
    text = _INLINE_HYPHEN.sub(lambda m: _inline_hyphen(m, repairer), text)
    p.text = re.sub(r"[ \t]{2,}", " ", text)
    if p.kind == "text" and len(p.lines) == 1 and _heading_like(p.text):
        p.kind = "heading"
    return p


def _inline_hyphen(m: re.Match, repairer) -> str:
    """A hyphen left inside a line by re-flowed hyphenation: "till-sammans"."""
    left, right = m.group(1), m.group(2)
    if left[0].isupper() and not left[1:].islower():
        return m.group(0)
    joiner = hyphen_joiner(left + "-", right, repairer)
    if joiner == "" or _split_compound(left, right, repairer):
        return left + right
    return m.group(0)


#: A left half this common is a word of its own, not a syllable cut off ("trans-").
SPLIT_LEFT_COST = 500


def _split_compound(left: str, right: str, repairer) -> bool:
    """ "trans-portplanering": the left half is no word, but the whole is a compound."""
    if not left.islower() or len(left) < 3 or len(right) < 4:
        return False
    if repairer is None:
        from resultat.core.ocr.repair import get_repairer

        repairer = get_repairer()
    an = repairer.analyser(0.99)
    lex = repairer.lexicon
    words = [left.lower()] + [c.word for c in an.analyse(left) if " " not in c.word]
    cost = min((c for c in map(lex.cost, words) if c is not None), default=999)
    if cost <= SPLIT_LEFT_COST:
        return False  # "svensk-norska", "öst-västlig": a common word before the hyphen
    return any(" " not in c.word for c in an.analyse(left + right))


def _heading_like(text: str) -> bool:
    return (
        len(text) <= 90
        and text[:1].isupper()
        and not _SENTENCE_END.search(text)
        and not text.endswith((",", ";"))
    )


def _join_lines(text: str, line: str, repairer) -> str:
    if text.endswith("@") or line.startswith("@"):
        return text + line
    if not text.endswith("-") or text.endswith((" -", "--")):
        return text + " " + line
    return text[:-1] + hyphen_joiner(text, line, repairer) + line


def hyphen_joiner(before: str, after: str, repairer=None) -> str:
    """What replaces a line-final hyphen: "" (a soft hyphen), "-" or "- ".

    ``before`` is the line ending in "-", ``after`` the next line.
    """
    m = _LAST_WORD.search(before)
    n = _FIRST_WORD.match(after)
    if not m or not n:
        return "- " if after[:1].islower() and after.split()[0] in COORDINATION else "-"
    left, right = m.group(1), n.group(1)
    if right.lower() in COORDINATION or before.endswith(",-"):
        return "- "  # "bygg- och", "natur-, kultur- och"
    if not right[:1].islower() or not left.isalpha() or len(left) == 1:
        return "-"  # "Jämtland-Härjedalen", "3-årigt", "e-tjänst", "B2B-"
    if left.isupper() or (sum(ch.isupper() for ch in left) > 1):
        return "-"  # "IT-attacker", "EU-sammanhang", "FoU-", "Al-verktyg"
    if repairer is None:
        from resultat.core.ocr.repair import get_repairer

        repairer = get_repairer()
    joined = left + right
    if _one_word(joined, repairer):
        return ""
    if left[:1].islower() and _compound_parts(left, right, repairer):
        return ""
    return "-"


def _one_word(word: str, repairer) -> bool:
    """``word`` (maybe without its diacritics) is a word of the lexicon."""
    an = repairer.analyser(0.99)
    return any(
        " " not in cand.word and repairer.lexicon.cost(cand.word) is not None
        for cand in an.analyse(word)
    )


def _compound_parts(left: str, right: str, repairer) -> bool:
    """``left`` can begin a compound and ``right`` can end one: "kund" + "underlagen"."""
    from resultat.core.ocr.candidates import symbol_readings

    an = repairer.analyser(0.99)
    first = symbol_readings(left)[0][0]
    last = symbol_readings(right)[0][0]
    return (
        len(first) >= 3
        and len(last) >= 3
        and an._part(first, False) is not None
        and an._head(last) is not None
    )
