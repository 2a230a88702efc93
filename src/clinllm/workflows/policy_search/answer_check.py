"""After the model: ground every citation, then check the answer before anyone sees it.

Grounding: a citation must name a passage the reader was given and quote characters that are
really in that chunk (exactly, or ignoring case and spacing, or as the one sentence holding
80% of the quoted words, since models reflow text), outside any span the injection screen
flagged. A citation that fails is dropped; an answer left with none is refused.

The post-check removes what a document could use to exfiltrate (links, markdown images, raw
URLs, HTML) and refuses an answer that repeats the system prompt, repeats text the screen
flagged, is itself flagged by the screen, or says things the cited passages do not contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from clinllm.domain.policies import PolicyChunk, content_terms
from clinllm.domain.screening import InjectionScreen
from clinllm.pipeline.ground import Grounder
from clinllm.workflows.policy_search.evidence import stem
from clinllm.workflows.policy_search.prompt import SYSTEM_PROMPT
from clinllm.workflows.policy_search.schema import Citation, ModelCitation

__all__ = ["AnswerCheck", "check_answer", "ground_citations"]

#: Consecutive shared words that count as repeating a text.
ECHO_WORDS = 8
#: Longest answer kept.
MAX_ANSWER_CHARS = 1200
#: Share of the answer's topic words the cited chunks must contain.
SUPPORT_SHARE = 0.5

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"\b(?:https?|ftp|file|data|javascript):\S*|\bwww\.\S+|<[^>]*>", re.I)
_SENTENCE = re.compile(r"[^\n.!?;]+[.!?;]?")


def _best_sentence(
    text: str, quote: str, avoid: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    words = {w.lower() for w in re.findall(r"[A-Za-z0-9]{2,}", quote)}
    if len(words) < 4:
        return None
    best: tuple[float, int, int] = (0.0, 0, 0)
    for m in _SENTENCE.finditer(text):
        have = {w.lower() for w in re.findall(r"[A-Za-z0-9]{2,}", m.group(0))}
        share = len(words & have) / len(words)
        if share > best[0]:
            raw = m.group(0)
            lead = len(raw) - len(raw.lstrip())
            best = (share, m.start() + lead, m.start() + len(raw.rstrip()))
    _, s, e = best
    if best[0] < 0.8 or any(s < a_end and a_start < e for a_start, a_end in avoid):
        return None
    return s, e


def ground_citations(
    citations: Sequence[ModelCitation], passages: dict[str, PolicyChunk]
) -> tuple[list[Citation], int]:
    """Grounded citations (deduplicated) and how many were dropped."""
    out: list[Citation] = []
    dropped = 0
    seen: set[tuple[str, int, int]] = set()
    for citation in citations:
        chunk = passages.get(citation.passage)
        if chunk is None:
            dropped += 1
            continue
        avoid = [(f.start, f.end) for f in chunk.findings]
        spots = Grounder(chunk.text, avoid).locate(citation.quote)
        span = spots[0] if spots else _best_sentence(chunk.text, citation.quote, avoid)
        if span is None:
            dropped += 1
            continue
        s, e = span
        if (chunk.chunk_id, s, e) in seen:
            continue
        seen.add((chunk.chunk_id, s, e))
        out.append(
            Citation(
                document_key=chunk.document_key,
                chunk_id=chunk.chunk_id,
                title=chunk.title,
                section=chunk.section,
                quote=chunk.text[s:e],
                start=chunk.start + s,
                end=chunk.start + e,
            )
        )
    return out, dropped


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1)}


@dataclass(frozen=True, slots=True)
class AnswerCheck:
    """The cleaned answer, or the reason it must be refused, and what was removed."""

    answer: str
    refuse: str | None
    removed: tuple[str, ...]


def check_answer(
    answer: str,
    *,
    cited: Iterable[PolicyChunk],
    untrusted: Iterable[str],
    screen: InjectionScreen,
) -> AnswerCheck:
    """Clean and check a model's answer.

    Args:
        answer: The answer text.
        cited: The chunks the grounded citations point at.
        untrusted: Texts the answer must never repeat (flagged spans, hidden content).
        screen: The injection screen, run on the answer as document text.
    """
    removed: list[str] = []
    cleaned = _IMAGE.sub(" ", answer)
    cleaned = _LINK.sub(lambda m: m.group(1), cleaned)
    cleaned = _URL.sub(" ", cleaned)
    if cleaned != answer:
        removed.append("link_removed")
    cleaned = " ".join(cleaned.replace("**", "").replace("`", "").split())[:MAX_ANSWER_CHARS]
    if not cleaned:
        return AnswerCheck("", "empty_answer", tuple(removed))
    shingles = _shingles(cleaned)
    if shingles & _shingles(SYSTEM_PROMPT):
        return AnswerCheck("", "system_prompt_echo", tuple(removed))
    if any(shingles & _shingles(text) for text in untrusted):
        return AnswerCheck("", "injection_echo", tuple(removed))
    if screen.screen(cleaned, "document").flagged:
        return AnswerCheck("", "answer_flagged", tuple(removed))
    words = {stem(t) for t in content_terms(cleaned)}
    have = {stem(t) for chunk in cited for t in content_terms(chunk.text)}
    if words:
        supported = sum(1 for w in words if w in have or any(h.startswith(w) for h in have))
        if supported / len(words) < SUPPORT_SHARE:
            return AnswerCheck("", "unsupported_answer", tuple(removed))
    return AnswerCheck(cleaned, None, tuple(removed))
