"""A small trained classifier: logistic regression over hashed n-grams and structural cues.

Rules name the shapes of injection someone has thought of; the classifier generalizes to
paraphrases from examples: public jailbreak and injection corpora as positives, clinical and
policy text with imperatives as hard negatives (see ``docs/screening.md`` and
``scripts/train_injection_classifier.py``). The committed model reads word 1-2-grams and the
named :data:`CUES`; character n-grams are still supported for artefacts trained with them,
but held out by source they generalized worse and cost twice the time on long documents.
It is deliberately small and dependency-free at run time: the weights are int8,
zlib-compressed in a JSON file next to this module, and scoring a segment is a dictionary
walk over a few hundred n-grams (well under a millisecond), because the screen runs on every
message and every retrieved chunk.

The featurizer here is the one the training script uses, so training and serving cannot drift.
"""

from __future__ import annotations

import base64
import json
import math
import re
import zlib
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Protocol

from clinllm.domain.screening import Channel
from clinllm.screening.patterns import MACHINE_READER, sentences

__all__ = [
    "FEATURE_BITS",
    "HashedLinearClassifier",
    "SegmentClassifier",
    "default_classifier",
    "features",
    "segments",
]

#: Hashed feature space: 2**18 buckets keeps collisions rare for a vocabulary this size.
FEATURE_BITS = 18
_MASK = (1 << FEATURE_BITS) - 1
#: Characters of a segment the featurizer reads; an injection does not need more to show.
_MAX_CHARS = 2000
#: A text this short is also scored whole (most user messages, short chunks).
_WHOLE = 1000
_WORDS = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_MODEL_FILE = "injection_model.json"

#: Structural cues: the shape of an order to a machine, named so that the model can weigh
#: them apart from the words that carry them. N-grams learn each corpus's style (held out
#: by source, a word-and-character model finds a fifth to a third of another corpus's
#: document injections); these shapes recur across corpora, clinical text and languages.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("second_person", r"\b(?:you|your|yourself)\b"),
        ("machine_reader", rf"\b(?:{MACHINE_READER})\b"),
        (
            "output_control",
            r"\b(?:reply|respond|answer|output|print|say|return|write)\b[^.\n]{0,30}\b"
            r"(?:with|only|exactly|verbatim|nothing else)\b",
        ),
        (
            "instructions_ref",
            r"\b(?:instructions?|system prompt|prompt|rules|guidelines|directives?)\b",
        ),
        (
            "imperative_start",
            r"(?:^|[.!?:\n]\s*)(?:please\s+)?(?:ignore|disregard|forget|output|print|reply|"
            r"respond|send|forward|call|email|include|append|add|write|say|tell|list|reveal|show|"
            r"delete|approve|mark|set|return|translate|summari[sz]e|repeat|do|don't|never|always|"
            r"now)\b",
        ),
        ("link_or_address", r"(?:https?://|[\w.+-]+@[\w-]+\.\w+)"),
        ("code_identifier", r"\b[a-z]+_[a-z_]+\b"),
        ("quotation", r"[\"“”«»]"),
        ("override_verb", r"\b(?:ignore|disregard|forget|override|bypass|instead)\b"),
        ("secrecy", r"\b(?:do not|don't|never) (?:mention|tell|reveal|disclose)\b"),
    )
)


class SegmentClassifier(Protocol):
    """Scores one segment of text: the probability that it tries to instruct a model."""

    @property
    def thresholds(self) -> Mapping[Channel, float]:
        """Probability at or above which a segment is flagged, per channel."""
        ...

    def probability(self, text: str, channel: Channel) -> float:
        """Probability that ``text`` (one segment) is an injection."""
        ...


def _bucket(gram: str) -> tuple[int, float]:
    h = zlib.crc32(gram.encode("utf-8"))
    return h & _MASK, (1.0 if (h >> 31) & 1 else -1.0)


