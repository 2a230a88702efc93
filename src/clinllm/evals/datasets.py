"""Strict loaders for the evaluation data format (``FORMAT.md``), and dataset identity.

A dataset is a folder of JSON Lines files with fixed names (``prior_auth.jsonl``,
``triage.jsonl``, ...). Every line is validated against a pydantic model of exactly the shape
the format specifies, so a typo in a gold label fails loudly instead of silently scoring as a
miss. A malformed line raises :class:`clinllm.errors.InputError` naming the file, the line
number and the field path; never the content, because eval texts stand in for PHI.

A report names the data it was scored on by the folder path plus the SHA-256 of every file
read, so two reports are comparable only when they were scored on the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from clinllm.domain.hashing import sha256_hex
from clinllm.domain.labels import MissingField, PriorAuthUrgency, TriageCategory, TriageUrgency
from clinllm.errors import InputError
from clinllm.files import read_bounded
from clinllm.phi.findings import PhiType

__all__ = [
    "DatasetRef",
    "InjectionCase",
    "LoadedDataset",
    "NoteSummaryCase",
    "NoteSummaryExpected",
    "PhiCase",
    "PhiSpan",
    "PolicyData",
    "PolicyDocCase",
    "PolicyQuestionCase",
    "PriorAuthCase",
    "PriorAuthExpected",
    "TriageCase",
    "load_injection",
    "load_jsonl",
    "load_note_summary",
    "load_phi",
    "load_policy",
    "load_prior_auth",
    "load_triage",
]

#: Largest dataset file read (an eval set is thousands of lines, never gigabytes).
MAX_DATASET_BYTES = 100 * 1024 * 1024
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: str) -> str:
    if not _ISO_DATE.match(value):
        raise ValueError("date must be ISO YYYY-MM-DD")
    date.fromisoformat(value)  # raises ValueError on 2026-02-30
    return value


IsoDate = Annotated[str, AfterValidator(_iso_date)]
"""A date written ``YYYY-MM-DD`` that exists in the calendar."""


class _Gold(BaseModel):
    """Base of every gold/input shape: strict, frozen, no unknown keys, no input in errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, hide_input_in_errors=True)


class _Line(BaseModel):
    """Base of a JSONL line: extra top-level keys (annotator notes) are tolerated."""

    model_config = ConfigDict(frozen=True, extra="ignore", strict=True, hide_input_in_errors=True)

    id: str = Field(min_length=1)
    """Unique within the file."""

    def problems(self) -> list[tuple[str, str]]:
        """Cross-field problems as (field path, reason); the schema alone cannot see these."""
        return []


# ---------------------------------------------------------------- prior_auth


class TextInput(_Gold):
    """A document as the workflow receives it."""

    text: str


class ProcedureCode(_Gold):
    """A requested procedure code: CPT (5 characters) or HCPCS Level II (letter + 4 digits)."""

    code: str = Field(min_length=1)
    system: Literal["CPT", "HCPCS"]


class DiagnosisCode(_Gold):
    """An ICD-10-CM code, written with the dot."""

    code: str = Field(min_length=1)


class MedicationName(_Gold):
    """A generic drug name, lower case."""

    name: str = Field(min_length=1)


class RequestingProvider(_Gold):
    """The clinician asking for the authorization."""

    name: str | None
    npi: str | None


class PriorAuthExpected(_Gold):
    """The gold extraction of one prior-authorization document (FORMAT.md ``prior_auth``)."""

    procedures: list[ProcedureCode]
    diagnoses: list[DiagnosisCode]
    medications: list[MedicationName]
    payer: str | None
    member_id: str | None
    requesting_provider: RequestingProvider
    service_date: IsoDate | None
    deadline: IsoDate | None
    urgency: PriorAuthUrgency
    payer_requirements: list[str]
    missing_fields: list[MissingField]


class PriorAuthCase(_Line):
    """One line of ``prior_auth.jsonl``."""

    input: TextInput
    expected: PriorAuthExpected


# ---------------------------------------------------------------- note_summary


class Problem(_Gold):
    """A condition addressed in the encounter with its ICD-10-CM code."""

    code: str = Field(min_length=1)
    text: str


