"""Importing funding decisions (and the initiatives and companies they concern) from
CSV or XLSX.

Two steps. ``plan_import`` reads and validates every row without writing anything and
returns a ``Preview``: every error (row, column, message) and, when there are none, what
will be created, updated or left unchanged. ``apply_import`` writes a valid plan in one
transaction, matching decisions on ``Beslut-id`` and initiatives on ``Insats-id`` (or,
without one, on the initiative's name), so importing the same file again changes
nothing.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from resultat.core.tabular import (
    CellError,
    TabularError,
    parse_date,
    parse_municipality_code,
    parse_number,
    read_table,
)
from resultat.core.tabular.template import Column, write_template
from resultat.infrastructure.i18n import error_text
from resultat.initiatives.models import (
    Company,
    FundingDecision,
    FundingProgramme,
    ImportBatch,
    Initiative,
    InitiativeEdit,
    InitiativeSubPriority,
    InriktningAssessment,
)
from resultat.reference.models import Area
from resultat.security.locks import serialise
from resultat.strategy.models import Perspective, StrategyVersion, SubPriority

SHEET = "Beslut"
C_ID, C_DATE, C_PROGRAMME, C_AMOUNT, C_RATE = "Beslut-id", "Beslutsdatum", "Program", "Beviljat belopp (kr)", "Medfinansieringsgrad (%)"
C_INIT_ID, C_INIT_NAME, C_ACRONYM, C_KIND, C_STATUS = "Insats-id", "Insatsnamn", "Förkortning", "Insatstyp", "Status"
C_LEAD, C_RUN_BY_REGION, C_DNR, C_EU_ID, C_START, C_END = "Projektägare", "Drivs av regionen", "Diarienummer", "EU-projekt-id", "Startdatum", "Slutdatum"
C_ORGNR, C_COMPANY, C_MUNICIPALITY, C_SUBPRIORITY = "Organisationsnummer", "Företag", "Kommunkod", "Delprioritering"
C_PAYMENTS, C_SYNTHETIC = "Utbetalt per år", "Syntetisk"
PERSPECTIVE_COLUMNS = {  # column header → perspective code in the strategy
    "Sammanhållen region": "inr-sammanhallen",
    "Jämlik och jämställd inkludering": "inr-inkludering",
    "Omställning": "inr-omstallning",
}
JUDGEMENTS = {str(label).lower(): value for value, label in InriktningAssessment.Judgement.choices}
YES = {"ja", "j", "x", "1", "true", "sant"}
NO = {"nej", "n", "0", "false", "falskt"}


def columns() -> list[Column]:
    programmes = list(FundingProgramme.objects.values_list("name", flat=True))
    judgements = [str(label) for _, label in InriktningAssessment.Judgement.choices]
    return [
        Column(C_ID, "Beslutets unika id i ert ärendesystem. Samma id vid ny import uppdaterar beslutet i stället för att skapa ett nytt.", True, example="RV-2025-0001", width=16),
        Column(C_DATE, "Beslutsdatum: 2025-03-01, 1/3 2025, 20250301 eller 1 mars 2025.", True, example="2025-03-01", width=14),
        Column(C_PROGRAMME, "Programmet eller källan beslutet gäller (välj ur listan).", True, programmes, example="1:1-anslaget – projektmedel", width=34),
        Column(C_AMOUNT, "Beviljat belopp i kronor. Mellanslag som tusentalsavgränsare och komma som decimaltecken går bra: 12 000,50 kr.", True, example="1 250 000", width=18),
        Column(C_RATE, "Regionens medfinansieringsgrad i procent, 0–100 (t.ex. 50 eller 50 %). Tomt = okänt.", example="50", width=14),
        Column(C_INIT_ID, "Insatsens id (projektnummer). Ange insats-id eller insatsnamn – eller organisationsnummer för stöd till ett företag.", example="P-1234", width=14),
        Column(C_INIT_NAME, "Insatsens namn. Utan insats-id matchas insatsen på namnet (samma namn = samma insats).", example="Smart industri Västerbotten", width=34),
        Column(C_ACRONYM, "Insatsens förkortning.", width=12),
        Column(C_KIND, "Insatstyp.", choices=[str(label) for _, label in Initiative.Kind.choices], example="projekt", width=12),
        Column(C_STATUS, "Insatsens status.", choices=[str(label) for _, label in Initiative.Status.choices], example="pågående", width=12),
        Column(C_LEAD, "Projektägare (organisation).", example="Umeå universitet", width=26),
        Column(C_RUN_BY_REGION, "Drivs insatsen av Region Västerbotten? ja/nej, tomt = okänt.", choices=["ja", "nej"], width=10),
        Column(C_DNR, "Diarienummer.", example="RUN 2025/123", width=16),
        Column(C_EU_ID, "EU-projektets id (t.ex. i ERUF- eller Interreg-programmet).", width=16),
        Column(C_START, "Insatsens startdatum.", example="2025-01-01", width=12),
        Column(C_END, "Insatsens slutdatum (inte före startdatum).", example="2027-12-31", width=12),
        Column(C_ORGNR, "Företagets organisationsnummer (NNNNNN-NNNN) när stödet går till ett företag och inte till en insats.", example="556036-0793", width=16),
        Column(C_COMPANY, "Företagets namn (krävs med organisationsnummer).", width=26),
        Column(C_MUNICIPALITY, "Kommunkod (fyra siffror, t.ex. 2480 Umeå). Inledande nolla får saknas.", example="2480", width=10),
        Column(C_SUBPRIORITY, "Delprioriteringen beslutet främst bidrar till: kod (dp-1.2) eller nummer (1.2).", example="1.2", width=12),
        *[Column(h, f"Bedömning mot inriktningen {h}.", choices=judgements, width=16) for h in PERSPECTIVE_COLUMNS],
        Column(C_PAYMENTS, "Utbetalt per år: ”2025: 100 000; 2026: 50 000”.", example="2025: 400 000", width=24),
        Column(C_SYNTHETIC, "ja om raden är syntetisk (demo/test). Syntetiska belopp märks överallt.", choices=["ja", "nej"], width=10),
    ]


REQUIRED = {C_ID, C_DATE, C_PROGRAMME, C_AMOUNT}


def template_bytes() -> bytes:
    return write_template(
        columns(), sheet=SHEET, title="Resultat – import av finansieringsbeslut och insatser",
        instructions=[
            "Fyll i en rad per finansieringsbeslut på bladet ”Beslut”. Rubrikraden får inte ändras; kolumner utan värden får tas bort utom de obligatoriska.",
            "Ett beslut gäller antingen en insats (insats-id eller insatsnamn) eller ett företag (organisationsnummer och namn), aldrig båda.",
            "Belopp skrivs i kronor: 12 000, 12 000,50 kr och 1.234,5 går bra. Tomt, ”-” och ”N/A” betyder att värdet saknas (inte noll).",
            "Datum: 2025-03-01, 1/3 2025, 20250301 eller 1 mars 2025. Kommunkoder med fyra siffror (0-ledande kan saknas).",
            "Du kan också spara som CSV (semikolon eller komma, UTF-8 eller Windows-1252).",
            "Filen kontrolleras först i sin helhet: alla fel visas med rad och kolumn, och ingenting sparas förrän filen är felfri och du bekräftar.",
            "Samma fil två gånger ger samma resultat: beslut matchas på Beslut-id och insatser på Insats-id (eller namn).",
        ],
        examples=[],
    )


@dataclass
class RowPlan:
    row: int
    external_id: str
    decision: dict
    initiative_key: str | None = None
    company: tuple[str, str] | None = None
    action: str = "create"  # create | update | unchanged


@dataclass
class Preview:
    filename: str = ""
    errors: list[CellError] = field(default_factory=list)
    rows: list[RowPlan] = field(default_factory=list)
    initiatives: dict = field(default_factory=dict)        # key → {"fields": {...}, "action": ..., "row": n}
    companies: dict = field(default_factory=dict)          # org_nr → {"name":..., "action":...}
    links: list = field(default_factory=list)              # (initiative_key, subpriority_id, municipality_id, assessments)
    counts: Counter = field(default_factory=Counter)
    row_count: int = 0
    version_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict:
        return {"rader": self.row_count, **dict(sorted(self.counts.items()))}


class ImportFailed(ValueError):
    pass


def _s(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def normalise_org_nr(text: str) -> str:
    digits = re.sub(r"[\s-]", "", text)
    if not digits.isdigit() or len(digits) not in (10, 12):
        raise TabularError(gettext("”%(text)s” är inget organisationsnummer (tio siffror, NNNNNN-NNNN)") % {"text": text})
    if len(digits) == 12:
        digits = digits[2:]
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    if total % 10:
        raise TabularError(gettext("”%(text)s”: kontrollsiffran stämmer inte") % {"text": text})
    return f"{digits[:6]}-{digits[6:]}"


def _parse_payments(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in [p for p in re.split(r"[;\n]+", text) if p.strip()]:
        m = re.match(r"^\s*(\d{4})\s*[:=]\s*(.+)$", part)
        if not m:
            raise TabularError(gettext("”%(part)s”: skriv år: belopp, t.ex. ”2025: 100 000”") % {"part": part.strip()})
        amount = parse_number(m[2])
        if amount is None:
            continue
        if amount < 0:
            raise TabularError(gettext("%(year)s: utbetalt belopp kan inte vara negativt") % {"year": m[1]})
        out[m[1]] = str(amount.quantize(Decimal("0.01")))
    return out


def _yes_no(value: str) -> bool | None:
    v = value.lower()
    if not v:
        return None
    if v in YES:
        return True
    if v in NO:
        return False
    raise TabularError(gettext("”%(value)s”: skriv ja eller nej") % {"value": value})


def _max_length(model, attr: str) -> int | None:
    return model._meta.get_field(attr).max_length


def _version() -> StrategyVersion | None:
    from resultat.strategy import selectors as strategy_selectors

    strategy = strategy_selectors.default_strategy()
    return strategy_selectors.current_version(strategy) if strategy else None


def _decision_key(d: FundingDecision, init_keys: dict, org_nrs: dict) -> dict:
    return {
        "initiative": init_keys.get(d.initiative_id), "company": org_nrs.get(d.company_id), "programme_id": d.programme_id,
        "decision_date": d.decision_date, "granted_amount": d.granted_amount.quantize(Decimal("0.01")),
        "cofinancing_rate": None if d.cofinancing_rate is None else d.cofinancing_rate.quantize(Decimal("0.01")),
        "municipality_id": d.municipality_id, "subpriority_id": d.subpriority_id, "payments": d.payments,
        "diarienummer": d.diarienummer, "synthetic": d.synthetic,
    }


INITIATIVE_FIELDS = {  # column → model field
    C_INIT_NAME: "name", C_ACRONYM: "acronym", C_KIND: "kind", C_STATUS: "status", C_LEAD: "lead_organisation",
    C_RUN_BY_REGION: "run_by_region", C_EU_ID: "eu_project_id", C_START: "start_date", C_END: "end_date",
}


MAX_ROWS = 300_000         # data rows in one file (a 20 MB CSV has about 270 000)
PREVIEW_SECONDS = 20.0     # reading an XLSX for the preview stops after this (gunicorn's timeout is 30 s)
STORED_ERRORS = 200        # errors kept with a batch and shown; the summary counts them all
MAX_VALUE_CHARS = 200      # of a wrong value, quoted in an error


@dataclass
class _Lookups:
    """What the rows are checked against: programmes, municipalities and the strategy's
    sub-priorities and perspectives, initiative kinds and statuses (lower-cased keys)."""

    programmes: dict[str, FundingProgramme]
    municipalities: dict[str, int]
    subpriorities: dict[str, int]
    perspectives: dict[str, int]
    kinds: dict[str, str]
    statuses: dict[str, str]


def _lookups(version: StrategyVersion | None) -> _Lookups:
    programmes: dict[str, FundingProgramme] = {}
    for p in FundingProgramme.objects.all():
        programmes[p.name.lower()] = p
        programmes[p.code.lower()] = p
    municipalities = dict(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).values_list("code", "pk"))
    subpriorities: dict[str, int] = {}
    perspectives: dict[str, int] = {}
    if version:
        for pk, code, number in SubPriority.objects.filter(version=version).values_list("pk", "code", "number"):
            subpriorities[code.lower()] = pk
            subpriorities[number.strip(". ").lower()] = pk
        perspectives = dict(Perspective.objects.filter(version=version).values_list("code", "pk"))
    kinds = {str(label).lower(): v for v, label in Initiative.Kind.choices} | {v: v for v in Initiative.Kind.values}
    statuses = {str(label).lower(): v for v, label in Initiative.Status.choices} | {v: v for v in Initiative.Status.values}
    return _Lookups(programmes, municipalities, subpriorities, perspectives, kinds, statuses)


class _Row:
    """One data row being checked: its cells and the errors found in it."""

    def __init__(self, row) -> None:
        self.row = row
        self.n = row.number
        self.errors: list[CellError] = []

    def err(self, column: str, message: str, value="") -> None:
        value = _s(value)
        self.errors.append(CellError(self.n, column, message, value if len(value) <= MAX_VALUE_CHARS else value[:MAX_VALUE_CHARS] + "…"))

    def cell(self, column: str) -> str:
        return _s(self.row.get(column))

    def get(self, column: str):
        return self.row.get(column)

    def fits(self, column: str, model, attr: str, value: str) -> bool:
        """Report a value longer than the model field allows (never truncate)."""
        limit = _max_length(model, attr)
        if limit and len(value) > limit:
            self.err(column, gettext("högst %(limit)s tecken (värdet har %(n)s)") % {"limit": limit, "n": len(value)}, value)
            return False
        return True


def _check_headers(table, preview: Preview) -> bool:
    """Errors for missing required and unknown columns; False when a required one is missing."""
    headers = set(table.headers)
    missing = [h for h in (C_ID, C_DATE, C_PROGRAMME, C_AMOUNT) if h not in headers]
    for h in missing:
        preview.errors.append(CellError(1, h, gettext("obligatorisk kolumn saknas i rubrikraden")))
    known = {c.header for c in columns()}
    for h in table.headers:
        if h and h not in known:
            preview.errors.append(CellError(1, h, gettext("okänd kolumn (stavning? se bladet Instruktioner)")))
    return not missing


def _check_id(r: _Row, seen_ids: dict[str, int]) -> str:
    ext = r.cell(C_ID)
    if not ext:
        r.err(C_ID, gettext("värde saknas"))
    elif ext in seen_ids:
        r.err(C_ID, gettext("samma Beslut-id som rad %(row)s") % {"row": seen_ids[ext]}, ext)
    else:
        seen_ids[ext] = r.n
        r.fits(C_ID, FundingDecision, "external_id", ext)
    return ext


def _parse_amounts(r: _Row, decision: dict) -> None:
    """The granted amount and the co-financing rate."""
    try:
        amount = parse_number(r.get(C_AMOUNT))
        if amount is None:
            r.err(C_AMOUNT, gettext("värde saknas (beviljat belopp måste anges)"), r.get(C_AMOUNT))
        elif amount < 0:
            r.err(C_AMOUNT, gettext("beloppet kan inte vara negativt"), r.get(C_AMOUNT))
        elif amount >= Decimal("1e12"):
            r.err(C_AMOUNT, gettext("orimligt stort belopp"), r.get(C_AMOUNT))
        else:
            decision["granted_amount"] = amount.quantize(Decimal("0.01"))
    except TabularError as exc:
        r.err(C_AMOUNT, error_text(exc), r.get(C_AMOUNT))
    try:
        rate = parse_number(r.get(C_RATE), allow_percent=True)
        if rate is not None and not (0 <= rate <= 100):
            r.err(C_RATE, gettext("ska vara mellan 0 och 100 (procent)"), r.get(C_RATE))
        decision["cofinancing_rate"] = None if rate is None else rate.quantize(Decimal("0.01"))
    except TabularError as exc:
        r.err(C_RATE, error_text(exc), r.get(C_RATE))


def _parse_decision(r: _Row, lookups: _Lookups) -> dict:
    """The decision's own columns (everything but the beneficiary)."""
    decision: dict = {}
    try:
        decision["decision_date"] = parse_date(r.get(C_DATE))
        if decision["decision_date"] is None:
            r.err(C_DATE, gettext("värde saknas"))
    except TabularError as exc:
        r.err(C_DATE, error_text(exc), r.get(C_DATE))
    prog = r.cell(C_PROGRAMME)
    if not prog:
        r.err(C_PROGRAMME, gettext("värde saknas"))
    elif prog.lower() not in lookups.programmes:
        r.err(C_PROGRAMME, gettext("okänt program ”%(prog)s” (se listan i mallen)") % {"prog": prog}, prog)
    else:
        decision["programme_id"] = lookups.programmes[prog.lower()].pk
    _parse_amounts(r, decision)
    try:
        code = parse_municipality_code(r.get(C_MUNICIPALITY))
        if code and code not in lookups.municipalities:
            r.err(C_MUNICIPALITY, gettext("okänd kommunkod %(code)s") % {"code": code}, r.get(C_MUNICIPALITY))
        decision["municipality_id"] = lookups.municipalities.get(code) if code else None
    except TabularError as exc:
        r.err(C_MUNICIPALITY, error_text(exc), r.get(C_MUNICIPALITY))
    sp = r.cell(C_SUBPRIORITY).lower().rstrip(".")
    if sp and sp not in lookups.subpriorities:
        r.err(C_SUBPRIORITY, gettext("okänd delprioritering ”%(code)s”") % {"code": r.cell(C_SUBPRIORITY)}, r.cell(C_SUBPRIORITY))
    decision["subpriority_id"] = lookups.subpriorities.get(sp) if sp else None
    try:
        decision["payments"] = _parse_payments(r.cell(C_PAYMENTS))
    except TabularError as exc:
        r.err(C_PAYMENTS, error_text(exc), r.cell(C_PAYMENTS))
    try:
        decision["synthetic"] = bool(_yes_no(r.cell(C_SYNTHETIC)))
    except TabularError as exc:
        r.err(C_SYNTHETIC, error_text(exc), r.cell(C_SYNTHETIC))
    decision["diarienummer"] = r.cell(C_DNR)
    r.fits(C_DNR, FundingDecision, "diarienummer", decision["diarienummer"])
    return decision


