"""The shape of a generated prior-authorization case and how its gold is derived.

A case is a clinical *scenario* (what is requested and why, plus the codes that appear but
are not requested) placed in a *context* (patient, payer, clinicians, dates, urgency, which
fields the sender left blank). A layout family renders the pair as text; the gold answer is
computed here from the scenario and the context, never from the rendered text, and the
generator then checks that the text agrees with it (every gold value printed, every
missing value absent).

This module holds mechanism only; the scenarios and layouts of the tune and held-out sets
live in their own files.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from codesets import DOTTED_ICD, billable, require_billable, require_procedure, undotted
from ids import npi_ok

__all__ = [
    "MISSING_ORDER",
    "Clin",
    "Ctx",
    "Dx",
    "Org",
    "Payer",
    "Person",
    "Prior",
    "Proc",
    "Req",
    "Scenario",
    "age_on",
    "check_case",
    "gold_for",
]

MISSING_ORDER = (
    "patient_name",
    "patient_dob",
    "member_id",
    "payer",
    "requesting_provider_name",
    "requesting_provider_npi",
    "procedure_code",
    "diagnosis_code",
    "service_date",
    "clinical_justification",
)


@dataclass(frozen=True)
class Proc:
    """A procedure code (CPT or HCPCS) and a short description."""

    code: str
    desc: str
    system: str = "CPT"

    def __post_init__(self) -> None:
        require_procedure(self.code, self.system)


@dataclass(frozen=True)
class Dx:
    """A billable ICD-10-CM code and the words a clinician would write for it."""

    code: str
    desc: str

    def __post_init__(self) -> None:
        require_billable(self.code)


@dataclass(frozen=True)
class Prior:
    """A code that appears in the document but is not requested (done before, tried, etc.).

    ``days`` is its date relative to the letter date (negative: in the past).
    """

    code: str
    desc: str
    days: int
    system: str = "CPT"

    def __post_init__(self) -> None:
        if self.system == "ICD":
            require_billable(self.code)
        else:
            require_procedure(self.code, self.system)


@dataclass(frozen=True)
class Req:
    """A payer requirement: the short gold phrase and the sentence a document states it in."""

    gold: str
    prose: str


@dataclass
class Scenario:
    """What is requested and why, with its distractors."""

    key: str
    kind: str
    service: str
    procs: list[Proc]
    dx: list[Dx]
    story: list[str]
    meds: list[str] = field(default_factory=list)
    tried: list[str] = field(default_factory=list)
    pmh: list[Dx] = field(default_factory=list)
    prior: list[Prior] = field(default_factory=list)
    reqs: list[Req] = field(default_factory=list)
    extras: list[Proc] = field(default_factory=list)
    future: Proc | None = None
    family: list[tuple[str, Dx]] = field(default_factory=list)
    sex: str | None = None
    ages: tuple[int, int] = (30, 75)
    specialty: str = "Internal Medicine"
    dates: dict[str, int] = field(default_factory=dict)
    acute: bool = False
    es: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Person:
    """A patient."""

    first: str
    last: str
    dob: date
    sex: str
    middle: str = ""

    @property
    def full(self) -> str:
        """First (middle) last."""
        return " ".join(p for p in (self.first, self.middle, self.last) if p)


@dataclass(frozen=True)
class Clin:
    """A clinician with credential, specialty and NPI."""

    first: str
    last: str
    cred: str
    specialty: str
    npi: str

    @property
    def name(self) -> str:
        """First last, no credential: the gold form."""
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Org:
    """A clinic, facility, lab or supplier."""

    name: str
    street: str
    city: str
    phone: str
    fax: str
    npi: str = ""


@dataclass(frozen=True)
class Payer:
    """A health plan as the document names it, with this member's identifiers."""

    name: str
    member_id: str
    group: str
    um_phone: str
    um_fax: str
    policy: str


@dataclass
class Ctx:
    """Everything about one document besides the scenario."""

    rng: random.Random
    patient: Person
    payer: Payer
    prov: Clin
    clinic: Org
    letter: date
    service: date
    deadline: date | None
    expedited: bool
    missing: set[str]
    show_reqs: bool
    referring: Clin | None = None
    facility: Org | None = None
    supplier: Org | None = None
    mbi: str | None = None
    case_no: str | None = None
    order_no: str | None = None
    urgency_decoy: str | None = None
    flags: set[str] = field(default_factory=set)
    ds: str = "us"

    def on(self, offset: int) -> date:
        """The date ``offset`` days from the letter date."""
        return self.letter + timedelta(days=offset)


