"""Invariants of the hand-written triage probes ``tune_triage_probe6`` and ``_probe7`` (open).

Format through the eval loader, ids, labels and counts as documented in
``evals/data/README.md``, and no run of eight words shared with any blind triage set (counted,
never printed: the blind sets stay unread).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from clinllm.evals import datasets
from clinllm.testing.corpora import word_runs

DATA = Path(__file__).parents[3] / "evals" / "data"
BLIND = ("heldout", "heldout_triage3", "heldout_triage_gen", "own_heldout_triage_probe")

#: Per probe: urgency counts, the id prefix of each urgency, and the urgencies whose messages
#: are all symptom_escalation (probe6's same-day needs share the look-alikes' prefix).
PROBES = {
    "tune_triage_probe6": (
        {"emergency": 20, "urgent": 4, "routine": 27},
        {"emergency": "p6-", "urgent": "p6n-", "routine": "p6n-"},
        {"emergency"},
    ),
    "tune_triage_probe7": (
        {"emergency": 3, "urgent": 30, "routine": 22},
        {"emergency": "p7-", "urgent": "p7u-", "routine": "p7n-"},
        {"emergency", "urgent"},
    ),
}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_probe_loads_with_its_documented_labels(name: str) -> None:
    counts, prefix, symptomatic = PROBES[name]
    cases = datasets.load_triage(DATA / name).cases
    assert dict(Counter(c.expected.urgency for c in cases)) == counts
    ids = [c.id for c in cases]
    assert len(set(ids)) == len(ids)
    assert all(c.id.startswith(prefix[c.expected.urgency]) for c in cases)
    assert all(
        c.expected.category == "symptom_escalation"
        for c in cases
        if c.expected.urgency in symptomatic
    )
    assert len({c.input.message for c in cases}) == len(cases)


@pytest.mark.parametrize("name", sorted(PROBES))
def test_probe_shares_no_eight_word_run_with_a_blind_triage_set(name: str) -> None:
    mine = word_runs(c.input.message for c in datasets.load_triage(DATA / name).cases)
    for blind_name in BLIND:
        blind = word_runs(c.input.message for c in datasets.load_triage(DATA / blind_name).cases)
        assert len(mine & blind) == 0, blind_name  # counted, never printed
