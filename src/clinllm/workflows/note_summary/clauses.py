"""Clauses of an assessment: where one diagnosis ends and the next begins.

A clause is a numbered item (``1.``, ``#2``, ``# CHF``), a bullet, a table row or cell, a
check box, a line of a list, a sentence; after a spaced dash the rest of the item is a detail
of the diagnosis before it (``Hypertension - at goal``), not a diagnosis.
"""

from __future__ import annotations

import re

__all__ = ["clauses"]

# A check box of a templated note: "[x] Hypertension", "( ) Diabetes", "☒ Asthma". Each box
# opens an item; an empty box is an item nobody selected.
_BOX = r"(?:\[[ xX✓✔]\]|\([ xX✓✔]\)|[☐☑☒])"
_EMPTY_BOX = re.compile(r"\[ \]|\( \)|☐")
# Clause ends: a sentence end (not "E. coli": an initial before a lower-case word), a
# semicolon, a table cell or row, a blank line, a numbered item ("2.", "#2", "#2:"), a bullet
# or an indented line not carrying on the sentence (an EHR list of diagnoses, not a wrapped
# "   albuminuria.") on a new line, a line of a list (a new line opening with a capital or a
# "#" after a line that does not run on: not after a comma or "and"), a spaced dash or "--"
# (what follows is a detail), a colon (not a label before a code: "ICD10: K219"), "in the
# setting of".
_CLAUSE_SPLIT = re.compile(
    r"(?<!\d)(?<!\b[A-Z])\.(?=\s)|(?<=\b[A-Z])\.(?=\s+[^a-z\s])|;|\||\n(?=[^\n]*\|)|\n\s*\n|"
    r"\n(?=\s*(?:#\d{1,2}[.):]?\s|\d{1,2}[.)]\s|[-*•](?=\s|[A-Za-z])))|\n(?=[ \t]{2,}[^\sa-z])|"
    r"(?<![,/&+-])(?<!\band)(?<!\bwith)(?<!\bof)(?<!\bon)(?<!\bto)(?<!\bor)(?<!\bfor)"
    r"\n(?=[ \t]*(?:[A-Z]|#\s*[A-Za-z]))|"
    r"(?P<detail>\s(?:[-–—]|--)\s)|:\s(?!\s*[A-TV-Z]\d[0-9A-Z])|"
    r"\s(?:in\s+a\s+patient\s+with|in\s+the\s+setting\s+of|in\s+setting\s+of)\s|"
    rf"(?={_BOX})"
)
# Enumeration in front of a diagnosis: "1.", "#2", "a)", a bullet, or dictated "Number two,".
_LEAD = re.compile(
    rf"(?:\s|{_BOX}|#\d{{1,2}}\b|#(?=\s*[A-Za-z])|\d{{1,2}}[.)]|[-*•]|\(?[a-z]\)|"
    r"(?i:number\s+(?:one|two|three|four|five|six|\d{1,2})|"
    r"(?:the\s+)?(?:first|second|third|fourth|next|last|final)\s+(?:problem|diagnosis|issue)"
    r"\s+(?:is|was)|(?:first|second|third|next|finally))"
    r"[,.:]?\s)+"
)


def clauses(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Clause spans inside ``text[start:end]`` and whether each is a detail.

    Leading numbering and bullets are trimmed. A part after a spaced dash ("Hypertension -
    at goal, continue lisinopril") is a detail of the clause before it, not a diagnosis, and
    so is every sentence after it up to the next item (a new line, a table cell, a
    semicolon): "1. RA -
    Increase methotrexate. Folic acid 1 mg - continue." is one diagnosis and its plan.
    """
    spans: list[tuple[int, int, bool]] = []
    pos, detail = start, False
    for m in _CLAUSE_SPLIT.finditer(text, start, end):
        spans.append((pos, m.start(), detail))
        separator = m.group(0)
        if m.group("detail") is not None:
            detail = True
        elif "\n" in separator or "|" in separator or separator == ";":
            detail = False
        pos = m.end()
    spans.append((pos, end, detail))
    out: list[tuple[int, int, bool]] = []
    for s, e, d in spans:
        lead = _LEAD.match(text, s, e)
        if lead:
            if _EMPTY_BOX.search(lead.group(0)):
                continue  # "[ ] Heart failure": a template's item nobody ticked
            s = lead.end()
        while e > s and text[e - 1] in " \t\n,.":
            e -= 1
        if e - s >= 3:
            out.append((s, e, d))
    return out
