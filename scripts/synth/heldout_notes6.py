"""notes6, held-out side: its own wordings, plans and frames (see ``notes6_probe.py``).

Written before any tuning of issue 12's problem-recall round and never read after; its
notes are scored for aggregate figures only.
"""

from __future__ import annotations

import random
from typing import Any

WORDS: dict[str, list[str]] = {
    "hfref_aoc": [
        "Acute on chronic HFrEF",
        "HFrEF (EF 25%) with acute exacerbation on chronic",
        "acute-on-chronic systolic CHF",
        "Decompensated chronic systolic heart failure, acute on chronic",
    ],
    "hfpef_chronic": [
        "Chronic HFpEF, compensated",
        "HFpEF - chronic, euvolemic",
        "chronic diastolic CHF (EF 60%)",
    ],
    "hfpef_acute": [
        "Acute diastolic CHF",
        "new acute HFpEF",
        "Acute heart failure with preserved EF",
    ],
    "htn": ["Essential HTN", "HTN, well controlled", "Benign essential hypertension"],
    "htn_ckd3b": [
        "HTN with CKD stage 3b",
        "Hypertensive nephropathy, CKD IIIb",
        "CKD 3b due to longstanding HTN",
    ],
    "htn_hfref": [
        "Hypertensive heart disease w/ chronic HFrEF",
        "HTN heart disease with chronic systolic HF",
    ],
    "aki_ckd3a": [
        "AKI on CKD 3a",
        "AKI superimposed on CKD stage IIIa",
        "Acute kidney injury on chronic kidney disease 3a",
    ],
    "ckd4": ["CKD stage IV", "CKD4, stable", "Chronic kidney disease, stage 4"],
    "dm_ckd3": [
        "DM2 with diabetic nephropathy, CKD 3",
        "T2DM c/b CKD stage 3",
        "Diabetic CKD stage III (type 2)",
    ],
    "dm_pn": [
        "T2DM w/ peripheral neuropathy",
        "DM type II with diabetic polyneuropathy",
        "Diabetic peripheral neuropathy, type 2 DM",
    ],
    "dm_hyper": [
        "T2DM, uncontrolled with hyperglycemia",
        "DM2 - hyperglycemic, A1c 10.8",
        "Type 2 diabetes, poorly controlled",
    ],
    "dm_hypo": [
        "T2DM with hypoglycemic episode",
        "Hypoglycemia in type 2 diabetic",
        "DM2 c/b hypoglycemia",
    ],
    "dm_retino": [
        "T2DM with diabetic retinopathy",
        "Diabetic retinopathy, type 2 DM",
    ],
    "t1_dka": ["DKA, type 1 DM", "T1DM with diabetic ketoacidosis", "Type 1 diabetes in DKA"],
    "paf": ["Paroxysmal AF", "PAF, in sinus today", "A-fib, paroxysmal"],
    "persistent_af": ["Persistent AF", "AFib - persistent", "Persistent atrial fibrillation"],
    "permanent_af": [
        "Permanent AF, rate controlled",
        "A fib, permanent",
        "Permanent atrial fibrillation",
    ],
    "flutter": ["Atrial flutter", "A-flutter w/ 2:1 block", "Aflutter"],
    "copd_exac": ["AECOPD", "COPD exacerbation", "COPD with acute exacerbation"],
    "hypoxic_rf": [
        "Acute hypoxemic respiratory failure",
        "Acute resp failure w/ hypoxia",
        "AHRF",
    ],
    "asthma_exac": [
        "Moderate persistent asthma w/ acute exacerbation",
        "Asthma exacerbation, moderate persistent",
    ],
    "aspiration": ["Aspiration pneumonia", "Aspiration PNA", "Pneumonia due to aspiration"],
    "osa": ["OSA on CPAP", "Obstructive sleep apnea", "OSA, nonadherent to CPAP"],
    "cystitis": ["Acute cystitis w/o hematuria", "Acute cystitis, no hematuria"],
    "pyelo": ["Acute pyelonephritis", "Acute pyelo", "Pyelonephritis, acute"],
    "cellulitis_l": [
        "Cellulitis of L lower leg",
        "LLE cellulitis",
        "Left lower extremity cellulitis",
    ],
    "cellulitis_r": ["RLE cellulitis", "Cellulitis, right lower leg", "Right leg cellulitis"],
    "cdiff": ["C. diff colitis", "C difficile infection", "Clostridioides difficile colitis"],
    "hypona": ["Hyponatremia", "Hypotonic hyponatremia", "HypoNa (Na 126)"],
    "hypok": ["Hypokalemia", "HypoK", "Low potassium"],
    "hyperk": ["Hyperkalemia", "HyperK (K 5.9)", "Hyperkalemia, mild"],
    "hypomg": ["Hypomagnesemia", "Low Mg", "HypoMg"],
    "abla": ["Acute blood loss anemia", "ABLA", "Anemia due to acute blood loss"],
    "ida": ["Iron deficiency anemia", "IDA", "Anemia, iron deficient"],
    "thrombocytopenia": ["Thrombocytopenia", "Thrombocytopenia, mild (plt 98)"],
    "dvt_l_fem": [
        "Acute L femoral DVT",
        "DVT of left femoral vein",
        "Left femoral vein DVT, acute",
    ],
    "pe": ["Acute PE", "Pulmonary embolism, segmental", "Acute pulmonary emboli, bilateral"],
    "oa_r_knee": ["R knee OA", "Primary OA of right knee", "Osteoarthritis, R knee"],
    "oa_l_hip": ["L hip OA", "Left hip osteoarthritis", "Primary osteoarthritis L hip"],
    "oa_bilat_knee": [
        "Bilateral knee OA",
        "OA of both knees",
        "Primary osteoarthritis of bilateral knees",
    ],
    "radiculopathy": [
        "Lumbar radiculopathy",
        "L5 radiculopathy (lumbar)",
        "Radiculopathy, lumbar region",
    ],
    "mdd_rec_mod": [
        "MDD, recurrent, moderate",
        "Recurrent major depression, moderate",
        "Major depressive d/o, recurrent episode, moderate",
    ],
    "gad": ["GAD", "Generalized anxiety d/o", "Generalized anxiety disorder"],
    "migraine_noaura": [
        "Migraine w/o aura",
        "Migraine without aura, not intractable",
        "Common migraine w/o aura",
    ],
    "met_enceph": [
        "Metabolic encephalopathy",
        "Acute metabolic encephalopathy",
        "Toxic-metabolic encephalopathy",
    ],
    "ugib": ["GI bleed", "Upper GI bleed", "GIB"],
    "etoh_cirrhosis": [
        "EtOH cirrhosis",
        "Alcoholic cirrhosis, no ascites",
        "Cirrhosis, alcohol-related",
    ],
    "bph_luts": ["BPH w/ LUTS", "BPH with lower urinary tract symptoms", "BPH with LUTS"],
    "nstemi": ["NSTEMI", "Non-ST elevation MI", "NSTEMI, type 1"],
    "htn_urgency": ["Hypertensive urgency", "HTN urgency", "Hypertensive urgency, BP 212/118"],
    "hypothyroid": ["Hypothyroidism", "Hypothyroid", "Primary hypothyroidism"],
    "morbid_obesity": ["Morbid obesity", "Class III obesity", "Severe obesity"],
    "mixed_hld": ["Mixed hyperlipidemia", "Mixed HLD", "Combined hyperlipidemia"],
}

