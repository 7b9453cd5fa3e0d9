"""Steps the browser tests share."""

from tests.factories import TEST_PASSWORD


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
    Returns (cycle, area). For tests on a live server (a transactional database)."""
    from resultat.accounts.models import Role
    from resultat.followup import loaders, services
    from resultat.followup.demo import data_dir
    from resultat.followup.models import StrategicArea
    from resultat.reference import services as reference_services
    from resultat.strategy.models import StrategyVersion
    from resultat.strategy.services import load_strategy_file
    from tests.factories import NEW_VERSION, OLD_VERSION, make_user

    reference_services.load_all()
    load_strategy_file(OLD_VERSION)
    load_strategy_file(NEW_VERSION)
    questions = loaders.load_question_set(data_dir() / "questions-default.yaml")
    loaders.load_structure(data_dir() / "vasterbotten" / "structure-2025.yaml")
    analyst, editor = make_user("anna", Role.ANALYST), make_user("ebba", Role.EDITOR)
    area = StrategicArea.objects.get(code="a-digitalisering")
    area.units.first().editors.add(editor)
    version = StrategyVersion.objects.get(code="aktualisering-2025-26")
    return services.open_cycle(year=2026, version=version, question_set=questions, actor=analyst), area


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
