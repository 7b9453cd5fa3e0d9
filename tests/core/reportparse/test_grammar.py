"""The grammar on a small report written for the test (clean Swedish, a made-up structure).

It shows that nothing is specific to the 2025 seed: the chapters and areas come from the
structure given to the parser.
"""

from __future__ import annotations

import pytest

from resultat.core.reportparse import grammar, parse_report
from resultat.core.reportparse.parser import _fix_email_breaks
from resultat.core.reportparse.text import key

STRUCTURE = {
    "chapters": [
        {"code": "p-1", "title": "Testlän — En nytänkande region"},
        {"code": "p-2", "title": "Testlän — En region rik på kompetenser"},
    ],
    "areas": [
        {"code": "a-dig", "name": "Digitalisering", "chapter": "p-1", "order": 1, "joint_with": []},
        {"code": "a-inn", "name": "Innovationsledning", "chapter": "p-1", "order": 2, "joint_with": ["a-smart"]},
        {"code": "a-smart", "name": "Smart specialisering", "chapter": "p-1", "order": 3, "joint_with": ["a-inn"]},
        {"code": "a-komp", "name": "Kompetensförsörjning", "chapter": "p-2", "order": 4, "joint_with": []},
    ],
    "contacts": [],
}

SECTIONS_P2 = """
Omvärldsanalys

Omvärlden påverkar kompetensförsörjningen
Arbetsmarknaden förändras.

Regionens bidrag

Kompetensförsörjning
Regionen samordnar.

Samverkan

Kompetensförsörjning
Samverkan sker i råd.

Sammanhållen region

Kompetensförsörjning i hela länet
Alla kommuner deltar.

Jämlik och jämställd inkludering

Kompetensförsörjning för alla
Alla ska med.

Föregångare i omställning

Kompetensförsörjning i omställningen
Nya kompetenser behövs.

Agenda 2030

Kompetensförsörjning och Agenda 2030
Aktuella Agenda 2030-mål
Mål 4: God utbildning för alla
Utbildning är centralt.

Ett urval av insatser i länet

Kompetensförsörjning
Yrkesresan
Ett utbildningsprogram för yrkeslärare.
"""

REPORT = (
    """Inledning om rapporten.

Testlän — En nytänkande region

Omvärldsanalys

Omvärlden påverkar digitalisering
Digitaliseringen förändrar samhället och kommunerna
behöver samverka mer än tidigare.

Omvärlden påverkar innovationsledning
Innovationer kräver ledning.

Smart specialisering
Regionens styrkor ska stärkas.

Region Testläns bidrag

Digitalisering

Regionen har arbetat med digitalisering i många år och
samarbetar med alla kommuner i länet. Arbetet har
fortsatt under året med flera nya projekt och det

12

finns ett stort intresse från kommunerna.

Resultat Testlän 2025 13

Digitalt stöd till kommunerna

Regionen stödjer kommunerna med rådgivning.

Aktuella omvärldsfaktorer

e Ny digitaliseringsstrategi för Sverige
e Nya regler från EU för
dataskydd

Innovationsledning
Regionen leder innovationsarbetet.

Resultat Testlän 2025 14

Smart specialisering
Regionen arbetar med smart specialisering.

Samverkan

Digitalisering
Samverkan är viktig.

Fasta samverkansytor

Strategirådet
Rådet samlar kommunchefer fyra gånger per år.

Digitala nätverket
Ett nätverk för alla kommuner.

Innovationsledning och smart specialisering
Gemensam samverkan.

Sammanhållen region

Digitalisering
Hela länet ska med.

Exempel på aktiviteter
Basnivå för kommunerna
Alla kommuner har en gemensam basnivå.

Innovationsledning
Innovation i hela länet.

Smart specialisering
Styrkor i hela länet.

Jämlik och jämställd inkludering

Digitalisering
Digital delaktighet.

Innovationsledning och smart specialisering
Jämställd innovation.

Resultat Testlän 2025 15

Föregångare i omställning

Digitalisering
Grön digitalisering.

Innovationsledning och smart specialisering
Omställning genom innovation.

Agenda 2030

Digitalisering

Aktuella Agenda 2030-mål inom området

Mål 9: Hållbar industri, innovationer och infrastruktur
Arbetet handlar framför allt om delmål 9.c och
bredband i hela länet.

Mål 18: Påhittat mål
Det här målet finns inte.

Mål 3 God utbildning för alla
Digital kompetens för alla.

Mål 8: Anständiga arbetsvillkor och ekonomisk tillväxt
Arbetet handlar om delmål 8.15 som inte finns.

Mal 10 Minskad ojamlikhet
Lika tillgång till digitala tjänster.

Innovationsledning och smart specialisering
Mål 17: Genomförande och globalt partnerskap
Samarbete med andra regioner.

Ett urval av insatser i länet

Digitalisering
Ett urval av insatser inom digitalisering
Projekt Alfa
Ett projekt som drivs av kommunerna.

Projekt Beta
Ett projekt som drivs av ett universitet.

Innovationsledning och smart specialisering

Inkubatorn
Stöd till nya företag.

Resultat Testlän 2025 16

Testlän — En region rik på kompetenser
"""
    + SECTIONS_P2
    + """
Kontakt för mer information

Testlän — En nytänkande region

Anna Andersson, Enhetschef Digitalisering, 070-123 45 67, anna.andersson @regiontest.se
Bo Berg, Chef Innovation och smart specialisering, 070-765 43 21,
bo.berg@ regiontest .se
Testlän — En region rik på kompetenser
Cecilia Ceder, Utvecklingsledare, 090-11 22 33, cecilia.ceder@regiontest.se
"""
)


