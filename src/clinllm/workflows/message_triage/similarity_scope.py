"""How far the semantic layer's findings reach once the rules have read the message.

The sentence classifier (:mod:`.semantic`) compares a sentence with exemplars; it does not
know that a rule has already read the number in it, that the sentence is a conditional ("for
emergencies, call 911"), that every alarm word in it is history or a name, or that the
writer says the finding is mild or the reading normal. :func:`unsettled` keeps the semantic
hits the rules' reading leaves standing (an emergency may become a same-day need, never the
other way); :func:`current_anchor` is the body-or-sign check the routing also asks.
"""

from __future__ import annotations

import re

from clinllm.workflows.message_triage import vocabulary
from clinllm.workflows.message_triage.context import Match, Text
from clinllm.workflows.message_triage.measurements import normal_readings
from clinllm.workflows.message_triage.redflags import RuleHit
from clinllm.workflows.message_triage.signs import normal_labs
from clinllm.workflows.message_triage.situations import INFANT_DANGER

__all__ = ["BODY_ANCHOR", "SETTLING_RULES", "TEMPERED", "current_anchor", "unsettled"]

# A finding the writer qualifies as mild or partial ("a bit dizzy", "not drinking much",
# "isn't eating as much as usual", "a minor accident"), or a sentence that says the vital
# functions are intact ("breathing fine", "lots of wet diapers"). Similarity alone reads the
# alarm words and not these: such a sentence is a same-day need at most, unless a rule finds
# an emergency in it.
TEMPERED = re.compile(
    r"\ba (?:little|bit|tad)\b|\bslight(?:ly)?\b|\bmild(?:ly)?\b|\bminor\b|\bkind of\b"
    r"|\bsort of\b|\b(?:less|more) than usual\b|\bas (?:much|well|often) as (?:usual|normal"
    r"|before)\b|\b(?:not|isn'?t|is not) (?:eating|drinking|feeding|nursing|taking|peeing"
    r"|wetting)(?: \w+)? (?:much|great|as much|as well)\b"
    r"|\b(?:breathing|eating|feeding|drinking|nursing|sleeping|acting|playing|peeing) (?:just )?"
    r"(?:fine|ok|okay|well|normally|normal|great)\b|\b(?:lots|plenty) of wet (?:diapers|nappies)"
    r"|\bgaining weight|\balert and (?:playing|talking|eating)|\bacting (?:like )?(?:him|her)self"
    # The writer says all is well: "16 weeks along and everything is great".
    r"|\beverything (?:is|'s|looks|seems) (?:great|fine|good|normal|ok|okay)\b|\ball good\b"
    r"|\b(?:doing|feeling) (?:great|fine)\b|\blike a champ\b",
)

# Who a sentence is about, not what is wrong: a pregnancy's stage, an infant's age. "I'm 16
# weeks along" and "my 6 week old sleeps 5 hours" sit near the pregnancy and infant
# emergency exemplars by these words alone; they are the ConText "who" of a finding, so
# they are no anchor: a sentence needs a body, a sign or an act besides them.
_WHO = re.compile(
    r"(?:bab(?:y|ies)|infant|newborn|pregnan\w*|weeks along|\d+ (?:days?|weeks?|months?) old"
    r"|embarazada|gravida|enceinte|bebe)"
)

