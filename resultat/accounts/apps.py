from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "resultat.accounts"
    label = "accounts"
    verbose_name = _("Konton och roller")

    def ready(self):
        from django.db.models.signals import post_migrate

        from resultat.accounts.signals import create_roles

        post_migrate.connect(create_roles, sender=self)
