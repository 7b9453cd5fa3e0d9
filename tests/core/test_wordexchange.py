"""The plain-Python Word exchange: formatting both ways, notes, signature, hostile files."""

import io
import zipfile

import pytest
from docx.enum.text import WD_BREAK

from resultat.core.richtext import sanitize
from resultat.core.wordexchange.build import build_docx
from resultat.core.wordexchange.model import (
    AreaSection,
    ContributionSection,
    ExportDocument,
    Vocabulary,
    WordExchangeError,
)
from resultat.core.wordexchange.parse import read_docx
from tests.followup.wordhelpers import open_docx, paragraphs_after, replace_part, save_docx

KEY = b"test-key"
VOCAB = Vocabulary(goals={n: f"Mål {n}" for n in range(1, 18)}, targets={9: {"9.5"}}, arenas={"forum": "Forumet"}, kind_labels={"sdg": "Agenda 2030-mål"})
BODY = ('<p>Text med <strong>fet</strong>, <em>kursiv</em> och <a href="https://example.org/a">en länk</a>.</p><h3>Rubrik tre</h3><h4>Rubrik fyra</h4>'
        "<ul><li>ett</li><li>två<ul><li>inre</li></ul></li></ul><ol><li>först</li><li>sedan</li></ol><p>rad<br>ny rad</p>")


def document(body=BODY, items=()):
    c = ContributionSection(id=7, revision=2, area_code="a", area_name="Området", question_code="q", question_title="Frågan",
                            body_html=body, item_kinds=["sdg"], items=list(items))
    return build_docx(ExportDocument(year=2026, cycle_id=1, unit_code="u", unit_name="Enheten", made_at="2026-12-07T14:00:00",
                                     areas=[AreaSection("a", "Området", [c])]), VOCAB, KEY)


def test_allowed_formatting_comes_back_unchanged():
    result = read_docx(document(items=[{"kind": "sdg", "sdg_goal": 9, "sdg_target": "9.5", "text": "Motiv"}]), KEY, VOCAB)
    (c,) = result.contributions
    assert c.body_html == sanitize(BODY)
    assert c.items == [{"kind": "sdg", "title": "", "text": "Motiv", "sdg_goal": 9, "sdg_target": "9.5", "arena": None}]
    assert not c.changed and c.problems == [] and c.notes == []


def test_other_formatting_is_dropped_with_a_note():
    doc = open_docx(document())
    first = paragraphs_after(doc, "rs_b_7")[0]
    from docx.text.paragraph import Paragraph

    p = Paragraph(first, doc._body)
    p.add_run(" struken").font.strike = True
    p.add_run().add_break(WD_BREAK.PAGE)
    heading = p.insert_paragraph_before("Stor rubrik", style="Heading 1")
    assert heading.text == "Stor rubrik"
    (c,) = read_docx(save_docx(doc), KEY, VOCAB).contributions
    assert c.body_changed and "<h3>Stor rubrik</h3>" in c.body_html and "struken" in c.body_html
    notes = {message for _place, message in c.notes}
    assert {"genomstrykning togs bort", "en sidbrytning togs bort", "en rubrik på nivå 1 blev nivå 3"} <= notes
    assert all("Området · Frågan" == str(place) for place, _m in c.notes)


def test_a_changed_manifest_or_another_key_is_refused():
    data = document()
    with pytest.raises(WordExchangeError, match="signaturen"):
        read_docx(data, b"another-installation", VOCAB)
    tampered = replace_part(data, "docProps/custom.xml", lambda b: b.replace(b'"rev":2', b'"rev":5'))
    assert tampered != data
    with pytest.raises(WordExchangeError, match="signaturen"):
        read_docx(tampered, KEY, VOCAB)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def test_hostile_files_are_refused_with_a_clear_error():
    with pytest.raises(WordExchangeError, match="inte ett Word-dokument"):
        read_docx(b"PK\x03\x04 inte en zip", KEY, VOCAB)
    with pytest.raises(WordExchangeError, match="för stor"):
        read_docx(b"x" * (10 * 1024 * 1024 + 1), KEY, VOCAB)
    bomb = _zip({"word/document.xml": b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>"})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(WordExchangeError, match="orimligt mycket"):
        read_docx(bomb, KEY, VOCAB)
    laughs = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w>&b;</w>'
    with pytest.raises(WordExchangeError, match="DTD"):
        read_docx(_zip({"word/document.xml": laughs}), KEY, VOCAB)
    with pytest.raises(WordExchangeError, match="dokumentdelen saknas"):
        read_docx(_zip({"x.txt": b"hej"}), KEY, VOCAB)
