from django import forms
from django.utils.translation import gettext_lazy as _

from resultat.followup.models import StrategicArea
from resultat.initiatives.models import Initiative
from resultat.reference.models import Area


class InitiativeForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    geographies = forms.MultipleChoiceField(label=_("Geografier"), choices=Initiative.Geography.choices, required=False, widget=forms.CheckboxSelectMultiple)
    areas = forms.ModelMultipleChoiceField(label=_("Strategiska områden"), queryset=StrategicArea.objects.all(), required=False, widget=forms.CheckboxSelectMultiple)
    municipalities = forms.ModelMultipleChoiceField(label=_("Kommuner"), queryset=Area.objects.filter(kind=Area.Kind.MUNICIPALITY), required=False, widget=forms.CheckboxSelectMultiple)
    run_by_region = forms.NullBooleanField(label=_("Drivs av Region Västerbotten"), required=False, widget=forms.Select(choices=[("unknown", _("okänt")), ("true", _("ja")), ("false", _("nej"))]))

    class Meta:
        model = Initiative
        fields = ["name", "acronym", "kind", "status", "description", "lead_organisation", "partners", "start_date", "end_date",
                  "run_by_region", "geographies", "diarienummer", "eu_project_id", "external_id"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}), "end_date": forms.DateInput(attrs={"type": "date"}),
                   "description": forms.Textarea(attrs={"rows": 5}), "partners": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        s, e = data.get("start_date"), data.get("end_date")
        if s and e and e < s:
            self.add_error("end_date", _("Slutdatum kan inte vara före startdatum."))
        if not data.get("external_id"):
            data["external_id"] = None
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Fil (XLSX eller CSV)"), help_text=_("Högst 20 MB."))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 20 * 1024 * 1024:
            raise forms.ValidationError(_("Filen är större än 20 MB."))
        return f
