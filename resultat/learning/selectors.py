"""Strategic learning (strategiskt lärande): coverage, inriktningar, Agenda 2030 and
change between years, computed from the follow-up data. Reads only.

Definitions (docs/learning.md):

- *filled*: a contribution with text or typed items; *empty*: neither; *joint*: written
  together with another area (``joint_with``, either side); *missing*: the area has no
  contribution for the question that year.
- A sub-priority's counts for a year are the columns the content apps register with the
  ``learning.counters`` hook (``COUNTERS``) from their integrations.py: "bidrag", filled
  contributions of the areas linked to it (StrategicArea.subpriorities, by code so
  versions line up; ``followup/learning_counters.py``), and "insatser", distinct
  initiatives those contributions mention (``initiatives/learning_counters.py``).
  Another app (indicators, funding) adds a column by registering one more counter.
- Needs are those of the cycle's version, or of the newest version with needs when the
  cycle's version has none (``needs_version``).
- A need (behov) is *addressed* in a year when at least half (rounded up) of the content
  words of its title – Snowball stems, stop words and words under 4 letters left out –
  occur in one text from that year written by an area linked to the need's
  sub-priority: a contribution, one of its items, or an initiative it mentions. A
  crude, explainable text match; the page shows the words that matched.
- *Substantive* under an inriktning question: at least ``SUBSTANTIVE_WORDS`` words.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from resultat.core.richtext import to_plain_text, word_count
from resultat.core.search.text import index_terms
from resultat.core.textdiff import change_summary
from resultat.followup.demo import DEMO_LABEL
from resultat.followup.learning_counters import is_filled
from resultat.followup.models import Contribution, ContributionItem, Cycle, Question
from resultat.infrastructure.hooks import serve
from resultat.reference.models import SdgGoal
from resultat.strategy.models import Need, SubPriority

SUBSTANTIVE_WORDS = 40
# The three questions that follow up the strategy's cross-cutting inriktningar.
PERSPECTIVE_QUESTIONS = ("sammanhallen-region", "jamlik-inkludering", "foregangare-omstallning")

# The content apps register their columns from their integrations.py, in app order:
# hook("learning.counters").register(func, key="bidrag"); func(cycles) -> {(sub-priority code, year): n}.
COUNTERS = serve("learning.counters", "callable(cycles) -> {(sub-priority code, year): int}, keyed by the column's name")


def cycles():
    return Cycle.objects.select_related("version").order_by("year")


def _contributions(cycle_ids):
    return (
        Contribution.objects.filter(cycle_id__in=cycle_ids)
        .select_related("cycle", "area", "question", "chapter")
        .prefetch_related("items__initiative", "items__sdg_goal", "area__subpriorities", "joint_parts")
    )


def has_demo_text(contributions) -> bool:
    return any(DEMO_LABEL in (c.body or "") for c in contributions)


# --- coverage ---------------------------------------------------------------------------

@dataclass
class Matrix:
    rows: list  # areas
    columns: list  # questions
    cells: dict  # (row pk, column pk) -> value
    synthetic: bool = False


def area_question_matrix(cycle: Cycle) -> Matrix:
    contributions = list(_contributions([cycle.pk]))
    areas, seen = [], set()
    for c in contributions:
        if c.area_id not in seen:
            seen.add(c.area_id)
            areas.append(c.area)
    questions = list(cycle.question_set.questions.order_by("order"))
    cells = {}
    for c in contributions:
        if c.joint_with_id or c.joint_parts.all():
            state = "joint"
        elif is_filled(c):
            state = "filled"
        else:
            state = "empty"
        cells[(c.area_id, c.question_id)] = state
    for a in areas:
        for q in questions:
            cells.setdefault((a.pk, q.pk), "missing")
    return Matrix(areas, questions, cells, has_demo_text(contributions))


@dataclass
class SubPriorityRow:
    code: str
    title: str
    counts: dict = field(default_factory=dict)  # year -> {"bidrag": n, "insatser": n, ...}


def subpriority_years() -> tuple[list[int], list[SubPriorityRow], bool]:
    all_cycles = list(cycles())
    years = sorted({c.year for c in all_cycles})
    latest = all_cycles[-1].version if all_cycles else None
    subs = list(SubPriority.objects.filter(version=latest).select_related("priority").order_by("priority__order", "order")) if latest else []
    rows = {sp.code: SubPriorityRow(sp.code, f"{sp.number} {sp.title}") for sp in subs}
    counted = {name: counter(all_cycles) for name, counter in COUNTERS.items()}
    for row in rows.values():
        for year in years:
            row.counts[year] = {name: found.get((row.code, year), 0) for name, found in counted.items()}
    bodies = Contribution.objects.filter(cycle__in=all_cycles).values_list("body", flat=True)
    return years, list(rows.values()), any(DEMO_LABEL in (body or "") for body in bodies)


def counter_names() -> list[str]:
    return COUNTERS.keys()


@dataclass
class NeedStatus:
    need: Need
    words: list[str]
    matched: list[str]
    source: str  # where the best match was found
    addressed: bool


def needs_version(cycle: Cycle):
    """The version whose needs a cycle is checked against: the cycle's own, or – when
    that version carries no goal tree (the 2025 follow-up version only frames the
    report; its areas link to the current version's sub-priorities) – the newest
    version of the same strategy that has needs."""
    if Need.objects.filter(version=cycle.version).exists():
        return cycle.version
    from resultat.strategy.models import StrategyVersion

    candidates = StrategyVersion.objects.filter(strategy=cycle.version.strategy).order_by("-valid_from")
    return next((v for v in candidates if Need.objects.filter(version=v).exists()), cycle.version)


def _need_words(need: Need) -> list[str]:
    return sorted({t for t in index_terms(need.title) if len(t) >= 4 and t.isalpha()})


def needs_status(cycle: Cycle) -> list[NeedStatus]:
    contributions = [c for c in _contributions([cycle.pk]) if is_filled(c)]
    texts_by_sub = defaultdict(list)  # sub-priority code -> [(label, stems)]
    for c in contributions:
        texts = [(f"{c.area.name}: {c.question.title}", to_plain_text(c.body))]
        for item in c.items.all():
            texts.append((f"{c.area.name}: {item.title or item.get_kind_display()}", f"{item.title}\n{item.text}"))
            if item.initiative_id:
                texts.append((f"Insats: {item.initiative.name}", f"{item.initiative.name}\n{item.initiative.description}"))
        stems = [(label, set(index_terms(text))) for label, text in texts]
        for sp in c.area.subpriorities.all():
            texts_by_sub[sp.code].extend(stems)
    out = []
    for need in Need.objects.filter(version=needs_version(cycle)).select_related("subpriority").order_by("subpriority__priority__order", "subpriority__order", "order"):
        words = _need_words(need)
        required = max(1, math.ceil(len(words) / 2)) if words else 1
        best, best_label = [], ""
        for label, stems in texts_by_sub.get(need.subpriority.code, []):
            matched = [w for w in words if w in stems]
            if len(matched) > len(best):
                best, best_label = matched, label
        out.append(NeedStatus(need, words, best, best_label, bool(words) and len(best) >= required))
    return out


# --- inriktningar -----------------------------------------------------------------------

def perspective_words(cycle: Cycle) -> tuple[list, list[Question], dict, bool]:
    contributions = [c for c in _contributions([cycle.pk]) if c.question.code in PERSPECTIVE_QUESTIONS]
    questions = [q for q in cycle.question_set.questions.order_by("order") if q.code in PERSPECTIVE_QUESTIONS]
    areas, seen, cells = [], set(), {}
    for c in contributions:
        if c.area_id not in seen:
            seen.add(c.area_id)
            areas.append(c.area)
        words = word_count(c.body) + sum(len((i.title + " " + i.text).split()) for i in c.items.all())
        cells[(c.area_id, c.question_id)] = words
    return areas, questions, cells, has_demo_text(contributions)


# --- Agenda 2030 ------------------------------------------------------------------------

def sdg_citations() -> tuple[list[int], list, list[SdgGoal], dict, list[SdgGoal], bool]:
    """(years, areas, goals, {(year, area pk, goal number): n}, goals never cited,
    whether any counted item comes from a demo text)."""
    items = ContributionItem.objects.filter(kind="sdg").exclude(sdg_goal=None).select_related("contribution__cycle", "contribution__area", "sdg_goal")
    counts = defaultdict(int)
    areas = {}
    contributions = {}
    for i in items:
        c = i.contribution
        counts[(c.cycle.year, c.area_id, i.sdg_goal.number)] += 1
        areas[c.area_id] = c.area
        contributions[c.pk] = c
    goals = list(SdgGoal.objects.order_by("number"))
    cited = {g for (_y, _a, g) in counts}
    years = sorted({c.year for c in cycles()})
    return (years, sorted(areas.values(), key=lambda a: a.name), goals, dict(counts), [g for g in goals if g.number not in cited],
            has_demo_text(contributions.values()))


# --- change -----------------------------------------------------------------------------

@dataclass
class Change:
    question: Question
    old_words: int
    new_words: int
    summary: dict


def area_change(area, year_from: int, year_to: int) -> tuple[list[Change], dict, bool]:
    by_year = {}
    for c in _contributions(list(Cycle.objects.filter(year__in=[year_from, year_to]).values_list("pk", flat=True))).filter(area=area):
        by_year[(c.cycle.year, c.question.code)] = c
    questions = []
    for (_y, _code), c in sorted(by_year.items(), key=lambda kv: kv[1].question.order):
        if c.question not in questions:
            questions.append(c.question)
    changes = []
    for q in questions:
        old, new = by_year.get((year_from, q.code)), by_year.get((year_to, q.code))
        old_body, new_body = (old.body if old else ""), (new.body if new else "")
        changes.append(Change(q, word_count(old_body), word_count(new_body), change_summary(old_body, new_body, html=True)))

    def initiatives(year):
        return {i.initiative for (y, _q), c in by_year.items() if y == year for i in c.items.all() if i.initiative_id}

    before, after = initiatives(year_from), initiatives(year_to)
    sort = lambda s: sorted(s, key=lambda i: i.name)  # noqa: E731
    return changes, {"new": sort(after - before), "ended": sort(before - after), "continuing": sort(before & after)}, has_demo_text(by_year.values())
