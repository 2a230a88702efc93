"""Every error of the HTTP service as RFC 9457 ``application/problem+json``, with no content.

A caller's input may be a patient's message or a fax; an error must never hand it back (it
ends up in client logs, proxies and support tickets). So:

* validation errors (FastAPI's default 422 echoes the input) keep only each error's *location*
  and *type*: locations are filtered to the field names of the published schema, so a key the
  caller invented (which could be a name) is not echoed either;
* clinllm errors are mapped by class to a status and a fixed title; their class name is given
  as ``error_type``, never ``str(exc)`` (a file name can be PHI);
* anything else is a 500 with a fixed text, logged by type only.

============================  ======  =========================================================
error                         status  why
============================  ======  =========================================================
RecordNotFound                404     also another tenant's record: never 403, never the record
NotImplementedWorkflow        404
InvalidTransition             409     the review item's state does not allow that step
StaleVersion                  412     ``If-Match`` named a version someone moved past (ETag: now)
DocumentTooLarge              413
IngestError, InputError       422     the input cannot be read or is malformed
DeadlineExceeded              504
ProviderError, AllProviders…  503     with Retry-After
ConfigError                   503     the service is misconfigured (logged, not described)
anything else                 500
============================  ======  =========================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from clinllm.errors import (
    AllProvidersFailed,
    ClinLLMError,
    ConfigError,
    DeadlineExceeded,
    DocumentTooLarge,
    InputError,
    InputTooLarge,
    InvalidTransition,
    NotImplementedWorkflow,
    ProviderError,
    RecordNotFound,
    StaleVersion,
)
from clinllm.observability.logging import get_logger, log_event

__all__ = [
    "PROBLEM_JSON",
    "ApiProblem",
    "Problem",
    "ProblemDetailItem",
    "install_problem_handlers",
    "problem_response",
    "safe_errors",
]

PROBLEM_JSON = "application/problem+json"
_log = get_logger("clinllm.http")

_TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Not allowed for this key's role",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    412: "Precondition failed",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Unprocessable request",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
    504: "Deadline exceeded",
}


class ProblemDetailItem(BaseModel):
    """One validation error: where (schema field names and list indexes) and what kind."""

    loc: list[str | int]
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details (the body of every error response)."""

    type: str = "about:blank"
    title: str
    status: int = Field(ge=400, le=599)
    detail: str | None = None
    error_type: str | None = None
    """The clinllm error class, when one caused it (e.g. ``CorruptDocument``)."""
    errors: list[ProblemDetailItem] | None = None


class ApiProblem(Exception):
    """Raised by routes to answer with a problem (a fixed, content-free ``detail`` only)."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        error_type: str | None = None,
    ) -> None:
        super().__init__(status)
        self.status = status
        self.detail = detail
        self.headers = dict(headers or {})
        self.error_type = error_type


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    error_type: str | None = None,
    errors: Sequence[ProblemDetailItem] | None = None,
) -> JSONResponse:
    """A ``application/problem+json`` response."""
    body = Problem(
        title=_TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        error_type=error_type,
        errors=list(errors) if errors is not None else None,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        headers=dict(headers or {}),
        media_type=PROBLEM_JSON,
    )


def _status_of(exc: ClinLLMError) -> tuple[int, dict[str, str]]:
    if isinstance(exc, RecordNotFound | NotImplementedWorkflow):
        return 404, {}
    if isinstance(exc, InvalidTransition):
        return 409, {}
    if isinstance(exc, StaleVersion):
        return 412, {"ETag": f'"{exc.current}"'}
    if isinstance(exc, DocumentTooLarge | InputTooLarge):
        return 413, {}
    if isinstance(exc, InputError):
        return 422, {}
    if isinstance(exc, DeadlineExceeded):
        return 504, {}
    if isinstance(exc, ProviderError | AllProvidersFailed):
        return 503, {"Retry-After": "5"}
    if isinstance(exc, ConfigError):
        return 503, {}
    return 500, {}


def _schema_names(app: FastAPI) -> frozenset[str]:
    """Every property name of the published schema (what a validation ``loc`` may show)."""
    names: set[str] = {"body", "query", "path", "header", "cookie"}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                names.update(str(k) for k in props)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(app.openapi())
    return frozenset(names)


def safe_errors(
    errors: Iterable[Mapping[str, Any]], known: frozenset[str]
) -> list[ProblemDetailItem]:
    """Validation errors reduced to schema locations and error types (no input, no message)."""
    out: list[ProblemDetailItem] = []
    for error in list(errors)[:20]:
        loc: list[str | int] = []
        for part in error.get("loc", ()):
            if isinstance(part, int) or (isinstance(part, str) and part in known):
                loc.append(part)
            else:
                loc.append("?")  # a name the caller chose: not echoed
        out.append(ProblemDetailItem(loc=loc, type=str(error.get("type", "invalid"))[:64]))
    return out


def install_problem_handlers(app: FastAPI) -> None:
    """Turn every error the app can raise into a content-free problem response."""
    known: list[frozenset[str]] = []

    def names() -> frozenset[str]:
        if not known:
            known.append(_schema_names(app))
        return known[0]

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        # Starlette's own details ("Not Found", "Method Not Allowed") are fixed strings.
        return problem_response(exc.status_code, headers=exc.headers)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return problem_response(
            422, "the request does not match the schema", errors=safe_errors(exc.errors(), names())
        )

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiProblem)
        return problem_response(
            exc.status, exc.detail, headers=exc.headers, error_type=exc.error_type
        )

    async def on_clinllm(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ClinLLMError)
        status, headers = _status_of(exc)
        log_event(_log, "http.error", status=status, error_type=type(exc).__name__)
        return problem_response(status, headers=headers, error_type=type(exc).__name__)

    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(ApiProblem, on_problem)
    app.add_exception_handler(ClinLLMError, on_clinllm)
