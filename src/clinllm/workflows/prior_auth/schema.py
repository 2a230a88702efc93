"""The prior-auth output (``FORMAT.md``) and the small schema the model fills in.

Two schemas on purpose. :class:`PriorAuthExtraction` is the contract with callers and the eval
set: exactly the expected fields. :class:`PriorAuthModelOutput` is what a model is asked for:
every list and string capped so a 1.5B model on a CPU finishes in seconds and a grammar can hold
it, and every value paired with the *quote* it was read from, so that grounding can check it
against the document before anything is accepted.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "REQUIRED_FIELDS",
    "Diagnosis",
    "Medication",
    "MissingField",
    "ModelCode",
    "PriorAuthExtraction",
    "PriorAuthModelOutput",
    "Procedure",
    "Quoted",
    "RequestingProvider",
    "Urgency",
]

#: Names ``missing_fields`` may use (FORMAT.md), in the order they are reported.
MissingField = Literal[
    "patient_name",
    "patient_dob",
    "member_id",
    "payer",
    "requesting_provider_name",
    "requesting_provider_npi",
    "procedure_code",
    "diagnosis_code",
    "service_date",
    "clinical_justification",
]
REQUIRED_FIELDS: tuple[MissingField, ...] = (
    "patient_name",
    "patient_dob",
    "member_id",
    "payer",
    "requesting_provider_name",
    "requesting_provider_npi",
    "procedure_code",
    "diagnosis_code",
    "service_date",
    "clinical_justification",
)
Urgency = Literal["standard", "expedited"]

_PHI = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")


class Procedure(BaseModel):
    """A requested procedure, supply or drug code."""

    model_config = _PHI

    code: str = Field(pattern=r"^(?:\d{4}[\dFTU]|[A-Z]\d{4})$")
    """CPT (``72148``, ``0001U``) or HCPCS Level II (``J0135``)."""
    system: Literal["CPT", "HCPCS"]
    """The code system."""


class Diagnosis(BaseModel):
    """A diagnosis given as the reason for the request."""

    model_config = _PHI

    code: str = Field(pattern=r"^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$")
    """ICD-10-CM code with its dot (``M54.16``)."""


class Medication(BaseModel):
    """A drug whose authorization is requested."""

    model_config = _PHI

    name: str = Field(min_length=1, max_length=80)
    """Generic name, lower case (``adalimumab``)."""


class RequestingProvider(BaseModel):
    """The clinician asking for the authorization."""

    model_config = _PHI

    name: str | None = None
    """Name without title or credentials."""
    npi: str | None = Field(default=None, pattern=r"^\d{10}$")
    """10-digit NPI."""


class PriorAuthExtraction(BaseModel):
    """A prior-authorization request as data (the ``expected`` object of FORMAT.md)."""

    model_config = _PHI

    procedures: list[Procedure] = Field(default_factory=list)
    diagnoses: list[Diagnosis] = Field(default_factory=list)
    medications: list[Medication] = Field(default_factory=list)
    payer: str | None = None
    member_id: str | None = None
    requesting_provider: RequestingProvider = Field(default_factory=RequestingProvider)
    service_date: date | None = None
    deadline: date | None = None
    urgency: Urgency = "standard"
    payer_requirements: list[str] = Field(default_factory=list)
    missing_fields: list[MissingField] = Field(default_factory=list)

    def __repr__(self) -> str:
        # Values are PHI (member id, names, dates): a repr in a log or traceback shows shape only.
        return (
            f"PriorAuthExtraction(procedures={len(self.procedures)}, "
            f"diagnoses={len(self.diagnoses)}, missing_fields={self.missing_fields})"
        )

    __str__ = __repr__


# --------------------------------------------------------------------------- model-facing


class Quoted(BaseModel):
    """A value and the exact words of the document it was read from."""

    model_config = _PHI

    value: str = Field(max_length=120)
    quote: str = Field(max_length=200)


class ModelCode(BaseModel):
    """A code and the exact words of the document around it."""

    model_config = _PHI

    code: str = Field(max_length=10)
    quote: str = Field(max_length=200)


class PriorAuthModelOutput(BaseModel):
    """What the model is asked to return; small, capped, every value quoted.

    Dates are ``YYYY-MM-DD``. ``quote`` must be copied from the document: a value whose quote
    is not in the document is dropped.
    """

    model_config = _PHI

    procedures: list[ModelCode] = Field(default_factory=list, max_length=8)
    diagnoses: list[ModelCode] = Field(default_factory=list, max_length=8)
    medications: list[Quoted] = Field(default_factory=list, max_length=5)
    payer: Quoted | None = None
    member_id: Quoted | None = None
    provider_name: Quoted | None = None
    provider_npi: Quoted | None = None
    service_date: Quoted | None = None
    deadline: Quoted | None = None
    urgency: Urgency = "standard"
    urgency_quote: str | None = Field(default=None, max_length=200)
    payer_requirements: list[Annotated[str, Field(max_length=160)]] = Field(
        default_factory=list, max_length=8
    )
