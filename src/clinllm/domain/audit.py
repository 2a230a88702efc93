"""The audit event, its place in the hash chain, and how the chain is verified.

An event says who did what to which records, with which model and which documents (by hash),
and the decision's labels: never content, so the log can go to a SIEM or an auditor without
becoming a second PHI store. ``record_digest`` is the digest of the stored record the event
describes (an extraction's ``payload_sha256``), so a record can later be checked against the
event written when it was made.

Each entry's ``hash`` is an HMAC-SHA256, under the audit key (:class:`AuditKey`), of the
canonical JSON of the entry including ``prev_hash``, the previous entry's hash: editing,
inserting or deleting an entry anywhere breaks every later link, and :func:`verify_chain` says
where. The key is why a whole rewritten chain fails too: with a plain hash anyone who can write
the table can recompute every link, with an HMAC only a holder of the key can. The key never
enters the database; each entry names the key that signed it by ``key_id`` (a one-way
fingerprint), so a check under another key says so instead of pointing at row 1.

Entries written before the chain was keyed (``key_id`` is ``None``) carry a plain SHA-256;
they verify only as a prefix of the chain and only when the caller allows them
(``allow_legacy``), because an unkeyed entry is exactly what a forger without the key writes.

The functions here are pure, so the SQL log and the in-memory fake chain and verify in exactly
the same way. See ``docs/audit.md``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Final

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from clinllm.domain.hashing import canonical_json, sha256_hex

__all__ = [
    "GENESIS_HASH",
    "AuditEntry",
    "AuditEvent",
    "AuditKey",
    "ChainVerification",
    "chain_hash",
    "entry_hash",
    "verify_chain",
]

#: ``prev_hash`` of the first entry.
GENESIS_HASH: Final = "0" * 64

_SHORT = Field(max_length=128, pattern=r"^[^\n\r\f]*$")
_DIGEST = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class AuditKey:
    """The audit key, split by purpose: chain links, document digests, anchors, key id.

    One secret (``CLINLLM_AUDIT_KEY`` or its key file) yields a sub-key per purpose (HMAC of a
    fixed label), so a digest made for one use can never be replayed as another.

    Args:
        secret: The configured key, at least 16 bytes.

    Raises:
        ValueError: The key is shorter than 16 bytes.
    """

    __slots__ = ("_anchor", "_chain", "_documents", "key_id")

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the audit key must be at least 16 bytes")

        def derive(label: str) -> bytes:
            return hmac.new(secret, label.encode("ascii"), hashlib.sha256).digest()

        self._chain = derive("clinllm/audit/chain/v1")
        self._documents = derive("clinllm/audit/documents/v1")
        self._anchor = derive("clinllm/audit/anchor/v1")
        self.key_id: str = derive("clinllm/audit/key-id/v1").hex()[:16]
        """A fingerprint naming the key in each entry (one-way: it does not reveal the key)."""

    @classmethod
    def ephemeral(cls) -> AuditKey:
        """A random key for a process that has none configured (tests, in-memory runs)."""
        return cls(secrets.token_bytes(32))

    def __repr__(self) -> str:
        return f"AuditKey(key_id={self.key_id!r})"

    def sign_link(self, canonical: str) -> str:
        """The chain HMAC of an entry's canonical JSON."""
        return hmac.new(self._chain, canonical.encode("utf-8"), hashlib.sha256).hexdigest()

    def document_digest(self, sha256: str) -> str:
        """The keyed digest the log keeps for a document or message hash.

        A plain SHA-256 of a short portal message can be found again by hashing a dictionary of
        likely messages; the HMAC cannot be, without the key.
        """
        return hmac.new(self._documents, sha256.encode("ascii"), hashlib.sha256).hexdigest()

    def sign_anchor(self, canonical: str) -> str:
        """The signature of an anchor (the chain's head written outside the database)."""
        return hmac.new(self._anchor, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


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
    """Digest of the record the event describes (see :mod:`clinllm.domain.record_digest`)."""
    record_kind: str | None = Field(default=None, max_length=32, pattern=r"^[a-z_]+$")
    """Which subject ``record_digest`` is the digest of (``extraction``, ``document``,
    ``review_version``): ``audit verify`` recomputes that record's digest and compares."""
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
    record_kind: str | None = None
    tenant: str | None = None
    key_id: str | None = None
    """Fingerprint of the key that signed the entry; ``None`` for a legacy unkeyed entry."""
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
    key_id: str | None = None
    """The key the chain was checked under."""
    legacy_entries: int = 0
    """Unkeyed entries written before the chain was keyed (accepted only when allowed)."""
    records_checked: int = 0
    """Stored records whose content was compared with the event that describes them."""


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
    record_kind: str | None = None,
    tenant: str | None = None,
    key: AuditKey | None = None,
) -> str:
    """The link of one entry: HMAC under ``key`` of its canonical JSON, ``prev_hash`` included.

    With ``key`` the entry's ``key_id`` enters the signed fields (so an entry cannot be moved
    to another key's chain); without it the link is the legacy plain SHA-256, kept only to
    verify entries written before the chain was keyed. ``record_digest``, ``record_kind`` and
    ``tenant`` enter only when set, so entries written before those fields existed still verify.
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
    if record_kind is not None:
        fields["record_kind"] = record_kind
    if tenant is not None:
        fields["tenant"] = tenant
    if key is None:
        return sha256_hex(canonical_json(fields))
    fields["key_id"] = key.key_id
    return key.sign_link(canonical_json(fields))


def entry_hash(entry: AuditEntry, key: AuditKey | None = None) -> str:
    """The hash ``entry`` should carry, recomputed from its fields (under ``key`` if keyed)."""
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
        record_kind=entry.record_kind,
        tenant=entry.tenant,
        key=key if entry.key_id is not None else None,
    )


def verify_chain(
    entries: Iterable[AuditEntry], key: AuditKey | None = None, *, allow_legacy: bool = False
) -> ChainVerification:
    """Recompute every link of a chain given in ``seq`` order; report the first broken one.

    Detects a changed field, a deleted or inserted entry, a re-ordered chain, an entry signed
    with another key, and (with a key) a chain rewritten by someone without it.

    Args:
        entries: The chain in ``seq`` order.
        key: The audit key; without it only legacy unkeyed entries can be checked.
        allow_legacy: Accept unkeyed entries at the start of the chain (written before the
            chain was keyed). Never accepted after a keyed entry.
    """
    expected_seq, prev_hash, count, legacy = 1, GENESIS_HASH, 0, 0
    key_id = key.key_id if key is not None else None

    def broken(seq: int, reason: str) -> ChainVerification:
        return ChainVerification(
            ok=False,
            entries=count,
            head_hash=prev_hash if count else None,
            first_bad_seq=seq,
            reason=reason,
            key_id=key_id,
            legacy_entries=legacy,
        )

    for entry in entries:
        if entry.seq != expected_seq:
            return broken(expected_seq, f"row {expected_seq} is missing (next row is {entry.seq})")
        if entry.prev_hash != prev_hash:
            return broken(entry.seq, f"row {entry.seq} does not link to the row before it")
        if entry.key_id is None:
            if count > legacy:
                return broken(entry.seq, f"row {entry.seq} is not signed with the audit key")
            legacy += 1
        elif key is None:
            return broken(entry.seq, f"row {entry.seq} is signed and no audit key was given")
        elif entry.key_id != key.key_id:
            return broken(
                entry.seq,
                f"row {entry.seq} was signed with another audit key (key id {entry.key_id})",
            )
        if entry_hash(entry, key) != entry.hash:
            return broken(entry.seq, f"row {entry.seq} was changed after it was written")
        prev_hash, expected_seq, count = entry.hash, entry.seq + 1, count + 1
    if legacy and not allow_legacy:
        return broken(
            1,
            f"{legacy} rows are not signed with the audit key (written before the chain was "
            "keyed, or forged); allow them only if they predate the upgrade",
        )
    return ChainVerification(
        ok=True,
        entries=count,
        head_hash=prev_hash if count else None,
        key_id=key_id,
        legacy_entries=legacy,
    )
