"""The live review UI a browser test works against."""

from __future__ import annotations

from dataclasses import dataclass

from clinllm.bootstrap import App
from clinllm.testing.keys import InMemoryKeyStore
from clinllm.testing.review_seed import SeededItems

__all__ = ["LiveUi"]


@dataclass
class LiveUi:
    """Where the pages are served, the apps of both tenants, the key store, the seeded items."""

    base: str
    app: App
    other: App
    keys: InMemoryKeyStore
    items: SeededItems
    other_items: SeededItems
