"""Measure the rules-only triage on a JSON Lines set: ``python -m ...message_triage.measure``.

Prints the issue's targets for the deterministic path (what the gateway's ``rules`` provider
returns): ``emergency_recall`` (must be 1.0), ``under_triage_rate`` (urgency predicted lower
than gold; target <= 0.02), ``category_accuracy`` (>= 0.90), ``urgency_accuracy`` (>= 0.85),
and the time per message. ``--misses`` lists the ids that missed, with the deciding rules
(ids and labels only, never message text). The official evaluation is ``clinllm eval run
--suite triage``; this is the quick loop for rule work.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from clinllm.workflows.message_triage.rules import classify
from clinllm.workflows.message_triage.schema import URGENCY_RANK

__all__ = ["main", "measure"]


def measure(path: Path, *, misses: bool = False) -> dict[str, float]:
    """Score :func:`~.rules.classify` on the FORMAT.md triage file at ``path``."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    category_ok = urgency_ok = emergencies = caught = under = 0
    started = time.perf_counter()
    for row in rows:
        verdict = classify(row["input"]["message"])
        gold = row["expected"]
        category_ok += verdict.category == gold["category"]
        urgency_ok += verdict.urgency == gold["urgency"]
        if gold["urgency"] == "emergency":
            emergencies += 1
            caught += verdict.urgency == "emergency"
        under += URGENCY_RANK[verdict.urgency] < URGENCY_RANK[gold["urgency"]]
        if misses and (verdict.category, verdict.urgency) != (gold["category"], gold["urgency"]):
            print(
                f"miss {row['id']}: gold {gold['category']}/{gold['urgency']} "
                f"got {verdict.category}/{verdict.urgency} "
                f"by {verdict.category_rule} {verdict.urgency_rule}"
            )
    elapsed = time.perf_counter() - started
    n = max(len(rows), 1)
    return {
        "n": float(len(rows)),
        "emergency_recall": caught / emergencies if emergencies else 1.0,
        "under_triage_rate": under / n,
        "category_accuracy": category_ok / n,
        "urgency_accuracy": urgency_ok / n,
        "ms_per_message": 1000 * elapsed / n,
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Print the figures for every file given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="list missed ids and rules")
    args = parser.parse_args(argv)
    for path in args.files:
        figures = measure(path, misses=args.misses)
        shown = " ".join(f"{k}={v:.3f}" if k != "n" else f"n={int(v)}" for k, v in figures.items())
        print(f"{path.name}: {shown}")


if __name__ == "__main__":
    main()
