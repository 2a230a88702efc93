"""Whether a readable document answers a question, and which of its sentences do.

A retriever always returns *something*; the harm is answering from it when it does not cover
the question ("acupuncture for back pain" retrieves the lumbar MRI policy). So before any
answer, the question's topic words are weighted by how rare they are among the chunks *this
reader* may read (inverse document frequency, from the index, counted over readable chunks
only, so a forbidden document cannot tip the decision), and the best document must cover
enough of that weight. A rare word that no readable passage contains weighs most, which is
what makes an off-topic question fail.

Words alone over-refuse paraphrases ("wound vac" for "negative pressure wound therapy"), so
the decision (:func:`support`) reads two kinds of evidence per readable document:

* **lexical**: the share of the question's weight its passages cover, *with their title and
  section path* (a section called "Replacement" covers a question about replacing);
* **semantic**: the best cosine similarity between the question's vector and the vectors of
  its passages (the embedding model places a paraphrase near the passage it restates).

A document answers when ``lexical + SEMANTIC_WEIGHT * lift >= LEXICAL_ALONE``, where ``lift``
is ``semantic - floor`` above the floor, ``0`` within :data:`VETO_BAND` below it, and
``semantic - (floor - VETO_BAND)`` further down: strong wording alone suffices unless the
vectors say *clearly* that the passage is about something else, and a passage the embedding
model puts close to the question needs less shared wording. ``floor`` is the embedding model's
own "same topic" cosine (:attr:`Embedder.answer_floor`), since every model has its own cosine
range; without vectors the decision is the lexical share alone.

Acronyms: a question that writes "CGM", "CPM" or "AHI" asks about what the document spells out
("continuous glucose monitor", "continuous passive motion", "apnea-hypopnea index"). An acronym
of the question (:func:`acronyms`: written in capitals) is covered by a text in which that many
consecutive topic words start with its letters (:func:`spells`), so it counts like any other
covered word, in the document's share and in the choice of the quoted sentence.

Why the band: a short question set against a long chunk scores a little under the floor even
when it shares most of the chunk's rare words ("How many PT visits per year does the commercial
plan cover?" against the benefit table that says so sat 0.02 under it). Just under the floor the
cosine says "not sure", not "another topic", so it neither lifts nor sinks the wording; only
further down does it veto wording that looks strong.
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
    "LEXICAL_ALONE",
    "SEMANTIC_WEIGHT",
    "SENTENCE_PATTERN",
    "VETO_BAND",
    "Evidence",
    "Sentence",
    "Support",
    "acronyms",
    "best_document",
    "coverage",
    "covered_terms",
    "lift",
    "sentences",
    "spells",
    "stem",
    "support",
    "term_weights",
]

#: Share of the question's weight the best readable document must cover for the extractive
#: answerer to answer.
COVERAGE_THRESHOLD = 0.6
#: Below this share no model is even asked: nothing readable is about the question.
GATE_THRESHOLD = 0.35
#: The lexical share that answers on its own when the vectors are at their floor.
LEXICAL_ALONE = COVERAGE_THRESHOLD
#: How much lexical share one unit of cosine above (or below) the model's floor is worth.
SEMANTIC_WEIGHT = 25.0
#: How far under the floor a cosine is read as "not sure" rather than "another topic".
VETO_BAND = 0.02

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")
#: A sentence, or a line without end punctuation (list items, table rows).
SENTENCE_PATTERN = re.compile(r"[^\n.!?;]+(?:[.!?;](?=\s|$)|$)", re.M)
#: An acronym as a question writes it: 2 to 6 capitals (digits after the first), plural ``s``.
_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,5})s?\b")
_LETTERS = re.compile(r"[A-Za-z0-9]+")


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


def acronyms(question: str) -> frozenset[str]:
    """The acronyms of a question (lower case): words of 2-6 capitals, at least two letters."""
    return frozenset(
        m.group(1).lower()
        for m in _ACRONYM.finditer(question)
        if sum(c.isalpha() for c in m.group(1)) >= 2
    )


def spells(acronym: str, text: str) -> bool:
    """Whether consecutive topic words of ``text`` start with the letters of ``acronym``.

    Hyphenated parts count as words ("apnea-hypopnea index" spells "ahi"); a stop word breaks
    the run, so "each day" never spells "ed".
    """
    n = len(acronym)
    words = _LETTERS.findall(text.lower())
    topic = [content_terms(w) == [w] for w in words]
    return any(
        all(words[i + j][0] == acronym[j] and topic[i + j] for j in range(n))
        for i in range(len(words) - n + 1)
    )


def term_weights(total: int, frequencies: Mapping[str, int]) -> dict[str, float]:
    """Inverse document frequency of each question term over the reader's chunks."""
    return {stem(t): math.log((total + 1) / (df + 0.5)) + 0.1 for t, df in frequencies.items()}


