from __future__ import annotations

import pytest

from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.errors import RecordNotFound
from clinllm.store import Store
from clinllm.store.extractions import payload_sha256


def _doc(store: Store) -> int:
    doc, _ = store.documents.register(
        sha256="1" * 64, source_name="a.txt", text="CPT 72148", pages=1
    )
    return doc.id


def test_versions_supersede_and_keep_the_original(store: Store) -> None:
    doc_id = _doc(store)
    first, created = store.extractions.add(
        doc_id,
        "prior_auth",
        {"procedures": [{"code": "72148"}]},
        model="qwen",
        provider="local:qwen",
        prompt_version="pa-1",
        confidence={"procedures": 0.9},
        evidence=[
            Evidence(start=4, end=9, text="72148", page=1, field="procedures[0]", source="rule:x")
        ],
        findings=[Finding(code="npi_check_digit", severity="error", message="m", field="npi")],
    )
    assert created
    assert first.version == 1
    assert first.supersedes_id is None
    second, created2 = store.extractions.add(doc_id, "prior_auth", {"procedures": []})
    assert created2
    assert second.version == 2
    assert second.supersedes_id == first.id
    assert [e.version for e in store.extractions.history(doc_id, "prior_auth")] == [1, 2]
    assert store.extractions.latest(doc_id, "prior_auth") == second
    assert store.extractions.get(first.id).payload == {"procedures": [{"code": "72148"}]}
    (evidence,) = store.records.evidence(first.id)
    assert (evidence.field, evidence.start, evidence.end, evidence.text, evidence.source) == (
        "procedures[0]",
        4,
        9,
        "72148",
        "rule:x",
    )
    (finding,) = store.records.findings(first.id)
    assert (finding.code, finding.severity, finding.message) == ("npi_check_digit", "error", "m")
    (created_event,) = store.audit.entries(action="extraction.created")[:1]
    # The event commits to the whole version (payload, evidence, findings), not the payload alone.
    assert created_event.record_kind == "extraction"
    assert created_event.subjects["extraction"] == str(first.id)
    assert created_event.decision["payload_sha256"] == first.payload_sha256
    assert created_event.record_digest not in (None, first.payload_sha256)
    assert store.documents.get(doc_id).status == "extracted"


def test_same_payload_again_is_not_a_new_version(store: Store) -> None:
    doc_id = _doc(store)
    a, _ = store.extractions.add(doc_id, "prior_auth", {"x": 1, "y": [1, 2]})
    b, created = store.extractions.add(doc_id, "prior_auth", {"y": [1, 2], "x": 1})
    assert not created
    assert a == b
    assert store.extractions.count() == 1
    assert payload_sha256({"a": 1, "b": 2}) == payload_sha256({"b": 2, "a": 1})


def test_workflows_version_independently(store: Store) -> None:
    doc_id = _doc(store)
    store.extractions.add(doc_id, "prior_auth", {"x": 1})
    other, _ = store.extractions.add(doc_id, "note_summary", {"x": 1})
    assert other.version == 1
    assert store.extractions.count("prior_auth") == 1


def test_unknown_document_or_extraction(store: Store) -> None:
    with pytest.raises(RecordNotFound):
        store.extractions.add(42, "prior_auth", {})
    with pytest.raises(RecordNotFound):
        store.extractions.get(42)
    assert store.extractions.latest(42, "prior_auth") is None
