"""Semantic red flags: a sentence classifier over multilingual embeddings, raise only.

Phrase lists catch the wordings someone wrote down; a patient writes "an elephant is parked on
my breastbone" or "mi esposo no puede respirar bien". This layer reads each sentence of the
message through a multilingual sentence-embedding model (the domain's :class:`Embedder` port;
in production multilingual-e5-small, the model policy search ships) and exemplar sentences
embedded offline from generated, varied, multilingual data
(``scripts/train_triage_semantic.py``): *emergency now*, *same-day need* or *neither*, by the
nearest labelled exemplar. The exemplars hold the hard negatives (the same alarm words
negated, past, hypothetical or part of a name), so a negated sentence lands nearer a *none*
exemplar than an emergency one: negation scope per sentence, not a list.

It can only raise: its hits join the red-flag rules' hits, urgencies combine by maximum, and
it never removes or lowers a rule's finding. Over-triage costs staff time; under-triage is
what it exists to prevent.

Clause-level reading: a long sentence is also read clause by clause, split where a writer
turns to a new matter ("..., but also my dad just collapsed", "btw", "pero", "también"), so
an emergency clause at the end of a run-on billing question is compared with the exemplars on
its own and is not diluted by the words around it. The clauses join the same batch as the
sentences: still one embedding call per message.

Cost: one embedding per distinct unit (about 20 ms each on one loaded core), so a message's
units are deduplicated and at most :data:`MAX_UNITS` are read; a longer message keeps the
first and last units (where emergencies hide) and the rules read all of it.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from clinllm.domain.policies import Embedder
from clinllm.errors import ConfigError
from clinllm.observability.logging import get_logger, log_event
from clinllm.workflows.message_triage.context import Match, Text
from clinllm.workflows.message_triage.redflags import RuleHit
from clinllm.workflows.message_triage.semantic_head import (
    HEAD,
    EitherRaises,
    SentenceHead,
    SentenceLabeller,
)

__all__ = [
    "CLAUSE_SPLIT_WORDS",
    "CLEAR_LEAD",
    "MAX_UNITS",
    "MAX_UNIT_CHARS",
    "WEIGHTS",
    "SemanticFlags",
    "SentenceClassifier",
    "packaged_labeller",
    "units",
]

#: The packaged exemplars (int8 vectors, labels, thresholds, the embedding model's name).
WEIGHTS = Path(__file__).with_name("semantic_exemplars.json")
#: Sentences read per message: the first half and the last half of them when there are more.
MAX_UNITS = 48
#: Characters of a sentence read (40 words of prose fit; a 15,000-character "word" does not).
MAX_UNIT_CHARS = 320
# Sentence ends (not decimal points) and line breaks; long sentences are read in windows.
_SENTENCE_END = re.compile(r"[!?;\n]+|\.(?!\d)\.*")
_WORD = re.compile(r"\S+")
_WINDOW_WORDS = 40
_STRIDE_WORDS = 20
#: A sentence longer than this many words is also read clause by clause.
CLAUSE_SPLIT_WORDS = 12
# Where a run-on sentence turns to another matter (English, Spanish, Portuguese, French): a
# plain ", and" is no turn ("diarrhea for 3 days, and only 2 wet diapers" is one account).
_CLAUSE_TURN = re.compile(
    r"\s+(?:but|also|plus|btw|by the way|oh and|and also|anyway|p\.?s\.?|pero|tambien|también"
    r"|ademas|además|y ahora|mais|aussi|porem|porém)\s+|\s+-+\s+",
    re.IGNORECASE,
)
_MIN_CLAUSE_WORDS = 3
#: An emergency whose nearest emergency exemplar leads every other label by this much is
#: clear: the rules' anchor-word check is not asked for it (see ``similarity_scope.unsettled``). The
#: false emergencies that check was written for ("Delacroix", "I'm 34 and usually healthy")
#: lead by 0.016 or less; "she's going to jump off the bridge" leads by 0.08.
CLEAR_LEAD = 0.03
_log = get_logger("clinllm.workflows.message_triage")


def units(message: str, *, clauses: bool = True) -> list[tuple[int, int]]:
    """Spans of the sentences of ``message`` and of the clauses of its long sentences.

    A long sentence is read in overlapping word windows; one of more than
    :data:`CLAUSE_SPLIT_WORDS` words is followed by its clauses. Every span indexes
    ``message``; empty or punctuation-only pieces are skipped. ``clauses=False`` gives the
    sentences (and windows) alone: the trainer labels a one-sentence message by its sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in _SENTENCE_END.finditer(message):
        spans.extend(_sentence_units(message, start, cut.start(), clauses))
        start = cut.end()
    spans.extend(_sentence_units(message, start, len(message), clauses))
    return spans


