"""HELD-OUT prior-auth layout families, part 1. Engineers tuning rules must not open this file.

Each family renders (scenario, context) as the text a fax, form or letter would give after
PDF/OCR extraction. Families never decide the gold; they honour the context (blanks, urgency,
deadline, which distractors to print).
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

from datetime import timedelta

from heldout_pa_render import (
    boilerplate,
    confidential,
    dob,
    dx_codes,
    extras_text,
    family_text,
    fd,
    fill,
    fmt_date,
    future_text,
    member,
    ocr,
    patient_name,
    pick,
    pmh_text,
    prior_lines,
    proc_codes,
    prov_name,
    prov_npi,
    reqs_sentence,
    story,
    svc_date,
    tried_text,
    wrap,
)
from pa_model import Ctx, Scenario


def fax_header(c: Ctx, page: int, pages: int) -> str:
    """The line a fax machine prints on top of every page."""
    stamp = c.letter.strftime("%b-%d-%Y").upper()
    sender = c.facility if "sender_facility" in c.flags and c.facility else c.clinic
    digits = "".join(ch for ch in sender.fax if ch.isdigit())[-10:]
    to = "".join(ch for ch in c.payer.um_fax if ch.isdigit())[-10:]
    minute = sum(map(ord, sender.name)) % 60
    hour = 8 + len(sender.name) % 9
    return (
        f"{stamp} {hour:02d}:{minute:02d}  FROM:{sender.name.upper()[:26]}"
        f"  {digits}   TO:{to}   P.{page:03d}/{pages:03d}"
    )


def payer_or_blank(c: Ctx) -> str:
    """The plan's name, or how a sender leaves it blank."""
    if "payer" in c.missing:
        return pick(c, ["", "________________", "(face sheet to follow)", "see card"])
    return c.payer.name


def urgency_block(c: Ctx) -> list[str]:
    """Review-type lines, with decoys for standard requests."""
    if c.expedited:
        return [
            pick(
                c,
                [
                    "REVIEW TYPE: [X] EXPEDITED  [ ] STANDARD",
                    "*** EXPEDITED REVIEW REQUESTED - standard time frame could seriously jeopardize"
                    " the member's health ***",
                    "Priority: URGENT pre-service review requested (72 hours)",
                ],
            )
        ]
    lines = [
        pick(
            c, ["REVIEW TYPE: [ ] EXPEDITED  [X] STANDARD", "Review: standard", "Priority: routine"]
        )
    ]
    if c.urgency_decoy:
        lines.append(c.urgency_decoy)
    return lines


def other_npis(c: Ctx) -> list[str]:
    """Referring, facility and supplier NPIs printed beside the requesting clinician's."""
    out: list[str] = []
    if c.referring is not None:
        r = c.referring
        out.append(f"Referring provider: {r.first} {r.last}, {r.cred} ({r.specialty}) NPI {r.npi}")
    if c.facility is not None:
        out.append(
            f"Servicing facility: {c.facility.name}, {c.facility.city}  Facility NPI {c.facility.npi}"
        )
    if c.supplier is not None:
        out.append(f"Supplier: {c.supplier.name}  NPI {c.supplier.npi}  Ph {c.supplier.phone}")
    return out


def narrative(s: Scenario, c: Ctx, noisy: bool = False) -> list[str]:
    """Clinical summary paragraphs with history, prior items, family, extras and future."""
    out: list[str] = []
    body = story(s, c)
    if not body:
        return [
            pick(
                c,
                ["Clinical notes: see attached.", "Clinical information: office notes to follow."],
            )
        ]
    age = fill("{age}", s, c)
    sex = "female" if c.patient.sex == "F" else "male"
    first = f"{age}-year-old {sex}. " + " ".join(body)
    out += wrap(ocr(c, first) if noisy else first)
    tried = tried_text(s, c)
    if tried:
        line = "Treatment to date: " + tried
        out += wrap(ocr(c, line) if noisy else line)
    pmh = pmh_text(s, c)
    if pmh:
        out += wrap("Other history (not the reason for this request): " + pmh + ".")
    prior = prior_lines(s, c)
    if prior:
        out.append("Prior studies / procedures:")
        out += [f"  - {p}" for p in prior]
    fam = family_text(s, c)
    if fam:
        out += wrap("Family history: " + fam + ".")
    return out


