"""A real review UI on loopback (uvicorn, SQLite seeded by the real workflows) and Debian's
chromium driven by Playwright. Skips with the reason when chromium or Playwright is missing."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import anyio
import pytest
from fastapi import FastAPI

from clinllm.bootstrap import App, build_app
from clinllm.bootstrap.service import build_service
from clinllm.entrypoints.api.ui import build_ui_router
from clinllm.settings import load_settings
from clinllm.testing.keys import InMemoryKeyStore
from clinllm.testing.review_seed import seed_review_items

from .live import LiveUi

if TYPE_CHECKING:
    from playwright.sync_api import Browser

T = TypeVar("T")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _run_async(func: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine function to completion on its own loop in a worker thread.

    Playwright's sync API keeps an event loop running in the test's thread, so ``anyio.run``
    cannot be called there.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, func).result()


def _app(tmp: Path, tenant: str) -> App:
    settings = load_settings(
        database_url=f"sqlite:///{tmp / 'ui.db'}",
        tenant=tenant,
        default_chain=("rules",),
        data_dir=tmp / "data",
    )
    return build_app(settings)


@pytest.fixture
def live_ui(tmp_path: Path) -> Iterator[LiveUi]:
    """The pages served by uvicorn on 127.0.0.1, over tenant ``acme`` (and ``beta`` beside it)."""
    import uvicorn

    app = _app(tmp_path, "acme")
    other = _app(tmp_path, "beta")
    items = _run_async(partial(seed_review_items, app))
    other_items = _run_async(partial(seed_review_items, other, note=False))
    keys = InMemoryKeyStore()
    api = FastAPI()
    api.include_router(
        build_ui_router(
            app,
            keys=keys,
            sign_outs=build_service(app).sign_outs(),
            session_secret=b"e2e-session-secret-0123456789abcdef",
        ),
        prefix="/ui",
    )
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(api, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield LiveUi(f"http://127.0.0.1:{port}", app, other, keys, items, other_items)
    finally:
        server.should_exit = True
        thread.join(10)
        _run_async(app.aclose)
        _run_async(other.aclose)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium through Playwright (the Playwright browser download is unreachable).

    Module-scoped on purpose: Playwright's sync API keeps an event loop running in the main
    thread while it is open, and every later test that calls ``asyncio.run`` would fail.
    """
    if shutil.which(CHROMIUM) is None:
        print("SKIP reason: /usr/bin/chromium is not installed (scripts/dev.py installs it)")
        pytest.skip("/usr/bin/chromium is not installed; scripts/dev.py installs it as root")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (requirements/dev-lock.txt)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()
