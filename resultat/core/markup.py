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
from bisect import bisect_left
from html.parser import HTMLParser

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_HEADING = re.compile(r"^(#{3,4})\s+(.*)$")
# The inline constructs are found by hand-written scanners (below), not by
# regular expressions: the patterns ``\*\*(?=\S)(.+?)(?<=\S)\*\*`` and
# ``\[([^\]\n]+)\]\(…\)`` took quadratic time on one long line of unclosed markers
# (an autosave of 100 000 characters of "**a " held a worker 16 s). The scanners give
# the same result in linear time; tests/core/test_markup.py checks both.


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _links(line: str) -> str:
    """``[text](url)`` → ``<a>``, in one pass.

    Same result as the pattern ``\\[([^\\]\\n]+)\\]\\(((?:https?://|mailto:|/)[^\\s)]+)\\)``
    (leftmost, non-overlapping), but linear: a ``[`` can only be closed by the next
    ``]``, so when that ``]`` is not followed by a valid ``(url)`` no ``[`` before it
    can be either, and the scan jumps past it."""
    out: list[str] = []
    pos = 0
    start = line.find("[")
    while start != -1:
        close = line.find("]", start + 1)
        if close == -1:
            break
        if close > start + 1 and line.startswith("(", close + 1):
            url_start = close + 2
            if line.startswith(("http://", "https://"), url_start):
                prefix = 8 if line.startswith("https://", url_start) else 7
            elif line.startswith("mailto:", url_start):
                prefix = 7
            elif line.startswith("/", url_start):
                prefix = 1
            else:
                prefix = -1
            if prefix >= 0:
                end = url_start + prefix
                while end < len(line) and line[end] != ")" and not line[end].isspace():
                    end += 1
                if end > url_start + prefix and end < len(line) and line[end] == ")":
                    url = line[url_start:end]
                    out.append(line[pos:start])
                    out.append(f'<a href="{html.escape(html.unescape(url), quote=True)}">{line[start + 1:close]}</a>')
                    pos = end + 1
                    start = line.find("[", pos)
                    continue
        # no link can start at or after ``start`` and use this ``]``: the next ``[``
        # that may open one is the last one before ``close`` (its text cannot be empty
        # either), i.e. none; go on after ``close``.
        start = line.find("[", close + 1)
    out.append(line[pos:])
    return "".join(out)


def _bold(line: str) -> str:
    """``**text**`` → ``<strong>``; the result of ``\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*`` in one pass.

    A closing ``**`` is one preceded by a non-space; the opener at ``s`` takes the first
    closer at ``s + 3`` or later. When an opener finds none, no later opener can, so the
    scan stops (the pattern tried every later ``**`` against the rest of the line:
    quadratic)."""
    n = len(line)
    closers = [e for e in _find_all(line, "**") if e >= 1 and not line[e - 1].isspace()]
    out: list[str] = []
    pos = 0
    s = line.find("**")
    while s != -1:
        if s + 2 < n and not line[s + 2].isspace():
            i = bisect_left(closers, s + 3)
            if i == len(closers):
                break
            e = closers[i]
            out.append(line[pos:s])
            out.append("<strong>" + line[s + 2:e] + "</strong>")
            pos = e + 2
            s = line.find("**", pos)
        else:
            s = line.find("**", s + 1)
    out.append(line[pos:])
    return "".join(out)


def _italic(line: str) -> str:
    """``*text*`` → ``<em>``; the result of
    ``(?<![*\\w])\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?![*\\w])`` in one pass (see ``_bold``)."""
    n = len(line)

    def opens(s: int) -> bool:
        return (s == 0 or not (line[s - 1] == "*" or _is_word(line[s - 1]))) and s + 1 < n and not (line[s + 1] == "*" or line[s + 1].isspace())

    def closes(e: int) -> bool:
        return e >= 1 and not (line[e - 1] == "*" or line[e - 1].isspace()) and (e + 1 == n or not (line[e + 1] == "*" or _is_word(line[e + 1])))

    closers = [e for e in _find_all(line, "*") if closes(e)]
    out: list[str] = []
    pos = 0
    s = line.find("*")
    while s != -1:
        if opens(s):
            i = bisect_left(closers, s + 2)
            if i == len(closers):
                break
            e = closers[i]
            out.append(line[pos:s])
            out.append("<em>" + line[s + 1:e] + "</em>")
            pos = e + 1
            s = line.find("*", pos)
        else:
            s = line.find("*", s + 1)
    out.append(line[pos:])
    return "".join(out)


def _find_all(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _inline(text: str) -> str:
    out = html.escape(text, quote=False)
    return "\n".join(_italic(_bold(_links(line))) for line in out.split("\n"))


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
