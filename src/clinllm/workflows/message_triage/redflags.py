"""Deterministic red-flag rules: findings in a message that must reach staff at once.

Each rule exists because of a harm: a patient typing "chest pressure won't go away" into a
portal while asking for a nitroglycerin refill, a daughter describing her father's face
drooping and asking whether to come in "this afternoon", a parent asking if Tylenol can wait
for a 7-week-old with 39.1 °C. A model may read these as a refill or a routine question; a
rule does not. Rules only ever RAISE urgency (the service combines by maximum), so a rule
that does not fire costs nothing and a rule that fires wrongly over-triages, never under-.

Rules see :class:`~.context.Text` (lower-cased, accent-free, same offsets) and count only
findings asserted now: not negated ("no chest pain"), not hypothetical ("if I get chest
pain"), not history ("last year I had chest pain"). Patterns accept the way patients write:
typos ("cant breath", "chst pain"), Spanish ("dolor de pecho", "no puede respirar"),
caregivers ("his face started drooping"). Every hit keeps the spans that triggered it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from clinllm.workflows.message_triage.context import Match, Text
from clinllm.workflows.message_triage.measurements import (
    fever_spans,
    glucose_readings,
    high_blood_pressure,
    infant_ages,
)
from clinllm.workflows.message_triage.schema import Category, Urgency

__all__ = ["RED_FLAG_RULES", "RedFlagRule", "RuleHit", "find_red_flags"]

Detector = Callable[[Text], tuple[Match, ...]]


@dataclass(frozen=True, slots=True)
class RuleHit:
    """A rule that fired: its id, the urgency it demands, and the spans that triggered it."""

    rule_id: str
    urgency: Urgency
    category: Category
    spans: tuple[Match, ...]

    def __repr__(self) -> str:
        return f"RuleHit({self.rule_id!r}, {self.urgency!r}, spans={len(self.spans)})"


@dataclass(frozen=True, slots=True)
class RedFlagRule:
    """One deterministic rule.

    Attributes:
        id: Stable id, recorded as ``rule:<id>`` in decisions and audit events.
        urgency: The urgency the finding demands (a floor, never a ceiling).
        harm: The harm the rule prevents: why it exists, for reviewers.
        detect: Returns the asserted spans, or ``()`` when the rule does not fire.
        category: Where the finding routes (symptoms beat every other request).
    """

    id: str
    urgency: Urgency
    harm: str
    detect: Detector
    category: Category = "symptom_escalation"

    def apply(self, text: Text) -> RuleHit | None:
        """Run the rule on ``text``."""
        spans = self.detect(text)
        return RuleHit(self.id, self.urgency, self.category, spans) if spans else None


# A word gap inside a trigger never swallows a negation: "throat is not tight" must not
# match "throat ... tight". Triggers that contain a negation spell it out explicitly.
_NEGATION_WORD = r"(?!(?:no|not|never|nor|isn'?t|aren'?t|wasn'?t|weren'?t|without|sin|ni)\b)"
_GAPS = (r"(?:[\w']+ )", r"(?:\w+ )", r"(?:[\w',]+ )", r"(?:[\w']+\W+)")


def _rx(*alternatives: str) -> re.Pattern[str]:
    pattern = "|".join(f"(?:{a})" for a in alternatives)
    for gap in _GAPS:
        pattern = pattern.replace(gap, f"(?:{_NEGATION_WORD}{gap[3:]}")
    return re.compile(pattern)


def _patterns(
    triggers: re.Pattern[str],
    *,
    requires: re.Pattern[str] | None = None,
    unless: re.Pattern[str] | None = None,
) -> Detector:
    """A detector: an asserted trigger, plus an asserted ``requires`` hit when given."""

    def detect(text: Text) -> tuple[Match, ...]:
        hits = text.any_present(triggers)
        if not hits:
            return ()
        if unless is not None and unless.search(text.norm):
            return ()
        if requires is not None:
            support = text.any_present(requires)
            if not support:
                return ()
            hits = hits + support[:1]
        return tuple(hits)

    return detect


_W = r"(?:[\w']+\W+)"  # one word and what follows it
_POSS = r"(?:my|his|her|their|the|our|your)"
_CHEST = r"(?:chest|chst|cheast|chets|chset|ches)"
_CHEST_FEEL = (
    r"(?:pain\w*|pian\w*|pressure|presure|tight\w*|heav\w*|hurt\w*|discomfort|ache\w*|aching"
    r"|squeez\w*|crush\w*)"
)
_ANTICOAG = (
    r"warfarin|coumadin|jantoven|eliquis|apixaban|xarelto|rivaroxaban|pradaxa|dabigatran"
    r"|lovenox|enoxaparin|heparin|blood thinners?|anticoag\w*|plavix|clopidogrel|brilinta"
)
_ALLERGY_CONTEXT = _rx(
    r"\b(?:allerg\w*|hives|ate|eating|eaten|peanuts?|nuts?|shellfish|shrimp|sting\w*|stung|bee"
    r"|wasp|reaction|epi-?pens?|epinephrine|itch\w*|new (?:med\w*|pill|antibiotic)|started"
    r"|amoxicillin|penicillin|sulfa|lisinopril|swell\w*|swollen|hinchad\w*)\b"
)

_CHEST_PAIN = _rx(
    rf"\b{_CHEST}\s*(?:is |feels? |has been |was |keeps )?{_W}?{_CHEST_FEEL}",
    rf"\b{_CHEST_FEEL}\s+{_W}{{0,2}}(?:in|on|across|of) {_POSS} {_CHEST}\b",
    rf"\belephant {_W}{{0,3}}on {_POSS} {_CHEST}",
    r"\bdolor\w* (?:\w+ ){0,2}(?:de|en) (?:el |mi |su )?pecho|\bme duele (?:el|mi) pecho"
    r"|\bpecho (?:\w+ ){0,2}(?:duele|dolor|apretado|presion)|\bopresion en el pecho",
    r"\b(?:having|is having|am having|i'?m having|think (?:i'?m|he'?s|she'?s|it'?s) (?:having )?"
    r"a|is this a|is it a|could (?:this|it) be a|feels like a) heart attack\b|\binfarto\b",
)
_STROKE = _rx(
    r"\b(?:face|mouth|smile|cara|boca)\w*\s+(?:[\w']+\s+){0,4}(?:droop\w*|drop+ing|sag\w*|crooked"
    r"|uneven|lopsided|twist\w*|caid[ao]|torcid[ao]|chuec[ao])",
    r"\bdroop\w* (?:\w+ ){0,2}(?:face|mouth|smile|cara)",
    r"\b(?:face|smile|mouth)\b (?:[\w']+ ){0,3}(?:weird|funny|odd|strange|different|off|crooked)"
    r" on (?:one|the left|the right|his left|his right|her left|her right) side",
    r"\b(?:one side|half|left side|right side) of (?:my|his|her|their|the) (?:face|body)\b"
    r" (?:\w+ ){0,3}(?:numb|weak|droop\w*|limp|paraly\w*|dead)",
    r"\bslurr\w*|\bhabla (?:arrastrada|rara|enredada)|\barrastra (?:las )?palabras",
    r"\b(?:can'?t|cannot|unable to) (?:talk|speak) (?:right|properly|clearly|normally|straight)"
    r"|\bno (?:puede|puedo) hablar bien|\bwords (?:won'?t|will not) come out",
    r"\b(?:words|speech|talking)\b (?:[\w']+ ){0,4}(?:slurr\w*|garbled|jumbled|gibberish"
    r"|not making sense|coming out wrong)",
    r"\b(?:can'?t|cannot|unable to|couldn'?t|can not) (?:lift|move|raise|feel|use) (?:his|her|my"
    r"|their|the) (?:right |left )?(?:arm|leg|hand|side)",
    r"\b(?:sudden|suddenly|all of a sudden) (?:[\w']+ ){0,3}(?:weak\w*|numb(?:ness|ed)?\b|paraly\w*"
    r"|can'?t (?:talk|speak|see))",
    r"\b(?:having|is having|might be having|think (?:he|she|i|it)'?s? (?:is )?(?:having )?a"
    r"|is this a|is it a|could (?:this|it) be a|signs of a) stroke\b|\bderrame\b|\bembolia\b"
    r"|\bataque cerebral",
    r"\blost (?:the |his |her |my )?vision in (?:one|my|his|her|the) (?:\w+ )?eye",
    r"\b(?:vision|sight) (?:\w+ ){0,2}(?:went black|went dark|blacked out)",
)
_THUNDERCLAP = _rx(
    r"\bworst headache\b|\bthunderclap|\bpeor dolor de cabeza",
    r"\b(?:sudden\w*|explosive) (?:\w+ ){0,2}(?:severe|worst|terrible|horrible|excruciating)"
    r" headache",
)
_STIFF_NECK = _rx(r"\bstiff neck|\bneck (?:is |feels )?(?:really |very )?stiff|\bcuello rigido")
_ANAPHYLAXIS = _rx(
    r"\b(?:lips?|tongue|labios?|lengua)\b (?:[\w']+ ){0,3}(?:swell\w*|swollen|puff\w*|hinchad\w*"
    r"|getting big)",
    r"\b(?:swollen|swelling (?:of|in)|puffy) (?:\w+ ){0,1}(?:lips?|tongue)\b",
    r"\b(?:tongue|lips?) (?:feels?|looks?|is|are|getting|got) (?:\w+ )?(?:big|huge|thick|fat"
    r"|enormous)",
    r"\bthroat\b (?:[\w']+ ){0,3}(?:closing|closed|swelling shut|cerrando)|\bgarganta (?:se )?"
    r"(?:cierra|cerrando|cerrada)",
    r"\banaphyla\w*|\b(?:used|gave|give|giving|had to use|injected) (?:\w+ ){0,2}epi-?pens?\b",
    r"\b(?:can'?t|cannot|can barely|barely|unable to) swallow (?:\w+ ){0,2}(?:saliva|spit)",
)
_ALLERGIC_AIRWAY = _rx(
    r"\bthroat\b (?:[\w']+ ){0,3}(?:tight\w*|swell\w*|swollen|itchy and tight)",
    r"\b(?:hard|harder|difficult|trouble|difficulty|can'?t) (?:\w+ )?(?:to )?swallow\w*",
    r"\bface (?:[\w']+ ){0,2}(?:swell\w*|swollen|puff\w*)|\b(?:swollen|puffy) face\b",
    r"\bvoice (?:\w+ ){0,3}(?:funny|hoarse|strange|different|muffled)|\bdrool\w*",
)
_BLEEDING = _rx(
    r"\bbleed\w* through (?:the |a |his |her |my )?(?:bandages?|gauze|dressing|towels?|pads?"
    r"|clothes)",
    r"\bsoak\w* (?:through )?(?:a |one |two |three |\d+ )?(?:\w+ )?(?:pads?|towels?|tampons?"
    r"|shirts?|sheets?|gauze)",
    r"\b(?:bleeding|blood)\b (?:[\w']+ ){0,3}(?:won'?t|will not|doesn'?t|does not|hasn'?t|not)"
    r" (?:\w+ )?stop\w*",
    r"\bcan'?t (?:get (?:it|the bleeding|him|her) to )?stop (?:the |his |her )?bleed\w*",
    r"\bbleed\w* (?:nonstop|non-stop|heavily|like crazy|everywhere|a lot|so much)",
    r"\bbleed\w* (?:[\w']+ ){0,4}(?:really |very |so )?heavy\b",
    r"\b(?:heavy|heavily|profuse\w*|massive|uncontrolled|gushing|spurting|lots of)"
    r" (?:\w+ )?bleed\w*",
    r"\bbleed\w* (?:for|over) (?:\d+|an?|one|two|three|forty|thirty) (?:\w+ )?"
    r"(?:min\w*|hours?|hrs?)",
    r"\bclots? (?:\w+ ){0,2}(?:bigger|larger) than|\bpassing (?:large|big|huge) clots",
    r"\b(?:vomit\w*|throwing up|throw up|threw up|coughing up|spitting up|puking)"
    r" (?!(?:a )?(?:little|bit|tiny|few|small|some)\b)(?:\w+ ){0,2}(?:blood|coffee grounds)"
    r"(?![- ](?:streak|tinged|speck))",
    r"\bblood (?:everywhere|gushing|pouring)|\bsangr\w* (?:mucho|abundante|fuerte|sin parar)"
    r"|\bno (?:para|deja) de sangrar",
)
_BREATHING = _rx(
    r"\b(?:can'?t|cant|cannot|can not|unable to|couldn'?t) (?:[\w']+ ){0,2}(?:breath\w*|brethe"
    r"|breth)|\bme cuesta respirar",
    r"\b(?:hard|hard time|harder|trouble|difficulty|difficult|struggling|struggle|labou?red)"
    r" (?:to )?(?:breath\w*|brething)",
    r"\b(?:problems?|issues?) breathing\b",
    r"\bgasping|\bchoking\b|\bturning blue\b|\bse (?:esta )?ahog\w*",
    r"\b(?:can'?t|cannot|unable to|couldn'?t) (?:finish|complete|say|get out) (?:a |full |whole )*"
    r"(?:sentences?|words?)",
    r"\b(?:lips|face|skin|fingers|fingertips|labios)\b (?:[\w']+ ){0,2}(?:blue|bluish|gray|grey"
    r"|azul\w*|morad\w*)",
    r"\b(?:not|isn'?t|stopped|no esta) breathing\b|\bno (?:puede|puedo) respirar"
    r"|\brespira (?:raro|mal)|\bfalta (?:de )?(?:el )?aire",
    r"\bbreathing (?:\w+ ){0,2}(?:strange|weird|funny|like snoring|gurgl\w*|very fast|really fast)",
)
_OVERDOSE = _rx(
    r"\boverdos\w*|\bsobredosis",
    r"\b(?:took|taken|swallowed) (?:\w+ ){0,2}(?:too many|a (?:bunch|handful|lot) of|all (?:of )?"
    r"(?:my|his|her|the)|(?:the|a|an) (?:whole|entire|full) (?:bottle|pack|box|package))",
    r"\b(?:swallowed|drank|ate|got into|chewed) (?:[\w']+ ){0,6}(?:pills|tablets|meds|medicine"
    r"|medication|bleach|detergent|pods?|poison|antifreeze|batter(?:y|ies)|magnets|cleaner)",
    r"\b(?:tomo|se tomo) (?:todas|muchas) (?:las )?pastillas",
    r"\b(?:took|swallowed|taken) (?:like |about |around |maybe )?(?:\d{2,}|[5-9]|five|six|seven"
    r"|eight|nine|ten|a dozen|twenty|thirty) (?:of )?(?:my |his |her |the )?(?:\w+ )?(?:pills"
    r"|tablets|caps\w*|meds)",
)
_UNRESPONSIVE = _rx(
    r"\bunresponsive|\bunconscious|\bnot responding|\bno responde|\bno (?:se )?despierta"
    r"|\bno reacciona",
    r"\b(?:won'?t|will not|can'?t|cannot|not|isn'?t|doesn'?t|hard to) (?:[\w']+ )?"
    r"(?:wake|waking|woken)(?: (?:\w+ )?up)?",
    r"\bcollapsed\b|\bseizing\b|\bconvuls\w*",
    r"\b(?:can'?t|cannot|couldn'?t) (?:get|make) (?:him|her|them|the baby|my \w+) (?:to )?(?:wake"
    r"|respond)",
    r"\bhaven'?t felt (?:the |my )?(?:baby|him|her) (?:move|kick)|\b(?:baby|bebe) (?:hasn'?t|has"
    r" not|hasnt) (?:been )?(?:mov|kick)\w*|\b(?:no|less|fewer|decreased|reduced) (?:fetal )?"
    r"(?:movements?|kicks?)\b|\bno (?:lo |la )?siento mover",
    r"\bseizure (?:[\w']+ ){0,3}(?:won'?t stop|not stopping|still going|for (?:\d+|five|several)"
    r" min\w*)|\bhaving a seizure|\bfirst (?:ever )?seizure",
    r"\b(?:baby|bebe|infant|newborn)\b (?:[\w']+ ){0,3}(?:not|isn'?t|stopped|no se) (?:\w+ )?"
    r"(?:mov\w*|kick\w*|mueve)",
    r"\b(?:limp|floppy) (?:and )?(?:baby|infant|newborn)"
    r"|\b(?:baby|infant) (?:is |seems )?(?:limp|floppy)",
)
_HARM_OTHERS = _rx(
    r"\b(?:going to|gonna|want to|will|about to) (?:kill|hurt|shoot|stab) (?:him|her|them|someone"
    r"|somebody|people|my (?:husband|wife|boss|kids?|son|daughter|mom|dad|partner))\b",
)
_HEAD_INJURY = _rx(
    r"\b(?:hit|bumped|banged|struck|smacked) (?:his|her|my|their|the) head|\bhead (?:injury|trauma)"
    r"|\bgolpe (?:en|de) la cabeza|\bse (?:cayo|pego en la cabeza)",
    r"\b(?:fell|had a fall|took a fall|fallen|fall in|fall down|fall on)\b",
)
_HEAD_HIGH_RISK = _rx(
    rf"\b(?:{_ANTICOAG})\b",
    r"\b(?:not (?:\w+ )?wak\w*|won'?t wake|unconscious|confus\w*|vomit\w*|threw up|throwing up"
    r"|passed out|knocked out|seizure|drowsy|very sleepy|not making sense)",
)

# Urgent (same day) findings.
_SOB = _rx(r"\bshort(?:ness)? of breath|\bout of breath|\bwinded\b|\bbreathless")
_ASTHMA = _rx(
    r"\bwheez\w*",
    r"\b(?:albuterol|inhaler|nebulizer|neb)\b (?:[\w']+ ){0,5}(?:every (?:\d+|few|couple|two|three"
    r"|1|2) (?:\w+ )?(?:hours?|hrs?|min\w*)|not helping|isn'?t helping|doesn'?t help|not working)",
    r"\basthma\w* (?:[\w']+ ){0,3}(?:flar\w*|attack|worse|bad)",
)
_DEHYDRATION = _rx(
    r"\bcan'?t keep (?:[\w']+ ){0,3}down",
    r"\bnot (?:eating|drinking) (?:\w+ ){0,3}(?:for|since|in) (?:\d+|two|three|several|a few)"
    r" days|\b(?:won'?t|not|isn'?t) (?:eat|drink)\w* (?:or|and|nor) (?:drink|eat)\w*",
    r"\b(?:no|only (?:\d|one|two)|(?:\d|one|two)) wet diapers?",
    r"\bpee(?:d)? only once|\bonly peed once|\bhaven'?t (?:peed|urinated)|\bno wet",
    r"\b(?:vomit\w*|throwing up|threw up|puking|diarrh?e\w*|diarea)\b (?:[\w',]+ ){0,6}(?:\d+|ten"
    r"|several|many|multiple) times",
    r"\b(?:vomit\w*|throwing up|puking|diarrh?e\w*|diarea)\b (?:[\w']+ ){0,3}(?:all (?:night|day)"
    r"|nonstop|non-stop|every (?:hour|\d+ min\w*))",
)
_WOUND = _rx(
    r"\b(?:incisions?|wound|cut|stitches|sutures|surgical site|staples|drain site)\b"
    r" (?:[\w']+ ){0,6}(?:red\w*|warm|hot|pus|leak\w*|ooz\w*|drain\w*|swollen|open\w*|infect\w*"
    r"|smell\w*)",
    r"\binfected\b|\binfection\b",
)
_EYE = _rx(
    r"\beyes?\b (?:[\w']+ ){0,4}(?:pain\w*|hurt\w*|red\w*|swollen)",
    r"\bvision (?:[\w']+ ){0,2}(?:blurr\w*|double|loss|changes?|dim|spots)|\bblurr\w* vision"
    r"|\bdouble vision|\blight (?:hurts|bothers)|\bsensitiv\w* to light|\bflash\w*"
    r"|\bcurtain\b|\bshadow (?:\w+ ){0,3}(?:over|across|in) (?:\w+ ){0,2}(?:vision|eye)"
    r"|\bfloaters\b",
)
_SHINGLES = _rx(
    r"\bshingles\b(?! (?:vaccine|shot|vaccination|jab))|\bblister\w* rash"
    r"|\brash\b (?:[\w']+ ){0,6}(?:eye|forehead)",
)
_LACERATION = _rx(
    r"\b(?:deep|gaping|big|large) (?:\w+ )?(?:cut|gash|laceration|wound)|\bneeds? stitches"
    r"|\b(?:cut|gash) (?:\w+ ){0,3}(?:is|was|it'?s) (?:really |very )?(?:deep|gaping)",
)
_PREGNANT = _rx(
    r"\bpregnan\w*|\b\d{1,2} (?:wks?|weeks) (?:pregnant|along)|\bembarazada|\bpostpartum"
    r"|\bjust (?:had|delivered) (?:my|the|a|her) baby"
)
_PREECLAMPSIA_SIGNS = _rx(
    r"\b(?:severe|terrible|bad|horrible|worst|pounding) headache|\bseeing (?:spots|stars|flashes)"
    r"|\bvision (?:\w+ ){0,2}(?:blurr\w*|changes?|spots)|\bblurr\w* vision|\bseizure"
    r"|\bupper (?:right )?(?:belly|stomach|abdominal) pain",
)
_COUGH_BLOOD = _rx(
    r"\bcough\w* up (?:\w+ ){0,3}blood|\bblood[- ](?:streaked|tinged) (?:mucus|phlegm|sputum|spit)"
)
_FACIAL_SWELLING = _rx(
    r"\b(?:jaw|cheek|face|gums?|eyelids?)\b (?:[\w']+ ){0,2}(?:swollen|swelling|puff\w*)"
    r"|\b(?:swollen|puffy) (?:jaw|cheek|face|gums?|eyelids?)",
)
_FRACTURE = _rx(
    r"\b(?:bent|looks) (?:\w+ ){0,2}wrong|\bdeformed|\bbone (?:\w+ ){0,2}(?:sticking|poking) out"
    r"|\b(?:broke|broken|fractured?) (?:his|her|my|their) (?:\w+ )?(?:arm|leg|wrist|ankle|hip)",
)
_PALPITATIONS = _rx(
    r"\bpalpitations?|\bheart (?:is |keeps )?(?:racing|pounding|fluttering|skipping|beating"
    r" (?:really |so |very )?(?:fast|hard|irregular\w*))|\bskipp\w* beats|\birregular heart ?beat"
    r"|\bracing heart",
)
_PALPITATION_DANGER = _rx(
    r"\bfaint\w*|\bpass(?:ed|ing)? out|\bchest (?:pain|pressure|tight\w*)"
    r"|\bshort(?:ness)? of breath|\bdizz\w*|\blight-? ?headed|\bblack(?:ed)? out",
)
_HOPELESS = _rx(
    r"\bhopeless\w*|\b(?:don'?t|do not|can'?t) see (?:the|any) point|\bno point (?:in|to)"
    r" (?:anything|living|going on)|\b(?:really|severely|very|so) depressed|\bstopped eating",
)
_DVT = _rx(r"\b(?:calf|leg|thigh)\b (?:[\w']+ ){0,4}(?:swollen|swell\w*|warm\w*|red|hot)")
_SYNCOPE = _rx(
    r"\bdizz\w*|\blight-? ?headed|\bvertigo\b|\broom (?:spins|is spinning|spinning)"
    r"|\bmare(?:o|ad[ao])",
    r"\bpass(?:ed|ing)? out|\bfaint\w*|\bblack(?:ed)? out|\bdesmay\w*",
)
_CONFUSION = _rx(
    r"\bconfus\w*|\bdisoriented|\bnot making sense|\bmixing up (?:days|words|names|people)"
    r"|\bacting (?:strange|weird|odd)|\bconfundid\w*",
)
_SEVERE_PAIN = _rx(
    r"\b(?:severe|unbearable|excruciating|terrible|horrible|intense|worst) (?:\w+ ){0,2}"
    r"(?:pain|cramp\w*|headache|ache)",
    r"\bpain (?:is )?(?:\w+ )?(?:severe|unbearable|excruciating)|\b(?:10|ten) ?(?:/|out of) ?10",
)
_ALLERGY = _rx(r"\bhives\b|\ballergic reaction|\b(?:broke|breaking) out in\b|\bronchas\b")
_BLEED_RISK = _rx(
    r"\bbleed\w*|\bspotting\b|\bsangr\w*|\bblood in (?:my |his |her )?(?:urine|pee|stool|poop"
    r"|diaper)|\b(?:bloody|black|tarry) (?:stool|poop|diarrh\w*|urine)|\bcoughing up blood",
)
_BLEED_CONTEXT = _rx(
    rf"\b(?:{_ANTICOAG}|pregnan\w*|embarazada|postpartum|after (?:my |the )?(?:surgery|procedure"
    r"|biopsy|delivery)|urine|stool|poop|coughing)\b"
)
_LIGHT_BLEEDING = _rx(
    r"\b(?:light|minimal|slight|a little|just spotting|barely|tiny amount)\b"
    r"(?! ?head)",
)
_PREGNANCY = _rx(
    r"\b(?:water|waters) (?:\w+ )?(?:broke|broken|leaking)|\bcontractions?\b"
    r"|\bdecreased (?:fetal )?movement",
)
_ER_QUESTION = _rx(
    r"\b(?:should|do|must) (?:i|we|he|she) (?:\w+ )?(?:call 911|go to the (?:er|emergency|hospital)"
    r"|call an ambulance)|\b(?:call|llamar al) 911\b",
)
_UNSAFE = _rx(
    r"\bnot safe at home|\bafraid (?:of|for) my (?:life|safety)|\b(?:he|she) (?:hit|hits|beat"
    r"|beats|choked|chokes) me\b",
)

_HYPO_SIGNS = _rx(
    r"\bconfus\w*|\bsweat\w*|\bshak\w*|\bwon'?t (?:eat|drink)|\bpushing it away|\bunresponsive"
    r"|\bnot (?:\w+ )?wak\w*|\bpassed out|\bseizure|\bslurr\w*|\bcan'?t (?:think|stand)",
)
_IMMUNOCOMPROMISED = _rx(
    r"\bchemo\w*|\bneutropeni\w*|\btransplant\w*|\bon (?:high[- ]dose )?steroids|\bsickle cell"
)


def _infant_fever(text: Text) -> tuple[Match, ...]:
    ages = infant_ages(text, max_days=90)
    if not ages:
        return ()
    fever = fever_spans(text)
    return (ages[0], *fever) if fever else ()


def _meningitis(text: Text) -> tuple[Match, ...]:
    neck = text.any_present(_STIFF_NECK)
    fever = fever_spans(text)
    return (neck[0], fever[0]) if neck and fever else ()


def _fever_immunocompromised(text: Text) -> tuple[Match, ...]:
    fever = fever_spans(text)
    context = text.any_present(_IMMUNOCOMPROMISED)
    return (fever[0], context[0]) if fever and context else ()


def _fever(text: Text) -> tuple[Match, ...]:
    return tuple(fever_spans(text)[:2])


def _hypoglycemia_severe(text: Text) -> tuple[Match, ...]:
    low = [m for v, m in glucose_readings(text) if v < 55]
    if low:
        return tuple(low[:1])
    low70 = [m for v, m in glucose_readings(text) if v < 70]
    signs = text.any_present(_HYPO_SIGNS)
    return (low70[0], signs[0]) if low70 and signs else ()


def _glucose_out_of_range(text: Text) -> tuple[Match, ...]:
    return tuple(m for v, m in glucose_readings(text) if v < 70 or v >= 300)[:2]


_HYPERTENSIVE_SIGNS = _rx(
    r"\bblurr\w* vision|\bvision (?:\w+ ){0,2}(?:blurr\w*|changes?|loss|double)|\bchest (?:pain"
    r"|pressure|tight\w*)|\bconfus\w*|\bweakness|\bnumb(?:ness)?\b|\bslurr\w*|\bshort(?:ness)? of"
    r" breath|\b(?:severe|pounding|terrible|worst|splitting|horrible) headache",
)


def _hypertensive_emergency(text: Text) -> tuple[Match, ...]:
    high = high_blood_pressure(text)
    signs = text.any_present(_HYPERTENSIVE_SIGNS) if high else []
    return (high[0], signs[0]) if signs else ()


_IDEATION = _rx(
    r"\b(?:kill\w*|hurt\w*|harm\w*|hang\w*|shoot\w*|cut\w*) (?:my ?self|myself|him ?self|her ?self"
    r"|themselves|themself)\b|\bend(?:ing|ed)? (?:my|his|her|their|it) (?:own )?(?:life|all)"
    r"|\bend it all\b|\btake (?:my|his|her|their) (?:own )?life|\bsuicid\w*",
    r"\b(?:don'?t|do not|dont) want to (?:live|be alive|be here|wake up|go on|do this anymore"
    r"|exist)",
    r"\b(?:want|wanted|need) (?:it all|everything|the pain|this) to (?:stop|end)"
    r" (?:for good|forever)|\bwanted it all to (?:stop|end)|\bbetter off (?:dead|without me)"
    r"|\b(?:want|wanna|wish i could) (?:to )?die\b"
    r"|\bwish i (?:was|were) dead|\bno reason to live|\bcan'?t go on\b",
    r"\bno (?:quiero|quiere) vivir|\bquier[oe] morir\w*|\bmatar(?:me|se)|\b(?:me|se) quiere matar"
    r"|\b(?:me|se) (?:voy|va) a matar|\bquitar(?:me|se) la vida|\bsuicidar(?:me|se)",
)
_PLAN_OR_MEANS = _rx(
    r"\bplan\w*\b|\btonight\b|\bgoodbye|\bgive away (?:my )?(?:things|stuff)",
    r"\b(?:saving|saved|stockpil\w*|hoard\w*|collecting) (?:\w+ ){0,2}(?:pills|meds|medication\w*"
    r"|tablets)|\benough (?:pills|meds|medication)|\bthere'?s enough\b|\bcounted (?:them|my pills"
    r"|the pills)",
    r"\b(?:gun|rope|noose|bridge|razor|blade|pistol|firearm|pills|pastillas)\b",
    r"\b(?:letters?|notes?) (?:to|for) (?:my )?(?:kids|children|family|wife|husband|son|daughter"
    r"|mom|parents)|\bwrote (?:\w+ ){0,2}(?:letters?|notes?)",
    r"\b(?:going to|gonna|about to) (?:do it|kill|end|take)",
)
_SAFETY_STATEMENT = re.compile(
    r"\bno plans?\b|\bnot (?:going|gonna) to (?:do|act|hurt|kill)\w*|\b(?:i'?m|i am) safe\b"
    r"|\bwouldn'?t (?:ever )?(?:do|act)\b|\bwon'?t (?:do|act)\b|\bno intent\w*"
)


def _suicidal_plan(text: Text) -> tuple[Match, ...]:
    ideation = text.any_present(_IDEATION)
    if not ideation:
        return ()
    plan = text.any_present(_PLAN_OR_MEANS)
    if plan:
        return (ideation[0], *plan[:2])
    # Ideation with no explicit statement of safety cannot be assessed from a portal
    # message: it must reach staff at once.
    return () if _SAFETY_STATEMENT.search(text.norm) else (ideation[0],)


def _suicidal_ideation(text: Text) -> tuple[Match, ...]:
    return tuple(text.any_present(_IDEATION)[:1])


def _rule(rule_id: str, urgency: Urgency, harm: str, detect: Detector) -> RedFlagRule:
    return RedFlagRule(id=rule_id, urgency=urgency, harm=harm, detect=detect)


#: Every red-flag rule, emergencies first. Ids are stable: they are stored in decisions.
RED_FLAG_RULES: tuple[RedFlagRule, ...] = (
    _rule("chest_pain_now", "emergency", "a heart attack typed as a refill or reflux question",
          _patterns(_CHEST_PAIN)),
    _rule("stroke_signs", "emergency", "face droop, slurred speech or one-sided weakness "
          "waiting for an afternoon visit", _patterns(_STROKE)),
    _rule("thunderclap_headache", "emergency", "a brain bleed described as a bad headache",
          _patterns(_THUNDERCLAP)),
    _rule("meningitis_signs", "emergency", "fever with a stiff neck", _meningitis),
    _rule("anaphylaxis", "emergency", "lip, tongue or throat swelling treated as allergies",
          _patterns(_ANAPHYLAXIS)),
    _rule("allergic_airway", "emergency", "throat tightness or swallowing trouble after an "
          "allergen", _patterns(_ALLERGIC_AIRWAY, requires=_ALLERGY_CONTEXT)),
    _rule("trouble_breathing", "emergency", "respiratory failure", _patterns(_BREATHING)),
    _rule("suicidal_plan", "emergency", "suicidal intent with a plan or means, or with no "
          "statement of safety", _suicidal_plan),
    _rule("harm_to_others", "emergency", "a threat to someone else", _patterns(_HARM_OTHERS)),
    _rule("heavy_bleeding", "emergency", "haemorrhage (postpartum, on anticoagulants, GI)",
          _patterns(_BLEEDING)),
    _rule("overdose_poisoning", "emergency", "an overdose or ingestion", _patterns(_OVERDOSE)),
    _rule("unresponsive_or_seizure", "emergency", "loss of consciousness, seizure, a baby not "
          "moving", _patterns(_UNRESPONSIVE)),
    _rule("head_injury_high_risk", "emergency", "intracranial bleeding after a fall on a blood "
          "thinner or with neurological signs",
          _patterns(_HEAD_INJURY, requires=_HEAD_HIGH_RISK)),
    _rule("infant_fever", "emergency", "sepsis in an infant of 90 days or younger",
          _infant_fever),
    _rule("fever_immunocompromised", "emergency", "neutropenic sepsis on chemotherapy or after "
          "a transplant", _fever_immunocompromised),
    _rule("hypoglycemia_severe", "emergency", "severe low blood sugar", _hypoglycemia_severe),
    _rule("hypertensive_emergency", "emergency", "severe hypertension with organ symptoms",
          _hypertensive_emergency),
    _rule("preeclampsia_signs", "emergency", "pre-eclampsia: headache or vision change in "
          "pregnancy or after delivery",
          _patterns(_PREECLAMPSIA_SIGNS, requires=_PREGNANT)),
    _rule("palpitations_with_symptoms", "emergency", "an arrhythmia with fainting, chest pain "
          "or breathlessness", _patterns(_PALPITATIONS, requires=_PALPITATION_DANGER)),
    _rule("suicidal_ideation", "urgent", "suicidal thoughts without a plan: same-day contact",
          _suicidal_ideation),
    _rule("severe_depression", "urgent", "hopelessness or severe depression: same-day contact",
          _patterns(_HOPELESS)),
    _rule("palpitations", "urgent", "palpitations", _patterns(_PALPITATIONS)),
    _rule("short_of_breath", "urgent", "breathlessness that can worsen within hours",
          _patterns(_SOB)),
    _rule("asthma_flare", "urgent", "an asthma flare needing rescue medication often",
          _patterns(_ASTHMA)),
    _rule("fever", "urgent", "infection with fever (UTI to kidney, post-op, child)", _fever),
    _rule("dehydration", "urgent", "fluid loss in children and adults", _patterns(_DEHYDRATION)),
    _rule("wound_infection", "urgent", "a surgical site or wound infection",
          _patterns(_WOUND)),
    _rule("eye_symptoms", "urgent", "vision-threatening eye problems", _patterns(_EYE)),
    _rule("shingles_face", "urgent", "zoster near the eye", _patterns(_SHINGLES)),
    _rule("laceration", "urgent", "a deep cut needing closure", _patterns(_LACERATION)),
    _rule("possible_fracture", "urgent", "a deformed limb after a fall", _patterns(_FRACTURE)),
    _rule("coughing_blood", "urgent", "blood coughed up", _patterns(_COUGH_BLOOD)),
    _rule("facial_swelling", "urgent", "a spreading dental or facial infection",
          _patterns(_FACIAL_SWELLING)),
    _rule("dvt_signs", "urgent", "a deep vein thrombosis", _patterns(_DVT)),
    _rule("syncope_dizziness", "urgent", "fainting, near-fainting or dizziness",
          _patterns(_SYNCOPE)),
    _rule("confusion", "urgent", "new confusion (infection, low sugar, stroke in the elderly)",
          _patterns(_CONFUSION)),
    _rule("severe_pain", "urgent", "severe pain", _patterns(_SEVERE_PAIN)),
    _rule("allergic_reaction", "urgent", "a drug or food reaction that can progress",
          _patterns(_ALLERGY)),
    _rule("bleeding_risk", "urgent", "bleeding in pregnancy, on anticoagulants, after surgery,"
          " in urine or stool",
          _patterns(_BLEED_RISK, requires=_BLEED_CONTEXT, unless=_LIGHT_BLEEDING)),
    _rule("pregnancy_warning", "urgent", "labour or ruptured membranes",
          _patterns(_PREGNANCY)),
    _rule("head_injury", "urgent", "a fall or head injury", _patterns(_HEAD_INJURY)),
    _rule("glucose_out_of_range", "urgent", "blood sugar under 70 or 300 and over",
          _glucose_out_of_range),
    _rule("blood_pressure_high", "urgent", "severe hypertension (180 / 120 and over)",
          high_blood_pressure),
    _rule("asks_about_emergency_care", "urgent", "the writer wonders whether to call 911 or go "
          "to the ER", _patterns(_ER_QUESTION)),
    _rule("unsafe_at_home", "urgent", "violence at home", _patterns(_UNSAFE)),
)  # fmt: skip


def find_red_flags(message: str | Text) -> tuple[RuleHit, ...]:
    """Run every red-flag rule; return the hits, most urgent first.

    Args:
        message: The message, or a prepared :class:`~.context.Text`.
    """
    text = message if isinstance(message, Text) else Text.of(message)
    hits = [hit for rule in RED_FLAG_RULES if (hit := rule.apply(text)) is not None]
    return tuple(sorted(hits, key=lambda h: h.urgency != "emergency"))
