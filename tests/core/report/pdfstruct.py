"""A small PDF object reader for the structure-tree tests (pikepdf and pypdf are not in
the environment). It reads files whose objects are not in object streams and whose
cross-reference is a plain table (what Typst writes); anything else is an error, so a
test cannot pass by reading nothing.

``PdfFile(data)`` parses every ``N G obj`` into Python values: dict, list, int/float,
bool, None, ``Name`` (str subclass), ``Ref`` and ``bytes``/str for strings; streams are
dicts with their raw bytes under ``"__stream__"``. ``resolve`` follows references."""

from __future__ import annotations

import re
from dataclasses import dataclass


class Name(str):
    pass


@dataclass(frozen=True)
class Ref:
    num: int
    gen: int


_WS = b" \t\r\n\f\x00"
_DELIM = b"()<>[]{}/%"
_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_NUM = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")


class PdfFile:
    def __init__(self, data: bytes):
        if not data.startswith(b"%PDF-"):
            raise ValueError("inte en PDF")
        if b"/ObjStm" in data:
            raise ValueError("objektströmmar stöds inte av den här läsaren")
        self.data = data
        self.objects: dict[int, object] = {}
        pos = 0
        while True:
            m = _OBJ.search(data, pos)
            if m is None:
                break
            value, end = self._value(m.end())
            end = self._skip_ws(end)
            if data.startswith(b"stream", end):
                end += 6
                if data[end:end + 2] == b"\r\n":
                    end += 2
                elif data[end:end + 1] in (b"\n", b"\r"):
                    end += 1
                length = value.get("Length")
                if not isinstance(length, int):
                    stop = data.index(b"endstream", end)
                    length = stop - end
                value = dict(value, __stream__=data[end:end + length])
                end = data.index(b"endstream", end + length) + 9
            self.objects[int(m.group(1))] = value
            end = self._skip_ws(end)
            if not data.startswith(b"endobj", end):
                raise ValueError(f"objekt {m.group(1).decode()}: endobj saknas vid byte {end}")
            pos = end + 6
        m = list(re.finditer(rb"trailer\s*", data))
        if not m:
            raise ValueError("trailer saknas")
        self.trailer, _ = self._value(m[-1].end())

    # -- values ------------------------------------------------------------------------------

    def _skip_ws(self, i: int) -> int:
        d = self.data
        while i < len(d):
            if d[i] in _WS:
                i += 1
            elif d[i] == 0x25:  # % comment
                while i < len(d) and d[i] not in b"\r\n":
                    i += 1
            else:
                break
        return i

    def _value(self, i: int):
        d = self.data
        i = self._skip_ws(i)
        c = d[i:i + 1]
        if d.startswith(b"<<", i):
            out, i = {}, i + 2
            while True:
                i = self._skip_ws(i)
                if d.startswith(b">>", i):
                    return out, i + 2
                key, i = self._value(i)
                val, i = self._value(i)
                out[str(key)] = val
        if c == b"[":
            out, i = [], i + 1
            while True:
                i = self._skip_ws(i)
                if d[i:i + 1] == b"]":
                    return out, i + 1
                val, i = self._value(i)
                out.append(val)
        if c == b"/":
            j = i + 1
            while j < len(d) and d[j] not in _WS and d[j] not in _DELIM:
                j += 1
            raw = d[i + 1:j]
            return Name(re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode("utf-8", "replace")), j
        if c == b"(":
            return self._literal(i)
        if c == b"<":
            j = d.index(b">", i)
            hexs = re.sub(rb"\s", b"", d[i + 1:j])
            if len(hexs) % 2:
                hexs += b"0"
            return _text(bytes.fromhex(hexs.decode())), j + 1
        for word, val in ((b"true", True), (b"false", False), (b"null", None)):
            if d.startswith(word, i):
                return val, i + len(word)
        m = _NUM.match(d, i)
        if m is None:
            raise ValueError(f"okänt värde vid byte {i}: {d[i:i + 20]!r}")
        # "N G R" is a reference
        ref = re.match(rb"(\d+)\s+(\d+)\s+R\b", d[i:i + 30])
        if ref:
            return Ref(int(ref.group(1)), int(ref.group(2))), i + ref.end()
        text = m.group(0)
        return (float(text) if b"." in text else int(text)), m.end()

    def _literal(self, i: int):
        d, depth, out, i = self.data, 1, bytearray(), i + 1
        escapes = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f",
                   ord("("): b"(", ord(")"): b")", ord("\\"): b"\\"}
        while True:
            ch = d[i]
            if ch == 0x5C:  # backslash
                nxt = d[i + 1]
                if nxt in escapes:
                    out += escapes[nxt]
                    i += 2
                elif 0x30 <= nxt <= 0x37:
                    m = re.match(rb"[0-7]{1,3}", d[i + 1:i + 4])
                    out.append(int(m.group(0), 8) & 0xFF)
                    i += 1 + len(m.group(0))
                else:  # line continuation or unknown escape
                    i += 2
                continue
            if ch == 0x28:
                depth += 1
            elif ch == 0x29:
                depth -= 1
                if depth == 0:
                    return _text(bytes(out)), i + 1
            out.append(ch)
            i += 1

    # -- navigation ----------------------------------------------------------------------------

    def resolve(self, value):
        seen = 0
        while isinstance(value, Ref):
            value = self.objects.get(value.num)
            seen += 1
            if seen > 50:
                raise ValueError("referensslinga")
        return value

    @property
    def catalog(self) -> dict:
        return self.resolve(self.trailer["Root"])

    def pages(self) -> list[dict]:
        out: list[dict] = []

        def walk(node):
            node = self.resolve(node)
            if node.get("Type") == "Pages":
                for kid in node["Kids"]:
                    walk(kid)
            else:
                out.append(node)

        walk(self.catalog["Pages"])
        return out


