"""Note-summary Bundles under two independent FHIR R4 validators, and the reader on HL7's examples.

The product path validates with ``fhir.resources`` (R4B models plus the document rules of
:mod:`clinllm.fhir.validate`). Here the same Bundles also go through Medplum's validator (R4
StructureDefinitions, every FHIRPath invariant) with a check of every required binding against
the official R4 value sets (``tests/fhir_node/validate.mjs``), in one Node process for all of
them. The reader runs over the official R4 DocumentReference and Bundle examples of the
``hl7.fhir.r4.examples`` package (CC0), read from the installed package, never committed.

Node packages are installed by ``scripts/dev.py`` into ``.venv/fhir-node``; without Node the
tests skip with the reason. Failures name case ids and paths, never note content.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from clinllm.errors import InputError
from clinllm.fhir import BundleContext, SummaryView, build_bundle, read_note, relabel_after_review
from clinllm.fhir import validate_bundle as product_validate
from clinllm.workflows.note_summary.merge import merge
from clinllm.workflows.note_summary.rules import recognize

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "fhir_node" / "validate.mjs"
MODULES = Path(os.environ.get("CLINLLM_FHIR_NODE_MODULES", ROOT / ".venv/fhir-node/node_modules"))
EXAMPLES = MODULES / "hl7.fhir.r4.examples"
CORPORA = {
    "dev": ROOT.parent / "shared" / "data" / "dev" / "note_summary.jsonl",
    "tune": ROOT / "evals" / "data" / "tune" / "note_summary.jsonl",
}
#: Every n-th note of each corpus (all of them with CLINLLM_FHIR_ALL=1: ~1 min more).
STRIDE = 1 if os.environ.get("CLINLLM_FHIR_ALL") else 4

needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not (MODULES / "@medplum" / "core").is_dir(),
    reason="Node or the test-only FHIR packages are missing (scripts/dev.py installs them)",
)


def _second_validator(resources: list[dict[str, Any]]) -> list[list[str]]:
    """Issues per resource from the Node validator (one process for all)."""
    done = subprocess.run(
        ["node", str(SCRIPT), str(MODULES)],
        input=json.dumps(resources),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["i"] for r in rows] == list(range(len(resources)))
    assert not any(r["unchecked"] for r in rows), "a required value set could not be expanded"
    return [r["issues"] for r in rows]


def _context(patient: str | None) -> BundleContext:
    return BundleContext(
        document_sha256="c0" * 32,
        generated_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        model_name="qwen2.5-coder-1.5b",
        model_version="qwen2.5-coder-1.5b-instruct-q4_k_m",
        software_version="0.1.0",
        prompt_version="note_summary/test",
        patient=patient,
    )


@cache
def _note_bundles() -> tuple[tuple[str, dict[str, Any]], ...]:
    """(label, Bundle) for a sample of dev and tune notes, in three shapes each."""
    out: list[tuple[str, dict[str, Any]]] = []
    for _name, path in CORPORA.items():
        if not path.exists():
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        for row in rows[::STRIDE]:
            text = row["input"]["text"]
            merged = merge(text, recognize(text))
            summary = merged.summary.model_dump(mode="json")
            rules_view = SummaryView(summary, merged.evidence, frozenset(), merged.negated_codes)
            # As if the model had contributed to every item: every resource carries AIAST.
            model_view = SummaryView(
                summary, merged.evidence, frozenset(merged.evidence), merged.negated_codes
            )
            plain = build_bundle(rules_view, _context(None))
            labelled = build_bundle(model_view, _context("Patient/123"))
            reviewed = relabel_after_review(
                labelled, reviewer="reviewer-7", reviewed_at=datetime(2026, 3, 3, tzinfo=UTC)
            )
            out += [
                (f"{row['id']}/rules", plain),
                (f"{row['id']}/model", labelled),
                (f"{row['id']}/reviewed", reviewed),
            ]
    return tuple(out)


@needs_node
def test_note_bundles_are_valid_under_both_validators() -> None:
    bundles = _note_bundles()
    assert len(bundles) >= 3 * 30
    assert any(  # refuted conditions are part of what is validated
        e["resource"].get("verificationStatus", {}).get("coding", [{}])[0].get("code") == "refuted"
        for _, b in bundles
        for e in b["entry"]
    )
    product = {label: product_validate(b) for label, b in bundles}
    labels = [label for label, _ in bundles]
    second = dict(zip(labels, _second_validator([b for _, b in bundles]), strict=True))
    assert {k: v for k, v in product.items() if v} == {}
    assert {k: v for k, v in second.items() if v} == {}


def _corrupt(bundle: dict[str, Any], kind: str, mutate: Any) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    for entry in out["entry"]:
        if entry["resource"]["resourceType"] == kind:
            mutate(entry["resource"])
            return out
    raise AssertionError(f"no {kind} in the Bundle")


@needs_node
def test_second_validator_catches_bad_codes_and_broken_invariants() -> None:
    base = next(b for label, b in _note_bundles() if label.endswith("/model"))
    kinds = {e["resource"]["resourceType"] for e in base["entry"]}
    assert {"Condition", "MedicationStatement", "CarePlan", "Provenance", "Device"} <= kinds
    broken = [
        _corrupt(base, "Composition", lambda r: r.update(status="draft")),
        _corrupt(base, "MedicationStatement", lambda r: r.update(status="paused")),
        _corrupt(
            base,
            "Condition",
            lambda r: r["clinicalStatus"]["coding"][0].update(code="cured"),
        ),
        _corrupt(base, "CarePlan", lambda r: r["activity"][0]["detail"].update(status="later")),
        _corrupt(base, "Provenance", lambda r: r["entity"][0].update(role="origin")),
        _corrupt(base, "Device", lambda r: r["deviceName"][0].update(type="brand-name")),
        {**base, "identifier": {}},  # bdl-9: a document needs an identifier
    ]
    issues = _second_validator(broken)
    where = [
        "code draft not in required value set http://hl7.org/fhir/ValueSet/composition-status",
        "code paused not in required value set",
        "clinicalStatus: no coding from required value set",
        "detail.status",
        "entity[0].role",
        "deviceName[0].type",
        "bdl-9",
    ]
    for found, expected in zip(issues, where, strict=True):
        assert any(expected in i for i in found), (expected, found)


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="hl7.fhir.r4.examples is not installed")
def test_reader_over_the_official_r4_examples() -> None:
    names = sorted(
        p.name for p in EXAMPLES.iterdir() if p.name.startswith(("DocumentReference-", "Bundle-"))
    )
    assert "DocumentReference-example.json" in names
    assert len(names) > 40
    read: dict[str, bytes] = {}
    refused: dict[str, str] = {}
    for name in names:
        try:
            read[name] = read_note((EXAMPLES / name).read_bytes()).data
        except InputError as exc:  # never another exception type
            refused[name] = str(exc)
    # The XDS example carries its document as a Binary in the same Bundle: read, not fetched.
    assert read == {"Bundle-xds.json": b"asdasdasdasdasd"}
    # The DocumentReference example points at a url outside: refused, never downloaded.
    assert "url is never fetched" in refused["DocumentReference-example.json"]
    assert all("no DocumentReference" in why or "never fetched" in why for why in refused.values())


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="hl7.fhir.r4.examples is not installed")
def test_official_document_reference_with_inline_note_is_read() -> None:
    official = json.loads((EXAMPLES / "DocumentReference-example.json").read_text("utf-8"))
    note = b"Assessment: Essential hypertension.\nPlan: start amlodipine 5 mg daily.\n"
    attachment = official["content"][0]["attachment"]
    attachment.pop("url")
    attachment.update(contentType="text/plain", data=base64.b64encode(note).decode())
    got = read_note(json.dumps(official).encode())
    assert (got.data, got.content_type, got.document_id) == (note, "text/plain", "example")
