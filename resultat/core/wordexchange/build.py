"""Write a unit's contributions of a cycle as a DOCX (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from resultat.core.docxparts import append_hyperlink, append_run, clean
from resultat.core.report.blocks import html_to_blocks
from resultat.core.wordexchange import manifest as manifest_mod
from resultat.core.wordexchange import tables
from resultat.core.wordexchange.model import (
    ContributionSection,
    ExportDocument,
    Manifest,
    Vocabulary,
    body_hash,
    items_hash,
)
from resultat.core.wordexchange.texts import _

LABEL = "Resultat etikett"
GUIDANCE = "Resultat vägledning"
PREVIOUS = "Resultat förra året"
GREY = RGBColor(0x55, 0x55, 0x55)


_clean = clean


def _styles(doc) -> None:
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    label = doc.styles.add_style(LABEL, WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = doc.styles["Normal"]
    label.font.bold = True
    label.font.color.rgb = GREY
    label.paragraph_format.space_before = Pt(10)
    label.paragraph_format.keep_with_next = True
    guidance = doc.styles.add_style(GUIDANCE, WD_STYLE_TYPE.PARAGRAPH)
    guidance.base_style = doc.styles["Normal"]
    guidance.font.italic = True
    guidance.font.color.rgb = GREY
    previous = doc.styles.add_style(PREVIOUS, WD_STYLE_TYPE.PARAGRAPH)
    previous.base_style = doc.styles["Normal"]
    previous.font.color.rgb = GREY
    previous.paragraph_format.left_indent = Pt(18)


def _paragraph(doc, text: str = "", style: str | None = None):
    """``doc.add_paragraph`` with the style set by id: python-docx looks a style name up
    among all styles on every call, which dominates the time of a long document."""
    p = doc.add_paragraph(text)
    if style:
        ids = doc.part.__dict__.setdefault("resultat_style_ids", {})
        if style not in ids:
            ids[style] = doc.styles[style].style_id
        p._p.style = ids[style]
    return p


def _bookmark(paragraph, name: str) -> None:
    """Wrap the paragraph's content in a bookmark called ``name``."""
    part = paragraph.part  # the counter lives on the document part: unique ids per document
    part.resultat_bookmarks = getattr(part, "resultat_bookmarks", 0) + 1
    number = part.resultat_bookmarks
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    p = paragraph._p
    ppr = p.find(qn("w:pPr"))
    (ppr.addnext(start) if ppr is not None else p.insert(0, start))
    p.append(end)


def _runs(paragraph, runs: list[dict]) -> None:
    for r in runs:
        if r["s"] == "\n":
            paragraph.add_run().add_break()
        elif r["href"]:
            append_hyperlink(paragraph, r["href"], r["s"], bold=r["b"], italic=r["i"])
        else:  # a run written directly: python-docx's add_run/bold setters are slow in bulk
            append_run(paragraph, r["s"], bold=r["b"], italic=r["i"])


def _blocks(doc, blocks: list[dict], *, style: str | None = None, level: int = 0) -> None:
    """The restricted HTML's blocks: headings 3–4 as Heading 3–4, lists as List Bullet /
    List Number (2, 3 for nested levels). ``style`` overrides (last year's text)."""
    for b in blocks:
        if b["t"] in ("ul", "ol"):
            list_style = "List Bullet" if b["t"] == "ul" else "List Number"
            if level:
                list_style += f" {min(level + 1, 3)}"
            for item in b["items"]:
                first = True
                for inner in item:
                    if inner["t"] in ("ul", "ol"):
                        _blocks(doc, [inner], style=style, level=level + 1)
                    else:
                        p = _paragraph(doc, style=style or (list_style if first else None))
                        if style and first:
                            p.add_run("– ")
                        _runs(p, inner["c"])
                        first = False
        elif b["t"] in ("h3", "h4"):
            p = _paragraph(doc, style=style or ("Heading 3" if b["t"] == "h3" else "Heading 4"))
            _runs(p, [dict(r, b=True) for r in b["c"]] if style else b["c"])
        else:
            _runs(_paragraph(doc, style=style), b["c"])


def _label(doc, text: str, bookmark: str | None = None):
    p = _paragraph(doc, _clean(text), LABEL)
    if bookmark:
        _bookmark(p, bookmark)
    return p


def _cell_value(item: dict, name: str) -> str:
    value = item.get(name)
    return "" if value is None else str(value)


def _table(doc, kind: str, items: list[dict]) -> None:
    cols = tables.columns(kind)
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"
    for cell, (_name, header) in zip(table.rows[0].cells, cols, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for item in [*(i for i in items if i.get("kind") == kind), {}]:  # one empty row to write in
        cells = table.add_row().cells
        for cell, (name, _header) in zip(cells, cols, strict=True):
            lines = _clean(_cell_value(item, name)).split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)


def _allowed_values(doc, kind: str, vocab: Vocabulary) -> None:
    _paragraph(doc, tables.explanation(kind), GUIDANCE)
    if kind == "sdg" and vocab.goals:
        _paragraph(doc, _("Mål: ") + "; ".join(f"{n} {_clean(name)}" for n, name in sorted(vocab.goals.items())), GUIDANCE)
    if kind == "arena" and vocab.arenas:
        _paragraph(doc, _("Fasta samverkansytor: ") + "; ".join(f"{code} ({_clean(name)})" for code, name in sorted(vocab.arenas.items())), GUIDANCE)


