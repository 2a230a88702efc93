"""PHI detection metrics, scored per token.

Tokens are runs of letters and digits. A gold token is one that overlaps a gold span; a
predicted token is one that overlaps a finding. Scoring tokens rather than exact spans
credits a detector that finds ``Maria Okafor`` as two findings, and still penalizes one that
finds ``Maria`` only, which is what matters for redaction: every PHI character covered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import JsonValue

from clinllm.evals.datasets import PhiExpected
from clinllm.evals.metrics import PRF, Counts, ratio

__all__ = [
    "CLINICAL_EPONYMS",
    "PhiFindingView",
    "PhiPrediction",
    "PhiRow",
    "chars_per_s",
    "false_positive_clinical_terms",
    "field_results",
    "is_clinical_term",
    "metrics",
    "recall_by_type",
    "token_prf",
    "type_accuracy",
]

_TOKEN = re.compile(r"[^\W_]+")

#: Medical eponyms and clinical words a PHI detector must not redact: they name a disease,
#: sign, test, device or procedure, not a person. General medical vocabulary, not data.
CLINICAL_EPONYMS = frozenset(
    """addison alzheimer apgar asperger babinski barrett bell brown chvostek crohn cushing
    down epley foley gehrig glasgow gram graves guillain barre hashimoto heimlich hodgkin
    huntington kaposi kawasaki kernig kirby bauer lyme marfan meniere murphy osgood schlatter
    paget parkinson raynaud reye romberg sjogren swan ganz tourette trendelenburg valsalva
    whipple wilson wolff wernicke korsakoff tanner holter doppler""".split()
)

_CLINICAL_PATTERNS = (
    re.compile(r"^[A-TV-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$"),  # ICD-10-CM code
    re.compile(r"^\d{4}[0-9FTU]$"),  # CPT code
    re.compile(
        r"^\d+(\.\d+)?\s?(mg|mcg|g|ml|mL|units?|%|mmhg|bpm|mg/dl|meq/l)$", re.IGNORECASE
    ),  # dose or measurement
)


@dataclass(frozen=True, slots=True)
class PhiFindingView:
    """One detected span, as scored."""

    start: int
    end: int
    type: str
    text: str


@dataclass(frozen=True, slots=True)
class PhiPrediction:
    """Every finding the detector returned for one text."""

    findings: tuple[PhiFindingView, ...]


@dataclass(frozen=True, slots=True)
class PhiRow:
    """One scored case: the text, gold spans, prediction (None if detection failed), time."""

    text: str
    expected: PhiExpected
    prediction: PhiPrediction | None
    latency_s: float = 0.0


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _token_labels(row: PhiRow) -> tuple[dict[int, str], dict[int, set[str]]]:
    """Map token index -> gold type, and token index -> predicted types."""
    gold: dict[int, str] = {}
    predicted: dict[int, set[str]] = {}
    findings = row.prediction.findings if row.prediction else ()
    for index, match in enumerate(_TOKEN.finditer(row.text)):
        start, end = match.span()
        for span in row.expected.spans:
            if _overlaps(start, end, span.start, span.end):
                gold[index] = span.type
                break
        types = {f.type for f in findings if _overlaps(start, end, f.start, f.end)}
        if types:
            predicted[index] = types
    return gold, predicted


def _counts(row: PhiRow) -> Counts:
    gold, predicted = _token_labels(row)
    return Counts(
        tp=len(gold.keys() & predicted.keys()),
        fp=len(predicted.keys() - gold.keys()),
        fn=len(gold.keys() - predicted.keys()),
    )


def token_prf(rows: Sequence[PhiRow]) -> PRF:
    """Token-level precision (``precision``), recall (``recall``) and F1 (``f1``), any type.

    Recall is the safety number: a missed token is PHI that leaks. Precision measures
    over-redaction, which destroys clinical meaning.
    """
    total = Counts()
    for row in rows:
        total = total + _counts(row)
    return PRF.of(total)


def recall_by_type(rows: Sequence[PhiRow]) -> dict[str, JsonValue]:
    """Token recall per gold PHI type (detected by any finding, whatever its type)."""
    hits: dict[str, int] = {}
    totals: dict[str, int] = {}
    for row in rows:
        gold, predicted = _token_labels(row)
        for index, kind in gold.items():
            totals[kind] = totals.get(kind, 0) + 1
            hits[kind] = hits.get(kind, 0) + (index in predicted)
    return {kind: ratio(hits[kind], totals[kind]) for kind in sorted(totals)}


def type_accuracy(rows: Sequence[PhiRow]) -> float | None:
    """Among detected gold tokens, the share whose finding has the gold type."""
    right = 0
    detected = 0
    for row in rows:
        gold, predicted = _token_labels(row)
        for index, kind in gold.items():
            if index in predicted:
                detected += 1
                right += kind in predicted[index]
    return ratio(right, detected)


def is_clinical_term(text: str) -> bool:
    """Whether a span is a clinical term (eponym, code, dose) rather than an identifier."""
    stripped = text.strip()
    if any(p.match(stripped) for p in _CLINICAL_PATTERNS):
        return True
    words = [w.casefold().removesuffix("'s") for w in re.findall(r"[A-Za-z']+", stripped)]
    return bool(words) and all(w in CLINICAL_EPONYMS for w in words)


def false_positive_clinical_terms(rows: Sequence[PhiRow]) -> int:
    """Count of findings that touch no gold span and are clinical terms (over-redaction).

    A detector that redacts ``Parkinson`` or ``E11.9`` strips the meaning a clinician needs.
    """
    count = 0
    for row in rows:
        for finding in row.prediction.findings if row.prediction else ():
            if any(
                _overlaps(finding.start, finding.end, s.start, s.end) for s in row.expected.spans
            ):
                continue
            count += is_clinical_term(row.text[finding.start : finding.end])
    return count


def chars_per_s(rows: Sequence[PhiRow]) -> float | None:
    """Throughput: characters of text scanned per second of detection time."""
    return ratio(sum(len(r.text) for r in rows), sum(r.latency_s for r in rows))


def field_results(row: PhiRow) -> dict[str, bool]:
    """Per case: ``recall`` passes when every gold token is found, ``precision`` when no extra."""
    counts = _counts(row)
    return {"recall": counts.fn == 0, "precision": counts.fp == 0}


def metrics(rows: Sequence[PhiRow]) -> dict[str, JsonValue]:
    """Every metric of the suite."""
    prf = token_prf(rows)
    return {
        "recall": prf.recall,
        "precision": prf.precision,
        "f1": prf.f1,
        "recall_by_type": recall_by_type(rows),
        "type_accuracy": type_accuracy(rows),
        "false_positive_clinical_terms": false_positive_clinical_terms(rows),
        "chars_per_s": chars_per_s(rows),
    }
