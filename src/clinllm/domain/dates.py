"""Dates as documents write them: the one date parser of clinllm.

A prior-auth letter writes ``03/14/2026``, ``Mar. 14, 2026`` or ``14-MAR-2026``; a note writes
``February 12th``; a fax header writes ``2/13``. Every stage that reads a date (the prior-auth
recognizers, grounding of a model's ISO date, the PHI date shift) reads it here, so a form
learned once is learned everywhere, and a date the recognizers find is a date grounding can
check.

Two entry points:

* :func:`read_date` / :func:`parse_date` read *one* date written on its own (a field value, a
  detected PHI span, a model's answer). :func:`read_date` also keeps the layout, so another
  date can be written the same way (:meth:`WrittenDate.render`, used to shift PHI dates).
* :func:`find_dates` finds the *full* dates (with a year) in running text, with offsets. Its
  patterns are stricter at their edges than the one-date forms, so that codes, phone numbers
  and ranges ("05/2025-08/2025") are not read as dates.

The evaluation scorers keep their own small date normalizer on purpose: a scorer must not share
the code it scores, or a bug here would be graded as correct.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

__all__ = ["WrittenDate", "expand_year", "find_dates", "month_number", "parse_date", "read_date"]

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

#: Two-digit years below this are 20xx, the others 19xx: in 2026 a ``58`` is a birth year,
#: a ``26`` a date of service.
_PIVOT: Final = 50

# One date written on its own (full match).
_ISO: Final = re.compile(r"(?P<y>\d{4})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})")
_NUMERIC: Final = re.compile(
    r"(?P<m>\d{1,2})(?P<sep>[/.-])(?P<d>\d{1,2})(?:(?P=sep)(?P<year>\d{2}|\d{4}))?"
)
_MONTH_FIRST: Final = re.compile(
    r"(?:(?P<wd>[A-Za-z]+\.?),?\s+)?(?P<mon>[A-Za-z]+)(?P<dot>\.?)(?P<s0>[\s-]+)(?P<day>\d{1,2})"
    r"(?P<ord>st|nd|rd|th)?(?:(?P<sep>,?[\s-]+)(?P<year>\d{4}|'\d\d))?",
    re.I,
)
_DAY_FIRST: Final = re.compile(
    r"(?P<the>the\s+)?(?P<day>\d{1,2})(?P<ord>st|nd|rd|th)?(?P<of>\s+of)?(?P<s1>[\s-]+)"
    r"(?P<mon>[A-Za-z]+)(?P<dot>\.?)(?:(?P<s2>,?[\s-]+)(?P<year>\d{4}|\d\d))?",
    re.I,
)

# Full dates in running text: bounded so that they do not start or end inside another token.
_MON: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_IN_TEXT: Final = (
    re.compile(r"(?<![\d/.-])(?:19|20)\d\d-\d{1,2}-\d{1,2}(?![\d/-])"),
    re.compile(r"(?<![\d/.-])\d{1,2}/\d{1,2}/(?:19|20)?\d\d(?![\d/])"),
    re.compile(r"(?<![\d/.-])\d{1,2}-\d{1,2}-(?:19|20)\d\d(?![\d/-])"),
    # Dotted dates only where the day rules out a month (14.04.2026): "1.2.2024" is a version.
    re.compile(r"(?<![\d/.-])(?:1[3-9]|2\d|3[01])\.\d{1,2}\.(?:19|20)\d\d(?!\.?\d)"),
    re.compile(r"(?<![\w/.-])" + _MON + r"[ -]\d{1,2}(?:st|nd|rd|th)?,?[ -](?:19|20)\d\d\b", re.I),
    re.compile(r"(?<![\w/.-])\d{1,2}(?:st|nd|rd|th)?[ -]" + _MON + r",?[ -](?:19|20)\d\d\b", re.I),
)


def month_number(name: str) -> int | None:
    """1-12 for a month name or its abbreviation (``Mar``, ``Sept.``, ``MARCH``), else None."""
    low = name.lower().rstrip(".")
    if low == "sept":
        return 9
    for number, full in enumerate(_MONTHS, start=1):
        if len(low) >= 3 and full.startswith(low):
            return number
    return None


def expand_year(digits: str) -> int:
    """A written year as a number: ``2026`` -> 2026, ``26`` and ``'26`` -> 2026, ``58`` -> 1958."""
    bare = digits.lstrip("'")
    value = int(bare)
    if len(bare) <= 2:
        value += 2000 if value < _PIVOT else 1900
    return value


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _month_word(original: str, month: int) -> str:
    full = _MONTHS[month - 1]
    name = full if len(original.rstrip(".")) > 4 or original.lower() == full else full[:3]
    if original.isupper():
        return name.upper()
    return name.capitalize()


