"""notes6, open (tune) side: its own wordings, plans and frames (see ``notes6_probe.py``)."""

from __future__ import annotations

import random
from typing import Any

WORDS: dict[str, list[str]] = {
    "hfref_aoc": [
        "HFrEF, acute on chronic",
        "Acute on chronic systolic heart failure exacerbation",
        "A/C HFrEF exacerbation",
        "chronic HFrEF now acutely decompensated",
    ],
    "hfpef_chronic": [
        "HFpEF (chronic)",
        "Chronic diastolic dysfunction with HF, stable",
        "chr HFpEF",
    ],
    "hfpef_acute": ["HFpEF exacerbation, new onset acute", "Acute HFpEF", "acute diastolic HF"],
    "htn": ["HTN", "Primary hypertension", "Hypertension, at goal"],
    "htn_ckd3b": ["CKD3b / HTN", "HTN + CKD stage 3B", "Hypertensive CKD, stage 3b"],
    "htn_hfref": ["HTN w/ HFrEF (chronic)", "Hypertensive cardiomyopathy, chronic systolic CHF"],
    "aki_ckd3a": ["AKI on CKD3a", "AKI/CKD 3a", "Acute renal failure on CKD IIIa"],
    "ckd4": ["CKD IV", "CKD, stage 4 - progressing", "Stage 4 CKD"],
    "dm_ckd3": [
        "T2DM w/ CKD3",
        "DM2 c/b diabetic kidney disease stage 3",
        "Type 2 DM with CKD III",
    ],
    "dm_pn": [
        "T2DM c/b neuropathy (peripheral)",
        "DM2 w/ peripheral polyneuropathy",
        "Type 2 diabetic peripheral neuropathy",
    ],
    "dm_hyper": [
        "T2DM, uncontrolled",
        "DM2 w/ hyperglycemia",
        "Type 2 DM - poorly controlled (A1c 11.2)",
    ],
    "dm_hypo": [
        "T2DM w/ hypoglycemia",
        "DM type 2 c/b hypoglycemic events",
        "Type 2 DM, recurrent hypoglycemia",
    ],
    "dm_retino": [
        "T2DM c/b retinopathy",
        "DM2 with retinopathy",
        "Type 2 DM with diabetic retinopathy, both eyes",
    ],
    "t1_dka": ["T1DM in DKA", "DKA (type 1)", "Diabetic ketoacidosis, T1DM"],
    "paf": ["pAF", "Afib, paroxysmal", "Paroxysmal a-fib"],
    "persistent_af": ["AF, persistent", "persistent afib", "Atrial fibrillation - persistent"],
    "permanent_af": [
        "AF, permanent",
        "permanent afib, rate controlled",
        "Chronic permanent atrial fibrillation",
    ],
    "flutter": ["A-flutter", "Atrial flutter, typical", "AFL"],
    "copd_exac": ["COPD exac", "Acute exacerbation of COPD", "COPD w/ exacerbation"],
    "hypoxic_rf": [
        "Acute hypoxic resp failure",
        "Hypoxemic respiratory failure, acute",
        "AHRF (acute hypoxemic)",
    ],
    "asthma_exac": [
        "Asthma, moderate persistent, in exacerbation",
        "Mod persistent asthma exacerbation",
    ],
    "aspiration": ["Aspiration PNA, RLL", "Aspiration pneumonitis/pneumonia", "PNA - aspiration"],
    "osa": ["OSA", "Sleep apnea, obstructive", "OSA - uses CPAP"],
    "cystitis": ["Acute cystitis, without hematuria", "Cystitis, acute, w/o hematuria"],
    "pyelo": ["Pyelo (acute)", "Acute pyelonephritis, L", "Acute pyelonephritis - improving"],
    "cellulitis_l": ["Cellulitis LLE", "L leg cellulitis", "Cellulitis of left leg"],
    "cellulitis_r": ["Cellulitis RLE", "R lower leg cellulitis", "Cellulitis, R leg"],
    "cdiff": ["C diff colitis", "CDI", "C. difficile colitis"],
    "hypona": ["Hyponatremia (Na 127)", "hypoNa", "Hyponatremia, hypovolemic"],
    "hypok": ["HypoK (K 3.0)", "Hypokalemia - repleting", "hypokalemia"],
    "hyperk": ["Hyperkalemia (K 6.1)", "hyperK", "Hyperkalemia - resolved with binder"],
    "hypomg": ["Hypomag", "Hypomagnesemia (Mg 1.3)", "hypoMg"],
    "abla": ["Acute blood loss anemia (Hgb 6.9)", "Acute blood-loss anemia", "ABL anemia"],
    "ida": ["Iron-deficiency anemia", "IDA (ferritin 8)", "Microcytic anemia - iron deficiency"],
    "thrombocytopenia": ["Thrombocytopenia (plt 84)", "Low platelets - thrombocytopenia"],
    "dvt_l_fem": ["L femoral DVT", "DVT L femoral vein (acute)", "Acute DVT, left femoral"],
    "pe": ["PE, acute, subsegmental", "Acute pulmonary embolism", "Acute PE w/o RV strain"],
    "oa_r_knee": ["OA R knee", "Right knee osteoarthritis", "DJD R knee"],
    "oa_l_hip": ["OA L hip", "Osteoarthritis of left hip", "L hip DJD"],
    "oa_bilat_knee": ["OA bilat knees", "Bilateral knee osteoarthritis", "b/l knee OA"],
    "radiculopathy": ["Lumbar radic", "Radiculopathy - lumbar", "Lumbosacral radiculopathy, L4"],
    "mdd_rec_mod": [
        "MDD recurrent mod",
        "Depression, major, recurrent, moderate",
        "MDD - recurrent episode, moderate severity",
    ],
    "gad": ["Gen anxiety disorder", "GAD - uncontrolled", "Anxiety, generalized"],
    "migraine_noaura": ["Migraine without aura", "Migraines w/o aura", "Migraine, no aura"],
    "met_enceph": [
        "Metabolic enceph",
        "Encephalopathy, metabolic",
        "Acute metabolic encephalopathy (resolving)",
    ],
    "ugib": ["UGIB", "Upper GIB", "GI hemorrhage, upper"],
    "etoh_cirrhosis": [
        "Cirrhosis, EtOH",
        "Alcoholic liver cirrhosis w/o ascites",
        "Alcohol-related cirrhosis",
    ],
    "bph_luts": ["BPH/LUTS", "BPH w/ lower urinary tract sx", "Enlarged prostate w/ LUTS"],
    "nstemi": ["NSTEMI (type 1)", "Non-STEMI", "NSTEMI - trop peaked 4.1"],
    "htn_urgency": [
        "Hypertensive urgency (BP 220/120)",
        "HTN urgency - asymptomatic",
        "Urgency, hypertensive",
    ],
    "hypothyroid": ["Hypothyroidism, primary", "Hypothyroid - on replacement", "hypothyroidism"],
    "morbid_obesity": [
        "Obesity, morbid",
        "Class 3 obesity",
        "Morbid obesity - bariatric candidate",
    ],
    "mixed_hld": ["HLD, mixed", "Mixed dyslipidemia", "Hyperlipidemia, mixed"],
}

