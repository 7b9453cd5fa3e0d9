"""The initiative register of an imported report: plain-Python extraction
(:mod:`resultat.core.reportparse.initiatives`) written as Initiative records.

Matching is deterministic and idempotent: an extraction is the record that already
carries one of its match keys (folded name, alias or ``acr:`` acronym), else the record
whose folded name or acronym equals one of them (records from older imports), else a new
record. Extractions are handled in report order, so re-importing the same file creates
nothing new. An analyst's decisions survive a re-import: a rejected candidate stays
rejected and is linked to nothing, and fields a person edited (``updated_by`` set) are not
overwritten. Uncertain extractions (confidence below ``AUTO_ACCEPT``) become records with
``review_status = needs_review``: listed for confirmation in the register, not linked from
the contributions' item lists until confirmed.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.text import slugify

from resultat.core.reportparse import ParsedReport
from resultat.core.reportparse.initiatives import (
    ExtractedInitiative,
    extract_initiatives,
    fold,
    name_key,
)
from resultat.followup.models import StrategicArea
from resultat.initiatives.models import Initiative


def _period(x: ExtractedInitiative) -> str:
    if x.start_year and x.end_year:
        return f"{x.start_year}–{x.end_year}"
    if x.end_year:
        return f"till {x.end_year}"
    if x.start_year:
        return f"från {x.start_year}"
    return ""


def _note(x: ExtractedInitiative, path_name: str) -> str:
    lines = ", ".join(str(n) for n in sorted(set(x.found_lines))[:12])
    reasons = "; ".join(dict.fromkeys(x.reasons))[:600]
    return f"{path_name}, rad {lines}. Säkerhet {x.confidence:.2f}. {reasons}"


class Register:
    """The records of one import: which initiative an item is or names, which a block mentions."""

    def __init__(self) -> None:
        self.by_item: dict[int, Initiative] = {}  # an item's first line → the initiative it is (confirmed only)
        # an item's first line → the confirmed initiatives its title or text names, with their folded names
        self.named_by_item: dict[int, list[tuple[Initiative, list[str]]]] = defaultdict(list)
        self.by_block: dict[int, set[int]] = defaultdict(set)  # a block's first line → ids of initiatives it mentions

    def for_item(self, parsed_item) -> Initiative | None:
        """The initiative an item links to: the one its title is; else, for a list item
        that is not an "Ett urval av insatser" entry (an activity, an arena, an
        omvärldsfaktor, an Agenda 2030 citation), the confirmed initiative it names
        first, so the initiative's page lists that exact item."""
        own = self.by_item.get(parsed_item.lines.first)
        if own is not None or parsed_item.kind == "initiative":
            return own
        named = self.named_by_item.get(parsed_item.lines.first)
        if not named:
            return None
        text = f" {fold(parsed_item.title + ' ' + parsed_item.text)} "

        def first_at(entry: tuple[Initiative, list[str]]) -> int:
            hits = [text.find(f" {n} ") for n in entry[1]]
            return min((h for h in hits if h >= 0), default=len(text))
        return min(named, key=first_at)[0]

    def link(self, contribution, block) -> None:
        ids = self.by_block.get(block.lines.first, set())
        current = set(contribution.mentioned_initiatives.values_list("pk", flat=True))
        if ids - current:
            contribution.mentioned_initiatives.add(*(ids - current))


def build(report: ParsedReport, path_name: str, totals) -> Register:
    """Extract, match and write the register; ``totals`` is the import's Counter."""
    extracted = extract_initiatives(report)
    existing = list(Initiative.objects.order_by("pk"))
    index: dict[str, Initiative] = {}
    for init in existing:  # keys stored by earlier imports win over names
        for k in init.match_keys or []:
            index.setdefault(k, init)
    for init in existing:
        index.setdefault(name_key(init.name), init)
        if init.acronym:
            index.setdefault("acr:" + fold(init.acronym), init)
    codes = {i.code for i in existing}
    areas = {a.code: a for a in StrategicArea.objects.all()}
    register = Register()
    for x in extracted:
        init = next((index[k] for k in x.keys if k in index), None)
        status = Initiative.Review.NEEDS_REVIEW if x.needs_review else Initiative.Review.CONFIRMED
        if init is None:
            code = slugify(x.name)[:110] or f"insats-{x.first_line}"
            base, n = code, 2
            while code in codes:
                code = f"{base}-{n}"
                n += 1
            init = Initiative.objects.create(
                code=code, name=x.name[:300], acronym=x.acronym[:40], kind=x.kind, description=x.description,
                partners="\n".join(x.partners), run_by_region=x.run_by_region, source=f"{path_name}, rad {x.first_line}"[:300],
                review_status=status, confidence=x.confidence, funding_note=x.funding[:300], period_note=_period(x)[:40],
                extraction_note=_note(x, path_name), match_keys=list(x.keys),
            )
            codes.add(code)
            totals["insatser skapade" if status == Initiative.Review.CONFIRMED else "insatser att granska"] += 1
        else:
            changed = False
            keys = list(init.match_keys or [])
            for k in x.keys:
                if k not in keys:
                    keys.append(k)
            if keys != init.match_keys:
                init.match_keys, changed = keys, True
            if init.updated_by_id is None:  # never edited by a person: the import may fill in what the text says
                for field, value in (("acronym", x.acronym[:40] or init.acronym), ("run_by_region", init.run_by_region if x.run_by_region is None else x.run_by_region),
                                     ("funding_note", init.funding_note or x.funding[:300]), ("period_note", init.period_note or _period(x)[:40]),
                                     ("partners", init.partners or "\n".join(x.partners)), ("description", init.description or x.description),
                                     ("extraction_note", _note(x, path_name)), ("confidence", x.confidence)):
                    if getattr(init, field) != value:
                        setattr(init, field, value)
                        changed = True
                if init.kind == Initiative.Kind.PROJECT and x.kind != "project" and init.confidence is None:
                    init.kind, changed = x.kind, True  # a record of the old import (always "project")
            if changed:
                init.save()
                totals["insatser uppdaterade"] += 1
            else:
                totals["insatser oförändrade"] += 1
        for k in x.keys:
            index.setdefault(k, init)
        if init.review_status == Initiative.Review.REJECTED:
            continue
        area_ids = {areas[c].pk for m in x.mentions for c in m.area_codes if c in areas}
        if area_ids - set(init.areas.values_list("pk", flat=True)):
            init.areas.add(*area_ids)
        for m in x.mentions:
            register.by_block[m.block_line].add(init.pk)
        if init.review_status == Initiative.Review.CONFIRMED:
            names = [f for f in dict.fromkeys(fold(n) for n in [x.name, *x.aliases, x.acronym]) if f]
            for m in x.mentions:
                if m.titled and m.item_line not in register.by_item:
                    register.by_item[m.item_line] = init
                elif m.item_line is not None and all(i is not init for i, _ in register.named_by_item[m.item_line]):
                    register.named_by_item[m.item_line].append((init, names))
    return register
