"""The round trip: the product's own 2025 PDF, built from the database, imported as 2024
into a fresh cycle gives the same chapters, areas, contributions, items and initiatives.

Needs poppler-utils' ``pdftohtml`` (installed on CI by .ci/run and with make env's system
packages); without it the PDF import itself refuses with a message naming the package.
"""

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from resultat.followup.models import Contribution, ContributionItem, Cycle
from resultat.imports import services
from resultat.initiatives.models import Initiative
from resultat.reports.builder import build_report
from resultat.reports.services import render
from tests.factories import committed_edition, load_edition

ROOT = Path(__file__).resolve().parents[2]
STRUCTURE = ROOT / "data" / "followup" / "vasterbotten" / "structure-2025.yaml"
OCR_2025 = ROOT / "data" / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"
FRONT_2025 = ROOT / "data" / "reports" / "vasterbotten" / "front-matter-2025.yaml"

pytestmark = pytest.mark.skipif(shutil.which("pdftohtml") is None, reason="poppler-utils (pdftohtml) is not installed")

edition = committed_edition(lambda: load_edition(demo_cycle=False), scope="module")


@pytest.fixture(scope="module")
def pdf_2025(edition, django_db_blocker, tmp_path_factory) -> Path:
    with django_db_blocker.unblock():
        report = build_report(Cycle.objects.get(year=2025))
        path = tmp_path_factory.mktemp("pdf") / "resultat-vasterbotten-2025.pdf"
        path.write_bytes(render(report, "pdf").content)
    return path


def _norm(text: str) -> str:
    return " ".join((text or "").split())


def snapshot(year: int) -> dict:
    """Per (chapter, question, area): the body (HTML, whitespace normalised), the joint
    lead's area and every item as (kind, title, text, goal, target, arena, initiative)."""
    out = {}
    contributions = (
        Contribution.objects.filter(cycle__year=year)
        .select_related("chapter", "question", "area", "joint_with__area")
        .prefetch_related("items__sdg_goal", "items__sdg_target", "items__arena", "items__initiative")
    )
    for c in contributions:
        items = [
            (
                i.kind,
                # the PDF prints an Agenda 2030 item as "Mål N: <the goal's official name>",
                # not the title the OCR edition printed; compared below on their own
                "" if i.kind == "sdg" else _norm(i.title),
                _norm(i.text),
                i.sdg_goal.number if i.sdg_goal else None,
                i.sdg_target.code if i.sdg_target else None,
                i.arena.code if i.arena else None,
                i.initiative.code if i.initiative else None,
            )
            for i in c.items.order_by("pk")
        ]
        out[(c.chapter.code, c.question.code, c.area.code)] = {
            "body": _norm(re.sub(r">\s+<", "><", c.body)),
            "joint": c.joint_with.area.code if c.joint_with else None,
            "items": items,
        }
    return out


def front_matter(year: int) -> list[tuple]:
    """The edition's own texts: (code, title, level, order, body HTML normalised, signature)."""
    from resultat.reports.models import ReportSection

    return [(s.code, s.title, s.level, s.order, _norm(re.sub(r">\s+<", "><", s.body)), s.signature)
            for s in ReportSection.objects.filter(cycle__year=year).order_by("order", "code")]