# What a sentence must speak of before sentence similarity alone may call it an emergency: a
# body, a symptom, a vital sign, an act (took, swallowed, fell) or a life. Nearest-exemplar
# similarity has a thin margin, and "Delacroix", "I'm 34 and usually healthy", "My husband
# can't type so I'm writing" and "Also my bill is wrong" land next to emergencies by their
# shape; none of them says anything about a body. Non-Latin scripts pass: their words are
# not listed here. French and Portuguese are listed: "il a pris toute la boite de
# somniferes" named no listed word and was dropped though the layer saw an overdose.
BODY_ANCHOR = re.compile(
    r"\b(?:chest|heart|breath\w*|lungs?|throat|lips?|tongue|face|mouth|smile|jaw|arms?|legs?"
    r"|hands?|foot|feet|head|neck|back|belly|stomach|abdom\w*|eyes?|vision|see|seeing|sight"
    r"|speech|speak\w*|talk\w*|words?|walk\w*|stand\w*|mov\w*|wak\w*|woke|awake|respon\w*"
    r"|conscious\w*|faint\w*|pass\w* out|collaps\w*|fell|fall\w*|seiz\w*|convuls\w*|shak\w*"
    r"|jerk\w*|blood\w*|bleed\w*|clots?|pale|blue|bluish|gr[ae]y|cold|sweat\w*|clammy|numb\w*"
    r"|weak\w*|droop\w*|slurr\w*|confus\w*|dizz\w*|vomit\w*|throw\w* up|threw up|swallow\w*"
    r"|swell\w*|swollen|pills?|tablets?|meds?|medicines?|overdos\w*|poison\w*|bottle|drank"
    r"|drink\w*|ate|eat\w*|took|taken|bab(?:y|ies)|infant|newborn|pregnan\w*|weeks along|labou?r"
    r"|contraction\w*|water broke|fever\w*|temp\w*|sugars?|glucose|pressure|pulse|suicid\w*"
    r"|kill\w*|die|dying|dead|death|hurt\w*|harm\w*|gun|plan|life|alive|pain\w*|ache\w*|aching"
    r"|sting\w*|stung|(?<!a )bit|bite|bitten|burn\w*|cut|wound\w*|injur\w*|hit|struck|sick|ill"
    r"|attack"
    r"|stroke|rash|hives|allerg\w*|epi\w*|inhaler|wheez\w*|gasp\w*|chok\w*|air|skin|body|brain"
    r"|testic\w*|groin|scrotum|vagina\w*|pads?|urine|pee\w*|stool|poop|diapers?|letharg\w*|limp"
    r"|floppy|unresponsive|bruis\w*|kick\w*|crush\w*|squeez\w*|tight\w*|heavy|ambulance|911"
    r"|er|hospital|hot|warm|burning up|thermometer|degrees|\d+ (?:days?|weeks?|months?) old"
    r"|acting|behav\w*|sleepy|drowsy|stiff|rigid|spasm\w*|paraly\w*|scream\w*|inconsolable"
    r"|purple|cyanotic|choke\w*"
    r"|dolor\w*|duele|pecho|respir\w*|aire|cara|boca|brazo|pierna|cabeza|sangr\w*|desmay\w*"
    r"|despierta|responde|pastillas|trag\w*|tomo|bebe|nin[oa]|embarazada|fiebre|azul|morad\w*"
    r"|habla\w*|mueve|mover|parto|ahog\w*|muer\w*|matar\w*|vida|herid\w*|golpe|cayo"
    r"|hinchad\w*|mareo|ataque|infarto|derrame|pila|veneno|cloro|botella|jarabe|convulsion\w*"
    r"|đau|tho|mau|nguc|tim|sot|ngat|giat|tinh|thuoc|meo"
    r"|doule|respire|san|pwatrin|tet|lafyev|endispoze|konesans|kriz|grenn|souf|bouch|figi"
    r"|sakit|hinga|dugo|dibdib|lagnat|malay|gamot|mukha|bibig|nangingisay|suka"
    r"|poitrine|visage|bras|jambes?|tete|saign\w*|reveill\w*|comprim\w*|cachets?|pilules?"
    r"|somnif\w*|medicament\w*|avale\w*|enceinte|fievre|douleur\w*|mourir|tuer|evanoui\w*"
    r"|peito|rosto|braco|perna|cabeca|sangue|desmai\w*|acord\w*|remedio\w*|gravida|febre"
    r"|dor|morrer|engoli\w*|labios|falta de ar)\b"
    r"|[^\x00-\u024f\s\d\W]"
)


# Rules that read a number or a situation in full, with their emergency forms written as rules
# of their own (a low sugar with confusion, a high one with vomiting, a pressure with a
# neurological sign; a critical drug's gap, an exposure, a missed treatment, a drug pair).
SETTLING_RULES = frozenset(
    {
        "glucose_out_of_range",
        "blood_pressure_high",
        "critical_medication_out",
        "pregnancy_exposure",
        "missed_critical_treatment",
        "dangerous_interaction",
        "lab_deadline",
        "wound_infection",
        "new_medication_reaction",
        "throat_swallowing",
    }
)


def _conditional(text: Text, span: Match) -> bool:
    """Whether the sentence ``span`` ends under a conditional frame, read by the rules' context.

    "For emergencies, call 911" and "what are the signs of a stroke I should watch for" are.
    """
    words = list(re.finditer(r"\w+", text.norm[span.start : span.end]))
    if not words:
        return False
    last = words[-1]
    end = Match(span.start + last.start(), span.start + last.end(), last.group())
    return text.assertion(end).hypothetical


