"""TUNE prior-auth layout families (open to everyone; the held-out set uses none of them).

Eight families: fax cover + request letter, portal form, pipe table, SOAP note with order,
DME certificate with numbered questions, drug request with step-therapy checkboxes,
two-column flattened form, and a payer reviewer's case summary.
"""

from __future__ import annotations

import re
from datetime import date

from pa_model import Ctx, Scenario, age_on

STYLES = ["us", "us_short", "long", "iso", "abbr"]
MONTHS = (
    "January February March April May June July August September October November December".split()
)
KEEP = "\u00a7"  # stands for a space inside a date until the text is laid out


def fmt(d: date, style: str) -> str:
    """A date in one of the tune styles."""
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us_short":
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "abbr":
        return f"{MONTHS[d.month - 1][:3]} {d.day} {d.year}"
    return d.isoformat()


def fd(c: Ctx, d: date) -> str:
    """The document's own date style, protected from wrapping."""
    return fmt(d, c.ds).replace(" ", KEEP)


def wrap(text: str, width: int = 95) -> list[str]:
    """Greedy line wrap."""
    out: list[str] = []
    cur = ""
    for w in text.split():
        if cur and len(cur) + len(w) + 1 > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    return [*out, cur] if cur else out


def fill(t: str, s: Scenario, c: Ctx) -> str:
    """Story placeholders."""
    f = c.patient.sex == "F"
    vals = {
        "poss": "her" if f else "his",
        "pron": "she" if f else "he",
        "age": str(age_on(c.patient.dob, c.letter)),
    }
    vals.update({k: fd(c, c.on(v)) for k, v in s.dates.items()})
    return t.format(**vals)


def gone(c: Ctx, field: str) -> bool:
    """Whether the sender left ``field`` blank."""
    return field in c.missing


def blank(c: Ctx) -> str:
    """A blank as this sender writes it."""
    return c.rng.choice(["", "______", "N/A", "see attached", "unknown"])


def v_member(c: Ctx) -> str:
    return blank(c) if gone(c, "member_id") else c.payer.member_id


def v_payer(c: Ctx) -> str:
    return blank(c) if gone(c, "payer") else c.payer.name


def v_npi(c: Ctx) -> str:
    return blank(c) if gone(c, "requesting_provider_npi") else c.prov.npi


def v_prov(c: Ctx) -> str:
    return (
        "(signature illegible)"
        if gone(c, "requesting_provider_name")
        else f"{c.prov.name}, {c.prov.cred}"
    )


def v_patient(c: Ctx) -> str:
    return blank(c) if gone(c, "patient_name") else c.patient.full


def v_dob(c: Ctx) -> str:
    return blank(c) if gone(c, "patient_dob") else fd(c, c.patient.dob)


def v_date(c: Ctx) -> str:
    return (
        c.rng.choice(["TBD", "to be scheduled", "pending approval"])
        if gone(c, "service_date")
        else fd(c, c.service)
    )


def v_procs(s: Scenario, c: Ctx, sep: str = ", ") -> str:
    return blank(c) if gone(c, "procedure_code") else sep.join(p.code for p in s.procs)


def v_dx(s: Scenario, c: Ctx, sep: str = ", ") -> str:
    if gone(c, "diagnosis_code"):
        return blank(c)
    return sep.join(d.code.replace(".", "") if "undotted" in c.flags else d.code for d in s.dx)


def dx_words(s: Scenario) -> str:
    return "; ".join(d.desc.lower() for d in s.dx)


