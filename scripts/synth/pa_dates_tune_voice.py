"""The open voice of ``pa_dates_probe.py``: tune against ``evals/data/tune_pa_dates/``.

Scenarios, names, payers, labels, sentences, blank words and date spellings. Everything is
invented; written after the blind voice, with none of its words.
"""

# ruff: noqa: E501

SPELLINGS = [
    "glued4",
    "es_long",
    "dot_mdy",
    "dash_yy",
    "mon_dash",
    "ordinal",
    "dot_dmy",
    "ymd_slash",
]

# (service in words, procedure code, ICD-10-CM, diagnosis words, clinician's reason)
SCEN = [
    (
        "MRI lumbar spine without contrast",
        "72148",
        "M54.16",
        "lumbar radiculopathy",
        "Shooting pain down the left leg for nine weeks, absent ankle reflex, no gain from therapy.",
    ),
    (
        "total knee replacement, left",
        "27447",
        "M17.12",
        "osteoarthritis of the left knee",
        "Bone-on-bone narrowing on standing films; cane-dependent; three steroid shots wore off fast.",
    ),
    (
        "arthroscopic rotator cuff repair",
        "29827",
        "M75.121",
        "complete rotator cuff tear, right",
        "Full-thickness tear on ultrasound, weak external rotation, pain every night for months.",
    ),
    (
        "diagnostic colonoscopy",
        "45378",
        "K51.90",
        "ulcerative colitis",
        "Bloody stools six times daily on mesalamine; calprotectin above 900.",
    ),
    (
        "CT abdomen and pelvis with contrast",
        "74177",
        "R10.31",
        "right lower quadrant pain",
        "Two emergency visits for right-sided pain with fever; ultrasound was not conclusive.",
    ),
    (
        "home sleep apnea test",
        "95806",
        "G47.33",
        "obstructive sleep apnea",
        "Loud snoring, witnessed pauses and an Epworth score of 16 with a neck of 44 cm.",
    ),
    (
        "hospital bed, semi-electric",
        "E0260",
        "I50.22",
        "chronic systolic heart failure",
        "Orthopnea needs the head raised past thirty degrees; he sleeps in a recliner now.",
    ),
]

FIRST = ["Wendell", "Anouk", "Rafferty", "Beatriz", "Kwame", "Oksana", "Dorian", "Lucinda", "Emeka"]
LAST = ["Haverford", "Castellanos", "Nakagawa", "Obuya", "Sørlie", "Pemberton", "Ruiz-Tagle"]
CLINICIANS = [
    ("Priyanka", "Raghunathan", "MD"),
    ("Colm", "Fitzgibbon", "DO"),
    ("Ebele", "Nwankwo", "MD"),
    ("Guillermo", "Saldana", "PA-C"),
]
PAYERS = [
    ("Juniper Falls Health Plan", "JFH"),
    ("Tamarack Mutual Insurance", "TMI"),
    ("Harborlight Health", "HLH"),
]
CLINICS = [
    "Centro Medico San Isidro",
    "Lakeview Spine and Joint",
    "Brookside Internal Medicine",
    "Northgate Surgical Associates",
]
DOMAIN = "northgate.example.com"

BLANKS = ["not recorded", "no consta", "TBD", "--", "(blank)"]

REQ_OBJECTS = [
    "six weeks of physical therapy notes",
    "a current weight-bearing x-ray report",
    "the most recent specialist consult",
    "results of the prior sleep study",
    "a list of medications already tried",
    "a recent echocardiogram report",
]
REQ_FORMS = [
    "{payer} will only review this once we send {req}.",
    "Our rep says coverage hinges on {req}.",
    "El plan exige {req}.",
    "Please note the policy calls for {req} with the request.",
]

REQ_TITLE = "LAB/IMAGING ORDER - EXPORTED RECORD"
KEYS = {
    "doc": "EXPORT_DT",
    "site": "FACILITY_NAME",
    "pt": "PATIENT",
    "dob": "BIRTH_DT",
    "plan": "PAYER_NAME",
    "mid": "MEMBER_NO",
    "svc": "PROC_NAME",
    "cpt": "PROC_CODE",
    "dx": "DX_CODE",
    "dos": "SERVICE_DT",
    "prov": "REQ_PROVIDER",
    "npi": "REQ_NPI",
}

SHEET_TITLE = "PRECERTIFICATION WORKSHEET"
SHEET = {
    "printed": "Printed",
    "pt": "Member name",
    "dob": "Birth date",
    "plan": "Health plan",
    "mid": "Member #",
    "prov": "Requesting MD",
    "npi": "NPI #",
    "cpt": "CPT/HCPCS",
    "dx": "ICD-10",
    "svc": "Service",
    "dos": "Planned date",
    "why": "Reason",
}

MEMO = {
    "date": "Fecha: {when}",
    "pt": "Nombre del paciente: {pt}.",
    "dob": "Fecha de nacimiento {dob}.",
    "cov": "Plan de salud {payer}; numero de miembro {mid}.",
    "ask": "Pedimos aprobacion de {svc}, codigo {code}, diagnostico {dx} ({desc}).",
    "when": "Fecha del procedimiento: {when}.",
    "when_none": "Fecha del procedimiento aun sin confirmar.",
    "sign": "Atentamente, {doc} {cred}",
    "npi": "NPI {npi}",
}

MAIL = {
    "from": "From:",
    "sent": "Date:",
    "to": "To:",
    "desk": "utilization review",
    "subject": "Subject: Auth request for",
    "hello": "Hello,",
    "body": "I am asking for approval of {svc} (CPT {code}) for my patient {pt}, diagnosis {dx} {desc}.",
    "dob": "Date of birth {dob}.",
    "mid": "Member ID {mid}.",
    "when": "Scheduled for {when}.",
    "bye": "Regards,",
    "npi": "NPI: {npi}",
}

LEDGER_TITLE = "AUTH TRACKING LOG"
LEDGER = {
    "opened": "Logged",
    "pt": "Patient name",
    "dob": "DOB",
    "plan": "Payer",
    "mid": "Member ID",
    "svc": "Procedure",
    "dx": "Diagnosis",
    "dos": "Date of service",
    "prov": "Requesting provider",
    "npi": "NPI",
    "note": "Justification",
}
