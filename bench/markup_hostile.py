"""Time the editors' markup parser on one long hostile line (issue 15).

    .venv/bin/python bench/markup_hostile.py [characters]

Prints seconds per pattern for markup_to_html and the way back (html_to_markup)."""

from __future__ import annotations

import sys
import time

from resultat.core.markup import html_to_markup, markup_to_html

UNITS = ["**a ", "*a ", "[a", "[a](http://x ", "***a ", "a](/"]


def main(size: int = 200_000) -> None:
    for unit in UNITS:
        text = unit * (size // len(unit))
        started = time.perf_counter()
        html = markup_to_html(text)
        middle = time.perf_counter()
        html_to_markup(html)
        done = time.perf_counter()
        print(f"{unit!r:18} {len(text):>8} chars  markup_to_html {middle - started:6.3f} s  html_to_markup {done - middle:6.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
