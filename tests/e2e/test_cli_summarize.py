"""``clinllm summarize`` as a user runs it: text, PDF and FHIR input; JSON and FHIR output."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

from clinllm.fhir import AIAST, validate_bundle
from clinllm.samples import sample_note_path
from clinllm.samples.render import text_pdf

CLI = [sys.executable, "-m", "clinllm.entrypoints.cli"]
NOTE = (
    "Clinic note 03/02/2026\n"
    "Assessment:\n1. Essential hypertension, above goal.\n2. Gout, acute flare.\n"
    "Plan:\n- Increase lisinopril from 10 mg to 20 mg daily.\n- Start colchicine 0.6 mg BID.\n"
    "- BMP in 2 weeks.\nDenies chest pain. Septic arthritis ruled out.\n"
)


def run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "CLINLLM_DATA_DIR": str(tmp_path / "data"),
        "CLINLLM_LOCAL__CACHE_DIR": str(tmp_path / "models"),
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


def test_text_pdf_and_document_reference_give_the_same_summary(tmp_path: Path) -> None:
    (tmp_path / "typed.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "printed.pdf").write_bytes(text_pdf([NOTE]))
    reference = {
        "resourceType": "DocumentReference",
        "id": "doc-1",
        "status": "current",
        "content": [
            {
                "attachment": {
                    "contentType": "text/plain",
                    "data": base64.b64encode(NOTE.encode()).decode(),
                }
            }
        ],
    }
    (tmp_path / "fhir.json").write_text(json.dumps(reference), encoding="utf-8")
    done = run(
        ["summarize", "typed.txt", "printed.pdf", "fhir.json", "--provider", "rules",
         "--out", "out"],
        tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-500:]
    assert "Traceback" not in done.stderr
    summaries = {
        p.name: json.loads(p.read_text("utf-8")) for p in (tmp_path / "out").glob("*.json")
    }
    assert set(summaries) == {"typed.summary.json", "printed.summary.json", "fhir.summary.json"}
    for result in summaries.values():
        assert result["status"] == "summarized"
        assert result["fhir_valid"] is True
        codes = {p["code"] for p in result["summary"]["problems"]}
        assert codes == {"I10", "M10.9"}
        changes = {(m["name"], m["action"]) for m in result["summary"]["medication_changes"]}
        assert changes == {("lisinopril", "dose_changed"), ("colchicine", "started")}
        assert "chest pain" in result["summary"]["negated"]


def test_fhir_format_with_patient_writes_a_valid_document_bundle(tmp_path: Path) -> None:
    done = run(
        ["summarize", str(sample_note_path()), "--format", "fhir", "--patient", "Patient/123",
         "--provider", "rules"],
        tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-500:]
    bundle = json.loads(done.stdout)
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "document"
    assert validate_bundle(bundle) == []
    resources = [e["resource"] for e in bundle["entry"]]
    subjects = {json.dumps(r["subject"]) for r in resources if "subject" in r}
    assert subjects == {json.dumps({"reference": "Patient/123"})}
    refuted = [
        r
        for r in resources
        if r["resourceType"] == "Condition"
        and r["verificationStatus"]["coding"][0]["code"] == "refuted"
    ]
    assert refuted  # "Denies chest pain, hemoptysis ..." are stated, not dropped
    # The rules alone ran: nothing is labelled as AI output, the Provenance names the engine.
    assert not any(AIAST in (r.get("meta") or {}).get("security", []) for r in resources)
    device = next(r for r in resources if r["resourceType"] == "Device")
    assert device["deviceName"][0]["name"] == "clinllm rules engine"


def test_bad_patient_reference_is_a_one_line_input_error(tmp_path: Path) -> None:
    done = run(["summarize", "x.txt", "--patient", "Bob Smith"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --patient must look like Patient/123"
