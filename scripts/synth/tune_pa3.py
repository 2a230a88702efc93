#!/usr/bin/env python3
"""Build evals/data/tune_pa3/prior_auth.jsonl: the third-round prior-auth TUNING set.

    python scripts/synth/tune_pa3.py            # writes the file
    python scripts/synth/tune_pa3.py --check    # exit 1 when the committed file differs

Open: rules are tuned against it. The round is about *missing fields*: the request's fields
sit in a layout (aligned two-column sheets, check-list forms, ``Key = value`` exports, a
letter that names them in sentences) and about three documents in four leave one or two of
them blank, unreadable, "see attached" or out altogether. Its scenarios, layouts, labels,
blank markers, names, payers and phrase pools are its own (none shared with
``heldout_pa3.py``, written first and not read while tuning); only mechanism is shared
(``pa_model.py``, ``pa2_common.py``). Deterministic.
"""

# ruff: noqa: E501  (long literal texts are the data)

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from ids import npi, phone_555
from pa2_common import build_rows, digits, fmt, upper_id, write_or_check
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
)

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "tune_pa3" / "prior_auth.jsonl"
SEED = 51_208
N = 48
H = "HCPCS"

SCEN = [
    Scenario(
        key="shoulder",
        kind="surgery",
        service="arthroscopic rotator cuff repair, right shoulder",
        procs=[Proc("29827", "shoulder arthroscopy, rotator cuff repair")],
        dx=[Dx("M75.121", "complete rotator cuff tear, right shoulder, not traumatic")],
        story=[
            "Night pain and weakness in abduction for 5 months; full-thickness tear on imaging."
        ],
        tried=["subacromial injection", "home exercise program"],
        prior=[Prior("73221", "MRI right shoulder", -30)],
        reqs=[Req("full-thickness tear on MRI", "an MRI report with a full-thickness tear")],
        specialty="Orthopedics",
    ),
    Scenario(
        key="ct_abdomen",
        kind="imaging",
        service="CT abdomen and pelvis with contrast",
        procs=[Proc("74177", "CT abdomen and pelvis with contrast")],
        dx=[Dx("R10.31", "right lower quadrant pain")],
        story=[
            "Right lower quadrant pain for 10 days with low-grade fever and raised white count."
        ],
        pmh=[Dx("K58.9", "irritable bowel syndrome without diarrhea")],
        prior=[Prior("76705", "limited abdominal ultrasound", -6)],
        reqs=[Req("non-diagnostic ultrasound", "an ultrasound that did not explain the pain")],
        specialty="General Surgery",
        acute=True,
    ),
    Scenario(
        key="semaglutide",
        kind="drug",
        service="semaglutide (Wegovy) weekly injection",
        procs=[Proc("J3490", "unclassified drug", H)],
        dx=[
            Dx("E66.01", "morbid obesity due to excess calories"),
            Dx("Z68.41", "BMI 40.0-44.9, adult"),
        ],
        meds=["semaglutide"],
        story=["BMI 42 with sleep apnea and knee pain; lost 3% in a 6-month lifestyle program."],
        tried=["structured diet program", "phentermine"],
        family=[("mother", Dx("E11.9", "type 2 diabetes without complications"))],
        reqs=[Req("lifestyle program participation", "a record of a supervised lifestyle program")],
        specialty="Endocrinology",
    ),
    Scenario(
        key="insulin_pump",
        kind="dme",
        service="insulin infusion pump",
        procs=[Proc("E0784", "external ambulatory insulin infusion pump", H)],
        dx=[Dx("E10.65", "type 1 diabetes with hyperglycemia")],
        story=["A1c 9.4 on multiple daily injections with dawn phenomenon; nocturnal lows."],
        prior=[Prior("95251", "CGM data interpretation", -14)],
        extras=[Proc("A4230", "infusion set", H)],
        reqs=[Req("C-peptide result", "a C-peptide level")],
        specialty="Endocrinology",
        ages=(12, 60),
    ),
    Scenario(
        key="holter",
        kind="test",
        service="extended cardiac rhythm monitoring",
        procs=[Proc("93241", "external ECG recording, more than 48 hours up to 7 days")],
        dx=[Dx("R00.2", "palpitations"), Dx("R55", "syncope and collapse")],
        story=["Palpitations with one near-faint last week; resting ECG normal."],
        prior=[Prior("93000", "12-lead ECG", -4)],
        family=[("uncle", Dx("I47.20", "ventricular tachycardia, unspecified"))],
        reqs=[Req("symptom log", "a log of the episodes")],
        specialty="Cardiology",
        acute=True,
    ),
    Scenario(
        key="physio",
        kind="therapy",
        service="outpatient physical therapy, 12 visits",
        procs=[Proc("97110", "therapeutic exercise"), Proc("97140", "manual therapy")],
        dx=[Dx("M54.50", "low back pain, unspecified")],
        story=["Back pain with sitting intolerance; Oswestry 44%."],
        tried=["naproxen", "cyclobenzaprine"],
        pmh=[Dx("F32.A", "depression, unspecified")],
        reqs=[Req("functional goals", "measurable functional goals")],
        specialty="Physiatry",
    ),
]

