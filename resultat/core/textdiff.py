"""Word diffs of contribution texts, for reviewers and editors (plain Python).

Texts are compared as plain text (``richtext.to_plain_text`` for editor HTML), split into
tokens: words (runs of non-whitespace) and the breaks between them that matter, a line
break ``"\\n"`` and a paragraph break ``"\\n\\n"`` (a blank line), each a token of its own.
Other whitespace only separates words, so re-wrapping or extra spaces are no change.

The diff runs on paragraphs first, then on sentences inside the paragraphs that changed,
and on words only inside the sentences that changed, so rewritten paragraphs don't produce
word matches across paragraphs, and a long text with a few edits is quick to compare.
For reading, a pure insertion or deletion is shifted to line up with breaks (a new list
item is "- c\n", not "c\n-"), and short unchanged runs ("och", "har") between two
replacements are folded into one replaced passage. A changed region too long to compare
word by word (``_WORD_LIMIT`` tokens) is shown as replaced as a whole.

Every token of both sides is kept: the tokens of the "equal" and "delete" segments, in
order, are the old text's tokens; those of "equal" and "insert" the new text's.
"""

from __future__ import annotations

import difflib
import html as htmllib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from resultat.core.richtext import to_plain_text

__all__ = [
    "LINE_BREAK",
    "PARAGRAPH_BREAK",
    "Segment",
    "change_summary",
    "diff_html",
    "diff_tokens",
    "diff_words",
    "join_tokens",
    "render_segments",
    "tokenize",
]

LINE_BREAK = "\n"
PARAGRAPH_BREAK = "\n\n"
BREAKS = frozenset({LINE_BREAK, PARAGRAPH_BREAK})

Op = Literal["equal", "insert", "delete"]

_TOKEN = re.compile(r"\S+|\s+")
# A changed sentence region longer than this (tokens of both sides) is shown as replaced
# as a whole rather than diffed word by word (difflib is quadratic; 40 000 take ~0.2 s).
_WORD_LIMIT = 40_000
# Above this many pairs of equal elements difflib's autojunk heuristic is used (_opcodes).
_MATCH_COST_LIMIT = 300_000
# An unchanged run between two changes of at most this many tokens may be folded in.
_FOLD_MAX = 3
# How far a pure insertion or deletion may be shifted to line up with breaks.
_SLIDE_MAX = 64


def tokenize(text: str | None) -> list[str]:
    """Words and line/paragraph breaks of plain ``text``; leading/trailing breaks dropped."""
    if not text:
        return []
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2029", "\n\n")
        .replace("\u2028", "\n")
    )
    tokens: list[str] = []
    for m in _TOKEN.finditer(text):
        piece = m.group(0)
        if not piece[0].isspace():
            tokens.append(piece)
            continue
        newlines = piece.count("\n")
        if newlines and tokens:
            tokens.append(PARAGRAPH_BREAK if newlines > 1 else LINE_BREAK)
    while tokens and tokens[-1] in BREAKS:
        tokens.pop()
    return tokens


def join_tokens(tokens: list[str] | tuple[str, ...]) -> str:
    """Tokens as text: words separated by a space, breaks as newlines without spaces."""
    parts: list[str] = []
    prev_word = False
    for token in tokens:
        if token in BREAKS:
            parts.append(token)
            prev_word = False
        else:
            if prev_word:
                parts.append(" ")
            parts.append(token)
            prev_word = True
    return "".join(parts)


@dataclass(frozen=True)
class Segment:
    """One run of the diff: ``op`` is "equal", "insert" or "delete"; ``text`` is the run's
    tokens joined (``join_tokens``), ``tokens`` the tokens themselves."""

    op: Op
    text: str
    tokens: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, op: Op, tokens: list[str] | tuple[str, ...]) -> Segment:
        tokens = tuple(tokens)
        return cls(op, join_tokens(tokens), tokens)


def _paragraph_units(tokens: list[str]) -> list[tuple[str, ...]]:
    """Paragraphs as units, each but the first with its leading paragraph break."""
    units: list[tuple[str, ...]] = []
    current: list[str] = []
    for token in tokens:
        if token == PARAGRAPH_BREAK and current:
            units.append(tuple(current))
            current = []
        current.append(token)
    if current:
        units.append(tuple(current))
    return units


_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")


