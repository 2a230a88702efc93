"""Where a problem's clause starts and ends, and what scope reaches into it (synthetic notes)."""

from clinllm.workflows.note_summary.rules import recognize


def _codes(text: str) -> set[str]:
    return {p.code for p in recognize(text).problems}


def test_hash_numbered_items_without_a_dot_are_separate_problems() -> None:
    note = (
        "A/P:\n#1 Essential hypertension\n  - continue amlodipine 5 mg\n"
        "#2 Hypothyroidism\n  - levothyroxine unchanged\n"
    )
    assert _codes(note) == {"I10", "E03.9"}


def test_each_table_row_is_its_own_clause_and_a_negation_stops_at_the_cell() -> None:
    note = (
        "ENCOUNTER DIAGNOSES\n  Diagnosis | Rank | Status\n"
        "  Migraine without aura | Primary | Active\n"
        "  Acute cystitis | Secondary | Active\n"
        "  Hypothyroidism | Secondary | Active\n"
    )
    assert _codes(note) == {"G43.009", "N30.00", "E03.9"}


def test_sentences_after_a_dash_detail_belong_to_the_item_not_new_problems() -> None:
    note = (
        "Assessment and Plan:\n1. Hypothyroidism - levothyroxine increased to 100 mcg. "
        "Vitamin D 1000 IU - continue. Weight check in 4 weeks.\n"
    )
    assert _codes(note) == {"E03.9"}


def test_an_abbreviated_genus_does_not_end_the_clause_and_the_organism_is_added() -> None:
    note = "Assessment: Acute cystitis due to E. coli. Plan: nitrofurantoin.\n"
    assert _codes(note) == {"N30.00", "B96.20"}


def test_a_condition_not_suspected_is_not_a_problem() -> None:
    note = "Assessment: Costochondritis. Pulmonary embolism is not suspected.\n"
    assert _codes(note) == {"M94.0"}


def test_hypertension_named_with_diabetic_ckd_reaches_the_combination_code() -> None:
    note = (
        "Diagnoses: T2DM with diabetic nephropathy, CKD 4, and HTN.\nPlan: continue lisinopril.\n"
    )
    assert _codes(note) == {"E11.22", "N18.4", "I12.9"}


def test_a_header_word_broken_across_lines_still_opens_the_assessment() -> None:
    note = (
        "DISCHARGE SUMMARY\n\nPRINCIPAL DIAGNO-\nSIS: Left lower extremity cellulitis\n"
        "HISTORY: redness for 3 days. Past history: gout.\nPLAN: Wound check in 2 days.\n"
    )
    assert _codes(note) == {"L03.116"}
