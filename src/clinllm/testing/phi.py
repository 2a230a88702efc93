"""Assertions on what :func:`clinllm.phi.detect` finds in a text, for recognizer tests."""

from __future__ import annotations

from clinllm.phi import detect

__all__ = ["covered", "touched"]


def covered(text: str, value: str, kind: str | None = None) -> bool:
    """Whether every character of ``value`` (first occurrence) is in a finding (of ``kind``)."""
    start = text.index(value)
    spans = [(f.start, f.end) for f in detect(text) if kind is None or f.type == kind]
    return all(any(s <= i < e for s, e in spans) for i in range(start, start + len(value)))


def touched(text: str, value: str) -> bool:
    """Whether any character of ``value`` (first occurrence) is inside some finding."""
    start = text.index(value)
    return any(f.start < start + len(value) and start < f.end for f in detect(text))
