"""Running pip-audit over requirements/prod.txt and reading its answer.

pip-audit asks the PyPI JSON API for every pinned package. When a package cannot be
looked up it does not fail: it reports a ``skip_reason`` and "No known
vulnerabilities", which would make an audit that audited nothing look green. So the
answer is read here: every skipped package is reported, and the caller decides.

Some registry mirrors (this project's CI among them) serve the project JSON
(``/pypi/<name>/json``) but not the per-version JSON pip-audit asks for. The project
JSON carries PyPI's vulnerability list for the newest release only, so a skipped
package whose pin *is* the newest release is audited from it; anything else stays
"not audited" and is reported as such.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements" / "prod.txt"
PYPI_PROJECT_JSON = "https://pypi.org/pypi/{name}/json"
EXCEPTIONS = ROOT / "requirements" / "audit-exceptions.txt"


@dataclass
class AuditResult:
    audited: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    vulnerabilities: list[tuple[str, str, str, list[str]]] = field(default_factory=list)  # name, version, id, fixes
    #: packages audited from the project JSON (pin == newest release) instead of pip-audit
    from_project_json: list[str] = field(default_factory=list)


class ExceptionsFileError(ValueError):
    pass


def read_exceptions(path: Path = EXCEPTIONS) -> dict[str, str]:
    """VULN-ID -> "package: reason". Every line must give a package and a reason."""
    found = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        parts = line.split(None, 2)
        if len(parts) < 3:
            raise ExceptionsFileError(f"{path.name}, rad {number}: ange ID, paket och motivering: {line!r}")
        found[parts[0]] = f"{parts[1]}: {parts[2]}"
    return found


def parse(report: dict) -> AuditResult:
    result = AuditResult()
    for dep in report.get("dependencies", []):
        if dep.get("skip_reason"):
            result.skipped[dep["name"]] = dep["skip_reason"]
            continue
        result.audited.append(dep["name"])
        for vuln in dep.get("vulns", []):
            result.vulnerabilities.append((dep["name"], dep.get("version", "?"), vuln["id"], vuln.get("fix_versions", [])))
    return result


def _pinned_version(skip_reason: str) -> str | None:
    # pip-audit: "Dependency not found on PyPI and could not be audited: nh3 (0.3.8)"
    if skip_reason.endswith(")") and "(" in skip_reason:
        return skip_reason.rsplit("(", 1)[1][:-1]
    return None


def audit_from_project_json(result: AuditResult, exceptions: dict[str, str], client: httpx.Client) -> None:
    """Audit skipped packages whose pin is the newest release from PyPI's project JSON."""
    for name, reason in list(result.skipped.items()):
        version = _pinned_version(reason)
        if version is None:
            continue
        try:
            response = client.get(PYPI_PROJECT_JSON.format(name=name))
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as error:
            result.skipped[name] = f"{reason}; projekt-JSON: {error}"
            continue
        latest = data.get("info", {}).get("version")
        if latest != version:
            result.skipped[name] = f"{name} {version} är inte senaste versionen ({latest}) och PyPI:s JSON per version nås inte"
            continue
        del result.skipped[name]
        result.audited.append(name)
        result.from_project_json.append(name)
        for vuln in data.get("vulnerabilities") or []:
            if vuln.get("withdrawn") or vuln.get("id") in exceptions or set(vuln.get("aliases") or ()) & set(exceptions):
                continue
            result.vulnerabilities.append((name, version, vuln.get("id", "?"), list(vuln.get("fixed_in") or [])))


def run(requirements: Path = REQUIREMENTS, exceptions: dict[str, str] | None = None, timeout: int = 600) -> AuditResult:
    exceptions = read_exceptions() if exceptions is None else exceptions
    command = [
        sys.executable, "-m", "pip_audit", "-r", str(requirements), "--disable-pip", "--no-deps",
        "--progress-spinner", "off", "--format", "json", "--cache-dir", str(Path("/tmp") / "resultat-pip-audit-cache"),
    ]
    for vuln_id in exceptions:
        command += ["--ignore-vuln", vuln_id]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"pip-audit gav inget JSON-svar (status {completed.returncode}): {completed.stderr.strip()[-2000:]}") from error
    result = parse(report)
    if result.skipped:
        with httpx.Client(timeout=30, follow_redirects=True) as client:
            audit_from_project_json(result, exceptions, client)
    return result
