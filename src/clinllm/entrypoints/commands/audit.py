"""``clinllm audit verify|export``: check the hash chain, export entries as FHIR AuditEvent.

The audit log holds identifiers and hashes, never content, so its export is safe to hand to a
SIEM or a compliance reviewer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from clinllm.bootstrap import build_store, configure_process
from clinllm.entrypoints.commands import group
from clinllm.entrypoints.errors import EXIT_FAILED
from clinllm.settings import load_settings

__all__ = ["app"]

app = group("audit", "Verify the hash-chained audit log; export it as FHIR AuditEvent.")


@app.command()
def verify(
    expect_head: Annotated[
        str | None,
        typer.Option(help="Head hash recorded earlier outside the database (detects a cut tail)."),
    ] = None,
) -> None:
    """Recompute every link of the chain; exit 1 when a row was changed, removed or inserted."""
    settings = load_settings()
    configure_process(settings)
    store = build_store(settings)
    try:
        result = store.audit.verify()
    finally:
        store.engine.dispose()
    typer.echo(json.dumps(result.model_dump(mode="json"), indent=2))
    if not result.ok:
        raise typer.Exit(EXIT_FAILED)
    if expect_head is not None and expect_head != result.head_hash:
        entries = result.entries
        typer.echo(
            f"error: head hash differs from the one recorded ({entries} entries now): "
            "entries were removed from the end, or the anchor belongs to another database",
            err=True,
        )
        raise typer.Exit(EXIT_FAILED)


@app.command()
def export(
    out: Annotated[
        Path | None, typer.Option(help="Write JSON Lines here instead of standard output.")
    ] = None,
    after_seq: Annotated[int, typer.Option(min=0, help="Only entries after this one.")] = 0,
) -> None:
    """Write every entry as one FHIR R4 AuditEvent (JSON) per line."""
    settings = load_settings()
    configure_process(settings)
    store = build_store(settings)
    handle = out.open("w", encoding="utf-8") if out is not None else sys.stdout
    count = 0
    try:
        for event in store.audit.export_fhir(after_seq=after_seq):
            handle.write(json.dumps(event, separators=(",", ":")) + "\n")
            count += 1
    finally:
        store.engine.dispose()
        if out is not None:
            handle.close()
    if out is not None:
        typer.echo(f"{count} AuditEvent resources written to {out}", err=True)
