"""Plain text of each format, for the cross-format tests."""

import io
import subprocess
import tempfile
from html.parser import HTMLParser

import docx


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "style", "nav", "script"):
            self.skip += 1
        if tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "td", "th", "tr"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("svg", "style", "nav", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    return "".join(p.out)


def pdf_text(pdf: bytes) -> str:
    """Text without running headers and footers (cropped off), pages in order."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(["pdftotext", "-x", "0", "-y", "70", "-W", "600", "-H", "690", "-enc", "UTF-8", f.name, "-"], capture_output=True, text=True, check=True).stdout


def docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def docx_body_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
