"""``clinllm submit``, ``clinllm worker`` and ``clinllm jobs`` as a user runs them, offline.

The embedded default: SQLite in the data dir, the rules provider, no server. Every command is
a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

CLINLLM = str(Path(sys.executable).with_name("clinllm"))


def clinllm(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLINLLM_DEFAULT_CHAIN": "rules"}
    done = subprocess.run(
        [CLINLLM, *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(done.stdout)


def test_submit_wait_runs_the_jobs_offline_and_jobs_list_shows_them(tmp_path: Path) -> None:
    refill = tmp_path / "refill.txt"
    refill.write_text("Please refill my metformin 500 mg, I have two pills left.\n")
    emergency = tmp_path / "emergency.txt"
    emergency.write_text("My husband has crushing chest pain and can't breathe.\n")
    jobs = as_json(clinllm("submit", "triage", str(refill), str(emergency), "--wait", "--json"))
    assert [j["status"] for j in jobs] == ["done", "done"]
    routes = {j["document_id"]: j["result"]["route"] for j in jobs}
    assert sorted(routes.values()) == ["accept", "escalate"]
    escalated = next(j for j in jobs if j["result"]["route"] == "escalate")
    assert escalated["result"]["escalation_item_id"] > 0

    listed = as_json(clinllm("jobs", "list", "--json"))
    assert {j["id"] for j in listed} == {j["id"] for j in jobs}
    shown = as_json(clinllm("jobs", "show", jobs[0]["id"]))
    assert shown["result"] == jobs[0]["result"]
    # the same files again: the same jobs, nothing runs twice
    again = as_json(clinllm("submit", "triage", str(refill), str(emergency), "--json"))
    assert [j["id"] for j in again] == [j["id"] for j in jobs]


def test_cancel_retry_and_a_worker_until_empty(tmp_path: Path) -> None:
    letter = tmp_path / "message.txt"
    letter.write_text("Can I get a refill of my albuterol inhaler?\n")
    (job,) = as_json(clinllm("submit", "triage", str(letter), "--json"))
    assert job["status"] == "queued"
    cancelled = as_json(clinllm("jobs", "cancel", job["id"], "--by", "ops-1"))
    assert cancelled["status"] == "cancelled"
    refused = clinllm("jobs", "cancel", job["id"], check=False)
    assert refused.returncode == 2
    assert "cannot cancel job" in refused.stderr
    assert as_json(clinllm("jobs", "retry", job["id"]))["status"] == "queued"
    clinllm("worker", "--until-empty")
    assert as_json(clinllm("jobs", "show", job["id"]))["status"] == "done"


def test_an_unreadable_file_fails_at_submit_and_queues_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = clinllm("submit", "triage", str(empty), check=False)
    assert done.returncode == 2
    unknown = clinllm("jobs", "show", "nope", check=False)  # nothing was queued
    assert unknown.returncode == 2
    assert "unknown job id nope" in unknown.stderr


def test_a_note_summary_is_a_job_like_any_workflow(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(
        "Assessment and plan:\n1. Essential hypertension, stable. Continue lisinopril 10 mg "
        "daily.\n2. Type 2 diabetes mellitus. Start metformin 500 mg twice daily.\n"
    )
    (job,) = as_json(
        clinllm("submit", "note_summary", str(note), "--patient", "Patient/9", "--wait", "--json")
    )
    assert job["kind"] == "run:note_summary"
    assert job["status"] == "done", job
    assert job["result"]["workflow"] == "note_summary"
    assert job["result"]["extraction_id"] > 0
    assert "lisinopril" not in json.dumps(job)  # the job holds identifiers, never content
