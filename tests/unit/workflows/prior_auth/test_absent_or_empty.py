"""Ninth round (issue 16, s26): a field absent, present but empty, or present where few look.

Text written here for each mechanism, with the distractor the mechanism must leave alone: a
grid whose header row and value row a page break splits; a deferral that only names the notes
deferred; a class number before the patient's name; an NPI cell no reader paired with a name;
a diagnosis described before its bracketed code; an undosed drug as what a request asks for;
a blank word in a payer field; the clinician who sends the fax; requirements whose subject is
the document itself; the writer's own request sentence, which states no criterion.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.columns import header_tables
from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.narrative import find_medications
from clinllm.workflows.prior_auth.obligations import find_conditions, find_obligations
from clinllm.workflows.prior_auth.parties import find_payer, rank_providers
from clinllm.workflows.prior_auth.presence import written
from clinllm.workflows.prior_auth.recognizers import find_codes
from clinllm.workflows.prior_auth.rules import recognize
from clinllm.workflows.prior_auth.slots import find_slots, is_blank

from .conftest import Extract

pytestmark = pytest.mark.anyio

NPI = "1245319599"  # passes the check digit
OTHER_NPI = "1457392816"


def _label(cell: str) -> bool:
    return cell in {"Patient", "Birth date", "Member #", "Plan", "Ordering MD", "NPI"}


def _bases(lines: list[str]) -> list[int]:
    out, at = [], 0
    for line in lines:
        out.append(at)
        at += len(line) + 1
    return out


def test_a_header_row_finds_its_values_after_the_page_break() -> None:
    lines = [
        "| Patient | Birth date | Member # |",
        "",
        "- page 1 of 2 -",
        "Request for review (continued)",
        "",
        "| Odile Marchetti | 2/9/1971 | QX5521907 |",
    ]
    text = "\n".join(lines)
    cells, used = header_tables(lines, _bases(lines), _label)
    assert [(c.label, text[c.start : c.end]) for c in cells] == [
        ("Patient", "Odile Marchetti"),
        ("Birth date", "2/9/1971"),
        ("Member #", "QX5521907"),
    ]
    assert used == set(range(6))


def test_a_field_line_between_stops_the_search() -> None:
    lines = ["| Patient | Birth date |", "", "Reason: knee pain", "| a | b |"]
    cells, used = header_tables(lines, _bases(lines), _label)
    assert cells == []
    assert used == set()


def test_a_second_header_row_is_not_the_first_ones_values() -> None:
    lines = ["| Patient | Birth date |", "", "| Plan | Member # |", "| Acme | QX5521907 |"]
    cells, _ = header_tables(lines, _bases(lines), _label)
    assert {c.label for c in cells} == {"Plan", "Member #"}


SPLIT = """Precert form 03/02/2026
| Patient | DOB | Member ID | Health plan |

page 1
Precert form (cont.)

| Odile Marchetti | 02/09/1971 | {member} | Harborview Health Plan |

| Requesting provider | NPI | CPT | ICD-10 | Date of service |
| Maria Okafor, MD | {npi} | 72148 | M54.16 | 03/20/2026 |