PLANS: dict[str, list[str]] = {
    "hfref_aoc": [
        "diurese to dry weight, strict I/Os",
        "IV diuresis, daily weights, GDMT when euvolemic",
    ],
    "hfpef_chronic": ["continue current regimen, 2 g Na diet", "daily weights at home"],
    "hfpef_acute": ["IV diuresis, fluid restrict 1.5 L", "echo ordered, diurese"],
    "htn": ["at goal, no changes", "home BP log"],
    "htn_ckd3b": ["renal panel q3 months", "nephrology following, avoid nephrotoxins"],
    "htn_hfref": ["titrate GDMT as BP allows", "cardiology clinic in 4 wk"],
    "aki_ckd3a": ["IVF, hold nephrotoxins, trend Cr", "renally dose meds, BMP in AM"],
    "ckd4": ["nephrology referral for RRT planning", "avoid NSAIDs, renal diet"],
    "dm_ckd3": ["UACR today, SGLT2i discussed", "A1c goal < 8"],
    "dm_pn": ["monofilament exam done, podiatry", "gabapentinoid discussed"],
    "dm_hyper": ["intensify regimen, diabetes education", "A1c recheck in 3 months"],
    "dm_hypo": ["reduce basal dose, hypoglycemia teaching", "CGM ordered"],
    "dm_retino": ["annual dilated eye exam, ophtho f/u", "BP and glucose control"],
    "t1_dka": ["drip per protocol, q1h glucose", "close AG, transition to SQ"],
    "paf": ["rate control, anticoagulation per CHA2DS2-VASc", "telemetry"],
    "persistent_af": ["plan DCCV after 3 wk anticoagulation", "EP referral"],
    "permanent_af": ["rate control only", "continue anticoagulation"],
    "flutter": ["rate control, EP for ablation", "TEE/DCCV discussed"],
    "copd_exac": ["nebs, steroid burst, O2 to sat 88-92%", "pulmonary rehab after discharge"],
    "hypoxic_rf": ["HFNC, wean as tolerated", "O2 via NC, goal sat > 92%"],
    "asthma_exac": ["nebs q4h, steroid taper", "asthma action plan reviewed"],
    "aspiration": ["IV abx, SLP swallow eval", "aspiration precautions, HOB 30"],
    "osa": ["CPAP nightly", "sleep medicine f/u"],
    "cystitis": ["UA/UCx sent, oral abx x 5 days", "push fluids"],
    "pyelo": ["IV abx, f/u urine cx", "renal US if not improving"],
    "cellulitis_l": ["mark borders, IV abx, elevate", "elevate leg, recheck in 48 h"],
    "cellulitis_r": ["elevate, abx, mark margins", "outline erythema, reassess daily"],
    "cdiff": ["contact precautions, oral therapy", "stool studies, isolation"],
    "hypona": ["fluid restriction 1.2 L, serum osm", "trend Na q6h, avoid rapid correction"],
    "hypok": ["replete, recheck BMP", "oral repletion, Mg check"],
    "hyperk": ["ECG, binder, low K diet", "recheck K in AM"],
    "hypomg": ["IV Mg repletion", "replete Mg, recheck"],
    "abla": ["transfuse for Hgb < 7", "serial H/H q8h"],
    "ida": ["parenteral repletion, ferritin in 6 wk", "GI referral for scopes"],
    "thrombocytopenia": ["trend plts, smear", "smear reviewed"],
    "dvt_l_fem": ["full anticoagulation, duration 3 months", "anticoagulate, compression"],
    "pe": ["anticoagulation, echo for RV strain", "anticoagulant drip then transition"],
    "oa_r_knee": ["PT, steroid injection offered", "weight loss, topical NSAID"],
    "oa_l_hip": ["ortho referral for THA eval", "PT, activity as tolerated"],
    "oa_bilat_knee": ["PT referral, knee sleeves", "ortho eval for injections"],
    "radiculopathy": ["MRI L-spine if no better in 6 wk", "PT, NSAID trial"],
    "mdd_rec_mod": ["therapy referral, PHQ-9 in 4 wk", "safety plan reviewed, no SI"],
    "gad": ["CBT referral", "GAD-7 at next visit"],
    "migraine_noaura": ["headache diary, triptan prn", "avoid triggers"],
    "met_enceph": ["treat underlying cause, delirium precautions", "neuro checks q4h"],
    "ugib": ["acid suppression, GI for EGD, 2 large bore IVs", "serial H/H, type and screen"],
    "etoh_cirrhosis": ["abstinence counseling, hepatology f/u", "HCC screening US q6 months"],
    "bph_luts": ["alpha blocker trial, PVR", "urology referral"],
    "nstemi": ["antiplatelet load, cardiology for cath", "serial troponins, echo"],
    "htn_urgency": ["oral agents, recheck BP in 1 h", "no end organ damage, outpatient f/u"],
    "hypothyroid": ["TSH in 6 wk", "continue replacement, recheck TSH"],
    "morbid_obesity": ["bariatric referral", "nutrition consult, activity goals"],
    "mixed_hld": ["lipid panel in 3 months", "statin intensity reviewed"],
}

