#!/usr/bin/env python3
"""A fresh, varied triage probe (issue 16, session 23): a tune half and a held-out half.

Written in session 23 without reading any held-out set or generator. One seeded generator,
two **disjoint phrase pools**: every pool below is split by position (even entries feed the
tune half, odd entries the held-out half), so no emergency, negative or request phrasing of
one half appears in the other. Wrappers (a routine request before the emergency, a caregiver's
opening, noise) are split the same way. Only the tune half was read while tuning.

Classes: chest pain variants, stroke signs, anaphylaxis, suicidal intent, trouble breathing,
severe bleeding, overdose and poisoning, unresponsive or seizing, pediatric and pregnancy red
flags, sepsis-like pictures, and the same alarm words negated, past or hypothetical (routine),
same-day needs (urgent) and plain requests (category checks). Lay language, third-party
reports, Spanish and Spanglish, dropped letters and missing punctuation.

    python3 scripts/synth/triage_probe.py          # writes both files
    python3 scripts/synth/triage_probe.py --check  # exit 1 if a committed file differs
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    0: ROOT / "evals" / "data" / "tune_triage_probe" / "triage.jsonl",
    1: ROOT / "evals" / "data" / "own_heldout_triage_probe" / "triage.jsonl",
}
PREFIX = {0: "tp-tri-", 1: "hp-tri-"}
SEED = 2026120723
T = TypeVar("T")

# Emergencies, written as sentences. {w} is a third person ("my dad", "mi mamá" for Spanish).
EMERGENCY = [
    "{w} says it feels like someone is standing on his chest and he's grey and sweaty",
    "{w} has a squeezing ache behind the breastbone that spreads up into the jaw",
    "I've got this heavy crushing feeling in my chest and my left arm is numb",
    "My chest is burning and tight and I feel like I'm going to pass out",
    "{w} is clutching her chest and can barely talk",
    "pain in my chest radiating to my back, worst ever, started 20 min ago",
    "{w}'s smile is lopsided and her left hand keeps dropping things since lunch",
    "{w} suddenly can't get his words out and the right side of his face sagged",
    "half my face went numb and my speech sounds drunk but I haven't been drinking",
    "{w} is talking gibberish and can't raise her right arm",
    "I woke up and can't move my left side properly and my mouth feels crooked",
    "{w} just went blind in one eye out of nowhere and his arm is weak",
    "{w} ate something with peanuts and now her lips are huge and she's wheezing",
    "after the shrimp my tongue is swelling up and it's hard to swallow",
    "{w} got stung and his face is puffing up and he says his throat is closing",
    "I took the new antibiotic and now I'm covered in hives and my throat feels tight",
    "{w} is breaking out in welts all over after the cashews and her voice sounds hoarse"
    " and strange",
    "my lips and eyelids are swelling fast after the shot, feels like I can't get air",
    "I have the pills counted out and I'm going to take them all tonight",
    "I don't see any reason to keep going, I wrote goodbye letters to my kids",
    "{w} texted me that she's going to jump off the bridge",
    "I keep thinking about ending it and I bought a rope today",
    "{w} told me he has his rifle out and wants to be dead",
    "i cant do this anymore, tonight is the night, i have everything ready",
    "{w} is gasping for air and her lips are going purple",
    "I can't breathe, my inhaler isn't helping at all and I can't speak more than a few words",
    "{w} is wheezing so hard his ribs are sucking in with every breath",
    "I feel like I'm drowning, can't get any air in, even lying flat is impossible",
    "{w} is breathing really fast and shallow and he's turning blue around the mouth",
    "my chest is heaving and i can only say one word at a time",
    "the cut on {w}'s leg is spurting blood and it won't stop even with pressure",
    "I'm 8 weeks pregnant and bleeding heavily, soaked 3 pads in an hour",
    "{w} is throwing up what looks like coffee grounds and is very pale",
    "I sliced my hand in the kitchen and blood is pouring out through the towel",
    "{w} has a nosebleed for over an hour that won't stop and she's on warfarin and dizzy",
    "since the surgery I'm passing huge clots and blood is running down my legs",
    "{w} swallowed a bunch of my blood pressure pills, we don't know how many",
    "I took double my oxycodone and some xanax and I'm really drowsy, can't keep my eyes open",
    "my toddler drank some of the dishwasher detergent",
    "{w} took like 40 tylenol this afternoon because she was upset",
    "{w} got into the grandma's pill box and ate some of them",
    "I think {w} overdosed, he's snoring weird and we can't wake him up",
    "{w} fell down and now she won't respond when I shake her",
    "{w} is twitching and jerking on the floor and has been for 6 minutes",
    "{w} is limp and not answering us and his eyes are rolled back",
    "my husband is breathing but he won't open his eyes or answer me",
    "{w} had a convulsion and she's still not awake",
    "{w} is having fits one after the other and not waking between them",
    "my 5 week old baby has a temp of 100.8",
    "the baby is 3 weeks old and feels really hot and won't feed",
    "my newborn is floppy and won't wake up to eat",
    "I'm 34 weeks pregnant with a pounding headache and seeing spots",
    "I'm 30 weeks and haven't felt the baby kick at all today",
    "my water broke at 31 weeks and there's a lot of blood",
    "{w} has a fever and a purple rash that doesn't go away when I press a glass on it",
    "{w} has 104 fever, is shaking and confused and hasn't peed all day",
    "I'm on chemo and my temperature is 101.5",
    "{w} is burning up with fever, neck is stiff and the light hurts his eyes",
    "{w} hit his head when he fell, he takes eliquis and now he keeps throwing up",
    "{w} bumped her head and now she's confused and can't remember what happened",
    "mi papá tiene la cara torcida y no puede hablar bien",
    "a mi esposo le duele mucho el pecho y está sudando frío",
    "mi hija no puede respirar y tiene los labios morados",
    "mi mamá se tomó todas sus pastillas, no sé cuántas",
    "mi bebé de 6 semanas tiene fiebre de 38.5",
    "my dad tiene dolor en el pecho que le baja al brazo",
    "mi hijo se cayó y no despierta",
    "estoy sangrando mucho y no para",
    "chst pain real bad cant breth",
    "my sons face is swelling up after the peanut butter and hes having truble breathing",
    "my grandpa is slurring his wrods and his face droops",
    "SOMETHING IS WRONG WITH MY WIFE SHE CANT MOVE HER RIGHT SIDE",
    "{w} keeps saying goodbye to everyone and gave away his dog, he says he won't be here tomorrow",
    "I'm sitting in the garage with the car running and I don't want to stop",
    "{w} cut her wrists and there's blood everywhere",
    "I just want to fall asleep and not wake up, I took extra of my sleeping pills",
    "{w} is wheezing and can't finish a sentence even after 3 puffs of albuterol",
    "my son's lips are blue and he's grunting with every breath",
    "{w} sounds like he's choking and can't cough or talk",
    "I got stung by a wasp and my whole body is itchy and my tongue feels thick",
    "{w} used her epipen 10 minutes ago and she's still struggling",
    "my kid ate a cookie with almonds and he's scratching his throat and coughing nonstop",
    "{w} is super pale, sweating buckets and says his chest feels like it's in a vise",
    "I have an awful pressure in my chest and my heart is racing like crazy, I feel faint",
    "{w} has a pain in the chest like a knife and his left arm went heavy",
    "my jaw and left shoulder have been aching for an hour and I'm nauseous and clammy",
    "{w} can't say her own name right and her eyes look off to one side",
    "all of a sudden {w} couldn't hold his coffee cup and his face looked uneven",
    "i think im having a stroke, my hand wont work and my tongue is heavy",
    "{w}'s speech is garbled and she's dragging her leg",
    "I fell on the ice, hit my head, I'm on xarelto and now I have a terrible headache",
    "{w} took a bad fall down the stairs and isn't making sense",
    "our baby is 6 weeks old and has been breathing fast and won't eat",
    "my 2 month old has a fever of 39 and is very sleepy",
    "I'm 36 weeks, my face and hands swelled up and I have a headache that won't quit",
    "I delivered last week and now I'm soaking a pad every 30 minutes",
    "{w} drank antifreeze from the garage",
    "my 3 year old swallowed a button battery",
    "{w} took a handful of her husband's heart pills",
    "I took way too many of my pain pills and I can't stop throwing up",
    "{w} has vomited blood twice and is lightheaded",
    "my stool is black like tar and I nearly fainted in the bathroom",
    "{w} is burning up, her skin is mottled and she's barely responding",
    "I just had chemo last week and now I'm shivering with 38.6",
    "{w} is in so much pain in his belly he's curled up and his belly is hard as a board",
    "worst headache I've ever had, came on like a thunderclap",
    "bố tôi đau ngực dữ dội và khó thở",
    "hindi makahinga ang nanay ko",
    "papa mwen pa ka respire",
    "у мамы сильная боль в груди",
    "mi abuelo se desmayó y no responde",
    "mi hijo se tomó un frasco de pastillas",
    "me quiero matar esta noche, ya tengo las pastillas",
    "estoy embarazada de 32 semanas y el bebé no se mueve desde ayer",
    "my husband cnt brethe good and his lips r gray",
    "my mom cnat talk right and her face is droopy",
    "pls help my son took all my pills",
]

# Same-day needs, not emergencies (urgent).
URGENT = [
    "I've had a fever of 101 and burning when I pee for two days",
    "{w}'s ankle is really swollen and purple after he twisted it, he can't put weight on it",
    "I'm out of my insulin since yesterday and the pharmacy can't fill it until Monday",
    "{w} has a red, hot, spreading rash on her leg with a fever",
    "I've been vomiting since last night and can't keep any water down",
    "my incision is red and leaking pus",
    "I cut my finger deep on a can, bleeding stopped but it's gaping open",
    "{w} has had diarrhea for three days and is getting dizzy when she stands",
    "my blood sugar has been over 320 all day",
    "I'm out of my seizure medicine and my next dose is tonight",
    "{w} has a painful swollen calf after the long flight",
    "I have bad ear pain and a fever of 102",
    "{w} has had a fever of 102 for three days and a bad cough",
    "I think I have a kidney stone, the pain comes and goes and I threw up once",
    "my stitches came apart and the wound is open",
    "{w} has been dizzy since this morning when she stands up",
    "I have pink eye and now my eye really hurts and light bothers it",
    "{w}'s foley catheter isn't draining since this morning",
]

# Alarm words that are negated, past or hypothetical (routine).
NOT_NOW = [
    ("No chest pain or trouble breathing, just a bit of a cough", "symptom_escalation"),
    (
        "{w} had a stroke three years ago and is doing well, can we book his annual physical",
        "appointment_scheduling",
    ),
    ("What are the warning signs of a heart attack I should look out for?", "other"),
    ("I had an allergic reaction to penicillin as a kid, please note it in my chart", "other"),
    (
        "{w} used to have seizures but hasn't had one in five years,"
        " she needs a letter for the DMV",
        "other",
    ),
    ("If my throat ever swells again should I use the EpiPen first?", "other"),
    ("I'm not suicidal or anything, but can we talk about switching my anxiety med?", "other"),
    ("The bleeding from my tooth extraction stopped yesterday, all good now, thanks", "other"),
    (
        "No fever, no rash, the baby is eating well, just want to book the 2 month visit",
        "appointment_scheduling",
    ),
    ("Years ago I overdosed and I'm in recovery now, I'd like the number of a counselor", "other"),
    (
        "My chest pain last month turned out to be heartburn, can I schedule a follow-up?",
        "appointment_scheduling",
    ),
    (
        "{w} has had no numbness or trouble talking since March, can we cancel the neuro visit?",
        "appointment_scheduling",
    ),
    ("My mom is fine now after her fall last week, can you send her a walker order?", "other"),
    ("The chest X-ray from my physical came back, can someone explain it?", "other"),
    ("Signs of stroke poster in the lobby has a typo, just fyi", "other"),
    ("I do not have chest pain, my heart monitor just beeped, how do I reset it?", "other"),
    ("My son's seizure plan form needs a doctor signature for school", "other"),
    ("No bleeding since the biopsy, can I go back to the gym?", "other"),
]

# Routine requests (category checks); no symptom.
REQUESTS = [
    ("Can you send a refill of my atorvastatin to the CVS on Main?", "refill_request"),
    ("I need to move my Thursday appointment to next week", "appointment_scheduling"),
    ("Why was I charged $85 for a visit my insurance should cover?", "billing_question"),
    ("Could you renew {w}'s levothyroxine prescription, she has a week left", "refill_request"),
    ("Can I get an appointment for a physical sometime in March?", "appointment_scheduling"),
    ("I got a bill from the lab and don't understand the charges", "billing_question"),
    ("Please fax my vaccination records to my new employer", "other"),
    ("Does Dr. Okafor accept new patients?", "other"),
    ("necesito una cita para mi hijo la semana que viene", "appointment_scheduling"),
    ("Can I pay my balance with a payment plan?", "billing_question"),
]

OPENERS = [
    "Hi, ",
    "Hello, this is about {w}. ",
    "Good morning. ",
    "Writing for {w}. ",
    "",
    "Hey there - ",
]
BEFORE = [
    "Can you refill my metformin? ",
    "I need to reschedule my dentist referral. ",
    "Quick question about my copay. ",
    "Please send my lab results to Dr. Nguyen. ",
    "Is the clinic open Saturday? ",
    "I'm asking about a billing statement. ",
]
WHO_HE = ["my dad", "my husband", "my son", "my grandpa", "my father", "my brother"]
WHO_SHE = ["my mom", "my wife", "my daughter", "my grandmother", "my sister", "my aunt"]


def _half(pool: list[T], half: int) -> list[T]:
    return pool[half::2]


def _noise(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.15:
        return text.lower().replace(",", "").replace(".", "").replace("'", "")
    if roll < 0.25:
        words = text.split()
        i = rng.randrange(len(words))
        if len(words[i]) > 4:
            j = rng.randrange(1, len(words[i]) - 1)
            words[i] = words[i][:j] + words[i][j + 1 :]
        return " ".join(words)
    return text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def rows(half: int, seed: int = SEED) -> list[dict[str, object]]:
    """The messages of one half (0: tune, 1: held-out), labelled."""
    rng = random.Random(seed + half)
    he, she = _half(WHO_HE, half), _half(WHO_SHE, half)
    openers, before = _half(OPENERS, half), _half(BEFORE, half)
    out: list[tuple[str, str, str]] = []

    def fill(t: str) -> str:
        female = any(w in t.split() for w in ("she", "her", "she's", "herself"))
        return t.replace("{w}", rng.choice(she if female else he))

    for sentence in _half(EMERGENCY, half):
        s = fill(sentence)
        out.append((_noise(rng, _cap(s)), "symptom_escalation", "emergency"))
        if rng.random() < 0.6:
            framed = fill(rng.choice(openers)) + rng.choice(before) + _cap(s) + "."
            out.append((_noise(rng, framed), "symptom_escalation", "emergency"))
    for sentence in _half(URGENT, half):
        category = "refill_request" if "out of my" in sentence else "symptom_escalation"
        out.append((_noise(rng, _cap(fill(sentence))), category, "urgent"))
    for sentence, category in _half(NOT_NOW, half):
        out.append((_cap(fill(sentence)), category, "routine"))
    for text, category in _half(REQUESTS, half):
        out.append((_noise(rng, fill(text)), category, "routine"))
    rng.shuffle(out)
    return [
        {
            "id": f"{PREFIX[half]}{i:04d}",
            "input": {"message": m},
            "expected": {"category": c, "urgency": u},
        }
        for i, (m, c, u) in enumerate(out, 1)
    ]


def render(half: int) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows(half))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    status = 0
    for half, path in OUT.items():
        text = render(half)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path} differs: run without --check")
                status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if check and status == 0:
        print("ok")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