def dotted_form(s: Scenario, c: Ctx) -> str:
    """H1: fax with a dotted-leader form on page 1 and the summary on page 2."""
    leader = pick(c, [".", ".", "_", " ."])
    width = c.rng.randrange(26, 34)

    def row(label: str, value: str) -> str:
        fill_len = max(3, width - len(label))
        return f"{label}{(leader * fill_len)[:fill_len]} {value}".rstrip()

    lines = [
        fax_header(c, 1, 2),
        "",
        c.clinic.name.upper(),
        f"{c.clinic.street}, {c.clinic.city}   Tel {c.clinic.phone}   Fax {c.clinic.fax}",
        "",
        "PRIOR AUTHORIZATION REQUEST" + " " * 20 + f"Submitted {fd(c, c.letter)}",
        *confidential(c),
        "",
        row("MEMBER NAME", patient_name(c, "last_first")),
        row("DATE OF BIRTH", dob(c)),
        row("HEALTH PLAN", payer_or_blank(c)),
        row("MEMBER ID", member(c)),
        row("GROUP NUMBER", c.payer.group),
    ]
    if c.mbi:
        lines.append(row("MEDICARE BENEFICIARY ID", c.mbi))
    lines += [
        row("REQUESTING PHYSICIAN", prov_name(c, "last_first")),
        row("PHYSICIAN NPI", prov_npi(c)),
        row("SPECIALTY", c.prov.specialty),
    ]
    if c.referring is not None:
        r = c.referring
        lines.append(
            row("REFERRING PROVIDER", f"{r.last.upper()}, {r.first.upper()} {r.cred} NPI {r.npi}")
        )
    if c.facility is not None:
        lines.append(row("PLACE OF SERVICE", f"{c.facility.name} NPI {c.facility.npi}"))
    if c.supplier is not None:
        lines.append(row("DME SUPPLIER", f"{c.supplier.name} NPI {c.supplier.npi}"))
    lines += [
        row("SERVICE REQUESTED", s.service),
        row("CPT/HCPCS", ", ".join(proc_codes(s, c))),
        row("ICD-10-CM", ", ".join(dx_codes(s, c))),
    ]
    if "diagnosis_code" in c.missing:
        lines.append(row("DIAGNOSIS (WORDS)", "; ".join(d.desc.lower() for d in s.dx)))
    lines.append(row("DATE OF SERVICE", svc_date(c)))
    if c.case_no:
        lines.append(row("CASE / REF #", c.case_no))
    lines += urgency_block(c)
    if c.deadline:
        lines.append(row("DECISION NEEDED BY", fd(c, c.deadline)))
    lines += ["", "\f" + fax_header(c, 2, 2), "", "CLINICAL SUMMARY"]
    lines += narrative(s, c)
    ex = extras_text(s)
    if ex and "extras" in c.flags:
        lines += wrap(f"Also ordered, on the plan's no-authorization list: {ex}.")
    fut = future_text(s, c)
    if fut:
        lines += wrap(fut)
    req = reqs_sentence(s, c, "provider")
    if req:
        lines += wrap(req)
    sig = prov_name(c, "bare") if "requesting_provider_name" not in c.missing else "[illegible]"
    lines += ["", f"Signed: {sig}    Date: {fd(c, c.letter)}"]
    lines += boilerplate(s, c)
    return "\n".join(lines)


def _cells(text: str, width: int) -> list[str]:
    return wrap(text, width) or [""]


