"""Prior-authorization extraction: a packet's text in, a grounded, validated request out.

Pipeline: mask prompt-injection sentences → deterministic recognizers (:mod:`.rules`) and the
model through the gateway (:mod:`.service`) → merge, grounding and code-set validation
(:mod:`.merge`, :mod:`.grounding`) → domain findings, confidence per field, review decision.

``RULES`` is what the lead registers with the gateway's ``rules`` provider.
"""

from __future__ import annotations

from clinllm.workflows.prior_auth.prompt import PROMPT_VERSION
from clinllm.workflows.prior_auth.rules import RULES, extract_rules, recognize
from clinllm.workflows.prior_auth.schema import PriorAuthExtraction, PriorAuthModelOutput
from clinllm.workflows.prior_auth.service import PriorAuthExtractor, PriorAuthOutcome

__all__ = [
    "PROMPT_VERSION",
    "RULES",
    "PriorAuthExtraction",
    "PriorAuthExtractor",
    "PriorAuthModelOutput",
    "PriorAuthOutcome",
    "extract_rules",
    "recognize",
]
