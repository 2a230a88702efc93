#!/usr/bin/env python3
"""Build evals/data/heldout_pa3/prior_auth.jsonl: the third-round prior-auth HELD-OUT set.

    python scripts/synth/heldout_pa3.py            # writes the file
    python scripts/synth/heldout_pa3.py --check    # exit 1 when the committed file differs

**Blind.** Written before ``tune_pa3.py`` and before any rule of this round; never open, grep
or print its output or this file while tuning. Its scenarios, layouts, labels, blank
markers, names, payers and phrase pools are its own; only mechanism is shared
(``pa_model.py``, ``pa2_common.py``). The round is about *missing fields*: every document has
the request's fields in some layout (labelled lines, grid rows, boxes whose value sits under
the label, a letter with a header block), and most documents leave one or two of them blank,
illegible, "see attachment" or out altogether. Deterministic (fixed seed, standard library
plus ``simple-icd-10-cm``).
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
OUT = ROOT / "evals" / "data" / "heldout_pa3" / "prior_auth.jsonl"
SEED = 90_317
N = 48
H = "HCPCS"

SCEN = [
    Scenario(
        key="knee_scope",
        kind="surgery",
        service="arthroscopic partial meniscectomy, left knee",
        procs=[Proc("29881", "knee arthroscopy with medial meniscectomy")],
        dx=[Dx("S83.242A", "bucket-handle tear of medial meniscus, left knee, initial")],
        story=["Locking episodes twice weekly since a soccer injury; positive McMurray test."],
        tried=["quadriceps strengthening for 8 weeks"],
        prior=[Prior("73721", "MRI left knee", -25)],
        reqs=[Req("MRI confirming the tear", "imaging that confirms the meniscal tear")],
        specialty="Sports Medicine",
        ages=(18, 55),
    ),
    Scenario(
        key="colonoscopy",
        kind="procedure",
        service="diagnostic colonoscopy",
        procs=[Proc("45378", "colonoscopy, diagnostic")],
        dx=[Dx("K92.1", "melena")],
        story=["Two episodes of black stool this month, hemoglobin fell from 13.1 to 10.4."],
        family=[("father", Dx("C18.7", "malignant neoplasm of sigmoid colon"))],
        reqs=[Req("recent hemoglobin", "a hemoglobin result from the last 30 days")],
        specialty="Gastroenterology",
    ),
    Scenario(
        key="dupilumab",
        kind="drug",
        service="dupilumab (Dupixent) 300 mg every two weeks",
        procs=[Proc("J3590", "unclassified biologic", H)],
        dx=[Dx("L20.84", "intrinsic atopic dermatitis")],
        meds=["dupilumab"],
        story=["EASI score 28 with sleep loss; lesions on hands and face."],
        tried=["tacrolimus ointment", "clobetasol for 6 weeks"],
        pmh=[Dx("J45.20", "mild intermittent asthma, uncomplicated")],
        reqs=[Req("failed topical therapy", "proof that two topical agents failed")],
        specialty="Dermatology",
    ),
    Scenario(
        key="pet_ct",
        kind="imaging",
        service="PET/CT skull base to mid-thigh",
        procs=[Proc("78815", "PET with concurrently acquired CT, skull base to mid-thigh")],
        dx=[Dx("C34.11", "malignant neoplasm of upper lobe, right bronchus or lung")],
        story=["Biopsy-proven adenocarcinoma of the right upper lobe; staging before treatment."],
        prior=[Prior("71260", "CT chest with contrast", -12)],
        reqs=[Req("pathology report", "the pathology report of the biopsy")],
        specialty="Oncology",
        ages=(50, 80),
    ),
    Scenario(
        key="wheelchair",
        kind="dme",
        service="power wheelchair, group 2",
        procs=[Proc("K0823", "power wheelchair, group 2 standard, captains chair", H)],
        dx=[Dx("G12.21", "amyotrophic lateral sclerosis")],
        story=["Cannot self-propel a manual chair more than 20 feet; falls at home monthly."],
        prior=[Prior("K0001", "standard manual wheelchair", -400, H)],
        reqs=[Req("mobility evaluation", "a mobility evaluation by a therapist")],
        specialty="Physical Medicine",
    ),
    Scenario(
        key="sleep_lab",
        kind="test",
        service="attended polysomnography",
        procs=[Proc("95810", "polysomnography, 4 or more parameters, attended")],
        dx=[Dx("G47.10", "hypersomnia, unspecified")],
        story=["Falls asleep while driving; Epworth 17 despite 8 hours in bed."],
        pmh=[Dx("E03.9", "hypothyroidism, unspecified")],
        reqs=[Req("Epworth score", "an Epworth sleepiness score")],
        specialty="Sleep Medicine",
        acute=True,
    ),
]

FIRST_F = "Marisol Henrietta Oluwaseun Bettina Zofia Lucinda Thandiwe Greer".split()
FIRST_M = "Anselm Bartholomew Cyprian Dashiell Ignatius Kwabena Rafferty Torsten".split()
LAST = "Abernathy Brisbane Castellanos Delacroix Esterhazy Fontaine Grimaldi Hargreaves Ingersoll Jessop Kowalczyk Lindqvist".split()
DOCS = [
    ("Rosamund", "Quaid", "MD"),
    ("Tobias", "Wexford", "DO"),
    ("Chiamaka", "Obi", "MD"),
    ("Soren", "Halvorsen", "MD"),
    ("Marguerite", "Lavoie", "NP"),
    ("Idris", "Bakshi", "MD"),
]
PLANS = [
    ("Granite Peak Health Alliance", "GPA-#######"),
    ("Tidewater Community Plan", "TCP########"),
    ("Lakeshore Benefit Trust", "LBT ### ### ###"),
    ("Mesa Verde Medicaid", "MV@@#####"),
]
CITIES = ["Ithaca, NY 14850", "Bend, OR 97701", "Paducah, KY 42001"]
# How a sender leaves a field unfilled; None is "the line is not there at all".
UNFILLED = ("", "_______", "(illegible)", "see attachment", "not provided", "TBD", "??", None)
RUSH = [
    "EXPEDITED REVIEW REQUESTED: waiting the standard period may harm this patient.",
    "Priority: [x] urgent  [ ] routine",
]
PLAIN = ["Priority: [ ] urgent  [x] routine", "Seen first at Bend Urgent Care."]
ASKS = ["Per your guidelines we enclose {r}.", "Medical policy calls for {r}."]


def ds(c: Ctx, d: date) -> str:
    return fmt(d, c.ds)


def fill(c: Ctx, name: str, value: str) -> str | None:
    """The value written in a field's slot: the value, a blank marker, or None (no line)."""
    if name not in c.missing:
        return value
    mark: str | None = c.rng.choice(UNFILLED)
    return mark


