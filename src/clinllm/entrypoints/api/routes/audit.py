"""The audit trail for the admin role: verify the hash chain, export the tenant's entries.

The chain is one for the whole database (that is what makes it tamper-evident), so ``verify``
checks it all and reports only counts and the head hash. ``export`` gives the admin's own
tenant's entries as FHIR R4 AuditEvent resources: identifiers and hashes, never content.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from clinllm.domain.identity import Principal
from clinllm.entrypoints.api.context import ApiContext, context
from clinllm.entrypoints.api.schemas import AuditVerification
from clinllm.entrypoints.api.security import require

__all__ = ["router"]

router = APIRouter(prefix="/v1/audit", tags=["audit"])

Admin = Annotated[Principal, require("admin")]
Ctx = Annotated[ApiContext, Depends(context)]


@router.get("/verify", response_model=AuditVerification)
async def verify(principal: Admin, ctx: Ctx) -> AuditVerification:
    """Recompute every link of the chain (``ok`` is false when a row was changed)."""
    result = await asyncio.to_thread(ctx.service.audit_verify)
    return AuditVerification.model_validate(result.model_dump())


@router.get("/events")
async def export(
    principal: Admin,
    ctx: Ctx,
    after_seq: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> dict[str, Any]:
    """The tenant's entries after ``after_seq`` as a FHIR ``searchset`` Bundle of AuditEvent."""

    def collect() -> list[dict[str, Any]]:
        return list(ctx.service.audit_export(principal.tenant, after_seq=after_seq, limit=limit))

    events = await asyncio.to_thread(collect)
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(events),
        "entry": [{"resource": e} for e in events],
    }
