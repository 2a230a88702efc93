"""Clinical note summary metrics (ready for the workflow; the suite has none yet).

Free phrases (follow-ups, red flags, negations) are matched by content-word overlap: a
produced phrase matches a gold one when it contains at least half of the gold's content
words. Codes are compared without the dot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from clinllm.codes import icd10cm
from clinllm.evals.datasets import NoteSummaryExpected
from clinllm.evals.matching import (
    normalize_icd10,
    normalize_medication,
    token_recall,
)
from clinllm.evals.metrics import accuracy, micro_prf, ratio

__all__ = [
    "PHRASE_MATCH",
    "NoteSummaryPrediction",
    "NoteSummaryRow",
    "fhir_valid_rate",
    "follow_up_recall",
    "hallucinated_code_rate",
    "medication_change_f1",
    "metrics",
    "negation_leak_rate",
    "problem_category_f1",
    "problem_code_f1",
    "problem_code_precision",
    "red_flag_recall",
    "schema_valid_rate",
]

#: Minimum share of a gold phrase's content words a produced phrase must contain to match it.
PHRASE_MATCH = 0.5


@dataclass(frozen=True, slots=True)
class NoteSummaryPrediction:
    """The workflow's summary (FORMAT.md shape, None if it did not fit) and FHIR validity."""

    summary: NoteSummaryExpected | None
    fhir_valid: bool | None = None


@dataclass(frozen=True, slots=True)
class NoteSummaryRow:
    """One scored case."""

    expected: NoteSummaryExpected
    prediction: NoteSummaryPrediction | None

    @property
    def produced(self) -> NoteSummaryExpected | None:
        """The produced summary or None."""
        return self.prediction.summary if self.prediction else None


def _codes(summary: NoteSummaryExpected | None, width: int | None = None) -> set[str]:
    if summary is None:
        return set()
    return {normalize_icd10(p.code)[:width] for p in summary.problems}


def problem_code_f1(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Micro F1 of problem ICD-10-CM codes (no dot, case-insensitive)."""
    return micro_prf((_codes(r.expected), _codes(r.produced)) for r in rows).f1


def problem_code_precision(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Micro precision of problem codes: a wrong code becomes a wrong diagnosis in the chart."""
    return micro_prf((_codes(r.expected), _codes(r.produced)) for r in rows).precision


def problem_category_f1(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Micro F1 of the 3-character ICD-10-CM categories: right disease, maybe wrong detail."""
    return micro_prf((_codes(r.expected, 3), _codes(r.produced, 3)) for r in rows).f1


def _drug_key(name: str) -> str:
    """A drug name in any word order: a combination's parts are the same product either way.

    Why: "sacubitril-valsartan" and "valsartan-sacubitril" name one product (vocabularies order
    the parts differently: RxNorm alphabetically, the label by the brand's wording); scoring
    them as one miss and one false change measures naming convention, not extraction.
    """
    return " ".join(sorted(normalize_medication(name).split()))


def _changes(summary: NoteSummaryExpected | None) -> set[tuple[str, str]]:
    if summary is None:
        return set()
    return {(_drug_key(m.name), m.action) for m in summary.medication_changes}


def medication_change_f1(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Micro F1 of (normalized drug name, action) pairs; the dose is not scored."""
    return micro_prf((_changes(r.expected), _changes(r.produced)) for r in rows).f1


def _phrase_recall(pairs: Sequence[tuple[list[str], list[str]]]) -> float | None:
    found = 0
    total = 0
    for gold, produced in pairs:
        for phrase in gold:
            total += 1
            found += any(token_recall(phrase, p) >= PHRASE_MATCH for p in produced)
    return ratio(found, total)


def follow_up_recall(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Share of gold follow-up items (``what``) matched by a produced one."""
    return _phrase_recall(
        [
            (
                [f.what for f in r.expected.follow_up],
                [f.what for f in r.produced.follow_up] if r.produced else [],
            )
            for r in rows
        ]
    )


def red_flag_recall(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Share of gold red flags matched by a produced one."""
    return _phrase_recall(
        [(r.expected.red_flags, r.produced.red_flags if r.produced else []) for r in rows]
    )


def _asserted(text: str) -> str:
    """A problem's words without the parts it states as absent ("without coma", "non-ST")."""
    text = re.sub(r"\bwithout\b[^,;]*", " ", text, flags=re.I)
    return re.sub(r"\bnon-?\s*\w+(?:\s+elevation)?", " ", text, flags=re.I)


def negation_leak_rate(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Share of gold negated conditions that appear among the produced problems.

    A denied condition listed as a problem becomes a false diagnosis in the chart. Words a
    problem states as absent ("type 1 diabetes ... without coma", "non-ST elevation myocardial
    infarction") do not count as the negated condition appearing.
    """
    leaked = 0
    total = 0
    for row in rows:
        problems = [_asserted(p.text) for p in row.produced.problems] if row.produced else []
        for negated in row.expected.negated:
            total += 1
            leaked += any(token_recall(negated, p) >= 1.0 for p in problems)
    return ratio(leaked, total)


def fhir_valid_rate(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Share of cases whose FHIR Bundle validated (cases without a FHIR check are skipped)."""
    flags = [
        r.prediction.fhir_valid
        for r in rows
        if r.prediction and r.prediction.fhir_valid is not None
    ]
    return accuracy(flags)


def schema_valid_rate(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Share of cases where the workflow returned a summary that fits the FORMAT.md shape."""
    return accuracy(r.produced is not None for r in rows)


def hallucinated_code_rate(rows: Sequence[NoteSummaryRow]) -> float | None:
    """Share of emitted problem codes that do not exist in ICD-10-CM.

    Notes rarely print codes, so unlike prior-auth the code need not appear in the text.
    """
    codes = [p.code for r in rows if r.produced for p in r.produced.problems]
    return ratio(sum(not icd10cm.exists(c) for c in codes), len(codes))


def metrics(rows: Sequence[NoteSummaryRow]) -> dict[str, float | None]:
    """Every quality metric of the suite, keyed by function name."""
    functions = (
        problem_code_f1,
        problem_code_precision,
        problem_category_f1,
        medication_change_f1,
        follow_up_recall,
        red_flag_recall,
        negation_leak_rate,
        fhir_valid_rate,
        schema_valid_rate,
        hallucinated_code_rate,
    )
    return {fn.__name__: fn(rows) for fn in functions}
