"""``GET /v1/jobs/{id}``: a queued run's state; ``?wait=SECONDS`` holds the poll until it ends.

A job of another tenant is 404, like any record (the queue is read through the caller's tenant's
view). Jobs exist only when the service runs with a job queue (``clinllm serve`` hands it one;
``Prefer: respond-async`` on a workflow endpoint queues); without one every id is 404.
"""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from clinllm.domain.ports import Job
from clinllm.entrypoints.api.context import ApiContext, context
from clinllm.entrypoints.api.problems import ApiProblem
from clinllm.entrypoints.api.schemas import JobView
from clinllm.entrypoints.api.security import Caller
from clinllm.entrypoints.api.submission import job_view
from clinllm.errors import RecordNotFound

__all__ = ["router"]

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])

_POLL_S = 0.2


@router.get("/{job_id}", response_model=JobView, responses={404: {"description": "No such job"}})
async def get_job(
    job_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_\-]{1,64}$")],
    principal: Caller,
    ctx: Annotated[ApiContext, Depends(context)],
    wait: Annotated[float, Query(ge=0, le=3600)] = 0,
) -> JobView:
    """The job; with ``wait``, answered when it is done or failed, or when ``wait`` passes."""
    if ctx.jobs is None:
        raise ApiProblem(404)
    jobs = ctx.jobs.for_tenant(principal.tenant)

    async def fetch() -> Job:
        try:
            return await jobs.get(job_id)
        except RecordNotFound:
            raise ApiProblem(404) from None

    job = await fetch()
    deadline = time.monotonic() + min(wait, ctx.settings.max_wait_s)
    while job.status in ("queued", "running") and time.monotonic() < deadline:
        await asyncio.sleep(min(_POLL_S, max(0.0, deadline - time.monotonic())))
        job = await fetch()
    return job_view(job)
