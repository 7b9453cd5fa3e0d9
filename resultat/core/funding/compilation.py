"""The annual compilation's arithmetic, plain Python: sums of granted amounts by one or
two keys, and per capita. Input rows are dicts; amounts are Decimal."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from resultat.core.formats import format_plain


def sum_by(rows: list[dict], *keys: str, amount: str = "amount") -> dict[tuple, Decimal]:
    """{(key values…): sum}. A row whose key is a list counts once for each element,
    split evenly (e.g. a decision for three municipalities)."""
    out: dict[tuple, Decimal] = defaultdict(Decimal)
    for row in rows:
        value = row[amount]
        if value is None:
            continue
        combos: list[tuple[tuple, Decimal]] = [((), Decimal(value))]
        for key in keys:
            k = row.get(key)
            nxt = []
            for prefix, v in combos:
                if isinstance(k, (list, tuple)):
                    items = list(k) or [None]
                    share = v / len(items)
                    nxt.extend((prefix + (item,), share) for item in items)
                else:
                    nxt.append((prefix + (k,), v))
            combos = nxt
        for key_tuple, v in combos:
            out[key_tuple] += v
    return dict(out)


def per_capita(amounts: dict, populations: dict) -> dict:
    """Amount per inhabitant where the population is known, else None (never 0)."""
    return {k: (v / populations[k] if populations.get(k) else None) for k, v in amounts.items()}


def compilation_tables(data: dict) -> list[tuple[str, list[str], list[list]]]:
    """The annual compilation (as returned by the selector) as (title, headers, rows)
    tables, one per grouping, for the XLSX download."""
    return [
        ("Stödform", ["Stödform", "Beviljat (kr)"], [[k, v] for k, v in data["by_support"]]),
        ("Stödform x delprio", ["Stödform", "Delprioritering", "Beviljat (kr)"], [[t, s, v] for t, s, v in data["by_support_subpriority"]]),
        ("Kommun", ["Kommun", "Beviljat (kr)", "Folkmängd", "Kronor per invånare"],
         [[m, v, p, (round(c, 2) if c is not None else None)] for m, v, p, c in data["by_municipality"]]),
        ("Program", ["Program", "Beviljat (kr)"], [[k, v] for k, v in data["by_programme"]]),
        ("Inriktning", ["Inriktning", "Bedömning", "Beviljat (kr)"], [[b["perspective"], j, v] for b in data["by_judgement"] for j, v in b["values"]]),
    ]


CSV_HEADERS = ["Tabell", "Nyckel 1", "Nyckel 2", "Beviljat (kr)", "Syntetisk"]


def compilation_csv_rows(data: dict) -> tuple[list[str], list[list]]:
    """(headers, rows) for the long CSV: one row per table and key. The header is always
    the first line; synthetic data is marked in the ``Syntetisk`` column ("ja"/"nej"),
    like the Syntetisk column of the import format, so the file parses as one table."""
    synthetic = "ja" if data.get("synthetic") else "nej"
    rows = []
    for title, headers, table in compilation_tables(data):
        for r in table:
            if title == "Kommun":
                keys, amount = [r[0]], r[1]
            else:
                keys, amount = list(r[: len(headers) - 1]), r[-1]
            rows.append([title, keys[0], keys[1] if len(keys) > 1 else "", format_plain(amount), synthetic])
    return list(CSV_HEADERS), rows
