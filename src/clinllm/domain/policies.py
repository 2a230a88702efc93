"""Policy search: who reads, what is indexed, what a search returns, and the ports behind it.

A staff member asks a question of payer policies and internal guidelines. The harm this module
exists to prevent is a leak: a user must never see, be quoted, be counted or be hinted at a
document outside their groups. So the *reader* (user, groups, tenant) comes from
authentication and is handed to the index with every query; the index applies it inside the
query, before ranking, and nothing a user types can change it.

Ports:

* :class:`PolicyIndex` stores documents as chunks and searches them for a reader
  (SQLite FTS5 + vectors in :mod:`clinllm.retrieval.sqlite_index`, PostgreSQL FTS + row-level
  security in :mod:`clinllm.retrieval.postgres_index`, a fake in :mod:`clinllm.retrieval.memory`).
* :class:`Embedder` turns text into dense vectors (a model shipped in a registry package, or a
  deterministic fake).
* :class:`PolicyAuditSink` receives one event per ingest, search and answer: identifiers and
  hashes only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from clinllm.domain.screening import ScreenFinding

__all__ = [
    "GROUP_PATTERN",
    "ChunkSentences",
    "Embedder",
    "IngestResult",
    "PolicyAuditEvent",
    "PolicyAuditSink",
    "PolicyChunk",
    "PolicyDocument",
    "PolicyIndex",
    "Reader",
    "SearchHit",
    "content_terms",
]

#: Group, tenant and user names: identifiers, so they can go in queries, RLS settings and audit.
GROUP_PATTERN = re.compile(r"^[A-Za-z0-9_.:@-]{1,128}$")

_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")
#: Words that carry no topic: a question made only of these matches nothing.
_STOP = frozenset(
    """a about above after again against all allowed am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either else
    ever every few for from further get gets getting got had has have having he her here hers him
    his how i if in into is it its itself just let like may me might more most much must my need
    needs no nor not now of off on once only or other our out over own per please same shall she
    should so some such tell than that the their them then there these they this those through to
    too under until up us very was we were what when where which while who whom why will with
    within would you your yours""".split()
)
#: Words that frame a question or name its asker rather than its topic ("how often", "can you
#: summarize", "my patient"): a document need not contain them to answer.
_FRAMING = frozenset(
    """often many long soon ok okay know want wondering wonder summarize summarise summary explain
    describe list show give find check happen happens someone somebody anyone person patient
    patients member members staff im ive dont doesnt cant whats hi hello thanks thank exactly
    actually currently still also really""".split()
)


def content_terms(text: str) -> list[str]:
    """The topic words of ``text``: lower-cased, stop words and 1-letter tokens dropped.

    Why one function: the lexical index, the answerability check and the extractive answerer
    must agree on what a "word" is, or a question could match in one and miss in another.
    """
    out: list[str] = []
    for m in _WORD.finditer(text):
        word = m.group(0).lower().replace("'", "")
        for part in word.split("-"):
            if len(part) > 1 and part not in _STOP and part not in _FRAMING:
                out.append(part)
    return out


def _check_name(kind: str, value: str) -> None:
    if not GROUP_PATTERN.match(value):
        raise ValueError(f"{kind} names are identifiers ([A-Za-z0-9_.:@-], 1-128 characters)")


@dataclass(frozen=True, slots=True)
class Reader:
    """Who is asking, as authentication established it.

    Attributes:
        user: User id.
        groups: Groups the user belongs to; a document is readable when it shares one.
        tenant: The tenant; documents of another tenant never exist for this reader.
    """

    user: str
    groups: frozenset[str]
    tenant: str = "default"

    def __post_init__(self) -> None:
        _check_name("user", self.user)
        _check_name("tenant", self.tenant)
        for group in self.groups:
            _check_name("group", group)

    def may_read(self, tenant: str, groups: Sequence[str] | frozenset[str]) -> bool:
        """The permission rule itself: same tenant and at least one shared group."""
        return tenant == self.tenant and not self.groups.isdisjoint(groups)


@dataclass(frozen=True, slots=True)
class PolicyDocument:
    """One policy or guideline, as stored: identity, permissions and metadata.

    Attributes:
        key: Stable id within the tenant (``pol-004``, or the file name); re-ingesting the
            same key replaces the document.
        tenant: Tenant that owns it.
        groups: Groups allowed to read it.
        title: Title (first heading or given).
        sha256: Hash of the normalized text; unchanged hash and groups mean nothing to do.
        media_type: ``text/plain``, ``text/markdown``, ``text/html`` or ``application/pdf``.
        version: Version label when the document states one.
        effective_date: ISO date when the document states one.
    """

    key: str
    tenant: str
    groups: frozenset[str]
    title: str
    sha256: str
    media_type: str = "text/plain"
    version: str | None = None
    effective_date: str | None = None

    def __post_init__(self) -> None:
        _check_name("document key", self.key)
        _check_name("tenant", self.tenant)
        if not self.groups:
            raise ValueError("a document needs at least one group")
        for group in self.groups:
            _check_name("group", group)

    def __repr__(self) -> str:
        return (
            f"PolicyDocument(key={self.key!r}, tenant={self.tenant!r}, groups={len(self.groups)})"
        )


@dataclass(frozen=True, slots=True)
class PolicyChunk:
    """One section (or part of one) of a document, with its place in the text.

    Attributes:
        chunk_id: ``<document key>#<ordinal>``; unique within the tenant.
        document_key: The document it belongs to.
        ordinal: Position in the document, from 0.
        title: The document's title.
        section: Heading path, ``2. Criteria > 2.1 Red-flag indications``.
        start: Offset of the chunk in the document's normalized text.
        end: Offset one past its end.
        text: The chunk's characters (``document_text[start:end]``).
        hidden: The text was hidden from a human reader (HTML comment, ``display:none``,
            white or tiny text): never trusted as visible text.
        findings: Injection-screen findings, offsets relative to ``text``.
    """

    chunk_id: str
    document_key: str
    ordinal: int
    title: str
    section: str
    start: int
    end: int
    text: str
    hidden: bool = False
    findings: tuple[ScreenFinding, ...] = ()

    @property
    def flagged(self) -> bool:
        """Whether the screen found an instruction in the chunk."""
        return bool(self.findings)

    def __repr__(self) -> str:
        return (
            f"PolicyChunk(chunk_id={self.chunk_id!r}, start={self.start}, end={self.end}, "
            f"hidden={self.hidden}, findings={len(self.findings)})"
        )


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A chunk the reader may read, with its fused rank.

    Attributes:
        chunk: The chunk.
        rank: 1-based rank after fusion.
        lexical_rank: Rank in the full-text list, if it was in it.
        dense_rank: Rank in the vector list, if it was in it.
        score: Reciprocal-rank-fusion score (internal; never shown, since it depends on
            corpus statistics).
        similarity: Cosine similarity of the question and chunk vectors, when the chunk was
            in the vector ranking (internal, like ``score``).
        relative_similarity: That similarity in standard deviations above the mean over the
            chunks the reader may read (internal): how much the chunk stands out.
    """

    chunk: PolicyChunk
    rank: int
    lexical_rank: int | None = None
    dense_rank: int | None = None
    score: float = 0.0
    similarity: float | None = None
    relative_similarity: float | None = None


