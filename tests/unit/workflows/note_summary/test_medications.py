from clinllm.workflows.note_summary.rules import recognize


def _changes(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.name: (m.action, m.dose) for m in recognize(text).medications}


def test_actions_and_doses_from_the_plan() -> None:
    note = (
        "Meds: lisinopril 20 mg daily, metformin 500 mg BID, ibuprofen 400 mg.\n"
        "Plan:\n- Increase metformin to 1000 mg BID.\n- Start empagliflozin 10 mg daily.\n"
        "- STOP ibuprofen.\n- Continue lisinopril 20 mg daily.\n"
    )
    assert _changes(note) == {
        "metformin": ("dose_changed", "1000 mg"),
        "empagliflozin": ("started", "10 mg"),
        "ibuprofen": ("stopped", None),
        "lisinopril": ("continued", "20 mg"),
    }


def test_brand_names_map_to_the_generic() -> None:
    note = "Plan: Start Eliquis 5 mg BID.\n"
    assert _changes(note) == {"apixaban": ("started", "5 mg")}


def test_history_and_conditional_orders_are_not_changes() -> None:
    note = (
        "HPI: treated with ceftriaxone in hospital.\n"
        "Plan: add ezetimibe 10 mg daily if LDL remains high. Diltiazem deferred.\n"
    )
    assert _changes(note) == {}


def test_lab_analytes_are_not_drugs() -> None:
    note = "Plan: Potassium 5.9 today - repeat BMP tomorrow. Glucose 214 mg/dL.\n"
    assert _changes(note) == {}


def test_combination_products_keep_both_parts() -> None:
    note = "Discharge medications:\n- START amoxicillin-clavulanate 875-125 mg PO BID.\n"
    assert _changes(note) == {"amoxicillin-clavulanate": ("started", "875-125 mg")}


def test_varied_action_phrasing() -> None:
    note = (
        "Medications: sertraline 50 mg daily; omeprazole 20 mg daily; atorvastatin 40 mg;"
        " metoprolol 50 mg BID.\n"
        "Plan:\n- Bumped up sertraline to 100 mg daily.\n- Deprescribed omeprazole.\n"
        "- Stays on atorvastatin 40 mg.\n- Metoprolol cut back to 25 mg BID.\n"
        "- Put on Bactrim DS 1 tab BID x 5 days.\n"
    )
    assert _changes(note) == {
        "sertraline": ("dose_changed", "100 mg"),
        "omeprazole": ("stopped", None),
        "atorvastatin": ("continued", "40 mg"),
        "metoprolol": ("dose_changed", "25 mg"),
        "trimethoprim-sulfamethoxazole": ("started", "1 tab"),
    }


def test_a_verb_broken_across_a_line_end_is_read() -> None:
    note = (
        "Medications: lisinopril 10 mg daily.\n\nA/P:\n"
        "1. Hypertension - Lisinopril incr-\neased to 20 mg daily. BMP in 2 weeks.\n"
    )
    assert _changes(note) == {"lisinopril": ("dose_changed", "20 mg")}


def test_prescription_details_are_not_actions() -> None:
    note = (
        "Plan:\n- Oxycodone-acetaminophen 5-325 mg 1 tab q6h PRN pain, #12, no refills.\n"
        "- Labetalol 20 mg IV now, repeat per protocol.\n"
    )
    assert _changes(note) == {
        "oxycodone-acetaminophen": ("started", "5-325 mg"),
        "labetalol": ("started", "20 mg"),
    }


def test_a_swap_stops_the_old_drug_and_starts_the_new_one() -> None:
    note = (
        "Medications: amlodipine 5 mg daily; lisinopril 10 mg daily; metformin 500 mg BID.\n"
        "Plan:\n- Switch amlodipine to nifedipine ER 30 mg daily.\n"
        "- Lisinopril changed to losartan 50 mg daily because of cough.\n"
        "- Change metformin to 1000 mg BID.\n"
    )
    assert _changes(note) == {
        "amlodipine": ("stopped", None),
        "nifedipine": ("started", "30 mg"),
        "lisinopril": ("stopped", None),
        "losartan": ("started", "50 mg"),
        "metformin": ("dose_changed", "1000 mg"),
    }


def test_a_taper_is_a_dose_change_and_a_taper_off_stops() -> None:
    note = (
        "Medications: prednisone 20 mg daily; clonazepam 0.5 mg BID.\n"
        "Plan:\n- Taper prednisone by 5 mg weekly.\n- Clonazepam: taper off over 4 weeks.\n"
    )
    assert {k: v[0] for k, v in _changes(note).items()} == {
        "prednisone": "dose_changed",
        "clonazepam": "stopped",
    }
