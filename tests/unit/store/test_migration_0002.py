"""A 0001-era database keeps its data through 0002: reviews, decisions, drafts, escalations."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from clinllm.domain.audit import GENESIS_HASH, chain_hash
from clinllm.domain.hashing import sha256_hex
from clinllm.store import Store, make_engine, upgrade

T0 = datetime(2026, 2, 1, 9, 0)
T1 = datetime(2026, 2, 1, 10, 0)
T2 = datetime(2026, 2, 1, 11, 0)
MESSAGE = "Chest pain right now, arm numb"


def _seed_0001(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine, "0001")
    j = json.dumps
    rows = [
        "INSERT INTO documents (id, sha256, source_name, pages, text, status, created_at, "
        "created_by, updated_at) VALUES (1, :sha_doc, 'fax.txt', 1, 'CPT 72148', 'needs_review', "
        ":t0, 'system', :t0)",
        "INSERT INTO extractions (id, document_id, workflow, version, payload, payload_sha256, "
        "created_at, created_by) VALUES (1, 1, 'prior_auth', 1, :payload, :sha_payload, :t0, "
        "'system'), (2, 1, 'prior_auth', 2, :payload, :sha_payload, :t2, 'rev1')",
        "INSERT INTO review_items (id, document_id, extraction_id, workflow, reasons, status, "
        "created_at, claimed_by, claimed_at, resolved_by, resolved_at, result_extraction_id) "
        "VALUES (1, 1, 1, 'prior_auth', :reasons, 'corrected', :t0, 'rev1', :t1, 'rev1', :t2, 2)",
        "INSERT INTO triage_decisions (id, created_at, message_sha256, message, category, urgency,"
        " decided_by, category_by, rule_ids, provider, model, evidence, external_id) VALUES "
        "('d1', :t0, :sha_msg, :msg, 'symptom_escalation', 'emergency', 'rule:chest_pain_now', "
        "'rule:chest_pain_now', :rules, NULL, NULL, :evidence, 'portal-7')",
        "INSERT INTO escalations (id, decision_id, created_at, emergency, rule_ids, decided_by, "
        "safety_message, safety_template_sha256, status, acknowledged_by, acknowledged_at) VALUES "
        "('e1', 'd1', :t0, 1, :rules, 'rule:chest_pain_now', 'Call 911.', :sha_doc, "
        "'acknowledged', 'rn1', :t1)",
        "INSERT INTO triage_decisions (id, created_at, message_sha256, message, category, urgency,"
        " decided_by, category_by, rule_ids, evidence) VALUES ('d2', :t1, :sha_msg2, 'refill pls',"
        " 'refill_request', 'routine', 'rules', 'rules', '[]', '[]')",
        "INSERT INTO drafts (id, decision_id, created_at, text, source, status, template_id, "
        "guard_reasons, reviewed_by, reviewed_at, revision) VALUES ('r1', 'd2', :t1, 'Edited.', "
        "'template', 'approved', 'draft_refill_request.txt', '[]', 'rn2', :t2, 1)",
        "INSERT INTO draft_reviews (id, draft_id, seq, actor, at, action, before_text, after_text,"
        " before_sha256, after_sha256, diff) VALUES ('x1', 'r1', 1, 'rn2', :t1, 'edited', "
        "'Original.', 'Edited.', 'a', 'b', ''), ('x2', 'r1', 2, 'rn2', :t2, 'approved', 'Edited.',"
        " 'Edited.', 'b', 'b', '')",
    ]
    params = {
        "sha_doc": "a" * 64,
        "sha_msg": sha256_hex(MESSAGE),
        "sha_msg2": sha256_hex("refill pls"),
        "msg": MESSAGE,
        "payload": j({"member_id": None}),
        "sha_payload": "b" * 64,
        "reasons": j(["missing:member_id"]),
        "rules": j(["chest_pain_now"]),
        "evidence": j([{"start": 0, "end": 10, "text": "Chest pain", "source": "rule:x"}]),
        "t0": T0,
        "t1": T1,
        "t2": T2,
    }
    digest = chain_hash(
        seq=1,
        ts=T0.replace(tzinfo=UTC),
        actor="system",
        action="document.ingested",
        subjects={"document": "1"},
        model=None,
        doc_hashes=["a" * 64],
        decision={},
        prev_hash=GENESIS_HASH,
    )
    with engine.begin() as connection:
        for statement in rows:
            connection.execute(text(statement), params)
        connection.execute(
            text(
                "INSERT INTO audit_log (seq, ts, actor, action, subjects, model, doc_hashes, "
                "decision, prev_hash, hash) VALUES (1, :t0, 'system', 'document.ingested', "
                ":subjects, NULL, :hashes, '{}', :prev, :hash)"
            ),
            {
                "t0": T0,
                "subjects": j({"document": "1"}),
                "hashes": j(["a" * 64]),
                "prev": GENESIS_HASH,
                "hash": digest,
            },
        )
    engine.dispose()


def test_a_0001_database_is_carried_over_and_its_chain_still_verifies(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _seed_0001(url)
    upgrade(url)
    engine = make_engine(url)
    store = Store(engine)
    try:
        assert not store.audit.verify().ok  # unkeyed rows are refused unless allowed
        assert store.audit.verify(allow_legacy=True).ok  # old rows hash without the new fields
        items = {i.kind: i for i in store.reviews.list(status=None)}
        assert set(items) == {"prior_auth.extraction", "triage.escalation", "triage.draft"}

        review = items["prior_auth.extraction"]
        assert (review.status, review.subject, review.result) == ("corrected", "1", "2")
        assert [v.action for v in store.reviews.history(review.id)] == [
            "opened",
            "claimed",
            "corrected",
        ]

        escalation = items["triage.escalation"]
        assert (escalation.status, escalation.priority) == ("accepted", 100)
        assert escalation.payload["safety_message"] == "Call 911."
        decision = store.records.get_extraction(int(escalation.subject))
        assert decision.workflow == "triage"
        assert decision.payload["urgency"] == "emergency"
        assert store.records.document_text(decision.document_id) == MESSAGE
        (span,) = store.records.evidence(decision.id)
        assert span.text == "Chest pain"

        draft = items["triage.draft"]
        assert (draft.status, draft.payload["text"]) == ("approved", "Edited.")
        history = store.reviews.history(draft.id)
        assert [(v.action, v.payload["text"], v.changed) for v in history] == [
            ("opened", "Original.", ()),
            ("edited", "Edited.", ("text",)),
            ("approved", "Edited.", ()),
        ]
    finally:
        engine.dispose()
