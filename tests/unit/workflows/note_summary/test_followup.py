"""Follow-up items and red flags read from a note's structure (synthetic sentences)."""

from __future__ import annotations

from clinllm.workflows.note_summary.context import analyze
from clinllm.workflows.note_summary.followup import find_follow_up, find_red_flags
from clinllm.workflows.note_summary.sections import find_sections


def _follow(text: str) -> list[str]:
    return [p.text for p in find_follow_up(text, find_sections(text), analyze(text))]


def _flags(text: str) -> list[str]:
    return [p.text for p in find_red_flags(text, analyze(text))]


def test_an_initial_or_a_title_does_not_end_the_item() -> None:
    got = _follow(
        "Plan:\n- Repeat EGD - 8 weeks. H. pylori biopsy result.\n- See Dr. Okafor in 2 weeks."
    )
    assert "H. pylori biopsy result" in got
    assert "See Dr. Okafor in 2 weeks" in got


def test_a_unit_after_a_number_still_ends_the_sentence() -> None:
    got = _follow(
        "Plan: Increase sumatriptan to 100 mg, may repeat in 2 h. Headache log review in 3 months."
    )
    assert "Headache log review in 3 months" in got


def test_a_bare_duration_closing_an_item_is_its_time() -> None:
    text = "Plan: fasting lipids 8 wks; colonoscopy 3 mo"
    found = find_follow_up(text, find_sections(text), analyze(text))
    assert [(p.text, p.when) for p in found] == [
        ("fasting lipids 8 wks", "8 wks"),
        ("colonoscopy 3 mo", "3 mo"),
    ]


def test_every_item_of_a_follow_up_section_is_one_and_a_word_broken_at_a_line_end_is_read() -> None:
    got = _follow("FOLLOW-UP:\n- PSA before next visit.\n- Post-void residual in 6 wee-\nks.\n")
    assert got == ["PSA before next visit", "Post-void residual in 6 weeks"]


def test_a_line_under_the_last_problem_is_an_item_of_its_own() -> None:
    text = "A/P:\n#1 Influenza A\n  - new oseltamivir 75 mg\nRTC 6 wk\n"
    assert "RTC (return to clinic) 6 wk" in _follow(text)


def test_bullets_and_later_sentences_under_a_problem_are_plan_items() -> None:
    text = (
        "Assessment and Plan:\n1. Parkinson disease - Initiate carbidopa-levodopa. Physical "
        "therapy. Neurology follow-up - 3 months.\n2. Pneumonia\n  - Blood cultures.\n"
    )
    got = _follow(text)
    assert {"Physical therapy", "Blood cultures"} <= set(got)
    assert not any(g.startswith("Parkinson") for g in got)


def test_a_condition_on_an_order_keeps_it_and_a_ruled_out_test_line_does_not() -> None:
    text = (
        "A/P:\n1. Radiculopathy\n  - MRI lumbar spine if not improved in 6 wk\n"
        "  - ACS ruled out (normal ECG)\n"
    )
    got = _follow(text)
    assert "MRI lumbar spine if not improved in 6 wk" in got
    assert not any("ACS" in g for g in got)


def test_a_result_in_hand_is_not_an_order() -> None:
    text = "A/P:\n1. Diabetes, uncontrolled. A1c 9.8% today. Repeat A1c in 3 months.\n"
    got = _follow(text)
    assert "Repeat A1c in 3 months" in got
    assert not any(g.startswith("A1c 9.8") for g in got)


def test_an_inline_plan_of_a_dictation_is_where_the_items_are() -> None:
    text = (
        "Dictation begins. Seen today, age 50. Labs: LDL 96. Impression is viral URI. "
        "Plan: Increase varenicline to 1 mg. Quitline referral. Fasting lipids 8 wks. "
    )
    assert _follow(text) == ["Quitline referral", "Fasting lipids 8 wks"]


def test_a_sentence_after_a_value_is_out_of_the_values_scope() -> None:
    # "urine Na 52. SIADH is possible" once made the sodium of the sentence before "possible".
    text = "Course: Na 116 mmol/L, serum osmolality 248, urine Na 52. SIADH is possible."
    assert _flags(text) == ["Na 116 mmol/L"]


def test_adult_hypotension_and_hypothermia_are_red_flags_and_t2dm_is_not_a_temperature() -> None:
    assert _flags("67 yo man. BP 82/48, HR 118. T2DM.") == ["BP 82/48"]
    assert _flags("Exam: T 34.2 C, BP 120/80.") == ["T 34.2 C"]
    assert _flags("T 101.5, T2DM, seen in 4 weeks") == []
    assert _flags("4 yo child, BP 82/48.") == []


