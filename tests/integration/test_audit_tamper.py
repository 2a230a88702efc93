"""The tamper matrix: every way of changing the audit log or the records it covers is detected.

Each case starts from a fresh database (SQLite file, PostgreSQL schema) filled through the
store's own API: a triage emergency with its escalation acknowledged, a prior-auth extraction
corrected by a reviewer, a failed document, a plain event; then an anchor is taken. The case
then plays an attacker who can write the database (the append-only triggers dropped or
disabled, as the file's or the database's owner could) but does not hold the audit key, and
changes something. ``verify`` (the chain under the key, then the records against their events)
must fail, or, for a cut tail that leaves every record covered, ``verify`` with the anchor.

Run with ``-s`` to see the matrix as a table (``docs/audit.md`` shows it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, delete, insert, select, text, update
from sqlalchemy.exc import DatabaseError

from clinllm.domain.anchor import Anchor
from clinllm.domain.audit import AuditEvent, AuditKey, chain_hash
from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.domain.hashing import canonical_json, sha256_hex
from clinllm.domain.review import PRIOR_AUTH_EXTRACTION, TRIAGE_ESCALATION, NewReviewItem
from clinllm.store import Store
from clinllm.store.models import (
    AuditRow,
    Base,
    DocumentRow,
    EvidenceRow,
    ExtractionRow,
    FindingRow,
    ReviewItemRow,
    ReviewVersionRow,
)
from clinllm.store.testing import migrated_postgres, migrated_sqlite, postgres_unavailable_reason

KEY = AuditKey(b"tamper-matrix-key-0123456789abcdef")
OTHER_KEY = AuditKey(b"an-attacker-key-that-is-not-ours!!")
MESSAGE = "Synthetic: my 5 week old has a fever of 38.6 since this morning"
FAX = "Synthetic fax. Member ID: ZZQ12345. CPT 72148 MRI lumbar spine."

_TABLES = Base.metadata.tables
AUDIT = _TABLES[AuditRow.__tablename__]
DOCS = _TABLES[DocumentRow.__tablename__]
EXTRACTIONS = _TABLES[ExtractionRow.__tablename__]
EVIDENCE = _TABLES[EvidenceRow.__tablename__]
FINDINGS = _TABLES[FindingRow.__tablename__]
ITEMS = _TABLES[ReviewItemRow.__tablename__]
VERSIONS = _TABLES[ReviewVersionRow.__tablename__]


class Clock:
    """One second per reading, so every event has its own time."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass
class World:
    """A populated database and the ids an attacker aims at."""

    engine: Engine
    ids: dict[str, int]
    anchor: Anchor

    def store(self, key: AuditKey = KEY) -> Store:
        return Store(self.engine, audit_key=key, clock=Clock())


