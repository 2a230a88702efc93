from __future__ import annotations

import pytest

from clinllm.domain.calls import DataPolicy, Message
from clinllm.errors import DataPolicyViolation, InputError
from clinllm.pipeline.phi import PhiDataPolicy
from clinllm.testing.fakes import FakePhiGuard

MESSAGES = [
    Message(role="system", content="Extract."),
    Message(role="user", content="Patient Ana Diaz, DOB 01/02/1970"),
]
REMOTE = DataPolicy(phi_allowed=False)


def test_phi_goes_as_is_only_where_a_baa_covers_it() -> None:
    stage = PhiDataPolicy(None, scope="t1")
    covered = stage.prepare(
        MESSAGES, provider="azure:gpt", data_policy=DataPolicy(phi_allowed=True), contains_phi=True
    )
    assert covered.decision == "as_is"
    assert covered.messages == tuple(MESSAGES)
    no_phi = stage.prepare(MESSAGES, provider="openai:x", data_policy=REMOTE, contains_phi=False)
    assert no_phi.decision == "as_is"


def test_without_a_guard_phi_is_refused_for_a_provider_without_a_baa() -> None:
    with pytest.raises(DataPolicyViolation, match="openai:x"):
        PhiDataPolicy(None, scope="t1").prepare(
            MESSAGES, provider="openai:x", data_policy=REMOTE, contains_phi=True
        )


def test_with_a_guard_phi_is_pseudonymized_in_the_tenant_scope_and_restored() -> None:
    guard = FakePhiGuard({"Ana Diaz": "Person-1"})
    cleared = PhiDataPolicy(guard, scope="t1").prepare(
        MESSAGES, provider="openai:x", data_policy=REMOTE, contains_phi=True
    )
    assert cleared.decision == "pseudonymized"
    assert "Ana Diaz" not in " ".join(m.content for m in cleared.messages)
    assert [m.role for m in cleared.messages] == ["system", "user"]
    assert cleared.restore is not None
    assert cleared.restore("Person-1") == "Ana Diaz"
    assert dict(cleared.counts) == {"NAME": 1}
    assert guard.scopes == ["t1"]


def test_a_detection_failure_refuses_and_keeps_its_cause() -> None:
    guard = FakePhiGuard({}, fail=InputError("detector failed"))
    with pytest.raises(DataPolicyViolation) as refused:
        PhiDataPolicy(guard, scope="t1").prepare(
            MESSAGES, provider="openai:x", data_policy=REMOTE, contains_phi=True
        )
    assert isinstance(refused.value.__cause__, InputError)
