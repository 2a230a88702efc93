"""``/livez`` and ``/readyz``: for the orchestrator, without authentication and without content.

``/livez`` says the process answers. ``/readyz`` says the database answers a query and the
default provider chain resolves (503 otherwise), so a load balancer sends no request to an
instance that would fail it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from clinllm.entrypoints.api.context import ApiContext, context
from clinllm.entrypoints.api.responses import model_response
from clinllm.entrypoints.api.schemas import Health

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/livez", response_model=Health)
async def livez() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses={503: {"model": Health}})
async def readyz(ctx: Annotated[ApiContext, Depends(context)]) -> Response:
    """The database and the model chain are reachable."""
    checks = await ctx.service.ready()
    ok = all(v == "ok" for v in checks.values())
    body = Health(status="ok" if ok else "unavailable", checks=checks)
    return model_response(body, status_code=200 if ok else 503)
