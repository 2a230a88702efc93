#!/usr/bin/env python3
"""Build evals/data/heldout_pa2/prior_auth.jsonl: the second-round HELD-OUT prior-auth set.

    .venv/bin/python scripts/synth/heldout_pa2.py

Written before any tuning in this round and not read while tuning. Its scenarios, layouts,
names, payers and phrase pools are its own (none shared with ``tune_pa2.py``); only the
mechanism (``pa_model``, ``pa2_common``, ``ids``, ``codesets``) is shared. Deterministic.
"""

# ruff: noqa: E501  (long literal texts are the data)

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ids import npi, phone_555
from pa2_common import check_meds, digits, fmt, ocr_noise, upper_id
from pa_model import (
    MISSING_ORDER,
    Clin,
    Ctx,
    Dx,
    Org,
    Payer,
    Person,
    Prior,
    Proc,
    Req,
    Scenario,
    check_case,
    gold_for,
)
from records import write_jsonl

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "heldout_pa2" / "prior_auth.jsonl"
SEED = 97_531
N = 48
H = "HCPCS"

SCEN = [
    Scenario(
        key="shoulder",
        kind="imaging",
        service="MRI of the right shoulder without contrast",
        procs=[Proc("73221", "MRI upper extremity joint without contrast")],
        dx=[Dx("M75.121", "complete rotator cuff tear, right shoulder, not traumatic")],
        story=[
            "Four months of right shoulder pain with night pain and weakness in abduction; drop-arm test positive.",
            "Ultrasound was not conclusive.",
        ],
        tried=[
            "subacromial corticosteroid injection",
            "eight weeks of supervised physiotherapy",
            "diclofenac",
        ],
        pmh=[Dx("E03.9", "hypothyroidism"), Dx("K21.9", "reflux")],
        prior=[Prior("73030", "shoulder radiographs, 2 views", -40)],
        reqs=[
            Req(
                "failure of 6 weeks of physical therapy",
                "records showing failure of at least 6 weeks of physical therapy",
            ),
            Req(
                "plain radiographs within 60 days",
                "plain radiographs obtained within the last 60 days",
            ),
        ],
        future=Proc("29827", "arthroscopic rotator cuff repair"),
        specialty="Orthopaedic Surgery",
    ),
    Scenario(
        key="psg",
        kind="sleep",
        service="attended in-lab polysomnography",
        procs=[Proc("95810", "polysomnography, attended, 4 or more parameters")],
        dx=[Dx("G47.33", "obstructive sleep apnea")],
        story=[
            "Home test was technically inadequate; witnessed apneas, Epworth score 16, BMI 41.",
            "Patient is a commercial driver.",
        ],
        tried=["positional therapy"],
        pmh=[Dx("I10", "essential hypertension")],
        prior=[Prior("95806", "home sleep apnea test", -25)],
        reqs=[
            Req(
                "failed or inconclusive home sleep test",
                "a home sleep apnea test that was inconclusive or failed",
            )
        ],
        extras=[Proc("A7030", "full face mask", H)],
        specialty="Sleep Medicine",
    ),
    Scenario(
        key="bypass",
        kind="surgery",
        service="laparoscopic Roux-en-Y gastric bypass",
        procs=[Proc("43644", "laparoscopic gastric bypass with Roux-en-Y")],
        dx=[
            Dx("E66.01", "morbid obesity due to excess calories"),
            Dx("Z68.41", "BMI 40.0-44.9, adult"),
        ],
        story=[
            "BMI 42.7 with type 2 diabetes and sleep apnea; completed a 6-month medically supervised weight program with 3 kg loss."
        ],
        tried=["supervised diet program for 6 months", "phentermine"],
        pmh=[Dx("E11.9", "type 2 diabetes"), Dx("G47.33", "sleep apnea")],
        family=[("mother", Dx("E66.9", "obesity"))],
        reqs=[
            Req(
                "psychological evaluation",
                "a psychological evaluation clearing the member for surgery",
            ),
            Req(
                "6 months supervised weight loss program",
                "completion of a supervised weight loss program lasting 6 months",
            ),
        ],
        future=Proc("15830", "panniculectomy"),
        specialty="Bariatric Surgery",
        ages=(25, 60),
    ),
    Scenario(
        key="pump",
        kind="dme",
        service="insulin infusion pump",
        procs=[Proc("E0784", "external ambulatory insulin infusion pump", H)],
        dx=[Dx("E10.65", "type 1 diabetes with hyperglycemia")],
        story=[
            "On 4 injections a day with glucose readings logged 5 times daily; recurrent nocturnal lows and A1c 8.9%."
        ],
        tried=["multiple daily injections for 2 years"],
        extras=[Proc("A4224", "infusion supplies, weekly", H)],
        reqs=[
            Req("C-peptide level", "a fasting C-peptide result"),
            Req("glucose log for 30 days", "a glucose log covering the last 30 days"),
        ],
        specialty="Endocrinology",
        ages=(12, 55),
    ),
    Scenario(
        key="infliximab",
        kind="drug",
        service="infliximab infusion",
        procs=[Proc("J1745", "injection, infliximab, 10 mg", H)],
        dx=[Dx("K50.90", "Crohn's disease without complications")],
        meds=["infliximab"],
        story=[
            "Ileocolonic Crohn's with 6 loose stools a day, CRP 38 and calprotectin 910 despite treatment."
        ],
        tried=["budesonide", "azathioprine for 5 months", "mesalamine"],
        pmh=[Dx("D50.9", "iron deficiency anemia")],
        prior=[Prior("45378", "diagnostic colonoscopy", -60)],
        reqs=[
            Req("negative tuberculosis screening", "proof of a negative tuberculosis screen"),
            Req("trial of an immunomodulator", "documentation that an immunomodulator was tried"),
        ],
        specialty="Gastroenterology",
        ages=(18, 60),
    ),
    Scenario(
        key="tka",
        kind="surgery",
        service="left total knee arthroplasty",
        procs=[Proc("27447", "total knee arthroplasty")],
        dx=[Dx("M17.12", "primary osteoarthritis, left knee")],
        story=[
            "Bone-on-bone medial compartment on standing films; walks under one block; night pain."
        ],
        tried=["two hyaluronic acid series", "bracing", "12 weeks of physical therapy"],
        pmh=[Dx("E78.5", "hyperlipidemia")],
        prior=[
            Prior("20610", "knee joint injection", -90),
            Prior("29881", "right knee arthroscopy with meniscectomy", -700),
        ],
        reqs=[
            Req("weight-bearing radiographs", "weight-bearing radiographs of the knee"),
            Req("3 months of nonsurgical care", "three months of nonsurgical care"),
        ],
        specialty="Orthopaedic Surgery",
        ages=(50, 84),
    ),
    Scenario(
        key="petct",
        kind="imaging",
        service="PET/CT skull base to mid-thigh",
        procs=[Proc("78815", "PET with concurrently acquired CT, skull base to mid-thigh")],
        dx=[Dx("C34.11", "malignant neoplasm of upper lobe, right lung")],
        story=["Biopsy-proven adenocarcinoma of the right upper lobe; staging before surgery."],
        pmh=[Dx("J44.9", "COPD")],
        prior=[Prior("71260", "CT chest with contrast", -14)],
        family=[("father", Dx("C61", "prostate cancer"))],
        reqs=[Req("tissue diagnosis", "the pathology report confirming the tissue diagnosis")],
        specialty="Thoracic Oncology",
        ages=(45, 82),
        acute=True,
    ),
    Scenario(
        key="wheelchair",
        kind="dme",
        service="power wheelchair, group 2",
        procs=[Proc("K0823", "power wheelchair, group 2 standard, captain's chair", H)],
        dx=[Dx("G12.21", "amyotrophic lateral sclerosis")],
        story=[
            "Cannot self-propel a manual chair; upper limb strength 3/5; falls at home twice this month."
        ],
        tried=["manual wheelchair", "rollator walker"],
        prior=[Prior("K0001", "standard manual wheelchair", -300, H)],
        reqs=[
            Req(
                "face-to-face mobility examination",
                "notes from the face-to-face mobility examination",
            ),
            Req("home assessment", "a home accessibility assessment"),
        ],
        extras=[Proc("E2601", "general use wheelchair seat cushion", H)],
        specialty="Neurology",
        ages=(40, 80),
    ),
]

