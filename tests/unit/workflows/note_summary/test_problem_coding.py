"""How the code set's own wording is read when a clause is coded (synthetic notes)."""

import pytest

from clinllm.workflows.note_summary.rules import recognize


def _codes(text: str) -> set[str]:
    return {p.code for p in recognize(text).problems}


@pytest.mark.parametrize(
    ("diagnosis", "code"),
    [
        # "and" in a title means "and/or" (I.A.14): "Hypo-osmolality and hyponatremia".
        ("Hyponatremia", "E87.1"),
        # ... "Syncope and collapse" (its inclusion term "Vasovagal attack" is not needed).
        ("Vasovagal syncope", "R55"),
        # "or" likewise: "due to unspecified occlusion or stenosis of", not the I66 "and" code.
        ("Cerebral infarction due to occlusion of right middle cerebral artery", "I63.511"),
        # An embolic occlusion is an embolism.
        ("Acute ischemic stroke due to embolic occlusion of the right MCA", "I63.411"),
    ],
)
def test_and_or_in_a_title_is_read_as_either(diagnosis: str, code: str) -> None:
    assert _codes(f"Assessment: {diagnosis}.\n") == {code}


@pytest.mark.parametrize(
    ("diagnosis", "code"),
    [
        # "Pneumonia, unspecified organism": the default wording explains "organism", so the
        # congenital P23.8 ("due to other organisms") does not win.
        ("Pneumonia, organism unspecified", "J18.9"),
        # The category's synonym "Zoster [herpes zoster]" explains "herpes".
        ("Herpes zoster of the right T10 dermatome without complications", "B02.9"),
    ],
)
def test_nonessential_words_the_note_says_are_explained(diagnosis: str, code: str) -> None:
    assert _codes(f"Assessment: {diagnosis}.\n") == {code}


@pytest.mark.parametrize(
    ("diagnosis", "code"),
    [
        ("Bleeding duodenal ulcer", "K26.4"),  # bleeding = hemorrhage
        ("Bilateral pulmonary emboli", "I26.99"),  # emboli = embolism
        ("Clostridioides difficile colitis", "A04.72"),  # the code set spells it both ways
    ],
)
def test_one_word_for_one_meaning_on_both_sides(diagnosis: str, code: str) -> None:
    assert _codes(f"Assessment: {diagnosis}.\n") == {code}


@pytest.mark.parametrize(
    ("diagnosis", "code"),
    [
        # Not the congenital Q43.8 ("Congenital diverticulitis, colon").
        ("Diverticulitis of the descending colon without perforation or abscess", "K57.32"),
        ("Ileal Crohn disease, uncomplicated", "K50.00"),  # not K50.90 (unspecified)
        ("Malignant neoplasm of sigmoid colon", "C18.7"),  # the named part still wins
    ],
)
def test_a_bowel_part_is_also_its_larger_part(diagnosis: str, code: str) -> None:
    assert _codes(f"Assessment: {diagnosis}.\n") == {code}


def test_manifestation_codes_are_not_listed_alone() -> None:
    from clinllm.workflows.note_summary.rules import recognize

    note = "Assessment and plan:\n1. Pyelonephritis.\n2. Erectile dysfunction.\n"
    codes = [p.code for p in recognize(note).problems]
    assert codes == ["N12", "N52.9"]  # not N16 / N52.1 ("in diseases classified elsewhere")


def test_code_set_spellings_and_index_defaults() -> None:
    from clinllm.workflows.note_summary.rules import recognize

    note = (
        "Assessment and plan:\n1. Gastroesophageal reflux disease without esophagitis.\n"
        "2. Osteoarthritis of right knee.\n3. BPH with LUTS.\n4. Peripheral artery disease.\n"
        "5. COVID-19.\n6. Deep vein thrombosis of left femoral vein.\n"
    )
    codes = [p.code for p in recognize(note).problems]
    assert codes == ["K21.9", "M17.11", "N40.1", "I73.9", "U07.1", "I82.412"]
