from django import forms
from django.utils.translation import gettext_lazy as _

from resultat.reports.models import ReportSection


class SectionForm(forms.Form):
    """An edition's own text in the light markup (as the contribution form)."""

    title = forms.CharField(label=_("Rubrik"), required=False, max_length=ReportSection._meta.get_field("title").max_length)
    body = forms.CharField(label=_("Text"), required=False, max_length=200_000,
                           widget=forms.Textarea(attrs={"rows": 18, "aria-describedby": "format-help"}))
    signature = forms.CharField(label=_("Undertecknat av"), required=False,
                                max_length=ReportSection._meta.get_field("signature").max_length,
                                help_text=_("Namn och titel, t.ex. ”Patrik Sällström, Regional utvecklingsdirektör”."))
    base_revision = forms.IntegerField(widget=forms.HiddenInput)
