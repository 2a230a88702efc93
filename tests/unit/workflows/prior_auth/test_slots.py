"""Missing fields read from the form's own slots (issue 16, third round).

Each test is one mechanism, on text written here for it: a filled slot the recognizers cannot
read is present (and goes to review), a slot left blank in words is missing whatever a
recognizer found elsewhere, a label with its text on the next line is a heading, and a field
with no slot falls back to the extraction.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.slots import find_slots, is_blank

from .conftest import Extract

pytestmark = pytest.mark.anyio

FILLED = {
    "Patient": "Dana Okonkwo",
    "Date of birth": "04/05/1977",
    "Health plan": "Harborview Health Plan",
    "Member ID": "HHP204118937",
    "Requesting physician": "Maria Okafor MD",
    "NPI": "1245319599",
    "CPT": "72148",
    "Diagnosis": "M54.16",
    "Date of service": "03/20/2026",
    "Clinical summary": "Ten weeks of radicular pain, failed 6 weeks of PT and NSAIDs.",
}


def form(sep: str = ": ", **blanks: str) -> str:
    """A request form, one ``label<sep>value`` per line; ``blanks`` replaces values by label."""
    values = {**FILLED, **{k.replace("_", " "): v for k, v in blanks.items()}}
    lines = ["PRIOR AUTHORIZATION REQUEST", "Date: 03/02/2026"]
    lines += [f"{k}{sep}{v}".rstrip() for k, v in values.items()]
    return "\n".join(lines) + "\n"


async def test_a_complete_form_has_no_missing_field(extract: Extract) -> None:
    ex, reasons = await extract(form())
    assert ex.missing_fields == []
    assert ex.member_id == "HHP204118937"
    assert not any(r.startswith("missing:") for r in reasons)


@pytest.mark.parametrize(
    ("label", "written"),
    [
        ("Member_ID", "(card copy requested from patient - not yet received)"),
        ("Member_ID", "see attached"),
        ("Date_of_service", "to be scheduled after authorization is received"),
        ("Date_of_service", "________"),
        ("Health_plan", "____________ (face sheet to follow)"),
        ("Clinical_summary", "see attached notes (to follow under separate cover)"),
        ("Requesting_physician", "(signature illegible)"),
    ],
)
async def test_a_slot_left_blank_in_words_is_missing(
    label: str, written: str, extract: Extract
) -> None:
    ex, reasons = await extract(form(**{label: written}))
    name = {
        "Member_ID": "member_id",
        "Date_of_service": "service_date",
        "Health_plan": "payer",
        "Clinical_summary": "clinical_justification",
        "Requesting_physician": "requesting_provider_name",
    }[label]
    assert ex.missing_fields == [name]
    assert f"missing:{name}" in reasons


async def test_a_blank_requester_npi_is_missing_though_another_npi_is_on_the_form(
    extract: Extract,
) -> None:
    text = form(NPI="pending") + "Referring physician: Lee Chan MD, NPI 1679576722\n"
    ex, _ = await extract(text)
    assert "requesting_provider_npi" in ex.missing_fields


async def test_a_filled_slot_nobody_could_read_is_present_and_goes_to_review(
    extract: Extract,
) -> None:
    # "=" is a separator the field recognizers do not read; the slot still shows a value.
    text = form(sep=" = ")
    ex, reasons = await extract(text)
    assert "member_id" not in ex.missing_fields
    assert ex.missing_fields == []
    assert "finding:field_not_read" in reasons


async def test_an_empty_field_beside_another_field_is_missing(extract: Extract) -> None:
    text = form().replace("Patient: Dana Okonkwo\nDate of birth: 04/05/1977", "Pt:   DOB 4/5/77")
    ex, _ = await extract(text)
    assert ex.missing_fields == ["patient_name"]


async def test_a_label_over_its_paragraph_is_a_heading_not_an_empty_field(extract: Extract) -> None:
    text = form().replace("Clinical summary: ", "Clinical summary:\n")
    ex, _ = await extract(text)
    assert "clinical_justification" not in ex.missing_fields


async def test_a_code_field_in_words_does_not_hide_the_code_written_beside_it(
    extract: Extract,
) -> None:
    text = form(Diagnosis="lumbar radiculopathy") + "ICD-10: M54.16\n"
    ex, _ = await extract(text)
    assert [d.code for d in ex.diagnoses] == ["M54.16"]
    assert "diagnosis_code" not in ex.missing_fields


async def test_a_field_with_no_slot_falls_back_to_the_extraction(extract: Extract) -> None:
    letter = (
        "March 2, 2026\nRe: Dana Okonkwo, DOB 04/05/1977\n"
        "Ins: Harborview Health Plan #HHP 204 118 937\n\n"
        "Please authorize MRI lumbar spine (CPT 72148) for M54.16.\n\nMaria Okafor, MD\n"
    )
    assert "member_id" not in find_slots(letter)
    ex, _ = await extract(letter)
    assert "member_id" not in ex.missing_fields
    assert ex.member_id == "HHP 204 118 937"


def test_slots_point_at_the_values_in_the_original_text() -> None:
    text = "| Member ID | HHP204118937 |\nDOB.........04/05/1977\nCPT/HCPCS:  ICD-10: M54.16\n"
    slots = find_slots(text)
    (member,) = slots["member_id"]
    assert member.filled
    assert text[member.start : member.end] == "HHP204118937"
    (dob,) = slots["patient_dob"]
    assert dob.filled
    assert text[dob.start : dob.end] == "04/05/1977"
    (cpt,) = slots["procedure_code"]
    assert not cpt.filled  # the next field starts where the CPT value would be


@pytest.mark.parametrize(
    ("value", "blank"),
    [("", True), ("n/a", True), ("(illegible)", True), ("TBD", True), ("Jane Doe", False)],
)
def test_blank_words(value: str, blank: bool) -> None:
    assert is_blank(value) is blank


async def test_a_value_only_its_slot_shows_is_read_from_it_and_confirmed_by_a_person(
    extract: Extract,
) -> None:
    ex, reasons = await extract(form(sep=" = "))
    assert ex.member_id == "HHP204118937"
    assert ex.payer == "Harborview Health Plan"
    assert "low_confidence:member_id" in reasons


async def test_a_requester_slot_beats_a_primary_care_line_with_an_npi(extract: Extract) -> None:
    text = (
        "PRECERTIFICATION SHEET\nDate 03/02/2026\n"
        "Patient                 Dana Okonkwo\n"
        "Requesting physician    Maria Okafor MD\n"
        "NPI #                   1245319599\n"
        "CPT/HCPCS               72148\n"
        "PCP: Lee Chan DO, NPI 1679576722\n"
    )
    ex, _ = await extract(text)
    assert ex.requesting_provider.name == "Maria Okafor"
    assert ex.requesting_provider.npi == "1245319599"


async def test_a_policy_number_is_never_read_as_the_member_id(extract: Extract) -> None:
    text = form(sep=" = ", Member_ID="").replace("Member ID =", "Policy # = CPB-0441")
    ex, _ = await extract(text)
    assert ex.member_id is None


async def test_a_code_in_its_field_is_requested_and_a_number_in_an_id_field_is_no_code(
    extract: Extract,
) -> None:
    text = form(sep=" = ", Member_ID="KH 64865 4759", CPT="74177")
    ex, _ = await extract(text)
    assert [p.code for p in ex.procedures] == ["74177"]


def test_a_plan_of_care_is_not_the_health_plans_slot() -> None:
    slots = find_slots(
        "Plan - brace fitting - L1833 - dx M23.51 - target 04/02/2026\n"
        "Member - Ola Brandt\nOrdered by - Dr Ames\n"
    )
    assert "payer" not in slots
    slots = find_slots("Plan: Juniper Valley Medicaid\n")
    assert slots["payer"][0].filled


@pytest.mark.parametrize("value", ["on file", "see chart", "chart"])
def test_a_value_kept_elsewhere_is_blank(value: str) -> None:
    assert is_blank(value)