GIVEN_F = "Anneliese Beatrix Coralie Delphine Esperanza Fenella Giovanna Honorine".split()
GIVEN_M = "Alaric Barnaby Cormac Desmond Evander Fitzroy Gaspard Horatio".split()
FAMILY = "Achterberg Blomqvist Cavendish Drysdale Etheridge Featherstone Gutierrez-Pena Hawthorne Iredale Jorgensen Kingsley Lockhart".split()
MDS = [
    ("Perpetua", "Villiers", "MD"),
    ("Oswin", "Tremaine", "DO"),
    ("Ngozi", "Adeyemi", "MD"),
    ("Lars", "Thorvaldsen", "MD"),
    ("Beatrice", "Okafor-Lane", "NP"),
    ("Rajiv", "Menon", "MD"),
]
CARRIERS = [
    ("Silver Birch Health Plan", "SBH#########"),
    ("Cedar Valley Care Network", "CV-####-####"),
    ("Prairie Wind Mutual", "PWM@######"),
    ("Keystone Harbor Medicaid", "KH ##### ####"),
]
TOWNS = ["Missoula, MT 59801", "Durango, CO 81301", "Bangor, ME 04401"]
# How this set's senders leave a field unfilled; None is "the line is not there at all".
EMPTY = ("", "....", "illegible", "See attached", "none given", "unk", "-", None)
FAST = [
    "** EXPEDITE ** the standard review time could put the patient at risk.",
    "Review type: [X] urgent/expedited  [ ] standard",
]
SLOW = ["Review type: [ ] urgent/expedited  [X] standard", "Seen at Durango Urgent Care first."]
SAYS = ["Plan criteria: {r}.", "The carrier needs {r} for this service."]


def dd(c: Ctx, d: date) -> str:
    return fmt(d, c.ds)


def slot(c: Ctx, name: str, value: str) -> str | None:
    """The value written for a field: the value, an empty marker, or None (line left out)."""
    if name not in c.missing:
        return value
    mark: str | None = c.rng.choice(EMPTY)
    return mark


def rows(s: Scenario, c: Ctx) -> list[tuple[str, str | None]]:
    """The request's fields in document order: (label, what is written, None for no line)."""
    dx = " / ".join(d.code.replace(".", "") if "bare" in c.flags else d.code for d in s.dx)
    return [
        ("Patient", slot(c, "patient_name", c.patient.full)),
        ("Date of birth", slot(c, "patient_dob", dd(c, c.patient.dob))),
        ("Insurance carrier", slot(c, "payer", c.payer.name)),
        ("Member ID", slot(c, "member_id", c.payer.member_id)),
        (
            "Requesting physician",
            slot(c, "requesting_provider_name", f"{c.prov.first} {c.prov.last} {c.prov.cred}"),
        ),
        ("NPI #", slot(c, "requesting_provider_npi", c.prov.npi)),
        ("Service", s.service),
        ("CPT/HCPCS", slot(c, "procedure_code", " / ".join(p.code for p in s.procs))),
        ("Diagnosis", slot(c, "diagnosis_code", dx)),
        ("Date of service", slot(c, "service_date", dd(c, c.service))),
    ]


def side(c: Ctx) -> list[str]:
    out = []
    if c.referring:
        out.append(
            f"PCP: {c.referring.first} {c.referring.last} {c.referring.cred}, NPI {c.referring.npi}"
        )
    if c.facility:
        out.append(f"Performing location {c.facility.name} / NPI {c.facility.npi}")
    if c.order_no:
        out.append(f"Order number {c.order_no}")
    if c.mbi:
        out.append(f"MBI: {c.mbi}")
    return out


def clinical(s: Scenario, c: Ctx) -> list[str]:
    """Reason for the request (or its blank), history and what the carrier asks for."""
    if "clinical_justification" in c.missing:
        out = [
            c.rng.choice(
                [
                    "Reason for request: See attached",
                    "Reason for request: illegible",
                    "Reason for request:",
                ]
            )
        ]
    else:
        out = ["Reason for request: " + " ".join(s.story)]
        if s.tried:
            out.append("Failed so far: " + ", ".join(s.tried))
    for d in s.pmh:
        out.append(f"PMH {d.code} {d.desc}")
    for p in s.prior:
        out.append(f"Prior: {p.code} {p.desc} on {dd(c, c.on(p.days))}")
    for rel, d in s.family:
        out.append(f"FHx {rel}: {d.code} {d.desc}")
    if s.extras and "extras" in c.flags:
        out.append("Supplies, no authorization required: " + ", ".join(p.code for p in s.extras))
    if "sample" in c.flags:
        out.append("Sample entry: 99214 / I10 (do not copy)")
    if c.show_reqs:
        out += [c.rng.choice(SAYS).format(r=r.prose) for r in s.reqs]
    if c.expedited:
        out.append(c.rng.choice(FAST))
    elif c.urgency_decoy:
        out.append(c.urgency_decoy)
    if c.deadline:
        out.append(f"Respond by {dd(c, c.deadline)} please.")
    return out


