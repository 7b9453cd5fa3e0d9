from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from resultat.followup.models import ContributionItem
from resultat.initiatives import demo, selectors, services
from resultat.initiatives.models import (
    FundingDecision,
    FundingProgramme,
    Initiative,
    Result,
    ResultPeriod,
    SdgImpact,
)
from resultat.reference.models import SdgGoal

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(register, people):
    init = Initiative.objects.create(code="smart-industri", name="Smart industri", revision=1)
    init.areas.add(people["area"])
    return init


def test_permissions(initiative, people, client):
    other = Initiative.objects.create(code="annat", name="Annat")
    assert services.save_initiative(initiative, user=people["editor_a"], data={"acronym": "SI"}, base_revision=1).revision == 2
    with pytest.raises(PermissionDenied):
        services.save_initiative(initiative, user=people["editor_b"], data={"acronym": "X"})
    with pytest.raises(PermissionDenied):
        services.save_initiative(other, user=people["editor_a"], data={"acronym": "X"})
    with pytest.raises(PermissionDenied):
        services.save_initiative(None, user=people["reviewer"], data={"name": "Ny"})
    assert services.save_initiative(other, user=people["analyst"], data={"acronym": "A"}).acronym == "A"
    assert client.get("/insatser/smart-industri/redigera/").status_code == 302  # login first
    client.force_login(people["editor_b"])
    assert client.get("/insatser/smart-industri/redigera/").status_code == 403
    assert client.get("/insatser/import/").status_code == 403
    assert client.post("/insatser/import/1/bekrafta/").status_code == 403
    client.force_login(people["editor_a"])
    assert client.get("/insatser/smart-industri/redigera/").status_code == 200
    assert client.get("/insatser/smart-industri/").status_code == 200


def test_no_lost_updates_and_history(initiative, people, client):
    services.save_initiative(initiative, user=people["editor_a"], data={"lead_organisation": "Umeå universitet"}, base_revision=1)
    with pytest.raises(services.EditConflict):
        services.save_initiative(initiative, user=people["editor_a2"], data={"lead_organisation": "Annan"}, base_revision=1)
    initiative.refresh_from_db()
    assert initiative.lead_organisation == "Umeå universitet" and initiative.revision == 2
    edit = initiative.edits.get(revision=2)
    assert edit.changes == {"projektägare": ["", "Umeå universitet"]} and edit.author == people["editor_a"]
    client.force_login(people["editor_a2"])
    r = client.post("/insatser/smart-industri/redigera/", {"name": "Smart industri", "kind": "project", "revision": 1, "run_by_region": "unknown", "areas": [people["area"].pk]})
    assert r.status_code == 200 and "Någon annan har sparat" in r.content.decode()
    r = client.post("/insatser/smart-industri/redigera/", {"name": "Smart industri", "kind": "project", "status": "ongoing", "revision": 2, "run_by_region": "true",
                                                           "areas": [people["area"].pk], "start_date": "2025-01-01", "end_date": "2026-12-31"})
    assert r.status_code == 302
    initiative.refresh_from_db()
    assert initiative.revision == 3 and initiative.status == "ongoing" and initiative.run_by_region is True
    page = client.get("/insatser/smart-industri/").content.decode()
    assert "Version 3" in page and "pågående" in page


def test_model_constraints(initiative, register):
    p = FundingProgramme.objects.get(code="esf-plus")
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingDecision.objects.create(external_id="D", programme=p, decision_date="2025-01-01", granted_amount=1)  # neither initiative nor company
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingDecision.objects.create(external_id="D", initiative=initiative, programme=p, decision_date="2025-01-01", granted_amount=1, cofinancing_rate=101)
    r = Result.objects.create(initiative=initiative, indicator="Deltagare", unit="st", baseline_value=None, target_value=Decimal(10))
    period = ResultPeriod.objects.create(result=r, period_start="2025-01-01", period_end="2025-12-31", actual=None)
    period.refresh_from_db()
    assert period.actual is None  # missing stays missing
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Result(initiative=initiative, indicator="x", target_value="N/A").full_clean()


