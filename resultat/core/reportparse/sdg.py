"""Agenda 2030: the 17 goals' Swedish short names and the 169 target codes.

Used to check "Mål N: titel" items: a number outside 1–17 or an unknown target is an
error; a title that names another goal than its number is a warning.
"""

from __future__ import annotations

from resultat.core.reportparse.text import stem_match, stems

#: Goal number → Swedish short names (the official ones and forms seen in reports).
GOAL_NAMES: dict[int, tuple[str, ...]] = {
    1: ("Ingen fattigdom",),
    2: ("Ingen hunger",),
    3: ("Hälsa och välbefinnande", "God hälsa och välbefinnande"),
    4: ("God utbildning för alla",),
    5: ("Jämställdhet",),
    6: ("Rent vatten och sanitet för alla", "Rent vatten och sanitet"),
    7: ("Hållbar energi för alla",),
    8: ("Anständiga arbetsvillkor och ekonomisk tillväxt",),
    9: ("Hållbar industri, innovationer och infrastruktur",),
    10: ("Minskad ojämlikhet",),
    11: ("Hållbara städer och samhällen",),
    12: ("Hållbar konsumtion och produktion",),
    13: ("Bekämpa klimatförändringarna",),
    14: ("Hav och marina resurser",),
    15: ("Ekosystem och biologisk mångfald",),
    16: ("Fredliga och inkluderande samhällen",),
    17: ("Genomförande och globalt partnerskap",),
}
#: Targets per goal: (number of numbered targets, letters of the means-of-implementation targets).
_TARGETS = {
    1: (5, "ab"), 2: (5, "abc"), 3: (9, "abcd"), 4: (7, "abc"), 5: (6, "abc"), 6: (6, "ab"),
    7: (3, "ab"), 8: (10, "ab"), 9: (5, "abc"), 10: (7, "abc"), 11: (7, "abc"), 12: (8, "abc"),
    13: (3, "ab"), 14: (7, "abc"), 15: (9, "abc"), 16: (10, "ab"), 17: (19, ""),
}
TARGETS: frozenset[str] = frozenset(
    [f"{g}.{n}" for g, (k, _) in _TARGETS.items() for n in range(1, k + 1)]
    + [f"{g}.{c}" for g, (_, letters) in _TARGETS.items() for c in letters]
)
assert len(TARGETS) == 169

_GOAL_STEMS = {
    g: [set(stems(n)) - {"alla", "god"} | ({"god"} if n.startswith("God") else set()) for n in names]
    for g, names in GOAL_NAMES.items()
}


def target_code(goal: str | int, sub: str) -> str:
    """Normalised target code: ("12", "B") → "12.b", ("8", "09") → "8.9"."""
    sub = sub.strip().lower()
    if sub.isdigit():
        sub = str(int(sub))
    return f"{int(goal)}.{sub}"


def title_fit(title: str, goal: int) -> float:
    """How well ``title`` fits goal ``goal``'s names: the share of its words found there."""
    words = [w for w in stems(title) if w not in ("alla",)]
    if not words:
        return 0.0
    best = 0.0
    for name in _GOAL_STEMS.get(goal, []):
        hit = sum(1 for w in words if any(stem_match(n, w) or stem_match(w, n) for n in name))
        best = max(best, hit / len(words))
    return best


def goal_named_by(title: str) -> int | None:
    """The goal whose name ``title`` clearly is, or None."""
    scores = sorted(((title_fit(title, g), g) for g in GOAL_NAMES), reverse=True)
    (s1, g1), (s2, _) = scores[0], scores[1]
    return g1 if s1 >= 0.75 and s1 - s2 >= 0.25 else None
