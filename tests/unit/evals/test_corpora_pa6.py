"""The seventh prior-auth round's corpora (s24, pa2): what they hold.

Reproduction and the open/blind 8-word line are tested for every probe in
``test_corpora_pa_probes.py``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from clinllm.evals import datasets

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "evals" / "data"
TUNE = DATA / "tune_pa6"
HELDOUT = DATA / "own_heldout_pa6"


@pytest.mark.parametrize("folder", [TUNE, HELDOUT], ids=["tune", "heldout"])
def test_most_documents_miss_a_field_and_every_kind_occurs(folder: Path) -> None:
    cases = datasets.load_prior_auth(folder).cases
    assert len(cases) == 48
    golds = [c.expected for c in cases]
    assert 30 <= sum(bool(g.missing_fields) for g in golds) < 48
    assert len(Counter(f for g in golds for f in g.missing_fields)) == 10