def age_on(dob: date, day: date) -> int:
    """Age in whole years on ``day``."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def gold_for(s: Scenario, c: Ctx) -> dict[str, Any]:
    """The FORMAT.md ``expected`` object of a scenario rendered in a context."""
    m = c.missing
    return {
        "procedures": []
        if "procedure_code" in m
        else [{"code": p.code, "system": p.system} for p in s.procs],
        "diagnoses": [] if "diagnosis_code" in m else [{"code": d.code} for d in s.dx],
        "medications": [{"name": n} for n in s.meds],
        "payer": None if "payer" in m else c.payer.name,
        "member_id": None if "member_id" in m else c.payer.member_id,
        "requesting_provider": {
            "name": None if "requesting_provider_name" in m else c.prov.name,
            "npi": None if "requesting_provider_npi" in m else c.prov.npi,
        },
        "service_date": None if "service_date" in m else c.service.isoformat(),
        "deadline": c.deadline.isoformat() if c.deadline else None,
        "urgency": "expedited" if c.expedited else "standard",
        "payer_requirements": [r.gold for r in s.reqs] if c.show_reqs else [],
        "missing_fields": [f for f in MISSING_ORDER if f in m],
    }


def check_case(
    row_id: str,
    gold: dict[str, Any],
    text: str,
    c: Ctx | None,
    s: Scenario | None,
    fmt_date: Callable[[date, str], str],
) -> None:
    """Refuse a case whose text disagrees with its gold (raises with the id only)."""
    problems: list[str] = []
    for p in gold["procedures"]:
        if p["code"] not in text:
            problems.append(f"procedure {p['code']} not printed")
    for d in gold["diagnoses"]:
        if not billable(d["code"]):
            problems.append(f"dx {d['code']} not billable")
        if d["code"] not in text and undotted(d["code"]) not in text:
            problems.append(f"dx {d['code']} not printed")
    for tok in DOTTED_ICD.findall(text):
        if not billable(tok):
            problems.append(f"text ICD {tok} not billable")
    prov = gold["requesting_provider"]
    if prov["npi"] is not None and (not npi_ok(prov["npi"]) or prov["npi"] not in text):
        problems.append("npi")
    if gold["member_id"] is not None and gold["member_id"] not in text:
        problems.append("member id not printed")
    if gold["payer"] is not None and gold["payer"].lower() not in text.lower():
        problems.append("payer not printed")
    if prov["name"] is not None:
        for part in prov["name"].split():
            if part.lower() not in text.lower():
                problems.append("provider name not printed")
    if c is not None and s is not None:
        if "requesting_provider_npi" in c.missing and c.prov.npi in text:
            problems.append("missing npi printed")
        if "member_id" in c.missing and c.payer.member_id in text:
            problems.append("missing member id printed")
        if "payer" in c.missing and c.payer.name.lower() in text.lower():
            problems.append("missing payer printed")
        if "requesting_provider_name" in c.missing and c.prov.last in text:
            problems.append("missing provider name printed")
        if "patient_name" in c.missing and c.patient.last in text:
            problems.append("missing patient name printed")
        if "service_date" in c.missing and fmt_date(c.service, c.ds) in text:
            problems.append("missing service date printed")
        if "procedure_code" in c.missing and any(p.code in text for p in s.procs):
            problems.append("missing procedure code printed")
        if "diagnosis_code" in c.missing and any(
            d.code in text or undotted(d.code) in text for d in s.dx
        ):
            problems.append("missing diagnosis code printed")
        if gold["service_date"] and fmt_date(c.service, c.ds) not in text:
            problems.append("service date not printed")
        if gold["deadline"] and c.deadline and fmt_date(c.deadline, c.ds) not in text:
            problems.append("deadline not printed")
    if set(gold["missing_fields"]) - set(MISSING_ORDER):
        problems.append("bad missing field")
    if problems:
        raise SystemExit(f"{row_id}: " + "; ".join(sorted(set(problems))))
