from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.recognizers import (
    find_codes,
    find_member_id,
    find_npis,
)
from clinllm.workflows.prior_auth.rules import recognize


def requested(text: str) -> list[str]:
    return [h.code for h in find_codes(text, Layout(text)) if h.requested]


def test_codes_in_the_ways_forms_write_them() -> None:
    text = (
        "Requested service: MRI lumbar spine without contrast (CPT 72148)\n"
        "Diagnosis: M5416 lumbar radiculopathy\n"
        "HCPCS: JO135 Injection, adalimumab, 20 mg\n"
        "Diagnosis codes (list all that apply)\n"
        " 1. E66.01  2. Z68.41  3. I10\n"
        "HCPCS | Description | Qty\n"
        "A7034 | Nasal interface | 1\n"
    )
    assert requested(text) == ["72148", "M54.16", "J0135", "E66.01", "Z68.41", "I10", "A7034"]


def test_history_family_history_and_examples_are_not_requested() -> None:
    text = (
        "Procedure: 27130 Total hip arthroplasty\n"
        "PMH: s/p laminectomy (CPT 63047) 2018, diabetes (E11.9)\n"
        "He had a left knee arthroscopy (CPT 29881) in 2019 with a good result.\n"
        "Instructions: list CPT codes, for example 99213, in the table below.\n"
        "Other history\n"
        "M79.7 fibromyalgia\n"
        "Exam: CT head without contrast (70450) reported as negative.\n"
    )
    hits = find_codes(text, Layout(text))
    assert [h.code for h in hits if h.requested] == ["27130"]
    assert {h.code for h in hits if h.history} >= {"63047", "E11.9", "29881", "99213", "M79.7"}


def test_requested_family_history_code_counts_as_diagnosis() -> None:
    text = "Diagnoses submitted: Z80.41 Family history of malignant neoplasm of ovary\n"
    assert requested(text) == ["Z80.41"]


def test_zip_codes_units_and_water_are_not_codes() -> None:
    text = (
        "Service: CPAP, 4410 Sawmill Parkway, Columbus OH 43235\n"
        "Item: E0601 set 6-14 cm H2O, 20000 units\n"
    )
    assert requested(text) == ["E0601"]


def test_npi_member_id_and_blank_fields() -> None:
    text = (
        "Member ID .......... SVH-2018-5530-01\n"
        "Plan member ID: ECM 7741 0093 12\nNPI ..... 1216353783\n"
    )
    assert [s.value for s in find_member_id(text)] == ["SVH-2018-5530-01", "ECM 7741 0093 12"]
    assert [s.value for s in find_npis(text)] == ["1216353783"]
    assert find_member_id("Member ID: ____________   Group: 7\n") == []


def test_pipe_tables_and_modifiers() -> None:
    text = (
        "Code Type | Code     | Description\n"
        "CPT       | 27447-RT | Arthroplasty, knee, total\n"
        "Dx        | M17.11   | Primary osteoarthritis, right knee\n"
        "Past Surgical History:\n"
        " - 29881 left knee arthroscopy (2015)\n"
    )
    assert requested(text) == ["27447", "M17.11"]


def test_member_label_beats_a_patient_id_and_tolerates_ocr() -> None:
    ids = find_member_id("Patient ID: MRN0099812\nMember lD: ABC123456\n")
    assert [s.value for s in ids] == ["ABC123456", "MRN0099812"]


def test_history_code_described_before_it_in_a_diagnosis_field_is_requested() -> None:
    text = (
        "Diagnosis: Personal history of malignant neoplasm of breast (Z85.3)\n"
        "PMH: type 2 diabetes (E11.9)\n"
    )
    assert requested(text) == ["Z85.3"]


def test_request_sentence_after_form_fields_is_read_on_its_own() -> None:
    text = (
        "To: Prior Authorization Dept, Maple Leaf Health Insurance\n"
        "Patient: Rita Moreno (DOB 1955-02-14), Member #: MLH-229911\n"
        "I am writing to request approval for cataract surgery on the right eye (CPT 66984) for\n"
        "age-related nuclear cataract, right eye (H25.11). Surgery is planned for May 5, 2026.\n"
    )
    assert requested(text) == ["66984", "H25.11"]


