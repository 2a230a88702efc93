"""``clinllm codes``: import the user's own CPT or HCPCS code table.

CPT descriptors are licensed by the AMA and are never shipped; HCPCS Level II is public but not
packaged. A site imports its table once and extraction from then on rejects well-formed codes
that are not in it. Exit codes: 0 done; 2 bad input (missing, unreadable or empty file).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console

from clinllm.bootstrap import build_code_table
from clinllm.entrypoints.commands import group
from clinllm.settings import load_settings

if TYPE_CHECKING:
    from clinllm.codes.table import CodeTable

__all__ = ["app", "main"]

app = group("codes", "Manage the imported CPT and HCPCS tables codes are checked against.")


def _table(data_dir: Path | None) -> CodeTable:
    """The code table the workflows check against, from the composition root."""
    return build_code_table(load_settings(**({"data_dir": data_dir} if data_dir else {})))


@app.command("import")
def import_table(
    file: Annotated[Path, typer.Argument(help="CSV or TSV with a code column.")],
    system: Annotated[str, typer.Option("--system", help="Code system of the file: cpt or hcpcs.")],
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="clinllm data directory (default: CLINLLM_DATA_DIR)."),
    ] = None,
) -> None:
    """Import FILE as the local table for --system (replacing any earlier import)."""
    chosen = system.strip().lower()
    if chosen not in ("cpt", "hcpcs"):
        raise typer.BadParameter("must be cpt or hcpcs", param_hint="--system")
    report = _table(data_dir).import_file(file, "cpt" if chosen == "cpt" else "hcpcs")
    Console().print(
        f"imported {report.imported} {report.system} codes into {report.path} "
        f"({report.rejected} rows rejected)"
    )


@app.command("status")
def status(
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="clinllm data directory (default: CLINLLM_DATA_DIR)."),
    ] = None,
) -> None:
    """Show which code tables have been imported."""
    table = _table(data_dir)
    for system in ("cpt", "hcpcs"):
        name: Literal["cpt", "hcpcs"] = "cpt" if system == "cpt" else "hcpcs"
        state = str(table.path(name)) if table.has_table(name) else "not imported"
        Console().print(f"{system}: {state}")


def main() -> None:
    """Run ``clinllm codes`` on its own (``python -m clinllm.entrypoints.commands.codes``)."""
    from clinllm.entrypoints.errors import run_cli

    run_cli(app)


if __name__ == "__main__":
    main()