def _company(r: _Row, org: str, preview: Preview) -> tuple[str, str] | None:
    """A company beneficiary: its normalised number and name, checked against earlier rows."""
    company = None
    try:
        org_nr = normalise_org_nr(org)
        name = r.cell(C_COMPANY)
        r.fits(C_COMPANY, Company, "name", name)
        prev = preview.companies.get(org_nr)
        if not name and not prev:
            if not Company.objects.filter(org_nr=org_nr).exists():
                r.err(C_COMPANY, gettext("företagets namn saknas"))
        company = (org_nr, name)
        if prev and name and prev["name"] and prev["name"] != name:
            r.err(C_COMPANY, gettext("annat namn än på rad %(row)s (”%(name)s”) för samma organisationsnummer") % {"row": prev['row'], "name": prev['name']}, name)
        elif not prev:
            preview.companies[org_nr] = {"name": name, "row": r.n}
    except TabularError as exc:
        r.err(C_ORGNR, error_text(exc), org)
    for column in INITIATIVE_FIELDS:
        if r.cell(column):
            r.err(column, gettext("insatsuppgifter hör inte till ett företagsstöd (raden har organisationsnummer)"), r.cell(column))
    return company


def _initiative_field(r: _Row, column: str, attr: str, raw: str, lookups: _Lookups, fields: dict) -> None:
    if attr in ("start_date", "end_date"):
        fields[attr] = parse_date(r.get(column))
    elif attr == "kind":
        if raw.lower() not in lookups.kinds:
            raise TabularError(gettext("okänd insatstyp ”%(raw)s”") % {"raw": raw})
        fields[attr] = lookups.kinds[raw.lower()]
    elif attr == "status":
        if raw.lower() not in lookups.statuses:
            raise TabularError(gettext("okänd status ”%(raw)s”") % {"raw": raw})
        fields[attr] = lookups.statuses[raw.lower()]
    elif attr == "run_by_region":
        fields[attr] = _yes_no(raw)
    elif r.fits(column, Initiative, attr, raw):
        fields[attr] = raw


