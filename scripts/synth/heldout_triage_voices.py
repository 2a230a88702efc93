"""The voices probe, held-out side (issue 16, s27): BLIND once committed, never read again.

Written first, before the tune side and before any tuning. Seven voices no earlier triage
generator used: a caregiver typing for someone else, voice-to-text with no punctuation, an
old resolved problem next to a new one, a nursing-home nurse writing in the third person,
teenage slang, Spanish / Portuguese / Vietnamese mixed with English, and emergencies told
without an alarm word. ``{slot}`` fills come from :data:`FILLS` (this side's own pools).
"""

from __future__ import annotations

#: (voice, category, urgency, template)
ITEMS: list[tuple[str, str, str, str]] = [
    # --- a caregiver typing for someone else
    (
        "caregiver",
        "symptom_escalation",
        "emergency",
        "Hi, {me} here, typing for my father-in-law since he doesn't read English. About an hour"
        " ago he started dropping his coffee cup from his right hand and his words come out"
        " mushy. Can he still come to his 3pm?",
    ),
    (
        "caregiver",
        "symptom_escalation",
        "emergency",
        "Writing on behalf of my wife. She got up off the couch, went grey, said her heart was"
        " flip-flopping, then slid down onto the floor. She's awake again but white as paper.",
    ),
    (
        "caregiver",
        "symptom_escalation",
        "urgent",
        "I'm her son and I run her portal. Mom has had burning when she pees for two days and"
        " since yesterday she is more muddled than usual. We haven't checked a temperature.",
    ),
    (
        "caregiver",
        "refill_request",
        "routine",
        "Typing this for my husband because his hands shake: he needs his carbidopa-levodopa"
        " renewed, 90 days, to the {pharm} on Elm.",
    ),
    (
        "caregiver",
        "billing_question",
        "routine",
        "I look after my aunt. Her statement from the March visit says she owes 85 dollars but"
        " Medicare should have picked that up, can someone explain?",
    ),
    (
        "caregiver",
        "refill_request",
        "urgent",
        "My brother lives in a group home and staff just told me he has no levetiracetam left as"
        " of this morning. Please send it to {pharm} today.",
    ),
    (
        "caregiver",
        "symptom_escalation",
        "emergency",
        "Sending this for my grandson who is staying with us. He got stung by something in the"
        " yard, now he's scratching all over, his eyes are puffing shut and he sounds hoarse.",
    ),
    (
        "caregiver",
        "appointment_scheduling",
        "routine",
        "I'm my dad's health care proxy. He's fine, nothing new, I just need to push his memory"
        " clinic visit back a month because I'll be traveling.",
    ),
    # --- voice-to-text, no punctuation
    (
        "dictated",
        "symptom_escalation",
        "emergency",
        "hey so this is being dictated my chest has been like a heavy weight since I was"
        " shoveling and it's going up into my jaw and I'm sweating through my shirt what do I do",
    ),
    (
        "dictated",
        "symptom_escalation",
        "emergency",
        "this is {me} my son is four weeks old and he's really hot to touch the thermometer said"
        " 38.6 and he's not interested in the bottle at all",
    ),
    (
        "dictated",
        "symptom_escalation",
        "emergency",
        "okay so um my mom is sitting here and she can't find her words she keeps saying the"
        " wrong things and the left side of her mouth isn't moving right",
    ),
    (
        "dictated",
        "symptom_escalation",
        "urgent",
        "so there's this red streak going up my arm from where the cat bit me yesterday and"
        " it's warm and it's getting longer",
    ),
    (
        "dictated",
        "appointment_scheduling",
        "routine",
        "hi I need to move my appointment on the twelfth to sometime the week after thank you",
    ),
    (
        "dictated",
        "refill_request",
        "routine",
        "um yeah I need more of the blood pressure pill the amlodipine one I've got about a week"
        " left send it to {pharm}",
    ),
    (
        "dictated",
        "billing_question",
        "routine",
        "yes hi I got a bill in the mail for the lab work and I thought my insurance paid for"
        " that can somebody look into it",
    ),
    (
        "dictated",
        "symptom_escalation",
        "emergency",
        "my husband just fell over in the kitchen and he's making snoring sounds and I can't get"
        " him to open his eyes",
    ),
    # --- an old resolved problem, then a new one
    (
        "old_and_new",
        "symptom_escalation",
        "emergency",
        "Last winter I had pneumonia and it cleared up fine. Today though I can hardly get air"
        " in, I have to stop twice walking to the bathroom and my fingertips look dusky.",
    ),
    (
        "old_and_new",
        "appointment_scheduling",
        "routine",
        "The headaches I had last year went away once I got new glasses, thank you. I'd just"
        " like to book my yearly physical.",
    ),
    (
        "old_and_new",
        "symptom_escalation",
        "urgent",
        "The rash from the amoxicillin back in June is long gone. New thing: my left calf has"
        " been swollen, sore and warm since Sunday, after the long flight home.",
    ),
    (
        "old_and_new",
        "symptom_escalation",
        "emergency",
        "I passed a kidney stone in 2022. This is different: a sudden pain low on one side of"
        " my belly, the worst I've felt, I'm 7 weeks pregnant and I nearly blacked out.",
    ),
    (
        "old_and_new",
        "other",
        "routine",
        "The knee swelling I wrote about in May has settled. All I need now is a copy of the"
        " x-ray report for my physical therapist.",
    ),
    (
        "old_and_new",
        "symptom_escalation",
        "emergency",
        "My heart attack was in 2019 and I've been fine since. This afternoon the same squeezing"
        " came back behind my breastbone while I was mowing and it hasn't let up.",
    ),
    (
        "old_and_new",
        "refill_request",
        "routine",
        "My seizures stopped years ago on lamotrigine and I've had none since. Could you renew"
        " it, I have a month's worth left.",
    ),
    (
        "old_and_new",
        "symptom_escalation",
        "urgent",
        "The ear infection from March cleared. Now it's my other ear, aching since Friday, with"
        " yellow stuff coming out and a temperature of 101.2.",
    ),
    # --- a nursing-home nurse, third person
    (
        "facility",
        "symptom_escalation",
        "emergency",
        "{home} nursing station re: resident in room 14. Resident has been difficult to rouse"
        " since breakfast, only moans to sternal rub. BG 142.",
    ),
    (
        "facility",
        "symptom_escalation",
        "emergency",
        "From {home}: new resident began coughing at lunch, then could not speak or cough,"
        " hands at her throat. Staff are doing back blows now.",
    ),
    (
        "facility",
        "symptom_escalation",
        "urgent",
        "Nurse at {home}: the resident's sacral pressure area has a foul smell and yellow"
        " drainage today, temp 100.9.",
    ),
    (
        "facility",
        "refill_request",
        "routine",
        "{home} med room: please renew the resident's donepezil and memantine, pharmacy needs a"
        " new order by Friday.",
    ),
    (
        "facility",
        "other",
        "routine",
        "{home} requests the updated POLST form and the notes from the last visit for our chart.",
    ),
    (
        "facility",
        "symptom_escalation",
        "urgent",
        "{home}, night shift: resident in 22B slid out of bed overnight, no head strike"
        " witnessed, now the right hip hurts when we stand him and that leg looks shorter.",
    ),
    (
        "facility",
        "symptom_escalation",
        "emergency",
        "{home} charge nurse: resident's sats 84% on room air, breathing 32 a minute, crackles"
        " both sides. Family is on the way.",
    ),
    (
        "facility",
        "appointment_scheduling",
        "routine",
        "{home} activities office: can the resident's podiatry visit be changed to a Tuesday,"
        " our van doesn't run Mondays.",
    ),
    # --- teenage slang
    (
        "teen",
        "symptom_escalation",
        "emergency",
        "ngl my heart is doing smth weird like fluttering super fast and i got rlly lightheaded"
        " at practice and almost dropped, coach said to msg u",
    ),
    (
        "teen",
        "symptom_escalation",
        "emergency",
        "i took like a whole sheet of my moms sleeping pills lol idk why im so tired now",
    ),
    (
        "teen",
        "symptom_escalation",
        "emergency",
        "my friend is super out of it after vaping some stuff, she's not answering us and her"
        " breathing is slow and weird",
    ),
    (
        "teen",
        "symptom_escalation",
        "urgent",
        "yo my throat is so sore i cant even swallow my own spit and theres white stuff on my"
        " tonsils, fever 101",
    ),
    (
        "teen",
        "refill_request",
        "routine",
        "can i get my birth control refilled pls same pharmacy as last time",
    ),
    (
        "teen",
        "billing_question",
        "routine",
        "how much does a sports physical cost here, i dont have my moms insurance card rn",
    ),
    (
        "teen",
        "appointment_scheduling",
        "routine",
        "lowkey stressed about exams and not sleeping great, not gonna hurt myself or anything,"
        " could i see someone in a couple weeks",
    ),
    (
        "teen",
        "symptom_escalation",
        "emergency",
        "bro idk what to do my ex said shes gonna end it tonight and she has her dads pills",
    ),
    # --- Spanish / Portuguese / Vietnamese mixed with English
    (
        "mixed",
        "symptom_escalation",
        "emergency",
        "Mi abuelo no puede levantar el brazo derecho y habla raro since like 20 minutes, what"
        " do we do",
    ),
    (
        "mixed",
        "symptom_escalation",
        "emergency",
        "Minha mãe está com muita falta de ar and her lips are kind of purple, ela tem DPOC",
    ),
    (
        "mixed",
        "symptom_escalation",
        "emergency",
        "Ba tôi bị đau ngực dữ dội, sweating a lot, đang nằm trên ghế",
    ),
    (
        "mixed",
        "symptom_escalation",
        "urgent",
        "Mi hija tiene fiebre de 39 desde ayer y le duele el oído, she's 3 years old, can she be"
        " seen today?",
    ),
    (
        "mixed",
        "refill_request",
        "routine",
        "Necesito refill de mi metformina por favor, send it to {pharm}",
    ),
    (
        "mixed",
        "billing_question",
        "routine",
        "Quanto custa a consulta sem plano? I don't have insurance yet",
    ),
    (
        "mixed",
        "appointment_scheduling",
        "routine",
        "Cho tôi đặt lịch hẹn khám tổng quát next month please",
    ),
    (
        "mixed",
        "symptom_escalation",
        "emergency",
        "Mi esposo se desmayó en el baño, ya despertó pero está sudando frío and says his chest"
        " feels tight",
    ),
    (
        "mixed",
        "other",
        "routine",
        "Hola, can you send the carta for my son's school saying he can do gym again? Ya está"
        " bien del tobillo",
    ),
    # --- an emergency with no alarm word
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "He's breathing kind of funny, sort of grunting with each breath, and his lips have gone"
        " a little grey-blue",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "She isn't making sense since her nap and one side of her face looks lower than the other",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "My husband is sitting at the table but won't answer me, he's just staring and his right"
        " hand keeps jerking",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "my son got into the garage and drank out of the blue bottle, he's drooling and coughing",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "She's very sleepy, her skin is cold and blotchy and she hasn't peed since yesterday,"
        " she had a fever this morning",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "Dad's really sweaty and gray, says his stomach feels off and his left arm aches, he's"
        " diabetic",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "the baby is 5 weeks and she's all floppy today, hard to wake her for feeds",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "{me} again - my wife's speech went garbled out of nowhere and now she can't seem to"
        " understand what I say to her",
    ),
    # --- pregnancy and infant look-alikes (not emergencies)
    (
        "lookalike",
        "appointment_scheduling",
        "routine",
        "I'm 20 weeks pregnant and the baby kicks a lot at night, which is fun! I'd like to book"
        " the anatomy scan.",
    ),
    (
        "lookalike",
        "other",
        "routine",
        "Our 6 week old spits up a little after feeds but is gaining well at the weight checks,"
        " is it ok to try a different formula brand?",
    ),
    (
        "lookalike",
        "symptom_escalation",
        "urgent",
        "I'm 26 weeks pregnant and have had a headache since yesterday that Tylenol didn't"
        " touch, no vision changes, BP at the pharmacy was 138/88",
    ),
    (
        "lookalike",
        "billing_question",
        "routine",
        "We had the baby 3 weeks ago and she's doing great. Will insurance cover the lactation"
        " consultant visits?",
    ),
    (
        "lookalike",
        "symptom_escalation",
        "urgent",
        "My 2 month old has had a cough and runny nose for 3 days and is feeding a bit less, no"
        " fever, still wetting diapers",
    ),
    (
        "lookalike",
        "other",
        "routine",
        "Pregnant with twins, 14 weeks, all good so far. Can I keep doing hot yoga?",
    ),
    (
        "lookalike",
        "refill_request",
        "routine",
        "I'm 32 weeks pregnant and my heartburn is back, can you renew the famotidine you"
        " prescribed in my first trimester?",
    ),
    (
        "lookalike",
        "appointment_scheduling",
        "routine",
        "My 8 week old is eating and sleeping like a champ, we need to set up her 2 month"
        " vaccines.",
    ),
    (
        "lookalike",
        "symptom_escalation",
        "urgent",
        "I'm 11 weeks pregnant and have been vomiting everything since Saturday, even water, and"
        " I'm getting dizzy when I stand",
    ),
    (
        "lookalike",
        "other",
        "routine",
        "Is it safe to use the hot tub at the hotel? I'm about 9 weeks along.",
    ),
]

#: Slot pools of this side.
FILLS: dict[str, list[str]] = {
    "me": ["Renata", "Osei", "Lucia", "Devon", "Priya"],
    "pharm": ["Walgreens", "CVS", "Kroger pharmacy", "Rite Aid"],
    "home": ["Sunrise Manor", "Oakview Care Home", "Willow Creek SNF", "Hillside Assisted Living"],
}
