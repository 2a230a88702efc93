from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.narrative import (
    find_justification,
    find_medications,
    find_requirements,
    find_urgency,
)
from clinllm.workflows.prior_auth.obligations import find_conditions, find_obligations
from clinllm.workflows.prior_auth.recognizers import find_codes


@pytest.mark.parametrize(
    "text",
    [
        "Review requested: [ ] Standard  [X] Expedited\n",
        "*** EXPEDITED / URGENT REVIEW REQUESTED ***\n",
        "We request an expedited review of this request.\n",
        "EXPEDITED REVIEW - PLEASE EXPEDITE - MEMBER HOSPITALIZED\n",
    ],
)
def test_expedited_when_the_document_asks(text: str) -> None:
    assert find_urgency(text).value == "expedited"


@pytest.mark.parametrize(
    "text",
    [
        "Review requested: [X] Standard  [ ] Expedited\n",
        "[ ] Urgent  [ ] For review  [X] Please reply\n",
        "Review type: Standard (non-urgent) pre-service\n",
        "Was seen at an urgent care 02/20/2026.\n",
        "Expedited review is available when the standard time frame could jeopardize health.\n",
    ],
)
def test_standard_otherwise(text: str) -> None:
    assert find_urgency(text).value == "standard"


def test_medications_from_fields_descriptors_and_brands() -> None:
    text = (
        "BIOLOGIC FORM (omalizumab, mepolizumab, dupilumab)\n"
        "Requested medication: Humira 40 mg pen\n"
        "HCPCS: J2350 - Injection, ocrelizumab, 1 mg\n"
        "Prior therapy: methotrexate 20 mg weekly\n"
    )
    layout = Layout(text)
    meds = find_medications(text, layout, find_codes(text, layout))
    assert [m.value for m in meds] == ["adalimumab", "ocrelizumab"]


def test_requirements_list_and_requires_clause() -> None:
    text = (
        "Coverage criteria (all must be met for initial approval):\n"
        "  1. Prescribed by or in consultation with a rheumatologist.\n"
        "  2. Negative tuberculosis screening within the past 12 months.\n"
        "\n"
        "Your imaging policy requires at least 6 weeks of documented conservative therapy.\n"
        "SECTION E - PET CRITERIA (check all that apply)\n"
        "[X] Initial staging of a biopsy-proven solid malignancy\n"
        "[ ] Restaging after completion of therapy\n"
    )
    got = [s.value for s in find_requirements(text, Layout(text))]
    assert got == [
        "Prescribed by or in consultation with a rheumatologist",
        "Negative tuberculosis screening within the past 12 months",
        "Initial staging of a biopsy-proven solid malignancy",
        "at least 6 weeks of documented conservative therapy",
    ]


def test_justification_deferred_is_missing() -> None:
    text = (
        "CPT: 97165 OT evaluation\n"
        "Clinical information: see attached notes (to follow under separate cover)\n"
    )
    assert find_justification(text, Layout(text)) is None
    text = (
        "Clinical summary\n"
        "66 y/o female, former smoker. CT chest showed a 3.4 cm spiculated mass; biopsy confirmed\n"
        "adenocarcinoma. PET/CT is required to evaluate mediastinal disease before surgery.\n"
    )
    assert find_justification(text, Layout(text)) is not None


def test_the_plans_criteria_are_not_the_clinicians_justification() -> None:
    text = (
        "Reason for request:\nOffice notes will be faxed.\n\n"
        "Coverage requires a pulmonary function test showing an FEV1 below 50% predicted.\n"
        "Eligibility under the plan's guideline needs a smoking cessation attempt this year.\n"
    )
    assert find_justification(text, Layout(text)) is None
    # The clinician's own facts next to the criteria still count.
    text += "Two exacerbations in the past year despite inhalers; FEV1 41% predicted on exam.\n"
    assert find_justification(text, Layout(text)) is not None


def test_a_payer_notice_about_a_received_request_holds_its_justification() -> None:
    text = (
        "Summit Harbor Health, utilization management\n"
        "We received your request for a sleep study (95810) on April 2. It lacks the ordering\n"
        "clinician's signature. Please return the signed form within 14 days.\n"
    )
    assert find_justification(text, Layout(text)) is not None
    text = text.replace("It lacks the ordering\nclinician's signature", "No clinical notes came")
    assert find_justification(text, Layout(text)) is None


def test_urgent_yes_no_checkbox() -> None:
    assert find_urgency("Is this request urgent? [X] Yes  [ ] No\n").value == "expedited"
    assert find_urgency("Is this request urgent? [ ] Yes  [X] No\n").value == "standard"


def test_dosed_drug_on_a_request_line_but_not_a_dosing_verb() -> None:
    text = (
        "Requested: infliximab (Remicade) 5 mg/kg IV, HCPCS J1745\n"
        "Requested medication: Humira pen, inject 40 mg every other week\n"
        "Prior therapies: methotrexate 15 mg weekly\n"
    )
    layout = Layout(text)
    meds = find_medications(text, layout, find_codes(text, layout))
    assert sorted(m.value for m in meds) == ["adalimumab", "infliximab"]


def test_requirement_with_the_payer_as_subject() -> None:
    text = (
        "Polysomnogram: AHI 31.\nCascade Mutual requires sleep study results showing AHI of 15.\n"
    )
    got = find_requirements(text, Layout(text), ["Cascade Mutual Health"])
    assert [s.value for s in got] == ["sleep study results showing AHI of 15"]


