"""Data integrity through the command line, as a user meets it (``clinllm`` as a subprocess).

The audit chain verifies, notices an emergency edited to routine in the decisions table, and
anchors its head; read-only commands never create a database; files are private; the same
message run twice (or by two processes at once) is one decision and one escalation; database
misconfiguration is exit 3 and a value the database refuses is exit 2. SQLite always,
PostgreSQL (database ``integrity_test``) when reachable.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from clinllm.store import make_engine
from clinllm.store.testing import postgres_unavailable_reason, test_postgres_url

SENTINEL = "Zebulon Quixfeather"
EMERGENCY = f"{SENTINEL} here: my 5 week old has a fever of 38.6 since this morning"


def clinllm(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clinllm.entrypoints.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, **(env or {})},
    )


def data_dir() -> Path:
    return Path(os.environ["CLINLLM_DATA_DIR"])


def sqlite_db() -> sqlite3.Connection:
    return sqlite3.connect(data_dir() / "clinllm.db")


def test_verify_finds_an_emergency_edited_to_routine() -> None:
    done = clinllm("triage", "--provider", "rules", EMERGENCY)
    assert done.returncode == 0, done.stderr
    decision = json.loads(done.stdout)
    assert decision["urgency"] == "emergency"
    verified = clinllm("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    report = json.loads(verified.stdout)
    assert report["ok"]
    assert report["records_checked"] >= 3

    with sqlite_db() as db:
        (payload,) = db.execute(
            "SELECT payload FROM extractions WHERE id = ?", (decision["decision_id"],)
        ).fetchone()
        edited = json.loads(payload) | {"urgency": "routine"}
        db.execute(
            "UPDATE extractions SET payload = ? WHERE id = ?",
            (json.dumps(edited), decision["decision_id"]),
        )
    tampered = clinllm("audit", "verify")
    assert tampered.returncode == 1
    reason = json.loads(tampered.stdout)["reason"]
    assert f"extraction {decision['decision_id']} differs from its audit event" in reason
    assert SENTINEL not in tampered.stdout + tampered.stderr


def test_audit_rows_keep_no_plain_hash_of_the_message() -> None:
    import hashlib

    done = clinllm("triage", "--provider", "rules", EMERGENCY)
    assert done.returncode == 0, done.stderr
    plain = hashlib.sha256(EMERGENCY.encode()).hexdigest()
    with sqlite_db() as db:
        dumped = "\n".join(str(row) for row in db.execute("SELECT * FROM audit_log"))
        keys = [row[0] for row in db.execute("SELECT DISTINCT key_id FROM audit_log")]
    assert dumped.count("doc_hashes") == 0  # rows, not column names
    assert plain not in dumped
    assert len(keys) == 1
    assert keys[0] is not None


def test_anchor_then_a_cut_tail_is_found(tmp_path: Path) -> None:
    assert clinllm("triage", "--provider", "rules", EMERGENCY).returncode == 0
    anchor = tmp_path / "anchor.json"
    made = clinllm("audit", "anchor", "--out", anchor)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(anchor.stat().st_mode) == 0o600
    assert json.loads(anchor.read_text())["format"] == "clinllm-audit-anchor/1"
    assert clinllm("audit", "verify", "--anchor", anchor).returncode == 0
    head = json.loads(clinllm("audit", "verify").stdout)["head_hash"]
    assert clinllm("audit", "verify", "--expect-head", head).returncode == 0

    with sqlite_db() as db:
        db.execute("DROP TRIGGER audit_log_no_delete")
        db.execute("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)")
    cut = clinllm("audit", "verify", "--anchor", anchor)
    assert cut.returncode == 1
    assert clinllm("audit", "verify", "--expect-head", head).returncode == 1


def test_read_only_commands_on_a_missing_database_create_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "clinlm.db"
    env = {"CLINLLM_DATABASE_URL": f"sqlite:///{missing}"}
    for command in (
        ("audit", "verify"),
        ("audit", "export"),
        ("audit", "anchor"),
        ("review", "list"),
        ("review", "show", "1"),
    ):
        done = clinllm(*command, env=env)
        assert done.returncode == 3, (command, done.stderr)
        assert "CLINLLM_DATABASE_URL" in done.stderr
        assert "Traceback" not in done.stderr
    assert not missing.exists()
    assert not missing.parent.exists()
    assert not (data_dir() / "audit-hmac.key").exists()


def test_files_the_tool_creates_are_private(tmp_path: Path) -> None:
    out = tmp_path / "decisions.jsonl"
    source = tmp_path / "messages.jsonl"
    source.write_text(json.dumps({"id": "m1", "message": EMERGENCY}) + "\n", encoding="utf-8")
    done = clinllm("triage", "--provider", "rules", "--file", source, "--output", out)
    assert done.returncode == 0, done.stderr
    export = tmp_path / "audit.jsonl"
    assert clinllm("audit", "export", "--out", export).returncode == 0
    modes = {
        "data dir": stat.S_IMODE(data_dir().stat().st_mode),
        "database": stat.S_IMODE((data_dir() / "clinllm.db").stat().st_mode),
        "audit key": stat.S_IMODE((data_dir() / "audit-hmac.key").stat().st_mode),
        "output": stat.S_IMODE(out.stat().st_mode),
        "export": stat.S_IMODE(export.stat().st_mode),
    }
    assert modes == {
        "data dir": 0o700,
        "database": 0o600,
        "audit key": 0o600,
        "output": 0o600,
        "export": 0o600,
    }


def _counts(query: str) -> int:
    with sqlite_db() as db:
        return int(db.execute(query).fetchone()[0])


def _run_twice_at_once(env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "clinllm.entrypoints.cli", "triage", "--provider", "rules"]
    processes = [
        subprocess.Popen(
            [*command, EMERGENCY],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
        for _ in range(2)
    ]
    for process in processes:
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err


def test_the_same_message_is_one_decision_and_one_escalation() -> None:
    first = json.loads(clinllm("triage", "--provider", "rules", EMERGENCY).stdout)
    # The nurse acknowledges it; the message is then sent again.
    acked = clinllm("review", "accept", str(first["escalation"]["id"]), "--by", "nurse.kim")
    assert acked.returncode == 0, acked.stderr
    second = json.loads(clinllm("triage", "--provider", "rules", EMERGENCY).stdout)
    assert second["decision_id"] == first["decision_id"]
    assert second["escalation"]["id"] == first["escalation"]["id"]
    assert _counts("SELECT COUNT(*) FROM extractions WHERE workflow = 'triage'") == 1
    assert _counts("SELECT COUNT(*) FROM review_queue WHERE kind = 'triage.escalation'") == 1
    assert clinllm("audit", "verify").returncode == 0


def test_two_processes_at_once_store_one_decision_on_sqlite() -> None:
    _run_twice_at_once()
    assert _counts("SELECT COUNT(*) FROM extractions WHERE workflow = 'triage'") == 1
    assert _counts("SELECT COUNT(*) FROM review_queue WHERE kind = 'triage.escalation'") == 1
    assert clinllm("audit", "verify").returncode == 0


@pytest.fixture
def postgres_env() -> Iterator[dict[str, str]]:
    reason = postgres_unavailable_reason()
    if reason is not None:
        print(reason)
        pytest.skip(reason)
    url = make_url(test_postgres_url())
    admin = make_engine(url.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    database = "integrity_test"
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {database}"))
    try:
        target = url.set(database=database).render_as_string(hide_password=False)
        yield {"CLINLLM_DATABASE_URL": target}
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        admin.dispose()


@pytest.mark.postgres
def test_two_processes_at_once_store_one_decision_on_postgres(
    postgres_env: dict[str, str],
) -> None:
    assert clinllm("triage", "--provider", "rules", "warm up the schema", env=postgres_env)
    _run_twice_at_once(postgres_env)
    engine = make_engine(postgres_env["CLINLLM_DATABASE_URL"])
    try:
        with engine.connect() as connection:
            decisions = connection.execute(
                text("SELECT COUNT(*) FROM extractions WHERE workflow = 'triage'")
            ).scalar_one()
            escalations = connection.execute(
                text("SELECT COUNT(*) FROM review_queue WHERE kind = 'triage.escalation'")
            ).scalar_one()
    finally:
        engine.dispose()
    assert (decisions, escalations) == (2, 1)  # the warm-up message, and the emergency once
    assert clinllm("audit", "verify", env=postgres_env).returncode == 0


@pytest.mark.postgres
def test_a_value_postgres_refuses_is_an_input_error(postgres_env: dict[str, str]) -> None:
    done = clinllm("review", "claim", str(2**40), "--by", "rev.lee", env=postgres_env)
    assert done.returncode == 2, done.stderr
    assert "refused a value" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unreachable_database_is_a_configuration_error() -> None:
    env = {"CLINLLM_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/nothing"}
    done = clinllm("audit", "verify", env=env)
    assert done.returncode == 3, done.stderr
    assert "CLINLLM_DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr
    done = clinllm("triage", "--provider", "rules", "hello", env=env)
    assert done.returncode == 3, done.stderr


def test_a_blank_reviewer_is_refused() -> None:
    first = json.loads(clinllm("triage", "--provider", "rules", EMERGENCY).stdout)
    for blank in ("", "   ", "\t"):
        done = clinllm("review", "claim", str(first["escalation"]["id"]), "--by", blank)
        assert done.returncode == 2, (blank, done.stderr)
        assert "reviewer id is required" in done.stderr
    shown = json.loads(clinllm("review", "show", str(first["escalation"]["id"])).stdout)
    assert shown["item"]["status"] == "pending"
