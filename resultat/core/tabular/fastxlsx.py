"""A fast streaming reader for one XLSX sheet (values only), with the standard library:
zipfile + ElementTree.iterparse. About 5× faster than openpyxl's read-only mode on
large sheets. Cell types: shared and inline strings, numbers, booleans, formula results
(cached values) and dates (numbers with a date format → ``datetime``).

An uploaded file is hostile until read: everything is bounded before it is parsed or
allocated (Excel's own sheet limits for references, a cap on the uncompressed size of
every ZIP member read, on shared strings, on rows and, optionally, on time), and every
problem is a ``TabularError`` that says where (row and column when known)."""

from __future__ import annotations

import io
import re
import time
import zipfile
from datetime import datetime, timedelta
from xml.etree.ElementTree import ParseError, iterparse

from resultat.core.i18n import N_, Message
from resultat.core.tabular.errors import TabularError

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BUILTIN_DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}
EPOCH = datetime(1899, 12, 30)

MAX_COLUMN = 16_384              # XFD, Excel's last column
MAX_ROW = 1_048_576              # Excel's last row
MAX_MEMBER_BYTES = 256 * 2**20   # uncompressed size of one part read (sheet, shared strings, styles…)
MAX_SHARED_STRINGS = 2_000_000
MAX_CELL_CHARS = 32_767          # Excel's limit for the text of one cell
MAX_DATE_SERIAL = 2_958_465      # 9999-12-31
_REF = re.compile(r"([A-Z]+)([0-9]{1,7})")