def differences(a: dict, b: dict) -> list[str]:
    out = [f"only in 2025: {k}" for k in sorted(set(a) - set(b))]
    out += [f"only in 2024: {k}" for k in sorted(set(b) - set(a))]
    for k in sorted(set(a) & set(b)):
        for field in ("body", "joint", "items"):
            if a[k][field] != b[k][field]:
                x, y = str(a[k][field]), str(b[k][field])
                at = next((n for n, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
                out.append(f"{k} {field} at {at}: {x[max(0, at - 60):at + 60]!r} != {y[max(0, at - 60):at + 60]!r}")
    return out


@pytest.mark.django_db
def test_the_2025_pdf_imported_as_2024_equals_the_database_it_was_built_from(pdf_2025):
    initiatives_before = set(Initiative.objects.values_list("code", flat=True))
    result = services.import_report(pdf_2025, year=2024, structure_file=STRUCTURE, front_matter_file=FRONT_2025)
    assert result.warnings == []
    cycle = Cycle.objects.get(year=2024)
    assert cycle.state == Cycle.State.PUBLISHED
    a, b = snapshot(2025), snapshot(2024)
    assert len(b) == len(a) == 174
    assert differences(a, b) == []
    # the same chapters and the same 22 areas
    for year in (2024, 2025):
        assert Contribution.objects.filter(cycle__year=year).values("chapter").distinct().count() == 7
        assert Contribution.objects.filter(cycle__year=year).values("area").distinct().count() == 22
    # the same initiatives: every 2024 item points to the record the 2025 item points to,
    # and no record was added
    assert set(Initiative.objects.values_list("code", flat=True)) == initiatives_before
    # Agenda 2030 items: the same goals and targets; the title is the goal's name as printed
    for item in ContributionItem.objects.filter(contribution__cycle=cycle, kind="sdg").select_related("sdg_goal"):
        assert item.title == item.sdg_goal.name_sv
    # provenance: the PDF and its text lines, not OCR
    c = Contribution.objects.filter(cycle=cycle).exclude(source_text="").first()
    assert c.source_file == pdf_2025.name and c.source_first_line > 0 and c.source_text

    # the front matter: foreword with its signature, the introduction's sections, the
    # reading guide and the contacts' introduction, the same texts in the same order
    fm_2025, fm_2024 = front_matter(2025), front_matter(2024)
    assert len(fm_2025) == 11 and fm_2025[0][0] == "forord" and fm_2025[0][5]
    assert [x for x in zip(fm_2025, fm_2024) if x[0] != x[1]] == [] and len(fm_2024) == len(fm_2025)
    assert result.totals["texter skapade"] == 11 and not result.totals["saknade texter"]

    # importing the same PDF again changes nothing
    again = services.import_report(pdf_2025, year=2024, structure_file=STRUCTURE, front_matter_file=FRONT_2025)
    assert again.totals["bidrag oförändrade"] == 174 and not again.totals["bidrag uppdaterade"]
    assert again.totals["texter oförändrade"] == 11 and not again.totals["texter uppdaterade"]


@pytest.mark.django_db
def test_a_pdf_without_a_text_layer_says_so_or_takes_the_ocr_text(tmp_path):
    scanned = tmp_path / "inskannad.pdf"
    scanned.write_bytes(_image_only_pdf())
    with pytest.raises(services.ImportError_, match="inget textlager.*--ocr-text"):
        services.import_report(scanned, year=2025)
    with pytest.raises(CommandError, match="inget textlager"):
        call_command("import", "report", str(scanned), "--year", "2025")
    # with the OCR text of the scanned copy, the OCR path (dry run: nothing written)
    result = services.import_report(scanned, year=2025, ocr_text=OCR_2025, dry_run=True)
    assert result.dry_run and set(result.per_chapter) == {"p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "ru"}


@pytest.mark.django_db
def test_a_file_that_is_not_a_pdf_is_refused_with_its_name(tmp_path):
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"not a pdf at all")
    with pytest.raises(services.ImportError_, match="trasig.pdf.*inte en PDF"):
        services.import_report(broken, year=2025)


def _image_only_pdf() -> bytes:
    """A valid one-page PDF that draws a grey rectangle and has no text."""
    stream = b"0.5 g 100 100 300 300 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.django_db
def test_a_missing_front_matter_file_is_refused_with_its_name(tmp_path):
    with pytest.raises(services.ImportError_, match="saknas.yaml.*egna texter"):
        services.import_report(OCR_2025, year=2025, front_matter_file=tmp_path / "saknas.yaml", dry_run=True)
    with pytest.raises(CommandError, match="saknas.yaml"):
        call_command("import", "report", str(OCR_2025), "--year", "2025", "--front-matter", str(tmp_path / "saknas.yaml"))
