"""``create_app``: the FastAPI application of the HTTP service, built from the one ``App``.

Nothing happens at import time: :func:`create_app` takes the app built by the composition root
(:func:`clinllm.bootstrap.build_app`, the same one the CLI uses), the key store and the HTTP
settings, and returns a FastAPI application. ``clinllm serve`` calls it; tests call it with an
in-memory key store and a temporary database.

Layers, outermost first::

    LastResort (500 problem, no traceback)  ->  BodySizeLimit (413)  ->  FastAPI
      -> problem handlers (every error is application/problem+json)
      -> routes: auth + role + rate limit (security.py) -> idempotency -> Service (bootstrap)

Other pieces plug in through ``extensions`` (each gets the FastAPI app and the service):
the observability middleware and ``/metrics``, and the review UI under ``/ui``.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.telemetry import TelemetryConfig
from pydantic import BaseModel

from clinllm import __version__
from clinllm.bootstrap.service import Service, build_service
from clinllm.domain.identity import KeyStore
from clinllm.domain.ports import JobQueue
from clinllm.domain.requests import KeyLimiter
from clinllm.entrypoints.api.context import ApiContext
from clinllm.entrypoints.api.guards import BodySizeLimit, LastResort
from clinllm.entrypoints.api.idempotency import Idempotency
from clinllm.entrypoints.api.problems import Problem, install_problem_handlers
from clinllm.entrypoints.api.routes import (
    audit,
    health,
    notes,
    policies,
    prior_auth,
    review,
    triage,
)
from clinllm.entrypoints.api.routes import jobs as job_routes
from clinllm.entrypoints.api.routes import keys as key_routes
from clinllm.entrypoints.api.schemas import (
    NoteRequest,
    PolicyAskRequest,
    PolicyIngestRequest,
    PriorAuthText,
    ReviewCorrection,
    ReviewEdit,
    TriageRequest,
)
from clinllm.entrypoints.api.security import CachedKeys, KeyRateLimiter

if TYPE_CHECKING:
    from clinllm.bootstrap import App
    from clinllm.settings import HttpSettings

__all__ = ["Extension", "create_app"]

#: A piece that plugs into the app (middleware, routes): called once by :func:`create_app`.
Extension = Callable[[FastAPI, Service], None]

#: Request bodies that routes read themselves (JSON or multipart): published as components.
_READ_BY_ROUTES: tuple[type[BaseModel], ...] = (
    TriageRequest,
    PriorAuthText,
    NoteRequest,
    PolicyIngestRequest,
    PolicyAskRequest,
    ReviewCorrection,
    ReviewEdit,
)

#: FastAPI's own OpenTelemetry instrumentation, off: our request middleware
#: (:class:`~clinllm.observability.asgi.RequestObservability`, added by ``clinllm serve``) is the
#: one server span and latency histogram per request, named by route template and allowlisted.
#: FastAPI's would check the global providers on every request, and once tracing is configured
#: add a second server span carrying the raw path and query (record ids) plus a span per
#: dependency. ``FASTAPI_OTEL_AUTO_CONFIGURE`` must not start an exporter either: tracing is
#: configured by the ``OTEL_*`` variables alone (:mod:`clinllm.observability.tracing`).
_NO_FRAMEWORK_TELEMETRY: TelemetryConfig = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
    "auto_configure": False,
}

_ERRORS = {
    "default": {
        "description": "An error (RFC 9457 problem details, no input content)",
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }
}


def _openapi(api: FastAPI) -> Callable[[], dict[str, Any]]:
    from fastapi.openapi.utils import get_openapi

    def build() -> dict[str, Any]:
        if api.openapi_schema is None:
            spec = get_openapi(
                title=api.title,
                version=api.version,
                description=api.description,
                routes=api.routes,
            )
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            models: tuple[type[BaseModel], ...] = (*_READ_BY_ROUTES, Problem)
            for model in models:
                found = model.model_json_schema(ref_template="#/components/schemas/{model}")
                schemas.update(found.pop("$defs", {}))
                schemas[model.__name__] = found
            spec.setdefault("components", {})["securitySchemes"] = {
                "HTTPBearer": {"type": "http", "scheme": "bearer"}
            }
            api.openapi_schema = spec
        return api.openapi_schema

    return build


@contextlib.asynccontextmanager
async def _lifespan(api: FastAPI) -> AsyncIterator[None]:
    yield
    limiter: KeyLimiter = api.state.limiter
    await limiter.aclose()


def create_app(
    app: App,
    *,
    keys: KeyStore,
    settings: HttpSettings | None = None,
    jobs: JobQueue | None = None,
    extensions: Sequence[Extension] = (),
) -> FastAPI:
    """The HTTP service over ``app``.

    Args:
        app: From :func:`clinllm.bootstrap.build_app` with ``persist=True``.
        keys: Where API keys are checked (:class:`~clinllm.domain.identity.KeyStore`).
        settings: Limits of the service; ``app.settings.http`` when None.
        jobs: A job queue: with one, ``Prefer: respond-async`` answers 202 and a job id.
        extensions: Pieces that plug in (observability, the review UI), called in order.
    """
    http = settings if settings is not None else app.settings.http
    service = build_service(app)
    api = FastAPI(
        title="clinllm",
        version=__version__,
        description=(
            "LLMs in regulated healthcare workflows: prior authorization, clinical note "
            "summaries, patient message triage, policy search, human review, audit."
        ),
        openapi_url="/v1/openapi.json",
        docs_url="/v1/docs",
        redoc_url=None,
        responses=_ERRORS,  # type: ignore[arg-type]
        lifespan=_lifespan,
        telemetry=_NO_FRAMEWORK_TELEMETRY,
    )
    cached = CachedKeys(keys, http.key_cache_ttl_s) if http.key_cache_ttl_s > 0 else keys
    api.state.context = ApiContext(service=service, keys=cached, jobs=jobs, settings=http)
    api.state.keys = cached
    api.state.limiter = service.shared_key_limiter(http) or KeyRateLimiter(
        http.rate_per_minute, http.rate_burst
    )
    api.state.idempotency = Idempotency(service.idempotency_store(), http.idempotency_ttl_s)
    install_problem_handlers(api)
    for module in (
        health,
        triage,
        prior_auth,
        notes,
        policies,
        review,
        audit,
        key_routes,
        job_routes,
    ):
        api.include_router(module.router)
    api.openapi = _openapi(api)  # type: ignore[method-assign]

    # --- Integration points (wired by the integrator through ``extensions``) ---------------
    # Observability (engineer O): its ASGI middleware (OpenTelemetry GenAI spans, Prometheus
    # request histograms) and the ``/metrics`` route, added here before the guards below so
    # that every request, refused ones too, is measured.
    # Review UI (engineer UI): ``api.mount("/ui", ...)`` or ``api.include_router(ui_router)``
    # with its session and CSRF middleware; it gets the tenant-scoped queue from ``service``.
    for extend in extensions:
        extend(api, service)
    # ------------------------------------------------------------------------------------------

    api.add_middleware(BodySizeLimit, max_bytes=http.max_body_bytes)
    api.add_middleware(LastResort)
    return api
