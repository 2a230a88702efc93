from __future__ import annotations

import pytest

from clinllm.phi.dates_shift import shift_date_text


@pytest.mark.parametrize(
    ("text", "shifted"),
    [
        ("03/04/1931", "03/14/1931"),
        ("4-Mar-26", "14-Mar-26"),
        ("2026-01-19", "2026-01-29"),
        ("Feb. 9, 2026", "Feb. 19, 2026"),
        ("February 12th", "February 22nd"),
        ("2/13", "2/23"),
        ("December 28, 2025", "January 7, 2026"),
    ],
)
def test_shift_keeps_the_layout(text: str, shifted: str) -> None:
    result = shift_date_text(text, 10)
    assert result is not None
    assert result[0] == shifted


def test_unparseable_dates_return_none() -> None:
    assert shift_date_text("13/45/2026", 3) is None