def broken_table(s: Scenario, c: Ctx) -> str:
    """H2: a payer precertification form whose tables broke apart in text extraction."""
    payer = payer_or_blank(c)
    title = (
        payer.upper() if payer and "payer" not in c.missing else "HEALTH PLAN"
    ) + " PRECERTIFICATION"
    lines = [
        f"{title} REQUEST FORM   (form UM-{c.rng.randrange(100, 999)}, rev {c.rng.randrange(1, 12)}/2025)",
        f"Fax completed form to {c.payer.um_fax}. Do not use for pharmacy-benefit drugs.",
        "",
        f"Member | {patient_name(c)} | DOB | {dob(c)}",
        f"ID No. | {member(c)} | Grp | {c.payer.group}",
    ]
    if "payer" in c.missing:
        lines.append(f"Plan | {payer} |")
    lines += [
        f"Ordering | {prov_name(c)} | NPI | {prov_npi(c)}",
        f"Practice | {c.clinic.name} | Ph | {c.clinic.phone} | Fx | {c.clinic.fax}",
    ]
    for extra in other_npis(c):
        lines.append(extra.replace(": ", " | ", 1))
    lines += ["", "SERVICE LINES", "Ln | Code | Description | Units | From"]
    start = svc_date(c)
    if "procedure_code" in c.missing:
        lines.append(f"1 | {proc_codes(s, c)[0]} | {s.service} | 1 | {start}")
    else:
        for i, p in enumerate(s.procs, 1):
            cells = _cells(p.desc, c.rng.choice([34, 40, 46]))
            lines.append(f"{i} | {p.code} | {cells[0]}")
            lines += cells[1:]
            lines[-1] += f" | 1 | {start}"
    lines += ["", "DIAGNOSES", "Ptr | ICD-10-CM | Description"]
    dcodes = dx_codes(s, c)
    for i, d in enumerate(s.dx):
        code = dcodes[0] if "diagnosis_code" in c.missing else dcodes[i]
        cells = _cells(d.desc, c.rng.choice([30, 38]))
        lines.append(f"{'ABCD'[i]} | {code} | {cells[0]}")
        lines += cells[1:]
    prior = prior_lines(s, c)
    if prior:
        lines += ["", "PRIOR TREATMENT / STUDIES", "Item | Code | Date"]
        for p in s.prior:
            lines.append(f"{p.desc} | {p.code} | {fd(c, c.on(p.days))}")
    lines += ["", *urgency_block(c)]
    if c.deadline:
        lines.append(f"Requested decision date: {fd(c, c.deadline)}")
    lines += ["", "Clinical rationale:"]
    body = story(s, c)
    if body:
        lines += wrap(" ".join(body))
        t = tried_text(s, c)
        if t:
            lines += wrap("Failed/ tried: " + t)
        pmh = pmh_text(s, c)
        if pmh:
            lines += wrap("PMH: " + pmh)
        fam = family_text(s, c)
        if fam:
            lines += wrap("FHx: " + fam)
    else:
        lines.append(pick(c, ["see attached", "See attached clinicals.", ""]))
    if "extras" in c.flags and s.extras:
        lines += ["", "Supplies/drugs not requiring review (for information):"]
        lines += [f"{p.code} | {p.desc}" for p in s.extras]
    fut = future_text(s, c)
    if fut:
        lines += wrap(fut)
    req = reqs_sentence(s, c, "provider")
    if req:
        lines += wrap(req)
    lines += ["", f"Attestation: information is accurate. Date {fd(c, c.letter)}"]
    lines += boilerplate(s, c)
    return "\n".join(lines)


