"""Triage rules on long messages: linear time, measured against a linear peer in the same run.

The peer is the least any keyword triage must do: ``str.lower()`` of the message and a scan
for a dozen alarm words (``str.count``), which is linear. For each message shape and size the
benchmark reports the median time of the rules (``classify``), the median time of the peer,
and their ratio; and, per shape, the growth of the rules' time from 256 KB to 1 MB (4 when
linear, 16 when quadratic). Before the fix a 120 KB message took 110 s (issue 10).

Shapes: ordinary sentences, the same without punctuation (one clause of a megabyte, the case
that was quadratic), random words from the triage vocabulary (many findings to frame), and
one long word. Every figure is a median over alternating rounds; the machine is small and
shared, so read the ratios, not the absolute times.

    .venv/bin/python benchmarks/bench_triage_linear.py [--rounds 5] [--sizes 256000,1000000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from clinllm.workflows.message_triage.rules import classify

ALARMS = ("chest", "pain", "breath", "stroke", "bleed", "fever", "seizure", "overdose",
          "suicid", "pecho", "respirar", "faint")  # fmt: skip
SENTENCE = (
    "I need a refill of my lisinopril, no chest pain, my bill was wrong and I want to "
    "reschedule my appointment next week. "
)
VOCABULARY = (
    "no chest pain fever 101 refill bill appointment if last year my dad had stroke sugar 45 "
    "bp 190/125 the and of to she he baby weeks old not sure dolor de pecho sin fiebre cita"
).split()


def _shapes() -> dict[str, str]:
    rng = random.Random(1)
    return {
        "sentences": SENTENCE,
        "no punctuation": SENTENCE.replace(",", "").replace(".", ""),
        "random vocabulary": " ".join(rng.choice(VOCABULARY) for _ in range(400_000)),
        "one long word": "a",
    }


def _peer(message: str) -> int:
    low = message.lower()
    return sum(low.count(word) for word in ALARMS)


def _time(fn: object, message: str) -> float:
    start = time.perf_counter()
    fn(message)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="256000,1000000")
    args, _ = parser.parse_known_args()  # `dev.py bench` passes every script the same flags
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'shape':<18} {'size':>9} {'rules s':>9} {'peer s':>9} {'ratio':>8}")
    for shape, unit in _shapes().items():
        medians = {}
        for size in sizes:
            message = (unit * (size // len(unit) + 1))[:size]
            rules, peer = [], []
            for _ in range(args.rounds):
                rules.append(_time(classify, message))
                peer.append(_time(_peer, message))
            r, p = statistics.median(rules), statistics.median(peer)
            medians[size] = r
            print(f"{shape:<18} {size:>9} {r:>9.3f} {p:>9.4f} {r / p:>8.0f}")
        if len(sizes) >= 2:
            growth = medians[sizes[-1]] / medians[sizes[0]]
            print(f"{shape:<18} growth x{sizes[-1] / sizes[0]:.1f} size -> x{growth:.1f} time")


if __name__ == "__main__":
    main()
