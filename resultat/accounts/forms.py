from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form; says so when the throttle refuses the attempt."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Fel användarnamn eller lösenord. Försök igen."),
        "locked": _(
            "För många misslyckade inloggningar. Inloggningen är spärrad till %(until)s. "
            "En administratör kan låsa upp kontot tidigare."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            lock = getattr(self.request, "login_lock", None)
            if lock is not None:
                from django.utils import timezone

                until = formats.date_format(timezone.localtime(lock.until), "DATETIME_FORMAT")
                raise forms.ValidationError(self.error_messages["locked"], code="locked", params={"until": until})
            raise
