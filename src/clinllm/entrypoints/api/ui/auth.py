"""Who is at the review pages: sign-in with an API key, the session cookie, CSRF on every form.

:class:`Gate` is what every page handler asks: the signed-in principal (resolved through the
key store on every request, so a revoked key's sessions end at once), the CSRF token for its
forms, and whether a submitted form carries the right one. The sign-in and sign-out routes are
here; the pages are in :mod:`.pages`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from clinllm.domain.identity import KeyStore, Principal
from clinllm.domain.requests import SignOuts
from clinllm.entrypoints.api.ui.render import Renderer, secure
from clinllm.entrypoints.api.ui.session import PRE_COOKIE, SESSION_COOKIE, SessionSigner
from clinllm.observability.logging import get_logger, log_event

__all__ = ["FormRefused", "Gate", "auth_routes"]

_log = get_logger("clinllm.ui")

#: Largest form body read (a corrected record is a few KB).
MAX_FORM_BYTES: Final = 64 * 1024
_FORM_TYPE = "application/x-www-form-urlencoded"
_COOKIE_PATH = "/ui"


class FormRefused(Exception):
    """A form that cannot be read: too large (413), not urlencoded (415), malformed (400)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"form refused with {status}")
        self.status = status


def _session_id(nonce: str) -> str:
    """What sign-out records of a session: a digest of its nonce (the nonce keys CSRF)."""
    return hashlib.sha256(nonce.encode("ascii", "replace")).hexdigest()


@dataclass(frozen=True, slots=True)
class Gate:
    """Sessions, principals and CSRF for the review pages.

    Attributes:
        keys: The API key store (the port; the SQL adapter in the service).
        sign_outs: Sessions ended by sign-out (the SQL adapter in the service): a copy of a
            signed-out session's cookie is refused, by every process.
        signer: Signs the session cookie and CSRF tokens.
        renderer: Renders pages.
        secure_cookies: Mark cookies ``Secure`` (behind TLS; off for loopback tests).
    """

    keys: KeyStore
    sign_outs: SignOuts
    signer: SessionSigner
    renderer: Renderer
    secure_cookies: bool

    def principal(self, request: Request) -> Principal | None:
        """The signed-in principal, or None (no session, expired, forged, signed out, revoked)."""
        session = self.signer.read(request.cookies.get(SESSION_COOKIE))
        if session is None or self.sign_outs.signed_out(_session_id(session.nonce)):
            return None
        for info in self.keys.list(tenant=session.tenant):
            if info.principal.key_id == session.key_id and info.revoked_at is None:
                return info.principal
        return None

    def nonce(self, request: Request) -> str | None:
        """The nonce this browser's forms are bound to: the session's, else the pre-session's."""
        session = self.signer.read(request.cookies.get(SESSION_COOKIE))
        return session.nonce if session is not None else request.cookies.get(PRE_COOKIE)

    def csrf(self, request: Request) -> str:
        """The CSRF token to put in this page's forms ("" when there is no nonce yet)."""
        nonce = self.nonce(request)
        return self.signer.csrf_token(nonce) if nonce else ""

    def csrf_ok(self, request: Request, form: dict[str, str]) -> bool:
        """Whether the form carries the token of this browser's nonce."""
        return self.signer.csrf_ok(self.nonce(request), form.get("csrf_token"))

    def cookie(self, response: Response, name: str, value: str, max_age: int) -> None:
        """Set one of our cookies: HttpOnly, SameSite=Strict, path /ui, Secure if configured."""
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path=_COOKIE_PATH,
            httponly=True,
            samesite="strict",
            secure=self.secure_cookies,
        )

    def forget(self, response: Response) -> None:
        """Drop the session cookie."""
        response.delete_cookie(
            SESSION_COOKIE,
            path=_COOKIE_PATH,
            httponly=True,
            samesite="strict",
            secure=self.secure_cookies,
        )


async def read_form(request: Request) -> dict[str, str]:
    """The urlencoded form of a POST, read up to :data:`MAX_FORM_BYTES`.

    Read here rather than through ``request.form()`` so the size is capped while reading and no
    multipart parser is needed for plain forms.

    Raises:
        FormRefused: Too large, a body that is not urlencoded, or not UTF-8.
    """
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise FormRefused(413)
    if not body:
        return {}  # an empty POST is an empty form (then refused by the CSRF check)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != _FORM_TYPE:
        raise FormRefused(415)
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=500)
    except (UnicodeDecodeError, ValueError):
        raise FormRefused(400) from None
    return dict(pairs)


def auth_routes(router: APIRouter, gate: Gate) -> None:
    """Add ``/ui/signin`` (GET form, POST key) and ``/ui/signout`` (POST) to ``router``."""
    page = gate.renderer

    @router.get("/signin", include_in_schema=False)
    def signin_form(request: Request) -> Response:
        nonce = gate.signer.new_nonce()
        response = page.page("signin.html", csrf=gate.signer.csrf_token(nonce), error="")
        gate.cookie(response, PRE_COOKIE, nonce, max_age=3600)
        return response

    @router.post("/signin", include_in_schema=False)
    async def signin(request: Request) -> Response:
        try:
            form = await read_form(request)
        except FormRefused as refused:
            return page.error(refused.status)
        nonce = request.cookies.get(PRE_COOKIE)
        if not gate.signer.csrf_ok(nonce, form.get("csrf_token")):
            log_event(_log, "ui.csrf_refused", stage="signin", status_code=403)
            return page.page(
                "signin.html",
                status=403,
                csrf=gate.signer.csrf_token(nonce) if nonce else "",
                error="The sign-in form expired. Reload the page and try again.",
            )
        secret = form.get("api_key", "").strip()
        principal = await run_in_threadpool(gate.keys.authenticate, secret) if secret else None
        if principal is None:
            log_event(_log, "ui.signin", outcome="refused", status_code=401)
            return page.page(
                "signin.html",
                status=401,
                csrf=gate.signer.csrf_token(nonce or ""),
                error="That key was not accepted.",
            )
        response = secure(RedirectResponse("/ui/queue", status_code=303))
        cookie = gate.signer.issue(principal.key_id, principal.tenant)
        gate.cookie(response, SESSION_COOKIE, cookie, max_age=gate.signer.ttl_s)
        response.delete_cookie(PRE_COOKIE, path=_COOKIE_PATH)
        log_event(_log, "ui.signin", outcome="ok", tenant=principal.tenant, status_code=303)
        return response

    @router.post("/signout", include_in_schema=False)
    async def signout(request: Request) -> Response:
        try:
            form = await read_form(request)
        except FormRefused as refused:
            return page.error(refused.status)
        if not gate.csrf_ok(request, form):
            return page.csrf_refused()
        session = gate.signer.read(request.cookies.get(SESSION_COOKIE))
        if session is not None:  # ended here, not only in this browser: a copy stops working
            await run_in_threadpool(
                gate.sign_outs.record, _session_id(session.nonce), session.expires
            )
        response = secure(RedirectResponse("/ui/signin", status_code=303))
        gate.forget(response)
        return response
