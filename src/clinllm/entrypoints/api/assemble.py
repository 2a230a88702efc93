"""The service as ``clinllm serve`` runs it: the API with observability and the review pages.

:func:`clinllm.entrypoints.api.create_app` builds the ``/v1`` API alone (what its tests serve);
this adds what a deployed service also answers: the OpenTelemetry request spans and Prometheus
request histograms around every request, ``/metrics``, and the review UI at ``/ui``. Every piece
comes from the composition root, like the CLI's.

``/metrics`` needs no key (a Prometheus scraper has none): it carries counts, durations and
labels that are routes, providers, workflows and statuses, never an identifier of a record or
any content.
"""

from __future__ import annotations

import secrets

from fastapi import FastAPI, Response

from clinllm.bootstrap import App
from clinllm.bootstrap.observability import Observability
from clinllm.bootstrap.service import Service, build_service
from clinllm.domain.identity import KeyStore
from clinllm.domain.ports import JobQueue
from clinllm.entrypoints.api.app import Extension, create_app
from clinllm.entrypoints.api.ui import UI_PREFIX, build_ui_router
from clinllm.observability.asgi import RequestObservability
from clinllm.settings import HttpSettings

__all__ = ["build_service_app", "observability_extension", "ui_extension"]


def observability_extension(observability: Observability, app: App) -> Extension:
    """``/metrics``, with the breaker and review-queue gauges read at each scrape."""
    observability.watch(app)

    def extend(api: FastAPI, service: Service) -> None:
        async def metrics() -> Response:
            body, content_type = observability.render()
            return Response(body, media_type=content_type)

        api.add_api_route("/metrics", metrics, methods=["GET"], include_in_schema=False)

    return extend


def ui_extension(app: App, keys: KeyStore, http: HttpSettings) -> Extension:
    """The review pages at ``/ui``, their sessions signed with the configured secret.

    Without ``CLINLLM_HTTP__SESSION_SECRET`` a random secret is made for this process.
    """
    secret = (
        http.session_secret.get_secret_value().encode("utf-8")
        if http.session_secret is not None
        else secrets.token_bytes(32)
    )
    router = build_ui_router(
        app,
        keys=keys,
        sign_outs=build_service(app).sign_outs(),
        secure_cookies=http.secure_cookies,
        session_secret=secret,
    )

    def extend(api: FastAPI, service: Service) -> None:
        api.include_router(router, prefix=UI_PREFIX)

    return extend


def build_service_app(
    app: App,
    *,
    keys: KeyStore,
    observability: Observability | None = None,
    jobs: JobQueue | None = None,
) -> FastAPI:
    """The whole service over ``app``: ``/v1``, ``/livez``, ``/readyz``, ``/metrics``, ``/ui``.

    Args:
        app: From :func:`clinllm.bootstrap.build_app` with ``persist=True``.
        keys: The API key store.
        observability: The process's telemetry (``configure_observability(serve_metrics=True)``);
            without it there is no ``/metrics`` and no request spans.
        jobs: The job queue of every tenant (``Prefer: respond-async``, ``/v1/jobs``).
    """
    http = app.settings.http
    extensions: list[Extension] = []
    if observability is not None:
        extensions.append(observability_extension(observability, app))
    extensions.append(ui_extension(app, keys, http))
    api = create_app(app, keys=keys, settings=http, jobs=jobs, extensions=extensions)
    if observability is not None:
        # Added last, so outermost: a request the size guard or the last-resort handler
        # answers (413, 500) is traced and counted too.
        api.add_middleware(
            RequestObservability,
            telemetry=observability.telemetry,
            metrics=observability.metrics,
        )
    return api