def features(
    text: str, channel: str, *, chars: bool = True, cues: bool = False
) -> dict[int, float]:
    """Hashed, L2-normalized features of one segment.

    Word unigrams and bigrams carry meaning ("previous instructions"); character 3- to
    5-grams over the raw lower-cased string carry form (``![``, ``<|im``, ``"role"``) and
    survive misspellings and languages without spaces. One feature names the channel.
    With ``cues``, each :data:`CUES` shape present adds a feature of its own and one per
    channel, outside the normalization, so that a shape weighs the same in a short
    segment and a long one.
    """
    t = _SPACES.sub(" ", text[:_MAX_CHARS].lower()).strip()
    counts: dict[int, float] = {}

    def add(gram: str) -> None:
        index, sign = _bucket(gram)
        counts[index] = counts.get(index, 0.0) + sign

    words = _WORDS.findall(t)
    for word in words:
        add("w:" + word)
    for first, second in pairwise(words):
        add(f"b:{first} {second}")
    if chars:
        padded = f" {t} "
        for n in (3, 4, 5):
            for i in range(len(padded) - n + 1):
                add(padded[i : i + n])
    norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    vector = {k: v / norm for k, v in counts.items() if v}
    if cues:
        for name, pattern in CUES:
            found = len(pattern.findall(t))
            if found:
                strength = min(1.0, 0.5 + 0.25 * found)
                for gram in (f"cue:{name}", f"cue:{channel}:{name}"):
                    index, sign = _bucket(gram)
                    vector[index] = vector.get(index, 0.0) + sign * strength
    index, _ = _bucket("channel:" + channel)
    vector[index] = vector.get(index, 0.0) + 1.0
    return vector


def segments(text: str) -> list[tuple[int, int]]:
    """The spans the classifier scores: pairs of adjacent sentences, and short texts whole.

    Why pairs: an injection in a long benign document is one or two sentences, and scoring
    the document whole would dilute it; a pair keeps an addressee and its order together.
    """
    spans = sentences(text)
    if not spans:
        return []
    out: list[tuple[int, int]] = []
    if len(text) <= _WHOLE:
        out.append((spans[0][0], spans[-1][1]))
    if len(spans) == 1:
        out.append(spans[0])
    out.extend((spans[i][0], spans[i + 1][1]) for i in range(len(spans) - 1))
    return list(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class HashedLinearClassifier:
    """Logistic regression over :func:`features`, with int8 weights.

    Attributes:
        weights: One int8 weight per hashed feature.
        scale: Multiplier that turns the int8 weights back into floats.
        bias: Intercept.
        thresholds: Per-channel probability at or above which a segment is flagged.
        version: Identifies the training run (recorded in findings' provenance by callers).
        chars: The model was trained with character n-grams.
        cues: The model was trained with the structural :data:`CUES`.
    """

    weights: array[int]
    scale: float
    bias: float
    thresholds: Mapping[Channel, float]
    version: str
    chars: bool = True
    cues: bool = False

    def __repr__(self) -> str:
        return f"HashedLinearClassifier(version={self.version!r})"

    def probability(self, text: str, channel: Channel) -> float:
        """Probability that ``text`` is an injection."""
        weights = self.weights
        z = self.bias + self.scale * sum(
            value * weights[index]
            for index, value in features(text, channel, chars=self.chars, cues=self.cues).items()
        )
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_json(cls, raw: str) -> HashedLinearClassifier:
        """Load the artefact written by the training script."""
        data = json.loads(raw)
        if data.get("feature_bits") != FEATURE_BITS:
            raise ValueError("model feature space does not match this featurizer")
        weights = array("b", zlib.decompress(base64.b64decode(data["weights"])))
        if len(weights) != 1 << FEATURE_BITS:
            raise ValueError("model weight vector has the wrong length")
        thresholds = {
            "user": float(data["thresholds"]["user"]),
            "document": float(data["thresholds"]["document"]),
        }
        kinds = set(data.get("features", ["words", "chars"]))
        return cls(
            weights=weights,
            scale=float(data["scale"]),
            bias=float(data["bias"]),
            thresholds=thresholds,  # type: ignore[arg-type]
            version=str(data["version"]),
            chars="chars" in kinds,
            cues="cues" in kinds,
        )


@cache
def default_classifier() -> HashedLinearClassifier:
    """The classifier committed with this package (loaded once)."""
    raw = resources.files("clinllm.screening").joinpath(_MODEL_FILE).read_text("utf-8")
    return HashedLinearClassifier.from_json(raw)
