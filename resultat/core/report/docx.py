"""DOCX renderer (python-docx): Word's built-in Heading 1–4 styles (navigation pane and
TOC work), a TOC field that Word updates on open (``w:updateFields``), charts as PNG with
alt text (``wp:docPr/@descr``), real tables with a header row, title and language sv-SE.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from resultat.core import charts
from resultat.core.docxparts import append_hyperlink, clean
from resultat.core.report.blocks import html_to_blocks
from resultat.core.report.model import Report, Table, source_line
from resultat.core.report.profile import RegionProfile

_clean = clean  # XML 1.0 forbids C0 controls; richtext already drops them from contribution texts


def _set_lang(doc) -> None:
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "sv-SE")
    lang.set(qn("w:eastAsia"), "sv-SE")
    lang.set(qn("w:bidi"), "ar-SA")


def _update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.append(el)


def _fld(kind: str):
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _toc(doc, entries: list[tuple[int, str, str]]) -> None:
    """A TOC field whose result already holds the entries (chapters and their sections), so
    the table of contents is visible before any field update (LibreOffice, previews); Word
    replaces it with page numbers when it updates the field on open."""
    entries = [e for e in entries if e[0] <= 2] or [(1, "", "Innehåll")]
    for n, (level, _anchor, title) in enumerate(entries):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        p.paragraph_format.space_after = Pt(2 if level > 1 else 4)
        if n == 0:
            run = p.add_run()
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = 'TOC \\o "1-2" \\h \\z \\u'
            for el in (_fld("begin"), instr, _fld("separate")):
                run._r.append(el)
        run = p.add_run(_clean(title))
        run.bold = level == 1 or None
        if n == len(entries) - 1:
            p.add_run()._r.append(_fld("end"))


def _runs(paragraph, runs: list[dict]) -> None:
    for r in runs:
        if r["s"] == "\n":
            paragraph.add_run().add_break()
        elif r["href"]:
            append_hyperlink(paragraph, r["href"], r["s"], bold=r["b"], italic=r["i"], underline=True)
        else:
            run = paragraph.add_run(_clean(r["s"]))
            run.bold = r["b"] or None
            run.italic = r["i"] or None


def _new_numbering(doc, style: str) -> int:
    """A new numbering instance for one numbered list, starting at 1. All paragraphs of a
    style share the style's instance, so without this Word counts on across the whole
    document (the 2025 edition's lists ran from 9 to 22)."""
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    style_num = doc.styles[style].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _numbered(paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _numbered_list(doc, style: str = "List Number"):
    """Returns add(text=None) → paragraph of a new numbered list that starts at 1."""
    num_id = _new_numbering(doc, style)

    def add(text: str | None = None):
        p = doc.add_paragraph(text, style=style)
        _numbered(p, num_id)
        return p

    return add


# Headings inside a text sit under the area heading (Heading 3): h3 → Heading 4, h4 → Heading 5.
TEXT_HEADINGS = {"h3": 4, "h4": 5}


def _english(paragraph, runs=None) -> None:
    """Mark the runs (all of the paragraph's by default) as English (``w:lang``): a title
    written in English."""
    for run in runs if runs is not None else paragraph.runs:
        r_pr = run._r.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-GB")
        r_pr.append(lang)


def _blocks(doc, blocks: list[dict], level: int = 0, english: frozenset[str] | set[str] = frozenset()) -> None:
    for b in blocks:
        if b["t"] in ("ul", "ol"):
            style = "List Bullet" if b["t"] == "ul" else "List Number"
            if level:
                style += f" {min(level + 1, 3)}"
            add = _numbered_list(doc, style) if b["t"] == "ol" else (lambda style=style: doc.add_paragraph(style=style))
            for item in b["items"]:
                first = True
                for inner in item:
                    if inner["t"] in ("ul", "ol"):
                        _blocks(doc, [inner], level + 1, english)
                    else:
                        p = add() if first else doc.add_paragraph()
                        _runs(p, inner["c"])
                        first = False
        elif b["t"] in TEXT_HEADINGS:
            p = doc.add_heading("", TEXT_HEADINGS[b["t"]])
            _runs(p, b["c"])
            if "".join(r["s"] for r in b["c"]).strip() in english:
                _english(p)
        else:
            _runs(doc.add_paragraph(), b["c"])


def _table(doc, t: Table, *, keep: bool = False) -> None:
    """Caption, header row (repeated on each page), rows; numbers right-aligned. With
    ``keep`` a short table stays on one page with what follows it."""
    cap = doc.add_paragraph(style="Caption")
    cap.add_run(_clean(t.caption))
    cap.paragraph_format.keep_with_next = True
    numeric = t.numeric_columns()
    table = doc.add_table(rows=1, cols=len(t.columns))
    table.style = "Table Grid"
    for i, (cell, text) in enumerate(zip(table.rows[0].cells, t.columns, strict=True)):
        cell.text = ""
        cell.paragraphs[0].add_run(_clean(text)).bold = True
        if numeric[i]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for row in t.rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=False)):
            cell.text = _clean(text)
            if numeric[i]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows if keep else table.rows[:1]:
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    if t.note:
        doc.add_paragraph(_clean(t.note)).runs[0].italic = True


