"""Single sign-on with OpenID Connect (optional, configured by settings).

``RESULTAT_OIDC`` (built from the environment in settings.py, ``None`` when
``OIDC_ISSUER`` is not set) holds: issuer, client_id, client_secret, scopes, name
(shown on the login button), username_claim, roles_claim, role_map (provider value
-> Resultat role), create_users, match_email, allow_http (tests only).

The flow is in ``resultat/core/oidc.py``; here are the two views and the mapping
from claims to a user and roles:

* a user is found by (issuer, sub); otherwise, with match_email, by a verified
  e-mail address; otherwise created when create_users is on, else refused;
* with roles_claim set, the provider decides the roles: on every sign-in the user's
  role groups become exactly the mapped values (an empty mapping means no role), and
  is_staff follows (administrator, analyst). Without it roles are managed in Resultat.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from resultat.accounts.models import ExternalIdentity, Role, User
from resultat.accounts.services import start_page
from resultat.core import oidc
from resultat.infrastructure.i18n import error_text

SESSION_KEY = "oidc_pending"
PENDING_MAX_AGE = 600
_providers: dict[str, tuple[float, oidc.Provider]] = {}


def config() -> dict | None:
    return getattr(settings, "RESULTAT_OIDC", None) or None


def provider(cfg: dict) -> oidc.Provider:
    cached = _providers.get(cfg["issuer"])
    if cached and time.time() - cached[0] < oidc.JWKS_MAX_AGE:
        return cached[1]
    found = oidc.Provider.discover(cfg["issuer"], allow_http=cfg.get("allow_http", False), transport=cfg.get("transport"))
    _providers[cfg["issuer"]] = (time.time(), found)
    return found


def _redirect_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:oidc_callback"))


def oidc_login(request: HttpRequest) -> HttpResponse:
    cfg = config()
    if cfg is None:
        raise Http404(_("Inloggning via organisationens konto är inte konfigurerad."))
    try:
        flow = oidc.start(provider(cfg), cfg["client_id"], _redirect_uri(request), cfg.get("scopes", "openid email profile"))
    except oidc.OIDCError as error:
        messages.error(request, _("Inloggningen via %(name)s fungerar inte just nu: %(error)s") % {"name": cfg.get("name", "SSO"), "error": error_text(error)})
        return redirect("accounts:login")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    request.session[SESSION_KEY] = {"state": flow.state, "nonce": flow.nonce, "verifier": flow.verifier, "next": next_url, "at": time.time()}
    return redirect(flow.url)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    cfg = config()
    if cfg is None:
        raise Http404
    pending = request.session.pop(SESSION_KEY, None)
    state = request.GET.get("state", "")
    if not pending or not state or state != pending.get("state") or time.time() - pending.get("at", 0) > PENDING_MAX_AGE:
        raise PermissionDenied(_("Inloggningen kan inte slutföras: okänd eller gammal begäran. Börja om."))
    if request.GET.get("error"):
        messages.error(request, _("Leverantören avbröt inloggningen: %(error)s") % {"error": request.GET.get("error_description") or request.GET["error"]})
        return redirect("accounts:login")
    try:
        p = provider(cfg)
        tokens = oidc.exchange(
            p, code=request.GET.get("code", ""), verifier=pending["verifier"], client_id=cfg["client_id"],
            client_secret=cfg.get("client_secret", ""), redirect_uri=_redirect_uri(request),
        )
        claims = oidc.validate_id_token(p, tokens["id_token"], client_id=cfg["client_id"], nonce=pending["nonce"])
        user = user_for_claims(cfg, claims)
    except oidc.OIDCError as error:
        messages.error(request, _("Inloggningen misslyckades: %(error)s") % {"error": error_text(error)})
        return redirect("accounts:login")
    login(request, user, backend="resultat.accounts.backends.ThrottledModelBackend")
    return redirect(pending.get("next") or start_page(user))


@transaction.atomic
def user_for_claims(cfg: dict, claims: dict) -> User:
    issuer, subject = claims["iss"], str(claims["sub"])
    identity = ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    user = identity.user if identity else None
    email = claims.get("email") or ""
    if user is None and cfg.get("match_email") and email and claims.get("email_verified") is True:
        user = User.objects.filter(email__iexact=email).first()
    if user is None:
        if not cfg.get("create_users", True):
            raise oidc.OIDCError(_("det finns inget konto i Resultat för %(who)s; be en administratör lägga upp det") % {"who": email or subject})
        username = _free_username(str(claims.get(cfg.get("username_claim", "preferred_username")) or email or subject))
        user = User(username=username, email=email)
        user.set_unusable_password()
    if user.pk and not user.is_active:
        raise oidc.OIDCError(_("kontot är avstängt"))
    user.first_name = claims.get("given_name", user.first_name)[:150]
    user.last_name = claims.get("family_name", user.last_name)[:150]
    if email:
        user.email = email
    roles_claim = cfg.get("roles_claim")
    roles = None
    if roles_claim:
        values = claims.get(roles_claim) or []
        values = [values] if isinstance(values, str) else list(values)
        role_map = cfg.get("role_map", {})
        roles = sorted({role_map[v] for v in values if v in role_map})
        user.is_staff = bool({Role.ADMINISTRATOR, Role.ANALYST} & set(roles)) or user.is_superuser
    user.save()
    if roles is not None:
        user.groups.remove(*Group.objects.filter(name__in=Role.values).exclude(name__in=roles))
        user.groups.add(*Group.objects.filter(name__in=roles))
    ExternalIdentity.objects.update_or_create(issuer=issuer, subject=subject, defaults={"user": user, "last_login": timezone.now()})
    return user


def _free_username(wanted: str) -> str:
    base = wanted.strip()[:140] or "sso"
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name