def _initiative_fields(r: _Row, init_id: str, lookups: _Lookups) -> dict:
    fields: dict = {}
    for column, attr in INITIATIVE_FIELDS.items():
        raw = r.cell(column)
        if not raw:
            continue
        try:
            _initiative_field(r, column, attr, raw, lookups, fields)
        except TabularError as exc:
            r.err(column, error_text(exc), raw)
    if fields.get("start_date") and fields.get("end_date") and fields["end_date"] < fields["start_date"]:
        r.err(C_END, gettext("slutdatum före startdatum"), r.cell(C_END))
    if init_id:
        fields["external_id"] = init_id
    return fields


def _assessments(r: _Row, lookups: _Lookups) -> dict[int, str]:
    assessments = {}
    for header, pcode in PERSPECTIVE_COLUMNS.items():
        raw = r.cell(header).lower()
        if not raw:
            continue
        if raw not in JUDGEMENTS:
            r.err(header, gettext("okänd bedömning ”%(value)s” (bidrar, bidrar delvis, bidrar inte, ej bedömt)") % {"value": r.cell(header)}, r.cell(header))
        elif pcode not in lookups.perspectives:
            r.err(header, gettext("inriktningen finns inte i strategins aktuella version"))
        else:
            assessments[lookups.perspectives[pcode]] = JUDGEMENTS[raw]
    return assessments


