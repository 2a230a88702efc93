"""The note-summary output (``FORMAT.md``) and the small schema the model fills in.

Two schemas on purpose, as for prior auth. :class:`NoteSummary` is the contract with callers
and the eval set: exactly the FORMAT.md fields. :class:`NoteSummaryModelOutput` is what a model
is asked for: the judgments the rules cannot make (which phrases name a problem addressed
today and its code, what happened to each drug, what to follow up, what is alarming), every
list and string capped so a 1.5B model on a CPU finishes in seconds and a grammar can hold it.
Grounding finds every model value in the note before anything is accepted.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ANSWERS",
    "MAX_QUESTIONS",
    "Action",
    "Answer",
    "FollowUp",
    "MedicationChange",
    "ModelMedication",
    "ModelProblem",
    "NoteSummary",
    "NoteSummaryModelOutput",
    "Problem",
]

#: What happened to a drug in this encounter, relative to the regimen before it.
Action = Literal["started", "stopped", "dose_changed", "continued"]

_PHI = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")


class Problem(BaseModel):
    """A condition addressed in this encounter with its most specific supported code."""

    model_config = _PHI

    code: str = Field(pattern=r"^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$")
    """Billable ICD-10-CM code with its dot (``E11.65``)."""
    text: str = Field(min_length=1, max_length=300)
    """The condition as the note names it (or the code's description)."""


class MedicationChange(BaseModel):
    """A drug and what this encounter did to it."""

    model_config = _PHI

    name: str = Field(min_length=1, max_length=120)
    """Generic name, lower case (``metformin``); brands are mapped to their generic."""
    action: Action
    """started, stopped, dose_changed or continued."""
    dose: str | None = Field(default=None, max_length=80)
    """The new dose as written (``1000 mg``), or None when the note gives none."""


class FollowUp(BaseModel):
    """Something to do after the encounter and, when the note says, when."""

    model_config = _PHI

    what: str = Field(min_length=1, max_length=300)
    when: str | None = Field(default=None, max_length=80)


class NoteSummary(BaseModel):
    """A clinical note as data (the ``expected`` object of FORMAT.md ``note_summary``)."""

    model_config = _PHI

    problems: list[Problem] = Field(default_factory=list)
    medication_changes: list[MedicationChange] = Field(default_factory=list)
    follow_up: list[FollowUp] = Field(default_factory=list)
    red_flags: list[str] = Field(default_factory=list)
    negated: list[str] = Field(default_factory=list)

    def __repr__(self) -> str:
        # Values are clinical content: a repr in a log or traceback shows shape only.
        return (
            f"NoteSummary(problems={len(self.problems)}, "
            f"medication_changes={len(self.medication_changes)}, "
            f"follow_up={len(self.follow_up)}, red_flags={len(self.red_flags)}, "
            f"negated={len(self.negated)})"
        )

    __str__ = __repr__


# --------------------------------------------------------------------------- model-facing


class ModelProblem(BaseModel):
    """A problem the model reads: the note's words and the code it proposes."""

    model_config = _PHI

    phrase: str = Field(max_length=120)
    """The diagnosis words exactly as the note writes them (grounded in the note)."""
    code: str = Field(max_length=8)
    """ICD-10-CM code with the dot; checked against the code set and the phrase."""


class ModelMedication(BaseModel):
    """A drug the model reads and what the plan does to it."""

    model_config = _PHI

    name: str = Field(max_length=60)
    """The drug as the note writes it (brand or generic)."""
    action: Action


class NoteSummaryModelOutput(BaseModel):
    """What the model is asked to return: small, capped, values only.

    No offsets: grounding finds each value in the note (a value that is not there is dropped),
    and rules re-check every judgment they can (negation, uncertainty, code existence,
    billability, combination codes).
    """

    model_config = _PHI

    problems: list[ModelProblem] = Field(default_factory=list, max_length=8)
    medications: list[ModelMedication] = Field(default_factory=list, max_length=12)
    follow_up: list[Annotated[str, Field(max_length=100)]] = Field(
        default_factory=list, max_length=6
    )
    red_flags: list[Annotated[str, Field(max_length=100)]] = Field(
        default_factory=list, max_length=4
    )


# --------------------------------------------------------------------------- questions

#: Every answer the model may give (each question accepts a subset).
Answer = Literal["started", "stopped", "dose_changed", "continued", "no_change", "yes", "no"]
ANSWERS: tuple[str, ...] = (
    "started",
    "stopped",
    "dose_changed",
    "continued",
    "no_change",
    "yes",
    "no",
)
#: Most questions in one call (the answer list is capped to this in the schema).
MAX_QUESTIONS = 8
