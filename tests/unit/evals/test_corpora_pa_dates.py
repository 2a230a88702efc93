"""The tenth prior-auth round's date-spelling probe (s27): what it holds.

Reproduction and the open/blind 8-word line are tested for every probe in
``test_corpora_pa_probes.py``. Counts only: no held-out text is printed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from clinllm.codes import icd10cm
from clinllm.evals import datasets
from clinllm.testing.corpora import input_texts

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "evals" / "data"
TUNE = DATA / "tune_pa_dates"
HELDOUT = DATA / "own_heldout_pa_dates"


@pytest.mark.parametrize("folder", [TUNE, HELDOUT], ids=["tune", "heldout"])
def test_a_third_leave_a_date_out_and_every_code_is_real(folder: Path) -> None:
    cases = datasets.load_prior_auth(folder).cases
    assert len(cases) == 40
    golds = [c.expected for c in cases]
    missing = Counter(f for g in golds for f in g.missing_fields)
    assert set(missing) == {"patient_dob", "service_date"}
    assert 8 <= sum(bool(g.missing_fields) for g in golds) <= 20
    assert all(icd10cm.exists(d.code) for g in golds for d in g.diagnoses)
    assert all(g.payer_requirements for g in golds)


def test_the_open_side_spells_dates_the_ways_the_reader_did_not_know() -> None:
    texts = "\n".join(input_texts(TUNE / "prior_auth.jsonl"))
    shapes = {
        "glued": r"\b\d\d[A-Z]{3}\d{4}\b",
        "spanish": r"\b\d{1,2} de [a-z]+ de \d{4}\b",
        "dotted": r"\b\d\d\.\d\d\.\d{4}\b",
        "dashed_two_digit_year": r"\b\d{1,2}-\d{1,2}-\d\d\b",
        "year_first": r"\b20\d\d/\d\d/\d\d\b",
    }
    for name, pattern in shapes.items():
        assert re.search(pattern, texts), name