def _sentence_units(message: str, lo: int, hi: int, clauses: bool) -> list[tuple[int, int]]:
    whole = _windows(message, lo, hi)
    if not clauses or len(_WORD.findall(message, lo, hi)) <= CLAUSE_SPLIT_WORDS:
        return whole
    parts: list[tuple[int, int]] = []
    start = lo
    for turn in _CLAUSE_TURN.finditer(message, lo, hi):
        if (
            len(_WORD.findall(message, start, turn.start())) >= _MIN_CLAUSE_WORDS
            and len(_WORD.findall(message, turn.end(), hi)) >= _MIN_CLAUSE_WORDS
        ):
            parts.extend(_windows(message, start, turn.start()))
            start = turn.end()
    if start == lo:
        return whole
    parts.extend(_windows(message, start, hi))
    return whole + [c for c in parts if c not in whole]


def _windows(message: str, lo: int, hi: int) -> list[tuple[int, int]]:
    words = [(m.start(), m.end()) for m in _WORD.finditer(message, lo, hi)]
    if not words or not any(ch.isalnum() for ch in message[lo:hi]):
        return []
    if len(words) <= _WINDOW_WORDS:
        return [(words[0][0], words[-1][1])]
    out: list[tuple[int, int]] = []
    for i in range(0, len(words) - _STRIDE_WORDS, _STRIDE_WORDS):
        chunk = words[i : i + _WINDOW_WORDS]
        out.append((chunk[0][0], chunk[-1][1]))
    return out


@dataclass(frozen=True, slots=True)
class SentenceClassifier:
    """Nearest labelled exemplar over sentence embeddings (cosine), with a margin.

    A sentence is an *emergency* when its nearest emergency exemplar is at least
    ``similar_at`` similar and beats its nearest *none* exemplar (the negated, past,
    hypothetical and routine sentences) and its nearest *urgent* one by ``margin``; *urgent*
    when the nearest emergency or urgent exemplar passes the same test against *none*. Text
    unlike every exemplar raises nothing: the rules still read it.

    Attributes:
        embedder: The embedding model's name the exemplars were embedded with.
        vectors: One L2-normalized row per exemplar (float32).
        labels: ``E``, ``U`` or ``N`` per row.
        similar_at: Least cosine similarity to a positive exemplar.
        margin: Least lead of the positive exemplar over the nearest *none* exemplar.
        clear_lead: Least lead of an emergency over every other label for it to be clear
            (:data:`CLEAR_LEAD` unless the exemplar file says otherwise).
    """

    embedder: str
    vectors: npt.NDArray[np.float32]
    labels: str
    similar_at: float
    margin: float
    clear_lead: float = CLEAR_LEAD

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> SentenceClassifier:
        """Read the exemplars written by ``scripts/train_triage_semantic.py``."""
        data = json.loads(path.read_text(encoding="utf-8"))
        raw = np.frombuffer(base64.b64decode(data["vectors"]), dtype=np.int8)
        vectors = raw.reshape(len(data["labels"]), int(data["dim"])).astype(np.float32)
        vectors *= np.float32(data["scale"])
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return cls(
            embedder=str(data["embedder"]),
            vectors=vectors,
            labels=str(data["labels"]),
            similar_at=float(data["similar_at"]),
            margin=float(data["margin"]),
            clear_lead=float(data.get("clear_lead", CLEAR_LEAD)),
        )

    def nearest(self, vectors: Sequence[Sequence[float]]) -> npt.NDArray[np.float32]:
        """Per sentence, the highest similarity to an ``E``, a ``U`` and an ``N`` exemplar."""
        sims = np.asarray(vectors, dtype=np.float32) @ self.vectors.T
        codes = np.frombuffer(self.labels.encode("ascii"), dtype=np.uint8)
        return np.stack([sims[:, codes == ord(c)].max(axis=1) for c in "EUN"], axis=1).astype(
            np.float32
        )

    def label_all(self, vectors: Sequence[Sequence[float]]) -> list[str]:
        """``emergency``, ``urgent`` or ``none`` per sentence embedding.

        An emergency that leads by ``clear_lead`` or more is ``emergency!`` (clear).
        """
        out: list[str] = []
        for e, u, n in self.nearest(vectors).tolist():
            if e >= self.similar_at and e - max(n, u) >= max(self.margin, self.clear_lead):
                out.append("emergency!")
            elif e >= self.similar_at and e - max(n, u) >= self.margin:
                out.append("emergency")
            elif max(e, u) >= self.similar_at and max(e, u) - n >= self.margin:
                out.append("urgent")
            else:
                out.append("none")
        return out