def clinical(s: Scenario, c: Ctx, with_story: bool = True) -> list[str]:
    """Narrative, treatment, history with codes, prior procedures, family history, future."""
    if gone(c, "clinical_justification"):
        return [c.rng.choice(["Clinical notes: see attached.", "Chart notes to follow."])]
    out = wrap(" ".join(fill(t, s, c) for t in s.story)) if with_story else []
    if s.tried:
        out += wrap("Tried and failed: " + ", ".join(s.tried) + ".")
    if s.pmh and "pmh_codes" in c.flags:
        out += wrap("PMH: " + ", ".join(f"{d.desc} {d.code}" for d in s.pmh) + ".")
    if s.prior and "prior" in c.flags:
        out += wrap(
            "Previous: "
            + "; ".join(f"{p.code} {p.desc} ({fd(c, c.on(p.days))})" for p in s.prior)
            + "."
        )
    if s.family:
        out += wrap(
            "Family history: "
            + "; ".join(f"{r} with {d.desc} ({d.code})" for r, d in s.family)
            + "."
        )
    if s.future and "future" in c.flags:
        out += wrap(
            f"Not part of this request: {s.future.desc} ({s.future.code}) may be requested later."
        )
    if s.extras and "extras" in c.flags:
        out += wrap(
            "No authorization needed for: "
            + ", ".join(f"{p.code} {p.desc}" for p in s.extras)
            + "."
        )
    return out


def reqs(s: Scenario, c: Ctx) -> list[str]:
    """Requirements as a list with tick boxes."""
    if not c.show_reqs or not s.reqs:
        return []
    return ["Plan criteria:"] + [f"  [x] {r.prose}" for r in s.reqs]


def urgency(c: Ctx) -> str:
    if c.expedited:
        return c.rng.choice(
            ["Urgency: EXPEDITED", "** URGENT REVIEW REQUESTED **", "Expedited review: YES"]
        )
    return c.rng.choice(["Urgency: standard", "Expedited review: NO", "Routine"])


def others(c: Ctx) -> list[str]:
    out = []
    if c.referring:
        out.append(f"Referring physician: {c.referring.name}, NPI {c.referring.npi}")
    if c.facility:
        out.append(f"Facility: {c.facility.name}, NPI {c.facility.npi}")
    if c.supplier:
        out.append(f"DME supplier: {c.supplier.name}, NPI {c.supplier.npi}")
    return out


def fax_letter(s: Scenario, c: Ctx) -> str:
    """T1: fax cover sheet, then a request letter."""
    lines = [
        f"FAX COVER - {c.clinic.name}",
        f"To: {v_payer(c) or 'Prior Authorization'} UM department, fax {c.payer.um_fax}",
        f"From: {c.clinic.name}, phone {c.clinic.phone}",
        f"Date: {fd(c, c.letter)}   Pages: 2",
        urgency(c),
        "\f",
        f"{fd(c, c.letter)}",
        "",
        f"Re: {v_patient(c)}, DOB {v_dob(c)}, member ID {v_member(c)}",
        f"Health plan: {v_payer(c)}",
        f"Requested: {s.service}, code(s) {v_procs(s, c)}",
        f"Diagnosis: {v_dx(s, c)} ({dx_words(s)})",
        f"Date of service: {v_date(c)}",
    ]
    if c.deadline:
        lines.append(f"Please respond by {fd(c, c.deadline)}.")
    if c.urgency_decoy:
        lines.append(c.urgency_decoy)
    lines += [
        "",
        *clinical(s, c),
        *reqs(s, c),
        "",
        "Sincerely,",
        v_prov(c),
        f"NPI: {v_npi(c)}",
        *others(c),
    ]
    return "\n".join(lines)


def portal_form(s: Scenario, c: Ctx) -> str:
    """T2: provider-portal submission printed as key: value lines under section titles."""
    lines = [
        f"PROVIDER PORTAL - AUTHORIZATION SUBMISSION #{c.rng.randrange(10**6, 10**7)}",
        f"Submitted: {fd(c, c.letter)}",
        "",
        "PATIENT_INFORMATION",
        f"patient_name: {v_patient(c)}",
        f"date_of_birth: {v_dob(c)}",
        f"health_plan: {v_payer(c)}",
        f"member_id: {v_member(c)}",
        f"group_number: {c.payer.group}",
        "",
        "PROVIDER_INFORMATION",
        f"requesting_provider: {v_prov(c)}",
        f"requesting_npi: {v_npi(c)}",
        *[x.replace(": ", "_info: ", 1) for x in others(c)],
        "",
        "SERVICE_INFORMATION",
        f"service_description: {s.service}",
        f"procedure_codes: {v_procs(s, c, ';')}",
        f"diagnosis_codes: {v_dx(s, c, ';')}",
        f"start_date: {v_date(c)}",
        f"review_type: {'expedited' if c.expedited else 'standard'}",
    ]
    if c.deadline:
        lines.append(f"decision_due: {fd(c, c.deadline)}")
    lines += ["", "CLINICAL_NOTES", *clinical(s, c), *reqs(s, c)]
    if c.urgency_decoy:
        lines.append(f"comments: {c.urgency_decoy}")
    return "\n".join(lines)


