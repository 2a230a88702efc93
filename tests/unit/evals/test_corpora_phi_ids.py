"""The identifier tune sets of the second PHI round load, hold what their README says, and
are what their generators write (no case content is printed on failure)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from clinllm.evals.datasets import PhiCase, load_jsonl

ROOT = Path(__file__).resolve().parents[3]
TUNE = ROOT / "evals" / "data" / "tune"
SYNTH = ROOT / "scripts" / "synth"


def _script(name: str) -> ModuleType:
    sys.path.insert(0, str(SYNTH))  # the generators import their sibling phi_tune
    try:
        spec = importlib.util.spec_from_file_location(name, SYNTH / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SYNTH))


@pytest.mark.parametrize(("file", "count"), [("phi_ids.jsonl", 192), ("phi_ids_hand.jsonl", 24)])
def test_identifier_tune_sets_load(file: str, count: int) -> None:
    cases = load_jsonl(TUNE / file, PhiCase)  # checks text == input[start:end] for each span
    assert len(cases) == count
    kinds = Counter(s.type for c in cases for s in c.expected.spans)
    assert {"DEVICE_ID", "VEHICLE", "HEALTH_PLAN_ID", "MRN"} <= set(kinds)


def test_phi_ids_matches_its_generator() -> None:
    rows = _script("phi_ids").build(168, 1602)
    committed = [
        json.loads(line) for line in (TUNE / "phi_ids.jsonl").read_text("utf-8").splitlines()
    ]
    assert [r["id"] for r in rows] == [r["id"] for r in committed]
    assert rows == committed


def test_lot_numbers_are_never_gold() -> None:
    # The convention of evals/data/README.md: lot numbers are precision traps.
    for file in ("phi_ids.jsonl", "phi_ids_hand.jsonl"):
        for case in load_jsonl(TUNE / file, PhiCase):
            for span in case.expected.spans:
                before = case.input.text[max(0, span.start - 8) : span.start].lower()
                assert "lot" not in before.split()[-1:], case.id