def _sentence_units(tokens: list[str]) -> list[tuple[str, ...]]:
    """Sentences (and lines) as units: each ends after a line break or after a word that
    ends a sentence ("skolor.", "Varför?", "mål:")."""
    units: list[tuple[str, ...]] = []
    current: list[str] = []
    for token in tokens:
        current.append(token)
        if token == LINE_BREAK or _SENTENCE_END.search(token):
            units.append(tuple(current))
            current = []
    if current:
        units.append(tuple(current))
    return units


_LEVELS = (_paragraph_units, _sentence_units)


def _opcodes(a: list, b: list) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, exact unless the sequences repeat themselves a lot.

    difflib's time grows with the number of (position in a, equal position in b) pairs;
    for very repetitive input ("- Ja" lines, "a b a b …") beyond ``_MATCH_COST_LIMIT`` such
    pairs, elements making up more than 1 % of ``b`` are not used to anchor matches
    (difflib's autojunk), which keeps the diff fast but coarser.
    """
    counts = Counter(b)
    cost = sum(counts.get(x, 0) for x in a)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=cost > _MATCH_COST_LIMIT)
    return matcher.get_opcodes()


def _diff_level(a: list[str], b: list[str], level: int, ops: list[tuple[Op, list[str]]]) -> None:
    """Append the (op, tokens) runs of a diff of ``a`` and ``b`` to ``ops``: paragraphs
    first, then sentences in the changed paragraphs, then words in the changed sentences."""
    if not a or not b:
        ops.append(("delete", a))
        ops.append(("insert", b))
        return
    if level < len(_LEVELS):
        units_a, units_b = _LEVELS[level](a), _LEVELS[level](b)
        if len(units_a) == 1 and len(units_b) == 1:
            _diff_level(a, b, level + 1, ops)
            return
        for tag, i1, i2, j1, j2 in _opcodes(units_a, units_b):
            old = [t for unit in units_a[i1:i2] for t in unit]
            new = [t for unit in units_b[j1:j2] for t in unit]
            if tag == "equal":
                ops.append(("equal", old))
            else:
                _diff_level(old, new, level + 1, ops)
        return
    if len(a) + len(b) > _WORD_LIMIT:  # too long to diff word by word: replaced as a whole
        ops.append(("delete", a))
        ops.append(("insert", b))
        return
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            ops.append(("equal", a[i1:i2]))
        else:
            ops.append(("delete", a[i1:i2]))
            ops.append(("insert", b[j1:j2]))


def _raw_ops(a: list[str], b: list[str]) -> list[tuple[Op, list[str]]]:
    """(op, tokens) runs, not yet merged or cleaned up."""
    # Common prefix and suffix first: the usual edit touches a small part of the text.
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    ops: list[tuple[Op, list[str]]] = [("equal", a[:start])]
    mid_a, mid_b = a[start : len(a) - end], b[start : len(b) - end]
    if mid_a or mid_b:
        _diff_level(mid_a, mid_b, 0, ops)
    ops.append(("equal", a[len(a) - end :]))
    return ops


def _group(ops: list[tuple[Op, list[str]]]) -> list[tuple[list[str], list[str], list[str]]]:
    """Runs as (equal, deleted, inserted) triples: an unchanged run and the change after it."""
    groups: list[tuple[list[str], list[str], list[str]]] = [([], [], [])]
    for op, tokens in ops:
        if not tokens:
            continue
        eq, dl, ins = groups[-1]
        if op == "equal":
            if dl or ins:
                groups.append((list(tokens), [], []))
            else:
                eq.extend(tokens)
        elif op == "delete":
            dl.extend(tokens)
        else:
            ins.extend(tokens)
    return groups


def _fold_small_equalities(groups: list[tuple[list[str], list[str], list[str]]]) -> None:
    """Fold short unchanged runs between two replacements into them (in place).

    "Regionen och kommunerna har arbetat" to "Länsstyrelsen och näringslivet har diskuterat"
    reads better as one replaced passage than as three replaced words around "och" and
    "har". A run is folded when it has at most ``_FOLD_MAX`` tokens, no break, both
    neighbouring changes replace something (delete and insert), and it is no longer than
    the larger side of either (diff-match-patch's semantic cleanup rule, in tokens). An
    unchanged word next to a plain insertion or deletion is never folded.
    """
    i = 1
    while i < len(groups):
        eq, dl, ins = groups[i]
        prev = groups[i - 1]
        if (
            dl
            and ins
            and prev[1]
            and prev[2]
            and 0 < len(eq) <= _FOLD_MAX
            and not any(t in BREAKS for t in eq)
            and len(eq) <= max(len(prev[1]), len(prev[2]))
            and len(eq) <= max(len(dl), len(ins))
        ):
            prev[1].extend(eq + dl)
            prev[2].extend(eq + ins)
            del groups[i]
            continue
        i += 1


def _best_shift(
    before: list[str], change: list[str], after: list[str], at_start: bool, at_end: bool
) -> int:
    """How far (tokens; < 0: left) to shift ``change`` between ``before`` and ``after``."""
    n, size_b, size_a = len(change), len(before), len(after)

    def token(pos: int) -> str:  # position in before + change + after
        if pos < size_b:
            return before[pos]
        if pos < size_b + n:
            return change[pos - size_b]
        return after[pos - size_b - n]

    def score(k: int) -> int:
        start, end = size_b + k, size_b + k + n
        start_ok = (start == 0 and at_start) or (start > 0 and token(start - 1) in BREAKS)
        end_ok = token(end - 1) in BREAKS or (end == size_b + n + size_a and at_end)
        return 2 * start_ok + 2 * end_ok

    best, best_score = 0, score(0)
    k = 0
    while k > -_SLIDE_MAX and size_b + k > 0 and token(size_b + k - 1) == token(size_b + k - 1 + n):
        k -= 1
        if score(k) > best_score:
            best, best_score = k, score(k)
    k = 0
    while k < _SLIDE_MAX and k < size_a and token(size_b + k) == token(size_b + k + n):
        k += 1
        if score(k) > best_score:
            best, best_score = k, score(k)
    return best


def _slide(groups: list[tuple[list[str], list[str], list[str]]]) -> None:
    """Shift pure insertions/deletions along repeated tokens to line up with breaks (in place).

    "- a\n- b" to "- a\n- c\n- b" can be read as inserting "c\n-" after "- a\n-" or
    "- c\n" after "- a\n"; the second starts after a break and ends with one, and is the
    one a reader expects. Among the equivalent positions the one that starts after a break
    (or at the start) and ends with a break (or at the end) wins; ties keep the original.
    """
    last_group = len(groups) - 1
    for i, (before, dl, ins) in enumerate(groups):
        if bool(dl) == bool(ins):
            continue
        change = dl or ins
        after = groups[i + 1][0] if i < last_group else []
        at_end = i == last_group or (
            i + 1 == last_group and not groups[i + 1][1] and not groups[i + 1][2]
        )
        shift = _best_shift(before, change, after, i == 0, at_end)
        n = len(change)
        if shift < 0:  # the tokens before the change move behind it
            moving = before[shift:] + change
            del before[shift:]
            change[:] = moving[:n]
            after[:0] = moving[n:]
        elif shift > 0:  # the tokens after the change move before it
            moving = change + after[:shift]
            del after[:shift]
            before.extend(moving[:shift])
            change[:] = moving[shift:]
        if i == last_group and after:  # the change was last: what follows is a new run
            groups.append((after, [], []))


def diff_tokens(a: list[str], b: list[str], *, cleanup: bool = True) -> list[Segment]:
    """The diff of two token lists (see ``tokenize``) as merged segments.

    With ``cleanup`` (the default) changes are shifted to line up with breaks and short
    unchanged runs inside rewritten passages are folded in, for reading; without it the
    segments are difflib's (smallest) result as is.
    """
    groups = _group(_raw_ops(list(a), list(b)))
    if cleanup:
        _slide(groups)
        groups = _group(
            [
                (op, t)
                for eq, dl, ins in groups
                for op, t in (("equal", eq), ("delete", dl), ("insert", ins))
            ]
        )
        _fold_small_equalities(groups)
    segments: list[Segment] = []
    for eq, dl, ins in groups:
        if eq:
            segments.append(Segment.of("equal", eq))
        if dl:
            segments.append(Segment.of("delete", dl))
        if ins:
            segments.append(Segment.of("insert", ins))
    return segments


def diff_words(old: str | None, new: str | None) -> list[Segment]:
    """Word-level diff of two plain texts; paragraph and line breaks are tokens of their own.

    Adjacent segments never have the same op; a change is a "delete" followed by an
    "insert". Identical texts give one "equal" segment (none for two empty texts).
    """
    return diff_tokens(tokenize(old), tokenize(new))


# ------------------------------------------------------------------------------- HTML

_PILCROW = "¶"  # shown for a paragraph break that alone was added or removed
_RETURN = "↵"  # likewise for a line break
_TAGS = {"insert": "ins", "delete": "del"}


def _render_paragraph(items: list[tuple[Op, str | None]]) -> str:
    """Items (op, word) or (op, None) for a line break, as the inside of one <p>."""
    while items and items[0][1] is None:
        items = items[1:]
    while items and items[-1][1] is None:
        items = items[:-1]
    runs: list[tuple[Op, list[str | None]]] = []
    for op, word in items:
        if runs and runs[-1][0] == op:
            runs[-1][1].append(word)
        else:
            runs.append((op, [word]))
    out: list[str] = []
    prev_word = False
    for op, words in runs:
        if prev_word and words[0] is not None:
            out.append(" ")
        body = join_tokens([LINE_BREAK if w is None else w for w in words])
        body = htmllib.escape(body, quote=False).replace("\n", "<br>")
        tag = _TAGS.get(op)
        out.append(f"<{tag}>{body}</{tag}>" if tag else body)
        prev_word = words[-1] is not None
    return "".join(out)


def render_segments(segments: list[Segment]) -> str:
    """Segments as HTML: a ``<p>`` per paragraph, ``<br>`` per line break, inserted words in
    ``<ins>``, deleted words in ``<del>``, all text escaped.

    The layout shows the breaks of both versions. A break that is the whole change (a
    paragraph split or joined) is marked with ¶ (↵ for a line break) inside ins/del.
    """
    paragraphs: list[list[tuple[Op, str | None]]] = [[]]
    for seg in segments:
        only_breaks = seg.op != "equal" and all(t in BREAKS for t in seg.tokens)
        for token in seg.tokens:
            if token == PARAGRAPH_BREAK:
                if only_breaks:
                    paragraphs[-1].append((seg.op, _PILCROW))
                paragraphs.append([])
            elif token == LINE_BREAK:
                if only_breaks:
                    paragraphs[-1].append((seg.op, _RETURN))
                paragraphs[-1].append((seg.op, None))
            else:
                paragraphs[-1].append((seg.op, token))
    rendered = (_render_paragraph(p) for p in paragraphs if any(w is not None for _, w in p))
    return "\n".join(f"<p>{body}</p>" for body in rendered if body)


def diff_html(old_html: str | None, new_html: str | None) -> str:
    """The word diff of two editor texts (HTML, sanitised to plain text first) as safe HTML
    with ``<ins>``/``<del>``; see ``render_segments``."""
    return render_segments(diff_words(to_plain_text(old_html), to_plain_text(new_html)))


# ---------------------------------------------------------------------------- summary


def _is_word(token: str) -> bool:
    return token not in BREAKS and any(ch.isalnum() for ch in token)


def change_summary(old: str | None, new: str | None, *, html: bool = False) -> dict:
    """Counts of a change: ``words_added``, ``words_removed``, ``words_unchanged`` and
    ``similarity`` (0..1: twice the unchanged words over all words of both versions; 1.0
    for two texts without words).

    ``old`` and ``new`` are plain text; with ``html=True`` they are editor HTML. Words are
    counted like ``richtext.word_count`` counts them (tokens with a letter or digit), but
    per token, so "10 000" counts as two here. The counts come from the diff before its
    clean-up for reading (see ``diff_tokens``), so words folded into a rewritten passage
    still count as unchanged.
    """
    if html:
        old, new = to_plain_text(old), to_plain_text(new)
    counts = {"equal": 0, "insert": 0, "delete": 0}
    for seg in diff_tokens(tokenize(old), tokenize(new), cleanup=False):
        counts[seg.op] += sum(1 for t in seg.tokens if _is_word(t))
    total = 2 * counts["equal"] + counts["insert"] + counts["delete"]
    similarity = 1.0 if total == 0 else 2 * counts["equal"] / total
    return {
        "words_added": counts["insert"],
        "words_removed": counts["delete"],
        "words_unchanged": counts["equal"],
        "similarity": similarity,
    }
