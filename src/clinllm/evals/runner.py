"""Run a suite over a dataset and assemble the report.

Cases run with bounded concurrency (default 1: the embedded model is single-threaded and a
second in-flight call only queues behind the first). One case failing never stops the run:
its error is recorded and it scores as wrong.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import anyio
from pydantic import JsonValue
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from clinllm.errors import ConfigError
from clinllm.evals.datasets import DatasetRef
from clinllm.evals.metrics import mean, percentile
from clinllm.evals.report import CaseReport, CaseUsage, EvalReport
from clinllm.evals.suites.base import CaseRun, Suite, describe_error

__all__ = ["build_report", "code_version", "performance_metrics", "run_cases", "run_suite"]

CaseT = TypeVar("CaseT")
PredT = TypeVar("PredT")


async def _run_one(suite: Suite[CaseT, PredT], case: CaseT) -> CaseRun[CaseT, PredT]:
    start = time.perf_counter()
    try:
        prediction, info = await suite.predict(case)
    except ConfigError:
        raise  # misconfiguration fails every case the same way: stop and say which setting
    except Exception as exc:  # noqa: BLE001 (one failing case is a measurement, not a crash)
        return CaseRun(
            case=case,
            prediction=None,
            latency_s=time.perf_counter() - start,
            errors=(describe_error(exc),),
        )
    return CaseRun(
        case=case,
        prediction=prediction,
        latency_s=time.perf_counter() - start,
        info=info,
        errors=info.errors,
    )


async def run_cases(
    suite: Suite[CaseT, PredT],
    cases: Sequence[CaseT],
    *,
    concurrency: int = 1,
    console: Console | None = None,
) -> list[CaseRun[CaseT, PredT]]:
    """Run the suite's workflow on every case, in order, with a progress bar.

    Args:
        suite: The adapter.
        cases: The dataset lines (already limited).
        concurrency: Cases in flight at once.
        console: Where the progress bar goes (stderr by default). The bar is transient and
            is not drawn when the console is not a terminal (CI logs stay clean).

    Returns:
        One run per case, in the order of ``cases``.
    """
    results: list[CaseRun[CaseT, PredT] | None] = [None] * len(cases)
    limiter = anyio.CapacityLimiter(max(1, concurrency))
    progress = Progress(
        TextColumn(f"eval {suite.name}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("cases", total=len(cases))

    async def worker(index: int, case: CaseT) -> None:
        async with limiter:
            results[index] = await _run_one(suite, case)
        progress.advance(task)

    with progress:
        try:
            async with anyio.create_task_group() as group:
                for index, case in enumerate(cases):
                    group.start_soon(worker, index, case)
        except ExceptionGroup as group_error:
            # Only a ConfigError escapes a case; re-raise it bare so the CLI maps it to its
            # exit code and message.
            matched = group_error.subgroup(ConfigError)
            if matched is not None:
                leaf: BaseException = matched
                while isinstance(leaf, BaseExceptionGroup):
                    leaf = leaf.exceptions[0]
                raise leaf from None
            raise
    return [r for r in results if r is not None]


def performance_metrics(
    runs: Sequence[CaseRun[Any, Any]], *, uses_model: bool
) -> dict[str, JsonValue]:
    """Latency percentiles and, for model suites, mean tokens and cost per case.

    ``latency_p50_s``/``latency_p95_s`` are wall time per case including retries and
    fallbacks; ``tokens_per_case`` is input plus output tokens over every attempt;
    ``cost_per_case_usd`` uses the gateway's price table.
    """
    latencies = [r.latency_s for r in runs]
    result: dict[str, JsonValue] = {
        "latency_p50_s": percentile(latencies, 50),
        "latency_p95_s": percentile(latencies, 95),
    }
    if uses_model:
        result["tokens_per_case"] = mean(
            float(r.info.input_tokens + r.info.output_tokens) for r in runs
        )
        result["cost_per_case_usd"] = mean(r.info.cost_usd for r in runs)
    return result


def code_version() -> str:
    """``git describe`` of the checkout this code runs from, else the package version."""
    git = shutil.which("git")
    if git:
        try:
            done = subprocess.run(  # noqa: S603 (fixed argv, no shell)
                [git, "describe", "--always", "--dirty", "--tags"],
                cwd=Path(__file__).resolve().parent,
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            done = None
        if done is not None and done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    try:
        return metadata.version("clinllm")
    except metadata.PackageNotFoundError:
        return "unknown"


def build_report(
    suite: Suite[CaseT, PredT],
    runs: Sequence[CaseRun[CaseT, PredT]],
    *,
    provider: str,
    dataset: DatasetRef,
    started_at: datetime,
    version: str,
) -> EvalReport:
    """Score the runs and assemble the report."""
    metrics = dict(suite.metrics(runs))
    metrics.update(performance_metrics(runs, uses_model=suite.uses_model))
    cases: list[CaseReport] = []
    for run in runs:
        scored = suite.score_case(run)
        cases.append(
            CaseReport(
                id=str(getattr(run.case, "id", "")),
                passed=run.prediction is not None and all(scored.fields.values()),
                fields=scored.fields,
                expected=scored.expected,
                produced=scored.produced,
                latency_s=run.latency_s,
                usage=CaseUsage(
                    input_tokens=run.info.input_tokens, output_tokens=run.info.output_tokens
                ),
                cost_usd=run.info.cost_usd,
                provider=run.info.provider,
                errors=list(run.errors),
            )
        )
    return EvalReport(
        suite=suite.name,
        provider=provider,
        dataset=dataset,
        n=len(runs),
        started_at=started_at.isoformat(timespec="seconds"),
        code_version=version,
        metrics=metrics,
        cases=cases,
    )


async def run_suite(
    suite: Suite[CaseT, PredT],
    cases: Sequence[CaseT],
    *,
    provider: str,
    dataset: DatasetRef,
    concurrency: int = 1,
    console: Console | None = None,
) -> EvalReport:
    """Run and score a suite: the one call the CLI makes.

    Args:
        suite: The adapter, holding its workflow.
        cases: The dataset lines to run (apply ``--limit`` before).
        provider: The provider or chain name, recorded in the report.
        dataset: Identity of the dataset files.
        concurrency: Cases in flight at once.
        console: Progress bar destination.
    """
    started = datetime.now(UTC)
    runs = await run_cases(suite, cases, concurrency=concurrency, console=console)
    return build_report(
        suite, runs, provider=provider, dataset=dataset, started_at=started, version=code_version()
    )
