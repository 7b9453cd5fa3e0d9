from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from resultat.infrastructure.hooks import load_integrations


class ImportsConfig(AppConfig):
    name = "resultat.imports"
    label = "imports"
    verbose_name = _("Import")

    def ready(self) -> None:
        load_integrations(self)  # the system notes of histories: integrations.py
