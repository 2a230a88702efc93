"""``clinllm codes``: import the user's own CPT or HCPCS code table.

CPT descriptors are licensed by the AMA and are never shipped; HCPCS Level II is public but not
packaged. A site imports its table once and extraction from then on rejects well-formed codes
that are not in it. Exit codes: 0 done; 2 bad input (missing, unreadable or empty file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from clinllm.codes.table import CodeSystem, CodeTable

__all__ = ["DEFAULT_DATA_DIR", "app", "main"]

#: The embedded default data directory (settings' ``data_dir``).
DEFAULT_DATA_DIR = Path(".clinllm")

app = typer.Typer(
    name="codes",
    help="Manage the local code tables (CPT, HCPCS) used to validate extracted codes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command("import")
def import_table(
    file: Annotated[Path, typer.Argument(help="CSV or TSV with a code column.")],
    system: Annotated[str, typer.Option("--system", help="Code system of the file: cpt or hcpcs.")],
    data_dir: Annotated[
        Path,
        typer.Option("--data-dir", envvar="CLINLLM_DATA_DIR", help="clinllm data directory."),
    ] = DEFAULT_DATA_DIR,
) -> None:
    """Import FILE as the local table for --system (replacing any earlier import)."""
    chosen = system.strip().lower()
    if chosen not in ("cpt", "hcpcs"):
        raise typer.BadParameter("must be cpt or hcpcs", param_hint="--system")
    name: CodeSystem = "cpt" if chosen == "cpt" else "hcpcs"
    report = CodeTable(data_dir).import_file(file, name)
    Console().print(
        f"imported {report.imported} {report.system} codes into {report.path} "
        f"({report.rejected} rows rejected)"
    )


@app.command("status")
def status(
    data_dir: Annotated[
        Path,
        typer.Option("--data-dir", envvar="CLINLLM_DATA_DIR", help="clinllm data directory."),
    ] = DEFAULT_DATA_DIR,
) -> None:
    """Show which code tables have been imported."""
    table = CodeTable(data_dir)
    for system in ("cpt", "hcpcs"):
        sys_name: CodeSystem = "cpt" if system == "cpt" else "hcpcs"
        state = str(table.path(sys_name)) if table.has_table(sys_name) else "not imported"
        Console().print(f"{system}: {state}")


def main() -> None:
    """Run ``clinllm codes`` on its own (``python -m clinllm.entrypoints.commands.codes``)."""
    from clinllm.entrypoints.errors import run_cli

    run_cli(app)


if __name__ == "__main__":
    main()