PATIENT_F = (
    "Marisol Henrike Yevgenia Tallulah Odalys Priyanka Wilhelmina Zainab Clementine Aoife".split()
)
PATIENT_M = "Bartholomew Cormac Dariusz Ignatius Lorenzo Mateus Oisin Rashid Torsten Vikram".split()
SURNAMES = "Achterberg Blanchflower Czerwinski Delacroix-Moss Featherstonehaugh Grunwald Haverkamp Iwasaki Kowalczyk Lindqvist Mbeki-Hart Quintanilla Rosencrantz Szymanski Vandermeer".split()
CLIN = [
    ("Ottoline", "Breckenridge", "MD"),
    ("Sebastien", "Marchetti", "DO"),
    ("Folasade", "Adeyemi", "MD"),
    ("Radomir", "Petrovic", "MD"),
    ("Ingrid", "Solvang", "NP"),
    ("Thaddeus", "Wainwright", "MD"),
    ("Keiko", "Morimoto", "MD"),
    ("Anselm", "Rutherford", "PA-C"),
]
PAYERS = [
    ("Keystone Valley Health", "KVH#########"),
    ("Silver Fjord Health Plan", "SF-####-####-##"),
    ("Cascadia Mutual Benefit", "CMB@########"),
    ("Redwood Harbor Medicaid", "RHM ### ### ###"),
    ("Great Plains Cooperative Health", "GPC#######X"),
    ("Magnolia Coast Medicare Advantage", "MCA########"),
]
TOWNS = [
    "Ashbury, OR 97520",
    "Kettle Falls, WA 99141",
    "Marquette, MI 49855",
    "Natchitoches, LA 71457",
]
BLANKS = ("", "_________", "[illegible]", "see attached", "N/A", "??", "(not legible)", "pending")
EXPEDITE = [
    "Please handle as EXPEDITED: waiting the standard time could seriously harm the member.",
    "Expedited review requested - treatment delay would jeopardize life or health.",
    "[X] URGENT / expedited   [ ] standard",
]
DECOYS = [
    "Last seen at Ashbury Urgent Care Center.",
    "Pt asked for asap but routine timing is fine.",
    "[ ] Urgent   [X] Standard",
    "Urgency: routine (not urgent).",
]
PROSE_REQ = [
    "To review this request we will need {r}.",
    "Per medical policy the file must include {r}.",
    "Approval cannot be granted without {r}.",
    "Please submit {r} so the reviewer can apply the criteria.",
]