def current_anchor(text: Text, span: Match, *, clear: bool = False, who: bool = False) -> bool:
    """Whether the sentence names a body, symptom or act framed as happening now.

    The scope of past, hypothetical and name framing, read by the rules' context: "my dad's
    heart attack six years ago", "what if he stops breathing" and "the Stroke Survivors
    group" sit near emergency exemplars, and every anchor word in them is framed as history,
    a condition or a name. Negation is left to the exemplars: "he won't wake up" and "she
    isn't breathing" are negated words and emergencies. A ``clear`` emergency (a wide
    similarity lead) with no anchor word at all counts: "she's going to jump off the bridge"
    names no body part. One whose anchor words are all framed as past still does not. The
    words of who the sentence is about (a pregnancy's stage, an infant's age) count only
    with ``who``: they say a same-day need may be there, not what the emergency is.
    """
    anchors = 0
    for m in BODY_ANCHOR.finditer(text.norm, span.start, span.end):
        if not who and _WHO.fullmatch(m.group()):
            continue
        framing = text.assertion(Match(m.start(), m.end(), m.group()))
        if not (framing.historical or framing.hypothetical or framing.named):
            return True
        anchors += 1
    return clear and anchors == 0


def unsettled(
    text: Text, semantic_hits: tuple[RuleHit, ...], flags: tuple[RuleHit, ...]
) -> tuple[RuleHit, ...]:
    """The semantic hits, less an emergency on sentences the rules have already read.

    "sugars 350-390, no vomiting, just thirsty" and "my last lamotrigine is tonight" sit near
    emergency exemplars (a diabetic crisis, a seizure) while the rule that read the reading or
    the gap found a same-day need and no emergency sign. The rule knows the thresholds, so the
    sentence stays urgent. A clinic's auto-reply quoted under a patient's message ("For
    medical emergencies, please call 911") and a question about warning signs are framed as
    conditions, and alarm nobody. An emergency the layer saw in any other sentence counts.
    A clear emergency (a wide lead over every other label) needs no anchor word.
    """
    settled = [s for h in flags if h.rule_id in SETTLING_RULES for s in h.spans]
    normal = (*normal_readings(text), *normal_labs(text))
    kept: list[RuleHit] = []
    tempered: list[Match] = []
    for hit in semantic_hits:
        if hit.urgency == "emergency":
            spans = tuple(
                span
                for span in hit.spans
                if not any(span.start < s.end and s.start < span.end for s in settled)
                and not _conditional(text, span)
            )
            # A sentence whose only anchor is who it is about ("I'm breastfeeding my 3 week
            # old and she won't latch") is a same-day need by similarity at most.
            anchored = tuple(s for s in spans if current_anchor(text, s, clear=s in hit.clear))
            tempered.extend(
                s for s in spans if s not in anchored and current_anchor(text, s, who=True)
            )
            spans = anchored
            tempered.extend(s for s in spans if _tempered(text, s, normal))
            spans = tuple(s for s in spans if s not in tempered)
            if not spans:
                continue
            hit = RuleHit(hit.rule_id, hit.urgency, hit.category, spans, hit.clear)
        elif tempered:
            hit = RuleHit(hit.rule_id, hit.urgency, hit.category, (*tempered, *hit.spans)[:3])
            tempered = []
        kept.append(hit)
    if tempered:
        kept.append(RuleHit("semantic_urgent", "urgent", "symptom_escalation", tuple(tempered[:3])))
    return tuple(kept)


def _tempered(text: Text, span: Match, normal: tuple[Match, ...]) -> bool:
    """Whether a semantic emergency's sentence says its finding is mild, partial or well.

    "I'm 10 weeks pregnant, had some spotting and felt a bit dizzy", "my 6 week old isn't
    eating as much as usual", "he's breathing fine", "resting pulse 48, I'm a runner" sit
    near emergency exemplars by their alarm words; the qualifier or the normal reading is
    what the writer says about the degree. Such a sentence is a same-day need at most by
    similarity alone (the rules still find an emergency in it when there is one).
    """
    # A qualifier tempers the finding it qualifies, not a sign of collapse named beside it,
    # whatever that sign's framing ("not feeding much and hard to wake": the "not" reaches).
    if any(p.search(text.norm, span.start, span.end) for p in _UNTEMPERED):
        return False
    if TEMPERED.search(text.norm, span.start, span.end):
        return True
    return any(span.start < m.end and m.start < span.end for m in normal)


#: Signs that no qualifier or normal reading next to them makes less than an emergency.
_UNTEMPERED = (
    vocabulary.UNRESPONSIVE,
    vocabulary.BREATHING,
    vocabulary.STROKE,
    vocabulary.CHEST_PAIN,
    INFANT_DANGER,
)
