"""The data the authorisation table is checked against: two units, their editors,
reviewers, an analyst, an administrator, an open cycle with drafts of unit A and
unit B and a submitted contribution, a published cycle, an initiative serving unit
A's area, an initiatives import batch and an indicator with a few observations."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from resultat.accounts.models import Role
from resultat.followup import services
from resultat.followup.datasets import contribution_id
from resultat.followup.models import Contribution, StrategicArea, Unit
from resultat.indicators import opendata as indicator_opendata
from resultat.indicators.models import Indicator, Observation
from resultat.initiatives import importing
from resultat.initiatives import services as initiative_services
from resultat.strategy.models import StrategyVersion
from tests.factories import load_followup_base, make_user


def build() -> SimpleNamespace:
    question_set, _people = load_followup_base()  # the people of the scenario are its own (below)

    s = SimpleNamespace()
    area_a = StrategicArea.objects.get(code="a-digitalisering")
    unit_a = area_a.units.first()
    unit_b = Unit.objects.exclude(pk=unit_a.pk).exclude(areas=area_a).filter(areas__isnull=False).first()
    area_b = unit_b.areas.exclude(pk=area_a.pk).first()
    s.area_a = area_a
    s.unit_a = unit_a
    s.editor_a = make_user("ebba", Role.EDITOR)
    s.editor_b = make_user("bo", Role.EDITOR)
    s.no_role = make_user("nils")  # an account without a role (single sign-on creates one per employee)
    s.reviewer = make_user("greta", Role.REVIEWER)
    s.reviewer_unassigned = make_user("gustav", Role.REVIEWER)
    s.analyst = make_user("anna", Role.ANALYST)
    s.analyst.is_staff = True
    s.analyst.save()
    s.administrator = make_user("ada", Role.ADMINISTRATOR)
    s.administrator.is_staff = s.administrator.is_superuser = True
    s.administrator.save()
    unit_a.editors.add(s.editor_a)
    unit_b.editors.add(s.editor_b)
    version = StrategyVersion.objects.get(code="aktualisering-2025-26")

    # a published cycle with one published contribution of unit A
    s.published_cycle = services.open_cycle(
        year=2025, version=version, question_set=question_set, actor=s.analyst, reviewers=[s.reviewer],
        deadlines={"submit_by": date(2026, 1, 31)},
    )
    pub = Contribution.objects.get(cycle=s.published_cycle, area=area_a, question__code="omvarldsanalys")
    pub = services.save_contribution(pub, user=s.editor_a, body="<p>Publicerad text</p>", base_revision=0)
    services.submit(pub, s.editor_a)
    services.approve(pub, s.reviewer, "Bra")
    services.lock_cycle(s.published_cycle, s.analyst, reason="Ofullständig cykel i testet")
    services.publish_cycle(s.published_cycle, s.analyst, reason="Ofullständig cykel i testet")
    s.published_contribution = Contribution.objects.get(pk=pub.pk)
    s.published_chapter = s.published_contribution.chapter.code

    # the open cycle: a draft of unit A, a draft of unit B, a submitted one of unit A
    s.open_cycle = services.open_cycle(
        year=2026, version=version, question_set=question_set, actor=s.analyst, reviewers=[s.reviewer],
        deadlines={"submit_by": date(2027, 1, 31)},
    )
    a = Contribution.objects.get(cycle=s.open_cycle, area=area_a, question__code="omvarldsanalys")
    s.contribution_a = services.save_contribution(a, user=s.editor_a, body="<p>Utkast A</p>", base_revision=0)
    b = Contribution.objects.filter(cycle=s.open_cycle, area=area_b).order_by("pk").first()
    s.contribution_b = services.save_contribution(b, user=s.editor_b, body="<p>Utkast B</p>", base_revision=0)
    sub = Contribution.objects.filter(cycle=s.open_cycle, area=area_a).exclude(pk=a.pk).order_by("pk").first()
    sub = services.save_contribution(sub, user=s.editor_a, body="<p>Klar</p>", base_revision=0)
    s.submitted_contribution = services.submit(sub, s.editor_a)

    # the register: an initiative serving unit A's area (editor A may edit it, editor B not)
    s.initiative = initiative_services.save_initiative(
        None, user=s.analyst, data={"name": "Digitala Västerbotten", "kind": "project", "status": "ongoing"}, areas=[area_a],
    )
    s.import_batch, _preview = importing.upload(importing.template_bytes(), "mall.xlsx", s.analyst)

    # an indicator with observations for the county and a municipality
    s.indicator = Indicator.objects.create(source="kolada", external_id="N00000", title="Testindikator", unit="procent", synthetic=True)
    for year, value in ((2022, 40.0), (2023, 42.5), (2024, 45.0)):
        for code in ("24", "2480"):
            Observation.objects.create(indicator=s.indicator, area_code=code, period=year, value=value, synthetic=True)
    s.opensdg_filename = indicator_opendata.opensdg_filename(s.indicator)
    s.opensdg_meta_filename = indicator_opendata.opensdg_meta_filename(s.indicator)

    # a report text of the published cycle with one revision, and an indicator fetch
    from resultat.indicators.models import SyncJob
    from resultat.reports.models import ReportSection, ReportSectionRevision

    s.report_section = ReportSection.objects.create(cycle=s.published_cycle, code=ReportSection.FOREWORD, title="Förord",
                                                    body="<p>Förordet.</p>", signature="Regional utvecklingsdirektör", revision=1)
    ReportSectionRevision.objects.create(section=s.report_section, number=1, title="Förord", body="<p>Förordet.</p>",
                                         author=s.analyst)
    s.sync_job = SyncJob.objects.create(sources=["kolada"], requested_by=s.analyst)

    # the open-data identifiers of a published and of a draft contribution
    s.published_contribution_id = contribution_id(s.published_contribution)
    s.draft_contribution_id = contribution_id(s.contribution_a)
    s.anonymous = None
    return s
