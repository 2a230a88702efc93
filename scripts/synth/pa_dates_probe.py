#!/usr/bin/env python3
"""Build the tenth prior-auth round's probe sets: dates spelled the ways other systems write them.

    python scripts/synth/pa_dates_probe.py tune       # evals/data/tune_pa_dates/ (open)
    python scripts/synth/pa_dates_probe.py heldout    # evals/data/own_heldout_pa_dates/ (blind)
    python scripts/synth/pa_dates_probe.py tune --check

The blind set's per-field counts (s27) showed the false "missing" fields clustered on dates: a
birth-date field holding a value the form reader did not take for a date, and documents in
which no date was read at all (so the service date, the birth date and the letter's own date
all went missing together). This set varies exactly that: each document writes all its dates
in one spelling (a glued day-month-year, Spanish month names, dotted dates either way round,
dashed two-digit years, year-first slashes, hyphenated or ordinal month words), in layouts the
earlier generators do not use (an order requisition of ``KEY=value`` pairs, a sheet with values
in brackets, a bilingual intake memo, an e-mail, a scheduling ledger). About one document in
three leaves the birth date or the service date out (blank or unsaid) so that "present" has a
precision to keep; the other fields are always there. Requirements come in each voice's prose.

The layouts and spellings are mechanism; each side's voice (``pa_dates_tune_voice.py`` open,
``heldout_pa_dates_voice.py`` written first and not read while tuning) holds its scenarios,
names, payers, labels, sentences, blank words and the spellings it uses. Deterministic;
standard library only.
"""

from __future__ import annotations

import importlib
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sides
from ids import npi

ROOT = Path(__file__).resolve().parents[2]
N = 40
EN_MON = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
ES_MON = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
).split()
ES_ABBR = "ene feb mar abr may jun jul ago sep oct nov dic".split()
EN_FULL = (
    "January February March April May June July August September October November December"
).split()


