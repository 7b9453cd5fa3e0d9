"""Rich text of contributions: sanitising editor HTML to the restricted schema (plain Python).

The schema a contribution text may use, and nothing else:

* blocks: ``p``, ``h3``, ``h4``, ``ul``/``ol`` with ``li`` (an item holds inline text,
  paragraphs and nested lists);
* inline: ``strong``, ``em``, ``a href`` and ``br``.

``sanitize`` works in three steps:

1. ``nh3`` (the Rust sanitiser ammonia) parses the input like a browser (html5ever),
   removes comments, dangerous elements *with their content* (script, style, iframe,
   object, svg, math, …), every attribute except ``a[href]``, and URLs with other schemes
   than http, https and mailto (entity-obfuscated, mixed-case and whitespace-padded
   ``javascript:`` included, since ammonia decodes and parses the URL first). Tags outside
   a broad list are unwrapped, their text kept.
2. The cleaned, well-formed tree is normalised to the schema: ``b``/``i`` become
   ``strong``/``em``; ``h1``/``h2`` become ``h3``, ``h5``/``h6`` become ``h4``; block
   containers (div, section, blockquote, table cells, …) are unwrapped but keep their
   text in paragraphs of its own, so words of neighbouring blocks never run together;
   loose text at the top level is put in paragraphs; empty blocks and empty formatting are
   dropped; ``rel="noopener noreferrer"`` is added to absolute links.
3. ``nh3`` runs again with the strict schema as the final guarantee.

Before step 1 absurdly deep nesting (more than ``NESTING_LIMIT`` open elements, which only
hostile input has) is cut, because html5ever's cost grows with the square of the depth.
Text keeps every character except C0 control characters; runs of HTML whitespace become
one space (no-break spaces are kept). The result is stable:
``sanitize(sanitize(x)) == sanitize(x)``.

Cost: about a second per megabyte of ordinary input. nh3's cost also grows with the
square of the number of character references in one text run (a megabyte of "&amp;"
takes several seconds), so callers should cap the size of what they accept (forms: a
``max_length``) rather than rely on this module to.

``to_plain_text`` gives paragraph-aware plain text (blocks separated by a blank line,
list items as ``- item`` lines) for word counts, search and diffs; ``from_plain_text``
is its inverse for text typed without an editor.
"""

from __future__ import annotations

import html as htmllib
import re
import threading
from html.parser import HTMLParser

import nh3

__all__ = [
    "ALLOWED_TAGS",
    "URL_SCHEMES",
    "from_plain_text",
    "is_empty",
    "sanitize",
    "to_plain_text",
    "word_count",
]

