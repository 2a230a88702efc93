from __future__ import annotations

import pytest

from clinllm.errors import ProviderUnavailable
from clinllm.gateway import CallPolicy, Gateway
from clinllm.gateway.providers.fake import FakeChatModel
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.workflows.prior_auth import RULES, PriorAuthExtractor

PAGE1 = "Lakeside Health Plan\nMember ID: LHP-1234-5678\nPatient: Jane Sample  DOB: 01/02/1970\n"
PAGE2 = (
    "Requested service: MRI lumbar spine (CPT 72148)\nDiagnosis: M54.16\n"
    "Ordering provider: Maria Okafor, MD   NPI: 1245319599\n"
    "Requested date of service: 03/14/2026\n"
    "Clinical summary: 57 y/o with ten weeks of radicular pain, failed 6 weeks of PT and NSAIDs.\n"
)


def gateway(fake: FakeChatModel) -> Gateway:
    return Gateway(
        providers={"fake": fake, "rules": RulesProvider(RULES)}, default_chain=("fake", "rules")
    )


@pytest.mark.anyio
async def test_model_values_are_grounded_and_call_is_marked_phi() -> None:
    fake = FakeChatModel(
        [
            {
                "procedures": ["72148"],
                "diagnoses": ["M54.16"],
                "medications": ["gabapentin"],
                "payer": "Lakeside Health Plan",
            }
        ]
    )
    extractor = PriorAuthExtractor(gateway(fake), policy=CallPolicy(deadline_s=10))
    outcome = await extractor.extract_pages([PAGE1, PAGE2])
    assert outcome.provider == "fake"
    assert outcome.extraction.medications == []  # gabapentin is not in the document
    assert outcome.dropped_ungrounded == 1
    assert outcome.confidence["procedures[0]"] >= 0.9
    assert outcome.evidence["procedures[0]"][0].page == 2
    assert outcome.evidence["payer"][0].page == 1
    request = fake.requests[0]
    assert request.messages[0].role == "system"
    assert request.messages[-1].content.startswith("Lakeside")
    assert outcome.prompt_version.startswith("prior_auth/")
    assert outcome.to_dict()["extraction"]["procedures"] == [{"code": "72148", "system": "CPT"}]


@pytest.mark.anyio
async def test_falls_back_to_rules_when_the_model_fails() -> None:
    fake = FakeChatModel([ProviderUnavailable("fake", status_code=503)], repeat_last=True)
    extractor = PriorAuthExtractor(gateway(fake), policy=CallPolicy(deadline_s=10, max_attempts=1))
    outcome = await extractor.extract_text(PAGE1 + "\f" + PAGE2)
    assert outcome.provider == "rules"
    assert [p.code for p in outcome.extraction.procedures] == ["72148"]
    assert outcome.extraction.requesting_provider.npi == "1245319599"
    assert not outcome.needs_review


@pytest.mark.anyio
async def test_phi_is_refused_for_a_provider_without_baa() -> None:
    fake = FakeChatModel([{"procedures": []}], phi_allowed=False)
    extractor = PriorAuthExtractor(gateway(fake))
    outcome = await extractor.extract_text(PAGE1 + PAGE2)
    assert fake.requests == []  # refused before anything was sent
    assert outcome.provider == "rules"


@pytest.mark.anyio
async def test_reprs_hold_no_document_values() -> None:
    fake = FakeChatModel([ProviderUnavailable("fake", status_code=503)], repeat_last=True)
    extractor = PriorAuthExtractor(gateway(fake), policy=CallPolicy(deadline_s=10, max_attempts=1))
    outcome = await extractor.extract_text(PAGE1 + PAGE2)
    for shown in (repr(outcome), str(outcome.extraction), repr(outcome.extraction)):
        assert "LHP-1234-5678" not in shown
        assert "Okafor" not in shown


@pytest.mark.anyio
async def test_rules_only_mode_makes_no_call() -> None:
    fake = FakeChatModel([{"procedures": ["99215"]}])
    outcome = await PriorAuthExtractor(gateway(fake), use_model=False).extract_text(PAGE1 + PAGE2)
    assert fake.requests == []
    assert outcome.call is None
    assert [p.code for p in outcome.extraction.procedures] == ["72148"]
