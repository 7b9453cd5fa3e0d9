from django import forms
from django.utils.translation import gettext_lazy as _

from resultat.followup.models import StrategicArea
from resultat.initiatives import permissions
from resultat.initiatives.models import Initiative
from resultat.reference.models import Area
from resultat.security.params import BoundedModelMultipleChoiceField


class InitiativeForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    geographies = forms.MultipleChoiceField(label=_("Geografier"), choices=Initiative.Geography.choices, required=False, widget=forms.CheckboxSelectMultiple)
    areas = BoundedModelMultipleChoiceField(label=_("Strategiska områden"), queryset=StrategicArea.objects.all(), required=False, widget=forms.CheckboxSelectMultiple)
    municipalities = BoundedModelMultipleChoiceField(label=_("Kommuner"), queryset=Area.objects.filter(kind=Area.Kind.MUNICIPALITY), required=False, widget=forms.CheckboxSelectMultiple)
    run_by_region = forms.NullBooleanField(label=_("Drivs av Region Västerbotten"), required=False, widget=forms.Select(choices=[("unknown", _("okänt")), ("true", _("ja")), ("false", _("nej"))]))

    class Meta:
        model = Initiative
        fields = ["name", "acronym", "kind", "status", "description", "lead_organisation", "partners", "start_date", "end_date",
                  "run_by_region", "geographies", "diarienummer", "eu_project_id", "external_id"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}), "end_date": forms.DateInput(attrs={"type": "date"}),
                   "description": forms.Textarea(attrs={"rows": 5}), "partners": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_areas = []
        if user is not None and not permissions.is_analyst(user):
            # editors choose among their own units' areas; the initiative's other areas stay as they are
            own = permissions.own_area_ids(user)
            self.fields["areas"].queryset = StrategicArea.objects.filter(pk__in=own)
            if self.instance.pk:
                self.kept_areas = [a for a in self.instance.areas.all() if a.pk not in own]
                if self.kept_areas:
                    self.fields["areas"].help_text = _("Övriga områden (kan bara ändras av deras redaktörer eller en analytiker): %(names)s") % {
                        "names": ", ".join(a.name for a in self.kept_areas)}

    def areas_to_save(self) -> list:
        return list(self.cleaned_data["areas"]) + self.kept_areas

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("revision") is None and "revision" not in self.errors:
            # without the revision the optimistic lock cannot tell an outdated form from a current one
            self.add_error(None, _("Formuläret saknar insatsens version (fältet ”revision”), så det går inte att se om någon annan har sparat under tiden. Inget sparades; ladda om sidan och gör ändringen igen."))
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
