"""Writing the index: incremental (after every save) and full rebuild."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

from resultat.core.search.text import shadow_text
from resultat.search import kinds  # registers the built-in kinds
from resultat.search.models import SearchDocument
from resultat.search.registry import KINDS, Doc

BATCH = 500


def _pipes(values: Iterable) -> str:
    values = [str(v) for v in values]
    return "|" + "|".join(values) + "|" if values else ""


def to_row(source: str, doc: Doc) -> SearchDocument:
    return SearchDocument(
        source=source, source_id=doc.source_id, key=doc.key, kind=doc.kind, subkind=doc.subkind,
        title=doc.title[:500], context=doc.context[:500], text=doc.text,
        shadow=shadow_text(f"{doc.title}\n{doc.text}"), url=doc.url, staff_url=doc.staff_url or doc.url, year=doc.year,
        priorities=_pipes(doc.priorities), subpriorities=_pipes(doc.subpriorities), areas=_pipes(doc.areas),
        question=doc.question, sdg_goals=_pipes(doc.sdg_goals), municipalities=_pipes(doc.municipalities),
        visibility=SearchDocument.Visibility.PUBLISHED if doc.published else SearchDocument.Visibility.DRAFT,
        cycle_id=doc.cycle_id, area_id=doc.area_id, order=doc.order,
    )


@transaction.atomic
def index_source(source: str, ids: Iterable[int]) -> int:
    """Re-index the documents of these source objects (deleted objects disappear)."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    kind = KINDS[source]
    kinds.refresh_municipalities()
    SearchDocument.objects.filter(source=source, source_id__in=ids).delete()
    rows = [to_row(source, d) for d in kind.documents(ids)]
    SearchDocument.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def schedule(source: str, ids: Iterable[int]) -> None:
    """Re-index after the current transaction commits (at once outside one)."""
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: index_source(source, ids))


@transaction.atomic
def rebuild(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Rebuild the whole index in one transaction. Returns documents per kind."""
    SearchDocument.objects.all().delete()
    kinds.refresh_municipalities()
    counts: dict[str, int] = {}
    for name, kind in KINDS.items():
        total = kind.count() if kind.count else 0
        done = 0
        rows: list[SearchDocument] = []
        seen: set[int] = set()
        n = 0
        for doc in kind.documents(None):
            rows.append(to_row(name, doc))
            n += 1
            if doc.source_id not in seen:
                seen.add(doc.source_id)
                done += 1
                if progress and (done % 50 == 0):
                    progress(name, done, total)
            if len(rows) >= BATCH:
                SearchDocument.objects.bulk_create(rows)
                rows = []
        SearchDocument.objects.bulk_create(rows)
        if progress:
            progress(name, total, total)
        counts[name] = n
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    return counts
