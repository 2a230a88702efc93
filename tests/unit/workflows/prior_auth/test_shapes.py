"""Second-round mechanisms (issue 16): shapes of fields, blanks, dated entries, prose criteria.

Each test is one general mechanism, on text written here for it: a dotted leader that runs into
its value, cells stacked one per line, a blank written as a word, a dated log of past
procedures, and requirements stated as obligation + evidence.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.forms import form_view
from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.narrative import find_requirements
from clinllm.workflows.prior_auth.obligations import find_obligations
from clinllm.workflows.prior_auth.rules import recognize

LEADERS = """\
REQUEST FOR REVIEW
Health plan..............Harborview Health Plan
Member #.................HHP204118937
Ordering NPI.............1245319599
CPT/HCPCS................72148
ICD-10...................M54.16
Service date.............
Today....................03/02/2026
"""

STACKED = """\
Review request
Name
Dana Okonkwo
Birth date
4 May 1977
Plan
Harborview Health Plan

Requested items
J0135
injection, adalimumab, 20 mg
"""


def test_a_dotted_leader_into_its_value_is_a_field_and_keeps_offsets() -> None:
    view = form_view(LEADERS)
    assert len(view) == len(LEADERS)
    assert "Member #:" in view
    c = recognize(LEADERS)
    assert c.member_id is not None
    assert LEADERS[c.member_id.start : c.member_id.end] == "HHP204118937"
    assert [h.code for h in c.procedures] == ["72148"]
    assert [h.code for h in c.diagnoses] == ["M54.16"]


def test_an_empty_date_field_does_not_take_the_next_lines_date() -> None:
    c = recognize(LEADERS)
    assert c.service_date is None  # "Service date" is blank; the next line is today
    assert c.letter_date is not None


def test_cells_stacked_one_per_line_pair_label_and_value() -> None:
    c = recognize(STACKED)
    assert c.patient_name is not None
    assert c.patient_dob is not None
    assert STACKED[c.patient_name.start : c.patient_name.end] == "Dana Okonkwo"
    assert [m.value for m in c.medications] == ["adalimumab"]  # descriptor in the next cell


@pytest.mark.parametrize("blank", ["[blank]", "see attached", "unknown", "--", "illegible"])
def test_a_blank_written_as_a_word_is_missing(blank: str) -> None:
    text = (
        "Patient: Dana Okonkwo   DOB: 04/05/1977\nMember ID: HHP204118937\n"
        f"Requesting provider: {blank}\nRequesting NPI: {blank}\n"
        "Facility: Riverbend Outpatient Center, NPI 1679576722\n"
        "Requested service: MRI lumbar spine (72148)\nDiagnosis: M54.16\n"
    )
    c = recognize(text)
    assert c.provider_name is None
    assert c.provider_npi is None  # never the facility's NPI on the next line


def test_codes_on_a_dated_log_entry_are_history() -> None:
    text = (
        "Date: 03/02/2026\nRequested service: MRI brain (70553)\nDiagnosis: G43.719\n"
        "Completed 12/01/2025: CT head without contrast [70450]\n"
        "12/20/2025 - transforaminal epidural injection 64483 with no relief, request pending\n"
    )
    c = recognize(text)
    assert [h.code for h in c.procedures] == ["70553"]
    past = {h.code: h for h in c.codes if h.code in ("70450", "64483")}
    assert all(h.history and not h.requested for h in past.values())


def test_a_code_after_an_example_cue_is_not_requested() -> None:
    text = (
        "Requested service: MRI brain (70553)\nDiagnosis: G43.719\n"
        "Instructions: enter codes as in the example (e.g. 99213, J45.909) to request review\n"
    )
    assert [h.code for h in recognize(text).procedures] == ["70553"]


@pytest.mark.parametrize(
    ("sentence", "wanted"),
    [
        ("Approval cannot be granted without proof of a negative TB screen.", "TB screen"),
        ("Please include the EMG and nerve conduction results with this request.", "EMG"),
        ("Coverage depends on a BMI under 40 documented in the last 30 days.", "BMI under 40"),
        ("Per medical policy the file must include a psychological evaluation.", "psychological"),
        ("Your policy asks for a glucose log covering 30 days; it is enclosed.", "glucose log"),
        ("The carrier needs measurable functional goals for this service.", "functional goals"),
        ("The insurer needs an ultrasound that did not explain the pain.", "ultrasound that"),
    ],
)
def test_a_requirement_is_an_obligation_with_evidence(sentence: str, wanted: str) -> None:
    found = find_obligations(f"Dear reviewer,\n{sentence}\nThank you.")
    assert len(found) == 1
    assert wanted in found[0].value
    assert not found[0].value.endswith(("with this request", "it is enclosed"))


@pytest.mark.parametrize(
    "sentence",
    [
        "The patient needs help at home and uses a walker.",  # clinical, not the payer's voice
        "Please fax the completed request to 1-800-555-0164.",  # logistics
        "The policy requires documentation for each item below.",  # a pointer to a list
    ],
)
def test_sentences_that_are_not_requirements(sentence: str) -> None:
    assert find_obligations(sentence) == []


def test_a_wrapped_requirement_is_read_whole() -> None:
    text = "The plan requires at least 6 weeks of documented conservative\ntherapy before MRI.\n"
    (found,) = find_obligations(text)
    assert found.value.endswith("therapy before MRI")
    assert text[found.start : found.end].replace("\n", " ") == found.value


@pytest.mark.parametrize(
    ("sentence", "wanted"),
    [
        (
            "For this service, documentation of a failed 6-week trial of therapy is required.",
            "documentation of a failed 6-week trial of therapy",
        ),
        (
            "Per our criteria, a recent A1c under 8% and a BMI below 40 are required.",
            "a recent A1c under 8% and a BMI below 40",
        ),
        ("Office notes from the last 90 days must be submitted.", "Office notes from the last"),
        ("The sleep study report was not received with the request.", "The sleep study report"),
        (
            "Also, a signed attestation of tobacco cessation must be on file.",
            "a signed attestation",
        ),
    ],
)
def test_a_requirement_with_its_object_first(sentence: str, wanted: str) -> None:
    (found,) = find_obligations(f"Dear provider,\n{sentence}\nRegards.")
    assert found.value.startswith(wanted)


@pytest.mark.parametrize(
    "sentence",
    [
        "An MRI is needed to evaluate the nerve root.",  # the clinician's plan, no document
        "Surgery is required to stabilize the fracture.",
        "Labs were not drawn at the visit.",
    ],
)
def test_clinical_sentences_with_the_object_first_are_not_requirements(sentence: str) -> None:
    assert find_obligations(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "wanted"),
    [
        (
            "Please make sure the operative plan and recent imaging report are included.",
            "the operative plan and recent imaging report",
        ),
        (
            "Progress notes documenting the trial of gabapentin should accompany the request.",
            "Progress notes documenting the trial of gabapentin",
        ),
    ],
)
def test_the_opening_of_a_clause_is_not_part_of_the_requirement(sentence: str, wanted: str) -> None:
    (found,) = find_obligations(sentence)
    assert found.value == wanted


def test_a_pend_letters_list_of_missing_items_is_requirements() -> None:
    text = (
        "Your request is pended.\nMissing information:\n- office notes from the last 6 months\n"
        "- a report of the prior EMG\n\nThank you.\n"
    )
    found = find_requirements(text, Layout(text))
    assert [r.value for r in found] == [
        "office notes from the last 6 months",
        "a report of the prior EMG",
    ]