def _text(raw: bytes) -> str:
    """A PDF text string: UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding (as Latin-1)."""
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    return raw.decode("latin-1")


def struct_elements(pdf: PdfFile) -> list[tuple[int, dict, dict | None]]:
    """The structure tree in reading order: (depth, element, parent element)."""
    root = pdf.resolve(pdf.catalog["StructTreeRoot"])
    out: list[tuple[int, dict, dict | None]] = []

    def kids(node) -> list:
        k = node.get("K")
        if k is None:
            return []
        return k if isinstance(k, list) else [k]

    def walk(node, depth, parent):
        for kid in kids(node):
            el = pdf.resolve(kid)
            if isinstance(el, dict) and "S" in el:  # a structure element (not an MCID or MCR/OBJR)
                out.append((depth, el, parent))
                walk(el, depth + 1, el)

    walk(root, 0, None)
    return out


def role(pdf: PdfFile, el: dict) -> str:
    """The element's standard type (through the RoleMap)."""
    role_map = pdf.resolve(pdf.resolve(pdf.catalog["StructTreeRoot"]).get("RoleMap")) or {}
    s = str(el["S"])
    for _ in range(10):
        if s in role_map:
            s = str(role_map[s])
        else:
            break
    return s


def outline(pdf: PdfFile) -> list[tuple[int, str]]:
    """Bookmarks as (depth, title), in order."""
    out: list[tuple[int, str]] = []
    root = pdf.resolve(pdf.catalog.get("Outlines"))
    if not root:
        return out

    def walk(first, depth):
        node = pdf.resolve(first)
        while node:
            out.append((depth, node.get("Title", "")))
            if "First" in node:
                walk(node["First"], depth + 1)
            node = pdf.resolve(node.get("Next"))

    if "First" in root:
        walk(root["First"], 1)
    return out


def link_uris(pdf: PdfFile) -> list[str]:
    """The URIs of every link annotation on every page."""
    uris = []
    for page in pdf.pages():
        for a in pdf.resolve(page.get("Annots")) or []:
            a = pdf.resolve(a)
            if a.get("Subtype") == "Link":
                action = pdf.resolve(a.get("A")) or {}
                if action.get("S") == "URI":
                    uris.append(action["URI"])
    return uris


# -- page content: marked content, artifacts and text ---------------------------------------

_PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh"}
_TEXT = {"Tj", "TJ", "'", '"'}


def _decoded(pdf: PdfFile, stream: dict) -> bytes:
    import zlib

    raw = stream["__stream__"]
    filters = stream.get("Filter")
    filters = filters if isinstance(filters, list) else [filters] if filters else []
    for f in filters:
        if f != "FlateDecode":
            raise ValueError(f"filter {f} stöds inte")
        raw = zlib.decompress(raw)
    return raw


