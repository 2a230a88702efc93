from __future__ import annotations

import pytest

from clinllm.codes import hcpcs


@pytest.mark.parametrize("code", ["J0135", "E0601", "A7030", "K0823", "G0283", "jO135"])
def test_level_ii_format(code: str) -> None:
    assert hcpcs.is_valid_format(code)


@pytest.mark.parametrize("code", ["D1110", "N1234", "72148", "J013", "JJ135"])
def test_unused_letters_and_wrong_shapes_are_rejected(code: str) -> None:
    assert not hcpcs.is_valid_format(code)


def test_normalize_fixes_ocr_zero() -> None:
    assert hcpcs.normalize("JO135") == "J0135"
