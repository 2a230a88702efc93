"""Map a note summary to a FHIR R4 document Bundle, labelled as AI output, with Provenance.

Nothing is invented. Every element comes from a grounded value (the note's words, with an
evidence extension: document, offset, length), a code-set lookup (ICD-10-CM code and its
description) or the request (the patient reference only when the caller gives one; without
it the required ``subject`` carries the standard ``data-absent-reason`` extension). Ids are
deterministic: a UUID derived from the SHA-256 of the source document, the summary and the
element's path, written as ``urn:uuid:`` fullUrls, so the same note summarized the same way
gives the same Bundle. Timestamps are the time the Bundle was made.

AI Transparency on FHIR: every resource a model contributed to carries ``meta.security``
``v3-ObservationValue#AIAST``; the Provenance names the model as a Device agent (name,
version), the prompt version (``policy``), the source document (``entity``) and which
elements the model produced (``target`` with the ``targetElement`` extension).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clinllm.codes import icd10cm
from clinllm.domain.evidence import Evidence
from clinllm.domain.hashing import canonical_json, sha256_hex

__all__ = [
    "AIAST",
    "EVIDENCE_URL",
    "ICD10CM",
    "SECURITY_SYSTEM",
    "BundleContext",
    "SummaryView",
    "build_bundle",
    "deterministic_uuid",
]

ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
SECURITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue"
AIAST = {"system": SECURITY_SYSTEM, "code": "AIAST", "display": "Artificial Intelligence asserted"}
#: Our evidence extension (a URN: clinllm owns no web domain to publish it under).
EVIDENCE_URL = "urn:clinllm:fhir:StructureDefinition:evidence"
_DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
_TARGET_ELEMENT = "http://hl7.org/fhir/StructureDefinition/targetElement"
_LOINC = "http://loinc.org"
_DOC_SYSTEM = "urn:ietf:rfc:3986"


@dataclass(frozen=True, slots=True)
class BundleContext:
    """What the Bundle needs besides the summary.

    Attributes:
        document_sha256: SHA-256 of the source document's bytes (its identity).
        generated_at: When the summary was made (aware datetime).
        model_name: The model that contributed (None when the rules alone ran).
        model_version: The model's version string as the provider reported it.
        software_version: clinllm's version (the rules engine's version).
        prompt_version: Version of the instructions and schema.
        patient: ``Patient/123`` when the caller supplied one, else None.
        encounter: ``Encounter/456`` when the caller supplied one, else None.
    """

    document_sha256: str
    generated_at: datetime
    model_name: str | None
    model_version: str | None
    software_version: str
    prompt_version: str
    patient: str | None = None
    encounter: str | None = None


@dataclass(frozen=True, slots=True)
class SummaryView:
    """The parts of a summary outcome the mapper reads (see ``NoteSummaryOutcome``)."""

    summary: Mapping[str, Any]
    evidence: Mapping[str, Sequence[Evidence]]
    model_fields: frozenset[str]
    negated_codes: Mapping[str, str] = field(default_factory=dict)
    """ICD-10-CM code of a ruled-out condition by path (``negated[0]``), when there is one."""


def deterministic_uuid(*parts: str) -> str:
    """A UUID (version-5 layout) from the SHA-256 of ``parts``: same input, same id."""
    digest = bytes.fromhex(sha256_hex("\x1f".join(parts)))[:16]
    return str(uuid.UUID(bytes=digest, version=5))


class _Builder:
    def __init__(self, view: SummaryView, ctx: BundleContext) -> None:
        self.view = view
        self.ctx = ctx
        self.seed = sha256_hex(ctx.document_sha256 + canonical_json(dict(view.summary)))
        self.when = ctx.generated_at.isoformat(timespec="seconds")
        self.entries: list[dict[str, Any]] = []
        self.model_targets: list[tuple[str, str]] = []

    def url(self, path: str) -> str:
        return f"urn:uuid:{deterministic_uuid(self.seed, path, self.ctx.prompt_version)}"

    def doc_ref(self) -> dict[str, Any]:
        return {
            "identifier": {
                "system": _DOC_SYSTEM,
                "value": f"urn:clinllm:document:sha256:{self.ctx.document_sha256}",
            }
        }

    def evidence(self, path: str) -> list[dict[str, Any]]:
        return [
            {
                "url": EVIDENCE_URL,
                "extension": [
                    {"url": "document", "valueReference": self.doc_ref()},
                    {"url": "offset", "valueInteger": ev.start},
                    {"url": "length", "valueInteger": ev.end - ev.start},
                ],
            }
            for ev in self.view.evidence.get(path, ())
        ]

    def subject(self) -> dict[str, Any]:
        if self.ctx.patient:
            return {"reference": self.ctx.patient}
        return {"extension": [{"url": _DATA_ABSENT, "valueCode": "unknown"}]}

    def add(self, path: str, resource: dict[str, Any]) -> str:
        full = self.url(path)
        resource["id"] = full.removeprefix("urn:uuid:")
        if path in self.view.model_fields:
            resource["meta"] = {"security": [dict(AIAST)]}
            self.model_targets.append((full, path))
        self.entries.append({"fullUrl": full, "resource": resource})
        return full


def _condition(b: _Builder, i: int, problem: Mapping[str, Any]) -> dict[str, Any]:
    path = f"problems[{i}]"
    code = str(problem["code"])
    coding: dict[str, Any] = {"system": ICD10CM, "code": code}
    display = icd10cm.description(code)
    if display:
        coding["display"] = display
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active",
                }
            ]
        },
        "verificationStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "code": "confirmed",
                }
            ]
        },
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                        "code": "encounter-diagnosis",
                    }
                ]
            }
        ],
        "code": {"coding": [coding], "text": str(problem["text"])},
        "subject": b.subject(),
        "recordedDate": b.when,
    }
    ext = b.evidence(path)
    if ext:
        resource["code"]["extension"] = ext
    if b.ctx.encounter:
        resource["encounter"] = {"reference": b.ctx.encounter}
    return resource


def _refuted(b: _Builder, i: int, words: str) -> dict[str, Any]:
    """A condition the note denies or rules out, stated as ``refuted`` rather than dropped.

    No clinical status: a condition that is not there has none (and R4 asks for one only on
    problem-list items). The code comes from the code set when it explains the words well;
    otherwise the note's words stand alone as ``code.text``.
    """
    path = f"negated[{i}]"
    code: dict[str, Any] = {"text": words}
    icd = b.view.negated_codes.get(path)
    if icd:
        coding: dict[str, Any] = {"system": ICD10CM, "code": icd}
        display = icd10cm.description(icd)
        if display:
            coding["display"] = display
        code["coding"] = [coding]
    ext = b.evidence(path)
    if ext:
        code["extension"] = ext
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        "verificationStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "code": "refuted",
                }
            ]
        },
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                        "code": "encounter-diagnosis",
                    }
                ]
            }
        ],
        "code": code,
        "subject": b.subject(),
        "recordedDate": b.when,
    }
    if b.ctx.encounter:
        resource["encounter"] = {"reference": b.ctx.encounter}
    return resource


_MED_STATUS = {
    "started": "active",
    "continued": "active",
    "dose_changed": "active",
    "stopped": "stopped",
}


def _medication(b: _Builder, i: int, change: Mapping[str, Any]) -> dict[str, Any]:
    path = f"medication_changes[{i}]"
    resource: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "status": _MED_STATUS[str(change["action"])],
        "medicationCodeableConcept": {"text": str(change["name"])},
        "subject": b.subject(),
        "dateAsserted": b.when,
        "note": [{"text": f"action: {change['action']}"}],
    }
    ext = b.evidence(path)
    if ext:
        resource["medicationCodeableConcept"]["extension"] = ext
    if change.get("dose"):
        resource["dosage"] = [{"text": str(change["dose"])}]
    if b.ctx.encounter:
        resource["context"] = {"reference": b.ctx.encounter}
    return resource


def _care_plan(b: _Builder, items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    activities = []
    for i, item in enumerate(items):
        description = str(item["what"])
        if item.get("when"):
            description = f"{description} ({item['when']})"
        detail: dict[str, Any] = {"status": "not-started", "description": description}
        ext = b.evidence(f"follow_up[{i}]")
        if ext:
            detail["extension"] = ext
        activities.append({"detail": detail})
    return {
        "resourceType": "CarePlan",
        "status": "draft",
        "intent": "plan",
        "title": "Follow-up from the note",
        "subject": b.subject(),
        "created": b.when,
        "activity": activities,
    }


def _flag(b: _Builder, i: int, text: str) -> dict[str, Any]:
    code: dict[str, Any] = {"text": text}
    ext = b.evidence(f"red_flags[{i}]")
    if ext:
        code["extension"] = ext
    return {"resourceType": "Flag", "status": "active", "code": code, "subject": b.subject()}


def _section(title: str, loinc: str, display: str, refs: list[str]) -> dict[str, Any]:
    return {
        "title": title,
        "code": {"coding": [{"system": _LOINC, "code": loinc, "display": display}]},
        "entry": [{"reference": r} for r in refs],
    }


def _device(b: _Builder) -> tuple[str, dict[str, Any]]:
    name = b.ctx.model_name or "clinllm rules engine"
    version = b.ctx.model_version or b.ctx.software_version
    device: dict[str, Any] = {
        "resourceType": "Device",
        "deviceName": [{"name": name, "type": "model-name"}],
        "version": [{"value": version}],
    }
    if b.ctx.model_name:
        device["meta"] = {"security": [dict(AIAST)]}
    full = b.url("device")
    device["id"] = full.removeprefix("urn:uuid:")
    b.entries.append({"fullUrl": full, "resource": device})
    return full, device


def _provenance(b: _Builder, device_url: str) -> dict[str, Any]:
    produced = b.model_targets or [(e["fullUrl"], "") for e in b.entries[:0]]
    targets = []
    for url, path in produced:
        target: dict[str, Any] = {"reference": url}
        if path:
            target["extension"] = [{"url": _TARGET_ELEMENT, "valueUri": path}]
        targets.append(target)
    if not targets:
        # The rules alone: the Provenance still says which software produced the summary.
        targets = [{"reference": b.entries[0]["fullUrl"]}]
    return {
        "resourceType": "Provenance",
        "target": targets,
        "recorded": b.when,
        "policy": [f"urn:clinllm:prompt:{b.ctx.prompt_version}"],
        "activity": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/v3-DataOperation",
                    "code": "CREATE",
                }
            ]
        },
        "agent": [
            {
                "type": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/"
                            "provenance-participant-type",
                            "code": "author",
                        }
                    ]
                },
                "who": {"reference": device_url},
            }
        ],
        "entity": [{"role": "source", "what": b.doc_ref()}],
    }


def build_bundle(view: SummaryView, ctx: BundleContext) -> dict[str, Any]:
    """The FHIR R4 document Bundle (a JSON-ready dict) for one summary."""
    b = _Builder(view, ctx)
    summary = view.summary
    problems = [
        b.add(f"problems[{i}]", _condition(b, i, p))
        for i, p in enumerate(summary.get("problems") or [])
    ]
    meds = [
        b.add(f"medication_changes[{i}]", _medication(b, i, m))
        for i, m in enumerate(summary.get("medication_changes") or [])
    ]
    plan: list[str] = []
    follow = list(summary.get("follow_up") or [])
    if follow:
        plan_path = "follow_up"
        if any(k.startswith("follow_up[") for k in view.model_fields):
            view = dataclasses.replace(view, model_fields=view.model_fields | {plan_path})
            b.view = view
        plan.append(b.add(plan_path, _care_plan(b, follow)))
    flags = [
        b.add(f"red_flags[{i}]", _flag(b, i, str(r)))
        for i, r in enumerate(summary.get("red_flags") or [])
    ]
    refuted = [
        b.add(f"negated[{i}]", _refuted(b, i, str(words)))
        for i, words in enumerate(summary.get("negated") or [])
    ]
    device_url, _ = _device(b)
    sections = [
        s
        for s in (
            _section("Problems", "11450-4", "Problem list - Reported", problems),
            _section("Medications", "10160-0", "History of Medication use Narrative", meds),
            _section("Plan of care", "18776-5", "Plan of care note", plan),
            _section("Alerts", "104605-1", "Alert", flags),
            {"title": "Ruled out", "entry": [{"reference": r} for r in refuted]},
        )
        if s["entry"]
    ]
    composition: dict[str, Any] = {
        "resourceType": "Composition",
        "status": "preliminary",
        "type": {"coding": [{"system": _LOINC, "code": "34109-9", "display": "Note"}]},
        "date": b.when,
        "author": [{"reference": device_url}],
        "title": "Clinical note summary",
        "relatesTo": [],
    }
    del composition["relatesTo"]
    if ctx.patient:
        composition["subject"] = {"reference": ctx.patient}
    if ctx.encounter:
        composition["encounter"] = {"reference": ctx.encounter}
    if sections:
        composition["section"] = sections
    comp_url = b.url("composition")
    composition["id"] = comp_url.removeprefix("urn:uuid:")
    if view.model_fields:
        composition["meta"] = {"security": [dict(AIAST)]}
    provenance = _provenance(b, device_url)
    prov_url = b.url("provenance")
    provenance["id"] = prov_url.removeprefix("urn:uuid:")
    bundle_id = deterministic_uuid(b.seed, "bundle", ctx.prompt_version)
    return {
        "resourceType": "Bundle",
        "id": bundle_id,
        "identifier": {"system": _DOC_SYSTEM, "value": f"urn:uuid:{bundle_id}"},
        "type": "document",
        "timestamp": b.when,
        "entry": [
            {"fullUrl": comp_url, "resource": composition},
            *b.entries,
            {"fullUrl": prov_url, "resource": provenance},
        ],
    }
