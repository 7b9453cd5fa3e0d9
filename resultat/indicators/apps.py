from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "resultat.indicators"
    verbose_name = _("Indikatorer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Wire the indicators into the public site, the API and open data through the
        hooks those apps offer (docs/public-site.md, docs/api.md, docs/open-data.md)."""
        from resultat.opendata import export, registry
        from resultat.public import selectors as public_selectors
        from resultat.public import views as public_views

        if "resultat.indicators.opendata" not in registry.ENTRY_MODULES:
            registry.ENTRY_MODULES.append("resultat.indicators.opendata")

        from resultat.indicators import public

        def opensdg_files():
            from resultat.indicators.opendata import opensdg_files as files

            return files()

        for hooks, fn in (
            (public_selectors.HEADLINE_PROVIDERS, public.headline_indicators),
            (public_views.MUNICIPALITY_SECTIONS, public.municipality_section),
            (public_views.SUBPRIORITY_SECTIONS, public.subpriority_section),
        ):
            if fn not in hooks:
                hooks.append(fn)
        if not any(getattr(w, "__name__", "") == "opensdg_files" for w in export.EXTRA_WRITERS):
            export.EXTRA_WRITERS.append(opensdg_files)
