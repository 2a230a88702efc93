"""The review UI: server-rendered pages at ``/ui`` for the human review queue.

A reviewer signs in with an API key, sees the queue of their key's tenant, opens an item (the
document with each field's evidence highlighted), claims it, accepts or corrects fields, and
approves, edits or rejects a triage reply draft; a note summary shows its FHIR Bundle. Plain HTML
forms, no JavaScript at all; see ``docs/review-ui.md``.

Usage (the service mounts it; a test can serve it alone)::

    from fastapi import FastAPI
    from clinllm.entrypoints.api.ui import build_ui_router

    api = FastAPI()
    ui = build_ui_router(app, keys=keys, sign_outs=sign_outs, session_secret=secret)
    api.include_router(ui, prefix="/ui")

Security in one place: the session cookie is an HMAC-signed key id + tenant + expiry (never the
key), HttpOnly, SameSite=Strict, Secure when configured; every form carries a CSRF token bound
to the session; every page re-resolves the key (revocation is immediate) and refuses a session
that signed out (a copied cookie dies with it); the reviewer role is
required; another tenant's item is a 404; the document is untrusted text, always escaped.
"""

from __future__ import annotations

from fastapi import APIRouter

from clinllm.bootstrap import App
from clinllm.domain.identity import KeyStore
from clinllm.domain.requests import SignOuts
from clinllm.entrypoints.api.ui.auth import Gate, auth_routes
from clinllm.entrypoints.api.ui.pages import page_routes
from clinllm.entrypoints.api.ui.render import Renderer
from clinllm.entrypoints.api.ui.session import SessionSigner

__all__ = ["UI_PREFIX", "build_ui_router"]

#: Where the pages live; links, redirects and the cookie path assume it.
UI_PREFIX = "/ui"


def build_ui_router(
    app: App,
    *,
    keys: KeyStore,
    sign_outs: SignOuts,
    secure_cookies: bool = False,
    session_secret: bytes,
    session_ttl_s: int = 8 * 3600,
) -> APIRouter:
    """The review pages, to be included at :data:`UI_PREFIX`.

    Args:
        app: The application from :func:`clinllm.bootstrap.build_app` (queues, records).
        keys: The API key store: sign-in checks a key, every page re-resolves its id.
        sign_outs: Where sign-out ends a session for every process (``Service.sign_outs()``).
        secure_cookies: Send cookies only over HTTPS (set it behind TLS).
        session_secret: At least 32 random bytes, the same in every process serving ``/ui``.
        session_ttl_s: How long a sign-in lasts.

    Raises:
        ConfigError: The session secret is too short.
    """
    gate = Gate(
        keys=keys,
        sign_outs=sign_outs,
        signer=SessionSigner(session_secret, ttl_s=session_ttl_s),
        renderer=Renderer(),
        secure_cookies=secure_cookies,
    )
    router = APIRouter(include_in_schema=False)
    auth_routes(router, gate)
    page_routes(router, gate, app)
    return router
