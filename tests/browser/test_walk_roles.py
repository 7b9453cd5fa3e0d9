"""The issue's "Done when" walks (issue 18) for the reviewer, the analyst and the public,
at 1280 and 390 px: each page visited is axe clean (WCAG 2.1 A/AA), no wider than the
screen, and the browser console has no error. The editor's walk is in test_editor*.py.

* reviewer: the queue → a submitted text → return with a reason; → another → approve;
* analyst: open the year's cycle → chase (reminders to all, the overdue page, a reminder to
  one editor) → lock through the completeness view → publish → download the matrix (XLSX);
* public: from the start page to a sub-priority, its results, an indicator and the
  initiatives, by clicking.

Each role walks at 1280 px and again at 390 px in one test (one data setup, one login)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from resultat.followup import services
from resultat.followup.models import Contribution, Cycle, QuestionSet
from resultat.strategy.models import StrategyVersion
from tests.browser.helpers import login
from tests.factories import load_followup_base, load_published_edition
from tests.plugins.snapshots import replay

WIDTHS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})


class Walk:
    """Checks every page a walk visits; collects the problems instead of stopping at the first."""

    def __init__(self, page, axe):
        self.page, self.axe, self.problems, self.visited = page, axe, [], []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"{page.url}: console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"{page.url}: page error: {e}"))

    def check(self, what: str) -> None:
        page = self.page
        page.wait_for_load_state()
        width = page.viewport_size["width"]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            self.problems.append(f"{what} ({page.url}): {scroll} px wide at {width}")
        violations = self.axe(page)
        if violations:
            self.problems.append(f"{what} ({page.url}) at {width}: axe {[v['id'] for v in violations]}")
        self.visited.append((width, what))

    def click(self, locator, what: str) -> None:
        with self.page.expect_navigation():
            locator.click()
        self.check(what)

    def done(self) -> None:
        assert self.problems == [], "\n".join(self.problems)


USERS = {"analyst": "anna", "editor": "ebba", "reviewer": "greta"}


def _strategy_and_people():
    """The strategy, the question set, the areas and three people (built once per test
    process, replayed as rows after that: tests/plugins/snapshots.py)."""
    from django.contrib.auth import get_user_model

    def build():
        load_followup_base(*USERS)

    replay("walk_people", build)
    return QuestionSet.objects.get(), {key: get_user_model().objects.get(username=name) for key, name in USERS.items()}


@pytest.fixture
def submitted(transactional_db):
    """Four texts of one area submitted for review in the open 2026 cycle."""
    qs, users = _strategy_and_people()

    def build():
        cycle = services.open_cycle(year=2026, version=StrategyVersion.objects.get(code="aktualisering-2025-26"), question_set=qs,
                                    actor=users["analyst"], reviewers=[users["reviewer"]])
        for c in Contribution.objects.filter(cycle=cycle, area__code="a-digitalisering").order_by("chapter__order", "question__order")[:4]:
            c = services.save_contribution(c, user=users["editor"], body=f"<p>Text om {c.question.title.lower()} för granskning.</p>", base_revision=0)
            services.submit(c, users["editor"])

    replay("walk_submitted", build)
    return list(Contribution.objects.filter(state=Contribution.State.SUBMITTED).order_by("chapter__order", "question__order"))


def test_reviewer_returns_and_approves_at_both_widths(page, submitted, axe_check):
    walk = Walk(page, axe_check)
    login(page, "greta")
    walk.check("the reviewer's start page")
    for viewport, (to_return, to_approve) in zip(WIDTHS, (submitted[:2], submitted[2:])):
        page.set_viewport_size(viewport)
        page.goto("/uppfoljning/granskning/")
        walk.check("the review queue")
        walk.click(page.locator(f"main a[href='/uppfoljning/bidrag/{to_return.pk}/']").first, "a submitted text")
        page.get_by_label("Vad behöver ändras? (krävs)").fill("Lägg till en mening om NIS2.")
        walk.click(page.get_by_role("button", name="Återremittera"), "after the return")
        assert "återremitterad" in page.locator("main").inner_text()
        page.goto("/uppfoljning/granskning/")
        walk.click(page.locator(f"main a[href='/uppfoljning/bidrag/{to_approve.pk}/']").first, "another submitted text")
        walk.click(page.get_by_role("button", name="Godkänn"), "after the approval")
        assert "godkänd" in page.locator("main").inner_text()
    states = {c.pk: Contribution.objects.get(pk=c.pk).state for c in submitted}
    assert list(states.values()) == ["returned", "approved", "returned", "approved"]
    walk.done()


@pytest.fixture
def people(transactional_db):
    _qs, users = _strategy_and_people()
    return users


def _open_cycle(page, walk, year: int, deadline: date) -> None:
    page.goto("/uppfoljning/")
    walk.check("the cycles")
    page.get_by_label("År", exact=True).fill(str(year))
    page.get_by_label("Strategiversion").select_option(str(StrategyVersion.objects.get(code="aktualisering-2025-26").pk))
    page.get_by_label("Sista dag för bidrag", exact=True).fill(deadline.isoformat())
    walk.click(page.get_by_role("button", name="Öppna cykeln"), "the opened cycle")
    assert page.get_by_role("heading", level=1).inner_text() == f"Uppföljning {year}"


def _chase(page, walk, year: int) -> None:
    walk.click(page.get_by_role("button", name="Skicka påminnelser"), "after the reminders")
    assert re.search(r"Påminnelse[r]? skickad[e]? till \d+", page.locator("main").inner_text())
    walk.click(page.get_by_role("link", name="Försenat per verksamhet och redaktör, med påminnelse till var och en"), "the overdue work")
    walk.click(page.get_by_role("button", name=re.compile("^Skicka påminnelse till Ebba")).first, "after one reminder")
    assert "Påminnelse skickad till Ebba" in page.locator("main").inner_text()
    page.goto(f"/uppfoljning/{year}/")


def _lock_and_publish(page, walk) -> None:
    walk.click(page.get_by_role("link", name="Granska och lås cykeln"), "the completeness view (lock)")
    assert "Cykeln är inte komplett." in page.locator("main").inner_text()
    page.get_by_label("Skäl (krävs eftersom cykeln inte är komplett)").fill("Tidsfristen har gått ut")
    walk.click(page.get_by_role("button", name="Ja, lås cykeln"), "the locked cycle")
    walk.click(page.get_by_role("link", name="Granska och publicera cykeln"), "the completeness view (publish)")
    page.get_by_label("Skäl (krävs eftersom cykeln inte är komplett)").fill("Beslut i styrgruppen")
    walk.click(page.get_by_role("button", name=re.compile("^Ja, publicera")), "the published cycle")
    assert "Cykeln är publicerad" in page.locator("main").inner_text()


def test_analyst_opens_chases_locks_publishes_and_downloads_at_both_widths(page, people, axe_check):
    walk = Walk(page, axe_check)
    login(page, "anna")
    walk.check("the analyst's start page")
    for viewport, year in zip(WIDTHS, (2026, 2027)):
        page.set_viewport_size(viewport)
        _open_cycle(page, walk, year, date.today() + timedelta(days=30))
        cycle = Cycle.objects.get(year=year)
        cycle.reviewers.add(people["reviewer"])
        c = Contribution.objects.filter(cycle=cycle, area__code="a-digitalisering").order_by("pk").first()
        c = services.save_contribution(c, user=people["editor"], body="<p>Fibern nådde Sorsele.</p>", base_revision=0)
        services.submit(c, people["editor"])
        services.approve(c, people["reviewer"])
        Cycle.objects.filter(pk=cycle.pk).update(submit_by=date.today() - timedelta(days=3))  # a month later: overdue
        page.reload()
        walk.check("the cycle with overdue work")
        _chase(page, walk, year)
        walk.check("the cycle before the lock")
        _lock_and_publish(page, walk)
        with page.expect_download() as download:
            page.get_by_role("link", name="Ladda ned matrisen (XLSX)").click()
        assert download.value.suggested_filename.endswith(".xlsx")
        with open(download.value.path(), "rb") as f:
            assert f.read(2) == b"PK"  # an Office Open XML file (a zip)
        assert Cycle.objects.get(year=year).state == Cycle.State.PUBLISHED
    walk.done()


@pytest.fixture
def published(transactional_db):
    from resultat.initiatives import demo as initiatives_demo
    from resultat.initiatives.models import FundingProgramme, FundingSource
    from resultat.initiatives.programmes import seed_programmes

    load_published_edition()
    seed_programmes(FundingSource, FundingProgramme)
    initiatives_demo.load(n=20)


def test_public_finds_a_subpriority_its_results_indicator_and_initiatives_at_both_widths(page, published, axe_check):
    walk = Walk(page, axe_check)
    for viewport in WIDTHS:
        page.set_viewport_size(viewport)
        page.goto("/")
        walk.check("the start page")
        walk.click(page.locator("main").get_by_role("link", name=re.compile(r"^1\.3\s+Utveckling av innovationer")).first, "a sub-priority")
        main = page.locator("main")
        assert page.get_by_role("heading", name="Indikatorer", exact=True).is_visible()
        # its results: the published year's texts of the areas that serve it, then one area's page
        assert page.get_by_role("heading", name="Uppföljningen 2025").is_visible()
        assert main.locator("article.published").count() > 0
        walk.click(main.locator("section.area-year h3 a").first, "an area's results")
        assert re.search(r"20\d\d", page.locator("main").inner_text())
        page.go_back()
        page.wait_for_load_state()
        # an indicator, from the sub-priority's table
        walk.click(page.locator("main a[href^='/indikatorer/kolada/']").first, "an indicator")
        assert page.locator("figure, .chart").first.is_visible()
        # the initiatives, from the menu (behind the menu button on a phone)
        if viewport["width"] < 600:
            page.locator("summary.menu-button").click()
        walk.click(page.locator(".menu .nav").get_by_role("link", name="Insatser", exact=True), "the initiatives")
        walk.click(page.locator("main a[href^='/insatser/']").filter(has_text=re.compile(r"\w{4}")).first, "an initiative")
    walk.done()
