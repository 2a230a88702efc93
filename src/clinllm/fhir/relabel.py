"""After staff approval: replace the AI label and record the reviewer in a second Provenance.

AI Transparency on FHIR labels AI output with ``AIAST``. Once a clinician has reviewed and
approved the summary, the resources are no longer the model's assertion alone: the label is
replaced by ``CLINAST`` (clinician asserted), the Composition becomes ``final``, and a second
Provenance names the reviewer (by the identifier the review queue knows them by), the time,
and the first Provenance it follows.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from clinllm.fhir.bundle import SECURITY_SYSTEM, deterministic_uuid

__all__ = ["CLINAST", "relabel_after_review"]

CLINAST = {"system": SECURITY_SYSTEM, "code": "CLINAST", "display": "clinician asserted"}


def relabel_after_review(
    bundle: dict[str, Any], *, reviewer: str, reviewed_at: datetime
) -> dict[str, Any]:
    """A copy of ``bundle`` relabelled as reviewed, with the reviewer's Provenance appended."""
    out = copy.deepcopy(bundle)
    targets: list[dict[str, Any]] = []
    first_provenance: str | None = None
    for entry in out.get("entry") or []:
        resource = entry.get("resource") or {}
        kind = resource.get("resourceType")
        if kind == "Provenance" and first_provenance is None:
            first_provenance = entry.get("fullUrl")
            continue
        security = (resource.get("meta") or {}).get("security") or []
        if any(s.get("code") == "AIAST" for s in security):
            resource["meta"]["security"] = [
                dict(CLINAST) if s.get("code") == "AIAST" else s for s in security
            ]
            targets.append({"reference": entry["fullUrl"]})
        if kind == "Composition":
            resource["status"] = "final"
    when = reviewed_at.isoformat(timespec="seconds")
    url = f"urn:uuid:{deterministic_uuid(str(out.get('id')), 'review', reviewer, when)}"
    provenance: dict[str, Any] = {
        "resourceType": "Provenance",
        "id": url.removeprefix("urn:uuid:"),
        "target": targets or [{"reference": out["entry"][0]["fullUrl"]}],
        "recorded": when,
        "activity": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/v3-DataOperation",
                    "code": "UPDATE",
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
                            "code": "verifier",
                        }
                    ]
                },
                "who": {"identifier": {"system": "urn:clinllm:reviewer", "value": reviewer}},
            }
        ],
    }
    if first_provenance:
        provenance["entity"] = [{"role": "revision", "what": {"reference": first_provenance}}]
    out["entry"].append({"fullUrl": url, "resource": provenance})
    return out