def _initiative(r: _Row, init_id: str, init_name: str, decision: dict, lookups: _Lookups, preview: Preview) -> str:
    """An initiative beneficiary: its key, with its fields, assessments and links merged
    into ``preview.initiatives`` (a contradiction with an earlier row is an error)."""
    init_key = f"id:{init_id}" if init_id else f"code:{slugify(init_name)[:120]}"
    if init_id:
        r.fits(C_INIT_ID, Initiative, "external_id", init_id)
    if not init_id and not slugify(init_name):
        r.err(C_INIT_NAME, gettext("namnet ger ingen kod (bara skiljetecken?)"), init_name)
    fields = _initiative_fields(r, init_id, lookups)
    assessments = _assessments(r, lookups)
    entry = preview.initiatives.setdefault(init_key, {"fields": {}, "row": r.n, "assessments": {}, "subpriorities": [], "municipalities": []})
    for attr, value in fields.items():
        before = entry["fields"].get(attr)
        if before is not None and before != value and attr != "external_id":
            r.err(next(c for c, a in INITIATIVE_FIELDS.items() if a == attr), gettext("motsäger rad %(row)s för samma insats (%(before)s ≠ %(value)s)") % {"row": entry['row'], "before": before, "value": value}, value)
        else:
            entry["fields"][attr] = value
    for pk, value in assessments.items():
        entry["assessments"].setdefault(pk, value)
    if decision.get("subpriority_id") and decision["subpriority_id"] not in entry["subpriorities"]:
        entry["subpriorities"].append(decision["subpriority_id"])
    if decision.get("municipality_id") and decision["municipality_id"] not in entry["municipalities"]:
        entry["municipalities"].append(decision["municipality_id"])
    return init_key


