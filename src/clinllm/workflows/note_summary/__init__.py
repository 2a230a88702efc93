"""Clinical note summary: a note in; problems, medication changes, follow-up, red flags out.

A workflow spec (:mod:`.spec`, ``NOTE_SUMMARY``) run by the shared pipeline: sections,
negation/uncertainty context, coded problems (:mod:`.problems`, :mod:`.coding`), medication
changes (:mod:`.medications`), follow-up and red flags (:mod:`.followup`) are the recognizers
(:mod:`.rules`); what they leave open is asked of the model (:mod:`.questions`); the merge
grounds and scores every item (:mod:`.merge`) and :mod:`.review` routes. The FHIR R4 Bundle is
built by :mod:`clinllm.fhir`, added to the spec by the composition root.
"""

from __future__ import annotations

from clinllm.workflows.note_summary.merge import refuted_code
from clinllm.workflows.note_summary.prompt import PROMPT_VERSION
from clinllm.workflows.note_summary.review import REVIEW_KIND
from clinllm.workflows.note_summary.rules import extract_rules, recognize
from clinllm.workflows.note_summary.schema import NoteSummary, NoteSummaryModelOutput
from clinllm.workflows.note_summary.spec import MODEL_SOURCE, NOTE_SUMMARY

__all__ = [
    "MODEL_SOURCE",
    "NOTE_SUMMARY",
    "PROMPT_VERSION",
    "REVIEW_KIND",
    "NoteSummary",
    "NoteSummaryModelOutput",
    "extract_rules",
    "recognize",
    "refuted_code",
]
