from __future__ import annotations

from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.parties import find_patient, find_payer, find_provider


def test_payer_from_letterhead_and_label_not_from_sender() -> None:
    text = (
        "From: Harborline Sports Medicine     To: Summit Valley Health UM\n"
        "Celeste Ambrosini, MD, Women's Health & Cancer Risk Clinic\n"
    )
    assert find_payer(text)[0].value == "Summit Valley Health"
    caps = "TRI-RIVER COMMUNITY CARE (Medicaid Managed Care)\nForm TRC-UM-22\n"
    assert find_payer(caps)[0].value == "Tri-River Community Care"


def test_provider_without_title_or_credentials_and_blank_npi() -> None:
    text = "Prescriber: Dr. Fiona MacAllister, Neurology (MS Center)      NPI: 1663589962\n"
    (name, npi, blank), *_ = find_provider(text, Layout(text))
    assert name.value == "Fiona MacAllister"
    assert npi is not None
    assert npi.value == "1663589962"
    assert not blank
    text = "Requesting provider: Ines Carvalho, MD, Cardiology        NPI: (not provided)\n"
    (name, npi, blank), *_ = find_provider(text, Layout(text))
    assert (name.value, npi, blank) == ("Ines Carvalho", None, True)


def test_provider_from_signature_block() -> None:
    text = (
        "Dear Reviewer,\nPlease approve.\n\nSincerely,\n\n"
        "Samuel Adeyemi, MD\nPhysical Medicine\nNPI 1224967103\n"
    )
    (name, npi, _), *_ = find_provider(text, Layout(text))
    assert name.value == "Samuel Adeyemi"
    assert npi is not None
    assert npi.value == "1224967103"


def test_patient_presence() -> None:
    name, dob = find_patient("Member name: Hector Guzman\nDate of birth:\nMember ID: X1234\n")
    assert name is not None
    assert dob is None


def test_labelled_payer_without_a_payer_word() -> None:
    (payer, *_) = find_payer("Payer: Veritas        Member ID: VRT-88120-7\n")
    assert payer.value == "Veritas"
    assert payer.confidence >= 0.9


def test_upper_case_letterhead_followed_by_a_title_line() -> None:
    text = "HARBORVIEW COMMUNITY PLAN\nMEDICAL BENEFIT DRUG REQUEST\n"
    assert find_payer(text)[0].value == "Harborview Community Plan"


def test_plan_named_only_in_an_addressee_field() -> None:
    text = "From: Sunrise Oncology   To: Golden State Medi-Cal Plan\nTreatment Plan\n"
    assert [p.value for p in find_payer(text)] == ["Golden State Medi-Cal Plan"]


def test_another_partys_clinician_on_their_own_npi_line_is_not_the_requester() -> None:
    text = (
        "Dear reviewer, please authorize the study below.\n"
        "Primary care: Odile Farnsworth, DO, NPI 1396120440\n\n"
        "Regards,\nNPI: 1174583298\n"
    )
    cands = find_provider(text, Layout(text))
    assert all(name.value != "Odile Farnsworth" for name, _, _ in cands)


def test_the_clinician_a_coordinator_writes_for_is_the_requester() -> None:
    text = (
        "Please review the enclosed request.\n\nKind regards,\n"
        "Scheduling assistant on behalf of Tomasz Wierzbicki, MD\n"
        "NPI 1174583298\n"
    )
    (name, npi, _), *_ = find_provider(text, Layout(text))
    assert name.value == "Tomasz Wierzbicki"
    assert npi is not None
    assert npi.value == "1174583298"
    # Without an NPI the name is still the requester's.
    text = "Thank you,\nFront-desk coordinator for Ilse Marchetti, NP\n"
    (name, npi, _), *_ = find_provider(text, Layout(text))
    assert (name.value, npi) == ("Ilse Marchetti", None)


def test_a_requester_label_holding_only_an_npi_gives_the_npi_without_a_name() -> None:
    text = "Member: Ruth Okonjo\nOrdering clinician: NPI 1174583298\nFacility: Elm Ward\n"
    (name, npi, _), *_ = find_provider(text, Layout(text))
    assert name.value == ""
    assert npi is not None
    assert npi.value == "1174583298"


def test_a_referral_in_the_letters_last_sentence_does_not_hide_the_signature() -> None:
    text = (
        "The result decides between an injection and a surgical\nreferral.\n\n"
        "Sincerely,\n\nTomasz Wierzbicki, MD\nNPI 1174583298\n"
    )
    (name, npi, _), *_ = find_provider(text, Layout(text))
    assert name.value == "Tomasz Wierzbicki"
    assert npi is not None


def test_a_label_naming_the_requesters_role_beside_another_is_the_requesters() -> None:
    # s24 pa2: "Rendering/Ordering", "Referring/ordering provider": one clinician, both roles.
    for label in ("Rendering/Ordering", "Referring/ordering provider"):
        text = f"{label}: Ana Ruiz, MD\nDOB: 01/02/1960\n"
        found = find_provider(text, Layout(text))
        assert found
        assert found[0][0].value == "Ana Ruiz"
    text = "Rendering provider: Ana Ruiz, MD\n"
    assert not find_provider(text, Layout(text))  # the other role alone is not the requester
