"""Rendering the review pages: one Jinja environment, autoescaped, strict, with safe headers.

Autoescape is on for every template and ``StrictUndefined`` turns a missing variable into an
error instead of an empty string, so a typo cannot silently drop a field from a reviewer's view.
No template uses ``|safe`` on content: documents, drafts and values are untrusted text.

Every response carries a Content-Security-Policy with no script source at all (the pages work
with plain forms), ``frame-ancestors 'none'`` against click-jacking, and ``no-store`` so PHI is
not left in a shared browser's cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, TypeVar

import jinja2
from fastapi.responses import HTMLResponse, Response

__all__ = ["SECURITY_HEADERS", "Renderer", "secure"]

_HERE = Path(__file__).resolve().parent
_R = TypeVar("_R", bound=Response)

SECURITY_HEADERS: Final[Mapping[str, str]] = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

#: Error pages: a fixed title and sentence per status, never the request's content.
_ERRORS: Final[Mapping[int, tuple[str, str]]] = {
    400: ("Bad request", "The form could not be read. Go back and try again."),
    403: ("Not allowed", "Your key's role may not use the review queue."),
    404: ("Not found", "There is no such page or review item in your queue."),
    413: ("Too large", "The form was larger than the review pages accept."),
    415: ("Unsupported form", "The form must be sent as a plain HTML form."),
}


def secure(response: _R) -> _R:
    """Add the security headers to ``response`` and return it."""
    response.headers.update(SECURITY_HEADERS)
    return response


class Renderer:
    """Renders the templates packaged beside this module."""

    def __init__(self) -> None:
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(_HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.css = (_HERE / "static" / "ui.css").read_text(encoding="utf-8")

    def __repr__(self) -> str:
        return "Renderer()"

    def page(self, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        """A page from ``template`` with ``context``."""
        context.setdefault("principal", None)
        context.setdefault("csrf", "")
        context.setdefault("notice", "")
        html = self._env.get_template(template).render(**context)
        return secure(HTMLResponse(html, status_code=status))

    def error(self, status: int, **context: Any) -> HTMLResponse:
        """The error page of ``status``: a fixed message, nothing from the request."""
        title, message = _ERRORS.get(status, ("Error", "Something went wrong."))
        return self.page("error.html", status=status, title=title, message=message, **context)

    def csrf_refused(self, **context: Any) -> HTMLResponse:
        """403 for a form without the right CSRF token: nothing was changed."""
        return self.page(
            "error.html",
            status=403,
            title="Form refused",
            message="The form was stale or did not come from these pages; nothing was changed. "
            "Reload the page and try again.",
            **context,
        )
