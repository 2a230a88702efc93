"""The OWN HELD-OUT half of the fourth prior-auth round (``own_heldout_pa4``): pools and layouts.

Written before the tune half and not read while tuning (see ``pa4_varied.py``). Its
scenarios, names, payers, labels, blank markers, sentence templates and layouts are its own;
nothing here is shared with ``pa4_tune_side.py``. The layouts are documents whose fields are
not written as the labelled forms of the earlier rounds: a phone-intake memo, a letter whose
fields sit in sentences, a form whose labels sit on the line above their values, a therapy
plan with dash separators; requirements come as the payer's prose.
"""

# ruff: noqa: E501  (long literal texts are the data)

from __future__ import annotations

from pa2_common import fmt
from pa_model import Ctx, Dx, Prior, Proc, Req, Scenario

H = "HCPCS"

SCEN = [
    Scenario(
        key="cataract",
        kind="surgery",
        service="cataract extraction with lens implant, right eye",
        procs=[Proc("66984", "cataract surgery with intraocular lens")],
        dx=[Dx("H25.11", "age-related nuclear cataract, right eye")],
        story=[
            "Glare while driving at night and trouble reading for 14 months; best-corrected acuity 20/70 in the right eye."
        ],
        prior=[Prior("92134", "retinal OCT", -40)],
        reqs=[
            Req(
                "best-corrected visual acuity 20/50 or worse",
                "best-corrected visual acuity of 20/50 or worse",
            ),
            Req("glare testing results", "the results of glare testing"),
        ],
        specialty="Ophthalmology",
        ages=(58, 84),
    ),
    Scenario(
        key="sleeve",
        kind="surgery",
        service="laparoscopic sleeve gastrectomy",
        procs=[Proc("43775", "laparoscopic sleeve gastrectomy")],
        dx=[
            Dx("E66.01", "morbid obesity due to excess calories"),
            Dx("Z68.42", "BMI 45.0-49.9, adult"),
        ],
        story=[
            "BMI 46 with hypertension and sleep apnea; weight regained after two supervised programs."
        ],
        pmh=[Dx("I10", "essential hypertension")],
        reqs=[
            Req("psychological evaluation", "a completed psychological evaluation"),
            Req("six months of supervised diet", "six months of a physician-supervised diet"),
        ],
        specialty="Bariatric Surgery",
        ages=(25, 60),
    ),
    Scenario(
        key="rituximab",
        kind="drug",
        service="rituximab infusion, two doses two weeks apart",
        procs=[Proc("J9312", "injection, rituximab, 10 mg", H)],
        dx=[Dx("M05.79", "rheumatoid arthritis with rheumatoid factor of multiple sites")],
        meds=["rituximab"],
        story=[
            "Active disease with 9 swollen joints despite methotrexate and adalimumab; CDAI 31."
        ],
        tried=["methotrexate", "adalimumab"],
        reqs=[
            Req(
                "inadequate response to a TNF inhibitor",
                "an inadequate response to a TNF inhibitor",
            ),
            Req("hepatitis B screening results", "hepatitis B screening results"),
        ],
        specialty="Rheumatology",
    ),
    Scenario(
        key="scs",
        kind="surgery",
        service="spinal cord stimulator trial",
        procs=[Proc("63650", "percutaneous implantation of neurostimulator electrode array")],
        dx=[Dx("M96.1", "postlaminectomy syndrome, not elsewhere classified")],
        story=[
            "Leg-predominant pain for 3 years after L5-S1 fusion; pain 8/10 limiting walking to 10 minutes."
        ],
        prior=[Prior("22630", "lumbar interbody fusion", -700)],
        reqs=[
            Req("psychological clearance", "psychological clearance for neuromodulation"),
            Req(
                "failed conservative therapy for six months",
                "failed conservative therapy for at least six months",
            ),
        ],
        specialty="Pain Medicine",
    ),
    Scenario(
        key="breast_mri",
        kind="imaging",
        service="bilateral breast MRI with and without contrast",
        procs=[Proc("77049", "MRI breast, bilateral, with and without contrast")],
        dx=[Dx("Z15.01", "genetic susceptibility to malignant neoplasm of breast")],
        story=["BRCA2 carrier found on testing last year; dense breasts on mammography."],
        family=[("sister", Dx("Z80.3", "family history of malignant neoplasm of breast"))],
        reqs=[Req("lifetime risk of 20% or more", "a calculated lifetime risk of 20% or more")],
        sex="F",
        specialty="Breast Surgery",
        ages=(30, 60),
    ),
    Scenario(
        key="cpap",
        kind="dme",
        service="CPAP device with heated humidifier",
        procs=[
            Proc("E0601", "continuous positive airway pressure device", H),
            Proc("E0562", "humidifier, heated", H),
        ],
        dx=[Dx("G47.33", "obstructive sleep apnea")],
        story=[
            "Home sleep test with AHI 27 and desaturation to 82%; Epworth 15; dozes at red lights."
        ],
        reqs=[
            Req("sleep study with AHI of 15 or more", "a sleep study showing an AHI of 15 or more"),
            Req(
                "face-to-face visit before the study", "a face-to-face visit before the sleep study"
            ),
        ],
        specialty="Sleep Medicine",
    ),
]