def L_aligned(s: Scenario, c: Ctx) -> str:
    out = ["PRECERTIFICATION SHEET", f"Date {dd(c, c.letter)}"]
    out += [f"{k:<24}{v}".rstrip() for k, v in rows(s, c) if v is not None]
    return "\n".join([*out, *side(c), "", *clinical(s, c)])


def L_checklist(s: Scenario, c: Ctx) -> str:
    out = [f"Authorization checklist - sent {dd(c, c.letter)}"]
    out += [
        f"[{'x' if v not in ('', None) else ' '}] {k}: {v}".rstrip()
        for k, v in rows(s, c)
        if v is not None
    ]
    return "\n".join([*out, "", *side(c), *clinical(s, c)])


def L_equals(s: Scenario, c: Ctx) -> str:
    out = ["# eAuth submission", f"submitted = {dd(c, c.letter)}"]
    out += [f"{k} = {v}".rstrip() for k, v in rows(s, c) if v is not None]
    return "\n".join([*out, *side(c), *clinical(s, c)])


def L_prose(s: Scenario, c: Ctx) -> str:
    r = dict(rows(s, c))
    out = [c.clinic.name, c.clinic.city, dd(c, c.letter), ""]
    for k in ("Patient", "Date of birth", "Insurance carrier", "Member ID"):
        if r[k] is not None:
            out.append(f"{k}: {r[k]}")
    out += ["", f"We are requesting prior authorization for {s.service}."]
    for k in ("CPT/HCPCS", "Diagnosis", "Date of service"):
        if r[k] is not None:
            out.append(f"{k}: {r[k]}")
    out += side(c)
    out += ["", *clinical(s, c), "", "Sincerely,"]
    for k in ("Requesting physician", "NPI #"):
        if r[k] is not None:
            out.append(f"{k}: {r[k]}")
    return "\n".join(out)


LAYOUTS = {"aligned": L_aligned, "checklist": L_checklist, "equals": L_equals, "prose": L_prose}


def make_ctx(rng: random.Random, s: Scenario, k: int, used: set[str]) -> Ctx:
    letter = date(2026, 1, 26) + timedelta(days=rng.randrange(0, 50))
    sex = rng.choice("FM")
    age = rng.randrange(s.ages[0], s.ages[1] + 1)
    dob = date(letter.year - age - 1, rng.randrange(1, 13), rng.randrange(1, 29))
    patient = Person(rng.choice(GIVEN_F if sex == "F" else GIVEN_M), rng.choice(FAMILY), dob, sex)
    cname, pat = rng.choice(CARRIERS)
    payer = Payer(
        cname, upper_id(rng, pat), digits(rng, 6), phone_555(rng, 3), phone_555(rng, 4), ""
    )
    first, last, cred = rng.choice(MDS)
    town = rng.choice(TOWNS)
    clinic = Org(f"{town.split(',')[0]} {s.specialty} Clinic", "", town, "", "")
    expedited = rng.random() < (0.5 if s.acute else 0.12)
    service = letter + timedelta(days=rng.randrange(4, 8) if expedited else rng.randrange(9, 40))
    deadline = letter + timedelta(days=rng.randrange(1, 4)) if rng.random() < 0.3 else None
    missing: list[str] = []
    if k % 4 != 1:
        missing.append(MISSING_ORDER[(k * 7) % len(MISSING_ORDER)])
    if k % 6 == 3:
        extra = MISSING_ORDER[(k * 3 + 2) % len(MISSING_ORDER)]
        if extra not in missing:
            missing.append(extra)
    flags = {f for f, p in (("bare", 0.3), ("sample", 0.3), ("extras", 0.6)) if rng.random() < p}
    c = Ctx(
        rng=rng,
        patient=patient,
        payer=payer,
        prov=Clin(first, last, cred, s.specialty, npi(random.Random(f"t3-{last}"))),
        clinic=clinic,
        letter=letter,
        service=service,
        deadline=deadline,
        expedited=expedited,
        missing=set(missing),
        show_reqs=rng.random() < 0.7,
        flags=flags,
        ds=rng.choice(["us", "long", "dmy", "iso", "us_short"]),
    )
    if rng.random() < 0.5:
        rf, rl, rc = rng.choice([d for d in MDS if d[1] != last])
        c.referring = Clin(rf, rl, rc, "Family Practice", npi(random.Random(f"t3-{rl}")))
    if rng.random() < 0.4:
        c.facility = Org(
            f"{town.split(',')[0]} Outpatient Center", "", town, "", "", npi(rng, used)
        )
    if rng.random() < 0.4:
        c.order_no = digits(rng, 8)
    if rng.random() < 0.25:
        c.mbi = upper_id(rng, "#@@#-@@#-@@##")
    if not expedited and rng.random() < 0.35:
        c.urgency_decoy = rng.choice(SLOW)
    return c


def main() -> int:
    rows = build_rows(
        seed=SEED,
        n=N,
        scenarios=SCEN,
        layouts=LAYOUTS,
        make_ctx=make_ctx,
        tag="t3",
        id_prefix="tu3-pa-",
    )
    return write_or_check(__doc__ or "", OUT, ROOT, rows)


if __name__ == "__main__":
    sys.exit(main())
