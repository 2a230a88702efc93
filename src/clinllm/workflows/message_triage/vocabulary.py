"""The vocabulary of the red-flag rules: how patients write each finding.

Patterns accept typos ("cant breath", "chst pain"), Spanish ("dolor de pecho", "no puede
respirar") and caregivers ("his face started drooping"). They only *find* words; the rules in
:mod:`.redflags` decide what a hit means (asserted now, not negated, not history) and why each
rule exists.
"""

from __future__ import annotations

import re

from clinllm.workflows.message_triage import languages as lang

# A word gap inside a trigger never swallows a negation: "throat is not tight" must not
# match "throat ... tight". Triggers that contain a negation spell it out explicitly.
_NEGATION_WORD = r"(?!(?:no|not|never|nor|isn'?t|aren'?t|wasn'?t|weren'?t|without|sin|ni)\b)"
_GAPS = (r"(?:[\w']+ )", r"(?:\w+ )", r"(?:[\w',]+ )", r"(?:[\w']+\W+)")


def rx(*alternatives: str) -> re.Pattern[str]:
    """One pattern of ``alternatives`` whose word gaps never swallow a negation."""
    pattern = "|".join(f"(?:{a})" for a in alternatives)
    for gap in _GAPS:
        pattern = pattern.replace(gap, f"(?:{_NEGATION_WORD}{gap[3:]}")
    return re.compile(pattern)


