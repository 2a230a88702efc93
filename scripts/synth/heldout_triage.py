#!/usr/bin/env python3
"""Generate the HELD-OUT triage set: evals/data/heldout/triage.jsonl (D2).

Held-out material: do not open this file, its hand-written source or its output while writing
or tuning rules or prompts (evals/data/README.md). Running it, or running the eval on its output
for a final figure, is fine.

Two sources, shuffled together with a fixed seed:
  * hand-written messages in scripts/synth/heldout_triage_hand.txt;
  * template families H1-H8 below. Their phrase pools, senders and layouts (reply chains, mail
    signatures, clinic auto-replies, run-on text) appear nowhere in the tuning generator.

Standard library only; deterministic.

    python3 scripts/synth/heldout_triage.py            # writes the file
    python3 scripts/synth/heldout_triage.py --check    # exit 1 if the committed file differs
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HAND = Path(__file__).with_name("heldout_triage_hand.txt")
OUT = ROOT / "evals" / "data" / "heldout" / "triage.jsonl"
SEED = 7340261
PREFIX = "ho-tri-"

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
            continue
        else:
            body.append(line)
    flush()
    return rows


# ---------------------------------------------------------------- H1: admin opener + closer
H1_OPENERS = [
    ("I need to move my annual physical on the {d} to any afternoon the following week.", "app"),
    ("Could you book me for the next available lipid panel? Fasting is fine.", "app"),
    ("The portal won't let me download my vaccine record, it keeps giving an error.", "oth"),
    ("Please send a copy of my last two visit notes to Dr. Lindqvist's office.", "oth"),
    ("Is there a Saturday slot for my son's sports physical?", "app"),
    ("I need a jury duty excuse letter, the court wants it by the {d}.", "oth"),
    ("Can you tell me whether my deductible has been met for this year?", "bil"),
    ("My address changed, the new one is in my profile now.", "oth"),
]
H1_EMERGENCY = [
    "Unrelated, but I've suddenly lost vision in one eye and the left side of my face feels "
    "heavy, it started 25 min ago.",
    "Separate thing: my ankles are huge, I can't lie flat and I'm gasping for air even sitting up "
    "tonight.",
    "Also my 2 yr old just drank some of the dishwasher detergent, she's coughing and drooling.",
    "Also I've had pain in my chest and upper back for 45 minutes, it feels like tearing and I'm "
    "sweaty.",
    "Also, heads up, I've been vomiting blood clots since this morning and my heart is racing.",
    "And I should mention I've saved up my pills and I'm planning to take them all tonight.",
    "P.S. my wife just passed out at the table and she's breathing funny, she's not responding.",
    "Oh and my lips and eyes are swelling up after a shrimp dinner and it's getting hard to "
    "breathe.",
    "Last thing, I'm 35 weeks pregnant and bleeding heavily with strong belly pain.",
    "Also my meter says 39, I'm shaking and confused and can't think straight.",
    "By the way my son (15) is having a seizure right now and it's been going over 5 minutes.",
    "Also, my 10 week old is 100.6 rectal and won't eat.",
]
H1_BENIGN = [
    "P.S. the chest pain I mentioned at my last visit turned out to be a pulled muscle, all "
    "better now.",
    "Not an emergency, whenever someone has a moment.",
    "Also I saw the stroke awareness poster in your lobby, great idea.",
    "Thanks, and sorry for the long message.",
]
H1_DAYS = ["12th", "19th", "3rd", "26th"]

# ---------------------------------------------------------------- H2: other senders
H2_SENDERS = [
    ("I'm {name}'s neighbor and I'm with {obj} now.", "Mr. Okafor", "he", "his", "him"),
    (
        "I'm a support worker at Birchwood Adult Day Program, writing about {name}.",
        "Ms. Levy",
        "she",
        "her",
        "her",
    ),
    ("I'm on my grandpa's proxy account.", "Grandpa", "he", "his", "him"),
    ("Roommate here, typing for {name} because {p} can't right now.", "Jess", "she", "her", "her"),
    (
        "Hi, this is the nanny for the Duarte family, writing about {name} (age 4).",
        "Leo",
        "he",
        "his",
        "him",
    ),
    ("My mother-in-law lives with us and doesn't use the portal.", "She", "she", "her", "her"),
]
H2_SYMPTOMS = [
    (
        "{P} is gasping and wheezing, {pos} rescue inhaler isn't helping at all and {p} can only "
        "say a word or two.",
        "E",
    ),
    (
        "{P} took a handful of {pos} pain pills on purpose about an hour ago and is getting "
        "drowsy.",
        "E",
    ),
    ("{P} got a sudden, severe headache, the worst ever, and is throwing up.", "E"),
    ("{P} is very pale, cold and confused and the pulse-ox shows a heart rate of 38.", "E"),
    ("{P} collapsed a few minutes ago and is breathing, but we can't wake {obj} up.", "E"),
    (
        "{P} has a swollen, painful big toe, red and hot since last night, and can barely put on a "
        "sock.",
        "U",
    ),
    ("{P} has had a fever of 102 for two days with a bad cough; the oxygen reading is 94%.", "U"),
    ("{P} has pain and burning when peeing and now a fever and shaking chills, but is alert.", "U"),
    ("{P} has had dry, itchy skin on {pos} shins all winter.", "R"),
    ("{P} snores loudly and we wonder if {p} should get a sleep study.", "R"),
    ("{P} gets occasional heartburn after big meals, no trouble swallowing.", "R"),
]
H2_CLOSERS = ["Who should we contact?", "Please let us know.", "Advice?", ""]

# ---------------------------------------------------------------- H3: scary words, routine
H3 = [
    (
        "I'm the treasurer of the {org} and we're collecting donations for our spring walk. "
        "Can the clinic put up a flyer?",
        "oth",
    ),
    (
        "I need a copy of the discharge summary from my {event} in {year} for a life insurance "
        "application.",
        "oth",
    ),
    (
        "My {rel} died of a {event} last year and I'd like to talk about my own risk at my next "
        "physical. Can I book a longer slot?",
        "app",
    ),
    (
        "My EOB lists '{dx}' as the diagnosis for my physical. I didn't have that, can you fix the "
        "code?",
        "bil",
    ),
    ("Can '{dx}' be taken off my problem list? It went away years ago.", "oth"),
]
H3_ORGS = [
    "Heart Attack & Stroke Survivors Circle",
    "Suicide Loss Survivors group",
    "Overdose Awareness Coalition",
    "Seizure Support Circle",
]
H3_EVENTS = ["heart attack", "stroke", "pulmonary embolism", "seizure"]
H3_RELS = ["father", "older brother", "aunt"]
H3_DX = ["chest pain, unspecified", "shortness of breath", "syncope and collapse"]
H3_REFILLS = [
    "Can you refill my clopidogrel? No chest pain since the stent in 2022. About 2 weeks left.",
    "Refill for my Keppra please, seizure-free for 3 years now, 20 days left.",
    "Please renew my sertraline, I'm in a good place now, no suicidal thoughts like back in 2021. "
    "Two weeks left.",
]

# ---------------------------------------------------------------- H4: urgent, not a symptom
H4_DRUGS = [
    "sirolimus",
    "Depakote (valproate) for my seizures",
    "topiramate for my seizures",
    "insulin lispro pens",
    "rivaroxaban",
    "Truvada (I'm HIV positive)",
    "clobazam",
    "fludrocortisone for my adrenal insufficiency",
    "pyridostigmine for myasthenia gravis",
    "oral baclofen 20 mg",
]
H4_REASONS = [
    "the pharmacy says the prior authorization expired",
    "my insurance changed and the new plan needs a new prescription",
    "the mail order is delayed by the snowstorm",
    "the pharmacy is out of stock until Monday",
]
H4_WHEN = [
    "I have just tonight's dose.",
    "I missed this morning's dose already.",
    "My last pill was yesterday.",
]
H4_CHEMO = [
    "My FOLFOX infusion scheduled for today was cancelled because the insurance authorization "
    "wasn't renewed. Can someone fix it today so I don't lose the chair?",
    "The cancer center cancelled my Herceptin infusion this morning because the order expired. "
    "They said your office has to re-sign it today.",
    "My rituximab infusion is tomorrow and the infusion center says my pre-infusion labs were "
    "never ordered. Can you order them today?",
]
H4_PREGNANT = [
    "I'm 18 weeks pregnant and just found out the babysitter who watched my kids all weekend has "
    "shingles on her face. I've never had chickenpox. I have no symptoms. What should I do?",
    "I'm 11 weeks pregnant and I sat in the same waiting room as a child later confirmed to have "
    "measles. I've only ever had one MMR dose. No symptoms. Is there anything I need to do now?",
    "I'm about 7 weeks pregnant and this morning I took a methotrexate tablet from my old "
    "prescription by mistake instead of my folic acid. I feel fine. Is this a problem?",
]
H4_INTERACT = [
    ("The infectious disease doctor", "linezolid", "sertraline 150"),
    ("Urgent care", "fluconazole", "warfarin"),
    ("The rheumatologist", "allopurinol", "azathioprine"),
    ("My urologist", "sildenafil", "isosorbide mononitrate"),
    ("The ER doctor", "ciprofloxacin", "tizanidine"),
]

# ---------------------------------------------------------------- H5: Spanish / mixed
H5_REL = ["mi suegra", "mi abuelo", "mi hermano", "mi esposa"]
H5_SINT = [
    ("no responde y respira con mucha dificultad", "E"),
    ("se desmayó y tiene los labios morados", "E"),
    (
        "tiene una hemorragia por la nariz que no para desde hace una hora y toma anticoagulantes",
        "E",
    ),
    ("dice que le duele el pecho como si le apretaran y no tiene color en la cara", "E"),
    ("tiene fiebre de 39 desde ayer y tos con flema", "U"),
    ("tiene la pierna izquierda hinchada, roja y caliente desde ayer, pero respira bien", "U"),
    ("tiene un poco de comezón en la piel por el frío", "R"),
]
H5_MIXED = [
    ("Quiero hacer un appointment para mi physical anual, mornings si es posible.", "app", "R"),
    ("Me pueden hacer refill de mi lisinopril? Me quedan like 2 weeks.", "ref", "R"),
    ("Tengo una question sobre mi bill, me cobraron $75 por una visita de telehealth.", "bil", "R"),
    ("Necesito una carta para mi trabajo, I was sick last week pero ya estoy bien.", "oth", "R"),
    ("Mi niño tiene fiebre de 104 y está muy decaído, casi no se despierta.", "sym", "E"),
]
H5_NAMES = ["Yesenia", "Marco", "Lupe", "Héctor", "Daniela"]

# ---------------------------------------------------------------- H6: very short
H6 = [
    ("heart racing cant breathe", "sym", "E"),
    ("bleeding wont stop", "sym", "E"),
    ("took too many pills", "sym", "E"),
    ("lisinopril plz", "ref", "R"),
    ("running late 10 min", "app", "R"),
    ("new insurance card uploaded", "bil", "R"),
    ("portal locked me out", "oth", "R"),
    ("need a work note", "oth", "R"),
    ("out of insulin today", "ref", "U"),
    ("Stomach flu. Ok now. Still coming Tues?", "app", "R"),
]

# ---------------------------------------------------------------- H7: shouting, routine
H7 = [
    ("BILLING STATEMENT FROM JANUARY", "bil"),
    ("REFERRAL TO DERMATOLOGY", "app"),
    ("MRI RESULTS", "oth"),
    ("PRIOR AUTHORIZATION FOR MY KNEE BRACE", "oth"),
]

# ---------------------------------------------------------------- H9: statement replies
H9 = [
    "Is this the amount after my insurance paid, or before?",
    "I think this was billed to my old Medicaid number, can you rebill it?",
    "This says the charge is for a visit on a day I was out of the country.",
    "Can you split this into three payments?",
    "Why is there an interest charge? I've been paying $50 every month.",
    "My secondary insurance (Tricare) was never billed for this one.",
    "Is this the same charge as the one I already paid at the front desk?",
    "Who do I make the check out to, the clinic or the hospital?",
]

# ---------------------------------------------------------------- H8: layouts and noise
SIGNATURES = [
    "\n\nSent from my iPhone",
    "\n--\nJ. Ortega\nSent from Yahoo Mail on Android",
    "\n\nThanks,\nB.",
]
AUTO_REPLY = (
    "\n\n> On Mon, Clinic Messaging wrote:\n> Thank you for contacting us. Messages are "
    "answered within 2 business days. If this is an emergency, call 911."
)


def run_on(text: str) -> str:
    """No capitals, no end punctuation, sentences run together."""
    return text.replace(". ", " ").replace("? ", " ").replace("!", "").rstrip(".?").lower()


def gen_h1(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for i, close in enumerate(H1_EMERGENCY):
        form, _ = H1_OPENERS[i % len(H1_OPENERS)]
        rows.append(
            (f"{form.format(d=rng.choice(H1_DAYS))} {close}", "symptom_escalation", "emergency")
        )
    for i, close in enumerate(H1_BENIGN):
        form, cat = H1_OPENERS[(2 * i + 1) % len(H1_OPENERS)]
        rows.append((f"{form.format(d=rng.choice(H1_DAYS))} {close}", CATS[cat], "routine"))
    return rows


def gen_h2(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    order = [*range(len(H2_SYMPTOMS)), 0, 1, 2, 4, 5]
    for k, i in enumerate(order):
        sym, urg = H2_SYMPTOMS[i]
        intro, name, p, pos, obj = H2_SENDERS[k % len(H2_SENDERS)]
        subject = p.capitalize() if name == "She" else name
        lead = intro.format(name=name, p=p, obj=obj)
        body = sym.format(P=subject, p=p, pos=pos, obj=obj)
        close = rng.choice(H2_CLOSERS)
        rows.append((f"{lead} {body} {close}".strip(), "symptom_escalation", URGS[urg]))
    return rows


def gen_h3(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for k in range(4):
        for form, cat in H3:
            if k >= 2 and cat in ("bil", "app"):
                continue
            text = form.format(
                org=H3_ORGS[k],
                event=H3_EVENTS[k],
                year=2019 + k,
                rel=H3_RELS[k % len(H3_RELS)],
                dx=H3_DX[k % len(H3_DX)],
            )
            rows.append((text, CATS[cat], "routine"))
    rows += [(text, "refill_request", "routine") for text in H3_REFILLS]
    rng.shuffle(rows)
    return rows[:15]


def gen_h4(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for i, drug in enumerate(H4_DRUGS):
        text = (
            f"My {drug} ran out and {H4_REASONS[i % len(H4_REASONS)]}. "
            f"{H4_WHEN[i % len(H4_WHEN)]} Can someone send a new prescription today?"
        )
        rows.append((text, "refill_request", "urgent"))
    rows += [(text, "other", "urgent") for text in H4_CHEMO]
    rows += [(text, "other", "urgent") for text in H4_PREGNANT]
    for who, new, old in H4_INTERACT:
        text = (
            f"{who} just prescribed {new} and I take {old}. The pharmacist warned "
            "me about combining them. I haven't started it yet, should I take tonight's dose?"
        )
        rows.append((text, "other", "urgent"))
    return rows


def gen_h5(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    for i, (sint, urg) in enumerate(H5_SINT):
        rel = H5_REL[i % len(H5_REL)]
        rows.append(
            (
                f"Buen día. Le escribo por {rel}: {sint}. ¿Qué debemos hacer?",
                "symptom_escalation",
                URGS[urg],
            )
        )
    for text, cat, urg in H5_MIXED:
        rows.append((f"Hi, soy {rng.choice(H5_NAMES)}. {text}", CATS[cat], URGS[urg]))
    return rows


def gen_h6() -> list[Row]:
    return [(text, CATS[cat], URGS[urg]) for text, cat, urg in H6]


def gen_h7(rng: random.Random) -> list[Row]:
    return [
        (
            f"PLEASE CALL ME BACK ABOUT MY {thing}!!! I HAVE BEEN WAITING {rng.randint(3, 9)} "
            "DAYS!!!",
            CATS[cat],
            "routine",
        )
        for thing, cat in H7
    ]


def gen_h9(rng: random.Random) -> list[Row]:
    return [
        (f"Re: Statement {rng.randint(100000, 999999)}\n{q}", "billing_question", "routine")
        for q in H9
    ]


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    rows = read_hand(HAND)
    generated = (
        gen_h1(rng)
        + gen_h2(rng)
        + gen_h3(rng)
        + gen_h4(rng)
        + gen_h5(rng)
        + gen_h6()
        + gen_h7(rng)
        + gen_h9(rng)
    )
    for i, (text, cat, urg) in enumerate(generated):
        if i % 9 == 2:
            text += rng.choice(SIGNATURES)
        elif i % 9 == 5:
            text += AUTO_REPLY
        elif i % 9 == 7 and len(text) > 40:
            text = run_on(text)
        rows.append((text, cat, urg))
    seen: set[str] = set()
    for text, _, _ in rows:
        if text in seen:
            raise SystemExit("duplicate message in held-out set")
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
