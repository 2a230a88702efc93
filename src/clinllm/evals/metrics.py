"""The counting primitives every suite metric is built from.

A ratio with an empty denominator is ``None`` ("not measurable on this data"), never 0 or 1:
a dataset without emergencies has no emergency recall, and reporting 1.0 would dress up a
missing measurement as a perfect one. Reports and the compare gate carry ``None`` as JSON
``null`` and skip it in gates.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "PRF",
    "Counts",
    "accuracy",
    "macro_f1",
    "mean",
    "micro_prf",
    "percentile",
    "ratio",
    "set_counts",
]


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of a set comparison."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1; each None when its denominator is empty."""

    precision: float | None
    recall: float | None
    f1: float | None

    @classmethod
    def of(cls, counts: Counts) -> PRF:
        """Compute from summed counts (micro-averaging)."""
        precision = ratio(counts.tp, counts.tp + counts.fp)
        recall = ratio(counts.tp, counts.tp + counts.fn)
        f1 = ratio(2 * counts.tp, 2 * counts.tp + counts.fp + counts.fn)
        return cls(precision, recall, f1)


def ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``, or None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def set_counts(gold: Iterable[Hashable], produced: Iterable[Hashable]) -> Counts:
    """Compare two sets of already-normalized values.

    Duplicates collapse: naming the same code twice is neither a second hit nor a miss.
    """
    g, p = set(gold), set(produced)
    return Counts(tp=len(g & p), fp=len(p - g), fn=len(g - p))


def micro_prf(pairs: Iterable[tuple[Iterable[Hashable], Iterable[Hashable]]]) -> PRF:
    """Micro-averaged precision/recall/F1 over (gold, produced) set pairs, one pair per case.

    Why micro: a case with ten codes should weigh more than a case with one.
    """
    total = Counts()
    for gold, produced in pairs:
        total = total + set_counts(gold, produced)
    return PRF.of(total)


def accuracy(flags: Iterable[bool]) -> float | None:
    """Share of True among the flags; None for no flags."""
    values = list(flags)
    return ratio(sum(values), len(values))


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean; None for no values."""
    items = list(values)
    return ratio(math.fsum(items), len(items))


def percentile(values: Iterable[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation between closest ranks."""
    items = sorted(values)
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    position = (len(items) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(items) - 1)
    return items[low] + (items[high] - items[low]) * (position - low)


def macro_f1(gold: Sequence[str], produced: Sequence[str | None]) -> float | None:
    """Unweighted mean of per-label F1 over the labels seen in gold or produced.

    Why macro: triage has a long tail of small categories; micro-F1 equals accuracy there and
    would hide a category the workflow never gets right. A missing prediction (``None``)
    counts as a miss for the gold label and is not a label itself.
    """
    labels = sorted(set(gold) | {p for p in produced if p is not None})
    if not labels:
        return None
    scores: list[float] = []
    for label in labels:
        counts = Counts(
            tp=sum(1 for g, p in zip(gold, produced, strict=True) if g == label and p == label),
            fp=sum(1 for g, p in zip(gold, produced, strict=True) if g != label and p == label),
            fn=sum(1 for g, p in zip(gold, produced, strict=True) if g == label and p != label),
        )
        scores.append(PRF.of(counts).f1 or 0.0)
    return math.fsum(scores) / len(scores)
