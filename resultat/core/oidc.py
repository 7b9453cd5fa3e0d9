"""OpenID Connect relying party: authorization-code flow with PKCE. No Django import.

The steps, each a function so they can be tested alone:

1. ``Provider.discover(issuer)`` reads ``{issuer}/.well-known/openid-configuration``
   and checks that the document names the same issuer.
2. ``start(provider, client_id, redirect_uri, scopes)`` makes the state, nonce and
   PKCE verifier (S256) and the URL to send the browser to.
3. ``exchange(provider, ...)`` posts the code and the verifier to the token endpoint.
4. ``validate_id_token(provider, token, client_id, nonce)`` checks the signature with
   the provider's JWKS (refetched once when a key id is unknown, so key rotation
   works), the algorithm (never ``none``, never HMAC), ``iss``, ``aud`` (and ``azp``
   when there are several audiences), ``exp``, ``iat`` and ``nbf`` with a small
   leeway, and ``nonce``. Every failure is an ``OIDCError`` that says which check
   failed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlparse

import httpx
import jwt

from resultat.core.i18n import N_, Message

ALLOWED_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
LEEWAY_SECONDS = 60
JWKS_MAX_AGE = 3600


class OIDCError(Exception):
    """The sign-in could not be completed; the message says which step failed."""


def _check_url(url: str, what: str, allow_http: bool) -> str:
    parsed = urlparse(url or "")
    if parsed.scheme == "https" or (allow_http and parsed.scheme == "http"):
        if parsed.netloc:
            return url
    raise OIDCError(Message(N_("%(what)s måste vara en https-adress, fick %(url)r"), what=what, url=url))


@dataclass
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    auth_methods: list[str] = field(default_factory=lambda: ["client_secret_basic"])
    allow_http: bool = False
    timeout: float = 10.0
    transport: httpx.BaseTransport | None = None
    _jwks: dict | None = field(default=None, repr=False)
    _jwks_at: float = field(default=0.0, repr=False)

    @classmethod
    def discover(cls, issuer: str, *, allow_http: bool = False, timeout: float = 10.0, transport=None) -> "Provider":
        issuer = _check_url(issuer, "OIDC-utfärdaren (issuer)", allow_http).rstrip("/")
        url = issuer + "/.well-known/openid-configuration"
        doc = _get_json(url, timeout, transport, "discovery-dokumentet")
        if doc.get("issuer", "").rstrip("/") != issuer:
            raise OIDCError(Message(N_("discovery-dokumentet anger utfärdaren %(found)r, väntade %(issuer)r"), found=doc.get('issuer'), issuer=issuer))
        try:
            endpoints = {k: _check_url(doc[k], k, allow_http) for k in ("authorization_endpoint", "token_endpoint", "jwks_uri")}
        except KeyError as missing:
            raise OIDCError(Message(N_("discovery-dokumentet saknar %(missing)s"), missing=missing)) from None
        methods = doc.get("code_challenge_methods_supported")
        if methods is not None and "S256" not in methods:
            raise OIDCError(Message(N_("leverantören stöder inte PKCE med S256")))
        return cls(
            issuer=doc["issuer"], auth_methods=doc.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"],
            allow_http=allow_http, timeout=timeout, transport=transport, **endpoints,
        )

    def jwks(self, refresh: bool = False) -> dict:
        if refresh or self._jwks is None or time.time() - self._jwks_at > JWKS_MAX_AGE:
            keys = _get_json(self.jwks_uri, self.timeout, self.transport, "JWKS")
            if not isinstance(keys.get("keys"), list):
                raise OIDCError(Message(N_("JWKS-svaret har ingen lista 'keys'")))
            self._jwks, self._jwks_at = keys, time.time()
        return self._jwks


def _client(timeout: float, transport) -> httpx.Client:
    return httpx.Client(timeout=timeout, transport=transport, follow_redirects=False)


def _get_json(url: str, timeout: float, transport, what: str) -> dict:
    try:
        with _client(timeout, transport) as client:
            response = client.get(url, headers={"Accept": "application/json"})
    except httpx.HTTPError as error:
        raise OIDCError(Message(N_("%(what)s kunde inte hämtas från %(url)s: %(error)s"), what=what, url=url, error=error)) from error
    if response.status_code != 200:
        raise OIDCError(Message(N_("%(what)s från %(url)s gav HTTP %(status_code)s"), what=what, url=url, status_code=response.status_code))
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise OIDCError(Message(N_("%(what)s från %(url)s är inte JSON"), what=what, url=url)) from error
    if not isinstance(data, dict):
        raise OIDCError(Message(N_("%(what)s från %(url)s är inte ett JSON-objekt"), what=what, url=url))
    return data


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def pkce_challenge(verifier: str) -> str:
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


@dataclass(frozen=True)
class Start:
    url: str
    state: str
    nonce: str
    verifier: str


def start(provider: Provider, client_id: str, redirect_uri: str, scopes: str = "openid email profile", extra: dict | None = None) -> Start:
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(64)
    if "openid" not in scopes.split():
        scopes = "openid " + scopes
    params = {
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "scope": scopes,
        "state": state, "nonce": nonce, "code_challenge": pkce_challenge(verifier), "code_challenge_method": "S256",
        **(extra or {}),
    }
    sep = "&" if "?" in provider.authorization_endpoint else "?"
    return Start(provider.authorization_endpoint + sep + urlencode(params), state, nonce, verifier)


def exchange(provider: Provider, *, code: str, verifier: str, client_id: str, client_secret: str, redirect_uri: str) -> dict:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "code_verifier": verifier, "client_id": client_id}
    auth = None
    if client_secret:
        if "client_secret_basic" in provider.auth_methods:
            auth = httpx.BasicAuth(client_id, client_secret)
        else:
            data["client_secret"] = client_secret
    try:
        with _client(provider.timeout, provider.transport) as client:
            response = client.post(provider.token_endpoint, data=data, auth=auth, headers={"Accept": "application/json"})
    except httpx.HTTPError as error:
        raise OIDCError(Message(N_("tokenutbytet misslyckades: %(error)s"), error=error)) from error
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = {}
    if response.status_code != 200:
        detail = body.get("error_description") or body.get("error") or response.text[:200]
        raise OIDCError(Message(N_("tokenutbytet gav HTTP %(status_code)s: %(detail)s"), status_code=response.status_code, detail=detail))
    if not isinstance(body, dict) or not body.get("id_token"):
        raise OIDCError(Message(N_("tokensvaret saknar id_token")))
    return body


def validate_id_token(provider: Provider, token: str, *, client_id: str, nonce: str, now: float | None = None) -> dict:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise OIDCError(Message(N_("ID-token är inte en giltig JWT: %(error)s"), error=error)) from error
    alg = header.get("alg")
    if alg not in ALLOWED_ALGORITHMS:
        raise OIDCError(Message(N_("ID-token har algoritmen %(alg)r, som inte godtas"), alg=alg))
    key = _signing_key(provider, header.get("kid"), alg)
    try:
        claims = jwt.decode(
            token, key=key, algorithms=[alg], audience=client_id, issuer=provider.issuer, leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except jwt.InvalidSignatureError as error:
        raise OIDCError(Message(N_("ID-tokens signatur stämmer inte"))) from error
    except jwt.ExpiredSignatureError as error:
        raise OIDCError(Message(N_("ID-token har gått ut (exp)"))) from error
    except jwt.InvalidAudienceError as error:
        raise OIDCError(Message(N_("ID-token är utfärdat för en annan klient (aud)"))) from error
    except jwt.InvalidIssuerError as error:
        raise OIDCError(Message(N_("ID-token kommer från en annan utfärdare (iss)"))) from error
    except jwt.ImmatureSignatureError as error:
        raise OIDCError(Message(N_("ID-token gäller inte än (iat/nbf)"))) from error
    except jwt.MissingRequiredClaimError as error:
        raise OIDCError(Message(N_("ID-token saknar %(claim)s"), claim=error.claim)) from error
    except jwt.PyJWTError as error:
        raise OIDCError(Message(N_("ID-token är ogiltigt: %(error)s"), error=error)) from error
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise OIDCError(Message(N_("ID-token har flera mottagare men azp är inte den här klienten")))
    if not nonce or not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OIDCError(Message(N_("ID-tokens nonce stämmer inte med inloggningen (återspelning?)")))
    return claims


def _signing_key(provider: Provider, kid: str | None, alg: str):
    for refresh in (False, True):
        keys = provider.jwks(refresh=refresh)["keys"]
        candidates = [k for k in keys if k.get("use", "sig") == "sig" and (kid is None or k.get("kid") == kid)]
        if candidates:
            if kid is None and len(candidates) > 1:
                raise OIDCError(Message(N_("ID-token anger ingen nyckel (kid) och JWKS har flera")))
            try:
                return jwt.PyJWK(candidates[0], algorithm=alg).key
            except jwt.PyJWTError as error:
                raise OIDCError(Message(N_("nyckeln %(kid)r i JWKS kan inte användas med %(alg)s: %(error)s"), kid=kid, alg=alg, error=error)) from error
    raise OIDCError(Message(N_("nyckeln %(kid)r finns inte i leverantörens JWKS"), kid=kid))