@pytest.fixture(scope="module")
def report():
    return parse_report(REPORT, year=2025, structure=STRUCTURE, source="test.txt")


def blocks(report, chapter, question):
    ch = next(c for c in report.chapters if c.code == chapter)
    return next(s for s in ch.sections if s.question == question).blocks


def test_chapters_sections_and_blocks(report):
    assert [c.code for c in report.chapters] == ["p-1", "p-2"]
    for ch in report.chapters:
        assert len(ch.sections) == 8
    assert report.chapters[0].lines.first == 3  # the introduction is not a chapter
    omv = blocks(report, "p-1", "omvarldsanalys")
    assert [b.area_codes for b in omv] == [("a-dig",), ("a-inn",), ("a-smart",)]
    assert omv[0].heading == "Omvärlden påverkar digitalisering"
    assert omv[0].text == "Digitaliseringen förändrar samhället och kommunerna behöver samverka mer än tidigare."
    # "Regionens bidrag" / "Region Testläns bidrag": the region's name is not fixed
    assert [b.area_codes for b in blocks(report, "p-1", "bidrag")] == [("a-dig",), ("a-inn",), ("a-smart",)]
    assert report.counts()["p-2"]["blocks"] == 8


def test_joint_headings(report):
    for question in ("samverkan", "jamlik-inkludering", "foregangare-omstallning", "agenda-2030", "insatser"):
        codes = [b.area_codes for b in blocks(report, "p-1", question)]
        assert codes == [("a-dig",), ("a-inn", "a-smart")], question
    assert [b.area_codes for b in blocks(report, "p-1", "sammanhallen-region")] == [("a-dig",), ("a-inn",), ("a-smart",)]


def test_page_numbers_and_running_headers_leave_no_trace(report):
    block = blocks(report, "p-1", "bidrag")[0]
    assert "det finns ett stort intresse från kommunerna" in block.text
    assert "12" not in block.text and "Resultat Testlän" not in block.text
    assert "### Digitalt stöd till kommunerna" in block.text.split("\n")
    for ch in report.chapters:
        for sec in ch.sections:
            for b in sec.blocks:
                assert "Resultat Testlän" not in b.text
                assert all("Resultat Testlän" not in it.text for it in b.items)


def test_typed_items(report):
    dig = blocks(report, "p-1", "bidrag")[0]
    assert [(i.kind, i.title, i.text) for i in dig.items] == [
        ("environment_factor", "Ny digitaliseringsstrategi för Sverige", ""),
        ("environment_factor", "Nya regler från EU för dataskydd", ""),
    ]
    arenas = blocks(report, "p-1", "samverkan")[0].items
    assert [(i.kind, i.title, i.text) for i in arenas] == [
        ("arena", "Strategirådet", "Rådet samlar kommunchefer fyra gånger per år."),
        ("arena", "Digitala nätverket", "Ett nätverk för alla kommuner."),
    ]
    (activity,) = blocks(report, "p-1", "sammanhallen-region")[0].items
    assert (activity.kind, activity.title) == ("activity", "Basnivå för kommunerna")
    insatser = blocks(report, "p-1", "insatser")
    assert [i.title for i in insatser[0].items] == ["Projekt Alfa", "Projekt Beta"]
    # under "Ett urval av insatser i länet" titled paragraphs are initiatives even without the inner heading
    assert [(i.kind, i.title) for i in insatser[1].items] == [("initiative", "Inkubatorn")]
    assert "Projekt Alfa" not in insatser[0].text


def test_sdg_items_and_their_warnings(report):
    items = blocks(report, "p-1", "agenda-2030")[0].items
    assert [(i.sdg_goal, i.sdg_target, i.title) for i in items] == [
        (9, "9.c", "Hållbar industri, innovationer och infrastruktur"),
        (3, None, "God utbildning för alla"),
        (10, None, "Minskad ojämlikhet"),
    ]
    assert items[0].text == "Arbetet handlar framför allt om delmål 9.c och bredband i hela länet."
    messages = [w.message for w in report.warnings]
    assert any("Agenda 2030-mål 18 finns inte" in m for m in messages)
    assert any("Okänt delmål 8.15" in m for m in messages)
    assert any(m == "”Mål 3 God utbildning för alla”: titeln hör till mål 4, numret 3 gäller" for m in messages)
    (joint,) = blocks(report, "p-1", "agenda-2030")[1].items
    assert (joint.sdg_goal, joint.title) == (17, "Genomförande och globalt partnerskap")


