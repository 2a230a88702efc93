from __future__ import annotations

import pytest

from clinllm.evals.datasets import PhiExpected
from clinllm.evals.scorers import phi

TEXT = "Maria Okafor seen 03/14/2026 for Parkinson disease, MRN 123456."


def spans() -> PhiExpected:
    return PhiExpected.model_validate(
        {
            "spans": [
                {"start": 0, "end": 12, "type": "NAME", "text": "Maria Okafor"},
                {"start": 18, "end": 28, "type": "DATE", "text": "03/14/2026"},
                {"start": 56, "end": 62, "type": "MRN", "text": "123456"},
            ]
        }
    )


def finding(start: int, end: int, kind: str) -> phi.PhiFindingView:
    return phi.PhiFindingView(start, end, kind, TEXT[start:end])


def row(*findings: phi.PhiFindingView, latency: float = 0.5) -> phi.PhiRow:
    return phi.PhiRow(TEXT, spans(), phi.PhiPrediction(findings), latency)


def test_offsets_in_the_fixture() -> None:
    assert TEXT[33:42] == "Parkinson"
    assert TEXT[56:62] == "123456"


def test_token_level_scores_hand_computed() -> None:
    # gold tokens: Maria, Okafor, 03, 14, 2026, 123456 = 6
    # found: Maria (NAME), 03/14/2026 typed as NAME (3 tokens), Parkinson (false positive)
    r = row(finding(0, 5, "NAME"), finding(18, 28, "NAME"), finding(33, 42, "NAME"))
    m = phi.metrics([r])
    assert m["recall"] == pytest.approx(4 / 6)
    assert m["precision"] == pytest.approx(4 / 5)
    assert m["f1"] == pytest.approx(2 * 4 / (2 * 4 + 1 + 2))
    assert m["recall_by_type"] == {"DATE": 1.0, "MRN": 0.0, "NAME": 0.5}
    assert m["type_accuracy"] == pytest.approx(1 / 4)
    assert m["false_positive_clinical_terms"] == 1
    assert m["chars_per_s"] == pytest.approx(len(TEXT) / 0.5)


def test_nothing_found_is_zero_recall_and_unmeasurable_precision() -> None:
    m = phi.metrics([row()])
    assert m["recall"] == 0.0
    assert m["precision"] is None
    assert phi.field_results(row()) == {"recall": False, "precision": True}


def test_failed_detection_scores_as_nothing_found() -> None:
    assert phi.token_prf([phi.PhiRow(TEXT, spans(), None)]).recall == 0.0


@pytest.mark.parametrize(
    ("text", "clinical"),
    [
        ("Parkinson", True),
        ("Foley", True),
        ("Crohn's", True),
        ("E11.9", True),
        ("10 mg", True),
        ("Maria", False),
        ("555-0101", False),
    ],
)
def test_is_clinical_term(text: str, clinical: bool) -> None:
    assert phi.is_clinical_term(text) is clinical
