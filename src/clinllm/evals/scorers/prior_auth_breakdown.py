"""Aggregate breakdowns of the prior-auth misses: counts only, never a case.

Why: ``missing_fields_f1`` and ``requirements_recall`` are single numbers; on a blind set they
say *that* the workflow misses, not *which* field or *which way*. These counts tell a false
"missing" from a missed absence per field, and whether the workflow held a value for a field the
gold says is absent (a value from another party, another date), without naming any case, so
they can be read on held-out data. Informational: the compare gate treats them as neutral.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import JsonValue

from clinllm.domain.labels import MISSING_FIELDS
from clinllm.evals.datasets import PriorAuthExpected
from clinllm.evals.matching import (
    fold_number_words,
    normalize_icd10,
    normalize_identifier,
    normalize_npi,
    normalize_org_name,
    normalize_person_name,
    normalize_procedure_code,
    parse_date,
    token_recall,
)
from clinllm.evals.scorers.prior_auth import PriorAuthRow

__all__ = ["breakdowns", "missing_fields_by_field", "requirements_breakdown"]


def _scalar(value: str | None, normalize: Callable[[str], str | None]) -> str | None:
    return normalize(value) if value else None


def _codes(codes: Sequence[str], normalize: Callable[[str], str]) -> str | None:
    return ",".join(sorted(normalize(c) for c in codes)) or None


#: Missing-field name -> the extraction's normalized value for it (None: no value). Names
#: with no value in the record (patient, birth date, justification) are not here.
_VALUE: dict[str, Callable[[PriorAuthExpected], str | None]] = {
    "member_id": lambda e: _scalar(e.member_id, normalize_identifier),
    "payer": lambda e: _scalar(e.payer, normalize_org_name),
    "requesting_provider_name": lambda e: _scalar(
        e.requesting_provider.name, normalize_person_name
    ),
    "requesting_provider_npi": lambda e: _scalar(e.requesting_provider.npi, normalize_npi),
    "procedure_code": lambda e: _codes([p.code for p in e.procedures], normalize_procedure_code),
    "diagnosis_code": lambda e: _codes([d.code for d in e.diagnoses], normalize_icd10),
    "service_date": lambda e: _scalar(e.service_date, parse_date),
}


def _field_counts(rows: Sequence[PriorAuthRow], field: str) -> dict[str, int]:
    value = _VALUE.get(field)
    counts = {"gold": 0, "tp": 0, "fp": 0, "fn": 0}
    if value is not None:
        counts |= {"fn_with_value": 0, "fp_with_value": 0, "fp_value_right": 0}
    for row in rows:
        gold = field in row.expected.missing_fields
        produced = row.produced
        said = produced is not None and field in produced.missing_fields
        counts["gold"] += gold
        counts["tp"] += gold and said
        counts["fp"] += said and not gold
        counts["fn"] += gold and not said
        if value is None or produced is None:
            continue
        held = value(produced)
        if gold and not said and held is not None:
            counts["fn_with_value"] += 1
        if said and not gold and held is not None:
            counts["fp_with_value"] += 1
            counts["fp_value_right"] += held == value(row.expected)
    return counts


def missing_fields_by_field(rows: Sequence[PriorAuthRow]) -> dict[str, dict[str, int]]:
    """Per missing-field name: gold, tp, fp, fn, and for fields with a value in the record.

    ``fn_with_value``: the gold says absent, the workflow said present and held a value (read
    from the wrong party, role or date). ``fp_with_value``: the workflow said missing yet held
    a value; ``fp_value_right``: and that value was the gold one.
    """
    return {field: _field_counts(rows, field) for field in MISSING_FIELDS}


def requirements_breakdown(rows: Sequence[PriorAuthRow]) -> dict[str, float | None]:
    """How the gold payer requirements were met, and how many phrases were produced.

    ``full`` / ``partial`` / ``zero``: gold requirements by their best content-word recall;
    ``zero_no_output``: the zero ones in cases where the workflow produced no requirement at
    all; ``produced``: phrases produced in cases with gold requirements,
    ``produced_without_gold``: phrases produced where the gold has none;
    ``recall_numbers_folded``: ``requirements_recall`` with counts written as words read as
    digits on both sides ("six weeks" = "6 weeks"), to show how much of the gap is spelling.
    """
    folded = 0.0
    counts = {
        "gold": 0,
        "cases": 0,
        "full": 0,
        "partial": 0,
        "zero": 0,
        "zero_no_output": 0,
        "produced": 0,
        "produced_without_gold": 0,
    }
    for row in rows:
        produced = row.produced.payer_requirements if row.produced else []
        golds = row.expected.payer_requirements
        if not golds:
            counts["produced_without_gold"] += len(produced)
            continue
        counts["cases"] += 1
        counts["produced"] += len(produced)
        for gold in golds:
            best = max((token_recall(gold, p) for p in produced), default=0.0)
            folded += max(
                (token_recall(fold_number_words(gold), fold_number_words(p)) for p in produced),
                default=0.0,
            )
            counts["gold"] += 1
            counts["full"] += best >= 1.0
            counts["partial"] += 0.0 < best < 1.0
            counts["zero"] += best == 0.0
            counts["zero_no_output"] += best == 0.0 and not produced
    out: dict[str, float | None] = dict(counts)
    out["recall_numbers_folded"] = folded / counts["gold"] if counts["gold"] else None
    return out


def breakdowns(rows: Sequence[PriorAuthRow]) -> dict[str, JsonValue]:
    """Every breakdown, keyed by function name (nested objects of the report's metrics)."""
    by_field: dict[str, JsonValue] = {
        name: dict[str, JsonValue](counts) for name, counts in missing_fields_by_field(rows).items()
    }
    requirements: dict[str, JsonValue] = dict(requirements_breakdown(rows))
    return {"missing_fields_by_field": by_field, "requirements_breakdown": requirements}
