"""``SqlAuditLog``: the append-only, hash-chained audit log in SQL, and its FHIR export.

The SQL adapter of the :class:`~clinllm.domain.ports.AuditLog` port. What an event holds and
how the chain is hashed and verified is :mod:`clinllm.domain.audit` (pure, shared with the
in-memory fake); this module stores rows and streams them through that verification. Cutting
off the tail cannot be seen from inside; anchor
:attr:`~clinllm.domain.audit.ChainVerification.head_hash` outside the database.

Every entry is signed with the audit key (:class:`~clinllm.domain.audit.AuditKey`, never
stored in the database), and the document hashes it names are kept as keyed digests only.
``verify`` checks the chain and then the records the events describe
(:mod:`clinllm.store.audit_records`).

Two writers never fork the chain: ``seq`` is the primary key (a racing writer's insert
fails), and on PostgreSQL appends are serialized by a transaction-scoped advisory lock.
The migrations also install triggers that refuse UPDATE, DELETE, REPLACE and any INSERT
that is not the next link on ``audit_log`` (see ``docs/audit.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from clinllm.domain.anchor import Anchor, check_anchor, make_anchor
from clinllm.domain.audit import (
    GENESIS_HASH,
    AuditEntry,
    AuditEvent,
    AuditKey,
    ChainVerification,
    chain_hash,
    verify_chain,
)
from clinllm.store.models import AuditRow

__all__ = ["GENESIS_HASH", "SqlAuditLog", "append_event", "to_fhir_audit_event"]

#: Key of the PostgreSQL advisory lock that serializes appends (arbitrary, fixed).
_PG_LOCK_KEY = 0x636C696E6C6C6D  # "clinllm"


def _ts(value: datetime) -> str:
    """Render a timestamp canonically: UTC, microseconds, ``Z``."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry.model_validate(row, from_attributes=True)


