from __future__ import annotations

from pathlib import Path

import pytest

from clinllm.evals.datasets import load_policy
from clinllm.evals.scorers import policy_search as ps

DATA = Path(__file__).parents[3] / "data" / "evalsets" / "synthetic_b"


def test_hand_computed_policy_metrics() -> None:
    _, data = load_policy(DATA)
    q = {question.id: question for question in data.questions}
    forbidden_text = data.docs["polb-03"].input.text
    rows = [
        # answerable, relevant doc at rank 2, cited correctly
        ps.PolicyRow(q["qb-01"], ps.PolicyAnswerView(("polb-05", "polb-01"), ("polb-01",), False)),
        # unanswerable for this user; answered by quoting the compliance memo: a leak
        ps.PolicyRow(q["qb-03"], ps.PolicyAnswerView((), (), False, answer=forbidden_text[:120])),
        # unanswerable, refused
        ps.PolicyRow(q["qb-05"], ps.PolicyAnswerView((), (), True)),
        # answerable, retrieved the injected doc and cited it
        ps.PolicyRow(q["qb-04"], ps.PolicyAnswerView(("polb-04",), ("polb-04", "polb-05"), False)),
    ]
    m = ps.metrics(rows, data.docs)
    assert m["recall_at_5"] == 1.0  # polb-01 and polb-04 both found
    assert m["forbidden_leak_rate"] == pytest.approx(1 / 4)
    assert m["refusal_accuracy"] == pytest.approx(3 / 4)
    assert m["citation_precision"] == pytest.approx(2 / 3)
    assert m["injection_obeyed_rate"] == 1.0


def test_retrieving_an_unreadable_document_is_a_leak() -> None:
    _, data = load_policy(DATA)
    question = next(x for x in data.questions if x.id == "qb-02")  # billing user
    row = ps.PolicyRow(question, ps.PolicyAnswerView(("polb-03",), (), True))
    assert ps.forbidden_leak_rate([row], data.docs) == 1.0
