import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from clinllm.domain.evidence import Evidence
from clinllm.errors import InputError
from clinllm.fhir import (
    AIAST,
    CLINAST,
    ICD10CM,
    BundleContext,
    SummaryView,
    build_bundle,
    read_note,
    relabel_after_review,
    validate_bundle,
)

NOTE = "Assessment: Essential hypertension. Plan: start amlodipine 5 mg."


def _view(model_fields: frozenset[str] = frozenset()) -> SummaryView:
    return SummaryView(
        summary={
            "problems": [{"code": "I10", "text": "Essential (primary) hypertension"}],
            "medication_changes": [{"name": "amlodipine", "action": "started", "dose": "5 mg"}],
            "follow_up": [{"what": "recheck BP", "when": "2 weeks"}],
            "red_flags": ["BP 190/120"],
            "negated": [],
        },
        evidence={"problems[0]": (Evidence.at(NOTE, 12, 34),)},
        model_fields=model_fields,
    )


def _ctx(patient: str | None = None) -> BundleContext:
    return BundleContext(
        document_sha256="ab" * 32,
        generated_at=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        model_name="qwen2.5-coder-1.5b",
        model_version="qwen2.5-coder-1.5b-q4_k_m",
        software_version="0.1.0",
        prompt_version="note_summary/1+abc",
        patient=patient,
    )


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_bundle_validates_and_is_a_document() -> None:
    bundle = build_bundle(_view(), _ctx("Patient/123"))
    assert validate_bundle(bundle) == []
    assert bundle["entry"][0]["resource"]["resourceType"] == "Composition"
    condition = _resources(bundle, "Condition")[0]
    assert condition["code"]["coding"][0] == {
        "system": ICD10CM,
        "code": "I10",
        "display": "Essential (primary) hypertension",
    }
    assert condition["subject"] == {"reference": "Patient/123"}
    evidence = condition["code"]["extension"][0]["extension"]
    assert {"url": "offset", "valueInteger": 12} in evidence
    assert {"url": "length", "valueInteger": 22} in evidence


def test_no_patient_given_means_no_patient_invented() -> None:
    bundle = build_bundle(_view(), _ctx())
    assert validate_bundle(bundle) == []
    text = json.dumps(bundle)
    assert "Patient/" not in text
    assert "data-absent-reason" in text


def test_ids_are_deterministic() -> None:
    assert build_bundle(_view(), _ctx()) == build_bundle(_view(), _ctx())


def test_model_contributions_are_labelled_and_named_in_provenance() -> None:
    bundle = build_bundle(_view(frozenset({"problems[0]"})), _ctx())
    condition = _resources(bundle, "Condition")[0]
    statement = _resources(bundle, "MedicationStatement")[0]
    assert condition["meta"]["security"] == [AIAST]
    assert "meta" not in statement
    provenance = _resources(bundle, "Provenance")[0]
    assert provenance["policy"] == ["urn:clinllm:prompt:note_summary/1+abc"]
    device_url = provenance["agent"][0]["who"]["reference"]
    device = next(e["resource"] for e in bundle["entry"] if e["fullUrl"] == device_url)
    assert device["deviceName"][0]["name"] == "qwen2.5-coder-1.5b"
    assert [t["extension"][0]["valueUri"] for t in provenance["target"]] == ["problems[0]"]


def test_relabel_after_review_replaces_the_label_and_adds_a_provenance() -> None:
    bundle = build_bundle(_view(frozenset({"problems[0]"})), _ctx())
    reviewed = relabel_after_review(
        bundle, reviewer="nurse-7", reviewed_at=datetime(2026, 3, 2, tzinfo=UTC)
    )
    assert validate_bundle(reviewed) == []
    condition = _resources(reviewed, "Condition")[0]
    assert condition["meta"]["security"] == [CLINAST]
    provenances = _resources(reviewed, "Provenance")
    assert len(provenances) == 2
    assert provenances[1]["agent"][0]["who"]["identifier"]["value"] == "nurse-7"
    assert _resources(reviewed, "Composition")[0]["status"] == "final"
    assert _resources(bundle, "Condition")[0]["meta"]["security"] == [AIAST]  # a copy


def test_validator_rejects_a_coding_without_system() -> None:
    bundle = build_bundle(_view(), _ctx())
    _resources(bundle, "Condition")[0]["code"]["coding"][0].pop("system")
    assert any("without system" in p for p in validate_bundle(bundle))


def test_reader_decodes_document_reference_and_bundle() -> None:
    data = base64.b64encode(NOTE.encode()).decode()
    doc = {
        "resourceType": "DocumentReference",
        "status": "current",
        "content": [{"attachment": {"contentType": "text/plain", "data": data}}],
    }
    assert read_note(json.dumps(doc).encode()).data == NOTE.encode()
    wrapped = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": doc}]}
    assert read_note(json.dumps(wrapped).encode()).data == NOTE.encode()
    with pytest.raises(InputError):
        read_note(b'{"resourceType": "Patient"}')


def test_ruled_out_conditions_are_refuted_conditions_not_dropped() -> None:
    note = "Denies chest pain. PE ruled out by CTA."
    view = SummaryView(
        summary={**_view().summary, "negated": ["chest pain", "PE"]},
        evidence={
            "negated[0]": (Evidence.at(note, 7, 17),),
            "negated[1]": (Evidence.at(note, 19, 21),),
        },
        model_fields=frozenset(),
        negated_codes={"negated[1]": "I26.99"},
    )
    bundle = build_bundle(view, _ctx("Patient/123"))
    assert validate_bundle(bundle) == []
    refuted = [
        c
        for c in _resources(bundle, "Condition")
        if c["verificationStatus"]["coding"][0]["code"] == "refuted"
    ]
    assert [c["code"]["text"] for c in refuted] == ["chest pain", "PE"]
    assert all("clinicalStatus" not in c for c in refuted)  # a condition that is not there
    assert "coding" not in refuted[0]["code"]  # no code the code set did not give
    assert refuted[1]["code"]["coding"] == [
        {
            "system": ICD10CM,
            "code": "I26.99",
            "display": "Other pulmonary embolism without acute cor pulmonale",
        }
    ]
    offsets = [
        {x["url"]: x.get("valueInteger") for x in c["code"]["extension"][0]["extension"]}
        for c in refuted
    ]
    assert [(o["offset"], o["length"]) for o in offsets] == [(7, 10), (19, 2)]
    section = next(
        s for s in bundle["entry"][0]["resource"]["section"] if s["title"] == "Ruled out"
    )
    urls = {e["fullUrl"] for e in bundle["entry"] if e["resource"] in refuted}
    assert {r["reference"] for r in section["entry"]} == urls
