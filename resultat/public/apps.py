from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "resultat.public"
    label = "public"
    verbose_name = _("Publik webbplats")

    def ready(self) -> None:
        from resultat.public import hooks  # noqa: F401 - declares the hooks this app serves