def populate(engine: Engine) -> World:
    store = Store(engine, audit_key=KEY, clock=Clock())
    triage_doc, _ = store.documents.register(
        sha256=sha256_hex(MESSAGE), source_name="message", text=MESSAGE, pages=1
    )
    triage, _ = store.extractions.add(
        triage_doc.id,
        "triage",
        {"category": "symptom_escalation", "urgency": "emergency", "rule_ids": ["infant_fever"]},
        provider="rules",
        evidence=[Evidence(start=13, end=23, text=MESSAGE[13:23], field="urgency", source="rule")],
        findings=[Finding(code="red_flag", severity="info", message="rule fired", field="urgency")],
        run_key=f"default:triage:1:{sha256_hex(MESSAGE)}",
    )
    escalation, _ = store.reviews.open(
        NewReviewItem(
            kind=TRIAGE_ESCALATION,
            subject=str(triage.id),
            payload={"category": "symptom_escalation"},
            reasons=("rule:infant_fever",),
            document_id=triage_doc.id,
            priority=100,
        ),
        actor="system",
    )
    store.reviews.accept(escalation.id, actor="nurse.kim")
    fax_doc, _ = store.documents.register(
        sha256=sha256_hex(FAX), source_name="fax.pdf", text=FAX, pages=1
    )
    prior, _ = store.extractions.add(
        fax_doc.id,
        "prior_auth",
        {"member_id": "ZZQ12345", "procedures": [{"code": "72148"}]},
        provider="rules",
        evidence=[Evidence(start=26, end=34, text=FAX[26:34], field="member_id", source="rule")],
        findings=[Finding(code="missing_npi", severity="warning", message="no NPI", field="npi")],
    )
    item, _ = store.reviews.open(
        NewReviewItem(
            kind=PRIOR_AUTH_EXTRACTION,
            subject=str(prior.id),
            payload={"workflow": "prior_auth"},
            reasons=("missing:npi",),
            document_id=fax_doc.id,
        ),
        actor="system",
    )
    store.reviews.claim(item.id, actor="rev.lee")
    _, corrected = store.reviews.correct(
        item.id, {"member_id": "ZZQ12346", "procedures": [{"code": "72148"}]}, actor="rev.lee"
    )
    failed = store.documents.record_failure(
        source_name="broken.pdf", error_type="CorruptDocument", reason="not a PDF", sha256="e" * 64
    )
    store.audit.append(
        AuditEvent(actor="system", action="policy.searched", decision={"outcome": "answered"})
    )
    result = store.audit.verify()
    assert result.ok, result.reason
    assert result.records_checked >= 8
    ids = {
        "triage_doc": triage_doc.id,
        "triage": triage.id,
        "escalation": escalation.id,
        "fax_doc": fax_doc.id,
        "prior": prior.id,
        "item": item.id,
        "corrected": corrected.id,
        "failed": failed.id,
    }
    return World(engine=engine, ids=ids, anchor=store.audit.anchor())


# --- the attacker's tools -------------------------------------------------------------------


