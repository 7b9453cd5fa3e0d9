"""Word in, Word out (issue 21): export, LibreOffice round trips, preview and confirm."""

from __future__ import annotations

import copy
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx.oxml.ns import qn

from resultat.followup import services
from resultat.followup import wordexchange as wx
from resultat.followup.models import Contribution, Revision, StandingArena
from tests.followup.wordhelpers import (
    libreoffice_save,
    marker_paragraph,
    open_docx,
    paragraphs_after,
    replace_part,
    save_docx,
    table_after,
)

pytestmark = pytest.mark.django_db

BODY = "<p>Omvärlden förändras snabbt och <strong>tekniken</strong> går fort.</p><ul><li>AI-förordningen</li><li>NIS2</li></ul>"
ITEMS = [{"kind": "environment_factor", "title": "Ny teknik", "text": "AI påverkar allt."},
         {"kind": "environment_factor", "title": "Kompetens", "text": "Brist på folk."}]


@pytest.fixture
def written(contribution, people):
    services.save_contribution(contribution, user=people["editor_a"], body=BODY, items=ITEMS, base_revision=contribution.revision)
    contribution.refresh_from_db()
    return contribution


def snapshot(cycle):
    return {c.pk: (c.revision, c.body, c.state) for c in Contribution.objects.filter(cycle=cycle)}, Revision.objects.count()


def export(cycle, people):
    return wx.export_document(cycle, people["unit_a"], people["editor_a"])


def test_unchanged_after_libreoffice_changes_nothing(cycle, people, written, tmp_path):
    before = snapshot(cycle)
    data = libreoffice_save(export(cycle, people), tmp_path)
    preview = wx.preview_upload(data, people["editor_a"])
    assert preview.problems == []
    assert len(preview.contributions) == Contribution.objects.filter(cycle=cycle, area__units=people["unit_a"]).count()
    assert {p.status for p in preview.contributions} == {"unchanged"}
    assert not preview.can_confirm and not preview.token
    assert snapshot(cycle) == before


def test_edits_in_libreoffice_change_exactly_those(cycle, people, written, tmp_path):
    saved = libreoffice_save(export(cycle, people), tmp_path)
    doc = open_docx(saved)
    body = paragraphs_after(doc, f"rs_b_{written.pk}")
    first = next(p for p in body if "förändras" in "".join(t.text or "" for t in p.iter(qn("w:t"))))
    for t in first.iter(qn("w:t")):
        t.text = t.text.replace("snabbt", "mycket snabbt")
    last_item = next(p for p in body if "NIS2" in "".join(t.text or "" for t in p.iter(qn("w:t"))))
    new_item = copy.deepcopy(last_item)
    for t in new_item.iter(qn("w:t")):
        t.text = t.text.replace("NIS2", "Cyberresiliensakten")
    last_item.addnext(new_item)
    table = table_after(doc, f"rs_t_{written.pk}_environment_factor")
    table.rows[2].cells[1].text = "Brist på ingenjörer."
    edited = libreoffice_save(save_docx(doc), tmp_path / "again")
    before = snapshot(cycle)[0]

    preview = wx.preview_upload(edited, people["editor_a"])
    assert preview.problems == []
    changed = [p for p in preview.contributions if p.status != "unchanged"]
    assert [p.contribution.pk for p in changed] == [written.pk]
    assert [p.status for p in changed] == ["change"]
    assert "<ins>" in changed[0].diff and "mycket" in changed[0].diff
    assert [(c.op, c.new) for c in changed[0].item_changes] == [("changed", "Kompetens · Brist på ingenjörer.")]

    saved_now = wx.confirm(preview.token, people["editor_a"])
    assert [c.pk for c in saved_now] == [written.pk]
    written.refresh_from_db()
    assert written.revision == before[written.pk][0] + 1
    assert "mycket snabbt" in written.body
    assert re.search(r"<ul><li>AI-förordningen</li><li>NIS2</li><li>Cyberresiliensakten</li></ul>", written.body)
    assert [(i.title, i.text) for i in written.items.order_by("order")] == [("Ny teknik", "AI påverkar allt."), ("Kompetens", "Brist på ingenjörer.")]
    assert written.revisions.first().note == "från Word"
    after = snapshot(cycle)[0]
    assert {pk: v for pk, v in after.items() if pk != written.pk} == {pk: v for pk, v in before.items() if pk != written.pk}


