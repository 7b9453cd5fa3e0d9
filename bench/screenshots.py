"""Screenshots of the main pages at 390 px (a phone) and 1280 px (a laptop) for the
README (docs/images/*-390.png, *-1280.png): one screen height each, scale 1, so the
files stay small.

Run against a development server with the demo loaded (nothing of yours is touched:
a scratch database)::

    export DATABASE_URL=sqlite:////tmp/shots.db RESULTAT_DEV=1 DEBUG=1 RESULTAT_VAR_DIR=/tmp/shots-var
    .venv/bin/resultat migrate --noinput && .venv/bin/resultat demo setup
    .venv/bin/resultat runserver 127.0.0.1:8765 --noreload &
    .venv/bin/python bench/screenshots.py --base-url http://127.0.0.1:8765 --out docs/images

Each page is also checked the way the browser tests check: the page must not be wider
than the screen, and the browser console must have no errors; problems are printed and
the exit status is 1. Chromium: /usr/bin/chromium (or --chromium)."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

WIDTHS = {390: 844, 1280: 800}
DEMO_PASSWORDS = {"redaktor": "demo-redaktor-2026", "analytiker": "demo-analytiker-2026", "granskare": "demo-granskare-2026"}


@dataclass(frozen=True)
class Shot:
    name: str
    path: str  # a path, or "first:<list page>|<link selector>" to follow the first matching link
    user: str = ""
    scroll_to: str = ""  # a selector put at the top of the screen before the picture
    menu: bool = False  # open the menu (phone only)
    widths: tuple[int, ...] = (390, 1280)


SHOTS = [
    Shot("start", "/"),
    Shot("meny", "/", menu=True, widths=(390,)),
    Shot("strategi", "/strategi/"),
    Shot("delprioritering", "/delprioriteringar/dp-1.3/"),
    Shot("resultat-2025", "/resultat/2025/"),
    Shot("resultat-2025-prioriteringar", "/resultat/2025/", scroll_to="section.chapter-summary"),
    Shot("indikator", "/indikatorer/kolada/N00914/"),
    Shot("sok", "/sok/?q=kompetensforsorjning"),
    Shot("redaktor", "first:/uppfoljning/mina-uppgifter/|main table a[href*='/uppfoljning/bidrag/']", user="redaktor"),
    Shot("analytiker-cykel", "/uppfoljning/2026/", user="analytiker"),
    Shot("analytiker-fullstandighet", "/uppfoljning/2026/lock/bekrafta/", user="analytiker"),
]

OVERFLOW_JS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def login(page, base: str, user: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORDS[user])
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()


def resolve(page, base: str, path: str) -> str:
    if not path.startswith("first:"):
        return base + path
    listing, selector = path[len("first:"):].split("|", 1)
    page.goto(base + listing)
    href = page.locator(selector).first.get_attribute("href")
    return href if href.startswith("http") else base + href


def take(page, base: str, shot: Shot, width: int, out: Path, problems: list[str]) -> Path:
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    page.goto(resolve(page, base, shot.path))
    page.wait_for_load_state("networkidle")
    if shot.scroll_to:
        page.locator(shot.scroll_to).first.evaluate("el => el.scrollIntoView({block: 'start'})")
    if shot.menu:
        page.locator("summary.menu-button").click()
    scroll, inner = page.evaluate(OVERFLOW_JS)
    if scroll > inner:
        problems.append(f"{shot.name}-{width}: {scroll} px wide at {inner}")
    target = out / f"{shot.name}-{width}.png"
    page.screenshot(path=str(target), full_page=False)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--out", type=Path, default=Path("docs/images"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--only", help="regular expression on the shots' names")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    base = args.base_url.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, headless=True, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm", device_scale_factor=1)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and problems.append(f"{page.url}: console: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"{page.url}: page error: {e}"))
        user = None
        for shot in SHOTS:
            if args.only and not re.search(args.only, shot.name):
                continue
            if shot.user != user:
                if shot.user:
                    login(page, base, shot.user)
                else:
                    context.clear_cookies()
                user = shot.user
            for width in shot.widths:
                target = take(page, base, shot, width, args.out, problems)
                print(f"{target} ({target.stat().st_size // 1024} kB)")
        browser.close()
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
