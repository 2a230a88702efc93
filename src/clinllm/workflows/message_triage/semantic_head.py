"""A trained head over sentence embeddings: emergency, same-day need or neither, raise only.

The nearest-exemplar classifier (:class:`~.semantic.SentenceClassifier`) remembers wordings:
a sentence counts when it lies close to one labelled sentence. The head is a small classifier
(one hidden layer, or none: multinomial logistic regression) trained offline with numpy on
the same sentences (``scripts/train_triage_head.py``), so it weighs what every emergency
sentence shares rather than which one it resembles most. Its thresholds were chosen on
out-of-fold predictions, template by template hidden (the trainer's leave-template-out
split), never on a held-out set.

A trained score extrapolates on text unlike its training data ("thx!!" far from every
sentence may still land on the emergency side of a plane), so the head speaks only within
``support_at`` cosine of a training sentence: the nearest-exemplar matrix, which the layer
loads anyway, is that support. Both are read from one matrix product per message batch.

Its labels use the vocabulary of :meth:`~.semantic.SentenceClassifier.label_all`
(``emergency!``, ``emergency``, ``urgent``, ``none``), so the layer composes either, or both
(:class:`EitherRaises`: the higher label per sentence). Like the rest of the layer it can only
raise: the rules' findings are never removed or lowered (:func:`~.rules.classify`).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from clinllm.errors import ConfigError

__all__ = ["HEAD", "HEAD_VERSION", "LABEL_RANK", "EitherRaises", "SentenceHead", "SentenceLabeller"]

#: The packaged head, next to the exemplars it was trained beside.
HEAD = Path(__file__).with_name("semantic_head.json")
#: The file layout this code reads; a head written for another layout is refused.
HEAD_VERSION = 1
#: Sentence labels, lowest first: a composition keeps the higher.
LABEL_RANK = {"none": 0, "urgent": 1, "emergency": 2, "emergency!": 3}
_CLASSES = "EUN"


class SentenceLabeller(Protocol):
    """Labels sentence embeddings ``emergency!`` (clear), ``emergency``, ``urgent`` or ``none``."""

    @property
    def embedder(self) -> str:
        """The embedding model's name the labeller was fitted to."""
        ...

    def label_all(self, vectors: Sequence[Sequence[float]]) -> list[str]:
        """One label per sentence embedding."""
        ...


def _matrix(data: dict[str, object], key: str, shape: tuple[int, ...]) -> npt.NDArray[np.float32]:
    raw = data.get(key)
    if not isinstance(raw, str):
        raise ConfigError(f"the triage head has no {key}", setting="CLINLLM_TRIAGE_SEMANTIC")
    values = np.frombuffer(base64.b64decode(raw), dtype="<f4")
    if values.size != int(np.prod(shape)):
        raise ConfigError(
            f"the triage head's {key} does not have the shape {shape}",
            setting="CLINLLM_TRIAGE_SEMANTIC",
        )
    return values.reshape(shape).astype(np.float32)


