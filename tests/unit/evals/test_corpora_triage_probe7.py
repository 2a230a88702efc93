"""Invariants of ``tune_triage_probe7`` (hand-written, session 24 seventh round, open: tuned on).

Format through the eval loader, ids, labels and counts as documented in
``evals/data/README.md``, and no run of eight words shared with any blind triage set (counted,
never printed: the blind sets stay unread).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from clinllm.evals import datasets
from clinllm.testing.corpora import word_runs

DATA = Path(__file__).parents[3] / "evals" / "data"
BLIND = ("heldout", "heldout_triage3", "heldout_triage_gen", "own_heldout_triage_probe")


def test_probe7_loads_with_its_documented_labels() -> None:
    cases = datasets.load_triage(DATA / "tune_triage_probe7").cases
    assert dict(Counter(c.expected.urgency for c in cases)) == {
        "emergency": 3,
        "urgent": 30,
        "routine": 22,
    }
    ids = [c.id for c in cases]
    assert len(set(ids)) == len(ids)
    # emergencies p7-, same-day needs p7u-, routine look-alikes p7n-
    prefix = {"emergency": "p7-", "urgent": "p7u-", "routine": "p7n-"}
    assert all(c.id.startswith(prefix[c.expected.urgency]) for c in cases)
    assert all(
        c.expected.category == "symptom_escalation"
        for c in cases
        if c.expected.urgency != "routine"
    )
    assert len({c.input.message for c in cases}) == len(cases)


def test_probe7_shares_no_eight_word_run_with_a_blind_triage_set() -> None:
    mine = word_runs(
        c.input.message for c in datasets.load_triage(DATA / "tune_triage_probe7").cases
    )
    for name in BLIND:
        blind = word_runs(c.input.message for c in datasets.load_triage(DATA / name).cases)
        assert len(mine & blind) == 0, name  # counted, never printed
