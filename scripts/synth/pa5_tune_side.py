"""A fifth prior-auth probe set (``tune_pa5``, open): pools and layouts written in session s24.

Open: rules may be tuned against it. Written from scratch by helper pa (no text taken from any
other set, held-out or tune): its scenarios, names, payers, labels, blank markers, requirement
sentences and layouts are its own. The layouts put the request's fields where labelled forms
do not: a telephone-intake memo in shorthand, a form whose labels sit *above* their values, a
plan written as dash-separated segments, and a third-person referral paragraph; requirements
come in the payer's prose with verbs the other sets do not use.
"""

# ruff: noqa: E501  (long literal texts are the data)

from __future__ import annotations

from datetime import date

from pa2_common import fmt
from pa_model import Ctx, Dx, Prior, Proc, Req, Scenario
from pa_side_text import SideText, Voice

H = "HCPCS"

SCEN = [
    Scenario(
        key="carpal",
        kind="surgery",
        service="open carpal tunnel release, right wrist",
        procs=[Proc("64721", "neuroplasty, median nerve at carpal tunnel")],
        dx=[Dx("G56.01", "right-sided carpal tunnel syndrome")],
        story=[
            "Numbness of the right thumb and index finger waking her most nights for 8 months; thenar wasting on exam; nerve conduction shows severe median slowing."
        ],
        tried=["night splint", "steroid injection"],
        prior=[Prior("20526", "carpal tunnel injection", -120)],
        reqs=[
            Req("nerve conduction study", "a nerve conduction study confirming median neuropathy"),
            Req("six weeks of splinting", "six weeks of night splinting"),
        ],
        specialty="Hand Surgery",
        ages=(35, 70),
    ),
    Scenario(
        key="meniscus",
        kind="surgery",
        service="knee arthroscopy with partial medial meniscectomy",
        procs=[Proc("29881", "arthroscopy, knee, with meniscectomy")],
        dx=[Dx("M23.221", "torn medial meniscus (posterior horn), right knee")],
        story=[
            "Locking of the right knee twice a week since a fall 5 months ago; MRI shows a displaced posterior horn tear."
        ],
        tried=["physical therapy", "ibuprofen"],
        reqs=[
            Req("MRI showing meniscal tear", "an MRI report showing the meniscal tear"),
            Req("mechanical symptoms", "documented mechanical symptoms such as locking"),
        ],
        specialty="Sports Medicine",
        ages=(25, 60),
    ),
    Scenario(
        key="cpap",
        kind="dme",
        service="CPAP device for home use",
        procs=[Proc("E0601", "continuous positive airway pressure device", H)],
        dx=[Dx("G47.33", "obstructive sleep apnea")],
        story=[
            "Home sleep test AHI 27 with oxygen nadir 81%; dozes in meetings; hypertension on two agents."
        ],
        pmh=[Dx("I10", "essential hypertension")],
        reqs=[
            Req("sleep study with AHI", "a sleep study reporting the AHI"),
            Req("in-person evaluation", "an in-person evaluation ahead of the CPAP prescription"),
        ],
        specialty="Sleep Medicine",
    ),
    Scenario(
        key="denosumab",
        kind="drug",
        service="denosumab 60 mg subcutaneous every 6 months",
        procs=[Proc("J0897", "injection, denosumab, 1 mg", H)],
        dx=[Dx("M81.0", "osteoporosis of aging, no fracture so far")],
        meds=["denosumab"],
        story=[
            "DXA T-score -3.1 at the femoral neck; alendronate stopped for esophagitis after 14 months."
        ],
        tried=["alendronate"],
        reqs=[
            Req("DXA T-score", "a DXA T-score of -2.5 or lower"),
            Req("bisphosphonate intolerance", "intolerance of an oral bisphosphonate"),
        ],
        specialty="Endocrinology",
        ages=(55, 85),
    ),
]

