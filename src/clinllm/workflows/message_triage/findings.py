"""A finding-level reader: emergencies told as a body part in an abnormal state, no alarm word.

Caregivers and nurses describe what they see, not what it is called: "his lips have gone a
little grey-blue", "she isn't making sense since her nap", "resident's BP 78/40, HR 128,
cool mottled legs", "she smells like bleach and keeps gagging". None of these names a
diagnosis or an alarm word, so the phrase lists miss them, and sentence similarity reads
them as a same-day need at most. This module reads a finding as its parts, the way a nurse
triage protocol lists them:

- a **site** (lips, the colour of the face; the legs; the breathing; the speech, the
  answers; a child and a household product) and an **abnormal state** of that site (blue,
  grey, dusky; mottled; grunting, sucking in under the ribs; not making sense, staring; drank,
  smells of) found near each other in one sentence;
- **severity and time course**: some states need a second sign or a sudden onset before they
  are an emergency (a confused answer is an emergency when it came on suddenly or sits next
  to a droop, a jerking limb or a fever, and a same-day need otherwise, which the confusion
  rule already reads);
- **scope** by :meth:`~.context.Text.assertion` (ConText): a part or state that is negated,
  past, hypothetical or part of a name does not count ("no blue lips", "when she was little
  her lips went blue"). Who it happens to is not a cut: a caregiver's or nurse's report of
  someone else is the usual voice of these messages.

Each finding is a small table of parts and states rather than a list of sentences, so new
combinations of known parts and states are read without being written down.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from clinllm.workflows.message_triage.context import Match, Text
from clinllm.workflows.message_triage.measurements import low_blood_pressure

__all__ = ["EMERGENCY_FINDINGS", "Finding"]

_SENTENCE_END = re.compile(r"[.!?\n]|\s-\s")
# How many words may lie between a part and its state in one sentence.
_NEAR_WORDS = 6


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- parts and states ---------------------------------------------------------------------

#: Central sites whose colour says how much oxygen reaches the blood.
_CENTRAL_SITE = _rx(
    r"\b(?:lips?|mouth|face|tongue|fingertips|finger ?tips|fingernails|nail beds|gums|colou?r"
    r"|labios|boca|cara|l[aá]bios|rosto|moi)\b"
)
_CYANOSED = _rx(
    r"\b(?:blue|bluish|blu|purple|purplish|gr[ae]y(?:[- ]blue)?|gr[ae]yish|dusky|ashen"
    r"|cyanotic|azul\w*|morad\w*|roxo\w*|roxa\w*)\b"
)
#: Skin that is patchy or marbled: the circulation is failing (sepsis, shock).
_LIMB_SKIN = _rx(r"\b(?:skin|legs?|knees?|arms?|feet|hands|body|belly)\b")
_MOTTLED = _rx(
    r"\b(?:mottled|mottling|marbled|lacy purple|(?:purple|blue|cold|grey|gray),? (?:and )?blotchy"
    r"|blotchy,? (?:and )?(?:purple|blue|cold))\b"
)
#: The breathing itself, seen rather than felt.
_BREATHING = _rx(r"\b(?:breath\w*|respirations?|ribs|nostrils|chest|belly|neck muscles|tummy)\b")
_DISTRESSED = _rx(
    r"\b(?:grunt\w*|sucking in|sucks in|suck in|pulling in|pulls in|pull in|caving in|retract\w*"
    r"|flaring|head bobbing|see-?sawing)\b"
)
_ODD_BREATHING = _rx(
    r"\bbreath\w* (?:is |has been |got |gets |sounds |seems |looks )?(?:\w+ )?(?:funny|weird"
    r"|strange|odd|slow|shallow|noisy|off)\b|\b(?:funny|weird|strange|odd|slow|shallow|noisy)"
    r" breath\w*"
)
#: Breathless at rest: the effort of speech or of lying still is more than the lungs give.
_BREATHLESS_AT_REST = _rx(
    r"\b(?:out of breath|short of breath|winded|breathless|puffing)\b (?:[\w']+ ){0,2}(?:just )?"
    r"(?:talking|speaking|sitting|resting|at rest|lying|doing nothing|sitting still)\b"
)
#: The mind, as a caregiver sees it (not the word "confused": the confusion rule reads that).
_ALTERED = _rx(
    r"\b(?:not|isn'?t|hardly|barely|stopped) making (?:any )?sense|\btalking (?:nonsense"
    r"|gibberish|funny|jibberish)|\bout of it\b|\b(?:won'?t|doesn'?t|isn'?t|not|can'?t|cannot)"
    r" (?:[\w']+ )?answer(?:ing)? (?:me|us|when|our|my|questions)\b"
    r"|\bstaring (?:into space|blankly|at (?:the )?(?:wall|ceiling|nothing))|\bjust staring"
    r"|\bnot blinking|\b(?:doesn'?t|can'?t|won'?t|isn'?t|not)"
    r" (?:seem to )?(?:follow|understand|recogni[sz]e) (?:what|anything|us|me|him|her|where)"
    r"|\bdoesn'?t (?:know|seem to know) where (?:she|he) is|\bdifficult to rouse"
    r"|\bhard to rouse|\bonly moans"
)
_ACUTE = _rx(
    r"\b(?:sudden\w*|all of a sudden|out of nowhere|out of the blue|just now|came on|started"
    r"|in the last (?:\w+ )?(?:hour|half hour|few minutes|\d+ minutes)|since (?:\w+ ){0,2}(?:nap"
    r"|lunch|breakfast|dinner|supper|this morning|an hour|waking|she woke|he woke|the fall)"
    r"|(?:\d+|few|twenty|ten|thirty) minutes? ago|an hour ago|today|tonight|this morning)\b"
)
#: A second sign beside an altered mind: one side of the face, a jerking limb, a fever,
#: a colour, a fall or a sugar (each alone is a rule or a same-day need of its own).
_CO_SIGN = _rx(
    r"\b(?:droop\w*|crooked|lopsided|one side|lower than the other|twitch\w*|jerk\w*|shak\w*"
    r"|eyes? roll\w*|fever\w*|feverish|burning up|blue|gr[ae]y|mottled|blotchy|fell|fall|hit"
    r" (?:his|her) head|sugar|diabet\w*|insulin|limp|floppy|cold|clammy|not peeing|hasn'?t"
    r" peed)\b"
)
#: A face that is not the same on both sides, in the words of someone looking at it.
_FACE_HALF = _rx(
    r"\b(?:one side|half|left side|right side|a side) of (?:my|his|her|their|the) (?:face|mouth"
    r"|smile)\b"
)
_ASYMMETRIC = _rx(
    r"\b(?:lower|higher|droop\w*|sag\w*|sunk\w*|not moving|doesn'?t move|won'?t move|different"
    r"|slack|fallen|flat)\b"
)
#: A young child and a household product taken by mouth (or smelt on the breath).
_CHILD = _rx(
    r"\b(?:toddler|baby|son|daughter|kid|child|little one|grandson|granddaughter|boy|girl"
    r"|\d+ ?(?:yr|year|month)s? old|nin[oa]|hij[oa]|bebe|filh[oa]|con tôi|con toi)\b"
)
_HOUSEHOLD = _rx(
    r"\b(?:bleach|detergent|dishwasher|laundry pods?|pods?|cleaner|cleaning (?:stuff|spray"
    r"|product)|drain|oven cleaner|antifreeze|lamp oil|lighter fluid|gasoline|gas can|paint"
    r" thinner|button batter(?:y|ies)|magnets?|under the sink|cloro|lejia|agua sanitaria)\b"
)
_TAKEN_IN = _rx(
    r"\b(?:drank|drink\w*|swallow\w*|ate|eaten|chew\w*|lick\w*|sipp\w*|got into|smells? (?:like|of)"
    r"|in (?:his|her) mouth|gagg\w*|drool\w*|cough\w*|vomit\w*|throw\w* up|threw up|burn\w*)\b"
)
#: A heart attack that does not say chest: sweat and colour with a referred ache.
_AUTONOMIC = _rx(
    r"\b(?:cold sweat|sweaty|sweating|sweat(?:ing)? (?:buckets|through)|clammy|gr[ae]y|ashen"
    r"|suando frio|sudando frio|sudor frio)\b"
)
_REFERRED_ACHE = _rx(
    r"\b(?:jaw|left arm|shoulder blades)\b (?:[\w']+ ){0,2}"
    r"(?:aches?|aching|hurts?|hurting|pain\w*|sore|pressure|heavy|tight)"
    r"|\b(?:ache|aching|pain|pressure|heaviness|tightness) (?:[\w']+ ){0,3}(?:jaw|left arm"
    r"|shoulder blades|upper back)\b"
)
#: A failing circulation beside a low pressure: fast pulse, patchy skin, no urine.
_SHOCK_SIGN = _rx(
    r"\b(?:hr|heart rate|pulse|p) ?(?:of |is |was |:)?(?:1[2-9]\d|2\d\d)\b|\bmottled|\bcool"
    r" (?:and )?(?:mottled|clammy|legs|skin|hands|feet)|\bclammy|\bno urine|\bnot peeing"
    r"|\bhasn'?t peed|\bnot (?:passing|making) urine|\bconfus\w*|\bcold (?:and )?(?:clammy|skin"
    r"|hands|feet|legs)"
)


# --- reading ---------------------------------------------------------------------------------


def _sentence(text: Text, pos: int) -> tuple[int, int]:
    start = max((m.end() for m in _SENTENCE_END.finditer(text.norm, 0, pos)), default=0)
    end_m = _SENTENCE_END.search(text.norm, pos)
    return start, end_m.start() if end_m else len(text.norm)


def _near(text: Text, a: Match, b: Match, words: int = _NEAR_WORDS) -> bool:
    """Whether ``a`` and ``b`` lie in one sentence with at most ``words`` words between them."""
    if _sentence(text, a.start) != _sentence(text, b.start):
        return False
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return len(text.norm[lo:hi].split()) <= words


def _pair(
    text: Text, first: re.Pattern[str], second: re.Pattern[str], words: int = _NEAR_WORDS
) -> tuple[Match, ...]:
    """The first asserted ``first`` hit with an asserted ``second`` hit near it."""
    seconds = text.any_present(second)
    if not seconds:
        return ()
    for a in text.any_present(first):
        for b in seconds:
            if _near(text, a, b, words):
                return (a, b)
    return ()


def _cyanosis(text: Text) -> tuple[Match, ...]:
    return _pair(text, _CYANOSED, _CENTRAL_SITE, 4)


def _mottled(text: Text) -> tuple[Match, ...]:
    return _pair(text, _MOTTLED, _LIMB_SKIN, 4)


def _respiratory_distress(text: Text) -> tuple[Match, ...]:
    """Visible work of breathing (grunting, retractions), or breathless at rest."""
    pair = _pair(text, _DISTRESSED, _BREATHING, 5)
    if pair:
        return pair
    rest = text.any_present(_BREATHLESS_AT_REST, 1)
    if rest:
        return (rest[0],)
    # An odd breathing pattern is an emergency with a colour change or an altered mind.
    odd = text.any_present(_ODD_BREATHING, 1)
    if odd and (text.any_present(_CYANOSED, 1) or text.any_present(_ALTERED, 1)):
        return (odd[0],)
    return ()


def _altered_mind(text: Text) -> tuple[Match, ...]:
    """A mind that is not right, with a sudden onset or a second sign."""
    altered = text.any_present(_ALTERED, 1)
    if not altered:
        return ()
    sign = text.any_present(_ACUTE, 1) or text.any_present(_CO_SIGN, 1)
    return (altered[0], sign[0]) if sign else ()


def _face_asymmetry(text: Text) -> tuple[Match, ...]:
    return _pair(text, _FACE_HALF, _ASYMMETRIC, 4)


def _child_ingestion(text: Text) -> tuple[Match, ...]:
    product = text.any_present(_HOUSEHOLD, 1)
    if not product:
        return ()
    taken = _pair(text, _TAKEN_IN, _HOUSEHOLD, 8)
    child = text.any_present(_CHILD, 1)
    return (taken[0], taken[1], child[0]) if taken and child else ()


def _cardiac_equivalent(text: Text) -> tuple[Match, ...]:
    sweat = text.any_present(_AUTONOMIC, 1)
    ache = text.any_present(_REFERRED_ACHE, 1) if sweat else []
    return (sweat[0], ache[0]) if ache else ()


def _shock(text: Text) -> tuple[Match, ...]:
    low = low_blood_pressure(text)
    sign = text.any_present(_SHOCK_SIGN, 1) if low else []
    return (low[0], sign[0]) if sign else ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One emergency finding: a stable id, the harm it prevents, and its reader."""

    id: str
    harm: str
    detect: Callable[[Text], tuple[Match, ...]]