def append_event(
    session: Session, event: AuditEvent, *, now: datetime, key: AuditKey
) -> AuditEntry:
    """Append one event inside the caller's transaction, signed with ``key``.

    The action and its audit event then commit or roll back together. Document hashes are
    stored as keyed digests (:meth:`AuditKey.document_digest`), never as the plain SHA-256.

    Args:
        session: An open session in a transaction.
        event: What to record.
        now: The time to record when the event carries none.
        key: The audit key.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    head = session.execute(
        select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    ts = (event.ts or now).astimezone(UTC)
    row = AuditRow(
        seq=seq,
        ts=ts,
        actor=event.actor,
        action=event.action,
        subjects=dict(event.subjects),
        model=event.model,
        doc_hashes=[key.document_digest(h) for h in event.doc_hashes],
        decision={k: (list(v) if isinstance(v, list) else v) for k, v in event.decision.items()},
        record_digest=event.record_digest,
        record_kind=event.record_kind,
        tenant=event.tenant,
        key_id=key.key_id,
        prev_hash=prev_hash,
        hash="",
    )
    row.hash = chain_hash(
        seq=seq,
        ts=ts,
        actor=row.actor,
        action=row.action,
        subjects=row.subjects,
        model=row.model,
        doc_hashes=row.doc_hashes,
        decision=row.decision,
        prev_hash=prev_hash,
        record_digest=row.record_digest,
        record_kind=row.record_kind,
        tenant=row.tenant,
        key=key,
    )
    session.add(row)
    session.flush()
    return _entry(row)


_ACTION_CODES = {
    "created": "C",
    "ingested": "C",
    "saved": "C",
    "decision": "C",
    "escalation": "C",
    "enqueued": "C",
    "failed": "C",
    "read": "R",
    "searched": "E",
    "answered": "E",
    "exported": "R",
    "deleted": "D",
}


def to_fhir_audit_event(entry: AuditEntry) -> dict[str, Any]:
    """Shape an audit entry as a FHIR R4 ``AuditEvent`` resource (a plain dict).

    Identifiers only: the actor and model as agent identifiers, each subject and keyed document
    digest as an entity identifier, decision labels as entity details, and the chain link
    (seq, prev_hash, hash) as an extension so the export itself can be re-verified.
    """
    verb = entry.action.rsplit(".", 1)[-1]
    failed = entry.decision.get("outcome") == "failed" or verb == "failed"
    agents: list[dict[str, Any]] = [
        {
            "who": {"identifier": {"system": "urn:clinllm:actor", "value": entry.actor}},
            "requestor": entry.actor != "system",
        }
    ]
    if entry.model:
        agents.append(
            {
                "type": {"text": "AI model"},
                "who": {"identifier": {"system": "urn:clinllm:model", "value": entry.model}},
                "requestor": False,
            }
        )
    entities: list[dict[str, Any]] = [
        {"what": {"identifier": {"system": f"urn:clinllm:{kind}", "value": value}}}
        for kind, value in sorted(entry.subjects.items())
    ]
    entities += [
        {"what": {"identifier": {"system": "urn:clinllm:hmac-sha256", "value": digest}}}
        for digest in entry.doc_hashes
    ]
    if entry.decision:
        details = []
        for key, value in sorted(entry.decision.items()):
            if value is None:
                continue
            text_value = value if isinstance(value, str) else ",".join(value)
            details.append({"type": key, "valueString": text_value})
        if details:
            entities.append({"name": "decision", "detail": details})
    return {
        "resourceType": "AuditEvent",
        "id": f"clinllm-audit-{entry.seq}",
        "type": {
            "system": "http://dicom.nema.org/resources/ontology/DCM",
            "code": "110110",
            "display": "Patient Record",
        },
        "subtype": [{"system": "urn:clinllm:audit-action", "code": entry.action}],
        "action": _ACTION_CODES.get(verb, "U" if verb.endswith("ed") else "E"),
        "recorded": _ts(entry.ts),
        "outcome": "4" if failed else "0",
        "agent": agents,
        "source": {"observer": {"display": "clinllm"}},
        "entity": entities,
        "extension": [
            {
                "url": "urn:clinllm:audit-chain",
                "extension": [
                    {"url": "seq", "valueInteger": entry.seq},
                    {"url": "prevHash", "valueString": entry.prev_hash},
                    {"url": "hash", "valueString": entry.hash},
                ],
            }
        ],
    }


class SqlAuditLog:
    """The :class:`~clinllm.domain.ports.AuditLog` over SQL: append, read, verify, export.

    Args:
        engine: The database.
        clock: Returns the current aware UTC time (injected so tests control it).
        key: The audit key every entry is signed with.
    """

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime], key: AuditKey) -> None:
        self._engine = engine
        self._clock = clock
        self._key = key

    @property
    def key_id(self) -> str:
        """Fingerprint of the key this log signs and verifies with."""
        return self._key.key_id

    def append(self, event: AuditEvent) -> AuditEntry:
        """Append one event in its own transaction and return it with its chain hash."""
        with Session(self._engine) as session, session.begin():
            return append_event(session, event, now=self._clock(), key=self._key)

    def entries(
        self, *, after_seq: int = 0, limit: int | None = None, action: str | None = None
    ) -> list[AuditEntry]:
        """Entries in chain order, optionally after a sequence number or for one action."""
        query = select(AuditRow).where(AuditRow.seq > after_seq).order_by(AuditRow.seq)
        if action is not None:
            query = query.where(AuditRow.action == action)
        if limit is not None:
            query = query.limit(limit)
        with Session(self._engine) as session:
            return [_entry(row) for row in session.scalars(query)]

    def _rows(self, session: Session, batch: int = 1000) -> Iterator[AuditRow]:
        last = 0
        while True:
            rows = list(
                session.scalars(
                    select(AuditRow).where(AuditRow.seq > last).order_by(AuditRow.seq).limit(batch)
                )
            )
            if not rows:
                return
            yield from rows
            last = rows[-1].seq
            session.expunge_all()

    def verify(self, *, allow_legacy: bool = False, records: bool = True) -> ChainVerification:
        """Check every link of the chain, then every stored record against its event.

        Detects a changed field, a deleted, inserted or replaced row, a re-ordered chain, a
        chain rewritten without the key, and (``records``) a document, result version,
        evidence span, finding or review step changed, added or removed behind the log's back.

        Args:
            allow_legacy: Accept unkeyed entries written before the chain was keyed.
            records: Also compare the record tables with the events (the default).
        """
        from clinllm.store.audit_records import verify_records

        with Session(self._engine) as session:
            chain = verify_chain(
                (_entry(row) for row in self._rows(session)), self._key, allow_legacy=allow_legacy
            )
        if not chain.ok or not records:
            return chain
        with Session(self._engine) as session:
            return verify_records(session, chain, self.entries())

    def entry(self, seq: int) -> AuditEntry | None:
        """The entry at ``seq``, if the chain holds one."""
        with Session(self._engine) as session:
            row = session.get(AuditRow, seq)
            return None if row is None else _entry(row)

    def anchor(self) -> Anchor:
        """The signed head of the chain as it is now (verify first: see ``audit anchor``)."""
        return make_anchor(self.head(), self._key, now=self._clock())

    def check_anchor(self, anchor: Anchor) -> str | None:
        """Why the chain no longer matches ``anchor``, or None when it still holds its head."""
        return check_anchor(anchor, self.entry(anchor.head_seq), self._key)

    def head(self) -> AuditEntry | None:
        """The newest entry, if any."""
        with Session(self._engine) as session:
            row = session.scalars(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).first()
            return None if row is None else _entry(row)

    def export_fhir(self, *, after_seq: int = 0) -> Iterator[dict[str, Any]]:
        """Yield every entry after ``after_seq`` as a FHIR R4 AuditEvent dict, in order."""
        with Session(self._engine) as session:
            for row in self._rows(session):
                if row.seq > after_seq:
                    yield to_fhir_audit_event(_entry(row))