GIVEN_F = "Marisol Henrietta Ottilie Rosalind Wilhelmina Yevgenia".split()
GIVEN_M = "Leopold Mortimer Ptolemy Reinhold Thaddeus Wendell".split()
FAMILY = "Abernethy Bancroft Carrington Dunsmore Ellingworth Fairweather Grimsby Holloway Inchcliffe".split()
MDS = [
    ("Cordelia", "Ashworth", "MD"),
    ("Ignatius", "Pemberton", "DO"),
    ("Folasade", "Oyelaran", "MD"),
    ("Sven", "Halvorsen", "MD"),
    ("Priyanka", "Raghunathan", "MD"),
]
CARRIERS = [
    ("Bluewater Coastal Health", "BWC@#######"),
    ("Granite State Family Plan", "GSF-###-###-##"),
    ("Sagebrush Community Care", "SCC########"),
]
TOWNS = ["Ithaca, NY 14850", "Laramie, WY 82070", "Keene, NH 03431"]
EMPTY = ("(blank)", "??", "not on the form", "no entry", None)
FAST = ["Caller asks that this be handled as an expedited request: surgery cannot wait."]
SLOW = ["No rush on this one; standard turnaround is fine."]
SAYS = [
    "Approval hinges on {r}.",
    "Before approving, the plan expects {r}.",
    "The medical director will want to see {r}.",
    "Coverage under this benefit is limited to members with {r}.",
]


def dd(c: Ctx, value: object) -> str:
    from datetime import date

    assert isinstance(value, date)
    return fmt(value, c.ds)


def _val(c: Ctx, name: str, value: str) -> str | None:
    if name not in c.missing:
        return value
    mark: str | None = c.rng.choice(EMPTY)
    return mark


def _codes(s: Scenario) -> tuple[str, str]:
    return " + ".join(p.code for p in s.procs), " + ".join(d.code for d in s.dx)


def _extras(s: Scenario, c: Ctx) -> list[str]:
    out = []
    for p in s.prior:
        out.append(f"Had {p.desc} ({p.code}) back on {dd(c, c.on(p.days))}.")
    for d in s.pmh:
        out.append(f"Background: {d.desc} {d.code}.")
    for rel, d in s.family:
        out.append(f"Her {rel} carries {d.code} ({d.desc}).")
    if c.referring:
        out.append(
            f"Referred in by {c.referring.first} {c.referring.last}, {c.referring.cred} (referring NPI {c.referring.npi})."
        )
    if c.mbi:
        out.append(f"Medicare number on card {c.mbi}.")
    return out


def _story(s: Scenario, c: Ctx) -> list[str]:
    if "clinical_justification" in c.missing:
        return ["Office notes will be sent separately."]
    out = list(s.story)
    if s.tried:
        out.append("Already tried: " + ", ".join(s.tried) + ".")
    return out


def _reqs(s: Scenario, c: Ctx) -> list[str]:
    if not c.show_reqs:
        return []
    return [c.rng.choice(SAYS).format(r=r.prose) for r in s.reqs]


def _tail(c: Ctx) -> list[str]:
    out = []
    if c.expedited:
        out.append(FAST[0])
    elif c.urgency_decoy:
        out.append(c.urgency_decoy)
    if c.deadline:
        out.append(f"Determination needed by {dd(c, c.deadline)}.")
    return out


def L_memo(s: Scenario, c: Ctx) -> str:
    proc, dx = _codes(s)
    v = {n: _val(c, n, x) for n, x in (
        ("patient_name", c.patient.full), ("patient_dob", dd(c, c.patient.dob)),
        ("payer", c.payer.name), ("member_id", c.payer.member_id),
        ("requesting_provider_name", f"{c.prov.first} {c.prov.last}, {c.prov.cred}"),
        ("requesting_provider_npi", c.prov.npi), ("procedure_code", proc),
        ("diagnosis_code", dx), ("service_date", dd(c, c.service)),
    )}  # fmt: skip
    out = [f"PHONE INTAKE MEMO - {dd(c, c.letter)}", f"Caller: office staff of {c.clinic.name}", ""]
    if v["patient_name"] is not None:
        out.append(f"Calling about {v['patient_name']}.")
    if v["patient_dob"] is not None:
        out.append(f"Birthdate given as {v['patient_dob']}.")
    if v["payer"] is not None:
        out.append(f"Coverage is through {v['payer']}.")
    if v["member_id"] is not None:
        out.append(f"Subscriber number read back: {v['member_id']}.")
    out.append(f"They want {s.service}.")
    if v["procedure_code"] is not None:
        out.append(f"Billing codes quoted: {v['procedure_code']}.")
    if v["diagnosis_code"] is not None:
        out.append(f"Diagnosis codes quoted: {v['diagnosis_code']}.")
    if v["service_date"] is not None:
        out.append(f"Booked for {v['service_date']}.")
    if v["requesting_provider_name"] is not None:
        out.append(f"Ordering clinician is {v['requesting_provider_name']}.")
    if v["requesting_provider_npi"] is not None:
        out.append(f"Clinician NPI {v['requesting_provider_npi']}.")
    return "\n".join([*out, *_story(s, c), *_extras(s, c), *_reqs(s, c), *_tail(c)])


