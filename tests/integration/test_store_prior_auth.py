"""Sample document → ingest → prior-auth rules extraction → store, with the review queue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest

from clinllm.gateway import Gateway
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.pipeline.ingest import ingest
from clinllm.samples import sample_paths
from clinllm.store import Store
from clinllm.store.prior_auth import WORKFLOW, record_prior_auth
from clinllm.store.testing import migrated_sqlite
from clinllm.workflows.prior_auth import RULES, PriorAuthExtractor

MB = 1 << 20


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with migrated_sqlite(tmp_path) as engine:
        yield Store(engine)


@pytest.fixture
def extractor() -> PriorAuthExtractor:
    gateway = Gateway(providers={"rules": RulesProvider(RULES)}, default_chain=("rules",))
    return PriorAuthExtractor(gateway)


def _sample(suffix: str) -> Path:
    (path,) = [p for p in sample_paths() if p.name.endswith(suffix)]
    return path


def test_missing_member_id_goes_to_review_and_rerun_is_idempotent(
    store: Store, extractor: PriorAuthExtractor
) -> None:
    doc = ingest(_sample("knee_arthroscopy_fax.pdf"), max_bytes=MB)
    record, _ = store.documents.add_ingested(doc)
    outcome = anyio.run(extractor.extract_text, doc.text)
    recorded = record_prior_auth(store, record.id, outcome)
    assert recorded.created
    assert recorded.review_item is not None
    assert "missing:member_id" in recorded.review_item.reasons
    assert store.documents.get(record.id).status == "needs_review"
    evidence = store.extractions.evidence(recorded.extraction.id)
    assert evidence
    for span in evidence:
        assert doc.text[span.start : span.end] == span.quote
    again = record_prior_auth(store, record.id, outcome)
    assert not again.created
    assert again.review_item == recorded.review_item
    assert len(store.extractions.history(record.id, WORKFLOW)) == 1
    assert store.audit.verify().ok


def test_complete_request_is_stored_without_review(
    store: Store, extractor: PriorAuthExtractor
) -> None:
    doc = ingest(_sample("adalimumab_expedited.txt"), max_bytes=MB)
    record, _ = store.documents.add_ingested(doc)
    outcome = anyio.run(extractor.extract_text, doc.text)
    recorded = record_prior_auth(store, record.id, outcome)
    assert recorded.review_item is None
    assert recorded.extraction.payload["urgency"] == "expedited"
    assert recorded.extraction.prompt_version == outcome.prompt_version
    assert store.reviews.list() == []
