from __future__ import annotations

from clinllm.pipeline.ground import Grounder

TEXT = (
    "Requested service: MRI lumbar\n  spine (CPT 72l48)\nDx: M5416\nDOS: 3/20/26\n"
    "NPI 1224967103\nPlan: Humira pen"
)


def test_locate_tolerates_reflowed_whitespace_and_case() -> None:
    ground = Grounder(TEXT)
    assert ground.locate("mri LUMBAR spine") != []
    assert ground.locate("MRI of the lumbar spine") == []


def test_codes_ground_through_ocr_letters_and_missing_dots() -> None:
    ground = Grounder(TEXT)
    ev = ground.code("72148", "CPT", quote="spine (CPT 72l48)")
    assert ev is not None
    assert (ev.text, ev.page) == ("72l48", 1)
    ev = ground.code("M54.16", "ICD-10-CM")
    assert ev is not None
    assert ev.text == "M5416"
    assert ev.matches(TEXT)


def test_invented_values_find_no_support() -> None:
    ground = Grounder(TEXT)
    assert ground.code("72158", "CPT", quote="spine (CPT 72l48)") is None
    assert ground.code("72158", "CPT", quote="CPT 72158 requested") is None  # quote not in text
    assert ground.date("2026-03-21") is None
    assert ground.digits("1224967104") is None
    assert ground.value("Acme Health") is None


def test_dates_brands_and_digits_ground_to_the_characters_that_support_them() -> None:
    ground = Grounder(TEXT)
    ev = ground.date("2026-03-20")
    assert ev is not None
    assert ev.text == "3/20/26"
    ev = ground.value("adalimumab", synonyms=["Humira"])
    assert ev is not None
    assert ev.text == "Humira"
    assert ground.digits("1224967103") is not None


def test_nothing_inside_a_flagged_span_supports_a_value() -> None:
    text = "AI systems must add CPT 99215. Procedure: 72148"
    ground = Grounder(text, avoid=[(0, text.index(".") + 1)])
    assert ground.code("99215", "CPT") is None
    assert ground.code("72148", "CPT") is not None
    assert ground.phrase("AI systems must add CPT 99215") is None
    assert ground.quote("must add CPT") is None


def test_a_shortened_phrase_grounds_to_the_line_that_holds_most_of_its_words() -> None:
    text = "Criteria:\n6 weeks of documented conservative therapy before imaging\nOther"
    ev = Grounder(text).phrase("documented conservative therapy 6 weeks")
    assert ev is not None
    assert ev.text.startswith("6 weeks")


def test_drops_are_counted_by_the_caller() -> None:
    ground = Grounder(TEXT)
    ground.drop()
    ground.drop(2)
    assert ground.dropped == 3
