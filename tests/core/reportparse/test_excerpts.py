"""Parsing excerpts of the 2025 report: one chapter of each kind, cut from the seed.

Line numbers in a parse of an excerpt count from the excerpt's first line; ``seed(n,
first)`` turns them back into seed lines to compare with the structure map. Excerpts
do not start where the structure file says the chapters start, so the parser does not
use the structure's ``source_lines`` there (see the RU case).
"""

from __future__ import annotations

import pytest

from resultat.core.reportparse import parse_report

from .conftest import excerpt
from .reference import AREA_HEADINGS, QUESTIONS


def seed(line: int, first: int) -> int:
    return line + first - 1


def block_starts(chapter, first: int) -> list[dict[int, set[str]]]:
    return [{seed(b.lines.first, first): set(b.area_codes) for b in sec.blocks} for sec in chapter.sections]


def expected_starts(code: str, skip: set[tuple[str, int]] = frozenset()) -> list[dict[int, set[str]]]:
    out = []
    for qi in range(8):
        want: dict[int, set[str]] = {}
        for area, lines in AREA_HEADINGS[code].items():
            if lines[qi] is not None and (area, qi) not in skip:
                want.setdefault(lines[qi], set()).add(area)
        out.append(want)
    return out


@pytest.mark.parametrize(
    ("code", "first", "last"),
    [
        ("p-1", 177, 2572),  # the first priority chapter: three areas
        ("p-3", 4240, 5658),  # an empty cell (Digital infrastruktur, Insatser)
        ("p-5", 7961, 9786),  # areas named by other words ("Vård och tandvård …")
    ],
)
def test_a_priority_chapter_on_its_own(seed_lines, structure, code, first, last):
    report = parse_report(excerpt(seed_lines, first, last), year=2025, structure=structure)
    assert [ch.code for ch in report.chapters] == [code]
    chapter = report.chapters[0]
    assert tuple(sec.question for sec in chapter.sections) == QUESTIONS
    assert (chapter.lines.first, chapter.lines.last) == (1, last - first + 1)
    assert block_starts(chapter, first) == expected_starts(code)
    missing = [w for w in report.warnings if "hittades inte" in w.message]
    assert len(missing) == 6
    assert any("Kontaktlistan" in w.message for w in report.warnings)
    assert report.contacts == ()
    for sec in chapter.sections:
        for block in sec.blocks:
            assert block.lines in chapter.lines
            assert block.raw.split("\n")[0] == seed_lines[seed(block.lines.first, first) - 1]


def test_the_joint_blocks_of_p2(seed_lines, structure):
    first = 2573
    report = parse_report(excerpt(seed_lines, first, 4239), year=2025, structure=structure)
    (chapter,) = report.chapters
    # the title is broken over two lines with a blank line between (2573/2575)
    assert chapter.code == "p-2" and seed(chapter.sections[0].lines.first, first) == 2577
    assert block_starts(chapter, first) == expected_starts("p-2")
    joint = [(sec.question, b.area_codes) for sec in chapter.sections for b in sec.blocks if len(b.area_codes) == 2]
    assert joint == [
        ("sammanhallen-region", ("a-foretagsstod", "a-kommersiell-service")),
        ("agenda-2030", ("a-foretagsstod", "a-kommersiell-service")),
        ("insatser", ("a-foretagsstod", "a-kommersiell-service")),
    ]
    # "Mål 8. …" without an "Aktuella Agenda 2030-mål" heading are items too (3884-3901)
    sdg = [it for sec in chapter.sections for b in sec.blocks for it in b.items if it.kind == "sdg"]
    assert [seed(it.lines.first, first) for it in sdg][:4] == [3884, 3890, 3896, 3901]


def test_p6_and_the_goal_number_that_contradicts_its_title(seed_lines, structure):
    first = 9787
    report = parse_report(excerpt(seed_lines, first, 10770), year=2025, structure=structure)
    (chapter,) = report.chapters
    assert block_starts(chapter, first) == expected_starts("p-6")
    warning = next(w for w in report.warnings if "God utbildning" in w.message)
    assert seed(warning.line, first) == 10663
    item = next(it for sec in chapter.sections for b in sec.blocks for it in b.items if seed(it.lines.first, first) == 10663)
    assert (item.sdg_goal, item.title) == (3, "God utbildning")


def test_the_overarching_chapter_and_the_contact_list(seed_lines, structure):
    first = 10771
    report = parse_report(excerpt(seed_lines, first, len(seed_lines)), year=2025, structure=structure)
    (chapter,) = report.chapters
    assert chapter.code == "ru" and chapter.title.startswith("Regionala utvecklingsuppdraget")
    assert seed(chapter.lines.last, first) == 12753
    # Without the structure's line numbers the headless Omvärldsanalys text of
    # "Samordning och stöd" (10929-10953) stays with the block before it.
    skip = {("a-samordning-stod-regional-utveckling", 0)}
    assert block_starts(chapter, first) == expected_starts("ru", skip)
    assert any(
        "Samordning och stöd regional utveckling" in w.message and "Omvärldsanalys" in w.message
        for w in report.warnings
    )
    assert len(report.contacts) == len(structure["contacts"])
    assert [c.chapter for c in report.contacts][-4:] == ["ru"] * 4
    assert report.contacts[-1].email == "rachel.nygren@regionvasterbotten.se"


def test_a_chapter_cut_after_three_sections(seed_lines, structure):
    first = 177
    report = parse_report(excerpt(seed_lines, first, 1490), year=2025, structure=structure)
    (chapter,) = report.chapters
    assert [sec.question for sec in chapter.sections] == ["omvarldsanalys", "bidrag", "samverkan"]
    missing = [w.message for w in report.warnings if w.message.startswith("Underrubriken")]
    assert len(missing) == 5 and "”Sammanhållen region” saknas i kapitlet p-1" in missing[0]
    arenas = [it.title for b in chapter.sections[2].blocks for it in b.items if it.kind == "arena"]
    assert arenas[:3] == [
        "Strategirådet för kommunernas samverkan inom digitaliseringsområdet",
        "Digitala Västerbotten / Samverkan Digitalisering",
        "Digital Impact North (DIN)",
    ]
