"""Input that is not a report, or a damaged one: only ReportParseError, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultat.core.reportparse import ParsedReport, ReportParseError, parse_report

from .conftest import excerpt

MINI = {
    "chapters": [{"code": "p-1", "title": "Västerbotten — En nytänkande och smart region"}],
    "areas": [
        {"code": "a-digitalisering", "name": "Digitalisering", "chapter": "p-1", "order": 1, "joint_with": []},
        {"code": "a-innovationsledning", "name": "Innovationsledning", "chapter": "p-1", "order": 2, "joint_with": []},
    ],
}


def check(text: str, structure: dict) -> None:
    try:
        report = parse_report(text, year=2025, structure=structure)
    except ReportParseError as exc:
        assert isinstance(exc.line, int) and str(exc)
        return
    assert isinstance(report, ParsedReport)
    n = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for ch in report.chapters:
        assert 1 <= ch.lines.first <= ch.lines.last <= n
        for sec in ch.sections:
            for block in sec.blocks:
                assert block.lines in ch.lines
                for item in block.items:
                    assert item.lines in block.lines
    for w in report.warnings:
        assert 1 <= w.line <= n + 1 and w.message
    report.counts()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_report_parse_error(text):
    check(text, MINI)


LINES = st.one_of(
    st.sampled_from(
        [
            "",
            "Västerbotten — En nytänkande och smart region",
            "Vasterbotten — En nytankande och smart region",
            "Omvarldsanalys",
            "Region Vasterbottens bidrag",
            "Samverkan",
            "Sammanhallen region",
            "Jamlik och jamstalld inkludering",
            "Foregangare i omstallning",
            "Agenda 2030",
            "Ett urval av insatser i lanet",
            "Digitalisering",
            "Omvirlden paverkar innovationsledning",
            "Exempel pad aktiviteter",
            "Fasta samverkansytor",
            "Aktuella omvdrldsfaktorer",
            "Aktuella Agenda 2030-mdl",
            "Mal 3 God utbildning",
            "Mal 99: Inget",
            "Mal 0",
            "Arbetet handlar om delmal 8.99 och delmal 12b",
            "e Ny digitaliseringsstrategi",
            "18",
            " Kontakt for mer information",
            "Nils Enwald, Chef, 076-119 86 76, nils.enwald @regionvasterbotten.se",
            "Anna, 070",
            "Region Vasterbotten har under aret arbetat med",
            "samverkan i lanet.",
        ]
    ),
    st.text(max_size=60).map(lambda s: s.replace("\n", " ")),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=60), st.booleans())
def test_report_like_line_soup_raises_only_report_parse_error(lines, titled):
    if titled:  # mostly a "report": the chapter heading first
        lines = ["Vasterbotten — En nytankande och smart region", "", *lines]
    check("\n".join(lines), MINI)


SECTION_HEADINGS = [
    "Omvarldsanalys",
    "Region Vasterbottens bidrag",
    "Samverkan",
    "Sammanhallen region",
    "Jamlik och jamstalld inkludering",
    "Foregangare i omstallning",
    "Agenda 2030",
    "Ett urval av insatser i lanet",
]
BODY = st.lists(
    st.one_of(LINES, st.sampled_from(["Digitalisering", "Innovationsledning", "Mal 5: Jamstalldhet", "Mal 18: Nytt"])),
    max_size=12,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BODY, min_size=8, max_size=8), st.lists(st.booleans(), min_size=8, max_size=8))
def test_generated_reports_with_sections_and_areas(bodies, keep):
    lines = ["Vasterbotten — En nytankande och smart region", ""]
    for heading, body, kept in zip(SECTION_HEADINGS, bodies, keep):
        if kept:
            lines += [heading, ""]
        lines += ["", *body, ""]
    check("\n".join(lines), MINI)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_seed_chapter_never_crashes(seed_lines, structure, data):
    lines = excerpt(seed_lines, 4240, 5658).split("\n")
    for _ in range(data.draw(st.integers(0, 12))):
        lines = lines or [""]
        at = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "blank", "insert", "cut"]))
        if action == "drop":
            del lines[at]
        elif action == "blank":
            lines[at] = ""
        elif action == "insert":
            lines.insert(at, data.draw(LINES))
        else:
            lines = lines[:at] or [""]
    check("\n".join(lines), structure)


def test_text_without_chapter_headings_is_not_a_report(structure):
    with pytest.raises(ReportParseError) as err:
        parse_report("Det här är en helt annan text.\nMed två rader.", year=2025, structure=structure)
    assert err.value.line == 1 and "kapitelrubriker" in str(err.value)


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_empty_text_is_an_error(text, structure):
    with pytest.raises(ReportParseError):
        parse_report(text, year=2025, structure=structure)


@pytest.mark.parametrize(
    "bad",
    [None, [], {}, {"chapters": []}, {"chapters": [{"code": "p-1"}]}, {"chapters": MINI["chapters"], "areas": [{"code": "x"}]}],
)
def test_a_structure_without_chapters_is_an_error(bad):
    with pytest.raises(ReportParseError):
        parse_report("Västerbotten — En nytänkande och smart region\n", year=2025, structure=bad)


def test_not_a_string_is_an_error(structure):
    with pytest.raises(ReportParseError):
        parse_report(b"bytes", year=2025, structure=structure)  # type: ignore[arg-type]
