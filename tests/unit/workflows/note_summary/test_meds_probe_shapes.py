"""Medication, follow-up and red-flag shapes of the s26-meds round (synthetic sentences, in
wordings other than the notes_meds probe's)."""

from __future__ import annotations

from clinllm.workflows.note_summary.context import analyze
from clinllm.workflows.note_summary.followup import find_follow_up
from clinllm.workflows.note_summary.rules import recognize
from clinllm.workflows.note_summary.sections import find_sections


def _changes(text: str) -> dict[str, str]:
    return {m.name: m.action for m in recognize(text).medications}


def test_a_line_that_opens_with_its_drug_takes_its_own_marker_not_the_line_above() -> None:
    note = (
        "ASSESSMENT: hypertension\n"
        "ORDERS:\n"
        "LISINOPRIL 20 MG TAB - ONCE DAILY (STOPPED)\n"
        "CHLORTHALIDONE 12.5 MG TAB - ONCE DAILY (NEW)\n"
        "ROSUVASTATIN 10 MG TAB - AT NIGHT (CONTINUED)\n"
    )
    assert _changes(note) == {
        "lisinopril": "stopped",
        "chlorthalidone": "started",
        "rosuvastatin": "continued",
    }


def test_a_header_naming_medication_changes_is_the_plans() -> None:
    note = "Dx: gout\nChanges to your medicines:\nallopurinol 100 mg daily - new\n"
    kinds = [s.kind for s in find_sections(note)]
    assert "plan" in kinds
    assert _changes(note) == {"allopurinol": "started"}


def test_an_arrow_before_the_drug_is_a_dose_change() -> None:
    note = "Plan:\n- \u2193 glipizide to 2.5 mg for lows.\n- \u2191 sertraline to 150 mg.\n"
    assert _changes(note) == {"glipizide": "dose_changed", "sertraline": "dose_changed"}


def test_a_combination_with_an_abbreviated_part_is_one_product_in_prose_and_in_a_table() -> None:
    prose = "Plan: Start lisinopril-HCTZ 20-12.5 mg daily.\n"
    assert _changes(prose) == {"lisinopril-hydrochlorothiazide": "started"}
    table = (
        "Plan: as below\n"
        "Drug | Sig | Status\n"
        "triamterene-HCTZ | 37.5-25 mg daily | stop\n"
        "ASA | 81 mg daily | continue\n"
    )
    assert _changes(table) == {
        "triamterene-hydrochlorothiazide": "stopped",
        "aspirin": "continued",
    }


def test_an_evaluation_order_is_a_follow_up_item() -> None:
    note = "Plan:\n- OT eval for home safety\n- speech eval\n"
    got = [p.text for p in find_follow_up(note, find_sections(note), analyze(note))]
    assert got == [
        "OT (occupational therapy) eval (evaluation) for home safety",
        "speech eval (evaluation)",
    ]