def _to_unicode(pdf: PdfFile, font: dict) -> dict[bytes, str]:
    """A font's ToUnicode map: character code (bytes) → text."""
    stream = pdf.resolve(font.get("ToUnicode"))
    if not stream:
        raise ValueError(f"typsnittet {font.get('BaseFont')} saknar ToUnicode")
    cmap = _decoded(pdf, stream).decode("latin-1")
    out: dict[bytes, str] = {}

    def text(hexs: str) -> str:
        return bytes.fromhex(hexs).decode("utf-16-be", "replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[bytes.fromhex(src)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            a, b, width = int(lo, 16), int(hi, 16), len(lo) // 2
            if dst.startswith("["):
                dsts = re.findall(r"<([0-9A-Fa-f]*)>", dst)
                for n, d in zip(range(a, b + 1), dsts, strict=False):
                    out[n.to_bytes(width, "big")] = text(d)
            else:
                start = int(dst[1:-1], 16)
                for n in range(a, b + 1):
                    out[n.to_bytes(width, "big")] = text(f"{start + n - a:0{len(dst) - 2}X}")
    return out


@dataclass
class Mark:
    """One painting operation on a page: the operator, the marked-content sequence it is
    in (``tag`` "Artifact" or the tagged element's, its properties, ``mcid``), its text
    (for text operators, through the font's ToUnicode) and its position (``x``, ``y``
    of the current transformation, PDF units from the page's lower left corner)."""

    op: str
    tag: str | None
    props: dict
    mcid: int | None
    text: str
    x: float
    y: float

    @property
    def artifact(self) -> bool:
        return self.tag == "Artifact"


def _tokens(data: bytes):
    """Operands and operators of a content stream, in order."""
    p = PdfFile.__new__(PdfFile)
    p.data = data
    i, operands = 0, []
    while True:
        i = p._skip_ws(i)
        if i >= len(data):
            return
        c = data[i:i + 1]
        if c in b"/([<" or c in b"+-.0123456789":
            if c in b"+-.0123456789" and not re.match(rb"[+-]?(?:\d|\.\d)", data[i:i + 3]):
                pass
            else:
                value, i = p._value(i)
                operands.append(value)
                continue
        j = i
        while j < len(data) and data[j] not in _WS and data[j] not in _DELIM:
            j += 1
        if j == i:
            raise ValueError(f"okänt tecken i innehållsströmmen vid byte {i}: {data[i:i + 10]!r}")
        yield data[i:j].decode("latin-1"), operands
        operands, i = [], j


def _multiply(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def page_marks(pdf: PdfFile, page: dict) -> list[Mark]:
    """Every painting operation of the page with the marked content it belongs to."""
    contents = pdf.resolve(page["Contents"])
    contents = contents if isinstance(contents, list) else [contents]
    data = b"\n".join(_decoded(pdf, pdf.resolve(c)) for c in contents)
    fonts = pdf.resolve(pdf.resolve(page.get("Resources") or {}).get("Font")) or {}
    maps: dict[str, dict[bytes, str]] = {}
    stack: list[tuple[str | None, dict, int | None]] = []
    ctm, saved, font = (1, 0, 0, 1, 0, 0), [], None
    out: list[Mark] = []

    def decode(s) -> str:
        raw = s.encode("latin-1") if isinstance(s, str) else s
        table = maps[font]
        width = len(next(iter(table))) if table else 1
        return "".join(table.get(raw[k:k + width], "\ufffd") for k in range(0, len(raw), width))

    for op, args in _tokens(data):
        if op == "q":
            saved.append(ctm)
        elif op == "Q":
            ctm = saved.pop()
        elif op == "cm":
            ctm = _multiply(tuple(float(a) for a in args), ctm)
        elif op in ("BDC", "BMC"):
            props = pdf.resolve(args[1]) if op == "BDC" and len(args) > 1 else {}
            props = props if isinstance(props, dict) else {}
            outer = next((s for s in reversed(stack) if s[0] == "Artifact" or s[2] is not None), None)
            stack.append((str(args[0]), props, props.get("MCID")) if outer is None else outer)
        elif op == "EMC":
            stack.pop()
        elif op == "Tf":
            font = str(args[0])
            if font not in maps:
                maps[font] = _to_unicode(pdf, pdf.resolve(fonts[font]))
        if op in _PAINT:
            text = ""
            if op in _TEXT:
                parts = args[0] if op == "TJ" else [args[-1]]
                text = "".join(decode(x) for x in parts if isinstance(x, (str, bytes)))
            tag, props, mcid = next((s for s in reversed(stack) if s[0] == "Artifact" or s[2] is not None), (None, {}, None))
            out.append(Mark(op, tag, props, mcid, text, ctm[4], ctm[5]))
    if stack:
        raise ValueError("BDC utan EMC")
    return out


def mcid_owners(pdf: PdfFile, page: dict) -> list:
    """The page's ParentTree entry: MCID → the structure element that owns it."""
    tree = pdf.resolve(pdf.resolve(pdf.catalog["StructTreeRoot"])["ParentTree"])
    nums = tree.get("Nums") or []
    key = page.get("StructParents")
    for k, v in zip(nums[::2], nums[1::2], strict=False):
        if k == key:
            return [pdf.resolve(x) for x in pdf.resolve(v)]
    return []


def language_of(pdf: PdfFile, mark: Mark, owners: list) -> str:
    """The language a tagged mark is in: its marked content's /Lang, else the nearest
    structure element's (the element that owns it, then its parents), else the document's."""
    if mark.props.get("Lang"):
        return str(mark.props["Lang"])
    el = owners[mark.mcid] if mark.mcid is not None and mark.mcid < len(owners) else None
    while isinstance(el, dict):
        if el.get("Lang"):
            return str(el["Lang"])
        el = pdf.resolve(el.get("P"))
    return str(pdf.catalog.get("Lang", ""))