def fd(c: Ctx, d: date) -> str:
    return fmt(d, c.ds)


def val(c: Ctx, field: str, value: str) -> str:
    return c.rng.choice(BLANKS) if field in c.missing else value


def codes_p(s: Scenario, c: Ctx) -> str:
    return val(c, "procedure_code", ", ".join(p.code for p in s.procs))


def codes_d(s: Scenario, c: Ctx) -> str:
    undot = "undotted" in c.flags
    return val(
        c, "diagnosis_code", ", ".join(d.code.replace(".", "") if undot else d.code for d in s.dx)
    )


def prov_name(c: Ctx) -> str:
    return val(c, "requesting_provider_name", f"{c.prov.name}, {c.prov.cred}")


def story(s: Scenario, c: Ctx) -> list[str]:
    if "clinical_justification" in c.missing:
        return [
            c.rng.choice(
                [
                    "Clinical information: see attached.",
                    "Notes: (attached)",
                    "Justification: ____________",
                ]
            )
        ]
    out = [*s.story]
    if s.tried:
        out.append("Already tried without benefit: " + "; ".join(s.tried) + ".")
    return out


def distractors(s: Scenario, c: Ctx) -> list[str]:
    out = []
    if s.pmh:
        out.append("Past history: " + ", ".join(f"{d.desc} ({d.code})" for d in s.pmh) + ".")
    for p in s.prior:
        out.append(f"The patient underwent {p.desc} ({p.code}) on {fd(c, c.on(p.days))}, reviewed.")
    for rel, d in s.family:
        out.append(f"Family hx: {rel} with {d.desc}, {d.code}.")
    if s.future and "future" in c.flags:
        out.append(f"A separate request will follow later for {s.future.desc} ({s.future.code}).")
    if s.extras and "extras" in c.flags:
        out.append(
            "Supplies billed separately, no PA required: "
            + ", ".join(f"{p.code} {p.desc}" for p in s.extras)
            + "."
        )
    if "boiler" in c.flags:
        out.append("Example entry: CPT 99214, ICD-10 R51.9 (sample only - do not copy).")
    return out