def _edit_body(data: bytes, contribution_id: int, text: str) -> bytes:
    doc = open_docx(data)
    paras = paragraphs_after(doc, f"rs_b_{contribution_id}")
    for t in paras[0].iter(qn("w:t")):
        t.text = ""
    paras[0].append(copy.deepcopy(next(marker_paragraph(doc, f"rs_b_{contribution_id}")._p.iter(qn("w:r")))))
    for t in list(paras[0].iter(qn("w:t")))[-1:]:
        t.text = text
    return save_docx(doc)


def test_closed_cycle_is_refused(cycle, people, written):
    data = _edit_body(export(cycle, people), written.pk, "Sent ändrad text.")
    services.lock_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet")
    before = snapshot(cycle)
    with pytest.raises(wx.WordExchangeError, match="2026.*låst.*Inget sparades"):
        wx.preview_upload(data, people["editor_a"])
    assert snapshot(cycle) == before


def test_tampered_manifest_is_refused(cycle, people, written):
    data = export(cycle, people)
    tampered = replace_part(data, "docProps/custom.xml", lambda b: re.sub(rb'"rev":(\d+)', rb'"rev":99', b, count=1))
    assert tampered != data
    with pytest.raises(wx.WordExchangeError, match="signaturen stämmer inte"):
        wx.preview_upload(tampered, people["editor_a"])
    stripped = replace_part(data, "docProps/custom.xml", lambda b: re.sub(rb"resultat\.", b"annat.", b))
    with pytest.raises(wx.WordExchangeError, match="inte skapat av Resultat"):
        wx.preview_upload(stripped, people["editor_a"])


def test_document_of_another_unit_is_refused(cycle, people, written):
    data = _edit_body(export(cycle, people), written.pk, "Någon annans text.")
    before = snapshot(cycle)
    with pytest.raises(wx.WordExchangeError, match=f"verksamheten {re.escape(people['unit_a'].name)}.*inte redaktör"):
        wx.preview_upload(data, people["editor_b"])
    assert snapshot(cycle) == before


def test_broken_table_is_a_problem_with_its_place_and_nothing_can_be_saved(cycle, people, written):
    doc = open_docx(export(cycle, people))
    table = table_after(doc, f"rs_t_{written.pk}_environment_factor")
    row = table.rows[1]._tr
    row.remove(row.findall(qn("w:tc"))[-1])  # a row with one cell too few
    paragraphs_after(doc, f"rs_b_{written.pk}")[0].append(copy.deepcopy(row.find(qn("w:tc")).find(qn("w:p")).find(qn("w:r"))))
    preview = wx.preview_upload(save_docx(doc), people["editor_a"])
    assert preview.blocked and not preview.can_confirm and not preview.token
    place, message = preview.problems[0]
    assert "Digitalisering" in place and "Omvärldsanalys" in place and "Aktuell omvärldsfaktor" in place and "rad 1" in place
    assert "1 celler" in message and "2 kolumner" in message
    with pytest.raises(wx.WordExchangeError):
        wx.confirm(preview.token, people["editor_a"])


def test_changed_in_the_web_since_download_is_a_conflict(cycle, people, written):
    data = _edit_body(export(cycle, people), written.pk, "Texten från Word.")
    services.save_contribution(written, user=people["editor_a2"], body="<p>Texten från webben.</p>", base_revision=written.revision)
    preview = wx.preview_upload(data, people["editor_a"])
    (p,) = [p for p in preview.contributions if p.status != "unchanged"]
    assert p.status == "conflict" and "webben" in p.reason
    assert "Texten från webben." in p.contribution.body and "Texten från Word." in p.parsed.body_html
    assert not preview.can_confirm


