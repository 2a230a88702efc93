#!/usr/bin/env python3
"""Tuning triage messages, third round (issue 16): open, tune against it.

Seeded and compositional (standard library only). A message joins a routine request, a
person (the writer or a caregiver writing for someone else), and one of: an emergency asserted
now (often as the last sentence), a frightening word that is not asserted (negated, a name,
last year's event, someone else's history), capitals over a routine request, an urgent
situation that is not a symptom (missed chemotherapy or dialysis, exposure in pregnancy, a
critical drug gone, a dangerous pair of drugs), Spanish or mixed Spanish-English, or a very
short text. The held-out half (``heldout_triage3.py``) was written first, with its own pools;
a test checks the two outputs share no 8-word sequence.

    python3 scripts/synth/tune_triage3.py            # writes evals/data/tune_triage3/
    python3 scripts/synth/tune_triage3.py --check    # exit 1 if the committed file differs

Labels follow ``../shared/data/dev/README.md`` and the conventions in ``evals/data/README.md``.
Everything is synthetic.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "tune_triage3" / "triage.jsonl"
SEED = 7122026
PREFIX = "t3-tri-"

# (intro, subject, possessive, object, be, have)
PERSONS = [
    ("", "I", "my", "me", "am", "have"),
    ("Hi, I help my mom with her portal.", "she", "her", "her", "is", "has"),
    ("My husband can't type so I'm writing.", "he", "his", "him", "is", "has"),
    ("I'm the home health nurse for Mr. Delacroix.", "he", "his", "him", "is", "has"),
    ("Message from the daughter of patient Ines.", "she", "her", "her", "is", "has"),
    ("This is Coach Bramwell from the school about Tavi.", "he", "his", "him", "is", "has"),
    ("I'm his sister, he lives with me.", "he", "his", "him", "is", "has"),
    ("Neighbor here, checking on Mrs. Oyelaran.", "she", "her", "her", "is", "has"),
]

REQUESTS = [
    ("Why did my copay go up to $60 this month?", "billing_question"),
    ("Do you offer a payment plan for the balance from the ER visit?", "billing_question"),
    ("My explanation of benefits shows a denied claim, can you resubmit it?", "billing_question"),
    ("Can I switch my Tuesday physical to a Friday morning?", "appointment_scheduling"),
    ("Please schedule the six-month diabetes follow-up for me.", "appointment_scheduling"),
    ("I have to cancel the eye appointment on the 14th.", "appointment_scheduling"),
    ("Please refill the levocetirizine, one week of pills left.", "refill_request"),
    ("Can you send a 90 day supply of losartan to CVS?", "refill_request"),
    ("The pharmacy says my pantoprazole needs a new prescription.", "refill_request"),
    ("How do I download my lab results from the portal?", "other"),
    ("Can you update my address, we moved to Birch Street?", "other"),
    ("I need a note for my employer saying I was seen Monday.", "other"),
]

# Emergencies now: {S} subject, {P} possessive, {O} object, {B} be, {H} have
EMERGENCIES = [
    "{S} {H} a heavy squeezing feeling behind the breastbone that won't let up",
    "{S} {B} clutching {P} chest and sweating buckets",
    "the left side of {P} mouth is sagging and {P} speech is thick",
    "{S} can't raise {P} left arm and {P} face looks uneven",
    "{S} {B} wheezing so hard {S} can't get words out",
    "{S} {B} turning blue around the lips and fighting for air",
    "{S} got stung by a bee and {P} throat feels like it's closing",
    "{S} took way too many of {P} oxycodone and {B} nodding off",
    "{S} collapsed in the bathroom and is not answering us",
    "{S} {B} throwing up bright red blood",
    "{S} {B} convulsing and it hasn't stopped",
    "{S} fell and hit {P} head and {S} takes warfarin",
    "{P} blood sugar is 38 and {S} {B} sweaty and confused",
    "{S} says this is the worst headache of {P} life and it came on in seconds",
    "{S} {B} getting chemo and now {H} a fever of 101 and shaking chills",
    "{S} told me {S} has a plan to overdose tonight",
    "{P} heart is racing and {S} blacked out for a moment",
    "{S} {B} bleeding from a cut on {P} leg and it is spurting through the towel",
]

SELF_EMERGENCIES = [
    "I'm 36 weeks along and the baby has barely moved today",
    "I don't want to be alive anymore and I've saved up my pills to take them",
    "my water broke and there is a lot of bright red blood",
    "my 6 week old has a temp of 100.6 and won't feed",
]

SPANISH_EMERGENCIES = [
    "Mi esposo tiene la boca chueca y no puede mover el brazo.",
    "Mi abuela no puede respirar y se está poniendo azul.",
    "Me duele mucho el pecho, como una presión muy fuerte, y estoy sudando.",
    "La niña se tomó el jarabe de su hermano, toda la botella.",
    "Mi tío se cayó y no responde.",
    "mi hijo tiene una convulsión que no para",
    "quiero quitarme la vida esta noche",
    "my papa esta confused and his face is droopy de un lado",
    "mi mamá is having chest pain muy fuerte since this morning",
    "sangrado que no para despues del parto",
]
SPANISH_ROUTINE = [
    ("Necesito una cita para mi niño, le toca su chequeo.", "appointment_scheduling"),
    ("¿Me pueden mandar la receta del omeprazol a la farmacia?", "refill_request"),
    ("No tengo fiebre ni dolor, solo quiero saber el costo de la consulta.", "billing_question"),
    ("hola, can I get my refill de metformina por favor", "refill_request"),
]
SPANISH_URGENT = [
    (
        "Se me acabaron las pastillas para las convulsiones y mañana no tengo nada.",
        "refill_request",
    ),
    ("Estoy embarazada y mi sobrino tiene sarampión, estuvo en mi casa ayer.", "other"),
]

SHORT = [
    "chest pain now",
    "stroke??",
    "cant wake him up",
    "overdosed",
    "help throat closing",
    "lips blue",
    "sangre mucha",
    "911??",
]

# Frightening words that are not asserted now: (template, category)
DISTRACTORS = [
    ("I don't have chest pain, I just want my statin refilled.", "refill_request"),
    ("Denies shortness of breath; please book the spirometry recheck.", "appointment_scheduling"),
    ("I'm running the Stroke Awareness 5K, can I get a sports physical?", "appointment_scheduling"),
    (
        "Last year I had a heart attack, I'm fine now, please refill my metoprolol.",
        "refill_request",
    ),
    (
        "My dad had a stroke in 2015; what does my insurance cover for screening?",
        "billing_question",
    ),
    ("Is the overdose prevention class on Saturday free?", "billing_question"),
    ("What happens if I get chest pain while on the new pill? Just asking.", "other"),
    ("The seizure clinic asked for my records to be sent over.", "other"),
    (
        "No bleeding, no fever, the stitches look fine; when should they come out?",
        "appointment_scheduling",
    ),
    ("This bill is killing me, can I pay it in parts?", "billing_question"),
]

SHOUTING = [
    ("HELLO?? I ASKED FOR MY PRESCRIPTION TO BE SENT THREE DAYS AGO", "refill_request"),
    ("THIS IS THE THIRD TIME I AM ASKING ABOUT THIS CHARGE", "billing_question"),
    ("EMERGENCY!!! I NEED TO RESCHEDULE MY CLEANING", "appointment_scheduling"),
    ("PLEASE CALL ME ABOUT MY FORMS ASAP", "other"),
]

SITUATIONS = [
    (
        "{P} chemo infusion got cancelled because of the snow and we need it rescheduled.",
        "appointment_scheduling",
    ),
    (
        "{S} missed dialysis yesterday, the van never came. Can we get a chair today?",
        "appointment_scheduling",
    ),
    ("I'm 14 weeks pregnant and was around a kid with measles at church on Sunday.", "other"),
    ("I just found out I'm pregnant and I'm taking methotrexate.", "other"),
    ("{S} has no more Eliquis left after tonight's dose, please send a refill.", "refill_request"),
    ("I'm out of my insulin pens and the pharmacy is closed till Monday.", "refill_request"),
    ("{S} {B} on lithium and the new doctor started ibuprofen 800 three times a day.", "other"),
    ("The dentist gave me clarithromycin and I'm on simvastatin, okay to start both?", "other"),
]

URGENT_SYMPTOMS = [
    "{S} {H} a fever of 101.8 since yesterday and a sore throat",
    "{P} calf is swollen, red and warm after the long flight",
    "{S} {B} throwing up for the fifth time today and can't hold down fluids",
    "{S} {H} hives all over after starting amoxicillin but breathing fine",
]

MILD = [
    "I have a bit of a scratchy throat, anything over the counter I should ask about?",
    "My knee aches when it rains, is that normal?",
    "I've had some mild heartburn after dinner this week.",
]

CLOSERS = ["", " Thanks!", " Thank you.", " -M", " Sent from my iPhone", " Appreciate it"]
JOINERS = ["Also,", "Oh and", "By the way,", "PS", "Btw", ""]


def _fill(text: str, person: tuple[str, str, str, str, str, str]) -> str:
    _intro, s, p, o, b, h = person
    return text.format(S=s, P=p, O=o, B=b, H=h)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _noise(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.15:
        return text.lower().replace(",", "").replace(".", "").replace("'", "")
    if roll < 0.22:
        return text.upper()
    return text


def messages() -> list[tuple[str, str, str]]:
    rng = random.Random(SEED)
    rows: list[tuple[str, str, str]] = []
    for i in range(54):  # an emergency in the last sentence of a routine request
        request, _cat = REQUESTS[i % len(REQUESTS)]
        person = PERSONS[rng.randrange(len(PERSONS))]
        emergency = _fill(EMERGENCIES[i % len(EMERGENCIES)], person)
        joiner = rng.choice(JOINERS)
        tail = f"{joiner} {emergency}" if joiner else _cap(emergency)
        intro = f"{person[0]} " if person[0] else ""
        text = f"{intro}{request} {tail}.{rng.choice(CLOSERS)}"
        rows.append((_noise(rng, text), "symptom_escalation", "emergency"))
    for text in SELF_EMERGENCIES:
        request, _cat = rng.choice(REQUESTS)
        rows.append((f"{request} {_cap(text)}.", "symptom_escalation", "emergency"))
        rows.append((_cap(text) + ".", "symptom_escalation", "emergency"))
    for i, emergency in enumerate(EMERGENCIES):  # caregivers, the emergency alone
        person = PERSONS[1 + i % (len(PERSONS) - 1)]
        text = f"{person[0]} {_cap(_fill(emergency, person))}."
        rows.append((_noise(rng, text), "symptom_escalation", "emergency"))
    for text in SPANISH_EMERGENCIES:
        rows.append((text, "symptom_escalation", "emergency"))
    for text, cat in SPANISH_ROUTINE:
        rows.append((text, cat, "routine"))
    for text, cat in SPANISH_URGENT:
        rows.append((text, cat, "urgent"))
    for text in SHORT:
        rows.append((text, "symptom_escalation", "emergency"))
    for text, cat in DISTRACTORS:
        rows.append((_noise(rng, text), cat, "routine"))
    for text, cat in SHOUTING:
        rows.append((text, cat, "routine"))
    for i, (text, cat) in enumerate(SITUATIONS):
        person = PERSONS[i % 3]
        intro = f"{person[0]} " if person[0] and "{" in text else ""
        rows.append((intro + _cap(_fill(text, person)), cat, "urgent"))
    for i, text in enumerate(URGENT_SYMPTOMS * 2):
        person = PERSONS[i % len(PERSONS)]
        intro = f"{person[0]} " if person[0] else ""
        rows.append((intro + _cap(_fill(text, person)) + ".", "symptom_escalation", "urgent"))
    for text, cat in REQUESTS:
        rows.append((text + rng.choice(CLOSERS[1:]), cat, "routine"))
        rows.append((_noise(rng, text), cat, "routine"))
    for text in MILD:
        rows.append((text, "symptom_escalation", "routine"))
    rng.shuffle(rows)
    return rows


def render() -> str:
    lines = [
        json.dumps(
            {"id": f"{PREFIX}{i:04d}", "input": {"message": m},
             "expected": {"category": c, "urgency": u}},
            ensure_ascii=False,
        )
        for i, (m, c, u) in enumerate(messages(), 1)
    ]  # fmt: skip
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
