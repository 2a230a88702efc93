"""``clinllm serve``: the HTTP service on uvicorn, from the same composition root as the CLI.

With nothing configured it runs on the embedded defaults (SQLite in the data dir, the local
model then rules) and binds to 127.0.0.1. API keys come from ``clinllm keys create`` in the same
database. Logs are the allowlisted JSON logs; uvicorn's access log is off because a URL can
carry identifiers a deployment may not want in logs (the observability middleware records
routes by template instead).
"""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from clinllm.bootstrap import build_app, configure_process
from clinllm.bootstrap.service import app_key_store
from clinllm.settings import load_settings

__all__ = ["serve"]


def serve(
    host: Annotated[str, typer.Option(help="Address to bind (default: loopback only).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8080,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL (default: CLINLLM_DATABASE_URL or the data dir)."),
    ] = None,
    provider: Annotated[
        str | None, typer.Option(help="Provider chain, comma-separated (default from settings).")
    ] = None,
) -> None:
    """Serve the /v1 API (and /livez, /readyz) with uvicorn."""
    import uvicorn

    from clinllm.bootstrap.observability import configure_observability
    from clinllm.entrypoints.api.assemble import build_service_app

    settings = load_settings(**({"database_url": db} if db else {}))
    configure_process(settings)
    observability = configure_observability(serve_metrics=True)
    app = build_app(settings, chain=provider)
    api = build_service_app(app, keys=app_key_store(app), observability=observability)
    try:
        uvicorn.run(
            api,
            host=host,
            port=port,
            access_log=False,
            log_config=None,
            server_header=False,
            timeout_graceful_shutdown=10,
        )
    finally:
        asyncio.run(app.aclose())
