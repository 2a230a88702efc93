"""Urgent situations that are not symptoms, and emergencies the symptom vocabulary misses.

A patient can be in danger without describing a symptom: a transplant recipient whose
tacrolimus ran out this morning, a woman 10 weeks pregnant who spent the weekend with a
nephew who now has chickenpox, a man who took his wife's sildenafil on isosorbide, a missed
chemotherapy infusion. Each is a same-day call for staff; the message itself reads like a
refill, an appointment or a question. These patterns find them; :mod:`.redflags` turns them
into rules (which only ever raise urgency). Patterns see the normalized text (lower case, no
accents), like every triage pattern.
"""

from __future__ import annotations

import re

from clinllm.workflows.message_triage import languages as lang
from clinllm.workflows.message_triage.vocabulary import rx

__all__ = [
    "ALARM_NOT_EVENT",
    "ALARM_OVER",
    "ALARM_OVER_AFTER",
    "CRITICAL_MED",
    "DANGEROUS_PAIRS",
    "GI_BLEED",
    "INFANT_DANGER",
    "LAB_DEADLINE",
    "LAB_DEADLINE_CONTEXT",
    "MISSED_TREATMENT",
    "OUT_NOW",
    "PREGNANCY_EXPOSURE",
    "PULSE_DANGER",
    "ROUTINE_REQUEST",
    "SEPSIS_SIGNS",
    "SHORT_ALARM",
    "TESTICULAR",
    "URGENCY_WORD",
    "WORST_PAIN",
]

