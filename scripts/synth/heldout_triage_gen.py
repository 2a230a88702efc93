#!/usr/bin/env python3
"""Generate the triage helper's OWN held-out set: evals/data/heldout_triage_gen/triage.jsonl.

BLIND: written before any tuning of the semantic layer, with phrase pools of its own that the
tuning generator (scripts/synth/tune_triage_gen.py) does not share. Do not open this file or its
output while tuning rules, prototypes or the classifier, and never train on its output.

Classes (issue 16): an emergency in the last sentence of a billing, scheduling or refill
message; caregivers; Spanish and Spanglish; very short messages; frightening words in routine
messages (negated, a group's name, a past event); capitals over routine requests; urgent
situations that are not symptoms. Labels follow ../shared/data/dev/README.md.

    python3 scripts/synth/heldout_triage_gen.py            # writes the file
    python3 scripts/synth/heldout_triage_gen.py --check    # exit 1 if the committed file differs
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "heldout_triage_gen" / "triage.jsonl"
SEED = 7170531
PREFIX = "hg-tri-"

Row = tuple[str, str, str]

OPEN_ROUTINE = [
    ("Quick one about the ${amt} balance that showed up after my January visit.", "bil"),
    ("Is the portal bill of ${amt} the final amount or will insurance adjust it?", "bil"),
    ("I want to switch my Thursday slot with Dr. Okafor to sometime next month.", "app"),
    ("Trying to book the yearly skin check, the online calendar keeps erroring out.", "app"),
    ("Please put through another 90 days of my losartan to the Kroger pharmacy.", "ref"),
    ("Need my atorvastatin renewed, the bottle says zero refills left.", "ref"),
    ("Where do I send the disability paperwork for my employer?", "oth"),
    ("Can the nurse fax my vaccine record to the school district office?", "oth"),
]
CAT = {
    "bil": "billing_question",
    "app": "appointment_scheduling",
    "ref": "refill_request",
    "oth": "other",
    "sym": "symptom_escalation",
}
LAST_EMERGENCY = [
    "Oh and for the past twenty minutes it feels like an elephant is parked on my breastbone.",
    "By the way my left arm and jaw started aching and I'm drenched in a cold sweat.",
    "Also I can only get out two or three words before I have to stop and gasp.",
    "Side note, half my mouth stopped working a little while ago and my coffee dribbled out.",
    "PS my wife says my speech sounds garbled since lunch and my right hand won't grip.",
    "Also I swallowed the rest of my oxycodone an hour ago because I'm done with all this.",
    "One more thing, I'm throwing up what looks like coffee grounds and the room is spinning.",
    "Also my throat is closing up after the shrimp and my lips are huge.",
    "And I think I'm passing out every time I stand, everything goes grey.",
    "Last thing, I've soaked four maxi pads in the last hour since the delivery.",
]
CAREGIVER_EMERGENCY = [
    "Writing for my grandfather: he slumped in his chair, won't answer us and his lips are gray.",
    "My roommate took a handful of her antidepressants with vodka and now she's barely awake.",
    "My 5 week old feels hot, thermometer says 100.8 and he won't feed.",
    "Our son fell off the trampoline, hit his head and keeps vomiting and acting drowsy.",
    "Mom is on Eliquis, slipped in the bathroom, banged her head, now has a bad headache and"
    " is confused.",
    "My husband's one pupil looks bigger than the other and he says it's the worst headache"
    " he's ever had.",
    "Texting for my aunt, she can't lift her right arm and her smile is crooked.",
    "My brother has been shaking and jerking on the floor for over five minutes.",
    "My daughter ate peanuts at a party, her face is swelling and she's wheezing hard.",
    "My dad keeps clutching his chest, he's pale and sweaty and says it's just gas.",
]
SPANISH_EMERGENCY = [
    "Mi esposo no puede respirar bien y tiene los labios morados.",
    "Me duele muchísimo el pecho y se me va hacia el brazo izquierdo.",
    "Mi mamá no responde, la encontramos en el piso.",
    "Mi hijo se tomó unas pastillas de su abuela, no sabemos cuántas.",
    "De repente no puedo mover el lado derecho y hablo raro.",
    "my abuela has chest pain bien fuerte and she's sweating mucho",
    "Tengo 32 semanas de embarazo y estoy sangrando muchísimo.",
    "el bebe no respira bien, se le hunden las costillas",
    "My tío se cayó y ahora no habla claro y tiene la cara caída",
    "I need help, mi hermana dice que se quiere matar y tiene la pistola de papá",
]
SHORT_EMERGENCY = [
    "cant breathe",
    "help chest crushing",
    "baby blue not breathing",
    "dad collapsed not waking",
    "took all my pills",
    "throat swelling shut",
    "seizure wont stop",
    "face drooping now",
    "bleeding wont stop pls",
    "no puedo respirar",
]
ROUTINE_ALARM = [
    ("No chest pain or anything like that, I just need my metoprolol renewed.", "ref"),
    ("Can you send the flyer for the Heart Attack Survivors support group meeting?", "oth"),
    ("After my stroke two years ago I'm doing great; need to book the annual follow-up.", "app"),
    (
        "Denies shortness of breath, denies fever. Just asking about my copay for the sleep study.",
        "bil",
    ),
    ("My aunt died of an overdose back in 2019, so I'm asking about naloxone coverage.", "bil"),
    (
        "The seizure clinic letter says I've been seizure-free for three years, can I get a copy"
        " for the DMV?",
        "oth",
    ),
    (
        "If I ever had trouble breathing on the new inhaler would I call you or 911? Just"
        " curious for the future.",
        "oth",
    ),
    ("My son is doing a school report on suicide prevention, do you have pamphlets?", "oth"),
    ("Not bleeding anymore and the cut healed fine, can we cancel the wound check?", "app"),
    ("Passing out was a thing last spring, all fine since. Need the cardio note for work.", "oth"),
]
SHOUT_ROUTINE = [
    ("WHY DID I GET CHARGED TWICE FOR THE SAME LAB DRAW", "bil"),
    ("I HAVE CALLED FOUR TIMES ABOUT MY REFILL OF SERTRALINE, PLEASE SEND IT", "ref"),
    ("THIS IS RIDICULOUS, THE PORTAL WON'T LET ME RESCHEDULE MY PHYSICAL", "app"),
    ("URGENT!!! NEED MY IMMUNIZATION RECORDS FOR CAMP BY FRIDAY", "oth"),
    ("EMERGENCY: MY INSURANCE CARD CHANGED, UPDATE IT BEFORE MY VISIT", "bil"),
    ("HELLO?? NOBODY ANSWERS THE PHONE. I NEED TO MOVE MY APPOINTMENT", "app"),
]
SITUATION_URGENT = [
    (
        "My Tuesday chemo got skipped because the infusion center closed for the storm, what do"
        " I do now?",
        "oth",
    ),
    ("I'm 9 weeks pregnant and the kid I babysat Saturday was just diagnosed with measles.", "oth"),
    ("Down to my last Keppra tablet and the pharmacy can't fill until Monday.", "ref"),
    ("I took my husband's Viagra last night and I'm on isosorbide, is that a problem?", "oth"),
    ("My mom's tacrolimus ran out yesterday and the specialty pharmacy is backordered.", "ref"),
    ("I missed dialysis yesterday because my ride fell through, can I come in today?", "app"),
    ("I'm 20 weeks pregnant and just found out I had a CT of my belly before I knew.", "oth"),
    ("Out of my Suboxone since this morning and I'm scared I'll use again.", "ref"),
    ("Started Bactrim yesterday and I'm on warfarin, nobody checked that, should I worry?", "oth"),
    ("My transplant meds, the mycophenolate, are gone and refill was denied by insurance.", "ref"),
]
ROUTINE_SYMPTOM = [
    "Mild seasonal sniffles for a week, no fever, can I be seen sometime next week?",
    "Small itchy patch on my elbow for a month, nothing else going on.",
    "My knee creaks when I climb stairs, no swelling, no injury. Worth a look someday?",
    "Occasional heartburn after spicy food, goes away with water. Just mentioning it.",
]
URGENT_SYMPTOM = [
    "Burning when I pee since yesterday and now fever of 101.5 and my back hurts on one side.",
    "Cut my palm on a broken glass, it's gaping open about an inch and still oozing.",
    "My calf is swollen, warm and tender since the long flight on Sunday.",
    "My toddler has had diarrhea 8 times today and hasn't had a wet diaper since morning.",
    "Red streak going up my arm from the cat scratch, feels hot.",
    "Woke up with my eye red and painful and the vision in it is blurry.",
]
NAMES = ["Sam", "Dee", "Marisol", "Kwame", "Ilse", "Tran", "Oksana", "Ruth"]
SIGN = ["", " Thanks.", " Thank you!", " -{n}", "\n{n}", " Regards, {n}"]


def sign(rng: random.Random) -> str:
    return rng.choice(SIGN).format(n=rng.choice(NAMES))


def build(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for em in LAST_EMERGENCY:
        for _ in range(2):
            opener, _cat = rng.choice(OPEN_ROUTINE)
            msg = opener.replace("{amt}", f"{rng.randint(40, 900)}.{rng.randint(0, 99):02d}")
            rows.append((f"{msg} {em}{sign(rng)}", CAT["sym"], "emergency"))
    for em in CAREGIVER_EMERGENCY:
        rows.append((em + sign(rng), CAT["sym"], "emergency"))
        opener, _cat = rng.choice(OPEN_ROUTINE)
        msg = opener.replace("{amt}", f"{rng.randint(40, 900)}")
        rows.append((f"{msg} {em}", CAT["sym"], "emergency"))
    for em in SPANISH_EMERGENCY:
        rows.append((em, CAT["sym"], "emergency"))
        rows.append((f"Hola, tengo una pregunta sobre mi cita. {em}", CAT["sym"], "emergency"))
    for em in SHORT_EMERGENCY:
        rows.append((em, CAT["sym"], "emergency"))
        rows.append((em.upper() + "!!", CAT["sym"], "emergency"))
    for text, cat in ROUTINE_ALARM:
        rows.append((text + sign(rng), CAT[cat], "routine"))
        rows.append((text.lower(), CAT[cat], "routine"))
    for text, cat in SHOUT_ROUTINE:
        rows.append((text, CAT[cat], "routine"))
        rows.append((text + "!!!" + sign(rng), CAT[cat], "routine"))
    for text, cat in SITUATION_URGENT:
        rows.append((text + sign(rng), CAT[cat], "urgent"))
        rows.append((f"Hi, {text[0].lower()}{text[1:]}", CAT[cat], "urgent"))
    for text in ROUTINE_SYMPTOM:
        rows.append((text + sign(rng), CAT["sym"], "routine"))
    for text in URGENT_SYMPTOM:
        rows.append((text + sign(rng), CAT["sym"], "urgent"))
        rows.append((f"Writing for my partner. {text}", CAT["sym"], "urgent"))
    for opener, cat in OPEN_ROUTINE:
        msg = opener.replace("{amt}", f"{rng.randint(40, 900)}")
        rows.append((msg + sign(rng), CAT[cat], "routine"))
    rng.shuffle(rows)
    return rows


def render() -> str:
    rows = build(random.Random(SEED))
    lines = [
        json.dumps(
            {
                "id": f"{PREFIX}{i:04d}",
                "input": {"message": msg},
                "expected": {"category": cat, "urgency": urg},
            },
            ensure_ascii=False,
        )
        for i, (msg, cat, urg) in enumerate(rows, 1)
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("ok" if same else f"{OUT} differs: run without --check")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
