"""Note shapes from the notes3 probe round (s24-notes2): tables, instruction lists, headers.

Each test is written in wordings other than the probe's; each fails without its mechanism.
"""

import pytest

from clinllm.workflows.note_summary.lexicon import expand
from clinllm.workflows.note_summary.medtable import find_table_rows
from clinllm.workflows.note_summary.rules import recognize
from clinllm.workflows.note_summary.sections import find_sections


def _changes(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.name: (m.action, m.dose) for m in recognize(text).medications}


def _codes(text: str) -> set[str]:
    return {p.code for p in recognize(text).problems}


def test_a_reconciliation_table_row_takes_its_own_status() -> None:
    note = (
        "Assessment: essential hypertension.\n"
        "Med reconciliation:\n"
        "Drug | Home dose | Action | Dose now\n"
        "metoprolol tartrate | 25 mg | Discontinued | -\n"
        "lisinopril | 10 mg | Continue | 10 mg\n"
        "atorvastatin | - | Added | 40 mg\n"
        "metformin | 500 mg | Adjusted | 1000 mg\n"
    )
    assert _changes(note) == {
        "metoprolol tartrate": ("stopped", None),
        "lisinopril": ("continued", "10 mg"),
        "atorvastatin": ("started", "40 mg"),
        "metformin": ("dose_changed", "1000 mg"),
    }


def test_a_table_without_a_status_column_is_read_from_before_and_after() -> None:
    note = (
        "Medication\tPrevious\tUpdated\n"
        "hydrochlorothiazide\t25 mg\t-\n"
        "amlodipine\t5 mg\t10 mg\n"
        "tamsulosin\tnone\t0.4 mg\n"
    )
    rows = find_table_rows(note)
    assert [(r.action, r.dose) for r in rows] == [
        ("stopped", None),
        ("dose_changed", "10 mg"),
        ("started", "0.4 mg"),
    ]


def test_a_meds_header_listing_instructions_is_the_plan() -> None:
    note = (
        "A/P:\n#1 type 2 diabetes mellitus without complications\n"
        "Medications:\n- begin pioglitazone 15 mg\n- discontinue glyburide\n"
    )
    assert _changes(note) == {
        "pioglitazone": ("started", "15 mg"),
        "glyburide": ("stopped", None),
    }


def test_a_home_medication_list_is_still_the_prior_regimen() -> None:
    note = "Home medications: cetirizine 10 mg daily.\nPlan: start tamsulosin 0.4 mg.\n"
    assert _changes(note) == {"tamsulosin": ("started", "0.4 mg")}


def test_a_bullet_dash_does_not_join_two_drugs_into_a_combination() -> None:
    note = "Plan:\n- stop warfarin\n- digoxin held\n"
    assert _changes(note) == {"warfarin": ("stopped", None), "digoxin": ("stopped", None)}


@pytest.mark.parametrize(
    "header", ["Problem list (not addressed today)", "Chronic problems - inactive"]
)
def test_a_problem_list_the_header_says_was_not_addressed_is_history(header: str) -> None:
    note = f"Clinic visit\n{header}: gout, hypothyroidism\nAssessment: acute bronchitis\n"
    assert [s.kind for s in find_sections(note)][1:2] == ["history"]
    assert "E03.9" not in _codes(note)


def test_dispo_is_a_follow_up_header() -> None:
    assert [s.kind for s in find_sections("Dispo: home, PCP in 1 week\n")] == ["followup"]


@pytest.mark.parametrize(
    ("said", "side"),
    [
        ("R shoulder pain", "right shoulder"),
        ("Lt. ankle sprain", "left ankle"),
        ("abscess LUE", "left upper limb"),
        ("edema RLE", "right lower limb"),
        ("vit B12 deficiency", "vitamin B12"),
    ],
)
def test_side_and_vitamin_abbreviations_are_expanded(said: str, side: str) -> None:
    assert side in expand(said)


def test_a_limb_abbreviation_codes_to_its_own_side() -> None:
    assert "L03.114" in _codes("Assessment: cellulitis LUE\n")