def unguard(connection: Connection) -> None:
    """What the database's owner can do: switch the append-only guards off."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        connection.execute(text("GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER"))
    else:
        for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_next_link"):
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def rows(connection: Connection) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in connection.execute(select(AUDIT).order_by(AUDIT.c.seq))]


def seq_of(connection: Connection, action: str) -> int:
    found = connection.execute(
        select(AUDIT.c.seq).where(AUDIT.c.action == action).order_by(AUDIT.c.seq).limit(1)
    ).scalar_one()
    return int(found)


def link(row: dict[str, Any], prev: str, key: AuditKey | None) -> str:
    """The link an attacker computes: plain SHA-256, or HMAC under a key they hold."""
    fields = {k: row[k] for k in ("seq", "ts", "actor", "action", "subjects", "model")}
    return chain_hash(
        **fields,
        doc_hashes=row["doc_hashes"],
        decision=row["decision"],
        prev_hash=prev,
        record_digest=row["record_digest"],
        record_kind=row["record_kind"],
        tenant=row["tenant"],
        key=key,
    )


def set_audit(connection: Connection, seq: int, /, **values: Any) -> None:
    connection.execute(update(AUDIT).where(AUDIT.c.seq == seq).values(**values))


def rewrite_chain(connection: Connection, key: AuditKey | None, key_id: str | None) -> None:
    """Edit an event, then recompute every link after it, as a forger would."""
    chain = rows(connection)
    connection.execute(delete(AUDIT))
    prev = "0" * 64
    for row in chain:
        if row["action"] == "review.accepted":
            row["decision"] = {**row["decision"], "status": "rejected"}
        row["prev_hash"] = prev
        row["key_id"] = key_id
        signer = key if key_id is not None else None
        row["hash"] = link(row, prev, signer)
        connection.execute(insert(AUDIT).values(**row))
        prev = row["hash"]


def renumber(connection: Connection, after: int, by: int) -> None:
    for row in reversed(rows(connection)):
        if row["seq"] > after:
            set_audit(connection, row["seq"], seq=row["seq"] + by)


# --- the cases ------------------------------------------------------------------------------

Tamper = Callable[[Connection, World], None]


def _edit_decision(c: Connection, w: World) -> None:
    seq = seq_of(c, "review.accepted")
    row = rows(c)[seq - 1]
    set_audit(c, seq, decision={**row["decision"], "status": "rejected"})


def _edit_actor(c: Connection, w: World) -> None:
    set_audit(c, seq_of(c, "review.accepted"), actor="someone.else")


def _edit_ts(c: Connection, w: World) -> None:
    seq = seq_of(c, "review.accepted")
    set_audit(c, seq, ts=rows(c)[seq - 1]["ts"] - timedelta(hours=3))


def _edit_doc_hash(c: Connection, w: World) -> None:
    set_audit(c, 1, doc_hashes=["f" * 64])


def _edit_record_digest(c: Connection, w: World) -> None:
    set_audit(c, seq_of(c, "extraction.created"), record_digest="0" * 64)


def _delete_middle(c: Connection, w: World) -> None:
    c.execute(delete(AUDIT).where(AUDIT.c.seq == 5))


def _delete_first(c: Connection, w: World) -> None:
    c.execute(delete(AUDIT).where(AUDIT.c.seq == 1))


def _truncate_tail(c: Connection, w: World) -> None:
    last = rows(c)[-1]["seq"]
    c.execute(delete(AUDIT).where(AUDIT.c.seq > last - 3))


def _truncate_tail_one(c: Connection, w: World) -> None:
    """Cut only the last, record-less event: only the anchor can see this."""
    c.execute(delete(AUDIT).where(AUDIT.c.seq == rows(c)[-1]["seq"]))


def _truncate_all(c: Connection, w: World) -> None:
    c.execute(delete(AUDIT))


def _forged_row(c: Connection, key: AuditKey | None) -> None:
    head = rows(c)[-1]
    row = {**head, "seq": head["seq"] + 1, "actor": "ghost", "prev_hash": head["hash"]}
    row["key_id"] = key.key_id if key is not None else None
    row["hash"] = link(row, head["hash"], key)
    c.execute(insert(AUDIT).values(**row))


def _insert_unkeyed_end(c: Connection, w: World) -> None:
    _forged_row(c, None)


def _insert_other_key_end(c: Connection, w: World) -> None:
    _forged_row(c, OTHER_KEY)


def _insert_middle(c: Connection, w: World) -> None:
    chain = rows(c)
    renumber(c, 4, 1)
    row = {**chain[3], "seq": 5, "actor": "ghost", "prev_hash": chain[3]["hash"]}
    row["hash"] = link(row, chain[3]["hash"], None)
    c.execute(insert(AUDIT).values(**row))


def _reorder(c: Connection, w: World) -> None:
    set_audit(c, 3, seq=-3)
    set_audit(c, 4, seq=3)
    set_audit(c, -3, seq=4)


def _replace(c: Connection, w: World) -> None:
    """INSERT OR REPLACE (SQLite) / delete + insert (PostgreSQL) of row 6, relinked."""
    chain = rows(c)
    row = {**chain[5], "actor": "mallory"}
    row["hash"] = link(row, row["prev_hash"], None)
    if c.dialect.name == "sqlite":
        c.execute(insert(AUDIT).prefix_with("OR REPLACE").values(**row))
    else:
        c.execute(delete(AUDIT).where(AUDIT.c.seq == 6))
        c.execute(insert(AUDIT).values(**row))


def _rewrite_plain(c: Connection, w: World) -> None:
    rewrite_chain(c, None, None)


def _rewrite_other_key(c: Connection, w: World) -> None:
    rewrite_chain(c, OTHER_KEY, OTHER_KEY.key_id)


def _rewrite_claiming_our_key_id(c: Connection, w: World) -> None:
    rewrite_chain(c, OTHER_KEY, KEY.key_id)


def _set_payload(c: Connection, extraction: int, change: Callable[[dict[str, Any]], None]) -> Any:
    payload = dict(
        c.execute(select(EXTRACTIONS.c.payload).where(EXTRACTIONS.c.id == extraction)).scalar_one()
    )
    change(payload)
    c.execute(update(EXTRACTIONS).where(EXTRACTIONS.c.id == extraction).values(payload=payload))
    return payload


def _emergency_to_routine(c: Connection, w: World) -> None:
    _set_payload(c, w.ids["triage"], lambda p: p.update(urgency="routine"))


def _emergency_to_routine_with_sha(c: Connection, w: World) -> None:
    payload = _set_payload(c, w.ids["triage"], lambda p: p.update(urgency="routine"))
    c.execute(
        update(EXTRACTIONS)
        .where(EXTRACTIONS.c.id == w.ids["triage"])
        .values(payload_sha256=sha256_hex(canonical_json(payload)))
    )


def _prior_auth_code(c: Connection, w: World) -> None:
    _set_payload(c, w.ids["corrected"], lambda p: p.update(procedures=[{"code": "99999"}]))


def _evidence_edit(c: Connection, w: World) -> None:
    c.execute(
        update(EVIDENCE).where(EVIDENCE.c.extraction_id == w.ids["triage"]).values(start=0, end=4)
    )


def _finding_delete(c: Connection, w: World) -> None:
    c.execute(delete(FINDINGS).where(FINDINGS.c.extraction_id == w.ids["prior"]))


def _document_text(c: Connection, w: World) -> None:
    c.execute(update(DOCS).where(DOCS.c.id == w.ids["fax_doc"]).values(text=FAX + " NPI 1"))


def _document_insert(c: Connection, w: World) -> None:
    now = datetime(2026, 3, 2, tzinfo=UTC)
    c.execute(
        insert(DOCS).values(
            sha256="d" * 64, source_name="planted.pdf", text="planted", pages=1,
            status="ingested", created_at=now, created_by="system", updated_at=now,
        )
    )  # fmt: skip


def _extraction_delete(c: Connection, w: World) -> None:
    target = w.ids["triage"]
    c.execute(delete(EVIDENCE).where(EVIDENCE.c.extraction_id == target))
    c.execute(delete(FINDINGS).where(FINDINGS.c.extraction_id == target))
    c.execute(delete(EXTRACTIONS).where(EXTRACTIONS.c.id == target))


def _extraction_insert(c: Connection, w: World) -> None:
    payload = {"category": "other", "urgency": "routine", "rule_ids": []}
    c.execute(
        insert(EXTRACTIONS).values(
            document_id=w.ids["triage_doc"], workflow="triage", version=2, payload=payload,
            payload_sha256=sha256_hex(canonical_json(payload)), created_by="system",
            created_at=datetime(2026, 3, 2, tzinfo=UTC), supersedes_id=w.ids["triage"],
        )
    )  # fmt: skip


def _review_version_edit(c: Connection, w: World) -> None:
    c.execute(
        update(VERSIONS)
        .where(VERSIONS.c.item_id == w.ids["escalation"], VERSIONS.c.version == 2)
        .values(actor="someone.else")
    )


def _review_item_status(c: Connection, w: World) -> None:
    c.execute(update(ITEMS).where(ITEMS.c.id == w.ids["escalation"]).values(status="pending"))


def _nothing(c: Connection, w: World) -> None:
    """Key and anchor cases change the verifier's inputs, not the database."""


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    tamper: Tamper
    key: AuditKey = KEY
    anchor: Callable[[Anchor], Anchor] | None = None


