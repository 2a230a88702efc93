"""Policy search: permissioned retrieval, grounded answers with citations, or a refusal.

Ingest (:mod:`.ingest`) chunks, screens, embeds and indexes documents; the service
(:mod:`.service`) answers a reader's question from the chunks the reader may read, through the
gateway (:mod:`.prompt`, :mod:`.schema`), grounds every citation and post-checks the answer
(:mod:`.answer_check`), and audits every search and answer. :data:`RULES` is the extractive
answerer registered with the gateway's ``rules`` provider.
"""

from __future__ import annotations

from clinllm.workflows.policy_search.ingest import PolicyIngestor, document_key_for
from clinllm.workflows.policy_search.prompt import PROMPT_VERSION
from clinllm.workflows.policy_search.rules import RULES, answer_rules
from clinllm.workflows.policy_search.schema import (
    REFUSAL_MESSAGE,
    Citation,
    PolicyAnswer,
    PolicyModelAnswer,
)
from clinllm.workflows.policy_search.service import PolicySearch, SearchOutcome

__all__ = [
    "PROMPT_VERSION",
    "REFUSAL_MESSAGE",
    "RULES",
    "Citation",
    "PolicyAnswer",
    "PolicyIngestor",
    "PolicyModelAnswer",
    "PolicySearch",
    "SearchOutcome",
    "answer_rules",
    "document_key_for",
]