def test_the_words_prior_authorization_are_no_history_cue() -> None:
    text = (
        "I am writing to request prior authorization of an MRI of the lumbar spine (72148) for\n"
        "lumbar radiculopathy. She had a prior lumbar MRI (72148) in 2019.\n"
    )
    hits = find_codes(text, Layout(text))
    assert [(h.requested, h.history) for h in hits] == [(True, False), (False, True)]


def test_a_history_word_in_another_clause_says_nothing_of_the_code() -> None:
    text = (
        "I request approval of lumbar MRI (CPT 72148) for M54.16; he has had radicular pain for "
        "10 weeks despite PT.\n"
    )
    assert requested(text) == ["72148", "M54.16"]
    assert requested("We request 72148 because he had a prior MRI (72148) in 2019.\n") == []


def test_a_fax_flattened_to_one_line_is_no_dated_log_entry() -> None:
    text = (
        "03/02/2026 fax to Harborview Health Plan. Pt Dana Okonkwo. "
        "Requesting 72148 (MRI L-spine) for M54.16. DOS 03/20/2026.\n"
    )
    assert [h.code for h in recognize(text).procedures] == ["72148"]
    log = "Completed 02/02/2026: requested CT head 70450 was normal. DOS 03/20/2026.\n"
    assert recognize(log).procedures == []


@pytest.mark.parametrize(
    "text",
    [
        "The procedure code we ask for is 27447.\n",
        "CPT/HCPCS 95810.\n",
        "Billing codes are J9312 and 96413.\n",
        "The office would like a brace fitting, billing L1833.\n",
        "It would be billed as 97530 twice a week.\n",
    ],
)
def test_a_code_named_a_procedure_code_in_a_sentence_is_requested(text: str) -> None:
    hits = [h for h in find_codes(text, Layout(text)) if h.system in ("CPT", "HCPCS")]
    assert hits
    # Read from a sentence's words: requested, but a guess the model is asked about.
    assert all(h.requested and not h.settled for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "Colonoscopy in 2023 (CPT 45378) was normal.\n",
        "- Two epidural injections (CPT 64483) on\n  07/2025 and 10/2025, no relief.\n",
        "Prior procedure code 29881 (2019).\n",
        "Previously billed as 97530 in 2024 without benefit.\n",
    ],
)
def test_a_named_procedure_code_with_a_history_cue_is_not(text: str) -> None:
    hits = [h for h in find_codes(text, Layout(text)) if h.system == "CPT"]
    assert hits
    assert not any(h.requested for h in hits)


def test_a_diagnosis_code_next_to_the_line_that_asks_is_a_requested_guess() -> None:
    text = (
        "Office wants a sleep study.\nFor snoring and daytime sleepiness, R06.83.\n\n"
        "Also followed for gout, M10.9.\nGout since 2019, M10.9.\n"
    )
    hits = {h.start: h for h in find_codes(text, Layout(text))}
    first = hits[text.index("R06.83")]
    assert first.requested
    assert not first.settled
    assert not any(h.requested for s, h in hits.items() if s > text.index("\n\n"))


def _hits(text: str) -> dict[str, tuple[bool, bool]]:
    return {h.code: (h.requested, h.settled) for h in find_codes(text, Layout(text))}


def test_codes_of_a_request_the_document_closes_are_not_requested() -> None:
    # s24 pa2: a packet of two requests, the first already decided and not to be processed.
    text = (
        "Item 1 - already approved last month, for records only: shoulder MRI (73221).\n"
        "Item 2 - please authorize: knee arthroscopy (29881) for M23.221.\n"
    )
    hits = _hits(text)
    assert hits["73221"] == (False, True)
    assert hits["29881"][0]


def test_a_procedure_code_on_the_line_that_asks_is_a_requested_guess() -> None:
    hits = _hits("Dr Ana Ruiz asks for a knee arthroscopy, code 29881, next month.")
    assert hits["29881"] == (True, False)  # requested, unsettled: the model is asked
    aside = _hits("She also had an ankle brace, code L1906, and asks about it.")
    assert not aside["L1906"][0]