def parties(c: Ctx) -> list[str]:
    out = []
    if c.referring:
        out.append(f"Referred by {c.referring.name}, {c.referring.cred} (NPI {c.referring.npi})")
    if c.facility:
        out.append(f"Servicing facility: {c.facility.name}  Facility NPI: {c.facility.npi}")
    if c.supplier:
        out.append(f"Supplier: {c.supplier.name} / NPI {c.supplier.npi}")
    if c.mbi:
        out.append(f"Medicare MBI: {c.mbi}")
    if c.case_no:
        out.append(f"Case #: {c.case_no}    Ref no. {c.order_no}")
    return out


def reqs(s: Scenario, c: Ctx) -> list[str]:
    if not c.show_reqs:
        return []
    return [c.rng.choice(PROSE_REQ).format(r=r.prose) for r in s.reqs]


def urgency(c: Ctx) -> list[str]:
    if c.expedited:
        return [c.rng.choice(EXPEDITE)]
    return [c.urgency_decoy] if c.urgency_decoy else []


def dl(c: Ctx) -> list[str]:
    return [f"A determination is needed by {fd(c, c.deadline)}."] if c.deadline else []


def L_fax(s: Scenario, c: Ctx) -> str:
    cover = [
        f"{fd(c, c.letter)}  FAX FROM {c.clinic.name.upper()}  {c.clinic.fax}   PG 1/2",
        "FAX COVER SHEET",
        f"TO: Utilization Review   FROM: {c.clinic.name}",
        "Pages: 2   Re: authorization",
        "",
    ]
    letter = [
        f"Date: {fd(c, c.letter)}",
        "",
        f"Plan: {val(c, 'payer', c.payer.name)}",
        f"Member: {val(c, 'patient_name', c.patient.full)}   DOB {val(c, 'patient_dob', fd(c, c.patient.dob))}",
        f"ID# {val(c, 'member_id', c.payer.member_id)}   Group {c.payer.group}",
        *parties(c),
        "",
        *urgency(c),
        f"We are writing to request prior authorization of {s.service} (CPT/HCPCS: {codes_p(s, c)}) for {', '.join(d.desc for d in s.dx)} (ICD-10: {codes_d(s, c)}).",
        f"Planned date: {val(c, 'service_date', fd(c, c.service))}.",
        *dl(c),
        "",
        *story(s, c),
        *distractors(s, c),
        *reqs(s, c),
        "",
        "Sincerely,",
        prov_name(c),
        f"NPI: {val(c, 'requesting_provider_npi', c.prov.npi)}",
        c.clinic.name,
        f"{c.clinic.street}, {c.clinic.city}",
    ]
    return "\n".join(cover) + "\f" + "\n".join(letter)


def L_dots(s: Scenario, c: Ctx) -> str:
    def row(k: str, v: str) -> str:
        return f"{k} {'.' * (28 - len(k))} {v}"

    lines = [
        "PRIOR AUTHORIZATION REQUEST FORM",
        "",
        row("Health plan", val(c, "payer", c.payer.name)),
        row("Member name", val(c, "patient_name", c.patient.full)),
        row("Date of birth", val(c, "patient_dob", fd(c, c.patient.dob))),
        row("Subscriber ID", val(c, "member_id", c.payer.member_id)),
        row("Group number", c.payer.group),
        row("Ordering clinician", prov_name(c)),
        row("Ordering NPI", val(c, "requesting_provider_npi", c.prov.npi)),
        *[row("Other party", p) for p in parties(c)],
        row("Service requested", f"{s.service}"),
        row("Procedure code(s)", codes_p(s, c)),
        row("Diagnosis code(s)", codes_d(s, c)),
        row("Start date", val(c, "service_date", fd(c, c.service))),
        row("Form date", fd(c, c.letter)),
        "",
        *urgency(c),
        *dl(c),
        "Clinical summary:",
        *["  " + x for x in story(s, c)],
        "Other findings:",
        *["  " + x for x in distractors(s, c)],
        *reqs(s, c),
    ]
    return "\n".join(lines)


