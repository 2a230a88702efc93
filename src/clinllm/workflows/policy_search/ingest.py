"""Policy ingest: load, chunk by section, screen every chunk, embed, index atomically, audit.

With :class:`~.sentence_vectors.SentenceVectors`, the sentences of visible, unflagged chunks
are embedded too and stored in the chunk rows, in the chunks' transaction (the answer decision
reads them; a process that did not ingest reads them instead of embedding them again).

Every chunk is screened as document text; findings are stored with the chunk (offsets and
reasons, no text), so at answer time the flagged span is blanked before any model sees it and
a citation can never quote it. Hidden HTML is stored as separate hidden chunks. An unchanged
document (same text hash, same groups) is not re-embedded or rewritten, except that chunks
stored without sentence vectors for this embedder get them (a database written before they
were stored), and a document whose chunk vectors are another model's is embedded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from clinllm.domain.hashing import sha256_hex
from clinllm.domain.policies import (
    Embedder,
    IngestResult,
    PolicyAuditEvent,
    PolicyAuditSink,
    PolicyChunk,
    PolicyDocument,
    PolicyIndex,
)
from clinllm.domain.screening import InjectionScreen
from clinllm.retrieval.chunker import chunk_sections
from clinllm.retrieval.loader import LoadedPolicy, load_policy_file
from clinllm.workflows.policy_search.sentence_vectors import SentenceVectors, passage_sentences

__all__ = ["PolicyIngestor", "document_key_for"]


def document_key_for(path: Path) -> str:
    """The default document key of a file: its name without suffix, as an identifier."""
    stem = "".join(c if c.isalnum() or c in "_.:@-" else "-" for c in path.stem)
    return stem.strip("-")[:128] or "document"


class PolicyIngestor:
    """Turn policy files into screened, embedded, permissioned chunks.

    Args:
        index: Where the chunks go.
        screen: The injection screen (channel ``document``).
        embedder: Dense vectors for the chunks; None indexes full text only.
        audit: Receives one ``policy.ingested`` event per document.
        sentences: Embeds the sentences of each visible, unflagged chunk too (in batches),
            stored with the chunk, so the answer decision can read a chunk's best sentence;
            None: chunks only.
    """

    def __init__(
        self,
        index: PolicyIndex,
        *,
        screen: InjectionScreen,
        embedder: Embedder | None,
        audit: PolicyAuditSink,
        sentences: SentenceVectors | None = None,
    ) -> None:
        self._index = index
        self._sentences = sentences
        self._screen = screen
        self._embedder = embedder
        self._audit = audit

    def __repr__(self) -> str:
        return "PolicyIngestor()"

    def chunks(self, key: str, loaded: LoadedPolicy) -> list[PolicyChunk]:
        """Section chunks of one loaded document, each screened."""
        out: list[PolicyChunk] = []
        for i, section in enumerate(chunk_sections(loaded.text, list(loaded.parts))):
            text = loaded.text[section.start : section.end]
            out.append(
                PolicyChunk(
                    chunk_id=f"{key}#{i}",
                    document_key=key,
                    ordinal=i,
                    title=loaded.title,
                    section=section.path,
                    start=section.start,
                    end=section.end,
                    text=text,
                    hidden=section.hidden,
                    findings=self._screen.screen(text, "document").findings,
                )
            )
        return out

    def _other_vectors(self, tenant: str, key: str) -> bool:
        """Whether a stored chunk's vector is not this embedder's (the model changed).

        Vectors are compared only with a question of their own model, so chunks kept with
        another model's would drop out of the dense ranking and the answer decision: the
        document is embedded again and its chunks replaced, unchanged text or not.
        """
        if self._embedder is None:
            return False
        name = self._embedder.name
        return any(e != name for e in self._index.chunk_embedders(tenant, key).values())

    def _backfill_sentences(
        self, tenant: str, key: str, sha256: str, chunks: Sequence[PolicyChunk]
    ) -> None:
        """Store the sentence vectors an unchanged document's chunks were stored without.

        A document ingested before they were stored (or with another embedder) is otherwise
        never rewritten, and every question would embed its sentences again. Only what is
        missing is embedded; an unchanged document that has them costs one query.
        """
        if self._sentences is None:
            return
        wanted = {
            c.chunk_id: c.text
            for c in chunks
            if not c.hidden and not c.flagged and passage_sentences(c.text)
        }
        if not wanted:
            return
        have = self._index.sentence_embedders(tenant, key)
        lacking = [i for i in wanted if i in have and have[i] != self._sentences.embedder]
        if not lacking:
            return
        entries = self._sentences.for_chunks([wanted[i] for i in lacking])
        self._index.store_sentences(
            tenant,
            key,
            sha256,
            {i: e for i, e in zip(lacking, entries, strict=True) if e is not None},
        )

    def ingest(
        self,
        key: str,
        loaded: LoadedPolicy,
        *,
        groups: Sequence[str],
        tenant: str,
        actor: str = "system",
    ) -> IngestResult:
        """Index one loaded document for ``groups`` of ``tenant``; replaces an older version."""
        document = PolicyDocument(
            key=key,
            tenant=tenant,
            groups=frozenset(groups),
            title=loaded.title,
            sha256=sha256_hex(loaded.text),
            media_type=loaded.media_type,
            version=loaded.version,
            effective_date=loaded.effective_date,
        )
        chunks = self.chunks(key, loaded)
        stored = self._index.stored_hash(tenant, key)
        status: Literal["created", "replaced", "unchanged"]
        if stored == (document.sha256, document.groups) and not self._other_vectors(tenant, key):
            status = "unchanged"
            self._backfill_sentences(tenant, key, document.sha256, chunks)
        else:
            vectors = None
            if self._embedder is not None:
                vectors = self._embedder.embed_passages(
                    [f"{c.title}. {c.section}\n{c.text}" for c in chunks]
                )
            sentences = None
            if self._sentences is not None:
                sentences = self._sentences.for_chunks(
                    [None if c.hidden or c.flagged else c.text for c in chunks]
                )
            status = self._index.upsert(
                document,
                chunks,
                vectors,
                embedder=self._embedder.name if self._embedder else None,
                sentences=sentences,
            )
        result = IngestResult(
            key=key,
            status=status,
            chunks=len(chunks),
            flagged_chunks=sum(c.flagged for c in chunks),
            hidden_chunks=sum(c.hidden for c in chunks),
        )
        self._audit.record_policy_event(
            PolicyAuditEvent(
                action="policy.ingested",
                actor=actor,
                tenant=tenant,
                groups=tuple(sorted(document.groups)),
                decision=status,
                document=key,
                doc_hash=document.sha256,
                screen_reasons=tuple(
                    dict.fromkeys(
                        [f"chunk:{f.reason}" for c in chunks for f in c.findings]
                        + (["chunk:hidden_content"] if result.hidden_chunks else [])
                    )
                ),
            )
        )
        return result

    def ingest_file(
        self,
        path: Path,
        *,
        groups: Sequence[str],
        tenant: str,
        key: str | None = None,
        actor: str = "system",
    ) -> IngestResult:
        """Load and index one file (text, Markdown, HTML or PDF)."""
        return self.ingest(
            key or document_key_for(path),
            load_policy_file(path),
            groups=groups,
            tenant=tenant,
            actor=actor,
        )
