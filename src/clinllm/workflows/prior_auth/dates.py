"""Dates in the ways forms and letters write them, and the role each one plays.

Reading a date is :mod:`clinllm.domain.dates`' job; this module decides what each date *is*.
A prior-auth packet holds many dates: the fax header, the letter date, the date of birth, visit
and imaging dates from the history, the planned date of service and sometimes a deadline. The
value alone says nothing; the words just before it ("Requested DOS:", "no later than",
"DOB") say which is which. Roles are decided from those cue words, nearest cue first.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from clinllm.domain.dates import find_dates as find_written_dates
from clinllm.domain.dates import parse_date
from clinllm.workflows.prior_auth.date_spellings import day_first, more_dates

__all__ = [
    "DateMention",
    "DateRole",
    "find_dates",
    "holds_date",
    "parse_date",
    "reference_date",
    "unclaimed_future",
]

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
            r"fecha|"
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
    for start, end, value in _all_dates(text):
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


_AMBIGUOUS = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})")


def _all_dates(text: str) -> list[tuple[int, int, date]]:
    """The shared reader's dates and the other spellings (``date_spellings``), in order.

    A document that writes its numeric dates day first (one cannot be month first) has its
    ambiguous ones (``05/03/2026``) read day first too.
    """
    dayfirst = day_first(text)
    found: list[tuple[int, int, date]] = []
    for written in find_written_dates(text):
        value = written.value
        m = _AMBIGUOUS.fullmatch(text[written.start : written.end])
        if dayfirst and m is not None and int(m.group(1)) <= 12 and int(m.group(3)) <= 12:
            with contextlib.suppress(ValueError):
                value = value.replace(month=value.day, day=value.month)
        found.append((written.start, written.end, value))
    found += more_dates(text, [(s, e) for s, e, _ in found])
    return sorted(found)


def holds_date(value: str) -> bool:
    """Whether a field's value holds a full date in any spelling this module reads."""
    return bool(_all_dates(value))


# Words of the clause just before a date that give it a role other than the service: a limit
# ("by", "before", "no later than"), the end of a period ("until", "through", "valid",
# "expires"), or the start of coverage ("effective"). Grammar, not a form's vocabulary.
_OTHER_ROLE_WORDS = re.compile(
    r"\b(by|before|until|till|through|thru|expir\w*|valid|effective|ends?|ending|"
    r"later than|due|last|prior|previous|since)\b[^.;:\n]{0,25}$",
    re.I,
)

#: How far after the document's date an unlabelled date can still be the planned service.
SERVICE_HORIZON = timedelta(days=270)


def reference_date(dates: Sequence[DateMention]) -> date | None:
    """The document's own date: the letter's, else its first date that is no birth or limit.

    Why: a memo or a portal printout has no "Date:" line, but its header's date (printed,
    faxed, sent) is when it was written, and the dates of its story are before it.
    """
    letter = next((d for d in dates if d.role == "letter"), None)
    if letter is not None:
        return letter.value
    first = next((d for d in dates if d.role not in ("dob", "deadline")), None)
    return first.value if first is not None else None


def unclaimed_future(
    text: str, dates: Sequence[DateMention], history: Sequence[tuple[int, int]] = ()
) -> DateMention | None:
    """The planned service by elimination: the first later date no other role claims.

    Why: a request dates the future for two things only, the service and the reply it wants,
    and the reply's date has its cue ("respond by"); history is before the document's date, a
    birth date a lifetime before. So a date after the document's own date, within
    :data:`SERVICE_HORIZON`, with no role word in its clause ("by", "until", "valid through")
    and outside a history section is the service, whatever words name it ("Svc Dt", "booked
    ... on X"). It is a guess from elimination: callers keep it below the review threshold.

    Args:
        text: The text the dates were read from.
        dates: Every date of the text with its cue role (:func:`find_dates`).
        history: Spans (start, end) of history sections or lines, where a date is an account.
    """
    reference = reference_date(dates)
    if reference is None:
        return None
    for d in dates:
        if d.role != "other" or not reference < d.value <= reference + SERVICE_HORIZON:
            continue
        if any(start <= d.start < end for start, end in history):
            continue
        clause_start = max(text.rfind("\n", 0, d.start) + 1, d.start - 60)
        if _OTHER_ROLE_WORDS.search(text[clause_start : d.start]):
            continue
        return d
    return None
