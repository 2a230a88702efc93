"""The command line as a user runs it: a subprocess, exit codes, one-line errors, no tracebacks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinllm.samples import sample_manifest, sample_paths

CLI = [sys.executable, "-m", "clinllm.entrypoints.cli"]


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "CLINLLM_DATA_DIR": str(tmp_path / "data"),
        "CLINLLM_LOCAL__CACHE_DIR": str(tmp_path / "models"),
        **env,
    }
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )


def test_version_prints_the_package_version(tmp_path: Path) -> None:
    from clinllm import __version__

    done = run(["version"], tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == __version__


def test_providers_shows_the_chain_with_each_data_policy(tmp_path: Path) -> None:
    done = run(["providers", "--provider", "rules", "--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)
    assert row["provider"] == "rules"
    assert (row["phi_allowed"], row["local"], row["native_structured_output"]) == (True,) * 3


def test_an_unknown_command_is_an_input_error_without_a_traceback(tmp_path: Path) -> None:
    done = run(["summarise", "x.txt"], tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_unknown_provider_is_a_config_error_naming_the_setting(tmp_path: Path) -> None:
    done = run(["providers", "--provider", "bogus:x"], tmp_path)
    assert done.returncode == 3
    assert "CLINLLM_ENDPOINTS__BOGUS__BASE_URL" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_api_key_names_the_setting(tmp_path: Path) -> None:
    done = run(["extract", "x.txt", "--provider", "openai:gpt-4o-mini"], tmp_path)
    assert done.returncode == 3
    assert done.stderr.strip() == (
        "error: provider 'openai:gpt-4o-mini' needs an API key: set CLINLLM_OPENAI__API_KEY"
    )


def test_invalid_setting_value_is_named_without_echoing_it(tmp_path: Path) -> None:
    done = run(["providers"], tmp_path, CLINLLM_DEADLINE_S="soon-ish-secret")
    assert done.returncode == 3
    assert "CLINLLM_DEADLINE_S" in done.stderr
    assert "soon-ish-secret" not in done.stderr


def test_extract_writes_validated_json_and_reports_bad_files(tmp_path: Path) -> None:
    sample = next(p for p in sample_paths() if p.suffix == ".txt")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n this is not really a pdf")
    out = tmp_path / "out"
    done = run(
        ["extract", str(sample), str(broken), "--provider", "rules", "--out", str(out), "--json"],
        tmp_path,
    )
    assert done.returncode == 5, done.stderr  # partial failure: one file failed, reported
    results = {r["source"]: r for r in json.loads(done.stdout)}
    good = results[sample.name]
    assert good["status"] == "extracted"
    assert good["provider"] == "rules"
    assert good["extraction"]["procedures"], "the sample requests a procedure"
    assert results["broken.pdf"]["status"] == "failed"
    assert results["broken.pdf"]["error_type"] == "CorruptDocument"
    assert (out / f"{sample.stem}.json").is_file()
    assert "Traceback" not in done.stderr

    again = run(["extract", str(sample), "--provider", "rules", "--json"], tmp_path)
    assert json.loads(again.stdout)[0]["document_id"] == good["document_id"]  # idempotent


@pytest.mark.model
def test_providers_loads_the_small_embedded_model(tmp_path: Path) -> None:
    done = run(
        ["providers", "--provider", "local:smollm2-135m,rules", "--load", "--json"], tmp_path
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [r["provider"] for r in rows] == ["local:smollm2-135m", "rules"]
    assert all(r["phi_allowed"] and r["local"] for r in rows)


def test_audit_chain_verifies_and_exports_fhir_after_an_extraction(tmp_path: Path) -> None:
    sample = next(p for p in sample_paths() if p.suffix == ".txt")
    assert run(["extract", str(sample), "--provider", "rules"], tmp_path).returncode == 0
    verified = run(["audit", "verify"], tmp_path)
    assert verified.returncode == 0, verified.stderr
    report = json.loads(verified.stdout)
    assert report["ok"] is True
    assert report["entries"] >= 3  # ingested, extraction stored, prior_auth.extracted
    wrong = run(["audit", "verify", "--expect-head", "0" * 64], tmp_path)
    assert wrong.returncode == 1
    exported = run(["audit", "export"], tmp_path)
    events = [json.loads(line) for line in exported.stdout.splitlines()]
    assert {e["resourceType"] for e in events} == {"AuditEvent"}
    assert len(events) == report["entries"]
    expected = next(m["expected"] for m in sample_manifest() if m["file"] == sample.name)
    for value in (expected["member_id"], expected["requesting_provider"]["name"]):
        assert value not in exported.stdout  # identifiers and hashes only, never content


def test_triage_persists_the_emergency_escalation_and_audits_it(tmp_path: Path) -> None:
    from clinllm.domain.audit import AuditKey
    from clinllm.domain.review import TRIAGE_ESCALATION
    from clinllm.store import Store, make_engine

    message = "Mi papa has chest pain right now and his left arm is numb"
    done = run(["triage", "--provider", "rules", message], tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["urgency"] == "emergency"
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'clinllm.db'}")
    key = AuditKey((tmp_path / "data" / "audit-hmac.key").read_bytes().strip())
    store = Store(engine, audit_key=key)  # the key the CLI signed the chain with
    try:
        escalations = store.reviews.list(kind=TRIAGE_ESCALATION)
        assert len(escalations) == 1
        assert escalations[0].priority == 100
        assert store.audit.verify().ok
        assert store.audit.entries()
        exported = "\n".join(json.dumps(e) for e in store.audit.export_fhir())
        assert "chest pain" not in exported
        assert "numb" not in exported
    finally:
        engine.dispose()


def test_the_cli_runs_without_the_click_distribution(tmp_path: Path) -> None:
    """Typer no longer depends on click: an ``import click`` in clinllm only worked where a dev
    tool happened to install it (issue 10). Here click cannot be imported at all."""
    blocked = (
        "import sys; sys.modules['click'] = None; "
        "from clinllm.entrypoints.cli import main; sys.argv[0] = 'clinllm'; main()"
    )
    for args, code, stream in (
        (["--help"], 0, "stdout"),
        (["triage", "--no-such-option"], 2, "stderr"),
        (["providers", "--provider", "bogus:x"], 3, "stderr"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", blocked, *args],
            capture_output=True,
            text=True,
            env={**os.environ, "CLINLLM_DATA_DIR": str(tmp_path / "data")},
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        assert done.returncode == code, (args, done.stderr[-300:])
        assert "Traceback" not in done.stderr
        assert getattr(done, stream).strip()
