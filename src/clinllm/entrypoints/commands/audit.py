"""``clinllm audit verify|anchor|export``: check the chain and the records, anchor the head, export.

The audit log holds identifiers and keyed digests, never content, so its export is safe to hand
to a SIEM or a compliance reviewer. ``verify`` checks every link under the audit key and every
stored record against the event that describes it; ``anchor`` writes the signed head for a
store outside the database (a ticket, a WORM bucket), which ``verify --anchor`` later checks, so
that cutting entries off the end is seen too. All three are read-only: a database path that
does not exist is an error (exit 3) and nothing is created. See ``docs/audit.md``.

Exit codes: 0 verified; 1 the chain, a record or the anchor does not verify; 3 configuration
(no database, no audit key, unreachable database).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from clinllm.bootstrap import build_store, configure_process
from clinllm.domain.anchor import Anchor
from clinllm.entrypoints.commands import group
from clinllm.entrypoints.errors import EXIT_FAILED
from clinllm.errors import InputError
from clinllm.settings import load_settings

__all__ = ["app"]

app = group("audit", "Verify the keyed audit chain and the records; anchor its head; export it.")


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` created 0600 (an anchor or an export is not for everyone)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _read_anchor(path: Path) -> Anchor:
    try:
        return Anchor.model_validate_json(path.read_bytes()[:65536])
    except OSError as exc:
        raise InputError(f"the anchor file cannot be read ({type(exc).__name__})") from exc
    except ValueError as exc:
        raise InputError("the anchor file is not a clinllm audit anchor") from exc


@app.command()
def verify(
    expect_head: Annotated[
        str | None,
        typer.Option(help="Head hash recorded earlier outside the database (detects a cut tail)."),
    ] = None,
    anchor: Annotated[
        Path | None,
        typer.Option(
            help="An anchor written by `clinllm audit anchor`: checks its signature "
            "and that the chain still holds its head (detects a cut tail)."
        ),
    ] = None,
    allow_legacy: Annotated[
        bool,
        typer.Option(help="Accept unkeyed entries written before the chain was keyed."),
    ] = False,
) -> None:
    """Check every link under the audit key and every record against its event; exit 1 if not."""
    settings = load_settings()
    configure_process(settings)
    anchored = _read_anchor(anchor) if anchor is not None else None
    store = build_store(settings, create=False)
    try:
        result = store.audit.verify(allow_legacy=allow_legacy)
        problem = None
        if result.ok and anchored is not None:
            problem = store.audit.check_anchor(anchored)
    finally:
        store.engine.dispose()
    typer.echo(json.dumps(result.model_dump(mode="json"), indent=2))
    if not result.ok:
        raise typer.Exit(EXIT_FAILED)
    if problem is not None:
        typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(EXIT_FAILED)
    if expect_head is not None and expect_head != result.head_hash:
        entries = result.entries
        typer.echo(
            f"error: head hash differs from the one recorded ({entries} entries now): "
            "entries were removed from the end, or the anchor belongs to another database",
            err=True,
        )
        raise typer.Exit(EXIT_FAILED)


@app.command("anchor")
def anchor_head(
    out: Annotated[
        Path | None, typer.Option(help="Write the anchor here (0600) instead of standard output.")
    ] = None,
) -> None:
    """Verify the chain, then write its signed head (JSON) for a store outside the database."""
    settings = load_settings()
    configure_process(settings)
    store = build_store(settings, create=False)
    try:
        result = store.audit.verify()
        signed = store.audit.anchor() if result.ok else None
    finally:
        store.engine.dispose()
    if signed is None:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2))
        typer.echo("error: the chain does not verify; no anchor written", err=True)
        raise typer.Exit(EXIT_FAILED)
    text = signed.model_dump_json(indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        _write_private(out, text)
        typer.echo(f"anchor of {signed.entries} entries written to {out}", err=True)


@app.command()
def export(
    out: Annotated[
        Path | None, typer.Option(help="Write JSON Lines here (0600) instead of standard output.")
    ] = None,
    after_seq: Annotated[int, typer.Option(min=0, help="Only entries after this one.")] = 0,
) -> None:
    """Write every entry as one FHIR R4 AuditEvent (JSON) per line."""
    settings = load_settings()
    configure_process(settings)
    store = build_store(settings, create=False)
    handle: TextIO = sys.stdout
    if out is not None:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        handle = os.fdopen(fd, "w", encoding="utf-8")
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
