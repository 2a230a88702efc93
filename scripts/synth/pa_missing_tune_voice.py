"""The open voice of the missing-fields probe (``tune_pa_missing``, s26): labels, blanks, sentences.

Scenarios, names, payers and clinicians are the s24 probe's open pools (``pa5_tune_side``);
the labels, blank words, cover sheet, sections, letter and pend-letter sentences and the
requirement sentences are this voice's own. Open: rules may be tuned against it.
"""

from __future__ import annotations

from pa5_tune_side import CARRIERS, FAMILY, GIVEN_F, GIVEN_M, MDS, SCEN, SLOW, TOWNS

__all__ = ["CARRIERS", "FAMILY", "GIVEN_F", "GIVEN_M", "MDS", "SCEN", "SLOW", "TOWNS"]

LABELS = {
    "patient_name": "Patient name",
    "patient_dob": "Date of birth",
    "payer": "Health plan",
    "member_id": "Member ID",
    "requesting_provider_name": "Requesting provider",
    "requesting_provider_npi": "NPI",
    "procedure_code": "CPT/HCPCS",
    "diagnosis_code": "ICD-10",
    "service_date": "Date of service",
}
BLANKS = ("", "____________", "N/A", "pending", "unknown", "see attached", "to follow", "")
TABLE_BLANKS = ("", " ", "N/A", "pending")
PEND_BLANKS = ("not provided", "blank on request", "none")
EMPTY_SECTION = ("(none entered)", "--")
DEFER = ("Clinical notes to follow under separate cover.", "See attached office notes.")
TRIED = "Failed conservative care: {tried}."
PRIOR = "Previously done: {desc} ({code}) on {when}."
PMH = "Past history: {desc} ({code})."
REFERRING = "Referring physician: {first} {last}, {cred}, NPI {npi}"
MBI = "Medicare MBI: {mbi}"
FAST = (
    "URGENT - please expedite; a standard timeline could seriously jeopardize the patient's health."
)
DEADLINE = "Please respond by {when}."
SAYS = [
    "Documentation must show {r}.",
    "We will need {r} before review.",
    "Please note the plan requires {r}.",
    "Records submitted should include {r}.",
]
COVER = ("FAX COVER SHEET", "To:", "From:", "Pages:", "Confidential health information enclosed.")
UM_DEPT = "(Utilization Management)"
OFFICE = "Front office"
LETTERHEAD_NPI_ONLY = "Physician NPI {npi}"
LETTERHEAD_NPI = "{first} {last}, {cred} | NPI {npi}"
FORM_TITLE = "Prior Authorization Request"
SERVICE_WORD = "Service requested"
SEC_JUST = "Clinical summary"
PAGE_FOOT = "continued - page {n}"
PAGE_HEAD = "Prior Authorization Request (cont.)"
SECTIONS = [
    ("PATIENT", ["patient_name", "patient_dob"]),
    ("COVERAGE", ["payer", "member_id"]),
    ("PROVIDER", ["requesting_provider_name", "requesting_provider_npi"]),
    ("DIAGNOSIS", ["diagnosis_code"]),
    ("PROCEDURE", ["procedure_code", "service_date"]),
    ("CLINICAL INFORMATION", ["clinical_justification"]),
]
PROSE = {
    "hello": "To the utilization review team:",
    "nameless": "our patient",
    "intro": "I am requesting authorization of {svc} for {pt}.",
    "dob": "{She} was born {dob}.",
    "payer": "{She} is covered by {payer}.",
    "member_id": "{Her} member number is {id}.",
    "payer_none": "I do not have {her} insurance details at hand.",
    "member_id_none": "{Her} member number will be sent once we have the card.",
    "proc": "The procedure code is {proc}.",
    "dx": "The diagnosis is {desc} ({dxc}).",
    "when": "We plan to proceed on {when}.",
    "when_none": "A date will be set after approval.",
    "bye": "Sincerely,",
    "npi": "NPI {npi}",
    "npi_none": "NPI: pending enrollment",
}
PEND = {
    "re": "RE: Request pended for additional information",
    "got": "We received a request for {svc}.",
    "need": "Before a determination can be made:",
    "bye": "Utilization Management",
}
