"""Helpers for the Word exchange tests: LibreOffice round trips and python-docx edits."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_save(data: bytes, tmp_path: Path) -> bytes:
    """Open ``data`` in LibreOffice (headless) and save it as DOCX again."""
    if SOFFICE is None:
        pytest.skip("LibreOffice saknas (apt-get install libreoffice-writer-nogui)")
    work = tmp_path / "lo"
    (work / "out").mkdir(parents=True, exist_ok=True)
    source = work / "in.docx"
    source.write_bytes(data)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return (work / "out" / "in.docx").read_bytes()


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def save_docx(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def marker_paragraph(doc, name: str):
    for p in doc.paragraphs:
        if any(b.get(qn("w:name")) == name for b in p._p.iter(qn("w:bookmarkStart"))):
            return p
    raise AssertionError(f"no paragraph with bookmark {name}")


def paragraphs_after(doc, name: str):
    """The paragraphs following the marker up to the next table or marker."""
    start = marker_paragraph(doc, name)._p
    out = []
    for el in start.itersiblings():
        if el.tag != qn("w:p") or any(b.get(qn("w:name"), "").startswith("rs_") for b in el.iter(qn("w:bookmarkStart"))):
            break
        out.append(el)
    return out


def table_after(doc, name: str):
    start = marker_paragraph(doc, name)._p
    for el in start.itersiblings():
        if el.tag == qn("w:tbl"):
            return next(t for t in doc.tables if t._tbl is el)
    raise AssertionError(f"no table after {name}")


def replace_part(data: bytes, name: str, transform) -> bytes:
    """A copy of the zip ``data`` with part ``name`` transformed."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info, transform(content) if info.filename == name else content)
    return out.getvalue()
