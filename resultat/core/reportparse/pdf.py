"""A report PDF with a text layer → the same :class:`ParsedReport` the OCR parser gives.

``parse_pdf_report(path, year=…, structure=…)`` reads the text layer
(:func:`resultat.core.reportparse.pdflines.pdf_lines`: no OCR, so no OCR damage), finds
headings by font size and weight, and segments the report with the same vocabulary as the
OCR parser (:mod:`.grammar`: the eight questions, the inner headings, "Mål N: …") and the
structure file's chapters and areas:

* a *heading* is a line (or a run of lines) set wholly in bold, or larger than the body
  text, that is not a list item; its *style* is (size, bold, italic);
* the chapter, question and area heading styles are the styles of the headings that name
  a chapter of the structure, one of the eight questions and an area; everything in
  smaller heading styles inside an area block is an inner heading ("### …" for the
  largest, "#### …" for the next), and an inner heading that names a typed list
  (Aktuella omvärldsfaktorer, Exempel på aktiviteter, Fasta samverkansytor, Aktuella
  Agenda 2030-mål, Ett urval av insatser) opens that list: its bullet items, with the bold
  label as title and the rest as text, become typed items;
* paragraphs end at a larger line gap, or (across a page break) where the next line's
  first word would have fitted on the previous line; a line ending in a hyphen is joined
  without a space ("AI-|baserade") unless a conjunction follows ("forsknings- och"), and
  so is a line ending in a slash ("förskola/|skola") or inside a web address;
* an italic line right under an area heading is the block's descriptive heading (the
  report prints it as the area's sub-title), kept as ``ParsedBlock.heading``;
* running heads, running feet and page numbers are dropped before all this.

Line numbers (``Lines``) count the PDF's kept text lines (1-based); ``raw`` holds those
lines as extracted. Headings at chapter level that are not chapters of the structure
(Innehåll, Förord, Bilaga, Kontakt …) and question-level headings that are not questions
(Indikatorer) close what is open: their content is not part of any contribution.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from resultat.core.reportparse.grammar import SDG_LINE, inner_kind, question_of
from resultat.core.reportparse.model import (
    FrontText,
    Lines,
    ParsedBlock,
    ParsedChapter,
    ParsedItem,
    ParsedReport,
    ParsedSection,
    ParseWarning,
    ReportParseError,
)
from resultat.core.reportparse.parser import _read_structure
from resultat.core.reportparse.pdflines import BULLETS, PdfLine, pdf_lines
from resultat.core.reportparse.text import key, similar

__all__ = ["parse_pdf_lines", "parse_pdf_report"]

_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+\S")
_TARGET = re.compile(r"\s*\(delmål\s+(\d{1,2}\.(?:\d{1,2}|[a-c]))\)\s*$", re.I)
#: Words after a line-end hyphen that show it was a suspended compound ("forsknings- och").
_SUSPENDED = {"och", "eller", "samt", "respektive", "resp", "till", "som", "men", "&"}


@dataclass
class _Elem:
    kind: str  # "heading" | "para" | "item"
    style: tuple
    first: int  # 0-based line indices, inclusive
    last: int
    parts: list[str] = field(default_factory=list)  # heading/para text pieces (lines)
    marker: str = ""  # item: "•" or "1."
    label: list[str] = field(default_factory=list)  # item: bold label lines
    paras: list[list[str]] = field(default_factory=list)  # item: text paragraphs (lines)
    left: float = 0.0

    def text(self) -> str:
        return _join(self.parts)

    def label_text(self) -> str:
        return _join(self.label)

    def body(self) -> str:
        return "\n\n".join(_join(p) for p in self.paras if p)


def _join(pieces: list[str]) -> str:
    out = ""
    for p in pieces:
        p = p.strip()
        if not p:
            continue
        if not out:
            out = p
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum() and p.split()[0].lower() not in _SUSPENDED:
            out += p
        elif out.endswith("/") and len(out) > 1 and out[-2].isalnum():
            out += p  # "förskola/|skola": the line broke after the slash
        else:
            out += " " + p
    return out


def _body_style(lines: list[PdfLine]) -> tuple:
    chars: Counter = Counter()
    for ln in lines:
        chars[ln.style] += len(ln.text)
    return chars.most_common(1)[0][0]


def _pitch(lines: list[PdfLine], style: tuple) -> float:
    """The usual distance between two lines of a paragraph in ``style``."""
    gaps = [
        round(b.top - a.top) for a, b in zip(lines, lines[1:])
        if a.page == b.page and a.style == style and b.style == style and 0 < b.top - a.top < 4 * a.size
    ]
    return float(Counter(gaps).most_common(1)[0][0]) if gaps else 1.3 * style[0]


class _Layout:
    """Lines → headings, paragraphs and list items."""

    def __init__(self, lines: list[PdfLine]):
        self.lines = lines
        self.body = _body_style(lines)
        self.body_size = self.body[0]
        self.pitch = _pitch(lines, self.body)
        body_lines = [ln for ln in lines if ln.style == self.body]
        self.margin_left = Counter(round(ln.left) for ln in body_lines).most_common(1)[0][0]
        self.margin_right = max((ln.right for ln in body_lines), default=0.0)
        self.char_width = (
            sum(ln.right - ln.left for ln in body_lines) / max(1, sum(len(ln.text) for ln in body_lines))
        )

    def is_heading_line(self, ln: PdfLine) -> bool:
        return not ln.bullet and (ln.bold or ln.size >= self.body_size + 3) and not ln.text.startswith(("• ",))

    def starts_item(self, ln: PdfLine) -> str:
        if ln.bullet:
            return ln.bullet
        if ln.text[:2] in {b + " " for b in BULLETS if b != "-"}:
            return ln.text[0]
        m = _NUMBERED.match(ln.text)
        if m and abs(ln.left - self.margin_left) < 3 and not ln.bold:
            return m.group(1) + "."
        return ""

    def new_paragraph(self, prev: PdfLine, ln: PdfLine) -> bool:
        """Whether ``ln`` starts a new paragraph after ``prev`` (same kind of text)."""
        if prev.page == ln.page:
            return ln.top - prev.top > 1.12 * self.pitch
        # Across a page break: a new paragraph if the next line's first word would have
        # fitted at the end of the previous line (so the previous line ended the paragraph).
        first_word = ln.text.split()[0] if ln.text.split() else ""
        room = self.margin_right - prev.right
        if len(first_word) > 25 and prev.text.endswith((".", "!", "?", ":")) and room > 10 * self.char_width:
            return True  # a long word (a web address) after a finished sentence
        # the average letter width is an estimate: the word must fit with a margin
        return room > 1.3 * (len(first_word) + 1) * self.char_width

    def glued(self, prev: PdfLine, ln: PdfLine) -> bool:
        """A web address broken at the line end without a hyphen: joined without a space."""
        last = prev.text.split()[-1] if prev.text.split() else ""
        return ("://" in last or last.startswith("www.")) and self.margin_right - prev.right < 3 * self.char_width

    def add_line(self, parts: list[str], prev: PdfLine | None, ln: PdfLine, text: str) -> None:
        if parts and prev is not None and self.glued(prev, ln):
            parts[-1] += text
        else:
            parts.append(text)

    def elements(self) -> list[_Elem]:
        out: list[_Elem] = []
        cur: _Elem | None = None
        prev: PdfLine | None = None
        for i, ln in enumerate(self.lines):
            text = ln.text
            marker = self.starts_item(ln)
            if marker:
                if not ln.bullet:
                    text = text[len(marker):].strip() if marker[0].isdigit() else text[1:].strip()
                cur = _Elem("item", ln.style, i, i, marker=marker, left=ln.left)
                if ln.bold:
                    cur.label.append(text)
                else:
                    cur.paras.append([text])
                out.append(cur)
            elif cur is not None and cur.kind == "item" and ln.left > self.margin_left + 5 and ln.size <= self.body_size + 1:
                # an indented line under an item: more label, or its text
                if ln.bold and not cur.paras:
                    cur.label.append(text)
                elif not cur.paras or (prev is not None and self.new_paragraph(prev, ln) and not (prev.bold and not cur.paras)):
                    cur.paras.append([text])
                else:
                    self.add_line(cur.paras[-1], prev, ln, text)
                cur.last = i
            elif self.is_heading_line(ln):
                if (
                    cur is not None and cur.kind == "heading" and cur.style == ln.style and prev is not None
                    and prev.page == ln.page and ln.top - prev.top < 1.6 * ln.size
                ):
                    cur.parts.append(text)
                    cur.last = i
                else:
                    cur = _Elem("heading", ln.style, i, i, parts=[text], left=ln.left)
                    out.append(cur)
            else:
                if cur is not None and cur.kind == "para" and cur.style == ln.style and prev is not None and not self.new_paragraph(prev, ln):
                    self.add_line(cur.parts, prev, ln, text)
                    cur.last = i
                else:
                    cur = _Elem("para", ln.style, i, i, parts=[text], left=ln.left)
                    out.append(cur)
            prev = ln
        return out


@dataclass
class _Open:
    code: str
    title: str
    first: int
    sections: list = field(default_factory=list)
    last: int = 0


class _Builder:
    def __init__(self, lines: list[PdfLine], year: int, structure: dict, source: str):
        self.lines = lines
        self.year = year
        self.source = source
        self.chapters_spec, self.areas_spec = _read_structure(structure)
        self.layout = _Layout(lines)
        self.elems = self.layout.elements()
        self.warnings: list[ParseWarning] = []

    def warn(self, i: int, message: str) -> None:
        self.warnings.append(ParseWarning(i + 1, message))

    def raw(self, first: int, last: int) -> str:
        return "\n".join(ln.text for ln in self.lines[first : last + 1])

    # -- what each heading names --------------------------------------------------------
    def chapter_of(self, text: str) -> dict | None:
        k = key(text)
        best, found = 0.0, None
        for ch in self.chapters_spec:
            s = similar(k, key(ch["title"]))
            if s > best:
                best, found = s, ch
        return found if best >= 0.9 else None

    def areas_of(self, text: str, chapter: str) -> tuple[str, ...] | None:
        k = key(text)

        def one(k: str) -> str | None:
            ranked = sorted(self.areas_spec, key=lambda a: a.get("chapter") != chapter)
            best, code = 0.0, None
            for a in ranked:
                s = similar(k, key(a["name"]))
                if s > best + (0.001 if a.get("chapter") != chapter else 0):
                    best, code = s, a["code"]
            return code if best >= 0.9 else None

        whole = one(k)
        if whole:
            return (whole,)
        words = k.split()
        for n, w in enumerate(words):
            if w == "och" and 0 < n < len(words) - 1:
                a, b = one(" ".join(words[:n])), one(" ".join(words[n + 1 :]))
                if a and b and a != b:
                    return (a, b)
        return None

    def _style_of(self, predicate) -> tuple | None:
        styles = Counter(e.style for e in self.elems if e.kind == "heading" and predicate(e))
        return styles.most_common(1)[0][0] if styles else None

    # -- the run ------------------------------------------------------------------------
    def run(self) -> ParsedReport:
        ch_style, q_style, a_style = self._heading_styles()
        chapters = self._outline(ch_style, q_style, a_style)
        report = self._build(chapters)
        return replace(report, front=self._front(ch_style))

    # -- the texts outside the chapters -------------------------------------------------
    def _front(self, ch_style: tuple) -> tuple[FrontText, ...]:
        """Every heading outside the chapters (before the first, and under chapter-level
        headings that are no chapter: Förord, Kontakt …) with the text up to the next
        heading. Which of them are the edition's own texts the front-matter file says."""
        out: list[tuple[_Elem, list[_Elem]]] = []
        inside = False
        for e in self.elems:
            if e.kind == "heading" and e.style == ch_style:
                inside = self.chapter_of(e.text()) is not None
            if inside:
                continue
            if e.kind == "heading":
                out.append((e, []))
            elif out:
                out[-1][1].append(e)
        return tuple(self._front_text(h, body) for h, body in out)

    def _front_text(self, heading: _Elem, body: list[_Elem]) -> FrontText:
        signature = ""
        if body and body[-1].kind == "para" and body[-1].style[2] and not body[-1].style[1]:
            signature = body.pop().text()  # an italic line closing the text: the signature
        if body and all(e.kind == "item" and question_of(key(e.label_text() or e.body())) for e in body[-8:]) and len(body) >= 8:
            body = body[:-8]  # the eight questions the product prints after the reading guide
        paragraphs: list[str] = []
        for e in body:
            if e.kind == "item":
                prefix = "1. " if e.marker[0].isdigit() else "- "
                text = prefix + " ".join(x for x in (e.label_text(), " ".join(_join(p) for p in e.paras)) if x)
                if paragraphs and paragraphs[-1][:2] == prefix[:2]:
                    paragraphs[-1] += "\n" + text
                    continue
                paragraphs.append(text)
            else:
                paragraphs.append(e.text())
        last = body[-1].last if body else heading.last
        return FrontText(heading.text(), Lines(heading.first + 1, last + 1), tuple(paragraphs), signature)

    def _heading_styles(self) -> tuple[tuple, tuple, tuple]:
        """The styles of the chapter, question and area headings (each named by the structure file)."""
        ch_style = self._style_of(lambda e: self.chapter_of(e.text()) is not None)
        if ch_style is None:
            raise ReportParseError(
                "PDF:en har ingen rubrik som är ett kapitel i strukturfilen ("
                + "; ".join(c["title"] for c in self.chapters_spec[:3]) + " …)", 0)
        q_style = self._style_of(lambda e: e.style != ch_style and question_of(key(e.text())) is not None)
        if q_style is None:
            raise ReportParseError("PDF:en har inga frågerubriker (Omvärldsanalys, Region Västerbottens bidrag …)", 0)
        # area headings: in a style other than chapters' and questions', naming an area
        a_style = self._style_of(lambda e: e.style not in (ch_style, q_style) and self.areas_of(e.text(), "") is not None)
        if a_style is None:
            raise ReportParseError("PDF:en har inga områdesrubriker som finns i strukturfilen", 0)
        return ch_style, q_style, a_style

    def _outline(self, ch_style: tuple, q_style: tuple, a_style: tuple) -> list[_Open]:
        """Chapters, their questions and their area blocks (elements by line), in order."""
        chapters: list[_Open] = []
        chapter: _Open | None = None
        section: _Open | None = None
        block: list | None = None  # [area_codes, heading, first, elems]
        seen_chapters: set[str] = set()

        def close_block(end: int) -> None:
            nonlocal block
            if block is not None and section is not None:
                section.sections.append((block[0], block[1], block[2], end, block[3]))
            block = None

        def close_section(end: int) -> None:
            nonlocal section
            close_block(end)
            if section is not None and chapter is not None:
                chapter.sections.append((section.code, section.first, end, section.sections))
            section = None

        def close_chapter(end: int) -> None:
            nonlocal chapter
            close_section(end)
            if chapter is not None:
                chapters.append(chapter)
                chapter.last = end
            chapter = None

        for e in self.elems:
            if e.kind == "heading" and e.style == ch_style:
                close_chapter(e.first - 1)
                spec = self.chapter_of(e.text())
                if spec is not None:
                    if spec["code"] in seen_chapters:
                        self.warn(e.first, f"kapitlet {spec['title']!r} en gång till; läses som en fortsättning")
                    seen_chapters.add(spec["code"])
                    chapter = _Open(spec["code"], spec["title"], e.first)
                continue
            if chapter is None:
                continue
            if e.kind == "heading" and e.style == q_style:
                close_section(e.first - 1)
                code = question_of(key(e.text()))
                if code is not None:
                    section = _Open(code, e.text(), e.first)
                continue
            if section is None:
                continue
            if e.kind == "heading" and e.style == a_style:
                close_block(e.first - 1)
                codes = self.areas_of(e.text(), chapter.code)
                if codes is None:
                    self.warn(e.first, f"rubriken {e.text()!r} är inget område i strukturfilen; texten under den hoppas över")
                    continue
                block = [codes, e.text(), e.first, []]
                continue
            if block is not None and not block[3] and e.kind == "para" and e.style[2] and not e.style[1] and e.last - e.first < 3:
                # an italic line right under the area heading: the block's own descriptive
                # heading ("Omvärlden påverkar digitalisering"), printed as a sub-title
                block[1] = e.text()
                continue
            if block is None:
                if e.kind != "heading" or e.text():
                    self.warn(e.first, f"text utan områdesrubrik under {section.title!r} hoppas över: {(e.text() or e.label_text() or e.body())[:60]!r}")
                continue
            block[3].append(e)
        close_chapter(len(self.lines) - 1)
        return chapters

    def _build(self, chapters: list[_Open]) -> ParsedReport:
        """Warn about missing chapters, set the inner heading levels, build each block."""
        seen_chapters = {ch.code for ch in chapters}
        for spec in self.chapters_spec:
            if spec["code"] not in seen_chapters:
                self.warn(0, f"kapitlet {spec['title']!r} finns inte i PDF:en")
        # Inner heading levels: the heading styles inside area blocks, largest first
        # ("###"), then the next ("####"); lines set like the typed lists' headings are
        # among them.
        inner = sorted(
            {e.style for ch in chapters for sec in ch.sections for blk in sec[3] for e in blk[4] if e.kind == "heading"},
            key=lambda s: (-s[0], s[2], not s[1]),
        )
        self.inner_level = {s: ("###" if n == 0 else "####") for n, s in enumerate(inner)}
        parsed = []
        for ch in chapters:
            sections = []
            for code, first, last, blocks in ch.sections:
                built = [b for b in (self.block(*blk) for blk in blocks) if b is not None]
                if built:
                    sections.append(ParsedSection(code, Lines(first + 1, last + 1), tuple(built)))
            parsed.append(ParsedChapter(ch.code, ch.title, Lines(ch.first + 1, ch.last + 1), tuple(sections)))
        return ParsedReport(self.source, self.year, tuple(parsed), (), tuple(self.warnings))

    def block(self, codes, heading: str, first: int, end: int, elems: list[_Elem]) -> ParsedBlock | None:
        body: list[str] = []
        items: list[ParsedItem] = []
        group: str | None = None
        for n, e in enumerate(elems):
            if e.kind == "heading":
                kind = inner_kind(key(e.text()))
                nxt = elems[n + 1] if n + 1 < len(elems) else None
                if kind and nxt is not None and nxt.kind == "item":
                    group = kind
                    continue
                group = None
                level = self.inner_level.get(e.style, "###")
                body.append(f"{level} {e.text()}")
                continue
            if e.kind == "item" and group is not None:
                items.append(self.item(group, e))
                continue
            group = None
            if e.kind == "item":
                text = " ".join(x for x in (e.label_text(), " ".join(_join(p) for p in e.paras)) if x)
                prefix = "1. " if e.marker[0].isdigit() else "- "
                if body and body[-1].startswith(("- ", "1. ")) and body[-1][:2] == prefix[:2]:
                    body[-1] += "\n" + prefix + text
                else:
                    body.append(prefix + text)
            else:
                body.append(e.text())
        if not body and not items:
            self.warn(first, f"området {heading!r} har ingen text")
            return None
        last = max(end, first)
        return ParsedBlock(tuple(codes), heading, "\n\n".join(body), self.raw(first, last), Lines(first + 1, last + 1), tuple(items))

    def item(self, kind: str, e: _Elem) -> ParsedItem:
        label = e.label_text()
        text = e.body()
        lines = Lines(e.first + 1, e.last + 1)
        raw = self.raw(e.first, e.last)
        if not label and text:
            # no bold label: the first paragraph is the title
            label, _, text = text.partition("\n\n")
        if kind == "sdg":
            target = None
            m_target = _TARGET.search(label)
            if m_target:
                target = m_target.group(1).lower()
                label = label[: m_target.start()]
            m = SDG_LINE.match(label)
            if m is None:
                self.warn(e.first, f"Agenda 2030-posten {label[:60]!r} börjar inte med 'Mål N'")
                return ParsedItem("sdg", label, text, lines, raw)
            goal = int(m.group(1))
            if m.group(2) and not target:
                target = f"{goal}.{m.group(2).lower()}"
            return ParsedItem("sdg", m.group(3), text, lines, raw, sdg_goal=goal, sdg_target=target)
        return ParsedItem(kind, label, text, lines, raw)


def parse_pdf_lines(lines: list[PdfLine], *, year: int, structure: dict, source: str = "") -> ParsedReport:
    """:func:`parse_pdf_report` on lines already extracted (tests, benchmarks)."""
    if not lines:
        raise ReportParseError("PDF:en har ingen text", 0)
    return _Builder(lines, year, structure, source).run()


def parse_pdf_report(path: str | Path, *, year: int, structure: dict, source: str = "") -> ParsedReport:
    """The report in the PDF at ``path``; raises ``pdflines.NoTextLayer`` for a scanned
    copy, ``pdflines.PdfError`` for a file that is not a readable PDF and
    ``ReportParseError`` when the text is not a report of this kind."""
    return parse_pdf_lines(pdf_lines(path), year=year, structure=structure, source=source or str(path))
