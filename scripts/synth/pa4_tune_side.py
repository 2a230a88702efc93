"""The TUNE half of the fourth prior-auth round (``tune_pa4``): pools and layouts.

Open: rules may be tuned against it. Its scenarios, names, payers, labels, blank markers,
sentence templates and layouts are its own (none shared with ``pa4_heldout_side.py``). The
layouts are documents whose fields are not the labelled forms of the earlier rounds: a letter
of medical necessity that names the fields in sentences, an e-mail, an EHR summary with its
own labels, a case-management fax; requirements come as the payer's prose.
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
        key="knee",
        kind="surgery",
        service="total knee arthroplasty, right",
        procs=[Proc("27447", "total knee arthroplasty")],
        dx=[Dx("M17.11", "unilateral primary osteoarthritis, right knee")],
        story=[
            "Bone-on-bone medial compartment on standing films; night pain for 2 years; walks less than one block."
        ],
        tried=["physical therapy", "corticosteroid injection", "meloxicam"],
        prior=[Prior("20610", "knee joint injection", -90)],
        reqs=[
            Req("BMI below 40", "a documented BMI below 40"),
            Req("three months of non-surgical care", "at least three months of non-surgical care"),
        ],
        specialty="Orthopedics",
        ages=(50, 80),
    ),
    Scenario(
        key="psg",
        kind="test",
        service="attended overnight sleep study",
        procs=[Proc("95810", "polysomnography, attended")],
        dx=[Dx("R06.83", "snoring"), Dx("G47.10", "hypersomnia, unspecified")],
        story=["Loud snoring with witnessed pauses; Epworth 16; fell asleep at the wheel once."],
        pmh=[Dx("E78.5", "hyperlipidemia, unspecified")],
        reqs=[Req("Epworth sleepiness score", "an Epworth sleepiness score")],
        specialty="Pulmonology",
    ),
    Scenario(
        key="infliximab",
        kind="drug",
        service="infliximab infusions, induction at weeks 0, 2 and 6",
        procs=[Proc("J1745", "injection, infliximab, 10 mg", H)],
        dx=[Dx("K50.90", "Crohn's disease, unspecified, without complications")],
        meds=["infliximab"],
        story=[
            "Eight loose stools a day with weight loss of 6 kg over 3 months; calprotectin 880."
        ],
        tried=["prednisone", "azathioprine"],
        reqs=[
            Req(
                "negative TB screen within 12 months",
                "a negative tuberculosis screen within the last 12 months",
            ),
            Req("failure of a corticosteroid course", "failure of a corticosteroid course"),
        ],
        specialty="Gastroenterology",
    ),
    Scenario(
        key="lumbar",
        kind="imaging",
        service="MRI lumbar spine without contrast",
        procs=[Proc("72148", "MRI lumbar spine without contrast")],
        dx=[Dx("M54.16", "radiculopathy, lumbar region")],
        story=["Left leg pain below the knee for 7 weeks with an absent ankle reflex."],
        tried=["naproxen", "home exercise"],
        prior=[Prior("72100", "lumbar spine x-ray", -20)],
        reqs=[
            Req("six weeks of conservative treatment", "six weeks of conservative treatment"),
            Req("neurologic deficit on exam", "a neurologic deficit on examination"),
        ],
        specialty="Family Medicine",
    ),
    Scenario(
        key="wheelchair",
        kind="dme",
        service="group 2 power wheelchair",
        procs=[Proc("K0823", "power wheelchair, group 2 standard, captains chair", H)],
        dx=[Dx("G12.21", "amyotrophic lateral sclerosis")],
        story=[
            "Cannot self-propel a manual chair; walks 15 feet with a walker and falls twice a month."
        ],
        reqs=[
            Req("face-to-face mobility exam", "a face-to-face mobility examination"),
            Req("home accessibility assessment", "a home accessibility assessment"),
        ],
        specialty="Neurology",
    ),
    Scenario(
        key="botox",
        kind="drug",
        service="onabotulinumtoxinA injections every 12 weeks",
        procs=[
            Proc("J0585", "injection, onabotulinumtoxinA, 1 unit", H),
            Proc("64615", "chemodenervation for chronic migraine"),
        ],
        dx=[Dx("G43.709", "chronic migraine without aura, not intractable")],
        meds=["onabotulinumtoxina"],
        story=["Headache on 22 days a month for over a year; misses work weekly."],
        tried=["topiramate", "propranolol", "amitriptyline"],
        reqs=[
            Req(
                "headache diary with 15 or more days a month",
                "a headache diary showing 15 or more headache days a month",
            ),
            Req("two preventive medications tried", "trials of two preventive medications"),
        ],
        specialty="Neurology",
    ),
]

GIVEN_F = "Anastasia Bronwyn Clementine Dorothea Eulalia Philippa".split()
GIVEN_M = "Augustin Balthazar Crispin Ezekiel Florian Lysander".split()
FAMILY = "Ashcombe Brightwater Colquhoun Dalrymple Eversleigh Fotheringham Gainsborough Heathcote".split()
MDS = [
    ("Marguerite", "Delacroix", "MD"),
    ("Tobias", "Wexford", "DO"),
    ("Chiamaka", "Nwachukwu", "MD"),
    ("Henrik", "Lindqvist", "MD"),
    ("Soraya", "Haddad", "NP"),
]
CARRIERS = [
    ("Riverbend Health Alliance", "RBA#########"),
    ("Summit Peak Medicaid", "SPM-####-####"),
    ("Harborview Mutual Health", "HMH@@######"),
]
TOWNS = ["Bozeman, MT 59715", "Taos, NM 87571", "Burlington, VT 05401"]
EMPTY = ("", "n/a", "--", "not provided", None)
FAST = ["Please expedite: a delay would seriously jeopardize her function."]
SLOW = ["Standard review is fine; nothing urgent here."]
SAYS = [
    "Per the plan's medical policy, we understand the reviewer needs {r}.",
    "Your policy lists {r} as a condition of coverage.",
    "The plan's guideline calls for {r}.",
    "Members qualify only with {r}.",
]


def dd(c: Ctx, value: date) -> str:
    return fmt(value, c.ds)


def _val(c: Ctx, name: str, value: str) -> str | None:
    if name not in c.missing:
        return value
    mark: str | None = c.rng.choice(EMPTY)
    return mark


TEXT = SideText(
    Voice(
        proc_join=", ",
        prior="History: {desc} {code} on {when}.",
        pmh="PMH: {desc} ({code}).",
        referring="PCP: {first} {last}, {cred}, NPI {npi}",
        facility="Facility: {name}, NPI {npi}",
        mbi="MBI {mbi}",
        deferred="Chart notes to follow.",
        tried="Failed: {tried}.",
        deadline="Please respond by {when}.",
        says=SAYS,
        fast=FAST[0],
    ),
    dd,
)
_codes, _extras, _story, _reqs, _tail = TEXT.codes, TEXT.extras, TEXT.story, TEXT.reqs, TEXT.tail


def L_lmn(s: Scenario, c: Ctx) -> str:
    """A letter of medical necessity: every field in a sentence, a missing one left out."""
    proc, dx = _codes(s)
    m = c.missing
    out = [c.clinic.name, c.clinic.city, "", dd(c, c.letter), ""]
    out.append("Dear Medical Director" + ("" if "payer" in m else f", {c.payer.name}") + ":")
    who = "my patient" + ("" if "patient_name" in m else f", {c.patient.full},")
    dob = "" if "patient_dob" in m else f" (date of birth {dd(c, c.patient.dob)})"
    out.append(f"I am writing on behalf of {who}{dob} to request coverage of {s.service}.")
    if "member_id" not in m:
        out.append(f"The member number on the card is {c.payer.member_id}.")
    if "procedure_code" not in m:
        out.append(f"The procedure codes are {proc}.")
    if "diagnosis_code" not in m:
        out.append(f"The treating diagnosis is {s.dx[0].desc} ({dx}).")
    if "service_date" not in m:
        out.append(f"We hope to proceed on {dd(c, c.service)}.")
    out += ["", *_story(s, c), *_extras(s, c), *_reqs(s, c), *_tail(c), "", "Sincerely,"]
    if "requesting_provider_name" not in m:
        out.append(f"{c.prov.first} {c.prov.last}, {c.prov.cred}, {s.specialty}")
    if "requesting_provider_npi" not in m:
        out.append(f"NPI: {c.prov.npi}")
    return "\n".join(out)


def L_email(s: Scenario, c: Ctx) -> str:
    proc, dx = _codes(s)
    m = c.missing
    who = "the patient" if "patient_name" in m else c.patient.full
    out = [
        f"From: referrals@{c.clinic.name.split()[0].lower()}.example.org",
        "To: priorauth@plan.example.com",
        f"Sent: {dd(c, c.letter)}",
        "Subject: PA request",
        "",
        "Hello,",
        f"Sending a prior auth for {who} for {s.service}.",
    ]
    if "patient_dob" not in m:
        out.append(f"DOB {dd(c, c.patient.dob)}.")
    ins = []
    if "payer" not in m:
        ins.append(f"insurance is {c.payer.name}")
    if "member_id" not in m:
        ins.append(f"ID {c.payer.member_id}")
    if ins:
        out.append("Her " + ", ".join(ins) + ".")
    if "procedure_code" not in m:
        out.append(f"CPT/HCPCS {proc}.")
    if "diagnosis_code" not in m:
        out.append(f"ICD-10 {dx}.")
    if "service_date" not in m:
        out.append(f"Scheduled {dd(c, c.service)}.")
    out += ["", *_story(s, c), *_extras(s, c), *_reqs(s, c), *_tail(c), "", "Thanks,"]
    sig = "Referral coordinator"
    if "requesting_provider_name" not in m:
        sig += f" for {c.prov.first} {c.prov.last}, {c.prov.cred}"
    out.append(sig)
    if "requesting_provider_npi" not in m:
        out.append(f"Provider NPI {c.prov.npi}")
    return "\n".join(out)


def L_ehr(s: Scenario, c: Ctx) -> str:
    proc, dx = _codes(s)
    pairs = [
        ("Patient Name", _val(c, "patient_name", f"{c.patient.last}, {c.patient.first}")),
        ("Birth Date", _val(c, "patient_dob", dd(c, c.patient.dob))),
        ("Coverage", _val(c, "payer", c.payer.name)),
        ("Insured ID", _val(c, "member_id", c.payer.member_id)),
        (
            "Ordering",
            _val(c, "requesting_provider_name", f"{c.prov.last}, {c.prov.first} {c.prov.cred}"),
        ),
        ("Ordering NPI", _val(c, "requesting_provider_npi", c.prov.npi)),
        ("Order Codes", _val(c, "procedure_code", proc)),
        ("Associated Dx", _val(c, "diagnosis_code", dx)),
        ("Expected Date", _val(c, "service_date", dd(c, c.service))),
    ]
    out = [f"EHR AUTHORIZATION SUMMARY  printed {dd(c, c.letter)}", ""]
    out += [f"{k}: {v}".rstrip() for k, v in pairs if v is not None]
    out += [f"Order: {s.service}", "", "Indication:", *_story(s, c)]
    return "\n".join([*out, *_extras(s, c), "", *_reqs(s, c), *_tail(c)])


def L_discharge(s: Scenario, c: Ctx) -> str:
    proc, dx = _codes(s)
    m = c.missing
    out = [f"CASE MANAGEMENT - DISCHARGE PLANNING FAX   {dd(c, c.letter)}", ""]
    pt = []
    if "patient_name" not in m:
        pt.append(c.patient.full)
    if "patient_dob" not in m:
        pt.append(f"dob {dd(c, c.patient.dob)}")
    out.append("Pt: " + (", ".join(pt) if pt else ""))
    ins = []
    if "payer" not in m:
        ins.append(c.payer.name)
    if "member_id" not in m:
        ins.append(f"# {c.payer.member_id}")
    out.append("Ins: " + " ".join(ins))
    out.append(f"Needs at discharge: {s.service}")
    if "procedure_code" not in m:
        out.append(f"  codes {proc}")
    if "diagnosis_code" not in m:
        out.append(f"  dx {dx}")
    if "service_date" not in m:
        out.append(f"  start {dd(c, c.service)}")
    who = []
    if "requesting_provider_name" not in m:
        who.append(f"Dr. {c.prov.first} {c.prov.last}")
    if "requesting_provider_npi" not in m:
        who.append(f"NPI {c.prov.npi}")
    out.append("Attending/ordering: " + ", ".join(who) if who else "Ordering physician:")
    out += ["", "Hospital course:", *_story(s, c), *_extras(s, c), *_reqs(s, c), *_tail(c)]
    return "\n".join(out)


LAYOUTS = {"lmn": L_lmn, "email": L_email, "ehr": L_ehr, "discharge": L_discharge}
