"""The shared Swedish query set (queries.yaml) on the database of this run: the same
file passes on SQLite (FTS5) and on PostgreSQL (swedish), so the backends agree."""

from pathlib import Path

import pytest
import yaml

from resultat.core.search import parse
from resultat.core.search.forgiving import forgiving_stems
from resultat.core.search.highlight import highlight
from resultat.core.search.text import stem, tokens
from resultat.search.selectors import search

QUERIES = yaml.safe_load((Path(__file__).parent / "queries.yaml").read_text(encoding="utf-8"))


def ident(d) -> str:
    return f"{d.kind}{'/' + d.subkind if d.subkind else ''} {d.year or '-'} {d.areas.strip('|') or '-'} {d.question or '-'}: {d.title[:70]}"


def run(entry, users):
    user = users["analytiker"] if entry.get("staff") else None
    res = search(entry["query"], user=user, public=not entry.get("staff"), limit=100_000)
    assert res.error is None, res.error
    return res


def test_the_set_is_large_enough():
    assert len(QUERIES) >= 40


@pytest.mark.parametrize("entry", QUERIES, ids=[f"{i}:{e['query']}" for i, e in enumerate(QUERIES)])
def test_query(entry, users):
    res = run(entry, users)
    found = {ident(h.document) for h in res.hits}
    assert res.total == entry["count"] == len(res.hits), entry["why"]
    assert res.forgiving == entry.get("forgiving", False), entry["why"]  # only when nothing matched exactly
    assert set(entry["includes"]) <= found
    if "same_as" in entry:
        other = run({**entry, "query": entry["same_as"]}, users)
        assert {h.document.pk for h in other.hits} == {h.document.pk for h in res.hits}
    query = parse(entry["query"])
    stems, prefixes = forgiving_stems(query) if res.forgiving else query.highlight_stems()
    for hit in res.hits:
        # every hit really contains (a form of) the words searched for
        marked = highlight(hit.document.title + "\n" + hit.document.text, stems, prefixes, forgiving=res.forgiving)
        assert "<mark>" in marked, (entry["query"], ident(hit.document))
        if "excludes" in entry:
            assert stem(entry["excludes"]) not in {stem(t) for t in tokens(hit.document.title + " " + hit.document.text)}