def test_matrix_and_conflicts(initiative, register, client):
    other = Initiative.objects.create(code="vindkraft", name="Vindkraft")
    g = {x.number: x for x in SdgGoal.objects.all()}
    SdgImpact.objects.create(initiative=initiative, goal=g[8], direction="positive", justification="Fler jobb")
    SdgImpact.objects.create(initiative=other, goal=g[15], direction="negative", justification="Påverkar renbete")
    SdgImpact.objects.create(initiative=initiative, goal=g[15], direction="positive", justification="Skogsbruk")
    FundingDecision.objects.create(external_id="D1", initiative=initiative, programme=FundingProgramme.objects.get(code="esf-plus"), decision_date="2025-05-01", granted_amount=Decimal(1000))
    data = selectors.impact_matrix()
    assert [(c["goal"].number, c["scope"]) for c in data["conflicts"]] == [(15, "portfolio")]
    vol = {gg.number: v for gg, _c, v in data["totals"]}
    assert vol[8] == Decimal(1000) and vol[15] == Decimal(1000) and vol[1] == 0
    page = client.get("/insatser/agenda-2030/").content.decode()
    assert "Påverkar renbete" in page and "i portföljen" in page and "Syntetiska demovärden" not in page
    # a candidate from the report import (no public page yet) is not in the matrix
    candidate = Initiative.objects.create(code="kandidat", name="Ansvarsfull kandidat", review_status=Initiative.Review.NEEDS_REVIEW)
    SdgImpact.objects.create(initiative=candidate, goal=g[8], direction="positive", justification="Okänd")
    assert candidate not in [row["initiative"] for row in selectors.impact_matrix()["rows"]]
    assert "Ansvarsfull kandidat" not in client.get("/insatser/agenda-2030/").content.decode()


def test_filters(initiative, register, people):
    demo.load(n=60)
    qs, _f = selectors.filter_initiatives({"area": people["area"].code})
    assert list(qs) == [initiative]
    qs, _f = selectors.filter_initiatives({"programme": "esf-plus", "year": "2025"})
    assert qs.count() == Initiative.objects.filter(funding__programme__code="esf-plus", funding__decision_date__year=2025).distinct().count() > 0
    umea = selectors.filter_initiatives({"municipality": "2480"})[0]
    assert all(i.municipalities.filter(code="2480").exists() or i.funding.filter(municipality__code="2480").exists() for i in umea)


def test_synthetic_label_everywhere(register, client):
    demo.load(n=80)
    for url in ["/insatser/", "/insatser/sammanstallning/", "/insatser/agenda-2030/"]:
        assert "Syntetiska demovärden" in client.get(url).content.decode("utf-8-sig"), url
    csv_lines = client.get("/insatser/sammanstallning/2025.csv").content.decode("utf-8-sig").splitlines()
    assert csv_lines[0].endswith(";Syntetisk") and all(line.endswith(";ja") for line in csv_lines[1:])
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(client.get("/insatser/sammanstallning/2025.xlsx").content))
    assert all(ws["A1"].value.startswith("Syntetiska demovärden") for ws in wb.worksheets)
    page = client.get("/insatser/sammanstallning/2025/").content.decode()
    assert page.count("<svg") == 3 and page.count("Syntetiska demovärden") >= 5


def test_contribution_item_links_to_initiative(initiative):
    from django.template.loader import render_to_string

    item = ContributionItem(kind="initiative", title="Smart industri", text="Ett projekt", initiative=initiative)
    html = render_to_string("followup/_items.html", {"items": [item]})
    assert '<a href="/insatser/smart-industri/">Smart industri</a>' in html


def test_report_import_initiatives_still_work(register):
    # The 2025 report importer creates initiatives with code = slug(title); an import row
    # without Insats-id but with the same name updates that initiative, not a new one.
    Initiative.objects.create(code="smart-industri-vasterbotten", name="Smart industri Västerbotten", source="rapport")
    from resultat.core.tabular.writer import write_csv
    from resultat.initiatives import importing

    data = write_csv(["Beslut-id", "Beslutsdatum", "Program", "Beviljat belopp (kr)", "Insatsnamn"], [["R1", "2025-01-01", "ESF+", "1 000", "Smart industri Västerbotten"]])
    importing.import_file(data, "r.csv")
    assert Initiative.objects.count() == 1
    assert FundingDecision.objects.get().initiative.code == "smart-industri-vasterbotten"
