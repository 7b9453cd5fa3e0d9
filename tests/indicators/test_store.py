"""Models, loading, sync replay, import, override, selectors (SQLite and PostgreSQL)."""

import time
from io import StringIO

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from resultat.accounts.models import Role
from resultat.core import charts
from resultat.core.sources.http import HttpClient
from resultat.core.sources.kolada import KoladaClient
from resultat.core.sources.replay import ReplayTransport
from resultat.indicators import selectors, services
from resultat.indicators.models import (
    AssessmentOverride,
    Indicator,
    IndicatorLink,
    Observation,
    SourceResponse,
)
from tests.factories import make_user

from .conftest import KOLADA_FILES, SETS, kolada_entries, replay_dir

pytestmark = pytest.mark.django_db


def _kolada_indicator():
    return Indicator.objects.create(source="kolada", external_id="N01951", title="gammal titel", title_verified=False, unit="antal", decimals=0)


def _client(directory):
    return KoladaClient(HttpClient(transport=ReplayTransport(directory), sleep=lambda s: None))


# -- sets and demo ---------------------------------------------------------------


def test_indicator_sets_cover_every_priority_and_subpriority(indicator_sets):
    from resultat.strategy.models import Priority, SubPriority

    linked = set(IndicatorLink.objects.exclude(element_code="").values_list("element_code", flat=True))
    version_codes = set(Priority.objects.filter(version__code="aktualisering-2025-26").values_list("code", flat=True))
    sub_codes = set(SubPriority.objects.filter(version__code="aktualisering-2025-26").values_list("code", flat=True))
    assert len(sub_codes) == 20 and len(version_codes) == 6
    assert sub_codes <= linked
    assert version_codes <= linked
    assert {"mal-livskraftig", "mal-cirkular", "inr-sammanhallen", "inr-inkludering", "inr-omstallning"} <= linked
    assert IndicatorLink.objects.filter(kind="sdg").exists()
    # reloading is idempotent
    before = IndicatorLink.objects.count()
    services.load_indicator_sets(sorted(__import__("tests.indicators.conftest", fromlist=["SETS"]).SETS.glob("*.yaml")))
    assert IndicatorLink.objects.count() == before