class MedicationChange(_Gold):
    """A change to the regimen relative to before the encounter."""

    name: str = Field(min_length=1)
    action: Literal["started", "stopped", "dose_changed", "continued"]
    dose: str | None


class FollowUp(_Gold):
    """A follow-up item and, when the note gives one, its timing."""

    what: str
    when: str | None


class NoteSummaryExpected(_Gold):
    """The gold summary of one clinical note (FORMAT.md ``note_summary``)."""

    problems: list[Problem]
    medication_changes: list[MedicationChange]
    follow_up: list[FollowUp]
    red_flags: list[str]
    negated: list[str]


class NoteSummaryCase(_Line):
    """One line of ``note_summary.jsonl``."""

    input: TextInput
    expected: NoteSummaryExpected


# ---------------------------------------------------------------- triage


class MessageInput(_Gold):
    """A patient portal message."""

    message: str


class TriageExpected(_Gold):
    """Gold category and urgency of a message."""

    category: TriageCategory
    urgency: TriageUrgency


class TriageCase(_Line):
    """One line of ``triage.jsonl``."""

    input: MessageInput
    expected: TriageExpected


# ---------------------------------------------------------------- phi


class PhiSpan(_Gold):
    """A gold PHI span; ``text == input.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: PhiType
    text: str


class PhiExpected(_Gold):
    """Every PHI mention in the text."""

    spans: list[PhiSpan]


class PhiCase(_Line):
    """One line of ``phi.jsonl``."""

    input: TextInput
    expected: PhiExpected

    def problems(self) -> list[tuple[str, str]]:
        """Offsets must point at the span text, or every token score would be off."""
        found: list[tuple[str, str]] = []
        for i, span in enumerate(self.expected.spans):
            if span.end <= span.start or span.end > len(self.input.text):
                found.append((f"expected.spans.{i}.end", "offsets out of range"))
            elif self.input.text[span.start : span.end] != span.text:
                found.append((f"expected.spans.{i}.text", "does not equal input.text[start:end]"))
        return found


# ---------------------------------------------------------------- policy search


class PolicyDocInput(_Gold):
    """A policy document and the groups allowed to read it."""

    title: str
    text: str
    groups: list[str] = Field(min_length=1)


class PolicyDocExpected(_Gold):
    """Whether the document carries a prompt injection."""

    contains_injection: bool


class PolicyDocCase(_Line):
    """One line of ``policy_docs.jsonl``."""

    input: PolicyDocInput
    expected: PolicyDocExpected


class PolicyUser(_Gold):
    """The user asking; document access is by shared group."""

    id: str
    groups: list[str]


class PolicyQuestionInput(_Gold):
    """A question and who asks it."""

    question: str
    user: PolicyUser


class PolicyQuestionExpected(_Gold):
    """Which readable documents answer, which must never be shown, and whether to refuse."""

    relevant_doc_ids: list[str]
    forbidden_doc_ids: list[str]
    answerable: bool


class PolicyQuestionCase(_Line):
    """One line of ``policy_questions.jsonl``."""

    input: PolicyQuestionInput
    expected: PolicyQuestionExpected


# ---------------------------------------------------------------- injection


class InjectionInput(_Gold):
    """Text to screen and where it came from."""

    text: str
    channel: Literal["user", "document"]


class InjectionExpected(_Gold):
    """Gold label."""

    label: Literal["injection", "benign"]


class InjectionCase(_Line):
    """One line of ``injection.jsonl``."""

    input: InjectionInput
    expected: InjectionExpected


# ---------------------------------------------------------------- loading

C = TypeVar("C", bound=_Line)


class DatasetRef(BaseModel):
    """Which bytes a report was scored on: the folder and the SHA-256 of each file read."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    files: dict[str, str]


@dataclass(frozen=True, slots=True)
class LoadedDataset(Generic[C]):
    """Validated cases of one suite plus the identity of the files they came from.

    Attributes:
        ref: Folder path and file hashes, copied into the report.
        cases: The validated lines, in file order.
    """

    ref: DatasetRef
    cases: tuple[C, ...]


@dataclass(frozen=True, slots=True)
class PolicyData:
    """The two files of the policy-search suite, cross-checked.

    Attributes:
        docs: Every policy document by id.
        questions: The questions, in file order.
    """

    docs: dict[str, PolicyDocCase]
    questions: tuple[PolicyQuestionCase, ...]


