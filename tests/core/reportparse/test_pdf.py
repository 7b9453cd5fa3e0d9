"""The PDF parser on hand-made lines (no poppler needed): headings by size and weight,
paragraphs, line-end joins, running heads and page numbers, typed items."""

from resultat.core.reportparse import pdf, pdflines
from resultat.core.reportparse.pdflines import PdfLine

STRUCTURE = {
    "chapters": [{"code": "p-1", "title": "Västerbotten — En nytänkande och smart region"}],
    "areas": [
        {"code": "a-dig", "name": "Digitalisering", "chapter": "p-1"},
        {"code": "a-besok", "name": "Besöksnäring och turism", "chapter": "p-1"},
        {"code": "a-kult", "name": "Kultur", "chapter": "p-1"},
    ],
}


class Page:
    """Lines laid out like the report: body 16, chapter 29 bold, question 21 bold, area 17
    bold, inner headings 15 bold (and 15 bold italic)."""

    def __init__(self):
        self.lines: list[PdfLine] = []
        self.page = 1
        self.top = 100.0

    def add(self, text, size=16, bold=False, italic=False, left=98.0, right=None, gap=20.0, bullet=""):
        self.top += gap
        if self.top > 1100:
            self.page, self.top = self.page + 1, 107.0
        self.lines.append(PdfLine(self.page, self.top, left, right or (left + 6.4 * len(text)), 18, size, bold, italic, "#000", text, bullet))
        return self


def test_joins_hyphens_slashes_and_keeps_suspended_compounds():
    assert pdf._join(["AI-", "baserade verktyg"]) == "AI-baserade verktyg"
    assert pdf._join(["forsknings-", "och innovationsprogram"]) == "forsknings- och innovationsprogram"
    assert pdf._join(["förskola/", "skola"]) == "förskola/skola"
    assert pdf._join(["en rad", "och nästa"]) == "en rad och nästa"
    assert pdf._join(["2025 —", "2030"]) == "2025 — 2030"


def test_running_heads_feet_and_page_numbers_are_dropped():
    lines = []
    for page in range(1, 5):
        lines.append(PdfLine(page, 56, 98, 270, 13, 13, False, False, "#555", "Resultat Västerbotten 2025"))
        lines.append(PdfLine(page, 56, 484, 795, 13, 13, False, False, "#555", "Ett kapitel" if page < 4 else "Ett annat"))
        lines.append(PdfLine(page, 500, 98, 700, 18, 16, False, False, "#000", f"Brödtext på sidan {page}"))
        lines.append(PdfLine(page, 1191, 440, 450, 13, 13, False, False, "#555", str(page)))
    pages = {p: (1262.0, 892.0) for p in range(1, 5)}
    drop = pdflines._running(lines, pages)
    kept = [ln.text for i, ln in enumerate(lines) if i not in drop]
    assert kept == [f"Brödtext på sidan {p}" for p in range(1, 5)]


