"""Mechanisms added for notes in styles the first rules were not written against.

Each test is a short synthetic note in one style (dictation, dense abbreviations, SOAP, EHR
export); the expectation is the coding or reading a clinician would make.
"""

from __future__ import annotations

from clinllm.workflows.note_summary.context import analyze
from clinllm.workflows.note_summary.followup import find_red_flags
from clinllm.workflows.note_summary.rules import recognize


def _codes(text: str) -> set[str]:
    return {p.code for p in recognize(text).problems}


def _actions(text: str) -> dict[str, str]:
    return {m.name: m.action for m in recognize(text).medications}


def test_a_dictated_change_outranks_the_history_mention_of_the_same_drug() -> None:
    note = (
        "Seen today. Takes losartan 50 mg and simvastatin 20 mg. "
        "The first problem is essential hypertension. "
        "Plan: Change losartan from 50 mg to 100 mg. Simvastatin - discontinued.\n"
    )
    assert _actions(note) == {"losartan": "dose_changed", "simvastatin": "stopped"}
    assert "I10" in _codes(note)


def test_dash_bullets_end_a_problem_clause_and_carry_their_verbs() -> None:
    note = (
        "Imp/Plan:\n1. gout\n2. hypothyroidism\n  -dc allopurinol\n  -incr levothyroxine to "
        "75 mcg\n  -cont omeprazole 20 mg\n"
    )
    assert _codes(note) == {"M10.9", "E03.9"}
    assert _actions(note) == {
        "allopurinol": "stopped",
        "levothyroxine": "dose_changed",
        "omeprazole": "continued",
    }


def test_no_change_is_continued_not_a_dose_change() -> None:
    assert _actions("Plan:\n- Albuterol 2 puffs - continue, no change.\n") == {
        "albuterol": "continued"
    }


def test_ckd_stage_without_the_word_stage_is_the_additional_code() -> None:
    assert _codes("Assessment: type 2 diabetes with diabetic CKD 3b.\n") == {"E11.22", "N18.32"}


def test_hypertension_inside_a_heart_failure_clause_makes_the_combination_code() -> None:
    codes = _codes("ASSESSMENT: hypertensive heart disease with chronic systolic heart failure.\n")
    assert {"I11.0", "I50.22"} <= codes
    assert "I10" not in codes


def test_a_finding_assessed_on_its_own_is_kept_and_one_in_a_detail_is_not() -> None:
    assert _codes("A: acute pharyngitis; prediabetes.\n") == {"J02.9", "R73.03"}
    detail = "Assessment:\n1. Hypertensive CKD stage 3a - BP above goal; albuminuria.\n"
    assert "R80.9" not in _codes(detail)


def test_a_family_history_list_ends_at_its_sentence() -> None:
    note = "FHx: lupus in father. Labs: K 7.1, Na 139.\nAssessment: hyperkalemia.\n"
    assert "M32.9" not in _codes(note)
    flags = [f.text for f in find_red_flags(note, analyze(note))]
    assert any("7.1" in f for f in flags)


def test_a_red_flag_quotes_its_clause_but_keeps_its_own_scope() -> None:
    note = "2. Atrial fibrillation with RVR, rate 150.\nExam: no distress but SpO2 83% on RA.\n"
    flags = [f.text for f in find_red_flags(note, analyze(note))]
    assert "Atrial fibrillation with RVR" in flags
    assert any(f.startswith("SpO2 83%") for f in flags)
    denied = "Denies chest pain with RVR.\n"
    assert find_red_flags(denied, analyze(denied)) == []
