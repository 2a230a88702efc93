"""A visit asked for by its time: "Can I come in Tuesday instead?", "Is Dr. Patel free next week?".

Patients rarely write "schedule an appointment". They name a way of attending (come in, get
in, be seen, see the doctor, make it, a slot, a flu shot) and a time (a weekday, tomorrow,
next week, the 14th, 9 instead of 2, sooner). The phrase list of scheduling verbs in
:mod:`.rules` reads the first form; this reads the second: an attendance and a time in one
sentence. A visit named as the time of something else ("fast before my appointment on
Monday", "bring my daughter to my visit") is no request for one, so a visit noun after
"before", "after", "at", "to", "for" or "during" does not count. It is a weak cue, read only
when the message names no symptom: "my neck is stiff, can someone see me today?" asks for
care of a symptom, which is what ``symptom_escalation`` means.
"""

from __future__ import annotations

import re

from clinllm.workflows.message_triage.context import Match, Text

__all__ = ["visit_by_time"]

_ATTEND = re.compile(
    r"\b(?:come in|get in|be seen|get seen|see (?:me|him|her|us|them|my \w+|dr\.? \w+|doctor \w+"
    r"|the doctor|the nurse|someone)|make it(?! to (?:dialysis|chemo\w*|infusion|treatment|work"
    r"|school|the pharmacy))|(?:dr\.? \w+|doctor|he|she|anyone|someone|anything"
    r"|appointments?|slots?) (?:is |be )?available|available (?:appointments?|slots?|times?)"
    r"|anything open|openings?|slots?"
    r"|appointments?|appts?|visits?|follow-?ups?|check-?ups?|establish care|new (?:patient"
    r"|doctor|pcp)|switch (?:to|doctors)|(?:flu|tb|tetanus|covid|shingles|pneumonia|hep b"
    r"|travel) (?:shots?|vaccines?|tests?|jabs?))\b"
)
_WHEN = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\b(?:tomorrow|today|tonight|next (?:week"
    r"|month|available)|this (?:week|month|morning|afternoon|evening)|morning|afternoon"
    r"|evening|sooner|earlier|later|instead|when|what time|what day|on the \d{1,2}(?:st|nd|rd"
    r"|th)?|at \d{1,2}(?::\d\d)?|\d{1,2} ?(?:am|pm)|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct"
    r"|nov|dec)\w* \d{1,2})\b"
)
_GOVERNED = re.compile(
    r"\b(?:before|after|at|to|during|for|from|since|about) (?:my |the |his |her |our |their |your"
    r" |a |an )?(?:[\w']+ )?$"
)
_VISIT_NOUN = re.compile(r"(?:appointments?|appts?|visits?|follow-?ups?|check-?ups?)$")
_SENTENCE_END = re.compile(r"[.!?\n]")


def visit_by_time(text: Text) -> Match | None:
    """The first attendance word sharing a sentence with a time, or None.

    A visit noun governed by a preposition of time is skipped.
    """
    for attend in text.finditer(_ATTEND):
        before = text.norm[max(0, attend.start - 40) : attend.start]
        if _VISIT_NOUN.search(attend.text.lower()) and _GOVERNED.search(before):
            continue
        start = max(
            (m.end() for m in _SENTENCE_END.finditer(text.norm, 0, attend.start)), default=0
        )
        end_m = _SENTENCE_END.search(text.norm, attend.end)
        end = end_m.start() if end_m else len(text.norm)
        if _WHEN.search(text.norm, start, end):
            return attend
    return None