def _beneficiary(r: _Row, decision: dict, lookups: _Lookups, preview: Preview) -> tuple[str | None, tuple[str, str] | None]:
    """The beneficiary: an initiative (its key) or a company (number, name), never both."""
    init_id, init_name, org = r.cell(C_INIT_ID), r.cell(C_INIT_NAME), r.cell(C_ORGNR)
    if (init_id or init_name) and org:
        r.err(C_ORGNR, gettext("ange antingen en insats eller ett företag, inte båda"), org)
    elif not (init_id or init_name or org):
        r.err(C_INIT_NAME, gettext("ange insats (insats-id eller insatsnamn) eller företag (organisationsnummer)"))
    elif org:
        return None, _company(r, org, preview)
    else:
        return _initiative(r, init_id, init_name, decision, lookups, preview), None
    return None, None


def _match_initiatives(preview: Preview) -> None:
    """Which initiatives exist already (by id or code) and what changes in them."""
    ext_ids = [k[3:] for k in preview.initiatives if k.startswith("id:")]
    codes = [k[5:] for k in preview.initiatives if k.startswith("code:")]
    existing_inits = {}
    for chunk in _chunks(ext_ids):
        existing_inits.update({f"id:{i.external_id}": i for i in Initiative.objects.filter(external_id__in=chunk)})
    for chunk in _chunks(codes):
        existing_inits.update({f"code:{i.code}": i for i in Initiative.objects.filter(code__in=chunk)})
    for key, entry in preview.initiatives.items():
        init = existing_inits.get(key)
        if key.startswith("id:") and init is None and "name" not in entry["fields"]:
            preview.errors.append(CellError(entry["row"], C_INIT_NAME, gettext("ny insats %(code)s behöver ett namn") % {"code": key[3:]}))
        entry["pk"] = init.pk if init else None
        if init is None:
            entry["action"] = "create"
        else:
            changed = {a: v for a, v in entry["fields"].items() if getattr(init, a) != v}
            entry["action"] = "update" if changed else "unchanged"
            entry["changed"] = changed
        preview.counts[f"insatser: {_ACTION[entry['action']]}"] += 1