@dataclass(frozen=True, slots=True)
class ChunkSentences:
    """The vectors of one chunk's sentences, stored with the chunk (never without it).

    The answer decision reads a passage's best sentence; storing the vectors lets a process
    that did not ingest the document read them instead of embedding the sentences again.

    Attributes:
        embedder: Name of the model that made them (another model never reuses them).
        digests: SHA-256 hex of each sentence's text, in order.
        vectors: One L2-normalized vector per digest.
    """

    embedder: str
    digests: tuple[str, ...]
    vectors: tuple[tuple[float, ...], ...]

    def __post_init__(self) -> None:
        if len(self.digests) != len(self.vectors):
            raise ValueError("one vector per sentence digest is required")


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one document's ingest did.

    Attributes:
        key: The document key.
        status: ``created``, ``replaced`` (text or groups changed) or ``unchanged``.
        chunks: Chunks now indexed for it.
        flagged_chunks: Chunks with injection findings.
        hidden_chunks: Chunks of hidden HTML content.
    """

    key: str
    status: Literal["created", "replaced", "unchanged"]
    chunks: int
    flagged_chunks: int = 0
    hidden_chunks: int = 0


class PolicyIndex(Protocol):
    """Chunks of policy documents, searchable with the reader's permissions in the query."""

    def upsert(
        self,
        document: PolicyDocument,
        chunks: Sequence[PolicyChunk],
        vectors: Sequence[Sequence[float]] | None,
        *,
        embedder: str | None,
        sentences: Sequence[ChunkSentences | None] | None = None,
    ) -> Literal["created", "replaced", "unchanged"]:
        """Store ``document`` with its chunks, replacing any earlier version atomically.

        The same text and groups are ``unchanged`` (nothing written) unless ``vectors`` are
        given and a stored chunk's vector is of another model than ``embedder``: then the
        chunks are replaced, so a changed embedder never leaves vectors it cannot compare.

        Args:
            document: Identity, groups and metadata.
            chunks: Every chunk of the new version.
            vectors: One vector per chunk, or None when no embedder runs.
            embedder: Name of the model that made the vectors (vectors of another model are
                never compared with these).
            sentences: One entry per chunk (None: that chunk has none), written in the same
                transaction as the chunks; None: no sentence vectors at all.
        """
        ...

    def stored_hash(self, tenant: str, key: str) -> tuple[str, frozenset[str]] | None:
        """The stored text hash and groups of a document, or None when it is not stored."""
        ...

    def sentence_embedders(self, tenant: str, key: str) -> dict[str, str | None]:
        """Per stored chunk of the document, the model its stored sentence vectors are of."""
        ...

    def chunk_embedders(self, tenant: str, key: str) -> dict[str, str | None]:
        """Per stored chunk of the document, the model its stored chunk vector is of."""
        ...

    def store_sentences(
        self, tenant: str, key: str, sha256: str, sentences: dict[str, ChunkSentences]
    ) -> bool:
        """Add sentence vectors (by chunk id) to an unchanged document's chunks.

        One transaction; nothing is written when the stored text hash is no longer
        ``sha256``. For chunks stored without them (before they were stored, or by another
        embedder).

        Returns:
            Whether they were written.
        """
        ...

    def search(
        self,
        reader: Reader,
        query: str,
        query_vector: Sequence[float] | None,
        *,
        embedder: str | None,
        k: int = 8,
    ) -> list[SearchHit]:
        """The ``k`` best chunks ``reader`` may read, fused from full-text and vector ranks.

        Permissions are applied inside each query, before ranking: a chunk the reader may not
        read is never scored, counted or returned.
        """
        ...

    def document_frequencies(
        self, reader: Reader, terms: Sequence[str]
    ) -> tuple[int, dict[str, int]]:
        """How many readable chunks there are, and how many contain each term.

        Statistics over the reader's chunks only, so a decision based on them (answer or
        refuse) cannot depend on a document the reader may not read.
        """
        ...

    def sentence_vectors(
        self, reader: Reader, chunk_ids: Sequence[str], *, embedder: str
    ) -> dict[str, list[float]]:
        """Stored sentence vectors (by sentence digest) of those chunks the reader may read.

        Read with the same permission filter as the chunks themselves; vectors made by another
        embedder are not returned. A chunk stored without them returns nothing.
        """
        ...


