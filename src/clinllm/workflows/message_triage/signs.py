"""Emergencies told by a combination of signs, and lab values that are emergencies on their own.

None of these has one alarm word: a toddler "had a fit with his fever and won't properly wake
up" (a seizure that ended, and a brain that has not come back), a driver "rear-ended this
morning" whose "stomach is swollen and hard" (bleeding inside after blunt trauma), an eye that
"hurts, is red, and the lights have rainbow rings" (acute angle-closure glaucoma: sight is lost
within hours), a warfarin patient whose "INR came back at 9.6, no bleeding" (a critical value
labs phone through at once). Each detector asks for the combination a clinician would, so
each part alone stays with the rules that read it (a seizure as a child, a fender bender two
months ago, red itchy eyes in allergy season, an INR of 2.6 "right in range").
"""

from __future__ import annotations

from clinllm.domain.labs import analyte, read_values
from clinllm.workflows.message_triage import vocabulary as v
from clinllm.workflows.message_triage.context import Match, Text
from clinllm.workflows.message_triage.vocabulary import rx

__all__ = [
    "CRITICAL_LAB_HARM",
    "abdominal_trauma",
    "airway_obstruction",
    "angle_closure",
    "critical_lab",
    "lab_readings",
    "normal_labs",
    "postictal",
]

# ------------------------------------------------------------------ a throat closing over
# Drooling because swallowing one's own saliva is impossible, with a muffled voice or a body
# leaning forward to breathe: epiglottitis or a deep neck abscess closing the airway. A sore
# throat that merely hurts to swallow stays the same-day rule; a teething baby's drool has
# none of the other signs.
_DROOL = rx(r"\bdrool\w*|\bcan'?t (?:\w+ )?swallow (?:\w+ ){0,2}(?:spit|saliva)")
_AIRWAY_SIGN = rx(
    r"\b(?:can'?t|cannot|unable to|won'?t|refus\w*) (?:\w+ )?(?:to )?swallow\w*"
    r"(?! (?:\w+ )?(?:pills?|tablets?|capsules?|meds?)\b)"
    r"|\b(?:muffled|hot potato|strange|weird) (?:voice|sounding)|\bvoice (?:\w+ ){0,3}muffled"
    r"|\blean\w* forward|\bsitting (?:straight )?up to breathe|\btripod\w*|\bstridor"
)


def airway_obstruction(text: Text) -> tuple[Match, ...]:
    """Drooling with a swallowing, voice or posture sign of a closing airway."""
    drool = text.any_present(_DROOL, 1)
    if not drool:
        return ()
    signs = [m for m in text.any_present(_AIRWAY_SIGN, 3) if m.start != drool[0].start]
    return (drool[0], signs[0]) if signs else ()


# ------------------------------------------------------------------ a seizure that ended
_SEIZURE = rx(
    r"\bseizures?\b|\bseizing\b|\bconvuls\w*|\bfits?\b(?! (?:in|into|me|well|fine|okay))"
    r"|\bshaking (?:fit|episode|spell)|\bfebrile (?:seizure|convulsion)|\bconvulsion\w*",
)
#: Signs, after a seizure, that the brain has not come back or one side is affected.
_POSTICTAL_SIGN = rx(
    r"\b(?:won'?t|will not|can'?t|cannot|not|isn'?t|hard to|barely) (?:[\w']+ ){0,1}"
    r"(?:wake|waking|woken|rous\w*)",
    r"\blimp\b|\bfloppy\b|\bunresponsive|\bnot respond\w*|\bnot answering|\bdrows\w*"
    r"|\bvery sleepy|\bwon'?t stay awake|\bnot acting right|\bconfus\w*|\beyes (?:keep )?roll\w*",
    r"\b(?:isn'?t|is not|not|won'?t|can'?t|cannot) (?:[\w']+ )?(?:mov\w*|us\w*|lift\w*)"
    r" (?:his|her|their|my) (?:left|right) (?:arm|leg|hand|side)",
)


