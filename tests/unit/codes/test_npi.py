from __future__ import annotations

import pytest

from clinllm.codes import npi


@pytest.mark.parametrize("value", ["1224967103", "1366501389", "2248142418", "1245319599"])
def test_valid_npis_pass_the_luhn_check_with_prefix_80840(value: str) -> None:
    assert npi.is_valid(value)


@pytest.mark.parametrize(
    "value", ["1224967104", "122496710", "12249671030", "3224967103", "abcdefghij"]
)
def test_wrong_check_digit_length_or_first_digit_fails(value: str) -> None:
    assert not npi.is_valid(value)


def test_check_digit_matches_the_cms_example() -> None:
    # CMS worked example: 123456789 -> check digit 3.
    assert npi.check_digit("123456789") == 3
    with pytest.raises(ValueError, match="nine digits"):
        npi.check_digit("12345")


def test_normalize_drops_spaces_and_dashes() -> None:
    assert npi.normalize("1224-967 103") == "1224967103"
    assert npi.normalize("12249") is None
