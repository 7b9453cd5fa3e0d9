"""Browser tests: Playwright (sync API) driving Debian's Chromium against live_server.

Fixtures:

* ``page`` – a new page in a new browser context per test, with ``base_url`` set to
  the live server (``page.goto("/")`` works) and Swedish as the browser language.
  Every request that does not go to the live server is aborted and recorded in
  ``blocked_requests``; nothing is loaded from the network.
* ``axe_check(page)`` – injects the vendored axe-core and returns its violations for
  WCAG 2.0/2.1 A and AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa).
* ``assert_no_axe_violations(page)`` – the same, failing with a readable list.

Chromium is /usr/bin/chromium, or $RESULTAT_CHROMIUM. Without it the tests skip; in CI
that skip is a failure (tests/plugins/ci_strict.py). Every test here gets the marker
``browser``. See docs/testing.md.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest

from tests.browser.helpers import open_context

# Playwright's sync API runs an asyncio loop in this thread; Django's check for ORM use
# from async code would see it and refuse. Only the tests relax the check.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]


@pytest.hookimpl(tryfirst=True)  # before -m "not browser" deselects
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if Path(item.path).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def chromium_executable() -> str:
    return os.environ.get("RESULTAT_CHROMIUM") or DEFAULT_CHROMIUM


@cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


# --- browser -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.skip(
            f"Chromium saknas ({path}): apt-get install chromium, eller sätt RESULTAT_CHROMIUM"
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator:
    """One headless Chromium for the session, with a fresh profile of its own."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="resultat-chromium-") as home:
        manager = sync_playwright()
        playwright = manager.start()
        try:
            browser = playwright.chromium.launch(
                executable_path=chromium_path,
                headless=True,
                args=CHROMIUM_ARGS,
                # A fresh HOME: Chromium keeps crash reports and caches there; Playwright
                # itself launches with a new temporary --user-data-dir every time.
                env={**os.environ, "HOME": home, "XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home},
                timeout=60_000,
            )
            try:
                yield browser
            finally:
                browser.close()
        finally:
            playwright.stop()


@pytest.fixture
def blocked_requests() -> list[str]:
    """URLs the current test's page tried to load from anywhere but the live server."""
    return []


@pytest.fixture
def browser_context(browser, live_server, transactional_db, blocked_requests: list[str]) -> Iterator:
    """A new context per test: no shared cookies or storage, network limited to live_server."""
    context = open_context(browser, live_server.url, blocked_requests)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser_context) -> Iterator:
    """A new page for the test; ``page.goto("/")`` opens the live server's start page."""
    page = browser_context.new_page()
    yield page
    page.close()


# --- axe-core ----------------------------------------------------------------------


def run_axe(page, *, context=None, disable_rules: tuple[str, ...] = ()) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; returns the violations.

    ``context`` is axe's context (a selector, or ``{"include": [...], "exclude": [...]}``),
    default the whole document; ``disable_rules`` turns individual rules off.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    options: dict = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
    }
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    result = page.evaluate(
        "([context, options]) => window.axe.run(context || document, options)",
        [context, options],
    )
    return result["violations"]


def format_violations(violations: list[dict], url: str = "") -> str:
    """Violations as text: rule, impact, help, then each element's selector and html."""
    lines = [f"axe-core: {len(violations)} brott mot WCAG 2.1 A/AA" + (f" på {url}" if url else "")]
    for violation in violations:
        lines.append("")
        lines.append(f"[{violation.get('impact') or '?'}] {violation['id']}: {violation['help']}")
        if violation.get("helpUrl"):
            lines.append(f"    {violation['helpUrl']}")
        for node in violation.get("nodes", []):
            target = " ".join(
                " >> ".join(part) if isinstance(part, list) else str(part) for part in node.get("target", [])
            )
            html = " ".join(node.get("html", "").split())
            if len(html) > 300:
                html = html[:297] + "..."
            lines.append(f"  - {target}")
            lines.append(f"      {html}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


@pytest.fixture
def axe_check() -> Callable[..., list[dict]]:
    """``axe_check(page, context=None, disable_rules=())`` -> list of violations."""
    return run_axe


@pytest.fixture
def assert_no_axe_violations() -> Callable[..., None]:
    """``assert_no_axe_violations(page, ...)``: fails listing every violation."""

    def check(page, **kwargs) -> None:
        violations = run_axe(page, **kwargs)
        if violations:
            pytest.fail(format_violations(violations, page.url), pytrace=False)

    return check


@pytest.fixture
def indicators_loaded(transactional_db) -> None:
    """The strategy (both versions), the example's indicator sets and their values (the
    real Kolada snapshot and the labelled synthetic rest), committed for the live server
    (built once per process, then replayed as rows: tests/plugins/snapshots.py)."""
    from resultat.indicators import services
    from resultat.reference import services as reference_services
    from resultat.strategy.services import load_strategy_file
    from tests.factories import INDICATOR_SETS, NEW_VERSION, OLD_VERSION
    from tests.plugins.snapshots import replay

    def build():
        reference_services.load_all()
        load_strategy_file(OLD_VERSION)
        load_strategy_file(NEW_VERSION)
        services.load_indicator_sets(sorted(INDICATOR_SETS.glob("*.yaml")))
        services.demo_snapshot()

    replay("browser_indicators", build)
