"""Segmenting the OCR text of a "Resultat" report: :func:`parse_report`.

The report's grammar (shared/reference/resultat-2025-structure.md §1–2):

* chapters: one heading per chapter of the structure file ("Västerbotten — En
  nytänkande och smart region", "Regionala utvecklingsuppdraget (samtliga …)"),
  compared with the structure's titles on folded keys, so OCR damage and line breaks
  inside the title do not matter; then the contact list ("Kontakt för mer information");
* sections: the eight sub-headings, in order, in every chapter
  (:data:`~resultat.core.reportparse.grammar.QUESTIONS`);
* area blocks: inside a section, one block per strategic area of the chapter, in the
  structure's area order. A block starts at a heading that names the area ("Omvärlden
  påverkar kollektivtrafiken", "Jämställdhet i transportinfrastruktur"); a heading that
  names two joint areas starts a joint block. The headings are matched on word stems and
  aligned with the area order (a dynamic programme), so a mention of a later area inside
  an earlier block does not cut it. A heading in the typical form of the section
  ("Omvärlden påverkar …", "Sammanhållen region integrerad i beredning") fills an area
  that no heading names, when the order leaves room for it;
* typed items: inner headings ("Aktuella omvärldsfaktorer", "Exempel på aktiviteter",
  "Fasta samverkansytor", "Aktuella Agenda 2030-mål", "Ett urval av insatser …") open a
  list; each titled paragraph (or bullet) after it is an item. "Mål N: titel" lines are
  Agenda 2030 items.

Texts are rebuilt with :func:`resultat.core.ocr.layout_paragraphs` (page numbers, page
breaks, hyphenation, bullets) and repaired with :func:`resultat.core.ocr.repair_text`
in two batches (headings, then all texts), so that the document-wide diacritic estimate
applies and words are analysed once. Raw lines are kept for provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resultat.core.i18n import N_, Message
from resultat.core.ocr import get_repairer, layout_paragraphs
from resultat.core.ocr.layout import hyphen_joiner
from resultat.core.reportparse import grammar, sdg
from resultat.core.reportparse.model import (
    Lines,
    ParsedBlock,
    ParsedChapter,
    ParsedContact,
    ParsedItem,
    ParsedReport,
    ParsedSection,
    ParseWarning,
    ReportParseError,
)
from resultat.core.reportparse.text import (
    BULLET,
    common_word,
    compound_match,
    heading_at,
    key,
    page_artefact,
    prefix_match,
    running_headers,
    similar,
    stem_match,
    stems,
)

#: Lexical score (share of an area name's words a heading names) that makes a match.
AREA_MATCH = 0.5
#: A weaker score that fills an area no better heading names ("Vård och tandvård …"
#: for "Hälso- och sjukvård samt tandvård").
WEAK_MATCH = 0.3
#: Share of a word's weight when the heading only names the first part of the area's
#: compound ("företag" for "företagsstöd").
PREFIX_WEIGHT = 0.6
CONTACT_HEADING = "kontakt for mer information"
#: Sections whose area headings often take the inriktning's own words
#: ("Sammanhållen region integrerad i beredning").
_INRIKTNING = ("sammanhallen-region", "jamlik-inkludering", "foregangare-omstallning")


# --- internal records ------------------------------------------------------------------


@dataclass
class _Area:
    code: str
    name: str
    order: int
    joint: frozenset[str]
    first_line: int | None  # structure's source_lines[0] (1-based), a hint only
    words: list[tuple[str, int]] = field(default_factory=list)  # (stem, weight)


@dataclass
class _Cand:
    """A heading candidate: 0-based first/last line, raw text, repaired text."""

    first: int
    last: int
    raw: str
    fixed: str = ""
    inner: str | None = None  # item kind an inner heading opens
    sdg: re.Match | None = None
    bullet: bool = False


@dataclass
class _Sec:
    code: str
    first: int  # 0-based heading line
    end: int  # exclusive
    cands: list[_Cand] = field(default_factory=list)
    blocks: list = field(default_factory=list)


@dataclass
class _Chap:
    code: str
    title: str
    first: int
    title_last: int
    end: int  # exclusive
    sections: list[_Sec] = field(default_factory=list)


class _Texts:
    """Paragraphs waiting for the batch word repair; a text is a list of slots."""

    def __init__(self):
        self.paras: list[str] = []

    def add(self, paragraph: str) -> int:
        self.paras.append(paragraph.replace("\n", " "))
        return len(self.paras) - 1

    def repair(self) -> list[str]:
        if not self.paras:
            return []
        joined = "\n\n".join(self.paras)
        fixed = get_repairer().repair_text(joined).split("\n")
        if len(fixed) != 2 * len(self.paras) - 1:  # the repair keeps lines; be safe anyway
            return list(self.paras)
        return fixed[::2]


@dataclass
class _TextRef:
    """A text to assemble after repair: (prefix, paragraph slot) pairs."""

    parts: list[tuple[str, int]] = field(default_factory=list)

    def render(self, fixed: list[str]) -> str:
        out = []
        for prefix, slot in self.parts:
            t = fixed[slot].strip()
            if t:
                out.append(prefix + t)
        return "\n\n".join(out)


# --- entry point ---------------------------------------------------------------------------


def parse_report(text: str, *, year: int, structure: dict, source: str = "") -> ParsedReport:
    """Parse the OCR text of a yearly report into chapters, sections, blocks and items.

    ``structure`` is the parsed structure file (``data/followup/<region>/structure-<year>.yaml``):
    its ``chapters`` (code, title) and ``areas`` (code, name, chapter, order, joint_with)
    drive the segmentation. Raises :class:`ReportParseError` when the text is not such a
    report; everything recoverable is a :class:`ParseWarning`.
    """
    if not isinstance(text, str):
        raise ReportParseError(Message(N_("Texten måste vara en sträng")), 0)
    chapters_spec, areas_spec = _read_structure(structure)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(line.strip() for line in lines):
        raise ReportParseError(Message(N_("Texten är tom")), 1)
    parser = _Parser(lines, year, chapters_spec, areas_spec, source)
    parser.structure_contacts = structure.get("contacts") or []
    return parser.run()


def _read_structure(structure) -> tuple[list[dict], list[dict]]:
    if not isinstance(structure, dict):
        raise ReportParseError(Message(N_("Strukturen måste vara en mappning (structure-ÅÅÅÅ.yaml)")), 0)
    chapters = structure.get("chapters")
    areas = structure.get("areas") or []
    if not isinstance(chapters, list) or not chapters:
        raise ReportParseError(Message(N_("Strukturen saknar kapitel (chapters)")), 0)
    for ch in chapters:
        if not isinstance(ch, dict) or not ch.get("code") or not ch.get("title"):
            raise ReportParseError(Message(N_("Strukturen har ett kapitel utan code/title")), 0)
    if not isinstance(areas, list) or any(
        not isinstance(a, dict) or not a.get("code") or not a.get("name") for a in areas
    ):
        raise ReportParseError(Message(N_("Strukturen har ett område utan code/name")), 0)
    return chapters, areas


class _Parser:
    def __init__(self, lines, year, chapters_spec, areas_spec, source):
        self.raw = lines
        self.n = len(lines)
        self.year = year
        self.source = source
        self.chapters_spec = chapters_spec
        self.areas_spec = areas_spec
        self.warnings: list[ParseWarning] = []
        titles = [c["title"] for c in chapters_spec] + [a["name"] for a in areas_spec]
        titles += [t for _, t, _ in grammar.QUESTIONS]
        running = running_headers(lines, titles)
        self.artefact = [page_artefact(lines, i, running) for i in range(self.n)]
        self.clean = [("" if self.artefact[i] else lines[i]) for i in range(self.n)]
        self.keys: dict[int, str] = {}
        widths = sorted(len(s.strip()) for s in self.clean if s.strip())
        self.typical = widths[len(widths) // 2] if widths else 50
        self.areas_by_chapter = self._areas()
        self.all_areas = [a for group in self.areas_by_chapter.values() for a in group]
        self.trust_lines = False

    # -- helpers ------------------------------------------------------------------------------

    def warn(self, line0: int, message: str) -> None:
        self.warnings.append(ParseWarning(line0 + 1, message))

    def key_of(self, i: int) -> str:
        k = self.keys.get(i)
        if k is None:
            k = self.keys[i] = key(self.clean[i])
        return k

    def prev_ends(self, i: int) -> bool:
        """Line ``i`` opens a paragraph: blank line or a finished sentence before it."""
        if i == 0:
            return True
        prev = self.clean[i - 1].strip()
        return not prev or bool(re.search(r"[.!?:]['\"”’)]*$", prev))

    def _known_heading(self, text: str, fixed_only: bool = False) -> bool:
        """A heading form the grammar knows: an area heading ("Omvärlden påverkar …", a
        heading that names an area), a sub-heading or an inner heading. With
        ``fixed_only``, only the fixed headings (sub-headings, inner headings, "Mål N")."""
        k = key(text)
        if fixed_only:
            q = grammar.question_of(k)
            if q and len(k) <= len(key(grammar.QUESTION_TITLES[q])) + 3:
                return True
            return bool(grammar.inner_kind(k) or grammar.SDG_LINE.match(text))
        if grammar.inner_kind(k) or grammar.question_of(k):
            return True
        if grammar.OMV_FORM.match(k):
            return True
        st = stems(text)
        return any(self._area_score(a, st, prefix=False) >= AREA_MATCH for a in self.all_areas)

    def _name_runs_on(self, last_word: str, word: str) -> bool:
        """A line ending in the first word of a name goes on with the name on the next
        line: "… har Region" / "Västerbotten …", "… under Business" / "Swedens …"."""
        if not last_word[:1].isupper():
            return False  # "… Sammanhållen region" / "Fortsatt arbete …"
        head = key(last_word)
        if head in _PLACE_NAMES:  # "… Region Västerbotten" / "Turism, Visit Umeå …"
            return word.endswith(",")
        if head not in _NAME_HEADS:
            return False
        return True

    def _glued_ok(self, last: str, nxt: str, text: str) -> bool:
        """A heading line directly followed by text: it is clearly shorter than the
        text's lines, or the text opens with an ordinary word ("Projektet …"), which a
        wrapped sentence would not (a name like "FoU Socialtjänst" could)."""
        if grammar.SDG_LINE.match(nxt) or len(last) < 0.75 * max(self.typical, 40):
            return True
        first = nxt.split()[0] if nxt.split() else ""
        return common_word(first, get_repairer().lexicon)

    # -- the run --------------------------------------------------------------------------------

    def run(self) -> ParsedReport:
        contact_at = self._find_contact_heading()
        chapters = self._find_chapters(contact_at if contact_at is not None else self.n)
        if not chapters:
            raise ReportParseError(
                Message(N_("Hittar inga kapitelrubriker från strukturen (t.ex. \"%(title)s\"); är det en rapport av det här slaget?"), title=self.chapters_spec[0]['title']),
                1,
            )
        # The structure's line numbers (source_lines) are hints only when they describe
        # this very text: every chapter starts where the structure says.
        starts = {c["code"]: c.get("source_lines") for c in self.chapters_spec}
        self.trust_lines = all(_first_line(starts.get(ch.code)) == ch.first + 1 for ch in chapters)
        for ch in chapters:
            self._find_sections(ch)
        cands = [c for ch in chapters for s in ch.sections for c in s.cands]
        self._repair_candidates(cands)
        for ch in chapters:
            for sec in ch.sections:
                self._classify(sec)
                self._blocks(ch, sec, self.areas_by_chapter.get(ch.code, []))
        texts = _Texts()
        built = [
            (ch, [(sec, [self._segment(sec, b, texts) for b in sec.blocks]) for sec in ch.sections])
            for ch in chapters
        ]
        contacts_raw = self._contacts(contact_at, texts) if contact_at is not None else []
        fixed = texts.repair()
        out_chapters = []
        for ch, secs in built:
            out_secs = []
            for sec, blocks in secs:
                out_blocks = tuple(b(fixed) for b in blocks)
                out_blocks = tuple(b for b in out_blocks if b is not None)
                out_secs.append(ParsedSection(sec.code, Lines(sec.first + 1, sec.end), out_blocks))
            out_chapters.append(
                ParsedChapter(ch.code, ch.title, Lines(ch.first + 1, ch.end), tuple(out_secs))
            )
        contacts = tuple(c(fixed) for c in contacts_raw)
        if contact_at is None:
            self.warn(chapters[-1].end - 1, "Kontaktlistan (”Kontakt för mer information”) saknas")
        self.warnings.sort(key=lambda w: w.line)
        return ParsedReport(
            source=self.source,
            year=self.year,
            chapters=tuple(out_chapters),
            contacts=contacts,
            warnings=tuple(self.warnings),
        )

    # -- chapters and sections --------------------------------------------------------------------

    def _find_contact_heading(self) -> int | None:
        for i in range(self.n - 1, -1, -1):
            s = self.clean[i].strip()
            if s and len(s) < 45 and s[:1] in "KkX":
                if similar(self.key_of(i), CONTACT_HEADING) >= 0.85:
                    return i
        return None

    def _match_title(self, i: int, end: int, title_key: str) -> int | None:
        """Last line of the chapter title starting at line ``i``, or None."""
        s = self.clean[i].strip()
        if not s or len(s) > len(title_key) + 15 or s.endswith("."):
            return None
        k = self.key_of(i)
        if len(k) < min(10, len(title_key)) or k[:1] != title_key[:1]:
            return None
        if similar(k, title_key[: len(k)]) < 0.8:
            return None
        if not self.prev_ends(i):
            return None
        got, j = k, i
        for _ in range(3):
            if similar(got, title_key) >= 0.86:
                return j
            nxt = j + 1
            while nxt < end and nxt <= j + 3 and not self.clean[nxt].strip():
                nxt += 1
            if nxt >= end or not self.clean[nxt].strip() or len(got) >= len(title_key):
                return None
            got, j = f"{got} {self.key_of(nxt)}", nxt
        return j if similar(got, title_key) >= 0.86 else None

    def _find_chapters(self, end: int) -> list[_Chap]:
        found: list[_Chap] = []
        cursor = 0
        for spec in self.chapters_spec:
            tk = key(spec["title"])
            hit = None
            for i in range(cursor, end):
                last = self._match_title(i, end, tk)
                if last is not None:
                    hit = (i, last)
                    break
            if hit is None:
                self.warn(cursor, f"Kapitlet ”{spec['title']}” ({spec['code']}) hittades inte i texten")
                continue
            found.append(_Chap(spec["code"], spec["title"], hit[0], hit[1], end))
            cursor = hit[1] + 1
        for a, b in zip(found, found[1:]):
            a.end = b.first
        return found

    def _find_sections(self, ch: _Chap) -> None:
        cursor = ch.title_last + 1
        found: list[_Sec] = []
        for qi, (code, title, _) in enumerate(grammar.QUESTIONS):
            hit = None
            for i in range(cursor, ch.end):
                s = self.clean[i].strip()
                if not s or len(s) > 60 or not self.prev_ends(i):
                    continue
                if grammar.question_of(self.key_of(i)) == code:
                    hit = i
                    break
            if hit is None:
                self.warn(cursor, f"Underrubriken ”{title}” saknas i kapitlet {ch.code}")
                continue
            found.append(_Sec(code, hit, ch.end))
            cursor = hit + 1
        for a, b in zip(found, found[1:]):
            a.end = b.first
        if found and any(self.clean[i].strip() for i in range(ch.title_last + 1, found[0].first)):
            self.warn(ch.title_last + 1, f"Text före första underrubriken i kapitlet {ch.code} hoppas över")
        ch.sections = found
        for sec in found:
            sec.cands = self._candidates(sec.first + 1, sec.end, agenda=sec.code == "agenda-2030")

    def _candidates(self, start: int, end: int, agenda: bool = False) -> list[_Cand]:
        out: list[_Cand] = []
        i = start
        clean = self.clean
        while i < end:
            line = clean[i]
            if not line.strip():
                i += 1
                continue
            if BULLET.match(line):
                last = i
                while last + 1 < end and clean[last + 1].strip() and not BULLET.match(clean[last + 1]):
                    last += 1
                out.append(_Cand(i, last, "\n".join(s.strip() for s in clean[i : last + 1]), bullet=True))
                i = last + 1
                continue
            m = grammar.SDG_LINE.match(line) if (self.prev_ends(i) or agenda) else None
            if m:
                last, text = self._sdg_title(i, end, m)
                c = _Cand(i, last, text, sdg=m)
                out.append(c)
                i = last + 1
                continue
            h = heading_at(
                clean,
                i,
                end,
                typical=self.typical,
                glued_ok=self._glued_ok,
                known=self._known_heading,
                name_runs_on=self._name_runs_on,
                # the first title glued under an inner heading ("Ett urval av insatser
                # inom kollektivtrafik" / "Utveckling av Norrbotniabanan")
                # and an inner heading glued under an area heading ("Digitalisering" /
                # "Ett urval av insatser inom digitalisering")
                after_heading=bool(out)
                and out[-1].last == i - 1
                and not out[-1].bullet
                and (
                    grammar.inner_kind(key(out[-1].raw)) is not None
                    or grammar.inner_kind(self.key_of(i)) is not None
                ),
            )
            if h is not None:
                last, text = h
                out.append(_Cand(i, last, self._join_heading(i, last)))
                i = last + 1
                continue
            i += 1
        return out

    def _join_heading(self, first: int, last: int) -> str:
        text = ""
        for j in range(first, last + 1):
            part = self.clean[j].strip()
            if not part:
                continue
            if not text:
                text = part
            elif text.endswith("-") and not text.endswith(" -"):
                text = text[:-1] + hyphen_joiner(text, part) + part
            else:
                text = f"{text} {part}"
        return text

    def _sdg_title(self, i: int, end: int, m: re.Match) -> tuple[int, str]:
        """A "Mål N: titel" line and the wrapped rest of its title, if any."""
        title = m.group(3)
        goal = int(m.group(1))
        last = i
        j = i + 1
        if j < end and title:
            nxt = self.clean[j].strip()
            after = self.clean[j + 1].strip() if j + 1 < end else ""
            open_end = title.rstrip().split()[-1].lower() in ("och", "för", "for", "i")
            if nxt and len(nxt) <= 40 and (open_end or (nxt[:1].islower() and not after)):
                longer = f"{title} {nxt}"
                if 1 <= goal <= 17 and sdg.title_fit(longer, goal) >= sdg.title_fit(title, goal):
                    last = j
        return last, self._join_heading(i, last)

    # -- repaired candidate texts ---------------------------------------------------------------------

    def _repair_candidates(self, cands: list[_Cand]) -> None:
        batch = _Texts()
        slots = [batch.add(c.raw) for c in cands]
        fixed = batch.repair()
        for c, slot in zip(cands, slots):
            c.fixed = fixed[slot].strip()

    # -- areas ------------------------------------------------------------------------------------------

    def _areas(self) -> dict[str, list[_Area]]:
        by_chapter: dict[str, list[_Area]] = {}
        for pos, spec in enumerate(self.areas_spec):
            order = spec.get("order")
            area = _Area(
                code=spec["code"],
                name=spec["name"],
                order=order if isinstance(order, int) else pos,
                joint=frozenset(spec.get("joint_with") or ()),
                first_line=_first_line(spec.get("source_lines")),
            )
            words = []
            for w in stems(spec["name"]):
                if w not in dict(words):
                    words.append((w, max(len(w), 3)))
            area.words = words
            by_chapter.setdefault(spec.get("chapter", ""), []).append(area)
        for areas in by_chapter.values():
            areas.sort(key=lambda a: a.order)
        return by_chapter

    @staticmethod
    def _area_score(area: _Area, heading_stems: list[str], prefix: bool = True) -> float:
        if not area.words or not heading_stems:
            return 0.0
        total = sum(w for _, w in area.words)
        hit = 0.0
        for s, w in area.words:
            if any(stem_match(s, h) for h in heading_stems) or compound_match(s, heading_stems):
                hit += w
            elif prefix and any(prefix_match(s, h) for h in heading_stems):
                hit += PREFIX_WEIGHT * w
        return hit / total

    def _classify(self, sec: _Sec) -> None:
        for c in sec.cands:
            if c.sdg or c.bullet:
                continue
            for k in {key(c.raw), key(c.fixed)}:
                kind = grammar.inner_kind(k)
                if kind:
                    c.inner = kind
                    break

    # -- blocks ---------------------------------------------------------------------------------------

    def _form_cue(self, sec: _Sec, c: _Cand) -> bool:
        """The heading has the section's typical area-heading form."""
        k = key(c.fixed)
        if sec.code == "omvarldsanalys":
            return bool(grammar.OMV_FORM.match(k) or grammar.OMV_FORM.match(key(c.raw)))
        if sec.code in _INRIKTNING:
            want = stems(grammar.QUESTION_TITLES[sec.code])
            got = stems(c.fixed)
            hit = sum(len(w) for w in want if any(stem_match(w, g) for g in got))
            return hit >= 0.5 * sum(len(w) for w in want)
        return False

    def _blocks(self, ch: _Chap, sec: _Sec, areas: list[_Area]) -> None:
        """Choose the area headings of a section: a monotone alignment of the candidates
        with the chapter's areas that maximises the evidence."""
        cands = [c for c in sec.cands if not c.inner and not c.sdg and not c.bullet]
        if not areas:
            if cands or any(self.clean[i].strip() for i in range(sec.first + 1, sec.end)):
                self.warn(
                    sec.first, f"Kapitlet {ch.code} har inga områden i strukturen; underrubriken hoppas över"
                )
            return
        index = {a.code: k for k, a in enumerate(areas)}
        stems_of = [stems(c.fixed) + [s for s in stems(c.raw)] for c in cands]
        score = [[self._area_score(a, st) for a in areas] for st in stems_of]
        cue = [self._form_cue(sec, c) for c in cands]
        hint = self._hints(sec, areas)
        picks = _align(cands, areas, score, cue, hint)
        _pull_starts_back(picks, cands, score, index)
        _add_unheaded_areas(picks, cands, areas, hint, index)
        picks.sort()
        self._lead_and_coverage(ch, sec, areas, picks)
        for k, (line0, codes, ci) in enumerate(picks):
            end = picks[k + 1][0] if k + 1 < len(picks) else sec.end
            head = cands[ci] if ci >= 0 else None
            if head is not None and len(codes) == 1:
                ai = index[codes[0]]
                if score[ci][ai] < WEAK_MATCH and not cue[ci]:
                    # placed by the structure's line only: the line is the text's first
                    # heading, not an area heading ("Ökat fokus på säkerhet …")
                    head = None
            sec.blocks.append((codes, line0, end, head))

    def _lead_and_coverage(self, ch: _Chap, sec: _Sec, areas: list[_Area], picks: list[tuple]) -> None:
        """Text before the first block joins it (or is skipped when there is no block), and
        an area with no block is warned about. ``picks`` is sorted; its first may change."""
        title = grammar.QUESTION_TITLES[sec.code]
        first_block = picks[0][0] if picks else sec.end
        if any(self.clean[i].strip() for i in range(sec.first + 1, first_block)):
            lead = next(i for i in range(sec.first + 1, first_block) if self.clean[i].strip())
            if picks:
                self.warn(lead, f"Text utan områdesrubrik i början av ”{title}” ({ch.code}) räknas till första blocket")
                picks[0] = (lead, picks[0][1], -2)
            else:
                self.warn(lead, f"Ingen områdesrubrik hittades under ”{title}” ({ch.code}); texten hoppas över")
        covered = {code for p in picks for code in p[1]}
        for a in areas:
            if a.code not in covered:
                self.warn(sec.first, f"Området ”{a.name}” har ingen text under ”{title}” ({ch.code})")

    def _hints(self, sec: _Sec, areas: list[_Area]) -> dict[int, int]:
        """Areas whose structure ``source_lines`` start inside this section (0-based line).

        Only trusted when the text is the whole report the structure describes: then the
        chapters start where the structure says (``trust_lines``, set in :meth:`run`).
        """
        if not self.trust_lines:
            return {}
        out = {}
        for ai, a in enumerate(areas):
            if a.first_line and sec.first < a.first_line - 1 < sec.end:
                line0 = a.first_line - 1
                while line0 < sec.end - 1 and not self.clean[line0].strip():
                    line0 += 1
                out[ai] = line0
        return out

    # -- inside a block ----------------------------------------------------------------------------

    def _segment(self, sec: _Sec, block, texts: _Texts):
        """Split a block into body text and typed items; returns a builder for after repair."""
        codes, start, end, head = block
        while end > start and not self.clean[end - 1].strip():
            end -= 1
        body_start = head.last + 1 if head is not None else start
        heading_raw = head.raw if head is not None else ""
        cands = [c for c in sec.cands if body_start <= c.first < end]
        body, items = self._split_items(sec, cands, body_start, end)

        # Body text.
        ref = _TextRef()
        for part in body:
            if part[0] == "heading":
                ref.parts.append(("### ", texts.add(part[3].raw)))
            else:
                self._add_paragraphs(ref, part[1], part[2], texts)
        heading_slot = texts.add(heading_raw) if heading_raw else None
        item_builders = [self._item_builder(it, texts) for it in items]
        raw = "\n".join(self.raw[start:end])
        lines = Lines(start + 1, max(start, end - 1) + 1)

        def build(fixed: list[str]):
            built = tuple(x for x in (b(fixed) for b in item_builders) if x is not None)
            return ParsedBlock(
                area_codes=codes,
                heading=fixed[heading_slot].strip() if heading_slot is not None else "",
                text=ref.render(fixed),
                raw=raw,
                lines=lines,
                items=built,
            )

        return build

    @staticmethod
    def _split_items(sec: _Sec, cands: list[_Cand], body_start: int, end: int) -> tuple[list[tuple], list[dict]]:
        """The block's lines from ``body_start`` to ``end`` as body parts and typed items."""
        # The item kind titled paragraphs get: set by an inner heading ("Fasta
        # samverkansytor"), or the section's own ("Ett urval av insatser i länet").
        mode = grammar.DEFAULT_KIND.get(sec.code)
        agenda = sec.code == "agenda-2030"
        body: list[tuple] = []  # ("text", first, last) | ("heading", first, last, cand)
        items: list[dict] = []
        pos = body_start

        def flush(to: int):
            """Lines pos..to-1 go to the open item's text, or to the body."""
            nonlocal pos
            if pos < to:
                target = items[-1] if (items and items[-1]["open"]) else None
                if target is not None:
                    target["text"].append((pos, to - 1))
                    target["last"] = to - 1
                else:
                    body.append(("text", pos, to - 1))
            pos = to

        def open_item(kind: str, c: _Cand, bullet: bool = False):
            nonlocal pos
            flush(c.first)
            items.append(
                {
                    "kind": kind,
                    "title": c,
                    "first": c.first,
                    "last": c.last,
                    "text": [],
                    "open": True,
                    "bullet": bullet,
                }
            )
            pos = c.last + 1

        for c in cands:
            item_open = bool(items) and items[-1]["open"]
            if c.sdg is not None and agenda:
                open_item("sdg", c)
            elif c.inner:
                flush(c.first)
                for it in items:
                    it["open"] = False
                mode = c.inner
                pos = c.last + 1
            elif mode is None or mode == "sdg":
                # no list open: a bullet stays in the text, a heading is a "### " line
                # (inside an Agenda 2030 justification it stays in the item's text)
                if not c.bullet and not item_open and not (mode == "sdg"):
                    flush(c.first)
                    body.append(("heading", c.first, c.last, c))
                    pos = c.last + 1
            elif c.bullet:
                # a list right under the inner heading is the items; a list inside an
                # item's description stays in its text
                if not item_open or items[-1]["bullet"]:
                    open_item(mode, c, bullet=True)
            else:
                open_item(mode, c)
        flush(end)
        return body, items

    def _add_paragraphs(self, ref: _TextRef, first: int, last: int, texts: _Texts) -> None:
        chunk = self.clean[first : last + 1]
        if not any(s.strip() for s in chunk):
            return
        # Text glued under a heading: the layout would take its first line for a
        # heading of its own ("Projektet Digital Omställning Västerbottens" /
        # "Industrier (DOVI) …"); a finished dummy line in front keeps it in its paragraph.
        glued = first > 0 and bool(self.clean[first - 1].strip()) and bool(chunk[0].strip())
        if glued and not BULLET.match(chunk[0]):
            chunk = [_DUMMY] + chunk
        else:
            glued = False
        for k, p in enumerate(layout_paragraphs("\n".join(chunk))):
            text = p.text
            if glued and k == 0:
                if text == _DUMMY:
                    continue
                if text.startswith(_DUMMY + " "):
                    text = text[len(_DUMMY) + 1 :]
            if p.kind == "bullet":
                ref.parts.append(("- ", texts.add(text)))
            else:
                ref.parts.append(("", texts.add(text)))

    def _item_builder(self, it: dict, texts: _Texts):
        c: _Cand = it["title"]
        kind = it["kind"]
        ref = _TextRef()
        for a, b in it["text"]:
            self._add_paragraphs(ref, a, b, texts)
        last = it["last"]
        while last > it["first"] and not self.clean[last].strip():
            last -= 1
        raw = "\n".join(self.raw[it["first"] : last + 1])
        lines = Lines(it["first"] + 1, last + 1)
        goal = target = None
        title_raw = c.raw
        if kind == "sdg":
            m = c.sdg
            goal = int(m.group(1))
            title_raw = self._join_heading(c.first, c.last)
            whole = grammar.SDG_LINE.match(title_raw)
            title_raw = whole.group(3) if whole else ""
            if not (1 <= goal <= 17):
                self.warn(c.first, f"Agenda 2030-mål {goal} finns inte (1–17); posten hoppas över")
                return lambda fixed: None
            target_sub = m.group(2)
            if target_sub is None:
                body_raw = "\n".join(self.clean[a] for a in range(c.first, last + 1))
                tm = grammar.SDG_TARGET.search(body_raw)
                if tm:
                    if int(tm.group(1)) != goal:
                        cited = f"{tm.group(1)}.{tm.group(2)}"
                        self.warn(c.first, f"Delmål {cited} hör inte till mål {goal}; delmålet tas inte med")
                    else:
                        target = sdg.target_code(tm.group(1), tm.group(2))
            else:
                target = sdg.target_code(goal, target_sub)
            if target is not None and target not in sdg.TARGETS:
                self.warn(c.first, f"Okänt delmål {target} under mål {goal}; posten hoppas över")
                return lambda fixed: None
        if c.bullet:  # the bullet's own text is the item: "• Ny digitaliseringsstrategi …"
            title_raw = " ".join(p.text for p in layout_paragraphs(c.raw))
        title_slot = texts.add(title_raw) if title_raw else None
        first0 = c.first

        def build(fixed: list[str]):
            title = fixed[title_slot].strip() if title_slot is not None else ""
            if kind == "sdg" and title:
                named = sdg.goal_named_by(title)
                if named is not None and named != goal:
                    self.warn(
                        first0, f"”Mål {goal} {title}”: titeln hör till mål {named}, numret {goal} gäller"
                    )
            return ParsedItem(
                kind=kind,
                title=title,
                text=ref.render(fixed),
                lines=lines,
                raw=raw,
                sdg_goal=goal,
                sdg_target=target,
            )

        return build

    # -- contacts ---------------------------------------------------------------------------------------

    def _contacts(self, start: int, texts: _Texts) -> list:
        """The contact list: chapter headings, then "Namn, Titel, telefon, e-post" entries
        (an entry may wrap onto a second line; the OCR breaks addresses:
        "nils.enwald @regionvasterbotten.se", "@ regionvasterbotten.se")."""
        titles = [(c["code"], key(c["title"])) for c in self.chapters_spec]
        chapter = ""
        entry: list[int] = []
        out = []

        def finish():
            if entry:
                built = self._contact(entry, chapter, texts)
                if built is not None:
                    out.append(built)
                entry.clear()

        i = start + 1
        while i < self.n:
            line = self.clean[i].strip()
            if not line:
                i += 1
                continue
            k = self.key_of(i)
            code = next((c for c, tk in titles if similar(k, tk) >= 0.85), None)
            if code is None and len(k) > 8:  # a title wrapped over two lines
                nxt = self.key_of(i + 1) if i + 1 < self.n else ""
                code = next((c for c, tk in titles if nxt and similar(f"{k} {nxt}", tk) >= 0.88), None)
                if code is not None:
                    i += 1
            if code is not None:
                finish()
                chapter = code
                i += 1
                continue
            if _CONTACT_START.match(line) and (not entry or self._has_email(entry)):
                finish()
                entry.append(i)
            elif entry:
                entry.append(i)
            i += 1
        finish()
        return out

    def _has_email(self, entry: list[int]) -> bool:
        return "@" in " ".join(self.clean[j] for j in entry)

    def _contact(self, entry: list[int], chapter: str, texts: _Texts):
        raw = " ".join(self.clean[j].strip() for j in entry)
        joined = _fix_email_breaks(raw)
        parts = [p.strip() for p in joined.split(",") if p.strip()]
        email = next((p for p in parts if "@" in p), "")
        phone = next((p for p in parts if _PHONE.match(p)), "")
        rest = [p for p in parts if p not in (email, phone)]
        if not rest or not email:
            self.warn(
                entry[0], f"Kontaktuppgiften ”{raw[:60]}” kunde inte tolkas (namn, titel, telefon, e-post)"
            )
            return None
        name_slot = texts.add(rest[0])
        title_slot = texts.add(", ".join(rest[1:])) if len(rest) > 1 else None
        email = email.split()[-1].lower().strip(".;")
        lines = Lines(entry[0] + 1, entry[-1] + 1)
        known = self._known_contacts()

        def build(fixed: list[str]):
            name = fixed[name_slot].strip()
            title = fixed[title_slot].strip() if title_slot is not None else ""
            # Names and titles are proper nouns the lexicon may not restore ("Rudehall"):
            # take the structure file's spelling when it is the same name without diacritics.
            spec = known.get(key(rest[0])) or known.get(email)
            if spec is not None:
                if key(spec.get("name", "")) == key(name) or key(spec.get("name", "")) == key(rest[0]):
                    name = spec["name"]
                if title and spec.get("title") and similar(key(spec["title"]), key(title)) >= 0.9:
                    title = spec["title"]
            return ParsedContact(
                name=name, title=title, phone=phone, email=email, chapter=chapter, lines=lines
            )

        return build

    def _known_contacts(self) -> dict:
        known = getattr(self, "_known", None)
        if known is None:
            known = {}
            for c in self.structure_contacts:
                if isinstance(c, dict) and c.get("name"):
                    known.setdefault(key(c["name"]), c)
                    if c.get("email"):
                        known.setdefault(str(c["email"]).lower(), c)
            self._known = known
        return known