W = r"(?:[\w']+\W+)"  # one word and what follows it
POSS = r"(?:my|his|her|their|the|our|your)"
CHEST = r"(?:chest|chst|cheast|chets|chset|ches|sternum|breastbone)"
CHEST_FEEL = (
    r"(?:pain\w*|pian\w*|pressure|presure|tight\w*|heav\w*|hurt\w*|discomfort|ache\w*|aching"
    r"|squeez\w*|crush\w*|killing|burning|heavy)"
)
ANTICOAG = (
    r"warfarin|coumadin|jantoven|eliquis|apixaban|xarelto|rivaroxaban|pradaxa|dabigatran"
    r"|lovenox|enoxaparin|heparin|blood thinners?|anticoag\w*|plavix|clopidogrel|brilinta"
    r"|warfarina|sintrom|acenocumarol|adelgazante\w* de la sangre"
)
ALLERGY_CONTEXT = rx(
    r"\b(?:allerg\w*|hives|ate|eating|eaten|peanuts?|nuts?|shellfish|shrimp|sting\w*|stung|bee"
    r"|wasp|reaction|epi-?pens?|epinephrine|itch\w*|new (?:med\w*|pill|antibiotic)|started"
    r"|amoxicillin|penicillin|sulfa|lisinopril|swell\w*|swollen|hinchad\w*)\b",
    # Tree nuts, sesame, shellfish and stinging insects: the usual anaphylaxis triggers (not
    # everyday foods or antibiotics, which sit next to a strep throat as often as a reaction).
    r"\b(?:cashews?|almonds?|walnuts?|pecans?|pistachios?|hazelnuts?|sesame|tahini|crab|lobster"
    r"|clams?|mussels?|oysters?|scallops?|hornets?|yellow ?jackets?|fire ants?|welts?|mariscos"
    r"|cacahuates?)\b",
)
CHEST_PAIN = rx(
    rf"\b{CHEST}\s*(?:is |feels? |has been |was |keeps )?{W}?{CHEST_FEEL}",
    rf"\b{CHEST_FEEL}\s+{W}{{0,2}}(?:in|on|across|of) {POSS} {CHEST}\b",
    rf"\belephant {W}{{0,3}}on {POSS} {CHEST}",
    rf"\b{CHEST_FEEL} (?:[\w']+ ){{0,5}}(?:chest|sternum|breastbone)\b",
    r"\bdolor\w* (?:\w+ ){0,2}(?:de|en) (?:el |mi |su )?pecho|\bme duele (?:el|mi) pecho"
    r"|\bpecho (?:\w+ ){0,2}(?:duele|dolor|apretado|presion)|\bopresion en el pecho",
    r"\b(?:having|is having|am having|i'?m having|think (?:i'?m|he'?s|she'?s|it'?s) (?:having )?"
    r"a|is this a|is it a|could (?:this|it) be a|feels like a) heart attack\b|\binfarto\b",
    r"\bdouleur\w* (?:\w+ ){0,3}(?:dans|a|de) la poitrine|\bdor (?:\w+ ){0,2}no peito"
    r"|\bpeito (?:\w+ ){0,2}(?:doi|doendo|apertado)|胸痛|胸口(?:痛|疼|闷)|心口(?:痛|疼)",
    *lang.CHEST_PAIN,
)
STROKE = rx(
    r"\b(?:face|mouth|smile|cara|boca)\w*\s+(?:[\w']+\s+){0,4}(?:droop\w*|drop+ing|sag\w*|crooked"
    r"|uneven|lopsided|twist\w*|caid[ao]|torcid[ao]|chuec[ao])",
    r"\bdroop\w* (?:\w+ ){0,2}(?:face|mouth|smile|cara)",
    r"\b(?:face|smile|mouth)\b (?:[\w']+ ){0,3}(?:weird|funny|odd|strange|different|off|crooked)"
    r" on (?:one|the left|the right|his left|his right|her left|her right) side",
    r"\b(?:one side|half|left side|right side) of (?:my|his|her|their|the) (?:face|body)\b"
    r" (?:\w+ ){0,3}(?:numb|weak|droop\w*|limp|paraly\w*|dead)",
    r"\bslurr\w*|\bhabla (?:arrastrada|rara|enredada)|\barrastra (?:las )?palabras",
    r"\b(?:he|she|they|mom|dad) (?:suddenly )?(?:can'?t|cannot|doesn'?t|does not) understand"
    r" (?:what|anything|a word) (?:\w+ ){0,2}(?:we|i|people|anyone) (?:say|said|are saying)",
    r"\b(?:can'?t|cannot|unable to) (?:talk|speak) (?:right|properly|clearly|normally|straight)"
    r"|\bno (?:puede|puedo) hablar bien|\bwords (?:won'?t|will not) come out",
    r"\b(?:words|speech|talking)\b (?:[\w']+ ){0,4}(?:slurr\w*|garbled|jumbled|gibberish"
    r"|not making sense|coming out wrong)",
    r"\b(?:can'?t|cannot|unable to|couldn'?t|can not) (?:lift|move|raise|feel|use) (?:his|her|my"
    r"|their|the) (?:right |left )?(?:arm|leg|hand|side)",
    r"\b(?:sudden|suddenly|all of a sudden) (?:[\w']+ ){0,3}(?:weak\w*|numb(?:ness|ed)?\b|paraly\w*"
    r"|can'?t (?:talk|speak|see))",
    r"\b(?:having|is having|might be having|think (?:he|she|i|it)'?s? (?:is )?(?:having )?a"
    r"|(?:i'?m|im|i am|he'?s|hes|she'?s|shes|(?:he|she) is) (?:\w+ )?having a"
    r"|is this a|is it a|could (?:this|it) be a|signs of a) stroke\b|\bderrame\b|\bembolia\b"
    r"|\bataque cerebral",
    r"\blost (?:the |his |her |my )?vision in (?:one|my|his|her|the) (?:\w+ )?eye",
    r"\b(?:left|right|one) side (?:[\w']+ ){0,3}(?:weak\w*|numb\w*|heavy|limp|dead|droop\w*"
    r"|paraly\w*|not working)",
    r"\b(?:can'?t|cannot|couldn'?t) (?:find|get out|say) (?:his|her|my|their|the) words"
    r"|\b(?:arm|leg|hand) (?:is |feels |went |got )?(?:so )?(?:heavy|dead|limp|useless)\b"
    r"|\b(?:can'?t|cannot|couldn'?t) (?:hold|grip|grab) (?:[\w']+ ){0,2}(?:cup|fork|spoon|pen"
    r"|phone|glass|anything)",
    r"\b(?:can'?t|cannot|couldn'?t) get (?:his|her|my|their|the) words out"
    r"|\b(?:arm|hand|leg) (?:[\w']+ ){0,2}(?:hangs?|hanging|dangl\w*|gave out|went limp)"
    r"|\bdragg\w* (?:his|her|my|their) (?:right |left )?(?:leg|foot)",
    r"\bno (?:puede|puedo|podia) (?:levantar|mover|sentir) (?:el|la|su|mi) (?:brazo|pierna|mano)"
    r"|\bnao (?:consegue|consigo) (?:mexer|levantar|mover|falar)|\bboca tort[ao]"
    r"|\bne (?:peut|parle) (?:plus )?(?:pas )?(?:parler|bouger|lever)"
    r"|\bbouche (?:de travers|tordue)",
    r"说话不清|口齿不清|说不出话|嘴歪|口眼歪斜|(?:手|脚|手脚|胳膊|腿)(?:\w{0,2})(?:没有力气|没力气|无力|麻木)",
    r"\b(?:vision|sight) (?:\w+ ){0,2}(?:went black|went dark|blacked out)",
    *lang.STROKE,
)
THUNDERCLAP = rx(
    r"\bworst headache\b|\bthunderclap|\bpeor dolor de cabeza",
    r"\b(?:sudden\w*|explosive) (?:\w+ ){0,2}(?:severe|worst|terrible|horrible|excruciating)"
    r" headache",
)
STIFF_NECK = rx(
    r"\bstiff neck|\bneck (?:is |feels )?(?:really |very |so |super )?stiff|\bcuello rigido"
    r"|\bcan'?t (?:bend|move|turn) (?:my |his |her )?neck|\bchin to (?:my|his|her) chest"
)
ANAPHYLAXIS = rx(
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
ALLERGIC_AIRWAY = rx(
    r"\bthroat\b (?:[\w']+ ){0,3}(?:tight\w*|swell\w*|swollen|itchy and tight)",
    r"\b(?:hard|harder|difficult|trouble|difficulty|can'?t) (?:\w+ )?(?:to )?swallow\w*",
    r"\bface (?:[\w']+ ){0,2}(?:swell\w*|swollen|puff\w*)|\b(?:swollen|puffy) face\b",
    r"\b(?:eyes?|eyelids?|lips?) (?:[\w']+ ){0,2}(?:swell\w*|swollen|puffed) shut\b",
    r"\bvoice (?:\w+ ){0,3}(?:funny|hoarse|strange|different|muffled)|\bdrool\w*",
)
# A throat that is sore or infected explains its own swelling and painful swallowing (strep,
# tonsillitis: a same-day visit); an allergen beside it does not make it an airway reaction.
THROAT_INFECTION = rx(r"\bstrep\w*|\btonsil\w*|\bsore throat|\bthroat infection")
# The throat part of the allergic airway forms (no face, lips or voice: those are read by the
# allergy, pre-eclampsia and airway rules): a same-day need when no allergen explains it.
THROAT_SWALLOWING = rx(
    r"\bthroat\b (?:[\w']+ ){0,3}(?:tight\w*|swell\w*|swollen)",
    r"\b(?:hard|harder|difficult|trouble|difficulty|can'?t) (?:\w+ )?(?:to )?swallow\w*",
)
# Pills that are hard to swallow are a question about the form of a medicine, not a throat.
PILL_SWALLOWING = rx(
    r"\bswallow\w* (?:\w+ ){0,2}(?:pills?|tablets?|capsules?|meds?)\b"
    r"|\b(?:pills?|tablets?|capsules?) (?:\w+ ){0,4}(?:hard|difficult|tough) to swallow"
)
BLEEDING = rx(
    r"\bbleed\w* through (?:the |a |his |her |my )?(?:bandages?|gauze|dressing|towels?|pads?"
    r"|clothes)",
    r"\b(?:spurt|gush|pump|squirt|pour|seep)\w* (?:[\w']+ ){0,2}through (?:\w+ ){0,2}"
    r"(?:bandages?|gauze|dressings?|towels?|pads?|shirt|clothes|sheets?)",
    r"\bsoak\w* (?:through )?(?:a |one |two |three |\d+ )?(?:\w+ )?(?:pads?|towels?|tampons?"
    r"|shirts?|sheets?|gauze)",
    r"\b(?:bleeding|blood|nose ?bleeds?)\b (?:[\w']+ ){0,3}(?:won'?t|will not|doesn'?t|does not"
    r"|hasn'?t|not)"
    r" (?:\w+ )?stop\w*",
    r"\bcan'?t (?:get (?:it|the bleeding|him|her) to )?stop (?:the |his |her )?bleed\w*",
    r"\bbleed\w* (?:nonstop|non-stop|heavily|like crazy|everywhere|a lot|so much)",
    r"\bbleed\w* (?:[\w']+ ){0,4}(?:really |very |so )?heavy\b",
    r"\b(?:heavy|heavily|profuse\w*|massive|uncontrolled|gushing|spurting|lots of)"
    r" (?:\w+ )?bleed\w*",
    r"\b(?:nose ?)?bleed\w* (?:(?:has|have|had|gone|going|been|kept|on) ){0,3}(?:for|over)"
    r" (?:over )?(?:\d+|an?|one|two|three|forty|thirty)"
    r" (?:\w+ )?"
    r"(?:min\w*|hours?|hrs?)",
    r"\bclots? (?:\w+ ){0,2}(?:bigger|larger) than|\bpassing (?:large|big|huge) clots",
    r"\b(?:vomit\w*|throwing up|throw up|threw up|coughing up|spitting up|puking)"
    r" (?!(?:a )?(?:little|bit|tiny|few|small|some)\b)(?:\w+ ){0,5}(?:blood|coffee grounds)"
    r"(?![- ](?:streak|tinged|speck))",
    r"\b(?:spurting|gushing|pouring|squirting|pumping) (?:out )?blood|\b(?:pooping|peeing|passing"
    r"|shitting) (?:pure |straight |a lot of |so much |all )?blood\b",
    r"\bblood (?:everywhere|gushing|pouring)|\bsangr\w* (?:mucho|abundante|fuerte|sin parar)"
    r"|\bno (?:para|deja) de sangrar|\bvomit\w* sangre"
    r"|\bbright red blood (?:\w+ ){0,3}(?:toilet|bowl)",
    *lang.BLEEDING,
)
BREATHING = rx(
    r"\b(?:can'?t|cant|cannot|can not|unable to|couldn'?t) (?:[\w']+ ){0,2}(?:breath\w*|brethe"
    r"|breth)|\bme cuesta respirar",
    r"\b(?:can barely|barely able to|can hardly|hardly able to|barely"
    r"|hardly) (?:catch (?:his |her |my )?)?"
    r"breath\w*",
    r"\b(?:hard|hard time|harder|trouble|difficulty|difficult|struggling|struggle|labou?red)"
    r" (?:to )?(?:breath\w*|brething)",
    r"\b(?:problems?|issues?) breathing\b",
    # The rescue medicine fails: the attack is beyond home treatment.
    r"\b(?:inhaler|nebuli[sz]er|neb|albuterol|rescue (?:inhaler|med\w*)|puffer)s?\b"
    r" (?:[\w']+ ){0,2}"
    r"(?:isn'?t|is not|aren'?t|not|doesn'?t|does not|didn'?t|did not|won'?t|stopped) (?:\w+ )?"
    r"(?:working|helping|help|work)",
    r"\b(?:can'?t|cannot|couldn'?t) get (?:any |enough )?air|\bcan only (?:say|speak|get out)"
    r" (?:a few|one or two|two|three|\d) words|\bair hunger|\bsuffocat\w*",
    r"\bgasping|\bchoking\b|\bturning blue\b|\bse (?:esta )?ahog\w*",
    r"\b(?:can'?t|cannot|unable to|couldn'?t) (?:finish|complete|say|get out) (?:a |full |whole )*"
    r"(?:sentences?|words?)",
    r"\b(?:lips|face|skin|fingers|fingertips|labios)\b (?:[\w']+ ){0,3}(?:blue|bluish|gray|grey"
    r"|azul\w*|morad\w*)",
    r"\b(?:not|isn'?t|stopped|no esta) breathing\b|\bno (?:puede|puedo) respirar"
    r"|\brespira (?:raro|mal)|\bfalta (?:de )?(?:el )?aire",
    r"\bbreathing (?:\w+ ){0,2}(?:strange|weird|funny|like snoring|gurgl\w*|very fast|really fast)",
    r"\bgrunt\w*|\bribs (?:\w+ ){0,3}(?:suck\w*|pull\w*|show\w*)|\bretractions?\b"
    r"|\bnostrils? flar\w*|\bhead bobb\w*",
    r"\bdu mal a respirer|\bne (?:peut|peux) (?:pas |plus )?respirer|\bfalta de ar\b"
    r"|\bnao (?:consegue|consigo) respirar|呼吸困难|喘不过气|上不来气",
    *lang.BREATHING,
)
OVERDOSE = rx(
    r"\boverdos\w*|\bsobredosis|\bo\.?d(?:'d|'ed|ed|'ing)\b",
    r"\b(?:took|taken|swallowed) (?:\w+ ){0,2}(?:too many|a (?:bunch|handful|lot) of|all (?:of )?"
    r"(?:my|his|her|the)|(?:the|a|an) (?:whole|entire|full) (?:bottle|pack|box|package))",
    r"\b(?:swallowed|drank|ate|got into|chewed) (?:[\w']+ ){0,6}(?:pills|tablets|meds|medicine"
    r"|medication|bleach|detergent|pods?|poison|antifreeze|batter(?:y|ies)|magnets|cleaner)",
    r"\b(?:tomo|se tomo) (?:todas|muchas) (?:las )?pastillas",
    r"\b(?:took|taken|swallowed|drank|ate|downed) (?:[\w']+ ){0,3}(?:bottle|pack|box|package"
    r"|handful|bunch|blister) of\b",
    r"\b(?:took|swallowed|taken) (?:[\w']+ ){0,6}on purpose|\b(?:took|swallowed|taken)"
    r" (?:like |about |around |maybe )?(?:\d{2,}|twenty|thirty|forty|fifty) (?:of )?(?:my |his "
    r"|her |the )?[\w-]+",
    r"\b(?:took|swallowed|taken) (?:like |about |around |maybe )?(?:\d{2,}|[5-9]|five|six|seven"
    r"|eight|nine|ten|a dozen|twenty|thirty) (?:extra )?(?:of )?(?:my |his |her |the )?"
    r"(?:\w+ ){0,2}(?:pills"
    r"|tablets|caps\w*|meds)",
    *lang.OVERDOSE,
)
UNRESPONSIVE = rx(
    r"\b(?:won'?t|will not|doesn'?t|does not|isn'?t|not|can'?t) (?:\w+ )?respond\w*"
    r"|\b(?:hasn'?t|has not|won'?t|not|didn'?t) (?:yet )?come to\b|\bshaking all over"
    r"|\bjerking (?:\w+ ){0,2}(?:arms|legs|body|all over)",
    r"\bunresponsive|\bunconscious|\bnot responding|\bno responde|\bno (?:se )?despierta"
    r"|\bno reacciona",
    r"\b(?:won'?t|will not|can'?t|cannot|not(?! to\b)|isn'?t|doesn'?t|hard to) (?:[\w']+ )?"
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
    *lang.UNRESPONSIVE,
)
HARM_OTHERS = rx(
    r"\b(?:going to|gonna|want to|will|about to) (?:kill|hurt|shoot|stab) (?:him|her|them|someone"
    r"|somebody|people|my (?:husband|wife|boss|kids?|son|daughter|mom|dad|partner))\b",
)
HEAD_INJURY = rx(
    r"\b(?:hit|bumped|banged|struck|smacked) (?:his|her|my|their|the) head|\bhead (?:injury|trauma)"
    r"|\bgolpe (?:en|de) la cabeza|\bse (?:cayo|pego en la cabeza)",
    r"\b(?:fell|had a fall|took a fall|fallen|fall in|fall down|fall on)\b"
    r"|\bslipped (?:off|from|down)\b",
)
HEAD_HIGH_RISK = rx(
    rf"\b(?:{ANTICOAG})\b",
    r"\b(?:not (?:\w+ )?wak\w*|won'?t wake|unconscious|confus\w*|vomit\w*|threw up|throwing up"
    r"|passed out|knocked out|seizure|drowsy|very sleepy|not making sense)",
    # Limbs that cannot be felt or moved after a fall: the spinal cord.
    r"\bcan'?t (?:feel|move) (?:his|her|my|their) (?:legs|arms|hands|feet)",
)

# Urgent (same day) findings.
# Urgent (same day) findings.
SOB = rx(r"\bshort(?:ness)? of breath|\bout of breath|\bwinded\b|\bbreathless")
ASTHMA = rx(
    r"\bwheez\w*",
    r"\b(?:albuterol|inhaler|nebulizer|neb)\b (?:[\w']+ ){0,5}(?:every (?:\d+|few|couple|two|three"
    r"|1|2) (?:\w+ )?(?:hours?|hrs?|min\w*)|not helping|isn'?t helping|doesn'?t help|not working)",
    r"\basthma\w* (?:[\w']+ ){0,3}(?:flar\w*|attack|worse|bad)",
)
DEHYDRATION = rx(
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
WOUND = rx(
    r"\b(?:incisions?|wound|cut|stitches|sutures|surgical site|staples|drain site)\b"
    r" (?:[\w']+ ){0,6}(?:red\w*|warm|hot|pus|leak\w*|ooz\w*|drain\w*|swollen|open\w*|infect\w*"
    r"|smell\w*)",
    r"(?<!sinus )(?<!yeast )(?<!ear )\binfected\b|(?<!sinus )(?<!yeast )(?<!ear )\binfection\b",
    r"\b(?:bit|bitten|bite|puncture\w*|scratch\w*)\b (?:[\w',]+ ){0,8}(?:red\w*|swollen"
    r"|swell\w*|pus"
    r"|warm|hot|streak\w*)",
    r"\bred (?:streak|line)\w*|\b(?:redness|red (?:patch|area|spot)|rash)\b (?:[\w',]+ ){0,8}"
    r"(?:spread\w*|doubl\w*|getting bigger|bigger|growing)",
    r"\b(?:red|hot|warm),? (?:[\w']+,? ){0,2}(?:and )?swollen (?:patch|area|spot|skin|leg"
    r"|arm|shin)",
)
EYE = rx(
    r"\beyes?\b (?:[\w']+ ){0,4}(?:pain\w*|hurt\w*|red\w*|swollen)",
    r"\bvision (?:[\w']+ ){0,2}(?:blurr\w*|double|loss|changes?|dim|spots)|\bblurr\w* vision"
    r"|\bdouble vision|\blight (?:hurts|bothers)|\bsensitiv\w* to light|\bflash\w*"
    r"|\bcurtain\b|\bshadow (?:\w+ ){0,3}(?:over|across|in) (?:\w+ ){0,2}(?:vision|eye)"
    r"|\bfloaters\b",
)
SHINGLES = rx(
    r"\bshingles\b(?! (?:vaccine|shot|vaccination|jab))|\bblister\w* rash"
    r"|\brash\b (?:[\w']+ ){0,6}(?:eye|forehead)",
)
LACERATION = rx(
    r"\b(?:deep|gaping|big|large) (?:\w+ )?(?:cut|gash|laceration|wound)|\bneeds? stitches"
    r"|\b(?:cut|sliced|gashed|split) (?:[\w']+ ){0,3}(?:deep|open)\b|\bgaping\b"
    r"|\b(?:cut|gash) (?:\w+ ){0,3}(?:is|was|it'?s) (?:really |very )?(?:deep|gaping)",
)
PREGNANT = rx(
    r"\bpregnan\w*|\b\d{1,2} (?:wks?|weeks) (?:pregnant|along)|\bembarazada|\bpostpartum"
    r"|\bjust (?:had|delivered) (?:my|the|a|her) baby"
)
PREECLAMPSIA_SIGNS = rx(
    r"\b(?:severe|terrible|bad|horrible|worst|pounding) headache|\bseeing (?:spots|stars|flashes)"
    r"|\bvision (?:\w+ ){0,2}(?:blurr\w*|changes?|spots)|\bblurr\w* vision|\bseizure"
    r"|\bupper (?:right )?(?:belly|stomach|abdominal) pain",
)
COUGH_BLOOD = rx(
    r"\bcough\w* up (?:\w+ ){0,3}blood|\bblood[- ](?:streaked|tinged) (?:mucus|phlegm|sputum|spit)"
)
FACIAL_SWELLING = rx(
    r"\b(?:jaw|cheek|face|gums?|eyelids?)\b (?:[\w']+ ){0,2}(?:swollen|swelling|puff\w*)"
    r"|\b(?:swollen|puffy) (?:jaw|cheek|face|gums?|eyelids?)",
)
FRACTURE = rx(
    r"\b(?:bent|looks) (?:\w+ ){0,2}wrong|\bdeformed|\bbone (?:\w+ ){0,2}(?:sticking|poking) out"
    r"|\b(?:broke|broken|fractured?) (?:his|her|my|their) (?:\w+ )?(?:arm|leg|wrist|ankle|hip)",
)
PALPITATIONS = rx(
    r"\bpalpitations?|\bheart (?:is |keeps )?(?:racing|pounding|fluttering|skipping|beating"
    r" (?:really |so |very )?(?:fast|hard|irregular\w*))|\bskipp\w* beats|\birregular heart ?beat"
    r"|\bracing heart",
)
PALPITATION_DANGER = rx(
    r"\bfaint\w*|\bpass(?:ed|ing)? out|\bchest (?:pain|pressure|tight\w*)"
    r"|\bshort(?:ness)? of breath|\bdizz\w*|\blight-? ?headed|\bblack(?:ed)? out",
)
HOPELESS = rx(
    r"\bhopeless\w*|\b(?:don'?t|do not|can'?t) see (?:the|any) point|\bno point (?:in|to)"
    r" (?:anything|living|going on)|\b(?:really|severely|very|so) depressed|\bstopped eating",
)
DVT = rx(r"\b(?:calf|leg|thigh)\b (?:[\w']+ ){0,4}(?:swollen|swell\w*|warm\w*|red|hot)")
SYNCOPE = rx(
    r"\bdizz\w*|\blight-? ?headed|\bvertigo\b|\broom (?:spins|is spinning|spinning)"
    r"|\bmare(?:o|ad[ao])",
    r"\bpass(?:ed|ing)? out|\bfaint\w*|\bblack(?:ed)? out|\bdesmay\w*",
)
CONFUSION = rx(
    r"\bconfus\w*|\bdisoriented|\bnot making sense|\bmixing up (?:days|words|names|people)"
    r"|\bacting (?:strange|weird|odd)|\bconfundid\w*",
)
SEVERE_PAIN = rx(
    r"\b(?:severe|unbearable|excruciating|terrible|horrible|intense|worst) (?:\w+ ){0,2}"
    r"(?:pain|cramp\w*|headache|ache)",
    r"\bpain (?:is )?(?:\w+ )?(?:severe|unbearable|excruciating)|\b(?:10|ten) ?(?:/|out of) ?10",
)
ALLERGY = rx(
    r"\bhives\b|\bwelts\b|\ballergic reaction|\b(?:broke|breaking) out in\b(?! (?:chicken ?pox"
    r"|measles|shingles))|\bronchas\b"
)
BLEED_RISK = rx(
    r"\bbleed\w*|\bnose ?bleeds?\b|\bspotting\b|\bsangr\w*|\bblood in (?:my |his |her )?"
    r"(?:urine|pee|stool|poop|diaper)|\b(?:bloody|black|tarry) (?:stool|poop|diarrh\w*|urine)"
    r"|\bcoughing up blood",
)
BLEED_CONTEXT = rx(
    rf"\b(?:{ANTICOAG}|pregnan\w*|embarazada|postpartum|after (?:my |the )?(?:surgery|procedure"
    r"|biopsy|delivery)|urine|stool|poop|coughing)\b"
)
LIGHT_BLEEDING = rx(
    r"\b(?:light|minimal|slight|a little|just spotting|barely|tiny amount)\b"
    r"(?! ?head)",
)
PREGNANCY = rx(
    r"\b(?:water|waters) (?:\w+ )?(?:broke|broken|leaking)|\bcontractions?\b"
    r"|\bdecreased (?:fetal )?movement",
)
ER_QUESTION = rx(
    r"\b(?:should|do|must) (?:i|we|he|she) (?:\w+ )?(?:call 911|go to the (?:er|emergency|hospital)"
    r"|call an ambulance)|\b(?:call|llamar al) 911\b",
)
UNSAFE = rx(
    r"\bnot safe at home|\bafraid (?:of|for) my (?:life|safety)|\b(?:he|she) (?:hit|hits|beat"
    r"|beats|choked|chokes) me\b",
)
HYPO_SIGNS = rx(
    r"\bconfus\w*|\bsweat\w*|\bshak\w*|\bwon'?t (?:eat|drink)|\bpushing it away|\bunresponsive"
    r"|\bnot (?:\w+ )?wak\w*|\bpassed out|\bseizure|\bslurr\w*|\bcan'?t (?:think|stand)",
)
DKA_SIGNS = rx(
    r"\b(?:vomit\w*|throwing up|threw up|puking|can'?t keep (?:\w+ ){0,2}down)",
    r"\b(?:belly|stomach|abdominal) (?:pain|hurts?|ache)|\bfruity|\bketones?\b|\bketoacidosis"
    r"|\bdka\b",
    r"\bbreathing (?:\w+ ){0,2}(?:fast|hard|deep|heavy)|\bconfus\w*|\bvery (?:sleepy|drowsy)",
)
IMMUNOCOMPROMISED = rx(
    r"\bchemo\w*|\bneutropeni\w*|\btransplant\w*|\bon (?:high[- ]dose )?steroids|\bsickle cell"
)
HYPERTENSIVE_SIGNS = rx(
    r"\bblurr\w* vision|\bvision (?:\w+ ){0,2}(?:blurr\w*|changes?|loss|double)|\bchest (?:pain"
    r"|pressure|tight\w*)|\bconfus\w*|\bweakness|\bnumb(?:ness)?\b|\bslurr\w*|\bshort(?:ness)? of"
    r" breath|\b(?:severe|pounding|terrible|worst|splitting|horrible) headache",
    r"\b(?:can'?t|cannot|cant|can not|hard to|trouble) see\w*|\bseeing (?:double|spots|stars)"
    r"|\b(?:head|headache) (?:is |has been )?(?:pounding|splitting|killing)|\bvision (?:is )?"
    r"(?:gone|dim|dark|fuzzy|weird)",
)
# A rash that does not fade under pressure with a fever: meningococcal sepsis until shown not.
PURPURIC_RASH = rx(
    r"\brash\b (?:[\w']+ ){0,5}(?:doesn'?t|does not|won'?t|didn'?t|not|no) (?:fade|blanch|go"
    r" away when)|\bnon-?blanch\w*|\bpetechia\w*|\bpurpura\b|\b(?:purple|dark red) (?:[\w-]+ )?"
    r"(?:spots|dots|blotches|rash|pinpricks)|\bmanchas moradas",
)
FEVER_ANY = rx(
    r"\bfever\w*|\btemp\w*|\bfiebre|\bcalentura|\bburning up|\b(?:10[0-5]|3[89])(?:\.\d)?\b",
)
IDEATION = rx(
    r"\b(?:kill\w*|hurt\w*|harm\w*|hang\w*|shoot\w*|cut\w*) (?:my ?self|myself|him ?self|her ?self"
    r"|themselves|themself)\b|\bend(?:ing|ed)? (?:my|his|her|their|it) (?:own )?(?:life|all)"
    r"|\bend it all\b|\bend (?:things|everything)\b"
    r"|\b(?:decided|going|ready|wants?|wanna) to end it\b|\btake (?:my|his|her|their) (?:own )?life"
    r"|\bsuicid\w*|\bjoin (?:\w+ ){0,2}in heaven|\bbe with (?:jesus|god|the lord) (?:soon|tonight)"
    r"|\b(?:want|wanna|wish i could) (?:to )?(?:go to )?sleep forever",
    r"\b(?:don'?t|do not|dont) (?:want to|wanna) (?:live|be alive|be here|wake up|go on"
    r"|do this anymore"
    r"|exist)|\b(?:easier|better) (?:[\w']+ ){0,3}not (?:to )?wake up|\bnever wake up\b",
    r"\b(?:want|wanted|need) (?:it all|everything|the pain|this) to (?:stop|end)"
    r" (?:for good|forever)|\bwanted it all to (?:stop|end)|\bbetter off (?:dead|without me)"
    r"|\b(?:want|wanna|wish i could) (?:to )?die\b(?! (?:of|from|like|young|before|without))"
    r"|\bwish i (?:was|were) dead|\bno reason to live|\bcan'?t go on\b",
    # Intent stated as a farewell or a method, with no word for death or suicide.
    r"\bwon'?t be (?:here|around|alive)\b (?:\w+ )?(?:tomorrow|much longer|anymore|for long"
    r"|next week|by morning)",
    r"\bjump\w* (?:off|from) (?:a|the|his|her|my|that) (?:\w+ )?(?:bridge|roof|building"
    r"|balcony|cliff|overpass|parking garage)|\b(?:step|walk|jump|throw)\w* (?:\w+ )?in front"
    r" of (?:a|the) (?:train|bus|truck|car)|\bdriv\w* (?:my|his|her|the) car (?:into|off)\b"
    r"|\b(?:garage|car) with the (?:car|engine|motor) running",
    # Intent to take a whole supply at once, with no word for death.
    r"\b(?:take|swallow|down) (?:all|every one) (?:of )?(?:[\w']+ ){0,3}(?:at once|at the same"
    r" time|together)\b|\b(?:plan\w*|going|gonna|about|decided|want\w*) to (?:take|swallow"
    r"|down) (?:the|a) (?:whole|entire) (?:bottle|pack|box)",
    r"\bno (?:quiero|quiere) vivir|\bquier[oe] morir\w*|\bmatar(?:me|se)|\b(?:me|se) quiere matar"
    r"|\b(?:me|se) (?:voy|va) a matar|\bquitar(?:me|se) la vida|\bsuicidar(?:me|se)",
    *lang.IDEATION,
)
PLAN_OR_MEANS = rx(
    r"\bplan\w*\b|\btonight\b|\bgoodbye|\bg[ai]v\w* away (?:(?:my|his|her|their) )?(?:things"
    r"|stuff|belongings|dog|cat|pets?|guns?)",
    r"\b(?:saving|saved|stockpil\w*|hoard\w*|collecting) (?:\w+ ){0,2}(?:pills|meds|medication\w*"
    r"|tablets)|\benough (?:pills|meds|medication)|\bthere'?s enough\b|\bcounted (?:them|my pills"
    r"|the pills)",
    r"\b(?:gun|rope|noose|bridge|razor|blade|pistol|firearm|pills|pastillas)\b",
    r"\b(?:letters?|notes?) (?:to|for) (?:my )?(?:kids|children|family|wife|husband|son|daughter"
    r"|mom|parents)|\bwrote (?:\w+ ){0,2}(?:letters?|notes?)",
    r"\b(?:going to|gonna|about to) (?:do it|kill|end|take)",
)
#: Being away said the way a farewell is ("won't be here next week", "don't want to be here"),
#: and what makes it an absence from an event, not from life: the event, a trip, a new date.
ABSENCE_FORM = re.compile(
    r"\bwon'?t be (?:here|around|alive)\b|\b(?:don'?t|do not|dont) want to be here\b"
)
ABSENCE_REASON = re.compile(
    r"\b(?:for|during|at) (?:the|my|your|our|his|her|this|that|a|an) (?:[\w'-]+ ){0,2}(?:call"
    r"|appointments?|appts?|visit|procedure|surgery|colonoscopy|endoscopy|mri|ct|scan|x-?ray"
    r"|test|meeting|class|delivery|check-?up|session|consult\w*|infusion|injection|shot"
    r"|biopsy|draw|pickup|exam)\b|\btravel\w*|\bvacation|\bout of (?:town|the country|state)"
    r"|\bon (?:a )?(?:trip|holiday|business)|\bresched\w*|\b(?:move|change|push) (?:my|the|our)"
    r" (?:appointment|appt|visit)|\bvoicemail|\bleave a (?:message|voicemail)"
)
SAFETY_STATEMENT = re.compile(
    r"\bno plans?\b|\bnot (?:going|gonna) to (?:do|act|hurt|kill)\w*|\b(?:i'?m|i am) safe\b"
    r"|\bwouldn'?t (?:ever )?(?:do|act)\b|\bwon'?t (?:do|act)\b|\bno intent\w*"
)
