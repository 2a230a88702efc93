"""The same input at the same time: from two processes (CLI) and from one (API, gathered).

Each run ends cleanly (a result, never a traceback or an internal error from a unique
constraint), the database keeps one document per content hash, and the audit chain verifies.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import clinllm
from clinllm.settings import Settings

from .hostile import SENTINEL, letter


def test_two_processes_extracting_the_same_files_at_once_both_succeed(tmp_path: Path) -> None:
    files = []
    for n in range(3):
        path = tmp_path / f"dup{n}.txt"
        path.write_text(letter() + f"\nCopy {n}\n", encoding="utf-8")
        files.append(str(path))
    env = {**os.environ, "CLINLLM_DATA_DIR": str(tmp_path / "data")}
    env.pop("CLINLLM_DATABASE_URL", None)
    # No database yet: both processes race on creating and migrating it (SQLite's switch to WAL
    # answers "locked" at once, without the busy timeout), then on the rows.
    command = [sys.executable, "-m", "clinllm.entrypoints.cli", "extract", "--provider", "rules"]
    procs = [
        subprocess.Popen(
            [*command, *files], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=180) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-1500:]
        assert "Traceback" not in err
        assert SENTINEL not in err
    with sqlite3.connect(tmp_path / "data" / "clinllm.db") as db:
        per_hash = db.execute(
            "SELECT count(*) FROM documents GROUP BY sha256 HAVING count(*) > 1"
        ).fetchall()
        documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert per_hash == []
    assert documents == 3
    verify = subprocess.run(
        [sys.executable, "-m", "clinllm.entrypoints.cli", "audit", "verify"],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert verify.returncode == 0, verify.stderr


def test_the_same_message_gathered_ten_times_ends_cleanly(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", default_chain=("rules",))
    message = f"{SENTINEL}: my 5 week old has a fever of 38.6"

    async def run() -> list[object]:
        async with clinllm.open_app(settings) as app:
            return list(
                await asyncio.gather(
                    *(app.run("triage", message) for _ in range(10)), return_exceptions=True
                )
            )

    results = asyncio.run(run())
    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == []
    assert {r.output.urgency for r in results} == {"emergency"}  # type: ignore[attr-defined]
    with sqlite3.connect(tmp_path / "data" / "clinllm.db") as db:
        documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert documents == 1
