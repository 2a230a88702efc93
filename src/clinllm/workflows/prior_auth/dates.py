"""Dates in the ways forms and letters write them, and the role each one plays.

Reading a date is :mod:`clinllm.domain.dates`' job; this module decides what each date *is*.
A prior-auth packet holds many dates: the fax header, the letter date, the date of birth, visit
and imaging dates from the history, the planned date of service and sometimes a deadline. The
value alone says nothing; the words just before it ("Requested DOS:", "no later than",
"DOB") say which is which. Roles are decided from those cue words, nearest cue first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from clinllm.domain.dates import find_dates as find_written_dates
from clinllm.domain.dates import parse_date

__all__ = ["DateMention", "DateRole", "find_dates", "parse_date"]

#: What a date is in the document.
DateRole = Literal["service", "deadline", "dob", "letter", "other"]

# Cue words, each with the role it gives to the date that follows it. The nearest cue before a
# date wins, so "Surgery is scheduled for 03/30/2026" is a service date even after a sentence
# about a deadline.
_CUES: list[tuple[DateRole, re.Pattern[str]]] = [
    (
        "dob",
        re.compile(
            r"\b(dob|d\.o\.b\.?|date of birth|birth ?date|born|fecha de nacimiento|"
            r"f\.\s?(?:de\s)?nac\.?|nacid[oa])(?![a-z])",
            re.I,
        ),
    ),
    (
        "deadline",
        re.compile(
            r"\b(no later than|not later than|due(?: date)?(?: by| on)?|deadline|"
            r"(?:decision|determination|response|reply|approval)\b[^.\n]{0,20}?"
            r"\b(?:by|before|no later than)|"
            r"received by|submit\w*(?:\s+\w+){0,6}\s+by|return\w*(?:\s+\w+){0,4}\s+by|"
            r"send\w*(?:\s+\w+){0,4}\s+by|needed by|required by|"
            r"respond\w*\s+by|by close of business|expires? for submission)\b",
            re.I,
        ),
    ),
    (
        "service",
        re.compile(
            r"\b(date of service|dates? of services?|date\(s\) of service|service date|dos|"
            r"date of surgery|"
            r"surgery date|date of procedure|procedure date|planned(?: surgery| date| procedure)?|"
            r"scheduled(?: surgery)?(?: date)?(?: for)?|anticipated(?: date)?|expected date|"
            r"requested date|start date|start of (?:service|care|therapy)|starting|"
            r"initial (?:date|delivery|dispense|fill|visit)|"
            r"date requested|dates requested|"
            r"first (?:treatment|dose|infusion|requested administration|administration)\w*|"
            r"next (?:infusion|injection|dose)(?: date)?|infusion date|injection date|"
            r"delivery(?: date)?|set-?up date|study date|date of study|test date|"
            r"collection date|specimen collection(?: date)?(?: requested)?|admission date|"
            r"on or after|week \d+ dose|admit date|date of admission|"
            r"fecha (?:del? )?(?:servicio|procedimiento|cita|cirug[ií]a)|"
            r"fecha (?:programada|prevista))\b",
            re.I,
        ),
    ),
    (
        "letter",
        re.compile(
            r"(?:^|\n|\s{2,}|\|)\s*(date|dated|date of (?:notice|letter|request)|date submitted|"
            r"submitted|sent|transmission date|received|fax date|signed|today|created)\s*:?\s*$",
            re.I,
        ),
    ),
]
_HISTORY_CUE = re.compile(
    r"\b(since|on|in|from|dated|completed|performed|seen|visit|admitted|discharged|"
    r"exam|evaluat\w*|collected|injur\w*|diagnosed)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """One full date in the text.

    Attributes:
        start: Offset of the first character.
        end: Offset one past the last.
        value: The calendar date.
        role: The role the cue words give it.
        cue_distance: Characters between the cue and the date (smaller is surer).
        labelled: The cue is a field label (``X:``) rather than running text.
    """

    start: int
    end: int
    value: date
    role: DateRole
    cue_distance: int
    labelled: bool


def _role(left: str) -> tuple[DateRole, int, bool]:
    best: tuple[DateRole, int, bool] = ("other", 10_000, False)
    for role, pat in _CUES:
        for m in pat.finditer(left):
            distance = len(left) - m.end()
            gap = left[m.end() :]
            if role != "letter" and re.search(r"[.;]\s|\n\s*\n", re.sub(r"\.{2,}", " ", gap)):
                continue
            if re.search(r"\n[ \t]*[A-Za-z][\w /#()&-]{0,30}(?::|\.{2,})", gap):
                continue  # an empty field's cue does not reach the next line's field

            labelled = bool(
                re.fullmatch(r"[\w /()&-]{0,40}?(?::|\.{2,})\s*(?:on or after\s*)?", gap)
            )
            if distance < best[1]:
                best = (role, distance, labelled)
    return best


def find_dates(text: str) -> list[DateMention]:
    """Every full date in ``text`` (:func:`clinllm.domain.dates.find_dates`), each with its role.

    Month-year dates ("03/2025") and years alone are not returned: no field takes them.
    """
    out: list[DateMention] = []
    prev_end = 0
    for written in find_written_dates(text):
        start, end, value = written.start, written.end, written.value
        line_start = text.rfind("\n", 0, start) + 1
        window_start = max(prev_end, start - 90)
        left = text[window_start:start]
        role, distance, labelled = _role(left)
        line_left = text[line_start:start]
        if role == "other" and re.match(r"^\s*$", line_left) and start - line_start < 4:
            # A date alone at the start of a line under a letterhead is the letter's date.
            rest = text[end : text.find("\n", end) if "\n" in text[end:] else len(text)]
            if not rest.strip():
                role, distance = "letter", 0
        out.append(DateMention(start, end, value, role, distance, labelled))
        prev_end = end
    return out
