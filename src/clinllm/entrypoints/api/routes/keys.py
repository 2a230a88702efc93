"""API keys of the admin's own tenant: create (the secret is shown once), list, revoke.

An admin cannot mint a key for another tenant, and cannot see or revoke another tenant's keys
(404). The first admin key of a tenant is made on the server with ``clinllm keys create``.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from clinllm.domain.identity import ApiKeyInfo, Principal
from clinllm.entrypoints.api.context import ApiContext, context
from clinllm.entrypoints.api.problems import ApiProblem
from clinllm.entrypoints.api.responses import model_response
from clinllm.entrypoints.api.schemas import KeyCreate, KeyCreated, KeyView
from clinllm.entrypoints.api.security import require

__all__ = ["key_view", "router"]

router = APIRouter(prefix="/v1/keys", tags=["keys"])

Admin = Annotated[Principal, require("admin")]
Ctx = Annotated[ApiContext, Depends(context)]


def key_view(info: ApiKeyInfo) -> KeyView:
    """A key as listed: never its secret or hash."""
    p = info.principal
    return KeyView(
        key_id=p.key_id,
        tenant=p.tenant,
        role=p.role,
        groups=sorted(p.groups),
        name=p.name,
        created_at=info.created_at.isoformat(),
        revoked_at=info.revoked_at.isoformat() if info.revoked_at else None,
    )


@router.post("", status_code=201, response_model=KeyCreated)
async def create(body: KeyCreate, principal: Admin, ctx: Ctx) -> Response:
    """Create a key in the caller's tenant; the response holds its secret, once."""
    secret, created = await asyncio.to_thread(
        ctx.keys.create,
        tenant=principal.tenant,
        role=body.role,
        groups=body.groups,
        name=body.name,
    )
    infos = await asyncio.to_thread(ctx.keys.list, tenant=principal.tenant)
    info = next(i for i in infos if i.principal.key_id == created.key_id)
    view = KeyCreated(**key_view(info).model_dump(), secret=secret)
    return model_response(view, status_code=201, headers={"Cache-Control": "no-store"})


@router.get("", response_model=list[KeyView])
async def list_keys(principal: Admin, ctx: Ctx) -> list[KeyView]:
    """The tenant's keys, newest first."""
    infos = await asyncio.to_thread(ctx.keys.list, tenant=principal.tenant)
    return [key_view(i) for i in infos]


@router.delete("/{key_id}", status_code=204, responses={404: {"description": "No such key"}})
async def revoke(
    key_id: Annotated[str, Path(pattern=r"^[0-9a-f]{1,64}$")], principal: Admin, ctx: Ctx
) -> None:
    """Revoke a key of the tenant (it stops working at once)."""
    infos = await asyncio.to_thread(ctx.keys.list, tenant=principal.tenant)
    if not any(i.principal.key_id == key_id and i.revoked_at is None for i in infos):
        raise ApiProblem(404)
    await asyncio.to_thread(ctx.keys.revoke, key_id)
