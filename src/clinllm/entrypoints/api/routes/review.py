"""The review queue of the caller's tenant, for the reviewer role.

List, show, claim, accept, correct, edit, approve, reject: the same queue and the same state
machine as ``clinllm review``.

Every step is a new version of the item (who, when, what changed) and an audit event. An item
carries its ``version`` as its ETag; a step sent with ``If-Match: "<version>"`` fails with 412
when someone else moved the item first. The version is compared in the step's own transaction
(compare-and-set in the store), so of two reviewers sending the same version only one wins.
Another tenant's item id is 404: the queue is looked up in the key's tenant only.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from clinllm.domain.identity import Principal
from clinllm.domain.review import ReviewItem
from clinllm.entrypoints.api.bodies import json_body, read_json
from clinllm.entrypoints.api.context import ApiContext, context
from clinllm.entrypoints.api.problems import ApiProblem
from clinllm.entrypoints.api.schemas import (
    ReviewCorrection,
    ReviewDetail,
    ReviewEdit,
    ReviewItemView,
)
from clinllm.entrypoints.api.security import require

__all__ = ["router"]

router = APIRouter(prefix="/v1/review/items", tags=["review"])

Reviewer = Annotated[Principal, require("reviewer")]
Ctx = Annotated[ApiContext, Depends(context)]
ItemId = Annotated[int, Path(ge=1, le=2**31 - 1)]
IfMatch = Annotated[str | None, Header(alias="If-Match")]

_STATUSES: dict[str, Any] = {
    "open": ("pending", "claimed"),
    "all": None,
    "pending": "pending",
    "claimed": "claimed",
    "accepted": "accepted",
    "corrected": "corrected",
    "approved": "approved",
    "rejected": "rejected",
}
_TAG = re.compile(r'^"[0-9]{1,9}"$')
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such item in this tenant"}}


def _view(item: ReviewItem) -> dict[str, Any]:
    data: dict[str, Any] = item.model_dump(mode="json")
    data.pop("tenant", None)
    return data


def _etag(item: ReviewItem) -> str:
    return f'"{item.version}"'


def _expected(
    ctx: ApiContext, principal: Principal, item_id: int, if_match: str | None
) -> int | None:
    """The version ``If-Match`` names (None: any), checked again in the step's transaction."""
    if if_match is None:
        return None
    tags = [t.strip() for t in if_match.split(",") if t.strip()]
    if "*" in tags:
        return None
    versions = {int(t[1:-1]) for t in tags if _TAG.fullmatch(t)}
    if len(versions) == 1:
        return versions.pop()
    current = ctx.service.review_item(principal.tenant, item_id)  # 404 before 412
    if current.version in versions:
        return current.version
    raise ApiProblem(412, "the item changed since that version", headers={"ETag": _etag(current)})


def _answer(item: ReviewItem) -> JSONResponse:
    return JSONResponse(_view(item), headers={"ETag": _etag(item)})


@router.get("", response_model=list[ReviewItemView])
def list_items(
    principal: Reviewer,
    ctx: Ctx,
    status: Literal[
        "open", "all", "pending", "claimed", "accepted", "corrected", "approved", "rejected"
    ] = "open",
    kind: Annotated[str | None, Query(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Items of the tenant's queue, highest priority then oldest first."""
    items = ctx.service.scope(principal.tenant).reviews.list(
        status=_STATUSES[status], kind=kind, limit=limit
    )
    return [_view(i) for i in items]


@router.get("/{item_id}", response_model=ReviewDetail, responses=_NOT_FOUND)
def show(item_id: ItemId, principal: Reviewer, ctx: Ctx) -> JSONResponse:
    """One case with its versions and the record it is about (evidence, findings)."""
    detail = ctx.service.review_detail(principal.tenant, item_id)
    return JSONResponse(detail, headers={"ETag": f'"{detail["item"]["version"]}"'})


def _step(verb: Literal["claim", "accept", "approve", "reject"], summary: str) -> None:
    def step(
        item_id: ItemId, principal: Reviewer, ctx: Ctx, if_match: IfMatch = None
    ) -> JSONResponse:
        expected = _expected(ctx, principal, item_id, if_match)
        queue = ctx.service.scope(principal.tenant).reviews
        act = getattr(queue, verb)
        return _answer(act(item_id, actor=principal.actor, expected_version=expected))

    step.__doc__ = summary
    step.__name__ = f"review_{verb}"
    router.post(
        f"/{{item_id}}/{verb}",
        response_model=ReviewItemView,
        responses={**_NOT_FOUND, 409: {"description": "Not allowed in the item's state"}},
    )(step)


_step("claim", "Claim a pending case so no one else works it.")
_step("accept", "Accept the record as it is (or acknowledge an escalation); final.")
_step("approve", "Approve a reply draft (your system sends it; clinllm never does); final.")
_step("reject", "Reject the case; final.")


@router.post("/{item_id}/correct", responses=_NOT_FOUND, openapi_extra=json_body(ReviewCorrection))
async def correct(
    item_id: ItemId, request: Request, principal: Reviewer, ctx: Ctx, if_match: IfMatch = None
) -> Response:
    """Correct fields of the record: a new version is stored, the original kept; final."""
    body, _ = await read_json(request, ReviewCorrection)
    expected = _expected(ctx, principal, item_id, if_match)
    current = ctx.service.current_payload(principal.tenant, item_id)
    queue = ctx.service.scope(principal.tenant).reviews
    item, new = queue.correct(
        item_id, {**current, **body.set}, actor=principal.actor, expected_version=expected
    )
    return JSONResponse(
        {"item": _view(item), "extraction": new.model_dump(mode="json")},
        headers={"ETag": _etag(item)},
    )


@router.post(
    "/{item_id}/edit",
    response_model=ReviewItemView,
    responses=_NOT_FOUND,
    openapi_extra=json_body(ReviewEdit),
)
async def edit(
    item_id: ItemId, request: Request, principal: Reviewer, ctx: Ctx, if_match: IfMatch = None
) -> Response:
    """Edit a reply draft's text; it stays open until approved (a version records it)."""
    body, _ = await read_json(request, ReviewEdit)
    expected = _expected(ctx, principal, item_id, if_match)
    queue = ctx.service.scope(principal.tenant).reviews
    return _answer(
        queue.edit(item_id, {"text": body.text}, actor=principal.actor, expected_version=expected)
    )
