"""The seventh prior-auth round's corpora (s24, pa2): reproducible, and unseen in their wording.

``tune_pa6`` (open) must share no run of eight words with any held-out prior-auth half, and
``own_heldout_pa6`` (blind) none with any open one. Counts only: no held-out text is printed.
"""

from __future__ import annotations

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
TUNE = DATA / "tune_pa6"
HELDOUT = DATA / "own_heldout_pa6"


def _prior_auth(prefix: str) -> list[Path]:
    return sorted(
        p.parent
        for p in DATA.glob(f"{prefix}*/prior_auth.jsonl")
        if p.parent not in (TUNE, HELDOUT)
    )


@pytest.mark.parametrize("side", ["tune", "heldout"])
def test_generator_reproduces_the_committed_files(side: str) -> None:
    done = subprocess.run(
        [sys.executable, str(SYNTH / "pa6_probe.py"), side, "--check"],
        capture_output=True,
        check=False,
        cwd=SYNTH,
    )
    assert done.returncode == 0, f"pa6_probe.py {side} --check differs from the committed file"


@pytest.mark.parametrize(
    ("mine", "others"),
    [
        (TUNE, [HELDOUT, *_prior_auth("heldout"), *_prior_auth("own_heldout")]),
        (HELDOUT, _prior_auth("tune")),
    ],
    ids=["tune_pa6_vs_heldout", "own_heldout_pa6_vs_tune"],
)
def test_no_eight_word_sequence_crosses_the_open_blind_line(mine: Path, others: list[Path]) -> None:
    runs = word_runs(input_texts(mine / "prior_auth.jsonl"))
    assert others
    for other in others:
        shared = runs & word_runs(input_texts(other / "prior_auth.jsonl"))
        assert not shared, f"{len(shared)} shared 8-word sequences with {other.name}"


@pytest.mark.parametrize("folder", [TUNE, HELDOUT], ids=["tune", "heldout"])
def test_most_documents_miss_a_field_and_every_kind_occurs(folder: Path) -> None:
    cases = datasets.load_prior_auth(folder).cases
    assert len(cases) == 48
    golds = [c.expected for c in cases]
    assert 30 <= sum(bool(g.missing_fields) for g in golds) < 48
    assert len(Counter(f for g in golds for f in g.missing_fields)) == 10
