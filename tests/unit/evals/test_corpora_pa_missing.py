"""The ninth prior-auth round's missing-fields probe (s26): what it holds.

Reproduction and the open/blind 8-word line are tested for every probe in
``test_corpora_pa_probes.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from clinllm.evals import datasets
from clinllm.testing.corpora import input_texts

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "evals" / "data"
TUNE = DATA / "tune_pa_missing"
HELDOUT = DATA / "own_heldout_pa_missing"


@pytest.mark.parametrize("folder", [TUNE, HELDOUT], ids=["tune", "heldout"])
def test_most_documents_miss_a_field_some_none_and_every_kind_occurs(folder: Path) -> None:
    cases = datasets.load_prior_auth(folder).cases
    assert len(cases) == 48
    golds = [c.expected for c in cases]
    # About three in four leave a field out; the rest are complete (precision of "present").
    assert 30 <= sum(bool(g.missing_fields) for g in golds) < 44
    assert len(Counter(f for g in golds for f in g.missing_fields)) == 10
    assert sum(bool(g.payer_requirements) for g in golds) >= 24


def test_blanks_are_written_as_labels_with_nothing_or_a_blank_word() -> None:
    """The open side writes blank fields in each of the ways the probe is about."""
    texts = "\n".join(input_texts(TUNE / "prior_auth.jsonl"))
    for shape in ("| NPI |", "\f"):
        assert shape in texts, shape
    # A dotted leader that runs into a blank (underscores or a blank word).
    assert re.search(r"\.{6,} (?:_+|N/A|pending|unknown|see attached|to follow)\n", texts)
    assert re.search(r"^[A-Z][A-Za-z ]+:\n", texts, re.M)  # a label with nothing after it
    words = ("____", ": N/A", ": pending", ": unknown", ": see attached", ": to follow")
    assert sum(w in texts for w in words) >= 4