def _year_text(written: str, year: int) -> str:
    if written.startswith("'"):
        return f"'{year % 100:02d}"
    return f"{year % 100:02d}" if len(written) == 2 else str(year)


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """One date as it is written.

    Attributes:
        value: The calendar date (with ``default_year`` when none was written).
        has_year: Whether the text gives the year.
        start: Offset of the first character in the text it was found in (0 for one date).
        end: Offset one past the last character.
    """

    value: dt.date
    has_year: bool
    start: int = 0
    end: int = 0
    _render: Callable[[dt.date], str] = field(default=lambda d: d.isoformat(), repr=False)

    def render(self, other: dt.date) -> str:
        """Write ``other`` in this date's layout (separators, month words, ordinals, year)."""
        return self._render(other)

    def __repr__(self) -> str:
        # The value can be a date of birth: a repr in a log or traceback shows shape only.
        return f"WrittenDate(start={self.start}, end={self.end}, has_year={self.has_year})"


def _iso(m: re.Match[str]) -> WrittenDate:
    sep, w_m, w_d = m["sep"], len(m["m"]), len(m["d"])
    value = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return WrittenDate(
        value, True, _render=lambda x: f"{x.year}{sep}{x.month:0{w_m}d}{sep}{x.day:0{w_d}d}"
    )


def _numeric(m: re.Match[str], default_year: int | None) -> WrittenDate | None:
    written = m["year"]
    year = expand_year(written) if written is not None else default_year
    if year is None:
        return None
    sep, w_1, w_2 = m["sep"], len(m["m"]), len(m["d"])
    first, second = int(m["m"]), int(m["d"])
    # Month first (US documents), unless the first part cannot be a month: 25/06/1951 is the
    # 25th of June as a form from outside the US writes it; 04/05 stays April 5.
    day_first = first > 12 >= second

    def render(x: dt.date) -> str:
        a, b = (x.day, x.month) if day_first else (x.month, x.day)
        out = f"{a:0{w_1}d}{sep}{b:0{w_2}d}"
        return out + (sep + _year_text(written, x.year) if written is not None else "")

    month, day = (second, first) if day_first else (first, second)
    return WrittenDate(dt.date(year, month, day), written is not None, _render=render)


def _textual(m: re.Match[str], default_year: int | None, month_first: bool) -> WrittenDate | None:
    month = month_number(m["mon"])
    written = m["year"]
    year = expand_year(written) if written is not None else default_year
    if month is None or year is None:
        return None
    g = m.groupdict()

    def render(x: dt.date) -> str:
        mon = _month_word(g["mon"], x.month) + (g["dot"] or "")
        day = str(x.day) + (_ordinal(x.day) if g["ord"] else "")
        tail = ""
        if written is not None:
            tail = (g["sep"] if month_first else g["s2"]) + _year_text(written, x.year)
        if month_first:
            out = f"{mon}{g['s0']}{day}{tail}"
            return f"{x.strftime('%A')}, {out}" if g["wd"] else out
        return (g["the"] or "") + day + (g["of"] or "") + g["s1"] + mon + tail

    return WrittenDate(dt.date(year, month, int(m["day"])), written is not None, _render=render)


def read_date(text: str, *, default_year: int | None = None) -> WrittenDate | None:
    """Read one date written on its own, keeping its layout.

    Args:
        text: The date as written (``02/11/2026``, ``Feb. 9, 2026``, ``4-Mar-26``, ``2/13``).
        default_year: The year of a date written without one; None refuses such dates.

    Returns:
        The date, or None when the text is not one date or names an impossible day.
    """
    text = text.strip()
    try:
        if m := _ISO.fullmatch(text):
            return _iso(m)
        if m := _NUMERIC.fullmatch(text):
            return _numeric(m, default_year)
        if m := _MONTH_FIRST.fullmatch(text):
            found = _textual(m, default_year, month_first=True)
            if found is not None:
                return found
        if m := _DAY_FIRST.fullmatch(text):
            return _textual(m, default_year, month_first=False)
    except ValueError:  # 02/30/2026 and the like
        return None
    return None


def parse_date(text: str, *, default_year: int | None = None) -> dt.date | None:
    """The calendar date of one date written on its own, or None (see :func:`read_date`)."""
    found = read_date(text, default_year=default_year)
    return found.value if found is not None else None


def find_dates(text: str) -> list[WrittenDate]:
    """Every full date (with a year) in running ``text``, in order, with offsets.

    Month-year dates (``03/2025``) and years alone are not dates: no field takes them.
    """
    found: list[WrittenDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _IN_TEXT:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            one = read_date(m.group(0))
            if one is None:
                continue
            found.append(dataclasses.replace(one, start=m.start(), end=m.end()))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found