def payer_rfi(s: Scenario, c: Ctx) -> str:
    """H3: the payer's pend / request-for-information letter with requirements in prose."""
    p = c.prov
    ref = c.case_no or f"PA-{c.rng.randrange(10**7, 10**8)}"
    lines = [
        c.payer.name.upper(),
        f"Utilization Management  |  Phone {c.payer.um_phone}  |  Fax {c.payer.um_fax}",
        "",
        f"{fd(c, c.letter)}",
        "",
        f"{p.first} {p.last}, {p.cred}",
        f"{c.clinic.name}",
        f"{c.clinic.street}",
        f"{c.clinic.city}",
        f"Provider NPI: {prov_npi(c)}" if "requesting_provider_npi" not in c.missing else "",
        "",
        f"Re: Reference {ref} - request pended for information",
        f"Member: {patient_name(c)}    Member ID: {member(c)}    Date of birth: {dob(c)}",
        f"Service: {s.service}",
        "Codes on the request: "
        + ", ".join(proc_codes(s, c))
        + "; diagnosis "
        + ", ".join(dx_codes(s, c)),
        f"Date of service on the request: {svc_date(c)}",
        "",
        f"Dear Dr. {p.last}," if p.cred in ("MD", "DO") else f"Dear {p.first} {p.last},",
        "",
    ]
    received = c.letter - timedelta(days=c.rng.randrange(1, 4))
    review = "expedited" if c.expedited else "standard"
    intro = (
        f"We received your {review} request on {fd(c, received)}. Before a decision can be made we need"
        " more information."
    )
    if c.expedited:
        intro += (
            " Because you asked for an expedited review, please respond as quickly as possible."
        )
    lines += wrap(intro)
    req = reqs_sentence(s, c, "payer")
    if req:
        lines += ["", *wrap(req + " The records we received do not show all of this.")]
    if "service_date" in c.missing:
        lines += ["", *wrap("The request also did not give a planned date of service.")]
    if "clinical_justification" in c.missing:
        lines += ["", *wrap("No clinical notes were attached to the request.")]
    if c.deadline:
        lines += [
            "",
            *wrap(
                f"Please send the records by fax to {c.payer.um_fax}, quoting reference {ref}, no later than"
                f" {fd(c, c.deadline)}. If we do not receive them, we will decide on the information we have."
            ),
        ]
    else:
        lines += [
            "",
            *wrap(f"Please send the records by fax to {c.payer.um_fax}, quoting reference {ref}."),
        ]
    body = story(s, c)
    if body:
        lines += ["", "Clinical information received with the request (excerpt):"]
        lines += wrap('"' + " ".join(body) + '"')
        t = tried_text(s, c)
        if t:
            lines += wrap('"Tried: ' + t + '"')
    lines += [
        "",
        "This letter is not a denial. Codes listed in our policies as examples (for instance the"
        " advanced imaging family 70551-70553 and 72141-72158) are illustrations only.",
        "",
        f"Clinical reviewer: {pick(c, ['J. Okonkwo, RN', 'T. Brannock, RN', 'L. Ferreira, LPN'])}",
    ]
    return "\n".join(lines)


