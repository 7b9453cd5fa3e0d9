"""The geography in search: the municipalities as documents of their own (each
links to its public page) and the tagger every other kind uses to note which
municipalities a text names (the search page's municipality filter). Registered by
``reference/integrations.py``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resultat.reference.models import Area, SdgGoal
from resultat.search.registry import Doc, Kind, ids_filter
from resultat.search.selectors import codes_in

ORDER = 5_000_000

_municipalities: dict = {"key": None, "pattern": None, "names": {}}


def refresh_municipalities() -> None:
    """Re-read the municipality names when the reference data changed (run before
    each indexing run through the hook ``search.prepare``; cheap when nothing changed)."""
    qs = Area.objects.filter(kind=Area.Kind.MUNICIPALITY)
    # one aggregate statement (it runs inside every autosave's transaction)
    found = qs.aggregate(n=Count("pk"), top=Max("pk"))
    key = (found["n"], found["top"] or 0)
    if key == _municipalities["key"]:
        return
    names = {a.name: a.code for a in qs}
    alternatives = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w])({alternatives})s?(?![\w])") if names else None
    _municipalities.update(key=key, pattern=pattern, names=names)


def municipalities_in(text: str) -> list[str]:
    """Codes of the municipalities named in ``text`` (the name or its genitive,
    case-sensitive: "Umeå", "Umeås")."""
    if _municipalities["key"] is None:
        refresh_municipalities()
    pattern, names = _municipalities["pattern"], _municipalities["names"]
    if pattern is None:
        return []
    return sorted({names[m.group(1)] for m in pattern.finditer(text)})


def municipality_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    qs = ids_filter(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).select_related("parent"), ids)
    for m in qs.order_by("code"):
        county = m.parent.name if m.parent_id else ""
        # the name is the title; the text stays short so that a search for "kommun" or "län"
        # does not return every municipality (the county is context, shown but not indexed)
        text = f"Kommunkod {m.code}"
        yield Doc(key=f"municipality:{m.pk}", source_id=m.pk, kind="municipality", title=m.name, text=text,
                  url=reverse("site:municipality", args=[m.code]), context=county, municipalities=[m.code], order=ORDER + m.pk)


KIND = Kind("municipality", _("Kommun"), municipality_documents, count=lambda: Area.objects.filter(kind=Area.Kind.MUNICIPALITY).count(), position=70)


def filter_choices(docs, user, public) -> dict:
    """The Agenda 2030 goal menu, and the municipalities that the documents ``user`` may
    read name (a municipality named only in a draft never shows on the public page)."""
    return {
        "goals": list(SdgGoal.objects.order_by("number").values_list("number", "name_sv")),
        "municipalities": list(
            Area.objects.filter(code__in=codes_in(docs.exclude(kind="municipality"), "municipalities")).order_by("name").values_list("code", "name")
        ),
    }
