"""The deterministic answerer: the best sentences of the best readable document, cited.

It is the last link of the chain, so a question is still answered (or refused) when no model
is available. It only copies sentences, so everything it says is a quote that grounding can
check; it answers only when the best document covers enough of the question's weight.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from clinllm.workflows.policy_search.evidence import (
    COVERAGE_THRESHOLD,
    best_document,
    sentences,
)
from clinllm.workflows.policy_search.schema import ModelCitation, PolicyModelAnswer

__all__ = ["RULES", "answer_rules"]

#: Most sentences quoted in an extractive answer.
MAX_SENTENCES = 2
#: A second sentence is added only when it scores at least this share of the best one.
SECOND_SHARE = 0.7

_NOT_ANSWERABLE = PolicyModelAnswer(answerable=False, answer="", citations=[])


def answer_rules(source_text: str) -> PolicyModelAnswer:
    """Answer from the JSON payload of :func:`~.prompt.rules_payload`."""
    try:
        payload: dict[str, Any] = json.loads(source_text)
        weights = {str(k): float(v) for k, v in payload["weights"].items()}
        passages = [
            (str(p["tag"]), str(p["document"]), str(p["text"])) for p in payload["passages"]
        ]
    except (ValueError, KeyError, TypeError, AttributeError):
        return _NOT_ANSWERABLE
    document, share = best_document(weights, [(d, t) for _, d, t in passages])
    if document is None or share < COVERAGE_THRESHOLD:
        return _NOT_ANSWERABLE
    ranked: list[tuple[float, str, str]] = []
    for tag, doc, text in passages:
        if doc != document:
            continue
        for s in sentences(text, weights):
            ranked.append((s.score, tag, text[s.start : s.end]))
    ranked.sort(key=lambda r: -r[0])
    if not ranked or ranked[0][0] <= 0:
        return _NOT_ANSWERABLE
    chosen = [ranked[0]]
    for candidate in ranked[1:]:
        if len(chosen) >= MAX_SENTENCES:
            break
        if candidate[0] >= SECOND_SHARE * ranked[0][0] and candidate[2] != chosen[0][2]:
            chosen.append(candidate)
    return PolicyModelAnswer(
        answerable=True,
        answer=" ".join(quote for _, _, quote in chosen)[:1200],
        citations=[ModelCitation(passage=tag, quote=quote[:400]) for _, tag, quote in chosen],
    )


#: Registered with the gateway's ``rules`` provider by the composition root.
RULES: dict[type[BaseModel], Any] = {PolicyModelAnswer: answer_rules}