def postictal(text: Text) -> tuple[Match, ...]:
    """A seizure now or earlier today with a sign that the person has not recovered.

    The seizure itself may be over ("had a seizure at lunch"): that is the point. A seizure
    framed as long past ("as a kid", "two years ago") or negated does not count; the sign must
    be present now.
    """
    seizure = text.any_present(_SEIZURE, 1)
    sign = text.any_present(_POSTICTAL_SIGN, 1) if seizure else []
    return (seizure[0], sign[0]) if sign else ()


# ------------------------------------------------------------------ blunt trauma to the belly
_TRAUMA = rx(
    r"\b(?:car|bike|motorcycle|motorbike|atv|scooter|road|traffic) (?:accident|crash|wreck)"
    r"|\bcrash\w*|\bcollision|\brear-? ?ended|\bt-? ?boned|\bwreck\b|\bhit by (?:a|the) (?:car"
    r"|truck|bus|bike)|\bhandlebars?|\bseat ?belt|\bfell (?:off|from|down)|\bcame off"
    r"|\bthrown (?:off|from)|\bkicked (?:in|by)|\baccidente",
)
_BELLY = r"(?:belly|tummy|abdomen|abdominal|stomach|estomago|barriga|panza)"
#: Signs of bleeding inside the belly: it swells or hardens, or a seat belt marked it; pain
#: under the left ribs running to the shoulder tip is blood under the diaphragm (a spleen).
_INTERNAL_BLEED = rx(
    rf"\b{_BELLY} (?:[\w']+ ){{0,3}}(?:swell\w*|swollen|distend\w*|bigger|bloat\w*|hard|rigid"
    rf"|tight|firm)",
    rf"\b(?:swollen|distended|hard|rigid) {_BELLY}",
    rf"\bseat ?belt (?:[\w']+ ){{0,3}}(?:bruis\w*|mark\w*)|\bbruis\w* (?:[\w']+ ){{0,2}}across"
    rf" (?:my|his|her|their|the) {_BELLY}",
    r"\bshoulder tip|\btip of (?:my|his|her|the) shoulder",
)
_TRUNK_PAIN = rx(
    rf"\b{_BELLY}\b|\bribs?\b|\bflank\b|\bside\b (?:[\w']+ ){{0,3}}(?:pain|hurt\w*|ach\w*)",
)


def abdominal_trauma(text: Text) -> tuple[Match, ...]:
    """A blow to the trunk (a crash, a fall, handlebars) with signs of bleeding inside.

    The trauma is usually told in the past ("rear-ended this morning"), so only a denial or a
    condition takes it away; the sign must be present now. Pain in the trunk with faintness
    after the blow counts too: the blood is lost out of sight.
    """
    trauma = text.requested(_TRAUMA, 1)
    if not trauma or text.assertion(trauma[0]).hypothetical:
        return ()
    sign = text.any_present(_INTERNAL_BLEED, 1)
    if sign:
        return (trauma[0], sign[0])
    pain = text.any_present(_TRUNK_PAIN, 1)
    faint = text.any_present(v.SYNCOPE, 1) if pain else []
    return (trauma[0], pain[0], faint[0]) if faint else ()


# ------------------------------------------------------------------ acute angle closure
_EYE = r"(?:eyes?|eyeball|ojos?)"
_EYE_PAIN = rx(
    rf"\b{_EYE} (?:[\w']+ ){{0,4}}(?:pain\w*|hurt\w*|ach\w*|throb\w*)",
    rf"\b(?:pain|ache|aching) in (?:my|his|her|their|the) (?:\w+ )?{_EYE}"
    rf"|\bpainful (?:\w+ )?{_EYE}|\bdolor (?:en|de) (?:el |los |mi )?ojo",
)
#: The signs of angle closure that a red, painful, blurred eye from an infection or a contact
#: lens does not give: halos, nausea or vomiting, a headache, an eye hard as a rock.
_ANGLE_SPECIFIC = (
    rx(r"\bhalos?\b|\b(?:rainbow|colou?red) (?:rings?|circles?)|\brings? around (?:the )?lights"),
    rx(r"\bvomit\w*|\bthrew up|\bthrowing up|\bnause\w*|\bfeel\w* sick|\bsick to"),
    rx(r"\bheadache|\bhead (?:[\w']+ ){0,2}(?:pound\w*|hurt\w*|ach\w*)|\bpounding head"),
    rx(r"\brock hard|\bhard as a rock|\b(?:feels|is|went) (?:very )?hard\b"),
)
#: Signs it shares with them.
_ANGLE_SHARED = (
    rx(
        r"\bvision (?:[\w']+ ){0,2}(?:blurr\w*|cloud\w*|dim|loss|gone|foggy)|\bblurr\w* vision"
        r"|\bcloudy\b|\bcan'?t see\b"
    ),
    rx(
        rf"\b(?:red|bloodshot) {_EYE}|\b{_EYE} (?:is |are |got |went )?(?:very )?(?:red|bloodshot)"
        r"|\bit'?s red\b"
    ),
)