#: Drugs whose gap is a same-day problem (withdrawal, rejection, seizures, bleeding, crisis).
CRITICAL_MED = rx(
    r"\b(?:warfarin|coumadin|jantoven|eliquis|apixaban|xarelto|rivaroxaban|pradaxa|dabigatran"
    r"|lovenox|enoxaparin|plavix|clopidogrel|brilinta|ticagrelor)\b",
    r"\binsulin\w*|\binsulina|\bnovolog|\bhumalog|\blantus|\blevemir|\btresiba|\bbasaglar"
    r"|\btoujeo|\blispro|\baspart|\bglargine|\bdetemir|\bdegludec|\bglucagon|\bomnipod|\bpump\b",
    r"\blevetiracetam|\bkeppra|\blamotrigine|\blamictal|\bphenytoin|\bdilantin|\bcarbamazepine"
    r"|\btegretol|\bvalpro\w*|\bdepakote|\btopiramate|\blacosamide|\boxcarbazepine|\bepilep\w*"
    r"|\bseizures?\b|\bconvulsion\w*",
    r"\btacrolimus|\bprograf|\bcyclosporine|\bmycophenol\w*|\bcellcept|\bsirolimus|\btransplant\w*"
    r"|\btrasplante",
    r"\bmetoprolol|\batenolol|\bpropranolol|\bcarvedilol|\bbisoprolol|\bclonidine",
    r"\bsuboxone|\bbuprenorphine|\bsublocade|\bmethadone|\bwithdrawal|\brelapse|\bnot supposed to"
    r" stop|\bstop (?:it )?suddenly|\bcan'?t (?:miss|skip) (?:any |a )?doses?",
    r"\bprednison\w*|\bhydrocortisone|\bfludrocortisone|\bdexamethasone|\badrenal|\baddison\w*",
    r"\bbiktarvy|\btruvada|\bdescovy|\bgenvoya|\bdolutegravir|\btenofovir|\bhiv\b|\bvih\b",
    r"\bcarbidopa|\blevodopa|\bsinemet|\brytary|\bmestinon",
    r"\bnitroglycerin|\bamiodarone|\bdigoxin|\blithium|\bclozapine|\bclozaril|\bbaclofen"
    r"|\bpyridostigmine|\balprazolam|\bclonazepam|\blorazepam|\bepi-?pens?|\balbuterol|\binhaler",
    r"\bcapecitabine|\bxeloda|\btemozolomide|\bimatinib|\bgleevec|\bchemo\w*|\bquimio\w*"
    r"|\bhydroxyurea|\blevothyrox\w*|\bsynthroid",
)
#: The medicine is gone now (or the last dose is in hand), in English and Spanish.
OUT_NOW = rx(
    r"\b(?:ran|run|running|runs) out\b|\bcompletely out\b|\b(?:i'?m|im|am|is|are|he'?s|she'?s"
    r"|we'?re|hes|shes) (?:completely |totally |all |now )?(?:out|uot)\b(?! (?:of )?(?:town|the"
    r" office|state|the country|of the country|of work|sick))",
    r"(?<![\w,;:] )(?<![\w,;:])\bout of (?:my|his|her) |\blost (?:my|his|her"
    r"|our) (?:\w+ )?(?:pens?|pills"
    r"|meds|medication|medicine|inhaler|insulin|refill|prescription|bottle)",
    r"\blast (?:pill|dose|pen|tablet|one|patch|vial|shot|capsule)\b|\bnone left\b|\bno more"
    r" (?:pills|doses|insulin|tablets|medicine|meds)|\bnothing left\b",
    r"\b(?:1|one|a|2|two|half a|only|just|only one|only two) (?:[\w'-]+ ){0,2}(?:days?|doses?"
    r"|pills?|tablets?|pens?|shots?|vials?|capsules?)(?: (?:of|worth of) \w+)? left\b",
    r"\bonly have (?:\w+ ){0,3}(?:dose|pill|tablet|pen|shot)s?\b",
    r"\b(?:only|just) (?:1|one|2|two) (?:[\w'-]+ ){0,2}left\b|\bdown to (?:my |his |her )?"
    r"(?:last|1|one|2|two)\b",
    r"\bmissed (?:my |a |two |\d |his |her )?doses?|\bse (?:me|le|nos|les) (?:acab|termin)\w*"
    r"|\bme quedan? (?:0|1|2|una|dos|un) |\bya no (?:tengo|tiene|me queda|le queda)"
    r"|\bno (?:tengo|tiene|tenemos|me queda|le queda|nos queda)n? mas\b",
    r"\b(?:prescription|rx|script) (?:has |is |was )?expired",
    r"\b(?:left|forgot) (?:my|his|her|all (?:my|his|her)) (?:\w+ ){0,2}(?:at home|behind|meds"
    r"|pills|medication|medicine|insulin)",
    r"\b(?:pharmacy|pharmacist) (?:\w+ ){0,3}(?:won'?t|will not|can'?t|cannot|refus\w*|lost)"
    r"|\b(?:didn'?t|did not) go through",
    *lang.OUT_OF_MEDICINE,
)
#: Treatment that cannot slip: a missed or cancelled chemotherapy, dialysis or infusion.
MISSED_TREATMENT = rx(
    r"\b(?:missed|skipped|couldn'?t (?:make it to|get to|go to)|no-?showed|had to cancel)"
    r" (?:my |his |her |the |a |today'?s |yesterday'?s |this week'?s )?(?:\w+ )?(?:chemo\w*"
    r"|infusion|dialysis|radiation|transfusion|immunotherapy)",
    r"\b(?:chemo\w*|infusion|dialysis|radiation|immunotherapy)\b (?:[\w']+ ){0,4}(?:was |got )?"
    r"(?:missed|skipped|cancel\w*|moved|postponed|delayed|pushed back|bumped|put on hold|on hold)",
    r"\b(?:perdi|falte a|no fui a) (?:mi |la |su )?(?:quimio\w*|dialisis|infusion|radiacion)",
)
#: An exposure or a teratogen during pregnancy.
PREGNANCY_EXPOSURE = rx(
    r"\b(?:exposed|exposure|around|contact|was with|played with|visited|been with|sat next to"
    r"|expuesta)\b (?:[\w',]+ ){0,8}(?:chicken ?pox|varicel\w*|measles|rubella|fifth disease"
    r"|parvo\w*|cmv|zika|toxoplasm\w*|sarampion|rubeola|whooping cough|pertussis|tuberculosis|tb"
    r"|syphilis|hepatitis)",
    r"\b(?:chicken ?pox|varicel\w*|measles|rubella|fifth disease|parvo\w*|sarampion)\b",
    r"\b(?:took|taking|been taking|on|used|using|started|tome|tomando)\b (?:[\w']+ ){0,3}"
    r"(?:accutane|isotretinoin|methotrexate|warfarin|coumadin|valpro\w*|depakote|lisinopril"
    r"|losartan|misoprostol|thalidomide|topiramate|mycophenol\w*|cellcept|finasteride"
    r"|tetracycline|doxycycline|leflunomide|ribavirin|lithium)",
    r"\b(?:x-?rays?|ct scan|cat scan|radiation|radiograf\w*)\b",
)
#: Pairs whose combination is a same-day call: (name, first drugs, second drugs).
DANGEROUS_PAIRS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "nitrate_pde5",
        re.compile(r"\b(?:viagra|sildenafil|cialis|tadalafil|levitra|vardenafil|stendra)\b"),
        re.compile(r"\b(?:nitroglycerin|nitro|isosorbide|imdur|ismo|nitrates?|ranexa|nitrostat)\b"),
    ),
    (
        "cyp3a4_statin_colchicine",
        re.compile(
            r"\b(?:clarithromycin|biaxin|erythromycin|itraconazole|ketoconazole|posaconazole"
            r"|paxlovid|nirmatrelvir|ritonavir)\b"
        ),
        re.compile(
            r"\b(?:simvastatin|zocor|lovastatin|colchicine|colcrys|tacrolimus|amiodarone)\b"
        ),
    ),
    (
        "methotrexate_antifolate",
        re.compile(r"\bmethotrexate\b"),
        re.compile(r"\b(?:bactrim|septra|trimethoprim|sulfamethoxazole|smx)\b"),
    ),
    (
        "warfarin_potentiator",
        re.compile(r"\b(?:warfarin|coumadin|jantoven)\b"),
        re.compile(
            r"\b(?:bactrim|septra|sulfamethoxazole|metronidazole|flagyl|fluconazole|diflucan"
            r"|ciprofloxacin|cipro|levofloxacin|amiodarone|ibuprofen|naproxen|aspirin)\b"
        ),
    ),
    (
        "serotonergic",
        re.compile(
            r"\b(?:linezolid|zyvox|phenelzine|nardil|tranylcypromine|parnate|selegiline"
            r"|isocarboxazid|methylene blue|maoi)\b"
        ),
        re.compile(
            r"\b(?:sertraline|zoloft|fluoxetine|prozac|paroxetine|paxil|citalopram|celexa"
            r"|escitalopram|lexapro|venlafaxine|effexor|duloxetine|cymbalta|tramadol|meperidine"
            r"|dextromethorphan|ssri)\b"
        ),
    ),
    (
        "opioid_benzodiazepine",
        re.compile(
            r"\b(?:oxycodone|percocet|hydrocodone|norco|vicodin|morphine|fentanyl|methadone"
            r"|hydromorphone|dilaudid|tramadol)\b"
        ),
        re.compile(
            r"\b(?:xanax|alprazolam|klonopin|clonazepam|ativan|lorazepam|valium|diazepam"
            r"|ambien|zolpidem)\b"
        ),
    ),
    (
        "live_vaccine_immunosuppressed",
        re.compile(
            r"\b(?:mmr|varicella vaccine|chicken ?pox (?:vaccine|shot)|rotavirus|yellow fever"
            r"|flumist|nasal flu|bcg|live (?:\w+ )?vaccine|zostavax|oral typhoid|vacuna triple)\b"
        ),
        re.compile(
            r"\b(?:high[- ]dose (?:steroids?|prednisone)|prednisone|prednisolone|chemo\w*"
            r"|tacrolimus|cyclosporine|mycophenol\w*|cellcept|methotrexate|transplant\w*"
            r"|immunosuppress\w*|immune ?compromised|rituximab|humira|adalimumab|infliximab"
            r"|remicade|biologics?)\b"
        ),
    ),
    (
        "lithium_nsaid",
        re.compile(r"\blithium\b"),
        re.compile(r"\b(?:ibuprofen|advil|motrin|naproxen|aleve|hydrochlorothiazide|hctz)\b"),
    ),
)
#: Gastrointestinal bleeding (with faintness it is an emergency).
GI_BLEED = rx(
    r"\b(?:black|tarry|maroon|bloody)\b (?:[\w',]+ ){0,2}(?:stools?|poop|bowel movements?"
    r"|diarrh\w*)"
    r"|\b(?:stools?|poop|bowel movements?)\b (?:[\w']+ ){0,3}(?:black|tarry|maroon|bloody)"
    r"|\bmelena\b|\bblood in (?:my |his |her )?(?:stool|poop|the toilet)|\bheces negras",
    r"\b(?:vomit\w*|throwing up|threw up|puking)\b (?:[\w']+ ){0,5}(?:blood|coffee grounds)",
)
#: What makes a fever (or a low temperature) look like sepsis.
SEPSIS_SIGNS = rx(
    r"\bclammy|\bmottled|\bconfus\w*|\bnot making sense|\bbreathing (?:\w+ ){0,2}(?:fast|rapid)"
    r"|\brapid breathing|\bhard to wake|\b(?:very|really|super) (?:drowsy|sleepy|lethargic)"
    r"|\blethargic|\bshaking chills|\brigors?\b|\bnot peeing|\bhasn'?t peed|\bblood pressure"
    r" (?:\w+ ){0,2}(?:low|dropp\w*)|\bcold and clammy",
)
#: Sudden testicular pain (torsion: hours matter).
TESTICULAR = rx(
    r"\b(?:pain\w*|hurt\w*|swollen|swelling|ache\w*)\b (?:[\w']+ ){0,5}(?:testic\w*|testes|scrot\w*"
    r"|testiculo)",
    r"\b(?:testic\w*|testes|scrot\w*|testiculo)\b (?:[\w']+ ){0,4}(?:pain\w*|hurt\w*|swollen"
    r"|swell\w*|duele)",
)
#: "The worst pain of my life", wherever it is.
#: Danger signs in a young infant (WHO's IMCI list): with an age of 90 days or less, an emergency.
INFANT_DANGER = rx(
    r"\brefus\w* (?:to )?(?:eat|feed|nurse|drink|the bottle)|\bstopped (?:eating|feeding|nursing)"
    r"|\b(?:won'?t|will not|can'?t|isn'?t|not) (?:eat\w*|feed\w*|nurs\w*|drink\w*) at all"
    r"|\bhas(?:n'?t| not) (?:eaten|fed|nursed) (?:in|for|since)",
    r"\bbreathing (?:\w+ ){0,2}(?:fast|hard|funny|weird|strange)|\b(?:fast|rapid|labou?red)"
    r" breathing|\bgrunt\w*|\bfloppy|\bletharg\w*|\blimp\b|\bhard to wake|\bwon'?t wake"
    r"|\b(?:turn\w*|looks?|is|gone) (?:blue|gr[ae]y)\b|\bblue (?:lips|around)|\bmottled"
    r"|\binconsolable|\bhigh-? ?pitched|\bbulging (?:soft )?spot|\bno wet diapers?\b"
    r"|\bno quiere (?:comer|tomar) nada|\brespira (?:muy )?rapido",
)
#: Symptoms that make an extreme heart rate an emergency.
PULSE_DANGER = rx(
    r"\bdizz\w*|\blight-? ?headed|\bpass(?:ed|ing)? out|\bblack(?:ed|ing)? out|\bfaint\w*"
    r"|\bconfus\w*|\bchest\b"
    r"|\bshort(?:ness)? of breath|\bcan'?t (?:\w+ )?breath\w*|\bmare(?:o|ad[ao])",
)
WORST_PAIN = rx(
    r"\bworst (?:\w+ ){0,3}(?:pain|ache|cramp\w*) (?:\w+ ){0,5}(?:of|in) (?:my|his|her|their)"
    r" (?:life|lives|entire life)|\bpeor dolor de (?:mi|su) vida",
    # A cord or a limb out before the baby: an obstetric emergency.
    r"\bcord (?:is )?(?:coming|hanging|sticking|poking) out|\b(?:water|waters) (?:\w+ ){0,3}"
    r"(?:broke|broken)\b(?:[\w',]+ ){1,8}(?:feel|see|felt|saw) (?:the )?(?:umbilical )?cord\b",
    # A tearing or ripping pain is how an aortic dissection is told.
    r"\b(?:tearing|ripping) (?:pain|feeling|sensation) (?:[\w']+ ){0,4}(?:chest|back|belly"
    r"|abdomen|stomach|shoulder blades)",
    # A rigid belly (peritonitis, a perforation): "hard as a board".
    r"\b(?:belly|stomach|abdomen|tummy)\b (?:[\w']+ ){0,3}(?:hard as a (?:board|rock)|rigid\b"
    r"|board-?like)",
)
#: A few alarm words: in a very short message they are the whole message.
SHORT_ALARM = rx(
    r"\b(?:heart attack|stroke|seizure|seizing|overdos\w*|anaphyla\w*|unconscious|not breathing"
    r"|can'?t breathe?|suicid\w*|bleeding|emergency|emergencia|911|ambulance|help me|ayuda"
    r"|urgente|dying(?! (?:to|for)\b)|chest|pecho)\b",
)
#: An alarm word that names a document or service ("seizure plan form", "stroke clinic",
#: "overdose kit training"), or an event the writer says is over ("I stopped bleeding", "the
#: bleeding stopped"): in a short message it is still no finding happening now.
ALARM_NOT_EVENT = re.compile(
    r"\s+(?:action\s+)?(?:plans?|forms?|clinic|class(?:es)?|group|protocol|paperwork|letter"
    r"|kit|training|prevention|risk|screening|history|support|education|awareness|meds?"
    r"|medications?|doctor|specialist|nurse|team|unit|card|bracelet)\b"
)
ALARM_OVER = re.compile(
    r"\b(?:stopped|has stopped|have stopped|quit|no longer|finished)\s+(?:\w+\s+)?$"
)
ALARM_OVER_AFTER = re.compile(r"\s+(?:has |had |finally )?(?:stopped|ended|is over|went away)\b")
#: Words of urgency that name no finding: shouted over a routine request, they alarm nobody.
URGENCY_WORD = re.compile(r"emergency|emergencia|urgente|urgent|911|help me|ayuda")
#: Routine requests that a shouted urgency word can sit on.
ROUTINE_REQUEST = rx(
    r"\b(?:re-?schedul\w*|appointments?|appts?|cancel\w*|bills?|billing|charge[ds]?|copay\w*"
    r"|refill\w*|prescriptions?|forms?|records?|statements?|invoice|cita|receta|factura"
    r"|paperwork|letter|portal|password)\b",
)
#: A lab or check that must happen within a day or two (discharge instructions, newborns).
LAB_DEADLINE = rx(
    r"\b(?:bilirubin|potassium|inr|levels?|recheck|re-check|blood (?:test|work|draw)|labs?"
    r"|lab work|weight check)\b (?:[\w',]+ ){0,8}(?:tomorrow|today|within (?:\d|one|two|three"
    r"|24|48|72) (?:days?|hours?|hrs?))",
)
LAB_DEADLINE_CONTEXT = rx(
    r"\b(?:discharg\w*|hospital|er\b|emergency room|told|said|supposed to|newborn|baby)\b",
)
