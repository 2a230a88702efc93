"""The notes_fu probe: follow-up, red flags and medication changes in voices no generator wrote.

Written for issue 12 (s27-notes-followup). Earlier probes copied every gold follow-up into the
note word for word; annotators do not (dev writes "return visit" for "Return to clinic in 3
months"). This one writes:

* follow-ups without "follow up" wording: "RTC 3 wks", "see me after the echo", "labs in 1
  week", a referral "to GI", a lab or a nurse's call on a named day, a pending culture; the
  gold ``what`` is the annotator's short label;
* red flags stated in prose: a critical value a lab phoned, a value a relative reports, a
  symptom the caller describes — next to return precautions, which are never red flags;
* medication changes by brand (Keflex, Augmentin, Norco, Lasix, Coumadin), Spanish drug names
  (metformina, amlodipino), "hold", "taper", "increase to", "d/c", "cut back", "no change";
* in discharge instructions and after-visit summaries written to the patient, nurse telephone
  and home-health notes, and scanned copies (OCR confusions, broken lines, fax banners).

The driver holds only the sampling and the gold; each side has its own module with its own
wordings and frames (``notes_fu_tune.py``; the blind side's ``heldout_notes_fu.py``, written
first, before any tuning, and not read since), seeded separately.

    python3 scripts/synth/notes_fu_probe.py tune            # writes evals/data/tune_notes_fu
    python3 scripts/synth/notes_fu_probe.py heldout         # writes evals/data/own_heldout_notes_fu
    python3 scripts/synth/notes_fu_probe.py tune --check    # compare with the committed file
"""

from __future__ import annotations

import importlib
import json
import random
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import sides

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    "tune": ROOT / "evals" / "data" / "tune_notes_fu" / "note_summary.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_notes_fu" / "note_summary.jsonl",
}
SEEDS = {"tune": 2_712_001, "heldout": 2_712_902}
COUNTS = {"tune": 30, "heldout": 24}
STYLES = ["discharge", "phone"]


def _side(side: str) -> ModuleType:
    return importlib.import_module({"tune": "notes_fu_tune", "heldout": "heldout_notes_fu"}[side])


def make_case(rng: random.Random, side: str, index: int) -> dict[str, object]:
    """One note and its gold."""
    mod = _side(side)
    actions = ["started", "stopped", "dose_changed", "continued"]
    drugs = [(s, g, rng.choice(actions)) for s, g in rng.sample(mod.DRUGS, 2)]
    note: dict[str, Any] = {
        "style": STYLES[index % 2],
        "ocr": index % 4 == 3,
        "age": rng.randint(30, 88),
        "sex": rng.choice(["M", "F"]),
        "problem": rng.choice(mod.PROBLEMS),
        "drugs": drugs,
        "follows": rng.sample(mod.FOLLOW, 2),
        "flags": rng.sample(mod.FLAGS, 1) if rng.random() < 0.6 else [],
        "precaution": rng.choice(mod.PRECAUTIONS),
        "denied": rng.sample(mod.DENIED, 2),
    }
    text = mod.render(rng, note)
    _, code, words = note["problem"]
    expected = {
        "problems": [{"code": code, "text": words}],
        "medication_changes": [{"name": g, "action": a, "dose": None} for _, g, a in drugs],
        "follow_up": [{"what": what, "when": when} for _, what, when in note["follows"]],
        "red_flags": [gold for _, gold in note["flags"]],
        "negated": note["denied"],
    }
    if not note["ocr"]:
        _check(text, note)
    prefix = {"tune": "notesfu-t", "heldout": "notesfu-h"}[side]
    return {
        "id": f"{prefix}-{index:03d}",
        "input": {"text": text},
        "expected": expected,
        "tags": [note["style"], "ocr" if note["ocr"] else "clean", "notes_fu", side],
    }


def _check(text: str, note: dict[str, Any]) -> None:
    """Every red flag, drug surface and denied condition is in a clean note."""
    flat = re.sub(r"\s+", " ", text.lower())
    phrases = [g for _, g in note["flags"]] + [s for s, _, _ in note["drugs"]] + note["denied"]
    missing = [p for p in phrases if p.lower() not in flat]
    if missing:
        raise AssertionError(f"evidence not in the note: {missing}")


def build(side: str) -> str:
    """The side's JSONL body: seeded, so the same on every run."""
    rng = random.Random(SEEDS[side])
    return "".join(
        json.dumps(make_case(rng, side, i), ensure_ascii=False) + "\n"
        for i in range(1, COUNTS[side] + 1)
    )


def main(argv: list[str]) -> int:
    return sides.main(argv, name="notes_fu", usage=__doc__, out=OUT, build=build)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
