#!/usr/bin/env python3
"""Build evals/data/heldout/phi.jsonl (HELD-OUT: engineers tuning recognizers must not open it).

    .venv/bin/python scripts/synth/heldout_phi.py

Generated texts come from eight held-out families (heldout_phi_families.py); hand-written
texts from heldout_phi_hand.txt. Every PHI mention is marked inline and turned into offsets
by code; the checks below refuse overlapping spans, unknown types and any unmarked repeat of
a marked string (except an eponym or brand use of the same word).
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

import itertools
import random
import re
import sys
from pathlib import Path
from typing import Any

from heldout_phi_texts import FAMILIES
from records import read_hand_file, strip_markup, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "heldout" / "phi.jsonl"
HAND = Path(__file__).with_name("heldout_phi_hand.txt")
SEED = 8675309
PER_FAMILY = 6

TYPES = {
    "NAME", "ADDRESS", "DATE", "AGE_OVER_89", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "HEALTH_PLAN_ID",
    "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE_ID", "URL", "IP", "BIOMETRIC", "OTHER_ID",
}  # fmt: skip
#: Words after which an unmarked repeat of a name is an eponym or a brand, not the person.
EPONYM_NEXT = re.compile(
    r"\s*(?:esophagus|disease|syndrome|palsy|cyst|catheter|phenomenon|sign|maneuver|\d|tablets|'s)",
)


def check(row_id: str, text: str, spans: list[dict[str, Any]]) -> None:
    problems = []
    ordered = sorted(spans, key=lambda s: s["start"])
    for a, b in itertools.pairwise(ordered):
        if a["end"] > b["start"]:
            problems.append("overlap")
    for s in spans:
        if s["type"] not in TYPES:
            problems.append(f"type {s['type']}")
        if text[s["start"] : s["end"]] != s["text"] or s["text"] != s["text"].strip():
            problems.append("offsets")
        for m in re.finditer(r"(?<!\w)" + re.escape(s["text"]) + r"(?!\w)", text):
            covered = any(o["start"] <= m.start() and m.end() <= o["end"] for o in spans)
            if not covered and not EPONYM_NEXT.match(text, m.end()):
                problems.append(f"unmarked repeat of a {s['type']}")
    if problems:
        raise SystemExit(f"{row_id}: " + "; ".join(sorted(set(problems))))


def main() -> int:
    rng = random.Random(SEED)
    rows: list[dict[str, Any]] = []
    for name, family in FAMILIES.items():
        for i in range(PER_FAMILY):
            text, spans = strip_markup(family(rng))
            check(f"{name}-{i}", text, spans)
            rows.append({"input": {"text": text}, "expected": {"spans": spans}, "_f": name})
    for rec in read_hand_file(HAND):
        text, spans = strip_markup(rec.text)
        check(rec.id, text, spans)
        rows.append({"input": {"text": text}, "expected": {"spans": spans}, "_f": "hand"})
    rng.shuffle(rows)
    out = [
        {"id": f"ho-phi-{n:03d}", "input": r["input"], "expected": r["expected"]}
        for n, r in enumerate(rows, 1)
    ]
    write_jsonl(OUT, out)
    counts: dict[str, int] = {}
    for r in out:
        for s in r["expected"]["spans"]:
            counts[s["type"]] = counts.get(s["type"], 0) + 1
    print(f"wrote {len(out)} rows, {sum(counts.values())} spans: {dict(sorted(counts.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
