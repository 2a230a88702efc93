"""Parse the date forms the detector finds and render a shifted date in the same form.

Shifting every date of a patient by the same number of days keeps intervals (length of
stay, days since surgery) that a model may need, while the calendar dates stop matching
any real record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from clinllm.domain.dates import read_date

__all__ = ["parse_date", "shift_date_text"]

_REF_YEAR: Final = 2024  # a leap year, for dates written without a year


def parse_date(text: str) -> tuple[dt.date, Callable[[dt.date], str]] | None:
    """Parse a detected date; return it with a renderer that writes a date the same way.

    Reading is :func:`clinllm.domain.dates.read_date`, the parser every stage shares.

    Args:
        text: The date as written (``02/11/2026``, ``Feb. 9, 2026``, ``4-Mar-26``...).

    Returns:
        The date (year 2024 when none is written) and a function rendering another date in
        the same layout, or ``None`` if the form is not understood.
    """
    found = read_date(text, default_year=_REF_YEAR)
    if found is None:
        return None
    return found.value, found.render


def shift_date_text(text: str, days: int) -> tuple[str, str, str] | None:
    """Shift a written date by ``days``, keeping its layout.

    Returns:
        ``(shifted text, shifted ISO, original ISO)`` or ``None`` if the date is not parsed.
    """
    parsed = parse_date(text)
    if parsed is None:
        return None
    date, render = parsed
    shifted = date + dt.timedelta(days=days)
    return render(shifted), shifted.isoformat(), date.isoformat()
