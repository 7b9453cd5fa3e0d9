"""The search query language and its compilation for the two backends.

Syntax (like common web search engines, Swedish operators accepted):

- ``ord ord``            every word must occur (AND), in any order
- ``"en fras"``          the words in this order, next to each other
- ``a OR b`` / ``a ELLER b``  either (binds tighter than AND: ``a b OR c`` = a AND (b OR c))
- ``-ord`` / ``-"en fras"``  exclude documents containing it
- ``ord*``               prefix: every word starting with it (compound heads: ``kompetens*``)

Words are stemmed (``text.stem``); stop words are ignored (listed in
``Query.ignored``). A word with inner punctuation ("e-hälsa", "co2-utsläpp") is a
phrase of its parts. Punctuation-only input between words is ignored.

Malformed input raises ``QuerySyntaxError`` (and nothing else) with a Swedish message
and the 0-based character position: an unclosed quote, OR at the start or the end or
next to another OR or an exclusion, a lone "-", nothing but exclusions, nothing but stop
words, an empty or overlong query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from resultat.core.i18n import N_, Message
from resultat.core.search.text import is_stopword, prefix_stem, stem, tokens

MAX_LENGTH = 500
MAX_ATOMS = 32
OR_WORDS = {"OR", "ELLER"}


class QuerySyntaxError(ValueError):
    """A malformed query: ``message`` (Swedish) and ``position`` (0-based character)."""

    def __init__(self, message: str, position: int = 0, code: str = "syntax"):
        super().__init__(Message(N_("%(message)s (tecken %(position)s)"), message=message, position=position + 1))
        self.message = message
        self.position = position
        self.code = code


@dataclass(frozen=True)
class Term:
    stem: str
    prefix: bool = False
    text: str = ""
    exact: str = ""  # for a prefix: the word's full stem, matched as well


@dataclass(frozen=True)
class Phrase:
    stems: tuple[str, ...]
    text: str = ""


Atom = Term | Phrase


@dataclass
class Query:
    text: str
    groups: list[list[Atom]] = field(default_factory=list)  # AND of ORs
    excluded: list[Atom] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # stop words left out

    # What highlighting marks: stems and prefixes of the positive atoms.
    def highlight_stems(self) -> tuple[set[str], set[str]]:
        stems: set[str] = set()
        prefixes: set[str] = set()
        for group in self.groups:
            for atom in group:
                if isinstance(atom, Phrase):
                    stems.update(atom.stems)
                elif atom.prefix:
                    prefixes.add(atom.stem)
                    stems.add(atom.exact)
                else:
                    stems.add(atom.stem)
        return stems, prefixes

    def to_fts5(self) -> str:
        """An SQLite FTS5 MATCH expression over the shadow text."""
        positive = " AND ".join(_fts_group(g) for g in self.groups)
        out = f"({positive})"
        for atom in self.excluded:
            out += f" NOT {_fts_atom(atom)}"
        return out

    def to_tsquery(self) -> str:
        """PostgreSQL tsquery text for ``to_tsquery('swedish', …)`` over the shadow text."""
        parts = [_ts_group(g) for g in self.groups]
        parts += [f"!{_ts_atom(a)}" for a in self.excluded]
        return " & ".join(parts)


def _fts_atom(atom: Atom) -> str:
    if isinstance(atom, Phrase):
        return '"' + " ".join(atom.stems) + '"'
    if atom.prefix:
        return f'("{atom.stem}"* OR "{atom.exact}")' if atom.exact != atom.stem else f'"{atom.stem}"*'
    return f'"{atom.stem}"'


def _fts_group(group: list[Atom]) -> str:
    if len(group) == 1:
        return _fts_atom(group[0])
    return "(" + " OR ".join(_fts_atom(a) for a in group) + ")"


def _ts_atom(atom: Atom) -> str:
    if isinstance(atom, Phrase):
        return "(" + " <-> ".join(f"'{s}'" for s in atom.stems) + ")"
    if atom.prefix:
        return f"('{atom.stem}':* | '{atom.exact}')" if atom.exact != atom.stem else f"'{atom.stem}':*"
    return f"'{atom.stem}'"


def _ts_group(group: list[Atom]) -> str:
    if len(group) == 1:
        return _ts_atom(group[0])
    return "(" + " | ".join(_ts_atom(a) for a in group) + ")"


@dataclass
class _Token:
    kind: str  # "atom", "or"
    position: int
    negated: bool = False
    atom: Atom | None = None
    stopword: str = ""  # the raw text when the atom vanished (stop words)


def _atom(raw: str, position: int, quoted: bool) -> tuple[Atom | None, list[str]]:
    """Atom for a word or quoted text; None when nothing but stop words/punctuation."""
    prefix = not quoted and raw.endswith("*")
    words = tokens(raw)
    kept = [w for w in words if not is_stopword(w)]
    dropped = [w for w in words if is_stopword(w)]
    if not kept:
        return None, dropped
    stems = tuple(stem(w) for w in kept)
    if len(stems) == 1:
        if prefix:
            # Prefix of the lightly stemmed word, or the word itself (fully stemmed).
            return Term(stem=prefix_stem(kept[0]), prefix=True, text=raw, exact=stems[0]), dropped
        return Term(stem=stems[0], text=raw), dropped
    return Phrase(stems=stems, text=raw), dropped


def _lex(text: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        start = i
        negated = False
        if ch == "-":
            if i + 1 >= n or text[i + 1].isspace():
                raise QuerySyntaxError(Message(N_("Ett ensamt minustecken: skriv -ord för att utesluta ett ord")), start, "lone_minus")
            negated = True
            i += 1
            ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError(Message(N_("Citattecknet stängs aldrig: avsluta frasen med \"")), i, "unclosed_quote")
            raw = text[i + 1 : end]
            i = end + 1
            atom, dropped = _atom(raw, start, quoted=True)
            out.append(_Token("atom", start, negated, atom, " ".join(dropped)))
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != '"':
            j += 1
        raw = text[i:j]
        i = j
        if not negated and raw in OR_WORDS:
            out.append(_Token("or", start))
            continue
        atom, dropped = _atom(raw, start, quoted=False)
        if atom is None and not dropped:
            if negated:
                raise QuerySyntaxError(Message(N_("Efter minustecknet ska ett ord eller en fras stå")), start, "lone_minus")
            continue  # punctuation only
        out.append(_Token("atom", start, negated, atom, " ".join(dropped)))
    return out


def parse(text: str) -> Query:
    """Parse a user's query. Raises ``QuerySyntaxError`` for malformed input."""
    if not isinstance(text, str):
        raise QuerySyntaxError(Message(N_("Sökningen ska vara text")), 0, "type")
    if len(text) > MAX_LENGTH:
        raise QuerySyntaxError(Message(N_("Sökningen är för lång (högst %(max)s tecken)"), max=MAX_LENGTH), MAX_LENGTH, "too_long")
    if "\x00" in text:
        raise QuerySyntaxError(Message(N_("Sökningen innehåller ett otillåtet tecken")), text.index("\x00"), "control")
    lexed = _lex(text)
    if not lexed:
        raise QuerySyntaxError(Message(N_("Skriv minst ett ord att söka efter")), 0, "empty")
    query = Query(text=text)
    groups: list[list[_Token]] = []
    pending_or = None
    for k, tok in enumerate(lexed):
        if tok.kind == "or":
            if not groups or pending_or is not None or lexed[k - 1].negated:
                raise QuerySyntaxError(Message(N_("OR ska stå mellan två ord eller fraser")), tok.position, "dangling_or")
            pending_or = tok
            continue
        if pending_or is not None:
            if tok.negated:
                raise QuerySyntaxError(Message(N_("OR kan inte stå intill en uteslutning (-ord)")), pending_or.position, "or_negation")
            groups[-1].append(tok)
            pending_or = None
        else:
            groups.append([tok])
    if pending_or is not None:
        raise QuerySyntaxError(Message(N_("OR ska stå mellan två ord eller fraser")), pending_or.position, "dangling_or")
    atoms_total = 0
    for group in groups:
        if group[0].negated:
            tok = group[0]
            if tok.atom is not None:
                query.excluded.append(tok.atom)
                atoms_total += 1
            elif tok.stopword:
                query.ignored.append(tok.stopword)
            continue
        kept = []
        for tok in group:
            if tok.atom is None:
                if tok.stopword:
                    query.ignored.append(tok.stopword)
                continue
            if tok.atom not in kept:
                kept.append(tok.atom)
        if kept:
            query.groups.append(kept)
            atoms_total += len(kept)
    if atoms_total > MAX_ATOMS:
        raise QuerySyntaxError(Message(N_("Sökningen har för många ord (högst %(max)s)"), max=MAX_ATOMS), 0, "too_many")
    if not query.groups:
        if query.excluded:
            raise QuerySyntaxError(Message(N_("Sökningen måste innehålla minst ett ord som inte är uteslutet")), lexed[0].position, "only_excluded")
        if query.ignored:
            raise QuerySyntaxError(
                Message(N_("Sökningen innehåller bara vanliga småord (%(words)s) som inte går att söka på"), words=", ".join(query.ignored)),
                0,
                "only_stopwords",
            )
        raise QuerySyntaxError(Message(N_("Skriv minst ett ord att söka efter")), 0, "empty")
    return query
