"""The ninth prior-auth round's missing-fields probe (s26): reproducible, and unseen in wording.

``tune_pa_missing`` (open) must share no run of eight words with any held-out prior-auth set,
and ``own_heldout_pa_missing`` (blind) none with any open one. Counts only: no held-out text is
printed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from clinllm.evals import datasets
from clinllm.testing.corpora import input_texts, word_runs

ROOT = Path(__file__).resolve().parents[3]
SYNTH = ROOT / "scripts" / "synth"
DATA = ROOT / "evals" / "data"
TUNE = DATA / "tune_pa_missing"
HELDOUT = DATA / "own_heldout_pa_missing"


def _prior_auth(prefix: str) -> list[Path]:
    return sorted(
        p.parent
        for p in DATA.glob(f"{prefix}*/prior_auth.jsonl")
        if p.parent not in (TUNE, HELDOUT)
    )


@pytest.mark.parametrize("side", ["tune", "heldout"])
def test_generator_reproduces_the_committed_files(side: str) -> None:
    done = subprocess.run(
        [sys.executable, str(SYNTH / "pa_missing_probe.py"), side, "--check"],
        capture_output=True,
        check=False,
        cwd=SYNTH,
    )
    assert done.returncode == 0, f"pa_missing_probe.py {side} --check differs from the file"


@pytest.mark.parametrize(
    ("mine", "others"),
    [
        (TUNE, [HELDOUT, *_prior_auth("heldout"), *_prior_auth("own_heldout")]),
        (HELDOUT, _prior_auth("tune")),
    ],
    ids=["tune_pa_missing_vs_heldout", "own_heldout_pa_missing_vs_tune"],
)
def test_no_eight_word_sequence_crosses_the_open_blind_line(mine: Path, others: list[Path]) -> None:
    runs = word_runs(input_texts(mine / "prior_auth.jsonl"))
    assert others
    for other in others:
        shared = runs & word_runs(input_texts(other / "prior_auth.jsonl"))
        assert not shared, f"{len(shared)} shared 8-word sequences with {other.name}"


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
