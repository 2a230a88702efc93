"""The audit event, its place in the hash chain, and how the chain is verified.

An event says who did what to which records, with which model and which documents (by hash),
and the decision's labels: never content, so the log can go to a SIEM or an auditor without
becoming a second PHI store. ``record_digest`` is the digest of the stored record the event
describes (an extraction's ``payload_sha256``), so a record can later be checked against the
event written when it was made.

Each entry's ``hash`` is the SHA-256 of the canonical JSON of the entry including
``prev_hash``, the previous entry's hash: editing, inserting or deleting an entry anywhere breaks
every later link, and :func:`verify_chain` says where. The functions here are pure, so the SQL
log and the in-memory fake chain and verify in exactly the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Final

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from clinllm.domain.hashing import canonical_json, sha256_hex

__all__ = [
    "GENESIS_HASH",
    "AuditEntry",
    "AuditEvent",
    "ChainVerification",
    "chain_hash",
    "entry_hash",
    "verify_chain",
]

#: ``prev_hash`` of the first entry.
GENESIS_HASH: Final = "0" * 64

_SHORT = Field(max_length=128, pattern=r"^[^\n\r\f]*$")
_DIGEST = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class AuditEvent(BaseModel):
    """What to append to the audit log: who did what to which records, never content.

    Values are identifiers, labels and hashes: each string is at most 128 characters with no
    line breaks, which keeps free text (a message, a quote) from slipping into the log.
    """

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    actor: str = _SHORT
    """User id, or ``system`` for automatic steps."""
    action: str = Field(max_length=64, pattern=r"^[a-z0-9_.:-]+$")
    """What happened, e.g. ``document.ingested``, ``prior_auth.extracted``, ``review.corrected``."""
    subjects: dict[str, str] = Field(default_factory=dict)
    """Record kind -> id, e.g. ``{"document": "12", "extraction": "40"}``."""
    model: str | None = Field(default=None, max_length=128)
    doc_hashes: tuple[str, ...] = ()
    """SHA-256 hashes of the documents or messages involved."""
    decision: dict[str, str | list[str] | None] = Field(default_factory=dict)
    """Labels of the outcome, e.g. ``{"urgency": "emergency"}``; no free text."""
    record_digest: str | None = _DIGEST
    """Digest of the record the event describes (an extraction's ``payload_sha256``)."""
    tenant: str | None = Field(default=None, max_length=64, pattern=r"^[^\n\r\f]*$")
    """The tenant whose data the event is about."""
    ts: AwareDatetime | None = None
    """When it happened; the log's clock when ``None``."""

    def model_post_init(self, context: Any, /) -> None:
        """Refuse long or multi-line values anywhere, so content cannot ride along."""
        values: list[str] = [*self.subjects.keys(), *self.subjects.values(), *self.doc_hashes]
        for key, value in self.decision.items():
            values.append(key)
            if isinstance(value, str):
                values.append(value)
            elif value is not None:
                values.extend(value)
        for value in values:
            if len(value) > 128 or any(c in value for c in "\n\r\f"):
                raise ValueError("audit values must be identifiers, labels or hashes")


class AuditEntry(BaseModel):
    """A stored audit event with its place in the chain."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    seq: int
    ts: datetime
    actor: str
    action: str
    subjects: dict[str, str]
    model: str | None
    doc_hashes: tuple[str, ...]
    decision: dict[str, str | list[str] | None]
    record_digest: str | None = None
    tenant: str | None = None
    prev_hash: str
    hash: str


class ChainVerification(BaseModel):
    """The result of checking the audit chain end to end.

    ``head_hash`` should be copied somewhere the database's writers cannot change (a ticket,
    a WORM bucket): the chain proves every entry up to it, and the anchor proves the tail was
    not cut off.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    ok: bool
    entries: int
    head_hash: str | None
    first_bad_seq: int | None = None
    reason: str | None = None


def _ts(value: datetime) -> str:
    """Render a timestamp canonically: UTC, microseconds, ``Z``."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def chain_hash(
    *,
    seq: int,
    ts: datetime,
    actor: str,
    action: str,
    subjects: dict[str, str],
    model: str | None,
    doc_hashes: Iterable[str],
    decision: dict[str, str | list[str] | None],
    prev_hash: str,
    record_digest: str | None = None,
    tenant: str | None = None,
) -> str:
    """SHA-256 over the canonical JSON of an entry's fields, ``prev_hash`` included.

    ``record_digest`` and ``tenant`` enter the hash only when set, so entries written before
    those fields existed still verify.
    """
    fields: dict[str, Any] = {
        "seq": seq,
        "ts": _ts(ts),
        "actor": actor,
        "action": action,
        "subjects": dict(subjects),
        "model": model,
        "doc_hashes": list(doc_hashes),
        "decision": dict(decision),
        "prev_hash": prev_hash,
    }
    if record_digest is not None:
        fields["record_digest"] = record_digest
    if tenant is not None:
        fields["tenant"] = tenant
    return sha256_hex(canonical_json(fields))


def entry_hash(entry: AuditEntry) -> str:
    """The hash ``entry`` should carry, recomputed from its fields."""
    return chain_hash(
        seq=entry.seq,
        ts=entry.ts,
        actor=entry.actor,
        action=entry.action,
        subjects=entry.subjects,
        model=entry.model,
        doc_hashes=entry.doc_hashes,
        decision=entry.decision,
        prev_hash=entry.prev_hash,
        record_digest=entry.record_digest,
        tenant=entry.tenant,
    )


def verify_chain(entries: Iterable[AuditEntry]) -> ChainVerification:
    """Recompute every link of a chain given in ``seq`` order; report the first broken one.

    Detects a changed field, a deleted or inserted entry, and a re-ordered chain.
    """
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0

    def broken(seq: int, reason: str) -> ChainVerification:
        return ChainVerification(
            ok=False,
            entries=count,
            head_hash=prev_hash if count else None,
            first_bad_seq=seq,
            reason=reason,
        )

    for entry in entries:
        if entry.seq != expected_seq:
            return broken(expected_seq, f"row {expected_seq} is missing (next row is {entry.seq})")
        if entry.prev_hash != prev_hash:
            return broken(entry.seq, f"row {entry.seq} does not link to the row before it")
        if entry_hash(entry) != entry.hash:
            return broken(entry.seq, f"row {entry.seq} was changed after it was written")
        prev_hash, expected_seq, count = entry.hash, entry.seq + 1, count + 1
    return ChainVerification(ok=True, entries=count, head_hash=prev_hash if count else None)
