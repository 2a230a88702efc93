"""A reviewer's correction: validated against the workflow's schema, then versioned."""

from __future__ import annotations

import pytest

from clinllm.domain.evidence import Evidence
from clinllm.domain.records import NewExtraction, SourceDocument
from clinllm.domain.review import PRIOR_AUTH_EXTRACTION, NewReviewItem
from clinllm.errors import InvalidCorrection, InvalidTransition
from clinllm.pipeline.correction import correct_review, top_field
from clinllm.testing.memory import InMemoryAuditLog, InMemoryRecordStore, InMemoryReviewQueue
from clinllm.workflows.prior_auth.schema import PriorAuthExtraction

TEXT = "Member ID: QZ778812. Payer: Northwind Health. NPI 1234567893."
SCHEMAS = {"prior_auth": PriorAuthExtraction}


def _ev(fragment: str, field: str) -> Evidence:
    start = TEXT.index(fragment)
    return Evidence(start=start, end=start + len(fragment), text=fragment, field=field)


@pytest.fixture
def world() -> tuple[InMemoryReviewQueue, InMemoryRecordStore, int]:
    audit = InMemoryAuditLog()
    records = InMemoryRecordStore(audit)
    queue = InMemoryReviewQueue(records, audit, tenant="acme")
    doc, _ = records.add_document(
        SourceDocument(sha256="a" * 64, source_name="fax.txt", text=TEXT), actor="system"
    )
    payload = PriorAuthExtraction(member_id="QZ778812", payer="Northwind Health").model_dump(
        mode="json"
    )
    ext, _ = records.add_extraction(
        doc.id,
        NewExtraction(
            workflow="prior_auth",
            payload=payload,
            evidence=(_ev("QZ778812", "member_id"), _ev("Northwind Health", "payer")),
        ),
        actor="system",
    )
    item, _ = queue.open(
        NewReviewItem(kind=PRIOR_AUTH_EXTRACTION, subject=str(ext.id), document_id=doc.id),
        actor="system",
    )
    return queue, records, item.id


def test_a_valid_correction_is_a_new_version_keeping_unchanged_evidence(
    world: tuple[InMemoryReviewQueue, InMemoryRecordStore, int],
) -> None:
    queue, records, item_id = world
    item, new = correct_review(
        queue, records, SCHEMAS, item_id, {"member_id": "QZ778813"}, actor="rev"
    )
    assert item.status == "corrected"
    assert new.version == 2
    assert new.payload["member_id"] == "QZ778813"
    assert new.payload["payer"] == "Northwind Health"
    assert [e.field for e in records.evidence(new.id)] == ["payer"]
    assert [v.changed for v in queue.history(item_id)][-1] == ("member_id",)


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"requesting_provider": {"name": "A", "npi": "12345"}}, "requesting_provider.npi"),
        ({"diagnoses": [{"code": "not a code"}]}, "diagnoses[0].code"),
        ({"service_date": "31/02/2026"}, "service_date"),
        ({"urgency": "whenever"}, "urgency"),
        ({"made_up": 987654}, "made_up"),
    ],
)
def test_an_invalid_correction_names_the_field_and_stores_nothing(
    world: tuple[InMemoryReviewQueue, InMemoryRecordStore, int],
    changes: dict[str, object],
    path: str,
) -> None:
    queue, records, item_id = world
    before = len(records.extractions)
    with pytest.raises(InvalidCorrection) as info:
        correct_review(queue, records, SCHEMAS, item_id, changes, actor="rev")
    assert path in [p for p, _ in info.value.problems]
    for value in changes.values():
        assert str(value) not in str(info.value)  # field paths and rules, never the value
    assert len(records.extractions) == before
    assert queue.get(item_id).status == "pending"


def test_a_closed_item_is_refused_before_validation(
    world: tuple[InMemoryReviewQueue, InMemoryRecordStore, int],
) -> None:
    queue, records, item_id = world
    queue.accept(item_id, actor="rev")
    with pytest.raises(InvalidTransition, match="it is accepted"):
        correct_review(queue, records, SCHEMAS, item_id, {"urgency": "bad"}, actor="rev")


def test_a_workflow_without_a_schema_cannot_be_corrected(
    world: tuple[InMemoryReviewQueue, InMemoryRecordStore, int],
) -> None:
    queue, records, item_id = world
    with pytest.raises(InvalidCorrection, match="prior_auth has no schema"):
        correct_review(queue, records, {}, item_id, {"payer": "X"}, actor="rev")


def test_top_field() -> None:
    assert top_field("procedures[0].code") == "procedures"
    assert top_field("requesting_provider.npi") == "requesting_provider"
    assert top_field("payer") == "payer"
