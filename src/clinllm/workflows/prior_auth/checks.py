"""Prior authorization's domain rules, required fields and codes, for the validate stage.

Each rule is named by the harm it prevents: an NPI that fails its check digit routes the request
to the wrong clinician; a deadline before the letter's own date means a misread date that
would make a payer deny for lateness; a date of birth after the service date means the two
were swapped. Their messages are fixed text, never document content.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from clinllm.codes import npi as npi_codes
from clinllm.domain.dates import parse_date
from clinllm.domain.findings import Finding, Severity
from clinllm.pipeline.spec import CodeRef, RuleInput, Validation
from clinllm.workflows.prior_auth.rules import Candidates
from clinllm.workflows.prior_auth.schema import PriorAuthExtraction

__all__ = ["codes", "domain_rules", "present", "record_missing"]

#: Output field of each required-field name (for a finding's ``field``).
_OUTPUT_FIELD = {
    "requesting_provider_name": "requesting_provider.name",
    "requesting_provider_npi": "requesting_provider.npi",
    "procedure_code": "procedures",
    "diagnosis_code": "diagnoses",
}

#: Confidence an NPI keeps when its check digit fails.
_BAD_NPI_CAP = 0.3


def _is_drug_code(code: str) -> bool:
    """HCPCS Level II J codes bill drugs given other than by mouth (J0120-J9999)."""
    return len(code) == 5 and code[0] == "J" and code[1:].isdigit()


def codes(extraction: PriorAuthExtraction) -> Iterator[CodeRef]:
    """Every requested code, for the code-set check."""
    for i, p in enumerate(extraction.procedures):
        yield CodeRef(f"procedures[{i}]", p.system, p.code)
    for i, d in enumerate(extraction.diagnoses):
        yield CodeRef(f"diagnoses[{i}]", "ICD-10-CM", d.code)


def domain_rules(inp: RuleInput[PriorAuthExtraction, Candidates]) -> Validation:
    """NPI check digit, dates against the letter and each other, a drug code with its drug."""
    out = Validation()
    ex, c, evidence = inp.draft.output, inp.candidates, inp.draft.evidence

    def fired(code: str, severity: Severity, message: str, field: str, cite: bool = True) -> None:
        spans = evidence.get(field, ()) if cite else ()
        out.findings.append(Finding(code=code, severity=severity, message=message, field=field,
                                    evidence=spans))  # fmt: skip

    npi = ex.requesting_provider.npi
    if npi is not None and not npi_codes.is_valid(npi):
        out.caps["requesting_provider.npi"] = _BAD_NPI_CAP
        fired("npi_check_digit", "error",
              "NPI fails the check digit (Luhn over 80840 + first nine digits)",
              "requesting_provider.npi")  # fmt: skip
    letter = c.letter_date.value if c.letter_date else None
    if ex.deadline and letter and ex.deadline < letter:
        fired("deadline_before_letter", "error",
              "the deadline is before the date of the document", "deadline")  # fmt: skip
    if ex.service_date and letter and ex.service_date < letter:
        fired("service_date_before_letter", "warning",
              "the service date is before the date of the document", "service_date")  # fmt: skip
    dob: date | None = parse_date(c.patient_dob.value) if c.patient_dob else None
    if ex.service_date and dob and dob >= ex.service_date:
        fired("dates_out_of_order", "error", "the date of birth is not before the service date",
              "service_date", cite=False)  # fmt: skip
    if ex.procedures and not ex.medications and any(_is_drug_code(p.code) for p in ex.procedures):
        # A drug's billing code with no drug read: the list of drugs is incomplete, and an
        # empty list carries no confidence of its own to send the case to a person.
        fired("drug_code_without_drug", "error",
              "a requested drug code names no drug the extraction read", "medications",
              cite=False)  # fmt: skip
    found = _extracted(ex, c)
    for name in sorted(found):
        if not found[name] and _slot_says(c, name, False):
            # The form has a value here that no reader understood: a person must read it,
            # or the request goes out with the field empty although the sender filled it.
            fired("field_not_read", "error", "a filled field of the form could not be read",
                  _OUTPUT_FIELD.get(name, name), cite=False)  # fmt: skip
    return out


def present(extraction: PriorAuthExtraction, c: Candidates) -> Mapping[str, bool]:
    """Whether each required field (FORMAT.md's ``missing_fields`` names) is in the document.

    The document's own slot for a field decides when it has one (``Member ID:`` with a value is
    present even when no recognizer could read the value; with ``____``, ``see attached`` or
    nothing it is missing even when a recognizer found a value elsewhere). A field without a
    slot (a letter in prose) is present when the extraction found it, or when a value of its
    shape is written in its context (``presence.py``); the latter goes to review unread.
    """
    found = _extracted(extraction, c)
    return {name: _slot_says(c, name, found[name]) for name in found}


def _slot_says(c: Candidates, name: str, extracted: bool) -> bool:
    slots = c.slots.get(name)
    if not slots:
        # No slot: what the extraction read, or a value of the field's shape in its context
        # that no reader understood (present, and the case goes to review as not read).
        return extracted or name in c.written
    return any(s.filled for s in slots)


def _extracted(extraction: PriorAuthExtraction, c: Candidates) -> dict[str, bool]:
    provider = extraction.requesting_provider
    return {
        "patient_name": c.patient_name is not None,
        "patient_dob": c.patient_dob is not None,
        "member_id": extraction.member_id is not None,
        "payer": extraction.payer is not None,
        "requesting_provider_name": provider.name is not None,
        "requesting_provider_npi": provider.npi is not None,
        "procedure_code": bool(extraction.procedures),
        "diagnosis_code": bool(extraction.diagnoses),
        "service_date": extraction.service_date is not None,
        "clinical_justification": c.justification is not None,
    }


def record_missing(
    extraction: PriorAuthExtraction, missing: tuple[str, ...]
) -> PriorAuthExtraction:
    """The extraction with ``missing_fields`` set (FORMAT.md reports them in the output).

    The names come from the review policy's required fields, which are FORMAT.md's names; the
    runner validates the final output against the schema, so a wrong name cannot slip through.
    """
    return extraction.model_copy(update={"missing_fields": list(missing)})
