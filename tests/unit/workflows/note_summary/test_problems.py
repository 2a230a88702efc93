import pytest

from clinllm.workflows.note_summary.rules import recognize


def _codes(text: str) -> set[str]:
    return {p.code for p in recognize(text).problems}


@pytest.mark.parametrize(
    ("note", "codes"),
    [
        # Hypertension and CKD in separate items: one combination code plus the stage.
        ("Assessment:\n1. Essential hypertension.\n2. CKD stage 3b.\n", {"I12.9", "N18.32"}),
        # Hypertension with heart failure and CKD: I13.0, the heart failure type and stage.
        (
            "Assessment:\n1. HTN.\n2. Chronic diastolic heart failure.\n3. CKD stage 4.\n",
            {"I13.0", "I50.32", "N18.4"},
        ),
        # Diabetes with a complication is one combination code, never E11.9 + the complication.
        (
            "Assessment:\n1. Type 2 diabetes mellitus.\n2. Peripheral neuropathy.\n",
            {"E11.42"},
        ),
        # "Poorly controlled" diabetes is coded as diabetes with hyperglycemia (I.C.4.a).
        ("A/P: T2DM, poorly controlled - increase metformin.\n", {"E11.65"}),
        # Bilateral with no bilateral code: right and left.
        ("Assessment: Bilateral knee pain.\n", {"M25.561", "M25.562"}),
    ],
)
def test_coding_conventions(note: str, codes: set[str]) -> None:
    assert _codes(note) == codes


def test_negated_and_uncertain_conditions_are_not_problems() -> None:
    note = (
        "Assessment: Costochondritis. PE ruled out by CTA. Possible pericarditis. "
        "No evidence of pneumonia.\n"
    )
    assert _codes(note) == {"M94.0"}


def test_history_only_conditions_are_left_out() -> None:
    note = (
        "HPI: History of atrial fibrillation and gout.\n"
        "Assessment: Acute cystitis with hematuria.\nPlan: nitrofurantoin 100 mg BID.\n"
    )
    assert _codes(note) == {"N30.01"}


def test_every_code_is_billable() -> None:
    from clinllm.codes import icd10cm

    note = "Assessment:\n1. Hypothyroidism.\n2. Vitamin D deficiency.\n3. Hyperlipidemia.\n"
    codes = _codes(note)
    assert codes
    assert all(icd10cm.is_billable(c) for c in codes)


def test_pregnancy_code_gets_weeks_of_gestation() -> None:
    note = "G2P1 at 34w2d.\nAssessment: Preeclampsia with severe features, third trimester.\n"
    assert _codes(note) == {"O14.13", "Z3A.34"}


def test_a_ruled_out_condition_gets_its_code_only_when_unambiguous() -> None:
    from clinllm.workflows.note_summary.merge import merge

    note = "Assessment: Costochondritis. Pulmonary embolism ruled out by CTA. Denies feeling off.\n"
    merged = merge(note, recognize(note))
    by_words = {
        merged.summary.negated[int(k[8:-1])]: code for k, code in merged.negated_codes.items()
    }
    assert by_words.get("Pulmonary embolism") == "I26.99"
    assert "feeling off" not in by_words
