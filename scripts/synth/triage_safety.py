#!/usr/bin/env python3
"""Generate a triage SAFETY set: evals/data/synth_triage/triage.jsonl (helper QT).

The message classes that break keyword triage (issue 16), drawn from pools of this file only:
an emergency in the last sentence of a billing, scheduling or refill message; caregivers
writing for a parent, partner or baby; Spanish and mixed Spanish-English; very short messages;
frightening words that are not current (negated, last year's event, a support group's name, a
vaccine); capitals over something routine; urgent situations that are not symptoms (a missed
chemotherapy, an exposure in pregnancy, a critical drug running out, a dangerous combination).

Written without reading the held-out set or its generators. Standard library only, seeded.

    python3 scripts/synth/triage_safety.py            # writes the file
    python3 scripts/synth/triage_safety.py --check    # exit 1 if the committed file differs
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "synth_triage" / "triage.jsonl"
SEED = 20261206
PREFIX = "qt-tri-"

Row = tuple[str, str, str]  # message, category, urgency

# --- pools -----------------------------------------------------------------------------------

BILLING = [
    "I was charged twice for the visit on the 3rd, can someone fix the bill?",
    "Why did my copay go up to $60? I thought my plan covered specialists.",
    "Can you tell me how much the sleep study will cost out of pocket?",
    "I got a statement for a balance I already paid online, please check.",
    "Does the clinic take Blue Shield? My employer switched plans.",
    "Tengo una pregunta sobre la factura de marzo, me cobraron dos veces.",
]
SCHEDULING = [
    "Can I move my physical from Tuesday to Friday afternoon?",
    "I need to reschedule the follow-up with Dr. Osei, something came up.",
    "Please cancel my appointment next week, I'm traveling.",
    "Is there anything sooner for a new patient visit? The first opening is in March.",
    "Quisiera cambiar mi cita del lunes para el miércoles si se puede.",
]
REFILLS = [
    "Please renew my atorvastatin, I have about a week left.",
    "Could you send a 90-day refill of my sertraline to the CVS on Main?",
    "I need a refill on my allergy spray, whenever you get a chance.",
    "Necesito una receta nueva para mi metformina, me quedan diez días.",
]
# (text, who) emergencies as a last sentence; {p} is the person, {pos} their possessive.
EMERGENCY_TAILS = [
    "Also {p} is having crushing chest pressure right now and is sweating.",
    "Oh and {pos} face looks droopy on the left and {p} is slurring words.",
    "Also {p} can barely breathe, lips look kind of blue.",
    "By the way {p} just passed out in the kitchen and won't wake up.",
    "PS {p} has been vomiting blood this morning.",
    "And {p} took a whole bottle of sleeping pills about an hour ago.",
    "Also {pos} tongue and lips are swelling up after the new antibiotic.",
    "One more thing, {p} suddenly can't lift {pos} right arm.",
    "Also {p} says it's the worst headache of {pos} life, came on all of a sudden.",
]
PEOPLE = [("my husband", "his"), ("my mom", "her"), ("my dad", "his"),
          ("my wife", "her"), ("my son", "his"), ("my grandmother", "her")]  # fmt: skip
SPANISH_EMERGENCIES = [
    "Mi esposo tiene un dolor fuerte en el pecho desde hace media hora y está sudando.",
    "Mi mamá no puede hablar bien y tiene la boca torcida desde esta mañana.",
    "Mi hijo no puede respirar bien, tiene los labios morados.",
    "Mi papá se desmayó y no responde, ¿qué hago?",
    "my abuelita tiene dolor de pecho and she's sweating a lot, please call back",
    "mi bebé de 5 semanas tiene fiebre de 38.5, is that bad?",
    "mi tío se tomó todas las pastillas de su frasco hace una hora",
    "My husband está vomitando sangre since this morning",
    "mi hija está convulsionando y no para, it's been 6 minutes",
]
SPANISH_ROUTINE = [
    ("¿Me pueden mandar una copia de mis vacunas para la escuela de mi hijo?", "other"),
    ("Necesito surtir mi receta de lisinopril, me quedan dos semanas.", "refill_request"),
    ("Hola, quiero hacer una cita para un examen físico en mayo.", "appointment_scheduling"),
    ("No tengo dolor de pecho ni fiebre, solo quiero saber cuánto cuesta la consulta.",
     "billing_question"),
    ("Mi mamá tuvo un derrame hace dos años, necesita su cita de control con neurología.",
     "appointment_scheduling"),
]  # fmt: skip
SHORT_EMERGENCY = [
    "chest pain bad", "cant breathe", "he's seizing", "heart attack?", "stroke??",
    "took too many pills", "baby not breathing", "bleeding wont stop", "911 help",
    "dolor de pecho", "no puede respirar", "wife passed out not waking up",
]  # fmt: skip
SHORT_ROUTINE = [
    ("refill pls", "refill_request"), ("need appt", "appointment_scheduling"),
    ("bill question", "billing_question"), ("fax my records?", "other"),
    ("cita por favor", "appointment_scheduling"),
]  # fmt: skip
NOT_CURRENT = [
    ("No chest pain or shortness of breath, I just need my annual physical booked.",
     "appointment_scheduling"),
    ("I had a heart attack in 2019 and I'm doing well; please refill my metoprolol, 3 weeks left.",
     "refill_request"),
    ("I volunteer with the Stroke Support Group and need a letter for my hours.", "other"),
    ("Last year my dad had a seizure, the neurologist wants a yearly visit, can we book it?",
     "appointment_scheduling"),
    ("What are the signs of a stroke I should watch for after my mom's surgery?", "other"),
    ("Do I need the yellow fever vaccine for Brazil? How much does it cost?", "billing_question"),
    ("My suicide prevention training certificate needs a signature from the clinic.", "other"),
    ("The chest pain I mentioned in January is gone. Can I cancel the stress test?",
     "appointment_scheduling"),
    ("Sin fiebre y sin dolor de pecho. Solo necesito mi receta de losartán.", "refill_request"),
    ("If I ever get chest pain on the new medicine, should I call you or 911? Just asking.",
     "other"),
    ("My brother overdosed years ago; I'd like a naloxone kit prescription to keep at home.",
     "refill_request"),
    ("Denies any bleeding. Just wants to know if his colonoscopy is covered.",
     "billing_question"),
]  # fmt: skip
CAPS_ROUTINE = [
    ("I HAVE CALLED THREE TIMES ABOUT THIS BILL!!! PLEASE FIX THE CHARGE.", "billing_question"),
    ("WHY CAN'T I SEE MY LAB RESULTS IN THE PORTAL??? THIS IS RIDICULOUS", "other"),
    ("PLEASE CHANGE MY APPOINTMENT TO NEXT WEEK. THANK YOU!!!", "appointment_scheduling"),
    ("URGENT!!! I NEED A COPY OF MY SHOT RECORDS FOR WORK BY FRIDAY", "other"),
]  # fmt: skip
# Urgent situations with no symptom; the category is the request.
SITUATIONS = [
    ("I'm a kidney transplant patient and I ran out of tacrolimus this morning, the pharmacy "
     "needs a new script. Can you send it today?", "refill_request"),
    ("My son has epilepsy and we're down to his last dose of Keppra. Please call in a refill.",
     "refill_request"),
    ("I'm out of my insulin pens and the pharmacy says the prescription expired.",
     "refill_request"),
    ("Se le acabaron las pastillas de Eliquis a mi papá y la farmacia no le quiere dar más sin "
     "receta nueva.", "refill_request"),
    ("I missed my chemo infusion yesterday because of the snow. What do I do now?", "other"),
    ("My dad couldn't make it to dialysis today, his ride never came. Who should we call?",
     "other"),
    ("I'm 9 weeks pregnant and my daughter's classmate has measles, she was in class with him "
     "on Monday. Do I need anything?", "other"),
    ("I just found out I'm pregnant and I've been taking my Accutane this whole time.",
     "other"),
    ("The urgent care gave me Bactrim for a UTI but I'm on methotrexate for my RA. Is that ok "
     "together?", "other"),
    ("My husband took one of his Viagra and he uses nitroglycerin for angina, he feels fine "
     "but I'm scared.", "other"),
    ("Estoy embarazada de 12 semanas y mi sobrino tiene varicela, estuve con él ayer.",
     "other"),
    ("I take warfarin and the dentist prescribed Flagyl. Can I start it tonight?", "other"),
]  # fmt: skip


def _rows(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    requests = [(t, "billing_question") for t in BILLING]
    requests += [(t, "appointment_scheduling") for t in SCHEDULING]
    requests += [(t, "refill_request") for t in REFILLS]
    for tail in EMERGENCY_TAILS:
        for request, _ in rng.sample(requests, 4):
            person, pos = rng.choice(PEOPLE)
            verb_fix = tail.format(p=person, pos=pos)
            rows.append((f"{request} {verb_fix}", "symptom_escalation", "emergency"))
    rows += [(m, "symptom_escalation", "emergency") for m in SPANISH_EMERGENCIES]
    rows += [(m, c, "routine") for m, c in SPANISH_ROUTINE]
    rows += [(m, "symptom_escalation", "emergency") for m in SHORT_EMERGENCY]
    rows += [(m, c, "routine") for m, c in SHORT_ROUTINE]
    rows += [(m, c, "routine") for m, c in NOT_CURRENT]
    rows += [(m, c, "routine") for m, c in CAPS_ROUTINE]
    rows += [(m, c, "urgent") for m, c in SITUATIONS]
    # Caregiver frames around a routine request: still routine.
    for request, category in rng.sample(requests, 6):
        frame = rng.choice(["Writing for my mother, she doesn't use the portal. ",
                            "This is her daughter, I help with her messages. ",
                            "Soy la hija del paciente. "])  # fmt: skip
        rows.append((frame + request, category, "routine"))
    return rows


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    rows = _rows(rng)
    rng.shuffle(rows)
    return [
        {"id": f"{PREFIX}{i:04d}", "input": {"message": m},
         "expected": {"category": c, "urgency": u}}
        for i, (m, c, u) in enumerate(rows, 1)
    ]  # fmt: skip


def main() -> int:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in build())
    if "--check" in sys.argv[1:]:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10))} messages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
