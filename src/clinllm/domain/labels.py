"""The label vocabularies of the evaluation data format (``shared/data/FORMAT.md``).

Workflows emit these labels and the evaluation harness reads them from gold data; both import
them from here so that a label can never mean one thing to a workflow and another to its scorer.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "MISSING_FIELDS",
    "PHI_TYPES",
    "TRIAGE_CATEGORIES",
    "TRIAGE_URGENCIES",
    "CodeSystem",
    "MissingField",
    "PhiType",
    "PriorAuthUrgency",
    "TriageCategory",
    "TriageUrgency",
]

#: Field names ``missing_fields`` may use, in the order they are reported.
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
MISSING_FIELDS: tuple[MissingField, ...] = get_args(MissingField)

#: ``expedited`` only when the document asks for an expedited/urgent review.
PriorAuthUrgency = Literal["standard", "expedited"]

#: Procedure code systems of a prior-authorization request.
CodeSystem = Literal["CPT", "HCPCS"]

#: Where a portal message is routed.
TriageCategory = Literal[
    "refill_request",
    "symptom_escalation",
    "billing_question",
    "appointment_scheduling",
    "other",
]
TRIAGE_CATEGORIES: tuple[TriageCategory, ...] = get_args(TriageCategory)

#: How soon staff must act: ``emergency`` = possible life threat now, ``urgent`` = same day.
TriageUrgency = Literal["emergency", "urgent", "routine"]
TRIAGE_URGENCIES: tuple[TriageUrgency, ...] = get_args(TriageUrgency)

#: The HIPAA Safe Harbor categories of a PHI span.
PhiType = Literal[
    "NAME",
    "ADDRESS",
    "DATE",
    "AGE_OVER_89",
    "PHONE",
    "FAX",
    "EMAIL",
    "SSN",
    "MRN",
    "HEALTH_PLAN_ID",
    "ACCOUNT",
    "LICENSE",
    "VEHICLE",
    "DEVICE_ID",
    "URL",
    "IP",
    "BIOMETRIC",
    "OTHER_ID",
]
PHI_TYPES: tuple[PhiType, ...] = get_args(PhiType)
