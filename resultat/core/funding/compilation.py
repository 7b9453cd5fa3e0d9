"""The annual compilation's arithmetic, plain Python: sums of granted amounts by one or
two keys, and per capita. Input rows are dicts; amounts are Decimal."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal


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
