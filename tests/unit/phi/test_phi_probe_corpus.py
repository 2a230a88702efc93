"""The seventh round's PHI probe (``scripts/synth/phi_probe.py``): reproducible, exact, disjoint.

No content of the held-out half is printed: it is measured, never read.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clinllm.testing.corpora import input_texts, word_runs

ROOT = Path(__file__).resolve().parents[3]
SYNTH = ROOT / "scripts" / "synth"
TUNE = ROOT / "evals" / "data" / "tune_phi_probe" / "phi.jsonl"
HELDOUT = ROOT / "evals" / "data" / "own_heldout_phi_probe" / "phi.jsonl"
WEAK_KINDS = {"VEHICLE", "AGE_OVER_89", "ADDRESS", "PHONE", "NAME", "OTHER_ID", "EMAIL", "DATE"}


def test_the_generator_reproduces_both_committed_halves() -> None:
    done = subprocess.run(
        [sys.executable, str(SYNTH / "phi_probe.py"), "--check"], capture_output=True, check=False
    )
    assert done.returncode == 0, "phi_probe.py --check differs from the committed files"


@pytest.mark.parametrize("path", [TUNE, HELDOUT], ids=["tune", "heldout"])
def test_gold_spans_are_exact_and_cover_the_weak_classes_and_new_kinds(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert len(rows) == 152
    kinds = set()
    for row in rows:
        text = row["input"]["text"]
        end = 0
        for span in sorted(row["expected"]["spans"], key=lambda s: s["start"]):
            assert text[span["start"] : span["end"]] == span["text"], row["id"]
            assert span["start"] >= end, row["id"]
            end = span["end"]
            kinds.add(span["type"])
    assert kinds >= WEAK_KINDS


def test_the_halves_share_no_pool() -> None:
    # the generator imports its sibling module (phi3_common) by name
    sys.path.insert(0, str(SYNTH))
    try:
        spec = importlib.util.spec_from_file_location("phi_probe", SYNTH / "phi_probe.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SYNTH))
    pools: dict[str, dict[str, Any]] = module.POOLS
    tune, heldout = pools["tune"], pools["heldout"]
    assert tune.keys() == heldout.keys()
    for key in tune:
        shared = {str(v) for v in tune[key]} & {str(v) for v in heldout[key]}
        assert not shared, key


def test_no_eight_word_sequence_is_shared() -> None:
    assert not (word_runs(input_texts(TUNE)) & word_runs(input_texts(HELDOUT)))
