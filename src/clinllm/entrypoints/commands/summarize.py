"""``clinllm summarize FILE...``: clinical notes in, a grounded summary and a FHIR R4 Bundle out.

Each file (text, PDF, scanned PDF, or a FHIR DocumentReference / Bundle holding one) goes
through the note-summary workflow on the app's runner (``App.summarize``): ingest, screen, the
model's questions, grounding and validation, route, persistence, the review queue, audit, the
FHIR Bundle (validated). ``--format json`` writes the
summary with its evidence; ``--format fhir`` writes the Bundle. Exit codes as ``extract``
(``docs/cli.md``): 0 all summarized, 5 some failed, 2 all failed on their input, else 1.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from clinllm.bootstrap import build_app, configure_process
from clinllm.entrypoints.errors import batch_exit_code
from clinllm.errors import InputError
from clinllm.settings import Settings, load_settings
from clinllm.summarize import SummaryResult

__all__ = ["bundle_excerpt", "demo_note", "summarize", "summarize_files", "summary_table"]

_REFERENCE = re.compile(r"^Patient/[A-Za-z0-9\-.]{1,64}$")


async def summarize_files(
    settings: Settings,
    files: list[Path],
    *,
    provider: str | None,
    patient: str | None,
    console: Console,
) -> list[SummaryResult]:
    """Run ``App.summarize`` over ``files`` with a progress bar."""
    app = build_app(settings, chain=provider)
    results: list[SummaryResult] = []
    try:
        await app.warm_up()
        with Progress(
            TextColumn("[bold]summarize"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
        ) as progress:
            task = progress.add_task("", total=len(files))
            for path in files:
                progress.update(task, description=path.name)
                results.append(await app.summarize(path, patient=patient))
                progress.advance(task)
    finally:
        await app.aclose()
    return results


def summary_table(results: list[SummaryResult]) -> Table:
    """One row per note: status, review, codes, medication changes (identifiers only)."""
    table = Table(title="Clinical note summary")
    for column in ("file", "status", "review", "problems", "medication changes", "FHIR"):
        table.add_column(column)
    for r in results:
        summary = (r.outcome or {}).get("summary") or {}
        table.add_row(
            r.source,
            r.status if r.status == "summarized" else f"failed: {r.error_type}",
            "yes" if r.review_id else ("-" if r.status == "failed" else "no"),
            " ".join(p["code"] for p in summary.get("problems", [])) or "-",
            str(len(summary.get("medication_changes", []))),
            "-" if r.bundle is None else ("valid" if not r.fhir_problems else "INVALID"),
        )
    return table


def bundle_excerpt(bundle: dict[str, Any]) -> str:
    """A few lines about a Bundle for a terminal: resources by type, codes, labels (no text)."""
    entries = [e.get("resource", {}) for e in bundle.get("entry", []) if isinstance(e, dict)]
    kinds: dict[str, int] = {}
    for r in entries:
        kinds[str(r.get("resourceType"))] = kinds.get(str(r.get("resourceType")), 0) + 1
    lines = ["Bundle (document): " + ", ".join(f"{k} x{v}" for k, v in kinds.items())]
    for r in entries:
        if r.get("resourceType") == "Condition":
            status = r["verificationStatus"]["coding"][0]["code"]
            codes = [c["code"] for c in r["code"].get("coding", [])]
            label = " [AIAST]" if "meta" in r else ""
            lines.append(f"  Condition {status}: {' '.join(codes) or '(text only)'}{label}")
    return "\n".join(lines)


def demo_note(
    settings: Settings, *, provider: str | None, out: Path, console: Console
) -> list[SummaryResult]:
    """``clinllm demo``'s second part: the bundled sample note to a summary and its Bundle.

    The model is asked only what the rules leave open, so this adds seconds, not minutes.
    """
    from clinllm.samples import sample_note_path

    path = sample_note_path()
    console.print(f"[bold]clinllm demo[/]: clinical note summary of {path.name} (synthetic)")
    results = asyncio.run(
        summarize_files(settings, [path], provider=provider, patient=None, console=console)
    )
    for result in results:
        if result.outcome is None or result.bundle is None:
            continue
        _write(out, result, "fhir")
        typer.echo(json.dumps(result.outcome["summary"], indent=2, ensure_ascii=False))
        where = out / f"{Path(result.source).stem}.bundle.json"
        console.print(bundle_excerpt(result.bundle))
        console.print(f"FHIR R4 Bundle written to {where} (valid: {not result.fhir_problems})")
    return results


def _write(out: Path, result: SummaryResult, fmt: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(result.source).stem
    if fmt == "fhir" and result.bundle is not None:
        body = json.dumps(result.bundle, indent=2, ensure_ascii=False)
        (out / f"{stem}.bundle.json").write_text(body + "\n", encoding="utf-8")
    else:
        body = json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
        (out / f"{stem}.summary.json").write_text(body + "\n", encoding="utf-8")


def summarize(
    files: Annotated[list[Path], typer.Argument(help="Text, PDF, image or FHIR JSON files.")],
    fmt: Annotated[
        str, typer.Option("--format", help="json (summary + evidence) or fhir (R4 Bundle).")
    ] = "json",
    patient: Annotated[
        str | None, typer.Option(help="Patient reference for every resource (Patient/123).")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write one file per note here.")] = None,
    provider: Annotated[
        str | None,
        typer.Option(help="Provider chain, comma-separated (default: CLINLLM_DEFAULT_CHAIN)."),
    ] = None,
) -> None:
    """Summarize clinical notes: coded problems, medication changes, follow-up, red flags."""
    if not files:
        raise InputError("give at least one FILE")
    if fmt not in ("json", "fhir"):
        raise InputError("--format must be json or fhir")
    if patient is not None and not _REFERENCE.match(patient):
        raise InputError("--patient must look like Patient/123")
    chosen: Literal["json", "fhir"] = "fhir" if fmt == "fhir" else "json"
    settings = load_settings()
    configure_process(settings)
    console = Console(stderr=True)
    results = asyncio.run(
        summarize_files(settings, files, provider=provider, patient=patient, console=console)
    )
    for result in results:
        if out is not None:
            _write(out, result, chosen)
        elif chosen == "fhir" and result.bundle is not None:
            typer.echo(json.dumps(result.bundle, indent=2, ensure_ascii=False))
        else:
            typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    Console(stderr=True).print(summary_table(results))
    code = batch_exit_code(
        [
            "ok" if r.status == "summarized" else "input" if r.input_error else "failed"
            for r in results
        ]
    )
    if code:
        raise typer.Exit(code)
