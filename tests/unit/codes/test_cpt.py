from __future__ import annotations

import pytest

from clinllm.codes import cpt


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("72148", "category_i"),
        ("3074F", "category_ii"),
        ("0042T", "category_iii"),
        ("0001U", "pla"),
    ],
)
def test_categories_by_format(code: str, category: str) -> None:
    assert cpt.category(code) == category


@pytest.mark.parametrize("code", ["7214", "721488", "J0135", "72148X", "ABCDE"])
def test_non_cpt_shapes_are_rejected(code: str) -> None:
    assert not cpt.is_valid_format(code)


def test_ocr_letters_in_digit_positions_are_read_as_digits() -> None:
    assert cpt.normalize("72l48") == "72148"
    assert cpt.normalize("7O553") == "70553"


def test_no_cpt_descriptor_text_ships_with_the_module() -> None:
    import inspect

    source = inspect.getsource(cpt)
    assert "Magnetic resonance" not in source
    assert not hasattr(cpt, "description")
