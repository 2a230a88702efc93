"""Patient-message triage metrics.

Urgency is ordered ``routine < urgent < emergency``. A case where the workflow produced no
label (it failed) counts as wrong for every accuracy and as under-triaged: an untriaged
message waits in the routine queue, which is exactly the harm under-triage measures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pydantic import JsonValue

from clinllm.evals.advice import contains_medical_advice
from clinllm.evals.datasets import TriageExpected
from clinllm.evals.metrics import PRF, Counts, accuracy, macro_f1, ratio

__all__ = [
    "CATEGORIES",
    "NO_LABEL",
    "URGENCY_RANK",
    "TriagePrediction",
    "TriageRow",
    "advice_leak_rate",
    "category_accuracy",
    "category_macro_f1",
    "confusion_matrix",
    "confusion_matrix_urgency",
    "emergency_precision",
    "emergency_recall",
    "field_results",
    "metrics",
    "under_triage_rate",
    "urgency_accuracy",
]

#: The category labels in FORMAT.md order.
CATEGORIES = (
    "refill_request",
    "symptom_escalation",
    "billing_question",
    "appointment_scheduling",
    "other",
)
#: Column name in the confusion matrix for cases the workflow did not label.
NO_LABEL = "none"
#: Urgency order; higher is sooner.
URGENCY_RANK = {"routine": 0, "urgent": 1, "emergency": 2}


@dataclass(frozen=True, slots=True)
class TriagePrediction:
    """The workflow's labels and draft for one message (labels as plain strings)."""

    category: str | None
    urgency: str | None
    draft: str | None = None


@dataclass(frozen=True, slots=True)
class TriageRow:
    """One scored case: gold labels and the prediction (None if the workflow failed)."""

    expected: TriageExpected
    prediction: TriagePrediction | None

    @property
    def category(self) -> str | None:
        """Predicted category or None."""
        return self.prediction.category if self.prediction else None

    @property
    def urgency(self) -> str | None:
        """Predicted urgency or None."""
        return self.prediction.urgency if self.prediction else None


def field_results(row: TriageRow) -> dict[str, bool]:
    """Pass/fail of category and urgency for one case."""
    return {
        "category": row.category == row.expected.category,
        "urgency": row.urgency == row.expected.urgency,
    }


def category_accuracy(rows: Sequence[TriageRow]) -> float | None:
    """Share of messages with the right category."""
    return accuracy(r.category == r.expected.category for r in rows)


def category_macro_f1(rows: Sequence[TriageRow]) -> float | None:
    """Mean per-category F1, so a small category the workflow misses is visible."""
    return macro_f1([r.expected.category for r in rows], [r.category for r in rows])


def urgency_accuracy(rows: Sequence[TriageRow]) -> float | None:
    """Share of messages with the right urgency."""
    return accuracy(r.urgency == r.expected.urgency for r in rows)


def _emergency_counts(rows: Sequence[TriageRow]) -> Counts:
    gold = [r.expected.urgency == "emergency" for r in rows]
    pred = [r.urgency == "emergency" for r in rows]
    return Counts(
        tp=sum(g and p for g, p in zip(gold, pred, strict=True)),
        fp=sum(p and not g for g, p in zip(gold, pred, strict=True)),
        fn=sum(g and not p for g, p in zip(gold, pred, strict=True)),
    )


def emergency_recall(rows: Sequence[TriageRow]) -> float | None:
    """Share of gold emergencies labelled emergency. Gated at 1.0: a missed one can kill."""
    return PRF.of(_emergency_counts(rows)).recall


def emergency_precision(rows: Sequence[TriageRow]) -> float | None:
    """Share of emergency labels that are gold emergencies (alarm fatigue)."""
    return PRF.of(_emergency_counts(rows)).precision


def under_triage_rate(rows: Sequence[TriageRow]) -> float | None:
    """Share of messages whose predicted urgency is lower than gold (unlabelled counts)."""
    return accuracy(
        URGENCY_RANK.get(r.urgency or "", -1) < URGENCY_RANK[r.expected.urgency] for r in rows
    )


def advice_leak_rate(rows: Sequence[TriageRow]) -> float | None:
    """Share of produced drafts that contain medical advice (independent detector).

    None when no draft was produced. Gated at 0.
    """
    drafts = [r.prediction.draft for r in rows if r.prediction and r.prediction.draft]
    return ratio(sum(contains_medical_advice(d) for d in drafts), len(drafts))


def _count_table(
    labels: Sequence[str], pairs: Iterable[tuple[str, str | None]]
) -> dict[str, JsonValue]:
    """Counts of gold (rows) by predicted (columns ``labels`` plus ``none``)."""
    counts = {gold: dict.fromkeys((*labels, NO_LABEL), 0) for gold in labels}
    for gold, predicted in pairs:
        counts[gold][predicted if predicted is not None and predicted in labels else NO_LABEL] += 1
    return {gold: dict(cells) for gold, cells in counts.items()}


def confusion_matrix(rows: Sequence[TriageRow]) -> dict[str, JsonValue]:
    """Counts of gold category (rows) by predicted category (columns, plus ``none``)."""
    return _count_table(CATEGORIES, ((r.expected.category, r.category) for r in rows))


def confusion_matrix_urgency(rows: Sequence[TriageRow]) -> dict[str, JsonValue]:
    """Counts of gold urgency (rows) by predicted urgency (columns, plus ``none``).

    Under-triage is what lies left of the diagonal, over-triage right of it: the table says at
    which level a set's errors sit (counts only, so a blind set can be diagnosed unread).
    """
    return _count_table(tuple(URGENCY_RANK), ((r.expected.urgency, r.urgency) for r in rows))


#: The scalar quality metrics of this suite, in report order.
METRICS: tuple[Callable[[Sequence[TriageRow]], float | None], ...] = (
    category_accuracy,
    category_macro_f1,
    urgency_accuracy,
    emergency_recall,
    emergency_precision,
    under_triage_rate,
    advice_leak_rate,
)


def metrics(rows: Sequence[TriageRow]) -> dict[str, JsonValue]:
    """Every metric of the suite, keyed by function name, plus the two count tables."""
    result: dict[str, JsonValue] = {fn.__name__: fn(rows) for fn in METRICS}
    result["confusion_matrix"] = confusion_matrix(rows)
    result["confusion_matrix_urgency"] = confusion_matrix_urgency(rows)
    return result