def column_letter(index: int) -> str:
    """0 → "A", 16383 → "XFD"."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _col_index(ref: str, row: int | None = None) -> int:
    """The 0-based column of a cell reference ("C7" → 2); refuses anything past XFD."""
    m = _REF.fullmatch(ref)
    if not m:
        raise TabularError(Message(N_("ogiltig cellreferens ”%(ref)s”"), ref=ref[:20]), row=row)
    n = 0
    for ch in m[1][:4]:
        n = n * 26 + ord(ch) - 64
    if n > MAX_COLUMN:
        raise TabularError(Message(N_("cellen ”%(ref)s” ligger bortom Excels sista kolumn (XFD)"), ref=ref[:20]), row=row)
    if not 1 <= int(m[2]) <= MAX_ROW:
        raise TabularError(Message(N_("cellen ”%(ref)s” ligger bortom Excels sista rad (%(max)s)"), ref=ref[:20], max=MAX_ROW), row=row)
    return n - 1


def _small_int(text: str) -> bool:
    text = text.strip()
    return text.isascii() and text.isdigit() and len(text) <= 10


def _is_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[dy]|(?<![hs:])m(?!.*[hs])", code)) and code.strip() not in ("general", "@")


def _open(z: zipfile.ZipFile, name: str):
    """Open a member after checking its (trusted: zipfile stops there) uncompressed size."""
    try:
        info = z.getinfo(name)
    except KeyError:
        raise TabularError(Message(N_("delen %(name)s saknas i arbetsboken"), name=name)) from None
    if info.file_size > MAX_MEMBER_BYTES:
        raise TabularError(Message(N_("delen %(name)s är för stor uppackad (%(size)s MB, högst %(max)s MB)"), name=name, size=info.file_size // 2**20, max=MAX_MEMBER_BYTES // 2**20))
    return z.open(info)


def _sheet_path(z: zipfile.ZipFile, sheet: str | None) -> tuple[str, str, list[str]]:
    names, rels = [], {}
    for _, el in iterparse(_open(z, "xl/workbook.xml")):
        if el.tag == NS + "sheet":
            names.append((el.get("name") or "", el.get(REL)))
    if not names:
        raise TabularError(Message(N_("arbetsboken har inga blad")))
    for _, el in iterparse(_open(z, "xl/_rels/workbook.xml.rels")):
        if el.tag.endswith("Relationship") and el.get("Target"):
            target = el.get("Target")
            rels[el.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    titles = [n for n, _ in names]
    chosen = next(((n, r) for n, r in names if n == sheet), names[0])
    if chosen[1] not in rels:
        raise TabularError(Message(N_("bladet ”%(sheet)s” pekar inte på någon del i arbetsboken"), sheet=chosen[0]))
    return rels[chosen[1]], chosen[0], titles


def _text(el, row: int | None, column: str) -> str:
    text = "".join(t.text or "" for t in el.iter(NS + "t"))
    if len(text) > MAX_CELL_CHARS:
        raise TabularError(Message(N_("texten har %(n)s tecken (Excel tillåter högst %(max)s)"), n=len(text), max=MAX_CELL_CHARS), row=row, column=column)
    return text


def read_rows(data, sheet: str | None = None, *, max_rows: int = MAX_ROW, deadline: float | None = None):
    """Yield (sheet title, all titles) first, then (row number, [values…]) per row.

    ``max_rows``: refuse a sheet with more rows; ``deadline``: a ``time.monotonic()``
    value after which reading stops with an error."""
    with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data) as z:
        path, title, titles = _sheet_path(z, sheet)
        yield title, titles
        names = set(z.namelist())
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            for _, el in iterparse(_open(z, "xl/sharedStrings.xml")):
                if el.tag == NS + "si":
                    if len(shared) >= MAX_SHARED_STRINGS:
                        raise TabularError(Message(N_("arbetsboken har fler än %(max)s delade texter"), max=MAX_SHARED_STRINGS))
                    shared.append(_text(el, None, ""))
                    el.clear()
        date_styles: set[int] = set()
        if "xl/styles.xml" in names:
            custom: dict[int, str] = {}
            in_xfs = False
            xf_index = 0
            for event, el in iterparse(_open(z, "xl/styles.xml"), events=("start", "end")):
                if event == "start" and el.tag == NS + "cellXfs":
                    in_xfs = True
                elif event == "end" and el.tag == NS + "cellXfs":
                    in_xfs = False
                elif event == "end" and el.tag == NS + "numFmt":
                    custom[int(el.get("numFmtId") or -1)] = el.get("formatCode") or ""
                elif event == "end" and el.tag == NS + "xf" and in_xfs:
                    fid = int(el.get("numFmtId") or 0)
                    if fid in BUILTIN_DATE_FORMATS or (fid in custom and _is_date_format(custom[fid])):
                        date_styles.add(xf_index)
                    xf_index += 1
        number = 0
        count = 0
        try:
            for _, el in iterparse(_open(z, path)):
                if el.tag != NS + "row":
                    continue
                # A row without its reference is the one after the previous (as Excel reads it).
                ref = el.get("r")
                if ref is None:
                    number += 1
                elif not _small_int(ref) or not 1 <= int(ref) <= MAX_ROW:
                    raise TabularError(Message(N_("ogiltigt radnummer ”%(ref)s” (Excel har rad 1–%(max)s)"), ref=ref[:20], max=MAX_ROW), row=number + 1)
                else:
                    number = int(ref)
                count += 1
                if count > max_rows:
                    raise TabularError(Message(N_("bladet har fler än %(max_rows)s rader"), max_rows=max_rows), row=number)
                if deadline is not None and count % 256 == 0 and time.monotonic() > deadline:
                    raise TabularError(Message(N_("filen tar för lång tid att läsa; dela upp den i mindre filer")), row=number)
                yield number, _row_values(el, number, shared, date_styles)
                el.clear()
        except ParseError as exc:
            line = getattr(exc, "position", (0, 0))[0]
            raise TabularError(Message(N_("bladets XML är trasig efter rad %(number)s (%(path)s, rad %(line)s i XML-koden)"), number=number, path=path, line=line)) from None


def _row_values(el, number: int, shared: list[str], date_styles: set[int]) -> list:
    values: list = []
    for c in el.iter(NS + "c"):
        ref = c.get("r")
        idx = _col_index(ref, number) if ref else len(values)
        if idx >= MAX_COLUMN:
            raise TabularError(Message(N_("raden har fler celler än Excels sista kolumn (XFD)")), row=number)
        t = c.get("t")
        v = c.find(NS + "v")
        if t == "inlineStr":
            value = _text(c, number, column_letter(idx))
        elif v is None or v.text is None:
            if not ref:
                values.append(None)  # an empty cell still takes its place
            continue  # an empty (perhaps only formatted) cell: no padding up to it
        elif t == "s":
            if not _small_int(v.text) or int(v.text) >= len(shared):
                raise TabularError(Message(N_("hänvisar till delad text nr %(index)s, som saknas i arbetsboken"), index=v.text[:20]), row=number, column=column_letter(idx))
            value = shared[int(v.text)]
        elif t in ("str", "e"):
            if len(v.text) > MAX_CELL_CHARS:
                raise TabularError(Message(N_("texten har %(n)s tecken (Excel tillåter högst %(max)s)"), n=len(v.text), max=MAX_CELL_CHARS), row=number, column=column_letter(idx))
            value = v.text
        elif t == "b":
            value = v.text == "1"
        else:
            try:
                num = float(v.text)
            except ValueError:
                raise TabularError(Message(N_("”%(value)s” är inget tal"), value=v.text[:40]), row=number, column=column_letter(idx)) from None
            style = c.get("s") or "0"
            if _small_int(style) and int(style) in date_styles:
                if not 0 <= num <= MAX_DATE_SERIAL:
                    raise TabularError(Message(N_("datumvärdet %(value)s ligger utanför Excels datum (år 1900–9999)"), value=v.text[:40]), row=number, column=column_letter(idx))
                value = EPOCH + timedelta(days=num)
            elif num != num or num in (float("inf"), float("-inf")):
                raise TabularError(Message(N_("”%(value)s” är inget ändligt tal"), value=v.text[:40]), row=number, column=column_letter(idx))
            else:
                value = int(num) if num.is_integer() and "." not in v.text and "E" not in v.text.upper() else num
        if idx > len(values):
            values.extend([None] * (idx - len(values)))
        if idx == len(values):
            values.append(value)
        else:
            values[idx] = value
    return values
