#!/usr/bin/env python3
"""Build ``evals/data/tune/phi_ids_hand.jsonl`` from the hand-written ``phi_ids_hand.txt``.

24 short texts written by hand, after the identifier mechanisms of ``phi_ids.py`` were
built and before any rule was tuned on them: identifiers in layouts and phrasings the
generator does not produce (a wallet card read aloud, a car someone lives in, an impound
record, an implant log of REF and lot numbers, a CSV of Medicaid ids, a pipe table of
fields, Spanish forms). Spans are marked inline (``⟦TYPE:value⟧``); offsets are computed.
Non-PHI traps: lot, REF, model and NDC numbers, sensor codes, rooms, RxBIN/PCN, codes.

    python3 scripts/synth/phi_ids_hand.py            # writes the JSONL
    python3 scripts/synth/phi_ids_hand.py --check    # compares with the committed file
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from phi_tune import render

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "evals" / "data" / "tune" / "phi_ids_hand.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()
    texts = (HERE / "phi_ids_hand.txt").read_text("utf-8").split("\n=====\n")
    rows = []
    for i, marked in enumerate(texts):
        text, spans = render(marked.strip("\n"))
        for s in spans:
            assert text[s["start"] : s["end"]] == s["text"]
        rows.append({"id": f"tune-ids-hand-{i:03d}", "input": {"text": text},
                     "expected": {"spans": spans}})  # fmt: skip
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.check:
        same = OUT.exists() and OUT.read_text("utf-8") == body
        print("up to date" if same else f"{OUT} differs from its source")
        return 0 if same else 1
    OUT.write_text(body, "utf-8")
    print(f"wrote {len(rows)} texts to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