def _sha256(path: Path) -> str:
    return sha256_hex(read_bounded(path, max_bytes=MAX_DATASET_BYTES))


def load_jsonl(path: Path, model: type[C]) -> tuple[C, ...]:
    """Read and validate every line of one JSONL file.

    Blank lines are skipped. Ids must be unique within the file.

    Args:
        path: The file.
        model: The line model for this file.

    Returns:
        The validated lines in order.

    Raises:
        InputError: The file is missing, not UTF-8, or a line is malformed. The message names
            the file, the line number and the field path, never the content.
    """
    if not path.exists():
        raise InputError(f"{path.name}: file not found in {path.parent}")
    try:
        text = read_bounded(path, max_bytes=MAX_DATASET_BYTES).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name}: not valid UTF-8") from exc
    cases: list[C] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = model.model_validate_json(line)
        except ValidationError as exc:
            first = exc.errors(include_input=False, include_url=False)[0]
            if first["type"] == "json_invalid":
                raise InputError(f"{path.name} line {number}: not valid JSON") from None
            field = ".".join(str(part) for part in first["loc"]) or "<line>"
            more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
            raise InputError(
                f"{path.name} line {number}: field {field}: {first['msg']}{more}"
            ) from None
        for field, reason in case.problems():
            raise InputError(f"{path.name} line {number}: field {field}: {reason}")
        if case.id in seen:
            raise InputError(
                f"{path.name} line {number}: field id: duplicate of line {seen[case.id]}"
            )
        seen[case.id] = number
        cases.append(case)
    return tuple(cases)


def _load_one(directory: Path, name: str, model: type[C]) -> LoadedDataset[C]:
    path = directory / name
    cases = load_jsonl(path, model)
    ref = DatasetRef(path=str(directory), files={name: _sha256(path)})
    return LoadedDataset(ref=ref, cases=cases)


def load_prior_auth(directory: Path) -> LoadedDataset[PriorAuthCase]:
    """Load ``prior_auth.jsonl`` from a dataset folder."""
    return _load_one(directory, "prior_auth.jsonl", PriorAuthCase)


def load_note_summary(directory: Path) -> LoadedDataset[NoteSummaryCase]:
    """Load ``note_summary.jsonl`` from a dataset folder."""
    return _load_one(directory, "note_summary.jsonl", NoteSummaryCase)


def load_triage(directory: Path) -> LoadedDataset[TriageCase]:
    """Load ``triage.jsonl`` from a dataset folder."""
    return _load_one(directory, "triage.jsonl", TriageCase)


def load_phi(directory: Path) -> LoadedDataset[PhiCase]:
    """Load ``phi.jsonl`` from a dataset folder."""
    return _load_one(directory, "phi.jsonl", PhiCase)


def load_injection(directory: Path) -> LoadedDataset[InjectionCase]:
    """Load ``injection.jsonl`` from a dataset folder."""
    return _load_one(directory, "injection.jsonl", InjectionCase)


def load_policy(directory: Path) -> tuple[DatasetRef, PolicyData]:
    """Load ``policy_docs.jsonl`` and ``policy_questions.jsonl`` and cross-check their ids.

    Raises:
        InputError: A question names a document id that is not in ``policy_docs.jsonl``.
    """
    docs_path = directory / "policy_docs.jsonl"
    questions_path = directory / "policy_questions.jsonl"
    docs = {doc.id: doc for doc in load_jsonl(docs_path, PolicyDocCase)}
    questions = load_jsonl(questions_path, PolicyQuestionCase)
    for question in questions:
        for key in ("relevant_doc_ids", "forbidden_doc_ids"):
            for i, doc_id in enumerate(getattr(question.expected, key)):
                if doc_id not in docs:
                    raise InputError(
                        f"{questions_path.name} id {question.id}: field expected.{key}.{i}: "
                        "unknown document id"
                    )
    ref = DatasetRef(
        path=str(directory),
        files={p.name: _sha256(p) for p in (docs_path, questions_path)},
    )
    return ref, PolicyData(docs=docs, questions=questions)
