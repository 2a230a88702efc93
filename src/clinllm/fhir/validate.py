"""Validate a Bundle with ``fhir.resources`` before it leaves (the product path's validator).

``fhir.resources`` 8 ships R5 at its top level and the R4-era models under
``fhir.resources.R4B``; there is no exact R4 (4.0.1) package. For the resources this module
emits, R4B and R4 agree (Condition, MedicationStatement, CarePlan, Flag, Provenance, Device,
Composition, Bundle); the R4B-only additions are never used. On top of the model validation,
the document-Bundle rules the models do not enforce are checked here: the first entry is a
Composition, the Bundle has an identifier and a timestamp (bdl-9, bdl-10), every fullUrl is
unique, every reference inside the Bundle resolves, and every coding has a ``system``.
Messages name paths and rules, never values.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

__all__ = ["validate_bundle"]


def _codings(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "coding" and isinstance(value, list):
                for i, coding in enumerate(value):
                    yield f"{path}.coding[{i}]", coding
            yield from _codings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _codings(value, f"{path}[{i}]")


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("reference")
        if isinstance(ref, str):
            yield ref
        for value in node.values():
            yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


def validate_bundle(bundle: dict[str, Any]) -> list[str]:
    """Problems with ``bundle`` (empty when it is a valid R4 document Bundle)."""
    from fhir.resources.R4B.bundle import Bundle

    problems: list[str] = []
    try:
        Bundle.model_validate(bundle)
    except ValidationError as exc:
        for error in exc.errors(include_input=False, include_url=False)[:20]:
            location = ".".join(str(p) for p in error["loc"])
            problems.append(f"{location}: {error['type']}")
    entries = bundle.get("entry") or []
    if bundle.get("type") != "document":
        problems.append("Bundle.type: not document")
    if not entries or (entries[0].get("resource") or {}).get("resourceType") != "Composition":
        problems.append("Bundle.entry[0]: not a Composition")
    if not (bundle.get("identifier") or {}).get("value"):
        problems.append("Bundle.identifier: missing (bdl-9)")
    if not bundle.get("timestamp"):
        problems.append("Bundle.timestamp: missing (bdl-10)")
    urls = [e.get("fullUrl") for e in entries]
    if len(set(urls)) != len(urls) or None in urls:
        problems.append("Bundle.entry.fullUrl: missing or not unique (bdl-7)")
    known = set(urls)
    for i, entry in enumerate(entries):
        for ref in _references(entry.get("resource")):
            if ref.startswith("urn:uuid:") and ref not in known:
                problems.append(f"Bundle.entry[{i}]: unresolved reference")
        for where, coding in _codings(entry.get("resource"), f"entry[{i}]"):
            if not isinstance(coding, dict) or not coding.get("system"):
                problems.append(f"{where}: coding without system")
    return problems
