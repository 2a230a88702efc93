"""The notes3 probe: note shapes no earlier generator wrote, an open and a blind side.

Written for issue 12 (s24-notes2) after the open note sets reached 0.98-1.0 and stopped showing
what fails on the blind sets. Shapes: SOAP progress notes with a problem-oriented A/P ("#1 ...
#2 ..."), ED notes with an MDM section, telehealth visits, nursing / home-health notes,
specialist consult letters; copy-forward history blocks and problem lists not addressed
today; medication reconciliation tables; follow-up as "RTC 2 wk", "f/u PCP 1-2 weeks",
"recheck BMP Friday"; red flags as alarming findings the patient has (never precautions).

Each pool entry carries two disjoint sets of wordings, one per side, and each side has its own
sentence frames, so the sides share no run of eight words (tested). The blind side is
generated, never read while tuning.

    python3 scripts/synth/notes3_probe.py tune            # writes evals/data/tune_notes3
    python3 scripts/synth/notes3_probe.py heldout         # writes evals/data/own_heldout_notes3
    python3 scripts/synth/notes3_probe.py tune --check    # compare with the committed file
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import sides

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    "tune": ROOT / "evals" / "data" / "tune_notes3" / "note_summary.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_notes3" / "note_summary.jsonl",
}
SEEDS = {"tune": 3_120_701, "heldout": 3_120_702}
N = 30

Gold = list[tuple[str, str]]
#: (gold codes with texts, tune-side wordings, held-out-side wordings)
PROBLEMS: list[tuple[Gold, list[str], list[str]]] = [
    ([("I10", "essential hypertension")], ["HTN, not at goal"], ["hypertension, uncontrolled"]),
    (
        [("E11.9", "type 2 diabetes mellitus without complications")],
        ["DM2 without complications"],
        ["type 2 diabetes, no complications"],
    ),
    ([("J45.909", "unspecified asthma, uncomplicated")], ["asthma, uncomplicated"], ["asthma"]),
    ([("N39.0", "urinary tract infection, site not specified")], ["UTI"], ["cystitis / UTI"]),
    ([("I48.91", "unspecified atrial fibrillation")], ["afib"], ["atrial fibrillation"]),
    ([("E03.9", "hypothyroidism, unspecified")], ["hypothyroidism"], ["hypothyroid"]),
    (
        [("K21.9", "gastro-esophageal reflux disease without esophagitis")],
        ["GERD"],
        ["reflux (GERD) without esophagitis"],
    ),
    (
        [("J18.9", "pneumonia, unspecified organism")],
        ["community-acquired pneumonia"],
        ["pneumonia, right lower lobe"],
    ),
    (
        [("M17.11", "unilateral primary osteoarthritis, right knee")],
        ["R knee OA"],
        ["OA of right knee"],
    ),
    ([("F41.1", "generalized anxiety disorder")], ["GAD"], ["generalized anxiety disorder"]),
    (
        [("E87.1", "hypo-osmolality and hyponatremia")],
        ["hyponatremia"],
        ["low sodium (hyponatremia)"],
    ),
    ([("L03.115", "cellulitis of right lower limb")], ["cellulitis RLE"], ["right leg cellulitis"]),
    (
        [("I50.32", "chronic diastolic (congestive) heart failure")],
        ["chronic HFpEF"],
        ["chronic diastolic CHF"],
    ),
    (
        [("G43.909", "migraine, unspecified, not intractable, without status migrainosus")],
        ["migraine"],
        ["migraine headaches"],
    ),
    (
        [("E55.9", "vitamin D deficiency, unspecified")],
        ["vit D deficiency"],
        ["vitamin D deficiency"],
    ),
    (
        [("R07.9", "chest pain, unspecified")],
        ["chest pain, unclear etiology"],
        ["atypical chest pain"],
    ),
]

#: conditions on a copy-forward problem list or in history, not addressed today (never gold)
BACKGROUND = {
    "tune": ["remote appendectomy", "BPH", "glaucoma", "s/p cholecystectomy", "hx kidney stones"],
    "heldout": [
        "carpal tunnel release",
        "cataract surgery OU",
        "old ankle fracture",
        "psoriasis",
        "hx C-section",
    ],
}

#: (generic, brand or shown name, dose, new dose)
DRUGS = [
    ("amlodipine", "Norvasc", "5 mg", "10 mg"),
    ("levothyroxine", "Synthroid", "50 mcg", "75 mcg"),
    ("omeprazole", "Prilosec", "20 mg", "40 mg"),
    ("apixaban", "Eliquis", "5 mg", "5 mg"),
    ("sertraline", "Zoloft", "50 mg", "100 mg"),
    ("furosemide", "Lasix", "20 mg", "40 mg"),
    ("albuterol", "ProAir", "90 mcg", "90 mcg"),
    ("nitrofurantoin", "Macrobid", "100 mg", "100 mg"),
    ("cephalexin", "Keflex", "500 mg", "500 mg"),
    ("losartan", "Cozaar", "50 mg", "100 mg"),
    ("sumatriptan", "Imitrex", "50 mg", "100 mg"),
    ("ergocalciferol", "vitamin D2", "50000 units", "50000 units"),
    ("meloxicam", "Mobic", "7.5 mg", "15 mg"),
    ("glipizide", "Glucotrol", "5 mg", "10 mg"),
]

#: (gold when, tune-side (said, gold what), held-out-side (said, gold what))
FOLLOW_UP: list[tuple[str | None, tuple[str, str], tuple[str, str]]] = [
    ("2 weeks", ("RTC 2 wk", "RTC"), ("return to clinic in 2 wks", "return to clinic")),
    ("1-2 weeks", ("f/u PCP 1-2 weeks", "f/u PCP"), ("see PCP within 1-2 weeks", "see PCP")),
    ("Friday", ("recheck BMP Friday", "recheck BMP"), ("BMP on Friday", "BMP")),
    ("6 weeks", ("TSH in 6 wks", "TSH"), ("repeat TSH 6 weeks", "repeat TSH")),
    (None, ("echo ordered", "echo"), ("order echocardiogram", "echocardiogram")),
    (
        "48 hours",
        ("wound check 48 hrs", "wound check"),
        ("nurse visit for wound check in 48 hours", "nurse visit"),
    ),
    (None, ("GI referral", "GI referral"), ("refer to cardiology", "cardiology")),
    ("3 months", ("RTC 3 mo", "RTC"), ("follow-up visit in 3 months", "follow-up visit")),
    ("tomorrow", ("INR tomorrow", "INR"), ("repeat CBC tomorrow", "repeat CBC")),
]

#: (tune-side (said, gold), held-out-side (said, gold)): alarming findings the patient has
RED_FLAGS: list[tuple[tuple[str, str], tuple[str, str]]] = [
    (("K+ 6.8", "K+ 6.8"), ("potassium 6.9 mmol/L", "potassium 6.9")),
    (("Na 116", "Na 116"), ("serum sodium 117", "sodium 117")),
    (("SBP 78", "SBP 78"), ("BP 76/40", "BP 76/40")),
    (("O2 sat 84% RA", "O2 sat 84%"), ("pulse ox 83%", "pulse ox 83%")),
    (("troponin 2.4", "troponin 2.4"), ("trop elevated at 1.9", "trop elevated at 1.9")),
    (
        ("new left-sided weakness", "new left-sided weakness"),
        ("facial droop noted", "facial droop"),
    ),
    (("lactate 5.1", "lactate 5.1"), ("lactic acid 4.8", "lactic acid 4.8")),
    (("INR 7.9", "INR 7.9"), ("INR 8.2, supratherapeutic", "INR 8.2")),
    (("glucose 38", "glucose 38"), ("fingerstick 41", "fingerstick 41")),
]

NEGATED = {
    "tune": ["fever", "chest pain", "dysuria", "syncope", "hemoptysis", "calf pain", "vomiting"],
    "heldout": ["chills", "palpitations", "hematuria", "wheezing", "melena", "rash", "confusion"],
}

NORMAL = {"tune": ["Cr 0.9", "WBC 7.1", "Hgb 13.4"], "heldout": ["BUN 14", "plt 240", "Mg 2.0"]}

CLINICIANS = {
    "tune": ["Dr. Ines Varga", "Dr. Tobias Fenn"],
    "heldout": ["Dr. Lale Ormond", "Dr. Kip Sato"],
}


def _med_action(rng: random.Random, side: str, action: str, shown: str, dose: str, new: str) -> str:
    """One plan line for a medication change, in the side's own wordings."""
    ways = {
        "tune": {
            "started": [f"start {shown} {dose} daily", f"begin {shown} {dose}"],
            "stopped": [f"stop {shown}", f"{shown} discontinued"],
            "dose_changed": [f"increase {shown} to {new}", f"{shown} up to {new}"],
            "continued": [f"continue {shown} {dose}", f"cont {shown} {dose}"],
        },
        "heldout": {
            "started": [f"initiate {shown} {dose}", f"new rx {shown} {dose}"],
            "stopped": [f"hold {shown}", f"d/c {shown}"],
            "dose_changed": [f"titrate {shown} to {new}", f"raise {shown} to {new}"],
            "continued": [f"remain on {shown} {dose}", f"no change to {shown} {dose}"],
        },
    }
    return rng.choice(ways[side][action])


