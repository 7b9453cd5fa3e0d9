import pytest
from django.urls import reverse

from resultat.accounts.models import Role
from resultat.indicators.models import AssessmentOverride, Indicator
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_indicator_page_shows_chart_table_source_and_synthetic_note(client, demo):
    response = client.get("/indikatorer/kolada/N00914/?kommun=2480&kommun=9999")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= 3  # time series, municipalities, women vs men
    assert "Syntetiska demovärden" not in html  # real: the example's Kolada snapshot
    assert "Källa: Kolada, nyckeltal N00914" in html and "hämtat ur Koladas API 2024-08-30" in html
    assert "Syntetiska demovärden" in client.get("/indikatorer/scb/TAB638/").content.decode()  # the one synthetic indicator
    assert "<caption>" in html and 'scope="col"' in html
    assert "Umeå" in html and "Bedömning" in html
    assert "vendor/vega/vega-embed.min.js" in html


def test_real_values_page_and_csv_download(client, demo):
    html = client.get("/indikatorer/manual/BRP-LIVSKVALITET/").content.decode()
    assert "Syntetiska demovärden." not in html
    assert "73" in html and "46" in html
    csv = client.get("/indikatorer/kolada/N01951/data.csv")
    text = csv.content.decode("utf-8-sig")
    assert "syntetiska-demovarden" not in csv["Content-Disposition"]
    assert "Syntetiska demovärden" not in text and "2480;Umeå;2022;2022;T;132235;;nej" in text
    csv = client.get("/indikatorer/scb/TAB638/data.csv")
    assert "syntetiska-demovarden" in csv["Content-Disposition"] and "Syntetiska demovärden" in csv.content.decode("utf-8-sig")


def test_chart_files(client, demo):
    svg = client.get("/indikatorer/kolada/N00914/tid.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml" and b"Syntetiska" not in svg.content
    assert b"Syntetiska" in client.get("/indikatorer/scb/TAB638/tid.svg").content
    png = client.get("/indikatorer/kolada/N00914/kon.png")
    assert png.content[:4] == b"\x89PNG"
    assert client.get("/indikatorer/kolada/N00914/okand.svg").status_code == 404


def test_element_pages_for_every_priority_and_sdg(client, demo):
    for code in ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "dp-1.2", "dp-5.3", "mal-cirkular", "inr-inkludering"]:
        response = client.get(f"/indikatorer/strategi/rus/{code}/")
        assert response.status_code == 200, code
        assert "data-table" in response.content.decode()
    assert client.get("/indikatorer/strategi/rus/dp-9.9/").status_code == 404
    html = client.get("/indikatorer/agenda-2030/3/").content.decode()
    assert "Medellivslängd" in html


def test_strategy_pages_link_to_indicators(client, demo):
    html = client.get("/strategi/rus/aktualisering-2025-26/delprioritering/dp-1.2/").content.decode()
    assert reverse("indicators:element", args=["rus", "dp-1.2"]) in html
    html = client.get("/strategi/rus/aktualisering-2025-26/agenda-2030/9/").content.decode()
    assert reverse("indicators:sdg", args=[9]) in html


def test_override_form_for_analysts_only(client, demo):
    url = "/indikatorer/kolada/N00914/bedomning/"
    assert client.post(url, {"status": "deterioration", "justification": "x"}).status_code == 302
    assert not AssessmentOverride.objects.exists()
    editor = make_user("ebba", Role.EDITOR)
    client.force_login(editor)
    assert client.post(url, {"status": "deterioration", "justification": "x"}).status_code == 403
    assert "Ändra bedömningen" not in client.get("/indikatorer/kolada/N00914/").content.decode()
    analyst = make_user("anna", Role.ANALYST)
    client.force_login(analyst)
    assert client.post(url, {"status": "deterioration", "justification": ""}).status_code == 400
    response = client.post(url, {"status": "deterioration", "justification": "Ny mätmetod från 2023."})
    assert response.status_code == 302
    html = client.get("/indikatorer/kolada/N00914/").content.decode()
    assert "Ny mätmetod från 2023." in html and "Försämring" in html and "Manuell bedömning av Anna" in html
    assert Indicator.objects.get(external_id="N00914").overrides.get().created_by == analyst


def test_admin_lists_and_edits_links(client, demo):
    admin = make_user("ada", Role.ADMINISTRATOR)
    admin.is_staff = True
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    for url in ["/admin/indicators/indicator/", "/admin/indicators/indicatorlink/", "/admin/indicators/sourceresponse/", "/admin/indicators/assessmentoverride/"]:
        assert client.get(url).status_code == 200, url
    ind = Indicator.objects.get(external_id="N00914")
    assert client.get(f"/admin/indicators/indicator/{ind.pk}/change/").status_code == 200


def test_manual_provenance_names_the_real_source_not_the_file(client, demo):
    html = client.get("/indikatorer/manual/BRP-LIVSKVALITET/").content.decode()
    assert "Källa: BRP+ 2025, indexvärde för livskvalitet, återgivet i Regional utvecklingsstrategi för Västerbottens län" in html
    assert ".txt" not in html.split("Källa:", 1)[1].split("</", 1)[0]
    html = client.get("/indikatorer/kolada/N01951/").content.decode()
    assert "Källa: Kolada, nyckeltal N01951 (Invånare totalt, antal; uppgifter från SCB), hämtat ur Koladas API 2024-08-30" in html
    assert ">kolada-N01951.csv" not in html and " kolada-N01951.csv" not in html  # the citation, not the file name


def test_a_manual_import_shows_its_citation_and_keeps_the_file_as_provenance(tmp_path, reference):
    from resultat.indicators import selectors, services
    from resultat.indicators.models import SourceResponse

    path = tmp_path / "brp.csv"
    path.write_text("indikator;titel;område;år;värde\nX-1;Test;24;2024;1,5\n", encoding="utf-8")
    services.import_manual(path, source_label="SCB, tabell NR0105/NR0105A, hämtad 2026-01-15")
    response = SourceResponse.objects.get()
    assert response.url == "brp.csv" and response.citation == "SCB, tabell NR0105/NR0105A, hämtad 2026-01-15"
    text = selectors.provenance(Indicator.objects.get(external_id="X-1")).text
    assert text.startswith("Källa: SCB, tabell NR0105/NR0105A, hämtad 2026-01-15 (inläst ")
    path2 = tmp_path / "utan.csv"
    path2.write_text("indikator;titel;område;år;värde\nX-2;Test;24;2024;2\n", encoding="utf-8")
    services.import_manual(path2)
    text = selectors.provenance(Indicator.objects.get(external_id="X-2")).text
    assert "ingen källhänvisning angiven" in text and "utan.csv" not in text


def test_indicator_captions_follow_the_language(client, demo):
    client.post("/sprak/", {"language": "en", "next": "/"})
    html = client.get("/indikatorer/kolada/N00914/").content.decode()
    ind = Indicator.objects.get(external_id="N00914")
    assert f"{ind.title} by municipality" in html and f"{ind.title} per kommun" not in html
    assert f"{ind.title}, women and men in" in html  # the chart itself stays Swedish (docs/i18n.md)
    html = client.get("/indikatorer/scb/TAB638/").content.decode()
    assert "by municipality" in html and "(Synthetic demo values)" in html  # the caption's synthetic note too
