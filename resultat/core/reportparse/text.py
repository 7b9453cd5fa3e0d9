"""Line-level helpers: folding for comparisons, page artefacts, heading candidates.

Nothing here repairs text; it only looks at the raw OCR lines to decide where things
begin and end. Comparisons are made on a *folded key*: lower case, å/ä/ö/é folded to
a/o/e, punctuation dropped, so that "Omvarldsanalys", "Omvärldsanalys" and
"OMVÄRLDSANALYS" compare equal and OCR variants compare close.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

_FOLD = str.maketrans(
    {
        "å": "a", "ä": "a", "á": "a", "à": "a", "â": "a", "ö": "o", "ø": "o", "ó": "o",
        "é": "e", "è": "e", "ê": "e", "ü": "u", "ï": "i", "|": "i",
    }
)
_KEY_WORDS = re.compile(r"[a-z0-9]+")

#: Words that a heading line cannot end with: the heading goes on on the next line.
CANNOT_END = frozenset(
    "och i på av för till med om från mot vid under över genom efter inom utan hos åt "
    "bland kring enligt mellan inför samt eller men att som en ett den det de där när "
    "både än så samt the of and for in to a "
    # the same words as the OCR prints them
    "pa pd pé fér for fr fran frdn fr&n over éver 6ver gver nar nér dar dér bade an sa "
    "mellan infér infor".split()
)
#: Line-final genitives ("länets", "kommunernas") run on to the next line.
_GENITIVE = re.compile(r"(?:ets|ens|arnas|ernas|ornas|andets)$")
_SENTENCE_END = re.compile(r"[.!?;,]['\"”’)]*$")
#: A bullet as the OCR reads it at a line start: "e ", "® ", "o ", "- ", "• ".
BULLET = re.compile(r"^\s*(?:[e®o•*·▪]|[-–])\s+(?=[\w&|\"”“(6@])")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?\s*$")
_PAGE_WORD = re.compile(r"^\s*(?:sida|page|s\.)\s*\d{1,3}(?:\s*(?:\(|av|/)\s*\d{1,3}\)?)?\s*$", re.I)


def fold(text: str) -> str:
    """Lower case with å/ä/ö/é folded to plain letters."""
    return text.lower().translate(_FOLD)


def key(text: str) -> str:
    """The folded words of ``text`` joined by single spaces."""
    return " ".join(_KEY_WORDS.findall(fold(text)))


@lru_cache(maxsize=65536)
def _bigrams(k: str) -> frozenset[str]:
    return frozenset(k[i : i + 2] for i in range(len(k) - 1))


@lru_cache(maxsize=65536)
def similar(a: str, b: str) -> float:
    """Similarity (0…1) of two keys: difflib's ratio, after cheap filters that return 0
    for clearly different strings (length, shared letter pairs)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    la, lb = len(a), len(b)
    if 2 * min(la, lb) / (la + lb) < 0.6:
        return 0.0
    ba, bb = _bigrams(a), _bigrams(b)
    if ba and bb and 2 * len(ba & bb) / (len(ba) + len(bb)) < 0.4:
        return 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < 0.6 or sm.quick_ratio() < 0.6:
        return 0.0
    return sm.ratio()


# --- Swedish word stems for matching area names ------------------------------------------

_SUFFIXES = (
    "ernas", "arnas", "ornas", "erna", "arna", "orna", "ande", "ens", "ets", "ers", "ars",
    "en", "et", "na", "ar", "er", "or", "s", "a", "e",
)
STOPWORDS = frozenset(
    "och samt i for av till inom med om pa den det en ett de som vid mot fran utan "
    "vasterbotten vasterbottens region regionen regionens regional regionala "
    "omvarlden omvarldstrender paverkar bidrar bidrag "
    # words too common in the domain to name an area on their own
    "utveckling arbete insatser".split()
)


def stem(word: str) -> str:
    """A crude Swedish stem of a folded word: "företagens" → "foretag"."""
    if word.endswith("iskt"):
        return word[:-1]  # "strategiskt" → "strategisk"
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            return word[: -len(suf)]
    return word


def stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (folded, stopwords dropped)."""
    return [stem(w) for w in _KEY_WORDS.findall(fold(text)) if w not in STOPWORDS and not w.isdigit()]


def stem_match(area_stem: str, heading_stem: str) -> bool:
    """A heading word names an area word: equal, or the area word is the first part of
    the heading's compound ("kultur" ~ "kulturverksamhet", "utbildning" ~
    "utbildningsfrag"), or a near spelling of a long word. Not "innovationsprojekt" ~
    "innovationsledning". (Two heading words that together make the area's compound,
    "finansiering av projekt", are :func:`compound_match`'s.)
    """
    if area_stem == heading_stem:
        return True
    if heading_stem.startswith(area_stem) and len(area_stem) >= 4:
        return True
    # a typo in a long word: "samhällbyggnad" for "samhällsbyggnad"
    if (
        len(area_stem) >= 8
        and abs(len(area_stem) - len(heading_stem)) <= 2
        and area_stem[:4] == heading_stem[:4]
        and similar(area_stem, heading_stem) >= 0.88
    ):
        return True
    return False


def prefix_match(area_stem: str, heading_stem: str) -> bool:
    """A weaker match: the heading word is the first part of the area's compound
    ("företag" ~ "företagsstöd"). Counts for less than a full match."""
    return len(heading_stem) >= 7 and area_stem.startswith(heading_stem)


def compound_match(area_stem: str, heading_stems: list[str]) -> bool:
    """The area word is a compound of two heading words in either order:
    "projektfinansiering" ~ "finansiering av projekt"."""
    for a in heading_stems:
        if len(a) >= 4 and area_stem.startswith(a):
            rest = area_stem[len(a) :]
            for b in heading_stems:
                if b is not a and len(b) >= 4 and (rest == b or rest.startswith(b) or rest.lstrip("s") == b):
                    return True
    return False


def proper_name(word: str, lexicon) -> bool:
    """The word (maybe without its å/ä/ö) is a name of the gazetteer: "Vasterbotten"."""
    low = word.strip('"”“(),.:;').lower()
    if lexicon.proper_name(low) is not None:
        return True
    skeleton = low.translate(_FOLD)
    return any(lexicon.proper_name(w) is not None for w, _ in lexicon.spellings(skeleton))


def common_word(word: str, lexicon) -> bool:
    """A capitalised word the lexicon knows as a fairly common word ("Projektet", "Region"),
    not an acronym or a mixed-case name ("FoU", "DIN")."""
    w = word.strip('"”“(),.:;')
    if w in ("|", "I"):
        return True  # the preposition "I" (OCR "|")
    if w[:1] == "6" and w[1:].isalpha():
        w = "Ö" + w[1:]  # "6kad" = "Ökad"
    if len(w) < 2 or not w.isalpha() or not w[:1].isupper() or w[1:] != w[1:].lower():
        return False
    low = w.lower()
    skeletons = {low.translate(_FOLD)}
    if "é" in low:  # the OCR's é stands for ä or ö as often as for é
        skeletons |= {low.replace("é", "a").translate(_FOLD), low.replace("é", "o").translate(_FOLD)}
    costs = [cost for sk in skeletons for _, cost in lexicon.spellings(sk)]
    return bool(costs) and min(costs) <= 650


# --- page artefacts -----------------------------------------------------------------------


def is_blank(line: str) -> bool:
    return not line.strip()


def page_artefact(lines: list[str], i: int, running: frozenset[str]) -> bool:
    """Line ``i`` (0-based) is a page number or a running header/footer.

    A lone page number stands between blank lines (a number in a list of numbers does
    not); ``running`` holds the keys of lines that repeat as running headers.
    """
    line = lines[i]
    s = line.strip()
    if not s:
        return False
    if _PAGE_NUMBER.match(s) or _PAGE_WORD.match(s):
        before = lines[i - 1].strip() if i > 0 else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        return not (_PAGE_NUMBER.match(before) and before) and not (_PAGE_NUMBER.match(after) and after)
    return bool(running) and _strip_page_no(key(s)) in running


def _strip_page_no(k: str) -> str:
    # "… 2025 12", "… 2025 | 12" ("|" folds to "i"), "Sida 12", "12 | Resultat …"
    return re.sub(r"(?:^| )(?:sida |i )?\d{1,3}$|^\d{1,3} (?:i )?", "", k).strip()


def running_headers(lines: list[str], titles: list[str]) -> frozenset[str]:
    """Keys of lines that are running headers or footers.

    A running header is a short line that repeats (4 times or more) and either carries a
    page number that changes ("Resultat Västerbotten 2025 12", "… 13", "… 14": at least
    three different numbers, on most of its occurrences) or is the report's name
    ("Resultat <region> <year>"). Headings that legitimately repeat ("Samverkan",
    "Region 10") do not qualify; ``titles`` never do.
    """
    counts: Counter = Counter()
    numbers: dict[str, set[str]] = {}
    numbered: Counter = Counter()
    for raw in lines:
        s = raw.strip()
        if not s or len(s) > 80:
            continue
        k = key(s)
        base = _strip_page_no(k)
        if len(base) < 6:
            continue
        counts[base] += 1
        if base != k:
            numbered[base] += 1
            numbers.setdefault(base, set()).add(k)
    excluded = {key(t) for t in titles}
    return frozenset(
        base
        for base, n in counts.items()
        if n >= 4
        and base not in excluded
        and (
            (numbered[base] * 2 >= n and len(numbers.get(base, ())) >= 3)
            or re.match(r"resultat \w+ (?:19|20)\d\d$", base)
        )
    )


# --- heading candidates -----------------------------------------------------------------


def _ends_open(text: str) -> bool:
    """The line cannot end a heading: it ends in "och", "i", "för" …, a hyphen or a dash."""
    t = text.rstrip()
    if t.endswith(("—", "–")):
        return True
    if t.endswith("-") and not t.endswith(("--", " -")):
        return True
    words = t.split()
    if not words:
        return False
    last = words[-1].lower().strip(",")
    return last in CANNOT_END or (len(words) > 1 and last.isalpha() and bool(_GENITIVE.search(last)))


def _starts_upper(text: str) -> bool:
    c = text.lstrip()[:1]
    return c.isupper() or c.isdigit() or c in "|&@\"”“("


_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
#: Finite verbs that make a full-width line a sentence rather than a heading.
_FINITE = frozenset("har är ar &r @r ska kan kommer var blir hade".split())
_DATE = re.compile(
    r"\b\d{1,2} (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b",
    re.I,
)


def _glued_before(lines: list[str], i: int, after_heading: bool) -> bool | None:
    """Whether line ``i`` follows a finished sentence with no blank line (True), opens a
    paragraph (False), or cannot start a heading at all (None)."""
    if i == 0 or after_heading:
        return False
    prev = lines[i - 1].strip()
    if not prev:
        return False
    if not re.search(r"[.!?:]['\"”’)]*$", prev):
        return None
    # a page start (the OCR's single leading space) opens a paragraph anyway
    return not (lines[i].startswith(" ") and not lines[i].startswith("  "))


def _short_tail(lines: list[str], k: int, stop: int, nxt: str, parts: list[str], known) -> bool:
    """A short tail before a blank line continues the heading ("… regional" / "innovationsledning")."""
    after = lines[k + 1].strip() if k + 1 < stop else ""
    return (
        not after
        and not _SENTENCE_END.search(nxt)
        and not nxt.endswith(":")
        and not BULLET.match(lines[k])
        and (
            (nxt[:1].islower() and len(nxt) <= 45)
            or (
                nxt[:1].isupper()
                and len(nxt) <= 30
                and len(nxt.split()) <= 4
                # not the first title under "Aktuella omvärldsfaktorer"
                and not (known is not None and known(" ".join(parts), True))
            )
        )
    )


def _heading_lines(lines: list[str], i: int, stop: int, known, name_runs_on, max_lines: int) -> tuple[list[str], int]:
    """The heading's lines from ``i`` on, and the 0-based index of its last line."""
    parts = [lines[i].strip()]
    j = i
    while j + 1 < stop and len(parts) < max_lines:
        k = j + 1
        if _ends_open(parts[-1]):
            # a heading cut by a column break: "… städer och" / (blank) / "glesbygd"
            while k < stop and k <= j + 4 and not lines[k].strip():
                k += 1
            if k >= stop or not lines[k].strip():
                break
            parts.append(lines[k].strip())
            j = k
            continue
        nxt = lines[k].strip()
        if not nxt:
            break
        if (
            name_runs_on is not None
            and nxt[:1].isupper()
            and name_runs_on(parts[-1].split()[-1], nxt.split()[0])
        ):
            parts.append(nxt)  # "Överenskommelser i samverkan mellan Region" / "Västerbotten och …"
            j = k
            continue
        if _short_tail(lines, k, stop, nxt, parts, known):
            parts.append(nxt)
            j = k
            continue
        break
    return parts, j


def _glued_text_ok(parts: list[str], text: str, nxt: str, typical: int, glued_ok, known, name_runs_on) -> bool:
    """A heading followed directly by text: not a sentence, not a name running on."""
    last = parts[-1]
    widest = max(len(part) for part in parts)
    if widest >= 0.75 * typical and not (known is not None and known(text)):
        words = [w.lower() for w in text.split()]
        if any(w in _FINITE for w in words[1:]) or _DATE.search(text):
            return False
    last_word = last.split()[-1]
    if (
        last_word[:1].isupper()
        and not any(ch.isdigit() for ch in last_word)
        and nxt.split()[0][:1].isupper()
        and name_runs_on is not None
        and name_runs_on(last_word, nxt.split()[0])
    ):
        return False  # "… samarbete med Region" / "Västerbotten …"
    return glued_ok is None or glued_ok(last, nxt, text)


def heading_at(
    lines: list[str],
    i: int,
    stop: int,
    *,
    typical: int = 45,
    glued_ok=None,
    known=None,
    name_runs_on=None,
    after_heading: bool = False,
    max_lines: int = 4,
    max_len: int = 120,
):
    """The heading that starts at line ``i`` (0-based), or None.

    Returns ``(last, text)``: the 0-based last line of the heading and its raw text,
    lines joined with spaces. A heading

    * opens a paragraph: a blank line or a heading (``after_heading``) before it;
      after a finished sentence with no
      blank line only when it is short and a blank line follows ("Väg E4" is, "Nätverket
      leds och koordineras av Business" is not);
    * starts in upper case, is not a bullet or a numbered list line, has at most 16
      words and no final full stop, comma or colon;
    * may run over a few lines: when a line ends in "och", "i", "—" … (even across a
      column break), when a short lower-case tail follows before a blank line
      ("… regional" / "innovationsledning"), or a short capitalised tail does
      ("METRIC - Measurement of Regional Innovation" / "Capacity");
    * is followed by a blank line and then not by a lower-case line (that would be a
      sentence cut by a page break), or directly by text that starts in upper case.
      A heading glued to its text must pass ``glued_ok(last_line, next_line, text)``;
      a full-width one must not read as a sentence (a finite verb; a name running on
      to the next line, "… Region" / "Västerbotten").

    ``stop`` is the exclusive 0-based end of the region; ``typical`` the usual width of
    a text line; ``known(text)`` says a glued heading has a known form (an area name,
    "Omvärlden påverkar …"): it skips the sentence tests, not ``glued_ok``; called
    with a second argument ``True`` it says whether a heading is complete (no tail
    is added to "Aktuella omvärldsfaktorer"). ``name_runs_on(word)`` says the next
    line's first word continues a name begun by the last word ("Region" / "Västerbotten").
    """
    line = lines[i].strip()
    if not line or not _starts_upper(line) or BULLET.match(lines[i]) or _NUMBERED.match(line):
        return None
    glued_before = _glued_before(lines, i, after_heading)
    if glued_before is None:
        return None
    parts, j = _heading_lines(lines, i, stop, known, name_runs_on, max_lines)
    text = " ".join(parts)
    if len(text) > max_len or len(text.split()) > 16:
        return None
    fixed = known is not None and known(text, True)  # "Aktuella Agenda 2030-mål:"
    if _SENTENCE_END.search(text) or (text.endswith(":") and not fixed) or _ends_open(parts[-1]):
        return None
    nxt = lines[j + 1].strip() if j + 1 < stop else ""
    if not nxt:
        k = j + 1
        while k < stop and k <= j + 5 and not lines[k].strip():
            k += 1
        if k < stop and lines[k].strip()[:1].islower() and not BULLET.match(lines[k]):
            return None  # a sentence cut by a page or column break
        if glued_before and len(text) > 0.75 * typical:
            return None
        return j, text
    if glued_before and len(text) > 0.6 * typical:
        return None
    if BULLET.match(lines[j + 1]) or (fixed and _starts_upper(nxt)):
        return j, text
    if not _starts_upper(nxt):
        return None
    return (j, text) if _glued_text_ok(parts, text, nxt, typical, glued_ok, known, name_runs_on) else None
