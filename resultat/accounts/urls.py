from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from resultat.accounts import oidc, throttle
from resultat.accounts.forms import LoginForm
from resultat.accounts.services import start_page

app_name = "accounts"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        cfg = oidc.config()
        return super().get_context_data(oidc_enabled=cfg is not None, oidc_name=(cfg or {}).get("name", ""), **kwargs)

    def get_default_redirect_url(self):
        """Without a ``next`` page each role lands on its own work."""
        return start_page(self.request.user)

class PasswordResetView(auth_views.PasswordResetView):
    """The password reset, throttled per client address like the login (every accepted
    post sends a mail): over the limit the form answers 429 and sends nothing."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        until = throttle.take("password_reset", throttle.client_ip(self.request))
        if until:
            form.add_error(None, throttle.too_many_message(until))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


urlpatterns = [
    path("logga-in/", LoginView.as_view(), name="login"),
    path("sso/", oidc.oidc_login, name="oidc_login"),
    path("sso/svar/", oidc.oidc_callback, name="oidc_callback"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "losenord/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path("losenord/klart/", auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"), name="password_change_done"),
    path("aterstall/", PasswordResetView.as_view(), name="password_reset"),
    path("aterstall/skickat/", auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path(
        "aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path("aterstall/klart/", auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
]
