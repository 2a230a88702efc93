"""The notes5 probe's blind (held-out) side: its own wordings and frames.

Written before any tuning and never read afterwards; its output is scored once, aggregate only.
Shares no wording with the tune side (``notes5_tune.py``).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notes5_probe import Note

WORDS: dict[str, dict[str, list[str]]] = {
    "htn": {"en": ["Primary hypertension", "High blood pressure, not at target"],
            "es": ["Hipertensión esencial", "Hipertensión arterial sistémica"]},
    "t2dm": {"en": ["Diabetes mellitus type 2, uncomplicated", "NIDDM without complication"],
             "es": ["Diabetes tipo 2 no complicada", "DM tipo 2 sin complicación"]},
    "t2dm_hyper": {"en": ["T2 diabetes, uncontrolled with hyperglycemia",
                          "DM2 - inadequately controlled"],
                   "es": ["DM2 descontrolada con hiperglucemia",
                          "Diabetes mellitus 2 con hiperglucemia"]},
    "hypothyroid": {"en": ["Hypothyroid state on replacement", "Hypothyroidism, unspecified type"],
                    "es": ["Hipotiroidismo adquirido"]},
    "hld": {"en": ["HLD", "Hyperlipidaemia"], "es": ["Hiperlipidemia no especificada"]},
    "gerd": {"en": ["Reflux disease (GERD)", "Acid reflux / GERD"],
             "es": ["Reflujo gastroesofágico"]},
    "asthma": {"en": ["Bronchial asthma, stable"], "es": ["Asma, no complicada"]},
    "cap": {"en": ["Pneumonia, community acquired"], "es": ["Neumonía comunitaria"]},
    "bronchitis": {"en": ["Bronchitis, acute"], "es": ["Bronquitis aguda viral"]},
    "uti": {"en": ["Urinary infection"], "es": ["Infección urinaria", "IVU"]},
    "lbp": {"en": ["Lumbago", "Lower back pain"], "es": ["Dolor de espalda baja", "Lumbalgia"]},
    "migraine": {"en": ["Migraine headaches"], "es": ["Cefalea migrañosa"]},
    "anxiety": {"en": ["Anxiety"], "es": ["Ansiedad"]},
    "depression": {"en": ["Depressive disorder"], "es": ["Trastorno depresivo"]},
    "afib": {"en": ["A-fib", "Atrial fibrillation, unspecified"],
             "es": ["Fibrilación atrial"]},
    "ida": {"en": ["Anemia, iron deficiency"], "es": ["Anemia ferropriva"]},
    "gout": {"en": ["Gouty arthritis"], "es": ["Artritis gotosa"]},
    "costo": {"en": ["Tietze / costochondral pain"], "es": ["Costocondritis"]},
    "rhinitis": {"en": ["Seasonal allergies (allergic rhinitis)"],
                 "es": ["Rinitis alérgica estacional"]},
    "sinusitis": {"en": ["Sinusitis, acute"], "es": ["Sinusitis aguda"]},
    "insomnia": {"en": ["Trouble sleeping / insomnia"], "es": ["Insomnio crónico"]},
    "vitd": {"en": ["Low vitamin D"], "es": ["Hipovitaminosis D"]},
    "hypok": {"en": ["Low potassium"], "es": ["Hipokalemia"]},
    "obesity": {"en": ["Obesity, adult"], "es": ["Obesidad exógena"]},
}  # fmt: skip

DRUG_NAMES: dict[str, dict[str, list[str]]] = {
    "metformin": {"en": ["Glucophage"], "es": ["metformina"]},
    "lisinopril": {"en": ["lisinopril"], "es": ["lisinoprilo"]},
    "losartan": {"en": ["Cozaar"], "es": ["losartán potásico"]},
    "atorvastatin": {"en": ["Lipitor"], "es": ["atorvastatina"]},
    "levothyroxine": {"en": ["levothyroxine"], "es": ["levotiroxina sódica"]},
    "omeprazole": {"en": ["Prilosec"], "es": ["omeprazol"]},
    "amlodipine": {"en": ["amlodipine"], "es": ["amlodipina"]},
    "sertraline": {"en": ["Zoloft"], "es": ["sertralina"]},
    "naproxen": {"en": ["naproxen"], "es": ["naproxeno"]},
    "hydrochlorothiazide": {"en": ["HCTZ"], "es": ["hidroclorotiazida"]},
    "cetirizine": {"en": ["cetirizine"], "es": ["cetirizina"]},
    "amoxicillin": {"en": ["amoxicillin"], "es": ["amoxicilina"]},
}

FOLLOW: dict[str, list[tuple[str, str, str]]] = {
    "en": [
        ("8 weeks", "lipid panel at 8 weeks", "lipid panel"),
        ("10 days", "see me again in 10 days", "see me again"),
        ("next available", "sleep study to be scheduled", "sleep study"),
        ("1 month", "CMP within a month", "CMP"),
        ("6 months", "DEXA scan in six months", "DEXA scan"),
    ],
    "es": [
        ("3 months", "nueva cita en tres meses", "nueva cita"),
        ("1 week", "urocultivo de control en una semana", "urocultivo de control"),
        ("next available", "derivación a cardiología", "derivación a cardiología"),
        ("2 months", "perfil lipídico en 2 meses", "perfil lipídico"),
    ],
}
NEGATED: dict[str, list[str]] = {
    "en": ["palpitations", "shortness of breath", "vomiting", "hematuria", "headache", "rash"],
    "es": ["vómitos", "cefalea", "palpitaciones", "hematuria", "dolor abdominal"],
}

SOMEONE_ELSE = ["Alzheimer disease", "lung cancer", "COVID-19", "schizophrenia", "cirrhosis",
                "prostate cancer", "epilepsy", "heart failure"]  # fmt: skip
PAST = ["DVT", "kidney stones", "shingles", "gastric ulcer", "diverticulitis", "gallstones",
        "Lyme disease", "hepatitis B"]  # fmt: skip
DIFFERENTIAL = [
    "myocardial infarction",
    "PE",
    "dissection",
    "esophageal rupture",
    "pancreatitis",
    "diverticulitis",
    "ovarian torsion",
    "bowel obstruction",
]
ES_PAST = ["colelitiasis", "fractura de muñeca", "hepatitis viral", "herpes zóster"]
ES_FAMILY = ["cáncer de colon", "infarto de miocardio", "Alzheimer", "asma"]


def _dose(g: str) -> tuple[str, str]:
    from notes5_probe import DOSES

    return DOSES[g]


def _rx(g: str, action: str, shown: str) -> str:
    old, new = _dose(g)
    return {
        "started": f"New: {shown} {old} once a day",
        "stopped": f"{shown} discontinued",
        "dose_changed": f"{shown} dose adjusted {old} -> {new}",
        "continued": f"{shown} {old}, no change",
    }[action]


def _rx_es(g: str, action: str, shown: str) -> str:
    old, new = _dose(g)
    return {
        "started": f"Se inicia {shown} {old} diario",
        "stopped": f"Se suspende {shown}",
        "dose_changed": f"Se modifica la dosis de {shown} a {new}",
        "continued": f"Mantener {shown} {old}",
    }[action]


def _orders(note: Note) -> list[str]:
    return [_rx(g, a, s) for g, a, s in note.drugs] + [said for _, said, _ in note.follows]


def spanish(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    dx = [f"- {said}" for _, said in note.problems]
    at = rng.randint(0, len(dx))
    maybe = rng.choice(["hipotiroidismo subclínico", "síndrome de colon irritable", "fibromialgia"])
    dx.insert(at, f"- Sospecha de {maybe}")
    dx.append(f"- Antecedente de {rng.choice(ES_PAST)} (resuelto)")
    return "\n".join(
        [
            "HISTORIA CLÍNICA - CONSULTA EXTERNA",
            f"Edad: {note.age} años. Sexo: {'hombre' if note.sex == 'M' else 'mujer'}.",
            "Enfermedad actual: refiere cansancio desde hace un mes.",
            f"Antecedentes familiares: padre fallecido por {rng.choice(ES_FAMILY)}.",
            f"Revisión por sistemas: sin {a}, sin {b}, sin {c}.",
            "Examen físico: presión arterial 150/92, saturación 97%.",
            "Diagnósticos:",
            *dx,
            "Tratamiento:",
            *[f"* {_rx_es(g, act, s)}" for g, act, s in note.drugs],
            "Indicaciones:",
            *[f"* {said}" for _, said, _ in note.follows],
        ]
    )


def mixed(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    dx = [said for _, said in note.problems]
    return "\n".join(
        [
            "Bilingual visit - notes partly in Spanish per clinician",
            f"CC: seguimiento. {note.age}yo, no {a}, no {b}, no {c}.",
            f"Past hx: {rng.choice(PAST)} years ago (treated).",
            "Assessment:",
            *[f"# {d}" for d in dx],
            f"# r/o {rng.choice(PAST)}",
            "Orders:",
            *[f"> {o}" for o in _orders(note)],
        ]
    )


def consult(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    dx = "; ".join(said for _, said in note.problems)
    who = "him" if note.sex == "M" else "her"
    return "\n".join(
        [
            "Cardiology Clinic Letter",
            "Re: patient seen in outpatient clinic",
            "",
            f"Many thanks for asking me to see this {note.age} year old, whom I reviewed today.",
            f"Background: {rng.choice(PAST)} in the past, fully treated; a brother with"
            f" {rng.choice(SOMEONE_ELSE)}. No {a}, {b} or {c} reported.",
            f"I believe the main issues are: {dx}.",
            f"I considered {rng.choice(DIFFERENTIAL)} but feel this is unlikely.",
            "Management: " + ". ".join(_orders(note)) + ".",
            f"I will see {who} again as needed.",
            "Yours sincerely,",
            "Consultant cardiologist",
        ]
    )


def ed(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    d1, d2 = rng.sample(DIFFERENTIAL, 2)
    return "\n".join(
        [
            "ED Physician Documentation",
            f"Chief complaint: {note.age} y/o with acute symptoms; negative for {a}, {b}, {c}.",
            f"Medical decision making: broad differential including {d1} and {d2}; doubt {d1}"
            f" clinically, low suspicion for {d2} after imaging.",
            "Diagnosis:",
            *[f"{i}) {said}" for i, (_, said) in enumerate(note.problems, 1)],
            f"Differential not favored: {d1}, {d2}.",
            "Disposition: home with instructions",
            *[f"• {o}" for o in _orders(note)],
        ]
    )


def status(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    old = rng.sample(PAST, 2)
    return "\n".join(
        [
            "Chronic care review",
            f"Interval: no {a}, {b} or {c}.",
            "Active problems:",
            *[f"  {said} (ongoing)" for _, said in note.problems],
            "Resolved problems:",
            *[f"  {o} - remote" for o in old],
            "Plan this visit:",
            *[f"  {o}" for o in _orders(note)],
        ]
    )


def checkbox(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    ticks = [f"(X) {said}" for _, said in note.problems]
    for d in rng.sample(["Chronic kidney disease", "Atrial flutter", "Hepatitis C"], 2):
        ticks.insert(rng.randint(0, len(ticks)), f"( ) {d}")
    return "\n".join(
        [
            "Structured encounter form",
            "Past history: (X) Appendectomy ( ) Diabetes ( ) Stroke",
            f"Symptoms reviewed: no {a}; no {b}; no {c}.",
            "Diagnoses addressed:",
            *ticks,
            "Treatment plan:",
            *[f"- {o}" for o in _orders(note)],
        ]
    )


def impression(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    items = [said for _, said in note.problems]
    items.insert(rng.randint(0, len(items)), f"Cannot exclude {rng.choice(DIFFERENTIAL)}")
    items.append(f"History of {rng.choice(PAST)} - inactive")
    return "\n".join(
        [
            "Follow-up",
            f"Pt seen with daughter. Reports no {a}, {b}, or {c}.",
            "IMPRESSION",
            *[f"#{i}. {item}" for i, item in enumerate(items, 1)],
            "PLAN",
            *[f"#{i}. {o}" for i, o in enumerate(_orders(note), 1)],
        ]
    )


def others(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    person = rng.choice(["partner", "daughter", "grandson", "neighbour"])
    illness = rng.choice(SOMEONE_ELSE)
    dx = [said for _, said in note.problems]
    dx[-1] = f"{dx[-1]} ({person} has {illness})"
    return "\n".join(
        [
            "Family medicine progress note",
            f"Here alone. No {a}, {b}, {c}.",
            "Assessment/Plan:",
            *[f"{i}) {d}" for i, d in enumerate(dx, 1)],
            f"Stress at home: {person} with {rng.choice(SOMEONE_ELSE)}.",
            *[f"{o}." for o in _orders(note)],
        ]
    )


RENDER = {
    "spanish": spanish,
    "mixed": mixed,
    "consult": consult,
    "ed": ed,
    "status": status,
    "checkbox": checkbox,
    "impression": impression,
    "others": others,
}


def render(rng: random.Random, note: Note) -> str:
    """The note in the style's frame, in this side's words."""
    return RENDER[note.style](rng, note)
