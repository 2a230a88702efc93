from __future__ import annotations

import re
from html.parser import HTMLParser

from pydantic import JsonValue

from clinllm.evals.datasets import DatasetRef
from clinllm.evals.html_report import mask_values, render_html
from clinllm.evals.report import CaseReport, EvalReport

SECRET = "Zebulon Quarterfield"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def report(**changes: object) -> EvalReport:
    case_fail = CaseReport(
        id="c-2",
        passed=False,
        fields={"payer": False, "urgency": True},
        expected={
            "payer": SECRET,
            "urgency": "expedited",
            "procedures": [{"code": "72148", "system": "CPT"}],
        },
        produced={"payer": "Other Plan", "urgency": "expedited", "procedures": []},
        latency_s=1.5,
        errors=["SchemaViolation: output does not validate against X: 1 error(s)"],
    )
    case_ok = CaseReport(
        id="c-1", passed=True, fields={"payer": True}, expected={}, produced={}, latency_s=0.2
    )
    data = {
        "suite": "triage",
        "provider": "rules",
        "dataset": DatasetRef(path="d", files={"triage.jsonl": "ab"}),
        "n": 2,
        "started_at": "2026-03-01T00:00:00+00:00",
        "code_version": "t",
        "metrics": {
            "category_accuracy": 0.5,
            "emergency_recall": None,
            "latency_p95_s": 1.4,
            "confusion_matrix": {"other": {"other": 1, "billing_question": 1, "none": 0}},
        },
        "cases": [case_ok, case_fail],
    }
    data.update(changes)
    return EvalReport.model_validate(data)


def test_html_parses_and_has_every_section() -> None:
    page = render_html(report(), baseline=report(metrics={"category_accuracy": 0.75}))
    parser = _Collector()
    parser.feed(page)
    assert parser.tags.count("svg") == 2  # bar chart + latency histogram
    assert "Confusion matrix" in page
    assert "c-2" in page
    assert "regressed" in page  # category_accuracy dropped 0.75 -> 0.5 vs baseline
    assert "<script" not in page
    assert "<td>payer</td><td class=num>1/2</td>" in page  # per-field pass rate


def test_html_has_no_external_urls() -> None:
    page = render_html(report(), baseline=report())
    assert not re.search(r"(https?:)?//[a-z0-9]", page, re.IGNORECASE)
    parser = _Collector()
    parser.feed(page)
    for name, value in parser.attrs:
        assert name not in {"src", "href"}, (name, value)


def test_values_are_masked_unless_show_values() -> None:
    masked = render_html(report())
    assert SECRET not in masked
    assert "Other Plan" not in masked
    assert "72148" in masked  # codes are not PHI
    assert "expedited" in masked  # labels are not PHI
    shown = render_html(report(), show_values=True)
    assert SECRET in shown


def test_html_escapes_values() -> None:
    evil = report(
        cases=[
            CaseReport(
                id="<b>x</b>",
                passed=False,
                fields={},
                expected={"payer": "<script>"},
                produced=None,
                latency_s=0.1,
            )
        ]
    )
    page = render_html(evil, show_values=True)
    assert "<script>" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page


def test_mask_values_keeps_safe_keys_and_numbers() -> None:
    value: JsonValue = {
        "spans": [{"start": 1, "end": 4, "type": "NAME", "text": "Ann"}],
        "payer": "X",
    }
    assert mask_values(value) == {
        "spans": [{"start": 1, "end": 4, "type": "NAME", "text": "[masked: 3 chars]"}],
        "payer": "[masked: 1 chars]",
    }