def _recon_table(side: str, rows: list[tuple[str, str, str, str, str]]) -> str:
    """A medication reconciliation table, flattened to text as EHR exports do."""
    word = {
        "tune": {
            "started": "NEW",
            "stopped": "STOP",
            "dose_changed": "CHANGE",
            "continued": "CONTINUE",
        },
        "heldout": {
            "started": "added",
            "stopped": "stopped",
            "dose_changed": "dose adjusted",
            "continued": "unchanged",
        },
    }[side]
    head = (
        "Medication | Prior dose | Status | New dose"
        if side == "tune"
        else "Drug   Before   Action   After"
    )
    sep = " | " if side == "tune" else "   "
    lines = [head]
    for _, shown, dose, new, action in rows:
        before = "-" if action == "started" else dose
        after = {"stopped": "-", "dose_changed": new}.get(action, dose)
        lines.append(sep.join([shown, before, word[action], after]))
    return "\n".join(lines)


def make_case(rng: random.Random, side: str, index: int) -> dict[str, object]:
    style = rng.choice(["soap", "ed", "tele", "nursing", "consult"])
    ways = 1 if side == "tune" else 2
    problems = rng.sample(PROBLEMS, rng.randint(1, 3))
    said = [p[ways][0] for p in problems]
    background = rng.sample(BACKGROUND[side], rng.randint(1, 2))
    meds = rng.sample(DRUGS, rng.randint(1, 3))
    rows = []
    for generic, brand, dose, new in meds:
        action = rng.choice(["started", "stopped", "dose_changed", "continued"])
        if action == "dose_changed" and new == dose:
            action = "continued"
        rows.append((generic, brand if rng.random() < 0.4 else generic, dose, new, action))
    follow = [(f[0], f[ways]) for f in rng.sample(FOLLOW_UP, rng.randint(1, 3))]
    flag = rng.choice(RED_FLAGS)[ways - 1] if rng.random() < 0.5 else None
    negated = rng.sample(NEGATED[side], rng.randint(1, 3))
    doc = rng.choice(CLINICIANS[side])
    age = rng.randint(24, 88)
    findings = list(NORMAL[side]) + ([flag[0]] if flag else [])
    rng.shuffle(findings)
    use_table = rng.random() < 0.5
    med_text = (
        _recon_table(side, rows)
        if use_table
        else "\n".join("- " + _med_action(rng, side, a, s, d, n) for _, s, d, n, a in rows)
    )
    fu_text = "; ".join(s for _, (s, _) in follow)
    deny = {"tune": "Denies ", "heldout": "No "}[side] + ", ".join(negated) + "."
    hist = ", ".join(background)
    if style == "soap":
        ap = "\n".join(f"#{i} {s}" for i, s in enumerate(said, 1))
        head = {"tune": "PROGRESS NOTE (SOAP)", "heldout": "Clinic progress note"}[side]
        copy = {
            "tune": "PMH (copied from prior visit, reviewed):",
            "heldout": "Past history carried forward:",
        }[side]
        subj = {
            "tune": f"S: pt is a {age}-year-old seen for scheduled recheck.",
            "heldout": f"Subjective - {age} yr old returns after the last visit.",
        }[side]
        text = (
            f"{head}\n{subj} {deny}\n{copy} {hist}\n"
            f"O: {', '.join(findings)}\nA/P:\n{ap}\nMeds:\n{med_text}\nDispo: {fu_text}\n{doc}\n"
        )
    elif style == "ed":
        mdm = {
            "tune": "MDM: differential considered; labs and imaging reviewed.",
            "heldout": "Medical decision making: moderate complexity.",
        }[side]
        text = (
            f"EMERGENCY DEPARTMENT NOTE\nCC: see HPI. {age}yo. {deny}\nPMHx: {hist}\n"
            f"Results: {', '.join(findings)}\n{mdm}\nED diagnoses: {'; '.join(said)}\n"
            f"Medications:\n{med_text}\nDisposition: discharged. {fu_text}\n"
        )
    elif style == "tele":
        intro = {
            "tune": "Telehealth video visit; patient at home, consent obtained.",
            "heldout": "Virtual visit by phone with audio only, verbal consent given.",
        }[side]
        text = (
            f"{intro}\n{age} yo. {deny} Home readings: {', '.join(findings)}.\n"
            f"Problem list (not addressed today): {hist}\n"
            f"Assessment and plan: {'; '.join(said)}.\n{med_text}\nNext steps: {fu_text}.\n"
        )
    elif style == "nursing":
        head = {
            "tune": "HOME HEALTH SKILLED NURSING VISIT",
            "heldout": "RN visit note - home care",
        }[side]
        text = (
            f"{head}\nPt {age} y/o seen in home. {deny}\nVitals/labs: {', '.join(findings)}\n"
            f"Hx: {hist}\nNursing diagnoses / MD-addressed problems: {'; '.join(said)}\n"
            f"Med review:\n{med_text}\nPlan per MD: {fu_text}\n"
        )
    else:
        opener = {
            "tune": f"Dear colleague,\nThank you for referring this {age}-year-old patient.",
            "heldout": f"Re: your patient, age {age}\nI saw your patient today in consultation.",
        }[side]
        text = (
            f"{opener} {deny} Background: {hist}.\nData reviewed: {', '.join(findings)}.\n"
            f"Impression: {'; '.join(said)}.\nRecommendations:\n{med_text}\n"
            f"Follow-up: {fu_text}.\nSincerely, {doc}\n"
        )
    expected = {
        "problems": [{"code": c, "text": t} for p in problems for c, t in p[0]],
        "medication_changes": [
            {"name": g, "action": a, "dose": {"dose_changed": n, "stopped": None}.get(a, d)}
            for g, _, d, n, a in rows
        ],
        "follow_up": [{"what": what, "when": when} for when, (_, what) in follow],
        "red_flags": [flag[1]] if flag else [],
        "negated": negated,
    }
    prefix = {"tune": "notes3-t", "heldout": "notes3-h"}[side]
    return {
        "id": f"{prefix}-{index:03d}",
        "input": {"text": text},
        "expected": expected,
        "tags": [style, "notes3", side],
    }


def build(side: str) -> str:
    """The side's JSONL body: seeded, so the same on every run."""
    rng = random.Random(SEEDS[side])
    return "".join(
        json.dumps(make_case(rng, side, i), ensure_ascii=False) + "\n" for i in range(1, N + 1)
    )


def main(argv: list[str]) -> int:
    return sides.main(argv, name="notes3", usage=__doc__, out=OUT, build=build)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
