"""The editors' writing format: light text markup ↔ the restricted HTML schema.

Editors write plain text in a textarea (it works without JavaScript):

    Paragraphs are separated by a blank line.
    ### Heading (level 3)      #### Heading (level 4)
    - a bullet item            1. a numbered item
    **bold**, *italic*, [link text](https://example.se)

``markup_to_html`` produces HTML in the schema of ``resultat.core.richtext``
(and escapes everything else); ``html_to_markup`` turns stored HTML back into
the markup for editing. Plain Python.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_HEADING = re.compile(r"^(#{3,4})\s+(.*)$")
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:|/)[^\s)]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")


def _inline(text: str) -> str:
    out = html.escape(text, quote=False)
    out = _LINK.sub(lambda m: f'<a href="{html.escape(html.unescape(m.group(2)), quote=True)}">{m.group(1)}</a>', out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    return out


def markup_to_html(text: str) -> str:
    blocks: list[str] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraph: list[str] = []
    list_kind: str | None = None
    items: list[str] = []

    def flush_paragraph():
        if paragraph:
            blocks.append("<p>" + "<br>".join(_inline(p) for p in paragraph) + "</p>")
            paragraph.clear()

    def flush_list():
        nonlocal list_kind
        if list_kind:
            blocks.append(f"<{list_kind}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{list_kind}>")
            items.clear()
            list_kind = None

    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            flush_paragraph()
            flush_list()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if heading:
            flush_paragraph()
            flush_list()
            level = len(heading.group(1))
            blocks.append(f"<h{level}>{_inline(heading.group(2).strip())}</h{level}>")
        elif bullet or numbered:
            flush_paragraph()
            kind = "ul" if bullet else "ol"
            if list_kind and list_kind != kind:
                flush_list()
            list_kind = kind
            items.append((bullet or numbered).group(1).strip())
        else:
            if list_kind:
                flush_list()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return "".join(blocks)


class _ToMarkup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.lists: list[list] = []  # stack of [kind, counter]
        self.href: list[str | None] = []

    def _flush(self):
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(self.prefix + text)
        self.current = []
        self.prefix = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h3", "h4", "li"):
            self._flush()
            if tag == "h3":
                self.prefix = "### "
            elif tag == "h4":
                self.prefix = "#### "
            elif tag == "li" and self.lists:
                kind = self.lists[-1]
                kind[1] += 1
                self.prefix = "- " if kind[0] == "ul" else f"{kind[1]}. "
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag in ("strong", "b"):
            self.current.append("**")
        elif tag in ("em", "i"):
            self.current.append("*")
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
            self.current.append("[")
        elif tag == "br":
            self.current.append("\n")

    def handle_endtag(self, tag):
        if tag in ("p", "h3", "h4", "li"):
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
            self.blocks.append("")
        elif tag in ("strong", "b"):
            self.current.append("**")
        elif tag in ("em", "i"):
            self.current.append("*")
        elif tag == "a":
            href = self.href.pop() if self.href else None
            self.current.append(f"]({href})" if href else "]")

    def handle_data(self, data):
        self.current.append(re.sub(r"[ \t\n]+", " ", data) if not self.current or not self.current[-1].endswith("\n") else data.lstrip())


def html_to_markup(value: str) -> str:
    parser = _ToMarkup()
    parser.feed(value or "")
    parser.close()
    parser._flush()
    out: list[str] = []
    for block in parser.blocks:
        is_item = bool(_BULLET.match(block) or _NUMBERED.match(block))
        if block == "":
            if out and out[-1] != "":
                out.append("")
            continue
        if out and out[-1] != "" and not (is_item and (_BULLET.match(out[-1]) or _NUMBERED.match(out[-1]))):
            out.append("")
        out.append(block)
    return "\n".join(out).strip() + ("\n" if out else "")