def proc_codes(s: Scenario) -> str:
    return ", ".join(p.code for p in s.procs)


def dx_codes(s: Scenario, c: Ctx) -> str:
    return ", ".join(d.code.replace(".", "") if "nodot" in c.flags else d.code for d in s.dx)


def fields(s: Scenario, c: Ctx) -> list[tuple[str, str | None]]:
    """The request's fields in document order: (label, slot value or None for no line)."""
    prov = f"{c.prov.first} {c.prov.last}, {c.prov.cred}"
    return [
        ("Member name", fill(c, "patient_name", c.patient.full)),
        ("Birthdate", fill(c, "patient_dob", ds(c, c.patient.dob))),
        ("Health plan", fill(c, "payer", c.payer.name)),
        ("Subscriber no.", fill(c, "member_id", c.payer.member_id)),
        ("Ordering clinician", fill(c, "requesting_provider_name", prov)),
        ("Clinician NPI", fill(c, "requesting_provider_npi", c.prov.npi)),
        ("Service requested", s.service),
        ("Procedure code(s)", fill(c, "procedure_code", proc_codes(s))),
        ("ICD-10 code(s)", fill(c, "diagnosis_code", dx_codes(s, c))),
        ("Planned date", fill(c, "service_date", ds(c, c.service))),
    ]


def others(s: Scenario, c: Ctx) -> list[str]:
    out = []
    if c.referring:
        out.append(f"Referred by {c.referring.name}, {c.referring.cred} (NPI {c.referring.npi})")
    if c.facility:
        out.append(f"Site of care: {c.facility.name}  facility NPI {c.facility.npi}")
    if c.case_no:
        out.append(f"Case no. {c.case_no}")
    if c.mbi:
        out.append(f"Medicare beneficiary id {c.mbi}")
    return out


def notes(s: Scenario, c: Ctx) -> list[str]:
    """Clinical summary (or its blank), past care and what the plan asks for."""
    if "clinical_justification" in c.missing:
        mark = c.rng.choice(
            [
                "Clinical summary: see attachment",
                "Clinical summary: (illegible)",
                "Clinical summary:",
            ]
        )
        body = [mark]
    else:
        body = ["Clinical summary: " + " ".join(s.story)]
        if s.tried:
            body.append("Already tried without benefit: " + "; ".join(s.tried) + ".")
    for d in s.pmh:
        body.append(f"Past history: {d.desc} {d.code}")
    for p in s.prior:
        body.append(f"{ds(c, c.on(p.days))} - {p.desc} {p.code} (done)")
    for rel, d in s.family:
        body.append(f"Family history: {rel} with {d.desc}, {d.code}")
    if "example" in c.flags:
        body.append("Form note: codes go in the boxes, for instance 97110 or R51.9.")
    if c.show_reqs:
        body += [c.rng.choice(ASKS).format(r=r.prose) for r in s.reqs]
    if c.expedited:
        body.append(c.rng.choice(RUSH))
    elif c.urgency_decoy:
        body.append(c.urgency_decoy)
    if c.deadline:
        body.append(f"A decision is needed no later than {ds(c, c.deadline)}.")
    return body