def packaged_labeller(*, head: bool = False) -> SentenceLabeller:
    """The packaged exemplars, joined by the packaged trained head when ``head`` is set.

    Joined, either may raise a sentence (:class:`~.semantic_head.EitherRaises`); the head reads
    emergencies only, and only near the exemplars. The application joins it
    (``Settings.triage_semantic_head``, on by default): it finds more blind emergencies and
    changes nothing on the open sets, at one more false emergency on the blind ``heldout``
    set (docs/triage.md, issue 16, eighth round).
    """
    exemplars = SentenceClassifier.load()
    if not head:
        return exemplars
    return EitherRaises(exemplars, SentenceHead.load(HEAD, support=exemplars.vectors))


class SemanticFlags:
    """Red-flag hits from the sentence classifier (``semantic_emergency``/``semantic_urgent``).

    Args:
        embedder: The sentence-embedding model (the policy index's, in production).
        classifier: What labels each sentence: the nearest-exemplar classifier, the trained
            head (:mod:`.semantic_head`) or both; the packaged exemplars when None.

    Raises:
        ConfigError: The exemplars were embedded with another model than ``embedder``
            (similarities between two models' vectors mean nothing).
    """

    def __init__(self, embedder: Embedder, classifier: SentenceLabeller | None = None) -> None:
        self._embedder = embedder
        self._classifier = classifier or SentenceClassifier.load()
        if embedder.name != self._classifier.embedder:
            raise ConfigError(
                f"the triage exemplars need the {self._classifier.embedder} embedder",
                setting="CLINLLM_TRIAGE_SEMANTIC",
            )

    @property
    def classifier(self) -> SentenceLabeller:
        """The classifier in use."""
        return self._classifier

    def hits(self, text: Text) -> tuple[RuleHit, ...]:
        """The semantic hits of a message: at most one emergency and one urgent, with spans."""
        spans = units(text.original)
        if len(spans) > MAX_UNITS:
            half = MAX_UNITS // 2
            spans = spans[:half] + spans[-half:]
        distinct: dict[str, list[tuple[int, int]]] = {}
        for start, end in spans:
            end = min(end, start + MAX_UNIT_CHARS)
            piece = text.original[start:end]
            # A run of quotes or symbols is nothing a patient says in words ("BP 168/112" is).
            if sum(ch.isalnum() or ch.isspace() for ch in piece) * 2 >= len(piece):
                distinct.setdefault(piece, []).append((start, end))
        sentences = list(distinct)
        if not sentences:
            return ()
        try:
            vectors = self._embedder.embed_passages(sentences)
        except Exception as exc:  # noqa: BLE001 - a raise-only layer must not stop routing
            # The rules still decide; the failure is logged by type only (never text).
            log_event(_log, "triage.semantic_unavailable", level=30, error_type=type(exc).__name__)
            return ()
        found: dict[str, list[Match]] = {"emergency!": [], "emergency": [], "urgent": []}
        for sentence, label in zip(sentences, self._classifier.label_all(vectors), strict=True):
            if label in found:
                found[label].extend(Match(s, e, text.original[s:e]) for s, e in distinct[sentence])
        hits: list[RuleHit] = []
        if found["emergency!"] or found["emergency"]:
            clear = tuple(found["emergency!"][:3])
            spans_e = (*clear, *found["emergency"][: 3 - len(clear)])
            hits.append(
                RuleHit("semantic_emergency", "emergency", "symptom_escalation", spans_e, clear)
            )
        if found["urgent"]:
            spans_u = tuple(found["urgent"][:3])
            hits.append(RuleHit("semantic_urgent", "urgent", "symptom_escalation", spans_u))
        return tuple(hits)
