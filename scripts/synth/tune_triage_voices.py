"""The voices probe, tune side (issue 16, s27): open, read and tuned on.

Written after the held-out side (``heldout_triage_voices.py``, blind) and without reading it
again: other people, other scenes, other wordings in the same seven voices, plus pregnancy
and infant look-alikes. ``{slot}`` fills come from :data:`FILLS` (this side's own pools).
"""

from __future__ import annotations

#: (voice, category, urgency, template)
ITEMS: list[tuple[str, str, str, str]] = [
    # --- a caregiver typing for someone else
    (
        "caregiver",
        "symptom_escalation",
        "emergency",
        "This is {me}, I help my neighbor Mr. Ruiz with his messages. He just called me over,"
        " his left leg gave out, he can't hold the phone in his left hand and he sounds drunk"
        " but he doesn't drink.",
    ),
    (
        "caregiver",
        "symptom_escalation",
        "emergency",
        "Messaging for my mother who is 81. She has been sick to her stomach and sweaty for the"
        " last hour, says there's a pressure between her shoulder blades, and she looks ashen.",
    ),
    (
        "caregiver",
        "symptom_escalation",
        "urgent",
        "I'm the daughter and I handle his account. Dad's left foot ulcer has gotten redder and"
        " there's a bad smell from the dressing since Monday.",
    ),
    (
        "caregiver",
        "refill_request",
        "routine",
        "On behalf of my mom (she can't see the screen well): her latanoprost eye drops need a"
        " new prescription, please send to {pharm}.",
    ),
    (
        "caregiver",
        "billing_question",
        "routine",
        "I'm my uncle's caregiver and power of attorney. Why was he charged a facility fee for a"
        " telehealth call? He never left the house.",
    ),
    (
        "caregiver",
        "refill_request",
        "urgent",
        "Writing for my son who had a kidney transplant in the spring. His tacrolimus ran out"
        " last night and the pharmacy says the prescription expired. Can you send a new one"
        " now?",
    ),
    (
        "caregiver",
        "symptom_escalation",
        "emergency",
        "My daughter's friend is sleeping over. She ate a cookie that might have had nuts and"
        " now her face is swelling and she keeps clearing her throat and says it feels"
        " narrow.",
    ),
    (
        "caregiver",
        "appointment_scheduling",
        "routine",
        "I'm writing for my grandma who is doing well. She needs her eye doctor referral"
        " appointment moved to after the holidays.",
    ),
    (
        "caregiver",
        "symptom_escalation",
        "emergency",
        "Typing for my partner because she can't. She's sitting on the stairs gasping, can only"
        " get out two words at a time, and her lips are turning a dusky color.",
    ),
    # --- voice-to-text, no punctuation
    (
        "dictated",
        "symptom_escalation",
        "emergency",
        "sorry using the voice thing my dad keeps grabbing the left side of his chest and says"
        " it's crushing he's all clammy and he wants to lie down",
    ),
    (
        "dictated",
        "symptom_escalation",
        "emergency",
        "my little girl is 6 weeks old and she feels really warm I took it under her arm and"
        " it's 100.8 and she's just sleeping and sleeping",
    ),
    (
        "dictated",
        "symptom_escalation",
        "emergency",
        "hello my grandpa just sat down hard and now his right arm is limp and half his face"
        " looks droopy and he's not answering me right",
    ),
    (
        "dictated",
        "symptom_escalation",
        "urgent",
        "hi um my toe where they took the nail off on Thursday is really swollen and red now"
        " and there's pus and it throbs",
    ),
    (
        "dictated",
        "appointment_scheduling",
        "routine",
        "hi this is voice text I need to cancel tomorrow's dentist referral no wait the"
        " dermatology one and set up a new time next month",
    ),
    (
        "dictated",
        "refill_request",
        "routine",
        "yeah could I get more of my cholesterol medicine the atorvastatin I still have maybe ten"
        " days",
    ),
    (
        "dictated",
        "billing_question",
        "routine",
        "question about a charge I see on my statement for two hundred dollars from the urgent"
        " care visit I thought that was covered by the plan",
    ),
    (
        "dictated",
        "symptom_escalation",
        "emergency",
        "my wife fainted and now she's shaking all over on the floor and it's been going for"
        " like five minutes it won't stop",
    ),
    (
        "dictated",
        "symptom_escalation",
        "emergency",
        "I'm on the couch and I can't stop the blood from my nose it's been forty minutes I'm on"
        " the warfarin and now I feel woozy",
    ),
    # --- an old resolved problem, then a new one
    (
        "old_and_new",
        "symptom_escalation",
        "emergency",
        "I had a blood clot in my leg years ago and finished treatment. Since this morning I get"
        " out of breath just talking, my heart is pounding and I coughed up a bit of blood.",
    ),
    (
        "old_and_new",
        "appointment_scheduling",
        "routine",
        "My back spasms from the spring are totally gone now. I'd like to set up a checkup"
        " before open enrollment.",
    ),
    (
        "old_and_new",
        "symptom_escalation",
        "urgent",
        "The UTI from last month cleared with the antibiotic. Now I have a fever of 101.5 and"
        " pain in my right side of my back since yesterday.",
    ),
    (
        "old_and_new",
        "symptom_escalation",
        "emergency",
        "I had a stroke scare two years ago that turned out to be a migraine. Today it's"
        " different: my right hand went numb, I'm dropping things and my words are slurring.",
    ),
    (
        "old_and_new",
        "other",
        "routine",
        "The cough from my cold in October is gone. I just want to know whether my flu shot is"
        " on file.",
    ),
    (
        "old_and_new",
        "refill_request",
        "routine",
        "My panic attacks are under control now, thank you. I need the sertraline renewed, 90"
        " days please.",
    ),
    (
        "old_and_new",
        "symptom_escalation",
        "urgent",
        "The sinus infection went away in the fall. This week my left eye is red, painful and"
        " my vision is blurry in it.",
    ),
    (
        "old_and_new",
        "symptom_escalation",
        "emergency",
        "I used to get asthma as a kid but outgrew it. Tonight I'm wheezing, my neck muscles"
        " pull in when I breathe and I can't finish a sentence.",
    ),
    # --- a nursing-home nurse, third person
    (
        "facility",
        "symptom_escalation",
        "emergency",
        "{home}, unit 2: resident was found on the floor of her room, not responding to voice,"
        " breathing noisy. Pupils unequal.",
    ),
    (
        "facility",
        "symptom_escalation",
        "emergency",
        "RN at {home}: resident's BP 78/40, HR 128, cool mottled legs, no urine since last"
        " evening. On antibiotics for UTI.",
    ),
    (
        "facility",
        "symptom_escalation",
        "urgent",
        "{home} reports resident has had 4 loose stools since last night, is drinking less and"
        " seems weaker, vitals stable.",
    ),
    (
        "facility",
        "refill_request",
        "routine",
        "{home}: pharmacy says the resident's levothyroxine and vitamin D orders expire this"
        " month, please renew.",
    ),
    (
        "facility",
        "other",
        "routine",
        "{home} social work: family asks for a copy of the advance directive on file and the"
        " last care plan letter.",
    ),
    (
        "facility",
        "symptom_escalation",
        "urgent",
        "{home} evening nurse: resident has new confusion since dinner, picking at the air,"
        " temp 100.6, urine dark and cloudy.",
    ),
    (
        "facility",
        "symptom_escalation",
        "emergency",
        "{home}: resident choked on a piece of meat at dinner, Heimlich done, food came out but"
        " she is still very short of breath and blue around the lips.",
    ),
    (
        "facility",
        "billing_question",
        "routine",
        "{home} business office: we received an invoice for the resident's lab draw, should that"
        " be billed to Medicare Part B instead?",
    ),
    # --- teenage slang
    (
        "teen",
        "symptom_escalation",
        "emergency",
        "ok dont freak but i lowkey took a bunch of my adhd meds to study and now my heart is"
        " going crazy and im shaking",
    ),
    (
        "teen",
        "symptom_escalation",
        "emergency",
        "fr i dont wanna be alive anymore, i've got the razor and my parents are out",
    ),
    (
        "teen",
        "symptom_escalation",
        "emergency",
        "my boyfriend hit his head at the skatepark, he puked twice and keeps asking the same"
        " stuff over and over",
    ),
    (
        "teen",
        "symptom_escalation",
        "urgent",
        "my ankle is mad swollen after i rolled it at the game and i cant put weight on it at all",
    ),
    ("teen", "refill_request", "routine", "hey can u send more of my acne cream, im almost out"),
    (
        "teen",
        "billing_question",
        "routine",
        "does my insurance pay for the hpv shot or do i gotta pay",
    ),
    (
        "teen",
        "appointment_scheduling",
        "routine",
        "need to book a physical for volleyball tryouts, any time after school works",
    ),
    ("teen", "other", "routine", "lol i forgot my portal password again can u reset it"),
    # --- Spanish / Portuguese / Vietnamese mixed with English
    (
        "mixed",
        "symptom_escalation",
        "emergency",
        "Mi mamá tiene la cara torcida y no puede hablar bien, it started right after lunch",
    ),
    (
        "mixed",
        "symptom_escalation",
        "emergency",
        "Meu pai está com uma dor no peito muito forte e suando frio, he is 70, please help",
    ),
    (
        "mixed",
        "symptom_escalation",
        "emergency",
        "Con tôi 3 tuổi nuốt mấy viên thuốc của bà, maybe 5 pills, we don't know what kind",
    ),
    (
        "mixed",
        "symptom_escalation",
        "urgent",
        "Tengo una cortada en la mano from a knife, it's deep and keeps opening, I think I need"
        " stitches",
    ),
    ("mixed", "refill_request", "routine", "Preciso de mais losartana por favor, send to {pharm}"),
    (
        "mixed",
        "billing_question",
        "routine",
        "Cuánto cuesta el examen de sangre if I pay cash? No tengo seguro todavía",
    ),
    (
        "mixed",
        "appointment_scheduling",
        "routine",
        "Tôi muốn đổi lịch hẹn to next Thursday morning, thank you",
    ),
    (
        "mixed",
        "symptom_escalation",
        "emergency",
        "Mi bebé de 7 semanas tiene 38.5 de temperatura and she won't eat, what should we do",
    ),
    (
        "mixed",
        "other",
        "routine",
        "Hola, necesito una carta for my job diciendo que fui a la cita ayer",
    ),
    # --- an emergency with no alarm word
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "My son is sucking in under his ribs with every breath and his color is off, kind of"
        " bluish around his mouth",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "Grandpa is talking nonsense all of a sudden and his smile is crooked",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "My wife is on the bed staring at the ceiling, she's not blinking when I wave and her"
        " arm keeps twitching",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "My toddler was playing under the sink and now she smells like bleach and keeps gagging",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "He's shivering under three blankets, his knees are purple and blotchy and he's hardly"
        " making sense, had a fever yesterday",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "My mom feels really off, cold sweat, sick to her stomach and her jaw aches, she has"
        " diabetes",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "the baby's 3 weeks and he's so limp today, won't wake up properly to eat",
    ),
    (
        "no_alarm",
        "symptom_escalation",
        "emergency",
        "My brother can't seem to get his words out and he doesn't follow what we're asking"
        " him, it came on in the last half hour",
    ),
    # --- pregnancy and infant look-alikes (not emergencies)
    (
        "lookalike",
        "appointment_scheduling",
        "routine",
        "I'm 24 weeks and the baby moves all the time, I love it! I need to book my glucose test.",
    ),
    (
        "lookalike",
        "other",
        "routine",
        "My 7 week old has little white bumps on his nose but is feeding great, are those normal?",
    ),
    (
        "lookalike",
        "symptom_escalation",
        "urgent",
        "I'm 30 weeks pregnant and my feet and ankles swelled up a lot this week and I've got a"
        " dull headache, no spots in my vision",
    ),
    (
        "lookalike",
        "billing_question",
        "routine",
        "Our newborn is two weeks old and doing fine. How do we add him to our insurance plan?",
    ),
    (
        "lookalike",
        "symptom_escalation",
        "urgent",
        "My 10 week old has had a stuffy nose and cough since Sunday and is taking a little less"
        " milk, no fever, plenty of wet diapers",
    ),
    (
        "lookalike",
        "other",
        "routine",
        "I'm 16 weeks along and everything is great. Is it ok to fly to my sister's wedding next"
        " month?",
    ),
    (
        "lookalike",
        "refill_request",
        "routine",
        "I'm 28 weeks pregnant and my prenatal vitamins are running low, can you send a refill?",
    ),
    (
        "lookalike",
        "appointment_scheduling",
        "routine",
        "My 4 week old is nursing well and gaining weight, please schedule her one month"
        " weight check.",
    ),
    (
        "lookalike",
        "symptom_escalation",
        "urgent",
        "I'm 9 weeks pregnant and can't keep anything down since Friday, not even sips of"
        " water, and I've barely peed today",
    ),
    ("lookalike", "other", "routine", "Can I dye my hair while pregnant? I'm 12 weeks."),
    (
        "lookalike",
        "symptom_escalation",
        "urgent",
        "My 5 week old's belly button is red around the edge and a bit smelly, she's feeding"
        " fine and no fever",
    ),
    (
        "lookalike",
        "other",
        "routine",
        "My 6 week old sleeps 5 hours at night now, should I wake him to feed? He's gaining"
        " weight well.",
    ),
]

#: Slot pools of this side.
FILLS: dict[str, list[str]] = {
    "me": ["Tomasz", "Marisol", "Kwame", "Hana", "Beatriz"],
    "pharm": ["Costco pharmacy", "Walmart pharmacy", "Safeway pharmacy", "Publix"],
    "home": ["Maple Grove Care Center", "St. Brigid's Home", "Lakeside Rehab", "Cedar Hills SNF"],
}
