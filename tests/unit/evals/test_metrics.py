from __future__ import annotations

import pytest

from clinllm.evals.metrics import (
    PRF,
    Counts,
    accuracy,
    macro_f1,
    mean,
    micro_prf,
    percentile,
    ratio,
)


def test_micro_prf_sums_counts_over_cases() -> None:
    # case 1: tp=1 fn=1; case 2: tp=1 fp=1 -> P=2/3 R=2/3 F1=2/3
    prf = micro_prf([({"a", "b"}, {"a"}), ({"c"}, {"c", "d"})])
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(2 / 3)
    assert prf.f1 == pytest.approx(2 / 3)


def test_empty_denominators_are_none_not_zero() -> None:
    assert PRF.of(Counts()) == PRF(None, None, None)
    assert PRF.of(Counts(fn=2)).precision is None
    assert PRF.of(Counts(fn=2)).recall == 0.0
    assert ratio(1, 0) is None
    assert accuracy([]) is None
    assert mean([]) is None
    assert percentile([], 50) is None


def test_percentile_interpolates() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == pytest.approx(2.5)
    assert percentile([1.0, 2.0, 3.0, 4.0], 95) == pytest.approx(3.85)
    assert percentile([7.0], 95) == 7.0


def test_macro_f1_averages_labels_and_counts_none_as_miss() -> None:
    # label a: tp=1 fn=1 -> F1 2/3; label b: tp=1 fp=1 -> F1 2/3
    assert macro_f1(["a", "a", "b"], ["a", "b", "b"]) == pytest.approx(2 / 3)
    # label a: tp=0 fn=1 -> 0; None is not a label
    assert macro_f1(["a"], [None]) == 0.0


def test_accuracy() -> None:
    assert accuracy([True, False, True, True]) == 0.75
