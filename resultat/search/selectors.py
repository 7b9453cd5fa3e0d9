"""Reading the index: ``search(query, filters, user) -> SearchResults``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet

from resultat.core.search import QuerySyntaxError, parse, snippet
from resultat.core.search.forgiving import forgiving, forgiving_stems, suggest, vocabulary
from resultat.core.search.highlight import highlight
from resultat.infrastructure.i18n import error_text
from resultat.search.backends import backend
from resultat.search.models import SearchDocument
from resultat.search.registry import FILTER_CHOICES, KINDS, kind_labels

Visibility = SearchDocument.Visibility


@dataclass
class Filters:
    year: int | None = None
    priority: str = ""
    subpriority: str = ""
    area: str = ""
    question: str = ""
    sdg: int | None = None
    municipality: str = ""
    kind: str = ""

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.year:
            qs = qs.filter(year=self.year)
        for field_name, value in (("priorities", self.priority), ("subpriorities", self.subpriority), ("areas", self.area),
                                  ("sdg_goals", self.sdg), ("municipalities", self.municipality)):
            if value:
                qs = qs.filter(**{f"{field_name}__contains": f"|{value}|"})
        if self.question:
            qs = qs.filter(question=self.question)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        return qs


def visible_documents(user, public: bool = False) -> QuerySet[SearchDocument]:
    """The documents ``user`` may read: each kind's own predicate, registered by the
    app that owns the kind (the follow-up texts: the one rule, ``followup.visibility``:
    published ones for everybody, drafts by the draft rule). A kind without a
    predicate is found when published. ``public`` restricts to published."""
    rule = Q(pk__in=[])
    for kind in KINDS:
        rule |= kind.visible(user, public)
    return SearchDocument.objects.filter(rule)


def filter_choices(user, public: bool) -> dict:
    """The options of the search page's filter menus. Years and municipalities come
    from the documents ``user`` may read (``visible_documents``, the rule search
    uses), so an unpublished cycle's year or a municipality named only in a draft
    never shows on the public page; the public page offers only the strategic areas
    that have published documents. The menus of the content come from their owners
    (hook ``search.filter_choices``)."""
    docs = visible_documents(user, public=public)
    choices: dict = {key: [] for key in ("priorities", "subpriorities", "areas", "questions", "goals", "municipalities")}
    for provider in FILTER_CHOICES:
        choices.update(provider(docs, user, public))
    choices["years"] = sorted(set(docs.exclude(year=None).values_list("year", flat=True).distinct()), reverse=True)
    choices["kinds"] = [(k, str(v)) for k, v in kind_labels().items()]
    return choices


def codes_in(docs: QuerySet[SearchDocument], column: str) -> set[str]:
    """The codes a "|a|b|" column of these documents holds (for the filter menus)."""
    codes: set[str] = set()
    for value in docs.exclude(**{column: ""}).values_list(column, flat=True).distinct():
        codes.update(v for v in value.split("|") if v)
    return codes


@dataclass
class Hit:
    document: SearchDocument
    rank: float
    title_html: str
    snippet_html: str
    marks: int
    url: str

    @property
    def kind_label(self) -> str:
        return str(kind_labels().get(self.document.kind, self.document.kind))

    @property
    def draft(self) -> bool:
        return self.document.visibility == Visibility.DRAFT


@dataclass
class SearchResults:
    text: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    error: QuerySyntaxError | None = None
    error_message: str = ""  # the error's message in the active language
    ignored: list[str] = field(default_factory=list)
    backend: str = ""
    offset: int = 0
    limit: int = 20
    forgiving: bool = False  # nothing matched exactly: the hits ignore å/ä/ö
    suggestions: list[str] = field(default_factory=list)  # queries to try when nothing is found


def search(text: str, filters: Filters | None = None, user=None, *, public: bool = False, limit: int = 20, offset: int = 0) -> SearchResults:
    """Search the index. Malformed queries come back with ``error`` set, never raised."""
    results = SearchResults(text=text, offset=offset, limit=limit)
    try:
        query = parse(text)
    except QuerySyntaxError as exc:
        results.error = exc
        results.error_message = error_text(exc.message)
        return results
    results.ignored = query.ignored
    qs = (filters or Filters()).apply(visible_documents(user, public=public))
    engine = backend()
    results.backend = engine.name
    rows, results.total = engine.search(query, qs, limit, offset)
    stems, prefixes = query.highlight_stems()
    if not results.total and (lenient := forgiving(query)) is not None:
        # nothing matched exactly: try again without å/ä/ö ("kompetensforsorjning")
        rows, results.total = engine.search(lenient, qs, limit, offset)
        if results.total:
            results.forgiving = True
            stems, prefixes = forgiving_stems(query)
    if not results.total:
        results.suggestions = suggestions(text, qs)
    docs = SearchDocument.objects.in_bulk([pk for pk, _ in rows])
    staff = not public and bool(user and user.is_authenticated)
    for pk, rank in rows:
        doc = docs[pk]
        body, marks = snippet(doc.text, stems, prefixes, forgiving=results.forgiving)
        results.hits.append(Hit(
            document=doc, rank=rank, title_html=highlight(doc.title, stems, prefixes, forgiving=results.forgiving), snippet_html=body, marks=marks,
            url=(doc.staff_url if staff and doc.visibility == Visibility.DRAFT else doc.url) or "",
        ))
    return results


_VOCABULARIES: dict[tuple, dict[str, str]] = {}


def suggestions(text: str, documents: QuerySet[SearchDocument]) -> list[str]:
    """Queries to propose when nothing is found: the words of ``text`` that no title of
    ``documents`` (those the user may read, filters applied) contains, replaced by the
    closest title words (core/search/forgiving.suggest). The vocabulary is kept per
    document set while the set is unchanged (same filter, count and newest id)."""
    state = documents.aggregate(n=Count("id"), newest=Max("id"))
    key = (str(documents.query), state["n"], state["newest"])
    words = _VOCABULARIES.get(key)
    if words is None:
        words = vocabulary(documents.values_list("title", flat=True).iterator(chunk_size=2000))
        if len(_VOCABULARIES) >= 16:
            _VOCABULARIES.pop(next(iter(_VOCABULARIES)))
        _VOCABULARIES[key] = words
    return suggest(text, words)


def matching_keys(text: str, filters: Filters | None = None, user=None, public: bool = False) -> set[str]:
    """Every matching document's key (for tests and the shared query set)."""
    res = search(text, filters, user, public=public, limit=100_000)
    if res.error:
        raise res.error
    return {h.document.key for h in res.hits}


__all__ = ["Filters", "Hit", "SearchResults", "filter_choices", "matching_keys", "search", "visible_documents"]