def test_headings_by_size_and_weight_make_chapters_sections_blocks_and_items():
    p = Page()
    p.add("Västerbotten — En nytänkande och smart", size=29, bold=True).add("region", size=29, bold=True, gap=39)
    p.add("Omvärldsanalys", size=21, bold=True, gap=60)
    p.add("Digitalisering", size=17, bold=True, gap=36)
    p.add("Omvärlden påverkar digitalisering", italic=True, right=400)
    p.add("Första stycket börjar här och fortsätter", right=790).add("på nästa rad.", right=300)
    p.add("Andra stycket.", gap=25, right=200)
    p.add("Framflyttningar under året", size=15, bold=True, gap=28)
    p.add("Text under rubriken.", right=250, gap=14)
    p.add("Besöksnäring och turism", size=17, bold=True, gap=36)
    p.add("Stycke om turism.", right=200)
    p.add("Aktuella omvärldsfaktorer", size=15, bold=True, gap=28)
    p.add("Ny strategi", bold=True, left=111, bullet="•", gap=14)
    p.add("Förklaringen till den.", left=111, right=300)
    p.add("Ett annat skäl", bold=True, left=111, bullet="•", gap=25)
    p.add("Agenda 2030", size=21, bold=True, gap=40)
    p.add("Digitalisering och Kultur", size=17, bold=True, gap=36)
    p.add("Aktuella Agenda 2030-mål", size=15, bold=True, gap=28)
    p.add("Mål 9: Hållbar industri, innovationer och infrastruktur (delmål 9.5)", bold=True, left=111, bullet="•", gap=14)
    p.add("Motiveringen.", left=111, right=200)
    p.add("Indikatorer", size=21, bold=True, gap=40)
    p.add("Detta hör inte till något bidrag.", right=300)
    report = pdf.parse_pdf_lines(p.lines, year=2024, structure=STRUCTURE)
    assert [c.code for c in report.chapters] == ["p-1"]
    omv, agenda = report.chapters[0].sections
    assert (omv.question, agenda.question) == ("omvarldsanalys", "agenda-2030")
    dig, turism = omv.blocks
    assert dig.area_codes == ("a-dig",) and dig.heading == "Omvärlden påverkar digitalisering"
    assert turism.heading == "Besöksnäring och turism"
    assert dig.text == (
        "Första stycket börjar här och fortsätter på nästa rad.\n\nAndra stycket.\n\n"
        "### Framflyttningar under året\n\nText under rubriken."
    )
    assert turism.area_codes == ("a-besok",)  # an area whose name holds "och"
    assert [(i.kind, i.title, i.text) for i in turism.items] == [
        ("environment_factor", "Ny strategi", "Förklaringen till den."),
        ("environment_factor", "Ett annat skäl", ""),
    ]
    (joint,) = agenda.blocks
    assert joint.area_codes == ("a-dig", "a-kult")
    (goal,) = joint.items
    assert (goal.kind, goal.sdg_goal, goal.sdg_target, goal.title, goal.text) == (
        "sdg", 9, "9.5", "Hållbar industri, innovationer och infrastruktur", "Motiveringen.")
    assert "Detta hör inte" not in joint.raw
    assert report.warnings == ()


def test_a_pdf_without_report_headings_is_refused():
    p = Page().add("Bara en rad text.")
    try:
        pdf.parse_pdf_lines(p.lines, year=2024, structure=STRUCTURE)
    except pdf.ReportParseError as exc:
        assert "kapitel i strukturfilen" in str(exc)
    else:
        raise AssertionError("no error")


def test_the_texts_outside_the_chapters_are_kept_by_heading_with_the_forewords_signature():
    p = Page()
    p.add("Förord . . . . . . . . 3", size=16)  # a contents line is no heading
    p.add("Förord", size=29, bold=True, gap=60)
    p.add("Rapporten belyser framsteg och", right=790).add("utmaningar.", right=300)
    p.add("Anna Andersson, direktör", italic=True, gap=39, right=400)
    p.add("Översikt över rapporten", size=29, bold=True, gap=60)
    p.add("Tredje året", size=21, bold=True, gap=60)
    p.add("Ett stycke.", right=200)
    p.add("Hur ska rapporten läsas?", size=29, bold=True, gap=60)
    p.add("Kapitlen har åtta underrubriker.", right=400)
    for n, q in enumerate(["Omvärldsanalys", "Region Västerbottens bidrag", "Samverkan", "Sammanhållen region",
                           "Jämlik och jämställd inkludering", "Föregångare i omställning", "Agenda 2030",
                           "Ett urval av insatser i länet"], 1):
        p.add(q, bold=True, left=118, bullet=f"{n}.", gap=22)
    p.add("Västerbotten — En nytänkande och smart", size=29, bold=True, gap=60).add("region", size=29, bold=True, gap=39)
    p.add("Omvärldsanalys", size=21, bold=True, gap=60)
    p.add("Digitalisering", size=17, bold=True, gap=36)
    p.add("Stycke i kapitlet.", right=200)
    p.add("Kontakt för mer information", size=29, bold=True, gap=60)
    p.add("Frågor om innehållet:", right=300)
    p.add("• kontakta enhetschefen", left=98, right=300, gap=22)
    report = pdf.parse_pdf_lines(p.lines, year=2024, structure=STRUCTURE)
    front = {f.title: f for f in report.front}
    assert front["Förord"].paragraphs == ("Rapporten belyser framsteg och utmaningar.",)
    assert front["Förord"].signature == "Anna Andersson, direktör"
    assert front["Översikt över rapporten"].paragraphs == ()
    assert front["Tredje året"].paragraphs == ("Ett stycke.",)
    # the eight questions the product prints after the reading guide are not its text
    assert front["Hur ska rapporten läsas?"].paragraphs == ("Kapitlen har åtta underrubriker.",)
    assert front["Kontakt för mer information"].paragraphs == ("Frågor om innehållet:", "- kontakta enhetschefen")
    assert "Digitalisering" not in front and "Omvärldsanalys" not in front  # chapter content is no front matter
