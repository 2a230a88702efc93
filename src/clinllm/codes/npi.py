"""NPI: the National Provider Identifier and its check digit.

An NPI is 10 digits; the last is a Luhn check digit computed over the first nine prefixed with
the card-issuer prefix ``80840``. A mistyped or OCR-damaged NPI nearly always fails the check,
which is why a failing NPI is flagged instead of being trusted.
"""

from __future__ import annotations

import re

__all__ = ["check_digit", "is_valid", "normalize"]

_PREFIX = "80840"
_TEN_DIGITS = re.compile(r"^\d{10}$")


def check_digit(first_nine: str) -> int:
    """Luhn check digit for the first nine digits of an NPI (prefix ``80840`` included)."""
    if not re.fullmatch(r"\d{9}", first_nine):
        raise ValueError("expected nine digits")
    total = 0
    for i, ch in enumerate(reversed(_PREFIX + first_nine)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def normalize(value: str) -> str | None:
    """Digits of ``value`` when they are exactly ten (spaces and dashes dropped), else None."""
    digits = re.sub(r"[\s-]", "", value)
    return digits if _TEN_DIGITS.match(digits) else None


def is_valid(value: str) -> bool:
    """Whether ``value`` is a 10-digit NPI whose check digit is right."""
    digits = normalize(value)
    if digits is None or digits[0] not in "12":
        return False
    return check_digit(digits[:9]) == int(digits[9])
