"""What a problem's line says about its status: history, not current, or current.

A problem list carries old and inactive problems next to today's; "history of X" is coded (if
at all) as a personal history (guideline I.C.21.c.4: Z85-Z87), never as X, and a line that
says its problem is resolved, inactive or not addressed today is no problem of this encounter.
"""

from __future__ import annotations

import re

__all__ = ["HISTORY", "not_current", "personal_history"]

# "History of DVT", "Hx of breast cancer", "h/o kidney stones": a condition the patient had,
# coded (if at all) as a personal history (guideline I.C.21.c.4: Z85-Z87), never as the disease.
HISTORY = re.compile(
    r"\W*(?:(?:(?:personal|past|prior|remote)\s+)?(?:history|hx|h/o)\b(?:\s+of\b)?|"
    r"antecedentes?\s+(?:personal(?:es)?\s+)?de\b)",
    re.I,
)
_HISTORY_CODES = ("Z85", "Z86", "Z87", "Z92")
# A line that says its problem is not a current one: a status cell or a bracket
# ("Pancreatitis | resolved", "Gout (inactive)", "resolved 2019"), or its own words ("not
# addressed today", "historical", "carried forward"). "Resolved" without a year outside a
# status cell is left: a discharge summary's "AKI - resolved", "acute hypoxic respiratory
# failure (resolved)" was treated in this stay.
_NOT_CURRENT = re.compile(
    r"\|\s*(?:resolved|resuelt[oa]s?)\b|[|(\[]\s*(?:inactive|historical|remote)\b|"
    r"\b(?:resolved|resuelt[oa]s?)\s+(?:in\s+|en\s+)?(?:19|20)\d\d\b|"
    r"\b(?:historical|inactive|no\s+longer\s+active|carried\s+forward|copied\s+forward)\b|"
    r"\bnot\s+(?:addressed|discussed|managed|reviewed|assessed)\s+"
    r"(?:today|this\s+visit|at\s+this\s+visit|during\s+this\s+visit|this\s+encounter)\b",
    re.I,
)


def not_current(text: str, s: int, e: int) -> bool:
    """Whether the clause's line (its table row, its list item) says it is not current."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    return bool(_NOT_CURRENT.search(text, line_start, len(text) if line_end < 0 else line_end))


def personal_history(code: str) -> bool:
    """Whether a code is a personal-history code (Z85-Z87, Z92)."""
    return code.startswith(_HISTORY_CODES)
