"""The restricted contribution HTML as a small block/inline structure for Typst and DOCX.

Blocks: ``{"t": "p"|"h3"|"h4", "c": [inline, ...]}`` and
``{"t": "ul"|"ol", "items": [[block, ...], ...]}``.
Inline runs: ``{"s": text, "b": bool, "i": bool, "href": url-or-""}``; a line break is a run
with ``"s": "\\n"``. The input is sanitised first, so anything outside the schema is gone.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from resultat.core import richtext

__all__ = ["blocks_text", "html_to_blocks", "merge_adjacent_lists"]

_ADJACENT_LISTS = re.compile(r"</(ul|ol)>\s*<\1>")


def merge_adjacent_lists(html: str) -> str:
    """One list where the (sanitised) HTML has several lists of the same kind in a row:
    ``<ol><li>a</li></ol><ol><li>b</li></ol>`` → ``<ol><li>a</li><li>b</li></ol>``. A
    closing tag directly followed by an opening tag of the same kind are siblings, so the
    merge never crosses nesting levels. The 2025 import stored each list item as its own
    one-item list, so every item was numbered "1."."""
    return _ADJACENT_LISTS.sub("", html or "")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[dict] = []
        # stack of block containers: lists of blocks
        self.containers: list[list[dict]] = [self.root]
        self.lists: list[dict] = []
        self.current: dict | None = None  # paragraph-like block receiving inline runs
        self.bold = 0
        self.italic = 0
        self.href: list[str] = []

    def _inline_target(self) -> dict:
        if self.current is None:
            self.current = {"t": "p", "c": []}
            self.containers[-1].append(self.current)
        return self.current

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h3", "h4"):
            self.current = {"t": tag, "c": []}
            self.containers[-1].append(self.current)
        elif tag in ("ul", "ol"):
            block = {"t": tag, "items": []}
            self.containers[-1].append(block)
            self.lists.append(block)
            self.current = None
        elif tag == "li":
            item: list[dict] = []
            if self.lists:
                self.lists[-1]["items"].append(item)
            self.containers.append(item)
            self.current = None
        elif tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1
        elif tag == "a":
            self.href.append(dict(attrs).get("href") or "")
        elif tag == "br":
            self._inline_target()["c"].append({"s": "\n", "b": False, "i": False, "href": ""})

    def handle_endtag(self, tag):
        if tag in ("p", "h3", "h4"):
            self.current = None
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.current = None
        elif tag == "li":
            if len(self.containers) > 1:
                self.containers.pop()
            self.current = None
        elif tag == "strong":
            self.bold = max(0, self.bold - 1)
        elif tag == "em":
            self.italic = max(0, self.italic - 1)
        elif tag == "a" and self.href:
            self.href.pop()

    def handle_data(self, data):
        if not data:
            return
        if self.current is None and not data.strip():
            return
        runs = self._inline_target()["c"]
        run = {"s": data, "b": self.bold > 0, "i": self.italic > 0, "href": self.href[-1] if self.href else ""}
        if runs and all(runs[-1][k] == run[k] for k in ("b", "i", "href")) and runs[-1]["s"] != "\n":
            runs[-1]["s"] += data
        else:
            runs.append(run)


def _trim(blocks: list[dict]) -> list[dict]:
    out = []
    for b in blocks:
        if b["t"] in ("ul", "ol"):
            b["items"] = [_trim(i) for i in b["items"]]
            b["items"] = [i for i in b["items"] if i]
            if b["items"]:
                out.append(b)
            continue
        runs = b["c"]
        if runs:
            runs[0]["s"] = runs[0]["s"].lstrip(" ")
            runs[-1]["s"] = runs[-1]["s"].rstrip(" ")
        b["c"] = [r for r in runs if r["s"]]
        if b["c"]:
            out.append(b)
    return out


def html_to_blocks(html: str) -> list[dict]:
    """Sanitise ``html`` to the restricted schema and return its blocks."""
    if not html or not html.strip():
        return []
    parser = _Parser()
    parser.feed(merge_adjacent_lists(richtext.sanitize(html)))
    parser.close()
    return _trim(parser.root)


def blocks_text(blocks: list[dict]) -> str:
    """Plain text of blocks (for tests and search): blocks separated by newlines."""
    out = []
    for b in blocks:
        if b["t"] in ("ul", "ol"):
            for item in b["items"]:
                out.append(blocks_text(item))
        else:
            out.append("".join(r["s"] for r in b["c"]))
    return "\n".join(out)
