"""``clinllm triage "message"`` and ``clinllm triage --file messages.jsonl``: route messages.

Prints one JSON object per message (category, urgency, who decided, evidence offsets, the
draft pending staff approval, the escalation for emergencies). ``--file`` reads JSON Lines in
the evaluation format (``{"id", "input": {"message"}}``) or plain ``{"id", "message"}``
objects and shows a progress bar on stderr. Evidence is given as offsets, not text, so an
output file holds no more of the message than the caller already has.

Errors name the file line, never the content. Runnable as
``python -m clinllm.entrypoints.commands.triage`` until it is mounted in ``clinllm``.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from clinllm.bootstrap import App, build_app, configure_process
from clinllm.domain.outcome import Outcome
from clinllm.domain.text_input import check_text
from clinllm.entrypoints.commands import group
from clinllm.entrypoints.errors import run_cli
from clinllm.errors import InputError
from clinllm.files import read_bounded
from clinllm.settings import load_settings

if TYPE_CHECKING:
    from clinllm.workflows.message_triage import TriageDecision

__all__ = ["app", "main", "outcome_json", "read_messages"]

#: Largest message file accepted by default (``CLINLLM_LIMITS__MAX_BATCH_BYTES`` overrides).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: What a message id may be: it is echoed in the output and stored, so never free text.
_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")

app = group(
    "triage",
    "Route patient portal messages: category, urgency, escalation, draft for staff.",
    no_args_is_help=False,
)


def read_messages(
    path: Path, *, max_bytes: int = MAX_FILE_BYTES, max_chars: int | None = None
) -> list[tuple[str, str]]:
    """Read ``(id, message)`` pairs from a JSON Lines file, every line checked before any runs.

    A bad line found half-way through a run would leave the first messages decided and stored
    and the rest not; so the whole file is read and checked first, and a bad file runs nothing.

    Raises:
        InputError: Not a regular file, larger than ``max_bytes``, invalid UTF-8 or JSON, a
            line without a message, or a message that is too long, binary or not encodable;
            the error names the line number only.
    """
    raw = read_bounded(path, max_bytes=max_bytes, name="message file")
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as Windows editors write it, is not content
    except UnicodeDecodeError as exc:
        raise InputError(f"message file is not valid UTF-8 (byte {exc.start})") from None
    items: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError):  # JSONDecodeError, huge numbers, deep nesting
            raise InputError(f"line {number}: not valid JSON") from None
        message = _message_of(row)
        if message is None:
            raise InputError(f"line {number}: no message (expected input.message or message)")
        if max_chars is not None:
            try:
                check_text(message, max_chars=max_chars)
            except InputError as exc:
                raise type(exc)(f"line {number}: {exc}") from None
        row_id = row.get("id") if isinstance(row, dict) else None
        if row_id is not None and not (isinstance(row_id, str | int) and _ID.match(str(row_id))):
            raise InputError(f"line {number}: id must be 1-128 letters, digits or ._:- only")
        items.append((str(row_id) if row_id is not None else f"line-{number}", message))
    return items


def _message_of(row: object) -> str | None:
    if not isinstance(row, dict):
        return None
    inner = row.get("input")
    if isinstance(inner, dict) and isinstance(inner.get("message"), str):
        return str(inner["message"])
    value = row.get("message")
    return value if isinstance(value, str) else None


def outcome_json(row_id: str | None, outcome: Outcome[TriageDecision]) -> dict[str, Any]:
    """The JSON shape printed for one message (evidence as offsets, never text)."""
    decision = outcome.output
    call = outcome.call
    draft = outcome.actions.get("draft")
    escalation = outcome.actions.get("escalation")
    evidence = sorted(
        (e for spans in outcome.evidence.values() for e in spans), key=lambda e: e.start
    )
    return {
        "id": row_id,
        "decision_id": outcome.stored.extraction_id if outcome.stored is not None else None,
        "category": decision.category,
        "urgency": decision.urgency,
        "decided_by": decision.decided_by,
        "category_by": decision.category_by,
        "rule_ids": list(decision.rule_ids),
        "provider": decision.provider,
        "model": decision.model,
        "evidence": [
            {"start": e.start, "end": e.end, "field": e.field, "source": e.source} for e in evidence
        ],
        "findings": sorted({f.code for f in outcome.findings}),
        "draft": draft["text"] if draft else None,
        "draft_id": draft["id"] if draft else None,
        "draft_status": draft["status"] if draft else None,
        "escalation": (
            {
                "id": escalation["id"],
                "emergency": True,
                "safety_message": escalation["safety_message"],
            }
            if escalation
            else None
        ),
        "latency_s": round(call.latency_s, 4) if call is not None else None,
        "fallback_used": call.fallback_used if call is not None else None,
    }


async def _run(
    app: App, items: list[tuple[str | None, str]], progress: bool
) -> list[dict[str, Any]]:
    async def one(row_id: str | None, message: str) -> dict[str, Any]:
        outcome = await app.run("triage", message, source_name=row_id or "message")
        return outcome_json(row_id, outcome)

    results: list[dict[str, Any]] = []
    if not progress:
        for row_id, message in items:
            results.append(await one(row_id, message))
        return results
    with Progress(
        TextColumn("triage"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=False,
    ) as bar:
        task = bar.add_task("triage", total=len(items))
        for row_id, message in items:
            results.append(await one(row_id, message))
            bar.advance(task)
    return results


@app.command()
def triage(
    message: Annotated[str | None, typer.Argument(help="The message to route.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="JSON Lines file of messages.")
    ] = None,
    provider: Annotated[
        str | None,
        typer.Option(help="Provider chain, comma-separated (e.g. 'rules'); default from settings."),
    ] = None,
    drafts: Annotated[
        str | None,
        typer.Option(help="Reply drafts: template, model or off (default: CLINLLM_TRIAGE_DRAFTS)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSON Lines here, not stdout.")
    ] = None,
) -> None:
    """Route one message, or every message of a JSON Lines file, and print JSON."""
    if (message is None) == (file is None):
        raise InputError("give either a MESSAGE argument or --file, not both or neither")
    if drafts not in (None, "template", "model", "off"):
        raise InputError("--drafts must be one of: template, model, off")
    settings = load_settings(**({"triage_drafts": drafts} if drafts else {}))
    configure_process(settings)
    if output is not None and (output.is_dir() or not output.parent.is_dir()):
        raise InputError("--output must be a file in an existing directory")
    items: list[tuple[str | None, str]]
    if message is not None:
        check_text(message, max_chars=settings.limits.max_message_chars)
        items = [(None, message)]
    else:
        assert file is not None  # one of the two, checked above
        items = list(
            read_messages(
                file,
                max_bytes=settings.limits.max_batch_bytes,
                max_chars=settings.limits.max_message_chars,
            )
        )

    async def run() -> list[dict[str, Any]]:
        # decisions, escalations, drafts and audit events go to the configured database
        async with build_app(settings, chain=provider) as app:
            return await _run(app, items, progress=file is not None)

    results = asyncio.run(run())
    lines = [json.dumps(r, ensure_ascii=False) for r in results]
    if output is not None:
        output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif message is not None:
        typer.echo(json.dumps(results[0], ensure_ascii=False, indent=2))
    else:
        typer.echo("\n".join(lines))


def main() -> None:
    """Run the triage command with one-line errors and exit codes."""
    run_cli(typer.main.get_command(app))


if __name__ == "__main__":
    main()
