"""Follow-up, red flags and medication changes in the notes_fu probe's shapes (s27).

Shorthand spelled out, unbulleted step lists, next-step headers, NICE NG51 bedside limits,
blood in the stool by colour, a suicide plan as the act, brands the drug package lacks,
drug names in Spanish, Spanish plan verbs, and a line that opens with its own drug.
"""

from __future__ import annotations

import pytest

from clinllm.codes.drugs import find_drugs
from clinllm.workflows.note_summary.context import analyze
from clinllm.workflows.note_summary.followup import find_follow_up, find_red_flags, spelled_out
from clinllm.workflows.note_summary.medications import find_medication_changes
from clinllm.workflows.note_summary.sections import find_sections


def _follow(text: str) -> list[str]:
    return [p.text for p in find_follow_up(text, find_sections(text), analyze(text))]


def _flags(text: str) -> list[str]:
    return [p.text for p in find_red_flags(text, analyze(text))]


def _changes(text: str) -> set[tuple[str, str]]:
    return {(m.name, m.action) for m in find_medication_changes(text, find_sections(text))}


@pytest.mark.parametrize(
    ("said", "spelled"),
    [
        ("RTC 3 wks", "RTC (return to clinic) 3 wks"),
        ("see me after the echo", "see me (return visit) after the echo (echocardiogram)"),
        ("f/u PCP 1-2 wks", "f/u (follow-up) PCP (primary care) 1-2 wks"),
        ("referred to GI", "referred to GI (gastroenterology)"),
        ("us of the kidneys", "us of the kidneys"),  # "us" in lower case is the word
        ("Repeat echocardiogram", "Repeat echocardiogram"),
    ],
)
def test_shorthand_is_spelled_out_after_the_notes_word(said: str, spelled: str) -> None:
    assert spelled_out(said) == spelled


def test_an_unbulleted_list_of_steps_is_one_item_per_line() -> None:
    text = "Plan:\nRTC 3 wks\nPhysical therapy twice a week - order placed\nlabs in 1 week\n"
    got = _follow(text)
    assert got[0] == "RTC (return to clinic) 3 wks"
    assert len(got) == 3


def test_a_wrapped_paragraph_stays_one_item() -> None:
    text = (
        "Plan: cardiology clinic in 3 months with repeat 14-day monitor beforehand and a\n"
        "Holter if the palpitations come back before then.\n"
    )
    assert len(_follow(text)) == 1


def test_next_steps_and_coordination_headers_hold_follow_up() -> None:
    text = (
        "Orders received from MD this visit:\n  Continue Keflex\nCoordination:\n"
        "  Come back to see Dr. Varga in one month\nNext steps:\n"
        "Mammogram is due - please book it\n"
    )
    got = " | ".join(_follow(text))
    assert "Come back (return visit) to see Dr. Varga" in got
    assert "Mammogram is due" in got


@pytest.mark.parametrize(
    "said",
    ["HR 134 on arrival", "RR 26, labored", "SpO2 91% on room air", "lactate 3.1 mmol/L"],
)
def test_nice_high_risk_bedside_values_are_red_flags(said: str) -> None:
    assert _flags(f"Exam: {said}.") != []


@pytest.mark.parametrize("said", ["HR 118", "RR 22", "SpO2 93%", "lactate 1.8"])
def test_values_below_the_high_risk_limits_are_not(said: str) -> None:
    assert _flags(f"Exam: {said}.") == []


def test_blood_in_the_stool_and_a_stated_suicide_plan_are_red_flags() -> None:
    assert _flags("Passing maroon stools with dizziness on standing.") != []
    assert _flags("Pt told the nurse he plans to shoot himself this weekend.") != []
    assert _flags("Go to the ER for maroon stools or vomiting blood.") == []  # precaution


def test_brands_the_package_lacks_and_spanish_names_are_drugs() -> None:
    text = "Keflex, Augmentin, Norco; cont losartán, amlodipino 5 mg, metformina"
    assert [m.generic for m in find_drugs(text)] == [
        "cephalexin",
        "amoxicillin-clavulanate",
        "hydrocodone-acetaminophen",
        "losartan",
        "amlodipine",
        "metformin",
    ]


def test_a_spanish_name_is_reported_by_its_generic_and_spanish_verbs_act() -> None:
    text = "Plan:\n- Continuar losartán 50 mg sin cambios.\n- Suspender ibuprofeno.\n"
    assert _changes(text) == {("losartan", "continued"), ("ibuprofen", "stopped")}


def test_a_line_opening_with_its_drug_keeps_its_own_marker() -> None:
    text = "Orders:\n  lower Keflex to 250 mg\n  sertraline - same dose\n"
    assert _changes(text) == {("cephalexin", "dose_changed"), ("sertraline", "continued")}
