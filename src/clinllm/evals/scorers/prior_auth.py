"""Prior-authorization extraction metrics.

Every set field is scored by micro-averaged F1 over normalized values; every scalar field by
accuracy over all cases, where a correctly reported absence (gold null, produced null) counts
as correct. A case where the workflow produced nothing scores as all-wrong, never skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from clinllm.codes import cpt, hcpcs, icd10cm
from clinllm.evals.datasets import PriorAuthExpected
from clinllm.evals.matching import (
    normalize_icd10,
    normalize_identifier,
    normalize_medication,
    normalize_npi,
    normalize_org_name,
    normalize_person_name,
    normalize_procedure_code,
    parse_date,
    text_contains,
    token_recall,
)
from clinllm.evals.metrics import accuracy, mean, micro_prf, ratio

__all__ = [
    "EmittedCode",
    "PriorAuthPrediction",
    "PriorAuthRow",
    "auto_accept_field_precision",
    "code_in_text",
    "deadline_accuracy",
    "diagnosis_code_f1",
    "dropped_ungrounded_per_case",
    "field_results",
    "hallucinated_code_rate",
    "medication_f1",
    "member_id_accuracy",
    "metrics",
    "missing_fields_f1",
    "npi_accuracy",
    "payer_accuracy",
    "procedure_code_f1",
    "project_extraction",
    "requesting_provider_name_accuracy",
    "requirements_recall",
    "review_rate",
    "schema_valid_rate",
    "service_date_accuracy",
    "ungrounded_value_rate",
    "urgency_accuracy",
]


@dataclass(frozen=True, slots=True)
class EmittedCode:
    """A code the workflow emitted, before any normalization.

    Attributes:
        code: As emitted.
        system: ``ICD-10-CM``, ``CPT`` or ``HCPCS`` (what the workflow claimed it is).
    """

    code: str
    system: str


@dataclass(frozen=True, slots=True)
class PriorAuthPrediction:
    """What the workflow produced for one document.

    Attributes:
        extraction: The output projected onto the FORMAT.md shape; None when it does not fit.
        emitted_codes: Every code emitted, kept even when the projection failed.
        needs_review: Whether the workflow routed the case to a human.
        dropped_ungrounded: Model values the workflow itself dropped as ungrounded.
    """

    extraction: PriorAuthExpected | None
    emitted_codes: tuple[EmittedCode, ...] = ()
    needs_review: bool = False
    dropped_ungrounded: int = 0


@dataclass(frozen=True, slots=True)
class PriorAuthRow:
    """One scored case: gold, document text, and the prediction (None if the workflow failed)."""

    expected: PriorAuthExpected
    text: str
    prediction: PriorAuthPrediction | None

    @property
    def produced(self) -> PriorAuthExpected | None:
        """The projected extraction, or None."""
        return self.prediction.extraction if self.prediction else None


def _date(value: Any) -> Any:
    if isinstance(value, str):
        return parse_date(value) or value
    return value


def project_extraction(raw: Mapping[str, Any]) -> PriorAuthExpected | None:
    """Project a workflow's extraction (as JSON data) onto the FORMAT.md ``expected`` shape.

    Extra keys the workflow adds (confidence, evidence spans) are dropped; dates written in
    another common form are read as ISO. Anything that still does not fit returns None and
    counts against ``schema_valid_rate``.
    """
    try:
        provider = raw.get("requesting_provider") or {}
        data = {
            "procedures": [{"code": p["code"], "system": p["system"]} for p in raw["procedures"]],
            "diagnoses": [{"code": d["code"]} for d in raw["diagnoses"]],
            "medications": [{"name": m["name"]} for m in raw["medications"]],
            "payer": raw["payer"],
            "member_id": raw["member_id"],
            "requesting_provider": {"name": provider.get("name"), "npi": provider.get("npi")},
            "service_date": _date(raw["service_date"]),
            "deadline": _date(raw["deadline"]),
            "urgency": raw["urgency"],
            "payer_requirements": list(raw["payer_requirements"]),
            "missing_fields": list(raw["missing_fields"]),
        }
        return PriorAuthExpected.model_validate(data)
    except (KeyError, TypeError, AttributeError, ValidationError):
        return None


def _opt(value: str | None, normalize: Callable[[str], str | None]) -> str | None:
    return normalize(value) if value is not None else None


#: Scalar fields: field name -> normalized value of an extraction.
_SCALARS: dict[str, Callable[[PriorAuthExpected], str | None]] = {
    "payer": lambda e: _opt(e.payer, normalize_org_name),
    "member_id": lambda e: _opt(e.member_id, normalize_identifier),
    "npi": lambda e: _opt(e.requesting_provider.npi, normalize_npi),
    "requesting_provider_name": lambda e: _opt(e.requesting_provider.name, normalize_person_name),
    "service_date": lambda e: _opt(e.service_date, parse_date),
    "deadline": lambda e: _opt(e.deadline, parse_date),
    "urgency": lambda e: e.urgency,
}

#: Set fields: field name -> normalized set of an extraction.
_SETS: dict[str, Callable[[PriorAuthExpected], frozenset[str]]] = {
    "procedures": lambda e: frozenset(normalize_procedure_code(p.code) for p in e.procedures),
    "diagnoses": lambda e: frozenset(normalize_icd10(d.code) for d in e.diagnoses),
    "medications": lambda e: frozenset(normalize_medication(m.name) for m in e.medications),
    "missing_fields": lambda e: frozenset(e.missing_fields),
}


def field_results(row: PriorAuthRow) -> dict[str, bool]:
    """Pass/fail per scored field of one case (the report's per-case ``fields``)."""
    produced = row.produced
    results = {
        name: produced is not None and get(row.expected) == get(produced)
        for name, get in _SETS.items()
    }
    results.update(
        {
            name: produced is not None and get(row.expected) == get(produced)
            for name, get in _SCALARS.items()
        }
    )
    return results


def _set_f1(rows: Sequence[PriorAuthRow], field: str) -> float | None:
    get = _SETS[field]
    return micro_prf(
        (get(r.expected), get(r.produced) if r.produced else frozenset()) for r in rows
    ).f1


def _scalar_accuracy(rows: Sequence[PriorAuthRow], field: str) -> float | None:
    get = _SCALARS[field]
    return accuracy(r.produced is not None and get(r.expected) == get(r.produced) for r in rows)


def procedure_code_f1(rows: Sequence[PriorAuthRow]) -> float | None:
    """Micro F1 of requested CPT/HCPCS codes (upper-cased; the system is not scored)."""
    return _set_f1(rows, "procedures")


def diagnosis_code_f1(rows: Sequence[PriorAuthRow]) -> float | None:
    """Micro F1 of ICD-10-CM codes, compared without the dot and case-insensitively."""
    return _set_f1(rows, "diagnoses")


def medication_f1(rows: Sequence[PriorAuthRow]) -> float | None:
    """Micro F1 of requested drugs by normalized generic name (salt words dropped)."""
    return _set_f1(rows, "medications")


def missing_fields_f1(rows: Sequence[PriorAuthRow]) -> float | None:
    """Micro F1 of the ``missing_fields`` names: what the workflow says the request lacks."""
    return _set_f1(rows, "missing_fields")


def payer_accuracy(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of cases whose payer name matches after name normalization (null = null)."""
    return _scalar_accuracy(rows, "payer")


def member_id_accuracy(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of cases whose member id matches, letters and digits only, upper case."""
    return _scalar_accuracy(rows, "member_id")


def npi_accuracy(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of cases whose requesting provider NPI matches digit for digit."""
    return _scalar_accuracy(rows, "npi")


def requesting_provider_name_accuracy(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of cases whose provider name matches without titles and credentials."""
    return _scalar_accuracy(rows, "requesting_provider_name")


def service_date_accuracy(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of cases whose planned service date is the same calendar date."""
    return _scalar_accuracy(rows, "service_date")


def deadline_accuracy(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of cases whose decision/submission deadline is the same calendar date."""
    return _scalar_accuracy(rows, "deadline")


def urgency_accuracy(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of cases with the right review urgency (``standard``/``expedited``)."""
    return _scalar_accuracy(rows, "urgency")


def requirements_recall(rows: Sequence[PriorAuthRow]) -> float | None:
    """Mean over gold payer requirements of the best content-word recall by any produced one.

    A gold requirement scores the share of its content words found in the closest produced
    phrase (token overlap, stop words removed), so a faithful paraphrase scores high and an
    omission scores 0. None when the data has no gold requirements.
    """
    scores: list[float] = []
    for row in rows:
        produced = row.produced.payer_requirements if row.produced else []
        for gold in row.expected.payer_requirements:
            scores.append(max((token_recall(gold, p) for p in produced), default=0.0))
    return ratio(sum(scores), len(scores))


def schema_valid_rate(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of cases where the workflow returned an extraction that fits the FORMAT.md shape."""
    return accuracy(r.produced is not None for r in rows)


# A dot joins a code's parts ("M51.16"); a run of dots is a leader ("CPT.......72148").
_CODE_TOKEN = re.compile(r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*")


def code_in_text(code: str, text: str) -> bool:
    """Whether the code is written in the text as a whole token, with or without its dot."""
    wanted = normalize_icd10(code)
    return any(normalize_icd10(m.group().rstrip(".")) == wanted for m in _CODE_TOKEN.finditer(text))


def _code_exists(code: EmittedCode) -> bool:
    system = code.system.upper().replace("-", "").replace(" ", "")
    if system in {"CPT"}:
        return cpt.is_valid_format(code.code)
    if system in {"HCPCS", "HCPCSII", "HCPCSLEVELII"}:
        return hcpcs.is_valid_format(code.code)
    if system in {"ICD10CM", "ICD10"}:
        return icd10cm.exists(code.code)
    return False


def hallucinated_code_rate(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of emitted codes that are not written in the document or not in their code set.

    ICD-10-CM codes must exist in simple-icd-10-cm; CPT and HCPCS are checked by format (CPT
    descriptors are licensed). A code with an unknown system counts as hallucinated. None when
    no code was emitted at all.
    """
    emitted = [(code, r.text) for r in rows if r.prediction for code in r.prediction.emitted_codes]
    bad = sum(
        1 for code, text in emitted if not (code_in_text(code.code, text) and _code_exists(code))
    )
    return ratio(bad, len(emitted))


def _grounded_values(extraction: PriorAuthExpected, text: str) -> list[bool]:
    """Names are matched as folded words, identifiers as their letters and digits."""
    compact = normalize_identifier(text)
    names = [extraction.payer, extraction.requesting_provider.name]
    identifiers = [extraction.member_id, extraction.requesting_provider.npi]
    found = [text_contains(text, v) for v in names if v]
    found += [normalize_identifier(v) in compact for v in identifiers if v]
    return found


def ungrounded_value_rate(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of emitted identity values (payer, member id, provider name, NPI) not in the text.

    Names match as folded words (case, accents, punctuation ignored); identifiers match by
    their letters and digits, so ``BRH-5520-19384`` grounds ``BRH552019384``. Codes are scored by
    ``hallucinated_code_rate``; dates and drug names are left out because the format asks for
    normalized forms (ISO dates, generic names) the document may not spell out.
    """
    total = 0
    ungrounded = 0
    for row in rows:
        if row.produced is None:
            continue
        for grounded in _grounded_values(row.produced, row.text):
            total += 1
            ungrounded += not grounded
    return ratio(ungrounded, total)


def review_rate(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of cases the workflow sent to human review (informational: not gated)."""
    return accuracy(r.prediction is not None and r.prediction.needs_review for r in rows)


def auto_accept_field_precision(rows: Sequence[PriorAuthRow]) -> float | None:
    """Share of scored fields that are right in the cases the workflow accepted unreviewed.

    Why: routing is only worth its review rate if what skips review is right. A field of an
    accepted case that is wrong reaches a claim without a person seeing it (target >= 0.98).
    """
    accepted = [r for r in rows if r.prediction is not None and not r.prediction.needs_review]
    results = [ok for r in accepted for ok in field_results(r).values()]
    return ratio(sum(results), len(results)) if results else None


def dropped_ungrounded_per_case(rows: Sequence[PriorAuthRow]) -> float | None:
    """Mean number of model values the workflow's own grounding guard dropped per case.

    Informational (not gated): it shows how often the model proposes values the document does
    not support, which the guard then has to catch.
    """
    return mean(float(r.prediction.dropped_ungrounded) for r in rows if r.prediction)


#: The quality metrics of this suite, in report order.
METRICS: tuple[Callable[[Sequence[PriorAuthRow]], float | None], ...] = (
    procedure_code_f1,
    diagnosis_code_f1,
    medication_f1,
    payer_accuracy,
    member_id_accuracy,
    npi_accuracy,
    requesting_provider_name_accuracy,
    service_date_accuracy,
    deadline_accuracy,
    urgency_accuracy,
    missing_fields_f1,
    requirements_recall,
    schema_valid_rate,
    hallucinated_code_rate,
    ungrounded_value_rate,
    review_rate,
    auto_accept_field_precision,
    dropped_ungrounded_per_case,
)


def metrics(rows: Sequence[PriorAuthRow]) -> dict[str, float | None]:
    """Every quality metric of the suite, keyed by function name."""
    return {fn.__name__: fn(rows) for fn in METRICS}
