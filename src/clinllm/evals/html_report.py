"""A self-contained HTML view of a report: summary vs baseline, charts, failing cases.

One file, inline CSS and inline SVG drawn here: no script, no font, no image, no URL, so it
opens offline and can be attached to a ticket. Dataset values stand in for PHI, so every
string that could hold an identifier is masked unless ``show_values`` is set; labels and
codes (categories, urgencies, code systems, ICD/CPT codes, PHI type names) stay visible
because they are what a reader needs to see what went wrong.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from pydantic import JsonValue

from clinllm.evals.compare import CompareResult, compare_reports
from clinllm.evals.metrics import ratio
from clinllm.evals.report import CaseReport, EvalReport, flatten_metrics, is_count_cell

__all__ = ["SAFE_KEYS", "mask_values", "render_html"]

#: Keys whose string values are labels or codes, never identifiers: shown even when masked.
SAFE_KEYS = frozenset(
    {
        "category",
        "urgency",
        "system",
        "code",
        "type",
        "action",
        "label",
        "channel",
        "missing_fields",
        "start",
        "end",
    }
)

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1f24;max-width:1100px}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccd}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccd;padding:.25em .5em;
text-align:left;vertical-align:top}th{background:#eef}.num{text-align:right;font-variant-numeric:
tabular-nums}.regressed,.gate_failed,.missing{background:#fdd}.improved{background:#dfd}
.meta td{border:none;padding:.1em .8em .1em 0}pre{margin:0;white-space:pre-wrap;max-width:420px;
font-size:12px}.muted{color:#667}
"""


def mask_values(value: JsonValue, *, key: str | None = None) -> JsonValue:
    """Replace every string that could be PHI with a placeholder giving only its length."""
    if isinstance(value, dict):
        return {k: mask_values(v, key=k) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_values(v, key=key) for v in value]
    if isinstance(value, str) and key not in SAFE_KEYS:
        return f"[masked: {len(value)} chars]"
    return value


def _fmt(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value == int(value) and abs(value) >= 1:
        return f"{value:.0f}"
    return f"{value:.4g}"


def _summary(report: EvalReport, comparison: CompareResult | None) -> str:
    rows: list[str] = []
    if comparison is None:
        for name, value in flatten_metrics(report.metrics).items():
            if not is_count_cell(name):
                rows.append(f"<tr><td>{escape(name)}</td><td class=num>{_fmt(value)}</td></tr>")
        head = "<tr><th>metric</th><th>value</th></tr>"
    else:
        for row in comparison.rows:
            if is_count_cell(row.metric):
                continue
            delta = "" if row.delta is None else f"{row.delta:+.4g}"
            rows.append(
                f"<tr class={row.status}><td>{escape(row.metric)}</td>"
                f"<td class=num>{_fmt(row.baseline)}</td><td class=num>{_fmt(row.candidate)}</td>"
                f"<td class=num>{delta}</td><td>{escape(row.status)} {escape(row.note)}</td></tr>"
            )
        head = (
            "<tr><th>metric</th><th>baseline</th><th>this run</th><th>change</th><th>gate</th></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def _bar_chart(report: EvalReport, baseline: EvalReport | None) -> str:
    """Horizontal bars for every metric on a 0..1 scale; the baseline as a thin grey bar."""
    current = flatten_metrics(report.metrics)
    before = flatten_metrics(baseline.metrics) if baseline else {}
    names = [
        n
        for n, v in current.items()
        if v is not None
        and 0.0 <= v <= 1.0
        and not is_count_cell(n)
        and not n.startswith("latency_")
        and n != "cost_per_case_usd"
    ]
    if not names:
        return "<p class=muted>no metrics on a 0..1 scale</p>"
    label_w, bar_w, row_h = 260, 420, 22
    height = row_h * len(names) + 10
    parts = [
        f'<svg width="{label_w + bar_w + 60}" height="{height}" role="img" aria-label="metrics">'
    ]
    for i, name in enumerate(names):
        y = 5 + i * row_h
        value = current[name] or 0.0
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="12">'
            f"{escape(name)}</text>"
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w * value:.1f}" height="12" '
            f'fill="#4a7bd0"/>'
            f'<text x="{label_w + bar_w * value + 4:.1f}" y="{y + 13}" font-size="11">'
            f"{_fmt(value)}</text>"
        )
        old = before.get(name)
        if old is not None:
            parts.append(
                f'<rect x="{label_w}" y="{y + 15}" width="{bar_w * old:.1f}" height="4" '
                f'fill="#999"><title>baseline {_fmt(old)}</title></rect>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _confusion(report: EvalReport) -> str:
    matrix = report.metrics.get("confusion_matrix")
    if not isinstance(matrix, dict) or not matrix:
        return ""
    columns: list[str] = []
    for cells in matrix.values():
        if isinstance(cells, dict):
            columns.extend(c for c in cells if c not in columns)
    peak = (
        max(
            (
                v
                for cells in matrix.values()
                if isinstance(cells, dict)
                for v in cells.values()
                if isinstance(v, int)
            ),
            default=1,
        )
        or 1
    )
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body: list[str] = []
    for gold, cells in matrix.items():
        tds: list[str] = []
        for column in columns:
            count = cells.get(column, 0) if isinstance(cells, dict) else 0
            n = count if isinstance(count, int) else 0
            shade = 255 - int(150 * n / peak)
            color = f"rgb({shade},{shade},255)" if gold == column else f"rgb(255,{shade},{shade})"
            tds.append(f'<td class=num style="background:{color if n else "#fff"}">{n}</td>')
        body.append(f"<tr><th>{escape(gold)}</th>{''.join(tds)}</tr>")
    return (
        "<h2>Confusion matrix (rows: gold, columns: predicted)</h2>"
        f"<table><tr><th></th>{head}</tr>{''.join(body)}</table>"
    )


def _field_pass_rates(cases: Sequence[CaseReport]) -> str:
    """Share of cases passing each scored field: where the failures concentrate."""
    totals: dict[str, list[int]] = {}
    for case in cases:
        for name, ok in case.fields.items():
            counts = totals.setdefault(name, [0, 0])
            counts[0] += ok
            counts[1] += 1
    if not totals:
        return ""
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td class=num>{passed}/{total}</td>"
        f"<td class=num>{_fmt(ratio(passed, total))}</td></tr>"
        for name, (passed, total) in totals.items()
    )
    return (
        "<h2>Per-field pass rate</h2><table><tr><th>field</th><th>passed</th><th>share</th></tr>"
        f"{rows}</table>"
    )