def L_broken(s: Scenario, c: Ctx) -> str:
    head = ["Patient", "DOB", "Member ID", "Plan"]
    vals = [
        val(c, "patient_name", c.patient.full),
        val(c, "patient_dob", fd(c, c.patient.dob)),
        val(c, "member_id", c.payer.member_id),
        val(c, "payer", c.payer.name),
    ]
    head2 = ["Code", "Type", "Description"]
    rows = [] if "procedure_code" in c.missing else [[p.code, p.system, p.desc] for p in s.procs]
    if "diagnosis_code" not in c.missing:
        rows += [[d.code, "ICD-10", d.desc] for d in s.dx]
    lines = ["Authorization Request - exported table", *head, *vals, "", *head2] + [
        x for r in rows for x in r
    ]
    if "procedure_code" in c.missing:
        lines.append(f"Requested: {s.service} (code not entered)")
    if "diagnosis_code" in c.missing:
        lines.append(f"Reason: {s.dx[0].desc} (code not entered)")
    lines += [
        "",
        f"Requesting provider: {prov_name(c)}",
        f"NPI {val(c, 'requesting_provider_npi', c.prov.npi)}",
        *parties(c),
        f"Date of service: {val(c, 'service_date', fd(c, c.service))}",
        f"Submitted {fd(c, c.letter)}",
        *urgency(c),
        *dl(c),
        "",
        *story(s, c),
        *distractors(s, c),
        *reqs(s, c),
    ]
    return "\n".join(lines)


def L_twocol(s: Scenario, c: Ctx) -> str:
    left = [
        f"MEMBER: {val(c, 'patient_name', c.patient.full)}",
        f"BORN: {val(c, 'patient_dob', fd(c, c.patient.dob))}",
        f"PLAN ID: {val(c, 'member_id', c.payer.member_id)}",
        f"CARRIER: {val(c, 'payer', c.payer.name)}",
        f"CPT/HCPCS: {codes_p(s, c)}",
        f"DX: {codes_d(s, c)}",
    ]
    right = [
        f"PHYSICIAN: {prov_name(c)}",
        f"NPI#: {val(c, 'requesting_provider_npi', c.prov.npi)}",
        f"CLINIC: {c.clinic.name}",
        f"PHONE: {c.clinic.phone}",
        f"SCHEDULED: {val(c, 'service_date', fd(c, c.service))}",
        f"SIGNED: {fd(c, c.letter)}",
    ]
    lines = ["REQUEST FOR PRECERTIFICATION"] + [
        f"{a:<44}{b}" for a, b in zip(left, right, strict=True)
    ]
    return "\n".join(
        [
            *lines,
            *parties(c),
            f"Service: {s.service}",
            *urgency(c),
            *dl(c),
            "",
            *story(s, c),
            *distractors(s, c),
            *reqs(s, c),
        ]
    )


def L_portal(s: Scenario, c: Ctx) -> str:
    lines = [
        "== Provider Portal :: Submission Export ==",
        f"submission_date={fd(c, c.letter)}",
        f"payer_name={val(c, 'payer', c.payer.name)}",
        f"member_name={val(c, 'patient_name', c.patient.full)}",
        f"member_dob={val(c, 'patient_dob', fd(c, c.patient.dob))}",
        f"member_number={val(c, 'member_id', c.payer.member_id)}",
        f"group_number={c.payer.group}",
        f"requesting_provider={prov_name(c)}",
        f"requesting_npi={val(c, 'requesting_provider_npi', c.prov.npi)}",
        *[f"note={p}" for p in parties(c)],
        f"service_codes={codes_p(s, c)}",
        f"diagnosis_codes={codes_d(s, c)}",
        f"service_name={s.service}",
        f"requested_start={val(c, 'service_date', fd(c, c.service))}",
        f"priority={'EXPEDITED' if c.expedited else 'standard'}",
        *dl(c),
        "clinical_notes=" + " ".join(story(s, c)),
        "history=" + " ".join(distractors(s, c)),
        *reqs(s, c),
    ]
    return "\n".join(lines)


def L_ocr(s: Scenario, c: Ctx) -> str:
    text = L_dots(s, c)
    out = []
    for line in text.split("\n"):
        out.append(ocr_noise(c.rng, line, 0.12) if not any(ch.isdigit() for ch in line) else line)
    return "\n".join(out)


