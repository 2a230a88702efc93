"""Own held-out half of the notes2 set: seeded, standard library, separate pools.

Written before any tuning on notes2 and not read while tuning (see ``notes2_tune.py`` for the
tuning half, which has its own pools and templates). Produces clinical notes in several styles
(templated EHR export, dictation, dense abbreviations, OCR noise, SOAP, narrative, discharge
summary) with gold in FORMAT.md's ``note_summary`` shape.

    python3 scripts/synth/heldout_notes2.py --out evals/data/own_heldout_notes2 --n 60
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SEED = 91_733

# ---------------------------------------------------------------- pools (held-out only)

#: (gold codes with text, ways a note names it)
PROBLEMS: list[tuple[list[tuple[str, str]], list[str]]] = [
    ([("I10", "essential hypertension")], ["essential hypertension", "primary hypertension"]),
    (
        [("E11.9", "type 2 diabetes mellitus without complications")],
        [
            "type 2 diabetes mellitus without complications",
            "non-insulin-dependent diabetes, no complications",
        ],
    ),
    ([("E03.9", "hypothyroidism, unspecified")], ["hypothyroidism", "primary hypothyroidism"]),
    (
        [("K21.9", "gastro-esophageal reflux disease without esophagitis")],
        [
            "gastroesophageal reflux disease without esophagitis",
            "reflux disease (GERD), no esophagitis",
        ],
    ),
    ([("J45.909", "unspecified asthma, uncomplicated")], ["asthma, uncomplicated", "asthma"]),
    (
        [("N39.0", "urinary tract infection, site not specified")],
        ["urinary tract infection", "acute UTI"],
    ),
    (
        [("J18.9", "pneumonia, unspecified organism")],
        ["pneumonia, organism unspecified", "community acquired pneumonia"],
    ),
    ([("I48.91", "unspecified atrial fibrillation")], ["atrial fibrillation", "AF"]),
    ([("M10.9", "gout, unspecified")], ["gout", "gouty arthritis"]),
    ([("G47.33", "obstructive sleep apnea")], ["obstructive sleep apnea", "OSA"]),
    ([("E55.9", "vitamin D deficiency, unspecified")], ["vitamin D deficiency", "low vitamin D"]),
    (
        [("D50.9", "iron deficiency anemia, unspecified")],
        ["iron deficiency anemia", "iron-deficiency anaemia"],
    ),
    ([("F41.1", "generalized anxiety disorder")], ["generalized anxiety disorder", "GAD"]),
    (
        [("M17.11", "unilateral primary osteoarthritis, right knee")],
        ["primary osteoarthritis of the right knee", "right knee OA"],
    ),
    ([("J02.9", "acute pharyngitis, unspecified")], ["acute pharyngitis", "pharyngitis"]),
    (
        [("E87.1", "hypo-osmolality and hyponatremia")],
        ["hyponatremia", "low sodium (hyponatremia)"],
    ),
    ([("N17.9", "acute kidney failure, unspecified")], ["acute kidney injury", "AKI"]),
    (
        [
            ("I12.9", "hypertensive chronic kidney disease with stage 1-4 CKD"),
            ("N18.30", "chronic kidney disease, stage 3 unspecified"),
        ],
        ["hypertension with chronic kidney disease stage 3", "HTN and CKD stage 3"],
    ),
    (
        [("E11.42", "type 2 diabetes mellitus with diabetic polyneuropathy")],
        [
            "type 2 diabetes with diabetic polyneuropathy",
            "diabetic peripheral polyneuropathy due to type 2 diabetes",
        ],
    ),
    (
        [("G43.909", "migraine, unspecified, not intractable, without status migrainosus")],
        ["migraine", "migraine headache"],
    ),
    (
        [("L03.115", "cellulitis of right lower limb")],
        ["cellulitis of the right lower leg", "right lower extremity cellulitis"],
    ),
    ([("E66.9", "obesity, unspecified")], ["obesity", "obesity, unspecified"]),
]

#: Mentioned as history only (never addressed): not in gold.
HISTORY = [
    "appendectomy",
    "remote tonsillectomy",
    "childhood asthma, resolved",
    "kidney stone in 2015",
    "cholecystectomy",
    "prior C-section",
    "fractured wrist as a teenager",
]

#: Conditions the note denies or rules out (gold ``negated``).
NEGATED = [
    "fever",
    "chest pain",
    "syncope",
    "hematuria",
    "melena",
    "weight loss",
    "night sweats",
    "palpitations",
    "vomiting",
    "leg swelling",
    "hemoptysis",
    "dysuria",
    "rash",
    "pulmonary embolism",
    "deep vein thrombosis",
    "stroke",
]

#: Uncertain conditions: in neither list.
UNCERTAIN = [
    "sleep apnea",
    "early dementia",
    "sarcoidosis",
    "fibromyalgia",
    "celiac disease",
    "peripheral artery disease",
]

#: Family history: in neither list.
FAMILY = ["colon cancer", "breast cancer", "coronary artery disease", "type 1 diabetes"]

#: (generic, how the note writes it, dose, new dose for a change)
DRUGS = [
    ("amlodipine", "Norvasc", "5 mg", "10 mg"),
    ("levothyroxine", "Synthroid", "50 mcg", "75 mcg"),
    ("furosemide", "Lasix", "20 mg", "40 mg"),
    ("apixaban", "Eliquis", "5 mg", "2.5 mg"),
    ("sertraline", "Zoloft", "50 mg", "100 mg"),
    ("omeprazole", "omeprazole", "20 mg", "40 mg"),
    ("allopurinol", "allopurinol", "100 mg", "300 mg"),
    ("nitrofurantoin", "nitrofurantoin", "100 mg", "100 mg"),
    ("montelukast", "Singulair", "10 mg", "10 mg"),
    ("losartan", "losartan", "50 mg", "100 mg"),
    ("glipizide", "glipizide", "5 mg", "10 mg"),
    ("pregabalin", "Lyrica", "75 mg", "150 mg"),
    ("ergocalciferol", "ergocalciferol", "50000 units", "50000 units"),
    ("ferrous sulfate", "ferrous sulfate", "325 mg", "325 mg"),
    ("naproxen", "naproxen", "500 mg", "250 mg"),
    ("cefuroxime", "cefuroxime", "500 mg", "500 mg"),
]

#: (gold what, gold when, how the note says it)
FOLLOW_UP = [
    (
        "thyroid function tests",
        "6 weeks",
        ["TSH and free T4 in 6 weeks", "thyroid function tests in six weeks"],
    ),
    ("basic metabolic panel", "1 week", ["BMP in 1 week", "basic metabolic panel next week"]),
    ("echocardiogram", None, ["order transthoracic echocardiogram", "schedule an echo"]),
    ("nephrology referral", None, ["refer to nephrology", "nephrology consult placed"]),
    ("sleep study", None, ["arrange polysomnography (sleep study)", "order sleep study"]),
    ("return visit", "4 weeks", ["return to clinic in 4 weeks", "RTC 4 wks"]),
    ("podiatry referral", None, ["referral to podiatry", "podiatry to see"]),
    ("repeat chest x-ray", "6 weeks", ["repeat chest x-ray in 6 weeks", "CXR again in six weeks"]),
    ("urine culture results", "48 hours", ["we will call with urine culture results in 48 hours"]),
    ("physical therapy", None, ["referral to physical therapy", "start PT"]),
]

#: (gold phrase, how the labs/vitals line says it)
RED_FLAGS = [
    ("potassium 6.8", ["Potassium 6.8 mmol/L", "K+ 6.8"]),
    ("sodium 117", ["Sodium 117 mmol/L", "Na 117"]),
    ("glucose 38", ["Glucose 38 mg/dL", "fingerstick glucose 38"]),
    ("hemoglobin 6.1", ["Hemoglobin 6.1 g/dL", "Hgb 6.1"]),
    ("oxygen saturation 83%", ["O2 sat 83% on room air", "SpO2 83% RA"]),
    ("blood pressure 204/126", ["BP 204/126", "blood pressure 204/126"]),
    ("suicidal ideation with a plan", ["endorses suicidal ideation with a plan"]),
]

NORMAL_LABS = ["Na 139", "K 4.2", "creatinine 0.9", "Hgb 13.4", "glucose 104", "TSH 2.1", "WBC 7.8"]

NAMES = [
    "Okafor, Delia",
    "Marchetti, Paolo",
    "Nguyen, Hanh",
    "Lindqvist, Ebba",
    "Abara, Tunde",
    "Keller, Morgan",
    "Dube, Sipho",
    "Ferreira, Luana",
]


# ---------------------------------------------------------------- rendering


def _action_text(
    rng: random.Random, style: str, action: str, shown: str, dose: str, new: str
) -> str:
    dense = style in ("dense", "ocr")
    if action == "started":
        return rng.choice(
            [
                f"start {shown} {dose} daily",
                f"begin {shown} {dose}",
                f"initiate {shown} {dose} once daily",
            ]
            if not dense
            else [f"start {shown} {dose} qd", f"new rx {shown} {dose}"]
        )
    if action == "stopped":
        return rng.choice(
            [f"discontinue {shown}", f"stop {shown}", f"{shown} stopped"]
            if not dense
            else [f"d/c {shown}", f"stop {shown}"]
        )
    if action == "dose_changed":
        return rng.choice(
            [f"increase {shown} from {dose} to {new}", f"titrate {shown} up to {new}"]
            if not dense
            else [f"incr {shown} {dose} -> {new}", f"{shown} up to {new}"]
        )
    return rng.choice(
        [f"continue {shown} {dose}", f"{shown} {dose}, continue unchanged"]
        if not dense
        else [f"c/w {shown} {dose}", f"cont {shown} {dose}"]
    )


def _ocr(rng: random.Random, text: str, protect: set[str]) -> str:
    swaps = {"l": "1", "o": "0", "m": "rn", "e": "c", "S": "5", "i": "l"}
    out = []
    for word in text.split(" "):
        if word.strip(".,:;()").lower() in protect or rng.random() > 0.12:
            out.append(word)
            continue
        chars = list(word)
        spots = [i for i, ch in enumerate(chars) if ch in swaps]
        if spots:
            i = rng.choice(spots)
            chars[i] = swaps[chars[i]]
        out.append("".join(chars))
    return " ".join(out)


def make_case(rng: random.Random, index: int) -> dict[str, object]:
    style = rng.choice(["ehr", "dictation", "dense", "ocr", "soap", "narrative", "discharge"])
    problems = rng.sample(PROBLEMS, rng.randint(1, 3))
    meds = rng.sample(DRUGS, rng.randint(1, 3))
    actions = [rng.choice(["started", "stopped", "dose_changed", "continued"]) for _ in meds]
    follow = rng.sample(FOLLOW_UP, rng.randint(1, 3))
    negated = rng.sample(NEGATED, rng.randint(1, 4))
    flag = rng.choice(RED_FLAGS) if rng.random() < 0.35 else None
    history = rng.sample(HISTORY, rng.randint(0, 2))
    uncertain = rng.choice(UNCERTAIN) if rng.random() < 0.4 else None
    family = rng.choice(FAMILY) if rng.random() < 0.4 else None
    name = rng.choice(NAMES)
    age = rng.randint(24, 88)
    said = [rng.choice(p[1]) for p in problems]
    med_lines = []
    for (generic, brand, dose, new), action in zip(meds, actions, strict=True):
        shown = brand if rng.random() < 0.5 else generic
        if action == "dose_changed" and new == dose:
            action = "continued"
        med_lines.append((generic, shown, dose, new, action))
    plan = [_action_text(rng, style, a, shown, dose, new) for _, shown, dose, new, a in med_lines]
    plan += [rng.choice(f[2]) for f in follow]
    labs = rng.sample(NORMAL_LABS, 3)
    if flag is not None and not flag[0].startswith("suicidal"):
        labs.append(rng.choice(flag[1]))
    deny = (
        f"Denies {', '.join(negated[:-1])} or {negated[-1]}."
        if len(negated) > 1
        else f"No {negated[0]}."
    )
    extra = []
    if uncertain:
        extra.append(
            rng.choice(
                [
                    f"Possible {uncertain}; will reassess.",
                    f"{uncertain.capitalize()} cannot be excluded.",
                ]
            )
        )
    if family:
        extra.append(f"Family history of {family} (mother).")
    if flag is not None and flag[0].startswith("suicidal"):
        extra.append(f"Patient {flag[1][0]}.")
    hist = ", ".join(history) if history else "none significant"
    meds_before = ", ".join(f"{s} {d}" for _, s, d, _, a in med_lines if a != "started") or "none"
    if style in ("ehr", "ocr"):
        text = (
            f"ENCOUNTER SUMMARY  |  {name}  |  {age} yrs\nVisit type: Office visit\n\n"
            f"PAST MEDICAL HISTORY: {hist}\nMEDICATIONS PRIOR TO VISIT: {meds_before}\n"
            f"REVIEW OF SYSTEMS: {deny}\nRESULTS: {', '.join(labs)}\n{' '.join(extra)}\n\n"
            "ENCOUNTER DIAGNOSES:\n"
            + "\n".join(f"  {i}. {s}" for i, s in enumerate(said, 1))
            + "\n\nPLAN / ORDERS THIS ENCOUNTER:\n"
            + "\n".join(f"  - {p}" for p in plan)
            + "\n"
        )
    elif style == "dictation":
        nums = ["one", "two", "three"]
        text = (
            f"This is a dictated note for {name}, a {age}-year-old seen today in clinic. "
            f"Past history includes {hist}. Current medications are {meds_before}. "
            f"{deny} {' '.join(extra)} Labs today show {', '.join(labs)}.\n"
            "ASSESSMENT AND PLAN: "
            + " ".join(f"Number {nums[i]}, {s}." for i, s in enumerate(said))
            + " "
            + " ".join(p[0].upper() + p[1:] + "." for p in plan)
            + "\nEnd of dictation.\n"
        )
    elif style == "dense":
        text = (
            f"{age}yo pt f/u. PMH: {hist}. Meds: {meds_before}.\nROS: {deny} {' '.join(extra)}\n"
            f"Labs: {'; '.join(labs)}\nA/P:\n"
            + "\n".join(f"#{s}" for s in said)
            + "\n"
            + "\n".join(f"- {p}" for p in plan)
            + "\n"
        )
    elif style == "soap":
        text = (
            f"S: {age} y/o here for follow-up. {deny} {' '.join(extra)} PMH {hist}.\n"
            f"O: {', '.join(labs)}.\nA: {'; '.join(said)}.\nP: " + "; ".join(plan) + ".\n"
        )
    elif style == "narrative":
        text = (
            f"Clinic note\n{name} is a {age}-year-old with a history of {hist}, on {meds_before}. "
            f"{deny} {' '.join(extra)} Recent labs: {', '.join(labs)}.\n\n"
            f"Impression: {'; '.join(said)}.\n\nPlan: "
            + ". ".join(p[0].upper() + p[1:] for p in plan)
            + ".\n"
        )
    else:
        text = (
            f"DISCHARGE SUMMARY\nPatient: {name}, {age}\n\nDischarge diagnoses:\n"
            + "\n".join(f"- {s}" for s in said)
            + f"\n\nHospital course: Past history of {hist}. {deny} {' '.join(extra)} "
            f"Labs on admission: {', '.join(labs)}.\n\nDischarge medications and instructions:\n"
            + "\n".join(f"- {p}" for p in plan)
            + "\n"
        )
    if style == "ocr":
        protect = {w.lower() for s in said for w in s.split()}
        protect |= {w.lower() for _, s, *_ in med_lines for w in s.split()}
        protect |= {w.lower().strip(".,") for f in follow for ph in f[2] for w in ph.split()}
        protect |= {w.lower().strip(".,") for n in negated for w in n.split()}
        protect |= {w.lower().strip(".,") for ph in (flag[1] if flag else []) for w in ph.split()}
        text = "\n".join(_ocr(rng, line, protect) for line in text.split("\n"))
    expected = {
        "problems": [{"code": c, "text": t} for p in problems for c, t in p[0]],
        "medication_changes": [
            {
                "name": g,
                "action": a,
                "dose": (n if a == "dose_changed" else (None if a == "stopped" else d)),
            }
            for g, _, d, n, a in med_lines
        ],
        "follow_up": [{"what": f[0], "when": f[1]} for f in follow],
        "red_flags": [flag[0]] if flag else [],
        "negated": negated,
    }
    return {
        "id": f"notes2-h-{index:03d}",
        "input": {"text": text},
        "expected": expected,
        "tags": [style, "notes2", "own-heldout"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args()
    rng = random.Random(SEED)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "note_summary.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(1, args.n + 1):
            fh.write(json.dumps(make_case(rng, i), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
