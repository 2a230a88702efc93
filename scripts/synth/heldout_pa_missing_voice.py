"""The held-out voice of the missing-fields probe (``own_heldout_pa_missing``, s26).

Written before any rule was tuned on the probe, and not read while tuning: its own scenarios,
names, payers, clinicians, labels, blank words, cover sheet, sections, letter and pend-letter
sentences and requirement sentences. Run for aggregates only.
"""

# ruff: noqa: E501  (long literal texts are the data)

from __future__ import annotations

from pa_model import Dx, Prior, Proc, Req, Scenario

H = "HCPCS"

SCEN = [
    Scenario(
        key="cuff",
        kind="surgery",
        service="arthroscopic rotator cuff repair, right shoulder",
        procs=[Proc("29827", "arthroscopic rotator cuff repair")],
        dx=[Dx("M75.121", "full-thickness rotator cuff tear, right shoulder")],
        story=[
            "Right shoulder weakness with overhead reach since lifting a crate in the autumn; drop-arm sign positive and MR arthrogram shows a retracted supraspinatus tear."
        ],
        tried=["home exercise program", "subacromial injection"],
        prior=[Prior("73030", "shoulder radiographs", -60)],
        reqs=[
            Req(
                "imaging confirming full-thickness tear",
                "imaging that confirms a full-thickness tear",
            ),
            Req("three months of rehabilitation", "three months of supervised rehabilitation"),
        ],
        specialty="Orthopaedics",
        ages=(40, 72),
    ),
    Scenario(
        key="sleeve",
        kind="surgery",
        service="laparoscopic sleeve gastrectomy",
        procs=[Proc("43775", "laparoscopic longitudinal gastrectomy")],
        dx=[
            Dx("E66.01", "morbid obesity due to excess calories"),
            Dx("Z68.41", "BMI 40.0-44.9, adult"),
        ],
        story=[
            "Weight has stayed above 125 kg through two structured programmes; hypertension and sleep apnoea worsen with each year of weight."
        ],
        tried=["medically supervised diet", "semaglutide"],
        reqs=[
            Req("psychological evaluation", "a completed psychological evaluation"),
            Req(
                "six months of supervised weight loss",
                "six consecutive months of supervised weight management",
            ),
        ],
        specialty="Bariatric Surgery",
        ages=(25, 60),
    ),
    Scenario(
        key="echo",
        kind="imaging",
        service="transthoracic echocardiogram",
        procs=[Proc("93306", "echocardiography, transthoracic, complete")],
        dx=[Dx("R01.1", "heart murmur")],
        story=[
            "New harsh systolic murmur at the right upper sternal border found at a routine visit, with breathlessness on two flights of stairs."
        ],
        pmh=[Dx("I10", "essential hypertension")],
        reqs=[
            Req(
                "physical exam findings",
                "the physical examination findings that prompted the study",
            )
        ],
        specialty="Cardiology",
        ages=(50, 85),
    ),
    Scenario(
        key="crohn",
        kind="drug",
        service="infliximab infusions, induction doses",
        procs=[Proc("J1745", "injection, infliximab, 10 mg", H)],
        dx=[Dx("K50.90", "Crohn's disease without complications")],
        story=[
            "Eight loose stools a day and weight down 6 kg despite budesonide; colonoscopy shows deep ileal ulcers."
        ],
        meds=["infliximab"],
        tried=["budesonide", "azathioprine"],
        reqs=[
            Req("tuberculosis test result", "a tuberculosis test result from the past year"),
            Req("failure of a conventional agent", "failure of at least one conventional agent"),
        ],
        specialty="Gastroenterology",
        ages=(20, 60),
    ),
    Scenario(
        key="hip",
        kind="surgery",
        service="total hip replacement, right",
        procs=[Proc("27130", "total hip arthroplasty")],
        dx=[Dx("M16.11", "primary osteoarthritis, right hip")],
        story=[
            "Groin pain at night and a limp limiting walking to one block; radiographs show bone-on-bone narrowing of the right hip."
        ],
        tried=["cane", "naproxen", "intra-articular steroid"],
        prior=[Prior("20610", "hip joint injection", -150)],
        reqs=[
            Req(
                "radiographic evidence of joint space loss",
                "radiographic evidence of joint space loss",
            )
        ],
        specialty="Orthopaedics",
        ages=(55, 85),
    ),
    Scenario(
        key="lspine",
        kind="imaging",
        service="MRI of the lumbar spine without contrast",
        procs=[Proc("72148", "MRI lumbar spine without contrast")],
        dx=[Dx("M54.16", "radiculopathy, lumbar region")],
        story=[
            "Shooting pain down the left leg to the heel for seven weeks with a weak ankle reflex; symptoms unchanged after therapy."
        ],
        tried=["physical therapy", "meloxicam"],
        reqs=[
            Req("six weeks of conservative care", "six weeks of conservative care without relief")
        ],
        specialty="Physical Medicine",
        ages=(30, 70),
    ),
]

