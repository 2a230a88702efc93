"""``POST /v1/notes/summaries``: a clinical note to coded problems, medication changes, a Bundle.

JSON (``text``) or a multipart upload (text, PDF, a FHIR DocumentReference or Bundle). The
answer is the summary with its evidence (``application/json``), or, with
``Accept: application/fhir+json``, the validated FHIR R4 document Bundle itself. A note that
cannot be read is a 422 problem naming the error type only. ``Prefer: respond-async`` queues it
as a job instead (202 and ``Location: /v1/jobs/{id}``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from clinllm.bootstrap.service import NOTE_SUMMARY
from clinllm.entrypoints.api.bodies import document_body, read_json, read_upload, wants_multipart
from clinllm.entrypoints.api.context import ApiContext, context
from clinllm.entrypoints.api.idempotency import idempotent
from clinllm.entrypoints.api.problems import ApiProblem
from clinllm.entrypoints.api.schemas import JobView, NoteRequest
from clinllm.entrypoints.api.security import Caller
from clinllm.entrypoints.api.submission import queue_for, queued

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["notes"])

FHIR_JSON = "application/fhir+json"

_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {
        "description": "The summary, or the FHIR R4 Bundle with Accept: application/fhir+json",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            FHIR_JSON: {"schema": {"type": "object", "required": ["resourceType"]}},
        },
    },
    202: {"model": JobView, "description": "Queued (Prefer: respond-async)"},
}


def _wants_fhir(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return any(p.split(";", 1)[0].strip().lower() == FHIR_JSON for p in accept.split(","))


@router.post("/notes/summaries", responses=_RESPONSES, openapi_extra=document_body(NoteRequest))
async def summarize(
    request: Request, principal: Caller, ctx: Annotated[ApiContext, Depends(context)]
) -> Response:
    """Summarize one clinical note."""
    patient: str | None = None
    parts: tuple[bytes | str, ...]
    if wants_multipart(request):
        upload = await read_upload(request, max_bytes=ctx.settings.max_body_bytes)
        data, name, parts = upload.data, upload.name, (upload.data, upload.name)
    else:
        body, raw = await read_json(request, NoteRequest)
        data, name, parts = body.text.encode("utf-8"), body.source_name or "note", (raw,)
        patient = body.patient
    fhir = _wants_fhir(request)
    queue = queue_for(request, ctx)

    async def produce() -> Response:
        if queue is not None:  # Prefer: respond-async: 202 and a job (GET /v1/jobs/{id})
            options = {"patient": patient} if patient else None
            return await queued(
                request,
                ctx,
                principal,
                queue,
                workflow=NOTE_SUMMARY,
                source=data,
                source_name=name,
                parts=parts,
                options=options,
            )
        result = await ctx.service.summarize(
            principal.tenant, data, name, patient=patient, actor=principal.actor
        )
        if result.status == "failed" or result.outcome is None:
            raise ApiProblem(422, "the note could not be summarized", error_type=result.error_type)
        if fhir:
            if result.bundle is None:
                raise ApiProblem(422, "no FHIR Bundle for this note")
            return JSONResponse(result.bundle, media_type=FHIR_JSON)
        body = result.to_dict()
        body.pop("error", None)  # an ingest reason can quote the file's name
        return JSONResponse(body)

    marks = (str(fhir), str(queue is not None))
    return await idempotent(request, principal, (*parts, *marks), produce)
