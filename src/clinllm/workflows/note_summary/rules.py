"""The deterministic summarizer and the ``rules`` provider function the gateway falls back to.

:func:`recognize` runs every recognizer over one note and returns :class:`Candidates` with
offsets (what the merge grounds and validates); :func:`extract_rules` renders them in the
model-facing schema, so the rules provider answers like a model and the gateway can fall back
to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clinllm.codes.drugs import find_drugs
from clinllm.workflows.note_summary.coding import apply_conventions
from clinllm.workflows.note_summary.context import Context, analyze, negated_items
from clinllm.workflows.note_summary.dictation import unspoken
from clinllm.workflows.note_summary.followup import Phrase, find_follow_up, find_red_flags
from clinllm.workflows.note_summary.medications import (
    MedicationCandidate,
    find_medication_changes,
)
from clinllm.workflows.note_summary.problems import CodedProblem, find_problems
from clinllm.workflows.note_summary.schema import (
    ModelMedication,
    ModelProblem,
    NoteSummaryModelOutput,
)
from clinllm.workflows.note_summary.sections import Section, find_sections

__all__ = ["Candidates", "extract_rules", "recognize"]


@dataclass(slots=True, repr=False)
class Candidates:
    """Everything the recognizers found in one note (offsets into the note)."""

    sections: list[Section]
    context: Context
    text: str = ""
    """The text the recognizers read (flagged spans masked): every offset points into it."""
    problems: list[CodedProblem] = field(default_factory=list)
    coding_notes: list[str] = field(default_factory=list)
    medications: list[MedicationCandidate] = field(default_factory=list)
    follow_up: list[Phrase] = field(default_factory=list)
    red_flags: list[Phrase] = field(default_factory=list)
    negated: list[tuple[int, int]] = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"Candidates(problems={len(self.problems)}, medications={len(self.medications)}, "
            f"follow_up={len(self.follow_up)}, red_flags={len(self.red_flags)})"
        )


def _negated(text: str, ctx: Context) -> list[tuple[int, int]]:
    drugs = [(m.start, m.end) for m in find_drugs(text)]
    out: list[tuple[int, int]] = []
    seen: set[str] = set()
    for s, e in negated_items(text, ctx):
        if any(s < de and ds < e for ds, de in drugs):
            continue  # "not on aspirin" is about a drug, not a condition
        key = re.sub(r"\s+", " ", text[s:e].lower())
        if key in seen or len(key) > 60:
            continue
        seen.add(key)
        out.append((s, e))
    return out


def recognize(text: str) -> Candidates:
    """Run every recognizer over ``text``.

    A dictation transcript's spoken punctuation is read as marks first (same length, so
    every offset still points at the note's own words).
    """
    text = unspoken(text)
    ctx = analyze(text)
    sections = find_sections(text)
    coded = apply_conventions(text, find_problems(text, sections, ctx), ctx)
    return Candidates(
        sections=sections,
        context=ctx,
        text=text,
        problems=coded.problems,
        coding_notes=coded.notes,
        medications=find_medication_changes(text, sections),
        follow_up=find_follow_up(text, sections, ctx),
        red_flags=find_red_flags(text, ctx),
        negated=_negated(text, ctx),
    )


def extract_rules(text: str) -> NoteSummaryModelOutput:
    """The ``rules`` provider for note summaries: deterministic candidates in the model schema.

    The spec's ``rules_provider``: the gateway's last fallback, which needs no model.
    """
    c = recognize(text)
    return NoteSummaryModelOutput(
        problems=[
            ModelProblem(phrase=text[p.start : p.end][:120], code=p.code) for p in c.problems[:8]
        ],
        medications=[
            ModelMedication(name=m.name[:60], action=m.action) for m in c.medications[:12]
        ],
        follow_up=[f.text[:100] for f in c.follow_up[:6]],
        red_flags=[r.text[:100] for r in c.red_flags[:4]],
    )
