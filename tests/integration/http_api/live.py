"""A real clinllm HTTP service on 127.0.0.1: uvicorn in a thread, a temporary SQLite database.

The service runs the ``rules`` provider (no model), hashing embeddings for policy search, and
the SQL key store. Tests talk to it over loopback with httpx, as any client would.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx2 as httpx  # the httpx fork the SDKs already bring
import uvicorn

from clinllm.bootstrap import App, build_app
from clinllm.bootstrap.service import build_service
from clinllm.domain.identity import KeyStore, Role
from clinllm.entrypoints.api import create_app
from clinllm.observability.logging import AllowlistFormatter
from clinllm.settings import HttpSettings, load_settings
from clinllm.testing.fakes import InMemoryJobQueue


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class LiveService:
    """A running service and what tests need to call it."""

    base_url: str
    app: App
    keys: KeyStore
    jobs: InMemoryJobQueue
    logs: io.StringIO
    previous_level: int
    secrets: dict[str, str] = field(default_factory=dict)

    def key(self, tenant: str, role: Role, groups: tuple[str, ...] = ()) -> str:
        """A key of ``tenant`` with ``role`` and ``groups`` (made once, then reused)."""
        label = f"{tenant}/{role}/{','.join(groups)}"
        if label not in self.secrets:
            secret, _ = self.keys.create(tenant=tenant, role=role, groups=groups)
            self.secrets[label] = secret
        return self.secrets[label]

    def client(self, secret: str | None = None, **headers: str) -> httpx.Client:
        auth = {"Authorization": f"Bearer {secret}"} if secret else {}
        return httpx.Client(base_url=self.base_url, headers={**auth, **headers}, timeout=60)


def start_service(
    data_dir: Path, http: HttpSettings | None = None, *, lifespan: Literal["on", "off"] = "off"
) -> tuple[LiveService, uvicorn.Server, threading.Thread]:
    settings = load_settings(
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'api.db'}",
        default_chain="rules",
        policy={"embedder": "hashing"},
    )
    app = build_app(settings, chain="rules")
    keys = build_service(app).keys()
    jobs = InMemoryJobQueue(records=app.records)
    api = create_app(
        app,
        keys=keys,
        settings=http or HttpSettings(rate_per_minute=100_000, rate_burst=10_000),
        jobs=jobs,
    )
    logs = io.StringIO()
    handler = logging.StreamHandler(logs)
    handler.setFormatter(AllowlistFormatter())
    root = logging.getLogger()  # every logger, uvicorn's too, as configure_logging sets it up
    root.addHandler(handler)
    previous_level = root.level
    root.setLevel(logging.DEBUG)
    port = free_port()
    config = uvicorn.Config(
        api, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan=lifespan
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the service did not start")
        time.sleep(0.02)
    live = LiveService(f"http://127.0.0.1:{port}", app, keys, jobs, logs, previous_level)
    return live, server, thread


def stop_service(live: LiveService, server: uvicorn.Server, thread: threading.Thread) -> None:
    server.should_exit = True
    thread.join(timeout=30)
    asyncio.run(live.app.aclose())
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.StreamHandler) and handler.stream is live.logs:
            root.removeHandler(handler)
    root.setLevel(live.previous_level)


def problem(response: httpx.Response) -> dict[str, Any]:
    """The body of a problem response, checked to be RFC 9457 problem JSON."""
    assert response.headers["content-type"].startswith("application/problem+json"), (
        response.status_code,
        response.headers.get("content-type"),
    )
    body: dict[str, Any] = json.loads(response.content)
    assert body["status"] == response.status_code
    assert isinstance(body["title"], str)
    return body
