"""The triage rules run in linear time, and their fast scan finds exactly what a plain scan finds.

Issue 10: a 120 KB message took 110 s (every finding rescanned its whole clause, and a message
without punctuation is one clause). The rules now read a bounded scope around each finding
and try each pattern only where it can start (``scan.py``). These tests bound the time of a
1 MB message and the growth from 256 KB to 1 MB, and check that the accelerated scan is exact
on every corpus message and on seeded random text.
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import pytest

from clinllm.domain import labs
from clinllm.workflows.message_triage import context, measurements, rules, situations, vocabulary
from clinllm.workflows.message_triage.context import Text
from clinllm.workflows.message_triage.rules import classify
from clinllm.workflows.message_triage.scan import WordIndex, literal_prefixes

ROOT = Path(__file__).resolve().parents[4]
CORPORA = [
    ROOT / "evals" / "data" / "tune" / "triage.jsonl",
    ROOT / "evals" / "data" / "synth_triage" / "triage.jsonl",
]
SENTENCE = (
    "I need a refill of my lisinopril, no chest pain, my bill was wrong and I want to "
    "reschedule my appointment next week. "
)


def _patterns() -> list[re.Pattern[str]]:
    found = [
        value
        for module in (vocabulary, rules, measurements, context, situations)
        for value in vars(module).values()
        if isinstance(value, re.Pattern)
    ]
    for _, first, second in situations.DANGEROUS_PAIRS:
        found += [first, second]
    # The values patients report are read by the shared reader, through triage's index.
    found += list(labs.REPORTED_PATTERNS.values())
    return found


def _messages() -> list[str]:
    out = []
    for path in CORPORA:
        with path.open(encoding="utf-8") as lines:
            out += [json.loads(line)["input"]["message"] for line in lines]
    return out


def _random_texts() -> list[str]:
    rng = random.Random(7)
    words = " ".join(_messages()).split()
    alphabet = "ab cd\n.,!?;:'-/0123456789 no chest pain fiebre 胸痛说话不清 é ñ a an i'm out of"
    texts = [" ".join(rng.choice(words) for _ in range(400)) for _ in range(8)]
    texts += ["".join(rng.choice(alphabet) for _ in range(3000)) for _ in range(8)]
    return texts


def test_most_rule_patterns_are_accelerated() -> None:
    patterns = _patterns()
    accelerated = [p for p in patterns if literal_prefixes(p) is not None]
    assert len(accelerated) >= 0.9 * len(patterns)


@pytest.mark.parametrize("source", ["corpus", "random"])
def test_the_indexed_scan_finds_exactly_what_finditer_finds(source: str) -> None:
    texts = _messages() if source == "corpus" else _random_texts()
    patterns = _patterns()
    for text in texts:
        norm = Text.of(text).norm
        index = WordIndex(norm)
        for pattern in patterns:
            assert [m.span() for m in index.scan(pattern)] == [
                m.span() for m in pattern.finditer(norm)
            ], pattern.pattern[:60]


def _cpu(message: str) -> float:
    start = time.process_time()
    classify(message)
    return time.process_time() - start


def test_a_one_megabyte_message_is_answered_in_bounded_time() -> None:
    message = (SENTENCE * (1_000_000 // len(SENTENCE) + 1))[:1_000_000]
    message += " Also my husband has crushing chest pain right now."
    start = time.process_time()
    verdict = classify(message)
    elapsed = time.process_time() - start
    assert verdict.urgency == "emergency"  # the last sentence still counts
    # CPU time, not wall time: the machine is shared, and waiting for a core is not the rules'
    # cost. The target is 2 s; measured about 1 s; the bound leaves room for a slower CPU.
    assert elapsed < 4.0


@pytest.mark.parametrize(
    "unit", [SENTENCE, SENTENCE.replace(",", "").replace(".", ""), "aaaa ", "a"]
)
def test_time_grows_linearly_with_the_message(unit: str) -> None:
    small = (unit * (256_000 // len(unit) + 1))[:256_000]
    large = (unit * (1_024_000 // len(unit) + 1))[:1_024_000]
    ratio = min(_cpu(large) for _ in range(2)) / max(min(_cpu(small) for _ in range(2)), 1e-3)
    # Four times the text: about four times the time when linear, sixteen when quadratic.
    assert ratio < 8.0
