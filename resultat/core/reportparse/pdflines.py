"""The text layer of a PDF as styled lines (plain Python; poppler's ``pdftohtml -xml``).

``pdf_lines(path)`` runs ``pdftohtml -xml`` (poppler-utils) and returns every text line
with its page, position, font size and weight, in reading order, without running heads,
running feet and page numbers. No PDF library is installed in the environment
(pdfminer.six/pypdf/PyMuPDF are not there); poppler gives what the import needs: font
size, bold and italic per text run.

A PDF without a text layer (a scanned copy) raises :class:`NoTextLayer`, so the caller
can say so or take the OCR path.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

#: A line in the top or bottom band of a page that repeats on this many pages (digits
#: masked) is a running head or foot.
RUNNING_MIN_PAGES = 3
#: The bands (share of the page height) where running heads and feet sit.
HEAD_BAND = 0.075
FOOT_BAND = 0.925
BULLETS = ("•", "–", "◦", "▪", "-")


class PdfError(ValueError):
    """The PDF cannot be read (nothing recoverable)."""


class NoTextLayer(PdfError):
    """The PDF has no text layer (a scanned copy): OCR is needed."""


@dataclass(frozen=True)
class PdfLine:
    page: int
    top: float
    left: float
    right: float
    height: float
    size: float  # font size as poppler reports it (1.5 × points at its default zoom)
    bold: bool
    italic: bool
    color: str
    text: str
    bullet: str = ""  # a list marker printed before the line ("•", "1.") in its own run

    @property
    def style(self) -> tuple:
        return (round(self.size), self.bold, self.italic)


def _run_pdftohtml(path: Path) -> bytes:
    exe = shutil.which("pdftohtml")
    if exe is None:
        raise PdfError("pdftohtml (poppler-utils) saknas: installera paketet poppler-utils för att läsa PDF")
    try:
        proc = subprocess.run(
            [exe, "-xml", "-i", "-stdout", "-q", "-nodrm", str(path)],
            capture_output=True, timeout=300, check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PdfError(f"{path}: pdftohtml blev inte klar på 300 s") from exc
    if proc.returncode != 0 or not proc.stdout.strip():
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PdfError(f"{path}: filen kan inte läsas som PDF ({msg[-1] if msg else 'pdftohtml: fel ' + str(proc.returncode)})")
    return proc.stdout


_BAD_XML_CHARS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _runs(path: Path) -> tuple[list[dict], dict[int, tuple[float, float]]]:
    """Every ``<text>`` element: page, geometry, font and text with bold/italic."""
    data = _BAD_XML_CHARS.sub(b"", _run_pdftohtml(path))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise PdfError(f"{path}: pdftohtml gav oläslig XML ({exc})") from exc
    fonts: dict[str, tuple[float, str]] = {}
    runs: list[dict] = []
    pages: dict[int, tuple[float, float]] = {}
    for page in root.iter("page"):
        number = int(page.get("number", "0"))
        pages[number] = (float(page.get("height", "0")), float(page.get("width", "0")))
        for el in page:
            if el.tag == "fontspec":
                fonts[el.get("id")] = (float(el.get("size", "0")), el.get("color", ""))
            elif el.tag == "text":
                text = "".join(el.itertext())
                if not text.strip():
                    continue
                size, color = fonts.get(el.get("font"), (0.0, ""))
                bold_text = "".join("".join(b.itertext()) for b in el.iter("b"))
                italic_text = "".join("".join(i.itertext()) for i in el.iter("i"))
                top, left, width, height = (float(el.get(k, "0")) for k in ("top", "left", "width", "height"))
                runs.append({
                    "page": number, "top": top, "left": left, "right": left + width, "height": height,
                    "size": size, "color": color, "text": text,
                    "bold": bool(bold_text.strip()) and len(bold_text.strip()) >= len(text.strip()),
                    "italic": bool(italic_text.strip()) and len(italic_text.strip()) >= len(text.strip()),
                })
    return runs, pages


_NUMBER_MARK = re.compile(r"^\d{1,3}[.)]$")


def _lines(runs: list[dict]) -> list[PdfLine]:
    """Runs on the same baseline of a page joined into lines; a lone "•" or "1." run in
    front becomes the line's ``bullet``."""
    out: list[PdfLine] = []
    by_row: dict[tuple[int, float], list[dict]] = {}
    for r in runs:
        by_row.setdefault((r["page"], round(r["top"])), []).append(r)
    for (page, top), row in sorted(by_row.items()):
        row.sort(key=lambda r: r["left"])
        bullet = ""
        if len(row) > 1 and (row[0]["text"].strip() in BULLETS or _NUMBER_MARK.match(row[0]["text"].strip())):
            bullet = row[0]["text"].strip()
            row = row[1:]
        # Runs far apart on one row (columns, a right-aligned running head) stay lines of
        # their own.
        groups: list[list[dict]] = [[row[0]]]
        for r in row[1:]:
            gap = r["left"] - groups[-1][-1]["right"]
            if gap > 4 * max(r["size"], 1):
                groups.append([r])
            else:
                groups[-1].append(r)
        for g in groups:
            text = ""
            for r in g:
                t = r["text"]
                if text and not text.endswith(" ") and not t.startswith(" ") and _space_between(g, r):
                    t = " " + t
                text += t
            main = max(g, key=lambda r: len(r["text"]))
            out.append(PdfLine(
                page=page, top=g[0]["top"], left=g[0]["left"], right=g[-1]["right"], height=max(r["height"] for r in g),
                size=main["size"], bold=all(r["bold"] for r in g), italic=all(r["italic"] for r in g),
                color=main["color"], text=" ".join(text.split()), bullet=bullet if g is groups[0] else "",
            ))
    return out


