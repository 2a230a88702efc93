"""The ``clinllm`` command line.

Every sub-command reads settings once, builds what it needs through :mod:`clinllm.bootstrap`,
and reports failures as one line with an exit code (see :mod:`clinllm.entrypoints.errors`).
"""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from clinllm import __version__
from clinllm.bootstrap import build_gateway, configure_process
from clinllm.entrypoints.errors import run_cli
from clinllm.settings import load_settings

__all__ = ["app", "main"]

app = typer.Typer(
    name="clinllm",
    help="Put LLMs into regulated healthcare workflows safely.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    chain = tuple(p.strip() for p in provider.split(",")) if provider else settings.default_chain
    gateway = build_gateway(settings, chain)
    rows = []
    for name in chain:
        model = gateway.provider(name)
        if load and hasattr(model, "load"):
            model.load()
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


def main() -> None:
    """Console-script entry point."""
    run_cli(app)


if __name__ == "__main__":
    main()
