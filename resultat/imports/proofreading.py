"""The proof-reading worklist of an imported edition: suspect words per contribution, an
analyst's correction (a revision with its provenance) or acceptance, and corrections
applied again when the same file is imported again.

The suspects come from ``resultat.core.reportparse.proofread`` (plain Python): close
calls of the OCR repair, the known real-word confusion pairs, capital Å/Ä/Ö inside a
sentence and words no lexicon knows. Reads are ``worklist``/``suspects``; writes are
``correct``/``accept`` (atomic, the contribution row locked) and ``reapply`` (inside the
import's transaction).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from resultat.core.reportparse.proofread import (
    Suspect,
    apply_correction,
    find_suspects,
    replaced_occurrence,
)
from resultat.followup.models import Contribution, ContributionItem, Revision
from resultat.imports.models import ProofDecision

KIND_LABELS = {
    "confusion": _("förväxlingspar"),
    "repair": _("osäker OCR-reparation"),
    "case": _("versal mitt i meningen"),
    "unknown": _("okänt ord"),
}


class ProofreadingError(ValueError):
    """The correction cannot be made (the text changed, bad input); nothing was written."""


@dataclass(frozen=True)
class Entry:
    field: str  # body | title | text
    item_index: int | None
    item_label: str
    suspect: Suspect

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.suspect.kind, self.suspect.kind))


def _tools():
    from resultat.core.ocr import get_lexicon, get_repairer

    return get_lexicon(), get_repairer()


def _texts(contribution: Contribution) -> list[tuple[str, int | None, str, str]]:
    """(field, item index, item label, text) for the body and every item's title and text."""
    out = [("body", None, "", contribution.body)]
    for n, item in enumerate(contribution.items.order_by("pk")):
        label = item.title or item.get_kind_display()
        out.append(("title", n, label, item.title))
        out.append(("text", n, label, item.text))
    return out


def suspects(contribution: Contribution, *, lexicon=None, repairer=None) -> list[Entry]:
    """The suspect words of a contribution's body and items, without the ones an analyst
    already decided on."""
    if lexicon is None or repairer is None:
        lexicon, repairer = _tools()
    source = contribution.source_text or ""
    analyser = repairer.analyser(repairer.strip_probability(source.split() or ["x"]))
    decided = {
        (d.field, d.item_index, d.wrong, d.occurrence)
        for d in contribution.proof_decisions.all() if d.decision == ProofDecision.Decision.ACCEPTED
    }
    out = []
    for field, index, label, text in _texts(contribution):
        if not text:
            continue
        for s in find_suspects(text, lexicon=lexicon, source_text=source, analyser=analyser):
            if (field, index, s.word, s.occurrence) in decided:
                continue
            out.append(Entry(field, index, label, s))
    return out


def worklist(cycle) -> list[tuple[Contribution, Counter]]:
    """Every contribution of ``cycle`` with suspect words, in report order, with the
    number of suspects by kind."""
    lexicon, repairer = _tools()
    rows = []
    contributions = (
        cycle.contributions.select_related("chapter", "question", "area")
        .prefetch_related("items", "proof_decisions")
        .order_by("chapter__order", "question__order", "area_order", "area__name")
    )
    for c in contributions:
        found = suspects(c, lexicon=lexicon, repairer=repairer)
        if found:
            rows.append((c, Counter(e.suspect.kind for e in found)))
    return rows


def _snapshot(contribution: Contribution) -> list[dict]:
    return [
        {
            "kind": i.kind, "title": i.title, "text": i.text,
            "sdg_goal": i.sdg_goal.number if i.sdg_goal_id else None,
            "sdg_target": i.sdg_target.code if i.sdg_target_id else None,
            "arena": i.arena.code if i.arena_id else None,
        }
        for i in contribution.items.select_related("sdg_goal", "sdg_target", "arena").order_by("pk")
    ]


def _check(field: str, item_index: int | None, wrong: str, right: str) -> None:
    if field not in ProofDecision.FIELDS:
        raise ProofreadingError(f"okänt fält {field!r} (body, title eller text)")
    if (field == "body") != (item_index is None):
        raise ProofreadingError("listposten saknas" if field != "body" else "brödtexten har ingen listpost")
    if not wrong or len(wrong) > 100:
        raise ProofreadingError("ordet saknas eller är för långt (högst 100 tecken)")
    if len(right) > 100 or "<" in right or ">" in right:
        raise ProofreadingError("rättelsen får ha högst 100 tecken och inga < eller >")


