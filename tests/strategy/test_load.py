"""Loading strategy files into the database: atomic, idempotent, clear errors."""

import pytest
import yaml
from django.core.management import CommandError, call_command

from resultat.core.strategy import StrategyFileError, parse_document
from resultat.strategy import models, selectors, services

ALL_MODELS = [
    models.Region,
    models.Strategy,
    models.StrategyVersion,
    models.OverallGoal,
    models.Perspective,
    models.Priority,
    models.RelatedPlan,
    models.SubPriority,
    models.SubPriorityPerspective,
    models.Challenge,
    models.Need,
    models.VersionMapping,
]


def snapshot():
    return {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in ALL_MODELS}


def test_example_loads_with_its_own_level_names(reference, example_file):
    result = services.load_strategy_file(example_file)
    version = result.version
    assert not result.unchanged
    assert version.level("priority") == "Insatsområde"
    assert version.level("need", plural=True) == "Åtgärder"
    assert models.SubPriority.objects.get(version=version, code="m-1.1").priority.code == "io-1"
    need = models.Need.objects.get(version=version, code="m-1.1-a2")
    assert need.challenge.code == "m-1.1-p2"
    assert [g.number for g in models.Priority.objects.get(version=version, code="io-1").sdg_goals.all()] == [4]
    assert {i.code for i in models.Priority.objects.get(version=version, code="io-1").framework_items.all()} == {"nat-2", "po4"}
    assert version.strategy.region.area.name.startswith("Norrbotten")


def test_loading_twice_changes_nothing(reference, example_file):
    services.load_strategy_file(example_file)
    before = snapshot()
    loaded_at = models.StrategyVersion.objects.get().loaded_at
    again = services.load_strategy_file(example_file)
    assert again.unchanged
    assert snapshot() == before
    assert models.StrategyVersion.objects.get().loaded_at == loaded_at


def test_reload_updates_in_place_and_keeps_ids(reference, example_file, tmp_path):
    services.load_strategy_file(example_file)
    sub_pk = models.SubPriority.objects.get(code="m-1.1").pk
    data = yaml.safe_load(example_file.read_text(encoding="utf-8"))
    data["priorities"][0]["subpriorities"][0]["goal"] = "Ett nytt mål."
    data["priorities"][0]["subpriorities"][0]["challenges"].append({"code": "m-1.1-p3", "label": "3", "text": "Nytt."})
    data["priorities"][0]["subpriorities"][0]["needs"].append({"code": "m-1.1-a3", "label": "3", "challenge": "m-1.1-p3", "title": "Nytt behov."})
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = services.load_strategy_file(changed)
    sub = models.SubPriority.objects.get(code="m-1.1")
    assert sub.pk == sub_pk and sub.goal == "Ett nytt mål."
    assert result.changes["delprioriteringar ändrade"] == 1
    assert result.changes["utmaningar nya"] == 1 and result.changes["behov nya"] == 1
    assert sub.needs.count() == 3


@pytest.mark.parametrize(
    "breakage, expected",
    [
        (lambda d: d["priorities"][0]["subpriorities"][0].pop("goal"), "saknar fältet goal"),
        (lambda d: d["priorities"][1].update(code="io-1"), "används redan"),
        (lambda d: d["priorities"][0]["subpriorities"][0]["needs"][0].update(challenge="m-1.1-p7"), "m-1.1-p7"),
        (lambda d: d["goals"][0].update(sdg_goals=[19]), "okänt Agenda 2030-mål 19"),
        (lambda d: d["priorities"][0]["subpriorities"][0].update(sdg_targets=["4.x"]), "4.x"),
        (lambda d: d["region"].update(area="99"), "okänt område"),
    ],
    ids=["missing-field", "duplicate-code", "need-without-challenge", "unknown-sdg", "unknown-target", "unknown-area"],
)
def test_broken_file_writes_nothing(reference, example_file, tmp_path, breakage, expected):
    data = yaml.safe_load(example_file.read_text(encoding="utf-8"))
    breakage(data)
    bad = tmp_path / "trasig.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = snapshot()
    with pytest.raises(StrategyFileError) as info:
        services.load_strategy_file(bad)
    assert expected in str(info.value)
    assert str(bad) in str(info.value)
    assert snapshot() == before


def test_failure_half_way_leaves_database_unchanged(reference, example_file, monkeypatch):
    services.load_strategy_file(example_file)
    before = snapshot()
    data = yaml.safe_load(example_file.read_text(encoding="utf-8"))
    data["vision"]["title"] = "Ny vision"
    data["priorities"][0]["subpriorities"][0]["perspectives"][0]["text"] = "Ändrad text."

    def explode(*args, **kwargs):
        raise RuntimeError("avbrott mitt i skrivningen")

    monkeypatch.setattr(models.SubPriorityPerspective.objects, "bulk_create", explode)
    doc = parse_document(yaml.safe_dump(data, allow_unicode=True), known=services.known_references())
    with pytest.raises(RuntimeError):
        services.load_strategy_document(doc)
    assert snapshot() == before
    assert models.StrategyVersion.objects.get().vision_title == "Exempel – en region för alla"


def test_missing_reference_data_is_a_clear_error(db, example_file):
    with pytest.raises(StrategyFileError, match="reference load"):
        services.load_strategy_file(example_file)


def test_export_round_trips_the_file(reference, example_file):
    version = services.load_strategy_file(example_file).version
    original = parse_document(example_file.read_text(encoding="utf-8"), known=services.known_references())
    exported = selectors.export_version(version)
    assert exported == original.data


def test_cli_load_and_export(reference, example_file, tmp_path, capsys):
    call_command("strategy", "load", str(example_file))
    out = tmp_path / "ut.yaml"
    call_command("strategy", "export", "--strategy", "rds", "--version", "v1", "--out", str(out))
    assert parse_document(out.read_text(encoding="utf-8")).data["version"]["code"] == "v1"
    call_command("strategy", "list")
    assert "rds" in capsys.readouterr().out


def test_cli_reports_every_problem_and_writes_nothing(reference, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: resultat-strategy/1\nregion: {slug: x}\n", encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("strategy", "load", str(bad))
    message = str(info.value)
    assert "inget lästes in" in message and "saknar fältet" in message and "bad.yaml:" in message
    assert models.Region.objects.count() == 0