def _picture(doc, png: bytes, alt: str, width_cm: float = 13):
    """The chart in its own paragraph (returned), with alt text."""
    paragraph = doc.add_paragraph()
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", _clean(alt))
    doc_pr.set("title", _clean(alt)[:120])
    return paragraph


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _styles(doc, profile: RegionProfile) -> None:
    """The region profile's fonts and colours on Word's built-in styles."""
    c, f = profile.colours, profile.fonts
    primary, accent, muted = _rgb(c.primary), _rgb(c.accent), _rgb(c.muted)
    normal = doc.styles["Normal"]
    normal.font.name = f.docx_body
    normal.font.size = Pt(11)
    normal.font.color.rgb = _rgb(c.text)
    for name, size, colour in (("Title", 30, primary), ("Heading 1", 20, primary), ("Heading 2", 15, primary), ("Heading 3", 12.5, accent),
                               ("Heading 4", 11, primary), ("Heading 5", 11, primary)):
        st = doc.styles[name]
        st.font.size = Pt(size)
        st.font.color.rgb = colour
        st.font.name = f.docx_heading
    doc.styles["Heading 1"].paragraph_format.page_break_before = True
    # The template's blue (#4F81BD) has 4.0:1 contrast on white; the profile's muted
    # colour and primary colour are checked for >= 4.5:1 (profile.parse_profile).
    doc.styles["Caption"].font.color.rgb = muted
    doc.styles["Subtitle"].font.color.rgb = primary
    # Line length: 11 pt on a 13 cm measure, about 70 characters a line
    for name in ("Header", "Footer"):
        doc.styles[name].font.color.rgb = muted
        doc.styles[name].font.size = Pt(8.5)


def _logo_png(profile: RegionProfile) -> bytes | None:
    if not profile.logo_svg:
        return None
    import vl_convert

    return vl_convert.svg_to_png(profile.logo_svg, scale=3)


