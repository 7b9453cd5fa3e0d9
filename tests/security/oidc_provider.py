"""A small OpenID Connect provider for the tests, served on 127.0.0.1 in a thread.

It does what a real provider does for the authorization-code flow with PKCE:
discovery document, /authorize (the "user" is whoever the test put in
``next_claims``; it answers with a redirect carrying code and state), /token (checks
client authentication, redirect_uri and the PKCE verifier against the S256
challenge; a code works once) and /jwks. ``tamper`` makes the next ID token wrong in
one way, so the relying party's checks can be tested one by one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class StubProvider:
    def __init__(self, client_id="resultat", client_secret="hemligt-klientlosen"):
        self.client_id, self.client_secret = client_id, client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "nyckel-1"
        self.codes: dict[str, dict] = {}
        self.next_claims: dict = {"sub": "u-1", "preferred_username": "ebba.sso", "email": "ebba@region.example", "email_verified": True}
        self.tamper: str | None = None
        self.token_requests: list[dict] = []
        self.server: WSGIServer = make_server("127.0.0.1", 0, self.app, handler_class=_Quiet)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self, **extra) -> dict:
        return {
            "issuer": self.issuer, "client_id": self.client_id, "client_secret": self.client_secret,
            "scopes": "openid email profile", "name": "Testregionens konto", "username_claim": "preferred_username",
            "roles_claim": "groups", "role_map": {"rus-redaktorer": "editor", "rus-analytiker": "analyst", "rus-admin": "administrator"},
            "create_users": True, "match_email": False, "allow_http": True, **extra,
        }

    # --- WSGI ---------------------------------------------------------------------------

    def app(self, environ, start_response):
        path = environ["PATH_INFO"]
        query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if path == "/.well-known/openid-configuration":
            return self._json(start_response, {
                "issuer": self.issuer, "authorization_endpoint": self.issuer + "/authorize",
                "token_endpoint": self.issuer + "/token", "jwks_uri": self.issuer + "/jwks",
                "response_types_supported": ["code"], "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"], "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            })
        if path == "/jwks":
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
            return self._json(start_response, {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}]})
        if path == "/authorize":
            code = secrets.token_urlsafe(16)
            self.codes[code] = {**query, "claims": dict(self.next_claims)}
            location = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})
            start_response("302 Found", [("Location", location)])
            return [b""]
        if path == "/token" and environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[-1] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
            self.token_requests.append(form)
            return self._token(environ, start_response, form)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def _json(self, start_response, data, status="200 OK"):
        body = json.dumps(data).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    def _token(self, environ, start_response, form):
        expected = "Basic " + base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if environ.get("HTTP_AUTHORIZATION") != expected:
            return self._json(start_response, {"error": "invalid_client"}, "401 Unauthorized")
        pending = self.codes.pop(form.get("code", ""), None)
        if pending is None or form.get("grant_type") != "authorization_code" or form.get("redirect_uri") != pending["redirect_uri"]:
            return self._json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest()).rstrip(b"=").decode()
        if pending.get("code_challenge_method") != "S256" or challenge != pending.get("code_challenge"):
            return self._json(start_response, {"error": "invalid_grant", "error_description": "PKCE verifier does not match"}, "400 Bad Request")
        return self._json(start_response, {"access_token": "at", "token_type": "Bearer", "id_token": self.id_token(pending)})

    def id_token(self, pending) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 300, "nonce": pending.get("nonce"), **pending["claims"]}
        key, headers, alg = self.key, {"kid": self.kid}, "RS256"
        tamper, self.tamper = self.tamper, None
        if tamper == "aud":
            claims["aud"] = "en-annan-klient"
        elif tamper == "iss":
            claims["iss"] = "https://falsk.example"
        elif tamper == "exp":
            claims["iat"], claims["exp"] = now - 3600, now - 1800
        elif tamper == "nonce":
            claims["nonce"] = "fel-nonce"
        elif tamper == "signature":
            key = self.other_key
        elif tamper == "kid":
            headers = {"kid": "okand-nyckel"}
        elif tamper == "none":
            return jwt.encode(claims, None, algorithm="none")
        elif tamper == "hs256":
            # the classic key-confusion attack: HMAC keyed with the provider's public key
            import hmac

            from cryptography.hazmat.primitives import serialization

            public = self.key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=")  # noqa: E731
            signing_input = b64(json.dumps({"alg": "HS256", "typ": "JWT", **headers}).encode()) + b"." + b64(json.dumps(claims).encode())
            return (signing_input + b"." + b64(hmac.new(public, signing_input, hashlib.sha256).digest())).decode()
        return jwt.encode(claims, key, algorithm=alg, headers=headers)
