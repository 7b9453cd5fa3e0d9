import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_text_repair_reads_stdin_and_files(tmp_path):
    sample = "Region Vasterbotten ar en del av lanet. Kontakt: nils.enwald@regionvasterbotten.se, 2024-01-01.\n"
    env = {"RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "resultat.cli", "text", "repair"]
    out = subprocess.run(cmd, input=sample, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "Region Västerbotten är en del av länet. Kontakt: nils.enwald@regionvasterbotten.se, 2024-01-01.\n"
    f = tmp_path / "in.txt"
    f.write_text(sample, encoding="utf-8")
    assert subprocess.run([*cmd, str(f)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120).stdout == out.stdout
    missing = subprocess.run([*cmd, str(tmp_path / "nope.txt")], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert missing.returncode != 0 and "nope.txt" in missing.stderr
