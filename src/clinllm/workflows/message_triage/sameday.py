"""Same-day needs told by a situation and a sign together, where neither alone is one.

A symptom word alone routes a message but sets no urgency: "my back is sore", "some leg
cramps" are routine. Some pairs make the same symptom a same-day review, and each was read
as routine before this module (``tune_triage_probe7``, written before any change):

- a wound, scar, sore or ulcer that discharges, smells or opens ("the sore on my diabetic
  heel started smelling and draining", "my c-section scar opened a little and there's
  pus"): an infection or a dehiscence;
- a procedure behind a symptom that is getting worse instead of better ("had a tooth pulled
  two days ago and the pain is getting much worse"): a dry socket, an infection, a leak;
- weight gained over days by a patient with heart failure or on a water pill ("heart
  failure patient, I've gained 4 pounds since Monday"): fluid coming back;
- a new medicine, or a changed dose, followed by a sign of a reaction ("started the new
  antidepressant last week and I've been twitching and sweating", "since starting the
  antibiotic I have a rash"): a side effect that needs a clinician's review that day.

Each detector asks for both parts, asserted (not negated, past or hypothetical), so "my
knee replacement is healing well", "the cramps from my water pill stopped" and "I used to
get black stools from iron tablets" stay routine.
"""

from __future__ import annotations

import re

from clinllm.workflows.message_triage.context import Match, Text
from clinllm.workflows.message_triage.vocabulary import rx

__all__ = [
    "heart_failure_gain",
    "new_medication_reaction",
    "post_procedure_worse",
    "wound_discharge",
]

_W = r"(?:[\w',-]+ )"

_WOUND_DISCHARGE = rx(
    r"\b(?:scars?|ulcers?|sores?|blisters?|incisions?|wounds?|stitches|staples|stoma)\b "
    rf"{_W}{{0,8}}"
    r"(?:pus\w*|drain\w*|ooz\w*|smell\w*|stink\w*|foul|opened|open(?:ing)? up|coming apart"
    r"|split open)",
)

_PROCEDURE = rx(
    r"\b(?:surgery|operation|procedure|biopsy|colonoscopy|endoscopy|c-?section|cesarean"
    r"|replacement|extraction|root canal|implant|catheter|stent|ablation)\b"
    r"|\b(?:pulled|extracted|removed|taken out|took (?:\w+ ){0,3}out)\b",
)
_WORSE = rx(
    r"\b(?:getting|gotten|got|grown|growing) (?:much |a lot |way |even )?worse\b"
    r"|\bworse (?:and worse|instead of better|every day|each day|than yesterday|by the day)\b"
    r"|\b(?:not|isn'?t|aren'?t) (?:getting )?(?:any )?(?:better|improving)\b",
)

_WEIGHT_GAIN = rx(
    r"\b(?:gained|put on|up) (?:about |almost |over |nearly )?(?:[2-9]|1\d|two|three|four|five"
    r"|six|seven|eight|ten) (?:pounds|lbs?|kg|kilos?)\b",
    r"\bweight (?:is )?(?:up|gone up|went up|jumped) (?:by )?(?:[2-9]|1\d|two|three|four|five)"
    r" (?:pounds|lbs?|kg|kilos?)\b",
)
_HEART_FAILURE = rx(
    r"\bheart failure\b|\bchf\b|\bcardiomyopathy\b|\bwater pills?\b|\bdiuretics?\b|\blasix\b"
    r"|\bfurosemide\b|\btorsemide\b|\bbumetanide\b|\bweak heart\b|\bfluid (?:pill|tablet)s?\b",
)

_NEW_MEDICINE = rx(
    r"\b(?:since|after) (?:i )?(?:start\w*|began|beginning|switch\w*)\b",
    r"\bstarted (?:on )?(?:the |a |my |this |that )?new\b",
    r"\bstarted (?:\w+ ){0,3}(?:last|this|yesterday|\d+ days? ago|a (?:few )?days? ago)\b",
    r"\b(?:doubled|increased|raised|upped|changed) (?:my |the )?(?:dose|dosage|\w+ pill|\w+"
    r" tablet|meds?|medication)\b",
    r"\bnew (?:blood pressure |bp |heart |water )?(?:med\w*|pills?|tablets?|prescription)\b",
)
_REACTION = rx(
    r"\b(?:rash\w*|hives|twitch\w*|sweat\w*|swell\w*|swollen|puffy|dizz\w*|lightheaded"
    r"|faint\w*|black stools?|tarry|bleed\w*|bruis\w*|cramp\w*|weak(?:ness)?|palpitations?"
    r"|racing|confus\w*|jaundice|yellow\w*|tremor\w*|shak\w*|stomach (?:is )?upset|upset stomach"
    r"|vomit\w*|diarrh?e\w*|mouth sores?|ulcers?)\b",
)


def _present(text: Text, pattern: re.Pattern[str]) -> Match | None:
    hits = text.any_present(pattern, 1)
    return hits[0] if hits else None


def wound_discharge(text: Text) -> tuple[Match, ...]:
    """A wound, scar, sore or ulcer that drains, smells or opens."""
    hit = _present(text, _WOUND_DISCHARGE)
    return (hit,) if hit is not None else ()


def post_procedure_worse(text: Text) -> tuple[Match, ...]:
    """A procedure named with a symptom getting worse instead of better."""
    worse = _present(text, _WORSE)
    if worse is None:
        return ()
    procedure = _present(text, _PROCEDURE)
    return (worse, procedure) if procedure is not None else ()


def heart_failure_gain(text: Text) -> tuple[Match, ...]:
    """Pounds gained over days by a patient with heart failure or on a water pill."""
    gain = _present(text, _WEIGHT_GAIN)
    if gain is None:
        return ()
    context = next(text.finditer(_HEART_FAILURE), None)
    return (gain, context) if context is not None else ()


def new_medication_reaction(text: Text) -> tuple[Match, ...]:
    """A new medicine or a changed dose, then a sign of a reaction after it."""
    start = _present(text, _NEW_MEDICINE)
    if start is None:
        return ()
    reaction = next(
        (
            m
            for m in text.any_present(_REACTION, 3)
            if not text.assertion(m).historical and not text.assertion(m).minimized
        ),
        None,
    )
    return (start, reaction) if reaction is not None else ()
