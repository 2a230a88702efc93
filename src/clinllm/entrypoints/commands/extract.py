"""``clinllm extract FILE...``: prior-authorization documents in, grounded JSON out and stored.

Each file runs through the ``prior_auth`` workflow of the app the composition root builds
(ingest, screen, recognizers and the model, grounding, validation, persistence, review queue,
audit). One JSON file per document is written to ``--out``; a file that cannot be read is
reported and recorded as failed with its reason, and the batch goes on. ``--out`` is checked
before any work. Exit codes (``docs/cli.md``): 0 every file extracted, 5 some failed, 2 every
file failed on its input, 1 every file failed and some for another reason.
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from clinllm.bootstrap import App, build_app, configure_process
from clinllm.domain.outcome import Outcome
from clinllm.entrypoints.display import cell, markup
from clinllm.entrypoints.errors import BatchStatus, batch_exit_code
from clinllm.errors import ClinLLMError, ConfigError, InputError
from clinllm.files import write_atomic
from clinllm.settings import Settings, load_settings

__all__ = ["FileResult", "check_outputs", "extract_files", "summary_table"]

#: The workflow this command runs.
WORKFLOW = "prior_auth"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file.

    Attributes:
        source: The file name.
        status: ``extracted`` (stored; maybe queued for review) or ``failed``.
        outcome: The workflow's outcome, when it ran.
        pages: Page count of the stored document.
        error_type: The typed error's name for failures.
        error: The error's message (identifiers only, never content).
        input_error: The failure was the input's fault (exit 2 when every file failed so).
    """

    source: str
    status: Literal["extracted", "failed"]
    outcome: Outcome[Any] | None = None
    pages: int = 0
    error_type: str | None = None
    error: str | None = None
    input_error: bool = False

    @property
    def batch_status(self) -> BatchStatus:
        """``ok``, ``input`` (the file was bad) or ``failed`` (anything else)."""
        if self.status == "extracted":
            return "ok"
        return "input" if self.input_error else "failed"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the file written per document)."""
        outcome = self.outcome
        stored = outcome.stored if outcome is not None else None
        call = outcome.call if outcome is not None else None
        data: dict[str, Any] = {
            "source": self.source,
            "status": self.status,
            "document_id": stored.document_id if stored else None,
            "sha256": outcome.input_sha256 if outcome is not None else None,
            "extraction_id": stored.extraction_id if stored else None,
            "review_id": stored.review_item_id if stored else None,
            "pages": self.pages,
            "latency_s": call.latency_s if call is not None else None,
            "error_type": self.error_type,
            "error": self.error,
        }
        if outcome is not None:
            body = outcome.to_dict()
            body["extraction"] = body.pop("output")
            data.update(body)
        return data


async def _one(app: App, path: Path) -> FileResult:
    """Run one file; any failure but misconfiguration becomes a failed result, not an exit.

    A configuration error (a bad provider setting, OCR not installed) would fail every file
    the same way, so it stops the batch; anything else is this file's problem. An unexpected
    exception is reported by type only (its text could hold content).
    """
    try:
        outcome = await app.run(WORKFLOW, path)
    except ConfigError:
        raise
    except ClinLLMError as exc:  # an IngestError is also recorded as a failed document
        return FileResult(
            source=path.name,
            status="failed",
            error_type=type(exc).__name__,
            error=str(exc),
            input_error=isinstance(exc, InputError),
        )
    except Exception as exc:  # noqa: BLE001 - one bad file must not cost the batch the rest
        return FileResult(
            source=path.name,
            status="failed",
            error_type=type(exc).__name__,
            error=f"internal error ({type(exc).__name__}); details withheld",
        )
    pages = 0
    if outcome.stored is not None:
        pages = app.records.get_document(outcome.stored.document_id).pages or 0
    return FileResult(source=path.name, status="extracted", outcome=outcome, pages=pages)


def check_outputs(files: list[Path], out: Path | None) -> None:
    """Check where results go before any work starts, so a batch never fails half-way.

    Raises:
        InputError: ``--out`` is a file or cannot be created or written, or two inputs have
            the same stem (``a.txt`` and ``a.pdf`` would both write ``a.json``).
    """
    if out is None:
        return
    if out.exists() and not out.is_dir():
        raise InputError("--out exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--out cannot be created ({type(exc).__name__})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise InputError("--out is not writable")
    seen: dict[str, int] = {}
    for number, path in enumerate(files, start=1):
        target = f"{path.stem}.json"
        if target in seen:
            raise InputError(
                f"inputs {seen[target]} and {number} would both write {target} in --out"
            )
        seen[target] = number


async def extract_files(
    settings: Settings,
    files: list[Path],
    *,
    provider: str | None,
    out: Path | None,
    console: Console,
) -> list[FileResult]:
    """Run the workflow over ``files`` with a progress bar; write one JSON each to ``out``."""
    results: list[FileResult] = []
    async with build_app(settings, chain=provider) as app:
        await app.warm_up()
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
                progress.update(task, description=markup(path.name))
                result = await _one(app, path)
                results.append(result)
                if out is not None:
                    _write_result(out / f"{path.stem}.json", result)
                progress.advance(task)
    return results


def _write_result(target: Path, result: FileResult) -> None:
    text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    write_atomic(target, text)


def summary_table(results: list[FileResult]) -> Table:
    """One row per document: status, provider, review, codes found (identifiers only)."""
    table = Table(title="Prior-authorization extraction")
    for column in ("file", "status", "pages", "provider", "review", "procedures", "diagnoses"):
        table.add_column(column)
    for r in results:
        data = r.to_dict()
        extraction = data.get("extraction") or {}
        table.add_row(
            cell(r.source),
            r.status if r.status == "extracted" else f"failed: {r.error_type}",
            str(r.pages),
            str(data.get("provider") or "-"),
            "yes" if data.get("needs_review") else ("-" if r.status == "failed" else "no"),
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
    check_outputs(files, out)
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
    code = batch_exit_code([r.batch_status for r in results])
    if code:
        raise typer.Exit(code)
