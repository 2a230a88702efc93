"""Code-set checks for the corpus generators: ICD-10-CM billability, CPT/HCPCS format.

Every gold ICD-10-CM code, and every dotted ICD-10-CM code printed in a prior-auth text,
must be valid and billable in the code set shipped with ``simple-icd-10-cm`` 1.5.0; the
generators call :func:`require_billable` so a typo stops the build instead of reaching
the data.
"""

from __future__ import annotations

import re

import simple_icd_10_cm as cm

__all__ = [
    "DOTTED_ICD",
    "billable",
    "describe",
    "require_billable",
    "require_procedure",
    "undotted",
]

#: A dotted ICD-10-CM code as printed in a document.
DOTTED_ICD = re.compile(r"\b[A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}\b")


def billable(code: str) -> bool:
    """True when ``code`` is a valid, billable (leaf) ICD-10-CM code."""
    return bool(cm.is_valid_item(code) and cm.is_leaf(code))


def require_billable(code: str) -> str:
    """Return ``code`` or raise when it is not billable."""
    if not billable(code):
        raise ValueError(f"ICD-10-CM code not billable: {code}")
    return code


def describe(code: str) -> str:
    """The official ICD-10-CM description of a code."""
    return str(cm.get_description(code))


def undotted(code: str) -> str:
    """``M51.16`` -> ``M5116``: how many fax forms print codes."""
    return code.replace(".", "")


def require_procedure(code: str, system: str) -> str:
    """Check a CPT (5 digits, or 4 digits + F/T/U) or HCPCS (letter + 4 digits) code's format."""
    if system == "CPT" and re.fullmatch(r"\d{5}|\d{4}[FTU]", code):
        return code
    if system == "HCPCS" and re.fullmatch(r"[A-V]\d{4}", code):
        return code
    raise ValueError(f"bad {system} code {code}")
