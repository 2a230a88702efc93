"""The runner opens one ``workflow_run`` span per run with a child span per stage."""

from __future__ import annotations

import pytest

from clinllm.domain.calls import CallPolicy
from clinllm.errors import EmptyDocument
from clinllm.pipeline.runner import Runner
from clinllm.testing.fakes import FakeInjectionScreen, FakeStructuredModel
from clinllm.testing.memory import InMemoryAuditLog, InMemoryRecordStore, InMemoryReviewQueue
from clinllm.testing.tracing import RecordingTracer

from .toy import TOY, ToyModel

pytestmark = pytest.mark.anyio

NOTE = "Member: AB123\nAssessment: lumbar radiculopathy M54.16, also M99.99 noted.\n"


def _runner(tracer: RecordingTracer, answer: ToyModel | None = None) -> Runner:
    audit = InMemoryAuditLog()
    records = InMemoryRecordStore(audit)
    return Runner(
        model=FakeStructuredModel({ToyModel: answer} if answer is not None else {}),
        screen=FakeInjectionScreen(()),
        base_policy=CallPolicy(deadline_s=7, max_attempts=2),
        records=records,
        reviews=InMemoryReviewQueue(records, audit, tenant="t1"),
        audit_log=audit,
        tenant="t1",
        tracer=tracer,
    )


async def test_a_run_is_one_span_with_the_stages_in_order_as_children() -> None:
    tracer = RecordingTracer()
    outcome = await _runner(tracer, ToyModel(diagnoses=["M54.16"])).run(TOY, NOTE)
    assert tracer.names()[0] == "workflow_run"
    assert tracer.children("workflow_run") == [
        "stage.ingest",
        "stage.store_document",
        "stage.screen",
        "stage.recognize",
        "stage.model",
        "stage.ground",
        "stage.validate",
        "stage.route",
        "stage.persist",
        "stage.audit",
    ]
    run = tracer.spans[0]
    assert run.attributes["clinllm.workflow"] == TOY.name
    assert run.attributes["clinllm.prompt.version"] == "toy/1"
    assert run.attributes["clinllm.route"] == outcome.route.action
    assert outcome.stored is not None
    assert run.attributes["clinllm.extraction.id"] == outcome.stored.extraction_id
    route = next(s for s in tracer.spans if s.name == "stage.route")
    assert route.attributes["clinllm.route"] == outcome.route.action


async def test_a_model_that_does_not_answer_marks_the_model_stage_failed() -> None:
    tracer = RecordingTracer()
    outcome = await _runner(tracer, answer=None).run(TOY, NOTE)
    model = next(s for s in tracer.spans if s.name == "stage.model")
    assert outcome.call is not None
    assert outcome.call.error is not None
    assert model.error_type == "ModelUnavailable"
    assert tracer.spans[0].error_type is None  # the run itself answered (rules alone)


async def test_a_failing_stage_fails_its_span_and_the_run_with_the_error_type() -> None:
    tracer = RecordingTracer()
    with pytest.raises(EmptyDocument):
        await _runner(tracer).run(TOY, b"")
    assert tracer.names() == ["workflow_run", "stage.ingest"]
    assert [s.error_type for s in tracer.spans] == ["EmptyDocument", "EmptyDocument"]
