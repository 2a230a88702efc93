"""The medication/follow-up probe: what a note does to drugs, follow-up and red flags.

Written for issue 12 / 16 (s26-meds). The earlier generators score medication changes,
follow-up and red flags on notes built around problem coding; this one varies what they hold
little of:

* medication reconciliation tables (drug | dose | status columns, pipes or padded spaces);
* "continue home meds" lists that continue several drugs in one line;
* holds around contrast ("hold metformin 48 h after contrast, resume on ..."), stops with
  their reason ("discontinued due to ..."), "d/c";
* dose changes as from/to, arrows, "increase to", "(was ...)", "titrated to";
* brand names (Lasix, Zoloft, Eliquis, Toprol XL), combination products (Bactrim DS,
  losartan-HCTZ, Hyzaar), salts and release forms, PRN drugs;
* follow-up in many shapes ("RTC 2 wk", "f/u with cardiology in 3 months", "labs before next
  visit", a referral, a named day) next to return precautions that are neither follow-up nor
  red flag;
* red flags as vital signs, labs (other units: g/L, mmol/L, umol/L, Fahrenheit) and symptoms.

Gold follows FORMAT.md's ``note_summary``; problems and denied findings come from the notes4
pools (their side's wordings). A stop, a hold or a discontinuation is ``stopped``; a dose
written as from/to or an arrow is ``dose_changed``. Every scored phrase and drug surface is
checked to be in the note. The tune and held-out sides have their own frames and wordings,
written before any tuning; the held-out side is scored once at the end, never read.

    python3 scripts/synth/notes_meds_probe.py tune          # evals/data/tune_notes_meds
    python3 scripts/synth/notes_meds_probe.py heldout       # evals/data/own_heldout_notes_meds
    python3 scripts/synth/notes_meds_probe.py tune --check  # compare with the committed file
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import sides
from notes4_pools import NEGATED
from notes4_probe import _pick_problems
from notes_meds_pools import FOLLOW, MEDS, RED_FLAGS, Med
from notes_meds_render import RENDER, Note

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    "tune": ROOT / "evals" / "data" / "tune_notes_meds" / "note_summary.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_notes_meds" / "note_summary.jsonl",
}
SEEDS = {"tune": 2_612_601, "heldout": 2_612_602}
COUNTS = {"tune": 40, "heldout": 30}
STYLES = list(RENDER)
#: Problem wordings of this many words or more are left out (see ``make_case``).
_MAX_PROBLEM_WORDS = 5


def _pick_meds(rng: random.Random) -> list[tuple[Med, str]]:
    """Three to five drugs, each with what the plan does to it (every action at least once)."""
    pool = MEDS[:]
    rng.shuffle(pool)
    n = rng.randint(3, 5)
    actions = ["started", "stopped", "dose_changed", "continued"]
    rng.shuffle(actions)
    actions += [rng.choice(actions) for _ in range(n - len(actions))]
    # A drug whose two doses are the same has no dose to change: it takes another action.
    return [
        (m, "continued" if a == "dose_changed" and m.old == m.new else a)
        for m, a in zip(pool[:n], actions[:n], strict=True)
    ]


def _short(wordings: list[str]) -> list[str]:
    return [w for w in wordings if len(w.split()) < _MAX_PROBLEM_WORDS]


def make_case(rng: random.Random, side: str, index: int) -> dict[str, object]:
    """One note and its gold."""
    style = STYLES[(index - 1) % len(STYLES)]
    # Short wordings only: a long one is shared word for word with the notes4 sets.
    problems = [p for p in _pick_problems(rng, 4, style == "discharge") if _short(p.words[side])][
        : rng.randint(1, 2)
    ]
    meds = _pick_meds(rng)
    follows = rng.sample(FOLLOW, rng.randint(2, 3))
    flag = rng.choice(RED_FLAGS) if rng.random() < 0.7 else None
    note = Note(
        side=side,
        style=style,
        age=rng.randint(30, 89),
        sex=rng.choice(["M", "F"]),
        problems=[(p, rng.choice(_short(p.words[side]))) for p in problems],
        meds=[(m, a, rng.choice(m.names[side])) for m, a in meds],
        follows=[f[side][:2] for f in follows],
        flag=flag[side] if flag else None,
        negated=rng.sample(NEGATED[side], 3),
    )
    text = RENDER[style](rng, note)
    expected = {
        "problems": [{"code": c, "text": t} for p in problems for c, t in p.gold],
        "medication_changes": [
            {
                "name": m.generic,
                "action": a,
                "dose": {"dose_changed": m.new, "stopped": None}.get(a, m.old),
            }
            for m, a in meds
        ],
        "follow_up": [{"what": f[side][1], "when": f[side][2]} for f in follows],
        "red_flags": [flag[side][1]] if flag else [],
        "negated": note.negated,
    }
    _check(text, note)
    prefix = {"tune": "notesmeds-t", "heldout": "notesmeds-h"}[side]
    return {
        "id": f"{prefix}-{index:03d}",
        "input": {"text": text},
        "expected": expected,
        "tags": [style, "notes_meds", side],
    }


def _check(text: str, note: Note) -> None:
    """Every scored phrase and every drug's surface is in the note (its evidence span)."""
    flat = re.sub(r"\s+", " ", text.lower())
    phrases = [what for _, what in note.follows] + ([note.flag[1]] if note.flag else [])
    phrases += [shown for _, _, shown in note.meds]
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
    return sides.main(argv, name="notes_meds", usage=__doc__, out=OUT, build=build)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
