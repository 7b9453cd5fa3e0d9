from django import forms
from django.utils.translation import gettext_lazy as _

from resultat.indicators.models import AssessmentOverride


class OverrideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Bedömning"),
        choices=[("", _("Automatisk bedömning (ta bort den manuella)"))] + AssessmentOverride.STATUS_CHOICES,
        required=False,
    )
    justification = forms.CharField(
        label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Skriv varför bedömningen avviker från den automatiska. Visas publikt."),
    )