ALLOWED_TAGS = frozenset({"p", "h3", "h4", "strong", "em", "ul", "ol", "li", "a", "br"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"

# Removed together with everything inside them.
_DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
        "noscript", "noembed", "noframes", "template", "svg", "math", "canvas", "audio",
        "video", "head", "title", "select", "datalist", "textarea",
    }
)  # fmt: skip
_HEADINGS = {"h1": "h3", "h2": "h3", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_FORMATTING = {"strong": "strong", "b": "strong", "em": "em", "i": "em"}
# Block-level elements outside the schema: unwrapped, but their content forms blocks of its own.
_CONTAINERS = frozenset(
    {
        "div", "section", "article", "aside", "header", "footer", "main", "nav", "search",
        "blockquote", "pre", "address", "figure", "figcaption", "details", "summary",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt", "dd",
        "center", "hgroup", "fieldset", "legend", "dialog", "menu",
    }
)  # fmt: skip
_LISTS = frozenset({"ul", "ol"})
_BLOCKS = frozenset({"p", "li", "hr"}) | _LISTS | _HEADINGS.keys() | _CONTAINERS
_VOID = frozenset({"br", "hr"})

# Tags the first nh3 pass keeps (everything else is unwrapped by nh3 itself).
_STAGE1_TAGS = _BLOCKS | _FORMATTING.keys() | {"a", "br"}

MAX_DEPTH = 100  # deeper nesting (only hostile input has it) is flattened
MAX_LIST_DEPTH = 6  # lists nested deeper become paragraphs in the innermost allowed item

_SURROGATES = re.compile(r"[\ud800-\udfff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_FORM_FEEDS = re.compile(r"[\x0b\x0c]")
_WHITESPACE = re.compile(r"\s+")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_URL_IGNORED = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
_HAS_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
# A dangerous scheme anywhere a scheme could start, e.g. after a character that made the
# URL relative; "metadata:" in a path is not matched.
_SCRIPT_URL = re.compile(r"(?<![a-z0-9+.\-])(?:javascript|vbscript|data):", re.IGNORECASE)


class _El:
    """An element of the normalised tree (text nodes are plain ``str``)."""

    __slots__ = ("children", "href", "tag")

    def __init__(self, tag: str, children: list | None = None, href: str | None = None):
        self.tag = tag
        self.href = href
        self.children: list[_El | str] = children if children is not None else []

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"_El({self.tag!r}, {self.children!r}, href={self.href!r})"


# --------------------------------------------------------------------------- parsing


def _clean_text(text: str) -> str:
    return _CONTROLS.sub("", _FORM_FEEDS.sub(" ", text))


def _collapse(text: str) -> str:
    """HTML whitespace runs as one space, as a browser shows them (no-break spaces kept)."""
    return _HTML_SPACE.sub(" ", text)


class _TreeBuilder(HTMLParser):
    """Builds a tree from nh3's (well-formed) output, flattening nesting beyond MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _El("#root")
        self.stack: list[_El | None] = [self.root]  # None: an element flattened away

    def _parent(self) -> _El:
        for el in reversed(self.stack):
            if el is not None:
                return el
        return self.root  # pragma: no cover - the root is never popped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._parent().children.append(_El(tag))
            return
        if len(self.stack) > MAX_DEPTH:
            self.stack.append(None)
            return
        href = None
        if tag == "a":
            href = next((v for k, v in attrs if k == "href" and v is not None), None)
        el = _El(tag, href=href)
        self._parent().children.append(el)
        self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        data = _clean_text(data)
        if data:  # adjacent text nodes are joined later, in _inline (once, not per piece)
            self._parent().children.append(data)


def _stage1(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(_STAGE1_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={"a": {"href"}},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


# Nesting guard. html5ever checks element scopes by walking the stack of open elements,
# so a megabyte of "<div>" (200 000 levels) costs minutes of CPU in nh3. Before nh3 sees
# the input, start tags beyond NESTING_LIMIT open elements become a space (their end tags
# too). Elements that close themselves implicitly (p, li, td, …) and void ones don't nest
# and aren't counted; raw text and comments are scanned too, which only overestimates.
# Input nested less deeply, i.e. anything an editor makes, is passed on untouched.
NESTING_LIMIT = 256
_TAG_START = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]{0,30})")
_NOT_NESTING = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
        "tfoot", "caption", "colgroup", "rb", "rt", "rp", "rtc",
    }
)  # fmt: skip


def _nesting_tags(html: str):
    """(start, end, closing) of the start and end tags that nest, scanned in linear time
    (a tag runs from "<" to the next ">", quotes not considered)."""
    pos = 0
    while True:
        pos = html.find("<", pos)
        if pos < 0:
            return
        m = _TAG_START.match(html, pos)
        if not m:
            pos += 1
            continue
        end = html.find(">", m.end())
        if end < 0:
            return
        if m.group(2).lower() not in _NOT_NESTING:
            yield pos, end + 1, bool(m.group(1))
        pos = end + 1


def _limit_nesting(html: str) -> str:
    depth = 0
    for _, _, closing in _nesting_tags(html):
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > NESTING_LIMIT:
            break
    else:
        return html
    parts: list[str] = []
    last = depth = dropped = 0
    for start, end, closing in _nesting_tags(html):
        if closing:
            if dropped:
                dropped -= 1
            else:
                depth = max(depth - 1, 0)
                continue
        elif depth < NESTING_LIMIT:
            depth += 1
            continue
        else:
            dropped += 1
        parts.append(html[last:start])
        parts.append(" ")
        last = end
    parts.append(html[last:])
    return "".join(parts)


def _parse(html: str | None) -> list[_El | str]:
    """Sanitised and normalised block nodes of ``html``."""
    if not html:
        return []
    if not isinstance(html, str):
        raise TypeError(f"expected str, got {type(html).__name__}")
    html = _limit_nesting(_SURROGATES.sub("\ufffd", html))
    builder = _TreeBuilder()
    builder.feed(_stage1(html))
    builder.close()
    return _flow(builder.root.children, in_item=False, list_depth=0, wrap=())


# ------------------------------------------------------------------------ normalising


def _has_text(nodes: list) -> bool:
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if node.strip():
                return True
        else:
            stack.extend(node.children)
    return False


def _has_block(el: _El) -> bool:
    stack = list(el.children)
    while stack:
        node = stack.pop()
        if isinstance(node, _El):
            if node.tag in _BLOCKS:
                return True
            stack.extend(node.children)
    return False


def _url_start(href: str) -> str:
    """``href`` as a browser reads its start: tabs and newlines removed, C0/space trimmed."""
    return _URL_IGNORED.sub("", href).lstrip("".join(map(chr, range(0x21))))


def _clean_href(href: str | None) -> str | None:
    """The link target, or None to unwrap the link (missing, empty, odd or bad scheme).

    nh3 has already checked the scheme; this repeats the check on what is kept, so that a
    link is either kept with its target or unwrapped, never left as ``<a>`` without one.
    """
    if href is None or _CONTROLS.search(href) or _FORM_FEEDS.search(href):
        return None
    href = href.strip(" \t\n\r")
    scheme = _HAS_SCHEME.match(_url_start(href))
    if not href or (scheme and scheme.group(0)[:-1].lower() not in URL_SCHEMES):
        return None
    if _SCRIPT_URL.search(_URL_IGNORED.sub("", href).replace(" ", "")):
        return None  # harmless where it stands ("\ufffdjavascript:"), but never wanted
    return href


def _is_absolute(href: str) -> bool:
    h = _url_start(href)
    return bool(_HAS_SCHEME.match(h)) or h[:2].replace("\\", "/") == "//"


class _Inline:
    """Collects inline nodes, joining adjacent text once (whitespace collapsed) at the end."""

    __slots__ = ("nodes", "texts")

    def __init__(self) -> None:
        self.nodes: list = []
        self.texts: list[str] = []

    def add(self, node) -> None:
        if isinstance(node, str):
            self.texts.append(node)
            return
        self._flush()
        self.nodes.append(node)

    def _flush(self) -> None:
        if self.texts:
            text = _collapse("".join(self.texts))
            self.texts = []
            if text:
                self.nodes.append(text)

    def result(self) -> list:
        self._flush()
        return self.nodes


def _inline(nodes: list, marks: frozenset = frozenset()) -> list:
    """Normalise inline content: schema formatting kept once, everything else flattened."""
    out = _Inline()
    for node in nodes:
        if isinstance(node, str):
            out.add(node)
            continue
        tag = node.tag
        if tag == "br":
            out.add(_El("br"))
        elif tag in _FORMATTING or tag == "a":
            name = _FORMATTING.get(tag, tag)
            href = _clean_href(node.href) if name == "a" else None
            inner = _inline(node.children, marks | {name})
            if name in marks or (name == "a" and href is None) or not _has_text(inner):
                for child in inner:  # redundant, empty or link without target: unwrap
                    out.add(child)
            else:
                out.add(_El(name, inner, href=href))
        else:  # a block inside inline content (a list in a heading, …): flattened, spaced
            out.add(" ")
            for child in _inline(node.children, marks):
                out.add(child)
            out.add(" ")
    return out.result()


def _trim(nodes: list) -> list:
    """Drop whitespace and line breaks at both ends of a block's inline content."""

    def blank(node) -> bool:
        return (not node.strip()) if isinstance(node, str) else node.tag == "br"

    start, end = 0, len(nodes)
    while start < end and blank(nodes[start]):
        start += 1
    while end > start and blank(nodes[end - 1]):
        end -= 1
    nodes = nodes[start:end]
    if nodes and isinstance(nodes[0], str):
        nodes[0] = nodes[0].lstrip()
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] = nodes[-1].rstrip()
    return nodes


def _wrapped(nodes: list, wrap: tuple) -> list:
    """Re-apply formatting that enclosed blocks (``<strong><p>x</p></strong>``) inside them."""
    for tag, href in reversed(wrap):
        nodes = [_El(tag, nodes, href=href)]
    return nodes


def _inline_block(children: list, wrap: tuple) -> list:
    return _trim(_inline(_wrapped(children, wrap)))


def _flow(children: list, *, in_item: bool, list_depth: int, wrap: tuple) -> list:
    """Normalise flow content (the top level or a list item) to schema blocks.

    At the top level loose inline content becomes paragraphs; in a list item the first
    run stays bare (``<li>text<ul>…</ul></li>``), later runs become paragraphs. ``wrap``
    is the formatting (``strong``, ``em``, ``a``) enclosing this content.
    """
    out: list = []
    run: list = []
    stray_lists: set[int] = set()  # ids of lists made for ``li`` found outside a list

    def flush(w: tuple) -> None:
        if not run:
            return
        content = _inline_block(run, w)
        run.clear()
        if not _has_text(content):
            return
        if in_item and not out:
            out.extend(content)
        else:
            out.append(_El("p", content))

    def walk(nodes: list, w: tuple) -> None:
        for node in nodes:
            if isinstance(node, str) or node.tag == "br":
                run.append(node)
                continue
            tag = node.tag
            if tag in _FORMATTING or tag == "a":
                if not _has_block(node):
                    run.append(node)
                    continue
                # Formatting around blocks (<strong><p>x</p></strong>): pushed down into them.
                name = _FORMATTING.get(tag, tag)
                href = _clean_href(node.href) if name == "a" else None
                inner = w if (name == "a" and href is None) else w + ((name, href),)
                flush(w)
                walk(node.children, inner)
                flush(inner)
                continue
            flush(w)
            if tag == "p" or (tag in _HEADINGS and in_item):
                content = _inline_block(node.children, w)
                if _has_text(content):
                    out.append(_El("p", content))
            elif tag in _HEADINGS:
                content = _inline_block(node.children, w)
                if _has_text(content):
                    out.append(_El(_HEADINGS[tag], content))
            elif tag in _LISTS and list_depth < MAX_LIST_DEPTH:
                lst = _list(node, list_depth + 1, w)
                if lst is not None:
                    out.append(lst)
            elif tag == "li" and list_depth < MAX_LIST_DEPTH:
                item = _item(node.children, list_depth + 1, w)
                if item is None:
                    continue
                if out and id(out[-1]) in stray_lists:
                    out[-1].children.append(item)
                else:
                    lst = _El("ul", [item])
                    stray_lists.add(id(lst))
                    out.append(lst)
            elif tag in _LISTS:  # nested too deep: each item becomes paragraphs here
                for child in node.children:
                    is_item = isinstance(child, _El) and child.tag == "li"
                    walk(child.children if is_item else [child], w)
                    flush(w)
            else:  # a container, hr or a too deep item: a boundary, its content blocks of its own
                walk(node.children, w)
                flush(w)

    walk(children, wrap)
    flush(wrap)
    return out


def _item(children: list, list_depth: int, wrap: tuple) -> _El | None:
    content = _flow(children, in_item=True, list_depth=list_depth, wrap=wrap)
    return _El("li", content) if content else None


def _list(el: _El, list_depth: int, wrap: tuple) -> _El | None:
    items: list[_El] = []
    pending: list = []

    def flush_pending() -> None:
        if not pending:
            return
        nodes = list(pending)
        pending.clear()
        if not _has_text(nodes):
            return
        only_lists = all(
            (isinstance(n, str) and not n.strip()) or (isinstance(n, _El) and n.tag in _LISTS)
            for n in nodes
        )
        if only_lists and items:  # <ul><li>a</li><ul>…</ul></ul>: the sublist belongs to "a"
            items[-1].children.extend(_flow(nodes, in_item=True, list_depth=list_depth, wrap=wrap))
            return
        item = _item(nodes, list_depth, wrap)
        if item is not None:
            items.append(item)

    for child in el.children:
        if isinstance(child, _El) and child.tag == "li":
            flush_pending()
            item = _item(child.children, list_depth, wrap)
            if item is not None:
                items.append(item)
        else:
            pending.append(child)
    flush_pending()
    return _El("ol" if el.tag == "ol" else "ul", items) if items else None


# ------------------------------------------------------------------------- rendering


def _to_html(nodes: list) -> str:
    parts: list[str] = []

    def emit(node) -> None:
        if isinstance(node, str):
            parts.append(htmllib.escape(node, quote=False))
            return
        if node.tag == "br":
            parts.append("<br>")
            return
        if node.tag == "a":
            rel = f' rel="{LINK_REL}"' if _is_absolute(node.href or "") else ""
            parts.append(f'<a href="{htmllib.escape(node.href or "", quote=True)}"{rel}>')
        else:
            parts.append(f"<{node.tag}>")
        for child in node.children:
            emit(child)
        parts.append(f"</{node.tag}>")

    for i, node in enumerate(nodes):
        if i:
            parts.append("\n")
        emit(node)
    return "".join(parts)


def _stage2(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={"a": {"href"}},
        tag_attribute_values={"a": {"rel": {LINK_REL}}},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


# The last text this thread sanitised, with its parsed blocks: a save sanitises the
# editor's text and then (in the same request and thread) indexes its plain text, which
# would parse the same text a second time (an autosave of 3 000 words: ~30 % of its CPU).
_last_sanitized = threading.local()


def sanitize(html: str | None) -> str:
    """``html`` reduced to the contribution schema; safe to insert into a page unescaped."""
    blocks = _parse(html)
    clean = _stage2(_to_html(blocks))
    _last_sanitized.value = (clean, blocks)
    return clean


def _inline_text(nodes: list) -> list[str]:
    """Lines of inline content: HTML whitespace collapsed, ``br`` as a line break."""
    buf: list[str] = []

    def walk(ns: list) -> None:
        for n in ns:
            if isinstance(n, str):
                buf.append(_WHITESPACE.sub(" ", n))
            elif n.tag == "br":
                buf.append("\n")
            else:
                walk(n.children)

    walk(nodes)
    lines = (_WHITESPACE.sub(" ", line).strip() for line in "".join(buf).split("\n"))
    return [line for line in lines if line]


def _list_lines(el: _El) -> list[str]:
    lines: list[str] = []
    for item in el.children:
        item_lines: list[str] = []
        run: list = []
        for node in item.children:
            if isinstance(node, _El) and node.tag in ("p", "ul", "ol"):
                item_lines += _inline_text(run)
                run = []
                item_lines += (
                    _list_lines(node) if node.tag in _LISTS else _inline_text(node.children)
                )
            else:
                run.append(node)
        item_lines += _inline_text(run)
        if item_lines:
            lines.append("- " + item_lines[0])
            lines += ["  " + line for line in item_lines[1:]]
    return lines


def _blocks_text(blocks: list) -> str:
    parts = []
    for block in blocks:
        lines = _list_lines(block) if block.tag in _LISTS else _inline_text(block.children)
        if lines:
            parts.append("\n".join(lines))
    return "\n\n".join(parts)


def to_plain_text(html: str | None) -> str:
    """Plain text of ``html`` (sanitised first): blocks separated by a blank line, line
    breaks as newlines, list items as ``- item`` lines (nested items indented by two
    spaces), whitespace collapsed. Nothing of removed elements (script, style, …) remains.

    The output of the thread's last ``sanitize`` is not parsed again: its blocks are
    kept (parsing sanitised HTML gives the same text as parsing its input, a tested
    property)."""
    last = getattr(_last_sanitized, "value", None)
    if last is not None and html == last[0]:
        return _blocks_text(last[1])
    return _blocks_text(_parse(html))


# Digit groups of a number written with spaces ("10 000", "1 500 000").
_NUMBER_GROUPS = re.compile(r"(?<![\w.,:/-])\d{1,3}(?: \d{3})+(?![\w,.]\d)(?![\w-])")


def _count_words(plain: str) -> int:
    plain = _NUMBER_GROUPS.sub(lambda m: m.group(0).replace(" ", ""), plain)
    return sum(1 for token in plain.split() if any(ch.isalnum() for ch in token))


def word_count(html: str | None) -> int:
    """Number of words in ``html``, counted like a word processor does for Swedish text.

    A word is a whitespace-separated token with at least one letter or digit:
    "Agenda 2030-mål" is two words, "t.ex.", "EU:s" and "och/eller" one each, numbers
    count ("2030", "4,5"), and a number with digit groups ("10 000") is one word.
    Punctuation, dashes, list markers and symbols on their own (–, §, #, *) are not words.
    """
    return _count_words(to_plain_text(html))


def is_empty(html: str | None) -> bool:
    """True when ``html`` has no visible text once sanitised (``<p><br></p>``, ``&nbsp;``, …)."""
    return not _has_text(_parse(html))


_LIST_MARKER = re.compile(r"^[ \t]*(?:-|•)[ \t]+")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


def from_plain_text(text: str | None) -> str:
    """Schema HTML from plain text: blank lines separate paragraphs, single newlines become
    ``<br>``, lines starting with "- " or "• " become list items (an indented line right
    after an item continues it). All text is escaped; the result is sanitised.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[_El] = []
    for chunk in _BLANK_LINE.split(text):
        para: list = []
        lst: _El | None = None
        prev_item = False

        def end_para() -> None:
            nonlocal para
            if para:
                blocks.append(_El("p", para))
                para = []

        for line in chunk.split("\n"):
            if not line.strip():
                continue
            marker = _LIST_MARKER.match(line)
            if marker:
                end_para()
                if lst is None:
                    lst = _El("ul")
                    blocks.append(lst)
                lst.children.append(_El("li", [line[marker.end() :].strip()]))
                prev_item = True
            elif prev_item and line[:1] in (" ", "\t") and lst is not None:
                lst.children[-1].children += [_El("br"), line.strip()]
            else:
                lst, prev_item = None, False
                if para:
                    para.append(_El("br"))
                para.append(line.strip())
        end_para()
    return sanitize(_to_html(blocks))
