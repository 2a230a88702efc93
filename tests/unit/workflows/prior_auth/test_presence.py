"""A field with no slot is present when a value of its shape is written in its context.

Text written here for each shape; the other side of each test is the distractor the shape must
not take for the field (another party's NPI, a Medicare or group number, a referring doctor).
"""

from __future__ import annotations

from datetime import date

import pytest

from clinllm.workflows.prior_auth.dates import find_dates
from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.presence import dob_written, written, written_fields
from clinllm.workflows.prior_auth.recognizers import find_codes

from .conftest import Extract


def _written(name: str, text: str) -> bool:
    return written(name, Layout(text))


pytestmark = pytest.mark.anyio

NPI = "1245319599"  # passes the check digit


def test_an_npi_on_no_other_partys_line_is_written() -> None:
    assert _written("requesting_provider_npi", f"Thanks,\nMaria Okafor, MD  NPI {NPI}\n")
    assert _written("requesting_provider_npi", "NPI 124-531-9599\n")


def test_another_partys_npi_or_a_bad_check_digit_is_not() -> None:
    assert not _written("requesting_provider_npi", f"Referred by Lee Chan DO (NPI {NPI}).\n")
    assert not _written("requesting_provider_npi", "NPI 1245319590\n")


def test_an_identifier_after_a_member_word_is_a_member_id() -> None:
    assert _written("member_id", "She is a Harborview member HHP204118937 since 2020.")
    assert _written("member_id", "subscriber no. 88 412 7731")


@pytest.mark.parametrize(
    "text",
    [
        "Medicare beneficiary id 1EG4TE5MK72 on file.",
        "member group number 55120 only.",
        "Per policy 2024-113, imaging needs notes.",
        "The member was seen on 02/11/2026.",
    ],
)
def test_other_numbers_after_a_member_word_are_not(text: str) -> None:
    assert not _written("member_id", text)


def test_a_credentialed_name_not_of_another_party_is_a_requester() -> None:
    assert _written("requesting_provider_name", "Sincerely,\nMaria Okafor, MD\n")
    assert not _written("requesting_provider_name", "Referring: Lee Chan, DO\n")


def test_a_name_the_writer_works_for_is_a_requester_despite_the_writers_role() -> None:
    text = "Best,\nReferral desk on behalf of Anouk Verhaegen, NP\n"
    assert _written("requesting_provider_name", text)
    assert not _written("requesting_provider_name", "Referral desk: Anouk Verhaegen, NP\n")
    assert not _written("requesting_provider_name", "Seen by Anouk Verhaegen, NP (radiology)\n")


def test_a_birth_date_by_its_word_or_its_age() -> None:
    text = "Re: Dana Okonkwo (born 04/05/1977)"
    assert dob_written(Layout(text), [(text.index("04/"), date(1977, 4, 5))], date(2026, 3, 2))
    plain = "Seen 02/11/2026 and 01/05/2026."
    dates = [(5, date(2026, 2, 11)), (20, date(2026, 1, 5))]
    assert not dob_written(Layout(plain), dates, date(2026, 3, 2))


async def test_a_letter_whose_member_id_no_reader_knows_is_not_missing_but_goes_to_review(
    extract: Extract,
) -> None:
    letter = (
        "From: Maria Okafor <mokafor@example.org>\nSent: 03/02/2026\n\n"
        "Requesting authorization of MRI lumbar spine (CPT 72148) for Dana Okonkwo "
        "(DOB 04/05/1977), Harborview Health Plan member HHP204118937, for M54.16, "
        "planned 03/20/2026. Ten weeks of radicular pain despite 6 weeks of PT.\n"
        f"Maria Okafor, MD  NPI {NPI}\n"
    )
    ex, reasons = await extract(letter)
    assert "member_id" not in ex.missing_fields
    if ex.member_id is None:
        assert "finding:field_not_read" in reasons


async def test_a_letter_without_a_member_id_still_misses_it(extract: Extract) -> None:
    letter = (
        "March 2, 2026\nHarborview Health Plan\nRe: Dana Okonkwo, DOB 04/05/1977\n"
        "Please authorize MRI lumbar spine (CPT 72148) for M54.16 on 03/20/2026. The member's "
        "card was not available at the visit; group number 55120.\n"
        f"Maria Okafor, MD  NPI {NPI}\n"
    )
    ex, _ = await extract(letter)
    assert "member_id" in ex.missing_fields


@pytest.mark.parametrize("text", ["Pt Dana Okonkwo ID# HHP204118937.", "Ins # HHP 204 118 937"])
def test_an_id_or_insurance_number_sign_is_a_member_cue(text: str) -> None:
    assert _written("member_id", text)


@pytest.mark.parametrize(
    "text", ["Pt Dana Okonkwo DOB 4/5/77", "Re: Okonkwo, Dana", "Mrs. Dana Okonkwo"]
)
def test_a_name_after_a_patient_cue_is_a_patient_name(text: str) -> None:
    assert _written("patient_name", text)


@pytest.mark.parametrize(
    "text", ["Patient: ____", "Referred by PCP: Lee Chan", "patient is stable"]
)
def test_no_name_or_another_partys_name_is_not(text: str) -> None:
    assert not _written("patient_name", text)


@pytest.mark.parametrize(
    "text",
    [
        "I write for my patient, Dana Okonkwo, who needs a knee brace.",
        "Please find a PA request for Dana Okonkwo for a group 3 wheelchair.",
        "On behalf of Dana Okonkwo I ask for coverage.",
    ],
)
def test_a_patient_named_in_a_sentence_is_written(text: str) -> None:
    assert _written("patient_name", text)


