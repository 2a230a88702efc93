"""Policy search: ``POST /v1/policies`` (ingest, admin), ``/search`` and ``/ask`` (any role).

The reader is the API key: its tenant and its groups decide what may be read, inside the
store's query (and PostgreSQL's row-level security). Nothing in the question can widen it. An
admin ingests a document for the groups allowed to read it, in the admin's own tenant.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from clinllm.domain.identity import Principal
from clinllm.domain.policies import Reader
from clinllm.entrypoints.api.bodies import json_body, read_json
from clinllm.entrypoints.api.context import ApiContext, context
from clinllm.entrypoints.api.idempotency import idempotent
from clinllm.entrypoints.api.responses import model_response
from clinllm.entrypoints.api.schemas import (
    IngestedPolicy,
    PolicyAnswerView,
    PolicyAskRequest,
    PolicyIngestRequest,
    PolicySearchResults,
)
from clinllm.entrypoints.api.security import Caller, require
from clinllm.entrypoints.commands.policies import answer_json, hit_json

__all__ = ["router"]

router = APIRouter(prefix="/v1/policies", tags=["policies"])

Ctx = Annotated[ApiContext, Depends(context)]


def _reader(principal: Principal) -> Reader:
    return Reader(user=principal.key_id, groups=principal.groups, tenant=principal.tenant)


@router.post(
    "", status_code=201, response_model=IngestedPolicy, openapi_extra=json_body(PolicyIngestRequest)
)
async def ingest(
    request: Request, principal: Annotated[Principal, require("admin")], ctx: Ctx
) -> Response:
    """Index a policy document for the groups allowed to read it."""
    body, raw = await read_json(request, PolicyIngestRequest)

    async def produce() -> Response:
        result = await asyncio.to_thread(
            ctx.service.ingest_policy,
            tenant=principal.tenant,
            key=body.id,
            raw=body.text,
            media_type=body.media_type,
            title=body.title,
            groups=body.groups,
            actor=principal.actor,
        )
        view = IngestedPolicy(
            document=result.key,
            status=result.status,
            chunks=result.chunks,
            flagged_chunks=result.flagged_chunks,
            hidden_chunks=result.hidden_chunks,
        )
        return model_response(view, status_code=201)

    return await idempotent(request, principal, (raw,), produce)


@router.post(
    "/search", response_model=PolicySearchResults, openapi_extra=json_body(PolicyAskRequest)
)
async def search(request: Request, principal: Caller, ctx: Ctx) -> PolicySearchResults:
    """Ranked passages the caller's groups may read (empty without groups)."""
    body, _ = await read_json(request, PolicyAskRequest)
    if not principal.groups:
        return PolicySearchResults(results=[])
    outcome = await asyncio.to_thread(
        ctx.service.search_policies, body.question, _reader(principal)
    )
    return PolicySearchResults(results=[hit_json(h) for h in outcome.hits])


@router.post("/ask", response_model=PolicyAnswerView, openapi_extra=json_body(PolicyAskRequest))
async def ask(request: Request, principal: Caller, ctx: Ctx) -> PolicyAnswerView:
    """An answer with grounded citations from readable passages, or a refusal."""
    body, _ = await read_json(request, PolicyAskRequest)
    answer = await ctx.service.ask_policies(body.question, _reader(principal))
    return PolicyAnswerView.model_validate(answer_json(answer))
