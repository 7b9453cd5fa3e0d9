"""The initiatives' search documents: one per initiative, linked to its latest
published mention (staff: the latest). Registered by ``initiatives/integrations.py``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from resultat.followup import visibility
from resultat.followup.search_kinds import (
    ITEM_ORDER,
    area_links,
    mention_qs,
    mention_url,
    search_visibility,
)
from resultat.initiatives.models import Initiative
from resultat.search.registry import Doc, Kind, ids_filter, tags


def initiative_documents(ids: Iterable[int] | None) -> Iterator[Doc]:
    # candidates of the report import (to review, rejected) are not part of the register
    qs = ids_filter(Initiative.objects.filter(review_status=Initiative.Review.CONFIRMED), ids).prefetch_related(
        "areas__subpriorities__priority", Prefetch("mentions", queryset=mention_qs()), "mentioned_in__cycle")
    for i in qs:
        url, staff, published = mention_url(list(i.mentions.all()))
        if not url:  # named in the text of contributions only (no list item): its own page
            url = staff = i.get_absolute_url()
            published = any(visibility.is_published(c) for c in i.mentioned_in.all())
        priorities, subpriorities = set(), set()
        for area in i.areas.all():
            p, s = area_links(area)
            priorities.update(p)
            subpriorities.update(s)
        yield Doc(key=f"initiative:{i.pk}", source_id=i.pk, kind="initiative", title=i.name, text=i.description, url=url, staff_url=staff,
                  areas=sorted(a.code for a in i.areas.all()), priorities=sorted(priorities), subpriorities=sorted(subpriorities),
                  municipalities=tags(f"{i.name}\n{i.description}"), published=published, order=2 * ITEM_ORDER + i.pk)


KIND = Kind("initiative", _("Insats"), initiative_documents, count=lambda: Initiative.objects.filter(review_status=Initiative.Review.CONFIRMED).count(), visibility=search_visibility, position=30)
