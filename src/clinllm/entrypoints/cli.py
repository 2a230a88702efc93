"""The ``clinllm`` command line.

Every sub-command reads settings once, builds what it needs through :mod:`clinllm.bootstrap`,
and reports failures as one line with an exit code (see :mod:`clinllm.entrypoints.errors`).
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from clinllm import __version__
from clinllm.bootstrap import build_gateway, configure_process
from clinllm.entrypoints.commands import (
    audit,
    codes,
    eval,
    extract,
    group,
    jobs,
    keys,
    policies,
    redact,
    review,
    serve,
    summarize,
    triage,
)
from clinllm.entrypoints.errors import EXIT_FAILED, run_cli
from clinllm.settings import load_settings

__all__ = ["app", "main"]

app = group("clinllm", "Put LLMs into regulated healthcare workflows safely.")


@app.command()
def version() -> None:
    """Print the clinllm version."""
    typer.echo(__version__)


@app.command()
def providers(
    provider: Annotated[
        str | None,
        typer.Option(help="Chain to check, comma-separated (default: CLINLLM_DEFAULT_CHAIN)."),
    ] = None,
    load: Annotated[
        bool, typer.Option(help="Also load embedded models (hash check + load).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Resolve the provider chain and show capabilities and data policy of each provider."""
    settings = load_settings()
    configure_process(settings)
    gateway = build_gateway(settings, provider)
    if load:
        asyncio.run(gateway.warm_up())
    rows = []
    for name in gateway.default_chain:
        model = gateway.provider(name)
        caps = model.capabilities
        rows.append(
            {
                "provider": name,
                "native_structured_output": caps.native_structured_output,
                "json_schema": caps.json_schema,
                "grammar": caps.grammar,
                "tool_calling": caps.tool_calling,
                "phi_allowed": model.data_policy.phi_allowed,
                "local": model.data_policy.local,
            }
        )
    asyncio.run(gateway.aclose())
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title="Provider chain (tried in this order)")
    for column in rows[0] if rows else ():
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    Console().print(table)


app.command("extract")(extract.extract)
app.command("summarize")(summarize.summarize)
app.command("triage")(triage.triage)
app.command("redact")(redact.redact)
app.add_typer(eval.app, name="eval")
app.add_typer(review.app, name="review")
app.add_typer(codes.app, name="codes")
app.add_typer(audit.app, name="audit")
app.add_typer(policies.app, name="policies")
app.command("submit")(jobs.submit)
app.command("worker")(jobs.worker)
app.add_typer(jobs.app, name="jobs")
app.add_typer(keys.app, name="keys")
app.command("serve")(serve.serve)


@app.command()
def demo(
    provider: Annotated[
        str | None,
        typer.Option(help="Provider chain (default: the embedded model, then rules)."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Where the JSON results go.")] = Path("out/demo"),
) -> None:
    """Extract the bundled synthetic prior-auth samples, then summarize a sample note to FHIR.

    The samples are text letters, a faxed PDF and a scanned PDF (OCR); the note is a synthetic
    discharge summary, summarized and written as a FHIR R4 document Bundle. Runs offline on the
    embedded defaults: SQLite and the local model, with the rules as the last fallback.
    """
    from clinllm.samples import sample_paths

    settings = load_settings()
    configure_process(settings)
    console = Console(stderr=True)
    files = sample_paths()
    console.print(
        f"[bold]clinllm demo[/]: {len(files)} synthetic prior-auth documents, chain "
        f"{provider or ' -> '.join(settings.default_chain)}, database "
        f"{settings.resolved_database_url}"
    )
    results = asyncio.run(
        extract.extract_files(settings, files, provider=provider, out=out, console=console)
    )
    for result in results:
        typer.echo(
            json.dumps(
                result.to_dict()["extraction"] if result.outcome else result.to_dict(),
                indent=2,
                ensure_ascii=False,
            )
        )
    Console().print(extract.summary_table(results))
    console.print(f"results written to {out}/ (one JSON per document, with evidence and findings)")
    notes = summarize.demo_note(settings, provider=provider, out=out, console=console)
    if any(r.status == "failed" for r in results) or any(n.status == "failed" for n in notes):
        raise typer.Exit(EXIT_FAILED)


#: Files the command line creates are the owner's alone (0600, directories 0700): databases,
#: results, reports and keys hold PHI or secrets, and a shared machine's default umask (022)
#: would make them world-readable.
PRIVATE_UMASK = 0o077


def main() -> None:
    """Console-script entry point: private file modes, then the command."""
    os.umask(PRIVATE_UMASK)
    run_cli(app)


if __name__ == "__main__":
    main()