def _match_companies(preview: Preview) -> None:
    existing_companies = {}
    for chunk in _chunks(list(preview.companies)):
        existing_companies.update({c.org_nr: c for c in Company.objects.filter(org_nr__in=chunk)})
    for org_nr, entry in preview.companies.items():
        c = existing_companies.get(org_nr)
        entry["pk"] = c.pk if c else None
        entry["action"] = "create" if c is None else ("update" if entry["name"] and entry["name"] != c.name else "unchanged")
        preview.counts[f"företag: {_ACTION[entry['action']]}"] += 1


def _match_decisions(preview: Preview) -> None:
    """Which decisions exist already (by Beslut-id) and whether the row changes them."""
    existing_decisions: dict[str, FundingDecision] = {}
    for chunk in _chunks([r.external_id for r in preview.rows]):
        existing_decisions.update({d.external_id: d for d in FundingDecision.objects.filter(external_id__in=chunk).select_related("initiative", "company")})
    init_keys = {}
    org_nrs = {}
    for d in existing_decisions.values():
        if d.initiative:
            init_keys[d.initiative_id] = f"id:{d.initiative.external_id}" if d.initiative.external_id else f"code:{d.initiative.code}"
        if d.company:
            org_nrs[d.company_id] = d.company.org_nr
    for plan in preview.rows:
        d = existing_decisions.get(plan.external_id)
        if d is None:
            plan.action = "create"
        else:
            plan.decision["pk"] = d.pk
            before = _decision_key(d, init_keys, org_nrs)
            after = dict(before)
            after.update({k: v for k, v in plan.decision.items() if k in before})
            after["initiative"] = plan.initiative_key
            after["company"] = plan.company[0] if plan.company else None
            plan.action = "unchanged" if after == before else "update"
        preview.counts[f"beslut: {_ACTION[plan.action]}"] += 1


def plan_import(data: bytes, filename: str = "", progress: Callable | None = None, *, seconds: float | None = None) -> Preview:
    """Read and check every row; write nothing. ``seconds`` bounds reading the file."""
    preview = Preview(filename=filename)
    try:
        table = read_table(data, filename, sheet=SHEET, max_rows=MAX_ROWS, seconds=seconds)
    except TabularError as exc:
        cell = exc.cell_error()
        preview.errors.append(CellError(cell.row, cell.column, error_text(cell.message), cell.value))
        return preview
    if not _check_headers(table, preview):
        return preview
    preview.row_count = len(table.rows)
    version = _version()
    preview.version_id = version.pk if version else None
    lookups = _lookups(version)
    seen_ids: dict[str, int] = {}
    total = len(table.rows)
    for index, row in enumerate(table.rows, start=1):
        r = _Row(row)
        ext = _check_id(r, seen_ids)
        decision = _parse_decision(r, lookups)
        init_key, company = _beneficiary(r, decision, lookups, preview)
        preview.errors.extend(r.errors)
        if not r.errors:
            preview.rows.append(RowPlan(r.n, ext, decision, init_key, company))
        if progress and (index % 500 == 0 or index == total):
            progress("kontroll", index, total)
    _match_initiatives(preview)
    _match_companies(preview)
    _match_decisions(preview)
    preview.errors.sort()
    return preview


_ACTION = {"create": "nya", "update": "ändrade", "unchanged": "oförändrade"}


def _chunks(items: list, size: int = 900):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _checkpoint(stage: str) -> None:
    """Called between the write stages; tests replace it to inject a failure half-way."""


def _write_companies(preview: Preview, counts: Counter) -> dict[str, int]:
    """Create and rename companies; returns the pk of every company in the file."""
    new_companies = [Company(org_nr=o, name=e["name"]) for o, e in preview.companies.items() if e["action"] == "create"]
    Company.objects.bulk_create(new_companies, batch_size=1000)
    updated = []
    for org_nr, e in preview.companies.items():
        if e["action"] == "update":
            updated.append(Company(pk=e["pk"], org_nr=org_nr, name=e["name"]))
    Company.objects.bulk_update(updated, ["name"], batch_size=1000)
    company_pks = {}
    for chunk in _chunks(list(preview.companies)):
        company_pks.update(dict(Company.objects.filter(org_nr__in=chunk).values_list("org_nr", "pk")))
    counts["företag nya"], counts["företag ändrade"] = len(new_companies), len(updated)
    return company_pks


def _create_initiatives(preview: Preview) -> tuple[int, dict[str, int]]:
    """Create the new initiatives with free codes; returns their number and key → pk."""
    new_inits = []
    for key, e in preview.initiatives.items():
        if e["action"] != "create":
            continue
        f = dict(e["fields"])
        code = key[5:] if key.startswith("code:") else slugify(f.get("name", ""))[:110] or slugify(f["external_id"])
        new_inits.append((key, Initiative(code=code, source=f"import: {preview.filename}"[:300], **f)))
    taken = set()
    wanted = [i.code for _, i in new_inits]
    for chunk in _chunks(wanted):
        taken.update(Initiative.objects.filter(code__in=chunk).values_list("code", flat=True))
    for key, init in new_inits:
        base, n = init.code, 2
        while init.code in taken:
            init.code = f"{base[:110]}-{n}"
            n += 1
        taken.add(init.code)
    Initiative.objects.bulk_create([i for _, i in new_inits], batch_size=500)
    by_code = {}
    for chunk in _chunks([i.code for _, i in new_inits]):
        by_code.update(dict(Initiative.objects.filter(code__in=chunk).values_list("code", "pk")))
    return len(new_inits), {key: by_code[init.code] for key, init in new_inits}


