"""``clinllm eval`` as a subprocess on the second synthetic dataset."""

from __future__ import annotations

import json
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data" / "evalsets" / "synthetic_b"


def eval_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clinllm.entrypoints.commands.eval", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def phi_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("eval") / "phi.json"
    html = out.with_suffix(".html")
    done = eval_cli("run", "--suite", "phi", "--data", DATA, "--out", out, "--html", html)
    assert done.returncode == 0, done.stderr
    return out


def test_run_writes_the_contract_report_and_html(phi_report: Path) -> None:
    report = json.loads(phi_report.read_text(encoding="utf-8"))
    assert report["suite"] == "phi"
    assert report["n"] == 6
    assert set(report["dataset"]["files"]) == {"phi.jsonl"}
    for key in (
        "recall",
        "precision",
        "f1",
        "recall_by_type",
        "type_accuracy",
        "false_positive_clinical_terms",
        "chars_per_s",
    ):
        assert key in report["metrics"]
    html = phi_report.with_suffix(".html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for value in _failing_values(report):
        assert value not in html  # masked by default


def _failing_values(report: dict[str, object]) -> list[str]:
    cases = report["cases"]
    assert isinstance(cases, list)
    return [span["text"] for case in cases if not case["passed"] for span in case["expected"]]


def test_limit(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert (
        eval_cli("run", "--suite", "phi", "--data", DATA, "--limit", "2", "--out", out).returncode
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["n"] == 2


def test_an_unknown_suite_exits_2_naming_the_choices() -> None:
    done = eval_cli("run", "--suite", "no_such_suite", "--data", DATA)
    assert done.returncode == 2
    assert "--suite must be one of" in done.stderr
    assert "policy_search" in done.stderr
    assert done.stdout == ""


def test_malformed_dataset_names_file_line_and_field(tmp_path: Path) -> None:
    lines = (DATA / "phi.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[2])
    row["expected"]["spans"][0]["type"] = "PERSON"
    lines[2] = json.dumps(row)
    (tmp_path / "phi.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = eval_cli("run", "--suite", "phi", "--data", tmp_path)
    assert done.returncode == 2
    assert "phi.jsonl line 3: field expected.spans.0.type" in done.stderr


def test_compare_fails_on_a_planted_regression(phi_report: Path, tmp_path: Path) -> None:
    assert eval_cli("compare", phi_report, phi_report).returncode == 0
    report = json.loads(phi_report.read_text(encoding="utf-8"))
    report["metrics"]["recall"] -= 0.05
    candidate = tmp_path / "candidate.json"
    candidate.write_text(json.dumps(report), encoding="utf-8")
    done = eval_cli("compare", phi_report, candidate)
    assert done.returncode == 1
    assert "recall" in done.stdout
    assert "FAILED" in done.stdout
    assert eval_cli("compare", phi_report, candidate, "--max-drop", "recall=0.1").returncode == 0


def test_report_renders_html_against_a_baseline(phi_report: Path, tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    done = eval_cli("report", phi_report, "--html", html, "--baseline", phi_report, "--show-values")
    assert done.returncode == 0, done.stderr
    page = html.read_text(encoding="utf-8")
    for value in _failing_values(json.loads(phi_report.read_text(encoding="utf-8"))):
        assert escape(value) in page
