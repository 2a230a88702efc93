#!/usr/bin/env python3
"""Build evals/data/tune/prior_auth.jsonl: the prior-auth tuning set (open to everyone).

    .venv/bin/python scripts/synth/tune_prior_auth.py

Deterministic. Generated cases come from the tune scenarios and eight tune layout families;
hand-written cases come from ``tune_prior_auth_hand.txt``. No scenario, layout, payer or name
list is shared with the held-out generator.
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ids import npi, phone_555
from pa_model import MISSING_ORDER, Clin, Ctx, Org, Payer, Person, Scenario, check_case, gold_for
from records import read_hand_file, write_jsonl
from tune_pa_layouts import (
    STYLES,
    dme_cmn,
    drug_request,
    fax_letter,
    fmt,
    pipe_table,
    portal_form,
    reviewer_summary,
    soap_order,
    tidy,
    two_column,
)
from tune_pa_scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "tune" / "prior_auth.jsonl"
HAND = Path(__file__).with_name("tune_prior_auth_hand.txt")
SEED = 4242
N_GENERATED = 54

F_NAMES = (
    "Abigail Noor Camila Tamsin Leilani Oksana Beatriz Sunita Greta Ifeoma Rosalind Mai".split()
)
M_NAMES = "Desmond Arjun Felix Quentin Ravi Thiago Ewan Kenji Olumide Stellan Marco Yusuf".split()
LAST = (
    "Abernathy-Cole Brightman Castellano Dunmore Esposito Falkner Goldberg-Ruiz Hightower Ishikawa"
    " Jovanovic Kettering Lindgren Mbatha Northcott Oyelaran Pennington Quist Ramaswamy Stroud"
).split()
CLINICIANS = [
    ("Harriet", "Vogel", "MD"),
    ("Emmanuel", "Okafor", "MD"),
    ("Lucia", "Benedetti", "DO"),
    ("Owen", "Prichard", "MD"),
    ("Anika", "Deshmukh", "MD"),
    ("Silas", "Whitcombe", "NP"),
    ("Mariko", "Tanabe", "MD"),
    ("Javier", "Montoya", "MD"),
    ("Greer", "Halloran", "PA-C"),
    ("Nnamdi", "Uzoma", "MD"),
]
PAYERS = [
    ("Prairie Sky Health Plan", "PSH{d9}"),
    ("Tidewater Family Health", "TFH-{d4}-{d4}"),
    ("Northern Pines Medicaid", "NPM{d8}"),
    ("Copper Canyon Health", "CCH {d3} {d3} {d3}"),
    ("Lakeland Care Alliance", "LCA{d7}B"),
    ("Bay Laurel Health Partners", "BLHP{d8}"),
]
CITY = ["Fairhaven, WA 98225", "Dunmore, PA 18512", "Laramie, WY 82070", "Bristol, TN 37620"]
DECOYS = [
    "Patient was first seen at Fairhaven Urgent Care.",
    "Not urgent.",
    "Pt would like this done soon, routine review OK.",
]
MISSING_CYCLE = itertools.cycle(range(len(MISSING_ORDER)))

FAMILIES: dict[str, Callable[[Scenario, Ctx], str]] = {
    "fax_letter": fax_letter,
    "portal_form": portal_form,
    "pipe_table": pipe_table,
    "soap_order": soap_order,
    "dme_cmn": dme_cmn,
    "drug_request": drug_request,
    "two_column": two_column,
    "reviewer_summary": reviewer_summary,
}


def fits(family: str, s: Scenario) -> bool:
    """Which families suit a scenario."""
    if family == "dme_cmn":
        return s.kind == "dme"
    if family == "drug_request":
        return s.kind == "drug"
    return True


def clinician_npi(first: str, last: str) -> str:
    """One NPI per clinician across the whole set, as in real life."""
    return npi(random.Random(f"tu-npi-{first} {last}"))


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def make_ctx(rng: random.Random, s: Scenario, used: set[str]) -> Ctx:
    letter = date(2026, 1, 12) + timedelta(days=rng.randrange(0, 100))
    sex = s.sex or rng.choice("FM")
    age = rng.randrange(s.ages[0], s.ages[1] + 1)
    dob = date(letter.year - age - 1, rng.randrange(1, 13), rng.randrange(1, 29))
    patient = Person(rng.choice(F_NAMES if sex == "F" else M_NAMES), rng.choice(LAST), dob, sex)
    name, pattern = rng.choice(PAYERS)
    member = pattern
    for n in (9, 8, 7, 4, 3):
        while f"{{d{n}}}" in member:
            member = member.replace(f"{{d{n}}}", digits(rng, n), 1)
    payer = Payer(
        name,
        member,
        f"GR{digits(rng, 4)}",
        phone_555(rng, 0),
        phone_555(rng, 1),
        f"P-{rng.randrange(100, 999)}",
    )
    cf, cl, cred = rng.choice(CLINICIANS)
    city = rng.choice(CITY)
    clinic = Org(
        f"{city.split(',')[0]} {s.specialty} Clinic",
        "12 Main Street",
        city,
        phone_555(rng, 0),
        phone_555(rng, 2),
    )
    expedited = rng.random() < (0.5 if s.acute else 0.12)
    service = letter + timedelta(days=rng.randrange(1, 5) if expedited else rng.randrange(7, 45))
    deadline = None
    if rng.random() < 0.35:
        deadline = letter + timedelta(days=rng.randrange(1, 10))
        if deadline >= service:
            deadline = service - timedelta(days=1) if service - timedelta(days=1) > letter else None
    missing: set[str] = set()
    if rng.random() < 0.38:
        missing.add(MISSING_ORDER[next(MISSING_CYCLE)])
    flags = {
        f
        for f, p in (("pmh_codes", 0.7), ("prior", 0.7), ("future", 0.8), ("extras", 0.8))
        if rng.random() < p
    }
    if rng.random() < 0.2:
        flags.add("undotted")
    c = Ctx(
        rng=rng,
        patient=patient,
        payer=payer,
        prov=Clin(cf, cl, cred, s.specialty, clinician_npi(cf, cl)),
        clinic=clinic,
        letter=letter,
        service=service,
        deadline=deadline,
        expedited=expedited,
        missing=missing,
        show_reqs=bool(s.reqs) and rng.random() < 0.75,
        flags=flags,
        ds=rng.choice(STYLES),
    )
    if rng.random() < 0.4:
        rf, rl, rc = rng.choice([x for x in CLINICIANS if x[1] != cl])
        c.referring = Clin(rf, rl, rc, "Family Medicine", clinician_npi(rf, rl))
    if rng.random() < 0.3:
        c.facility = Org(
            f"{city.split(',')[0]} Outpatient Center", "1 Center Way", city, "", "", npi(rng, used)
        )
    if s.kind == "dme" and rng.random() < 0.7:
        c.supplier = Org(
            "Apex Home Medical", "5 Depot Road", city, phone_555(rng, 3), "", npi(rng, used)
        )
    if not expedited and rng.random() < 0.3:
        c.urgency_decoy = rng.choice(DECOYS)
    return c


def main() -> int:
    rng = random.Random(SEED)
    rows: list[dict[str, Any]] = []
    used: set[str] = set()
    order = list(SCENARIOS)
    rng.shuffle(order)
    counts = dict.fromkeys(FAMILIES, 0)
    i = 0
    while len(rows) < N_GENERATED:
        s = order[i % len(order)]
        i += 1
        options = [f for f in FAMILIES if fits(f, s)]
        low = min(counts[f] for f in options)
        family = rng.choice([f for f in options if counts[f] == low])
        counts[family] += 1
        c = make_ctx(rng, s, used)
        text = tidy(FAMILIES[family](s, c))
        gold = gold_for(s, c)
        check_case(f"g{len(rows)}", gold, text, c, s, fmt)
        rows.append({"input": {"text": text}, "expected": gold})
    for rec in read_hand_file(HAND):
        check_case(rec.id, rec.gold, rec.text, None, None, fmt)
        rows.append({"input": {"text": rec.text}, "expected": rec.gold})
    out = [{"id": f"tu-pa-{n:03d}", **row} for n, row in enumerate(rows, 1)]
    write_jsonl(OUT, out)
    print(f"wrote {len(out)} rows to {OUT.relative_to(ROOT)}; families {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