def _update_initiatives(preview: Preview, user, init_pks: dict[str, int]) -> int:
    """Apply the changed fields to existing initiatives, each with an edit record; adds
    every existing initiative to ``init_pks``. Returns the number changed."""
    changed_inits, edits = [], []
    fields_touched: set[str] = set()
    for key, e in preview.initiatives.items():
        if e["pk"]:
            init_pks[key] = e["pk"]
        if e["action"] == "update":
            init = Initiative.objects.get(pk=e["pk"])
            changes = {}
            for attr, value in e["changed"].items():
                changes[str(Initiative._meta.get_field(attr).verbose_name)] = [_text(getattr(init, attr)), _text(value)]
                setattr(init, attr, value)
                fields_touched.add(attr)
            init.revision += 1
            init.updated_by = user
            changed_inits.append(init)
            edits.append(InitiativeEdit(initiative=init, revision=init.revision, author=user, changes=changes, note=f"import: {preview.filename}"[:200]))
    if changed_inits:
        Initiative.objects.bulk_update(changed_inits, sorted(fields_touched | {"revision", "updated_by"}), batch_size=500)
        InitiativeEdit.objects.bulk_create(edits)
    return len(changed_inits)


def _existing_links(affected: list[int]) -> tuple[dict, set, dict]:
    """The affected initiatives' sub-priority links, municipalities and assessments."""
    links: dict[int, dict[int, bool]] = {}
    for chunk in _chunks(affected):
        for link in InitiativeSubPriority.objects.filter(initiative_id__in=chunk):
            links.setdefault(link.initiative_id, {})[link.subpriority_id] = link.primary
    muni_through = Initiative.municipalities.through
    existing_munis = set()
    for chunk in _chunks(affected):
        existing_munis.update(muni_through.objects.filter(initiative_id__in=chunk).values_list("initiative_id", "area_id"))
    assessments_existing = {}
    for chunk in _chunks(affected):
        for a in InriktningAssessment.objects.filter(initiative_id__in=chunk):
            assessments_existing[(a.initiative_id, a.perspective_id)] = a
    return links, existing_munis, assessments_existing


def _write_links(preview: Preview, init_pks: dict[str, int]) -> int:
    """Sub-priorities (the first becomes primary when none is), municipalities and
    assessments; returns the number of new or changed assessments."""
    links, existing_munis, assessments_existing = _existing_links(list(init_pks.values()))
    muni_through = Initiative.municipalities.through
    new_links, new_munis, new_assessments, changed_assessments = [], [], [], []
    for key, e in preview.initiatives.items():
        pk = init_pks[key]
        own = links.setdefault(pk, {})
        has_primary = any(own.values())
        for sp in e["subpriorities"]:
            if sp not in own:
                new_links.append(InitiativeSubPriority(initiative_id=pk, subpriority_id=sp, primary=not has_primary))
                own[sp] = not has_primary
                has_primary = True
        for m in e["municipalities"]:
            if (pk, m) not in existing_munis:
                new_munis.append(muni_through(initiative_id=pk, area_id=m))
                existing_munis.add((pk, m))
        for perspective, judgement in e["assessments"].items():
            a = assessments_existing.get((pk, perspective))
            if a is None:
                new_assessments.append(InriktningAssessment(initiative_id=pk, perspective_id=perspective, judgement=judgement))
            elif a.judgement != judgement:
                a.judgement = judgement
                changed_assessments.append(a)
    InitiativeSubPriority.objects.bulk_create(new_links, batch_size=1000)
    muni_through.objects.bulk_create(new_munis, batch_size=1000)
    InriktningAssessment.objects.bulk_create(new_assessments, batch_size=1000)
    InriktningAssessment.objects.bulk_update(changed_assessments, ["judgement"], batch_size=1000)
    return len(new_assessments) + len(changed_assessments)


_DECISION_ATTRS = ["initiative_id", "company_id", "programme_id", "decision_date", "granted_amount", "cofinancing_rate", "municipality_id", "subpriority_id", "payments", "diarienummer", "synthetic", "batch_id"]