PLANS: dict[str, list[str]] = {
    "hfref_aoc": ["IV diuresis bid, I/O, daily wts", "net neg 1-2 L/day goal"],
    "hfpef_chronic": ["euvolemic, home regimen", "Na restriction, weights"],
    "hfpef_acute": ["diurese IV, TTE", "fluid restrict, diuresis"],
    "htn": ["controlled", "recheck BP next visit"],
    "htn_ckd3b": ["BMP q3mo", "nephro f/u, no NSAIDs"],
    "htn_hfref": ["GDMT titration", "cards f/u 1 mo"],
    "aki_ckd3a": ["IV fluids, renal US, hold nephrotoxins", "Cr trend, strict I/O"],
    "ckd4": ["nephro for access planning", "renal diet education"],
    "dm_ckd3": ["UACR, BMP", "renally dose"],
    "dm_pn": ["foot exam, podiatry", "foot care reviewed"],
    "dm_hyper": ["regimen intensified, RD referral", "A1c in 3 mo"],
    "dm_hypo": ["back off basal, CGM", "hypoglycemia education"],
    "dm_retino": ["ophtho yearly", "retina f/u"],
    "t1_dka": ["DKA protocol, BMP q2h", "gap closing, bridge to SQ"],
    "paf": ["rate ctrl, anticoag", "tele"],
    "persistent_af": ["EP referral for DCCV", "TEE then cardioversion"],
    "permanent_af": ["rate ctrl", "anticoag ongoing"],
    "flutter": ["EP for ablation", "rate ctrl"],
    "copd_exac": ["nebs, steroids, O2 88-92", "pulm rehab"],
    "hypoxic_rf": ["HFNC, wean", "O2 NC, sat > 92"],
    "asthma_exac": ["nebs, steroid burst", "action plan"],
    "aspiration": ["abx, SLP eval", "HOB up, precautions"],
    "osa": ["CPAP adherence discussed", "sleep med f/u"],
    "cystitis": ["UCx, 5 d abx", "hydration"],
    "pyelo": ["IV abx, cx f/u", "renal US"],
    "cellulitis_l": ["abx, elevation, margins marked", "recheck 2 d"],
    "cellulitis_r": ["abx, elevate leg", "margins marked"],
    "cdiff": ["enteric precautions, PO abx", "isolation"],
    "hypona": ["FR 1 L, osm studies", "Na q6h"],
    "hypok": ["replete, BMP am", "K and Mg repletion"],
    "hyperk": ["ECG, binder", "recheck K"],
    "hypomg": ["Mg IV", "replete"],
    "abla": ["transfuse Hgb < 7", "H/H q8"],
    "ida": ["iron studies, GI eval", "infusion scheduled"],
    "thrombocytopenia": ["plt trend", "smear"],
    "dvt_l_fem": ["anticoag x 3 mo", "compression"],
    "pe": ["anticoag, TTE", "bridge then oral anticoag"],
    "oa_r_knee": ["PT, injection", "topicals"],
    "oa_l_hip": ["ortho for THA", "PT"],
    "oa_bilat_knee": ["PT, bracing", "ortho eval"],
    "radiculopathy": ["PT, MRI if persists", "NSAID trial"],
    "mdd_rec_mod": ["therapy, PHQ-9 4 wk", "safety plan"],
    "gad": ["CBT", "GAD-7 f/u"],
    "migraine_noaura": ["HA diary", "trigger avoidance"],
    "met_enceph": ["treat cause, delirium precautions", "neuro checks"],
    "ugib": ["GI for EGD, 2 PIV", "T&S, H/H"],
    "etoh_cirrhosis": ["abstinence, hepatology", "HCC US q6mo"],
    "bph_luts": ["PVR, uro referral", "uro f/u"],
    "nstemi": ["cards for LHC", "serial trop, TTE"],
    "htn_urgency": ["PO agents, recheck 1 h", "outpt f/u"],
    "hypothyroid": ["TSH 6 wk", "recheck TSH"],
    "morbid_obesity": ["bariatric referral", "RD consult"],
    "mixed_hld": ["lipids 3 mo", "statin reviewed"],
}

