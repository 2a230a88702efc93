"""The review pages' session cookie and CSRF tokens: HMAC-SHA256 with the service's secret.

Why our own HMAC rather than a session library: the cookie holds three identifiers (key id,
tenant, expiry) and a random nonce, nothing else, and the whole check is a dozen lines the
tests can read. The API key itself is never in the cookie: a stolen cookie expires, and it dies
with its key (every request resolves the key id through the key store, so a revoked key signs
its sessions out at once).

CSRF: every form carries a token that is an HMAC of a nonce only the browser's cookie holds.
A signed-in page's token is bound to the session's nonce; the sign-in form's to a short-lived
pre-session cookie (so a forged sign-in is refused too). A cross-site page can neither read the
cookie (HttpOnly, SameSite=Strict) nor compute the HMAC.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from clinllm.domain.policies import GROUP_PATTERN
from clinllm.errors import ConfigError

__all__ = ["PRE_COOKIE", "SESSION_COOKIE", "Session", "SessionSigner"]

#: The signed-in session (key id, tenant, expiry, nonce), path ``/ui``.
SESSION_COOKIE = "clinllm_ui_session"
#: The nonce the sign-in form's CSRF token is bound to, before there is a session.
PRE_COOKIE = "clinllm_ui_pre"

_MIN_SECRET = 32
_KEY_ID = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


@dataclass(frozen=True, slots=True)
class Session:
    """What a valid session cookie says: which key, which tenant, until when, and its nonce."""

    key_id: str
    tenant: str
    expires: int
    nonce: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionSigner:
    """Signs and checks session cookies and CSRF tokens with one secret.

    Args:
        secret: At least 32 bytes, the same in every process serving ``/ui``.
        ttl_s: How long a session lasts after sign-in.

    Raises:
        ConfigError: The secret is too short.
    """

    def __init__(self, secret: bytes, *, ttl_s: int = 8 * 3600) -> None:
        if len(secret) < _MIN_SECRET:
            raise ConfigError(
                f"the review UI's session secret must be at least {_MIN_SECRET} bytes",
                setting="session_secret",
            )
        self._secret = secret
        self.ttl_s = ttl_s

    def __repr__(self) -> str:
        return f"SessionSigner(ttl_s={self.ttl_s})"

    def _mac(self, purpose: str, message: str) -> str:
        digest = hmac.new(self._secret, f"{purpose}|{message}".encode(), hashlib.sha256)
        return _b64(digest.digest())

    def issue(self, key_id: str, tenant: str, *, now: float | None = None) -> str:
        """A new session cookie value for a key that just signed in (fresh nonce)."""
        expires = int((time.time() if now is None else now) + self.ttl_s)
        body = f"{key_id}|{tenant}|{expires}|{secrets.token_urlsafe(16)}"
        return f"{_b64(body.encode())}.{self._mac('session', body)}"

    def read(self, value: str | None, *, now: float | None = None) -> Session | None:
        """The session a cookie value holds, or None (missing, forged, malformed, expired)."""
        if not value or len(value) > 512 or value.count(".") != 1:
            return None
        encoded, mac = value.split(".")
        try:
            body = _unb64(encoded).decode("ascii")
        except (ValueError, UnicodeDecodeError):
            return None
        if not hmac.compare_digest(mac, self._mac("session", body)):
            return None
        parts = body.split("|")
        if len(parts) != 4 or not parts[2].isdigit():
            return None
        key_id, tenant, expires, nonce = parts
        if not key_id or not set(key_id) <= _KEY_ID or not GROUP_PATTERN.fullmatch(tenant):
            return None
        if int(expires) <= (time.time() if now is None else now):
            return None
        return Session(key_id=key_id, tenant=tenant, expires=int(expires), nonce=nonce)

    @staticmethod
    def new_nonce() -> str:
        """A random nonce for the pre-session cookie."""
        return secrets.token_urlsafe(16)

    def csrf_token(self, nonce: str) -> str:
        """The token every form bound to ``nonce`` carries."""
        return self._mac("csrf", nonce)

    def csrf_ok(self, nonce: str | None, token: str | None) -> bool:
        """Whether ``token`` is the one for ``nonce`` (constant time; False if either is absent)."""
        if not nonce or not token or len(token) > 128:
            return False
        return hmac.compare_digest(token, self.csrf_token(nonce))
