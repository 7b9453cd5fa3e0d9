"""Read an edited DOCX back: check the package, verify the manifest, read every region."""

from __future__ import annotations

import html as htmllib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from resultat.core import richtext
from resultat.core.wordexchange import manifest as manifest_mod
from resultat.core.wordexchange import tables
from resultat.core.wordexchange.model import (
    Manifest,
    ParsedContribution,
    Place,
    UploadedDocument,
    Vocabulary,
    WordExchangeError,
    body_hash,
    items_hash,
    normal_item,
)
from resultat.core.wordexchange.texts import _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_PART_BYTES = 40 * 1024 * 1024  # uncompressed, per part read
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # uncompressed, whole package as declared
MAX_RATIO = 150  # uncompressed / compressed, per entry (larger only in zip bombs)
MAX_ELEMENTS = 2_000_000
TITLE_MAX = 400

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
RT_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_MARKER = re.compile(r"^rs_(?:(c|b)_(\d+)|t_(\d+)_([a-z_]+)|(a)_\d+|(slut))$")
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+"([^"]+)"', re.IGNORECASE)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# --- the package ------------------------------------------------------------------------


class _Package:
    def __init__(self, data: bytes):
        if len(data) > MAX_UPLOAD_BYTES:
            raise WordExchangeError(_("Filen är för stor (%(mb).1f MB); högst %(max)s MB tas emot.") % {"mb": len(data) / 1e6, "max": MAX_UPLOAD_BYTES // (1024 * 1024)})
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise WordExchangeError(_("Filen är inte ett Word-dokument (.docx).")) from exc
        if len(infos) > MAX_ENTRIES:
            raise WordExchangeError(_("Filen innehåller för många delar (%(n)s) för att vara ett vanligt Word-dokument.") % {"n": len(infos)})
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
                raise WordExchangeError(_("Filen packas upp till orimligt mycket data (%(name)s) och tas inte emot.") % {"name": info.filename[:80]})
        self.names = {info.filename for info in infos}

    def read(self, name: str) -> bytes | None:
        name = name.lstrip("/")
        if name not in self.names:
            return None
        with self.zip.open(name) as handle:
            data = handle.read(MAX_PART_BYTES + 1)  # the declared size may lie
        if len(data) > MAX_PART_BYTES:
            raise WordExchangeError(_("Filen packas upp till orimligt mycket data (%(name)s) och tas inte emot.") % {"name": name[:80]})
        return data

    def xml(self, name: str):
        data = self.read(name)
        return None if data is None else parse_xml(data, name)


def parse_xml(data: bytes, name: str = ""):
    """XML without DTDs or entities (no billion laughs, no external entities)."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise WordExchangeError(_("Delen %(name)s i filen innehåller en DTD och tas inte emot.") % {"name": name})
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise WordExchangeError(_("Delen %(name)s i filen är inte giltig XML: %(error)s") % {"name": name, "error": str(exc)[:200]}) from exc
    for count, _el in enumerate(root.iter(), start=1):
        if count > MAX_ELEMENTS:
            raise WordExchangeError(_("Delen %(name)s i filen är orimligt stor och tas inte emot.") % {"name": name})
    return root


def _rels(package: _Package, part: str) -> dict[str, tuple[str, str, str]]:
    folder, _sep, base = part.rpartition("/")
    root = package.xml(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
    if root is None:
        return {}
    return {
        rel.get("Id"): (rel.get("Type", ""), rel.get("Target", ""), rel.get("TargetMode", ""))
        for rel in root.iter(f"{{{PR}}}Relationship")
    }


def _target(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    folder = base_part.rpartition("/")[0]
    parts = (folder.split("/") if folder else []) + target.split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            out and out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


def custom_properties(package: _Package) -> dict[str, str]:
    name = "docProps/custom.xml"
    for rel_type, target, _mode in _rels(package, "").values():
        if rel_type == manifest_mod.RT_CUSTOM:
            name = _target("", target)
    root = package.xml(name)
    if root is None:
        return {}
    props = {}
    for prop in root.iter(f"{{{manifest_mod.NS_CUSTOM}}}property"):
        props[prop.get("name", "")] = "".join(prop.itertext())
    return props


# --- styles and numbering -----------------------------------------------------------------


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    num: tuple[str, int] | None = None
    outline: int | None = None
    bold: bool | None = None
    italic: bool | None = None


def _on(el) -> bool:
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


class _Styles:
    def __init__(self, root, numbering):
        self.styles: dict[str, _Style] = {}
        self.numbering = numbering
        if root is None:
            return
        for el in root.iter(w("style")):
            sid = el.get(w("styleId"), "")
            st = _Style()
            name = el.find(w("name"))
            st.name = (name.get(w("val"), "") if name is not None else sid).casefold()
            based = el.find(w("basedOn"))
            st.based_on = based.get(w("val")) if based is not None else None
            ppr = el.find(w("pPr"))
            if ppr is not None:
                st.num = _num_pr(ppr.find(w("numPr")))
                outline = ppr.find(w("outlineLvl"))
                if outline is not None and outline.get(w("val"), "").isdigit():
                    st.outline = int(outline.get(w("val")))
            rpr = el.find(w("rPr"))
            if rpr is not None:
                st.bold = _on(rpr.find(w("b"))) if rpr.find(w("b")) is not None else None
                st.italic = _on(rpr.find(w("i"))) if rpr.find(w("i")) is not None else None
            self.styles[sid] = st

    def chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def heading_level(self, sid: str | None) -> int | None:
        for st in self.chain(sid):
            m = re.fullmatch(r"(?:heading|rubrik)\s*(\d)", st.name)
            if m:
                return int(m.group(1))
            if st.name in ("title", "rubrik"):
                return None
            if st.outline is not None and st.outline < 9:
                return st.outline + 1
        return None

    def list_of(self, sid: str | None, direct: tuple[str, int] | None) -> tuple[str, int] | None:
        num = direct
        name = ""
        for st in self.chain(sid):
            name = name or st.name
            if num is None and st.num is not None:
                num = st.num
        m = re.fullmatch(r"list (bullet|number)(?: (\d))?", name)
        if num is not None:
            num_id, level = num
            if num_id in ("0", ""):
                return None
            if level == 0 and m and m.group(2):  # Word's "List Bullet 2" numbers its own list at level 0
                level = int(m.group(2)) - 1
            return (self.numbering.kind(num_id, level if not (m and m.group(2)) else num[1]), level)
        if m:
            return ("ul" if m.group(1) == "bullet" else "ol", int(m.group(2) or 1) - 1)
        return None

    def run_flag(self, sid: str | None, flag: str) -> bool:
        for st in self.chain(sid):
            value = getattr(st, flag)
            if value is not None:
                return value
        return False


def _num_pr(el) -> tuple[str, int] | None:
    if el is None:
        return None
    num_id = el.find(w("numId"))
    ilvl = el.find(w("ilvl"))
    if num_id is None:
        return None
    level = ilvl.get(w("val"), "0") if ilvl is not None else "0"
    return (num_id.get(w("val"), ""), int(level) if level.isdigit() else 0)


class _Numbering:
    def __init__(self, root):
        self.abstract: dict[str, dict[int, str]] = {}
        self.nums: dict[str, tuple[str, dict[int, str]]] = {}
        if root is None:
            return
        for a in root.iter(w("abstractNum")):
            self.abstract[a.get(w("abstractNumId"), "")] = _levels(a)
        for n in root.iter(w("num")):
            abstract = n.find(w("abstractNumId"))
            overrides = {}
            for o in n.iter(w("lvlOverride")):
                lvl = o.find(w("lvl"))
                if lvl is not None:
                    overrides.update(_levels(o))
            self.nums[n.get(w("numId"), "")] = (abstract.get(w("val"), "") if abstract is not None else "", overrides)

    def kind(self, num_id: str, level: int) -> str:
        abstract, overrides = self.nums.get(num_id, ("", {}))
        fmt = overrides.get(level) or self.abstract.get(abstract, {}).get(level, "bullet")
        return "ul" if fmt in ("bullet", "none", "") else "ol"


def _levels(el) -> dict[int, str]:
    out = {}
    for lvl in el.iter(w("lvl")):
        ilvl = lvl.get(w("ilvl"), "0")
        fmt = lvl.find(w("numFmt"))
        out[int(ilvl) if ilvl.isdigit() else 0] = fmt.get(w("val"), "bullet") if fmt is not None else "bullet"
    return out


# --- paragraphs ------------------------------------------------------------------------------


@dataclass
class _Para:
    tag: str = "p"  # p, h1..h6
    listing: tuple[str, int] | None = None
    runs: list[tuple[str, bool, bool, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(r[0] for r in self.runs)


class _Reader:
    def __init__(self, package: _Package, doc_part: str):
        self.package = package
        rels = _rels(package, doc_part)
        self.links = {rid: target for rid, (kind, target, _mode) in rels.items() if kind == RT_HYPERLINK}
        styles_part = next((_target(doc_part, t) for k, t, _m in rels.values() if k == RT_STYLES), None)
        numbering_part = next((_target(doc_part, t) for k, t, _m in rels.values() if k == RT_NUMBERING), None)
        numbering = _Numbering(package.xml(numbering_part) if numbering_part else None)
        self.styles = _Styles(package.xml(styles_part) if styles_part else None, numbering)

    def paragraph(self, p) -> _Para:
        para = _Para()
        ppr = p.find(w("pPr"))
        sid = None
        direct_num = None
        if ppr is not None:
            style = ppr.find(w("pStyle"))
            sid = style.get(w("val")) if style is not None else None
            direct_num = _num_pr(ppr.find(w("numPr")))
        level = self.styles.heading_level(sid)
        if level is not None:
            para.tag = f"h{min(level, 6)}"
            if level not in (3, 4):
                para.notes.append(_("en rubrik på nivå %(level)s blev nivå %(to)s") % {"level": level, "to": 3 if level < 3 else 4})
        else:
            para.listing = self.styles.list_of(sid, direct_num)
        self._inline(p, para, bold=False, italic=False, href="", fields=[])
        return para

    def _inline(self, el, para: _Para, *, bold: bool, italic: bool, href: str, fields: list[dict]) -> None:
        for child in el:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if child.tag == w("r"):
                self._run(child, para, href=href, fields=fields)
            elif child.tag == w("hyperlink"):
                rid = child.get(f"{{{R}}}id")
                target = self.links.get(rid, "") if rid else ""
                if not target and child.get(w("anchor")):
                    para.notes.append(_("en länk inom dokumentet blev vanlig text"))
                self._inline(child, para, bold=bold, italic=italic, href=target or href, fields=fields)
            elif child.tag == w("fldSimple"):
                m = _HYPERLINK_FIELD.match(child.get(w("instr"), ""))
                self._inline(child, para, bold=bold, italic=italic, href=m.group(1) if m else href, fields=fields)
            elif child.tag in (w("ins"), w("smartTag"), w("customXml"), w("moveTo"), w("sdtContent"), w("dir"), w("bdo")):
                self._inline(child, para, bold=bold, italic=italic, href=href, fields=fields)
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, para, bold=bold, italic=italic, href=href, fields=fields)
            elif child.tag in (w("del"), w("moveFrom")):
                para.notes.append(_("spårade ändringar: borttagen text togs inte med"))
            elif tag in ("oMath", "oMathPara"):
                para.notes.append(_("en formel togs bort"))

    def _run(self, r, para: _Para, *, href: str, fields: list[dict]) -> None:
        rpr = r.find(w("rPr"))
        sid = None
        bold = italic = False
        if rpr is not None:
            rstyle = rpr.find(w("rStyle"))
            sid = rstyle.get(w("val")) if rstyle is not None else None
        bold = self.styles.run_flag(sid, "bold")
        italic = self.styles.run_flag(sid, "italic")
        if rpr is not None:
            if rpr.find(w("b")) is not None:
                bold = _on(rpr.find(w("b")))
            if rpr.find(w("i")) is not None:
                italic = _on(rpr.find(w("i")))
            if rpr.find(w("vanish")) is not None and _on(rpr.find(w("vanish"))):
                para.notes.append(_("dold text togs inte med"))
                return
            for flag, note in (("strike", _("genomstrykning togs bort")), ("dstrike", _("genomstrykning togs bort"))):
                if rpr.find(w(flag)) is not None and _on(rpr.find(w(flag))):
                    para.notes.append(note)
            u = rpr.find(w("u"))
            if u is not None and u.get(w("val"), "single") != "none" and not href:
                para.notes.append(_("understrykning togs bort"))
            if rpr.find(w("color")) is not None and rpr.find(w("color")).get(w("val"), "auto") not in ("auto", "000000") and not href:
                para.notes.append(_("textfärg togs bort"))
            if rpr.find(w("highlight")) is not None or rpr.find(w("shd")) is not None:
                para.notes.append(_("markering eller bakgrundsfärg togs bort"))
        for child in r:
            if child.tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append({"instr": "", "result": False, "href": ""})
                elif kind == "separate" and fields:
                    fields[-1]["result"] = True
                    m = _HYPERLINK_FIELD.match(fields[-1]["instr"])
                    fields[-1]["href"] = m.group(1) if m else ""
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if child.tag == w("instrText"):
                if fields and not fields[-1]["result"]:
                    fields[-1]["instr"] += child.text or ""
                continue
            if any(not f["result"] for f in fields):
                continue  # the field's code, not its shown result
            link = next((f["href"] for f in reversed(fields) if f["href"]), "") or href
            if child.tag == w("t"):
                para.runs.append((child.text or "", bold, italic, link))
            elif child.tag == w("tab"):
                para.runs.append((" ", bold, italic, link))
            elif child.tag in (w("br"), w("cr")):
                if child.get(w("type")) in ("page", "column"):
                    para.notes.append(_("en sidbrytning togs bort"))
                else:
                    para.runs.append(("\n", False, False, ""))
            elif child.tag == w("noBreakHyphen"):
                para.runs.append(("-", bold, italic, link))
            elif child.tag in (w("drawing"), w("pict"), w("object")):
                para.notes.append(_("en bild eller ett objekt togs bort"))
            elif child.tag in (w("footnoteReference"), w("endnoteReference")):
                para.notes.append(_("en fotnot togs bort"))
            elif child.tag == w("sym"):
                para.notes.append(_("en symbol togs bort"))


def _inline_html(runs: list[tuple[str, bool, bool, str]]) -> str:
    merged: list[list] = []
    for text, bold, italic, href in runs:
        if text == "\n":
            merged.append(["\n", False, False, ""])
        elif merged and merged[-1][0] != "\n" and merged[-1][1:] == [bold, italic, href]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic, href])
    out = []
    for text, bold, italic, href in merged:
        if text == "\n":
            out.append("<br>")
            continue
        s = htmllib.escape(text, quote=False)
        if italic:
            s = f"<em>{s}</em>"
        if bold:
            s = f"<strong>{s}</strong>"
        if href:
            s = f'<a href="{htmllib.escape(href)}">{s}</a>'
        out.append(s)
    return "".join(out)


def paragraphs_to_html(paras: list[_Para]) -> str:
    out: list[str] = []
    stack: list[str] = []
    for para in paras:
        if not para.text().strip():
            continue
        inline = _inline_html(para.runs)
        if para.listing is not None:
            tag, level = para.listing
            level = max(0, min(level, 5))
            while len(stack) > level + 1:
                out.append(f"</li></{stack.pop()}>")
            if len(stack) == level + 1 and stack[-1] != tag:
                out.append(f"</li></{stack.pop()}>")
            if len(stack) == level + 1:
                out.append("</li><li>")
            else:
                while len(stack) < level + 1:
                    out.append(f"<{tag}><li>")
                    stack.append(tag)
            out.append(inline)
            continue
        while stack:
            out.append(f"</li></{stack.pop()}>")
        out.append(f"<{para.tag}>{inline}</{para.tag}>")
    while stack:
        out.append(f"</li></{stack.pop()}>")
    return richtext.sanitize("".join(out))


# --- regions -------------------------------------------------------------------------------


@dataclass
class _Region:
    kind: str  # body or table
    contribution: int
    item_kind: str = ""
    area: str = ""
    question: str = ""
    paras: list[_Para] = field(default_factory=list)
    tables: list[Any] = field(default_factory=list)
    stray_text: bool = False
    table_as_text: bool = False


def _blocks(body):
    """Paragraphs and tables in document order (content controls and custom XML unwrapped);
    bookmarks between paragraphs belong to the next paragraph."""
    pending: list[str] = []
    for el in body:
        if el.tag in (w("sdt"),):
            content = el.find(w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif el.tag == w("customXml"):
            yield from _blocks(el)
        elif el.tag == w("bookmarkStart"):
            pending.append(el.get(w("name"), ""))
        elif el.tag == w("p"):
            names = pending + [b.get(w("name"), "") for b in el.iter(w("bookmarkStart"))]
            pending = []
            yield "p", el, names
        elif el.tag == w("tbl"):
            yield "tbl", el, []


def _regions(reader: _Reader, root) -> tuple[list[_Region], dict[int, str], list[str]]:
    body = root.find(w("body"))
    if body is None:
        raise WordExchangeError(_("Dokumentet har ingen brödtext."))
    regions: list[_Region] = []
    titles: dict[int, str] = {}
    markers: list[str] = []
    current: _Region | None = None
    area = question = ""
    for kind, el, names in _blocks(body):
        marker = next((m for m in (_MARKER.match(n) for n in names) if m), None)
        if marker is not None:
            markers.append(marker.group(0))
            text = "".join(t.text or "" for t in el.iter(w("t"))).strip()
            current = None
            if marker.group(5):  # area heading
                area = text
            elif marker.group(1) == "c":
                question = text
                titles[int(marker.group(2))] = f"{area}|{question}"
            elif marker.group(1) == "b":
                current = _Region("body", int(marker.group(2)), area=area, question=question)
                regions.append(current)
            elif marker.group(3):
                current = _Region("table", int(marker.group(3)), item_kind=marker.group(4), area=area, question=question)
                regions.append(current)
            continue
        if current is None:
            continue
        if kind == "tbl":
            if current.kind == "table":
                current.tables.append(el)
            else:
                current.table_as_text = True
                for p in el.iter(w("p")):
                    current.paras.append(reader.paragraph(p))
        elif current.kind == "body":
            current.paras.append(reader.paragraph(el))
        elif "".join(t.text or "" for t in el.iter(w("t"))).strip() and current.tables:
            current.stray_text = True
    return regions, titles, markers


def _cell_text(tc) -> str:
    lines = ["".join(t.text or "" for t in p.iter(w("t"))).strip() for p in tc.iter(w("p"))]
    return "\n".join(line for line in lines if line).strip()


def _table_items(region: _Region, vocab: Vocabulary, problems: list, label: str) -> list[dict]:
    kind = region.item_kind
    place = Place(region.area, region.question, label)
    if not region.tables:
        problems.append((place, _("Tabellen saknas: lägg inte bort tabellerna ur dokumentet.")))
        return []
    table = region.tables[0]
    if len(region.tables) > 1:
        problems.append((place, _("Det finns %(n)s tabeller här; bara en hör till listan.") % {"n": len(region.tables)}))
    cols = tables.columns(kind)
    accepted = tables.accepted_headers(kind)
    rows = [tr for tr in table if tr.tag == w("tr")]
    items: list[dict] = []
    for index, tr in enumerate(rows):
        cells = [tc for tc in tr if tc.tag == w("tc")]
        spans = [tc.find(f"{w('tcPr')}/{w('gridSpan')}") for tc in cells]
        merged = [tc.find(f"{w('tcPr')}/{w('vMerge')}") for tc in cells]
        row_place = Place(region.area, region.question, label, index)
        if any(s is not None and s.get(w("val"), "1") != "1" for s in spans) or any(m is not None for m in merged):
            problems.append((row_place, _("Tabellen har sammanfogade celler; dela dem så att raden har %(n)s celler.") % {"n": len(cols)}))
            continue
        values = [_cell_text(tc) for tc in cells]
        if index == 0:
            if len(values) != len(cols) or any(v.casefold() not in ok for v, ok in zip(values, accepted, strict=False)):
                problems.append((Place(region.area, region.question, label), _("Tabellens rubrikrad ska vara %(expected)s, men är %(found)s.") % {
                    "expected": " | ".join(h for _n, h in cols), "found": " | ".join(values) or _("tom")}))
                return []
            continue
        if len(values) != len(cols):
            problems.append((row_place, _("Raden har %(found)s celler; tabellen ska ha %(n)s kolumner.") % {"found": len(values), "n": len(cols)}))
            continue
        if not any(values):
            continue
        raw = {"kind": kind, **{name: value for (name, _h), value in zip(cols, values, strict=True)}}
        item = _check_item(raw, vocab, problems, row_place)
        if item is not None:
            items.append(item)
    return items


def _check_item(raw: dict, vocab: Vocabulary, problems: list, place: Place) -> dict | None:
    kind = raw["kind"]
    ok = True
    if len(raw.get("title") or "") > TITLE_MAX:
        problems.append((place, _("Rubriken är längre än %(n)s tecken.") % {"n": TITLE_MAX}))
        ok = False
    if kind == "sdg":
        goal_text = (raw.get("sdg_goal") or "").strip().rstrip(".")
        if not goal_text.isdigit() or (vocab.goals and int(goal_text) not in vocab.goals):
            problems.append((place, _("Mål ska vara ett nummer 1–17, inte %(value)r.") % {"value": raw.get("sdg_goal") or ""}))
            return None
        raw["sdg_goal"] = int(goal_text)
        target = (raw.get("sdg_target") or "").strip()
        if target and vocab.targets and target not in vocab.targets.get(raw["sdg_goal"], set()):
            problems.append((place, _("Delmålet %(target)s finns inte under mål %(goal)s.") % {"target": target, "goal": raw["sdg_goal"]}))
            ok = False
        raw["sdg_target"] = target or None
    elif kind == "arena":
        value = (raw.get("arena") or "").strip()
        code = None
        if value:
            by_name = {name.casefold(): c for c, name in vocab.arenas.items()}
            code = value if value in vocab.arenas else by_name.get(value.casefold())
            if code is None:
                problems.append((place, _("Okänd samverkansyta %(value)r: skriv en kod ur listan ovanför tabellen, eller lämna tomt.") % {"value": value}))
                ok = False
        raw["arena"] = code
        if code and not raw.get("title"):
            raw["title"] = vocab.arenas[code]
    return normal_item(raw) if ok else None


# --- the whole document --------------------------------------------------------------------


def _document(data: bytes) -> tuple[_Package, _Reader, Any]:
    package = _Package(data)
    doc_part = "word/document.xml"
    for rel_type, target, _mode in _rels(package, "").values():
        if rel_type == RT_DOCUMENT:
            doc_part = _target("", target)
    root = package.xml(doc_part)
    if root is None:
        raise WordExchangeError(_("Filen är inte ett Word-dokument (.docx): dokumentdelen saknas."))
    return package, _Reader(package, doc_part), root


def read_regions(data: bytes, vocab: Vocabulary) -> dict[int, tuple[str, list[dict]]]:
    """Per contribution id: its text (restricted HTML) and items as read back."""
    _package, reader, root = _document(data)
    regions, _titles, _markers = _regions(reader, root)
    out: dict[int, tuple[str, list[dict]]] = {}
    for region in regions:
        body, items = out.get(region.contribution, ("", []))
        if region.kind == "body":
            body = paragraphs_to_html(region.paras)
        else:
            items = items + _table_items(region, vocab, [], region.item_kind)
        out[region.contribution] = (body, items)
    return out


def read_docx(data: bytes, key: bytes, vocab: Vocabulary) -> UploadedDocument:
    """Read an uploaded document. Raises WordExchangeError when the document as a whole
    cannot be used (not a DOCX, hostile, no manifest or a tampered one); problems of single
    contributions are in the result with their place."""
    package, reader, root = _document(data)
    props = custom_properties(package)
    text, signature = manifest_mod.manifest_from_properties(props)
    if not text:
        raise WordExchangeError(_("Dokumentet är inte skapat av Resultat (uppgifterna om vad det skapades från saknas). Ladda ned ett dokument från Resultat och skriv i det."))
    if not manifest_mod.verify(text, signature, key):
        raise WordExchangeError(_("Dokumentets dolda uppgifter om vad det skapades från har ändrats eller kommer från en annan installation (signaturen stämmer inte). Inget sparades; ladda ned ett nytt dokument."))
    try:
        manifest = Manifest.from_json(text)
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise WordExchangeError(_("Dokumentets uppgifter om vad det skapades från går inte att läsa.")) from exc
    regions, titles, _markers = _regions(reader, root)
    result = UploadedDocument(manifest=manifest, contributions=[])
    for entry in manifest.contributions:
        cid = entry["id"]
        area, _sep, question = titles.get(cid, f"{entry['area']}|{entry['question']}").partition("|")
        parsed = ParsedContribution(id=cid, area=area or entry["area"], question=question or entry["question"])
        own = [r for r in regions if r.contribution == cid]
        bodies = [r for r in own if r.kind == "body"]
        if len(bodies) != 1:
            parsed.problems.append((Place(parsed.area, parsed.question), _("Raden ”Er text” saknas eller finns flera gånger; texten kan inte läsas. Ta inte bort eller kopiera de grå raderna.")))
        else:
            region = bodies[0]
            parsed.found_body = True
            parsed.body_html = paragraphs_to_html(region.paras)
            notes = sorted({n for p in region.paras for n in p.notes})
            if region.table_as_text:
                notes.append(_("en tabell i texten blev stycken"))
            parsed.notes.extend((Place(parsed.area, parsed.question), n) for n in notes)
        items: list[dict] = []
        for kind in entry.get("kinds", []):
            label = reader_kind_label(vocab, kind)
            tables_here = [r for r in own if r.kind == "table" and r.item_kind == kind]
            if len(tables_here) != 1:
                parsed.problems.append((Place(parsed.area, parsed.question, label), _("Tabellens grå rubrikrad saknas eller finns flera gånger; listan kan inte läsas.")))
                continue
            region = tables_here[0]
            parsed.found_tables.add(kind)
            items += _table_items(region, vocab, parsed.problems, label)
            if region.stray_text:
                parsed.notes.append((Place(parsed.area, parsed.question, label), _("text under tabellen togs inte med")))
        parsed.items = items
        parsed.body_changed = parsed.found_body and body_hash(parsed.body_html) != entry["body"]
        parsed.items_changed = len(parsed.found_tables) == len(entry.get("kinds", [])) and items_hash(items) != entry["items"]
        result.contributions.append(parsed)
    known = {c["id"] for c in manifest.contributions}
    for region in regions:
        if region.contribution not in known:
            result.problems.append((Place(region.area, region.question), _("Avsnittet hör inte till det här dokumentet (kopierat från ett annat?) och lästes inte.")))
            break
    return result


def reader_kind_label(vocab: Vocabulary, kind: str) -> str:
    return vocab.kind_labels.get(kind, kind)