NEGATED = [
    "shortness of breath",
    "vomiting",
    "hematuria",
    "leg swelling",
    "confusion",
    "rash",
    "weight loss",
    "diarrhea",
    "cough",
    "dizziness",
]

_SEX = {"M": ("male", "gentleman", "He"), "F": ("female", "lady", "She")}


def _smarttext(rng: random.Random, note: Any) -> str:
    lines = [
        "Clinic Note ***",
        "Provider: *** ; Location: ***",
        f"Subjective .......... {note.age} yo {_SEX[note.sex][0]} for routine f/u. "
        f"Negative for {note.negated[0]}. Denies {note.negated[1]}.",
        "Objective .......... vitals reviewed ***",
        "",
        "Diagnoses and all orders for this visit:",
    ]
    for i, (_, said, plan) in enumerate(note.problems, 1):
        lines += [f"{i}. {said}", f"   Comment: {plan} ***"]
    lines += ["", "Return in about 3 months (around ***).", "*** signed ***"]
    return "\n".join(lines) + "\n"


def _hospitalist(rng: random.Random, note: Any) -> str:
    _, noun, pron = _SEX[note.sex]
    first, *rest = note.problems
    out = [
        "Daily Progress Note - Hospitalist Service",
        f"Interval: {pron} feels better today; no {note.negated[0]}, denies {note.negated[1]}.",
        "Exam: as documented, labs reviewed.",
        "",
        f"Assessment: this {note.age} y/o {noun} is hospitalized for {first[1]}.",
        "",
        "Plan by problem",
        f"{first[1]} - {first[2]}.",
    ]
    frames = ["As for {w}, {p}.", "{w}: {p}.", "{w} - {p}."]
    for _, said, plan in rest:
        out.append(rng.choice(frames).format(w=said, p=plan))
    return "\n".join(out) + "\n"