def _anchor_other_db(anchor: Anchor) -> Anchor:
    """A validly signed anchor of another database (same key, another head)."""
    forged = anchor.model_copy(update={"head_hash": "a" * 64})
    return forged.model_copy(update={"signature": KEY.sign_anchor(forged.signed_fields())})


def _anchor_edited(anchor: Anchor) -> Anchor:
    return anchor.model_copy(
        update={"entries": anchor.entries - 1, "head_seq": anchor.head_seq - 1}
    )


CASES = (
    Case("edit-decision", "audit: a decision label changed", _edit_decision),
    Case("edit-actor", "audit: who did it changed", _edit_actor),
    Case("edit-time", "audit: when changed", _edit_ts),
    Case("edit-doc-hash", "audit: a document digest changed", _edit_doc_hash),
    Case("edit-record-digest", "audit: a record digest changed", _edit_record_digest),
    Case("delete-middle", "audit: a row deleted in the middle", _delete_middle),
    Case("delete-first", "audit: the first row deleted", _delete_first),
    Case("truncate-tail", "audit: the last 3 rows cut", _truncate_tail),
    Case("truncate-last", "audit: the last (record-less) row cut", _truncate_tail_one),
    Case("truncate-all", "audit: every row deleted", _truncate_all),
    Case("insert-unkeyed", "audit: a row appended with a plain hash", _insert_unkeyed_end),
    Case(
        "insert-other-key", "audit: a row appended signed with another key", _insert_other_key_end
    ),
    Case("insert-middle", "audit: a row inserted in the middle", _insert_middle),
    Case("reorder", "audit: two rows swapped", _reorder),
    Case("replace", "audit: a row replaced (INSERT OR REPLACE)", _replace),
    Case("rewrite-plain", "audit: whole chain rewritten with SHA-256", _rewrite_plain),
    Case("rewrite-other-key", "audit: whole chain rewritten with another key", _rewrite_other_key),
    Case(
        "rewrite-our-key-id",
        "audit: whole chain rewritten, claiming our key id",
        _rewrite_claiming_our_key_id,
    ),
    Case("triage-urgency", "record: emergency edited to routine", _emergency_to_routine),
    Case(
        "triage-urgency+sha",
        "record: emergency to routine, payload hash fixed up",
        _emergency_to_routine_with_sha,
    ),
    Case("prior-auth-code", "record: a procedure code changed", _prior_auth_code),
    Case("evidence-span", "record: an evidence span moved", _evidence_edit),
    Case("finding-delete", "record: a finding deleted", _finding_delete),
    Case("document-text", "record: a document's text changed", _document_text),
    Case("document-insert", "record: a document planted", _document_insert),
    Case("extraction-delete", "record: a decision deleted", _extraction_delete),
    Case("extraction-insert", "record: a decision version planted", _extraction_insert),
    Case("review-version", "record: a review step's reviewer changed", _review_version_edit),
    Case("review-item", "record: an acknowledged escalation reopened", _review_item_status),
    Case("key-change", "key: verified under another key", _nothing, key=OTHER_KEY),
    Case("anchor-other-db", "anchor: another database's head", _nothing, anchor=_anchor_other_db),
    Case("anchor-edited", "anchor: edited without the key", _nothing, anchor=_anchor_edited),
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        reason = postgres_unavailable_reason()
        if reason is not None:
            print(reason)
            pytest.skip(reason)
    return str(request.param)


def _fresh(backend: str, directory: Path) -> Iterator[Engine]:
    if backend == "sqlite":
        with migrated_sqlite(directory) as engine:
            yield engine
    else:
        with migrated_postgres() as engine:
            yield engine


def run_case(case: Case, backend: str, directory: Path) -> tuple[bool, bool, str]:
    """(detected by verify, detected by verify --anchor, the reason given)."""
    for engine in _fresh(backend, directory):
        world = populate(engine)
        with engine.begin() as connection:
            unguard(connection)
            case.tamper(connection, world)
        log = world.store(case.key).audit
        result = log.verify()
        anchor = case.anchor(world.anchor) if case.anchor else world.anchor
        problem = log.check_anchor(anchor) if result.ok else None
        return (not result.ok, not result.ok or problem is not None, result.reason or problem or "")
    raise AssertionError("unreachable")


def test_tamper_matrix(backend: str, tmp_path: Path) -> None:
    results = []
    for number, case in enumerate(CASES):
        directory = tmp_path / f"case{number}"
        directory.mkdir()
        results.append((case, *run_case(case, backend, directory)))
    width = max(len(c.what) for c in CASES)
    lines = [
        f"tamper matrix on {backend}: {len(CASES)} kinds",
        f"{'kind':<{width}}  verify  +anchor  reason",
    ]
    for case, plain, anchored, reason in results:
        mark = {True: "yes", False: "NO"}
        lines.append(f"{case.what:<{width}}  {mark[plain]:<6}  {mark[anchored]:<7}  {reason[:70]}")
    plain_count = sum(1 for r in results if r[1])
    anchored_count = sum(1 for r in results if r[2])
    lines.append(
        f"detected: {plain_count}/{len(CASES)} by verify, "
        f"{anchored_count}/{len(CASES)} with the anchor"
    )
    print("\n" + "\n".join(lines))
    missed = [case.name for case, _, anchored, _ in results if not anchored]
    assert not missed, missed
    assert len(CASES) >= 20


def test_an_untouched_database_verifies_with_its_anchor(backend: str, tmp_path: Path) -> None:
    for engine in _fresh(backend, tmp_path):
        world = populate(engine)
        log = world.store().audit
        result = log.verify()
        assert result.ok, result.reason
        assert result.key_id == KEY.key_id
        assert log.check_anchor(world.anchor) is None
        # The log grows after the anchor: the anchor still holds.
        log.append(AuditEvent(actor="system", action="policy.searched"))
        assert log.verify().ok
        assert log.check_anchor(world.anchor) is None


def _refused(engine: Engine, statement: str, **params: Any) -> bool:
    try:
        with engine.begin() as connection:
            connection.execute(text(statement), params)
    except DatabaseError as exc:
        return "append-only" in str(exc) or "permission denied" in str(exc)
    return False


def test_the_database_refuses_every_change_to_audit_rows(backend: str, tmp_path: Path) -> None:
    for engine in _fresh(backend, tmp_path):
        world = populate(engine)
        with engine.connect() as connection:
            head = rows(connection)[-1]
            first = rows(connection)[0]
        assert _refused(engine, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1")
        assert _refused(engine, "DELETE FROM audit_log WHERE seq = 1")
        columns = ", ".join(first)
        values = ", ".join(f":{name}" for name in first)
        params = {k: (json.dumps(v) if isinstance(v, dict | list) else v) for k, v in first.items()}
        if backend == "sqlite":
            assert _refused(
                engine, f"INSERT OR REPLACE INTO audit_log ({columns}) VALUES ({values})", **params
            )
        else:
            casted = (
                values.replace(":subjects", "CAST(:subjects AS jsonb)")
                .replace(":decision", "CAST(:decision AS jsonb)")
                .replace(":doc_hashes", "CAST(:doc_hashes AS jsonb)")
            )
            assert _refused(
                engine,
                f"INSERT INTO audit_log ({columns}) VALUES ({casted}) "
                "ON CONFLICT (seq) DO UPDATE SET actor = 'mallory'",
                **params,
            )
            assert _refused(engine, "TRUNCATE audit_log")
        # A row that is not the next link: a gap, or a wrong previous hash.
        forged = {**params, "seq": head["seq"] + 2, "hash": "b" * 64}
        statement = f"INSERT INTO audit_log ({columns}) VALUES ({values})"
        if backend == "postgresql":
            statement = f"INSERT INTO audit_log ({columns}) VALUES ({casted})"
        assert _refused(engine, statement, **forged)
        assert _refused(engine, statement, **{**forged, "seq": head["seq"] + 1})
        assert world.store().audit.verify().ok
