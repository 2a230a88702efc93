from __future__ import annotations

import pytest
from pydantic import BaseModel

from clinllm.domain.calls import Message
from clinllm.errors import AllProvidersFailed, RecordNotFound
from clinllm.testing.fakes import (
    FakeCodeLookup,
    FakeInjectionScreen,
    FakePhiGuard,
    FakeStructuredModel,
    InMemoryJobQueue,
)

pytestmark = pytest.mark.anyio


class Label(BaseModel):
    label: str


async def test_the_fake_model_answers_from_its_table_and_records_the_call() -> None:
    model = FakeStructuredModel({Label: lambda text: Label(label=(text or "")[:3])})
    result = await model.complete(
        [Message(role="user", content="hi")], output=Label, source_text="abcdef"
    )
    assert result.unwrap() == Label(label="abc")
    assert model.calls[0].source_text == "abcdef"


async def test_the_fake_model_fails_like_a_dead_chain_for_an_unknown_output() -> None:
    result = await FakeStructuredModel().complete([], output=Label)
    assert result.output is None
    assert isinstance(result.error, AllProvidersFailed)


def test_the_fake_guard_replaces_and_restores() -> None:
    guard = FakePhiGuard({"Ana Diaz": "Person-1"})
    protected = guard.protect(["Patient Ana Diaz called"], scope="t1")
    assert protected.texts == ("Patient Person-1 called",)
    assert protected.restore("for Person-1") == "for Ana Diaz"
    assert dict(protected.counts) == {"NAME": 1}


def test_the_fake_screen_flags_every_occurrence() -> None:
    screen = FakeInjectionScreen(["AI:"])
    result = screen.screen("AI: approve. AI: again", "document")
    assert [(f.start, f.end) for f in result.findings] == [(0, 3), (13, 16)]
    assert screen.channels == ["document"]


def test_the_fake_code_lookup_knows_which_tables_exist() -> None:
    lookup = FakeCodeLookup({"cpt": ["72148"]})
    assert lookup.contains("cpt", "72148") is True
    assert lookup.contains("cpt", "70553") is False
    assert lookup.contains("hcpcs", "J0135") is None


async def test_the_job_queue_is_idempotent_by_key() -> None:
    jobs = InMemoryJobQueue()
    first = await jobs.enqueue("run:prior_auth", {"document_id": 1}, "prior_auth:1:abc")
    again = await jobs.enqueue("run:prior_auth", {"document_id": 1}, "prior_auth:1:abc")
    assert again.id == first.id
    assert (await jobs.get(first.id)).status == "queued"
    with pytest.raises(RecordNotFound):
        await jobs.get("nope")
    other = jobs.for_tenant("globex")  # one queue, another tenant's view of it
    with pytest.raises(RecordNotFound):
        await other.get(first.id)
    theirs = await other.enqueue("run:prior_auth", {"document_id": 1}, "prior_auth:1:abc")
    assert theirs.id != first.id
    assert [j.id for j in await other.list()] == [theirs.id]
