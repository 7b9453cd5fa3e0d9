"""The two full-text backends behind one interface.

Both run the parsed query (``resultat.core.search.query``) against the stemmed shadow
text and return (document id, rank) for the documents of an already filtered
queryset, best first, plus the total count.

- SQLite: FTS5 table ``search_fts``, ``MATCH`` with the query's FTS5 expression,
  ranked by ``bm25``.
- PostgreSQL: generated ``tsv`` column (``to_tsvector('swedish', shadow)``, GIN
  index), ``to_tsquery('swedish', …)`` with the query's tsquery text, ranked by
  ``ts_rank`` (normalised by document length).
"""

from __future__ import annotations

from django.db import connection

from resultat.core.search.query import Query


class Backend:
    name = ""

    def _inner(self, queryset) -> tuple[str, tuple]:
        return queryset.values("id").query.sql_with_params()

    def search(self, query: Query, queryset, limit: int, offset: int) -> tuple[list[tuple[int, float]], int]:
        raise NotImplementedError


class SqliteBackend(Backend):
    name = "sqlite-fts5"

    def search(self, query, queryset, limit, offset):
        inner, params = self._inner(queryset)
        # Run the full-text match once (materialised) and filter its rows; letting
        # SQLite drive from the filtered documents would re-run MATCH per row.
        cte = (
            "WITH m AS MATERIALIZED (SELECT rowid AS id, bm25(search_fts) AS rank FROM search_fts WHERE search_fts MATCH %s) "
            f"SELECT {{}} FROM m WHERE m.id IN ({inner})"
        )
        match = query.to_fts5()
        with connection.cursor() as cur:
            cur.execute(cte.format("m.id, m.rank, count(*) OVER ()") + " ORDER BY m.rank, m.id LIMIT %s OFFSET %s", [match, *params, limit, offset])
            fetched = cur.fetchall()
            if fetched:
                total = fetched[0][2]
            else:
                cur.execute(cte.format("count(*)"), [match, *params])
                total = cur.fetchone()[0]
        return [(r[0], -float(r[1])) for r in fetched], total


class PostgresBackend(Backend):
    name = "postgresql-swedish"

    def search(self, query, queryset, limit, offset):
        from django.db.models import Count, F, FloatField, Window
        from django.db.models.expressions import RawSQL

        tsquery = query.to_tsquery()
        # One scan with the filters and the match in the same WHERE; the tsquery is
        # inline so the planner can use the GIN index. ts_rank normalised by length
        # (1 + log of the document length), so long texts do not win by size alone.
        ts = "to_tsquery('swedish'::regconfig, %s)"
        matched = queryset.extra(where=[f"search_searchdocument.tsv @@ {ts}"], params=[tsquery])
        rows = list(
            matched.annotate(rank=RawSQL(f"ts_rank(search_searchdocument.tsv, {ts}, 1)", [tsquery], output_field=FloatField()),
                             total=Window(Count("id")))
            .order_by(F("rank").desc(), "id")
            .values_list("id", "rank", "total")[offset : offset + limit]
        )
        total = rows[0][2] if rows else matched.count()
        return [(r[0], float(r[1])) for r in rows], total


def backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise RuntimeError(f"Sökningen stöder SQLite och PostgreSQL, inte {connection.vendor}")
