"""The deterministic answerer: the best sentences of the best readable document, cited.

It is the last link of the chain, so a question is still answered (or refused) when no model
is available. It only copies sentences, so everything it says is a quote that grounding can
check; it answers only when the best document covers enough of the question's weight.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from clinllm.workflows.policy_search.evidence import Evidence, acronyms, sentences, support
from clinllm.workflows.policy_search.schema import ModelCitation, PolicyModelAnswer

__all__ = ["RULES", "answer_rules"]

#: Most sentences quoted in an extractive answer.
MAX_SENTENCES = 2
#: A second sentence is added only when it scores at least this share of the best one.
SECOND_SHARE = 0.7

_NOT_ANSWERABLE = PolicyModelAnswer(answerable=False, answer="", citations=[])


def _similarity(value: Any) -> float | None:
    return None if value is None else float(value)


def answer_rules(source_text: str) -> PolicyModelAnswer:
    """Answer from the JSON payload of :func:`~.prompt.rules_payload`.

    The document is the one :func:`~.evidence.support` says answers (words, headings and
    vectors); its sentences are ranked by the question weight they cover, then by how close
    their passage is to the question, so a paraphrased question still quotes the passage the
    vectors found.
    """
    try:
        payload: dict[str, Any] = json.loads(source_text)
        weights = {str(k): float(v) for k, v in payload["weights"].items()}
        floor = _similarity(payload.get("floor"))
        spelled = acronyms(str(payload.get("question", "")))
        passages = [
            (
                str(p["tag"]),
                Evidence(
                    document=str(p["document"]),
                    text=str(p["text"]),
                    heading=str(p.get("heading", "")),
                    similarity=_similarity(p.get("similarity")),
                ),
            )
            for p in payload["passages"]
        ]
    except (ValueError, KeyError, TypeError, AttributeError):
        return _NOT_ANSWERABLE
    found = support(weights, [e for _, e in passages], floor=floor, spelled=spelled)
    if found.document is None or not found.answers:
        return _NOT_ANSWERABLE
    ranked: list[tuple[float, float, str, str]] = []
    for tag, evidence in passages:
        if evidence.document != found.document:
            continue
        closeness = evidence.similarity if evidence.similarity is not None else 0.0
        for s in sentences(evidence.text, weights, spelled):
            ranked.append((s.score, closeness, tag, evidence.text[s.start : s.end]))
    ranked.sort(key=lambda r: (-r[0], -r[1]))
    if not ranked or (ranked[0][0] <= 0 and found.semantic is None):
        return _NOT_ANSWERABLE
    chosen = [ranked[0]]
    for candidate in ranked[1:]:
        if len(chosen) >= MAX_SENTENCES:
            break
        strong = candidate[0] > 0 and candidate[0] >= SECOND_SHARE * ranked[0][0]
        if strong and candidate[3] != chosen[0][3]:
            chosen.append(candidate)
    return PolicyModelAnswer(
        answerable=True,
        answer=" ".join(quote for *_, quote in chosen)[:1200],
        citations=[ModelCitation(passage=tag, quote=quote[:400]) for _, _, tag, quote in chosen],
    )


#: Registered with the gateway's ``rules`` provider by the composition root.
RULES: dict[type[BaseModel], Any] = {PolicyModelAnswer: answer_rules}
