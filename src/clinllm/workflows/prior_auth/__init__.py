"""Prior-authorization extraction: a packet's text in, a grounded, validated request out.

The workflow is a specification (:data:`PRIOR_AUTH`, in :mod:`.spec`) run by the pipeline's
runner: recognizers (:mod:`.rules` over :mod:`.recognizers`, :mod:`.parties`, :mod:`.dates`,
:mod:`.narrative`, :mod:`.layout`), the prompt (:mod:`.prompt`), the merge of rules and model
(:mod:`.merge`), and the domain rules, required fields and codes (:mod:`.checks`).

``RULES`` is what the composition root registers with the gateway's ``rules`` provider.
"""

from __future__ import annotations

from clinllm.workflows.prior_auth.prompt import PROMPT, PROMPT_VERSION
from clinllm.workflows.prior_auth.rules import RULES, Candidates, extract_rules, recognize
from clinllm.workflows.prior_auth.schema import PriorAuthExtraction, PriorAuthModelOutput
from clinllm.workflows.prior_auth.spec import PRIOR_AUTH, REVIEW_THRESHOLD, prior_auth_spec

__all__ = [
    "PRIOR_AUTH",
    "PROMPT",
    "PROMPT_VERSION",
    "REVIEW_THRESHOLD",
    "RULES",
    "Candidates",
    "PriorAuthExtraction",
    "PriorAuthModelOutput",
    "extract_rules",
    "prior_auth_spec",
    "recognize",
]
