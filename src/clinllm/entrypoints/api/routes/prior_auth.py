"""``POST /v1/prior-auth/extractions``: a fax, a PDF or a letter's text in, grounded JSON out.

A multipart upload (``file``) is ingested as the CLI ingests a file (text, PDF text layer,
OCR); a JSON body's ``text`` is taken as the document's text. The answer is the outcome the CLI
writes per document: the validated extraction, evidence by field, findings, confidence, the
route (``accept`` or ``review``) and the stored ids.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from clinllm.domain.outcome import Outcome
from clinllm.entrypoints.api.bodies import document_body, read_json, read_upload, wants_multipart
from clinllm.entrypoints.api.context import ApiContext, context
from clinllm.entrypoints.api.schemas import JobView, PriorAuthText, WorkflowResult
from clinllm.entrypoints.api.security import Caller
from clinllm.entrypoints.api.submission import run_or_queue

__all__ = ["router", "workflow_result"]

router = APIRouter(prefix="/v1", tags=["prior-auth"])


def workflow_result(outcome: Outcome[Any]) -> WorkflowResult:
    """The JSON of one outcome, with the stored ids (the shape ``clinllm extract`` writes)."""
    body = outcome.to_dict()
    body["extraction"] = body.pop("output")
    stored = outcome.stored
    body["document_id"] = stored.document_id if stored else None
    body["extraction_id"] = stored.extraction_id if stored else None
    body["review_id"] = stored.review_item_id if stored else None
    return WorkflowResult.model_validate(body)


@router.post(
    "/prior-auth/extractions",
    response_model=WorkflowResult,
    responses={202: {"model": JobView}},
    openapi_extra=document_body(PriorAuthText),
)
async def extract(
    request: Request, principal: Caller, ctx: Annotated[ApiContext, Depends(context)]
) -> Response:
    """Extract a prior-authorization request from an upload or from text."""
    source: str | bytes
    parts: tuple[bytes | str, ...]
    if wants_multipart(request):
        upload = await read_upload(request, max_bytes=ctx.settings.max_body_bytes)
        source, name, parts = upload.data, upload.name, (upload.data, upload.name)
    else:
        body, raw = await read_json(request, PriorAuthText)
        source, name, parts = body.text, body.source_name or "text", (raw,)
    return await run_or_queue(
        request,
        ctx,
        principal,
        workflow="prior_auth",
        source=source,
        source_name=name,
        parts=parts,
        render=workflow_result,
    )