def _space_between(group: list[dict], run: dict) -> bool:
    i = group.index(run)
    return run["left"] - group[i - 1]["right"] > 0.15 * max(run["size"], 1)


def _running(lines: list[PdfLine], pages: dict[int, tuple[float, float]]) -> set[int]:
    """Indices of running heads, running feet and page numbers."""
    def band(ln: PdfLine) -> str:
        height = pages.get(ln.page, (0.0, 0.0))[0] or 1.0
        if ln.top < HEAD_BAND * height:
            return "head"
        if ln.top + ln.height > FOOT_BAND * height:
            return "foot"
        return ""

    masked = Counter()
    keys = {}
    for i, ln in enumerate(lines):
        b = band(ln)
        if b:
            k = (b, re.sub(r"\d+", "#", ln.text.strip().lower()))
            keys[i] = k
            masked[k] += 1
    drop = set()
    for i, k in keys.items():
        if masked[k] >= RUNNING_MIN_PAGES or re.fullmatch(r"(sida\s*)?#(\s*(av|/)\s*#)?", k[1]):
            drop.add(i)
    # A short running head that did not repeat often enough (a one-page chapter's title
    # beside the report title) shares its row with one that did.
    rows = {(lines[i].page, lines[i].top) for i in drop}
    drop.update(i for i in keys if (lines[i].page, lines[i].top) in rows)
    return drop


def pdf_lines(path: str | Path) -> list[PdfLine]:
    """The PDF's text lines in reading order, running heads/feet and page numbers dropped.

    Raises :class:`NoTextLayer` when no page has text, :class:`PdfError` when the file
    is not a readable PDF."""
    path = Path(path)
    if not path.exists():
        raise PdfError(f"{path}: filen finns inte")
    with path.open("rb") as f:
        if not f.read(1024).lstrip().startswith(b"%PDF"):
            raise PdfError(f"{path}: filen är inte en PDF (börjar inte med %PDF)")
    runs, pages = _runs(path)
    if not runs:
        raise NoTextLayer(
            f"{path}: PDF:en har inget textlager ({len(pages)} sidor, bara bilder, t.ex. en inskannad kopia). "
            "Läs in den som OCR-text i stället: resultat import report FIL.pdf --ocr-text FIL.txt"
        )
    lines = _lines(runs)
    drop = _running(lines, pages)
    return [ln for i, ln in enumerate(lines) if i not in drop]
