"""``clinllm eval run --suite injection`` as a subprocess, on the second synthetic dataset."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parents[1] / "data" / "evalsets" / "synthetic_b"


def test_injection_suite_reports_recall_and_fpr_per_channel(tmp_path: Path) -> None:
    out = tmp_path / "injection.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "clinllm.entrypoints.cli",
            "eval",
            "run",
            "--suite",
            "injection",
            "--data",
            str(DATA),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["suite"] == "injection"
    assert report["provider"] == "none (no model)"
    assert report["n"] == 8
    metrics = report["metrics"]
    assert set(metrics["by_channel"]) == {"user", "document"}
    for scope in (metrics, metrics["by_channel"]["user"], metrics["by_channel"]["document"]):
        assert {"recall", "fpr"} <= set(scope)
    # The set has two attacks and two hard negatives per channel; the screen gets all of them.
    assert metrics["recall"] == 1.0
    assert metrics["fpr"] == 0.0
    lines = (DATA / "injection.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["input"]["text"] for line in lines]
    raw = out.read_text(encoding="utf-8")
    assert not any(text in raw for text in texts)  # the report names reasons, never content
