"""Run a workflow now, or queue it: one path for every document endpoint.

By default the work runs in the request and the answer is the result (200). When the app has a
job queue (:class:`~clinllm.domain.ports.JobQueue`) and the caller sends
``Prefer: respond-async``, the input is stored, a job with its document id is queued, and the
answer is 202 with the job and a ``Location: /v1/jobs/{id}`` to poll (``?wait=`` to hold the
poll until the job ends). Either way the ``Idempotency-Key`` header applies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from clinllm.domain.identity import Principal
from clinllm.domain.outcome import Outcome
from clinllm.domain.ports import Job
from clinllm.entrypoints.api.context import ApiContext
from clinllm.entrypoints.api.idempotency import fingerprint, idempotent
from clinllm.entrypoints.api.schemas import JobView

__all__ = ["job_view", "run_or_queue"]


def job_view(job: Job) -> JobView:
    """The public view of a job (its payload, which names the tenant, is not shown)."""
    return JobView(
        id=job.id,
        kind=job.kind,
        status=job.status,
        created_at=job.created_at.isoformat(),
        attempts=job.attempts,
        result=job.result,
    )


def _wants_async(request: Request) -> bool:
    prefer = request.headers.get("prefer", "")
    return any(p.strip().lower() == "respond-async" for p in prefer.split(","))


async def run_or_queue(
    request: Request,
    ctx: ApiContext,
    principal: Principal,
    *,
    workflow: str,
    source: str | bytes,
    source_name: str | None,
    parts: tuple[bytes | str, ...],
    render: Callable[[Outcome[Any]], BaseModel],
) -> Response:
    """Run ``workflow`` on ``source`` for ``principal`` (or queue it), idempotently."""
    queue = ctx.jobs if _wants_async(request) else None

    async def produce() -> Response:
        if queue is not None:
            key = request.headers.get("idempotency-key") or fingerprint(
                principal.key_id, request.url.path, *parts
            )
            job = await ctx.service.submit(
                queue,
                principal.tenant,
                workflow,
                source,
                source_name=source_name,
                actor=principal.actor,
                idempotency_key=f"{principal.tenant}:{key}",
            )
            return JSONResponse(
                job_view(job).model_dump(mode="json"),
                status_code=202,
                headers={"Location": f"/v1/jobs/{job.id}"},
            )
        outcome = await ctx.service.run(
            principal.tenant, workflow, source, source_name=source_name, actor=principal.actor
        )
        return JSONResponse(render(outcome).model_dump(mode="json"))

    return await idempotent(request, principal, (*parts, str(queue is not None)), produce)
