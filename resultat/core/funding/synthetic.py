"""Deterministic synthetic funding decisions (seeded RNG) for demos, tests and the
benchmark. Every row says "ja" in the Syntetisk column. Plain Python."""

from __future__ import annotations

import random
from datetime import date, timedelta

ORGS = ["Umeå universitet", "Sveriges lantbruksuniversitet", "Skellefteå kommun", "Umeå kommun", "Lycksele kommun", "Region 10", "Almi Nord",
        "Företagarna Västerbotten", "Vilhelmina kommun", "Storumans kommun", "Luleå tekniska universitet", "Coompanion Västerbotten"]
WORDS = ["Smart", "Grön", "Hållbar", "Digital", "Framtida", "Arktisk", "Cirkulär", "Inkluderande", "Innovativ", "Levande"]
THEMES = ["industri", "besöksnäring", "landsbygd", "kompetens", "energiomställning", "skog", "matproduktion", "kultur", "vård", "logistik", "fiber", "entreprenörskap"]
COMPANY_WORDS = ["Norrsken", "Fjäll", "Älv", "Skog", "Polar", "Vind", "Myr", "Kust", "Renbete", "Lav"]
COMPANY_SUFFIX = ["AB", "Teknik AB", "Handel AB", "Bygg AB", "Design AB", "Mat AB"]
JUDGEMENTS = ["bidrar", "bidrar delvis", "bidrar inte", "ej bedömt", ""]


def luhn_org_nr(rng: random.Random) -> str:
    digits = [5, 5, 6] + [rng.randrange(10) for _ in range(6)]
    total = 0
    for i, d in enumerate(digits):
        v = d * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    check = (10 - total % 10) % 10
    s = "".join(map(str, digits)) + str(check)
    return f"{s[:6]}-{s[6:]}"


def swedish_amount(value: int, rng: random.Random) -> str:
    """Write the amount the ways people do: "12 000", "12 000 kr", "12000", "12 000,00"."""
    grouped = f"{value:,}".replace(",", " ")
    return rng.choice([grouped, f"{grouped} kr", str(value), f"{grouped},00", grouped.replace(" ", "\u00a0")])


def generate_decisions(n: int, *, seed: int = 2025, year: int = 2025, programmes: list[str], business_programmes: set[str],
                       subpriorities: list[str], municipalities: list[str], perspective_headers: list[str], prefix: str = "SYN") -> tuple[list[str], list[list]]:
    """(headers, rows) in the import format. About one in four decisions is business
    support to a company; the rest fund initiatives (several decisions per initiative)."""
    rng = random.Random(seed)
    headers = ["Beslut-id", "Beslutsdatum", "Program", "Beviljat belopp (kr)", "Medfinansieringsgrad (%)", "Insats-id", "Insatsnamn",
               "Insatstyp", "Status", "Projektägare", "Drivs av regionen", "Diarienummer", "Startdatum", "Slutdatum", "Organisationsnummer",
               "Företag", "Kommunkod", *perspective_headers, "Delprioritering", "Utbetalt per år", "Syntetisk"]
    n_initiatives = max(1, n // 4)
    initiatives = []
    for i in range(n_initiatives):
        start = date(year - rng.randrange(0, 3), rng.randrange(1, 13), 1)
        initiatives.append({
            "id": f"{prefix}-P{i + 1:05d}", "name": f"{rng.choice(WORDS)} {rng.choice(THEMES)} {i + 1}",
            "org": rng.choice(ORGS), "start": start, "end": start + timedelta(days=rng.choice([364, 729, 1094])),
            "region": rng.choice(["ja", "nej", "nej"]), "sub": rng.choice(subpriorities),
            "muni": rng.choice(municipalities), "judgements": [rng.choice(JUDGEMENTS) for _ in perspective_headers],
            "status": rng.choice(["beviljad", "pågående", "pågående", "avslutad"]),
        })
    companies = [(luhn_org_nr(rng), f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIX)}") for _ in range(max(1, n // 8))]
    project_programmes = [p for p in programmes if p not in business_programmes]
    rows = []
    for k in range(n):
        decided = date(year, 1, 1) + timedelta(days=rng.randrange(0, 365))
        date_text = rng.choice([decided.isoformat(), f"{decided.day}/{decided.month} {decided.year}", decided.strftime("%Y%m%d")])
        if rng.random() < 0.25 and business_programmes:
            org, cname = rng.choice(companies)
            amount = rng.randrange(50, 2000) * 1000
            programme = rng.choice(sorted(business_programmes))
            muni = rng.choice(municipalities)
            rows.append([f"{prefix}-B{k + 1:06d}", date_text, programme, swedish_amount(amount, rng), rng.choice(["", "30", "50 %"]), "", "", "", "", "", "", "",
                         "", "", org, cname, muni.lstrip("0") if rng.random() < 0.1 else muni, *([""] * len(perspective_headers)),
                         rng.choice(subpriorities), f"{year}: {swedish_amount(amount // 2, rng)}", "ja"])
        else:
            it = rng.choice(initiatives)
            amount = rng.randrange(100, 8000) * 1000
            rows.append([f"{prefix}-B{k + 1:06d}", date_text, rng.choice(project_programmes), swedish_amount(amount, rng), rng.choice(["40", "50", "50 %", "25,5"]),
                         it["id"], it["name"], "projekt", it["status"], it["org"], it["region"], f"RUN {year}/{k + 1}",
                         it["start"].isoformat(), it["end"].isoformat(), "", "", it["muni"], *it["judgements"], it["sub"],
                         f"{year}: {swedish_amount(amount // 3, rng)}", "ja"])
    return headers, rows
