from django.apps import AppConfig

from resultat.infrastructure.hooks import load_integrations


class ReportsConfig(AppConfig):
    name = "resultat.reports"
    verbose_name = "Rapporter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from resultat.infrastructure.events import cycle_publishing
        from resultat.reports.services import on_cycle_publishing

        cycle_publishing.connect(on_cycle_publishing, dispatch_uid="reports-freeze-edition")
        load_integrations(self)  # the system notes of a text's revisions: integrations.py
