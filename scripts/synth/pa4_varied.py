#!/usr/bin/env python3
"""Build the fourth prior-auth round: fields and requirements outside labelled forms.

    python scripts/synth/pa4_varied.py tune       # evals/data/tune_pa4/prior_auth.jsonl
    python scripts/synth/pa4_varied.py heldout    # evals/data/own_heldout_pa4/prior_auth.jsonl
    python scripts/synth/pa4_varied.py tune5      # evals/data/tune_pa5/prior_auth.jsonl (s24)
    python scripts/synth/pa4_varied.py tune --check

The earlier rounds' tune halves are read almost perfectly while the blind sets are not: their
fields sit in labelled forms. This round writes the request's fields in sentences (letters,
e-mails, phone memos), under labels of other vocabularies, with labels above their values,
and leaves one or two fields out (the sentence or the line is simply not there) or blank, in
about three documents in four; the payer's requirements are written as prose.

Each side has its own module (``pa4_tune_side.py`` open; ``pa4_heldout_side.py`` written
first and not read while tuning) with its own scenarios, names, payers, labels, blank markers,
sentence templates and layouts; this file holds only the context builder (mechanism).
Deterministic.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

from ids import npi
from pa2_common import build_rows, digits, upper_id, write_or_check
from pa_model import MISSING_ORDER, Clin, Ctx, Org, Payer, Person, Scenario

ROOT = Path(__file__).resolve().parents[2]
SIDES = {
    "tune": ("pa4_tune_side", 61_409, "tune_pa4", "tu4-pa-"),
    "heldout": ("pa4_heldout_side", 73_117, "own_heldout_pa4", "oh4-pa-"),
    # s24 probe set, open: a fifth side with its own pools and layouts (pa5_tune_side.py).
    "tune5": ("pa5_tune_side", 24_511, "tune_pa5", "tu5-pa-"),
}
N = 48


def context_maker(side: ModuleType, tag: str):  # type: ignore[no-untyped-def]
    def make_ctx(rng: random.Random, s: Scenario, k: int, used: set[str]) -> Ctx:
        letter = date(2026, 2, 2) + timedelta(days=rng.randrange(0, 40))
        sex = s.sex or rng.choice("FM")
        age = rng.randrange(s.ages[0], s.ages[1] + 1)
        dob = date(letter.year - age - 1, rng.randrange(1, 13), rng.randrange(1, 29))
        given = side.GIVEN_F if sex == "F" else side.GIVEN_M
        patient = Person(rng.choice(given), rng.choice(side.FAMILY), dob, sex)
        cname, pat = rng.choice(side.CARRIERS)
        payer = Payer(cname, upper_id(rng, pat), digits(rng, 6), "", "", "")
        first, last, cred = rng.choice(side.MDS)
        town = rng.choice(side.TOWNS)
        clinic = Org(f"{town.split(',')[0]} {s.specialty} Associates", "", town, "", "")
        expedited = rng.random() < (0.4 if s.acute else 0.15)
        lead = rng.randrange(5, 8) if expedited else rng.randrange(10, 45)
        service = letter + timedelta(days=lead)
        deadline = letter + timedelta(days=rng.randrange(2, 5)) if rng.random() < 0.25 else None
        missing: list[str] = []
        if k % 4 != 2:
            missing.append(MISSING_ORDER[(k * 3 + 1) % len(MISSING_ORDER)])
        if k % 5 == 4:
            extra = MISSING_ORDER[(k * 7 + 5) % len(MISSING_ORDER)]
            if extra not in missing:
                missing.append(extra)
        c = Ctx(
            rng=rng,
            patient=patient,
            payer=payer,
            prov=Clin(first, last, cred, s.specialty, npi(random.Random(f"{tag}-{last}"))),
            clinic=clinic,
            letter=letter,
            service=service,
            deadline=deadline,
            expedited=expedited,
            missing=set(missing),
            show_reqs=rng.random() < 0.75,
            ds=rng.choice(["us", "long", "dmy", "iso", "us_short"]),
        )
        if rng.random() < 0.45:
            others = [d for d in side.MDS if d[1] != last]
            rf, rl, rc = rng.choice(others)
            c.referring = Clin(rf, rl, rc, "Family Practice", npi(random.Random(f"{tag}-{rl}")))
        if rng.random() < 0.35 and hasattr(side, "L_ehr"):
            place = f"{town.split(',')[0]} Surgery Center"
            c.facility = Org(place, "", town, "", "", npi(rng, used))
        if rng.random() < 0.2:
            c.mbi = upper_id(rng, "#@@#-@@#-@@##")
        if not expedited and rng.random() < 0.3:
            c.urgency_decoy = side.SLOW[0]
        return c

    return make_ctx


def main() -> int:
    which = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "tune"
    if which not in SIDES:
        raise SystemExit(f"side must be one of {sorted(SIDES)}")
    del sys.argv[1:2]
    module, seed, folder, prefix = SIDES[which]
    side = __import__(module)
    rows = build_rows(
        seed=seed,
        n=N,
        scenarios=side.SCEN,
        layouts=side.LAYOUTS,
        make_ctx=context_maker(side, which),
        tag=which,
        id_prefix=prefix,
    )
    out = ROOT / "evals" / "data" / folder / "prior_auth.jsonl"
    return write_or_check(__doc__ or "", out, ROOT, rows)


if __name__ == "__main__":
    sys.exit(main())
