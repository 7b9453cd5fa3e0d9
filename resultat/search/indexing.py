"""Writing the index: incremental (after every save) and full rebuild."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterable

from django.db import connection, transaction

from resultat.core.search.text import shadow_text
from resultat.search import registry
from resultat.search.models import PendingReindex, SearchDocument
from resultat.search.registry import KINDS, Doc

BATCH = 500
logger = logging.getLogger(__name__)


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


# Every column but the key: what an upsert overwrites when the document exists.
_UPSERT_FIELDS = [f.name for f in SearchDocument._meta.concrete_fields if f.name not in ("id", "key")]


def _serialise(source: str, ids: list[int]) -> None:
    """Let one transaction at a time re-index these objects (PostgreSQL: advisory
    transaction locks, in id order so two runs cannot deadlock). The documents are
    then read after the lock is held, so the last writer writes from the newest data
    and a slower, older re-index cannot overwrite a newer one. SQLite's write
    transactions (IMMEDIATE) are already one at a time."""
    if connection.vendor != "postgresql":
        return
    space = zlib.crc32(f"search:{source}".encode()) & 0x7FFFFFFF
    with connection.cursor() as cursor:
        for pk in ids:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [space, pk])


def index_source(source: str, ids: Iterable[int]) -> int:
    """Re-index the documents of these source objects (deleted objects disappear).

    Idempotent and safe to run twice at the same moment: the documents are written
    with an upsert on their unique key (INSERT … ON CONFLICT (key) DO UPDATE, on
    PostgreSQL and SQLite alike), and only the object's documents that no longer
    exist are deleted."""
    ids = sorted({int(i) for i in ids})
    if not ids:
        return 0
    kind = KINDS[source]
    registry.prepare()
    with transaction.atomic():
        _serialise(source, ids)
        rows = sorted((to_row(source, d) for d in kind.documents(ids)), key=lambda r: r.key)
        gone = SearchDocument.objects.filter(source=source, source_id__in=ids).exclude(key__in=[r.key for r in rows])
        gone.delete()
        if rows:
            SearchDocument.objects.bulk_create(
                rows, batch_size=BATCH, update_conflicts=True, unique_fields=["key"], update_fields=_UPSERT_FIELDS
            )
    return len(rows)


def mark_pending(source: str, ids: Iterable[int]) -> None:
    """Remember objects whose re-index failed; `resultat search reindex --pending` (or
    a full rebuild) catches up. Never raises: it runs after a committed request."""
    try:
        PendingReindex.objects.bulk_create(
            [PendingReindex(source=source, source_id=i) for i in sorted(set(ids))], ignore_conflicts=True
        )
    except Exception:  # noqa: BLE001 - the database itself may be what failed
        logger.exception("Sökindexet: kunde inte heller markera %s %s för omindexering", source, sorted(set(ids)))


def index_safely(source: str, ids: Iterable[int]) -> int:
    """index_source for after a commit: a failure is logged and the objects are marked
    for re-indexing, never raised into the request whose writes are already committed."""
    try:
        ids = list(ids)
        return index_source(source, ids)
    except Exception:  # noqa: BLE001 - see the docstring
        logger.exception("Sökindexet: omindexering av %s %s misslyckades; markerad för senare", source, sorted(set(ids)))
        mark_pending(source, ids)
        return 0


def index_pending() -> int:
    """Re-index what failed before (see mark_pending). Returns how many objects."""
    done = 0
    for source in list(PendingReindex.objects.values_list("source", flat=True).distinct()):
        entries = list(PendingReindex.objects.filter(source=source).values_list("pk", "source_id"))
        if source in KINDS:
            index_source(source, [i for _, i in entries])
        PendingReindex.objects.filter(pk__in=[pk for pk, _ in entries]).delete()
        done += len(entries)
    return done


BODY_ONLY = "contribution:body"  # a pending entry: only the contribution's text changed


def _rewrite_bodies(bodies: dict[int, str]) -> list[int]:
    """Rewrite the text columns of these contributions' own documents (inside a
    transaction). Returns the ids that need the full re-index instead: the document
    must appear or disappear (the text was or becomes empty)."""
    from resultat.core.richtext import to_plain_text

    ids = sorted(bodies)
    _serialise("contribution", ids)
    registry.prepare()  # as every indexing run: a place added since is found
    titles = dict(SearchDocument.objects.filter(key__in=[f"contribution:{i}" for i in ids]).values_list("source_id", "title"))
    full = []
    for pk in ids:
        text = to_plain_text(bodies[pk] or "")
        if pk not in titles or not text.strip():
            full.append(pk)
            continue
        SearchDocument.objects.filter(key=f"contribution:{pk}").update(
            text=text, shadow=shadow_text(f"{titles[pk]}\n{text}"), municipalities=_pipes(registry.tags(text))
        )
    return full


def index_contribution_bodies(ids: Iterable[int]) -> int:
    """The light re-index after an autosave: only the text changed, so only the text
    columns of the contribution's own document are rewritten (one UPDATE), not its
    items, links and mentions. Returns how many."""
    ids = sorted({int(i) for i in ids})
    with transaction.atomic():
        _serialise("contribution", ids)
        bodies = KINDS["contribution"].bodies(ids)  # registered by followup
        full = _rewrite_bodies(bodies) + [i for i in ids if i not in bodies]
    return len(ids) - len(full) + (index_source("contribution", full) if full else 0)


def rewrite_body_now(pk: int, body: str) -> None:
    """An autosave's index update inside the saving transaction itself: on SQLite one
    write transaction per autosave instead of two (each waits for the single write
    lock), on PostgreSQL one commit less. When the document must appear or disappear
    (the text was or becomes empty) the contribution is re-indexed in full, also here
    rather than in a second transaction after the commit (the first save of a
    contribution, which also moves its state, does the same through
    index_in_transaction: in bench/load.py that was 25 of about 300 autosaves, and
    most of the slowest). In a savepoint: if it fails, the save still commits, and the
    full re-index is scheduled for after the commit (which logs and marks the
    contribution if it fails too)."""
    if not connection.in_atomic_block:
        schedule_body([pk])
        return
    try:
        with transaction.atomic():  # a savepoint
            full = _rewrite_bodies({pk: body})
            if full:
                index_source("contribution", full)
                full = []
    except Exception:  # noqa: BLE001 - the save must not fail because of the index
        logger.exception("Sökindexet: texten i bidrag %s kunde inte indexeras i sparningen; görs efter commit", pk)
        full = [pk]
    if full:
        schedule("contribution", full)


def index_in_transaction(source: str, ids: Iterable[int]) -> None:
    """index_source inside the current transaction, in a savepoint: if it fails, the
    transaction still commits and the re-index is scheduled for after the commit
    instead (which logs and marks the objects if it fails too). Outside a transaction:
    schedule (runs at once)."""
    ids = list(ids)
    if not connection.in_atomic_block:
        schedule(source, ids)
        return
    try:
        with transaction.atomic():  # a savepoint
            index_source(source, ids)
    except Exception:  # noqa: BLE001 - the save must not fail because of the index
        logger.exception("Sökindexet: %s %s kunde inte indexeras i sparningen; görs efter commit", source, sorted(set(ids)))
        schedule(source, ids)


def _run_pending() -> None:
    pending = getattr(connection, "_search_pending", None) or {}
    connection._search_pending = {}
    bodies = pending.pop(BODY_ONLY, set()) - pending.get("contribution", set())
    for source, ids in pending.items():
        index_safely(source, ids)
    if bodies:
        try:
            index_contribution_bodies(bodies)
        except Exception:  # noqa: BLE001 - after a commit: log and mark, never raise
            logger.exception("Sökindexet: omindexering av texten i bidrag %s misslyckades; markerad för senare", sorted(bodies))
            mark_pending("contribution", bodies)


def schedule(source: str, ids: Iterable[int]) -> None:
    """See _schedule."""
    _schedule(source, ids)


def schedule_body(ids: Iterable[int]) -> None:
    """Only the text of these contributions changed (an autosave): the light re-index."""
    _schedule(BODY_ONLY, ids)


def _schedule(source: str, ids: Iterable[int]) -> None:
    """Re-index after the current transaction commits (at once outside one).

    The requests of a transaction are collected per connection and the first commit
    hook to run re-indexes them all, each object once, however many saves, items and
    signals asked for it (a save with ten typed items used to re-index its
    contribution ten times); the later hooks find nothing left to do. Hooks are robust:
    a failure never reaches the request or skips another hook."""
    ids = [int(i) for i in ids if i is not None]
    if not ids:
        return
    if not connection.in_atomic_block:
        connection._search_pending = {**(getattr(connection, "_search_pending", None) or {}), source: set(ids)}
        _run_pending()
        return
    pending = getattr(connection, "_search_pending", None)
    if pending is None:
        pending = connection._search_pending = {}
    pending.setdefault(source, set()).update(ids)
    transaction.on_commit(_run_pending, robust=True)


@transaction.atomic
def rebuild(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Rebuild the whole index in one transaction. Returns documents per kind."""
    SearchDocument.objects.all().delete()
    PendingReindex.objects.all().delete()  # everything is re-indexed now
    registry.prepare()
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
