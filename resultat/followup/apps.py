from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from resultat.infrastructure.hooks import load_integrations


class FollowupConfig(AppConfig):
    name = "resultat.followup"
    label = "followup"
    verbose_name = _("Uppföljning")

    def ready(self) -> None:
        load_integrations(self)  # open datasets and search kinds: integrations.py
        from resultat.followup import selectors  # noqa: F401 - declares the hook it serves (chapter_indicators)
