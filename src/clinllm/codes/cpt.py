"""CPT by format only: the AMA licenses the descriptors, so none are shipped.

Category I codes are five digits; Category II are four digits and ``F``; Category III four
digits and ``T``; Proprietary Laboratory Analyses four digits and ``U``. A user with a licence
imports their table (``clinllm codes import FILE --system cpt``) to check existence too.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["CptCategory", "category", "is_valid_format", "normalize"]

#: OCR letters that stand for digits in a code's digit positions.
_OCR = str.maketrans("OIL", "011")

#: Which CPT category a code's format places it in.
CptCategory = Literal["category_i", "category_ii", "category_iii", "pla"]

_FORMAT = re.compile(r"^\d{4}[\dFTU]$")
_SUFFIX: dict[str, CptCategory] = {"F": "category_ii", "T": "category_iii", "U": "pla"}


def normalize(code: str) -> str | None:
    """Upper-case, trimmed CPT code with OCR letters fixed, else None.

    ``O`` reads as 0 and ``l``/``I`` as 1 when that yields a CPT-shaped code.
    """
    raw = code.strip().upper()
    if len(raw) != 5:
        return None
    fixed = raw[:4].translate(_OCR) + raw[4]
    if raw[4] in "OIL":
        fixed = fixed[:4] + raw[4].translate(_OCR)
    return fixed if _FORMAT.match(fixed) else None


def category(code: str) -> CptCategory | None:
    """The CPT category of a well-formed code, else None."""
    norm = normalize(code)
    if norm is None:
        return None
    return _SUFFIX.get(norm[4], "category_i")


def is_valid_format(code: str) -> bool:
    """Whether ``code`` has the shape of a CPT code of any category."""
    return normalize(code) is not None