def _cover(doc, report: Report, profile: RegionProfile) -> None:
    logo = _logo_png(profile)
    if logo:
        _picture(doc, logo, profile.logo_alt, width_cm=2.6)
    p = doc.add_paragraph(_clean(report.region.upper()))
    p.runs[0].font.color.rgb = _rgb(profile.colours.accent)
    p.runs[0].bold = True
    doc.add_paragraph(_clean(report.title), style="Title")
    if report.subtitle:
        doc.add_paragraph(_clean(report.subtitle), style="Subtitle")
    for note in report.notes:
        doc.add_paragraph(_clean(note)).runs[0].bold = True
    if report.strategy and report.strategy.vision:
        v = doc.add_paragraph()
        v.paragraph_format.space_before = Pt(48)
        run = v.add_run(_clean(report.strategy.vision))
        run.italic, run.font.size, run.font.color.rgb = True, Pt(15), _rgb(profile.colours.primary)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _imprint(doc, report: Report, profile: RegionProfile) -> None:
    """The cover's verso: title, publisher, diarienummer, date, contact, accessibility."""
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(320)
    p.add_run(_clean(report.title)).bold = True
    for label, value in profile.imprint_lines():
        line = doc.add_paragraph()
        line.paragraph_format.space_after = Pt(2)
        line.add_run(_clean(label) + ": ").font.color.rgb = _rgb(profile.colours.muted)
        if label == "Webb":
            append_hyperlink(line, value, value, underline=True)
        elif label == "E-post":
            append_hyperlink(line, "mailto:" + value, value, underline=True)
        else:
            line.add_run(_clean(value))
    if profile.imprint.accessibility:
        head = doc.add_paragraph()
        head.paragraph_format.space_before = Pt(10)
        head.add_run("Tillgänglighet").bold = True
        doc.add_paragraph(_clean(profile.imprint.accessibility))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _back_cover(doc, report: Report, profile: RegionProfile) -> None:
    """A last section without running head or page number."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    for part in (section.header, section.footer):
        part.is_linked_to_previous = False
        for para in part.paragraphs:
            para.text = ""
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_before = Pt(420)
    logo = _logo_png(profile)
    if logo:
        _picture(doc, logo, profile.logo_alt, width_cm=2)
    for line in profile.back_cover or [report.region]:
        doc.add_paragraph(_clean(line)).paragraph_format.space_after = Pt(0)


def _remember_style_ids(doc) -> None:
    """python-docx finds a style by its name by scanning every style of the document twice
    for each paragraph and heading (more than half of the 2025 edition's DOCX build,
    bench/report.py); a name's id does not change while the report is written, so each
    answer is remembered for this document."""
    part = doc.part
    lookup = part.get_style_id
    found: dict = {}

    def get_style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in found:
            found[key] = lookup(style_or_name, style_type)
        return found[key]

    part.get_style_id = get_style_id


def _document(report: Report, profile: RegionProfile):
    """A new A4 document with the report's styles, language, properties and page footer."""
    doc = Document()
    _remember_style_ids(doc)
    _styles(doc, profile)
    _set_lang(doc)
    _update_fields_on_open(doc)
    props = doc.core_properties
    props.title = _clean(report.title)
    props.author = _clean(report.region)
    props.language = "sv-SE"
    props.subject = _clean(report.subtitle)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    # a 13 cm measure: about 70 characters a line at 11 pt
    section.left_margin, section.right_margin = Cm(3.2), Cm(4.8)
    section.different_first_page_header_footer = True  # no page number on the cover
    footer = section.footer.paragraphs[0]
    _page_field(footer)
    footer.alignment = 1  # centred
    return doc


def _front_matter(doc, report: Report) -> None:
    """Foreword, introduction and the reading guide with its questions."""
    if report.foreword_html:
        doc.add_heading("Förord", 1)
        _blocks(doc, html_to_blocks(report.foreword_html))
        if report.foreword_signature:
            doc.add_paragraph(_clean(report.foreword_signature)).runs[0].italic = True
    for t in report.introduction:
        doc.add_heading(_clean(t.title), t.level)
        _blocks(doc, html_to_blocks(t.body_html))
    if report.questions:
        doc.add_heading("Hur ska rapporten läsas?", 1)
        doc.add_paragraph(_clean(report.reading_guide))
        add = _numbered_list(doc)
        for q in report.questions:
            p = add()
            p.add_run(_clean(q.title)).bold = True
            if q.guidance:
                p.add_run(" – " + _clean(q.guidance))


def _strategy_summary(doc, s) -> None:
    doc.add_heading("Strategin i korthet", 1)
    doc.add_paragraph().add_run(_clean(s.name)).bold = True
    if s.vision:
        doc.add_paragraph().add_run(_clean(s.vision)).italic = True
    for title, entries in (("Övergripande mål", s.goals), ("Inriktningar", s.perspectives)):
        if entries:
            doc.add_heading(title, 2)
            for t, x in entries:
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(_clean(t)).bold = True
                if x:
                    p.add_run(" – " + _clean(x))
    if s.priorities:
        doc.add_heading("Prioriteringar", 2)
        add = _numbered_list(doc)
        for pr in s.priorities:
            add().add_run(_clean(pr.title)).bold = True
            for sp in pr.subpriorities:
                doc.add_paragraph(_clean(sp), style="List Bullet 2")
    if s.closing:
        doc.add_paragraph(_clean(s.closing))


def _chapter_sections(doc, ch, english: frozenset[str] | set[str] = frozenset()) -> None:
    for sec in ch.sections:
        doc.add_heading(_clean(sec.title), 2)
        for b in sec.blocks:
            doc.add_heading(_clean(b.heading), 3)
            if b.subtitle:
                sub = doc.add_paragraph()
                sub.paragraph_format.keep_with_next = True
                sub.add_run(_clean(b.subtitle)).italic = True
                if b.subtitle in english:
                    _english(sub)
            _blocks(doc, html_to_blocks(b.body_html), english=english)
            for g in b.groups:
                doc.add_heading(_clean(g.heading), 4)
                for it in g.items:
                    p = doc.add_paragraph(style="List Bullet")
                    label = p.add_run(_clean(it.label))
                    label.bold = True
                    if it.label in english:
                        _english(p, [label])
                    if it.text:
                        p.add_run().add_break()
                        p.add_run(_clean(it.text))


