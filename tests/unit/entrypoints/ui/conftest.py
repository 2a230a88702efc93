"""A review UI over a real SQLite database seeded by the real workflows (rules provider)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import anyio
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clinllm.bootstrap import App, build_app
from clinllm.bootstrap.service import build_service
from clinllm.entrypoints.api.ui import build_ui_router
from clinllm.settings import load_settings
from clinllm.testing.keys import InMemoryKeyStore
from clinllm.testing.review_seed import SeededItems, seed_review_items

SECRET = b"unit-test-session-secret-0123456789"


@dataclass
class UiWorld:
    app: App
    other: App
    keys: InMemoryKeyStore
    items: SeededItems
    other_items: SeededItems
    client: TestClient


def _app(tmp_path: Path, tenant: str) -> App:
    settings = load_settings(
        database_url=f"sqlite:///{tmp_path / 'ui.db'}",
        tenant=tenant,
        default_chain=("rules",),
        data_dir=tmp_path / "data",
    )
    return build_app(settings)


@pytest.fixture
def ui(tmp_path: Path) -> Iterator[UiWorld]:
    app = _app(tmp_path, "acme")
    other = _app(tmp_path, "beta")
    items = anyio.run(partial(seed_review_items, app, note=False))
    other_items = anyio.run(partial(seed_review_items, other, note=False))
    keys = InMemoryKeyStore()
    api = FastAPI()
    ui = build_ui_router(
        app, keys=keys, sign_outs=build_service(app).sign_outs(), session_secret=SECRET
    )
    api.include_router(ui, prefix="/ui")
    with TestClient(api, base_url="http://127.0.0.1") as client:
        yield UiWorld(app, other, keys, items, other_items, client)
    anyio.run(app.aclose)
    anyio.run(other.aclose)
