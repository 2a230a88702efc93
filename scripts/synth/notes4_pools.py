"""Pools of the notes4 probe: problems with their gold codes, drugs, follow-ups, red flags.

Each entry names its wordings per side ("tune", "heldout"); no wording is shared. Gold codes are
ICD-10-CM (simple-icd-10-cm 1.5.0), the most specific billable code the wording supports, with
the combination and "use additional code" conventions of the guidelines (hypertension with CKD
-> I12.9 + the stage; type 2 diabetes with CKD -> E11.22; morbid obesity -> + the BMI code; a
UTI with its organism -> + B96.20).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """A problem: gold codes, the combination groups it takes part in, wordings per side."""

    gold: list[tuple[str, str]]
    groups: frozenset[str]
    words: dict[str, list[str]]
    inpatient: bool = False


@dataclass(frozen=True)
class Drug:
    """A drug: the generic the gold names, the names a note writes per side, two doses."""

    generic: str
    names: dict[str, list[str]]
    old: str
    new: str
    sig: str = field(default="daily")


def _p(
    gold: list[tuple[str, str]],
    groups: str,
    tune: list[str],
    heldout: list[str],
    inpatient: bool = False,
) -> Problem:
    return Problem(gold, frozenset(groups.split()), {"tune": tune, "heldout": heldout}, inpatient)


HTN = ("I10", "essential (primary) hypertension")
HLD = ("E78.5", "hyperlipidemia, unspecified")
DM_NEURO = ("E11.40", "type 2 diabetes mellitus with diabetic neuropathy, unspecified")
DM_CKD = ("E11.22", "type 2 diabetes mellitus with diabetic chronic kidney disease")
HTN_CKD = (
    "I12.9",
    "hypertensive chronic kidney disease with stage 1 through stage 4 chronic kidney disease, "
    "or unspecified chronic kidney disease",
)

PROBLEMS: list[Problem] = [
    _p([HTN], "htn", ["HTN", "HTN, not at goal"], ["essential htn", "hypertension, suboptimal"]),
    _p([HLD], "lip", ["HLD", "hyperlipidemia"], ["hyperlipidemia, unspec", "HLD on statin"]),
    _p([DM_NEURO], "dm", ["T2DM w/ neuropathy", "DM2 c/b neuropathy"],
       ["type 2 DM with diabetic neuropathy", "NIDDM with neuropathy"]),
    _p([("E11.65", "type 2 diabetes mellitus with hyperglycemia")], "dm",
       ["T2DM uncontrolled w/ hyperglycemia", "DM2 w/ hyperglycemia"],
       ["type 2 diabetes, poorly controlled", "T2D with hyperglycemia"]),
    _p([HTN_CKD, ("N18.31", "chronic kidney disease, stage 3a"), HLD, DM_NEURO, DM_CKD],
       "htn dm ckd lip hf", ["HTN, HLD, T2DM w/ neuropathy, CKD3a"],
       ["CKD 3a / HTN / HLD / DM2 w neuropathy"]),
    _p([HTN_CKD, ("N18.32", "chronic kidney disease, stage 3b")], "htn ckd hf",
       ["HTN w/ CKD 3b", "CKD stage 3b, hypertensive"],
       ["hypertensive CKD, stage 3b", "CKD3b due to HTN"]),
    _p([("E66.01", "morbid (severe) obesity due to excess calories"),
        ("Z68.41", "body mass index [BMI] 40.0-44.9, adult")], "ob",
       ["morbid obesity, BMI 41.3", "severe obesity w/ BMI 42"],
       ["morbid obesity (BMI 43.1)", "obesity, morbid, BMI 40.6"]),
    _p([("J44.1", "chronic obstructive pulmonary disease with (acute) exacerbation")], "lung",
       ["AECOPD", "COPD exac"], ["COPD w/ acute exacerbation", "COPD, exacerbated"]),
    _p([("I48.0", "paroxysmal atrial fibrillation")], "af",
       ["paroxysmal afib", "pAF"], ["paroxysmal AF", "paroxysmal a-fib"]),
    _p([("I50.32", "chronic diastolic (congestive) heart failure")], "hf htn",
       ["chronic HFpEF", "HFpEF, chronic"], ["chronic diastolic CHF", "chronic diastolic HF"]),
    _p([("N39.0", "urinary tract infection, site not specified"),
        ("B96.20", "unspecified escherichia coli [e. coli] as the cause of diseases classified "
                   "elsewhere")], "uti",
       ["E coli UTI", "UTI, urine cx E. coli"],
       ["UTI due to E. coli", "E. coli urinary infection"]),
    _p([("K21.9", "gastro-esophageal reflux disease without esophagitis")], "gi",
       ["GERD", "GERD sx"], ["reflux disease (GERD)", "gastroesophageal reflux"]),
    _p([("E03.9", "hypothyroidism, unspecified")], "thy",
       ["hypothyroid", "hypothyroidism"], ["acquired hypothyroidism", "hypothyroidism, treated"]),
    _p([("F41.1", "generalized anxiety disorder")], "gad",
       ["GAD", "gen anxiety d/o"], ["generalized anxiety disorder", "generalized anxiety"]),
    _p([("F33.1", "major depressive disorder, recurrent, moderate")], "mdd",
       ["MDD, recurrent, moderate", "MDD recurrent mod"],
       ["recurrent major depression, moderate", "major depressive d/o, recurrent, moderate"]),
    _p([("G47.33", "obstructive sleep apnea (adult) (pediatric)")], "osa",
       ["OSA", "OSA on CPAP"], ["obstructive sleep apnea", "sleep apnea, obstructive"]),
    _p([("M10.9", "gout, unspecified")], "gout", ["gout", "gout flare"],
       ["gout, unspecified site", "gouty arthritis"]),
    _p([("E55.9", "vitamin d deficiency, unspecified")], "vitd",
       ["vit D def", "vitamin D deficiency"], ["hypovitaminosis D", "low vitamin D (deficiency)"]),
    _p([("D50.9", "iron deficiency anemia, unspecified")], "anemia",
       ["IDA", "iron deficiency anemia"], ["iron-deficiency anemia", "anemia, iron deficiency"]),
    _p([("L03.115", "cellulitis of right lower limb")], "skin",
       ["RLE cellulitis", "cellulitis R lower leg"],
       ["right leg cellulitis", "cellulitis of right lower extremity"]),
    _p([("N17.9", "acute kidney failure, unspecified")], "aki", ["AKI", "AKI on labs"],
       ["acute kidney injury", "acute renal failure"]),
    _p([("E87.1", "hypo-osmolality and hyponatremia")], "na", ["hyponatremia", "hypoNa"],
       ["low sodium (hyponatremia)", "hyponatremia, mild"]),
    _p([("K57.32", "diverticulitis of large intestine without perforation or abscess without "
                   "bleeding")], "divert",
       ["sigmoid diverticulitis", "diverticulitis, sigmoid"],
       ["diverticulitis of sigmoid colon", "acute sigmoid diverticulitis"]),
    _p([("J45.41", "moderate persistent asthma with (acute) exacerbation")], "lung",
       ["mod persistent asthma w/ exacerbation", "asthma, mod persistent, exacerbation"],
       ["moderate persistent asthma, acute exacerbation",
        "asthma exacerbation (moderate persistent)"]),
    _p([("M17.11", "unilateral primary osteoarthritis, right knee")], "oa",
       ["OA R knee", "right knee osteoarthritis"],
       ["primary OA of right knee", "osteoarthritis, rt knee"]),
    _p([("A41.9", "sepsis, unspecified organism"), ("J18.9", "pneumonia, unspecified organism")],
       "sepsis lung", ["sepsis 2/2 CAP", "sepsis from community-acquired pneumonia"],
       ["sepsis secondary to pneumonia", "pneumonia with sepsis"], inpatient=True),
]  # fmt: skip


def _d(
    generic: str, tune: list[str], heldout: list[str], old: str, new: str, sig: str = "daily"
) -> Drug:
    return Drug(generic, {"tune": tune, "heldout": heldout}, old, new, sig)


DRUGS: list[Drug] = [
    _d("lisinopril", ["lisinopril"], ["Zestril", "lisinopril"], "10 mg", "20 mg"),
    _d("metformin", ["metformin"], ["Glucophage", "metformin ER"], "500 mg", "1000 mg"),
    _d("atorvastatin", ["atorvastatin", "Lipitor"], ["atorvastatin"], "20 mg", "40 mg"),
    _d("amlodipine", ["amlodipine", "Norvasc"], ["amlodipine"], "5 mg", "10 mg"),
    _d("levothyroxine", ["Synthroid", "levothyroxine"], ["Levoxyl", "levothyroxine"],
       "75 mcg", "88 mcg"),
    _d("cephalexin", ["Keflex"], ["cephalexin"], "500 mg", "250 mg"),
    _d("ergocalciferol", ["ergocalciferol", "vitamin D2"], ["Drisdol", "ergocalciferol"],
       "50,000 units", "2,000 units", "weekly"),
    _d("sertraline", ["sertraline", "Zoloft"], ["sertraline"], "50 mg", "100 mg"),
    _d("furosemide", ["Lasix", "furosemide"], ["furosemide"], "20 mg", "40 mg"),
    _d("apixaban", ["Eliquis"], ["apixaban"], "5 mg", "2.5 mg"),
    _d("allopurinol", ["allopurinol"], ["Zyloprim", "allopurinol"], "100 mg", "300 mg"),
    _d("omeprazole", ["omeprazole", "Prilosec"], ["omeprazole"], "20 mg", "40 mg"),
    _d("empagliflozin", ["Jardiance"], ["empagliflozin"], "10 mg", "25 mg"),
    _d("gabapentin", ["gabapentin"], ["Neurontin", "gabapentin"], "300 mg", "600 mg"),
    _d("tamsulosin", ["tamsulosin", "Flomax"], ["tamsulosin"], "0.4 mg", "0.8 mg"),
    _d("losartan", ["losartan"], ["Cozaar", "losartan"], "50 mg", "100 mg"),
    _d("carvedilol", ["carvedilol", "Coreg"], ["carvedilol"], "6.25 mg", "12.5 mg"),
    _d("escitalopram", ["escitalopram"], ["Lexapro", "escitalopram"], "10 mg", "20 mg"),
]  # fmt: skip

#: Drugs only the allergy list or the history names (never a change).
ALLERGY = {
    "tune": [("penicillin", "hives"), ("codeine", "vomiting"), ("lisinopril", "angioedema")],
    "heldout": [("amoxicillin", "rash"), ("morphine", "itching"), ("atorvastatin", "myalgias")],
}
HISTORY_DRUG = {
    "tune": ["was on pioglitazone years ago", "took warfarin after a DVT in 2019"],
    "heldout": ["completed nitrofurantoin in 2024", "tried duloxetine previously"],
}

#: (gold when, tune (said, gold what), held-out (said, gold what))
FOLLOW: list[dict[str, object]] = [
    {"when": "2 weeks", "tune": ("BMP in 2 wk", "BMP"),
     "heldout": ("repeat basic metabolic panel in two weeks", "basic metabolic panel")},
    {"when": "3 months", "tune": ("A1c in 3 mo", "A1c"),
     "heldout": ("hemoglobin A1c at 3 months", "hemoglobin A1c")},
    {"when": None, "tune": ("refer to nephrology", "nephrology"),
     "heldout": ("renal clinic referral placed", "renal clinic referral")},
    {"when": "6 weeks", "tune": ("TSH 6 wks", "TSH"),
     "heldout": ("thyroid panel in 6 weeks", "thyroid panel")},
    {"when": "1 week", "tune": ("wound check 1 wk", "wound check"),
     "heldout": ("recheck of the leg in one week", "recheck of the leg")},
    {"when": None, "tune": ("sleep study ordered", "sleep study"),
     "heldout": ("polysomnography requested", "polysomnography")},
    {"when": "4 weeks", "tune": ("RTC 4 wks", "RTC"),
     "heldout": ("return to clinic in four weeks", "return to clinic")},
    {"when": None, "tune": ("GI consult", "GI consult"),
     "heldout": ("gastroenterology to see as outpatient", "gastroenterology")},
    {"when": "1 week", "tune": ("PCP f/u 1 wk", "PCP f/u"),
     "heldout": ("see primary care within 7 days", "primary care")},
    {"when": None, "tune": ("uric acid level", "uric acid level"),
     "heldout": ("serum urate drawn", "serum urate")},
    {"when": "10 days", "tune": ("CBC in 10 days", "CBC"),
     "heldout": ("blood count again in 10 days", "blood count")},
    {"when": None, "tune": ("colonoscopy after recovery", "colonoscopy"),
     "heldout": ("outpatient lower endoscopy", "lower endoscopy")},
]  # fmt: skip

#: Alarming findings the patient has (tune (said, gold), held-out (said, gold)).
RED_FLAGS: list[dict[str, tuple[str, str]]] = [
    {"tune": ("K 6.8", "K 6.8"), "heldout": ("potassium of 6.6 mmol/L", "potassium of 6.6")},
    {"tune": ("Na 118", "Na 118"), "heldout": ("serum sodium 117", "sodium 117")},
    {"tune": ("SBP 78", "SBP 78"), "heldout": ("BP 76/40", "BP 76/40")},
    {"tune": ("glucose 512", "glucose 512"), "heldout": ("blood sugar 560", "blood sugar 560")},
    {"tune": ("Hgb 6.1", "Hgb 6.1"), "heldout": ("hemoglobin 5.9", "hemoglobin 5.9")},
    {"tune": ("SpO2 82% on RA", "SpO2 82%"), "heldout": ("sats 81% on room air", "sats 81%")},
    {"tune": ("SI with a plan", "SI with a plan"),
     "heldout": ("suicidal thoughts with plan to overdose", "suicidal thoughts with plan")},
]  # fmt: skip

NEGATED = {
    "tune": ["fever", "chest pain", "dyspnea", "hematuria", "syncope", "vomiting"],
    "heldout": ["chills", "palpitations", "melena", "headache", "leg swelling", "dysuria"],
}