def case_mgmt(s: Scenario, c: Ctx) -> str:
    """H4: hospital case-management fax for a discharge, several NPIs on one page."""
    fac = c.facility
    hosp = fac.name if fac else c.clinic.name
    c.flags.add("sender_facility")
    lines = [
        fax_header(c, 1, 1),
        f"{hosp.upper()} - CASE MANAGEMENT / DISCHARGE PLANNING",
        *confidential(c),
    ]
    if c.expedited:
        lines.append("*** URGENT: PATIENT READY FOR DISCHARGE - EXPEDITED REVIEW REQUESTED ***")
    else:
        lines.append("Routine request - patient not yet medically ready for discharge.")
        if c.urgency_decoy:
            lines.append(c.urgency_decoy)
    lines += [
        f"To: Utilization Review, {payer_or_blank(c) or 'health plan'}   Fax {c.payer.um_fax}",
        f"Date: {fd(c, c.letter)}",
        "",
        f"Patient: {patient_name(c, 'last_first_mixed')}   DOB: {dob(c)}   Hospital acct #: "
        f"{c.rng.randrange(10**8, 10**9)}",
        f"Insurance: {payer_or_blank(c)}   Member ID: {member(c)}   Group: {c.payer.group}",
    ]
    if c.mbi:
        lines.append(f"Medicare MBI (secondary): {c.mbi}")
    lines += [
        f"Attending / ordering physician: {prov_name(c)}   NPI {prov_npi(c)}",
    ]
    if fac:
        lines.append(f"Facility: {fac.name}, {fac.street}, {fac.city}   Facility NPI: {fac.npi}")
    if c.supplier:
        lines.append(
            f"Supplier: {c.supplier.name}, phone {c.supplier.phone}, supplier NPI {c.supplier.npi}"
        )
    if c.referring:
        r = c.referring
        lines.append(f"PCP (follow-up, not ordering): {r.first} {r.last}, {r.cred}  NPI {r.npi}")
    lines += ["", "Items / services requested:"]
    codes = proc_codes(s, c)
    if "procedure_code" in c.missing:
        lines.append(f"  {s.service} - code: {codes[0]}")
    else:
        for p in s.procs:
            lines.append(f"  {p.code}  {p.desc}  qty 1")
    lines.append("Diagnoses:")
    dcodes = dx_codes(s, c)
    for i, d in enumerate(s.dx):
        code = dcodes[0] if "diagnosis_code" in c.missing else dcodes[i]
        lines.append(f"  {code}  {d.desc}")
    lines.append(f"Start of service / delivery: {svc_date(c)}")
    if c.deadline:
        lines.append(f"Decision needed by: {fd(c, c.deadline)} (discharge planned that day)")
    lines += ["", *narrative(s, c)]
    if "extras" in c.flags and s.extras:
        lines += wrap(
            "Standard accessories included without separate review: " + extras_text(s) + "."
        )
    fut = future_text(s, c)
    if fut:
        lines += wrap(fut)
    req = reqs_sentence(s, c, "provider")
    if req:
        lines += wrap(req)
    lines += [
        "",
        f"Case manager: {pick(c, ['R. Delgado, RN', 'M. Szymanski, RN, CCM', 'A. Oyelaran, LCSW'])}"
        f"  direct {c.clinic.phone}",
    ]
    return "\n".join(lines)


def bilingual(s: Scenario, c: Ctx) -> str:
    """H5: a Spanish/English form from a Puerto Rico clinic; dates day first throughout."""
    letter_es = fmt_date(c.letter, "es")
    urg = (
        "Tipo de revisión / Review: [ ] Regular  [X] URGENTE - revisión acelerada solicitada"
        if c.expedited
        else "Tipo de revisión / Review: [X] Regular  [ ] Urgente"
    )
    lines = [
        "SOLICITUD DE PREAUTORIZACIÓN / PRIOR AUTHORIZATION REQUEST",
        f"{c.clinic.name} - {c.clinic.street}, {c.clinic.city}",
        f"Tel. {c.clinic.phone}  Fax {c.clinic.fax}",
        "Todas las fechas en formato dd/mm/aaaa (day/month/year).",
        "",
        f"Fecha / Date: {letter_es}",
        f"Plan médico / Health plan: {payer_or_blank(c)}",
        f"Paciente / Patient: {patient_name(c)}",
        f"Fecha de nacimiento / DOB: {dob(c)}",
        f"Número de afiliado / Member ID: {member(c)}    Grupo: {c.payer.group}",
        f"Médico solicitante / Requesting physician: {prov_name(c)}",
        f"NPI del médico: {prov_npi(c)}",
    ]
    if c.referring:
        r = c.referring
        lines.append(f"Médico que refiere / Referring: {r.first} {r.last}, {r.cred} - NPI {r.npi}")
    if c.facility:
        lines.append(f"Facilidad / Facility: {c.facility.name} - NPI {c.facility.npi}")
    lines += [
        f"Servicio solicitado / Requested service: {s.service}",
        "Código(s) CPT/HCPCS: " + ", ".join(proc_codes(s, c)),
        "Diagnóstico(s) ICD-10: " + ", ".join(dx_codes(s, c)),
        f"Fecha del servicio / Date of service: {svc_date(c)}",
        urg,
    ]
    if c.deadline:
        lines.append(f"Favor de contestar antes del / Please respond by: {fd(c, c.deadline)}")
    if c.urgency_decoy and not c.expedited:
        lines.append(c.urgency_decoy)
    lines += ["", "Resumen clínico / Clinical summary:"]
    body = story(s, c, spanish=True)
    if body:
        lines += wrap(" ".join(body))
        t = tried_text(s, c)
        if t:
            lines += wrap("Tratamientos previos / Prior treatment: " + t)
        pmh = pmh_text(s, c)
        if pmh:
            lines += wrap("Historial / History: " + pmh)
        prior = prior_lines(s, c)
        if prior:
            lines += ["Estudios previos / Prior studies:"] + [f"  * {p}" for p in prior]
    else:
        lines.append("Ver notas adjuntas / see attached notes.")
    req = reqs_sentence(s, c, "provider")
    if req:
        lines += wrap(req)
    fut = future_text(s, c)
    if fut:
        lines += wrap(fut)
    sig = (
        prov_name(c, "bare") if "requesting_provider_name" not in c.missing else "(firma ilegible)"
    )
    lines += ["", f"Firma / Signature: {sig}      {letter_es}"]
    return "\n".join(lines)


