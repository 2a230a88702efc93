from __future__ import annotations

import pytest

from clinllm.codes import icd10cm


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("M54.16", "M54.16"),
        ("M5416", "M54.16"),
        ("m54.16", "M54.16"),
        ("E66.O1", "E66.01"),  # OCR letter O for zero
        ("G35.A", "G35.A"),
        ("S83.242A", "S83.242A"),
        ("I10", "I10"),
        ("Z3A.34", "Z3A.34"),
    ],
)
def test_normalize_accepts_the_ways_forms_write_codes(raw: str, expected: str) -> None:
    assert icd10cm.normalize(raw) == expected


@pytest.mark.parametrize("raw", ["M50-M54", "B12", "X99.999", "M54.1234567", "", "72148"])
def test_normalize_rejects_blocks_and_non_existent_codes(raw: str) -> None:
    assert icd10cm.normalize(raw) is None
    assert not icd10cm.exists(raw)


def test_billable_distinguishes_leaves_from_categories() -> None:
    assert icd10cm.is_billable("M54.16")
    assert not icd10cm.is_billable("M54.1")
    assert not icd10cm.is_billable("M54")


def test_description_comes_from_the_code_set() -> None:
    assert icd10cm.description("M5416") == "Radiculopathy, lumbar region"
    assert icd10cm.description("not-a-code") is None
