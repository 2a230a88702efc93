"""The prior-auth probe generators with a tune and a held-out voice: reproducible, and unseen.

Each probe's open half (``tune_*``) must share no run of eight words with any held-out
prior-auth set, and its blind half (``own_heldout_*``) none with any open one. Counts only: no
held-out text is printed. What each probe is about is tested beside it
(``test_corpora_pa6.py``, ``test_corpora_pa_missing.py``, ``test_corpora_pa_dates.py``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from clinllm.testing.corpora import input_texts, word_runs

ROOT = Path(__file__).resolve().parents[3]
SYNTH = ROOT / "scripts" / "synth"
DATA = ROOT / "evals" / "data"

#: (generator, open folder, blind folder) of each probe.
PROBES = [
    ("pa6_probe.py", "tune_pa6", "own_heldout_pa6"),
    ("pa_missing_probe.py", "tune_pa_missing", "own_heldout_pa_missing"),
    ("pa_dates_probe.py", "tune_pa_dates", "own_heldout_pa_dates"),
]


def _prior_auth(prefix: str, *mine: Path) -> list[Path]:
    return sorted(
        p.parent for p in DATA.glob(f"{prefix}*/prior_auth.jsonl") if p.parent not in mine
    )


@pytest.mark.parametrize("side", ["tune", "heldout"])
@pytest.mark.parametrize("script", [p[0] for p in PROBES])
def test_generator_reproduces_the_committed_files(script: str, side: str) -> None:
    done = subprocess.run(
        [sys.executable, str(SYNTH / script), side, "--check"],
        capture_output=True,
        check=False,
        cwd=SYNTH,
    )
    assert done.returncode == 0, f"{script} {side} --check differs from the committed file"


@pytest.mark.parametrize(("script", "tune", "heldout"), PROBES, ids=[p[1] for p in PROBES])
def test_no_eight_word_sequence_crosses_the_open_blind_line(
    script: str, tune: str, heldout: str
) -> None:
    mine = (DATA / tune, DATA / heldout)
    pairs = [
        (mine[0], [mine[1], *_prior_auth("heldout", *mine), *_prior_auth("own_heldout", *mine)]),
        (mine[1], _prior_auth("tune", *mine)),
    ]
    for folder, others in pairs:
        runs = word_runs(input_texts(folder / "prior_auth.jsonl"))
        assert others
        for other in others:
            shared = runs & word_runs(input_texts(other / "prior_auth.jsonl"))
            assert not shared, f"{len(shared)} shared 8-word sequences: {folder.name}, {other.name}"