def test_conflict_at_confirmation_writes_nothing(cycle, people, written):
    other = Contribution.objects.get(cycle=cycle, area=written.area, question__code="bidrag")
    data = _edit_body(_edit_body(export(cycle, people), written.pk, "Ett."), other.pk, "Två.")
    preview = wx.preview_upload(data, people["editor_a"])
    assert preview.can_confirm and len(preview.changes) == 2
    services.save_contribution(other, user=people["editor_a2"], body="<p>Webben hann före.</p>", base_revision=other.revision)
    before = snapshot(cycle)
    with pytest.raises(services.EditConflict):
        wx.confirm(preview.token, people["editor_a"])
    assert snapshot(cycle) == before


def test_contribution_not_open_for_editing_is_refused_with_reason(cycle, people, written):
    data = _edit_body(export(cycle, people), written.pk, "Ändrad efter klarmarkering.")
    services.submit(written, people["editor_a"])
    preview = wx.preview_upload(data, people["editor_a"])
    (p,) = [p for p in preview.contributions if p.status != "unchanged"]
    assert p.status == "refused" and "klar för granskning" in p.reason
    assert not preview.can_confirm


def test_typed_lists_with_allowed_values(cycle, people, written):
    StandingArena.objects.create(code="digitala-forum", name="Digitala forumet")
    sdg = Contribution.objects.get(cycle=cycle, area=written.area, question__code="agenda-2030")
    arena = Contribution.objects.get(cycle=cycle, area=written.area, question__code="samverkan")
    doc = open_docx(export(cycle, people))
    t = table_after(doc, f"rs_t_{sdg.pk}_sdg")
    for cell, value in zip(t.rows[1].cells, ["9", "9.5", "", "Forskning och innovation."], strict=True):
        cell.text = value
    for cell, value in zip(t.add_row().cells, ["18", "", "", "Finns inte."], strict=True):
        cell.text = value
    a = table_after(doc, f"rs_t_{arena.pk}_arena")
    for cell, value in zip(a.rows[1].cells, ["digitala-forum", "", "Möts varje månad."], strict=True):
        cell.text = value
    preview = wx.preview_upload(save_docx(doc), people["editor_a"])
    assert [(str(place).split(" · ")[-1], "1–17" in message) for place, message in preview.problems] == [("rad 2", True)]
    doc2 = open_docx(save_docx(doc))
    table_after(doc2, f"rs_t_{sdg.pk}_sdg").rows[2].cells[0].text = "13"
    preview = wx.preview_upload(save_docx(doc2), people["editor_a"])
    assert preview.can_confirm, preview.problems
    wx.confirm(preview.token, people["editor_a"])
    assert [(i.sdg_goal.number, i.sdg_target.code if i.sdg_target else None, i.text) for i in sdg.items.order_by("order")] == [
        (9, "9.5", "Forskning och innovation."), (13, None, "Finns inte.")]
    assert [(i.arena.code, i.title) for i in arena.items.all()] == [("digitala-forum", "Digitala forumet")]


def test_command_line_export_and_import(cycle, people, written, tmp_path, capsys):
    call_command("word", "export", "--year", "2026", "--out", str(tmp_path))
    out = capsys.readouterr().out
    path = tmp_path / wx.filename(cycle, people["unit_a"])
    assert path.exists() and re.search(r"\[\d+/\d+\]", out)
    edited = tmp_path / "edited.docx"
    edited.write_bytes(_edit_body(path.read_bytes(), written.pk, "Från kommandoraden."))
    call_command("word", "import", str(edited), "--user", people["editor_a"].username, "--dry-run")
    assert "Torrkörning: 1 bidrag" in capsys.readouterr().out
    written.refresh_from_db()
    assert "Från kommandoraden." not in written.body
    call_command("word", "import", str(edited), "--user", people["editor_a"].username)
    assert "1 bidrag sparade" in capsys.readouterr().out
    written.refresh_from_db()
    assert "Från kommandoraden." in written.body
    with pytest.raises(CommandError, match="inte redaktör"):
        call_command("word", "import", str(edited), "--user", people["analyst"].username)