def _histogram(latencies: Sequence[float], bins: int = 12) -> str:
    if not latencies:
        return "<p class=muted>no cases</p>"
    low, high = min(latencies), max(latencies)
    width = (high - low) / bins or 1.0
    counts = [0] * bins
    for value in latencies:
        counts[min(int((value - low) / width), bins - 1)] += 1
    peak = max(counts)
    chart_w, chart_h, bar = 520, 160, 520 / bins
    parts = [
        f'<svg width="{chart_w + 20}" height="{chart_h + 40}" '
        'role="img" aria-label="latency histogram">'
    ]
    for i, count in enumerate(counts):
        h = chart_h * count / peak
        parts.append(
            f'<rect x="{10 + i * bar:.1f}" y="{10 + chart_h - h:.1f}" width="{bar - 2:.1f}" '
            f'height="{h:.1f}" fill="#4a7bd0"><title>{low + i * width:.3g}-'
            f"{low + (i + 1) * width:.3g} s: {count}</title></rect>"
        )
    parts.append(
        f'<text x="10" y="{chart_h + 28}" font-size="11">{low:.3g} s</text>'
        f'<text x="{chart_w + 10}" y="{chart_h + 28}" font-size="11" text-anchor="end">'
        f"{high:.3g} s</text></svg>"
    )
    return "".join(parts)


def _json_cell(value: JsonValue, show_values: bool) -> str:

    shown = value if show_values else mask_values(value)
    return f"<pre>{escape(json.dumps(shown, indent=1, ensure_ascii=False))}</pre>"


def _failing(cases: Sequence[CaseReport], show_values: bool, limit: int = 200) -> str:
    failing = [c for c in cases if not c.passed]
    if not failing:
        return "<p>Every case passed.</p>"
    rows = []
    for case in failing[:limit]:
        fields = ", ".join(k for k, ok in case.fields.items() if not ok) or "-"
        errors = "<br>".join(escape(e) for e in case.errors) or "-"
        rows.append(
            f"<tr><td>{escape(case.id)}</td><td>{escape(fields)}</td><td>{errors}</td>"
            f"<td>{_json_cell(case.expected, show_values)}</td>"
            f"<td>{_json_cell(case.produced, show_values)}</td></tr>"
        )
    more = (
        f"<p class=muted>{len(failing) - limit} more not shown</p>" if len(failing) > limit else ""
    )
    return (
        "<table><tr><th>case</th><th>failed fields</th><th>errors</th><th>expected</th>"
        f"<th>produced</th></tr>{''.join(rows)}</table>{more}"
    )


def render_html(
    report: EvalReport, *, baseline: EvalReport | None = None, show_values: bool = False
) -> str:
    """Render the report as one self-contained HTML page.

    Args:
        report: The run to show.
        baseline: A report to compare against in the summary table and bar chart.
        show_values: Show expected/produced values unmasked (synthetic data only).
    """
    comparison = compare_reports(baseline, report) if baseline is not None else None
    passed = sum(c.passed for c in report.cases)
    share = ratio(passed, len(report.cases))
    meta = [
        ("suite", report.suite),
        ("provider", report.provider),
        ("dataset", report.dataset.path),
        ("cases", f"{report.n} ({passed} passed, {_fmt(share)})"),
        ("started", report.started_at),
        ("code version", report.code_version),
        ("baseline", f"{baseline.provider} @ {baseline.code_version}" if baseline else "none"),
        ("values", "shown" if show_values else "masked (rerun with --show-values to see them)"),
    ]
    meta_rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in meta)
    warnings = ""
    if comparison and comparison.warnings:
        warnings = "".join(f"<p class=regressed>{escape(w)}</p>" for w in comparison.warnings)
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        f"<title>clinllm eval: {escape(report.suite)}</title><style>{_CSS}</style></head><body>"
        f"<h1>clinllm eval: {escape(report.suite)}</h1><table class=meta>{meta_rows}</table>"
        f"{warnings}<h2>Summary</h2>{_summary(report, comparison)}"
        f"<h2>Metrics</h2>{_bar_chart(report, baseline)}"
        f"{_field_pass_rates(report.cases)}{_confusion(report)}"
        f"<h2>Latency per case</h2>{_histogram([c.latency_s for c in report.cases])}"
        f"<h2>Failing cases</h2>{_failing(report.cases, show_values)}"
        "</body></html>\n"
    )