NEGATED = [
    "chest pain",
    "fever",
    "hemoptysis",
    "melena",
    "syncope",
    "dysuria",
    "abdominal pain",
    "headache",
    "palpitations",
    "night sweats",
]

_SEX = {"M": ("male", "man", "he"), "F": ("female", "woman", "she")}


def _smarttext(rng: random.Random, note: Any) -> str:
    word = _SEX[note.sex][0]
    lines = [
        "OUTPATIENT PROGRESS NOTE",
        "Patient: *** | DOB: *** | MRN: ***",
        "Visit type.........: Follow up",
        "Chief Complaint....: ***",
        f"HPI................: {note.age} y.o. {word} seen for follow-up of chronic problems. "
        f"Pt denies {note.negated[0]}. No {note.negated[1]}.",
        "ROS................: 12 point ROS negative except as in HPI ***",
        "Exam...............: NAD. ***",
        "",
        "ASSESSMENT/PLAN....:",
        "Problem List Items Addressed This Visit",
    ]
    for _, said, plan in note.problems:
        lines += [f"    {said}", f"        - {plan}"]
    lines += ["", "Other orders: ***", "Electronically signed by *** on ***"]
    return "\n".join(lines) + "\n"


def _hospitalist(rng: random.Random, note: Any) -> str:
    _, noun, pron = _SEX[note.sex]
    first, *rest = note.problems
    out = [
        f"HOSPITAL MEDICINE PROGRESS NOTE - HD#{rng.randint(2, 6)}",
        "",
        f"S: Seen and examined at bedside. No acute events overnight. {pron.capitalize()} denies "
        f"{note.negated[0]} and has had no {note.negated[1]}.",
        "O: Vitals reviewed, labs reviewed. Exam unchanged from yesterday.",
        "",
        f"A/P: {note.age}-year-old {noun} admitted with {first[1][0].lower() + first[1][1:]}.",
        "",
        f"{first[1]}: {first[2]}.",
    ]
    frames = ["With respect to {w}, {p}.", "{W}: {p}.", "For {w}, plan to {p}."]
    for _, said, plan in rest:
        frame = rng.choice(frames)
        out.append(frame.format(w=said, W=said, p=plan))
    out += ["", "Dispo: continue inpatient care; PT/OT following."]
    return "\n".join(out) + "\n"


