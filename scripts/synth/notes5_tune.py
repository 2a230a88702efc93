"""The notes5 probe's open (tune) side: its wordings and its frames, one renderer per style.

The held-out side has a module of its own in other words; nothing here is shared with it.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notes5_probe import Note

#: concept -> wordings in English ("en") and Spanish ("es")
WORDS: dict[str, dict[str, list[str]]] = {
    "htn": {"en": ["Essential hypertension", "HTN, suboptimal on current regimen"],
            "es": ["Hipertensión arterial esencial", "HTA sistémica"]},
    "t2dm": {"en": ["Type 2 diabetes without complications", "T2DM, diet controlled"],
             "es": ["Diabetes mellitus tipo 2 sin complicaciones", "DM2 sin complicaciones"]},
    "t2dm_hyper": {"en": ["Type 2 diabetes, poorly controlled", "T2DM with hyperglycemia"],
                   "es": ["Diabetes mellitus tipo 2 con hiperglucemia",
                          "Diabetes tipo 2 mal controlada"]},
    "hypothyroid": {"en": ["Hypothyroidism", "Acquired hypothyroidism"],
                    "es": ["Hipotiroidismo"]},
    "hld": {"en": ["Hyperlipidemia", "Dyslipidemia, on statin"],
            "es": ["Dislipidemia", "Hiperlipidemia"]},
    "gerd": {"en": ["GERD", "Gastroesophageal reflux disease"],
             "es": ["Enfermedad por reflujo gastroesofágico", "ERGE"]},
    "asthma": {"en": ["Asthma, uncomplicated"], "es": ["Asma bronquial"]},
    "cap": {"en": ["Community-acquired pneumonia"],
            "es": ["Neumonía adquirida en la comunidad"]},
    "bronchitis": {"en": ["Acute bronchitis"], "es": ["Bronquitis aguda"]},
    "uti": {"en": ["UTI", "Urinary tract infection"],
            "es": ["Infección de vías urinarias", "Infección del tracto urinario"]},
    "lbp": {"en": ["Low back pain", "Mechanical low back pain"],
            "es": ["Lumbalgia mecánica", "Dolor lumbar"]},
    "migraine": {"en": ["Migraine"], "es": ["Migraña"]},
    "anxiety": {"en": ["Anxiety disorder"], "es": ["Trastorno de ansiedad"]},
    "depression": {"en": ["Depression"], "es": ["Depresión"]},
    "afib": {"en": ["Atrial fibrillation", "AFib, rate controlled"],
             "es": ["Fibrilación auricular"]},
    "ida": {"en": ["Iron deficiency anemia"],
            "es": ["Anemia ferropénica", "Anemia por deficiencia de hierro"]},
    "gout": {"en": ["Gout"], "es": ["Gota"]},
    "costo": {"en": ["Costochondritis"], "es": ["Costocondritis"]},
    "rhinitis": {"en": ["Allergic rhinitis"], "es": ["Rinitis alérgica"]},
    "sinusitis": {"en": ["Acute sinusitis"], "es": ["Sinusitis aguda"]},
    "insomnia": {"en": ["Insomnia"], "es": ["Insomnio"]},
    "vitd": {"en": ["Vitamin D deficiency"], "es": ["Déficit de vitamina D"]},
    "hypok": {"en": ["Hypokalemia"], "es": ["Hipopotasemia"]},
    "obesity": {"en": ["Obesity"], "es": ["Obesidad"]},
}  # fmt: skip

DRUG_NAMES: dict[str, dict[str, list[str]]] = {
    "metformin": {"en": ["metformin"], "es": ["metformina"]},
    "lisinopril": {"en": ["lisinopril"], "es": ["lisinopril"]},
    "losartan": {"en": ["losartan"], "es": ["losartán"]},
    "atorvastatin": {"en": ["atorvastatin"], "es": ["atorvastatina"]},
    "levothyroxine": {"en": ["levothyroxine"], "es": ["levotiroxina"]},
    "omeprazole": {"en": ["omeprazole"], "es": ["omeprazol"]},
    "amlodipine": {"en": ["amlodipine"], "es": ["amlodipino"]},
    "sertraline": {"en": ["sertraline"], "es": ["sertralina"]},
    "naproxen": {"en": ["naproxen"], "es": ["naproxeno"]},
    "allopurinol": {"en": ["allopurinol"], "es": ["alopurinol"]},
    "escitalopram": {"en": ["escitalopram"], "es": ["escitalopram"]},
    "amoxicillin": {"en": ["amoxicillin"], "es": ["amoxicilina"]},
}

#: (gold when, what the note says, gold what)
FOLLOW: dict[str, list[tuple[str, str, str]]] = {
    "en": [
        ("3 months", "HbA1c to be repeated in 3 months", "HbA1c"),
        ("2 weeks", "BMP drawn in 2 weeks", "BMP"),
        ("6 weeks", "TSH recheck in 6 weeks", "TSH recheck"),
        ("4 weeks", "clinic revisit in 4 weeks", "clinic revisit"),
        ("next available", "referral to physical therapy", "referral to physical therapy"),
        ("1 week", "wound check in 1 week", "wound check"),
    ],
    "es": [
        ("3 months", "control de hemoglobina glucosilada en 3 meses", "hemoglobina glucosilada"),
        ("2 weeks", "electrolitos séricos en 2 semanas", "electrolitos séricos"),
        ("1 month", "cita de control en un mes", "cita de control"),
        ("6 weeks", "perfil tiroideo en 6 semanas", "perfil tiroideo"),
        ("next available", "interconsulta a nutrición", "interconsulta a nutrición"),
    ],
}
NEGATED: dict[str, list[str]] = {
    "en": ["fever", "chest pain", "dysuria", "hemoptysis", "syncope", "melena", "weight loss"],
    "es": ["fiebre", "dolor torácico", "disnea", "disuria", "síncope", "pérdida de peso"],
}

#: Conditions the note names that are not the patient's problems today, by how they are named.
OTHER_DISEASE = ["Parkinson disease", "breast cancer", "tuberculosis", "dementia",
                 "multiple sclerosis", "hepatitis C", "leukemia", "lupus"]  # fmt: skip
OLD_DISEASE = ["pulmonary embolism", "appendicitis", "nephrolithiasis", "colon polyps",
               "cholecystitis", "pancreatitis", "Bell palsy", "herpes zoster"]  # fmt: skip
DDX = ["acute coronary syndrome", "pulmonary embolism", "aortic dissection", "pneumothorax",
       "pericarditis", "cholecystitis", "appendicitis", "kidney stone"]  # fmt: skip
ES_OLD = ["apendicitis", "tuberculosis pulmonar", "colecistitis", "litiasis renal",
          "hepatitis A", "neumonía"]  # fmt: skip
ES_OTHER = ["cáncer de mama", "enfermedad de Parkinson", "demencia", "diabetes tipo 1"]


def _pro(note: Note) -> tuple[str, str]:
    return ("He", "his") if note.sex == "M" else ("She", "her")


def _med_en(g: str, action: str, shown: str) -> str:
    from notes5_probe import DOSES

    old, new = DOSES[g]
    return {
        "started": f"Start {shown} {old} daily.",
        "stopped": f"Stop {shown}.",
        "dose_changed": f"Titrate {shown} up, {old} to {new}."
        if float(new.split()[0]) > float(old.split()[0])
        else f"Lower {shown}, {old} to {new}.",
        "continued": f"Continue {shown} {old}.",
    }[action]


def _med_es(g: str, action: str, shown: str) -> str:
    from notes5_probe import DOSES

    old, new = DOSES[g]
    return {
        "started": f"Iniciar {shown} {old} cada 24 horas.",
        "stopped": f"Suspender {shown}.",
        "dose_changed": f"Ajustar {shown} de {old} a {new} al día.",
        "continued": f"Continuar {shown} {old} sin cambios.",
    }[action]


def _plan_en(note: Note) -> list[str]:
    return [_med_en(g, a, s) for g, a, s in note.drugs] + [
        f"{said[0].upper()}{said[1:]}." for _, said, _ in note.follows
    ]


def spanish(rng: random.Random, note: Note) -> str:
    sexo = "masculino" if note.sex == "M" else "femenino"
    a, b, c = note.negated
    items = [said for _, said in note.problems]
    at = rng.randint(0, len(items))
    maybe = rng.choice(["apnea obstructiva del sueño", "hernia hiatal", "artritis reumatoide"])
    items.insert(at, f"Probable {maybe}, a descartar")
    plan = [_med_es(g, act, s) for g, act, s in note.drugs]
    plan += [f"{said[0].upper()}{said[1:]}." for _, said, _ in note.follows]
    return "\n".join(
        [
            "NOTA DE EVOLUCIÓN - MEDICINA FAMILIAR",
            f"Paciente {sexo} de {note.age} años que acude a consulta de seguimiento.",
            "Motivo de consulta: control de enfermedades crónicas.",
            f"Antecedentes personales: {rng.choice(ES_OLD)} en 2015, resuelta.",
            f"Antecedentes familiares: madre con {rng.choice(ES_OTHER)}.",
            "Alergias: penicilina (urticaria).",
            f"Interrogatorio: niega {a}, {b} y {c}.",
            "Exploración física: TA 142/88 mmHg, FC 76 lpm, afebril, sin edema.",
            "Impresión diagnóstica:",
            *[f"{i}. {item}" for i, item in enumerate(items, 1)],
            "Plan:",
            *[f"- {p}" for p in plan],
            "Dra. Beatriz Solano, Medicina Familiar",
        ]
    )


def mixed(rng: random.Random, note: Note) -> str:
    he, his = _pro(note)
    a, b, c = note.negated
    lines = [
        "Clinic note (Spanish interpreter present, in person)",
        f"S: {note.age} y/o {'man' if note.sex == 'M' else 'woman'}, prefers Spanish. {he} says"
        f' "me siento cansado" and {his} sugars have been high. Denies {a}, {b}, {c}.',
        f"PMH: {rng.choice(OLD_DISEASE)} (remote), otherwise per problem list.",
        "O: afebrile, BP 146/90, lungs clear.",
        "A/P:",
    ]
    for i, (_, said) in enumerate(note.problems, 1):
        lines.append(f"{i}. {said} - discussed with patient in Spanish.")
    lines.append(f"{len(note.problems) + 1}. Possible {rng.choice(OLD_DISEASE)} - will monitor.")
    lines += [f"- {p}" for p in _plan_en(note)]
    return "\n".join(lines)


def consult(rng: random.Random, note: Note) -> str:
    he, his = _pro(note)
    a, b, c = note.negated
    title = "Mr." if note.sex == "M" else "Ms."
    said = [s[0].lower() + s[1:] for _, s in note.problems]
    impression = ", ".join(said[:-1]) + f" and {said[-1]}" if len(said) > 1 else said[0]
    meds = " ".join(_med_en(g, act, s) for g, act, s in note.drugs)
    follow = " ".join(f"I would suggest {s}." for _, s, _ in note.follows)
    return "\n".join(
        [
            f"{rng.choice(['Rheumatology', 'Endocrinology', 'Pulmonology'])} Consultation",
            "",
            "Dear Dr. Okafor,",
            "",
            f"Thank you for referring {title} Ferreira, a {note.age}-year-old patient, whom I saw"
            " today in clinic.",
            f"{his.capitalize()} past history includes {rng.choice(OLD_DISEASE)} several years"
            f" ago, now resolved. {his.capitalize()} sister has {rng.choice(OTHER_DISEASE)}.",
            f"{he} denies {a}, {b} or {c}.",
            "On examination the chest was clear and the abdomen soft.",
            "",
            f"In summary, my impression is {impression}.",
            f"I do not think this is {rng.choice(['rheumatoid arthritis', 'sarcoidosis'])},"
            " although it cannot be excluded at this stage.",
            "",
            f"Recommendations: {meds} {follow}",
            "",
            "Kind regards,",
            "Dr. Hallam",
        ]
    )


def ed(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    d1, d2, d3 = rng.sample(DDX, 3)
    final = [said for _, said in note.problems]
    return "\n".join(
        [
            "EMERGENCY DEPARTMENT PROVIDER NOTE",
            f"HPI: {note.age}{note.sex} presents with 2 days of symptoms. Denies {a}, {b}, {c}.",
            f"MDM: ddx includes {d1}, {d2} and {d3}. {d1.capitalize()} less likely given normal"
            " workup.",
            "Labs: troponin negative x2, lipase normal.",
            "Assessment:",
            *[f"- {f}" for f in final],
            f"- Ddx: {d2} vs {d3}, less likely",
            "Plan / dispo: discharge home.",
            *[f"- {p}" for p in _plan_en(note)],
        ]
    )


def status(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    rows = [f"{said} | active" for _, said in note.problems]
    old = rng.sample(OLD_DISEASE, 2)
    rows.insert(rng.randint(0, len(rows)), f"{old[0].capitalize()} | resolved")
    rows.append(f"{old[1].capitalize()} | historical")
    return "\n".join(
        [
            "PROBLEM-ORIENTED VISIT",
            f"Subjective: follow-up. Denies {a}, {b}, {c}.",
            "Problem list and status:",
            "Problem | Status",
            *rows,
            "Plan:",
            *[f"- {p}" for p in _plan_en(note)],
        ]
    )


def checkbox(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    boxes = [f"[x] {said}" for _, said in note.problems]
    for d in rng.sample(["Type 1 diabetes", "Coronary artery disease", "COPD", "Heart failure"], 2):
        boxes.insert(rng.randint(0, len(boxes)), f"[ ] {d}")
    return "\n".join(
        [
            "VISIT TEMPLATE",
            "PMH: [x] Hypertension [ ] Stroke [x] Osteoarthritis [ ] Cancer",
            f"ROS: [ ] weight gain [x] fatigue. Denies {a}, {b}, {c}.",
            "Assessment (check all that apply):",
            *boxes,
            "Plan:",
            *[f"- {p}" for p in _plan_en(note)],
        ]
    )


def impression(rng: random.Random, note: Note) -> str:
    a, b, c = note.negated
    items = [said for _, said in note.problems]
    d1, d2 = rng.sample(DDX, 2)
    extra = [
        f"Rule out {rng.choice(['sleep apnea', 'celiac disease', 'hyperparathyroidism'])}",
        f"Concern for {d1} vs {d2}",
        f"Hx of {rng.choice(OLD_DISEASE)}, not addressed today",
    ]
    for e in rng.sample(extra, 2):
        items.insert(rng.randint(0, len(items)), e)
    return "\n".join(
        [
            "Outpatient note",
            f"History: here for review. Denies {a}, {b} and {c}.",
            "Impression:",
            *[f"{i}. {item}" for i, item in enumerate(items, 1)],
            "Plan:",
            *[f"- {p}" for p in _plan_en(note)],
        ]
    )


def others(rng: random.Random, note: Note) -> str:
    he, his = _pro(note)
    a, b, c = note.negated
    kin = rng.sample(["husband", "wife", "son", "roommate", "coworker"], 2)
    dis = rng.sample(OTHER_DISEASE, 2)
    items = [f"{s}" for _, s in note.problems]
    items[0] = f"{items[0]}, {kin[0]} recently diagnosed with {dis[0]}"
    items.append(f"{kin[1].capitalize()} with {dis[1]} - caregiver support discussed")
    return "\n".join(
        [
            "Primary care visit",
            f"HPI: {he} came with {his} {kin[0]}. Denies {a}, {b}, {c}.",
            "Assessment and plan:",
            *[f"{i}. {item}" for i, item in enumerate(items, 1)],
            *[f"- {p}" for p in _plan_en(note)],
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
