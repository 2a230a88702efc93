#!/usr/bin/env python3
"""Tuning data for the triage semantic layer: sentences to train on, messages to tune on.

Compositional and seeded (standard library only): a person (the writer, a caregiver's
husband, mother, son...), a concept (crushing chest pressure, a drooping face, a bottle of
pills...) in one of several phrasings, a time cue, a language (English, Spanish, Spanglish),
noise (capitals, no punctuation, typos). Three sentence labels:

- ``E``: an emergency asserted now;
- ``U``: a same-day need (an infection with fever, a missed chemotherapy, an exposure in
  pregnancy, a critical medicine gone, a dangerous combination);
- ``N``: anything else, including the hard cases: the same alarm words negated, in the past,
  hypothetical or part of a name, routine requests in capitals, mild symptoms.

Messages (``evals/data/tune_triage_gen/triage.jsonl``) put those sentences where issue 16 says
emergencies hide: the last sentence of a billing or scheduling message, a caregiver's report,
Spanish, a very short text. The held-out half (``heldout_triage_gen.py``) was written first,
with its own pools; nothing here was taken from it.

    python3 scripts/synth/tune_triage_gen.py            # writes the message file
    python3 scripts/synth/tune_triage_gen.py --check    # exit 1 if the committed file differs
    python3 scripts/synth/tune_triage_gen.py --sentences N  # print N labelled sentences (JSONL)
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "tune_triage_gen" / "triage.jsonl"
SEED = 20261207
PREFIX = "tg-tri-"

# Persons: (subject, possessive, be, have, intro for a caregiver's message)
PERSONS = [
    ("I", "my", "am", "have", ""),
    ("he", "his", "is", "has", "My husband"),
    ("she", "her", "is", "has", "My mother"),
    ("he", "his", "is", "has", "My son"),
    ("she", "her", "is", "has", "My grandmother"),
    ("he", "his", "is", "has", "My neighbor"),
    ("she", "her", "is", "has", "My wife"),
    ("he", "his", "is", "has", "My father-in-law"),
    ("she", "her", "is", "has", "My daughter"),
    ("he", "his", "is", "has", "The patient"),
]

E_EN = [
    "{S} {be} having crushing pressure in the middle of {P} chest",
    "{P} chest feels like a band is squeezing it and {S} {be} sweaty",
    "sharp chest pain going into {P} left arm",
    "tight heavy chest and short of breath since {T}",
    "{S} can't catch {P} breath even sitting still",
    "{S} {be} gasping and can't get a full breath",
    "{P} lips look bluish and {S} {be} struggling to breathe",
    "{S} can barely breathe",
    "{S} can't talk in full sentences because {S} can't breathe",
    "one side of {P} face is drooping",
    "{P} words are coming out slurred and wrong",
    "{S} suddenly can't lift {P} right arm",
    "{S} can't feel {P} left leg and {P} face looks crooked",
    "{S} {be} confused and can't find the right words all of a sudden",
    "{S} passed out and won't wake up",
    "{S} collapsed and isn't responding to us",
    "{S} {be} unresponsive",
    "{S} fainted and hit {P} head and now {S} {be} throwing up",
    "{S} {be} having a seizure and it's been going for minutes",
    "{S} {be} shaking all over and not answering",
    "{S} took a whole bottle of {D}",
    "{S} swallowed about thirty {D} on purpose",
    "{S} mixed {D} with a lot of alcohol and {S} {be} hard to wake",
    "I want to end my life tonight",
    "I have a plan to kill myself and the pills are in front of me",
    "I'm going to hurt myself, I can't do this anymore",
    "{S} says {S} wants to die and {S} {have} a gun",
    "{S} {be} bleeding a lot and it won't stop",
    "blood is soaking through every towel",
    "{S} {be} vomiting blood",
    "{S} {be} pooping black tar and almost fainted",
    "{P} tongue and lips are swelling after {F}",
    "{P} throat is closing up after {F}",
    "{S} got stung and now {P} whole face is swollen and {S} {be} wheezing",
    "worst headache of {P} life came on out of nowhere",
    "sudden thunderclap headache and a stiff neck",
    "high fever with a stiff neck and {S} {be} very drowsy",
    "{S} {be} on chemo and {have} a fever of 101",
    "the baby is {N} weeks old and has a temperature of 100.9",
    "our newborn is limp and not feeding",
    "I'm {W} weeks pregnant and the baby hasn't moved since yesterday",
    "I'm {W} weeks pregnant with a pounding headache and seeing spots",
    "I'm {W} weeks pregnant and bleeding heavily",
    "{P} blood sugar is 38 and {S} {be} not making sense",
    "{S} {be} on warfarin, fell and hit {P} head, and now {S} {be} very sleepy",
    "{P} heart is racing and {S} nearly blacked out",
    "sudden severe pain in {P} testicle",
    "{S} {be} burning up, shaking, and confused",
    "{S} isn't breathing right and {P} ribs are pulling in",
    "{S} {be} choking and can't cough it out",
    "{P} belly pain is the worst pain {S} ever had and {P} belly is rigid",
    "{P} nose has been gushing blood for an hour and {S} {be} on a blood thinner",
    "{S} can't stop bleeding from the gums and {S} {be} on Eliquis",
    "{P} water broke and I can feel the cord",
    "I'm {W} weeks pregnant and having strong contractions with bleeding",
    "{S} went gray and slid to the floor and we can't rouse {P2}",
    "{S} {be} limp and floppy and won't respond to {P} name",
    "{S} drank some bleach by accident",
    "{S} ate a handful of the iron pills",
    "{S} {be} breathing very slowly and we can't wake {P2} after the pain pills",
    "{P} leg is cold, pale and numb since this morning",
    "{P} sugar is too low to read and {S} {be} sweating and shaking",
    "{S} can't swallow {P} own spit and {P} voice sounds muffled",
    "{S} fell from a ladder and can't feel {P} legs",
    "{S} {be} coughing up lots of bright red blood",
    "{S} threw up blood and {P} heart is racing",
    "{S} {be} wheezing and the inhaler isn't helping at all",
    "{P} heart is pounding at 180 and {S} {be} dizzy with chest pain",
    "I'm afraid I'll hurt my baby",
    "{S} said goodbye to everyone and gave away {P} things",
    "{S} {be} seeing double and can't walk straight all of a sudden",
    "a huge headache hit {P2} like a thunderclap and {S} vomited",
    "{S} got hit in the head and now {S} {be} confused and throwing up",
    "{P} skin is mottled and {S} {be} barely responding",
    "{S} can't stay awake and {P} lips are blue after {P} methadone",
    "el nino se trago una pila de boton",
    "tiene la boca chueca y no puede levantar el brazo",
]
E_ES = [
    "me duele el pecho muy fuerte y me falta el aire",
    "siento una presion en el pecho que baja al brazo",
    "no puedo respirar",
    "se esta ahogando y tiene los labios azules",
    "tiene la cara torcida y no puede hablar bien",
    "de repente no puede mover el brazo izquierdo",
    "se desmayo y no despierta",
    "esta convulsionando y no para",
    "se tomo todas las pastillas del frasco",
    "quiero matarme esta noche",
    "esta sangrando mucho y no para",
    "esta vomitando sangre",
    "se le esta hinchando la lengua despues de comer camarones",
    "el bebe de {N} semanas tiene fiebre",
    "estoy embarazada de {W} semanas y el bebe no se mueve",
    "tiene el peor dolor de cabeza de su vida",
]
E_MIX = [
    "my mom tiene chest pain muy fuerte",
    "mi esposo can't breathe bien",
    "my dad se desmayo and won't wake up",
    "su cara is drooping and she can't talk",
    "my son took un monton de pastillas",
    "my abuelo is bleeding mucho from his head",
]
E_SHORT = [
    "cant breathe help",
    "chest crushing",
    "he wont wake up",
    "overdosed",
    "stroke? face droop",
    "seizure now",
    "she's turning blue",
    "bleeding everywhere",
    "no respira",
    "me muero dolor pecho",
]
U_EN = [
    "{S} {have} a fever of 102 with burning when {S} pee{s} and back pain",
    "the incision is red, hot and leaking pus",
    "{P} calf is swollen and painful since the flight",
    "{S} {have} thrown up all day and can't keep water down",
    "{S} cut {P} finger deep while cooking and it's gaping",
    "{P} eye is red and painful and {P} vision is blurry",
    "{S} missed {P} chemo infusion this week because of the snow",
    "{S} missed dialysis yesterday",
    "I'm {W} weeks pregnant and was around a child with chickenpox",
    "I'm {W} weeks pregnant and was exposed to measles at daycare",
    "{S} ran out of {C} this morning and the pharmacy is closed",
    "{S} {have} no {C} left and can't get it until next week",
    "{S} took sildenafil and {S} {be} on nitroglycerin",
    "{S} started fluconazole and {S} {be} on warfarin",
    "{S} {be} using the rescue inhaler every two hours",
    "{S} {have} thoughts of not wanting to be here but no plan",
    "{P} blood pressure is 186 over 118 at home",
    "{P} sugar has been over 350 all day",
    "{S} fell and {P} wrist looks bent",
    "{P} last dose of {C} is tonight and the refill was denied",
    "{S} {have} one {C} pill left and can't miss doses",
    "{S} {be} out of {C} since yesterday and feel{s} shaky",
    "{S} {have} a fever and a new cough after {P} transplant",
    "{P} sugars have been in the 300s for two days",
    "{P} ankle is swollen and {S} can't put weight on it",
    "{S} {be} more confused than usual since yesterday",
    "a rash is spreading near {P} eye and it burns",
    "{P} nose bled for twenty minutes and then stopped, {S} {be} on warfarin",
    "{S} {have} a high fever and a sore throat and can't eat",
    "{S} got a dog bite that's getting red and swollen",
    "{P} INR came back at 5.2",
    "{S} {be} having a panic attack and can't calm down",
    "{P} stitches came open",
]
U_ES = [
    "tengo fiebre de 39 y ardor al orinar",
    "se me acabaron las pastillas para las convulsiones",
    "mi papa esta mas confundido desde ayer",
    "se me acabo la insulina y la farmacia esta cerrada",
    "no fui a mi quimioterapia esta semana",
    "estoy embarazada y estuve con un nino con sarampion",
    "la herida esta roja, caliente y con pus",
]
N_EN = [
    "can you send a 90 day supply of {R} to the pharmacy",
    "I need to reschedule my appointment on {DAY}",
    "how much will the ultrasound cost with my plan",
    "my bill shows a charge of ${A} that I don't recognize",
    "please update my address in the chart",
    "can I get a copy of my lab results",
    "is the office open on the holiday",
    "thank you so much for your help",
    "hi, hope you're well",
    "I have a question about my insurance",
    "{S} {have} had a mild cough for a few days, no fever",
    "{S} {have} a small rash on {P} arm that itches a little",
    "{P} allergies are acting up, just sneezing",
    "no chest pain, no shortness of breath, just tired",
    "{S} denies chest pain or trouble breathing",
    "there's no bleeding and no dizziness",
    "I don't have any fever or headache",
    "{S} had a heart attack back in 2019 and is doing well",
    "{S} had a stroke years ago, fully recovered",
    "I attempted suicide as a teenager, I'm in a good place now",
    "what should I do if I ever get chest pain on this medicine",
    "what are the signs of a stroke I should watch for",
    "is it safe to take {R} if I get a headache",
    "I'm in the Stroke Survivors support group and need the meeting room number",
    "can you recommend a heart attack prevention class",
    "we're running the overdose awareness fundraiser again",
    "{P} seizure medication refill please, no seizures in two years",
    "the chest pain from last month went away and the stress test was normal",
    "I'M SO FRUSTRATED, NOBODY CALLED ME BACK ABOUT MY BILL",
    "URGENT PLEASE CALL ME ABOUT MY REFERRAL PAPERWORK",
    "I NEED MY REFILL, I'M GOING ON VACATION FRIDAY",
    "this bill is killing me",
    "I'm dying to know when my results are in lol",
    "the wait on the phone line is a nightmare",
    "{P} knee hurts a bit when running",
    "{S} {have} had heartburn on and off",
    "{S} {be} feeling much better now",
    "the covid test was negative",
    "I'm {W} weeks pregnant and want to book my next ultrasound",
    "I'm {W} weeks pregnant, can I get the flu shot at my visit",
    "please cancel {P} physical, {S} {be} out of town",
    "the blood pressure log looks fine, 124 over 78",
    "{P} sugar was 112 this morning",
    "I have enough {C} for another three weeks",
    "not urgent, whenever someone has time",
    "can {P} daughter be added to talk to you about {P} care",
    "I'm {N}0 years old and it's getting hard to keep track of my pills",
    "does the clinic have an interpreter for my mother",
    "{S} only speak{s} Spanish, is there a Spanish-speaking nurse",
    "which lab should I go to for the fasting blood work",
    "I uploaded my insurance card yesterday",
    "the pharmacy is out of stock, can you send it somewhere else",
    "I still have two weeks of {R} left",
    "please send it to the CVS on Main Street",
    "same pharmacy as always",
    "my portal password isn't working",
    "can I get a letter for my employer",
    "I'd like a referral to a dermatologist",
    "is Dr. Patel taking new patients",
    "my husband needs a primary care doctor",
    "{S} {have} diabetes and {be} doing fine on the current dose",
    "{P} blood pressure readings are all in the normal range",
    "{S} went to the ER last month and the bill came today",
    "the emergency room charged me twice",
    "{P} EpiPen expires next month, please renew it",
    "I need the form for camp about {P} allergies",
    "I want to talk about quitting smoking",
    "{S} {have} had a runny nose for two days, otherwise fine",
    "mild back stiffness after gardening, getting better",
]
N_ES = [
    "necesito una cita para el proximo mes",
    "cuanto cuesta la consulta sin seguro",
    "me pueden mandar la receta de {R} a la farmacia",
    "no tengo dolor de pecho ni falta de aire",
    "mi papa tuvo un infarto hace cinco anos y esta bien",
    "gracias por todo",
    "tengo un poco de tos sin fiebre",
    "quiero cambiar mi direccion",
    "mi mama solo habla espanol, tienen interprete",
    "necesito hacer una cita para el chequeo de presion de mi papa",
    "me quedan 12 pastillas de metformina",
    "quiero cambiar mi cita del martes para el jueves",
    "tengo una pregunta sobre mi factura",
    "la farmacia es la Walgreens de la calle Main",
    "mi hijo necesita el formulario de vacunas para la escuela",
    "todo bien, solo una pregunta",
]
DRUGS = ["sleeping pills", "Tylenol", "his oxycodone", "her Xanax", "ibuprofen", "my gabapentin"]
FOODS = ["eating shrimp", "the peanut cookie", "a bee sting", "the new antibiotic"]
CRIT = ["insulin", "Eliquis", "Keppra", "tacrolimus", "prednisone", "Biktarvy", "Suboxone"]
ROUT = ["lisinopril", "atorvastatin", "sertraline", "metformin", "omeprazole", "loratadine"]
TIMES = ["an hour ago", "this morning", "20 minutes ago", "lunch", "last night"]
DAYS = ["Monday", "the 14th", "next Tuesday", "Friday"]

OPENERS = [
    (
        "Hello, I got a statement for ${A} and I think my insurance should have paid it.",
        "billing_question",
    ),
    ("Can I move my follow-up on {DAY} to the afternoon?", "appointment_scheduling"),
    ("Please refill my {R}, I have about a week left.", "refill_request"),
    ("Do you have the form for my work leave ready?", "other"),
    ("I need to schedule a physical for next month.", "appointment_scheduling"),
    ("Does my plan cover the sleep study?", "billing_question"),
]
CLOSERS = ["", " Thanks.", " Thank you", " - sent from my phone", " Please call me."]


def _fill(rng: random.Random, template: str, person: tuple[str, str, str, str, str]) -> str:
    s, p, be, have, _ = person
    text = template
    for key, value in (
        ("{S}", s), ("{P2}", {"I": "me", "he": "him"}.get(s, "her")), ("{P}", p),
        ("{be}", be), ("{have}", have),
        ("{s}", "" if s == "I" else "s"),
        ("{D}", rng.choice(DRUGS)), ("{F}", rng.choice(FOODS)), ("{C}", rng.choice(CRIT)),
        ("{R}", rng.choice(ROUT)), ("{T}", rng.choice(TIMES)), ("{DAY}", rng.choice(DAYS)),
        ("{N}", str(rng.randint(2, 10))), ("{W}", str(rng.randint(8, 38))),
        ("{A}", str(rng.randint(25, 990))),
    ):  # fmt: skip
        text = text.replace(key, value)
    return text[:1].upper() + text[1:]


def _noise(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.1:
        return text.upper()
    if roll < 0.25:
        return text.lower().rstrip(".")
    if roll < 0.32 and len(text) > 12:
        i = rng.randrange(3, len(text) - 3)
        return text[:i] + text[i + 1 :]  # a dropped letter
    return text


def sentences(n: int, seed: int = SEED) -> list[tuple[str, str]]:
    """``n`` labelled sentences (text, E/U/N), about a third of each in expectation."""
    return [(text, label) for text, label, _ in sourced_sentences(n, seed)]


def sourced_sentences(n: int, seed: int = SEED) -> list[tuple[str, str, str]]:
    """Like :func:`sentences`, with the template each came from (for leave-one-out checks)."""
    rng = random.Random(seed)
    pools = [
        ("E", E_EN, 6), ("E", E_ES, 2), ("E", E_MIX, 1), ("E", E_SHORT, 1),
        ("U", U_EN, 4), ("U", U_ES, 1),
        ("N", N_EN, 8), ("N", N_ES, 2),
    ]  # fmt: skip
    weights = [w for _, _, w in pools]
    out: list[tuple[str, str, str]] = []
    for _ in range(n):
        label, pool, _w = rng.choices(pools, weights)[0]
        person = rng.choice(PERSONS)
        template = rng.choice(pool)
        text = _fill(rng, template, person)
        if person[4] and rng.random() < 0.4 and text.split()[0] in ("He", "She"):
            text = f"{person[4]} {text[text.index(' ') + 1 :]}"
        out.append((_noise(rng, text), label, template))
    return out


def messages(seed: int = SEED) -> list[tuple[str, str, str]]:
    """Messages with gold labels, in the hiding places issue 16 lists."""
    rng = random.Random(seed + 1)
    rows: list[tuple[str, str, str]] = []
    for _ in range(40):  # an emergency in the last sentence of a routine request
        opener, _cat = rng.choice(OPENERS)
        person = rng.choice(PERSONS)
        em = _fill(rng, rng.choice(E_EN), person)
        if person[4] and em.split()[0] in ("He", "She"):
            em = f"{person[4]} {em[em.index(' ') + 1 :]}"
        rows.append(
            (
                f"{_fill(rng, opener, person)} Also {em[0].lower()}{em[1:]}.{rng.choice(CLOSERS)}",
                "symptom_escalation",
                "emergency",
            )
        )
    for _ in range(15):
        rows.append(
            (
                _noise(rng, _fill(rng, rng.choice(E_ES + E_MIX), PERSONS[0])) + ".",
                "symptom_escalation",
                "emergency",
            )
        )
    for text in E_SHORT:
        rows.append((_noise(rng, text), "symptom_escalation", "emergency"))
    for _ in range(30):  # alarm words in routine messages
        opener, cat = rng.choice(OPENERS)
        person = rng.choice(PERSONS[:1])
        alarm = _fill(rng, rng.choice(N_EN[11:28]), person)
        rows.append((f"{alarm}. {_fill(rng, opener, person)}", cat, "routine"))
    for opener, cat in OPENERS:
        rows.append((_fill(rng, opener, PERSONS[0]).upper(), cat, "routine"))
    for _ in range(20):
        person = rng.choice(PERSONS)
        text = _fill(rng, rng.choice(U_EN[:6]), person)
        rows.append((text + ".", "symptom_escalation", "urgent"))
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
    if "--sentences" in argv:
        n = int(argv[argv.index("--sentences") + 1])
        for text, label in sentences(n):
            print(json.dumps({"text": text, "label": label}, ensure_ascii=False))
        return 0
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