GIVEN_F = "Ingrid Maelle Rosalind Thandiwe Yelena Zofia".split()
GIVEN_M = "Anselm Cormac Evander Ignatius Leopold Rashid".split()
FAMILY = "Aldergrove Bexhill-Tarrant Castellanos Dunmore Ellingham Farquharson Oyelaran Penhaligon".split()
MDS = [
    ("Benedikt", "Strauss", "MD"),
    ("Nkechi", "Obiora", "DO"),
    ("Paloma", "Iturbe", "MD"),
    ("Kwame", "Asante", "PA-C"),
    ("Greta", "Lindholm", "NP"),
]
CARRIERS = [
    ("Cobalt Ridge Health Plan", "CRH@#######"),
    ("Lakeshore Community Care", "LCC-###-###-##"),
    ("Prairie Wind Medicaid", "PW########@"),
]
TOWNS = ["Duluth, MN 55802", "Bend, OR 97701", "Asheville, NC 28801"]
EMPTY = ("", "see attached", "illegible", "unknown", "on file")
FAST = ["Office asks for a rush decision: waiting risks permanent harm."]
SLOW = ["No rush on this one; routine timeline is fine."]
SAYS = [
    "Approval hinges on {r}.",
    "The reviewer will look for {r} in the chart.",
    "To meet criteria the chart should show {r}.",
    "Our coverage rules expect {r}.",
]
STAFF = ["Mireille (front desk)", "Jonas, MA", "Priyanka, scheduler"]


def dd(c: Ctx, value: date) -> str:
    return fmt(value, c.ds)


def _blank(c: Ctx) -> str:
    mark: str = c.rng.choice(EMPTY)
    return mark


TEXT = SideText(
    Voice(
        proc_join=" and ",
        prior="Prior treatment: {desc} ({code}) done {when}.",
        pmh="Also followed for {desc} ({code}).",
        referring="Referred originally by {first} {last}, {cred} (NPI {npi}).",
        facility="To be done at {name} (facility NPI {npi}).",
        mbi="Medicare number on file {mbi}",
        deferred="Clinicals: will send once dictated.",
        tried="Already tried without lasting benefit: {tried}.",
        deadline="Decision needed by {when}.",
        says=SAYS,
        fast=FAST[0],
    ),
    dd,
)
_codes, _extras, _story, _reqs, _tail = TEXT.codes, TEXT.extras, TEXT.story, TEXT.reqs, TEXT.tail


def L_phone(s: Scenario, c: Ctx) -> str:
    """A telephone-intake memo typed by plan staff: shorthand sentences, no labels for fields."""
    proc, dx = _codes(s)
    m = c.missing
    p = c.prov
    caller = c.rng.choice(STAFF).split(" (")[0].split(",")[0]
    out = [f"PHONE INTAKE  {dd(c, c.letter)}", ""]
    doc = "" if "requesting_provider_name" in m else f" calling for {p.first} {p.last}, {p.cred}"
    out.append(f"{caller} from {c.clinic.name}{doc}.")
    who = []
    if "patient_name" not in m:
        who.append(f"Caller says the patient is {c.patient.full}")
    if "patient_dob" not in m:
        who.append(f"birthday {dd(c, c.patient.dob)}")
    if who:
        out.append(", ".join(who) + ".")
    card = []
    if "payer" not in m:
        card.append(f"Card reads {c.payer.name}")
    if "member_id" not in m:
        card.append(f"number {c.payer.member_id}")
    if card:
        out.append(", ".join(card) + ".")
    want = f"Wants {s.service}"
    if "procedure_code" not in m:
        want += f", billing {proc}"
    out.append(want + ".")
    if "diagnosis_code" not in m:
        out.append(f"For {s.dx[0].desc}, {dx}.")
    if "service_date" not in m:
        out.append(f"Tentatively booked for {dd(c, c.service)}.")
    if "requesting_provider_npi" not in m:
        out.append(f"Gave the doctor's NPI as {p.npi}.")
    out += ["", *_story(s, c), *_extras(s, c), *_reqs(s, c), *_tail(c)]
    return "\n".join(out)


