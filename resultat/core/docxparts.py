"""Low-level pieces of a DOCX paragraph shared by the report (core/report/docx.py) and the
Word exchange (core/wordexchange/build.py): text fit for XML, a run with bold/italic and an
external hyperlink, written as OOXML directly (python-docx's run setters are slow in bulk
and it has no hyperlink API). Plain Python, no Django."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def clean(text) -> str:
    """The text without the C0 controls XML 1.0 forbids (tab and newline stay)."""
    return "".join(ch for ch in str(text or "") if ch in "\t\n" or ord(ch) >= 0x20)


def _run(text: str, *, bold: bool, italic: bool, style: str | None = None, underline: bool = False):
    run = OxmlElement("w:r")
    if style or bold or italic or underline:
        rpr = OxmlElement("w:rPr")
        if style:
            element = OxmlElement("w:rStyle")
            element.set(qn("w:val"), style)
            rpr.append(element)
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if underline:
            u = OxmlElement("w:u")
            u.set(qn("w:val"), "single")
            rpr.append(u)
        run.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = clean(text)
    run.append(t)
    return run


def append_run(paragraph, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph._p.append(_run(text, bold=bold, italic=italic))


def append_hyperlink(paragraph, url: str, text: str, *, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    """An external link in the paragraph, in the document's "Hyperlink" character style."""
    r_id = paragraph.part.relate_to(url, HYPERLINK_REL, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.append(_run(text, bold=bold, italic=italic, style="Hyperlink", underline=underline))
    paragraph._p.append(link)