#: The emergency findings, each read from its parts; :mod:`.redflags` runs them as rules.
EMERGENCY_FINDINGS: tuple[Finding, ...] = (
    Finding("finding_cyanosis", "blue, grey or dusky lips, face or fingertips: too little "
            "oxygen, whatever the writer calls it", _cyanosis),
    Finding("finding_mottled_skin", "mottled, blotchy skin: a failing circulation (sepsis, "
            "shock)", _mottled),
    Finding("finding_respiratory_distress", "grunting, sucking in under the ribs or "
            "breathless at rest: respiratory failure on its way", _respiratory_distress),
    Finding("finding_altered_mind", "a mind that is suddenly not right, or not right beside a "
            "droop, a jerking limb or a fever (stroke, seizure, sepsis, low sugar)",
            _altered_mind),
    Finding("finding_face_asymmetry", "one side of the face lower than the other: a stroke",
            _face_asymmetry),
    Finding("finding_child_ingestion", "a child who drank or ate a household product",
            _child_ingestion),
    Finding("finding_cardiac_equivalent", "a heart attack felt as sweat with a jaw, arm or "
            "back ache rather than chest pain (women, diabetes, the old)", _cardiac_equivalent),
    Finding("finding_shock", "a low blood pressure with a fast pulse, mottled skin or no "
            "urine: shock", _shock),
)  # fmt: skip
