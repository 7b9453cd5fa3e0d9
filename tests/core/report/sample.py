"""A constructed report with every part filled, hostile characters included."""

from resultat.core.charts import specs as charts
from resultat.core.report.model import (
    Annex,
    AreaBlock,
    Chapter,
    Chart,
    Contact,
    ContactGroup,
    IndicatorSection,
    Item,
    ItemGroup,
    PriorityOverview,
    Question,
    QuestionSection,
    Report,
    StrategyOverview,
    Table,
)

CLOSING = "Kapitlen följer prioriteringarna."
HOSTILE = "Hash #strong[x] dollar $a+b$ star *fet* at @ref <script>alert(1)</script> مرحبا 🌲 " + "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen" * 2

QUESTIONS = [
    ("omvarldsanalys", "Omvärldsanalys"), ("bidrag", "Region Västerbottens bidrag"), ("samverkan", "Samverkan"),
    ("agenda-2030", "Agenda 2030"), ("insatser", "Ett urval av insatser i länet"),
]


def sample_report(hostile: bool = True, indicators: int = 1) -> Report:
    chapters = []
    for n, (code, title) in enumerate([("p-1", "Västerbotten – En nytänkande och smart region"), ("ru", "Regionala utvecklingsuppdraget")]):
        sections = []
        for qcode, qtitle in QUESTIONS:
            blocks = [
                AreaBlock(
                    id=f"{code}-{qcode}-a-digital", area_codes=["a-digital"], area_names=[f"Digitalisering {n}"],
                    body_html=f"<p>Text om {qtitle.lower()} med <strong>fet</strong> och <a href='https://example.org'>länk</a>.</p>"
                    + (f"<p>{HOSTILE.replace('<script>', '&lt;script&gt;').replace('</script>', '&lt;/script&gt;')}</p>" if hostile else "")
                    + "<ul><li>punkt ett</li><li>punkt två</li></ul>",
                    groups=[],
                ),
                AreaBlock(
                    id=f"{code}-{qcode}-a-energi-a-klimat", area_codes=["a-energi", "a-klimat"], area_names=[f"Energi {n}", f"Klimat {n}"],
                    body_html="<p>Gemensam text.</p>", groups=[],
                ),
            ]
            if qcode == "omvarldsanalys":
                blocks[0].groups.append(ItemGroup("environment_factor", "Aktuella omvärldsfaktorer", [Item("environment_factor", f"Ny strategi {n}", "")]))
            if qcode == "agenda-2030":
                blocks[0].groups.append(ItemGroup("sdg", "Aktuella Agenda 2030-mål", [
                    Item("sdg", "", "Digital infrastruktur i hela länet.", goal=9, goal_name="Hållbar industri, innovationer och infrastruktur", target="9.c"),
                    Item("sdg", "", "Jämlik tillgång.", goal=10, goal_name="Minskad ojämlikhet"),
                ]))
            if qcode == "insatser":
                blocks[1].groups.append(ItemGroup("initiative", "Ett urval av insatser", [Item("initiative", f"Insats {n} {HOSTILE[:40] if hostile else ''}".strip(), "Beskrivning.")]))
            sections.append(QuestionSection(id=f"{code}-{qcode}", code=qcode, title=qtitle, blocks=blocks))
        inds = []
        for i in range(indicators if n == 0 else 0):
            spec = charts.synthetic_spec(f"Indikator {i + 1}", [(2020 + k, 10 + k * (i + 1)) for k in range(5)], "Procent")
            table = Table(id=f"{code}-ind-{i}-tabell", caption=f"Indikator {i + 1}, värden", columns=["År", "Värde"], rows=[[str(2020 + k), str(10 + k * (i + 1))] for k in range(5)])
            inds.append(IndicatorSection(
                id=f"{code}-ind-{i}", title=f"Indikator {i + 1}", chart=Chart(spec=spec, alt=f"Linjediagram: indikator {i + 1} ökar 2020–2024.", table=table),
                source="Syntetiska demovärden", date="2025-01-01", assessment="Utvecklingen går åt rätt håll.", synthetic=True,
                finding=f"Indikator {i + 1} ökade från 10 till {10 + 4 * (i + 1)} mellan 2020 och 2024.",
            ))
        chapters.append(Chapter(id=code, code=code, title=title, sections=sections, indicators=inds))
    annex = Annex(
        funding_tables=[Table(id="finansiering", caption="Beviljade medel 2025 per finansieringskälla", columns=["Källa", "Antal", "Belopp (kr)"], rows=[["Anslag 1:1", "3", "1 200 000"], ["ERUF", "2", "5 000 000"]], note="Syntetiska demovärden")],
        impact_matrix=Table(id="paverkansmatris", caption="Agenda 2030-mål per prioritering", columns=["Prioritering", "Mål 9", "Mål 10"], rows=[["P1", "2", "1"], ["RU", "0", "1"]]),
        goal_conflicts=["Vindkraft mot rennäring: " + ("#$*@" if hostile else "")],
    )
    return Report(
        title="Resultat Västerbotten 2025", region="Region Västerbotten", year=2025, subtitle="Uppföljning av RUS 2020–2030",
        foreword_html="<p>Förordets text.</p>", foreword_signature="Regional utvecklingsdirektör",
        reading_guide="Varje kapitel har samma underrubriker:",
        questions=[Question(c, t) for c, t in QUESTIONS],
        strategy=StrategyOverview(name="RUS 2020–2030", vision="En attraktiv region", goals=[("En levande plats", "")], perspectives=[("Sammanhållen region", "")], priorities=[PriorityOverview("1", "En nytänkande och smart region", ["1.1 Digitalisering"])], closing=CLOSING),
        chapters=chapters, annex=annex,
        contacts=[ContactGroup("p-1", chapters[0].title, [Contact("Anna Andersson", "Enhetschef", "090-123", "anna@example.org", ["Digitalisering 0"])])],
        contacts_intro="Kontakta respektive verksamhet.",
    )
