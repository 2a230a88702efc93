#!/usr/bin/env python3
"""Generate the TUNING triage set: evals/data/tune/triage.jsonl (D2).

Two sources, shuffled together with a fixed seed:
  * hand-written messages in scripts/synth/tune_triage_hand.txt;
  * template families T1-T7 below, with randomized slots and noise.

The held-out generator (scripts/synth/heldout_triage.py) uses other families, other phrase pools
and other layouts; nothing here is shared with it. Standard library only; deterministic.

    python3 scripts/synth/tune_triage.py            # writes the file
    python3 scripts/synth/tune_triage.py --check    # exit 1 if the committed file differs
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HAND = Path(__file__).with_name("tune_triage_hand.txt")
OUT = ROOT / "evals" / "data" / "tune" / "triage.jsonl"
SEED = 20260316
PREFIX = "tu-tri-"

CATS = {
    "sym": "symptom_escalation",
    "ref": "refill_request",
    "app": "appointment_scheduling",
    "bil": "billing_question",
    "oth": "other",
}
URGS = {"E": "emergency", "U": "urgent", "R": "routine"}

Row = tuple[str, str, str]  # message, category, urgency


def read_hand(path: Path) -> list[Row]:
    """Parse the '@ CAT URG [tags]' record format."""
    rows: list[Row] = []
    head: list[str] | None = None
    body: list[str] = []

    def flush() -> None:
        if head is not None:
            text = "\n".join(body).strip()
            if not text:
                raise SystemExit(f"{path.name}: empty message")
            rows.append((text, CATS[head[1]], URGS[head[2]]))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("@ "):
            flush()
            head, body = line.split(), []
        elif head is None:
            continue  # header comments
        else:
            body.append(line)
    flush()
    return rows


# ---------------------------------------------------------------- T1: billing opener + closer
T1_OPENERS = [
    "Hi, I have a question about the statement for my visit on {date}, it shows ${amt} after "
    "insurance.",
    "Could someone explain the ${amt} facility charge on my last bill?",
    "I'd like to set up a payment plan for my balance of ${amt}.",
    "My insurance says the claim from {date} was denied for a missing referral. Can billing "
    "resubmit it?",
    "Can I get an itemized statement for {date} for my HSA?",
    "I paid ${amt} online on {date} but the portal still shows it as due.",
    "Please update my insurance to the new card I uploaded yesterday and rebill {date}.",
    "Why was I charged ${amt} for a telehealth visit that lasted ten minutes?",
]
T1_EMERGENCY = [
    "Also my chest has been crushing and tight for the last half hour and I'm sweating through "
    "my shirt.",
    "Btw my left arm and leg went numb about 20 minutes ago and my face looks lopsided in the "
    "mirror.",
    "Also I can't catch my breath even sitting still and my lips look bluish.",
    "Oh and I just threw up a lot of bright red blood.",
    "PS my throat feels like it's closing since the new antibiotic and I'm covered in hives.",
    "Also, I took all of my sleeping pills about an hour ago.",
    "By the way my insulin pump failed yesterday, I've been vomiting all night and I'm breathing "
    "really fast.",
    "Also my 5 week old has a fever of 100.9 and won't feed.",
    "Also, I'm 30 weeks pregnant and haven't felt the baby move since yesterday.",
    "One more thing, the worst headache of my life came on suddenly 30 minutes ago.",
]
T1_BENIGN = [
    "Thanks for your help!",
    "Also the cough I had at the visit is completely gone now, thank you.",
    "No rush on this.",
    "I can be reached at the number on file after 5.",
]

# ---------------------------------------------------------------- T2: caregiver + symptom
T2_RELS = [
    ("mother", "she", "her"),
    ("father", "he", "his"),
    ("husband", "he", "his"),
    ("wife", "she", "her"),
    ("grandmother", "she", "her"),
    ("grandfather", "he", "his"),
    ("adult son", "he", "his"),
    ("sister", "she", "her"),
]
T2_INTROS = [
    "Writing on behalf of my {rel}.",
    "This is {name}, I take care of my {rel}.",
    "I'm the caregiver for my {rel} and I help with the portal.",
    "My {rel} asked me to send this.",
]
T2_NAMES = ["Rosa", "Dmitri", "Keisha", "Tom", "Anh", "Priya", "Walt", "Ifeoma"]
T2_SYMPTOMS = [
    (
        "{P} suddenly can't lift {pos} right arm and {pos} speech is slurred, it started "
        "{m} minutes ago.",
        "E",
    ),
    ("{P} is having crushing chest pain and is sweaty and pale.", "E"),
    (
        "{P} fell and hit {pos} head, {p} is on blood thinners, and now {p} is confused and "
        "vomiting.",
        "E",
    ),
    ("{P} has been seizing for over 5 minutes and it won't stop.", "E"),
    ("{P} is breathing very fast, {pos} lips are blue and {p} can't speak in full sentences.", "E"),
    ("{P} has had burning urination and a fever of 101.8 since yesterday.", "U"),
    (
        "{P} has a red, hot, swollen patch on {pos} shin that has doubled in size since yesterday.",
        "U",
    ),
    (
        "{P} has been vomiting since last night and can't keep fluids down, but is alert and "
        "talking.",
        "U",
    ),
    (
        "{P} has had a cough with green phlegm and a fever of 101 for 3 days, breathing OK "
        "at rest.",
        "U",
    ),
    ("{P} has had mild constipation for a week, eating and drinking fine.", "R"),
    ("{P} has a small itchy rash on {pos} back, no fever, not spreading.", "R"),
    ("{P} has had mild knee pain on the stairs for a few months.", "R"),
]
T2_CLOSERS = ["Should {p} be seen?", "What should we do?", "Please advise.", "Thank you."]

# ---------------------------------------------------------------- T3: red-flag words, negated
T3_NEG = [  # (phrase, indexes into T3_REQUESTS it reads naturally with)
    ("No chest pain or shortness of breath.", (0, 3)),
    ("No fever, no trouble breathing.", (1, 4)),
    ("No bleeding, no dizziness.", (0, 2)),
    ("Not having any thoughts of hurting myself, just want to review my meds.", (1, 4)),
    ("I had a heart attack back in 2021 but I've been fine since.", (2, 3)),
    ("The stroke was two years ago and I'm fully recovered.", (0, 1)),
]
T3_REQUESTS = [
    ("Can I get my {med} refilled? {neg} I have about {n} days left.", "ref"),
    ("I'd like to book my regular check-up with my PCP. {neg}", "app"),
    ("{neg} Can you send me a copy of my cholesterol results from last month?", "oth"),
    ("{neg} I just have a question about the copay on my last statement.", "bil"),
    ("Please move my follow-up to the afternoon. {neg}", "app"),
]
T3_MEDS = ["atorvastatin 40", "lisinopril 10", "sertraline 100", "omeprazole 20", "losartan 50"]

# ---------------------------------------------------------------- T4: refills
T4_CRITICAL = [
    "tacrolimus 1 mg",
    "levetiracetam 500",
    "lamotrigine 200",
    "insulin glargine",
    "apixaban 5 mg",
    "carbidopa-levodopa",
    "mycophenolate",
    "phenytoin 100",
    "dolutegravir",
    "prednisone 10 (I've been on it for years)",
]
T4_ROUTINE_DRUGS = [
    "atorvastatin",
    "vitamin D 50,000",
    "omeprazole",
    "montelukast",
    "cetirizine",
    "finasteride",
    "tamsulosin",
    "levothyroxine",
    "fluticasone spray",
    "metformin",
]
T4_OUT = [
    "I'm out as of this morning",
    "my last dose is tonight",
    "I have 1 pill left",
    "I ran out yesterday",
]
T4_LEFT = ["I have about {n} days left", "{n} days of pills left", "still have {n} days"]
T4_PHARM = [
    "CVS on Maple",
    "the Walgreens by the hospital",
    "Costco pharmacy",
    "my mail order pharmacy",
    "Rite Aid on 3rd Ave",
]
T4_FORMS = [
    "Please refill my {drug}. {Left}. Pharmacy: {ph}.",
    "Refill request - {drug}, {left}, send to {ph} please.",
    "Hi, can you renew my {drug}? {Left}. Same pharmacy as always ({ph}).",
]

# ---------------------------------------------------------------- T5: Spanish
T5 = [
    ("Hola, necesito una cita para {razon}.", "app", "R"),
    ("Buenas tardes, ¿me pueden resurtir mi {med}? Me quedan {n} días.", "ref", "R"),
    ("Mi {rel} tiene {sint}. ¿Qué hacemos?", "sym", "E"),
    ("Tengo una pregunta sobre mi factura del {fecha}, dice que debo ${amt}.", "bil", "R"),
]
T5_RAZON = [
    "mi examen anual",
    "revisar mi presión",
    "la vacuna de la gripe",
    "el chequeo de mi diabetes",
]
T5_MED = ["metformina", "losartán", "atorvastatina", "omeprazol"]
T5_REL = ["mamá", "papá", "esposo", "abuelita", "hijo de 3 años"]
T5_SINT = [
    "un dolor muy fuerte en el pecho y le falta el aire",
    "la cara caída de un lado y no puede hablar bien desde hace media hora",
    "convulsiones que no paran desde hace 5 minutos",
    "la lengua y los labios hinchados después de una picadura de abeja y le cuesta respirar",
]
T5_FECHA = ["3 de febrero", "14 de enero", "20 de diciembre"]

# ---------------------------------------------------------------- T6: shouting, routine
T6 = [
    ("I HAVE CALLED FOUR TIMES ABOUT MY {thing}. NOBODY CALLS BACK. PLEASE JUST {ask}.", None),
]
T6_THINGS = [
    ("REFILL OF PANTOPRAZOLE", "SEND IT TO CVS, I HAVE A WEEK LEFT", "ref"),
    ("BILL FROM DECEMBER", "TELL ME WHAT I OWE", "bil"),
    ("APPOINTMENT NEXT MONTH", "CONFIRM THE TIME", "app"),
    ("MEDICAL RECORDS REQUEST", "FAX THEM TO MY NEW DOCTOR", "oth"),
]


def typo(rng: random.Random, text: str) -> str:
    """Light typing noise: swap or drop a few letters, drop apostrophes, lower-case."""
    chars = list(text.replace("'", ""))
    for _ in range(max(1, len(chars) // 60)):
        i = rng.randrange(1, len(chars) - 2)
        if chars[i].isalpha() and chars[i + 1].isalpha():
            if rng.random() < 0.5:
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
            else:
                del chars[i]
    return "".join(chars).lower()


def gen_t1(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    dates = ["Jan 9", "2/3", "December 18", "1/27", "Feb 11"]
    for i, close in enumerate(T1_EMERGENCY):
        opener = T1_OPENERS[i % len(T1_OPENERS)].format(
            date=rng.choice(dates), amt=f"{rng.randint(40, 900)}.{rng.randint(0, 99):02d}"
        )
        rows.append((f"{opener} {close}", "symptom_escalation", "emergency"))
    for close in T1_BENIGN:
        opener = rng.choice(T1_OPENERS).format(date=rng.choice(dates), amt=rng.randint(40, 900))
        rows.append((f"{opener} {close}", "billing_question", "routine"))
    return rows


def gen_t2(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for i, (sym, urg) in enumerate(T2_SYMPTOMS):
        rel, p, pos = T2_RELS[i % len(T2_RELS)]
        intro = T2_INTROS[i % len(T2_INTROS)].format(rel=rel, name=rng.choice(T2_NAMES))
        body = sym.format(P=p.capitalize(), p=p, pos=pos, m=rng.choice([15, 20, 40]))
        close = rng.choice(T2_CLOSERS).format(p=p)
        rows.append((f"{intro} {body} {close}", "symptom_escalation", URGS[urg]))
    return rows


def gen_t3(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for neg, kinds in T3_NEG:
        for j in kinds:
            form, cat = T3_REQUESTS[j]
            text = form.format(neg=neg, med=rng.choice(T3_MEDS), n=rng.randint(7, 20))
            rows.append((text, CATS[cat], "routine"))
    return rows


def fill(form: str, drug: str, left: str, pharmacy: str) -> str:
    return form.format(drug=drug, left=left, Left=left[0].upper() + left[1:], ph=pharmacy)


def gen_t4(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for i, drug in enumerate(T4_CRITICAL):
        form = T4_FORMS[i % len(T4_FORMS)]
        out = rng.choice(T4_OUT)
        rows.append((fill(form, drug, out, rng.choice(T4_PHARM)), "refill_request", "urgent"))
        if i % 2 == 0:  # the same critical drug, not running out: routine
            left = rng.choice(T4_LEFT).format(n=rng.randint(10, 25))
            rows.append((fill(form, drug, left, rng.choice(T4_PHARM)), "refill_request", "routine"))
    for i, drug in enumerate(T4_ROUTINE_DRUGS):
        form = T4_FORMS[(i + 1) % len(T4_FORMS)]
        left = rng.choice(T4_LEFT).format(n=rng.randint(5, 21))
        rows.append((fill(form, drug, left, rng.choice(T4_PHARM)), "refill_request", "routine"))
    return rows


def gen_t5(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for form, cat, urg in T5:
        count = 4 if cat == "sym" else 2
        for k in range(count):
            text = form.format(
                razon=T5_RAZON[k % len(T5_RAZON)],
                med=T5_MED[k % len(T5_MED)],
                n=rng.randint(8, 20),
                rel=rng.choice(T5_REL),
                sint=T5_SINT[k % len(T5_SINT)],
                fecha=rng.choice(T5_FECHA),
                amt=rng.randint(30, 400),
            )
            rows.append((text, CATS[cat], URGS[urg]))
    return rows


def gen_t6() -> list[Row]:
    form = T6[0][0]
    return [(form.format(thing=t, ask=a), CATS[c], "routine") for t, a, c in T6_THINGS]


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    rows = read_hand(HAND)
    generated = gen_t1(rng) + gen_t2(rng) + gen_t3(rng) + gen_t4(rng) + gen_t5(rng) + gen_t6()
    for i, (text, cat, urg) in enumerate(generated):
        if i % 7 == 3:  # typing noise on a share of the generated messages
            text = typo(rng, text)
        elif i % 11 == 5:
            text = text + " " + rng.choice(["🙏", "😩", "thx!!", "🙂"])
        rows.append((text, cat, urg))
    seen: set[str] = set()
    for text, _, _ in rows:
        if text in seen:
            raise SystemExit("duplicate message in tune set")
        seen.add(text)
    rng.shuffle(rows)
    return [
        {
            "id": f"{PREFIX}{n:04d}",
            "input": {"message": text},
            "expected": {"category": cat, "urgency": urg},
        }
        for n, (text, cat, urg) in enumerate(rows, start=1)
    ]


def render(lines: list[dict[str, object]]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def main(argv: list[str]) -> int:
    text = render(build())
    if "--check" in argv:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