def test_short_clinical_paragraph_counts_as_justification() -> None:
    text = (
        "Item: CPAP device (HCPCS E0601)\n\n"
        "Polysomnogram 02/21/2026: AHI 31 events/hour, nadir SpO2 79%.\n"
        "Symptoms persist despite weight loss; results attached.\n"
    )
    assert find_justification(text, Layout(text)) is not None
    confidential = (
        "\nCONFIDENTIAL: this fax is intended only for the recipient. If received in error, call.\n"
    )
    assert (
        find_justification("Item: CPAP\n" + confidential, Layout("Item: CPAP\n" + confidential))
        is None
    )


def test_urgent_lead_word_on_a_fax() -> None:
    assert find_urgency("URGENT: patient starting chemotherapy 03/20/2026\n").value == "expedited"
    assert find_urgency("Urgent care visit 02/01/2026 for back pain.\n").value == "standard"


@pytest.mark.parametrize(
    ("sentence", "wanted"),
    [
        (
            "Members qualify only with at least 3 months of supervised therapy.",
            "at least 3 months of supervised therapy",
        ),
        (
            "Your policy lists trials of two formulary agents as a condition of coverage.",
            "trials of two formulary agents",
        ),
        ("Eligibility for this device needs an oxygen saturation of 88% or less.", "88% or less"),
    ],
)
def test_a_criterion_in_the_plans_voice_without_an_obligation_verb(
    sentence: str, wanted: str
) -> None:
    text = f"Dana has knee pain.\n{sentence}\n"
    found = [s.value for s in find_requirements(text, Layout(text))]
    assert any(wanted in value for value in found), found


def test_the_clinicians_own_narrative_is_not_a_criterion() -> None:
    text = "She tried two agents for 3 months with little relief.\nWe will see her in 2 weeks.\n"
    assert find_requirements(text, Layout(text)) == []


@pytest.mark.parametrize(
    "line",
    [
        "Stage III colon cancer, CEA 41 on 01/10/2026; starting adjuvant therapy.",
        "Migraine on 18 days a month for over a year; missed work weekly.",
    ],
)
def test_a_line_of_measurements_or_frequencies_is_a_justification(line: str) -> None:
    text = f"Item: CT abdomen (CPT 74177)\nNPI 1245319599  ID HHP204118937\n\n{line}\n"
    assert find_justification(text, Layout(text)) is not None


def test_identifiers_are_not_measurements() -> None:
    text = "Item: CT abdomen (CPT 74177)\n\nNPI 1245319599, ID 5512, DOB 4/5/77, PO 33 today.\n"
    assert find_justification(text, Layout(text)) is None


def test_a_dated_log_entry_or_a_promise_to_send_notes_is_no_justification() -> None:
    text = (
        "Why needed: notes will send once they are typed.\n"
        "Prior treatment: splint fitting done 6 Nov 2025.\n"
    )
    assert find_justification(text, Layout(text)) is None


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "Our coverage rules expect a gait assessment by a therapist.",
            "a gait assessment by a therapist",
        ),
        (
            "To meet criteria the file should show a ferritin level below 30.",
            "a ferritin level below 30",
        ),
        ("The reviewer will look for a hearing test in the chart.", "a hearing test"),
        (
            "Approval hinges on intolerance of two oral triptans.",
            "intolerance of two oral triptans",
        ),
        # the plan or one of its instruments as the subject of a verb of its own
        (
            "The intake checklist names a sleep study with an AHI of 15 or more.",
            "a sleep study with an AHI of 15 or more",
        ),
        (
            "Their plan specifies a visual field test within 90 days.",
            "a visual field test within 90 days",
        ),
    ],
)
def test_a_criterion_after_a_subject_and_its_verb_or_before_in_the_chart(
    sentence: str, phrase: str
) -> None:
    found = find_obligations(sentence)
    found += find_conditions(sentence, [(f.start, f.end) for f in found])
    assert [f.value for f in found] == [phrase]


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan is reviewing the appeal from last year with the records.",
        "Plan: physical therapy twice a week for six weeks.",
    ],
)
def test_the_plan_as_a_name_or_a_heading_states_no_criterion(sentence: str) -> None:
    assert find_conditions(sentence, []) == []


def test_two_criteria_joined_by_and_are_two_requirements() -> None:
    text = "Coverage requires a trial of two triptans and at\nleast 8 weeks of a headache diary."
    assert [f.value for f in find_obligations(text)] == [
        "a trial of two triptans",
        "at least 8 weeks of a headache diary",
    ]
    one = "Coverage requires documented nausea and vomiting for 3 weeks."
    assert [f.value for f in find_obligations(one)] == [
        "documented nausea and vomiting for 3 weeks"
    ]


def test_a_list_in_prose_wrapped_inside_at_least_is_still_split() -> None:
    text = (
        "Your criteria ask for a trial of two triptans and at\nleast 8 weeks of a headache diary.\n"
    )
    found = [r.value for r in find_requirements(text, Layout(text))]
    assert "a trial of two triptans" in found


def test_a_drug_with_its_way_of_giving_before_the_dose_is_requested() -> None:
    # s24 pa2: "infliximab infusion, 5 mg/kg" on the request line.
    text = "Requested service: vedolizumab infusion, 300 mg at weeks 0, 2 and 6\n"
    layout = Layout(text)
    meds = find_medications(text, layout, find_codes(text, layout))
    assert [m.value for m in meds] == ["vedolizumab"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Case type EXPEDITED\n", "expedited"),
        ("== URGENT == the usual review time would harm her\n", "expedited"),
        ("Review type: NON-URGENT\n", "standard"),
        ("[ ] URGENT  [X] ROUTINE\n", "standard"),
    ],
)
def test_a_word_in_capitals_is_a_guess_of_expedited(text: str, value: str) -> None:
    found = find_urgency(text)
    assert found.value == value
    if value == "expedited":
        assert found.span is not None
        assert found.span.confidence < 0.7
