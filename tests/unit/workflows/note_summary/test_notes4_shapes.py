"""Note shapes from the notes4 probe round (s25-notes): dense lists, printed codes, titrations.

Each test is written in wordings other than the probe's (``scripts/synth/notes4_*.py``).
"""

import pytest

from clinllm.workflows.note_summary.lexicon import expand
from clinllm.workflows.note_summary.rules import recognize


def _codes(text: str) -> set[str]:
    return {p.code for p in recognize(text).problems}


def _changes(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.name: (m.action, m.dose) for m in recognize(text).medications}


def _flags(text: str) -> list[str]:
    return [f.text for f in recognize(text).red_flags]


def test_each_part_of_a_comma_list_of_diagnoses_is_coded() -> None:
    # The whole line once coded only its first diagnosis (I10).
    codes = _codes("Assessment: GERD, hypertension, gout\nPlan: as below\n")
    assert codes == {"K21.9", "I10", "M10.9"}


def test_a_list_with_ckd_and_diabetes_gets_its_combination_codes() -> None:
    codes = _codes("Impression: DM2 w/ nephropathy, HTN, CKD stage 3b\n")
    assert {"E11.22", "I12.9", "N18.32"} <= codes
    assert "I10" not in codes


def test_parts_that_only_qualify_the_diagnosis_add_nothing() -> None:
    # "recurrent" and "severe" code nothing on their own; "MDD" is what F33.2 already says.
    assert _codes("Assessment: MDD, recurrent, severe\n") == {"F33.2"}
    # The organism of the clause's infection is its additional code, not a pneumonia.
    assert _codes("Assessment: cystitis, urine culture E. coli\n") == {"N30.90", "B96.20"}


def test_indented_lines_of_an_export_are_one_diagnosis_each() -> None:
    note = "PROBLEMS ADDRESSED:\n  Hyperlipidemia\n  Hypothyroidism\n  Obstructive sleep apnea\n"
    assert _codes(note) == {"E78.5", "E03.9", "G47.33"}


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("anxiety [F411]", "F41.1"),  # the words alone give F41.9
        ("neuropathy due to type 2 diabetes (ICD-10: E1142)", "E11.42"),
        ("hyperlipidemia [E78.]", "E78.5"),  # a partial code narrows to its own codes
    ],
)
def test_a_printed_code_the_words_support_decides(line: str, code: str) -> None:
    assert code in _codes(f"Assessment:\n{line}\n")


def test_a_printed_code_the_words_do_not_support_is_ignored() -> None:
    # A mistyped code for another disease: the words are coded, the code is not taken.
    assert _codes("Assessment:\nhypothyroidism [K219]\n") == {"E03.9"}


def test_a_bmi_value_next_to_obesity_gets_its_adult_code() -> None:
    assert _codes("Assessment: severe obesity; BMI of 47\n") == {"E66.01", "Z68.42"}
    assert _codes("Assessment: obesity, BMI 33.4\n") >= {"Z68.33"}
    # Without a diagnosis that asks for it, the BMI is not coded (guideline I.B.14).
    assert not any(c.startswith("Z68") for c in _codes("Assessment: GERD. BMI 41.\n"))


def test_an_unspecified_code_stays_next_to_a_sibling_of_another_parent() -> None:
    # E11.40 (neuropathy, unspecified) and E11.22 (CKD) are two complications, not one
    # diagnosis at two levels of detail.
    codes = _codes("Assessment: T2DM with neuropathy; diabetic CKD stage 2\n")
    assert {"E11.40", "E11.22", "N18.2"} <= codes


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("hypoK", "hypokalemia"),
        ("hyperthyroid", "thyrotoxicosis"),
        ("anxiety d/o", "anxiety disorder"),
        ("B12 def", "B12 deficiency"),
        ("asthma, mod persistent", "asthma, moderate persistent"),
        ("COPD exacerb", "exacerbation"),
        ("PAF", "paroxysmal atrial fibrillation"),
        ("DM c/b gastroparesis", "with gastroparesis"),
        ("L lower leg cellulitis", "left lower"),
    ],
)
def test_shorthand_is_written_in_the_code_set_words(said: str, words: str) -> None:
    assert words in expand(said)


def test_morbid_obesity_is_the_index_default_e66_01() -> None:
    assert _codes("Assessment: morbid obesity\n") == {"E66.01"}


def test_a_new_dose_after_the_drug_is_a_titration_not_a_start() -> None:
    note = "Meds: citalopram 10 mg\nPlan:\n- citalopram up to 20 mg\n- ibuprofen up to 600 mg prn\n"
    changes = _changes(note)
    assert changes["citalopram"] == ("dose_changed", "20 mg")
    assert changes["ibuprofen"][0] == "started"  # "up to ... prn" is a ceiling


def test_a_systolic_pressure_alone_and_si_with_a_plan_are_red_flags() -> None:
    assert any("SBP 82" in f for f in _flags("Vitals: SBP 82, HR 96.\n"))
    assert any("SI with a plan" in f for f in _flags("MSE: endorses SI with a plan.\n"))
    assert not _flags("Vitals: SBP 128.\n")


def test_an_indented_line_that_carries_on_the_sentence_is_no_new_clause() -> None:
    note = "Assessment:\n1. Essential hypertension - above goal with\n   proteinuria on the UA.\n"
    assert _codes(note) == {"I10"}
