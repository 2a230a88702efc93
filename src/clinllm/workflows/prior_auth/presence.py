"""Whether a field the extraction could not read is still written in the document.

Why: ``missing_fields`` tells the payer's reviewer what the sender left out. A field with no
slot (a letter, an e-mail) used to be missing whenever no recognizer read it, so every field
written in a shape the recognizers do not know yet was reported as left out: the request looks
incomplete to the reviewer and the sender is asked for what they sent. This module looks for a
value of the field's *shape* in the field's own context, without deciding its value: an NPI that
passes its check digit on no other party's line, an identifier right after a member word, a
clinician's name with credentials on no other party's line, a name after a patient cue, a
birth date (a date with a birth
word, or many years before the letter). A field found this way is present but unread, and the
case goes to review (``field_not_read``), so a person reads the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Final

from clinllm.codes import npi as npi_codes
from clinllm.workflows.prior_auth.layout import Layout

__all__ = ["SHAPES", "dob_written", "written", "written_fields"]

# Another party's or another number's words: a value on their line is not the request's.
_OTHER_PARTY = re.compile(
    r"\b(referr\w*|pcp|primary\s+care|facility|site|location|supplier|vendor|lab(?:oratory)?|"
    r"group|rendering|performing|attending|hospital|dme|pharmacy|radiolog\w*|patholog\w*)\b",
    re.IGNORECASE,
)
_OTHER_NUMBER = re.compile(
    r"\b(group|grp|case|claim|ref(?:erence)?|order|auth\w*|tracking|confirmation|account|acct|"
    r"mrn|medical\s+record|mbi|medicare|fax|phone|tel|tax|tin|ein|dea|licen[cs]e|invoice|lot|"
    r"serial|rx|npi)\b",
    re.IGNORECASE,
)

_NPI = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
_MEMBER = re.compile(
    r"(?:\b(?:member|subscriber|enrollee|insured|beneficiary|policyholder|afiliado|asegurado)\b|"
    r"\b(?:policy|ins(?:urance)?|plan)\s*(?:#|no\.?|number\b|id\b)|(?<![A-Za-z])id\s*#)"
    r"(?P<between>(?:no\.|#|[^\n.;]){0,30}?)"
    r"(?P<value>\b[A-Z]{0,5}[- ]?\d[A-Z0-9]*(?:[- ]?[A-Z0-9]{2,}){0,4}\b)",
    re.IGNORECASE,
)
_CREDENTIALED = re.compile(
    r"(?:\bDr\.?\s+[A-Z][a-z'-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z'-]+)?|"
    r"\b[A-Z][a-z'-]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z'-]+,?\s+(?:MD|DO|NP|FNP|PA-C|DPM|DNP|APRN|M\.D\.))"
    r"(?![A-Za-z])"
)
# A person's name after a patient cue: "Pt Dana Okonkwo", "Re: Okonkwo, Dana", "Mrs. Okonkwo".
_PATIENT = re.compile(
    r"(?:\b(?:pt\.?|patient|re|member|insured|paciente|nombre)\s*[:#-]?\s*|"
    r"\b(?:mr|mrs|ms|miss|sr|sra)\.?\s+)"
    r"(?-i:[A-Z][A-Za-z'-]+(?:,\s*|\s+)(?:[A-Z]\.?\s+)?[A-Z][A-Za-z'-]+)",
    re.IGNORECASE,
)
_BIRTH = re.compile(r"\b(?:born|birth|dob|d\.o\.b|nacimiento|nacid[oa])\b", re.IGNORECASE)


def _npi_written(layout: Layout) -> bool:
    """A check-digit-valid NPI on a line that names no other party."""
    for line in layout.lines:
        if _OTHER_PARTY.search(line.text):
            continue
        for m in _NPI.finditer(line.text):
            if npi_codes.is_valid("".join(m.groups())):
                return True
    return False


def _member_written(layout: Layout) -> bool:
    """An identifier (letters and at least four digits) right after a member word."""
    text = layout.text
    for m in _MEMBER.finditer(text):
        value = m.group("value")
        before = text[max(0, m.start() - 25) : m.start()].rsplit("\n", 1)[-1]
        if _OTHER_NUMBER.search(before + " " + m.group("between")):
            continue  # "Medicare beneficiary id", "member's claim number"
        if len(re.sub(r"\D", "", value)) < 4:
            continue
        if re.fullmatch(r"[\d/ -]+", value) and re.search(r"\d{1,2}/\d{1,2}", value):
            continue  # a date
        return True
    return False


def _on_own_line(pattern: re.Pattern[str], layout: Layout) -> bool:
    """Whether ``pattern`` matches a line that names no other party."""
    return any(
        pattern.search(line.text) and not _OTHER_PARTY.search(line.text) for line in layout.lines
    )


def _requester_written(layout: Layout) -> bool:
    """A clinician's name with a title or credentials on a line that names no other party."""
    return _on_own_line(_CREDENTIALED, layout)


def _patient_written(layout: Layout) -> bool:
    """A capitalised name after a patient cue, on a line that names no other party."""
    return _on_own_line(_PATIENT, layout)


#: Years before the letter that make a date a birth date whatever its words.
_BIRTH_YEARS: Final = 18


def dob_written(layout: Layout, dates: Iterable[tuple[int, date]], letter: date | None) -> bool:
    """A date with a birth word before it on its line, or one a lifetime before the letter."""
    for start, value in dates:
        if _BIRTH.search(layout.text[layout.line_at(start).start : start]):
            return True
        if letter is not None and letter.year - value.year >= _BIRTH_YEARS:
            return True
    return False


#: Shape finders by FORMAT.md ``missing_fields`` name (the birth date needs the dates too).
SHAPES: Final[dict[str, Callable[[Layout], bool]]] = {
    "requesting_provider_npi": _npi_written,
    "member_id": _member_written,
    "requesting_provider_name": _requester_written,
    "patient_name": _patient_written,
}


def written(name: str, layout: Layout) -> bool:
    """Whether a value of field ``name``'s shape is written in its context in the document."""
    finder = SHAPES.get(name)
    return finder is not None and finder(layout)


def written_fields(
    layout: Layout, dates: Iterable[tuple[int, date]], letter: date | None
) -> frozenset[str]:
    """Every field whose value's shape is written in its context (the birth date included).

    Args:
        layout: The document's lines (the one the recognizers read).
        dates: (offset, value) of every date the document mentions.
        letter: The letter's own date, when known.
    """
    found = {name for name in SHAPES if written(name, layout)}
    if dob_written(layout, dates, letter):
        found.add("patient_dob")
    return frozenset(found)