Clinical summary: ten weeks of radicular pain down the left leg, failed 6 weeks of PT.
Referring physician: Lee Chan, DO, NPI {other}
"""


async def test_a_split_grid_is_read_and_its_npi_cell_is_the_requesters(extract: Extract) -> None:
    ex, reasons = await extract(SPLIT.format(member="QX5521907", npi=NPI, other=OTHER_NPI))
    assert ex.missing_fields == []
    assert ex.member_id == "QX5521907"
    assert ex.requesting_provider.npi == NPI
    assert reasons  # values read from cells are confirmed by a person


async def test_an_empty_cell_after_the_break_is_missing(extract: Extract) -> None:
    ex, _ = await extract(SPLIT.format(member="N/A", npi=NPI, other=OTHER_NPI))
    assert ex.missing_fields == ["member_id"]
    assert ex.member_id is None


def test_an_npi_cell_that_fails_the_check_digit_is_not_read() -> None:
    c = recognize(SPLIT.format(member="QX5521907", npi="1245319590", other=OTHER_NPI))
    assert c.provider_npi is None or c.provider_npi.value != "1245319590"


@pytest.mark.parametrize(
    "value",
    [
        "Clinical notes to follow under separate cover.",
        "See attached office notes.",
        "Progress notes will be faxed separately.",
    ],
)
def test_a_deferral_that_only_names_the_notes_is_blank(value: str) -> None:
    assert is_blank(value)


@pytest.mark.parametrize(
    "value",
    [
        "Knee pain for 6 months despite PT; see attached notes.",
        "Office notes",  # no deferral: the notes are what is written
        "Failed methotrexate, MRI to follow.",
    ],
)
def test_a_deferral_beside_clinical_words_is_not(value: str) -> None:
    assert not is_blank(value)


async def test_a_deferred_summary_is_a_missing_justification(extract: Extract) -> None:
    text = (
        "Patient: Odile Marchetti  DOB: 02/09/1971\nMember ID: QX5521907\n"
        "Health plan: Harborview Health Plan\nRequesting provider: Maria Okafor, MD\n"
        f"NPI: {NPI}\nCPT: 72148\nICD-10: M54.16\nDate of service: 03/20/2026\n\n"
        "Clinical summary:\nClinical notes to follow under separate cover.\n\n"
        "Documentation must show six weeks of physical therapy below 40 percent relief.\n"
    )
    ex, _ = await extract(text)
    assert ex.missing_fields == ["clinical_justification"]


def test_a_class_number_is_no_other_party_before_the_patient() -> None:
    text = "I ask approval of a group 3 power wheelchair for Odile Marchetti.\n"
    assert written("patient_name", Layout(text))
    assert not written("patient_name", Layout("Referring group for Odile Marchetti.\n"))


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("The diagnosis is unilateral primary osteoarthritis, right knee (M17.11).", "M17.11"),
        ("Her diagnosis is a meniscus tear (posterior horn), right knee (M23.221).", "M23.221"),
    ],
)
def test_a_diagnosis_described_before_its_bracketed_code_is_requested(
    sentence: str, code: str
) -> None:
    text = f"Request for MRI.\n{sentence}\n"
    hits = [h for h in find_codes(text, Layout(text)) if h.code == code]
    assert hits
    assert hits[0].requested


def test_a_past_diagnosis_in_brackets_stays_history() -> None:
    text = "Prior diagnosis was lumbar strain in 2019 (S39.012A), now resolved.\n"
    hits = find_codes(text, Layout(text))
    assert all(not h.requested for h in hits)


def _meds(text: str) -> list[str]:
    layout = Layout(text)
    return [m.value for m in find_medications(text, layout, find_codes(text, layout))]


def test_an_undosed_drug_asked_for_is_a_requested_medication() -> None:
    assert _meds("Service requested: infliximab infusions every 8 weeks\n") == ["infliximab"]
    assert _meds("We request authorization of ustekinumab induction.\n") == ["ustekinumab"]


def test_an_undosed_word_without_a_drug_stem_or_in_history_is_not() -> None:
    assert _meds("Service requested: please see the attached order\n") == []
    assert _meds("Service requested: knee replacement\nHistory: adalimumab, stopped 2024\n") == []


def test_a_blank_word_in_a_payer_field_is_no_plan() -> None:
    for blank in ("N/A", "Pending", "unknown"):
        assert find_payer(f"Health plan: {blank}\nMember ID: QX5521907\n") == []
    assert [p.value for p in find_payer("Payer: Veritas\n")] == ["Veritas"]


def test_the_clinician_who_sends_the_fax_is_a_requester_candidate() -> None:
    text = "FAX\nTo: Utilization Management\nFrom: Maria Okafor, MD\nPages: 2\n"
    ranked = rank_providers(text, Layout(text))
    assert [c[1].value for c in ranked] == ["Maria Okafor"]
    assert ranked[0][1].confidence < 0.7  # a guess a person confirms


@pytest.mark.parametrize(
    ("sentence", "wanted"),
    [
        ("Documentation must show a documented BMI below 40.", "a documented BMI below 40"),
        (
            "Records submitted should include a sleep study report.",
            "a sleep study report",
        ),
        ("Chart notes need to document six weeks of physical therapy.", "six weeks of physical"),
    ],
)
def test_a_document_told_what_to_hold_states_a_requirement(sentence: str, wanted: str) -> None:
    found = [sp.value for sp in find_obligations(sentence)]
    assert found
    assert found[0].startswith(wanted)


def test_before_review_is_not_part_of_the_requirement() -> None:
    found = find_obligations("We will need a current eye exam before review.")
    assert [sp.value for sp in found] == ["a current eye exam"]


def test_the_writers_own_request_is_not_a_criterion() -> None:
    text = "I am requesting authorization of an MRI of the lumbar spine for our patient."
    assert find_conditions(text, []) == []
    assert find_obligations(text) == []


def test_a_slot_of_a_split_grid_has_its_field() -> None:
    slots = find_slots(SPLIT.format(member="QX5521907", npi=NPI, other=OTHER_NPI))
    assert [s.filled for s in slots["member_id"]] == [True]
    assert [s.filled for s in slots["requesting_provider_npi"]] == [True]


def test_hyphenated_capitals_and_a_bare_number_are_part_of_a_drug_name() -> None:
    assert _meds("Drug: hylan G-F 20 (Synvisc-One) 48 mg, right knee\n") == ["hylan g-f 20"]
    assert _meds("Drug: adalimumab 40 mg every other week\n") == ["adalimumab"]


def test_a_deferral_to_be_faxed_separately_is_blank() -> None:
    assert is_blank("to be faxed separately.")
    assert not is_blank("Pain for 3 months; MRI to be faxed separately.")


async def test_a_line_stating_the_dx_code_is_no_justification(extract: Extract) -> None:
    text = (
        "Hi team, please submit a prior authorization for my patient Odile Marchetti.\n"
        "DOB 02/09/1971, insured by Harborview Health Plan, member ID QX5521907.\n"
        "She is booked for a rotator cuff repair on 03/20/2026.\n"
        "CPT/HCPCS 29827.\n"
        "Dx complete rotator cuff tear of the left shoulder, M75.122.\n"
        "Clinical notes: to be faxed separately.\n\n"
        f"Maria Okafor, MD\nNPI {NPI}\n"
    )
    ex, _ = await extract(text)
    assert "clinical_justification" in ex.missing_fields
