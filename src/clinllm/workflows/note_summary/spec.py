"""The clinical note summary as a specification for the pipeline's runner.

A note in (text, PDF, scanned PDF; a FHIR DocumentReference is unwrapped by the intake); the
``note_summary`` data of FORMAT.md out: coded problems addressed in this encounter, medication
changes, follow-up, red flags and negated conditions, each item with its evidence. The runner
does what every workflow shares (ingest, screen, the model's questions, grounding counts, the
ICD-10-CM check, confidence, route, persist, audit, the FHIR hook); this module says what is
particular to notes: the recognizers (:mod:`.rules`), the questions the rules leave open
(:mod:`.questions`), the merge (:mod:`.merge`) and the review route (:mod:`.review`).

The FHIR mapping (``to_fhir``) is the FHIR adapter's; the composition root adds it
(``dataclasses.replace(NOTE_SUMMARY, to_fhir=...)``), since a workflow never imports an adapter.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from clinllm.pipeline.spec import CodeRef, Draft, MergeInput, ReviewPolicy, WorkflowSpec
from clinllm.workflows.note_summary.merge import REVIEW_THRESHOLD, merge
from clinllm.workflows.note_summary.prompt import PROMPT
from clinllm.workflows.note_summary.questions import QUESTIONS, answered, apply_answers
from clinllm.workflows.note_summary.review import REVIEW_KIND, RULE_SOURCE, route
from clinllm.workflows.note_summary.rules import Candidates, extract_rules, recognize
from clinllm.workflows.note_summary.schema import NoteSummary, NoteSummaryModelOutput

__all__ = ["MODEL_SOURCE", "NOTE_SUMMARY", "codes", "merge_run"]

#: The evidence ``source`` of an item a model took part in (labelled AIAST in the Bundle).
MODEL_SOURCE: Final = "model"


def merge_run(inp: MergeInput[Candidates, NoteSummaryModelOutput]) -> Draft[NoteSummary]:
    """The runner's merge: the model's answers applied, then grounded, coded and scored.

    Offsets point into the text the recognizers read (``Candidates.text``, flagged spans
    masked), which has the original's length, so evidence lines up with the stored document.
    """
    c = inp.candidates
    text = c.text or inp.text
    questions, answers = answered(text, c, inp.answers)
    settled_c, settled = apply_answers(text, c, questions, answers)
    merged = merge(text, settled_c, inp.answer.output, settled)
    draft: Draft[NoteSummary] = Draft(output=merged.summary)
    for key, spans in merged.evidence.items():
        source = MODEL_SOURCE if key in merged.model_fields else RULE_SOURCE
        if key in merged.confidence:
            for ev in spans:
                draft.put(key, ev, merged.confidence[key], source)
        else:  # a negated condition: evidence, but no confidence (it is not asserted)
            draft.evidence[key] = tuple(ev.tagged(field=key, source=source) for ev in spans)
    draft.findings.extend(merged.findings)
    inp.ground.drop(merged.dropped_ungrounded)
    if not any(s.kind == "assessment" for s in c.sections):
        draft.find("no_assessment", "info", "the note has no assessment section")
    return draft


def codes(output: NoteSummary) -> Iterable[CodeRef]:
    """Every problem code, for the validate stage's ICD-10-CM check (exists, billable)."""
    return [CodeRef(f"problems[{i}]", "ICD-10-CM", p.code) for i, p in enumerate(output.problems)]


#: The note-summary workflow (without its FHIR mapping, which the composition root adds).
NOTE_SUMMARY: Final[WorkflowSpec[NoteSummary, NoteSummaryModelOutput, Candidates]] = WorkflowSpec(
    name="note_summary",
    version="3",
    output_schema=NoteSummary,
    model_schema=NoteSummaryModelOutput,
    prompt=PROMPT,
    recognize=recognize,
    merge=merge_run,
    channel="document",
    codes=codes,
    review=ReviewPolicy(threshold=REVIEW_THRESHOLD, item_level=True, kind=REVIEW_KIND),
    route=route,
    rules_provider=extract_rules,
    audit_action="summarized",
    questions=QUESTIONS,
)