@dataclass(frozen=True, slots=True)
class SentenceHead:
    """A softmax over E, U, N from a one-hidden-layer network (ReLU) on a sentence embedding.

    Attributes:
        embedder: The embedding model's name the head was trained on.
        w1: Input weights, ``(dim, hidden)``; with ``hidden == 0`` there is no hidden layer.
        b1: Hidden biases, ``(hidden,)``.
        w2: Output weights, ``(hidden or dim, 3)`` for E, U, N.
        b2: Output biases, ``(3,)``.
        emergency_at: Least probability of E for an emergency.
        clear_at: Least probability of E for a clear emergency (no anchor word needed).
        urgent_at: Least probability of E or U together for a same-day need.
        support: L2-normalized training sentences (or exemplars); None reads everywhere.
        support_at: Least cosine to a ``support`` row for the head to say anything.
    """

    embedder: str
    w1: npt.NDArray[np.float32]
    b1: npt.NDArray[np.float32]
    w2: npt.NDArray[np.float32]
    b2: npt.NDArray[np.float32]
    emergency_at: float
    clear_at: float
    urgent_at: float
    support: npt.NDArray[np.float32] | None = None
    support_at: float = 0.0

    @classmethod
    def load(
        cls, path: Path = HEAD, support: npt.NDArray[np.float32] | None = None
    ) -> SentenceHead:
        """Read a head written by ``scripts/train_triage_head.py``.

        Args:
            path: The head's JSON file.
            support: L2-normalized rows the head may speak near (the layer's exemplars).

        Raises:
            ConfigError: Another file version, or weights whose shapes do not fit.
        """
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != HEAD_VERSION:
            raise ConfigError(
                f"the triage head is version {data.get('version')!r}, this code reads "
                f"{HEAD_VERSION}",
                setting="CLINLLM_TRIAGE_SEMANTIC",
            )
        if data.get("classes") != _CLASSES:
            raise ConfigError("the triage head's classes are not E, U, N", setting="classes")
        dim, hidden = int(data["dim"]), int(data["hidden"])
        width = hidden or dim
        if support is not None and support.shape[1] != dim:
            raise ConfigError(
                "the triage head and its support have different widths",
                setting="CLINLLM_TRIAGE_SEMANTIC",
            )
        thresholds = data["thresholds"]
        return cls(
            embedder=str(data["embedder"]),
            w1=_matrix(data, "w1", (dim, hidden)),
            b1=_matrix(data, "b1", (hidden,)),
            w2=_matrix(data, "w2", (width, 3)),
            b2=_matrix(data, "b2", (3,)),
            emergency_at=float(thresholds["emergency"]),
            clear_at=float(thresholds["clear"]),
            urgent_at=float(thresholds["urgent"]),
            support=support,
            support_at=float(thresholds.get("support", 0.0)) if support is not None else 0.0,
        )

    def probabilities(self, vectors: Sequence[Sequence[float]]) -> npt.NDArray[np.float32]:
        """Per sentence, the probabilities of E, U and N (rows sum to 1)."""
        x = np.asarray(vectors, dtype=np.float32)
        if x.ndim != 2 or x.shape[1] != self.w1.shape[0]:
            raise ConfigError(
                f"the triage head reads {self.w1.shape[0]}-wide embeddings",
                setting="CLINLLM_TRIAGE_SEMANTIC",
            )
        x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
        h = np.maximum(x @ self.w1 + self.b1, 0.0) if self.w1.shape[1] else x
        z = h @ self.w2 + self.b2
        z -= z.max(axis=1, keepdims=True)
        p: npt.NDArray[np.float32] = np.exp(z).astype(np.float32)
        p /= p.sum(axis=1, keepdims=True)
        return p

    def label_all(self, vectors: Sequence[Sequence[float]]) -> list[str]:
        """``emergency!``, ``emergency``, ``urgent`` or ``none`` per sentence embedding."""
        p = self.probabilities(vectors)
        near = np.ones(len(p), dtype=bool)
        if self.support is not None and len(p):
            x = np.asarray(vectors, dtype=np.float32)
            x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
            near = (x @ self.support.T).max(axis=1) >= self.support_at
        out: list[str] = []
        for (e, u, _n), inside in zip(p.tolist(), near.tolist(), strict=True):
            if not inside:
                out.append("none")
            elif e >= self.clear_at:
                out.append("emergency!")
            elif e >= self.emergency_at:
                out.append("emergency")
            elif e + u >= self.urgent_at:
                out.append("urgent")
            else:
                out.append("none")
        return out


@dataclass(frozen=True, slots=True)
class EitherRaises:
    """Two labellers on the same embeddings; each sentence keeps the higher of their labels.

    Either may raise a sentence; neither lowers what the other found.
    """

    first: SentenceLabeller
    second: SentenceLabeller

    @property
    def embedder(self) -> str:
        """The embedding model both labellers were fitted to."""
        return self.first.embedder

    def __post_init__(self) -> None:
        if self.first.embedder != self.second.embedder:
            raise ConfigError(
                "the triage labellers were fitted to different embedders",
                setting="CLINLLM_TRIAGE_SEMANTIC",
            )

    def label_all(self, vectors: Sequence[Sequence[float]]) -> list[str]:
        """Per sentence, the higher of the two labels."""
        return [
            max(a, b, key=LABEL_RANK.__getitem__)
            for a, b in zip(
                self.first.label_all(vectors), self.second.label_all(vectors), strict=True
            )
        ]
