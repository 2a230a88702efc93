"""The blind voice of ``pa_dates_probe.py`` (written first; not read while tuning).

Scenarios, names, payers, labels, sentences, blank words and date spellings of
``evals/data/own_heldout_pa_dates/``. Everything is invented.
"""

# ruff: noqa: E501

SPELLINGS = [
    "glued2",
    "es_del",
    "es_abbr",
    "ymd_slash",
    "dot_dmy",
    "mon_first_dash",
    "ordinal",
    "glued4",
]

# (service in words, procedure code, ICD-10-CM, diagnosis words, clinician's reason)
SCEN = [
    (
        "MRI brain with and without contrast",
        "70553",
        "G43.909",
        "migraine, unspecified",
        "Headaches have doubled in frequency over four months despite two preventive agents; new visual aura on the left.",
    ),
    (
        "total hip arthroplasty, right",
        "27130",
        "M16.11",
        "primary osteoarthritis, right hip",
        "Night pain, a Harris hip score of 48 and a failed year of injections and supervised exercise.",
    ),
    (
        "attended polysomnography with CPAP titration",
        "95811",
        "G47.33",
        "obstructive sleep apnea",
        "Home study showed an AHI of 41 with desaturation to 78 percent; he dozes while driving.",
    ),
    (
        "lumbar laminectomy L4-L5",
        "63047",
        "M48.062",
        "spinal stenosis with neurogenic claudication",
        "Walking tolerance is down to one block; epidural injections gave under a week of relief.",
    ),
    (
        "upper endoscopy with biopsy",
        "43239",
        "K21.9",
        "reflux without esophagitis",
        "Heartburn persists on twice-daily omeprazole for ten weeks, with new trouble swallowing solids.",
    ),
    (
        "transthoracic echocardiogram",
        "93306",
        "R01.1",
        "cardiac murmur",
        "A new grade three systolic murmur was heard at the annual visit, with exertional breathlessness.",
    ),
    (
        "power wheelchair, group 2",
        "K0823",
        "G35",
        "multiple sclerosis",
        "She can no longer self-propel a manual chair more than a few meters and falls at transfers.",
    ),
]

FIRST = ["Soledad", "Idris", "Maribel", "Tobias", "Ngozi", "Leandro", "Pilar", "Casimir", "Yesenia"]
LAST = [
    "Arrieta",
    "Okwuosa",
    "Villarreal",
    "Brandvold",
    "Mbatha",
    "Quiroga",
    "Ferrante",
    "Lindqvist",
]
CLINICIANS = [
    ("Rosalind", "Achebe", "MD"),
    ("Teodoro", "Gallardo", "DO"),
    ("Hyun-woo", "Baek", "MD"),
    ("Marisol", "Echeverria", "NP"),
]
PAYERS = [
    ("Sierra Madre Health Plan", "SMH"),
    ("Cascade Ridge Insurance", "CRI"),
    ("Magnolia Bay Health", "MBH"),
]
CLINICS = [
    "Clinica del Valle Verde",
    "Riverside Neuro & Spine",
    "Old Mill Family Medicine",
    "Cedar Point Orthopaedics",
]
DOMAIN = "valleverde.example.org"

BLANKS = ["sin dato", "no registrado", "por definir", "??", "(not captured)"]

REQ_OBJECTS = [
    "office notes from the last two visits",
    "a trial of formulary alternatives",
    "the imaging report from the past year",
    "a signed face-to-face examination note",
    "sleep study results with the AHI",
    "documentation of functional limitation",
]
REQ_FORMS = [
    "Before {payer} can decide, the file has to contain {req}.",
    "Per the plan's medical policy we were told to attach {req}.",
    "La aseguradora pide {req}.",
    "Reviewers at {payer} look for {req} in every packet of this kind.",
]

REQ_TITLE = "ORDER REQUISITION / EXPORT v2"
KEYS = {
    "doc": "CREATED",
    "site": "ORDERING_SITE",
    "pt": "PT_NAME",
    "dob": "PT_BIRTH",
    "plan": "INS_PLAN",
    "mid": "INS_MEMBER",
    "svc": "ORDER_DESC",
    "cpt": "ORDER_CPT",
    "dx": "ORDER_ICD",
    "dos": "SCHED_DATE",
    "prov": "ORDERING_MD",
    "npi": "ORDERING_NPI",
}

SHEET_TITLE = "Hoja de autorizacion previa / Prior approval sheet"
SHEET = {
    "printed": "Impreso",
    "pt": "Paciente",
    "dob": "Fecha de nacimiento",
    "plan": "Aseguradora",
    "mid": "Numero de afiliado",
    "prov": "Medico solicitante",
    "npi": "NPI",
    "cpt": "Codigo CPT",
    "dx": "Diagnostico CIE-10",
    "svc": "Servicio",
    "dos": "Fecha programada",
    "why": "Motivo clinico",
}

MEMO = {
    "date": "Fecha del memo: {when}",
    "pt": "Paciente atendido hoy: {pt}.",
    "dob": "Nacido el {dob}.",
    "cov": "Tiene seguro con {payer}, afiliado numero {mid}.",
    "ask": "Solicitamos autorizacion para {svc} (CPT {code}) por {desc}, CIE-10 {dx}.",
    "when": "La cita quedo programada para el {when}.",
    "when_none": "Todavia no hay fecha para la cita.",
    "sign": "Firma: {doc}, {cred}",
    "npi": "NPI del medico: {npi}",
}

MAIL = {
    "from": "From:",
    "sent": "Sent:",
    "to": "To:",
    "desk": "precert intake",
    "subject": "Subject: precert -",
    "hello": "Good afternoon intake team,",
    "body": "Writing about {pt}, who needs {svc} (procedure {code}); the working diagnosis is {desc}, {dx}.",
    "dob": "Her birthday on our chart is {dob}.",
    "mid": "The card on file lists member number {mid}.",
    "when": "We have a slot held on {when}.",
    "bye": "Many thanks,",
    "npi": "Individual NPI {npi}",
}

LEDGER_TITLE = "SCHEDULING LEDGER - PRECERT QUEUE"
LEDGER = {
    "opened": "Entry opened",
    "pt": "Patient",
    "dob": "Birth",
    "plan": "Insurer",
    "mid": "Subscriber no.",
    "svc": "Booked service",
    "dx": "Reason code",
    "dos": "Slot date",
    "prov": "Ordering clinician",
    "npi": "Clinician NPI",
    "note": "Clinical note",
}
