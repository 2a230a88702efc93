"""Run a workflow now, or queue it: one path for every document endpoint.

By default the work runs in the request and the answer is the result (200). When the app has a
job queue (:class:`~clinllm.domain.ports.JobQueue`) and the caller sends
``Prefer: respond-async``, the input is stored, a job with its document id is queued, and the
answer is 202 with the job and a ``Location: /v1/jobs/{id}`` to poll (``?wait=`` to hold the
poll until the job ends). Either way the ``Idempotency-Key`` header applies.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel

from clinllm.domain.identity import Principal
from clinllm.domain.outcome import Outcome
from clinllm.domain.ports import Job, JobQueue
from clinllm.entrypoints.api.context import ApiContext
from clinllm.entrypoints.api.idempotency import fingerprint, idempotent
from clinllm.entrypoints.api.responses import model_response
from clinllm.entrypoints.api.schemas import JobView

__all__ = ["job_view", "queue_for", "queued", "run_or_queue"]


def job_view(job: Job) -> JobView:
    """The public view of a job (its payload of internal identifiers is not shown)."""
    return JobView(
        id=job.id,
        kind=job.kind,
        status=job.status,
        created_at=job.created_at.isoformat(),
        attempts=job.attempts,
        result=job.result,
    )


def queue_for(request: Request, ctx: ApiContext) -> JobQueue | None:
    """The job queue when the caller asked ``Prefer: respond-async`` and the app has one."""
    prefer = request.headers.get("prefer", "")
    wants = any(p.strip().lower() == "respond-async" for p in prefer.split(","))
    return ctx.jobs if wants else None


async def queued(
    request: Request,
    ctx: ApiContext,
    principal: Principal,
    queue: JobQueue,
    *,
    workflow: str,
    source: str | bytes,
    source_name: str | None,
    parts: tuple[bytes | str, ...],
    options: Mapping[str, str] | None = None,
) -> Response:
    """Store the input with its job (one transaction, the caller's tenant): 202 + Location.

    The job's idempotency key is the request's ``Idempotency-Key`` (per tenant), else a
    fingerprint of the key and body: resubmitting gives the same job.
    """
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
        idempotency_key=key,
        options=options,
    )
    return model_response(
        job_view(job), status_code=202, headers={"Location": f"/v1/jobs/{job.id}"}
    )


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
    queue = queue_for(request, ctx)

    async def produce() -> Response:
        if queue is not None:
            return await queued(
                request,
                ctx,
                principal,
                queue,
                workflow=workflow,
                source=source,
                source_name=source_name,
                parts=parts,
            )
        outcome = await ctx.service.run(
            principal.tenant, workflow, source, source_name=source_name, actor=principal.actor
        )
        return model_response(render(outcome))

    return await idempotent(request, principal, (*parts, str(queue is not None)), produce)
