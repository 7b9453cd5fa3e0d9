"""``python -m resultat.core.ocr [FILE]``, and the speed on the whole 2025 report."""

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from resultat.core.ocr import Repairer
from resultat.core.ocr.__main__ import main
from resultat.core.ocr.context import ContextModel

ROOT = Path(__file__).resolve().parents[3]
# The seeds live beside the repository (<repo>/../shared, or $RESULTAT_SHARED_DIR), as
# for the other seed tests (docs/testing.md); never an absolute path of one machine.
OCR_SEED = Path(os.environ.get("RESULTAT_SHARED_DIR") or ROOT.parent / "shared") / "seeds" / "resultat-vasterbotten-2025.ocr.txt"

EXCERPT = (  # lines 14-17 of the OCR seed
    "Den har rapporten, Resultat Vasterbotten 2025,\n"
    "publiceras for tredje gangen som en del i Region\n"
    "Vasterbotten uppfdljning av den regionala\n"
    "utvecklingsstrategin, Vésterbotten — en attraktiv\n"
)
REPAIRED = (
    "Den här rapporten, Resultat Västerbotten 2025,\n"
    "publiceras för tredje gången som en del i Region\n"
    "Västerbotten uppföljning av den regionala\n"
    "utvecklingsstrategin, Västerbotten — en attraktiv\n"
)


def test_file_argument(tmp_path, capsys):
    path = tmp_path / "ocr.txt"
    path.write_text(EXCERPT, encoding="utf-8")
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == REPAIRED


def test_standard_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXCERPT.encode("utf-8"))))
    assert main([]) == 0
    assert capsys.readouterr().out == REPAIRED


def test_layout_option(tmp_path, capsys):
    path = tmp_path / "ocr.txt"
    path.write_text(EXCERPT, encoding="utf-8")
    assert main(["--layout", str(path)]) == 0
    assert capsys.readouterr().out == REPAIRED.replace("\n", " ").rstrip() + "\n"


def test_missing_file(capsys):
    assert main(["/nonexistent/ocr.txt"]) == 2
    assert "Kan inte läsa" in capsys.readouterr().err


def test_train_context(tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text("Det är ett år sedan. Den här rapporten är kort.", encoding="utf-8")
    assert main(["--train-context", str(path)]) == 0
    model = ContextModel.parse(capsys.readouterr().out)
    assert model.unigrams["är"] == 2
    assert model.left[("ett", "år")] == 1
    assert model.right[("här", "rapporten")] == 1
    assert model.sources == ["clean.txt"]


def test_run_as_module():
    result = subprocess.run(
        [sys.executable, "-m", "resultat.core.ocr"],
        input=EXCERPT.encode("utf-8"),
        capture_output=True,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.decode("utf-8") == REPAIRED


@pytest.mark.skipif(not OCR_SEED.exists(), reason="the OCR seed is not on this machine")
def test_whole_report_is_fast_and_keeps_its_lines():
    text = OCR_SEED.read_text(encoding="utf-8")
    repairer = Repairer()
    assert len(repairer.lexicon) > 300_000  # loads the word list outside the timing
    start = time.process_time()
    out = repairer.repair_text(text)
    seconds = time.process_time() - start
    assert out.count("\n") == text.count("\n")
    assert "Västerbotten" in out and "Vasterbotten " not in out
    # bench/ocr_eval.py measures properly; this only catches a large slowdown (about twice
    # today's 1.8-2.1 s of CPU on the 2-core machine, which a loaded machine inflates)
    assert seconds < 4.0
