"""The shipped Västerbotten strategy: both versions load, with the full tree."""

from django.db.models import Count

from resultat.strategy import models, selectors, services
from tests.factories import NEW_VERSION, OLD_VERSION


def test_new_version_has_the_whole_tree(vasterbotten):
    v = vasterbotten
    assert models.OverallGoal.objects.filter(version=v).count() == 2
    assert models.Perspective.objects.filter(version=v).count() == 3
    assert models.Priority.objects.filter(version=v).count() == 6
    assert models.SubPriority.objects.filter(version=v).count() == 20
    assert models.Challenge.objects.filter(version=v).count() == 109
    assert models.Need.objects.filter(version=v).count() == 109
    numbers = list(models.SubPriority.objects.filter(version=v).order_by("order").values_list("number", flat=True))
    assert numbers[:3] == ["1.1", "1.2", "1.3"] and numbers[-1] == "6.3"
    # need N answers challenge N, also where the source numbers two needs "4" (5.3)
    for sub in models.SubPriority.objects.filter(version=v).annotate(c=Count("challenges", distinct=True), n=Count("needs", distinct=True)):
        assert sub.c == sub.n, sub.code
    fifth = models.Need.objects.get(version=v, code="dp-5.3-b5")
    assert fifth.label == "4" and fifth.challenge.code == "dp-5.3-u5"
    assert v.level("subpriority") == "Delprioritering"


def test_previous_version_and_mapping(vasterbotten):
    old = vasterbotten.previous
    assert old is not None and old.code == "uppfoljning-2025"
    assert models.SubPriority.objects.filter(version=old).count() == 0
    titles = list(models.Priority.objects.filter(version=old).values_list("title", flat=True))
    assert titles[0] == "Västerbotten — En nytänkande och smart region"
    mapping = {m.from_code: m.to_code for m in vasterbotten.mappings.all()}
    assert mapping["mal-levande"] == "mal-livskraftig"
    assert all(mapping[f"p-{n}"] == f"p-{n}" for n in range(1, 7))
    assert selectors.current_version(vasterbotten.strategy) == vasterbotten


def test_shipped_files_load_idempotently(vasterbotten):
    assert services.load_strategy_file(OLD_VERSION).unchanged
    assert services.load_strategy_file(NEW_VERSION).unchanged


def test_export_of_shipped_version_reloads_unchanged_rows(vasterbotten, tmp_path):
    from resultat.core.strategy import dump_document

    exported = tmp_path / "export.yaml"
    exported.write_text(dump_document(selectors.export_version(vasterbotten)), encoding="utf-8")
    result = services.load_strategy_file(exported)
    element_changes = {k: n for k, n in result.changes.items() if not k.startswith("version")}
    assert element_changes == {}
