"""The generated PHI tune/held-out pairs (``phi_weak.py``, ``phi_probe.py``,
``phi_classes.py``, ``phi_probe2.py``): reproducible, exact, disjoint.

No content of a held-out half is printed: it is measured, never read.
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
DATA = ROOT / "evals" / "data"

#: Per generator: its tune and held-out sets, texts per half, the classes each half must hold.
CORPORA = {
    "phi_weak": (
        "tune_phi_weak",
        "own_heldout_phi_weak",
        240,
        {"VEHICLE", "AGE_OVER_89", "ADDRESS", "PHONE", "DEVICE_ID"},
    ),
    "phi_probe": (
        "tune_phi_probe",
        "own_heldout_phi_probe",
        152,
        {"VEHICLE", "AGE_OVER_89", "ADDRESS", "PHONE", "NAME", "OTHER_ID", "EMAIL", "DATE"},
    ),
    "phi_classes": (
        "tune_phi_classes",
        "own_heldout_phi_classes",
        200,
        {"VEHICLE", "AGE_OVER_89", "ADDRESS", "PHONE", "NAME"},
    ),
    "phi_probe2": (
        "tune_phi_probe2",
        "own_heldout_phi_probe2",
        160,
        {"VEHICLE", "AGE_OVER_89", "ADDRESS", "NAME"},
    ),
}
HALVES = [
    pytest.param(name, DATA / folder / "phi.jsonl", id=f"{name}-{side}")
    for name, (tune, heldout, _, _) in CORPORA.items()
    for side, folder in (("tune", tune), ("heldout", heldout))
]


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_the_generator_reproduces_both_committed_halves(name: str) -> None:
    done = subprocess.run(
        [sys.executable, str(SYNTH / f"{name}.py"), "--check"], capture_output=True, check=False
    )
    assert done.returncode == 0, f"{name}.py --check differs from the committed files"


@pytest.mark.parametrize(("name", "path"), HALVES)
def test_gold_spans_are_exact_and_cover_the_classes(name: str, path: Path) -> None:
    _, _, count, classes = CORPORA[name]
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert len(rows) == count
    kinds = set()
    for row in rows:
        text = row["input"]["text"]
        end = 0
        for span in sorted(row["expected"]["spans"], key=lambda s: s["start"]):
            assert text[span["start"] : span["end"]] == span["text"], row["id"]
            assert span["start"] >= end, row["id"]
            end = span["end"]
            kinds.add(span["type"])
    assert kinds >= classes


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_the_halves_share_no_pool(name: str) -> None:
    # the generators import their sibling modules (phi3_common) by name
    sys.path.insert(0, str(SYNTH))
    try:
        spec = importlib.util.spec_from_file_location(name, SYNTH / f"{name}.py")
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


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_no_eight_word_sequence_is_shared(name: str) -> None:
    tune, heldout, _, _ = CORPORA[name]
    assert not (
        word_runs(input_texts(DATA / tune / "phi.jsonl"))
        & word_runs(input_texts(DATA / heldout / "phi.jsonl"))
    )
