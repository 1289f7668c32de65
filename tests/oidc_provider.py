"""A small, standard OpenID Connect provider on loopback, for tests that drive allauth's real sign-in over HTTP.

    from tests.oidc_provider import running_provider

    with running_provider(cnp="1800101221144") as provider:
        settings.SOCIALACCOUNT_PROVIDERS = provider.socialaccount_providers(scopes=["openid", "email", "national_id"])
        ...

It serves, on http://127.0.0.1:<free port>: the discovery document (/.well-known/openid-configuration), /authorize
(authorization code flow: redirects back to redirect_uri with a code and the state), /token (client_secret_post or
client_secret_basic, PKCE S256 checked when a challenge was sent; returns an access token and an RS256 ID token signed
with a key made at start), /userinfo (Bearer), /jwks and /end_session (RP-Initiated Logout 1.0). The CNP claim is
released, in the ID token and the userinfo alike, only when the scope that releases it was asked. Every request it
received is in ``provider.requests`` (path and query/form parameters), for assertions.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

__all__ = ["OIDCProvider", "running_provider"]

STANDARD_SCOPES = {
    "profile": ("name", "given_name", "family_name"),
    "email": ("email", "email_verified"),
}


@dataclass
class OIDCProvider:
    client_id: str = "ghiseul-test"
    client_secret: str = "s3cret-test"
    sub: str = "roeid-user-1"
    email: str = "ion.popescu@example.ro"
    given_name: str = "Ion"
    family_name: str = "Popescu"
    cnp: str | None = "1800101221144"
    cnp_claim: str = "national_id"
    cnp_scope: str = "national_id"
    end_session: bool = True
    provider_id: str = "roeid"
    url: str = ""
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    _codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    _access_tokens: dict[str, set[str]] = field(default_factory=dict)
    _key: Any = None
    kid: str = field(default_factory=lambda: secrets.token_hex(8))

    # --- what a test configures Django with ----------------------------------------------------------------------

    def app(self, *, scopes: list[str] | None = None) -> dict[str, Any]:
        """The portal's SOCIALACCOUNT_PROVIDERS entry for this provider, built as portal.settings builds ROeID's."""
        from portal.settings import roeid_app

        return roeid_app(
            client_id=self.client_id,
            secret=self.client_secret,
            server_url=self.url,
            scopes=scopes if scopes is not None else ["openid", "profile", "email"],
        )

    def socialaccount_providers(self, *, scopes: list[str] | None = None) -> dict[str, Any]:
        return {"openid_connect": {"APPS": [self.app(scopes=scopes)]}}

    def paths(self, path: str) -> list[dict[str, str]]:
        """The parameters of every request received on ``path``."""
        return [params for received, params in self.requests if received == path]

    # --- the protocol -----------------------------------------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        document = {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email", self.cnp_scope],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": [
                "sub",
                "name",
                "given_name",
                "family_name",
                "email",
                "email_verified",
                self.cnp_claim,
            ],
        }
        if self.end_session:
            document["end_session_endpoint"] = f"{self.url}/end_session"
        return document

    def claims(self, scopes: set[str]) -> dict[str, Any]:
        available = {
            "name": f"{self.given_name} {self.family_name}",
            "given_name": self.given_name,
            "family_name": self.family_name,
            "email": self.email,
            "email_verified": True,
        }
        claims: dict[str, Any] = {"sub": self.sub}
        for scope, names in STANDARD_SCOPES.items():
            if scope in scopes:
                claims.update({name: available[name] for name in names})
        if self.cnp is not None and self.cnp_scope in scopes:
            claims[self.cnp_claim] = self.cnp
        return claims

    def jwks(self) -> dict[str, Any]:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def id_token(self, scopes: set[str], client_id: str) -> str:
        now = int(time.time())
        payload = {
            **self.claims(scopes),
            "iss": self.url,
            "aud": client_id,
            "iat": now,
            "exp": now + 300,
            "jti": secrets.token_hex(8),
        }
        return jwt.encode(payload, self._key, algorithm="RS256", headers={"kid": self.kid})

    def authorize(self, params: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        if params.get("client_id") != self.client_id or params.get("response_type") != "code":
            return 400, {}, {"error": "invalid_request"}
        scopes = set(params.get("scope", "").split())
        if "openid" not in scopes:
            return 400, {}, {"error": "invalid_scope"}
        code = secrets.token_urlsafe(16)
        self._codes[code] = {
            "scopes": scopes,
            "redirect_uri": params["redirect_uri"],
            "code_challenge": params.get("code_challenge"),
        }
        return 302, {"Location": _with_query(params["redirect_uri"], code=code, state=params.get("state", ""))}, None

    def token(self, params: dict[str, str], authorization: str) -> tuple[int, dict[str, str], Any]:
        client_id, client_secret = params.get("client_id"), params.get("client_secret")
        if authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        if client_id != self.client_id or client_secret != self.client_secret:
            return 401, {}, {"error": "invalid_client"}
        grant = self._codes.pop(params.get("code", ""), None)
        if params.get("grant_type") != "authorization_code" or grant is None:
            return 400, {}, {"error": "invalid_grant"}
        if grant["redirect_uri"] != params.get("redirect_uri"):
            return 400, {}, {"error": "invalid_grant"}
        if grant["code_challenge"]:
            verifier = params.get("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if digest != grant["code_challenge"]:
                return 400, {}, {"error": "invalid_grant"}
        access_token = secrets.token_urlsafe(24)
        self._access_tokens[access_token] = grant["scopes"]
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 3600,
            "id_token": self.id_token(grant["scopes"], client_id),
        }
        return 200, {"Cache-Control": "no-store"}, body

    def userinfo(self, authorization: str) -> tuple[int, dict[str, str], Any]:
        scopes = self._access_tokens.get(authorization.removeprefix("Bearer ").strip())
        if not authorization.startswith("Bearer ") or scopes is None:
            return 401, {"WWW-Authenticate": 'Bearer error="invalid_token"'}, {"error": "invalid_token"}
        return 200, {}, self.claims(scopes)

    def end_session_response(self, params: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        if not self.end_session:
            return 404, {}, {"error": "not_found"}
        if params.get("post_logout_redirect_uri"):
            return 302, {"Location": params["post_logout_redirect_uri"]}, None
        return 200, {}, {"signed_out": True}


def _with_query(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def _handler(provider: OIDCProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - quiet test output
            pass

        def _params(self) -> tuple[str, dict[str, str]]:
            parts = urlsplit(self.path)
            params = dict(parse_qsl(parts.query))
            if self.command == "POST":
                length = int(self.headers.get("Content-Length") or 0)
                params.update(parse_qsl(self.rfile.read(length).decode()))
            provider.requests.append((parts.path, params))
            return parts.path, params

        def _send(self, status: int, headers: dict[str, str], body: Any) -> None:
            payload = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if body is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self):
            path, params = self._params()
            authorization = self.headers.get("Authorization", "")
            if path == "/.well-known/openid-configuration":
                self._send(200, {}, provider.discovery())
            elif path == "/jwks":
                self._send(200, {}, provider.jwks())
            elif path == "/authorize":
                self._send(*provider.authorize(params))
            elif path == "/userinfo":
                self._send(*provider.userinfo(authorization))
            elif path == "/end_session":
                self._send(*provider.end_session_response(params))
            else:
                self._send(404, {}, {"error": "not_found"})

        def do_POST(self):
            path, params = self._params()
            authorization = self.headers.get("Authorization", "")
            if path == "/token":
                self._send(*provider.token(params, authorization))
            elif path == "/userinfo":
                self._send(*provider.userinfo(authorization))
            elif path == "/end_session":
                self._send(*provider.end_session_response(params))
            else:
                self._send(404, {}, {"error": "not_found"})

    return Handler


@contextmanager
def running_provider(**options: Any) -> Iterator[OIDCProvider]:
    """Start an `OIDCProvider` (fields as keyword arguments) on 127.0.0.1 and a free port; stop it on exit."""
    provider = OIDCProvider(**options)
    provider._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="oidc-provider", daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
