"""``clinllm eval``: score a workflow on a dataset, gate on regressions, render reports.

Exit codes: 0 success; 1 regression or violated gate (``compare``); 2 bad input (malformed
dataset or report, bad option); 3 bad configuration; 4 the suite's workflow does not exist
yet (:data:`EXIT_NOT_IMPLEMENTED`); 70 internal error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import anyio
import typer
from rich.console import Console
from rich.table import Table

from clinllm.bootstrap import App, build_app, configure_process
from clinllm.entrypoints.commands import group
from clinllm.entrypoints.errors import EXIT_NOT_IMPLEMENTED, run_cli
from clinllm.errors import InputError
from clinllm.evals.compare import CompareResult, compare_reports, parse_assignments
from clinllm.evals.html_report import render_html
from clinllm.evals.report import EvalReport, flatten_metrics, is_count_cell
from clinllm.evals.runner import run_suite
from clinllm.evals.suites.base import SuiteNotImplemented
from clinllm.evals.suites.registry import SUITES, prepare_suite
from clinllm.evals.telemetry import emit_evaluation_events
from clinllm.settings import load_settings

__all__ = ["EXIT_NOT_IMPLEMENTED", "EXIT_REGRESSION", "app"]

#: ``compare`` found a regression or a violated gate.
EXIT_REGRESSION = 1

app = group("eval", "Evaluate workflows on JSONL datasets and gate on regressions.")


class _AppHolder:
    """Builds the app on first use (only workflow suites need it) and closes it after.

    The app comes from the composition root exactly as ``clinllm extract`` and ``clinllm
    triage`` get theirs, except that it keeps records in memory (``persist=False``): measuring
    must not write to the user's database.
    """

    def __init__(self, provider: str | None) -> None:
        self._provider = provider
        self.app: App | None = None
        self.chain_name = provider or "default"

    def __call__(self) -> App:
        settings = load_settings()
        configure_process(settings)
        self.app = build_app(settings, chain=self._provider, persist=False)
        self.chain_name = ",".join(self.app.gateway.default_chain)
        return self.app

    async def aclose(self) -> None:
        if self.app is not None:
            await self.app.aclose()


def _print_metrics(report: EvalReport, console: Console) -> None:
    table = Table(title=f"{report.suite}: {report.n} cases, provider {report.provider}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in flatten_metrics(report.metrics).items():
        if not is_count_cell(name):
            table.add_row(name, "n/a" if value is None else f"{value:.4g}")
    console.print(table)


def _print_comparison(result: CompareResult, console: Console) -> None:
    table = Table(title="baseline vs candidate")
    for column in ("metric", "baseline", "candidate", "change", "status"):
        table.add_column(
            column, justify="right" if column in {"baseline", "candidate", "change"} else "left"
        )
    styles = {"regressed": "red", "gate_failed": "red", "missing": "red", "improved": "green"}
    for row in result.rows:
        if is_count_cell(row.metric):
            continue
        cells = [
            row.metric,
            "n/a" if row.baseline is None else f"{row.baseline:.4g}",
            "n/a" if row.candidate is None else f"{row.candidate:.4g}",
            "" if row.delta is None else f"{row.delta:+.4g}",
            f"{row.status} {row.note}".strip(),
        ]
        table.add_row(*cells, style=styles.get(row.status))
    console.print(table)
    for warning in result.warnings:
        console.print(f"warning: {warning}", style="yellow")


@app.command()
def run(
    suite: Annotated[str, typer.Option(help=f"One of: {', '.join(SUITES)}.")],
    data: Annotated[Path, typer.Option(help="Dataset folder with the FORMAT.md JSONL files.")],
    provider: Annotated[
        str | None,
        typer.Option(help="Provider or comma-separated chain (default: the default chain)."),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write the JSON report here.")] = None,
    html: Annotated[Path | None, typer.Option(help="Write the HTML report here.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N cases.")] = None,
    baseline: Annotated[
        Path | None, typer.Option(help="Baseline report shown in the HTML summary.")
    ] = None,
    show_values: Annotated[
        bool, typer.Option(help="Show dataset values in the HTML report (masked by default).")
    ] = False,
    concurrency: Annotated[int, typer.Option(min=1, help="Cases in flight at once.")] = 1,
) -> None:
    """Run one suite over a dataset and write its report."""
    if suite not in SUITES:
        raise InputError(f"--suite must be one of {', '.join(SUITES)}")
    if not data.is_dir():
        raise InputError(f"--data {data.name}: not a directory")
    reference = EvalReport.read(baseline) if baseline else None
    holder = _AppHolder(provider)
    try:
        prepared = prepare_suite(suite, data, holder, limit=limit)
    except SuiteNotImplemented as exc:
        sys.stderr.write(f"{exc}; exit code {EXIT_NOT_IMPLEMENTED}\n")
        raise typer.Exit(EXIT_NOT_IMPLEMENTED) from None

    async def _go() -> EvalReport:
        try:
            if holder.app is not None:
                # Load embedded weights before the first case, so no case's deadline (and no
                # latency figure) pays for loading.
                await holder.app.warm_up()
            return await run_suite(
                prepared.suite,
                prepared.cases,
                provider=holder.chain_name if prepared.suite.uses_model else "none (no model)",
                dataset=prepared.dataset,
                concurrency=concurrency,
            )
        finally:
            await holder.aclose()

    report = anyio.run(_go)
    if out:
        report.write(out)
    if html:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(
            render_html(report, baseline=reference, show_values=show_values), encoding="utf-8"
        )
    emit_evaluation_events(report)
    console = Console()
    _print_metrics(report, console)
    if reference is not None:
        _print_comparison(compare_reports(reference, report), console)


@app.command()
def compare(
    baseline: Annotated[Path, typer.Argument(help="The reference report (JSON).")],
    candidate: Annotated[Path, typer.Argument(help="The new report (JSON).")],
    max_drop: Annotated[
        list[str] | None,
        typer.Option(help="METRIC=DELTA allowed worsening; '*' sets the default (0)."),
    ] = None,
    must: Annotated[
        list[str] | None, typer.Option(help="METRIC=VALUE absolute gate (direction-aware).")
    ] = None,
    default_gates: Annotated[bool, typer.Option(help="Apply the default safety gates.")] = True,
) -> None:
    """Compare two reports; exit 1 on a regression beyond tolerance or a violated gate."""
    result = compare_reports(
        EvalReport.read(baseline),
        EvalReport.read(candidate),
        max_drop=parse_assignments(max_drop or [], "--max-drop"),
        must=parse_assignments(must or [], "--must"),
        default_gates=default_gates,
    )
    console = Console()
    _print_comparison(result, console)
    if result.failed:
        failed = [row.metric for row in result.rows if row.failed]
        console.print(f"FAILED: {len(failed)} metric(s): {', '.join(failed)}", style="bold red")
        raise typer.Exit(EXIT_REGRESSION)
    console.print("OK: no regression", style="green")


@app.command()
def report(
    report_file: Annotated[Path, typer.Argument(metavar="REPORT", help="A report (JSON).")],
    html: Annotated[Path, typer.Option(help="Write the HTML report here.")],
    baseline: Annotated[Path | None, typer.Option(help="Baseline report to compare with.")] = None,
    show_values: Annotated[
        bool, typer.Option(help="Show dataset values (masked by default).")
    ] = False,
) -> None:
    """Render a saved report as one self-contained HTML file."""
    loaded = EvalReport.read(report_file)
    reference = EvalReport.read(baseline) if baseline else None
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(
        render_html(loaded, baseline=reference, show_values=show_values), encoding="utf-8"
    )


def main() -> None:
    """Run ``clinllm eval`` on its own (until the main CLI mounts it)."""
    run_cli(app)


if __name__ == "__main__":
    main()