def L_intake(s: Scenario, c: Ctx) -> str:
    lines = ["OUTPATIENT AUTHORIZATION INTAKE", f"Submitted {ds(c, c.letter)}", ""]
    lines += [f"{k}: {v}".rstrip() for k, v in fields(s, c) if v is not None]
    return "\n".join([*lines, *others(s, c), "", *notes(s, c)])


def L_grid(s: Scenario, c: Ctx) -> str:
    lines = [f"Prior approval worksheet ({ds(c, c.letter)})", "| Item | Entry |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in fields(s, c) if v is not None]
    return "\n".join([*lines, "", *others(s, c), *notes(s, c)])


def L_boxes(s: Scenario, c: Ctx) -> str:
    lines = ["REQUEST FOR SERVICE REVIEW", f"Form date {ds(c, c.letter)}", ""]
    for k, v in fields(s, c):
        if v is not None:
            lines += [k.upper(), v, ""]
    return "\n".join([*lines, *others(s, c), *notes(s, c)])


def L_note(s: Scenario, c: Ctx) -> str:
    f = dict(fields(s, c))
    head = [f"{ds(c, c.letter)}", c.clinic.name, c.clinic.city, ""]
    for k in ("Member name", "Birthdate", "Health plan", "Subscriber no."):
        if f[k] is not None:
            head.append(f"{k} - {f[k]}")
    body = [
        "",
        "To the review nurse,",
        f"On behalf of our patient we ask approval of {s.service}.",
    ]
    for k in ("Procedure code(s)", "ICD-10 code(s)", "Planned date"):
        if f[k] is not None:
            body.append(f"{k} - {f[k]}")
    sign = ["", "Thank you,"]
    for k in ("Ordering clinician", "Clinician NPI"):
        if f[k] is not None:
            sign.append(f"{k} - {f[k]}")
    return "\n".join([*head, *body, *others(s, c), "", *notes(s, c), *sign])


LAYOUTS = {"intake": L_intake, "grid": L_grid, "boxes": L_boxes, "note": L_note}


def make_ctx(rng: random.Random, s: Scenario, k: int, used: set[str]) -> Ctx:
    letter = date(2026, 2, 2) + timedelta(days=rng.randrange(0, 45))
    sex = rng.choice("FM")
    age = rng.randrange(s.ages[0], s.ages[1] + 1)
    dob = date(letter.year - age - 1, rng.randrange(1, 13), rng.randrange(1, 29))
    patient = Person(rng.choice(FIRST_F if sex == "F" else FIRST_M), rng.choice(LAST), dob, sex)
    pname, pat = rng.choice(PLANS)
    payer = Payer(
        pname, upper_id(rng, pat), digits(rng, 5), phone_555(rng, 1), phone_555(rng, 2), ""
    )
    first, last, cred = rng.choice(DOCS)
    city = rng.choice(CITIES)
    clinic = Org(f"{s.specialty} Associates of {city.split(',')[0]}", "", city, "", "")
    expedited = rng.random() < (0.5 if s.acute else 0.12)
    service = letter + timedelta(days=rng.randrange(3, 7) if expedited else rng.randrange(10, 45))
    deadline = letter + timedelta(days=rng.randrange(1, 3)) if rng.random() < 0.3 else None
    missing: list[str] = []
    if k % 4 != 0:
        missing.append(MISSING_ORDER[(k * 3) % len(MISSING_ORDER)])
    if k % 5 == 2:
        extra = MISSING_ORDER[(k * 7 + 1) % len(MISSING_ORDER)]
        if extra not in missing:
            missing.append(extra)
    flags = {f for f, p in (("nodot", 0.3), ("example", 0.3)) if rng.random() < p}
    c = Ctx(
        rng=rng,
        patient=patient,
        payer=payer,
        prov=Clin(first, last, cred, s.specialty, npi(random.Random(f"h3-{last}"))),
        clinic=clinic,
        letter=letter,
        service=service,
        deadline=deadline,
        expedited=expedited,
        missing=set(missing),
        show_reqs=rng.random() < 0.7,
        flags=flags,
        ds=rng.choice(["us", "long", "dash", "iso", "us_short"]),
    )
    if rng.random() < 0.5:
        rf, rl, rc = rng.choice([d for d in DOCS if d[1] != last])
        c.referring = Clin(rf, rl, rc, "Primary Care", npi(random.Random(f"h3-{rl}")))
    if rng.random() < 0.4:
        c.facility = Org(
            f"{city.split(',')[0]} Regional Hospital", "", city, "", "", npi(rng, used)
        )
    if rng.random() < 0.4:
        c.case_no = digits(rng, 9)
    if rng.random() < 0.25:
        c.mbi = upper_id(rng, "#@@#-@@#-@@##")
    if not expedited and rng.random() < 0.35:
        c.urgency_decoy = rng.choice(PLAIN)
    return c


def main() -> int:
    rows = build_rows(
        seed=SEED,
        n=N,
        scenarios=SCEN,
        layouts=LAYOUTS,
        make_ctx=make_ctx,
        tag="h3",
        id_prefix="ho3-pa-",
    )
    return write_or_check(__doc__ or "", OUT, ROOT, rows)


if __name__ == "__main__":
    sys.exit(main())
