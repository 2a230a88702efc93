"""``clinllm triage`` as a subprocess with the rules provider (no model, no network)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SENTINEL = "Zebulon Quixfeather"


def triage_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clinllm.entrypoints.commands.triage", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_one_message_prints_the_decision_with_escalation() -> None:
    done = triage_cli("--provider", "rules", f"{SENTINEL}: my 5 week old has a fever of 38.6")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["category"], result["urgency"]) == ("symptom_escalation", "emergency")
    assert result["decided_by"] == "rule:infant_fever"
    assert result["draft"] is None
    assert "911" in result["escalation"]["safety_message"]
    assert result["evidence"]
    assert all({"start", "end", "field", "source"} == set(e) for e in result["evidence"])
    assert {e["field"] for e in result["evidence"]} == {"urgency"}  # the red flag set it
    assert SENTINEL not in done.stderr


def test_file_mode_writes_one_json_line_per_message_with_a_draft(tmp_path: Path) -> None:
    source = tmp_path / "messages.jsonl"
    rows = [
        {"id": "m1", "input": {"message": "Please refill my atorvastatin, 3 weeks left."}},
        {"id": "m2", "message": "Why was I charged twice for my copay?"},
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = triage_cli("--provider", "rules", "--file", source, "--output", out)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["category"]) for r in results] == [
        ("m1", "refill_request"),
        ("m2", "billing_question"),
    ]
    assert all(r["draft_status"] == "pending_staff_approval" for r in results)
    assert "2/2" in done.stderr  # the progress bar


def test_bad_line_is_reported_by_number_without_content(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        json.dumps({"id": "a", "message": "ok"}) + "\n" + f"{{not json {SENTINEL}\n",
        encoding="utf-8",
    )
    done = triage_cli("--provider", "rules", "--file", source)
    assert done.returncode == 2
    assert "line 2" in done.stderr
    assert SENTINEL not in done.stderr + done.stdout


def test_message_and_file_together_is_an_input_error(tmp_path: Path) -> None:
    done = triage_cli("--provider", "rules", "hello", "--file", tmp_path / "x.jsonl")
    assert done.returncode == 2
