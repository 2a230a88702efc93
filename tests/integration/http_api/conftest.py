"""The live service fixture of the HTTP tests (one server per test module)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .live import LiveService, start_service, stop_service


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """One live service per test module."""
    live, server, thread = start_service(tmp_path_factory.mktemp("api"))
    try:
        yield live
    finally:
        stop_service(live, server, thread)