def _contribution(doc, c: ContributionSection, vocab: Vocabulary) -> None:
    heading = doc.add_heading(_clean(c.question_title), 2)
    _bookmark(heading, f"rs_c_{c.id}")
    state = _("Läge: %(state)s · version %(revision)s") % {"state": c.state_label, "revision": c.revision}
    _paragraph(doc, state, GUIDANCE)
    if not c.editable:
        _paragraph(doc, _("Det här bidraget tas inte emot från Word just nu: %(reason)s") % {"reason": c.closed_reason}, GUIDANCE)
    if c.guidance:
        _label(doc, _("Vägledning"))
        for line in [line for line in c.guidance.split("\n\n") if line.strip()]:
            _paragraph(doc, _clean(" ".join(line.split())), GUIDANCE)
    if c.previous_year is not None:
        _label(doc, _("Förra årets text (%(year)s)") % {"year": c.previous_year})
        blocks = html_to_blocks(c.previous_html)
        if blocks:
            _blocks(doc, blocks, style=PREVIOUS)
        else:
            _paragraph(doc, _("(ingen text)"), PREVIOUS)
    _label(doc, _("Er text: skriv här, under den här raden"), f"rs_b_{c.id}")
    blocks = html_to_blocks(c.body_html)
    if blocks:
        _blocks(doc, blocks)
    else:
        doc.add_paragraph()
    for kind in c.item_kinds:
        _label(doc, _("Tabell: %(kind)s") % {"kind": vocab.kind_labels.get(kind, kind)}, f"rs_t_{c.id}_{kind}")
        _allowed_values(doc, kind, vocab)
        _table(doc, kind, c.items)


def _introduction(doc, export: ExportDocument) -> None:
    doc.add_paragraph(_clean(export.title or _("Resultat %(year)s: %(unit)s") % {"year": export.year, "unit": export.unit_name}), style="Title")
    for text in (
        _("Skriv era svar under raderna ”Er text” och i tabellerna. Rubriker i fetstil grått, vägledningen och förra årets text "
          "läses inte tillbaka: ändra dem inte, och ta inte bort rubrikerna."),
        _("Formatering som följer med tillbaka: stycken, rubriknivå 3 och 4, fetstil, kursiv, punkt- och numrerade listor och "
          "länkar. Annat (bilder, färger, tabeller i texten, fotnoter) tas bort, och förhandsvisningen säger var."),
        _("Ladda upp dokumentet på sidan Skriv i Word i Resultat (länken finns under Mina uppgifter). Du ser först vad som ändras och bekräftar sedan. "
          "Har någon ändrat samma text i webben sedan dokumentet skapades visas båda texterna och inget skrivs över."),
        _("Skapat %(made)s för verksamheten %(unit)s, uppföljningen %(year)s.") % {"made": export.made_at[:16].replace("T", " "), "unit": export.unit_name, "year": export.year},
    ):
        _paragraph(doc, _clean(text), GUIDANCE)


def _document(export: ExportDocument, vocab: Vocabulary):
    doc = Document()
    _styles(doc)
    props = doc.core_properties
    props.title = _clean(export.title or f"Resultat {export.year}: {export.unit_name}")
    props.language = "sv-SE"
    props.author = "Resultat"
    _introduction(doc, export)
    for n, area in enumerate(export.areas, start=1):
        heading = doc.add_heading(_clean(area.name), 1)
        _bookmark(heading, f"rs_a_{n}")
        for c in area.contributions:
            _contribution(doc, c, vocab)
    _label(doc, _("Slut på dokumentet"), "rs_slut")
    return doc


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_docx(export: ExportDocument, vocab: Vocabulary, key: bytes) -> bytes:
    """The DOCX for ``export``, with its signed manifest.

    The manifest records, per contribution, the hash of what the document reads back as
    (text and items), found by reading the document just written: so an unchanged
    document, whatever the writer's word processor does on saving, reads as unchanged.
    """
    from resultat.core.wordexchange.parse import read_regions  # the same reader as the way back

    doc = _document(export, vocab)
    regions = read_regions(_save(doc), vocab)
    entries = []
    for area in export.areas:
        for c in area.contributions:
            body, items = regions.get(c.id, ("", []))
            entries.append({"id": c.id, "rev": c.revision, "area": area.code, "question": c.question_code, "kinds": list(c.item_kinds),
                            "body": body_hash(body), "items": items_hash(items)})
    manifest = Manifest(year=export.year, cycle_id=export.cycle_id, unit_code=export.unit_code, made_at=export.made_at, contributions=entries)
    part = Part(PackURI("/docProps/custom.xml"), manifest_mod.CT_CUSTOM, manifest_mod.custom_properties_xml(manifest, key), doc.part.package)
    doc.part.package.relate_to(part, manifest_mod.RT_CUSTOM)
    return _save(doc)
