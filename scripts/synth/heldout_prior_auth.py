#!/usr/bin/env python3
"""Build evals/data/heldout/prior_auth.jsonl (HELD-OUT: engineers tuning rules must not open it).

    .venv/bin/python scripts/synth/heldout_prior_auth.py

Deterministic (fixed seed). Generated cases come from the held-out scenarios and eleven
held-out layout families; hand-written cases come from ``heldout_prior_auth_hand.txt``.
Every case is checked before it is written: codes real and printed, NPIs valid, every gold
value present in the text and every missing value absent.
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from heldout_pa_layouts import bilingual, broken_table, case_mgmt, dotted_form, ocr_scan, payer_rfi
from heldout_pa_layouts2 import ehr_summary, email_thread, infusion_orders, letter, ma_sections
from heldout_pa_render import DATE_STYLES, KEEP, fmt_date
from heldout_pa_scenarios import SCENARIOS
from ids import npi, phone_555
from pa_model import MISSING_ORDER, Clin, Ctx, Org, Payer, Person, Scenario, check_case, gold_for
from records import read_hand_file, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "heldout" / "prior_auth.jsonl"
HAND = Path(__file__).with_name("heldout_prior_auth_hand.txt")
SEED = 20260611
N_GENERATED = 52

F_NAMES = (
    "Wilhelmina Anjali Oluwaseun Ingrid Thanh Roisin Marisol Ayesha Fenella Esperanza Nkechi"
    " Yesenia Priyanka Meredith Zainab Lucinda Dolores Birgit Xiomara Juniper Marguerite"
    " Henrietta Sunniva Mireille Bethany Keiko Ximena Adaeze Corinne Tallulah"
).split()
M_NAMES = (
    "Tobias Mateo Kwabena Dmitri Hollis Jun Bartholomew Laszlo Soren Casimir Alvaro Tevita"
    " Ignatius Haruto Emeka Rafferty Anselm Kofi Rustam Percival Dashiell Obinna Florian"
    " Ezequiel Magnus Cormac Tariq Lorcan Bao Augustin"
).split()
LAST = (
    "Delacourt Hargrove Szczepanski Achebe-Moss Quintanilla Ferreira-Lowe Rautenbach Okoro"
    " Villanueva Drummond Kowalski-Reyes Pemberton Nguyen-Ashby Bellweather Iglesias"
    " Tran-Whitfield Marchbanks Sokolova Fairweather Abubakar Runyon Vukovic Ashdown Galloway"
    " Yamashita Osei-Bonsu Lacroix Petrakis Mwangi Holmberg Cardenas Winterbourne Baptiste"
    " Henninger O'Sullivan-Park Ekwueme Castellví Rosenthal-Obi Duquesne Albright"
).split()
CLINICIANS = [
    ("Imogen", "Talbot-Reyes", "MD"),
    ("Farid", "Bensaid", "DO"),
    ("Chidinma", "Eze", "MD"),
    ("Gustavo", "Lindahl", "MD"),
    ("Rania", "Haddad-Sorensen", "MD"),
    ("Per", "Vestergaard", "MD"),
    ("Adaora", "Nnaji", "NP"),
    ("Wendell", "Caruthers", "MD"),
    ("Mei-Ling", "Oyama", "MD"),
    ("Teodoro", "Balasubramanian", "MD"),
    ("Hester", "Quayle", "PA-C"),
    ("Rashid", "Al-Amin", "MD"),
    ("Saoirse", "Mulcahy", "DO"),
    ("Benedikt", "Kranz", "MD"),
    ("Yolanda", "Fitzhugh", "MD"),
    ("Ikenna", "Obiora", "MD"),
    ("Valentina", "Russo-Perez", "MD"),
    ("Corwin", "Ashby", "DO"),
    ("Svetlana", "Morozova", "MD"),
    ("Jasper", "Wolcott", "MD"),
    ("Nalani", "Kahale", "NP"),
    ("Guillermo", "Estrada-Niño", "MD"),
]
PLACES = (
    "Ironwood Harbor-Light Tamarack Bluestem Quarry-Ridge Saltmarsh Kestrel-Valley Copperline"
    " Westbrook Mill-Creek Larkfield Riverstone Hollins-Gap Sweetwater Foxhaven"
).split()
CITIES = [
    "Marquette Falls, MI 49855",
    "Port Ellery, ME 04011",
    "Castle Rock Springs, CO 80104",
    "Lake Orrin, MN 55987",
    "Bexley Junction, OH 43209",
    "Santa Inés, NM 87501",
    "Harlow, KY 40356",
    "Cedar Vale, KS 67024",
    "Wrenfield, NC 27520",
    "Ponce Norte, PR 00716",
]
PR_CITIES = ["Ponce, PR 00716", "Caguas, PR 00725", "Mayagüez, PR 00680", "Bayamón, PR 00961"]
STREETS = [
    "2200 Foundry Row, Suite 310",
    "48 Tannery Lane",
    "915 Commonwealth Pkwy, Bldg C",
    "7701 Old Mill Road, Ste 4",
    "300 Harbor Point Blvd",
    "1520 Calle Salud, Suite 2",
    "62 Kingfisher Court",
    "4100 Meridian Avenue, 5th floor",
]
ORG_WORD = {
    "surgery": ["Orthopaedic & Sports Associates", "Surgical Specialists", "Surgery Center"],
    "procedure": ["Spine & Pain Institute", "Heart & Vascular", "Specialty Procedures"],
    "imaging": ["Neurology Group", "Cardiology Associates", "Diagnostic Specialists"],
    "dme": ["Pulmonary & Sleep", "Rehabilitation Medicine", "Medical Group"],
    "drug": ["Specialty Infusion Clinic", "Cancer & Blood Center", "Rheumatology & Immunology"],
    "therapy": ["Pediatric Therapy Partners", "Rehab & Wellness", "Developmental Center"],
    "lab": ["Cancer Genetics Program", "Genomic Medicine Clinic"],
    "sleep": ["Children's ENT & Sleep", "Sleep Disorders Center"],
}
PAYERS = [
    ("Meridian Lakes Health Plan", "MLH{d9}", False),
    ("Coastal Palms Health", "CPH-{d5}-{d2}", False),
    ("Three Rivers Medicaid Partners", "TRM {d4} {d4} {d2}", False),
    ("Saguaro Senior Advantage", "SSA{d9}", True),
    ("Plan de Salud Isla Verde", "ISV-{d4}-{d3}-{d1}", False),
    ("Heartland Mutual Benefit Association", "HMB/{d8}", False),
    ("Cobalt Bay Health Plan", "CBH {d8} 01", False),
    ("Timberline Health Alliance", "THA{d6}X", False),
    ("Golden Mesa Community Health Plan", "GMC{d10}", False),
    ("Harborview Union Health Fund", "HUHF-{d5}-{d2}", False),
    ("Silver Birch Medicare Advantage", "SBM{d9}", True),
    ("Cardinal Point Health Cooperative", "CPC{d8}", False),
]
FACILITY_WORD = {
    "hospital": ["Regional Medical Center", "Community Hospital", "Medical Center"],
    "drug": ["Infusion Suites", "Outpatient Infusion Center", "Cancer Center"],
    "surgery": ["Surgery Center", "Ambulatory Surgery Center", "Hospital"],
    "imaging": ["Imaging", "Diagnostic Imaging Center"],
    "other": ["Outpatient Center", "Medical Center", "Specialty Center"],
}
DECOYS = [
    "Patient is anxious and asked for this asap, but the standard review time is fine.",
    "Referred from {urg} after a visit there on {d}.",
    "Not urgent - routine timeline acceptable.",
    "The first fax was marked urgent by mistake; this is a routine request.",
    "Seen at {urg} on {d}; x-rays there were negative.",
    "Family would like it soon; no medical urgency.",
]
URGENT_CARES = ["Eastgate Urgent Care", "Northside Urgent Care Center", "QuickMed Urgent Care"]

MISSING_CYCLE = itertools.cycle(range(len(MISSING_ORDER)))

FAMILIES: dict[str, tuple[Callable[[Scenario, Ctx], str], set[str]]] = {
    "dotted_form": (dotted_form, set(MISSING_ORDER)),
    "broken_table": (broken_table, set(MISSING_ORDER)),
    "payer_rfi": (payer_rfi, {"service_date", "clinical_justification", "patient_dob"}),
    "case_mgmt": (
        case_mgmt,
        {"member_id", "payer", "requesting_provider_npi", "service_date", "diagnosis_code",
         "procedure_code", "clinical_justification", "patient_dob"},
    ),
    "bilingual": (bilingual, set(MISSING_ORDER) - {"patient_name"}),
    "ocr_scan": (ocr_scan, set(MISSING_ORDER)),
    "infusion_orders": (infusion_orders, set(MISSING_ORDER) - {"patient_name"}),
    "ma_sections": (ma_sections, set(MISSING_ORDER) - {"payer"}),
    "letter": (letter, set(MISSING_ORDER) - {"patient_name", "clinical_justification"}),
    "ehr_summary": (ehr_summary, set(MISSING_ORDER) - {"patient_name"}),
    "email_thread": (email_thread, set(MISSING_ORDER) - {"patient_name"}),
}  # fmt: skip


def fits(family: str, s: Scenario, ma: bool) -> bool:
    """Whether a layout family can carry a scenario."""
    if family == "infusion_orders":
        return s.kind == "drug"
    if family == "case_mgmt":
        return s.kind == "dme" or s.acute
    if family == "bilingual":
        return bool(s.es)
    if family == "payer_rfi":
        return bool(s.reqs)
    if family == "ma_sections":
        return ma
    return True


def clinician_npi(first: str, last: str) -> str:
    """One NPI per clinician across the whole set, as in real life."""
    return npi(random.Random(f"ho-npi-{first} {last}"))


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def member_id(rng: random.Random, pattern: str) -> str:
    out = pattern
    for n in (10, 9, 8, 6, 5, 4, 3, 2, 1):
        while f"{{d{n}}}" in out:
            out = out.replace(f"{{d{n}}}", digits(rng, n), 1)
    return out


def mbi(rng: random.Random) -> str:
    letters = "ACDEFGHJKMNPQRTUVWXY"
    alnum = letters + "0123456789"
    c = [
        rng.choice("123456789"),
        rng.choice(letters),
        rng.choice(alnum),
        rng.choice("0123456789"),
        rng.choice(letters),
        rng.choice(alnum),
        rng.choice("0123456789"),
        rng.choice(letters),
        rng.choice(letters),
        rng.choice("0123456789"),
        rng.choice("0123456789"),
    ]
    return "".join(c[:4]) + "-" + "".join(c[4:7]) + "-" + "".join(c[7:])


def make_ctx(rng: random.Random, s: Scenario, family: str, payer_row: tuple[str, str, bool],
             used: set[str]) -> Ctx:  # fmt: skip
    """Draw a patient, payer, clinicians, dates, urgency, blanks and distractors for one case."""
    letter = date(2026, 2, 2) + timedelta(days=rng.randrange(0, 117))
    sex = s.sex or rng.choice("FM")
    age = rng.randrange(s.ages[0], s.ages[1] + 1)
    dob = date(letter.year - age - 1, rng.randrange(1, 13), rng.randrange(1, 29))
    first = rng.choice(F_NAMES if sex == "F" else M_NAMES)
    middle = rng.choice(["", "", rng.choice(F_NAMES if sex == "F" else M_NAMES)])
    patient = Person(first, rng.choice(LAST), dob, sex, middle)
    name, pattern, is_ma = payer_row
    payer = Payer(
        name=name,
        member_id=member_id(rng, pattern),
        group=rng.choice(["G-", "", "GRP "]) + digits(rng, 5) + rng.choice(["", "-A", "B"]),
        um_phone=phone_555(rng, 3),
        um_fax=phone_555(rng, rng.randrange(6)),
        policy=f"{rng.choice(['MP', 'CP', 'UM', 'MED'])}-{rng.randrange(1, 40)}.{rng.randrange(1, 99):02d}",
    )
    cf, cl, cred = rng.choice(CLINICIANS)
    prov = Clin(cf, cl, cred, s.specialty, clinician_npi(cf, cl))
    place = rng.choice(PLACES).replace("-", " ")
    city = rng.choice(PR_CITIES if family == "bilingual" else CITIES)
    clinic = Org(
        f"{place} {rng.choice(ORG_WORD[s.kind])}",
        rng.choice(STREETS),
        city,
        phone_555(rng, rng.randrange(6)),
        phone_555(rng, rng.randrange(6)),
    )
    acute = s.acute or family == "case_mgmt"
    expedited = rng.random() < (0.6 if acute else 0.12)
    gap = (
        rng.randrange(1, 6)
        if expedited
        else rng.randrange(3, 9)
        if s.acute
        else rng.randrange(8, 50)
    )
    service = letter + timedelta(days=gap)
    deadline = None
    if rng.random() < (0.7 if expedited else 0.35):
        deadline = letter + timedelta(
            days=rng.randrange(1, 3) if expedited else rng.randrange(3, 12)
        )
        if deadline >= service:
            deadline = service - timedelta(days=1) if service - timedelta(days=1) > letter else None
    supported = FAMILIES[family][1]
    missing: set[str] = set()
    if rng.random() < 0.42:
        # Cycle through the field names so every kind of blank occurs, then add a second now and then.
        for _ in range(len(MISSING_ORDER)):
            want = MISSING_ORDER[next(MISSING_CYCLE)]
            if want in supported:
                missing.add(want)
                break
        if rng.random() < 0.15:
            missing.add(rng.choice(sorted(supported)))
    flags = set()
    for flag, p in (
        ("pmh_codes", 0.7),
        ("prior", 0.75),
        ("extras", 0.85),
        ("future", 0.85),
        ("boiler", 0.35),
        ("confidential", 0.5),
    ):
        if rng.random() < p:
            flags.add(flag)
    if rng.random() < (0.5 if family in ("letter", "email_thread") else 0.25):
        flags.add("undotted")
    c = Ctx(
        rng=rng,
        patient=patient,
        payer=payer,
        prov=prov,
        clinic=clinic,
        letter=letter,
        service=service,
        deadline=deadline,
        expedited=expedited,
        missing=missing,
        show_reqs=bool(s.reqs) and (family == "payer_rfi" or rng.random() < 0.7),
        flags=flags,
        ds="es_num" if family == "bilingual" else rng.choice(DATE_STYLES),
    )
    if rng.random() < 0.5:
        rf, rl, rc = rng.choice([x for x in CLINICIANS if x[1] != cl])
        c.referring = Clin(
            rf, rl, rc, rng.choice(["Family Medicine", "Internal Medicine"]), clinician_npi(rf, rl)
        )
    if family in ("case_mgmt", "infusion_orders") or rng.random() < 0.35:
        kind = "hospital" if family == "case_mgmt" else s.kind
        c.facility = Org(
            f"{rng.choice(PLACES).replace('-', ' ')} {rng.choice(FACILITY_WORD.get(kind, FACILITY_WORD['other']))}",
            rng.choice(STREETS),
            city,
            phone_555(rng, 0),
            phone_555(rng, 1),
            npi(rng, used),
        )
    if s.kind == "dme" and rng.random() < 0.85:
        c.supplier = Org(
            f"{rng.choice(['Allied', 'Keystone', 'Summit', 'BayState'])} Home Medical Supply",
            rng.choice(STREETS),
            city,
            phone_555(rng, 2),
            phone_555(rng, 4),
            npi(rng, used),
        )
    if (is_ma and rng.random() < 0.9) or rng.random() < 0.08:
        c.mbi = mbi(rng)
    if rng.random() < 0.4:
        c.case_no = f"{rng.choice(['UM', 'CASE', 'REF'])}-{rng.randrange(24, 27)}-{digits(rng, 7)}"
    if rng.random() < 0.3:
        c.order_no = f"ORD-{digits(rng, 7)}"
    if not expedited and rng.random() < 0.45:
        decoy = rng.choice(DECOYS)
        c.urgency_decoy = decoy.format(
            urg=rng.choice(URGENT_CARES),
            d=fmt_date(letter - timedelta(days=rng.randrange(20, 90)), c.ds),
        )
    return c


def generated(rng: random.Random) -> list[dict[str, Any]]:
    """The generated part: every scenario at least once, families balanced."""
    rows: list[dict[str, Any]] = []
    used: set[str] = set()
    order = list(SCENARIOS)
    rng.shuffle(order)
    counts = dict.fromkeys(FAMILIES, 0)
    i = 0
    while len(rows) < N_GENERATED:
        s = order[i % len(order)]
        i += 1
        payer_row = rng.choice(PAYERS)
        options = [f for f in FAMILIES if fits(f, s, payer_row[2])]
        low = min(counts[f] for f in options)
        family = rng.choice([f for f in options if counts[f] == low])
        counts[family] += 1
        c = make_ctx(rng, s, family, payer_row, used)
        text = FAMILIES[family][0](s, c).replace(KEEP, " ")
        gold = gold_for(s, c)
        row_id = f"g{len(rows):03d}"
        check_case(row_id, gold, text, c, s, fmt_date)
        rows.append({"id": row_id, "input": {"text": text}, "expected": gold, "_family": family})
    return rows


def main() -> int:
    rng = random.Random(SEED)
    rows = generated(rng)
    for rec in read_hand_file(HAND):
        check_case(rec.id, rec.gold, rec.text, None, None, fmt_date)
        rows.append(
            {"id": rec.id, "input": {"text": rec.text}, "expected": rec.gold, "_family": "hand"}
        )
    rng.shuffle(rows)
    out = []
    for n, row in enumerate(rows, 1):
        out.append({"id": f"ho-pa-{n:03d}", "input": row["input"], "expected": row["expected"]})
    write_jsonl(OUT, out)
    fams: dict[str, int] = {}
    for row in rows:
        fams[row["_family"]] = fams.get(row["_family"], 0) + 1
    print(
        f"wrote {len(out)} rows to {OUT.relative_to(ROOT)}; families {dict(sorted(fams.items()))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