def _item(contribution: Contribution, item_index: int) -> ContributionItem:
    items = list(contribution.items.order_by("pk"))
    if item_index >= len(items):
        raise ProofreadingError(f"bidraget har ingen listpost nummer {item_index + 1}")
    return items[item_index]


def correct(contribution: Contribution, *, user, field: str, item_index: int | None, wrong: str, right: str,
            occurrence: int, kind: str = "") -> ProofDecision:
    """Replace one occurrence of ``wrong`` by ``right`` in the body or an item, as a new
    revision noted "korrektur: wrong -> right", and keep the decision."""
    right = " ".join(right.split())
    _check(field, item_index, wrong, right)
    if not right:
        raise ProofreadingError("skriv rättelsen, eller välj Rätt som det står")
    if right == wrong:
        return accept(contribution, user=user, field=field, item_index=item_index, wrong=wrong, occurrence=occurrence, kind=kind)
    with transaction.atomic():
        c = Contribution.objects.select_for_update().get(pk=contribution.pk)
        try:
            if field == "body":
                before, c.body = c.body, apply_correction(c.body, wrong, right, occurrence)
                after = c.body
            else:
                item = _item(c, item_index)
                before = getattr(item, field)
                after = apply_correction(before, wrong, right, occurrence)
                setattr(item, field, after)
                item.save(update_fields=[field])
        except ValueError as exc:
            raise ProofreadingError(str(exc)) from exc
        c.revision += 1
        c.save(update_fields=["body", "revision"])
        Revision.objects.create(
            contribution=c, number=c.revision, body=c.body, items=_snapshot(c), author=user,
            note=f"korrektur: {wrong} -> {right}"[:200],
        )
        decision = ProofDecision.objects.create(
            contribution=c, field=field, item_index=item_index, wrong=wrong, right=right, occurrence=occurrence,
            kind=kind[:16], decision=ProofDecision.Decision.CORRECTED, revision_number=c.revision, author=user,
        )
        # the word put in is the analyst's: it does not come back onto the list
        n = replaced_occurrence(before, after, wrong, right, occurrence)
        if n is not None:
            ProofDecision.objects.create(
                contribution=c, field=field, item_index=item_index, wrong=right, right=right, occurrence=n,
                kind=kind[:16], decision=ProofDecision.Decision.ACCEPTED, revision_number=c.revision, author=user,
            )
        return decision


def accept(contribution: Contribution, *, user, field: str, item_index: int | None, wrong: str, occurrence: int,
           kind: str = "") -> ProofDecision:
    """The word is right as it stands: it leaves the worklist (the text is unchanged)."""
    _check(field, item_index, wrong, wrong)
    return ProofDecision.objects.create(
        contribution=contribution, field=field, item_index=item_index, wrong=wrong, right=wrong,
        occurrence=occurrence, kind=kind[:16], decision=ProofDecision.Decision.ACCEPTED, author=user,
    )


def _corrections(contribution: Contribution, body: bool):
    qs = contribution.proof_decisions.filter(decision=ProofDecision.Decision.CORRECTED)
    return qs.filter(field="body") if body else qs.exclude(field="body")


def _lost(d: ProofDecision, exc: Exception) -> str:
    return f"korrekturen {d.wrong!r} -> {d.right!r} (version {d.revision_number}) gick inte att göra om: {exc}"


def reapply_body(contribution: Contribution, body: str) -> tuple[str, list[str]]:
    """The import's new ``body`` with the analyst's corrections of this contribution
    applied again, in the order they were made, and a warning per correction that no
    longer fits (the imported text changed there). So a re-import of the same file finds
    the text as the analyst left it and writes nothing; a correction is never silently
    lost."""
    warnings = []
    for d in _corrections(contribution, body=True):
        try:
            body = apply_correction(body, d.wrong, d.right, d.occurrence)
        except ValueError as exc:
            warnings.append(_lost(d, exc))
    return body, warnings


def reapply_items(contribution: Contribution, items: list[ContributionItem]) -> list[str]:
    """The same for the import's new (unsaved) ``items``, changed in place."""
    warnings = []
    for d in _corrections(contribution, body=False):
        try:
            if d.item_index is None or d.item_index >= len(items):
                raise ValueError(f"listposten nummer {(d.item_index or 0) + 1} finns inte längre")
            item = items[d.item_index]
            setattr(item, d.field, apply_correction(getattr(item, d.field), d.wrong, d.right, d.occurrence))
        except ValueError as exc:
            warnings.append(_lost(d, exc))
    return warnings