def _dense(rng: random.Random, note: Any) -> str:
    said = "; ".join(s for _, s, _ in note.problems)
    out = [
        f"CC f/u. ROS neg for {note.negated[0]} & {note.negated[1]}.",
        f"Imp: {note.age}yo{note.sex} - {said}",
        "Plan:",
    ]
    out += [f"* {p}" for _, _, p in note.problems]
    return "\n".join(out) + "\n"


_OCR = {"l": "1", "o": "0", "rn": "m", "h": "b", "a": "e", "t": "l"}


def _noisy(rng: random.Random, text: str) -> str:
    out = text
    for src, dst in _OCR.items():
        pieces = out.split(src)
        out = pieces[0] + "".join((dst if rng.random() < 0.06 else src) + p for p in pieces[1:])
    return out


def _ocr(rng: random.Random, note: Any) -> str:
    out = [
        _noisy(rng, "Scanned document - Family Practice"),
        f"Pt states no {note.negated[0]}, and no {note.negated[1]}.",
        _noisy(rng, "IMPRESSION/PLAN:"),
    ]
    for _, said, plan in note.problems:
        out.append(_noisy(rng, f"- {said}. {plan}"))
    out.append(_noisy(rng, "Page 2 of 2"))
    return "\n".join(out) + "\n"


def _hashtag(rng: random.Random, note: Any) -> str:
    out = [
        "Progress note, internal medicine",
        f"Interval hx: no {note.negated[0]}, no {note.negated[1]}.",
        "A&P:",
    ]
    for i, (_, said, plan) in enumerate(note.problems, 1):
        out.append(rng.choice([f"#{i} {said}. {plan}", f"#{said}: {plan}", f"# {said} -- {plan}"]))
    return "\n".join(out) + "\n"


def _planonly(rng: random.Random, note: Any) -> str:
    out = [
        f"Interval: denies {note.negated[0]}; no {note.negated[1]}.",
        "Exam: unchanged.",
        "Assessment: stable, see plan.",
        "PLAN BY PROBLEM:",
    ]
    for _, said, plan in note.problems:
        out.append(f"{said} -- {plan}")
    return "\n".join(out) + "\n"


_RENDER = {
    "smarttext": _smarttext,
    "hospitalist": _hospitalist,
    "dense": _dense,
    "ocr": _ocr,
    "hashtag": _hashtag,
    "planonly": _planonly,
}


def render(rng: random.Random, note: Any) -> str:
    """The note in its style."""
    return _RENDER[note.style](rng, note)
