#!/usr/bin/env python3
"""The voices triage probe (issue 16, s27): an open tune side and a blind held-out side.

Seven voices no earlier triage generator wrote: a caregiver typing for someone else,
voice-to-text with no punctuation, an old resolved problem next to a new one, a nursing-home
nurse in the third person, teenage slang, Spanish / Portuguese / Vietnamese mixed with
English, and emergencies told with no alarm word ("his lips have gone a little grey-blue").
Pregnancy and infant look-alikes that are not emergencies sit beside them, since over-triage
of those is a known open problem.

Each side is its own module with its own messages and slot pools: ``heldout_triage_voices``
(written first, before the tune side and before any tuning; blind, never read again) and
``tune_triage_voices`` (read and tuned on). This driver only fills the slots with a seeded
generator and writes the JSON lines.

    python3 scripts/synth/triage_voices.py tune            # evals/data/tune_triage_voices
    python3 scripts/synth/triage_voices.py heldout         # evals/data/own_heldout_triage_voices
    python3 scripts/synth/triage_voices.py tune --check    # compare with the committed file
"""

from __future__ import annotations

import importlib
import json
import random
import string
import sys

import sides

OUT = {
    "tune": sides.ROOT / "evals" / "data" / "tune_triage_voices" / "triage.jsonl",
    "heldout": sides.ROOT / "evals" / "data" / "own_heldout_triage_voices" / "triage.jsonl",
}
MODULES = {"tune": "tune_triage_voices", "heldout": "heldout_triage_voices"}
SEEDS = {"tune": 27_120_801, "heldout": 27_120_802}
PREFIX = {"tune": "vt-", "heldout": "vh-"}


def build(side: str) -> str:
    """The JSON lines of one side: its items in order, slots filled by the side's seed."""
    module = importlib.import_module(MODULES[side])
    rng = random.Random(SEEDS[side])
    lines = []
    for i, (voice, category, urgency, template) in enumerate(module.ITEMS):
        slots = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        message = template.format(**{s: rng.choice(module.FILLS[s]) for s in sorted(slots)})
        case = {
            "id": f"{PREFIX[side]}{i:03d}",
            "input": {"message": message},
            "expected": {"category": category, "urgency": urgency},
            "voice": voice,
        }
        lines.append(json.dumps(case, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """``tune|heldout [--check]``."""
    return sides.main(
        argv, name="triage_voices", usage=__doc__, out=OUT, build=build, noun="messages"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
