"""HCPCS Level II by format: one letter and four digits.

The CMS HCPCS file is public domain, but no package ships it; users import it like any code
table. Level II codes start with A-C, E, G-M or P-V (D is dental CDT, which CMS does not
publish, and N, O, W-Z are unused).
"""

from __future__ import annotations

import re

__all__ = ["LEVEL_II_LETTERS", "is_valid_format", "normalize"]

#: OCR letters that stand for digits in a code's digit positions.
_OCR = str.maketrans("OIL", "011")

#: First letters HCPCS Level II uses.
LEVEL_II_LETTERS = frozenset("ABCEGHJKLMPQRSTUV")

_FORMAT = re.compile(r"^[A-Z]\d{4}$")


def normalize(code: str) -> str | None:
    """Upper-case code with OCR letters in the digit part fixed, when it is HCPCS-shaped."""
    raw = code.strip().upper()
    if len(raw) != 5:
        return None
    fixed = raw[0] + raw[1:].translate(_OCR)
    if not _FORMAT.match(fixed) or fixed[0] not in LEVEL_II_LETTERS:
        return None
    return fixed


def is_valid_format(code: str) -> bool:
    """Whether ``code`` has the shape of a HCPCS Level II code."""
    return normalize(code) is not None