@pytest.mark.parametrize(
    "text",
    ["This is a request for Prior Authorization.", "A referral for Dr Lee Chan, MD, patient"],
)
def test_form_words_or_a_clinician_after_the_cue_are_not_a_patient(text: str) -> None:
    assert not _written("patient_name", text)


def test_a_bare_id_on_a_coverage_line_is_a_member_id() -> None:
    assert _written("member_id", "Her insurance is Harborview Health Plan, ID HHP-2041-1893.")
    assert not _written("member_id", "Harborview Health Plan, group ID 55120-88.")


async def test_codes_and_a_planned_date_in_sentences_are_not_missing(extract: Extract) -> None:
    letter = (
        "March 2, 2026\n\nDear reviewer,\nMy patient, Dana Okonkwo (DOB 04/05/1977), "
        "Harborview Health Plan member HHP204118937, has knee arthritis.\n"
        "The procedure code is 27447 and the diagnosis code is M17.11.\n"
        "We hope to operate on 04/14/2026.\n"
        "Night pain for 2 years despite 6 months of physical therapy and injections.\n"
        f"Sincerely,\nMaria Okafor, MD  NPI {NPI}\n"
    )
    ex, _ = await extract(letter)
    assert not {"procedure_code", "diagnosis_code", "service_date", "patient_name"} & set(
        ex.missing_fields
    )


async def test_a_past_code_or_an_example_code_does_not_fill_the_field(extract: Extract) -> None:
    letter = (
        "March 2, 2026\nHarborview Health Plan, member HHP204118937\n"
        "Re: Dana Okonkwo, DOB 04/05/1977\n"
        "Please review the attached request; the code will follow.\n"
        "Completed 01/05/2026: knee x-ray [73562]\nSample entry: 99214 (do not copy)\n"
        "Seen again on 02/20/2026 with night pain for 2 years despite injections.\n"
        f"Maria Okafor, MD  NPI {NPI}\n"
    )
    ex, _ = await extract(letter)
    assert {"procedure_code", "service_date"} <= set(ex.missing_fields)


@pytest.mark.parametrize(
    "text",
    [
        "Per the caller the patient is Wilhelmina Quayle; she has had two falls.",
        "The clinic asks the plan to approve a brace for Wilhelmina Quayle who walks with a cane.",
        "Seen today: Wilhelmina Quayle, born 3/4/1951, with hip pain.",
        "Wilhelmina Quayle (DOB 3/4/1951) returns for follow-up.",
    ],
)
def test_a_name_in_the_patients_role_by_copula_request_or_birth_date(text: str) -> None:
    assert _written("patient_name", text)


@pytest.mark.parametrize(
    "text",
    [
        "The clinic asks the plan to approve a brace for Dr Lena Ortiz to fit.",
        "The clinic asks the plan to cover a brace for Juniper Valley Medicaid members.",
        "Referred by Odile Farnsworth, patient is Wilhelmina Quayle.",
    ],
)
def test_a_clinician_a_plan_or_another_partys_sentence_is_not_the_patient(text: str) -> None:
    assert not _written("patient_name", text)


def test_a_membership_or_card_number_is_a_member_id() -> None:
    assert _written(
        "member_id", "Coverage runs through her employer under membership no. QX-88213."
    )
    assert _written("member_id", "The card shows number TZV4410982.")
    assert not _written("member_id", "The card shows group number 4410-98.")


def test_a_birth_date_by_b_dot_or_a_lifetime_before_the_first_date() -> None:
    text = "Pt - Ola Brandt - b. 07/08/1959"
    assert dob_written(Layout(text), [(text.index("07/"), date(1959, 7, 8))], None)
    memo = "MEMO 03/01/2026\nCalled about Ola Brandt, 07/08/1959, and knee pain.\n"
    layout = Layout(memo)
    dates = find_dates(memo)
    assert "patient_dob" in written_fields(layout, dates, None)
    assert "patient_dob" not in written_fields(
        Layout("MEMO 03/01/2026\n"), find_dates("MEMO 03/01/2026\n"), None
    )


def test_a_diagnosis_code_next_to_the_line_that_asks_is_written() -> None:
    text = (
        "Office wants a sleep study.\nFor snoring and daytime sleepiness, R06.83.\n\n"
        "Also followed for gout, M10.9.\n"
    )
    layout = Layout(text)
    hits = find_codes(text, layout)
    assert "diagnosis_code" in written_fields(layout, [], None, hits)
    aside = "Office wants a sleep study.\nAlso followed for gout, M10.9.\n"
    layout = Layout(aside)
    assert "diagnosis_code" not in written_fields(layout, [], None, find_codes(aside, layout))
    far = "Office wants a sleep study.\n\nGout since 2019, M10.9.\n"
    layout = Layout(far)
    assert "diagnosis_code" not in written_fields(layout, [], None, find_codes(far, layout))


def test_a_retired_card_number_does_not_make_the_member_id_written() -> None:
    # s24 pa2: a forwarded thread's history names an older card; the current one is not given.
    assert not _written(
        "member_id", "Earlier thread:\nHer old member number WQ4418203 was replaced."
    )
    assert _written("member_id", "Her member number WQ4418203 is on the card.")


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Note 01/05/2027\nThe family hopes to go ahead on 01/19/2027.\n", True),
        # a later date that another role claims is no service date
        ("Note 01/05/2027\nCard valid through 06/30/2027.\n", False),
        ("Note 01/05/2027\nPlease reply by 01/19/2027.\n", False),
    ],
)
def test_a_service_date_is_written_when_elimination_leaves_one(text: str, present: bool) -> None:
    layout = Layout(text)
    assert ("service_date" in written_fields(layout, find_dates(text), None)) is present