def angle_closure(text: Text) -> tuple[Match, ...]:
    """A painful eye with one sign proper to angle closure and one more of any kind.

    A red, painful, blurred eye alone (a keratitis under a contact lens, an iritis) is a
    same-day need, left to the eye rule; halos, vomiting, a headache or a hard eye with it
    make the picture of a pressure rising in the eye.
    """
    pain = text.any_present(_EYE_PAIN, 1)
    if not pain:
        return ()
    specific = [hit[0] for sign in _ANGLE_SPECIFIC if (hit := text.any_present(sign, 1))]
    shared = [hit[0] for sign in _ANGLE_SHARED if (hit := text.any_present(sign, 1))]
    return (
        (pain[0], *specific, *shared)[:3] if specific and len(specific) + len(shared) >= 2 else ()
    )


# ------------------------------------------------------------------ lab values
#: The analytes a patient's message is read for. Other values in the table (a heart rate on a
#: watch, a glucose) are read as patients report them (:func:`clinllm.domain.labs.read_reported`)
#: and judged in :mod:`.measurements`, with a patient's limits.
_ANALYTES = ("inr", "potassium", "sodium")
_INR, _K, _NA = (analyte(key) for key in _ANALYTES)
#: Where a message's emergency starts later than the lab's critical limit. An INR above the
#: table's 5.0 with no bleeding is a same-day call to hold warfarin (urgent, as the open sets
#: label "INR 5.2, no bleeding" and "INR 4.3"), not an ambulance; from 8.0 (triage's limit before
#: the two tables were joined) it is read as an emergency. The note summary keeps the lab's 5.0
#: as a red flag. Needs clinician review, like the table.
_EMERGENCY_HIGH = {"inr": 8.0}
#: The harm :func:`critical_lab` prevents, worded with the limits it applies.
CRITICAL_LAB_HARM = (
    f"an INR above {_EMERGENCY_HIGH['inr']:g}, a potassium above {_K.high:g} or under "
    f"{_K.low:g}, a sodium under {_NA.low:g} or above {_NA.high:g}, with or without symptoms"
)


def lab_readings(text: Text) -> list[tuple[str, float, Match]]:
    """Asserted INR, potassium and sodium values with their spans (name to number).

    "INR 9.6", "INR came back at 9.6", "potassium is 7.1", "K+ 6.8", "sodium of 118" are
    read by :func:`clinllm.domain.labs.read_values`, which also leaves out a dose ("potassium
    chloride 10 meq") and a denial between name and number ("my INR was not 9.2").
    """
    out = []
    for reading in read_values(text.original, _ANALYTES):
        hit = Match(
            reading.start, reading.value_end, text.original[reading.start : reading.value_end]
        )
        framing = text.assertion(hit)
        if not framing.negated and not framing.hypothetical:
            out.append((reading.analyte.key, reading.value, hit))
    return out


def normal_labs(text: Text) -> tuple[Match, ...]:
    """Lab values in the usual range (an INR in a warfarin patient's range included)."""
    return tuple(m for name, value, m in lab_readings(text) if analyte(name).is_normal(value))


def critical_lab(text: Text) -> tuple[Match, ...]:
    """A lab value beyond a critical limit (:data:`clinllm.domain.labs.ANALYTES`).

    These are emergencies whatever the writer feels: the bleeding or the arrhythmia comes
    without warning.
    """
    return tuple(m for name, value, m in lab_readings(text) if _emergency(name, value))[:1]


def _emergency(key: str, value: float) -> bool:
    high = _EMERGENCY_HIGH.get(key)
    if high is not None and value <= high:
        return False
    return analyte(key).is_critical(value)
