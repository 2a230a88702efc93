"""Tuning half of the notes2 set: seeded, standard library, its own pools and templates.

The held-out half (``heldout_notes2.py``) was written first, with separate pools and
templates, and is not read while tuning. Notes in several styles (templated EHR export,
dictation, dense abbreviations, OCR noise, SOAP, narrative, discharge summary) with gold in
FORMAT.md's ``note_summary`` shape.

    python3 scripts/synth/notes2_tune.py --out evals/data/tune_notes2 --n 60
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SEED = 20_261_207

#: (gold codes with text, ways a note names it)
PROBLEMS: list[tuple[list[tuple[str, str]], list[str]]] = [
    ([("I10", "essential hypertension")], ["HTN", "hypertension, above goal"]),
    (
        [("E11.65", "type 2 diabetes mellitus with hyperglycemia")],
        ["T2DM with hyperglycemia", "type 2 diabetes, uncontrolled with hyperglycemia"],
    ),
    ([("E78.5", "hyperlipidemia, unspecified")], ["hyperlipidemia", "HLD"]),
    (
        [("J44.1", "chronic obstructive pulmonary disease with (acute) exacerbation")],
        ["COPD exacerbation", "acute exacerbation of COPD"],
    ),
    (
        [("J06.9", "acute upper respiratory infection, unspecified")],
        ["acute upper respiratory infection", "viral URI"],
    ),
    ([("M54.50", "low back pain, unspecified")], ["low back pain", "LBP"]),
    (
        [("E78.00", "pure hypercholesterolemia, unspecified")],
        ["hypercholesterolemia", "pure hypercholesterolemia"],
    ),
    (
        [
            (
                "I25.10",
                "atherosclerotic heart disease of native coronary artery without angina pectoris",
            )
        ],
        ["coronary artery disease without angina", "CAD, no angina"],
    ),
    ([("K59.00", "constipation, unspecified")], ["constipation", "constipation, unspecified"]),
    ([("E87.5", "hyperkalemia")], ["hyperkalemia", "high potassium"]),
    ([("D64.9", "anemia, unspecified")], ["anemia", "anemia, unspecified"]),
    ([("F32.A", "depression, unspecified")], ["depression", "depression, unspecified"]),
    (
        [("N18.4", "chronic kidney disease, stage 4 (severe)")],
        ["CKD stage 4", "chronic kidney disease stage 4"],
    ),
    (
        [
            ("E11.22", "type 2 diabetes mellitus with diabetic chronic kidney disease"),
            ("N18.32", "chronic kidney disease, stage 3b"),
        ],
        ["T2DM with diabetic CKD stage 3b", "diabetic kidney disease (type 2 DM), CKD 3b"],
    ),
    (
        [
            ("I11.0", "hypertensive heart disease with heart failure"),
            ("I50.22", "chronic systolic (congestive) heart failure"),
        ],
        [
            "hypertensive heart disease with chronic systolic heart failure",
            "HTN with chronic HFrEF",
        ],
    ),
    ([("R73.03", "prediabetes")], ["prediabetes", "pre-diabetes"]),
    ([("M25.561", "pain in right knee")], ["right knee pain", "pain in right knee"]),
    ([("H10.9", "unspecified conjunctivitis")], ["conjunctivitis", "conjunctivitis, unspecified"]),
    ([("L40.0", "psoriasis vulgaris")], ["plaque psoriasis", "psoriasis vulgaris"]),
    ([("B35.1", "tinea unguium")], ["onychomycosis", "tinea unguium"]),
    (
        [("A09", "infectious gastroenteritis and colitis, unspecified")],
        ["infectious gastroenteritis", "gastroenteritis, infectious"],
    ),
    (
        [("F17.210", "nicotine dependence, cigarettes, uncomplicated")],
        ["nicotine dependence, cigarettes", "tobacco dependence (cigarettes)"],
    ),
]

HISTORY = [
    "hernia repair",
    "tubal ligation",
    "ACL reconstruction",
    "remote hepatitis A",
    "s/p hysterectomy",
    "prior shingles",
    "TURP 2019",
]

NEGATED = [
    "shortness of breath",
    "abdominal pain",
    "headache",
    "diarrhea",
    "chills",
    "cough",
    "dizziness",
    "orthopnea",
    "blurred vision",
    "numbness",
    "joint swelling",
    "nausea",
    "myocardial infarction",
    "sepsis",
    "appendicitis",
    "bowel obstruction",
]

UNCERTAIN = [
    "hypothyroidism",
    "gout",
    "asthma",
    "anemia of chronic disease",
    "early cirrhosis",
    "polymyalgia rheumatica",
]

FAMILY = ["ovarian cancer", "stroke", "prostate cancer", "lupus"]

DRUGS = [
    ("metformin", "Glucophage", "500 mg", "1000 mg"),
    ("lisinopril", "lisinopril", "10 mg", "20 mg"),
    ("atorvastatin", "Lipitor", "20 mg", "40 mg"),
    ("metoprolol succinate", "Toprol XL", "25 mg", "50 mg"),
    ("hydrochlorothiazide", "HCTZ", "12.5 mg", "25 mg"),
    ("prednisone", "prednisone", "40 mg", "20 mg"),
    ("tiotropium", "Spiriva", "18 mcg", "18 mcg"),
    ("fluoxetine", "Prozac", "20 mg", "40 mg"),
    ("gabapentin", "Neurontin", "300 mg", "600 mg"),
    ("polyethylene glycol 3350", "Miralax", "17 g", "17 g"),
    ("spironolactone", "spironolactone", "25 mg", "50 mg"),
    ("empagliflozin", "Jardiance", "10 mg", "25 mg"),
    ("cyclobenzaprine", "Flexeril", "5 mg", "10 mg"),
    ("varenicline", "Chantix", "0.5 mg", "1 mg"),
    ("terbinafine", "Lamisil", "250 mg", "250 mg"),
    ("pantoprazole", "Protonix", "40 mg", "40 mg"),
]

#: (gold when, [(how the note says it, the gold ``what`` an annotator writes for it)])
FOLLOW_UP: list[tuple[str | None, list[tuple[str, str]]]] = [
    ("3 months", [("repeat HbA1c in 3 months", "repeat HbA1c"), ("A1c in 3 mo", "A1c")]),
    (
        "8 weeks",
        [("lipid panel in 8 weeks", "lipid panel"), ("fasting lipids 8 wks", "fasting lipids")],
    ),
    (
        None,
        [
            ("refer to cardiology", "cardiology referral"),
            ("cardiology referral placed", "cardiology referral"),
        ],
    ),
    (None, [("order spirometry", "spirometry"), ("PFTs / spirometry", "spirometry")]),
    ("2 weeks", [("follow up in 2 weeks", "follow up visit"), ("f/u 2 wks", "f/u visit")]),
    (None, [("dermatology referral", "dermatology referral"), ("refer to derm", "derm referral")]),
    (
        "1 week",
        [
            ("renal function panel in 1 week", "renal function panel"),
            ("recheck BMP 1 wk", "recheck BMP"),
        ],
    ),
    (None, [("schedule colonoscopy", "colonoscopy"), ("GI for colonoscopy", "colonoscopy")]),
    (
        "3 days",
        [
            ("recheck potassium in 3 days", "recheck potassium"),
            ("repeat K in 72 hours", "repeat K"),
        ],
    ),
    (
        None,
        [
            ("smoking cessation counseling", "smoking cessation counseling"),
            ("quitline referral", "quitline referral"),
        ],
    ),
]

#: (how the labs/vitals line says it, the gold red flag)
RED_FLAGS: list[list[tuple[str, str]]] = [
    [("K 7.1 (critical)", "K 7.1"), ("potassium 7.1 mmol/L", "potassium 7.1")],
    [("Na 119", "Na 119"), ("sodium of 119", "sodium 119")],
    [("glucose 512 mg/dL", "glucose 512"), ("BG 512", "BG 512")],
    [("Hgb 5.9 g/dL", "Hgb 5.9"), ("hemoglobin 5.9", "hemoglobin 5.9")],
    [("SpO2 85% on RA", "SpO2 85%"), ("sat 85%", "sat 85%")],
    [("BP 212/128", "BP 212/128"), ("blood pressure 212/128", "blood pressure 212/128")],
    [("HR 162", "HR 162"), ("heart rate 162", "heart rate 162")],
]

NORMAL_LABS = ["Na 141", "K 3.9", "Cr 1.0", "Hgb 12.9", "BG 118", "A1c 6.1%", "WBC 6.4", "LDL 96"]

NAMES = [
    "Pruitt, Alma",
    "Haddad, Rami",
    "Soto, Ivelisse",
    "Brandt, Jonas",
    "Mensah, Efua",
    "Castillo, Ray",
    "Kowalczyk, Ada",
    "Yoon, Min-ji",
]


def _action_text(
    rng: random.Random, style: str, action: str, shown: str, dose: str, new: str
) -> str:
    dense = style in ("dense", "ocr")
    if action == "started":
        return rng.choice(
            [f"Start {shown} {dose} daily", f"New: {shown} {dose}", f"We will start {shown} {dose}"]
            if not dense
            else [f"start {shown} {dose}", f"add {shown} {dose}"]
        )
    if action == "stopped":
        return rng.choice(
            [f"Discontinue {shown}", f"Hold {shown}", f"{shown} - discontinued"]
            if not dense
            else [f"dc {shown}", f"d/c'd {shown}"]
        )
    if action == "dose_changed":
        return rng.choice(
            [f"Increase {shown} to {new}", f"Change {shown} from {dose} to {new}"]
            if not dense
            else [f"{shown} {dose}->{new}", f"incr {shown} to {new}"]
        )
    return rng.choice(
        [f"Continue {shown} {dose}", f"Remain on {shown} {dose}"]
        if not dense
        else [f"cont {shown} {dose}", f"c/w {shown}"]
    )


def _ocr(rng: random.Random, text: str, protect: set[str]) -> str:
    swaps = {"a": "o", "n": "ri", "t": "l", "h": "b", "I": "l", "O": "0"}
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
    age = rng.randint(22, 91)
    said = [rng.choice(p[1]) for p in problems]
    med_lines = []
    for (generic, brand, dose, new), action in zip(meds, actions, strict=True):
        shown = brand if rng.random() < 0.5 else generic
        if action == "dose_changed" and new == dose:
            action = "continued"
        med_lines.append((generic, shown, dose, new, action))
    plan = [_action_text(rng, style, a, shown, dose, new) for _, shown, dose, new, a in med_lines]
    follow_said = [(when, rng.choice(ways)) for when, ways in follow]
    plan += [said_as for _, (said_as, _) in follow_said]
    labs = rng.sample(NORMAL_LABS, 3)
    flag_said = rng.choice(flag) if flag is not None else None
    if flag_said is not None:
        labs.append(flag_said[0])
    neg = rng.choice(["Negative for", "Pt denies", "No"])
    deny = f"{neg} {', '.join(negated)}."
    extra = []
    if uncertain:
        extra.append(
            rng.choice(
                [
                    f"Question of {uncertain}, to be evaluated.",
                    f"Rule out {uncertain}.",
                    f"Suspect {uncertain}.",
                ]
            )
        )
    if family:
        extra.append(f"FHx: {family} in father.")
    hist = ", ".join(history) if history else "noncontributory"
    meds_before = ", ".join(f"{s} {d}" for _, s, d, _, a in med_lines if a != "started") or "none"
    if style in ("ehr", "ocr"):
        text = (
            f"Patient: {name}    Age: {age}\nDepartment: Internal Medicine\n"
            f"History: {hist}\nHome medications: {meds_before}\nROS: {deny} {' '.join(extra)}\n"
            f"Lab results: {', '.join(labs)}\n\nDiagnoses addressed this visit:\n"
            + "\n".join(f"{i}) {s}" for i, s in enumerate(said, 1))
            + "\n\nOrders and instructions:\n"
            + "\n".join(f"* {p}" for p in plan)
            + "\n"
        )
    elif style == "dictation":
        nums = ["first", "second", "third"]
        text = (
            f"Dictation begins. Seen today is {name}, age {age}. Prior history: {hist}. "
            f"Takes {meds_before}. {deny} {' '.join(extra)} Labs: {', '.join(labs)}. "
            "My impression is as follows. "
            + " ".join(f"The {nums[i]} problem is {s}." for i, s in enumerate(said))
            + " Plan: "
            + " ".join(p[0].upper() + p[1:] + "." for p in plan)
            + " Dictation ends.\n"
        )
    elif style == "dense":
        text = (
            f"{age}F here for f/u. hx {hist}. meds {meds_before}.\nROS {deny} {' '.join(extra)}\n"
            f"labs {', '.join(labs)}\nImp/Plan:\n"
            + "\n".join(f"{i}. {s}" for i, s in enumerate(said, 1))
            + "\n"
            + "\n".join(f"  -{p}" for p in plan)
            + "\n"
        )
    elif style == "soap":
        text = (
            f"SUBJECTIVE: {age} yo for visit. {deny} {' '.join(extra)} History: {hist}.\n"
            f"OBJECTIVE: {', '.join(labs)}.\nASSESSMENT: {'; '.join(said)}.\n"
            f"PLAN: " + "; ".join(plan) + ".\n"
        )
    elif style == "narrative":
        text = (
            f"Progress note\n{name}, {age}, history of {hist}, currently taking {meds_before}. "
            f"{deny} {' '.join(extra)} Labs reviewed: {', '.join(labs)}.\n\n"
            f"Assessment: {'; '.join(said)}.\n\nPlan: " + ". ".join(plan) + ".\n"
        )
    else:
        text = (
            f"HOSPITAL DISCHARGE SUMMARY\n{name}, age {age}\n\nPrincipal and secondary diagnoses:\n"
            + "\n".join(f"{i}. {s}" for i, s in enumerate(said, 1))
            + f"\n\nBrief hospital course: History of {hist}. {deny} {' '.join(extra)} "
            f"Admission labs: {', '.join(labs)}.\n\nDischarge plan:\n"
            + "\n".join(f"- {p}" for p in plan)
            + "\n"
        )
    if style == "ocr":
        protect = {w.lower() for s in said for w in s.split()}
        protect |= {w.lower() for _, s, *_ in med_lines for w in s.split()}
        protect |= {w.lower().strip(".,") for _, (ph, _) in follow_said for w in ph.split()}
        protect |= {w.lower().strip(".,") for n in negated for w in n.split()}
        protect |= {w.lower().strip(".,") for w in (flag_said[0] if flag_said else "").split()}
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
        "follow_up": [{"what": what, "when": when} for when, (_, what) in follow_said],
        "red_flags": [flag_said[1]] if flag_said else [],
        "negated": negated,
    }
    return {
        "id": f"notes2-t-{index:03d}",
        "input": {"text": text},
        "expected": expected,
        "tags": [style, "notes2", "tune"],
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
