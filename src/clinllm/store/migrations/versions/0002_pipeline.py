"""One review queue for every workflow, triage on the shared records, audit digests.

* ``review_queue`` + ``review_versions`` replace ``review_items`` (prior-auth reviews),
  ``drafts`` + ``draft_reviews`` (triage reply drafts) and ``escalations``: every human case is a
  review item of a kind, with versions (who, when, what changed).
* Triage decisions become what every workflow's result is: the message is a ``documents`` row
  (found again by its SHA-256) and the decision an ``extractions`` version with its evidence;
  ``triage_decisions`` goes.
* ``audit_log`` gains ``record_digest`` (digest of the record an event describes) and ``tenant``.
  Existing rows keep both NULL, which leaves their chain hashes valid (the hash covers those
  fields only when set).

The data of a 0001-era database is carried over: review items with their history rebuilt from
the timestamps each table kept, decisions with their evidence, drafts with their edits,
escalations with their acknowledgement. The audit log is append-only and is not touched.

Revision ID: 0002_pipeline
Revises: 0001
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002_pipeline"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _digest(payload: dict[str, Any]) -> str:
    # The migration keeps its own copy of the canonical digest: a migration must not change
    # when application code does.
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _table(name: str, *columns: tuple[str, Any]) -> sa.TableClause:
    return sa.table(name, *(sa.column(c, t) for c, t in columns))


_T = sa.DateTime()
_S = sa.String()
_I = sa.Integer()

OLD_REVIEWS = _table(
    "review_items",
    ("id", _I), ("document_id", _I), ("extraction_id", _I), ("workflow", _S), ("reasons", _JSON),
    ("status", _S), ("created_at", _T), ("claimed_by", _S), ("claimed_at", _T),
    ("resolved_by", _S), ("resolved_at", _T), ("result_extraction_id", _I),
)  # fmt: skip
DECISIONS = _table(
    "triage_decisions",
    ("id", _S), ("created_at", _T), ("message_sha256", _S), ("message", _S), ("category", _S),
    ("urgency", _S), ("decided_by", _S), ("category_by", _S), ("rule_ids", _JSON),
    ("provider", _S), ("model", _S), ("evidence", _JSON), ("external_id", _S),
)  # fmt: skip
DRAFTS = _table(
    "drafts",
    ("id", _S), ("decision_id", _S), ("created_at", _T), ("text", _S), ("source", _S),
    ("status", _S), ("template_id", _S), ("guard_reasons", _JSON), ("reviewed_by", _S),
    ("reviewed_at", _T),
)  # fmt: skip
DRAFT_REVIEWS = _table(
    "draft_reviews",
    ("draft_id", _S), ("seq", _I), ("actor", _S), ("at", _T), ("action", _S),
    ("before_text", _S), ("after_text", _S),
)  # fmt: skip
ESCALATIONS = _table(
    "escalations",
    ("id", _S), ("decision_id", _S), ("created_at", _T), ("rule_ids", _JSON), ("decided_by", _S),
    ("safety_message", _S), ("safety_template_sha256", _S), ("status", _S),
    ("acknowledged_by", _S), ("acknowledged_at", _T),
)  # fmt: skip
DOCUMENTS = _table(
    "documents",
    ("id", _I), ("sha256", _S), ("source_name", _S), ("media_type", _S), ("byte_size", _I),
    ("pages", _I), ("text", _S), ("page_starts", _JSON), ("status", _S), ("created_at", _T),
    ("created_by", _S), ("updated_at", _T),
)  # fmt: skip
EXTRACTIONS = _table(
    "extractions",
    ("id", _I), ("document_id", _I), ("workflow", _S), ("version", _I), ("payload", _JSON),
    ("payload_sha256", _S), ("confidence", _JSON), ("model", _S), ("provider", _S),
    ("prompt_version", _S), ("created_at", _T), ("created_by", _S), ("supersedes_id", _I),
)  # fmt: skip
EVIDENCE = _table(
    "evidence",
    ("extraction_id", _I), ("field", _S), ("page", _I), ("start", _I), ("end", _I),
    ("quote", _S), ("source", _S),
)  # fmt: skip
QUEUE = _table(
    "review_queue",
    ("id", _I), ("tenant", _S), ("kind", _S), ("subject", _S), ("document_id", _I),
    ("payload", _JSON), ("reasons", _JSON), ("priority", _I), ("version", _I), ("status", _S),
    ("claimed_by", _S), ("claim_expires_at", _T), ("result", _S), ("created_at", _T),
    ("created_by", _S), ("updated_at", _T), ("updated_by", _S),
)  # fmt: skip
VERSIONS = _table(
    "review_versions",
    ("item_id", _I), ("version", _I), ("action", _S), ("actor", _S), ("at", _T), ("status", _S),
    ("payload", _JSON), ("changed", _JSON), ("result", _S),
)  # fmt: skip


def _create_tables() -> None:
    op.create_table(
        "review_queue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=128), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("payload", _JSON, nullable=False),
        sa.Column("reasons", _JSON, nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_by", sa.String(length=128), nullable=True),
        sa.Column("claim_expires_at", sa.DateTime(), nullable=True),
        sa.Column("result", sa.String(length=128), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_review_queue_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_queue")),
    )
    op.create_index(
        op.f("ix_review_queue_document_id"), "review_queue", ["document_id"], unique=False
    )
    op.create_index(
        "ix_review_queue_open",
        "review_queue",
        ["tenant", "status", "priority", "created_at"],
        unique=False,
    )
    op.create_index("ix_review_queue_subject", "review_queue", ["kind", "subject"], unique=False)
    op.create_table(
        "review_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("payload", _JSON, nullable=False),
        sa.Column("changed", _JSON, nullable=False),
        sa.Column("result", sa.String(length=128), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["review_queue.id"], name=op.f("fk_review_versions_item_id_review_queue")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_versions")),
        sa.UniqueConstraint("item_id", "version", name=op.f("uq_review_versions_item_id")),
    )
    op.create_index(
        op.f("ix_review_versions_item_id"), "review_versions", ["item_id"], unique=False
    )


class _Queue:
    """Writes migrated review items and their versions."""

    def __init__(self, bind: sa.Connection) -> None:
        self.bind = bind

    def add(self, item: dict[str, Any], steps: list[dict[str, Any]]) -> None:
        """Insert one item (``steps`` oldest first) with its version rows."""
        last = steps[-1]
        row = {
            "tenant": "default",
            "priority": 0,
            "claim_expires_at": None,
            "result": None,
            **item,
            "version": len(steps),
            "status": last["status"],
            "created_at": steps[0]["at"],
            "created_by": steps[0]["actor"],
            "updated_at": last["at"],
            "updated_by": last["actor"],
        }
        item_id = self.bind.execute(
            sa.insert(QUEUE).values(**row).returning(QUEUE.c.id)
        ).scalar_one()
        for number, step in enumerate(steps, start=1):
            self.bind.execute(
                sa.insert(VERSIONS).values(
                    item_id=item_id,
                    version=number,
                    action=step["action"],
                    actor=step["actor"],
                    at=step["at"],
                    status=step["status"],
                    payload=step.get("payload", row["payload"]),
                    changed=step.get("changed", []),
                    result=step.get("result"),
                )
            )


def _step(
    action: str, actor: str | None, at: dt.datetime, status: str, **extra: Any
) -> dict[str, Any]:
    return {"action": action, "actor": actor or "system", "at": at, "status": status, **extra}


def _migrate_reviews(bind: sa.Connection, queue: _Queue) -> None:
    for r in bind.execute(sa.select(OLD_REVIEWS).order_by(OLD_REVIEWS.c.id)).mappings():
        payload = {"workflow": r["workflow"]}
        steps = [_step("opened", "system", r["created_at"], "pending", payload=payload)]
        if r["claimed_at"] is not None:
            steps.append(_step("claimed", r["claimed_by"], r["claimed_at"], "claimed"))
        if r["status"] in ("accepted", "corrected") and r["resolved_at"] is not None:
            result = r["result_extraction_id"]
            steps.append(
                _step(
                    r["status"], r["resolved_by"], r["resolved_at"], r["status"],
                    result=str(result) if result is not None else None,
                )
            )  # fmt: skip
        queue.add(
            {
                "kind": f"{r['workflow']}.extraction",
                "subject": str(r["extraction_id"]),
                "document_id": r["document_id"],
                "payload": payload,
                "reasons": list(r["reasons"] or []),
                "claimed_by": r["claimed_by"],
                "result": str(r["result_extraction_id"]) if r["result_extraction_id"] else None,
            },
            steps,
        )


def _migrate_decisions(bind: sa.Connection) -> dict[str, tuple[int, int]]:
    """Each decision -> (document id, extraction id) of the message and its new version."""
    moved: dict[str, tuple[int, int]] = {}
    rows = bind.execute(sa.select(DECISIONS).order_by(DECISIONS.c.created_at, DECISIONS.c.id))
    for d in rows.mappings():
        document_id = bind.execute(
            sa.select(DOCUMENTS.c.id).where(DOCUMENTS.c.sha256 == d["message_sha256"])
        ).scalar()
        if document_id is None:
            document_id = bind.execute(
                sa.insert(DOCUMENTS)
                .values(
                    sha256=d["message_sha256"],
                    source_name=(d["external_id"] or "message")[:255],
                    media_type="text/plain",
                    byte_size=len(d["message"].encode("utf-8")),
                    pages=1,
                    text=d["message"],
                    page_starts=[0],
                    status="extracted",
                    created_at=d["created_at"],
                    created_by="system",
                    updated_at=d["created_at"],
                )
                .returning(DOCUMENTS.c.id)
            ).scalar_one()
        latest = bind.execute(
            sa.select(EXTRACTIONS.c.id, EXTRACTIONS.c.version)
            .where(EXTRACTIONS.c.document_id == document_id, EXTRACTIONS.c.workflow == "triage")
            .order_by(EXTRACTIONS.c.version.desc())
            .limit(1)
        ).first()
        payload = {
            "category": d["category"],
            "urgency": d["urgency"],
            "decided_by": d["decided_by"],
            "category_by": d["category_by"],
            "rule_ids": list(d["rule_ids"] or []),
            "provider": d["provider"],
            "model": d["model"],
            "model_category": None,
            "model_urgency": None,
        }
        extraction_id = bind.execute(
            sa.insert(EXTRACTIONS)
            .values(
                document_id=document_id,
                workflow="triage",
                version=(latest[1] + 1) if latest else 1,
                payload=payload,
                payload_sha256=_digest(payload),
                confidence={},
                model=d["model"],
                provider=d["provider"],
                prompt_version=None,
                created_at=d["created_at"],
                created_by="system",
                supersedes_id=latest[0] if latest else None,
            )
            .returning(EXTRACTIONS.c.id)
        ).scalar_one()
        for e in d["evidence"] or []:
            bind.execute(
                sa.insert(EVIDENCE).values(
                    extraction_id=extraction_id,
                    field="decision",
                    page=1,
                    start=e["start"],
                    end=e["end"],
                    quote=e["text"],
                    source=e.get("source"),
                )
            )
        moved[d["id"]] = (document_id, extraction_id)
    return moved


def _migrate_triage_items(
    bind: sa.Connection, queue: _Queue, moved: dict[str, tuple[int, int]]
) -> None:
    for e in bind.execute(sa.select(ESCALATIONS).order_by(ESCALATIONS.c.created_at)).mappings():
        document_id, extraction_id = moved[e["decision_id"]]
        payload = {
            "decided_by": e["decided_by"],
            "rule_ids": list(e["rule_ids"] or []),
            "safety_message": e["safety_message"],
            "safety_template_sha256": e["safety_template_sha256"],
        }
        steps = [_step("opened", "system", e["created_at"], "pending", payload=payload)]
        if e["status"] == "acknowledged":
            at = e["acknowledged_at"] or e["created_at"]
            steps.append(_step("accepted", e["acknowledged_by"], at, "accepted"))
        queue.add(
            {
                "kind": "triage.escalation",
                "subject": str(extraction_id),
                "document_id": document_id,
                "payload": payload,
                "reasons": [f"rule:{r}" for r in e["rule_ids"] or []],
                "priority": 100,
                "result": str(extraction_id) if e["status"] == "acknowledged" else None,
            },
            steps,
        )
    for d in bind.execute(sa.select(DRAFTS).order_by(DRAFTS.c.created_at)).mappings():
        document_id, extraction_id = moved[d["decision_id"]]
        reviews = bind.execute(
            sa.select(DRAFT_REVIEWS)
            .where(DRAFT_REVIEWS.c.draft_id == d["id"])
            .order_by(DRAFT_REVIEWS.c.seq)
        ).mappings()
        base = {
            "source": d["source"],
            "template_id": d["template_id"],
            "guard_reasons": list(d["guard_reasons"] or []),
        }
        history = list(reviews)
        first_text = history[0]["before_text"] if history else d["text"]
        opened = {**base, "text": first_text}
        steps = [_step("opened", "system", d["created_at"], "pending", payload=opened)]
        for r in history:
            status = "pending" if r["action"] == "edited" else r["action"]
            changed = ["text"] if r["before_text"] != r["after_text"] else []
            steps.append(
                _step(
                    r["action"], r["actor"], r["at"], status,
                    payload={**base, "text": r["after_text"]}, changed=changed,
                )
            )  # fmt: skip
        queue.add(
            {
                "kind": "triage.draft",
                "subject": str(extraction_id),
                "document_id": document_id,
                "payload": {**base, "text": d["text"]},
                "reasons": [],
            },
            steps,
        )


def upgrade() -> None:
    """New columns and tables, the data carried over, the old tables dropped."""
    op.add_column("audit_log", sa.Column("record_digest", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("tenant", sa.String(length=64), nullable=True))
    _create_tables()
    bind = op.get_bind()
    queue = _Queue(bind)
    _migrate_reviews(bind, queue)
    moved = _migrate_decisions(bind)
    _migrate_triage_items(bind, queue, moved)
    for table, indexes in (
        ("review_items", ("ix_review_items_status_created", "ix_review_items_document_id")),
        ("draft_reviews", ("ix_draft_reviews_draft_id",)),
        ("drafts", ("ix_drafts_status", "ix_drafts_decision_id")),
        ("escalations", ("ix_escalations_status", "ix_escalations_decision_id")),
        (
            "triage_decisions",
            ("ix_triage_decisions_message_sha256", "ix_triage_decisions_created_at"),
        ),
    ):
        for index in indexes:
            op.drop_index(index, table_name=table)
        op.drop_table(table)


def downgrade() -> None:
    """Refuse: 0001's tables cannot hold a review item of an arbitrary kind.

    Restore a backup taken before the upgrade instead (the audit chain of a restored database
    verifies on its own).
    """
    raise NotImplementedError(
        "0002_pipeline is not reversible: restore the backup taken before upgrading"
    )
