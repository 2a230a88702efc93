"""``clinllm keys create|list|revoke``: API keys of the HTTP service, in the configured database.

``create`` prints the new key once on standard output and nothing else (so
``KEY=$(clinllm keys create ...)`` works); it is stored only as a hash and cannot be shown
again. ``list`` shows ids, tenants, roles, groups and dates, never a secret. ``revoke`` stops a
key at once. Exit codes: 0 done; 2 bad input (unknown role, bad group, unknown key id).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from clinllm.bootstrap.service import build_key_store
from clinllm.domain.identity import ROLES, Role
from clinllm.entrypoints.commands import group
from clinllm.errors import InputError
from clinllm.settings import load_settings

__all__ = ["app"]

app = group("keys", "API keys of the HTTP service: create (shown once), list, revoke.")


def _role(value: str) -> Role:
    for role in ROLES:
        if role == value:
            return role
    raise InputError(f"--role must be one of {', '.join(ROLES)}")


@app.command()
def create(
    tenant: Annotated[str, typer.Option(help="The tenant whose records the key may touch.")],
    role: Annotated[str, typer.Option(help="staff, reviewer or admin.")],
    groups: Annotated[
        str, typer.Option(help="Policy-search groups, comma-separated (e.g. billing,all_staff).")
    ] = "",
    name: Annotated[str | None, typer.Option(help="Who holds the key (shown in audit).")] = None,
) -> None:
    """Create a key and print it once (only its hash is kept)."""
    chosen = _role(role)
    names = [g.strip() for g in groups.split(",") if g.strip()]
    store = build_key_store(load_settings())
    try:
        secret, _ = store.create(tenant=tenant, role=chosen, groups=names, name=name)
    except ValueError as exc:
        fields = sorted({str(e["loc"][0]) for e in getattr(exc, "errors", list)()} or {"value"})
        raise InputError(f"invalid {', '.join(fields)}") from None
    typer.echo(secret)


@app.command("list")
def list_keys(
    tenant: Annotated[str | None, typer.Option(help="Only this tenant's keys.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List keys, newest first (never a secret)."""
    infos = build_key_store(load_settings()).list(tenant=tenant)
    rows = [
        {
            "key_id": i.principal.key_id,
            "tenant": i.principal.tenant,
            "role": i.principal.role,
            "groups": sorted(i.principal.groups),
            "name": i.principal.name,
            "created_at": i.created_at.isoformat(),
            "revoked_at": i.revoked_at.isoformat() if i.revoked_at else None,
        }
        for i in infos
    ]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title=f"API keys: {len(rows)}")
    for column in ("key_id", "tenant", "role", "groups", "name", "created_at", "revoked_at"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(",".join(v) if isinstance(v, list) else str(v or "") for v in row.values()))
    Console().print(table)


@app.command()
def revoke(key_id: Annotated[str, typer.Argument(help="The key's id (from `keys list`).")]) -> None:
    """Revoke a key: it stops authenticating at once."""
    if not build_key_store(load_settings()).revoke(key_id):
        raise InputError("no live key with that id")
    typer.echo(f"revoked {key_id}", err=True)
