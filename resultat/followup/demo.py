"""Demo data for ``make run``: the 2025 structure and an open 2026 cycle with a few
contributions in different states. The demo texts are synthetic and say so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from resultat.accounts.models import User
from resultat.core.markup import markup_to_html
from resultat.followup import loaders, services
from resultat.followup.models import Contribution, Cycle, StrategicArea
from resultat.strategy.models import StrategyVersion

DEMO_LABEL = "Syntetisk demotext – inte Region Västerbottens uppföljning."
DEMO_AREA = "a-digitalisering"
DEMO_YEAR = 2026


def data_dir() -> Path:
    return Path(settings.DATA_DIR) / "followup"


def load_setup_data():
    question_set = loaders.load_question_set(data_dir() / "questions-default.yaml")
    loaders.load_structure(data_dir() / "vasterbotten" / "structure-2025.yaml")
    return question_set


@transaction.atomic
def setup(today: date | None = None) -> Cycle | None:
    """Open the 2026 demo cycle, carrying over the imported 2025 texts where they exist."""
    question_set = load_setup_data()
    editor = User.objects.filter(username="redaktor").first()
    reviewer = User.objects.filter(username="granskare").first()
    analyst = User.objects.filter(username="analytiker").first()
    area = StrategicArea.objects.get(code=DEMO_AREA)
    if editor:
        for unit in area.units.all():
            unit.editors.add(editor)
    version = StrategyVersion.objects.filter(code="aktualisering-2025-26").first()
    if version is None or Cycle.objects.filter(version__strategy=version.strategy, year=DEMO_YEAR).exists():
        return None
    cycle = services.open_cycle(
        year=DEMO_YEAR,
        version=version,
        question_set=question_set,
        actor=analyst,
        deadlines={"opens_on": date(2026, 10, 1), "submit_by": date(2027, 1, 31), "review_by": date(2027, 2, 28), "publish_on": date(2027, 3, 31)},
        reviewers=[reviewer] if reviewer else [],
        carry_over=True,
    )
    if not (editor and reviewer):
        return cycle

    def write(question: str, text: str, items=None) -> Contribution:
        c = Contribution.objects.get(cycle=cycle, area=area, question__code=question)
        body = markup_to_html(f"*{DEMO_LABEL}*\n\n{text}")
        return services.save_contribution(c, user=editor, body=body, items=items, base_revision=c.revision)

    write("omvarldsanalys", "Utkast: AI-förordningen och nya krav på cybersäkerhet (NIS2) påverkar hur offentliga verksamheter i länet planerar sin digitalisering.")
    c = write("bidrag", "Regionen har samordnat ett nätverk för kommunernas digitaliseringsstrateger och stöttat företag i digital omställning.")
    services.submit(c, editor)
    c = write("samverkan", "Området samverkar med länets kommuner och lärosäten.")
    services.submit(c, editor)
    services.return_for_revision(c, reviewer, "Lägg till de fasta samverkansytorna med sammankallande och hur ofta de möts.")
    c = write(
        "agenda-2030",
        "Digitaliseringsarbetet bidrar främst till mål 9 och mål 4.",
        items=[{"kind": "sdg", "sdg_goal": 9, "sdg_target": "9.c", "text": "Tillgång till digital infrastruktur och tjänster i hela länet."}],
    )
    services.submit(c, editor)
    services.approve(c, reviewer, "Bra motivering.")
    return cycle
