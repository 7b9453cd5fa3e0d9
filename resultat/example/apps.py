from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExampleConfig(AppConfig):
    """The composition root for the shipped example (Region Västerbotten).

    The highest app: it drives the others' services to load the example, and no app
    imports it.
    """

    name = "resultat.example"
    label = "example"
    verbose_name = _("Exemplet")
