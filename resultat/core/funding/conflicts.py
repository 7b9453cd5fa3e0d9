"""The målkonflikt rule (goal conflict).

An Agenda 2030 goal is a målkonflikt when it has both a positive and a negative impact,
either within one initiative or across the portfolio. An impact on a target counts for
the target's goal.
"""

from __future__ import annotations

from dataclasses import dataclass

POSITIVE = "positive"
NEGATIVE = "negative"


@dataclass(frozen=True)
class Impact:
    initiative: str          # any key: code or id
    goal: int                # 1–17
    direction: str           # "positive" | "negative"
    target: str = ""         # "8.2" or ""
    justification: str = ""


@dataclass(frozen=True)
class Conflict:
    goal: int
    scope: str               # "initiative" (within one) or "portfolio" (across several)
    initiatives: tuple       # the initiatives involved, sorted
    positive: tuple          # impacts pointing up
    negative: tuple          # impacts pointing down


def goal_conflicts(impacts: list[Impact]) -> list[Conflict]:
    """Every goal with both directions. Within-initiative conflicts are reported per
    initiative; a goal whose positive and negative impacts come from different
    initiatives is also a portfolio conflict (reported once per goal)."""
    for i in impacts:
        if i.direction not in (POSITIVE, NEGATIVE):
            raise ValueError(f"okänd riktning {i.direction!r}")
        if not 1 <= i.goal <= 17:
            raise ValueError(f"okänt mål {i.goal}")
    by_goal: dict[int, list[Impact]] = {}
    for i in impacts:
        by_goal.setdefault(i.goal, []).append(i)
    out: list[Conflict] = []
    for goal in sorted(by_goal):
        items = by_goal[goal]
        per_initiative: dict = {}
        for i in items:
            per_initiative.setdefault(i.initiative, []).append(i)
        for key in sorted(per_initiative, key=str):
            own = per_initiative[key]
            if {i.direction for i in own} == {POSITIVE, NEGATIVE}:
                out.append(Conflict(goal, "initiative", (key,), tuple(i for i in own if i.direction == POSITIVE), tuple(i for i in own if i.direction == NEGATIVE)))
        pos_inits = {i.initiative for i in items if i.direction == POSITIVE}
        neg_inits = {i.initiative for i in items if i.direction == NEGATIVE}
        if pos_inits and neg_inits and len(pos_inits | neg_inits) > 1:
            out.append(Conflict(
                goal, "portfolio", tuple(sorted(pos_inits | neg_inits, key=str)),
                tuple(i for i in items if i.direction == POSITIVE), tuple(i for i in items if i.direction == NEGATIVE),
            ))
    return out


def conflict_goals(impacts: list[Impact]) -> set[int]:
    return {c.goal for c in goal_conflicts(impacts)}
