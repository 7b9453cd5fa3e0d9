"""Every page type at 390 px (a phone) as each role: no horizontal overflow, every item of
the main menu reachable behind the menu button, axe clean. One page per page type, one
data setup for all roles, so the walk stays fast. Also: the menu opens without
JavaScript, and at 1280 px the menu is shown without a button."""

from __future__ import annotations

import re

import pytest

from resultat.accounts.models import Role
from resultat.followup.models import Contribution, Cycle
from resultat.initiatives import demo as initiatives_demo
from resultat.initiatives.models import FundingProgramme, FundingSource, Initiative
from resultat.initiatives.programmes import seed_programmes
from tests.browser.helpers import login
from tests.factories import load_published_edition, make_user

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

PUBLIC_PAGES = [
    "/",
    "/strategi/",  # redirects to the default version's overview
    "/strategi/rus/aktualisering-2025-26/delprioritering/dp-1.3/",
    "/prioriteringar/p-1/",
    "/delprioriteringar/dp-1.3/",
    "/resultat/",
    "/resultat/2025/",  # the year's overview
    "/resultat/2025/p-1/",  # one chapter of the year
    "/indikatorer/",
    "/indikatorer/kolada/N00914/",
    "/insatser/",
    "{initiative}",
    "/sok/?q=digitalisering",
    "/oppna-data/",
    "/om/",
    "/omraden/a-digitalisering/",
    "/kommuner/2480/",
    "/globala-malen/9/",
    "/finns-inte/",  # the 404 page
]
ROLE_PAGES = {
    Role.EDITOR: ["/", "/uppfoljning/mina-uppgifter/", "{contribution}"],
    Role.REVIEWER: ["/", "/uppfoljning/granskning/", "{contribution}"],
    Role.ANALYST: ["/", "/uppfoljning/", "/uppfoljning/2026/", "{contribution}", "/larande/", "/insatser/sammanstallning/",
                   "/indikatorer/kolada/N00914/", "/indikatorer/hamtning/"],
    Role.ADMINISTRATOR: ["/", "/uppfoljning/2026/", "/sok/intern/?q=digitalisering"],
}
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const offenders = [];
  for (const el of document.querySelectorAll("body *")) {
    if (!el.checkVisibility()) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      offenders.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "") + " right=" + Math.round(box.right));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 5)};
}"""


@pytest.fixture
def site(transactional_db):
    load_published_edition()
    seed_programmes(FundingSource, FundingProgramme)
    initiatives_demo.load(n=20)
    draft = Contribution.objects.filter(cycle__year=2026).select_related("area").first()
    users = {role: make_user(f"u-{role}", role) for role in ROLE_PAGES}
    draft.area.units.first().editors.add(users[Role.EDITOR])
    Cycle.objects.get(year=2026).reviewers.add(users[Role.REVIEWER])
    users[Role.ADMINISTRATOR].is_staff = True
    users[Role.ADMINISTRATOR].save()
    return {
        "users": users,
        "contribution": f"/uppfoljning/bidrag/{draft.pk}/",
        "initiative": f"/insatser/{Initiative.objects.order_by('pk').first().code}/",
    }


def check_menu_reachable(page) -> list[str]:
    """Open the menu with its button; every menu item must then be visible on screen."""
    problems = []
    menu_button = page.locator("summary.menu-button")
    links = page.locator(".menu .nav a")
    if not menu_button.is_visible():
        return [f"{page.url}: no menu button at 390 px"]
    if links.first.is_visible():
        problems.append(f"{page.url}: the menu is open before the button is pressed")
    menu_button.click()
    for i in range(links.count()):
        link = links.nth(i)
        box = link.bounding_box()
        if not link.is_visible() or box is None or box["x"] < 0 or box["x"] + box["width"] > PHONE["width"]:
            problems.append(f"{page.url}: menu item {link.inner_text()!r} not visible on screen ({box})")
    tools = page.locator(".menu .header-tools button, .menu .header-tools a")
    for i in range(tools.count()):
        if not tools.nth(i).is_visible():
            problems.append(f"{page.url}: {tools.nth(i).inner_text()!r} not visible in the open menu")
    page.keyboard.press("Escape")
    if links.first.is_visible():
        problems.append(f"{page.url}: Escape did not close the menu")
    return problems


def walk(page, paths, site, axe) -> list[str]:
    problems = []
    for template in paths:
        path = template.format(**site)
        page.goto(path)
        page.wait_for_load_state()
        result = page.evaluate(OVERFLOW_JS)
        if result["scrollWidth"] > result["width"]:
            problems.append(f"{path}: {result['scrollWidth']} px wide at {result['width']}: {result['offenders']}")
        if not page.locator("#header-search-q").is_visible():
            problems.append(f"{path}: no search box in the header")
        violations = axe(page)
        if violations:
            problems.append(f"{path}: axe {[v['id'] for v in violations]}")
    return problems


def test_every_page_type_fits_a_phone_for_every_role(page, site, axe_check, blocked_requests):
    page.set_viewport_size(PHONE)
    problems = walk(page, PUBLIC_PAGES, site, axe_check)
    page.goto("/")
    problems += check_menu_reachable(page)
    for role, paths in ROLE_PAGES.items():
        login(page, site["users"][role].username)
        problems += [f"[{role}] {p}" for p in walk(page, paths, site, axe_check)]
        page.goto(paths[-1].format(**site))
        problems += [f"[{role}] {p}" for p in check_menu_reachable(page)]
        expected = {
            Role.EDITOR: "Mina uppgifter",
            Role.REVIEWER: "Att granska",
            Role.ANALYST: "Uppföljning",
            Role.ADMINISTRATOR: "Administration",
        }[role]
        page.locator("summary.menu-button").click()
        # the name may end with the count of waiting work ("Mina uppgifter 3")
        if not page.locator(".menu .nav").get_by_role("link", name=re.compile(rf"^{expected}(\s+\d+.*)?$")).is_visible():
            problems.append(f"[{role}] menu item {expected!r} missing")
    assert problems == [], "\n".join(problems)
    assert blocked_requests == []


def test_menu_opens_without_javascript(browser, live_server, site):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto("/")
        search = page.locator(".menu .nav").get_by_role("link", name="Sök", exact=True)
        assert not search.is_visible()
        page.locator("summary.menu-button").click()
        assert search.is_visible()
        assert page.get_by_role("link", name="Logga in").is_visible()
        # the header search works as a plain GET form
        page.get_by_label("Sök på webbplatsen").fill("digitalisering")
        with page.expect_navigation():
            page.locator(".header-search button").click()
        assert "/sok/?q=digitalisering" in page.url
    finally:
        context.close()


def test_desktop_shows_the_menu_without_a_button(page, site):
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    assert not page.locator("summary.menu-button").is_visible()
    links = page.locator(".menu .nav a")
    assert links.count() >= 7
    for i in range(links.count()):
        assert links.nth(i).is_visible(), links.nth(i).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
