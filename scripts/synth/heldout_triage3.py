#!/usr/bin/env python3
"""Held-out triage messages, third round (issue 16): BLIND — do not read while tuning.

Written before any rule of the third round was tuned, with its own pools (persons, requests,
emergencies, Spanish, distractors, situations, noise); ``tune_triage3.py`` has separate pools
and shares no 8-word sequence with this file's output. Run it for an aggregate figure only:

    python3 scripts/synth/heldout_triage3.py            # writes evals/data/heldout_triage3/
    python3 scripts/synth/heldout_triage3.py --check    # exit 1 if the committed file differs

Labels follow ``../shared/data/dev/README.md`` and the conventions in ``evals/data/README.md``
(an emergency anywhere makes the message symptom_escalation/emergency; urgent situations that
are not symptoms keep the request's category). Everything is synthetic.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "heldout_triage3" / "triage.jsonl"
SEED = 31122026
PREFIX = "h3-tri-"

# (who, subject, possessive, object, be)
PERSONS = [
    ("", "I", "my", "me", "am"),
    ("Writing for my stepfather.", "he", "his", "him", "is"),
    ("This is about my aunt Rosalind.", "she", "her", "her", "is"),
    ("I'm the night aide at the group home.", "he", "his", "him", "is"),
    ("My roommate asked me to message you.", "she", "her", "her", "is"),
    ("Our foster son is the patient.", "he", "his", "him", "is"),
    ("I have proxy access for my grandfather.", "he", "his", "him", "is"),
]

# Routine requests: (text, category)
REQUESTS = [
    ("Could somebody explain the $85 facility fee on the March statement?", "billing_question"),
    ("Is my HSA card accepted at the front desk?", "billing_question"),
    ("I got a bill that insurance was supposed to cover, who do I talk to?", "billing_question"),
    ("Can the 9:40 visit next Thursday become a video visit instead?", "appointment_scheduling"),
    ("Please move the dermatology follow-up to any Monday in April.", "appointment_scheduling"),
    ("I need to book the annual wellness exam before June.", "appointment_scheduling"),
    ("Requesting a renewal of the amlodipine 5 mg, the bottle is almost empty.", "refill_request"),
    ("The mail-order pharmacy needs a new prescription for sertraline.", "refill_request"),
    ("Could you resend the rosuvastatin script to the Kroger on Elm?", "refill_request"),
    ("Where do I find the immunization record for the school form?", "other"),
    ("Please fax the last office note to the orthopedic office.", "other"),
    ("What is the parking validation process at the new building?", "other"),
]

# Emergencies asserted now ({S} subject, {P} possessive, {O} object, {B} be)
EMERGENCIES = [
    "{S} says it feels like someone is sitting on {P} chest and {S} {B} drenched in sweat",
    "{P} chest is clamped tight and the ache runs up into {P} jaw",
    "{P} smile is lopsided and {S} can't get {P} words out right",
    "{S} dropped {P} cup because {P} right hand suddenly went weak and numb",
    "{S} {B} breathing really fast and {P} lips are turning gray",
    "{S} can only say two words at a time between breaths",
    "{S} ate a cookie with peanuts and {P} tongue is swelling up",
    "{S} swallowed a handful of sleeping pills about an hour ago",
    "{S} {B} breathing but we cannot wake {O} up",
    "{S} {B} vomiting what looks like coffee grounds and nearly fainted",
    "{S} had a fit that hasn't stopped, it has been over five minutes",
    "{S} takes Eliquis and hit {P} head hard on the kitchen counter",
    "{P} sugar reads 41 and {S} {B} shaky and not making sense",
    "{S} got a sudden headache like being hit with a bat, the worst ever",
    "{S} {B} on chemo and just spiked a temperature of 101.5 with chills",
    "{S} keeps saying {S} wants to die and has been looking at the rifle in the closet",
]

# Emergencies that only make sense for the writer
SELF_EMERGENCIES = [
    "I'm 33 weeks pregnant and haven't felt the baby kick since last night",
    "I've decided to end things tonight and the pills are counted out",
    "I'm soaking a pad every half hour since delivering last week",
    "our 5 week old feels hot and the thermometer says 100.9",
]

SPANISH = [
    ("A mi esposo se le cayó la cara de un lado y no puede hablar bien.", "emergency"),
    ("Mi mamá no puede respirar y tiene los labios morados.", "emergency"),
    ("Tengo un dolor muy fuerte en el pecho que se me va al brazo izquierdo.", "emergency"),
    ("Mi hijo de 3 años se tomó unas pastillas de la abuela.", "emergency"),
    ("Mi papá se desmayó y no despierta.", "emergency"),
    ("my abuela esta con dolor de pecho y sudando mucho, what do we do", "emergency"),
    ("necesito refill de la insulina, se me acabó ayer y no tengo nada", "urgent"),
    ("Quisiera cambiar mi cita del martes para la otra semana por favor.", "routine"),
    ("no tengo dolor de pecho ni nada, solo quiero una cita para mi chequeo", "routine"),
    ("Tengo una pregunta sobre mi factura, me cobraron dos veces.", "routine"),
]
SPANISH_CATEGORY = {
    "urgent": "refill_request",
}

SHORT = [
    "cant breathe",
    "face drooping help",
    "baby not breathing",
    "took all my pills",
    "bleeding wont stop",
    "chest crushing",
    "he's seizing",
    "no puedo respirar",
]

# Frightening words in routine requests: (text, category)
DISTRACTORS = [
    ("No chest pain or anything like that, I just need my lisinopril refilled.", "refill_request"),
    (
        "I volunteer with the Heart Attack Survivors Network and need a form signed "
        "for the volunteer office.",
        "other",
    ),
    (
        "Two years ago I had a stroke and recovered well; I'd like to book my yearly checkup.",
        "appointment_scheduling",
    ),
    (
        "My grandmother died of a heart attack in 2019, could I get a cholesterol test scheduled?",
        "appointment_scheduling",
    ),
    ("Not having any trouble breathing, but the inhaler refill is due.", "refill_request"),
    (
        "Is the suicide prevention training for caregivers billed to my insurance?",
        "billing_question",
    ),
    (
        "The seizure I had back in 2021 was a one-time thing; the DMV wants a form from you.",
        "other",
    ),
    (
        "I denied any bleeding on the intake form but the bill lists a procedure I never had.",
        "billing_question",
    ),
]

SHOUTING = [
    ("I NEED MY BILL FIXED, YOU CHARGED ME TWICE FOR ONE VISIT!!!", "billing_question"),
    ("WHY HAS NOBODY CALLED ME BACK TO SET UP MY MAMMOGRAM", "appointment_scheduling"),
    ("REFILL MY METFORMIN PLEASE, THERE ARE TWO WEEKS LEFT", "refill_request"),
    ("URGENT!!! I NEED A COPY OF MY VACCINE CARD FOR WORK", "other"),
]

# Urgent situations that are not symptoms: (text, category)
SITUATIONS = [
    (
        "The infusion center cancelled {P} chemotherapy today and nobody gave us a new date, "
        "can we get one?",
        "appointment_scheduling",
    ),
    (
        "I'm 10 weeks pregnant and my nephew who stayed with us just got diagnosed with "
        "chickenpox.",
        "other",
    ),
    (
        "I take Keppra for seizures and ran out this morning; the pharmacy says it needs "
        "your approval.",
        "refill_request",
    ),
    (
        "My urologist prescribed sildenafil but I also carry nitroglycerin, can I take both "
        "tonight?",
        "other",
    ),
    (
        "I'm out of tacrolimus since yesterday, I had a kidney transplant in 2023. Please "
        "send it today.",
        "refill_request",
    ),
    ("I'm pregnant and the dermatologist just started me on isotretinoin before I knew.", "other"),
]

URGENT_SYMPTOMS = [
    "{S} has had a fever of 102 for two days and a cough with green phlegm",
    "the incision on {P} belly is red, warm and leaking yellow fluid",
    "{S} can't keep any water down since this morning and {B} very dizzy when standing",
]

MILD = [
    "I've had a mild runny nose for three days, is there anything I should do?",
    "My ankle is a little sore after a jog yesterday, should I be worried?",
]

CLOSERS = ["", " Thanks.", " Thank you!", " -R", " Sent from my tablet"]


def _fill(text: str, person: tuple[str, str, str, str, str]) -> str:
    _who, s, p, o, b = person
    return text.format(S=s, P=p, O=o, B=b)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _noise(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.15:
        return text.lower().replace(",", "").replace(".", "").replace("'", "")
    if roll < 0.25:
        return text.upper()
    return text


def messages() -> list[tuple[str, str, str]]:
    rng = random.Random(SEED)
    rows: list[tuple[str, str, str]] = []
    for i in range(36):  # an emergency in the last sentence of a routine request
        request, _cat = REQUESTS[i % len(REQUESTS)]
        person = PERSONS[rng.randrange(len(PERSONS))]
        emergency = _fill(EMERGENCIES[i % len(EMERGENCIES)], person)
        who = f"{person[0]} " if person[0] else ""
        text = f"{who}{request} One more thing: {emergency}.{rng.choice(CLOSERS)}"
        rows.append((_noise(rng, text), "symptom_escalation", "emergency"))
    for text in SELF_EMERGENCIES:
        request, _cat = rng.choice(REQUESTS)
        rows.append((f"{request} {text}.", "symptom_escalation", "emergency"))
    for i, emergency in enumerate(EMERGENCIES):  # caregivers, the emergency alone
        person = PERSONS[1 + i % (len(PERSONS) - 1)]
        text = f"{person[0]} {_cap(_fill(emergency, person))}."
        rows.append((_noise(rng, text), "symptom_escalation", "emergency"))
    for text, urgency in SPANISH:
        if urgency == "emergency":
            rows.append((text, "symptom_escalation", "emergency"))
        elif urgency == "urgent":
            rows.append((text, SPANISH_CATEGORY[urgency], "urgent"))
    rows.append((SPANISH[7][0], "appointment_scheduling", "routine"))
    rows.append((SPANISH[8][0], "appointment_scheduling", "routine"))
    rows.append((SPANISH[9][0], "billing_question", "routine"))
    for text in SHORT:
        rows.append((text, "symptom_escalation", "emergency"))
    for text, cat in DISTRACTORS:
        rows.append((_noise(rng, text), cat, "routine"))
    for text, cat in SHOUTING:
        rows.append((text, cat, "routine"))
    for text, cat in SITUATIONS:
        rows.append((_fill(text, PERSONS[0]), cat, "urgent"))
    for i, text in enumerate(URGENT_SYMPTOMS * 2):
        person = PERSONS[i % len(PERSONS)]
        rows.append((_cap(_fill(text, person)) + ".", "symptom_escalation", "urgent"))
    for text, cat in REQUESTS:  # plain routine requests, some with a benign closer
        rows.append((text + rng.choice(CLOSERS), cat, "routine"))
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