_DUMMY = "Xq."


# --- choosing a section's area headings (steps of _Parser._blocks) ---------------------
# A pick is ``(line, area codes, candidate index)``; the index is -1 for an area placed
# by the structure's line and -2 once the text before the first heading joins that block.

_NEG = float("-inf")


def _align(cands: list[_Cand], areas: list[_Area], score, cue, hint) -> list[tuple[int, tuple[str, ...], int]]:
    """The monotone alignment of heading candidates with areas that maximises the summed
    evidence (a dynamic programme over candidates × areas); joint areas may share a heading."""
    n, m = len(cands), len(areas)

    def value(ci: int, ai: int) -> float:
        s = score[ci][ai]
        eps = 1e-4 * ci / max(n, 1)
        if s >= AREA_MATCH:
            v = 1.0 + s + (0.3 if cue[ci] else 0.0)
            if s > 0.99 and key(cands[ci].fixed) == key(areas[ai].name):
                v += 0.3
            return v - eps
        if cue[ci] or hint.get(ai) == cands[ci].first:
            return 0.7 - eps
        if s >= WEAK_MATCH:
            return 0.5 - eps
        return _NEG

    # best[ci][ai]: best total using candidates ci.. and areas ai..
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    choice: dict[tuple[int, int], tuple] = {}
    for ci in range(n - 1, -1, -1):
        for ai in range(m - 1, -1, -1):
            opts = [(best[ci + 1][ai], ("skipc",)), (best[ci][ai + 1], ("skipa",))]
            v = value(ci, ai)
            if v > _NEG:
                opts.append((v + best[ci + 1][ai + 1], ("take", 1)))
            if ai + 1 < m and areas[ai + 1].code in areas[ai].joint:
                s1, s2 = score[ci][ai], score[ci][ai + 1]
                if s1 >= AREA_MATCH and s2 >= AREA_MATCH:
                    opts.append((2.0 + s1 + s2 + best[ci + 1][ai + 2], ("take", 2)))
            b = max(opts, key=lambda o: o[0])
            best[ci][ai] = b[0]
            choice[(ci, ai)] = b[1]
    picks: list[tuple[int, tuple[str, ...], int]] = []
    ci = ai = 0
    while ci < n and ai < m:
        step = choice[(ci, ai)]
        if step[0] == "skipc":
            ci += 1
        elif step[0] == "skipa":
            ai += 1
        else:
            k = step[1]
            picks.append((cands[ci].first, tuple(a.code for a in areas[ai : ai + k]), ci))
            ci += 1
            ai += k
    return picks