def test_contacts(report):
    assert [(c.name, c.title, c.phone, c.email, c.chapter) for c in report.contacts] == [
        ("Anna Andersson", "Enhetschef Digitalisering", "070-123 45 67", "anna.andersson@regiontest.se", "p-1"),
        ("Bo Berg", "Chef Innovation och smart specialisering", "070-765 43 21", "bo.berg@regiontest.se", "p-1"),
        ("Cecilia Ceder", "Utvecklingsledare", "090-11 22 33", "cecilia.ceder@regiontest.se", "p-2"),
    ]
    assert report.contacts[1].lines.first + 1 == report.contacts[1].lines.last


def test_warning_lines_point_at_the_source(report):
    lines = REPORT.split("\n")
    w18 = next(w for w in report.warnings if "mål 18" in w.message.lower())
    assert lines[w18.line - 1].startswith("Mål 18")


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Omvarldsanalys", "omvarldsanalys"),
        ("Omvirldsanalys", "omvarldsanalys"),
        ("Region Vasterbottens bidrag", "bidrag"),
        ("Jamlik och jamstalld inkludering", "jamlik-inkludering"),
        ("Foregangare i omstallning", "foregangare-omstallning"),
        (" Agenda 2030", "agenda-2030"),
        ("Ett urval av insatser i lanet", "insatser"),
        ("Ett urval av insatser i Iénet", "insatser"),
        ("Ett urval av insatser i ldnet", "insatser"),
        ("Ett urval av insatser inom digitalisering", None),
        ("Samverkan kring data", None),
    ],
)
def test_sub_headings_with_ocr_damage(line, code):
    assert grammar.question_of(key(line)) == code


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Aktuella omvdrldsfaktorer", "environment_factor"),
        ("Urval av aktuella omvirldsfaktorer", "environment_factor"),
        ("Exempel pad aktiviteter", "activity"),
        ("Exempel pd aktiviteter", "activity"),
        ("Fasta samverkansytor", "arena"),
        ("Fasta samverkansytor inom energi", "arena"),
        ("Aktuella Agenda 2030-mdl inom omrdadet", "sdg"),
        ("Aktuella Agenda 2030-madl:", "sdg"),
        ("Ett urval av insatser inom besGksndring", "initiative"),
        ("Urval av insatser i ldnet", "initiative"),
        ("Exempel på hur vi arbetar", None),
    ],
)
def test_inner_headings_with_ocr_damage(line, kind):
    assert grammar.inner_kind(key(line)) == kind


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("nils.enwald @regionvasterbotten.se", "nils.enwald@regionvasterbotten.se"),
        ("magnus.rudehall@regionvasterbotten .se", "magnus.rudehall@regionvasterbotten.se"),
        ("helena.bjornwall.astrom@ regionvasterbotten.se", "helena.bjornwall.astrom@regionvasterbotten.se"),
        ("a.b@x.se", "a.b@x.se"),
    ],
)
def test_email_repair(raw, fixed):
    assert _fix_email_breaks(raw) == fixed


@pytest.mark.parametrize(
    ("line", "goal", "target", "title"),
    [
        ("Mal 9: Hallbar industri", "9", None, "Hallbar industri"),
        ("Mal 8. Anstandiga villkor", "8", None, "Anstandiga villkor"),
        ("Mal 10 — Minskad ojamlikhet", "10", None, "Minskad ojamlikhet"),
        ("Mal 3 God halsa", "3", None, "God halsa"),
        ("Mål 8.9 Främja hållbar turism", "8", "9", "Främja hållbar turism"),
        ("Mdl 13", "13", None, ""),
    ],
)
def test_sdg_line_forms(line, goal, target, title):
    m = grammar.SDG_LINE.match(line)
    assert m and (m.group(1), m.group(2), m.group(3)) == (goal, target, title)


def test_running_headers_need_changing_page_numbers_or_the_report_name():
    from resultat.core.reportparse.text import running_headers

    pages = [f"Resultat Testlän 2025 | {n}" for n in range(12, 17)]
    assert running_headers(pages, []) == frozenset({"resultat testlan 2025"})
    # a heading that repeats with the same number is no running header
    assert running_headers(["Region 10", "", "Region 10", "", "Region 10", "", "Region 10"], []) == frozenset()
    assert running_headers(["Samverkan"] * 7, []) == frozenset()