def L_letter(s: Scenario, c: Ctx) -> str:
    proc, dx = _codes(s)
    m = c.missing
    out = [c.clinic.name, c.clinic.city, dd(c, c.letter), ""]
    out.append(
        "To the utilization management team" + ("" if "payer" in m else f" at {c.payer.name}") + ","
    )
    who = "" if "patient_name" in m else f" {c.patient.full}"
    born = "" if "patient_dob" in m else f", born {dd(c, c.patient.dob)}"
    mem = "" if "member_id" in m else f" (plan member {c.payer.member_id})"
    out.append(f"I see my patient{who}{born}{mem} for {s.dx[0].desc}.")
    ask = f"I am asking you to cover {s.service}"
    if "procedure_code" not in m:
        ask += f" ({proc})"
    if "service_date" not in m:
        ask += f", which we have planned for {dd(c, c.service)}"
    out.append(ask + ".")
    if "diagnosis_code" not in m:
        out.append(f"The diagnosis codes are {dx}.")
    out += ["", *_story(s, c), *_extras(s, c), *_reqs(s, c), *_tail(c), "", "Respectfully,"]
    if "requesting_provider_name" not in m:
        out.append(f"{c.prov.first} {c.prov.last}, {c.prov.cred}")
    else:
        out.append("[signature]")
    if "requesting_provider_npi" not in m:
        out.append(f"NPI {c.prov.npi}")
    return "\n".join(out)


def L_above(s: Scenario, c: Ctx) -> str:
    """Labels on one line, values on the line below (a form whose boxes were flattened)."""
    proc, dx = _codes(s)
    pairs = [
        ("Insured person", _val(c, "patient_name", c.patient.full)),
        ("Birthdate", _val(c, "patient_dob", dd(c, c.patient.dob))),
        ("Health insurer", _val(c, "payer", c.payer.name)),
        ("Subscriber no.", _val(c, "member_id", c.payer.member_id)),
        (
            "Ordering clinician",
            _val(c, "requesting_provider_name", f"{c.prov.first} {c.prov.last} {c.prov.cred}"),
        ),
        ("Clinician NPI", _val(c, "requesting_provider_npi", c.prov.npi)),
        ("Billing code(s)", _val(c, "procedure_code", proc)),
        ("Diagnosis code(s)", _val(c, "diagnosis_code", dx)),
        ("Booked date", _val(c, "service_date", dd(c, c.service))),
    ]
    out = [f"REQUEST FOR PRE-SERVICE REVIEW    {dd(c, c.letter)}", ""]
    for k, v in pairs:
        if v is None:
            continue
        out += [k, v, ""]
    out += [f"Service: {s.service}", "", "Why this is needed", *_story(s, c)]
    return "\n".join([*out, *_extras(s, c), *_reqs(s, c), *_tail(c)])


def L_plan(s: Scenario, c: Ctx) -> str:
    proc, dx = _codes(s)
    pairs = [
        ("Recipient", _val(c, "patient_name", c.patient.full)),
        ("Birthdate", _val(c, "patient_dob", dd(c, c.patient.dob))),
        ("Benefit plan", _val(c, "payer", c.payer.name)),
        ("Recipient no.", _val(c, "member_id", c.payer.member_id)),
        ("Prescriber", _val(c, "requesting_provider_name", f"{c.prov.first} {c.prov.last}")),
        ("Prescriber NPI", _val(c, "requesting_provider_npi", c.prov.npi)),
        ("Codes billed", _val(c, "procedure_code", proc)),
        ("ICD-10 codes", _val(c, "diagnosis_code", dx)),
        ("First treatment", _val(c, "service_date", dd(c, c.service))),
    ]
    out = [f"TREATMENT PLAN FOR AUTHORIZATION ({dd(c, c.letter)})"]
    out += [f"{k} \u2014 {v}" for k, v in pairs if v is not None]
    out += [f"Plan \u2014 {s.service}", "", "Assessment"]
    return "\n".join([*out, *_story(s, c), *_extras(s, c), "", *_reqs(s, c), *_tail(c)])


LAYOUTS = {"memo": L_memo, "letter": L_letter, "above": L_above, "plan": L_plan}
