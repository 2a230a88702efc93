from __future__ import annotations

from clinllm.retrieval.embeddings import HashingEmbedder
from clinllm.retrieval.loader import load_policy_text
from clinllm.retrieval.memory import InMemoryPolicyIndex, RecordingPolicyAudit
from clinllm.screening import RuleScreen
from clinllm.workflows.policy_search import PolicyIngestor

from .conftest import HOSTILE, PT, TENANT, reader


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def embed_passages(self, texts):  # type: ignore[no-untyped-def]
        self.calls += 1
        return super().embed_passages(texts)


def test_reingest_is_idempotent_and_a_change_replaces_the_document() -> None:
    index, audit, embedder = InMemoryPolicyIndex(), RecordingPolicyAudit(), CountingEmbedder()
    ingestor = PolicyIngestor(index, screen=RuleScreen(), embedder=embedder, audit=audit)
    first = ingestor.ingest("pt", load_policy_text(PT), groups=["billing"], tenant=TENANT)
    again = ingestor.ingest("pt", load_policy_text(PT), groups=["billing"], tenant=TENANT)
    changed = ingestor.ingest(
        "pt",
        load_policy_text(PT.replace("30 physical", "20 physical")),
        groups=["billing"],
        tenant=TENANT,
    )
    regrouped = ingestor.ingest(
        "pt",
        load_policy_text(PT.replace("30 physical", "20 physical")),
        groups=["clinical"],
        tenant=TENANT,
    )
    assert [first.status, again.status, changed.status, regrouped.status] == [
        "created",
        "unchanged",
        "replaced",
        "replaced",
    ]
    assert embedder.calls == 3  # the unchanged document is not embedded again
    hits = index.search(reader("billing"), "physical therapy visits", None, embedder=None)
    assert hits == []  # the new groups apply to every chunk
    text = " ".join(
        h.chunk.text for h in index.search(reader("clinical"), "visits", None, embedder=None)
    )
    assert "20 physical" in text
    assert "30 physical" not in text
    assert [e.decision for e in audit.events] == ["created", "unchanged", "replaced", "replaced"]
    assert all(e.action == "policy.ingested" and e.doc_hash for e in audit.events)


def test_every_chunk_is_screened_and_findings_are_recorded() -> None:
    index, audit = InMemoryPolicyIndex(), RecordingPolicyAudit()
    ingestor = PolicyIngestor(index, screen=RuleScreen(), embedder=None, audit=audit)
    result = ingestor.ingest("cpap", load_policy_text(HOSTILE), groups=["clinical"], tenant=TENANT)
    assert result.flagged_chunks == 1
    chunks = ingestor.chunks("cpap", load_policy_text(HOSTILE))
    flagged = [c for c in chunks if c.flagged]
    assert len(flagged) == 1
    span = flagged[0].findings[0]
    assert "ignore previous instructions" in flagged[0].text[span.start : span.end]
    assert audit.events[0].screen_reasons == ("chunk:addressed_to_ai",)
