"""Reading the index: ``search(query, filters, user) -> SearchResults``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from resultat.core.search import QuerySyntaxError, parse, snippet
from resultat.core.search.highlight import highlight
from resultat.followup import visibility as visibility_rule
from resultat.search.backends import backend
from resultat.search.kinds import KIND_LABELS
from resultat.search.models import SearchDocument

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
    """The documents ``user`` may read, by the one rule (``followup.visibility``):
    published ones for everybody; drafts by the draft rule (analysts all; reviewers the
    cycles they review; editors their units' areas). ``public`` restricts to published."""
    return SearchDocument.objects.filter(visibility_rule.search_documents_filter(user, public=public))


def filter_choices(user, public: bool) -> dict:
    """The options of the search page's filter menus. Years and municipalities come
    from the documents ``user`` may read (``visible_documents``, the rule search
    uses), so an unpublished cycle's year or a municipality named only in a draft
    never shows on the public page; the public page offers only the strategic areas
    that have published documents."""
    from resultat.followup.models import Question, StrategicArea
    from resultat.reference.models import Area, SdgGoal
    from resultat.strategy.models import Priority, SubPriority

    docs = visible_documents(user, public=public)
    latest = {}
    for p in Priority.objects.select_related("version").order_by("version__valid_from", "order"):
        latest[p.code] = f"{p.number} {p.title}"
    subs = {}
    for sp in SubPriority.objects.select_related("version").order_by("version__valid_from", "priority__order", "order"):
        subs[sp.code] = f"{sp.number} {sp.title}"
    municipalities = set()
    for value in docs.exclude(municipalities="").values_list("municipalities", flat=True).distinct():
        municipalities.update(v for v in value.split("|") if v)
    areas = StrategicArea.objects.all()
    if public or not (user and user.is_authenticated and user.is_active):
        codes = set()
        for value in docs.exclude(areas="").values_list("areas", flat=True).distinct():
            codes.update(v for v in value.split("|") if v)
        areas = areas.filter(code__in=codes)
    return {
        "years": sorted(set(docs.exclude(year=None).values_list("year", flat=True).distinct()), reverse=True),
        "priorities": sorted(latest.items(), key=lambda kv: kv[1]),
        "subpriorities": sorted(subs.items(), key=lambda kv: [int(x) if x.isdigit() else x for x in kv[1].split(" ")[0].split(".")]),
        "areas": list(areas.values_list("code", "name")),
        "questions": list(Question.objects.order_by("order").values_list("code", "title").distinct()),
        "goals": list(SdgGoal.objects.order_by("number").values_list("number", "name_sv")),
        "municipalities": list(Area.objects.filter(code__in=municipalities).order_by("name").values_list("code", "name")),
        "kinds": [(k, str(v)) for k, v in KIND_LABELS.items()],
    }


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
        return str(KIND_LABELS.get(self.document.kind, self.document.kind))

    @property
    def draft(self) -> bool:
        return self.document.visibility == Visibility.DRAFT


@dataclass
class SearchResults:
    text: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    error: QuerySyntaxError | None = None
    ignored: list[str] = field(default_factory=list)
    backend: str = ""
    offset: int = 0
    limit: int = 20


def search(text: str, filters: Filters | None = None, user=None, *, public: bool = False, limit: int = 20, offset: int = 0) -> SearchResults:
    """Search the index. Malformed queries come back with ``error`` set, never raised."""
    results = SearchResults(text=text, offset=offset, limit=limit)
    try:
        query = parse(text)
    except QuerySyntaxError as exc:
        results.error = exc
        return results
    results.ignored = query.ignored
    qs = (filters or Filters()).apply(visible_documents(user, public=public))
    engine = backend()
    results.backend = engine.name
    rows, results.total = engine.search(query, qs, limit, offset)
    docs = SearchDocument.objects.in_bulk([pk for pk, _ in rows])
    stems, prefixes = query.highlight_stems()
    staff = not public and bool(user and user.is_authenticated)
    for pk, rank in rows:
        doc = docs[pk]
        body, marks = snippet(doc.text, stems, prefixes)
        results.hits.append(Hit(
            document=doc, rank=rank, title_html=highlight(doc.title, stems, prefixes), snippet_html=body, marks=marks,
            url=(doc.staff_url if staff and doc.visibility == Visibility.DRAFT else doc.url) or "",
        ))
    return results


def matching_keys(text: str, filters: Filters | None = None, user=None, public: bool = False) -> set[str]:
    """Every matching document's key (for tests and the shared query set)."""
    res = search(text, filters, user, public=public, limit=100_000)
    if res.error:
        raise res.error
    return {h.document.key for h in res.hits}


__all__ = ["Filters", "Hit", "SearchResults", "filter_choices", "matching_keys", "search", "visible_documents"]