class Embedder(Protocol):
    """Dense vectors for passages and queries."""

    @property
    def name(self) -> str:
        """Model name stored with the vectors."""
        ...

    @property
    def answer_floor(self) -> float | None:
        """The question-passage cosine at which a passage is on the question's topic.

        Measured for the model (each has its own cosine range); None when its similarities
        say nothing about answerability (a hashing fake), so the answer decision reads
        words alone.
        """
        ...

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """One L2-normalized vector per passage."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """The L2-normalized vector of a question."""
        ...


@dataclass(frozen=True, slots=True)
class PolicyAuditEvent:
    """One ingest, search or answer: identifiers, labels and hashes, never text.

    Attributes:
        action: ``policy.ingested``, ``policy.searched`` or ``policy.answered``.
        actor: The user id (or ``system``).
        tenant: The tenant.
        groups: The reader's groups (or the document's, for an ingest).
        question_digest: Keyed HMAC of the question (never the question).
        retrieved: Chunk ids retrieved for the reader.
        cited: Chunk ids cited in the answer.
        decision: ``answered``, ``refused``, ``searched``, or the ingest status.
        model: Model that answered, if any.
        screen_reasons: Reasons of injection findings (question and chunks), no text.
        document: Document key, for an ingest.
        doc_hash: Document text hash, for an ingest.
        reasons: Machine codes of what the post-check removed or why the answer was refused.
    """

    action: Literal["policy.ingested", "policy.searched", "policy.answered"]
    actor: str
    tenant: str
    groups: tuple[str, ...]
    decision: str
    question_digest: str | None = None
    retrieved: tuple[str, ...] = ()
    cited: tuple[str, ...] = ()
    model: str | None = None
    screen_reasons: tuple[str, ...] = ()
    document: str | None = None
    doc_hash: str | None = None
    reasons: tuple[str, ...] = field(default=())


class PolicyAuditSink(Protocol):
    """Where policy-search audit events go (the hash-chained audit log in production)."""

    def record_policy_event(self, event: PolicyAuditEvent) -> None:
        """Append one event; raise rather than drop it."""
        ...