def covered_terms(
    weights: Mapping[str, float], text: str, spelled: frozenset[str] = frozenset()
) -> set[str]:
    """The weighted (stemmed) question terms that ``text`` contains.

    A term in ``spelled`` (the question's acronyms) is also covered by words it abbreviates.
    """
    have = {stem(t) for t in content_terms(text)}
    return {q for q in weights if _matches(q, have) or (q in spelled and spells(q, text))}


def coverage(
    weights: Mapping[str, float], texts: Iterable[str], spelled: frozenset[str] = frozenset()
) -> float:
    """Share of the question's weight covered by ``texts`` together (0 when no weight)."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    found: set[str] = set()
    for text in texts:
        found |= covered_terms(weights, text, spelled)
    return sum(weights[q] for q in found) / total


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a passage with its offsets and its share of the question weight."""

    start: int
    end: int
    score: float


def sentences(
    text: str, weights: Mapping[str, float], spelled: frozenset[str] = frozenset()
) -> list[Sentence]:
    """Sentences (or lines) of ``text`` scored by the question weight each covers."""
    total = sum(weights.values()) or 1.0
    out: list[Sentence] = []
    for m in SENTENCE_PATTERN.finditer(text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if len(content_terms(body)) < 3:
            continue
        found = covered_terms(weights, body, spelled)
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


@dataclass(frozen=True, slots=True)
class Evidence:
    """One readable passage as the answer decision sees it.

    Attributes:
        document: Its document key.
        text: The passage text (flagged spans blanked).
        heading: Its document title and section path (the structure that names its topic).
        similarity: Cosine similarity of question and passage vectors, when known.
    """

    document: str
    text: str
    heading: str = ""
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class Support:
    """How well the best readable document supports an answer.

    Attributes:
        document: The best document (None when there is no passage).
        lexical: Share of the question's weight it covers (text, title and sections).
        semantic: Its best question-passage cosine, when vectors were used.
        score: ``lexical + SEMANTIC_WEIGHT * lift(semantic, floor)`` (:func:`lift`; the lexical
            share alone without vectors).
        answers: Whether ``score`` reaches :data:`LEXICAL_ALONE`.
    """

    document: str | None
    lexical: float
    semantic: float | None
    score: float
    answers: bool


def lift(semantic: float, floor: float) -> float:
    """What a cosine adds to the lexical share, in cosine units (before the weight).

    Above ``floor`` the full distance; within :data:`VETO_BAND` under it nothing; further down
    the distance past the band (negative), so only a clearly off-topic passage sinks wording.
    """
    if semantic >= floor:
        return semantic - floor
    return min(0.0, semantic - (floor - VETO_BAND))


def support(
    weights: Mapping[str, float],
    passages: Sequence[Evidence],
    *,
    floor: float | None,
    spelled: frozenset[str] = frozenset(),
) -> Support:
    """The readable document that best supports an answer, and whether it is enough.

    ``spelled``: the question's acronyms (:func:`acronyms`), covered by the words they abbreviate.
    """
    by_doc: dict[str, list[Evidence]] = {}
    for passage in passages:
        by_doc.setdefault(passage.document, []).append(passage)
    best = Support(None, 0.0, None, 0.0, False)
    for document, group in by_doc.items():
        lexical = coverage(weights, [f"{p.heading}\n{p.text}" for p in group], spelled)
        sims = [p.similarity for p in group if p.similarity is not None]
        semantic = max(sims) if sims else None
        score = lexical
        if semantic is not None and floor is not None:
            score += SEMANTIC_WEIGHT * lift(semantic, floor)
        if best.document is None or score > best.score:
            best = Support(document, lexical, semantic, score, score >= LEXICAL_ALONE)
    return best
