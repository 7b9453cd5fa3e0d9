from django.apps import AppConfig
from django.core import checks


class InfrastructureConfig(AppConfig):
    name = "resultat.infrastructure"
    label = "infrastructure"
    verbose_name = "Infrastruktur"

    def ready(self) -> None:
        checks.register(check_hooks)


def check_hooks(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A hook that received entries but that no mechanism serves is almost always a
    misspelt name: report it instead of silently ignoring the entries."""
    from resultat.infrastructure.hooks import unserved

    return [
        checks.Error(f"Hook {name!r} has entries but no app serves it (misspelt name?)", obj=name, id="resultat.E001")
        for name in unserved()
    ]