def pipe_table(s: Scenario, c: Ctx) -> str:
    """T3: a clean pipe table of codes and a pipe table of member data."""
    lines = [
        f"{c.clinic.name.upper()} | PRIOR AUTH REQUEST | {fd(c, c.letter)}",
        "| Field | Value |",
        "|---|---|",
        f"| Patient | {v_patient(c)} |",
        f"| DOB | {v_dob(c)} |",
        f"| Payer | {v_payer(c)} |",
        f"| Member ID | {v_member(c)} |",
        f"| Provider | {v_prov(c)} |",
        f"| NPI | {v_npi(c)} |",
        f"| Date of service | {v_date(c)} |",
        f"| Review | {'Expedited' if c.expedited else 'Standard'} |",
    ]
    if c.deadline:
        lines.append(f"| Respond by | {fd(c, c.deadline)} |")
    lines += ["", "| Type | Code | Description |", "|---|---|---|"]
    if gone(c, "procedure_code"):
        lines.append(f"| CPT/HCPCS | {blank(c)} | {s.service} |")
    else:
        lines += [f"| {p.system} | {p.code} | {p.desc} |" for p in s.procs]
    if gone(c, "diagnosis_code"):
        lines.append(f"| ICD-10 | {blank(c)} | {dx_words(s)} |")
    else:
        lines += [
            f"| ICD-10 | {v_dx(s, c).split(', ')[i]} | {d.desc} |" for i, d in enumerate(s.dx)
        ]
    lines += ["", *others(c), "", *clinical(s, c), *reqs(s, c)]
    if c.urgency_decoy:
        lines.append(c.urgency_decoy)
    return "\n".join(lines)


def soap_order(s: Scenario, c: Ctx) -> str:
    """T4: a SOAP clinic note with the order and authorization block at the bottom."""
    lines = [
        f"{c.clinic.name} - Office Visit {fd(c, c.letter)}",
        f"Pt: {v_patient(c)}  DOB {v_dob(c)}  Ins: {v_payer(c)} #{v_member(c)}",
        "",
        "S: "
        + (
            " ".join(fill(t, s, c) for t in s.story)
            if not gone(c, "clinical_justification")
            else "see HPI in prior note"
        ),
        "O: exam as documented.",
        f"A: {dx_words(s)}",
        f"P: order {s.service}.",
        "",
    ]
    if not gone(c, "clinical_justification"):
        lines += clinical(s, c, with_story=False)
    lines += [
        "",
        "ORDER / AUTHORIZATION",
        f"  Codes: {v_procs(s, c)}    Dx: {v_dx(s, c)}",
        f"  Scheduled: {v_date(c)}",
        f"  {urgency(c)}",
    ]
    if c.deadline:
        lines.append(f"  Auth needed by {fd(c, c.deadline)}")
    lines += [f"  Electronically signed: {v_prov(c)}  NPI {v_npi(c)}", *others(c), *reqs(s, c)]
    if c.urgency_decoy:
        lines.append(c.urgency_decoy)
    return "\n".join(lines)


def dme_cmn(s: Scenario, c: Ctx) -> str:
    """T5: certificate of medical necessity with numbered questions."""
    lines = [
        "CERTIFICATE OF MEDICAL NECESSITY / PRIOR AUTHORIZATION",
        f"Plan: {v_payer(c)}     Member: {v_member(c)}",
        f"Patient: {v_patient(c)}     DOB: {v_dob(c)}",
        f"Physician: {v_prov(c)}     NPI: {v_npi(c)}",
        *others(c),
        f"Items (HCPCS): {v_procs(s, c)}",
        f"ICD-10: {v_dx(s, c)}",
        f"Initial date: {v_date(c)}",
        urgency(c),
        "",
        "Q1. Estimated length of need (months): 99",
        "Q2. Is the item for home use? Y",
        "Q3. Clinical basis:",
        *[f"    {x}" for x in clinical(s, c)],
        *reqs(s, c),
    ]
    if c.deadline:
        lines.append(f"Decision requested by {fd(c, c.deadline)}.")
    if c.urgency_decoy:
        lines.append(c.urgency_decoy)
    lines.append(f"Signed {fd(c, c.letter)}")
    return "\n".join(lines)