def test_indicator_set_errors_name_file_and_entry(vasterbotten, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("set: x\nstrategy: rus\nindicators:\n  - {source: kolada, id: N1, title: T, links: [{element: dp-9.9}, {sdg: 42}]}\n", encoding="utf-8")
    with pytest.raises(services.IndicatorError) as exc:
        services.load_indicator_sets([bad])
    text = str(exc.value)
    assert "bad.yaml: indicators[0].links[0].element: 'dp-9.9'" in text
    assert "indicators[0].links[1].sdg" in text
    assert not Indicator.objects.exists()


def test_demo_snapshot_stores_the_real_kolada_snapshot_with_its_citation(demo):
    """The example's real values come from the shipped snapshot (data/indicators/vasterbotten/
    verkliga/), through the manual import: the file is the source response, the citation names
    Kolada, the key figure and the retrieval date, and the values are not synthetic."""
    pop = Observation.objects.get(indicator__external_id="N01951", area_code="2480", period=2022, gender="T")
    assert (pop.value, pop.synthetic) == (132235.0, False)
    assert pop.response.url == "kolada-N01951.csv" and pop.response.method == "FILE" and pop.response.source == "kolada"
    assert pop.response.citation.startswith("Kolada, nyckeltal N01951 (Invånare totalt, antal; uppgifter från SCB)")
    assert "2024-08-30" in pop.response.citation and pop.response.body.startswith("indikator;område;år;kön;värde\n")
    assert len(pop.response.sha256) == 64
    life = Observation.objects.get(indicator__external_id="N00925", area_code="24", period=2022, gender="T")
    assert (life.value, life.synthetic) == (83.99, False)  # Kolada's 0024 is the county, SCB code 24
    n01951 = Indicator.objects.get(external_id="N01951")
    assert not n01951.synthetic
    text = selectors.provenance(n01951).text
    assert text.startswith("Källa: Kolada, nyckeltal N01951") and "2024-08-30" in text and "Syntetiska" not in text
    brp = dict(Observation.objects.filter(indicator__external_id="BRP-LIVSKVALITET", period=2025).values_list("area_code", "value"))
    assert brp == {"24": 73.0, "00": 46.0}
    assert not Indicator.objects.get(external_id="BRP-LIVSKVALITET").synthetic
    # Every indicator with a snapshot file is real; synthetic values only where none exists (TAB638).
    real = {i.external_id for i in Indicator.objects.filter(synthetic=False)}
    assert real >= {"N01951", "N00401", "N01982", "N07918", "N00999", "N03702", "N00914", "N07418", "N00799",
                    "N07917", "N60988", "N00925", "N00923", "U01405", "N00957", "U70447", "N17461", "N02243", "BRP-LIVSKVALITET"}
    assert set(Observation.objects.filter(synthetic=True).values_list("indicator__external_id", flat=True)) == {"TAB638"}
    assert Indicator.objects.filter(synthetic=False).count() >= 2 * Indicator.objects.filter(synthetic=True).count()
    # deterministic and idempotent: same values on a second run, the snapshot is not read twice
    tab = Indicator.objects.get(external_id="TAB638")
    first = list(Observation.objects.filter(indicator=tab, area_code="24").order_by("period", "gender").values_list("value", flat=True))
    responses = SourceResponse.objects.filter(url="kolada-N01951.csv").count()
    real_count = Observation.objects.filter(synthetic=False).count()
    services.demo_snapshot(replace=True)
    again = list(Observation.objects.filter(indicator=tab, area_code="24").order_by("period", "gender").values_list("value", flat=True))
    assert first == again and SourceResponse.objects.filter(url="kolada-N01951.csv").count() == responses == 1
    assert Observation.objects.filter(synthetic=False).count() == real_count


def test_the_snapshot_matches_its_manifest_and_readme():
    """Every file in the snapshot is listed with a citation that names its key figure, and the
    README records the source repository, commit and licence."""
    import yaml

    folder = SETS / "verkliga"
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    listed = {e["file"] for e in manifest["files"]}
    assert listed == {p.name for p in folder.glob("*.csv")} and len(listed) >= 15
    for entry in manifest["files"]:
        assert entry["source"] == "kolada" and entry["file"] == f"kolada-{entry['indicator']}.csv"
        assert entry["citation"].startswith(f"Kolada, nyckeltal {entry['indicator']} (") and "2024-08-30" in entry["citation"]
        header, first = (folder / entry["file"]).read_text(encoding="utf-8").splitlines()[:2]
        assert header == "indikator;område;år;kön;värde" and first.startswith(entry["indicator"] + ";")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "open-numbers/ddf--kolada--dump" in readme and "8501d5c7694b444dbf59d063c5156754e2a9b819" in readme
    assert "Licens" in readme


def test_kolada_values_import_into_an_existing_indicator_only(tmp_path, indicator_sets):
    f = tmp_path / "kolada.csv"
    f.write_text("indikator;område;år;kön;värde\nN99999;0024;2022;T;1.5\n", encoding="utf-8")
    with pytest.raises(services.IndicatorError, match="indikatorn 'N99999' finns inte för källan kolada"):
        services.import_manual(f, source="kolada")
    f.write_text("indikator;område;år;kön;värde\nN00957;0024;2022;K;30.18\nN00957;2480;2022;T;19.5\n", encoding="utf-8")
    result = services.import_manual(f, source="kolada", source_label="Kolada, nyckeltal N00957, hämtat 2024-08-30")
    ind = Indicator.objects.get(source="kolada", external_id="N00957")
    assert result.indicators == ["N00957"] and result.response.source == "kolada"
    assert not Indicator.objects.filter(source="manual", external_id="N00957").exists()
    obs = Observation.objects.get(indicator=ind, area_code="24", period=2022, gender="K")
    assert obs.value == 30.18 and not obs.synthetic and obs.response.citation == "Kolada, nyckeltal N00957, hämtat 2024-08-30"


def test_synthetic_demo_values_are_plausible_for_what_they_measure(demo):
    """Still synthetic and labelled, but a reader should not see a county of 5 000 people."""
    county = Observation.objects.get(indicator__external_id="TAB638", area_code="24", period=2024, gender="T")
    assert county.synthetic and 200_000 <= county.value <= 320_000  # folkmängd (sum of the municipalities)
    percentages = Observation.objects.filter(indicator__unit="procent").values_list("value", flat=True)
    assert percentages and all(0 <= value <= 100 for value in percentages)


def test_observation_unique_constraint():
    ind = _kolada_indicator()
    Observation.objects.create(indicator=ind, area_code="24", period=2020, gender="T", value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(indicator=ind, area_code="24", period=2020, gender="T", value=2)


def test_link_constraint_requires_consistent_target(vasterbotten):
    ind = _kolada_indicator()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorLink.objects.create(indicator=ind, kind="subpriority", element_code="dp-1.1")  # no strategy


def test_bulk_insert_is_fast_enough_for_a_smoke_load():
    ind = _kolada_indicator()
    rows = ((ind.pk, "24", 1900 + i % 200, "TKM"[i // 200 % 3], float(i), "", False, None) for i in range(600))
    start = time.perf_counter()
    assert services.bulk_insert_observations(rows, batch_size=100) == 600
    assert time.perf_counter() - start < 5
    assert Observation.objects.filter(indicator=ind).count() == 600


# -- Kolada sync through stored responses ------------------------------------------


def test_sync_kolada_replay_stores_values_with_provenance(tmp_path):
    ind = _kolada_indicator()
    d = replay_dir(tmp_path, kolada_entries(), KOLADA_FILES)
    summary = services.sync_kolada(_client(d), areas=["24", "2480"])
    assert summary.ok and summary.requests == 3 and summary.batches == 1
    assert summary.counts.new == 18 and summary.warnings == []
    ind.refresh_from_db()
    assert ind.title == "Invånare totalt, antal" and ind.title_verified and ind.has_gender_split
    obs = Observation.objects.get(indicator=ind, area_code="24", period=2023, gender="T")
    assert obs.value == 277140 and not obs.synthetic
    assert obs.response.url.startswith("https://api.kolada.se/v3/data/kpi/N01951") and len(obs.response.sha256) == 64
    assert "277140" in obs.response.body
    assert selectors.provenance(ind).text.startswith("Källa: Kolada (N01951), hämtad ")
    # a second run changes nothing
    again = services.sync_kolada(_client(replay_dir(tmp_path, kolada_entries(), ())), areas=["24", "2480"])
    assert (again.counts.new, again.counts.changed, again.counts.unchanged) == (0, 0, 18)


def test_sync_retries_429_and_500_then_succeeds(tmp_path):
    _kolada_indicator()
    for status in (429, 500):
        (tmp_path / str(status)).mkdir()
        d = replay_dir(tmp_path / str(status), kolada_entries(first_status=status), KOLADA_FILES)
        summary = services.sync_kolada(_client(d), areas=["24", "2480"])
        assert summary.ok, summary.failed
        assert Observation.objects.count() == 18


def test_unknown_kpi_is_a_warning(tmp_path):
    _kolada_indicator()
    Indicator.objects.create(source="kolada", external_id="N99999", title="finns inte")
    kpi_url = "https://api.kolada.se/v3/kpi/N01951,N99999?per_page=5000"
    data_url = "https://api.kolada.se/v3/data/kpi/N01951,N99999/municipality/0024,2480?per_page=5000"
    entries = [{"url": kpi_url, "file": "kpi_N01951.json"}, {"url": data_url, "file": "data_N01951_p1.json"}] + kolada_entries()[2:]
    summary = services.sync_kolada(_client(replay_dir(tmp_path, entries, KOLADA_FILES)), areas=["24", "2480"])
    assert summary.ok
    assert any("N99999" in w and "känner inte till" in w for w in summary.warnings)


def test_mid_batch_failure_stores_nothing(tmp_path):
    ind = _kolada_indicator()
    d = replay_dir(tmp_path, kolada_entries(page2_status=500), KOLADA_FILES)
    summary = services.sync_kolada(_client(d), areas=["24", "2480"])
    assert not summary.ok
    assert "omgång 1 av 1" in summary.failed[0] and "500" in summary.failed[0]
    assert not Observation.objects.exists() and not SourceResponse.objects.exists()
    ind.refresh_from_db()
    assert ind.title == "gammal titel"


def test_failure_while_writing_rolls_back_the_batch(tmp_path):
    _kolada_indicator()
    d = replay_dir(tmp_path, kolada_entries(), KOLADA_FILES)
    with pytest.raises(services.IndicatorError):
        services.sync_kolada(_client(d), areas=["24", "2480"], fail_after=1)
    assert not Observation.objects.exists() and not SourceResponse.objects.exists()


def test_incremental_sync_updates_and_deletes(tmp_path):
    ind = _kolada_indicator()
    (tmp_path / "a").mkdir()
    services.sync_kolada(_client(replay_dir(tmp_path / "a", kolada_entries(), KOLADA_FILES)), areas=["24", "2480"])
    url = "https://api.kolada.se/v3/data/kpi/N01951/municipality/0024,2480?per_page=5000&from_date=2025-01-01"
    d = replay_dir(tmp_path, [kolada_entries()[0], {"url": url, "file": "data_N01951_from_date.json"}], ("kpi_N01951.json", "data_N01951_from_date.json"))
    from datetime import date

    summary = services.sync_kolada(_client(d), areas=["24", "2480"], since=date(2025, 1, 1))
    assert summary.counts.deleted == 1 and summary.counts.new == 6
    assert not Observation.objects.filter(indicator=ind, area_code="2480", period=2023, gender="T").exists()


def test_sync_command_with_replay_prints_summary_and_fails_loudly(tmp_path, vasterbotten):
    _kolada_indicator()
    out = StringIO()
    d = replay_dir(tmp_path, kolada_entries(page2_status=500), KOLADA_FILES)
    with pytest.raises(CommandError) as exc:
        call_command("indicators", "sync", "--source", "kolada", "--replay", str(d), stdout=out)
    assert "HÄMTNINGEN MISSLYCKADES" in str(exc.value)
    assert "förfrågningar" in out.getvalue()
    assert not Observation.objects.exists()


def test_sync_scb_replay(tmp_path, reference):
    from resultat.core.sources.scb import ScbClient

    ind = Indicator.objects.create(
        source="scb", external_id="TAB638", title="Folkmängd", unit="antal", decimals=0,
        query={"table": "TAB638", "region": "Region", "time": "Tid",
               "selection": {"ContentsCode": ["BE0101N1"], "Kon": ["1", "2"]},
               "gender": {"variable": "Kon", "map": {"1": "M", "2": "K"}, "total": "sum"}},
    )
    base = "https://statistikdatabasen.scb.se/api/v2"
    areas = ["24", "2401", "2403", "2404", "2409", "2417", "2418", "2421", "2422", "2425", "2460", "2462", "2463", "2480", "2481", "2482"]
    body = {"selection": [{"variableCode": "ContentsCode", "valueCodes": ["BE0101N1"]}, {"variableCode": "Kon", "valueCodes": ["1", "2"]},
                          {"variableCode": "Region", "valueCodes": areas}, {"variableCode": "Tid", "valueCodes": ["2021", "2022", "2023"]}]}
    import json

    data = json.loads((replay_dir.__globals__["FIXTURES"] / "scb" / "TAB638_data_vasterbotten.json").read_text())
    d = replay_dir(tmp_path, [
        {"url": f"{base}/config", "file": "config.json"},
        {"url": f"{base}/tables/TAB638/metadata?lang=sv", "file": "TAB638_metadata.json"},
        {"method": "POST", "url": f"{base}/tables/TAB638/data?lang=sv&outputFormat=json-stat2", "body": body, "json": data},
    ], ("config.json", "TAB638_metadata.json"))
    summary = services.sync_scb(ScbClient(HttpClient(transport=ReplayTransport(d), sleep=lambda s: None)), areas=areas)
    assert summary.ok, summary.failed
    women = Observation.objects.get(indicator=ind, area_code="2480", period=2023, gender="K").value
    men = Observation.objects.get(indicator=ind, area_code="2480", period=2023, gender="M").value
    total = Observation.objects.get(indicator=ind, area_code="2480", period=2023, gender="T")
    assert total.value == women + men and total.status == "summa K+M"


# -- manual import -----------------------------------------------------------------


def test_import_csv_with_swedish_decimal_comma(tmp_path, reference):
    f = tmp_path / "brp.csv"
    f.write_text("indikator;titel;enhet;område;år;värde\nBRP-X;BRP+ test;index;Västerbottens län;2025;73,5\nBRP-X;;;00;2025;1 046,0\n", encoding="utf-8")
    result = services.import_manual(f)
    assert result.counts.new == 2
    ind = Indicator.objects.get(source="manual", external_id="BRP-X")
    assert dict(ind.observations.values_list("area_code", "value")) == {"24": 73.5, "00": 1046.0}
    assert ind.observations.first().response.sha256


def test_import_errors_are_row_and_column_precise_and_atomic(tmp_path, reference):
    f = tmp_path / "bad.csv"
    f.write_text("indikator;titel;område;år;värde;kön\nX;T;24;2025;7,5;T\nX;T;Atlantis;20x5;sju;Q\nX;T;24;2025;8;T\n", encoding="utf-8")
    with pytest.raises(services.IndicatorError) as exc:
        services.import_manual(f)
    text = str(exc.value)
    assert "bad.csv, rad 3, kolumn C (område): okänt område 'Atlantis'" in text
    assert "rad 3, kolumn D (år)" in text
    assert "rad 3, kolumn E (värde): inte ett tal: 'sju'" in text
    assert "rad 3, kolumn F (kön)" in text
    assert "rad 4: samma indikator, område, år och kön som rad 2" in text
    assert not Indicator.objects.exists() and not SourceResponse.objects.exists()


def test_import_xlsx_and_missing_column(tmp_path, reference):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Indikator", "Titel", "Område", "År", "Värde", "Kön"])
    ws.append(["BRP-Y", "BRP+ kön", "2480", 2025, 70.25, "K"])
    ws.append(["BRP-Y", None, "2480", 2025, "69,75", "M"])
    path = tmp_path / "v.xlsx"
    wb.save(path)
    services.import_manual(path)
    ind = Indicator.objects.get(external_id="BRP-Y")
    assert ind.has_gender_split and ind.observations.count() == 2
    bad = tmp_path / "m.csv"
    bad.write_text("indikator;år;värde\nX;2020;1\n", encoding="utf-8")
    with pytest.raises(services.IndicatorError, match="rad 1: kolumn\\(er\\) saknas: område"):
        services.import_manual(bad)


def test_import_command_reports_nothing_written(tmp_path, reference):
    bad = tmp_path / "m.csv"
    bad.write_text("indikator;titel;område;år;värde\nX;T;24;2020;abc\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Inget skrevs"):
        call_command("indicators", "import", str(bad))


# -- assessment, override, selectors ---------------------------------------------------


def test_override_needs_analyst_and_justification(demo):
    ind = Indicator.objects.get(external_id="N00914")
    editor = make_user("ebba", Role.EDITOR)
    analyst = make_user("anna", Role.ANALYST)
    with pytest.raises(PermissionDenied):
        services.set_override(ind, editor, "deterioration", "x")
    with pytest.raises(services.IndicatorError, match="motivering"):
        services.set_override(ind, analyst, "deterioration", "  ")
    services.set_override(ind, analyst, "deterioration", "Syntetiska värden; ny mätmetod 2023.")
    a = selectors.assessment(ind)
    assert a.status == "deterioration" and a.overridden and a.override.created_by == analyst
    services.set_override(ind, analyst, "limited_progress", "Ny bedömning.")
    assert AssessmentOverride.objects.filter(indicator=ind).count() == 2
    assert AssessmentOverride.objects.filter(indicator=ind, active=True).count() == 1


def test_assessment_uses_link_target(demo):
    link = IndicatorLink.objects.filter(indicator__external_id="N00914", target_value__isnull=False).first()
    a = selectors.assessment(link.indicator, link)
    assert a.automatic.method == 2 and a.target == (82.0, 2030)
    plain = selectors.assessment(link.indicator)
    assert plain.automatic.method == 1


def test_subpriority_selector_for_the_report(demo):
    rows = selectors.subpriority_indicators("rus", "dp-6.2", render_svg=True)
    assert {r["id"] for r in rows} >= {"N00914", "N17461"}
    row = next(r for r in rows if r["id"] == "N00914")
    assert not row["synthetic"] and row["source_text"].startswith("Källa: Kolada, nyckeltal N00914") and "2024-08-30" in row["source_text"]
    assert row["assessment"]["status"] in {s for s in ("target_achieved", "substantial_progress", "moderate_progress", "limited_progress", "deterioration", "not_available")}
    assert row["target"] == {"value": 82.0, "year": 2030, "direction": "higher"}
    assert row["chart"]["svg"].startswith("<svg") and row["table"]["header"][0] == "År"
    charts.validate(row["chart"]["spec"])


def test_every_subpriority_has_indicators_with_charts(demo):
    from resultat.strategy.models import SubPriority

    for sub in SubPriority.objects.filter(version__code="aktualisering-2025-26"):
        rows = selectors.subpriority_indicators("rus", sub.code)
        assert rows, sub.code
        for row in rows:
            assert row["chart"]["spec"]["layer"]


@pytest.mark.parametrize("ref_area", ["24", "00"])
def test_municipality_chart_is_synthetic_when_a_reference_line_is(demo, ref_area):
    ind = Indicator.objects.get(source="kolada", external_id="N00914")
    assert selectors.comparable(ind)
    Observation.objects.filter(indicator=ind).update(synthetic=False)

    def comparison():
        return next(c for c in selectors.build_charts(ind, render=False) if c.kind == "kommuner")

    chart = comparison()
    assert not chart.synthetic and "Syntetiska" not in chart.table_caption
    year = int(chart.title.rsplit(", ", 1)[1])
    assert Observation.objects.filter(indicator=ind, area_code=ref_area, period=year, gender="T").update(synthetic=True) == 1
    chart = comparison()
    assert chart.synthetic and "Syntetiska demovärden" in chart.table_caption


@pytest.mark.parametrize("name, body, message", [
    ("nul.csv", "indikator;titel;område;år;värde\nX;T\x00;24;2025;1\n".encode(), "nul.csv, rad 2, kolumn B: innehåller ett NUL-tecken"),
    ("lang.csv", ("indikator;titel;område;år;värde\nX;\"" + "x" * 140_000 + "\";24;2025;1\n").encode(), "lang.csv, rad 2: kan inte läsas som CSV"),
    ("trasig.xlsx", b"PK\x03\x04trasig", "trasig.xlsx: kan inte läsa Excel-filen"),
])
def test_manual_import_of_a_hostile_file_is_a_clear_error(tmp_path, reference, name, body, message):
    path = tmp_path / name
    path.write_bytes(body)
    with pytest.raises(services.IndicatorError) as exc:
        services.import_manual(path)
    assert message in str(exc.value)
    assert not Indicator.objects.exists() and not SourceResponse.objects.exists()


def test_manual_import_refuses_a_cell_past_the_last_column(tmp_path, reference):
    from tests.core.tabular.test_hostile_files import HEADER, sheet, xlsx

    path = tmp_path / "ond.xlsx"
    path.write_bytes(xlsx(sheet(HEADER + '<row r="2"><c r="AAAAAAA2"><v>1</v></c></row>')))
    with pytest.raises(services.IndicatorError, match="ond.xlsx, rad 2: .*XFD"):
        services.import_manual(path)


def test_an_indicator_with_municipal_values_has_a_map(demo, client):
    ind = Indicator.objects.get(source="kolada", external_id="N00914")
    chart = next(c for c in selectors.build_charts(ind, render=False) if c.kind == "karta")
    names = [f["properties"]["namn"] for f in chart.spec["data"]["values"]]
    assert len(names) == 15 and "Umeå" in names and "Åsele" in names
    assert not chart.synthetic and "Syntetiska" not in chart.table_caption  # real values (the Kolada snapshot)
    assert [row[0] for row in chart.rows][:2] == ["Bjurholm", "Dorotea"]  # the table in Swedish name order
    response = client.get("/indikatorer/kolada/N00914/karta.svg")
    assert response.status_code == 200 and response.content.startswith(b"<svg")


def test_counts_get_no_map(demo):
    ind = Indicator.objects.get(source="kolada", external_id="N01951")
    assert not selectors.comparable(ind)
    assert "karta" not in [c.kind for c in selectors.build_charts(ind, render=False)]
