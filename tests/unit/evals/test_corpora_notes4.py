"""The notes4 probe's corpora: deterministic, halves disjoint, gold honest.

No held-out content is printed or read: the blind side is measured, never opened (failures
name case ids or counts only).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from clinllm.codes import icd10cm
from clinllm.evals import datasets
from clinllm.testing.corpora import input_texts, word_runs

ROOT = Path(__file__).resolve().parents[3]
SYNTH = ROOT / "scripts" / "synth"
DATA = ROOT / "evals" / "data"
TUNE = DATA / "tune_notes4"
HELDOUT = DATA / "own_heldout_notes4"
COUNTS = {TUNE: 40, HELDOUT: 30}


@pytest.mark.parametrize("side", ["tune", "heldout"])
def test_generator_reproduces_the_committed_files(side: str) -> None:
    done = subprocess.run(
        [sys.executable, str(SYNTH / "notes4_probe.py"), side, "--check"],
        capture_output=True,
        check=False,
        cwd=SYNTH,
    )
    assert done.returncode == 0, f"notes4_probe.py {side} --check differs from the committed file"


def test_generator_is_deterministic_within_one_process() -> None:
    code = "import notes4_probe as g; print(all(g.build(s) == g.build(s) for s in g.OUT))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=False, cwd=SYNTH, text=True
    )
    assert done.stdout.strip() == "True"


def test_the_two_halves_share_no_note_and_no_eight_word_run() -> None:
    tune, heldout = (input_texts(p / "note_summary.jsonl") for p in (TUNE, HELDOUT))
    same_notes = len(set(tune) & set(heldout))
    shared_runs = len(word_runs(tune) & word_runs(heldout))
    assert (same_notes, shared_runs) == (0, 0)  # counts only: the held-out side is not shown


@pytest.mark.parametrize("side", [TUNE, HELDOUT], ids=["tune", "heldout"])
def test_no_eight_word_run_is_shared_with_another_note_set(side: Path) -> None:
    mine = word_runs(input_texts(side / "note_summary.jsonl"))
    others = [p for p in DATA.glob("*/note_summary.jsonl") if p.parent not in (TUNE, HELDOUT)]
    others.append(ROOT.parent / "shared" / "data" / "dev" / "note_summary.jsonl")
    shared = {p.parent.name: len(mine & word_runs(input_texts(p))) for p in others if p.exists()}
    assert not any(shared.values()), f"shared 8-word runs per set: {shared}"


@pytest.mark.parametrize("side", [TUNE, HELDOUT], ids=["tune", "heldout"])
def test_codes_are_billable_and_scored_phrases_are_in_the_note(side: Path) -> None:
    cases = datasets.load_note_summary(side).cases
    assert len(cases) == COUNTS[side]
    bad = []
    for case in cases:
        text = re.sub(r"\s+", " ", case.input.text.lower())
        if not all(icd10cm.is_billable(p.code) for p in case.expected.problems):
            bad.append(f"{case.id}: code")
        phrases = [*case.expected.red_flags, *(f.what for f in case.expected.follow_up)]
        if not all(p.lower() in text for p in phrases):
            bad.append(f"{case.id}: phrase")
    assert bad == []  # ids only
