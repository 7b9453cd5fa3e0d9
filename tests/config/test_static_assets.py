"""Static files as production serves them: collected by the manifest storage.

In production ``resultat collectstatic`` runs with WhiteNoise's
CompressedManifestStaticFilesStorage, which rewrites every reference inside CSS and
JavaScript to its hashed name and refuses a reference to a file that does not exist. A
vendored file ending in ``//# sourceMappingURL=x.map`` without its map once made the
command fail and every HTML page answer 500.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "resultat" / "static"
REFERENCE = re.compile(r"sourceMappingURL=([^\s*]+)|url\(\s*['\"]?([^'\")]+)")


def test_every_reference_in_a_static_file_exists():
    missing = []
    for path in sorted(STATIC.rglob("*")):
        if path.suffix not in (".js", ".css") or not path.is_file():
            continue
        for match in REFERENCE.finditer(path.read_text(encoding="utf-8", errors="replace")):
            target = match.group(1) or match.group(2)
            if target.startswith(("data:", "#", "http:", "https:", "//")) or "${" in target or "+" in target:
                continue
            if not (path.parent / target.split("?")[0].split("#")[0]).exists():
                missing.append(f"{path.relative_to(ROOT)}: {target}")
    assert missing == []


def test_collectstatic_with_the_production_storage(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("RESULTAT_DEV", "DEBUG", "RESULTAT_TESTING")}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="resultat.example.se", RESULTAT_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "resultat.cli", "collectstatic", "--noinput"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    paths = manifest["paths"]
    for name in ("css/resultat.css", "vendor/htmx/htmx.min.js", "vendor/vega/vega-embed.min.js"):
        assert name in paths and (tmp_path / "static" / paths[name]).exists()
        assert (tmp_path / "static" / (paths[name] + ".gz")).exists()
