"""``clinllm extract FILE...``: prior-authorization documents in, grounded JSON out and stored.

Each file goes through intake (ingest, PHI-aware extraction, grounding, validation, persistence,
review queue, audit). One JSON file per document is written to ``--out``; a file that cannot be
read is reported and recorded as failed, and the batch goes on. The exit code is 0 when every
file was extracted, 1 when any failed.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from clinllm.bootstrap import (
    build_gateway,
    build_prior_auth_intake,
    build_store,
    configure_process,
)
from clinllm.entrypoints.errors import EXIT_FAILED
from clinllm.errors import InputError
from clinllm.intake import IntakeResult
from clinllm.settings import Settings, load_settings

__all__ = ["extract_files", "summary_table"]


async def extract_files(
    settings: Settings,
    files: list[Path],
    *,
    provider: str | None,
    out: Path | None,
    console: Console,
) -> list[IntakeResult]:
    """Run intake over ``files`` with a progress bar; write one JSON per document to ``out``."""
    gateway = build_gateway(settings, provider)
    store = build_store(settings)
    intake = build_prior_auth_intake(settings, gateway, store)
    results: list[IntakeResult] = []
    try:
        await gateway.warm_up()
        with Progress(
            TextColumn("[bold]extract"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=False,
        ) as progress:
            task = progress.add_task("", total=len(files))
            for path in files:
                progress.update(task, description=path.name)
                result = await intake.process(path)
                results.append(result)
                if out is not None:
                    _write_result(out / f"{path.stem}.json", result)
                progress.advance(task)
    finally:
        await gateway.aclose()
        store.engine.dispose()
    return results


def _write_result(target: Path, result: IntakeResult) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    target.write_text(text, encoding="utf-8")


def summary_table(results: list[IntakeResult]) -> Table:
    """One row per document: status, provider, review, codes found (identifiers only)."""
    table = Table(title="Prior-authorization extraction")
    for column in ("file", "status", "pages", "provider", "review", "procedures", "diagnoses"):
        table.add_column(column)
    for r in results:
        outcome = r.outcome or {}
        extraction = outcome.get("extraction") or {}
        table.add_row(
            r.source,
            r.status if r.status == "extracted" else f"failed: {r.error_type}",
            str(r.pages),
            str(outcome.get("provider") or "-"),
            "yes" if outcome.get("needs_review") else ("-" if r.status == "failed" else "no"),
            " ".join(p["code"] for p in extraction.get("procedures", [])) or "-",
            " ".join(d["code"] for d in extraction.get("diagnoses", [])) or "-",
        )
    return table


def extract(
    files: Annotated[list[Path], typer.Argument(help="Text, PDF or image files.")],
    provider: Annotated[
        str | None,
        typer.Option(help="Provider chain, comma-separated (default: CLINLLM_DEFAULT_CHAIN)."),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write one JSON file per document here.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print every result as JSON on stdout.")
    ] = False,
) -> None:
    """Extract prior-authorization requests: grounded, validated JSON, stored with evidence."""
    if not files:
        raise InputError("give at least one FILE")
    settings = load_settings()
    configure_process(settings)
    console = Console(stderr=True)
    results = asyncio.run(
        extract_files(settings, files, provider=provider, out=out, console=console)
    )
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False))
    else:
        Console().print(summary_table(results))
    if any(r.status == "failed" for r in results):
        raise typer.Exit(EXIT_FAILED)
