"""Note shapes from the notes5 probe round (s26-notes): check boxes, problems that are not
current, other people's conditions, notes in Spanish, an impression stated in a letter.

Each test is written in wordings other than the probe's (``scripts/synth/notes5_*.py``).
"""

from clinllm.workflows.note_summary.lexicon import expand
from clinllm.workflows.note_summary.rules import recognize
from clinllm.workflows.note_summary.sections import find_sections
from clinllm.workflows.note_summary.spanish import to_english


def _codes(text: str) -> set[str]:
    return {p.code for p in recognize(text).problems}


# --- check boxes -------------------------------------------------------------------------


def test_only_ticked_boxes_of_a_template_are_problems() -> None:
    note = (
        "Walk-in visit\n"
        "Encounter diagnoses:\n"
        "☒ Gout\n"
        "☐ Chronic obstructive pulmonary disease\n"
        "[X] GERD\n"
        "[ ] Coronary artery disease\n"
        "Plan: colchicine\n"
    )
    assert _codes(note) == {"M10.9", "K21.9"}


def test_boxes_on_one_line_are_items_of_their_own() -> None:
    # Without the box as an item end the line was one clause coded as one diagnosis.
    assert _codes("Assessment: (x) Insomnia ( ) Asthma (x) Obesity\n") == {"G47.00", "E66.9"}


# --- problems the line says are not current -------------------------------------------------


def test_a_row_whose_status_cell_is_resolved_or_inactive_is_not_coded() -> None:
    note = (
        "Problems reviewed:\n"
        "Diagnosis | Status\n"
        "Migraine | active\n"
        "Diverticulitis | resolved\n"
        "Peptic ulcer | inactive\n"
    )
    assert _codes(note) == {"G43.909"}


def test_an_item_that_says_it_was_not_addressed_is_not_coded() -> None:
    note = "Assessment:\n1. Asthma, stable\n2. Gallstones - not addressed at this visit\n"
    assert _codes(note) == {"J45.909"}
    # A discharge diagnosis that resolved during the stay was treated in it: still coded.
    assert "N17.9" in _codes("Discharge diagnoses:\n1. AKI - resolved with IV fluids\n")
    assert "E87.1" in _codes("Discharge diagnoses:\n1. Hyponatremia (resolved)\n")
    assert _codes("Assessment:\n1. Diverticulitis, resolved 2021\n2. Gout\n") == {"M10.9"}


def test_history_of_a_condition_is_never_the_condition_itself() -> None:
    codes = _codes("Assessment:\n1. Hypothyroidism\n2. H/O nephrolithiasis\n3. Hx of gout\n")
    assert "E03.9" in codes
    assert not codes & {"N20.0", "M10.9"}
    assert codes - {"E03.9"} <= {c for c in codes if c.startswith("Z8")}


# --- other people -------------------------------------------------------------------------


def test_a_spouse_or_housemate_condition_is_not_the_patients() -> None:
    note = (
        "A/P:\n"
        "1. Adjustment insomnia, wife newly diagnosed with ALS\n"
        "2. Flatmate tested positive for influenza A - counseled\n"
        "3. Hypertension\n"
    )
    codes = _codes(note)
    assert "I10" in codes
    assert not any(c.startswith(("G12", "J09", "J10", "J11")) for c in codes)


def test_a_patient_who_reports_for_a_relative_is_still_read_as_the_patient() -> None:
    # "Mother has noticed" is the patient's history told by the mother (unchanged).
    assert "R06.2" in _codes("Assessment: wheezing; mother has noticed it at night\n")


# --- Spanish ------------------------------------------------------------------------------


def test_spanish_clinical_words_are_put_in_english_before_the_search() -> None:
    assert to_english("Insuficiencia cardíaca crónica") == "heart failure chronic"
    assert "type 2 diabetes mellitus" in expand("DM2 descompensada")
    # An English phrase is never touched, even with a word Spanish shares.
    assert to_english("Anemia of chronic disease") == "Anemia of chronic disease"


def test_a_note_in_spanish_is_sectioned_and_coded() -> None:
    note = (
        "CONSULTA DE SEGUIMIENTO\n"
        "Antecedentes personales: apendicitis en la infancia.\n"
        "Revisión por sistemas: niega fiebre y tos.\n"
        "Juicio clínico:\n"
        "- Artrosis de rodilla derecha\n"
        "- Hipertensión arterial mal controlada\n"
        "- Sospecha de apnea del sueño\n"
        "Plan de manejo:\n"
        "- Paracetamol 1 g cada 8 horas\n"
    )
    kinds = [s.kind for s in find_sections(note)]
    assert kinds[-2:] == ["assessment", "plan"]
    codes = _codes(note)
    assert {"M17.11", "I10"} <= codes
    assert not any(c.startswith(("K35", "K37", "G47.3", "R50", "R05")) for c in codes)


def test_spanish_negation_and_family_scopes() -> None:
    note = "Diagnósticos:\n1. Gastritis aguda\n2. Se descarta úlcera gástrica\n3. Padre con gota\n"
    codes = _codes(note)
    assert "K29.00" in codes or "K29.0" in {c[:5] for c in codes}
    assert not any(c.startswith(("K25", "M10")) for c in codes)


# --- letters ------------------------------------------------------------------------------


def test_an_impression_stated_in_a_letter_is_its_assessment() -> None:
    note = (
        "Dear Dr. Ng,\n\n"
        "I saw your patient today. She had appendicitis as a child.\n\n"
        "Our working diagnosis is gout.\n\n"
        "Kind regards\n"
    )
    assert _codes(note) == {"M10.9"}
