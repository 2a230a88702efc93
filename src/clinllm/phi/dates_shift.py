"""Parse the date forms the detector finds and render a shifted date in the same form.

Shifting every date of a patient by the same number of days keeps intervals (length of
stay, days since surgery) that a model may need, while the calendar dates stop matching
any real record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Final

__all__ = ["parse_date", "shift_date_text"]

_MONTHS: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_NUMERIC: Final = re.compile(r"(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?")
_ISO: Final = re.compile(r"(\d{4})([/.-])(\d{1,2})\2(\d{1,2})")
_WEEKDAY: Final = r"(?:(?P<wd>[A-Za-z]+\.?),?\s+)?"
_MONTH_FIRST: Final = re.compile(
    rf"{_WEEKDAY}(?P<mon>[A-Za-z]+)(?P<dot>\.?)\s+(?P<day>\d{{1,2}})(?P<ord>st|nd|rd|th)?"
    rf"(?:(?P<sep>,?\s+)(?P<year>\d{{4}}|'\d\d))?"
)
_DAY_FIRST: Final = re.compile(
    r"(?P<the>the\s+)?(?P<day>\d{1,2})(?P<ord>st|nd|rd|th)?(?P<of>\s+of)?(?P<s1>[\s-]+)"
    r"(?P<mon>[A-Za-z]+)(?P<dot>\.?)(?:(?P<s2>,?[\s-]+)(?P<year>\d{4}|\d\d))?"
)
_REF_YEAR: Final = 2024  # a leap year, for dates written without a year


def _month(name: str) -> int | None:
    low = name.lower().rstrip(".")
    for i, full in enumerate(_MONTHS, start=1):
        if len(low) >= 3 and full.startswith(low[:3]) and full.startswith(low):
            return i
        if low == "sept" and i == 9:
            return i
    return None


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    digits = text.lstrip("'")
    value = int(digits)
    if len(digits) == 2:
        value += 2000 if value < 50 else 1900
    return value


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _render_month(original: str, month: int) -> str:
    full = _MONTHS[month - 1]
    name = full if len(original.rstrip(".")) > 4 or original.lower() == full else full[:3]
    if original.isupper():
        return name.upper()
    return name.capitalize()


def parse_date(text: str) -> tuple[dt.date, Callable[[dt.date], str]] | None:
    """Parse a detected date; return it with a renderer that writes a date the same way.

    Args:
        text: The date as written (``02/11/2026``, ``Feb. 9, 2026``, ``4-Mar-26``...).

    Returns:
        The date (year 2024 when none is written) and a function rendering another date in
        the same layout, or ``None`` if the form is not understood.
    """
    text = text.strip()
    try:
        if m := _ISO.fullmatch(text):
            y, sep, mo, d = int(m[1]), m[2], m[3], m[4]
            date = dt.date(y, int(mo), int(d))
            w_mo, w_d = len(mo), len(d)
            return date, lambda x: f"{x.year}{sep}{x.month:0{w_mo}d}{sep}{x.day:0{w_d}d}"
        if m := _NUMERIC.fullmatch(text):
            mo, sep, d, ys = m[1], m[2], m[3], m[4]
            year = _year(ys) or _REF_YEAR
            date = dt.date(year, int(mo), int(d))
            w_mo, w_d = len(mo), len(d)

            def numeric(x: dt.date) -> str:
                out = f"{x.month:0{w_mo}d}{sep}{x.day:0{w_d}d}"
                if ys is not None:
                    out += sep + (f"{x.year % 100:02d}" if len(ys) == 2 else str(x.year))
                return out

            return date, numeric
        for pattern in (_MONTH_FIRST, _DAY_FIRST):
            m = pattern.fullmatch(text)
            if m is None:
                continue
            month = _month(m["mon"])
            if month is None:
                continue
            ys = m["year"]
            date = dt.date(_year(ys) or _REF_YEAR, month, int(m["day"]))
            return date, _textual_renderer(m, pattern is _MONTH_FIRST)
    except ValueError:
        return None
    return None


def _textual_renderer(m: re.Match[str], month_first: bool) -> Callable[[dt.date], str]:
    groups = m.groupdict()

    def render(x: dt.date) -> str:
        mon = _render_month(groups["mon"], x.month) + (groups["dot"] or "")
        day = str(x.day) + (_ordinal(x.day) if groups["ord"] else "")
        year = groups["year"]
        ytext = ""
        if year is not None:
            ytext = (
                ("'" + f"{x.year % 100:02d}")
                if year.startswith("'")
                else (f"{x.year % 100:02d}" if len(year) == 2 else str(x.year))
            )
        if month_first:
            out = f"{mon} {day}" + (f"{groups['sep']}{ytext}" if year is not None else "")
            if groups["wd"]:
                out = x.strftime("%A") + ", " + out
            return out
        out = (groups["the"] or "") + day + (groups["of"] or "") + groups["s1"] + mon
        return out + (f"{groups['s2']}{ytext}" if year is not None else "")

    return render


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
