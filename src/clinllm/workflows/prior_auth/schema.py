"""The prior-auth output (``FORMAT.md``) and the small schema the model fills in.

Two schemas on purpose. :class:`PriorAuthExtraction` is the contract with callers and the eval
set: exactly the expected fields. :class:`PriorAuthModelOutput` is what a model is asked for:
every list and string capped so a 1.5B model on a CPU finishes in seconds and a grammar can hold
it. Grounding finds every model value in the document before anything is accepted.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from clinllm.domain.labels import MISSING_FIELDS, MissingField, PriorAuthUrgency

__all__ = [
    "REQUIRED_FIELDS",
    "Diagnosis",
    "Medication",
    "MissingField",
    "PriorAuthExtraction",
    "PriorAuthModelOutput",
    "Procedure",
    "RequestingProvider",
    "Urgency",
]

#: Every field ``missing_fields`` may name is required (FORMAT.md), in reporting order.
REQUIRED_FIELDS: tuple[MissingField, ...] = MISSING_FIELDS
Urgency = PriorAuthUrgency

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


class PriorAuthModelOutput(BaseModel):
    """What the model is asked to return: small, capped, values only.

    Dates are ``YYYY-MM-DD``. No offsets or quotes are asked for: a 1.5B model on a CPU spends
    most of its time generating, and grounding finds each value in the document itself (a value
    that is not there is dropped).
    """

    model_config = _PHI

    procedures: list[Annotated[str, Field(max_length=10)]] = Field(
        default_factory=list, max_length=8
    )
    diagnoses: list[Annotated[str, Field(max_length=10)]] = Field(
        default_factory=list, max_length=8
    )
    medications: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, max_length=5
    )
    payer: str | None = Field(default=None, max_length=100)
    member_id: str | None = Field(default=None, max_length=40)
    provider_name: str | None = Field(default=None, max_length=80)
    provider_npi: str | None = Field(default=None, max_length=10)
    service_date: str | None = Field(default=None, max_length=10)
    deadline: str | None = Field(default=None, max_length=10)
    urgency: Urgency = "standard"
    payer_requirements: list[Annotated[str, Field(max_length=160)]] = Field(
        default_factory=list, max_length=8
    )
