"""Problem recall mechanisms of the notes6 round (s27-notes-problems).

Each test is written in wordings other than the probe's: layouts whose problems were lost
(a plan that names them, list lines, a dash after no diagnosis, "#" items), shorthand the
index lacks, OCR confusions, and a second diagnosis joined to the first in one clause.
"""

from clinllm.workflows.note_summary.lexicon import expand
from clinllm.workflows.note_summary.ocr_words import repair
from clinllm.workflows.note_summary.rules import recognize


def _codes(text: str) -> set[str]:
    return {p.code for p in recognize(text).problems}


def test_problems_named_only_in_the_plan_are_read_when_the_assessment_codes_nothing() -> None:
    note = (
        "Impression: several active issues, outlined below.\n"
        "Plan:\n"
        "- Gout flare: colchicine today\n"
        "- Hyponatremia: free water restriction\n"
    )
    assert {"M10.9", "E87.1"} <= _codes(note)


def test_lines_of_an_unbulleted_problem_list_are_items_of_their_own() -> None:
    note = (
        "Assessment and plan\n"
        "Hypokalemia -- oral repletion\n"
        "Essential hypertension -- at goal\n"
        "Iron deficiency anemia -- infusion next week\n"
    )
    assert {"E87.6", "I10", "D50.9"} <= _codes(note)


def test_a_dash_after_words_that_name_no_diagnosis_starts_no_detail() -> None:
    note = "Impression: 72F - hypomagnesemia; acute gouty arthritis\nPlan: recheck Mg\n"
    assert "E83.42" in _codes(note)


def test_hash_items_without_numbers_open_a_problem() -> None:
    note = "A/P\n#Hypothyroidism: TSH in 6 weeks\n# Obstructive sleep apnea -- CPAP\n"
    assert {"E03.9", "G47.33"} <= _codes(note)


def test_a_second_diagnosis_joined_in_one_clause_gets_its_own_code() -> None:
    codes = _codes("Assessment: acute kidney injury superimposed on CKD stage 4.\n")
    assert {"N17.9", "N18.4"} <= codes


def test_shorthand_is_put_in_the_code_sets_words() -> None:
    assert "hypomagnesemia" in expand("hypoMg")
    assert "atrial flutter" in expand("AFL with variable block")
    assert "acute on chronic" in expand("systolic CHF exacerbation")
    assert "acute on chronic" not in expand("new acute systolic CHF")
    assert "polyneuropathy" in expand("DM2 with neuropathy, peripheral")
    assert "right" in expand("Rt popliteal DVT")
    assert "hypertensive urgency" in expand("HTN urgency")


def test_heart_failure_exacerbation_is_coded_acute_on_chronic() -> None:
    assert "I50.33" in _codes("Assessment: diastolic CHF exacerbation, diurese\n")


def test_an_ocr_confusion_is_undone_only_when_one_reading_is_a_known_word() -> None:
    known = {"hypokalemia", "cellulitis", "with"}.__contains__
    assert repair("hypoka1emia", known) == "hypokalemia"
    assert repair("ce1lulitis with", known) == "cellulitis with"
    assert repair("ceftriaxone", known) == "ceftriaxone"  # no reading is known: left alone
