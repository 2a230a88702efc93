"""Evaluation harness: score a workflow on a FORMAT.md dataset and gate on regressions.

```python
from pathlib import Path
from clinllm.evals import EvalReport, compare_reports, prepare_suite, run_suite

prepared = prepare_suite("triage", Path("data/dev"), gateway_factory)
report = await run_suite(prepared.suite, prepared.cases, provider="rules",
                         dataset=prepared.dataset)
result = compare_reports(EvalReport.read(Path("baseline.json")), report)
```

Modules: ``datasets`` (strict loaders), ``matching`` (normalization rules), ``metrics``
(counting primitives), ``scorers`` (one module of metric definitions per suite), ``suites``
(adapters around the workflows), ``runner``, ``report``, ``compare``, ``html_report``,
``telemetry``. The CLI is :mod:`clinllm.entrypoints.commands.eval`.
"""

from clinllm.evals.compare import DEFAULT_GATES, CompareResult, compare_reports
from clinllm.evals.datasets import DatasetRef
from clinllm.evals.html_report import render_html
from clinllm.evals.report import CaseReport, EvalReport, flatten_metrics
from clinllm.evals.runner import run_suite
from clinllm.evals.suites.base import SuiteNotImplemented
from clinllm.evals.suites.registry import SUITES, PreparedSuite, prepare_suite

__all__ = [
    "DEFAULT_GATES",
    "SUITES",
    "CaseReport",
    "CompareResult",
    "DatasetRef",
    "EvalReport",
    "PreparedSuite",
    "SuiteNotImplemented",
    "compare_reports",
    "flatten_metrics",
    "prepare_suite",
    "render_html",
    "run_suite",
]
