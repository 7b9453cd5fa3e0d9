from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityReportForm(forms.Form):
    page_url = forms.CharField(label=_("Vilken sida gäller det? (adress eller rubrik)"), max_length=500, required=False)
    description = forms.CharField(
        label=_("Beskriv problemet"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Vad försökte du göra, och vad hände? Ange gärna vilket hjälpmedel du använder."),
    )
    name = forms.CharField(label=_("Ditt namn (frivilligt)"), max_length=200, required=False)
    email = forms.EmailField(label=_("Din e-postadress (frivillig, om du vill ha svar)"), required=False)
    # A field people do not see or fill in; bots often do (no JavaScript, no CAPTCHA).
    website = forms.CharField(label=_("Lämna tomt"), required=False)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Lämna fältet tomt."))
        return ""