def _ord(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def spell(d: date, how: str) -> str:
    """``d`` written in spelling ``how`` (one spelling per document)."""
    m, y = d.month, d.year
    forms = {
        "glued4": f"{d.day:02d}{EN_MON[m - 1]}{y}",
        "glued2": f"{d.day:02d}{EN_MON[m - 1]}{y % 100:02d}",
        "es_long": f"{d.day} de {ES_MON[m - 1]} de {y}",
        "es_del": f"{d.day} de {ES_MON[m - 1]} del {y}",
        "es_abbr": f"{d.day:02d}-{ES_ABBR[m - 1]}-{y}",
        "dot_mdy": f"{m:02d}.{d.day:02d}.{y}",
        "dot_dmy": f"{d.day:02d}.{m:02d}.{y}",
        "dash_yy": f"{m}-{d.day}-{y % 100:02d}",
        "ymd_slash": f"{y}/{m:02d}/{d.day:02d}",
        "mon_dash": f"{d.day:02d}-{EN_MON[m - 1].title()}-{y}",
        "mon_first_dash": f"{EN_MON[m - 1].title()}-{d.day:02d}-{y}",
        "ordinal": f"{EN_FULL[m - 1]} {_ord(d.day)}, {y}",
    }
    return forms[how]


@dataclass
class Case:
    """One document's facts."""

    rng: random.Random
    scen: Any
    patient: str
    dob: date
    payer: str
    member_id: str
    doctor: str
    cred: str
    npi: str
    clinic: str
    letter: date
    service: date
    how: str
    missing: set[str]
    reqs: list[tuple[str, str]]

    def d(self, which: date) -> str:
        return spell(which, self.how)


def _case(rng: random.Random, v: Any, k: int, used: set[str]) -> Case:
    scen = v.SCEN[k % len(v.SCEN)]
    first, last = rng.choice(v.FIRST), rng.choice(v.LAST)
    dfirst, dlast, cred = rng.choice(v.CLINICIANS)
    payer, prefix = rng.choice(v.PAYERS)
    member = prefix + "".join(rng.choice("0123456789") for _ in range(9))
    letter = date(2026, 2, 2) + timedelta(days=rng.randrange(0, 45))
    service = letter + timedelta(days=rng.randrange(6, 60))
    dob = date(rng.randrange(1941, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
    how = v.SPELLINGS[k % len(v.SPELLINGS)]
    if how == "dot_dmy" and max(letter.day, service.day, dob.day) <= 12:
        dob = dob.replace(day=rng.randrange(13, 29))  # a day past 12 says the order
    roll = rng.random()
    missing: set[str] = set()
    if roll < 0.18:
        missing.add("patient_dob")
    elif roll < 0.36:
        missing.add("service_date")
    picks = rng.sample(range(len(v.REQ_OBJECTS)), 2)
    reqs = [(v.REQ_OBJECTS[i], rng.choice(v.REQ_FORMS)) for i in picks[: rng.choice((1, 2))]]
    return Case(
        rng, scen, f"{first} {last}", dob, payer, member, f"{dfirst} {dlast}", cred,
        npi(rng, used), rng.choice(v.CLINICS), letter, service, how, missing, reqs,
    )  # fmt: skip


def _req_lines(c: Case) -> list[str]:
    return [form.format(req=req, payer=c.payer) for req, form in c.reqs]


def _gold(c: Case) -> dict[str, Any]:
    code = c.scen[1]
    system = "HCPCS" if code[0].isalpha() else "CPT"
    return {
        "procedures": [{"code": code, "system": system}],
        "diagnoses": [{"code": c.scen[2]}],
        "medications": [],
        "payer": c.payer,
        "member_id": c.member_id,
        "requesting_provider": {"name": c.doctor, "npi": c.npi},
        "service_date": None if "service_date" in c.missing else c.service.isoformat(),
        "deadline": None,
        "urgency": "standard",
        "payer_requirements": [req for req, _ in c.reqs],
        "missing_fields": sorted(c.missing),
    }


def _blank_or_none(c: Case, v: Any) -> str | None:
    return None if c.rng.random() < 0.35 else c.rng.choice(v.BLANKS)


def requisition(c: Case, v: Any) -> str:
    """An order requisition export: ``KEY=value`` pairs joined by semicolons."""
    k = v.KEYS
    svc, code, dx, desc, story = c.scen
    head = f"{k['doc']}={c.d(c.letter)}; {k['site']}={c.clinic}"
    pt = [f"{k['pt']}={c.patient}"]
    if "patient_dob" not in c.missing:
        pt.append(f"{k['dob']}={c.d(c.dob)}")
    elif (b := _blank_or_none(c, v)) is not None:
        pt.append(f"{k['dob']}={b}")
    cov = f"{k['plan']}={c.payer}; {k['mid']}={c.member_id}"
    order = [f"{k['svc']}={svc}", f"{k['cpt']}={code}", f"{k['dx']}={dx} {desc}"]
    if "service_date" not in c.missing:
        order.append(f"{k['dos']}={c.d(c.service)}")
    elif (b := _blank_or_none(c, v)) is not None:
        order.append(f"{k['dos']}={b}")
    prov = f"{k['prov']}={c.doctor} {c.cred}; {k['npi']}={c.npi}"
    lines = [v.REQ_TITLE, head, "; ".join(pt), cov, "; ".join(order), prov, "", story]
    return "\n".join([*lines, "", *_req_lines(c)])


def bracket_sheet(c: Case, v: Any) -> str:
    """A sheet whose values sit in brackets after their labels, two to a line."""
    L = v.SHEET
    svc, code, dx, _desc, story = c.scen
    dob = c.d(c.dob) if "patient_dob" not in c.missing else c.rng.choice(v.BLANKS)
    dos = c.d(c.service) if "service_date" not in c.missing else c.rng.choice(v.BLANKS)
    rows = [
        (L["pt"], c.patient, L["dob"], dob),
        (L["plan"], c.payer, L["mid"], c.member_id),
        (L["prov"], f"{c.doctor}, {c.cred}", L["npi"], c.npi),
        (L["cpt"], code, L["dx"], dx),
        (L["svc"], svc, L["dos"], dos),
    ]
    out = [v.SHEET_TITLE, f"{L['printed']} [{c.d(c.letter)}]", ""]
    out += [f"{a} [{x}]    {b} [{y}]" for a, x, b, y in rows]
    return "\n".join([*out, "", f"{L['why']} [{story}]", "", *_req_lines(c)])


def memo(c: Case, v: Any) -> str:
    """A bilingual intake memo: the facts in the voice's sentences."""
    t = v.MEMO
    svc, code, dx, desc, story = c.scen
    out = [c.clinic, t["date"].format(when=c.d(c.letter)), ""]
    first = t["pt"].format(pt=c.patient)
    if "patient_dob" not in c.missing:
        first += " " + t["dob"].format(dob=c.d(c.dob))
    out += [first, t["cov"].format(payer=c.payer, mid=c.member_id)]
    out.append(t["ask"].format(svc=svc, code=code, dx=dx, desc=desc))
    if "service_date" not in c.missing:
        out.append(t["when"].format(when=c.d(c.service)))
    elif c.rng.random() < 0.5:
        out.append(t["when_none"])
    out += ["", story, "", *_req_lines(c), "", t["sign"].format(doc=c.doctor, cred=c.cred)]
    out.append(t["npi"].format(npi=c.npi))
    return "\n".join(out)


def email(c: Case, v: Any) -> str:
    """An e-mail to the plan's intake desk, dated in its header."""
    t = v.MAIL
    svc, code, dx, desc, story = c.scen
    out = [
        f"{t['from']} {c.doctor} <office@{v.DOMAIN}>",
        f"{t['sent']} {c.d(c.letter)}",
        f"{t['to']} {c.payer} {t['desk']}",
        f"{t['subject']} {svc}",
        "",
        t["hello"],
        t["body"].format(pt=c.patient, svc=svc, code=code, dx=dx, desc=desc),
    ]
    facts = [t["mid"].format(mid=c.member_id)]
    if "patient_dob" not in c.missing:
        facts.insert(0, t["dob"].format(dob=c.d(c.dob)))
    if "service_date" not in c.missing:
        facts.append(t["when"].format(when=c.d(c.service)))
    out += [" ".join(facts), "", story, "", *_req_lines(c), "", t["bye"]]
    out += [f"{c.doctor}, {c.cred}", t["npi"].format(npi=c.npi), c.clinic]
    return "\n".join(out)


def ledger(c: Case, v: Any) -> str:
    """A scheduling ledger: a header block, then one row per field as ``label | value``."""
    L = v.LEDGER
    svc, code, dx, desc, story = c.scen
    rows = [(L["opened"], c.d(c.letter)), (L["pt"], c.patient)]
    if "patient_dob" not in c.missing:
        rows.append((L["dob"], c.d(c.dob)))
    elif (b := _blank_or_none(c, v)) is not None:
        rows.append((L["dob"], b))
    rows += [(L["plan"], c.payer), (L["mid"], c.member_id), (L["svc"], f"{svc} ({code})")]
    rows.append((L["dx"], f"{dx} - {desc}"))
    if "service_date" not in c.missing:
        rows.append((L["dos"], c.d(c.service)))
    elif (b := _blank_or_none(c, v)) is not None:
        rows.append((L["dos"], b))
    rows += [(L["prov"], f"{c.doctor} {c.cred}"), (L["npi"], c.npi)]
    width = max(len(a) for a, _ in rows) + 1
    out = [v.LEDGER_TITLE, ""] + [f"{a.ljust(width)}| {b}" for a, b in rows]
    return "\n".join([*out, "", f"{L['note']}: {story}", "", *_req_lines(c)])


LAYOUTS = (requisition, bracket_sheet, memo, email, ledger)


def _check(row_id: str, gold: dict[str, Any], text: str, c: Case) -> None:
    """Every gold value is written in the text; every missing date is not."""
    values = [gold["payer"], gold["member_id"], c.npi, c.scen[1], c.scen[2], c.patient]
    if "service_date" not in c.missing:
        values.append(c.d(c.service))
    if "patient_dob" not in c.missing:
        values.append(c.d(c.dob))
    for value in values:
        if value not in text:
            raise SystemExit(f"{row_id}: a gold value is not printed")
    if "patient_dob" in c.missing and c.d(c.dob) in text:
        raise SystemExit(f"{row_id}: a missing birth date is printed")
    if "service_date" in c.missing and c.d(c.service) in text:
        raise SystemExit(f"{row_id}: a missing service date is printed")


def build(side: str) -> str:
    """The JSONL body of one side."""
    module, seed, _folder, prefix = SIDES[side]
    v = importlib.import_module(module)
    rng = random.Random(seed)
    used: set[str] = set()
    rows = []
    for k in range(N):
        c = _case(rng, v, k, used)
        layout = LAYOUTS[(k + k // len(LAYOUTS)) % len(LAYOUTS)]
        text = layout(c, v)
        gold = _gold(c)
        _check(f"{side}-{k}", gold, text, c)
        rows.append({"id": f"{prefix}{k + 1:03d}", "input": {"text": text}, "expected": gold})
    import json

    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


SIDES = {
    "tune": ("pa_dates_tune_voice", 27_101, "tune_pa_dates", "tud-pa-"),
    "heldout": ("heldout_pa_dates_voice", 27_977, "own_heldout_pa_dates", "ohd-pa-"),
}


if __name__ == "__main__":
    sys.exit(
        sides.main(
            sys.argv[1:],
            name="pa_dates_probe",
            usage=__doc__,
            out={
                s: ROOT / "evals" / "data" / f / "prior_auth.jsonl"
                for s, (_, _, f, _) in SIDES.items()
            },
            build=build,
            noun="documents",
        )
    )