def _chapter_indicators(doc, ch) -> None:
    doc.add_heading("Indikatorer", 2)
    if ch.indicators_note:
        doc.add_paragraph(_clean(ch.indicators_note))
    for ind in ch.indicators:
        doc.add_heading(_clean(ind.title), 3)
        if ind.synthetic:
            label = doc.add_paragraph()
            label.add_run(charts.SYNTHETIC_LABEL).bold = True
            label.paragraph_format.keep_with_next = True
        picture = _picture(doc, charts.png(ind.chart.spec), ind.chart.alt)
        picture.paragraph_format.keep_with_next = True  # the chart with its caption
        # the caption states the finding; the chart's description is its alt text
        caption = doc.add_paragraph(_clean(ind.finding or ind.chart.alt), style="Caption")
        caption.paragraph_format.keep_with_next = True
        _table(doc, ind.chart.table, keep=len(ind.chart.table.rows) <= 8)
        doc.add_paragraph(_clean(source_line(ind)))
        if ind.assessment:
            p = doc.add_paragraph()
            p.add_run("Bedömning: ").bold = True
            p.add_run(_clean(ind.assessment))


def _chapters(doc, report: Report) -> None:
    for n_ch, ch in enumerate(report.chapters):
        if n_ch == 0:
            # running heads from the first chapter on: a new section with its own header
            chapters = doc.add_section(WD_SECTION.NEW_PAGE)
            chapters.different_first_page_header_footer = False
            chapters.header.is_linked_to_previous = False
            chapters.header.paragraphs[0].text = _clean(report.title)
        doc.add_heading(_clean(ch.title), 1)
        _chapter_sections(doc, ch, set(report.english_titles))
        if ch.indicators or ch.indicators_note:
            _chapter_indicators(doc, ch)


def _annex(doc, a) -> None:
    doc.add_heading("Bilaga", 1)
    if a.synthetic:
        doc.add_paragraph().add_run(charts.SYNTHETIC_LABEL).bold = True
    for note in a.notes:
        doc.add_paragraph(_clean(note))
    if a.funding_tables:
        doc.add_heading("Sammanställning av finansiering", 2)
        for t in a.funding_tables:
            _table(doc, t)
    if a.impact_matrix:
        doc.add_heading("Agenda 2030: påverkansmatris", 2)
        _table(doc, a.impact_matrix)
    if a.goal_conflicts:
        doc.add_heading("Målkonflikter", 2)
        for text in a.goal_conflicts:
            doc.add_paragraph(_clean(text))


def _contacts(doc, report: Report) -> None:
    doc.add_heading("Kontakt för mer information", 1)
    if report.contacts_intro:
        doc.add_paragraph(_clean(report.contacts_intro))
    for g in report.contacts:
        doc.add_heading(_clean(g.chapter_title), 2)
        for c in g.contacts:
            p = doc.add_paragraph()
            p.add_run(_clean(c.name)).bold = True
            for part in (c.title, ", ".join(c.areas), f"Telefon {c.phone}" if c.phone else ""):
                if part:
                    p.add_run().add_break()
                    p.add_run(_clean(part))
            if c.email:
                p.add_run().add_break()
                append_hyperlink(p, "mailto:" + c.email, c.email, underline=True)


def render_docx(report: Report) -> bytes:
    profile = report.profile or RegionProfile(name=report.region)
    doc = _document(report, profile)
    _cover(doc, report, profile)
    _imprint(doc, report, profile)
    doc.add_paragraph("Innehåll", style="TOC Heading" if "TOC Heading" in [s.name for s in doc.styles] else None).runs[0].bold = True
    _toc(doc, report.toc())
    _front_matter(doc, report)
    if report.strategy:
        _strategy_summary(doc, report.strategy)
    _chapters(doc, report)
    if not report.annex.is_empty():
        _annex(doc, report.annex)
    if report.contacts:
        _contacts(doc, report)
    _back_cover(doc, report, profile)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