def test_a_red_flag_clause_runs_on_over_a_wrapped_line() -> None:
    # The diagnosis the finding is about sits on the line before, in the same sentence.
    text = (
        "Assessment:\n1. Severe (calcific) aortic stenosis - NYHA II-III symptoms and\n"
        "   exertional presyncope.\n2. Essential hypertension."
    )
    assert _flags(text) == ["aortic stenosis - NYHA II-III symptoms and exertional presyncope"]


def test_a_new_line_that_opens_an_item_still_ends_the_clause() -> None:
    text = "Exam: syncope at triage\nHypertension, on losartan."
    assert _flags(text) == ["syncope at triage"]


def test_any_fever_in_a_young_infant_is_a_red_flag_quoted_with_the_age() -> None:
    assert _flags("Patient: baby boy, age 6 weeks.\nExam: T 38.7 C rectal, HR 176.") == [
        "T 38.7 C rectal (age 6 weeks)"
    ]
    assert _flags("A 3-week-old infant. Temp 38.2 C.") == ["Temp 38.2 C (3-week-old)"]
    # Not in an older child, and a duration is not an age.
    assert _flags("A 4-year-old boy. T 38.7 C.") == []
    assert _flags("Fever for 2 weeks in a 34 yo. T 38.7 C.") == []


def test_a_quantity_with_no_is_not_a_negation_of_the_findings_after_it() -> None:
    text = "S: 4 nights with almost no sleep, spent $9,000 online, drove at 100 mph."
    flags = " | ".join(_flags(text))
    assert "no sleep" in flags
    assert "$9,000" in flags
    assert "100 mph" in flags


def test_a_critical_value_is_quoted_with_its_clause_and_judged_on_its_last_value() -> None:
    # How a value is read (names, linking words, units, scales) is tests/unit/domain/test_labs.py.
    assert _flags("Hgb dropped to 6.4 overnight.") == ["Hgb dropped to 6.4 overnight"]
    assert _flags("Glucose >600 on the meter.") == ["Glucose >600 on the meter"]
    assert _flags("Sodium rose from 116 to 131.") == []
    assert _flags("platelets 12,000") == ["platelets 12,000"]
    assert _flags("platelets 212,000") == []
    # A dose is no value: "penicillin V potassium 500 mg" once read as a potassium of 500.
    assert _flags("Start penicillin V potassium 500 mg twice daily x 10 days.") == []


def test_symptoms_alarming_together_are_a_red_flag_and_not_when_denied() -> None:
    text = "Chest pressure since 04:30, radiating to the left arm, with diaphoresis and nausea."
    assert _flags(text) == [
        "Chest pressure since 04:30, radiating to the left arm, with diaphoresis and nausea"
    ]
    assert _flags("Chest pain, denies diaphoresis.") == []
    assert _flags("Return for chest pain with diaphoresis.") == []
    assert _flags("Describes the worst headache of her life at 06:00.") != []
    assert _flags("Preeclampsia (severe-range BP, persistent headache, visual\ndisturbance).") != []


def test_values_are_judged_by_the_shared_readers_alert_limits() -> None:
    got = " | ".join(
        _flags(
            "Labs: creatinine 2.9 mg/dL (baseline 0.9). K 6.0. CA 19-9 of 450. Hb 62 g/L. Na 123."
        )
    )
    assert "creatinine 2.9 mg/dL" in got
    assert "K 6.0" in got
    assert "Hb 62 g/L" in got
    assert "Na 123" in got
    assert "19-9" not in got  # a tumour marker, not a calcium of 19


def test_a_severe_range_pressure_is_a_red_flag_and_a_merely_high_one_is_not() -> None:
    assert any("BP 168/112" in f for f in _flags("BP 168/112 at triage."))
    assert _flags("BP 164/92 at triage.") == []


def test_a_value_marked_critical_is_quoted_from_its_name() -> None:
    got = _flags("Labs: K 6.8 mmol/L (CRITICAL, repeat 6.7), Na 134.")
    assert "K 6.8 mmol/L (CRITICAL, repeat 6.7)" in got
    assert not any(f.startswith("8 mmol") for f in got)


def test_a_value_marked_critical_is_quoted_without_the_values_before_it() -> None:
    got = _flags("Labs: Hgb 12.9, K 3.9, Na 141, K 7.1 (critical).")
    assert "K 7.1 (critical)" in got
    assert not any("Na 141" in f for f in got)