def _write_decisions(preview: Preview, init_pks: dict[str, int], company_pks: dict[str, int], batch: ImportBatch | None,
                     progress: Callable | None, counts: Counter) -> None:
    new_decisions, changed_decisions = [], []
    total = len(preview.rows)
    for index, plan in enumerate(preview.rows, start=1):
        if plan.action == "unchanged":
            continue
        values = {k: v for k, v in plan.decision.items() if k != "pk"}
        values["initiative_id"] = init_pks[plan.initiative_key] if plan.initiative_key else None
        values["company_id"] = company_pks[plan.company[0]] if plan.company else None
        values["batch_id"] = batch.pk if batch else None
        d = FundingDecision(external_id=plan.external_id, **values)
        if plan.action == "create":
            new_decisions.append(d)
        else:
            d.pk = plan.decision["pk"]
            changed_decisions.append(d)
        if progress and (index % 1000 == 0 or index == total):
            progress("skriver", index, total)
    FundingDecision.objects.bulk_create(new_decisions, batch_size=1000)
    _checkpoint("decisions")
    FundingDecision.objects.bulk_update(changed_decisions, _DECISION_ATTRS, batch_size=500)
    counts["beslut nya"], counts["beslut ändrade"] = len(new_decisions), len(changed_decisions)
    counts["beslut oförändrade"] = sum(1 for p in preview.rows if p.action == "unchanged")


@transaction.atomic
def apply_import(preview: Preview, *, user=None, batch: ImportBatch | None = None, progress: Callable | None = None) -> dict:
    """Write a checked plan, all or nothing. Returns the counts."""
    if not preview.ok:
        raise ImportFailed(ngettext("%(n)s fel i filen; inget skrevs", "%(n)s fel i filen; inget skrevs", len(preview.errors)) % {"n": len(preview.errors)})
    counts = Counter()
    company_pks = _write_companies(preview, counts)
    _checkpoint("companies")
    created, init_pks = _create_initiatives(preview)
    changed = _update_initiatives(preview, user, init_pks)
    counts["insatser nya"], counts["insatser ändrade"] = created, changed
    _checkpoint("initiatives")
    counts["bedömningar nya/ändrade"] = _write_links(preview, init_pks)
    _checkpoint("links")
    _write_decisions(preview, init_pks, company_pks, batch, progress, counts)
    if batch is not None:
        batch.state = ImportBatch.State.IMPORTED
        batch.imported_at = timezone.now()
        batch.summary = {**batch.summary, "importerat": dict(counts)}
        batch.save(update_fields=["state", "imported_at", "summary"])
    return dict(counts)


def _text(value) -> str:
    return "" if value is None else str(value)


@dataclass
class FileResult:
    preview: Preview
    written: dict | None
    seconds: float


def import_file(data: bytes, filename: str, *, dry_run: bool = False, user=None, progress: Callable | None = None) -> FileResult:
    start = time.perf_counter()
    preview = plan_import(data, filename, progress=progress)
    written = None
    if preview.ok and not dry_run:
        written = apply_import(preview, user=user, progress=progress)
    return FileResult(preview, written, time.perf_counter() - start)


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_errors(preview: Preview) -> tuple[list[dict], dict]:
    """The first ``STORED_ERRORS`` errors to keep with a batch, and their count for its
    summary (a file of 100 000 bad rows must not become 15 MB of JSON and a 14 MB page)."""
    if not preview.errors:
        return [], {}
    return [e.as_dict() for e in preview.errors[:STORED_ERRORS]], {
        "fel": len(preview.errors), "rader med fel": len({e.row for e in preview.errors}),
    }


def upload(data: bytes, filename: str, user) -> tuple[ImportBatch, Preview]:
    """Store the uploaded file and its preview; nothing else is written."""
    preview = plan_import(data, filename, seconds=PREVIEW_SECONDS)
    errors, counts = stored_errors(preview)
    batch = ImportBatch.objects.create(
        filename=filename[:255], data=data, checksum=checksum(data), uploaded_by=user,
        summary={**preview.summary(), **counts}, errors=errors,
    )
    return batch, preview


def confirm(batch: ImportBatch, user) -> dict:
    """Import a stored batch after its preview. The file is checked again (the data may
    have changed since the preview); errors abort with nothing written. The batch row is
    locked (select_for_update) for the whole import, so two simultaneous confirms cannot
    both pass the state check: the second waits and then finds the batch imported.
    Confirms of different batches run one at a time too (a named lock): each plans
    from what the database holds, so two files with the same companies, initiatives
    or decisions would otherwise both plan "create" and one would fail on the unique
    keys; the second now waits and plans again from the first one's result."""
    errors: list[dict] | None = None
    try:
        with transaction.atomic():
            serialise("initiatives:import-confirm")
            locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if locked.state != ImportBatch.State.PREVIEW:
                raise ImportFailed(gettext("filen är redan importerad eller kasserad"))
            data = bytes(locked.data)
            if checksum(data) != locked.checksum:
                raise ImportFailed(gettext("den sparade filen har ändrats sedan förhandsgranskningen"))
            preview = plan_import(data, locked.filename)
            if not preview.ok:
                errors, error_counts = stored_errors(preview)
                raise ImportFailed(ngettext("%(n)s fel i filen; inget skrevs", "%(n)s fel i filen; inget skrevs", len(preview.errors)) % {"n": len(preview.errors)})
            result = apply_import(preview, user=user, batch=locked)
    except ImportFailed:
        if errors is not None:
            # Outside the rolled-back block, so the errors are kept for the preview page.
            summary = {**batch.summary, **error_counts}
            ImportBatch.objects.filter(pk=batch.pk).update(errors=errors, summary=summary)
            batch.errors, batch.summary = errors, summary
        raise
    batch.state, batch.imported_at, batch.summary = locked.state, locked.imported_at, locked.summary
    return result