def L_stacked(s: Scenario, c: Ctx) -> str:
    """A form whose labels sit on their own line above the values (blank or a blank word)."""
    proc, dx = _codes(s)
    m = c.missing
    p = c.prov

    def val(name: str, value: str) -> str:
        return _blank(c) if name in m else value

    pairs = [
        ("MEMBER NAME", val("patient_name", f"{c.patient.last.upper()}, {c.patient.first}")),
        ("DATE OF BIRTH", val("patient_dob", dd(c, c.patient.dob))),
        ("HEALTH PLAN", val("payer", c.payer.name)),
        ("SUBSCRIBER NUMBER", val("member_id", c.payer.member_id)),
        ("ORDERING CLINICIAN", val("requesting_provider_name", f"{p.first} {p.last} {p.cred}")),
        ("CLINICIAN NPI", val("requesting_provider_npi", p.npi)),
        ("SERVICE CODE(S)", val("procedure_code", proc)),
        ("ICD-10", val("diagnosis_code", dx)),
        ("PLANNED DATE", val("service_date", dd(c, c.service))),
    ]
    out = [
        f"{c.clinic.name.upper()}  -  AUTHORIZATION WORKSHEET",
        f"Prepared {dd(c, c.letter)}",
        "",
    ]
    for k, v in pairs:
        out += [k, v, ""]
    out += ["SERVICE", s.service, "", "WHY IT IS NEEDED", *_story(s, c), ""]
    return "\n".join([*out, *_extras(s, c), "", *_reqs(s, c), *_tail(c)])


def L_dash(s: Scenario, c: Ctx) -> str:
    """A plan written as dash-separated segments, one topic a line."""
    proc, dx = _codes(s)
    m = c.missing
    p = c.prov
    seg = " - "
    out = [f"{c.clinic.name} / care coordination / {dd(c, c.letter)}", ""]
    pt = ["Patient"]
    if "patient_name" not in m:
        pt.append(c.patient.full)
    if "patient_dob" not in m:
        pt.append(f"b. {dd(c, c.patient.dob)}")
    out.append(seg.join(pt))
    cov = ["Coverage"]
    if "payer" not in m:
        cov.append(c.payer.name)
    if "member_id" not in m:
        cov.append(f"member {c.payer.member_id}")
    out.append(seg.join(cov))
    plan = ["Plan", s.service]
    if "procedure_code" not in m:
        plan.append(proc)
    if "diagnosis_code" not in m:
        plan.append(f"dx {dx}")
    if "service_date" not in m:
        plan.append(f"target {dd(c, c.service)}")
    out.append(seg.join(plan))
    doc = ["Ordered by"]
    if "requesting_provider_name" not in m:
        doc.append(f"{p.first} {p.last}, {p.cred}")
    if "requesting_provider_npi" not in m:
        doc.append(f"NPI {p.npi}")
    out.append(seg.join(doc))
    out += ["", *_story(s, c), *_extras(s, c), *_reqs(s, c), *_tail(c)]
    return "\n".join(out)


def L_referral(s: Scenario, c: Ctx) -> str:
    """A third-person referral paragraph: every field in running prose."""
    proc, dx = _codes(s)
    m = c.missing
    p = c.prov
    parts = []
    who = "Our clinician" if "requesting_provider_name" in m else f"{p.first} {p.last}, {p.cred}"
    npi = "" if "requesting_provider_npi" in m else f" (NPI {p.npi})"
    pt = "a patient of ours" if "patient_name" in m else c.patient.full
    dob = "" if "patient_dob" in m else f", born {dd(c, c.patient.dob)},"
    parts.append(
        f"{who}{npi} asks the plan to cover {s.service} for {pt}{dob} who is seen in our {s.specialty.lower()} clinic."
    )
    if "payer" not in m or "member_id" not in m:
        plan = "their plan" if "payer" in m else c.payer.name
        num = "" if "member_id" in m else f" under membership number {c.payer.member_id}"
        parts.append(f"Coverage is through {plan}{num}.")
    if "procedure_code" not in m:
        parts.append(f"It would be billed as {proc}.")
    if "diagnosis_code" not in m:
        parts.append(f"The working diagnosis is {s.dx[0].desc} ({dx}).")
    if "service_date" not in m:
        parts.append(f"The visit is pencilled in for {dd(c, c.service)}.")
    out = [f"{c.clinic.name}, {c.clinic.city}", dd(c, c.letter), "", " ".join(parts), ""]
    return "\n".join([*out, *_story(s, c), *_extras(s, c), *_reqs(s, c), *_tail(c)])


LAYOUTS = {"phone": L_phone, "stacked": L_stacked, "dash": L_dash, "referral": L_referral}
# ``pa4_varied.context_maker`` places a facility only when the side has an EHR-like layout.
L_ehr = L_stacked
