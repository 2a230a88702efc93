"""How much of a question the readable passages cover, and which sentences answer it.

A retriever always returns *something*; the harm is answering from it when it does not cover
the question ("acupuncture for back pain" retrieves the lumbar MRI policy). So before any
answer, the question's topic words are weighted by how rare they are among the chunks *this
reader* may read (inverse document frequency, from the index, counted over readable chunks
only, so a forbidden document cannot tip the decision), and the best document must cover
enough of that weight. A rare word that no readable passage contains weighs most, which is
what makes an off-topic question fail.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from clinllm.domain.policies import content_terms

__all__ = [
    "COVERAGE_THRESHOLD",
    "GATE_THRESHOLD",
    "Sentence",
    "best_document",
    "coverage",
    "covered_terms",
    "sentences",
    "stem",
    "term_weights",
]

#: Share of the question's weight the best readable document must cover for the extractive
#: answerer to answer.
COVERAGE_THRESHOLD = 0.6
#: Below this share no model is even asked: nothing readable is about the question.
GATE_THRESHOLD = 0.35

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")
_SENTENCE = re.compile(r"[^\n.!?;]+(?:[.!?;](?=\s|$)|$)", re.M)


def stem(term: str) -> str:
    """A crude suffix strip: enough to match ``covered``/``coverage``/``cover``."""
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            return term[: -len(suffix)]
    return term


def _matches(q: str, have: set[str]) -> bool:
    if q in have:
        return True
    return len(q) >= 4 and any(h.startswith(q) or (len(h) >= 4 and q.startswith(h)) for h in have)


def term_weights(total: int, frequencies: Mapping[str, int]) -> dict[str, float]:
    """Inverse document frequency of each question term over the reader's chunks."""
    return {stem(t): math.log((total + 1) / (df + 0.5)) + 0.1 for t, df in frequencies.items()}


def covered_terms(weights: Mapping[str, float], text: str) -> set[str]:
    """The weighted (stemmed) question terms that ``text`` contains."""
    have = {stem(t) for t in content_terms(text)}
    return {q for q in weights if _matches(q, have)}


def coverage(weights: Mapping[str, float], texts: Iterable[str]) -> float:
    """Share of the question's weight covered by ``texts`` together (0 when no weight)."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    found: set[str] = set()
    for text in texts:
        found |= covered_terms(weights, text)
    return sum(weights[q] for q in found) / total


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a passage with its offsets and its share of the question weight."""

    start: int
    end: int
    score: float


def sentences(text: str, weights: Mapping[str, float]) -> list[Sentence]:
    """Sentences (or lines) of ``text`` scored by the question weight each covers."""
    total = sum(weights.values()) or 1.0
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if len(content_terms(body)) < 3:
            continue
        found = covered_terms(weights, body)
        out.append(
            Sentence(
                m.start() + lead,
                m.start() + lead + len(body),
                sum(weights[q] for q in found) / total,
            )
        )
    return out


def best_document(
    weights: Mapping[str, float], passages: Sequence[tuple[str, str]]
) -> tuple[str | None, float]:
    """The document (``(document_key, text)`` pairs) whose passages cover most of the question."""
    by_doc: dict[str, list[str]] = {}
    for key, text in passages:
        by_doc.setdefault(key, []).append(text)
    best: tuple[str | None, float] = (None, 0.0)
    for key, texts in by_doc.items():
        share = coverage(weights, texts)
        if share > best[1]:
            best = (key, share)
    return best
