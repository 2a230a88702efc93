"""The notes4 probe: note styles no earlier generator wrote, an open and a blind side.

Written for issue 12 (s25-notes). The earlier generators (``tune_notes.py``, ``notes2_tune.py``,
``notes3_probe.py``) write clean dictation ("The first problem is ..."), SOAP, EHR tables,
reconciliation tables and consult letters. This one writes what they do not:

* dictated notes transcribed with the spoken punctuation left in ("comma", "period", "new
  paragraph", "number two") and run-on sentences;
* dense abbreviation-only problem lists on one line ("HTN, HLD, T2DM w/ neuropathy, CKD3a"),
  whose gold carries the combination codes the guidelines require (I12.9 + N18.31, E11.22);
* OCR'd faxes (confused letters, page banners in the middle, lines broken mid-sentence);
* templated EHR exports with boilerplate, a copied-forward problem list and visit diagnoses
  followed by an undotted ("K219") or partially written ("E03.-") ICD-10-CM code;
* assessment and plan by problem number with each problem's orders under it;
* discharge summaries whose hospital course names drugs given in hospital (not changes);
* a drug named in the history, the allergy list and the plan of one note.

Gold follows FORMAT.md's ``note_summary``: the most specific billable ICD-10-CM code the words
support, combination codes ("with" convention), only problems addressed in this encounter. Every
scored phrase (follow-up ``what``, red flag) and every drug's surface is checked to be in the
note before a case is written (its evidence span), and every code to be billable.

Each pool entry carries one set of wordings per side and each side has its own frames, so the
sides share no run of eight words (tested). The held-out side (seeded separately) is generated,
scored once at the end, and never read.

    python3 scripts/synth/notes4_probe.py tune            # writes evals/data/tune_notes4
    python3 scripts/synth/notes4_probe.py heldout         # writes evals/data/own_heldout_notes4
    python3 scripts/synth/notes4_probe.py tune --check    # compare with the committed file
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import sides
from notes4_pools import DRUGS, FOLLOW, NEGATED, PROBLEMS, RED_FLAGS, Drug, Problem
from notes4_render import Note, render

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    "tune": ROOT / "evals" / "data" / "tune_notes4" / "note_summary.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_notes4" / "note_summary.jsonl",
}
SEEDS = {"tune": 4_120_801, "heldout": 4_120_802}
COUNTS = {"tune": 40, "heldout": 30}
STYLES = ["dictation", "dense", "ocr", "ehr", "numbered", "discharge", "crossref"]


def _pick_problems(rng: random.Random, k: int, inpatient: bool) -> list[Problem]:
    """``k`` problems whose coding does not interact (no two from one combination group).

    An inpatient diagnosis (sepsis) is drawn only for a discharge summary.
    """
    pool = PROBLEMS[:]
    rng.shuffle(pool)
    chosen: list[Problem] = []
    used: set[str] = set()
    for p in pool:
        if p.groups & used or (p.inpatient and not inpatient):
            continue
        chosen.append(p)
        used |= p.groups
        if len(chosen) == k:
            break
    return chosen


def _pick_drugs(rng: random.Random) -> list[tuple[Drug, str]]:
    """Two to four drugs, each with the action the plan takes on it."""
    pool = DRUGS[:]
    rng.shuffle(pool)
    actions = ["started", "stopped", "dose_changed", "continued"]
    rng.shuffle(actions)
    n = rng.randint(2, 4)
    return [(d, a) for d, a in zip(pool[:n], actions[:n], strict=True)]


def make_case(rng: random.Random, side: str, index: int) -> dict[str, object]:
    """One note and its gold."""
    style = STYLES[(index - 1) % len(STYLES)] if index <= len(STYLES) else rng.choice(STYLES)
    problems = _pick_problems(rng, rng.randint(2, 3), style == "discharge")
    drugs = _pick_drugs(rng)
    follows = rng.sample(FOLLOW, rng.randint(1, 3))
    flag = rng.choice(RED_FLAGS) if rng.random() < 0.5 else None
    negated = rng.sample(NEGATED[side], 3)
    note = Note(
        side=side,
        style=style,
        age=rng.randint(38, 88),
        sex=rng.choice(["M", "F"]),
        problems=[(p, rng.choice(p.words[side])) for p in problems],
        drugs=[(d, a, rng.choice(d.names[side])) for d, a in drugs],
        follows=[(f["when"], f[side]) for f in follows],
        flag=flag[side] if flag else None,
        negated=negated,
        printed_codes=rng.random() < 0.7,
    )
    text = render(rng, note)
    expected = {
        "problems": [{"code": c, "text": t} for p in problems for c, t in p.gold],
        "medication_changes": [
            {
                "name": d.generic,
                "action": a,
                "dose": {"dose_changed": d.new, "stopped": None}.get(a, d.old),
            }
            for d, a in drugs
        ],
        "follow_up": [{"what": f[side][1], "when": f["when"]} for f in follows],
        "red_flags": [flag[side][1]] if flag else [],
        "negated": negated,
    }
    _check(text, note, expected)
    prefix = {"tune": "notes4-t", "heldout": "notes4-h"}[side]
    return {
        "id": f"{prefix}-{index:03d}",
        "input": {"text": text},
        "expected": expected,
        "tags": [style, "notes4", side],
    }


def _check(text: str, note: Note, expected: dict[str, object]) -> None:
    """Every scored phrase and every drug's surface is in the note (its evidence span)."""
    flat = re.sub(r"\s+", " ", text.lower())
    phrases = [what for _, (_, what) in note.follows] + ([note.flag[1]] if note.flag else [])
    phrases += [shown for _, _, shown in note.drugs]
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
    return sides.main(argv, name="notes4", usage=__doc__, out=OUT, build=build)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
