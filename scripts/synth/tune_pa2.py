#!/usr/bin/env python3
"""Build evals/data/tune_pa2/prior_auth.jsonl: the second-round prior-auth TUNING set.

    .venv/bin/python scripts/synth/tune_pa2.py

Open to everyone; rules are tuned against it. Its scenarios, layouts, names, payers and
phrase pools are its own (none shared with ``heldout_pa2.py``, which was written first and
not read while tuning). Deterministic.
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
OUT = ROOT / "evals" / "data" / "tune_pa2" / "prior_auth.jsonl"
SEED = 24_680
N = 48
H = "HCPCS"

SCEN = [
    Scenario(
        key="mri_brain",
        kind="imaging",
        service="MRI brain with and without contrast",
        procs=[Proc("70553", "MRI brain without then with contrast")],
        dx=[Dx("G43.719", "chronic migraine without aura, intractable")],
        story=[
            "Headaches changed in character over 3 months, now waking the patient at night; new left-sided numbness."
        ],
        tried=["topiramate", "sumatriptan", "propranolol"],
        pmh=[Dx("F41.1", "generalized anxiety disorder")],
        prior=[Prior("70450", "CT head without contrast", -20)],
        reqs=[
            Req("new neurological findings", "documented new neurological findings on examination")
        ],
        specialty="Neurology",
    ),
    Scenario(
        key="cpap",
        kind="dme",
        service="CPAP device",
        procs=[Proc("E0601", "continuous positive airway pressure device", H)],
        dx=[Dx("G47.33", "obstructive sleep apnea")],
        story=[
            "Home sleep test showed AHI 31 with desaturation to 79%; daytime sleepiness, Epworth 14."
        ],
        pmh=[Dx("E66.9", "obesity")],
        prior=[Prior("95806", "home sleep apnea test", -15)],
        extras=[Proc("A7034", "nasal interface mask", H)],
        reqs=[
            Req(
                "sleep study showing AHI of 15 or more",
                "a sleep study report showing an AHI of 15 or more",
            ),
            Req("face-to-face visit", "a face-to-face visit note before the order"),
        ],
        specialty="Pulmonology",
    ),
    Scenario(
        key="adalimumab",
        kind="drug",
        service="adalimumab (Humira) 40 mg every other week",
        procs=[Proc("J0135", "injection, adalimumab, 20 mg", H)],
        dx=[Dx("L40.50", "psoriatic arthritis, unspecified")],
        meds=["adalimumab"],
        story=["Swollen joints in both hands, 9 tender joints, dactylitis; CRP 22."],
        tried=["methotrexate for 4 months", "sulfasalazine"],
        pmh=[Dx("L40.0", "psoriasis vulgaris")],
        reqs=[
            Req(
                "failure of methotrexate", "evidence that methotrexate failed or was not tolerated"
            ),
            Req("negative TB test", "a negative TB test within 12 months"),
        ],
        specialty="Rheumatology",
    ),
    Scenario(
        key="lumbar_fusion",
        kind="surgery",
        service="lumbar fusion L4-L5",
        procs=[
            Proc("22612", "posterior lumbar arthrodesis, single level"),
            Proc("22840", "posterior segmental instrumentation"),
        ],
        dx=[Dx("M43.16", "spondylolisthesis, lumbar region")],
        story=[
            "Grade 2 spondylolisthesis with neurogenic claudication at 100 yards; failed injections."
        ],
        tried=["two epidural steroid injections", "physical therapy for 12 weeks"],
        pmh=[Dx("I10", "hypertension")],
        prior=[
            Prior("64483", "transforaminal epidural injection", -50),
            Prior("72148", "MRI lumbar spine", -70),
        ],
        reqs=[
            Req("smoking cessation", "proof of smoking cessation for 6 weeks"),
            Req("6 months of conservative treatment", "six months of conservative treatment"),
        ],
        future=Proc("22614", "arthrodesis, each additional level"),
        specialty="Spine Surgery",
    ),
    Scenario(
        key="cgm",
        kind="dme",
        service="continuous glucose monitor",
        procs=[Proc("E2103", "non-adjunctive continuous glucose monitor", H)],
        dx=[Dx("E11.65", "type 2 diabetes with hyperglycemia")],
        story=[
            "On basal-bolus insulin, checks 4 times a day, two hypoglycemic episodes needing help."
        ],
        tried=["fingerstick monitoring"],
        extras=[Proc("A4239", "CGM supply allowance", H)],
        family=[("sister", Dx("E10.9", "type 1 diabetes"))],
        reqs=[Req("insulin treatment", "confirmation of insulin treatment")],
        specialty="Endocrinology",
    ),
    Scenario(
        key="echo_stress",
        kind="imaging",
        service="stress echocardiogram",
        procs=[Proc("93351", "stress echocardiography with ECG monitoring")],
        dx=[Dx("R07.89", "other chest pain")],
        story=["Exertional chest pressure for 5 weeks, relieved by rest; baseline ECG with LBBB."],
        pmh=[Dx("E78.00", "pure hypercholesterolemia")],
        prior=[Prior("93000", "electrocardiogram", -3)],
        family=[("brother", Dx("I21.9", "myocardial infarction"))],
        reqs=[Req("uninterpretable baseline ECG", "an uninterpretable resting ECG")],
        specialty="Cardiology",
        acute=True,
    ),
    Scenario(
        key="hip",
        kind="surgery",
        service="right total hip arthroplasty",
        procs=[Proc("27130", "total hip arthroplasty")],
        dx=[Dx("M16.11", "unilateral primary osteoarthritis, right hip")],
        story=[
            "Severe groin pain, uses a cane, unable to put on socks; joint space obliterated on x-ray."
        ],
        tried=["intra-articular steroid injection", "celecoxib", "physical therapy"],
        prior=[Prior("20610", "hip injection", -80)],
        reqs=[Req("BMI under 40", "a BMI under 40 documented in the last 30 days")],
        specialty="Orthopaedic Surgery",
        ages=(55, 85),
    ),
    Scenario(
        key="ivig",
        kind="drug",
        service="immune globulin (IVIG) infusion",
        procs=[Proc("J1569", "injection, immune globulin (Gammagard liquid), 500 mg", H)],
        dx=[Dx("G61.81", "chronic inflammatory demyelinating polyneuritis")],
        meds=["immune globulin"],
        story=["Progressive symmetric weakness over 4 months, areflexia, conduction block on EMG."],
        tried=["prednisone 60 mg"],
        prior=[Prior("95910", "nerve conduction studies", -30)],
        reqs=[Req("EMG/nerve conduction results", "the EMG and nerve conduction results")],
        specialty="Neurology",
    ),
]

NAMES_F = "Rosalee Svetlana Imani Peregrine Xiomara Dagny Hyacinth Ngozi Philippa Ysolde".split()
NAMES_M = "Augustin Bram Caspian Demetrius Emeka Florian Gideon Hamish Leopold Nikolai".split()
SURN = "Ambrose Bellweather Carrington Dubois-Kent Ekwueme Fairbanks Gallagher Holloway Ivanova Jankowski Kaczmarek Llewellyn Montgomery Nakagawa Okonkwo".split()
CLIN = [
    ("Cordelia", "Ashdown", "MD"),
    ("Phineas", "Blackwood", "DO"),
    ("Adaeze", "Nwosu", "MD"),
    ("Lorcan", "Fitzgerald", "MD"),
    ("Sunniva", "Haugen", "NP"),
    ("Ezekiel", "Drummond", "MD"),
    ("Haruka", "Sato", "MD"),
    ("Benedikt", "Kraus", "PA-C"),
]
PAYERS = [
    ("Highland Crest Health", "HCH########"),
    ("Blue Heron Health Plan", "BH-###-###-###"),
    ("Summit Ridge Mutual", "SRM@#######"),
    ("Pinewood State Medicaid", "PSM ### ## ####"),
    ("Evergreen Coast Medicare Plan", "ECM#######Q"),
]
TOWNS = ["Galena, IL 61036", "Bozeman, MT 59715", "Athens, OH 45701", "Brattleboro, VT 05301"]
BLANKS = ("", "________", "illegible", "See attached", "n/a", "--", "[blank]", "unknown")
EXPEDITE = [
    "URGENT: please expedite - standard timeframe could seriously jeopardize the patient's health.",
    "Request type: [X] Expedited  [ ] Standard",
    "I am asking for an expedited (urgent) determination.",
]
DECOYS = [
    "Referred from Galena Urgent Care.",
    "Urgency: [ ] urgent [X] routine",
    "Patient hopes for soon, but standard review is fine.",
    "Not an urgent request.",
]
PROSE_REQ = [
    "The plan requires {r}.",
    "Please include {r} with this request.",
    "Coverage depends on {r}.",
    "Your policy asks for {r}; it is enclosed.",
]


def fd(c: Ctx, d: date) -> str:
    return fmt(d, c.ds)


def val(c: Ctx, field: str, value: str) -> str:
    return c.rng.choice(BLANKS) if field in c.missing else value


def codes_p(s: Scenario, c: Ctx) -> str:
    return val(c, "procedure_code", " / ".join(p.code for p in s.procs))


def codes_d(s: Scenario, c: Ctx) -> str:
    undot = "undotted" in c.flags
    return val(
        c, "diagnosis_code", " ; ".join(d.code.replace(".", "") if undot else d.code for d in s.dx)
    )


def prov_name(c: Ctx) -> str:
    return val(c, "requesting_provider_name", f"{c.prov.first} {c.prov.last} {c.prov.cred}")


def story(s: Scenario, c: Ctx) -> list[str]:
    if "clinical_justification" in c.missing:
        return [
            c.rng.choice(
                [
                    "Medical necessity: see attached notes.",
                    "Clinical notes: to follow",
                    "Rationale: ______",
                ]
            )
        ]
    out = list(s.story)
    if s.tried:
        out.append("Prior treatments: " + ", ".join(s.tried) + " - inadequate response.")
    return out


def distractors(s: Scenario, c: Ctx) -> list[str]:
    out = []
    if s.pmh:
        out.append("PMH: " + "; ".join(f"{d.code} {d.desc}" for d in s.pmh))
    for p in s.prior:
        out.append(f"Completed {fd(c, c.on(p.days))}: {p.desc} [{p.code}]")
    for rel, d in s.family:
        out.append(f"FHx - {rel}: {d.desc} ({d.code})")
    if s.future and "future" in c.flags:
        out.append(
            f"If approved we will later submit a separate request for {s.future.code} ({s.future.desc})."
        )
    if s.extras and "extras" in c.flags:
        out.append(
            "Accessories (no auth needed): " + ", ".join(f"{p.desc} {p.code}" for p in s.extras)
        )
    if "boiler" in c.flags:
        out.append("Instructions: enter codes as in the example (e.g. 99213, J45.909).")
    return out


def parties(c: Ctx) -> list[str]:
    out = []
    if c.referring:
        out.append(f"Referring MD: {c.referring.name}  NPI {c.referring.npi}")
    if c.facility:
        out.append(f"Rendering facility {c.facility.name}, NPI: {c.facility.npi}")
    if c.supplier:
        out.append(f"DME vendor {c.supplier.name} (NPI {c.supplier.npi})")
    if c.mbi:
        out.append(f"MBI {c.mbi}")
    if c.case_no:
        out.append(f"Reference #{c.case_no}   Order # {c.order_no}")
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
    return [f"Please return the decision by {fd(c, c.deadline)}."] if c.deadline else []


def L_letter(s: Scenario, c: Ctx) -> str:
    cover = [
        f"*** FAX ***  {c.clinic.name}  ->  {val(c, 'payer', c.payer.name) or 'plan'} UM dept",
        f"Sent {fd(c, c.letter)}  2 pages",
        "CONFIDENTIAL: contains health information.",
        "",
    ]
    body = [
        fd(c, c.letter),
        "",
        f"RE: {val(c, 'patient_name', c.patient.full)}, DOB {val(c, 'patient_dob', fd(c, c.patient.dob))}",
        f"Insurance: {val(c, 'payer', c.payer.name)}  Member ID {val(c, 'member_id', c.payer.member_id)}  Grp {c.payer.group}",
        *parties(c),
        "",
        *urgency(c),
        f"Dear reviewer, please authorize {s.service}, code {codes_p(s, c)}, diagnosis {codes_d(s, c)}.",
        f"Date of service: {val(c, 'service_date', fd(c, c.service))}",
        *dl(c),
        "",
        *story(s, c),
        *distractors(s, c),
        *reqs(s, c),
        "",
        "Regards,",
        prov_name(c),
        f"NPI {val(c, 'requesting_provider_npi', c.prov.npi)}",
        f"{c.clinic.name}, {c.clinic.city}",
    ]
    return "\n".join(cover) + "\f" + "\n".join(body)


def L_leader(s: Scenario, c: Ctx) -> str:
    def row(k: str, v: str) -> str:
        return f"{k}{'.' * (26 - len(k))}{v}"

    lines = [
        "UTILIZATION MANAGEMENT REQUEST",
        row("Insurer", val(c, "payer", c.payer.name)),
        row("Patient", val(c, "patient_name", c.patient.full)),
        row("DOB", val(c, "patient_dob", fd(c, c.patient.dob))),
        row("Member #", val(c, "member_id", c.payer.member_id)),
        row("Provider", prov_name(c)),
        row("Provider NPI", val(c, "requesting_provider_npi", c.prov.npi)),
        row("Requested", s.service),
        row("CPT/HCPCS", codes_p(s, c)),
        row("ICD-10", codes_d(s, c)),
        row("Service date", val(c, "service_date", fd(c, c.service))),
        row("Today", fd(c, c.letter)),
        *parties(c),
        *urgency(c),
        *dl(c),
        "Justification:",
        *story(s, c),
        "History:",
        *distractors(s, c),
        *reqs(s, c),
    ]
    return "\n".join(lines)


def L_cells(s: Scenario, c: Ctx) -> str:
    cells = [
        "Name",
        val(c, "patient_name", c.patient.full),
        "Birth date",
        val(c, "patient_dob", fd(c, c.patient.dob)),
        "Plan",
        val(c, "payer", c.payer.name),
        "ID",
        val(c, "member_id", c.payer.member_id),
    ]
    lines = ["Pre-service review request", *cells, "", "Requested items"]
    if "procedure_code" not in c.missing:
        lines += [x for p in s.procs for x in (p.code, p.desc)]
    else:
        lines.append(f"{s.service} - code pending")
    if "diagnosis_code" not in c.missing:
        lines += [x for d in s.dx for x in (d.code, d.desc)]
    else:
        lines.append(f"for {s.dx[0].desc} - code pending")
    lines += [
        "",
        f"Ordering physician {prov_name(c)}",
        f"NPI: {val(c, 'requesting_provider_npi', c.prov.npi)}",
        *parties(c),
        f"Expected service date {val(c, 'service_date', fd(c, c.service))}",
        f"Request date {fd(c, c.letter)}",
        *urgency(c),
        *dl(c),
        *story(s, c),
        *distractors(s, c),
        *reqs(s, c),
    ]
    return "\n".join(lines)


def L_columns(s: Scenario, c: Ctx) -> str:
    left = [
        f"Pt: {val(c, 'patient_name', c.patient.full)}",
        f"D.O.B.: {val(c, 'patient_dob', fd(c, c.patient.dob))}",
        f"Ins ID: {val(c, 'member_id', c.payer.member_id)}",
        f"Payer: {val(c, 'payer', c.payer.name)}",
        f"Proc: {codes_p(s, c)}",
        f"Dx: {codes_d(s, c)}",
    ]
    right = [
        f"Requesting MD: {prov_name(c)}",
        f"NPI {val(c, 'requesting_provider_npi', c.prov.npi)}",
        f"Office: {c.clinic.name}",
        f"Tel {c.clinic.phone}",
        f"DOS: {val(c, 'service_date', fd(c, c.service))}",
        f"Date: {fd(c, c.letter)}",
    ]
    return "\n".join(
        [
            "PRE-CERTIFICATION FORM",
            *[f"{a:<46}{b}" for a, b in zip(left, right, strict=True)],
            f"Item: {s.service}",
            *parties(c),
            *urgency(c),
            *dl(c),
            *story(s, c),
            *distractors(s, c),
            *reqs(s, c),
        ]
    )


def L_export(s: Scenario, c: Ctx) -> str:
    return "\n".join(
        [
            "[ePA export]",
            f"created: {fd(c, c.letter)}",
            f"plan: {val(c, 'payer', c.payer.name)}",
            f"patient: {val(c, 'patient_name', c.patient.full)}",
            f"dob: {val(c, 'patient_dob', fd(c, c.patient.dob))}",
            f"member_id: {val(c, 'member_id', c.payer.member_id)}",
            f"prescriber: {prov_name(c)}",
            f"prescriber_npi: {val(c, 'requesting_provider_npi', c.prov.npi)}",
            *[f"other: {p}" for p in parties(c)],
            f"item: {s.service}",
            f"procedure_codes: {codes_p(s, c)}",
            f"diagnosis_codes: {codes_d(s, c)}",
            f"start_date: {val(c, 'service_date', fd(c, c.service))}",
            f"urgent: {'yes' if c.expedited else 'no'}",
            *dl(c),
            "narrative: " + " ".join(story(s, c)),
            "history: " + " ".join(distractors(s, c)),
            *reqs(s, c),
        ]
    )


def L_scan(s: Scenario, c: Ctx) -> str:
    return "\n".join(
        ocr_noise(c.rng, ln, 0.12) if not any(ch.isdigit() for ch in ln) else ln
        for ln in L_leader(s, c).split("\n")
    )


LAYOUTS = {
    "letter": L_letter,
    "leader": L_leader,
    "cells": L_cells,
    "columns": L_columns,
    "export": L_export,
    "scan": L_scan,
}


def make_ctx(rng: random.Random, s: Scenario, used: set[str], k: int) -> Ctx:
    letter = date(2026, 1, 20) + timedelta(days=rng.randrange(0, 60))
    sex = rng.choice("FM")
    age = rng.randrange(s.ages[0], s.ages[1] + 1)
    dob = date(letter.year - age - 1, rng.randrange(1, 13), rng.randrange(1, 29))
    patient = Person(rng.choice(NAMES_F if sex == "F" else NAMES_M), rng.choice(SURN), dob, sex)
    pname, pat = rng.choice(PAYERS)
    payer = Payer(
        pname, upper_id(rng, pat), f"G{digits(rng, 6)}", phone_555(rng, 0), phone_555(rng, 1), ""
    )
    cf, cl, cred = rng.choice(CLIN)
    town = rng.choice(TOWNS)
    clinic = Org(
        f"{town.split(',')[0]} {s.specialty} Group",
        "9 Elm Court",
        town,
        phone_555(rng, 0),
        phone_555(rng, 2),
    )
    expedited = rng.random() < (0.5 if s.acute else 0.15)
    service = letter + timedelta(days=rng.randrange(2, 6) if expedited else rng.randrange(8, 40))
    deadline = letter + timedelta(days=rng.randrange(1, 6)) if rng.random() < 0.3 else None
    missing: set[str] = set()
    if k % 2 == 1:
        missing.add(MISSING_ORDER[(k // 2) % len(MISSING_ORDER)])
    if k % 9 == 4:
        missing.add(MISSING_ORDER[(k + 3) % len(MISSING_ORDER)])
    flags = {
        f
        for f, p in (("future", 0.7), ("extras", 0.7), ("boiler", 0.3), ("undotted", 0.2))
        if rng.random() < p
    }
    c = Ctx(
        rng=rng,
        patient=patient,
        payer=payer,
        prov=Clin(cf, cl, cred, s.specialty, npi(random.Random(f"tu2-{cl}"))),
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
        c.referring = Clin(rf, rl, rc, "Family Medicine", npi(random.Random(f"tu2-{rl}")))
    if rng.random() < 0.4:
        c.facility = Org(
            f"{town.split(',')[0]} Ambulatory Center", "", town, "", "", npi(rng, used)
        )
    if s.kind == "dme" and rng.random() < 0.7:
        c.supplier = Org("Riverside Home Equipment", "", town, "", "", npi(rng, used))
    if rng.random() < 0.35:
        c.mbi = upper_id(rng, "#@@#-@@#-@@##")
    if rng.random() < 0.5:
        c.case_no = f"{digits(rng, 10)}"
        c.order_no = f"{digits(rng, 8)}"
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
        check_case(f"tu2-{k}", gold, text, c, s, fmt)
        rows.append({"id": f"tu2-pa-{k + 1:03d}", "input": {"text": text}, "expected": gold})
    write_jsonl(OUT, rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