def _dense(rng: random.Random, note: Any) -> str:
    said = ", ".join(s for _, s, _ in note.problems)
    out = [
        "Cardiology/IM clinic f/u",
        f"Denies {note.negated[0]}, {note.negated[1]}.",
        "VSS. Exam w/o acute change.",
        f"A/P: {note.age}{note.sex} w/ {said}.",
    ]
    out += [f"- {s} -> {p}" for _, s, p in note.problems]
    return "\n".join(out) + "\n"


_OCR = {"l": "1", "o": "0", "m": "rn", "e": "c", "i": "l", "s": "5"}


def _noisy(rng: random.Random, text: str) -> str:
    chars = []
    for ch in text:
        if ch in _OCR and rng.random() < 0.05:
            chars.append(_OCR[ch])
        else:
            chars.append(ch)
    return "".join(chars)


def _ocr(rng: random.Random, note: Any) -> str:
    out = [
        _noisy(rng, "FAX RECEIVED  PAGE 1 OF 2"),
        _noisy(rng, "Internal Medicine Associates - Office Visit"),
        f"Reason: follow up. Patient denies {note.negated[0]}; no {note.negated[1]}.",
        _noisy(rng, "Assessment and Plan"),
    ]
    for i, (_, said, plan) in enumerate(note.problems, 1):
        out.append(_noisy(rng, f"{i}) {said} - {plan}"))
    out.append(_noisy(rng, "--- end of page ---"))
    return "\n".join(out) + "\n"


def _hashtag(rng: random.Random, note: Any) -> str:
    out = [
        "IM Progress Note",
        f"{note.age} yo {note.sex} seen today. Denies {note.negated[0]} or {note.negated[1]}.",
        "",
        "ASSESSMENT & PLAN",
    ]
    for _, said, plan in note.problems:
        out.append(rng.choice([f"#{said} — {plan}", f"# {said}: {plan}", f"#{said}\n- {plan}"]))
    return "\n".join(out) + "\n"


def _planonly(rng: random.Random, note: Any) -> str:
    out = [
        "Subjective: here for f/u, feels about the same.",
        f"ROS: negative for {note.negated[0]} and {note.negated[1]}.",
        "Objective: see flowsheet.",
        "Impression: multiple chronic issues, see below.",
        "Plan:",
    ]
    for _, said, plan in note.problems:
        out.append(f"- {said}: {plan}")
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
