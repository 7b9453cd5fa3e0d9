from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "resultat.reports"
    verbose_name = "Rapporter"
    default_auto_field = "django.db.models.BigAutoField"
