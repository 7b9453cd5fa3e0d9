from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from resultat.infrastructure.hooks import load_integrations


class InitiativesConfig(AppConfig):
    name = "resultat.initiatives"
    label = "initiatives"
    verbose_name = _("Insatser")

    def ready(self) -> None:
        load_integrations(self)  # open datasets and search kinds: integrations.py
