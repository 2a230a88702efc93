"""Policy search and answers for one reader: retrieve, check coverage, answer, ground, audit.

Steps of :meth:`PolicySearch.ask`, each a shared piece:

1. screen the question (user channel) and blank any flagged span;
2. retrieve for the reader: permissions and tenant are applied inside the index's queries;
3. build the context from readable, visible chunks with flagged spans blanked;
4. refuse at once when the best readable document supports too little of the question
   (words, headings and vectors: :func:`.evidence.support`);
5. ask the gateway (schema enforced; the ``rules`` provider answers extractively);
6. ground each citation in its chunk, post-check the answer;
7. write one audit event: user, groups, tenant, keyed hash of the question, chunk ids
   retrieved and cited, decision, model, screening findings. Never text.

The refusal message is the same whatever the cause, so it never hints at a forbidden document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clinllm.domain.calls import CallPolicy, CallResult
from clinllm.domain.hashing import keyed_digest
from clinllm.domain.policies import (
    Embedder,
    PolicyAuditEvent,
    PolicyAuditSink,
    PolicyChunk,
    PolicyIndex,
    Reader,
    SearchHit,
    content_terms,
)
from clinllm.domain.ports import StructuredModel
from clinllm.domain.screening import InjectionScreen, ScreenResult
from clinllm.pipeline.screen import screen
from clinllm.workflows.policy_search.answer_check import check_answer, ground_citations
from clinllm.workflows.policy_search.evidence import (
    GATE_THRESHOLD,
    Evidence,
    acronyms,
    support,
    term_weights,
)
from clinllm.workflows.policy_search.prompt import ContextPassage, build_messages, rules_payload
from clinllm.workflows.policy_search.schema import (
    REFUSAL_MESSAGE,
    PolicyAnswer,
    PolicyModelAnswer,
)
from clinllm.workflows.policy_search.sentence_vectors import SENTENCE_MARGIN, SentenceVectors

__all__ = ["PolicySearch", "SearchOutcome"]


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """Ranked readable passages for a question, and what the screen found in it."""

    hits: tuple[SearchHit, ...]
    question_findings: tuple[str, ...]


class PolicySearch:
    """Search and answer policy questions for a reader.

    Args:
        index: The policy index (permissions in its queries).
        gateway: Model calls; the chain should end with ``rules``.
        screen: The injection screen shared by every workflow.
        embedder: Dense query vectors; None searches full text only.
        audit: Where the audit events go.
        digest_key: Key of the question HMAC (at least 16 bytes; never stored in the database).
        policy: Deadline, chain and limits of the answer call.
        k: Chunks retrieved.
        context: Chunks given to the model.
        min_coverage: Share of the question's weight the best document must cover.
        sentences: Sentence vectors of the passages (the answer decision reads a passage's
            best sentence when it is closer than the whole chunk); None: chunks only.
    """

    def __init__(
        self,
        index: PolicyIndex,
        gateway: StructuredModel,
        *,
        screen: InjectionScreen,
        embedder: Embedder | None,
        audit: PolicyAuditSink,
        digest_key: bytes,
        policy: CallPolicy,
        k: int = 8,
        context: int = 5,
        min_coverage: float = GATE_THRESHOLD,
        sentences: SentenceVectors | None = None,
    ) -> None:
        if len(digest_key) < 16:
            raise ValueError("the question digest key must be at least 16 bytes")
        self._index = index
        self._gateway = gateway
        self._screen = screen
        self._embedder = embedder
        self._audit = audit
        self._key = digest_key
        self._policy = policy
        self._k = k
        self._context = context
        self._min_coverage = min_coverage
        self._sentences = sentences

    def __repr__(self) -> str:
        return f"PolicySearch(k={self._k}, context={self._context})"

    def _retrieve(
        self, question: str, reader: Reader
    ) -> tuple[list[SearchHit], list[float] | None]:
        vector = self._embedder.embed_query(question) if self._embedder else None
        hits = self._index.search(
            reader,
            question,
            vector,
            embedder=self._embedder.name if self._embedder else None,
            k=self._k,
        )
        return hits, vector

    def _closeness(self, hit: SearchHit, vector: list[float] | None) -> float | None:
        """The chunk's cosine, or its best sentence's (less a margin) when higher.

        See :mod:`.sentence_vectors`: a merged chunk's vector blends topics; one sentence of it
        may answer the question.
        """
        if hit.similarity is None or vector is None or self._sentences is None:
            return hit.similarity
        best = self._sentences.best_similarity(vector, hit.chunk.text)
        return hit.similarity if best is None else max(hit.similarity, best - SENTENCE_MARGIN)

    def _load_sentences(
        self, reader: Reader, hits: Sequence[SearchHit], vector: list[float] | None
    ) -> None:
        """Read the stored sentence vectors of the passages whose sentences are not in memory.

        Only for the context passages, already retrieved for this reader, and read again
        through the index's permission filter; only this embedder's. What is not stored either
        (a chunk of an older schema) is embedded by :meth:`SentenceVectors.best_similarity`.
        """
        if self._sentences is None or vector is None:
            return
        scored = [h for h in hits if h.similarity is not None]
        missing = self._sentences.missing([h.chunk.text for h in scored])
        if missing:
            self._sentences.remember(
                self._index.sentence_vectors(
                    reader,
                    [scored[i].chunk.chunk_id for i in missing],
                    embedder=self._sentences.embedder,
                )
            )

    def _screen_question(self, question: str) -> tuple[str, tuple[str, ...]]:
        # The pipeline's screen stage, as every workflow's input passes it (user channel).
        screened = screen(question, "user", self._screen)
        reasons = tuple(f"question:{f.reason}" for f in screened.result.findings)
        return screened.masked, reasons

    def search(self, question: str, reader: Reader) -> SearchOutcome:
        """Ranked passages the reader may read, audited as ``policy.searched``."""
        masked, findings = self._screen_question(question)
        hits = tuple(self._retrieve(masked, reader)[0])
        self._audit.record_policy_event(
            PolicyAuditEvent(
                action="policy.searched",
                actor=reader.user,
                tenant=reader.tenant,
                groups=tuple(sorted(reader.groups)),
                decision="searched",
                question_digest=keyed_digest(self._key, question),
                retrieved=tuple(h.chunk.chunk_id for h in hits),
                screen_reasons=_dedupe(findings + _chunk_reasons(hits)),
            )
        )
        return SearchOutcome(hits=hits, question_findings=findings)

    async def ask(self, question: str, reader: Reader) -> PolicyAnswer:
        """An answer grounded in readable chunks, or the refusal; audited as ``policy.answered``."""
        masked, findings = self._screen_question(question)
        retrieved, vector = self._retrieve(masked, reader)
        hits = tuple(retrieved)
        shown = [h for h in hits if not h.chunk.hidden][: self._context]
        # A document that carries flagged or hidden text must be answered from on its words:
        # closeness of vectors alone never lets it answer (it may be written to attract).
        suspect = {h.chunk.document_key for h in hits if h.chunk.hidden or h.chunk.findings}
        visible = [h.chunk for h in shown]
        self._load_sentences(
            reader, [h for h in shown if h.chunk.document_key not in suspect], vector
        )
        passages = {f"P{i}": chunk for i, chunk in enumerate(visible, start=1)}
        context = [
            ContextPassage(
                tag=tag,
                document_key=hit.chunk.document_key,
                title=hit.chunk.title,
                section=hit.chunk.section,
                text=ScreenResult(hit.chunk.findings).masked(hit.chunk.text),
                similarity=None
                if hit.chunk.document_key in suspect
                else self._closeness(hit, vector),
            )
            for tag, hit in zip(passages, shown, strict=True)
        ]
        total, frequencies = self._index.document_frequencies(
            reader, list(dict.fromkeys(content_terms(masked)))
        )
        weights = term_weights(total, frequencies)
        floor = self._embedder.answer_floor if self._embedder else None
        found = support(
            weights,
            [
                Evidence(p.document_key, p.text, f"{p.title}\n{p.section}", p.similarity)
                for p in context
            ],
            floor=floor,
            spelled=acronyms(masked),
        )

        def finish(outcome: PolicyAnswer) -> PolicyAnswer:
            self._audit.record_policy_event(
                PolicyAuditEvent(
                    action="policy.answered",
                    actor=reader.user,
                    tenant=reader.tenant,
                    groups=tuple(sorted(reader.groups)),
                    decision=outcome.decision,
                    question_digest=keyed_digest(self._key, question),
                    retrieved=tuple(h.chunk.chunk_id for h in hits),
                    cited=tuple(dict.fromkeys(c.chunk_id for c in outcome.citations)),
                    model=outcome.model,
                    screen_reasons=_dedupe(findings + _chunk_reasons(hits)),
                    reasons=outcome.reasons,
                )
            )
            return outcome

        def refuse(reason: str, call: CallResult[PolicyModelAnswer] | None = None) -> PolicyAnswer:
            return finish(
                PolicyAnswer(
                    decision="refused",
                    answer=REFUSAL_MESSAGE,
                    hits=hits,
                    reasons=(reason,),
                    provider=call.provider if call else None,
                    model=call.model if call else None,
                    call=call,
                )
            )

        if not context or found.score < self._min_coverage:
            return refuse("not_covered")
        call = await self._gateway.complete(
            build_messages(masked, context),
            output=PolicyModelAnswer,
            policy=self._policy,
            source_text=rules_payload(masked, context, weights, floor=floor),
        )
        output = call.output
        if output is None:
            return refuse("model_failed", call)
        if not output.answerable:
            return refuse("model_refused", call)
        citations, _dropped = ground_citations(output.citations, passages)
        if not citations:
            return refuse("ungrounded", call)
        cited_ids = {c.chunk_id for c in citations}
        checked = check_answer(
            output.answer,
            cited=[c for c in visible if c.chunk_id in cited_ids],
            untrusted=_untrusted(hits),
            screen=self._screen,
        )
        if checked.refuse is not None:
            return refuse(checked.refuse, call)
        return finish(
            PolicyAnswer(
                decision="answered",
                answer=checked.answer,
                citations=tuple(citations),
                hits=hits,
                reasons=checked.removed,
                provider=call.provider,
                model=call.model,
                call=call,
            )
        )


def _chunk_reasons(hits: Sequence[SearchHit]) -> tuple[str, ...]:
    reasons: list[str] = []
    for hit in hits:
        reasons += [f"chunk:{f.reason}" for f in hit.chunk.findings]
        if hit.chunk.hidden:
            reasons.append("chunk:hidden_content")
    return tuple(reasons)


def _untrusted(hits: Sequence[SearchHit]) -> list[str]:
    out: list[str] = []
    for hit in hits:
        chunk: PolicyChunk = hit.chunk
        if chunk.hidden:
            out.append(chunk.text)
        out += [chunk.text[f.start : f.end] for f in chunk.findings]
    return out


def _dedupe(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
