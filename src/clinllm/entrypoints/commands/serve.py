"""``clinllm serve``: the HTTP service on uvicorn, from the same composition root as the CLI.

With nothing configured it runs on the embedded defaults (SQLite in the data dir, the local
model then rules) and binds to 127.0.0.1. API keys come from ``clinllm keys create`` in the same
database. Logs are the allowlisted JSON logs; uvicorn's access log is off because a URL can
carry identifiers a deployment may not want in logs (the observability middleware records
routes by template instead).

The service gets the job queue of every tenant (``Prefer: respond-async`` answers 202 and a job
id). On SQLite the embedded worker runs inside the service (``--workers`` jobs at once; it
finishes the jobs in hand on shutdown); on PostgreSQL the service only enqueues and
``clinllm worker`` processes, on any number of machines, run the jobs.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterator
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
    workers: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Jobs the in-process worker runs at once (SQLite; default 2, 0 = none). "
            "On PostgreSQL run `clinllm worker` instead.",
        ),
    ] = None,
) -> None:
    """Serve the /v1 API (and /livez, /readyz) with uvicorn."""
    import uvicorn

    from clinllm.bootstrap.jobs import serve_workers, service_jobs, serving_worker
    from clinllm.bootstrap.observability import configure_observability
    from clinllm.bootstrap.service import build_service
    from clinllm.entrypoints.api.assemble import build_service_app

    settings = load_settings(**({"database_url": db} if db else {}))
    configure_process(settings)
    observability = configure_observability(serve_metrics=True)
    app = build_app(settings, chain=provider)
    jobs = service_jobs(app)
    concurrency = serve_workers(jobs, workers)
    api = build_service_app(app, keys=app_key_store(app), observability=observability, jobs=jobs)
    config = uvicorn.Config(
        api,
        host=host,
        port=port,
        access_log=False,
        log_config=None,
        server_header=False,
        timeout_graceful_shutdown=10,
    )

    class Server(uvicorn.Server):
        """uvicorn's server without its own signal capture.

        uvicorn re-raises a captured SIGTERM when ``serve()`` returns, which would end the
        process before the in-process worker finishes its jobs: here the handlers only ask the
        server to exit, and the worker stops after it.
        """

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield

    server = Server(config)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, server.handle_exit, sig, None)
        try:
            async with serving_worker(app, build_service(app), jobs, concurrency=concurrency):
                await server.serve()
        finally:
            await app.aclose()

    asyncio.run(main())
