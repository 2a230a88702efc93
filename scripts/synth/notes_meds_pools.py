"""Pools of the medication/follow-up probe: drugs, follow-ups, red flags, per side.

Each entry names its wordings per side ("tune", "heldout"); the sides were written
independently (the held-out side before any tuning, and never read while tuning). Drugs are
named by the generic the gold uses; a note may write a brand, a combination or a salt form.
Problems and denied findings come from the notes4 pools (``notes4_pools.py``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Med:
    """A drug: the generic the gold names, the names a note writes per side, two doses, a sig."""

    generic: str
    names: dict[str, list[str]]
    old: str
    new: str
    sig: str
    prn: str = ""  # what it is taken for when needed ("" = scheduled)


def _m(generic: str, tune: list[str], heldout: list[str], old: str, new: str, sig: str,
       prn: str = "") -> Med:  # fmt: skip
    return Med(generic, {"tune": tune, "heldout": heldout}, old, new, sig, prn)


MEDS: list[Med] = [
    _m("furosemide", ["Lasix"], ["furosemide"], "20 mg", "40 mg", "daily"),
    _m("metformin", ["metformin"], ["Glucophage"], "500 mg", "1000 mg", "twice daily"),
    _m("lisinopril", ["lisinopril"], ["Zestril"], "10 mg", "20 mg", "daily"),
    _m("atorvastatin", ["Lipitor"], ["atorvastatin"], "20 mg", "40 mg", "at bedtime"),
    _m("sertraline", ["Zoloft"], ["sertraline"], "50 mg", "100 mg", "daily"),
    _m("warfarin", ["Coumadin"], ["warfarin"], "5 mg", "2.5 mg", "daily"),
    _m("amlodipine", ["Norvasc"], ["amlodipine"], "5 mg", "10 mg", "daily"),
    _m("levothyroxine", ["levothyroxine"], ["Synthroid"], "50 mcg", "75 mcg", "daily"),
    _m("pantoprazole", ["Protonix"], ["pantoprazole"], "40 mg", "20 mg", "daily"),
    _m("gabapentin", ["gabapentin"], ["Neurontin"], "300 mg", "600 mg", "at night"),
    _m("apixaban", ["Eliquis"], ["apixaban"], "5 mg", "2.5 mg", "twice daily"),
    _m(
        "sulfamethoxazole-trimethoprim",
        ["Bactrim DS"],
        ["sulfamethoxazole-trimethoprim"],
        "800-160 mg",
        "800-160 mg",
        "twice daily",
    ),
    _m(
        "losartan-hydrochlorothiazide",
        ["losartan-HCTZ"],
        ["Hyzaar"],
        "50-12.5 mg",
        "100-25 mg",
        "daily",
    ),
    _m("albuterol", ["albuterol HFA"], ["ProAir"], "2 puffs", "2 puffs", "q4h", "wheezing"),
    _m("oxycodone", ["oxycodone"], ["Roxicodone"], "5 mg", "5 mg", "q6h", "severe pain"),
    _m("prednisone", ["prednisone"], ["prednisone"], "40 mg", "20 mg", "daily"),
    _m("tamsulosin", ["Flomax"], ["tamsulosin"], "0.4 mg", "0.8 mg", "at bedtime"),
    _m("insulin glargine", ["Lantus"], ["insulin glargine"], "20 units", "24 units", "at night"),
    _m(
        "metoprolol succinate",
        ["Toprol XL"],
        ["metoprolol succinate ER"],
        "25 mg",
        "50 mg",
        "daily",
    ),
    _m("spironolactone", ["Aldactone"], ["spironolactone"], "25 mg", "50 mg", "daily"),
    _m("ondansetron", ["Zofran"], ["ondansetron ODT"], "4 mg", "4 mg", "q8h", "nausea"),
    _m("cephalexin", ["Keflex"], ["cephalexin"], "500 mg", "500 mg", "four times daily"),
    _m("aspirin", ["ASA"], ["aspirin EC"], "81 mg", "325 mg", "daily"),
    _m("hydrochlorothiazide", ["HCTZ"], ["hydrochlorothiazide"], "12.5 mg", "25 mg", "daily"),
    _m(
        "nitroglycerin", ["NTG SL"], ["nitroglycerin"], "0.4 mg", "0.4 mg", "q5min x3", "chest pain"
    ),
    _m("acetaminophen", ["APAP"], ["Tylenol"], "650 mg", "1000 mg", "q6h", "pain"),
    _m("isosorbide mononitrate", ["Imdur"], ["ISMN ER"], "30 mg", "60 mg", "daily"),
    _m("carvedilol", ["COREG"], ["carvedilol"], "6.25 mg", "12.5 mg", "twice daily"),
    _m("clopidogrel", ["Plavix"], ["clopidogrel"], "75 mg", "75 mg", "daily"),
    _m("empagliflozin", ["Jardiance"], ["empagliflozin"], "10 mg", "25 mg", "daily"),
    _m(
        "amoxicillin-clavulanate",
        ["Augmentin"],
        ["amoxicillin-clavulanate"],
        "875-125 mg",
        "875-125 mg",
        "twice daily",
    ),
    _m(
        "hydrocodone-acetaminophen",
        ["Norco"],
        ["hydrocodone/APAP"],
        "5-325 mg",
        "5-325 mg",
        "q6h",
        "pain",
    ),
    _m(
        "fluticasone-salmeterol",
        ["Advair"],
        ["fluticasone/salmeterol"],
        "250-50 mcg",
        "500-50 mcg",
        "twice daily",
    ),
    _m(
        "sacubitril-valsartan",
        ["Entresto"],
        ["sacubitril/valsartan"],
        "24-26 mg",
        "49-51 mg",
        "twice daily",
    ),
    _m(
        "metoprolol tartrate",
        ["METOPROLOL TARTRATE"],
        ["Lopressor"],
        "25 mg",
        "50 mg",
        "twice daily",
    ),
]

#: Why a drug was stopped, per side.
REASONS = {
    "tune": ["dry cough", "rising creatinine", "GI upset", "orthostasis", "rash"],
    "heldout": ["ankle swelling", "a low heart rate", "diarrhea", "bruising", "dizziness"],
}

#: Follow-ups: (said, gold what, gold when) per side.
FOLLOW: list[dict[str, tuple[str, str, str | None]]] = [
    {"tune": ("RTC 2 wk", "RTC", "2 weeks"),
     "heldout": ("Return visit in two weeks' time", "return visit", "2 weeks")},
    {"tune": ("f/u with cardiology in 3 months", "cardiology", "3 months"),
     "heldout": ("Cardiology to see her again in approximately 3 months", "cardiology",
                 "3 months")},
    {"tune": ("BMP and Mg before next visit", "BMP and Mg", "before next visit"),
     "heldout": ("needs a chemistry panel drawn ahead of the next appointment",
                 "chemistry panel", "next appointment")},
    {"tune": ("PCP follow-up within 7 days", "PCP follow-up", "7 days"),
     "heldout": ("please book with primary care in one week", "primary care", "1 week")},
    {"tune": ("recheck INR on Thursday", "recheck INR", "Thursday"),
     "heldout": ("INR check Monday at the anticoagulation clinic", "INR check", "Monday")},
    {"tune": ("TSH in 6 wks", "TSH", "6 weeks"),
     "heldout": ("thyroid labs in six weeks", "thyroid labs", "6 weeks")},
    {"tune": ("sleep medicine referral", "sleep medicine referral", None),
     "heldout": ("GI consult placed for outpatient colonoscopy", "GI consult", None)},
    {"tune": ("repeat CBC 1 wk", "repeat CBC", "1 week"),
     "heldout": ("wound check next Friday", "wound check", "next Friday")},
    {"tune": ("PT eval and treat", "PT eval", None),
     "heldout": ("home health nursing for medication teaching", "home health nursing", None)},
    {"tune": ("urology appt 4-6 wks", "urology appt", "4-6 weeks"),
     "heldout": ("dermatology to reassess in 3-4 months", "dermatology", "3-4 months")},
    {"tune": ("fasting lipid panel in 3 mo", "fasting lipid panel", "3 months"),
     "heldout": ("urine microalbumin at the next visit", "urine microalbumin", "next visit")},
    {"tune": ("Next appt: 3 months", "Next appt", "3 months"),
     "heldout": ("Schedule follow-up with neurology in 8 weeks", "neurology", "8 weeks")},
    {"tune": ("CBC/CMP in 1 wk", "CBC/CMP", "1 week"),
     "heldout": ("Sleep study to be arranged", "sleep study", None)},
    {"tune": ("GI referral placed", "GI referral", None),
     "heldout": ("See the diabetes educator within the month", "diabetes educator", "1 month")},
    {"tune": ("echo prior to next appt", "echo", "before next visit"),
     "heldout": ("Holter monitor to be mailed to the home", "Holter monitor", None)},
]  # fmt: skip

#: Alarming findings the patient has: (said, gold) per side, vitals, labs and symptoms.
RED_FLAGS: list[dict[str, tuple[str, str]]] = [
    {"tune": ("K+ 6.4 mEq/L", "K+ 6.4"), "heldout": ("serum potassium measured at 6.7",
                                                    "potassium measured at 6.7")},
    {"tune": ("Na 122", "Na 122"), "heldout": ("sodium of 119 mmol/L", "sodium of 119")},
    {"tune": ("BG 41", "BG 41"), "heldout": ("fingerstick glucose 2.2 mmol/L",
                                            "glucose 2.2 mmol/L")},
    {"tune": ("Hb 64 g/L", "Hb 64 g/L"), "heldout": ("haemoglobin 58 g/L", "haemoglobin 58")},
    {"tune": ("BP 192/126", "BP 192/126"), "heldout": ("blood pressure 210/130",
                                                      "blood pressure 210/130")},
    {"tune": ("HR 148, irregular", "HR 148"), "heldout": ("pulse 152 and irregularly irregular",
                                                         "pulse 152")},
    {"tune": ("RR 34", "RR 34"), "heldout": ("breathing 36 times a minute",
                                            "breathing 36 times a minute")},
    {"tune": ("temp 40.3 C", "temp 40.3"), "heldout": ("Temp 104.1F", "Temp 104.1F")},
    {"tune": ("SpO2 86% on RA", "SpO2 86%"), "heldout": ("O2 sats 83% on room air", "sats 83%")},
    {"tune": ("INR 6.8", "INR 6.8"), "heldout": ("INR of 7.4", "INR of 7.4")},
    {"tune": ("creatinine 3.6 mg/dL (baseline 1.1)", "creatinine 3.6"),
     "heldout": ("creatinine 318 umol/L", "creatinine 318")},
    {"tune": ("SBP 82", "SBP 82"), "heldout": ("systolic in the 70s", "systolic in the 70s")},
    {"tune": ("lactate 5.2", "lactate 5.2"), "heldout": ("lactic acid 6.1", "lactic acid 6.1")},
    {"tune": ("melena x 2 days", "melena"), "heldout": ("black tarry stools since Sunday",
                                                       "black tarry stools")},
    {"tune": ("new left facial droop", "facial droop"),
     "heldout": ("slurred speech and right arm weakness this morning",
                 "slurred speech and right arm weakness")},
    {"tune": ("chest pain radiating to the jaw with diaphoresis",
              "chest pain radiating to the jaw with diaphoresis"),
     "heldout": ("crushing substernal pressure, drenched in sweat",
                 "crushing substernal pressure")},
    {"tune": ("HR 38 on the monitor", "HR 38"), "heldout": ("heart rate 36", "heart rate 36")},
    {"tune": ("T 34.6 C", "T 34.6"), "heldout": ("core temperature 34.4 C", "temperature 34.4")},
    {"tune": ("GCS 7", "GCS 7"), "heldout": ("Glasgow coma scale 8", "Glasgow coma scale 8")},
    {"tune": ("plt 14K", "plt 14K"), "heldout": ("platelet count 11,000", "platelet count 11,000")},
    {"tune": ("K 2.3", "K 2.3"), "heldout": ("potassium of 2.2", "potassium of 2.2")},
    {"tune": ("worst headache of her life", "worst headache of her life"),
     "heldout": ("vomiting bright red blood", "vomiting bright red blood")},
    {"tune": ("syncopal episode at home", "syncopal episode"),
     "heldout": ("passed out while standing at the sink", "passed out")},
]  # fmt: skip

#: A return-precautions sentence per side: hypothetical, never a red flag nor a follow-up.
PRECAUTIONS = {
    "tune": ["Return precautions: chest pain, SOB, fainting.",
             "ED if fever > 38.5 or bleeding."],
    "heldout": ["She knows to come back right away for any trouble breathing or black stools.",
                "Advised to call 911 should he have one-sided weakness."],
}  # fmt: skip