def drug_request(s: Scenario, c: Ctx) -> str:
    """T6: medical-benefit drug request with step-therapy check boxes."""
    lines = [
        f"{(v_payer(c) or 'Health plan').upper()} - MEDICAL BENEFIT DRUG PRIOR AUTHORIZATION",
        f"Date {fd(c, c.letter)}",
        f"Member name: {v_patient(c)}   DOB: {v_dob(c)}   ID: {v_member(c)}",
        f"Prescriber: {v_prov(c)}   NPI: {v_npi(c)}   Phone: {c.clinic.phone}",
        *others(c),
        f"Drug: {', '.join(s.meds) or s.service}   Regimen: {s.service}",
        f"HCPCS: {v_procs(s, c)}   ICD-10: {v_dx(s, c)}",
        f"Start date: {v_date(c)}",
        f"[{'x' if c.expedited else ' '}] Expedited   [{' ' if c.expedited else 'x'}] Standard",
        "Step therapy:",
        *[f"  [x] {t}" for t in s.tried],
        "",
        *clinical(s, c),
        *reqs(s, c),
    ]
    if c.deadline:
        lines.append(f"Response requested by {fd(c, c.deadline)}")
    if c.urgency_decoy:
        lines.append(c.urgency_decoy)
    return "\n".join(lines)


def two_column(s: Scenario, c: Ctx) -> str:
    """T7: a two-column form flattened so each line holds a left and a right field."""

    def pair(a: str, b: str) -> str:
        return f"{a:<48}{b}"

    lines = [
        f"{c.clinic.name} / {v_payer(c) or 'plan not listed'} precertification",
        pair(f"Patient: {v_patient(c)}", f"Ordering MD: {v_prov(c)}"),
        pair(f"DOB: {v_dob(c)}", f"NPI: {v_npi(c)}"),
        pair(f"Member ID: {v_member(c)}", f"Phone: {c.clinic.phone}"),
        pair(f"Group: {c.payer.group}", f"Fax: {c.clinic.fax}"),
        pair(f"CPT/HCPCS: {v_procs(s, c)}", f"Date of service: {v_date(c)}"),
        pair(f"ICD-10: {v_dx(s, c)}", urgency(c)),
    ]
    if c.deadline:
        lines.append(pair(f"Due: {fd(c, c.deadline)}", ""))
    lines += [*others(c), "", f"Service: {s.service}", *clinical(s, c), *reqs(s, c)]
    if c.urgency_decoy:
        lines.append(c.urgency_decoy)
    return "\n".join(lines)


def reviewer_summary(s: Scenario, c: Ctx) -> str:
    """T8: the payer reviewer's internal case summary of a request."""
    lines = [
        f"{c.payer.name} - UM CASE SUMMARY" if not gone(c, "payer") else "UM CASE SUMMARY",
        f"Case opened {fd(c, c.letter)}; request type {'EXPEDITED' if c.expedited else 'standard'}",
        f"Member {v_patient(c)} ({v_dob(c)}), ID {v_member(c)}",
        f"Requesting: {v_prov(c)} (NPI {v_npi(c)}), {c.prov.specialty}",
        f"Service: {s.service}; codes {v_procs(s, c)}; diagnoses {v_dx(s, c)}",
        f"Requested DOS: {v_date(c)}",
    ]
    if c.deadline:
        lines.append(f"Turnaround due: {fd(c, c.deadline)}")
    lines += [*others(c), "", "Reviewer notes:", *clinical(s, c), *reqs(s, c)]
    if c.urgency_decoy:
        lines.append(c.urgency_decoy)
    return "\n".join(lines)


def tidy(text: str) -> str:
    """Drop trailing spaces and restore protected date spaces."""
    return re.sub(r"[ \t]+\n", "\n", text.replace(KEEP, " "))
