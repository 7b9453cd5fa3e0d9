"""Word in, Word out in a real browser: an editor downloads the unit's document, edits it
(python-docx), uploads it, reads the preview, confirms, and sees the new revision.

With RESULTAT_SCREENSHOTS=DIR the test also saves the screenshots used in docs/followup.md.
"""

import os
import re
from datetime import date
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from resultat.followup import services
from resultat.followup.models import Contribution, StrategicArea
from resultat.strategy.models import StrategyVersion
from tests.browser.helpers import login
from tests.factories import load_followup_base
from tests.followup.wordhelpers import open_docx, paragraphs_after, save_docx, table_after


@pytest.fixture
def setup(transactional_db):
    question_set, users = load_followup_base("analyst", "editor")
    analyst, editor = users["analyst"], users["editor"]
    area = StrategicArea.objects.get(code="a-digitalisering")
    unit = area.units.first()
    cycle = services.open_cycle(year=2026, version=StrategyVersion.objects.get(code="aktualisering-2025-26"), question_set=question_set,
                                actor=analyst, deadlines={"submit_by": date(2027, 1, 31)})
    c = Contribution.objects.get(cycle=cycle, area=area, question__code="omvarldsanalys")
    services.save_contribution(c, user=editor, body="<p>Omvärlden förändras snabbt.</p>",
                               items=[{"kind": "environment_factor", "title": "Ny teknik", "text": "AI påverkar allt."}], base_revision=0)
    return {"unit": unit, "contribution": c}


def shot(page, name):
    folder = os.environ.get("RESULTAT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_editor_answers_in_word(page, setup, tmp_path, assert_no_axe_violations):
    c = setup["contribution"]
    login(page, "ebba")
    page.goto("/uppfoljning/mina-uppgifter/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Skriv i Word")).click()
    assert_no_axe_violations(page)
    shot(page, "word-hamta.png")
    with page.expect_download() as info:
        page.get_by_role("link", name=setup["unit"].name).click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    doc = open_docx(Path(download.path()).read_bytes())

    # The editor writes a new paragraph and a new environmental factor.
    body = paragraphs_after(doc, f"rs_b_{c.pk}")
    new = body[-1].getparent().makeelement(qn("w:p"), {})
    body[-1].addnext(new)
    from docx.text.paragraph import Paragraph

    Paragraph(new, doc.element.body).add_run("Ny lagstiftning om cybersäkerhet kräver mer av kommunerna.")
    row = table_after(doc, f"rs_t_{c.pk}_environment_factor").rows[-1].cells
    row[0].text, row[1].text = "Cybersäkerhet", "NIS2 gäller från 2025."
    edited = tmp_path / "redigerad.docx"
    edited.write_bytes(save_docx(doc))

    page.get_by_label("Word-dokument (.docx)").set_input_files(str(edited))
    with page.expect_navigation():
        page.get_by_role("button", name="Förhandsgranska").click()
    main = page.locator("main")
    assert page.get_by_role("heading", name="Digitalisering · Omvärldsanalys").is_visible()
    assert "ändras" in main.inner_text()
    assert "cybersäkerhet" in main.locator(".diff ins").first.inner_text()
    assert "Ny: Cybersäkerhet · NIS2 gäller från 2025." in main.inner_text()
    assert_no_axe_violations(page)
    shot(page, "word-forhandsgranskning.png")

    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Spara")).click()
    assert "sparades från Word-dokumentet" in main.inner_text()
    assert "Ny lagstiftning om cybersäkerhet" in page.locator("#id_body").input_value()
    c.refresh_from_db()
    assert c.revision == 2 and c.revisions.first().note == "från Word"
    assert "från Word" in main.inner_text()
    shot(page, "word-ny-version.png")
