"""Single sign-on with OpenID Connect against the local stub provider."""

from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from django.test import override_settings
from django.urls import reverse

from resultat.accounts.models import ExternalIdentity, Role, User
from resultat.config.env import oidc_from_env
from resultat.core import oidc as core
from tests.factories import make_user


def sign_in(client, provider, next_url=None):
    """Browser steps: our login URL -> provider /authorize -> our callback."""
    start = client.get(reverse("accounts:oidc_login"), {"next": next_url} if next_url else {})
    assert start.status_code == 302, start.content
    at_provider = httpx.get(start["Location"], follow_redirects=False)
    assert at_provider.status_code == 302
    back = urlparse(at_provider.headers["Location"])
    assert back.path == reverse("accounts:oidc_callback")
    return start, client.get(back.path + "?" + back.query, follow=False)


def logged_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_login_page_offers_single_sign_on_only_when_configured(client, db, provider):
    assert "Testregionens konto" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("accounts:oidc_login")).status_code == 404
    with override_settings(RESULTAT_OIDC=provider.settings()):
        assert "Logga in med Testregionens konto" in client.get(reverse("accounts:login")).content.decode()


def test_full_flow_creates_the_user_with_mapped_roles(client, db, provider):
    with override_settings(RESULTAT_OIDC=provider.settings()):
        start, done = sign_in(client, provider, next_url="/uppfoljning/mina-uppgifter/")
    params = parse_qs(urlparse(start["Location"]).query)
    assert params["code_challenge_method"] == ["S256"] and len(params["code_challenge"][0]) == 43
    assert params["response_type"] == ["code"] and "openid" in params["scope"][0]
    assert params["state"][0] and params["nonce"][0]
    assert done.status_code == 302 and done["Location"] == "/uppfoljning/mina-uppgifter/"
    user = logged_in_user(client)
    assert user.username == "ebba.sso" and user.email == "ebba@region.example"
    assert user.roles == {Role.EDITOR} and not user.is_staff and not user.has_usable_password()
    assert ExternalIdentity.objects.get(user=user).subject == "u-1"
    token_request = provider.token_requests[-1]
    assert core.pkce_challenge(token_request["code_verifier"]) == params["code_challenge"][0]
    assert "client_secret" not in token_request  # sent with HTTP Basic


def test_next_sign_in_finds_the_same_user_and_follows_role_changes(client, db, provider):
    with override_settings(RESULTAT_OIDC=provider.settings()):
        sign_in(client, provider)
        first = logged_in_user(client)
        client.logout()
        provider.next_claims = {**provider.next_claims, "preferred_username": "annat-namn", "groups": ["rus-analytiker", "okand-grupp"]}
        sign_in(client, provider)
    again = logged_in_user(client)
    assert again.pk == first.pk and again.username == "ebba.sso"
    assert again.roles == {Role.ANALYST} and again.is_staff


@pytest.mark.parametrize(
    "tamper, message",
    [
        ("aud", "annan klient (aud)"),
        ("iss", "annan utfärdare (iss)"),
        ("exp", "gått ut (exp)"),
        ("nonce", "nonce stämmer inte"),
        ("signature", "signatur stämmer inte"),
        ("kid", "finns inte i leverantörens JWKS"),
        ("none", "algoritmen 'none'"),
        ("hs256", "algoritmen 'HS256'"),
    ],
)
def test_a_bad_id_token_is_refused_with_a_clear_message(client, db, provider, tamper, message):
    provider.tamper = tamper
    with override_settings(RESULTAT_OIDC=provider.settings()):
        _, done = sign_in(client, provider)
        assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
        page = client.get(done["Location"]).content.decode()
    assert logged_in_user(client) is None
    assert "Inloggningen misslyckades" in page and message in page.replace("&#x27;", "'")
    assert not User.objects.filter(username="ebba.sso").exists()


