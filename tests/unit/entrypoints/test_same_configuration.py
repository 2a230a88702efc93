"""``clinllm eval`` measures the configuration ``clinllm extract`` runs.

Both commands are run in-process with the composition root wrapped so that every app they build
is kept; the configurations of the two apps must be equal (same spec, call policy, chain, code
table, screen), and the same document must come out the same through both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clinllm import bootstrap
from clinllm.entrypoints.cli import app as cli

DOC = """\
Lakeside Health Plan - Imaging Prior Authorization        Date: 03/02/2026
Patient: Jane Q. Sample          DOB: 01/02/1970
Member ID: LHP-1234-5678
Ordering provider: Maria Okafor, MD      NPI: 1245319599
Requested service: MRI lumbar spine without contrast (CPT 72148)
Diagnosis: M54.16 Radiculopathy, lumbar region
Requested date of service: 03/14/2026

Clinical summary: 57 y/o with ten weeks of radicular pain, failed 6 weeks of PT and NSAIDs.
"""


def test_eval_and_extract_build_the_same_configuration_and_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: dict[str, Any] = {}

    def recording(where: str) -> Any:
        def build(*args: Any, **kwargs: Any) -> bootstrap.App:
            app = bootstrap.build_app(*args, **kwargs)
            built[where] = app
            return app

        return build

    monkeypatch.setattr("clinllm.entrypoints.commands.extract.build_app", recording("extract"))
    monkeypatch.setattr("clinllm.entrypoints.commands.eval.build_app", recording("eval"))
    monkeypatch.setenv("CLINLLM_DATA_DIR", str(tmp_path / "data"))
    doc = tmp_path / "letter.txt"
    doc.write_text(DOC, encoding="utf-8")
    data = tmp_path / "set"
    data.mkdir()
    expected = {
        "procedures": [{"code": "72148", "system": "CPT"}],
        "diagnoses": [{"code": "M54.16"}],
        "medications": [],
        "payer": "Lakeside Health Plan",
        "member_id": "LHP-1234-5678",
        "requesting_provider": {"name": "Maria Okafor", "npi": "1245319599"},
        "service_date": "2026-03-14",
        "deadline": None,
        "urgency": "standard",
        "payer_requirements": [],
        "missing_fields": [],
    }
    row = {"id": "one", "input": {"text": DOC}, "expected": expected}
    (data / "prior_auth.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    runner = CliRunner()

    extracted = runner.invoke(cli, ["extract", str(doc), "--provider", "rules", "--json"])
    assert extracted.exit_code == 0, extracted.output
    report = tmp_path / "r.json"
    args = ["eval", "run", "--suite", "prior_auth", "--data", str(data), "--provider", "rules"]
    measured = runner.invoke(cli, [*args, "--out", str(report)])
    assert measured.exit_code == 0, measured.output

    assert built["extract"].store is not None  # extract persists ...
    assert built["eval"].store is None  # ... eval keeps its records in memory
    assert built["extract"].config("prior_auth") == built["eval"].config("prior_auth")

    (result,) = json.loads(extracted.stdout[extracted.stdout.index("[") :])
    (case,) = json.loads(report.read_text(encoding="utf-8"))["cases"]
    assert case["passed"]
    produced = case["produced"]
    assert produced is not None
    for key, value in produced.items():
        assert result["extraction"][key] == value, key
