"""Clinical note summary: a note in; problems, medication changes, follow-up, red flags out.

Pipeline: mask prompt-injection sentences → sections, negation/uncertainty context, coded
problems (:mod:`.problems`, :mod:`.coding`), medication changes (:mod:`.medications`),
follow-up and red flags (:mod:`.followup`), and the model through the gateway
(:mod:`.service`) → merge, grounding and validation (:mod:`.merge`) → confidence and the review
policy (:mod:`.review`). The FHIR R4 Bundle is built by :mod:`clinllm.fhir`.

``RULES`` is what the composition root registers with the gateway's ``rules`` provider.
"""

from __future__ import annotations

from clinllm.workflows.note_summary.prompt import PROMPT_VERSION
from clinllm.workflows.note_summary.review import REVIEW_KIND
from clinllm.workflows.note_summary.rules import RULES, extract_rules, recognize
from clinllm.workflows.note_summary.schema import NoteSummary, NoteSummaryModelOutput
from clinllm.workflows.note_summary.service import NoteSummarizer, NoteSummaryOutcome

__all__ = [
    "PROMPT_VERSION",
    "REVIEW_KIND",
    "RULES",
    "NoteSummarizer",
    "NoteSummary",
    "NoteSummaryModelOutput",
    "NoteSummaryOutcome",
    "extract_rules",
    "recognize",
]