GIVEN_F = "Aurelia Corisande Henrietta Loveday Morwenna Saoirse".split()
GIVEN_M = "Bartholomew Casimir Fergus Lachlan Peregrine Tiberius".split()
FAMILY = "Abernethy Blackwood Carrow Drummond Fairweather Kilbride Pemberton Treharne".split()
MDS = [
    ("Imogen", "Vasquez-Hale", "MD"),
    ("Osric", "Nakamura", "DO"),
    ("Folake", "Adeyemi", "MD"),
    ("Caspar", "Holmgren", "MD"),
    ("Wren", "Castellano", "NP"),
]
CARRIERS = [
    ("Granite State Mutual", "GSM#########"),
    ("Tidewater Family Health", "TFH@######"),
    ("Copperline Care Partners", "CCP-#####-##"),
]
TOWNS = ["Missoula, MT 59801", "Ithaca, NY 14850", "Flagstaff, AZ 86001"]
SLOW = ["Routine handling is acceptable for this request."]

LABELS = {
    "patient_name": "Enrollee",
    "patient_dob": "Birthdate",
    "payer": "Carrier",
    "member_id": "Subscriber no.",
    "requesting_provider_name": "Ordering clinician",
    "requesting_provider_npi": "Prescriber NPI #",
    "procedure_code": "Proc code(s)",
    "diagnosis_code": "Dx code(s)",
    "service_date": "Anticipated DOS",
}
BLANKS = (
    "",
    "—",
    "not available",
    "awaiting card",
    "(left blank)",
    "TBD by office",
    "will fax later",
    "none given",
    "",
)
TABLE_BLANKS = ("", "—", "not available", "  ")
PEND_BLANKS = ("not supplied", "missing from request", "(blank)")
EMPTY_SECTION = ("nothing recorded", "(no entry)")
DEFER = ("Chart notes will be faxed separately.", "Office visit notes on request.")
TRIED = "Measures already tried without success: {tried}."
PRIOR = "Earlier: {desc} ({code}), {when}."
PMH = "Comorbidity: {desc} ({code})."
REFERRING = "Referred by {first} {last}, {cred} (NPI {npi})"
MBI = "Medicare beneficiary identifier {mbi}"
FAST = "Expedited review requested: the standard time frame could seriously harm this patient."
DEADLINE = "We ask for a decision no later than {when}."
SAYS = [
    "Our reviewers cannot proceed until we receive {r}.",
    "The file has to demonstrate {r}.",
    "Kindly forward {r} so that review can begin.",
    "Coverage is contingent on {r}.",
]
COVER = (
    "FACSIMILE TRANSMITTAL",
    "Attn:",
    "Sender:",
    "Number of pages incl. cover:",
    "If received in error please call the sender.",
)
UM_DEPT = "(Prior Review Unit)"
OFFICE = "Scheduling desk"
LETTERHEAD_NPI_ONLY = "NPI (individual) {npi}"
LETTERHEAD_NPI = "{last} {first} {cred} - individual NPI {npi}"
FORM_TITLE = "Request for Precertification"
SERVICE_WORD = "Service / item"
SEC_JUST = "Medical necessity"
PAGE_FOOT = "[page {n}]"
PAGE_HEAD = "Precertification request - continued"
SECTIONS = [
    ("Section A - Member", ["patient_name", "patient_dob", "payer", "member_id"]),
    ("Section B - Ordering clinician", ["requesting_provider_name", "requesting_provider_npi"]),
    ("Section C - Codes", ["procedure_code", "diagnosis_code"]),
    ("Section D - Scheduling", ["service_date"]),
    ("Section E - Medical necessity", ["clinical_justification"]),
]
PROSE = {
    "hello": "Dear reviewer,",
    "nameless": "a patient of this practice",
    "intro": "This letter asks you to approve {svc} for {pt}.",
    "dob": "Date of birth on our chart: {dob}.",
    "payer": "The carrier on file is {payer}.",
    "member_id": "You will find {her} enrollment under number {id}.",
    "payer_none": "We are still confirming which carrier {she} is with.",
    "member_id_none": "Our front desk has not yet obtained {her} subscriber number.",
    "proc": "We would bill {proc}.",
    "dx": "The working diagnosis, {desc}, is coded {dxc}.",
    "when": "The booking is held for {when}.",
    "when_none": "Scheduling will wait for your decision.",
    "bye": "With thanks,",
    "npi": "Individual NPI: {npi}",
    "npi_none": "(NPI on request)",
}
PEND = {
    "re": "Subject: Your precertification request is on hold",
    "got": "The request for {svc} arrived and is incomplete.",
    "need": "What we still require:",
    "bye": "Prior Review Unit",
}
