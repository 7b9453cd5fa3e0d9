from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "resultat.learning"
    label = "learning"
    verbose_name = _("Strategiskt lärande")

    def ready(self) -> None:
        # The learning pages serve the "learning.counters" hook (selectors.COUNTERS); declare it
        # at start-up, as search and open data do, so the system check sees it served.
        from resultat.learning import selectors  # noqa: F401