def _pull_starts_back(picks: list[tuple], cands: list[_Cand], score, index: dict[str, int]) -> None:
    """A block starts at the first heading that names its area(s): an earlier heading
    between the previous block's and the chosen one takes the start (in place)."""
    for k, (line0, codes, ci) in enumerate(picks):
        lo = picks[k - 1][2] + 1 if k else 0
        ais = [index[c] for c in codes]
        for cj in range(lo, ci):
            if all(score[cj][a] >= max(AREA_MATCH, score[ci][a] - 0.01) for a in ais):
                picks[k] = (cands[cj].first, codes, cj)
                break


def _add_unheaded_areas(picks: list[tuple], cands: list[_Cand], areas: list[_Area], hint, index: dict[str, int]) -> None:
    """An area whose text has no heading starts at the structure's first line, if that
    line is in this section and fits the order of the chosen blocks (appended, unsorted)."""
    for ai, line0 in hint.items():
        code = areas[ai].code
        if any(code in p[1] for p in picks):
            continue
        before = [p for p in picks if index[p[1][0]] < ai]
        after = [p for p in picks if index[p[1][0]] > ai]
        if (not before or before[-1][0] < line0) and (not after or line0 < after[0][0]):
            if not any(c.first == line0 for c in cands):
                picks.append((line0, (code,), -1))


def _first_line(source_lines) -> int | None:
    """The first line of a structure entry's ``source_lines: [first, last]``, if valid."""
    if isinstance(source_lines, (list, tuple)) and source_lines and isinstance(source_lines[0], int):
        return source_lines[0]
    return None
#: Words that begin multi-word names ("Region Västerbotten", "Business Sweden").
_NAME_HEADS = frozenset(["region", "business", "visit", "film", "regional"])
_PLACE_NAMES = frozenset(["vasterbotten", "vasterbottens", "norrbotten"])
_BROKEN_EMAIL = re.compile(r"([\w.+-]+)\s*@\s*([\w-]+(?:\s*\.\s*[\w-]+)+)")
_CONTACT_START = re.compile(r"^[A-ZÅÄÖ][\w.'-]+(?: [\w.'-]+){0,4}, ")
_PHONE = re.compile(r"^\+?\d[\d -]{5,}\d$")


def _fix_email_breaks(text: str) -> str:
    """Rejoin e-mail addresses the OCR broke: "a.b @x.se", "a.b@ x.se", "a.b@x .se"."""
    return _BROKEN_EMAIL.sub(lambda m: m.group(1) + "@" + re.sub(r"\s+", "", m.group(2)), text)
