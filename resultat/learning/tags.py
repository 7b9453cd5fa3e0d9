"""Tag suggestions from the content in the system (``core.search.tags``).

- Agenda 2030 goals: trained on every SDG citation (the item's motivation, labelled
  with its goal), on Agenda 2030 contributions (labelled with the goals they cite) and
  on the strategy's own elements linked to goals.
- Sub-priorities: trained on contributions labelled with their area's sub-priorities
  and on the strategy's sub-priority texts, challenges and needs.

Models are trained on first use and kept until the data changes (a fingerprint of
counts and the newest change)."""

from __future__ import annotations

from django.db.models import Count, Max

from resultat.core.richtext import to_plain_text
from resultat.core.search.tags import NaiveBayes
from resultat.followup.models import Contribution, ContributionItem
from resultat.strategy.models import Challenge, Need, SubPriority

_cache: dict = {}


def sdg_examples(exclude_contributions: set[int] = frozenset()) -> list[tuple[str, list[int]]]:
    examples = []
    items = ContributionItem.objects.filter(kind="sdg").exclude(sdg_goal=None).select_related("sdg_goal", "contribution")
    by_contribution: dict[int, set[int]] = {}
    for i in items:
        if i.contribution_id in exclude_contributions:
            continue
        by_contribution.setdefault(i.contribution_id, set()).add(i.sdg_goal.number)
        if i.text.strip():
            examples.append((i.text, [i.sdg_goal.number]))
    for c in Contribution.objects.filter(pk__in=list(by_contribution)):
        body = to_plain_text(c.body)
        if body.strip():
            examples.append((body, sorted(by_contribution[c.pk])))
    for sp in SubPriority.objects.prefetch_related("sdg_goals"):
        goals = [g.number for g in sp.sdg_goals.all()]
        if goals:
            examples.append(("\n".join([sp.title, sp.goal, sp.context]), goals))
    return examples


def subpriority_examples(exclude_contributions: set[int] = frozenset()) -> list[tuple[str, list[str]]]:
    examples = []
    for sp in SubPriority.objects.all():
        examples.append(("\n".join([sp.title, sp.goal, sp.context, sp.strengths]), [sp.code]))
    for c in Challenge.objects.select_related("subpriority"):
        examples.append((c.text, [c.subpriority.code]))
    for n in Need.objects.select_related("subpriority"):
        examples.append((f"{n.title}\n{n.text}", [n.subpriority.code]))
    for c in Contribution.objects.exclude(body="").prefetch_related("area__subpriorities"):
        if c.pk in exclude_contributions:
            continue
        codes = sorted({sp.code for sp in c.area.subpriorities.all()})
        if codes:
            examples.append((to_plain_text(c.body), codes))
    return examples


def _fingerprint() -> tuple:
    items = ContributionItem.objects.aggregate(n=Count("id"), m=Max("id"))
    contributions = Contribution.objects.aggregate(n=Count("id"), m=Max("updated_at"))
    return (items["n"], items["m"], contributions["n"], contributions["m"], SubPriority.objects.count())


def models() -> tuple[NaiveBayes, NaiveBayes]:
    key = _fingerprint()
    if _cache.get("key") != key:
        _cache.update(key=key, sdg=NaiveBayes().fit(sdg_examples()), sub=NaiveBayes().fit(subpriority_examples()))
    return _cache["sdg"], _cache["sub"]


def contribution_text(c: Contribution) -> str:
    parts = [to_plain_text(c.body)] + [f"{i.title}\n{i.text}" for i in c.items.all()]
    return "\n".join(p for p in parts if p.strip())


def suggestions_for(text: str, k: int = 3) -> dict:
    from resultat.reference.models import SdgGoal

    sdg_model, sub_model = models()
    goals = {g.number: g for g in SdgGoal.objects.all()}
    subs = {}
    for sp in SubPriority.objects.select_related("version").order_by("version__valid_from"):
        subs[sp.code] = sp
    return {
        "goals": [(goals.get(s.label), s) for s in sdg_model.suggest(text, k=k)],
        "subpriorities": [(subs.get(s.label), s) for s in sub_model.suggest(text, k=k)],
    }
