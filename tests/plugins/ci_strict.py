"""The project's markers, and CI strictness.

Loaded with ``-p tests.plugins.ci_strict`` (see ``addopts`` in pyproject.toml).

* ``live``: talks to real outside services; deselected unless the ``-m`` expression
  names ``live`` (``-m live``). Never counted by the CI rule below.
* ``postgres_only``: skipped unless ``RESULTAT_TEST_DB=postgres``; runs in the
  PostgreSQL pass. The skip on SQLite is expected, also in CI.
* ``browser``: added automatically to tests under tests/browser/ (their conftest).

With ``CI`` set (and not 0/false/no) a skipped test that is a browser test, a
``postgres_only`` test or any test of the PostgreSQL run (``RESULTAT_TEST_DB=postgres``)
is reported as a failure, so a missing Chromium or PostgreSQL can't pass CI silently.
Expected failures (xfail) are left alone.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

_FALSE = {"", "0", "false", "no", "off", "nej"}

MARKERS = {
    "browser": "drives a real Chromium against a live server",
    "postgres_only": "runs only when the database is PostgreSQL",
    "live": "talks to real outside services; excluded by default",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in _FALSE


def postgres_run() -> bool:
    return os.environ.get("RESULTAT_TEST_DB", "").strip().lower() in {"postgres", "postgresql", "pg"}


def strict_kind(item: pytest.Item) -> str | None:
    """Why a skip of this test is an error in CI, or None when a skip is allowed."""
    if item.get_closest_marker("live"):
        return None
    if item.get_closest_marker("browser"):
        return "webbläsartest"
    if item.get_closest_marker("postgres_only") and postgres_run():
        return "PostgreSQL-test"
    if postgres_run():
        return "test i PostgreSQL-passet"
    return None


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        path, lineno, message = longrepr
        return f"{message} ({path}:{lineno})"
    return str(longrepr)


def _fail(report, kind: str) -> None:
    reason = _skip_reason(report)
    report.outcome = "failed"
    report.longrepr = (
        f"CI: {kind} hoppades över, vilket räknas som fel när CI är satt.\n"
        f"Skäl: {reason}"
    )


def pytest_configure(config: pytest.Config) -> None:
    known = {line.split(":", 1)[0].split("(", 1)[0].strip() for line in config.getini("markers")}
    for name, text in MARKERS.items():
        if name not in known:
            config.addinivalue_line("markers", f"{name}: {text}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    markexpr = config.getoption("markexpr", "") or ""
    if not re.search(r"\blive\b", markexpr):
        live = [item for item in items if item.get_closest_marker("live")]
        if live:
            config.hook.pytest_deselected(items=live)
            items[:] = [item for item in items if not item.get_closest_marker("live")]
    if not postgres_run():
        skip = pytest.mark.skip(reason="postgres_only: körs bara i PostgreSQL-passet (RESULTAT_TEST_DB=postgres)")
        for item in items:
            if item.get_closest_marker("postgres_only"):
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    if report.skipped and in_ci() and not hasattr(report, "wasxfail"):
        kind = strict_kind(item)
        if kind is not None:
            _fail(report, kind)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    """A whole browser module (or any module in the PostgreSQL run) skipped at import."""
    report = yield
    if report.skipped and in_ci() and isinstance(collector, pytest.Module):
        if "browser" in Path(collector.path).parts:
            _fail(report, "en modul med webbläsartester")
        elif postgres_run():
            _fail(report, "en modul i PostgreSQL-passet")
    return report
