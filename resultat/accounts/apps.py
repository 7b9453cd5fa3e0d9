from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "resultat.accounts"
    label = "accounts"
    verbose_name = _("Konton och roller")

    def ready(self):
        from django.db.models.signals import post_migrate

        from resultat.accounts.signals import create_roles

        # after every app's migrate: the permissions of apps migrated after accounts
        # (strategy, reference, ...) exist only once their own post_migrate has run
        post_migrate.connect(create_roles, dispatch_uid="resultat.accounts.create_roles")

        from resultat.accounts import backends  # noqa: F401  (login throttle signals)
