"""Checks of evaluation corpora written in the format of ``FORMAT.md``.

A held-out side is only held out if its wording is not the tuning side's: every generator pair
in ``scripts/synth`` is tested to share no run of eight words with its other side. The runs
are counted, never printed (a held-out side is measured, not read).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["input_texts", "word_runs"]

_WORD = re.compile(r"\w+")


def word_runs(texts: Iterable[str], n: int = 8) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words (letters and digits, lower case) in ``texts``."""
    runs: set[tuple[str, ...]] = set()
    for text in texts:
        words = _WORD.findall(text.lower())
        runs.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return runs


def input_texts(path: Path, field: str = "text") -> list[str]:
    """``input[field]`` of every line of a JSONL dataset file (``message`` for triage)."""
    lines = path.read_text("utf-8").splitlines()
    return [str(json.loads(line)["input"][field]) for line in lines if line.strip()]
