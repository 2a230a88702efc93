"""Dates spelled the ways other systems write them, and the order a document writes its dates in.

Why: the shared reader (:mod:`clinllm.domain.dates`) reads the spellings US letters and forms
use. A packet exported from a scheduling system, a Spanish-language clinic or a European form
writes ``14MAR2026``, ``14 de marzo de 2026``, ``14-mar-2026``, ``03.14.2026``, ``3-14-26`` or
``2026/03/14``. Unread, every date of such a document is gone at once: the service date and
the birth date are reported as left out and the letter's own date is unknown, so nothing can be
told from history either. This module finds those spellings; :mod:`.dates` gives them roles
like any other date.

A document writes its numeric dates in one order. When one of them cannot be month first
(``25.06.1951``) the ambiguous ones (``05.03.2026``) are day first too; when one cannot be day
first (``03.14.2026``) they are month first; otherwise month first, as US forms write them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from clinllm.domain.dates import expand_year, month_number

__all__ = ["day_first", "more_dates", "spelled_date"]

#: Spanish month names and their abbreviations (``set.`` is how some write September).
_ES_MONTHS: Final = {
    "enero": 1, "ene": 1, "febrero": 2, "feb": 2, "marzo": 3, "mar": 3, "abril": 4, "abr": 4,
    "mayo": 5, "may": 5, "junio": 6, "jun": 6, "julio": 7, "jul": 7, "agosto": 8, "ago": 8,
    "septiembre": 9, "setiembre": 9, "sep": 9, "sept": 9, "set": 9, "octubre": 10, "oct": 10,
    "noviembre": 11, "nov": 11, "diciembre": 12, "dic": 12,
}  # fmt: skip
_ES = "|".join(sorted(_ES_MONTHS, key=len, reverse=True))
_EN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_YEAR = r"(?P<y>(?:19|20)\d\d|\d\d)"

#: Spellings the shared reader leaves unread, each naming its parts.
_SPELLINGS: Final = (
    # 14MAR2026, 03JAN57: an export's glued day, month word and year.
    re.compile(
        rf"(?<![A-Za-z0-9])(?P<d>\d{{1,2}})(?P<en>{_EN})(?P<y>(?:19|20)\d\d|\d\d)(?![A-Za-z0-9])",
        re.I,
    ),
    # 14 de marzo de 2026, 3 de abril del 2026.
    re.compile(
        rf"(?<![\w])(?P<d>\d{{1,2}})\s+de\s+(?P<es>{_ES})\.?(?:\s+del?)?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
    # 14-mar-2026, 14/abr/26, 14 ago. 2026.
    re.compile(rf"(?<![\w/.-])(?P<d>\d{{1,2}})[-/ ](?P<es>{_ES})\.?[-/ ]{_YEAR}(?![\w/-])", re.I),
    # 2026/03/14, 2026.03.14: year first with slashes or dots.
    re.compile(r"(?<![\w/.-])(?P<y>(?:19|20)\d\d)(?P<s>[/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\w/]|\.\d|-\d)"),
    # 03.14.2026, 05.03.26 (two-digit parts: "1.2.2024" is a version), 3-14-26 (dashes, a
    # two-digit year).
    re.compile(r"(?<![\w/.-])(?P<a>\d{2})(?P<s>\.)(?P<b>\d{2})\.(?P<y>(?:19|20)\d\d|\d\d)(?![\w/]|\.\d|-\d)"),
    re.compile(r"(?<![\w/.-])(?P<a>\d{1,2})(?P<s>-)(?P<b>\d{1,2})-(?P<y>\d\d)(?![\w/-]|\.\d)"),
)  # fmt: skip

# Every numeric date with its two leading parts, to tell the document's order.
_NUMERIC: Final = re.compile(r"(?<![\w/.-])(\d{1,2})[/.-](\d{1,2})[/.-](?:19|20)?\d\d(?![\w/])")


def day_first(text: str) -> bool:
    """Whether the document writes numeric dates day first (one of them cannot be month first)."""
    firsts = [(int(a), int(b)) for a, b in _NUMERIC.findall(text)]
    if any(b > 12 >= a for a, b in firsts):
        return False
    return any(a > 12 >= b for a, b in firsts)


def _value(m: re.Match[str], dayfirst: bool) -> date | None:
    g = m.groupdict()
    year = expand_year(g["y"])
    if g.get("en"):
        month = month_number(g["en"])
    elif g.get("es"):
        month = _ES_MONTHS.get(g["es"].lower().rstrip("."))
    elif g.get("m"):
        month = int(g["m"])
    else:
        a, b = int(g["a"]), int(g["b"])
        swap = a > 12 or (dayfirst and b <= 12)
        month, g["d"] = (b, str(a)) if swap else (a, str(b))
    if month is None:
        return None
    try:
        return date(year, month, int(g["d"]))
    except ValueError:
        return None


def more_dates(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, date]]:
    """Dates in the spellings above that no span in ``taken`` covers, with their offsets."""
    dayfirst = day_first(text)
    found: list[tuple[int, int, date]] = []
    spans = list(taken)
    for pattern in _SPELLINGS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in spans):
                continue
            value = _value(m, dayfirst)
            if value is not None:
                found.append((m.start(), m.end(), value))
                spans.append((m.start(), m.end()))
    return sorted(found)


def spelled_date(value: str) -> bool:
    """Whether a field's value holds a date in one of these spellings."""
    return bool(more_dates(value, []))