def ocr_scan(s: Scenario, c: Ctx) -> str:
    """H6: a scanned three-page form; OCR noise in labels and prose, repeated page furniture."""
    noisy = {
        "Member": pick(c, ["Mernber", "Membcr", "Member"]),
        "Diagnosis": pick(c, ["Diagn0sis", "Diagnosls", "Diagnosis"]),
        "Provider": pick(c, ["Provlder", "Pr0vider", "Provider"]),
        "Service": pick(c, ["Servicc", "Service", "Serv ice"]),
    }
    box = pick(c, ["[X]", "[x]", "(X)", "|X|", "[ x ]"])
    empty = pick(c, ["[ ]", "[  ]", "( )", "| |"])
    page = "Page {n} of 3   " + c.clinic.name + "   scanned " + fd(c, c.letter)
    lines = [
        page.format(n=1),
        "",
        f"PR1OR AUTHOR1ZATION / PRECERT1FICATION - {payer_or_blank(c) or 'HEALTH PLAN'}",
        "",
        f"{noisy['Member']} name: {patient_name(c)}",
        f"D0B: {dob(c)}",
        f"{noisy['Member']} lD: {member(c)}          Group: {c.payer.group}",
    ]
    if c.mbi:
        lines.append(f"MB1: {c.mbi}")
    lines += [
        f"Ordering {noisy['Provider']}: {prov_name(c)}",
        f"NPl: {prov_npi(c)}",
        f"0ffice phone: {c.clinic.phone}   Fax: {c.clinic.fax}",
    ]
    lines += other_npis(c)
    lines += [
        "",
        f"{noisy['Service']} requested: {ocr(c, s.service, 0.1)}",
        "CPT / HCPCS: " + "  ".join(proc_codes(s, c)),
        f"{noisy['Diagnosis']} (ICD-10): " + "  ".join(dx_codes(s, c)),
        f"Planned date: {svc_date(c)}",
        f"{box if c.expedited else empty} Urgent / expedited     {empty if c.expedited else box} Standard",
    ]
    if c.deadline:
        lines.append(f"Response needed by: {fd(c, c.deadline)}")
    if c.urgency_decoy and not c.expedited:
        lines.append(c.urgency_decoy)
    lines += ["", "\f" + page.format(n=2), "", "CLIN1CAL 1NF0RMATI0N"]
    lines += narrative(s, c, noisy=True)
    lines += ["", "\f" + page.format(n=3), ""]
    req = reqs_sentence(s, c, "provider")
    if req:
        lines += wrap(ocr(c, req, 0.03))
    if "extras" in c.flags and s.extras:
        lines += wrap("No auth needed: " + extras_text(s))
    fut = future_text(s, c)
    if fut:
        lines += wrap(fut)
    sig = (
        prov_name(c, "bare")
        if "requesting_provider_name" not in c.missing
        else "[signature illegible]"
    )
    lines += [f"Signature: {sig}", f"Date: {fd(c, c.letter)}"]
    lines += boilerplate(s, c)
    return "\n".join(lines)