def test_callback_with_unknown_or_replayed_state_is_refused(client, db, provider):
    with override_settings(RESULTAT_OIDC=provider.settings()):
        assert client.get(reverse("accounts:oidc_callback"), {"state": "gissad", "code": "x"}).status_code == 403
        start = client.get(reverse("accounts:oidc_login"))
        back = urlparse(httpx.get(start["Location"]).headers["Location"])
        assert client.get(back.path + "?" + back.query).status_code == 302
        client.logout()
        assert client.get(back.path + "?" + back.query).status_code == 403  # the same answer twice


def test_wrong_pkce_verifier_fails_at_the_token_endpoint(client, db, provider):
    with override_settings(RESULTAT_OIDC=provider.settings()):
        start = client.get(reverse("accounts:oidc_login"))
        session = client.session
        session["oidc_pending"]["verifier"] = "inte-den-riktiga"
        session.save()
        back = urlparse(httpx.get(start["Location"]).headers["Location"])
        done = client.get(back.path + "?" + back.query)
        page = client.get(done["Location"]).content.decode()
    assert logged_in_user(client) is None and "PKCE" in page


def test_without_create_users_only_known_accounts_sign_in(client, db, provider):
    with override_settings(RESULTAT_OIDC=provider.settings(create_users=False)):
        _, done = sign_in(client, provider)
        assert "inget konto i Resultat" in client.get(done["Location"]).content.decode()
    existing = make_user("ebba", Role.EDITOR)
    existing.email = "ebba@region.example"
    existing.save()
    with override_settings(RESULTAT_OIDC=provider.settings(create_users=False, match_email=True, roles_claim=None)):
        sign_in(client, provider)
    assert logged_in_user(client) == existing and existing.roles == {Role.EDITOR}


def test_deactivated_user_cannot_sign_in(client, db, provider):
    with override_settings(RESULTAT_OIDC=provider.settings()):
        sign_in(client, provider)
        user = logged_in_user(client)
        client.logout()
        User.objects.filter(pk=user.pk).update(is_active=False)
        sign_in(client, provider)
    assert logged_in_user(client) is None


def test_unsafe_next_is_ignored(client, db, provider):
    with override_settings(RESULTAT_OIDC=provider.settings()):
        _, done = sign_in(client, provider, next_url="https://evil.example/")
    assert done["Location"] == "/uppfoljning/mina-uppgifter/"  # the editor's start page, not the foreign next


def test_discovery_refuses_http_and_a_foreign_issuer(provider):
    with pytest.raises(core.OIDCError, match="https"):
        core.Provider.discover(provider.issuer)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"issuer": "https://annan.example"}))
    with pytest.raises(core.OIDCError, match="annan utfärdaren|anger utfärdaren"):
        core.Provider.discover("https://idp.example", transport=transport)
    broken = httpx.MockTransport(lambda request: httpx.Response(200, content=b"{inte json"))
    with pytest.raises(core.OIDCError, match="inte JSON"):
        core.Provider.discover("https://idp.example", transport=broken)


def test_settings_from_environment():
    assert oidc_from_env({}) is None
    cfg = oidc_from_env({"OIDC_ISSUER": "https://idp.example", "OIDC_CLIENT_ID": "resultat", "OIDC_ROLE_MAP": "rus-red=editor; cn=x,o=y=reviewer"})
    assert cfg["role_map"] == {"rus-red": "editor", "cn=x,o=y": "reviewer"}
    assert cfg["create_users"] is True and cfg["match_email"] is False and cfg["allow_http"] is False
    with pytest.raises(ValueError, match="OIDC_CLIENT_ID"):
        oidc_from_env({"OIDC_ISSUER": "https://idp.example"})
    with pytest.raises(ValueError, match="roll bland"):
        oidc_from_env({"OIDC_ISSUER": "https://idp.example", "OIDC_CLIENT_ID": "r", "OIDC_ROLE_MAP": "grupp=superadmin"})
