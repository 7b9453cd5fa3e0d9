"""Steps the browser tests share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.factories import TEST_PASSWORD

TIMEOUT_MS = 15_000


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def open_context(browser, base_url: str, blocked_requests: list[str]):
    """A new browser context on ``base_url`` (Swedish, Stockholm time, no service
    workers) in which every request to another origin is aborted and recorded."""
    allowed = _origin(base_url)
    context = browser.new_context(
        base_url=base_url,
        locale="sv-SE",
        timezone_id="Europe/Stockholm",
        service_workers="block",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)

    def only_live_server(route) -> None:
        url = route.request.url
        if _origin(url) == allowed:
            route.continue_()
        else:
            blocked_requests.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", only_live_server)
    return context


def login(page, username: str) -> None:
    """Log in through the login form as ``username`` (made by ``make_user``), leaving
    whoever was logged in before."""
    page.context.clear_cookies()
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()


def open_editor_cycle():
    """The strategy (both versions), the default questions, the 2025 structure and an open
    2026 cycle in which ebba (editor) writes for Digitalisering; anna is the analyst.
    Returns (cycle, area). For tests on a live server (a transactional database); built
    once per test process and starting state, then replayed as rows
    (tests/plugins/snapshots.py)."""
    from resultat.followup import services
    from resultat.followup.models import StrategicArea
    from resultat.strategy.models import StrategyVersion
    from tests.factories import load_followup_base
    from tests.plugins.snapshots import replay

    def build():
        questions, users = load_followup_base("analyst", "editor")
        area = StrategicArea.objects.get(code="a-digitalisering")
        version = StrategyVersion.objects.get(code="aktualisering-2025-26")
        return services.open_cycle(year=2026, version=version, question_set=questions, actor=users["analyst"]), area

    return replay("browser_editor_cycle", build)


def hover_for_tooltip(page, marks, tries: int = 12):
    """Hover the chart's marks one by one until vega's tooltip shows; returns the tooltip
    element (the caller asserts it is visible)."""
    tooltip = page.locator("#vg-tooltip-element")
    for i in range(min(marks.count(), tries)):
        marks.nth(i).hover(force=True)
        page.wait_for_timeout(100)
        if tooltip.count() and tooltip.is_visible():
            break
    return tooltip


# --- one data setup, server, context and page for a whole module -----------------------


@dataclass
class ModuleSite:
    """What the tests of one module share (``module_site``): the data, loaded once and
    committed; a live server of the module's own; one context and page. ``errors`` holds
    the page's console errors and uncaught exceptions; ``blocked`` the requests to other
    origins."""

    url: str
    context: object
    page: object
    data: object
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@contextmanager
def module_site(browser, live_server, django_db_blocker, load: Callable[[], object],
                prepare: Callable[[ModuleSite], None] | None = None) -> Iterator[Callable[[], ModuleSite]]:
    """For a module whose tests all start from the same data and page (the editor's
    toolbar): ``load()`` runs once, committed; ``prepare(site)`` once after it (log in);
    then every table's rows are saved. Yields ``start()``, which each test calls through
    a function fixture: it leaves the page (cancelling the page's timers, e.g. a pending
    autosave), writes the saved rows back (a test's own writes undone; it fails if the
    tables then differ from the saved ones) and empties ``errors``. At the end the
    database is flushed, as a transactional test leaves it.

    The module must also define the ``_live_server_helper`` override below
    (``live_server_without_flush``): pytest-django makes every test that uses
    ``live_server`` transactional, and the flush after each test would remove the
    committed data."""
    from django.core.management import call_command

    from tests.plugins.snapshots import capture, restore

    with django_db_blocker.unblock():  # for the tests and the live server's requests
        site = None
        try:
            data = load()
            blocked: list[str] = []
            context = open_context(browser, live_server.url, blocked)
            page = context.new_page()
            site = ModuleSite(live_server.url, context, page, data, blocked=blocked)
            page.on("console", lambda m: site.errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: site.errors.append(str(e)))
            if prepare:
                prepare(site)
            saved = capture()

            def start() -> ModuleSite:
                site.page.goto("about:blank")
                restore(saved)
                site.errors.clear()
                return site

            yield start
        finally:
            if site is not None:
                site.context.close()
            call_command("flush", interactive=False, verbosity=0)


def live_server_without_flush(live_server) -> Iterator[None]:
    """Body of a module's ``_live_server_helper`` override (with ``module_site``):
    pytest-django's autouse helper of that name requests ``transactional_db`` for every
    test that uses ``live_server``; this one only lets the server's host in, as the
    original also does. (If pytest-django renamed its helper, the flush would be back
    and the module's second test would find no data: it fails, it does not pass on
    wrong data.)"""
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()
