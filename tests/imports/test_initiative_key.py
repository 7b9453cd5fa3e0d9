"""The initiative register against the hand-labelled key (tests/fixtures/initiatives-key-2025.yaml).

Targets (issue 19): ≥ 95 % of the "Ett urval av insatser" items and ≥ 85 % of all named
initiatives found, ≥ 95 % precision of the records created without review. The tuned part
(chapter P6) must meet them all. The first held-out part (chapter P3) met the "Ett urval" and
precision targets but not recall of all named initiatives (78.6 %); its six misses were then
read for their *classes* (cue + lower-case name + acronym, lists after "samarbetet"/"aktörer
som", an acronym after a list, capitalised compounds ending in a kind noun, an owner's
compound strategy, apposition), the classes were fixed, and it now meets all three. Since
its misses were read it is no longer blind. Two more chapters were labelled and measured
blind in turn (P5, P2, P4: 73.2 %, 76.2 % and 69.4 %, short of the target), and then tuned
the same way; docs/import.md, "The initiative register", says what was measured on which part.
"""

from pathlib import Path

import pytest
import yaml

from resultat.core.reportparse import parse_report
from resultat.core.reportparse.initiatives import evaluate, extract_initiatives

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "data/reports/vasterbotten/resultat-vasterbotten-2025.ocr.txt"
KEY = ROOT / "tests/fixtures/initiatives-key-2025.yaml"
STRUCTURE = ROOT / "data/followup/vasterbotten/structure-2025.yaml"


@pytest.fixture(scope="module")
def report():
    return parse_report(REPORT.read_text(encoding="utf-8"), year=2025, structure=yaml.safe_load(STRUCTURE.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def register(report):
    return extract_initiatives(report)


@pytest.fixture(scope="module")
def key():
    return yaml.safe_load(KEY.read_text(encoding="utf-8"))


def ratio(pair) -> float:
    return pair[0] / pair[1]


def test_the_key_is_well_formed(key):
    assert set(key["parts"]) == {"tuned", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"}
    kinds = {"project", "programme", "network", "award", "event", "strategy", "study", "fund"}
    for e in key["initiatives"]:
        assert e["part"] in key["parts"] and e["kind"] in kinds and e["rv_run"] in (True, False, None), e
        lo_hi = key["parts"][e["part"]]["lines"]
        assert all(any(lo <= n <= hi for lo, hi in lo_hi) for n in e["lines"]), e
    assert sum(1 for e in key["initiatives"] if e["part"] == "tuned" and not e.get("optional")) >= 30


def test_tuned_part_meets_the_targets(register, key):
    r = evaluate(register, key, "tuned")
    assert ratio(r["urval"]) >= 0.95, r["urval"]
    assert ratio(r["all"]) >= 0.85, r["all"]
    assert ratio(r["all_auto"]) >= 0.85, r["all_auto"]
    assert ratio(r["precision"]) >= 0.95, r["false_positives"]


@pytest.mark.parametrize("part, all_named, precision", [("heldout", 0.90, 0.95), ("heldout2", 0.90, 0.95), ("heldout3", 0.90, 0.95), ("heldout4", 0.85, 0.95), ("heldout5", 0.85, 0.95),
                                                          ("heldout6", 0.90, 0.95), ("heldout7", 0.90, 0.95)])
def test_held_out_parts(register, key, part, all_named, precision):
    """Regression floors just under the figures of 2026-12-07 ~20:15 UTC. Each part was
    first measured blind (P3 78.6 %, P5 73.2 %, P2 76.2 %, P4 69.4 % of all named
    initiatives found, P1a 81.1 %; precision P5 88.9 %, P2 92.9 %, P4 78.6 %, P1a 88.9 %; with the
    extractor of ab64b15 P1b 72.2 % / 87.5 % and RU 85.7 % / 97.1 %, "Ett urval" P1b 80 %);
    then its misses were
    read for their classes and the classes fixed, so these figures are no longer held-out
    figures (docs/import.md says which are)."""
    r = evaluate(register, key, part)
    assert r["urval"][1] == 0 or ratio(r["urval"]) >= 0.95, r["urval"]  # P1's first half has no "Ett urval" items
    assert ratio(r["all"]) >= all_named, r["all"]
    assert ratio(r["precision"]) >= precision, r["false_positives"]


def test_extraction_is_deterministic(report, register):
    again = extract_initiatives(report)
    assert [(x.name, x.kind, x.confidence, x.keys) for x in again] == [(x.name, x.kind, x.confidence, x.keys) for x in register]


def test_no_two_records_share_a_key(register):
    seen = {}
    for x in register:
        for k in x.keys:
            assert k not in seen, (x.name, seen.get(k))
            seen[k] = x.name


def test_the_issues_examples(register):
    names = {x.name: x for x in register}
    assert "Digital Impact North" in names and names["Digital Impact North"].acronym == "DIN"
    din = names["Digital Impact North"]
    assert len({m.block_line for m in din.mentions}) >= 3  # BID, SAM and INS of P1: one record
    assert {"Regio Stars Västerbotten"} <= set(names)  # "SMALL, Regio Stars Västerbotten" split into members
    fyr = [x for x in register if x.name.startswith("Fyrlänsträff")]
    assert len(fyr) <= 1  # Fyrlänsträff / Fyrlänsträffen: one key