LAYOUTS = {
    "fax": L_fax,
    "dots": L_dots,
    "broken": L_broken,
    "twocol": L_twocol,
    "portal": L_portal,
    "ocr": L_ocr,
}


def make_ctx(rng: random.Random, s: Scenario, used: set[str], k: int) -> Ctx:
    letter = date(2026, 2, 2) + timedelta(days=rng.randrange(0, 60))
    sex = rng.choice("FM")
    age = rng.randrange(s.ages[0], s.ages[1] + 1)
    dob = date(letter.year - age - 1, rng.randrange(1, 13), rng.randrange(1, 29))
    patient = Person(
        rng.choice(PATIENT_F if sex == "F" else PATIENT_M), rng.choice(SURNAMES), dob, sex
    )
    pname, pat = rng.choice(PAYERS)
    payer = Payer(
        pname, upper_id(rng, pat), f"GRP-{digits(rng, 5)}", phone_555(rng, 0), phone_555(rng, 1), ""
    )
    cf, cl, cred = rng.choice(CLIN)
    town = rng.choice(TOWNS)
    clinic = Org(
        f"{town.split(',')[0]} {s.specialty} Associates",
        "400 Orchard Row",
        town,
        phone_555(rng, 0),
        phone_555(rng, 2),
    )
    expedited = rng.random() < (0.5 if s.acute else 0.15)
    service = letter + timedelta(days=rng.randrange(2, 6) if expedited else rng.randrange(8, 40))
    deadline = letter + timedelta(days=rng.randrange(1, 6)) if rng.random() < 0.3 else None
    missing: set[str] = set()
    if k % 2 == 0:
        missing.add(MISSING_ORDER[(k // 2) % len(MISSING_ORDER)])
    if k % 7 == 3:
        missing.add(MISSING_ORDER[(k + 4) % len(MISSING_ORDER)])
    flags = {
        f
        for f, p in (("future", 0.7), ("extras", 0.7), ("boiler", 0.3), ("undotted", 0.2))
        if rng.random() < p
    }
    c = Ctx(
        rng=rng,
        patient=patient,
        payer=payer,
        prov=Clin(cf, cl, cred, s.specialty, npi(random.Random(f"ho2-{cl}"))),
        clinic=clinic,
        letter=letter,
        service=service,
        deadline=deadline,
        expedited=expedited,
        missing=missing,
        show_reqs=bool(s.reqs) and rng.random() < 0.8,
        flags=flags,
        ds=rng.choice(["us", "us_short", "long", "dmy", "dash", "iso"]),
    )
    if rng.random() < 0.5:
        rf, rl, rc = rng.choice([x for x in CLIN if x[1] != cl])
        c.referring = Clin(rf, rl, rc, "Primary Care", npi(random.Random(f"ho2-{rl}")))
    if rng.random() < 0.4:
        c.facility = Org(
            f"{town.split(',')[0]} Surgical Pavilion", "", town, "", "", npi(rng, used)
        )
    if s.kind == "dme" and rng.random() < 0.7:
        c.supplier = Org("Northgate Mobility Supply", "", town, "", "", npi(rng, used))
    if rng.random() < 0.35:
        c.mbi = upper_id(rng, "#@@#-@@#-@@##")
    if rng.random() < 0.5:
        c.case_no = f"UM{digits(rng, 9)}"
        c.order_no = f"ORD-{digits(rng, 7)}"
    if not expedited and rng.random() < 0.4:
        c.urgency_decoy = rng.choice(DECOYS)
    return c


def main() -> int:
    rng = random.Random(SEED)
    rows: list[dict[str, Any]] = []
    used: set[str] = set()
    names = list(LAYOUTS)
    for k in range(N):
        s = SCEN[k % len(SCEN)]
        layout = names[(k // len(SCEN) + k) % len(names)]
        c = make_ctx(rng, s, used, k)
        text = LAYOUTS[layout](s, c)
        gold = gold_for(s, c)
        check_meds(f"x{k}", gold, text)
        check_case(f"ho2-{k}", gold, text, c, s, fmt)
        rows.append({"id": f"ho2-pa-{k + 1:03d}", "input": {"text": text}, "expected": gold})
    write_jsonl(OUT, rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
