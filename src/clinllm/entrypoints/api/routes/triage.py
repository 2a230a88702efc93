"""``POST /v1/triage``: route a patient portal message (category, urgency, escalation, draft).

The same runner as ``clinllm triage``; the response is the CLI's JSON (evidence as offsets,
never text). An emergency opens an escalation item in the caller's tenant's review queue.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from clinllm.domain.outcome import Outcome
from clinllm.entrypoints.api.bodies import json_body, read_json
from clinllm.entrypoints.api.context import ApiContext, context
from clinllm.entrypoints.api.schemas import JobView, TriageRequest, TriageResult
from clinllm.entrypoints.api.security import Caller
from clinllm.entrypoints.api.submission import run_or_queue
from clinllm.entrypoints.commands.triage import outcome_json

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["triage"])


@router.post(
    "/triage",
    response_model=TriageResult,
    responses={202: {"model": JobView}},
    openapi_extra=json_body(TriageRequest),
)
async def triage(
    request: Request, principal: Caller, ctx: Annotated[ApiContext, Depends(context)]
) -> Response:
    """Route one message."""
    body, raw = await read_json(request, TriageRequest)

    def render(outcome: Outcome[Any]) -> TriageResult:
        return TriageResult.model_validate(outcome_json(body.id, outcome))

    return await run_or_queue(
        request,
        ctx,
        principal,
        workflow="triage",
        source=body.message,
        source_name=body.id or "message",
        parts=(raw,),
        render=render,
    )
