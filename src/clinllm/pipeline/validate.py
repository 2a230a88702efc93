"""Validate: codes must exist in their code set, and the spec's domain rules have their say.

Code sets: an ICD-10-CM code must exist (the full code set ships with ``simple-icd-10-cm``) and
should be billable (a category is flagged and capped at 0.6 confidence); a CPT or HCPCS code
must be in the user's imported table when one is imported (CPT descriptors are licensed and
never shipped, so without a table only the format is checked, by the recognizers and grounding).
A rejected code's item is removed from its list, with a finding: a claim must never carry a code
that does not exist.

Domain rules (a spec's ``rules``) return findings and confidence caps: a failed NPI check digit
caps the NPI at 0.3, a deadline before the letter is an error.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from clinllm.codes import icd10cm
from clinllm.domain.ports import CodeLookup
from clinllm.pipeline.spec import CodeRef, Draft, RuleInput, Validation, WorkflowSpec

__all__ = ["Checked", "check_codes", "validate"]

OutT = TypeVar("OutT", bound=BaseModel)
CandT = TypeVar("CandT")

_ITEM = re.compile(r"^(?P<field>[A-Za-z_][A-Za-z0-9_]*)\[(?P<index>\d+)\](?P<rest>.*)$")
#: Confidence an ICD-10-CM category (not a billable code) may keep.
_NOT_BILLABLE_CAP = 0.6


@dataclass(slots=True)
class Checked:
    """What the validate stage found.

    Attributes:
        rejected: Codes removed because they are not in their code set.
        caps: Field path -> highest confidence it may keep (applied by the confidence stage).
    """

    rejected: int = 0
    caps: dict[str, float] = field(default_factory=dict)


def _remove_items(draft: Draft[OutT], removed: dict[str, set[int]]) -> None:
    """Remove list items and renumber the evidence and confidence of the ones after them."""
    update: dict[str, Any] = {}
    for name, indices in removed.items():
        items = list(getattr(draft.output, name))
        update[name] = [item for i, item in enumerate(items) if i not in indices]
    draft.output = draft.output.model_copy(update=update)

    def renumber(key: str) -> str | None:
        m = _ITEM.match(key)
        if m is None or m["field"] not in removed:
            return key
        index = int(m["index"])
        if index in removed[m["field"]]:
            return None
        shift = sum(1 for i in removed[m["field"]] if i < index)
        return f"{m['field']}[{index - shift}]{m['rest']}"

    evidence: dict[str, Any] = {}
    for key, spans in draft.evidence.items():
        new = renumber(key)
        if new is not None:
            evidence[new] = tuple(e.tagged(field=new) for e in spans)
    confidence = {new: v for k, v in draft.confidence.items() if (new := renumber(k)) is not None}
    draft.evidence, draft.confidence = evidence, confidence


def check_codes(draft: Draft[OutT], codes: Iterable[CodeRef], lookup: CodeLookup | None) -> Checked:
    """Check every code against its code set; remove the ones that do not exist.

    Findings name the list (``diagnoses``) for a removed code and the item for a flagged one,
    with the code's evidence.
    """
    checked = Checked()
    removed: dict[str, set[int]] = defaultdict(set)
    kept_before: dict[str, int] = defaultdict(int)
    pending: list[tuple[CodeRef, int]] = []  # flagged items, with their index after removal
    for ref in codes:
        m = _ITEM.match(ref.path)
        name, index = (m["field"], int(m["index"])) if m else (ref.path, 0)
        evidence = draft.evidence.get(ref.path, ())
        if ref.system == "ICD-10-CM":
            ok = icd10cm.normalize(ref.code) is not None
            message = "ICD-10-CM code does not exist; dropped"
        else:
            table: Literal["cpt", "hcpcs"] = "cpt" if ref.system == "CPT" else "hcpcs"
            ok = lookup is None or lookup.contains(table, ref.code) is not False
            message = f"{ref.system} code is not in the imported code table; dropped"
        if not ok:
            checked.rejected += 1
            removed[name].add(index)
            draft.find("code_not_in_code_set", "warning", message, name, evidence)
            continue
        if ref.system == "ICD-10-CM" and not icd10cm.is_billable(ref.code):
            pending.append((ref, kept_before[name]))
        kept_before[name] += 1
    if removed:
        _remove_items(draft, removed)
    for ref, new_index in pending:
        m = _ITEM.match(ref.path)
        key = f"{m['field']}[{new_index}]{m['rest']}" if m else ref.path
        if key in draft.confidence:
            draft.confidence[key] = min(draft.confidence[key], _NOT_BILLABLE_CAP)
        draft.find(
            "icd_not_billable",
            "warning",
            "ICD-10-CM code is a category, not a billable code",
            key,
            draft.evidence.get(key, ()),
        )
    return checked


def validate(
    spec: WorkflowSpec[OutT, Any, CandT],
    draft: Draft[OutT],
    candidates: CandT,
    text: str,
    lookup: CodeLookup | None,
) -> Checked:
    """Run the code-set check, then the spec's domain rules; findings go on the draft."""
    checked = check_codes(draft, spec.codes(draft.output), lookup) if spec.codes else Checked()
    if spec.rules is not None:
        result: Validation = spec.rules(RuleInput(draft=draft, candidates=candidates, text=text))
        draft.findings.extend(result.findings)
        for key, cap in result.caps.items():
            checked.caps[key] = min(cap, checked.caps.get(key, cap))
    return checked
