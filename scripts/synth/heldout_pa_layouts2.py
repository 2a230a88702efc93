"""HELD-OUT prior-auth layout families, part 2. Engineers tuning rules must not open this file."""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

from datetime import timedelta

from heldout_pa_layouts import narrative, other_npis, payer_or_blank, urgency_block
from heldout_pa_render import (
    MONTHS,
    boilerplate,
    dob,
    dx_code,
    dx_codes,
    extras_text,
    family_text,
    fd,
    future_text,
    member,
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


def infusion_orders(s: Scenario, c: Ctx) -> str:
    """H7: infusion-center therapy plan: requested drugs beside premeds that need no review."""
    site = c.facility
    lines = [
        f"{(site.name if site else c.clinic.name).upper()} - THERAPY PLAN / AUTHORIZATION WORKSHEET",
        f"Prepared {fd(c, c.letter)}   Plan ID TP-{c.rng.randrange(10**5, 10**6)}",
        "",
        f"Patient: {patient_name(c, 'last_first_mixed')}    DOB {dob(c)}    Clinic MRN {c.rng.randrange(10**6, 10**7)}",
        f"Primary coverage: {payer_or_blank(c)}    Member # {member(c)}    Group {c.payer.group}",
    ]
    if c.mbi:
        lines.append(f"Secondary: Original Medicare, MBI {c.mbi}")
    lines += [
        f"Treating/ordering provider: {prov_name(c)}    NPI {prov_npi(c)}",
    ]
    if site:
        lines.append(f"Site of care: {site.name}, {site.city} - Type 2 NPI {site.npi}")
    if c.referring:
        r = c.referring
        lines.append(f"Referred by {r.first} {r.last}, {r.cred} (NPI {r.npi})")
    lines += [
        "",
        "Diagnosis: "
        + "; ".join(f"{code} {d.desc}" for d, code in zip(s.dx, dx_codes(s, c), strict=False))
        if "diagnosis_code" not in c.missing
        else f"Diagnosis: {'; '.join(d.desc for d in s.dx)} (ICD-10: {dx_codes(s, c)[0]})",
        f"Regimen: {s.service}",
        "",
        "DRUGS REQUIRING AUTHORIZATION",
    ]
    codes = proc_codes(s, c)
    if "procedure_code" in c.missing:
        for m in s.meds:
            lines.append(f"  {m} - HCPCS {codes[0]}")
    else:
        for p in s.procs:
            lines.append(f"  {p.code:<7}{p.desc}")
    if s.extras:
        lines += [
            "",
            "PREMEDICATIONS / SUPPORTIVE / ADMINISTRATION (no prior authorization required)",
        ]
        lines += [f"  {p.code:<7}{p.desc}" for p in s.extras]
    lines += [
        "",
        f"First treatment date: {svc_date(c)}",
    ]
    if "service_date" not in c.missing:
        end = c.service + timedelta(days=int(pick(c, ["180", "182", "364"])))
        lines.append(f"Authorization period requested: {fd(c, c.service)} to {fd(c, end)}")
    lines += urgency_block(c)
    if c.deadline:
        lines.append(f"Payer decision needed by {fd(c, c.deadline)} to keep the cycle on schedule.")
    lines += ["", "CLINICAL"]
    lines += narrative(s, c)
    req = reqs_sentence(s, c, "provider")
    if req:
        lines += wrap(req)
    fut = future_text(s, c)
    if fut:
        lines += wrap(fut)
    lines += [
        "",
        f"Authorization coordinator: {pick(c, ['K. Ibarra', 'D. Mensah', 'S. Kowalczyk'])}",
    ]
    return "\n".join(lines)


def ma_sections(s: Scenario, c: Ctx) -> str:
    """H8: a Medicare Advantage organization-determination form with MBI, case and order numbers."""
    box_e = "[X]" if c.expedited else "[ ]"
    box_s = "[ ]" if c.expedited else "[X]"
    lines = [
        f"{payer_or_blank(c) or 'MEDICARE ADVANTAGE PLAN'} - REQUEST FOR ORGANIZATION DETERMINATION"
        " (PRE-SERVICE)",
        "Standard decisions are made within 14 calendar days; expedited within 72 hours.",
        f"Fax: {c.payer.um_fax}    Provider line: {c.payer.um_phone}",
        "",
        "SECTION 1 - ENROLLEE",
        f"  Name: {patient_name(c)}        Date of birth: {dob(c)}",
        f"  Plan member ID: {member(c)}        Group: {c.payer.group}",
    ]
    if c.mbi:
        lines.append(f"  Medicare Beneficiary Identifier (MBI): {c.mbi}")
    if c.order_no:
        lines.append(f"  Order #: {c.order_no}")
    lines += [
        "SECTION 2 - REQUESTING PROVIDER",
        f"  Name: {prov_name(c)}        NPI: {prov_npi(c)}",
        f"  Practice: {c.clinic.name}, {c.clinic.street}, {c.clinic.city}",
        f"  Phone: {c.clinic.phone}   Fax: {c.clinic.fax}",
    ]
    if c.facility or c.referring or c.supplier:
        lines.append("SECTION 3 - OTHER PROVIDERS")
        lines += [f"  {x}" for x in other_npis(c)]
    lines += [
        "SECTION 4 - SERVICE",
        f"  Description: {s.service}",
        "  Code(s): " + "; ".join(proc_codes(s, c)),
        "  Diagnosis code(s): " + "; ".join(dx_codes(s, c)),
        f"  Anticipated date of service: {svc_date(c)}",
        "SECTION 5 - TIMEFRAME",
        f"  {box_s} Standard   {box_e} Expedited (applying the standard timeframe could seriously"
        " jeopardize the enrollee's life, health or ability to regain maximum function)",
    ]
    if c.deadline:
        lines.append(f"  Decision requested no later than: {fd(c, c.deadline)}")
    if c.case_no:
        lines.append(f"  Prior case # (previous request, closed): {c.case_no}")
    if c.urgency_decoy and not c.expedited:
        lines.append(f"  Note: {c.urgency_decoy}")
    lines += ["SECTION 6 - CLINICAL INFORMATION"]
    lines += [f"  {x}" for x in narrative(s, c)]
    req = reqs_sentence(s, c, "provider")
    if req:
        lines += [f"  {x}" for x in wrap(req, 88)]
    fut = future_text(s, c)
    if fut:
        lines += [f"  {x}" for x in wrap(fut, 88)]
    sig = prov_name(c, "bare") if "requesting_provider_name" not in c.missing else "[illegible]"
    lines += ["", f"Signature of requesting provider: {sig}    Date: {fd(c, c.letter)}"]
    return "\n".join(lines)


def _code_phrase(c: Ctx, desc: str, code: str) -> str:
    return pick(
        c, [f"{desc} ({code})", f"{desc} - {code}", f"{code} ({desc})", f"{desc}, code {code}"]
    )


def letter(s: Scenario, c: Ctx) -> str:
    """H9: a letter of medical necessity: codes inline beside words, NPI only in the signature."""
    p = c.prov
    payer = payer_or_blank(c)
    addressee = payer if payer and "payer" not in c.missing else "Utilization Review Department"
    if "procedure_code" in c.missing:
        svc = f"{s.service} (procedure code to be confirmed by the facility)"
    else:
        svc = " and ".join(
            _code_phrase(c, p_.desc.split(";")[0].lower(), p_.code) for p_ in s.procs
        )
    if "diagnosis_code" in c.missing:
        dxs = " and ".join(d.desc.lower() for d in s.dx)
    else:
        dxs = " and ".join(_code_phrase(c, d.desc.lower(), dx_code(c, d)) for d in s.dx)
    lines = [
        c.clinic.name,
        f"{c.clinic.street}  |  {c.clinic.city}  |  {c.clinic.phone}",
        "",
        fd(c, c.letter),
        "",
        addressee,
        f"Attn: Prior Authorization, fax {c.payer.um_fax}",
        "",
        f"RE: {patient_name(c)}, date of birth {dob(c)}, member ID {member(c)}",
        "    Letter of medical necessity",
        "",
        "To whom it may concern:",
        "",
    ]
    when = (
        f"on {fd(c, c.service)}"
        if "service_date" not in c.missing
        else "as soon as it can be scheduled after approval (no date set yet)"
    )
    para = f"I am writing to request authorization of {svc} {when}, for {dxs}."
    lines += wrap(para)
    if c.expedited:
        lines += [
            "",
            *wrap(
                "Please process this as an EXPEDITED (urgent) review: waiting the standard time could"
                " seriously jeopardize my patient's health."
            ),
        ]
    elif c.urgency_decoy:
        lines += ["", *wrap(c.urgency_decoy)]
    body = story(s, c)
    if body:
        lines += ["", *wrap(" ".join(body))]
        t = tried_text(s, c)
        if t:
            lines += ["", *wrap("Treatment so far has included " + t)]
        pmh = pmh_text(s, c)
        if pmh:
            lines += wrap(
                "Other conditions, stable and not the reason for this request: " + pmh + "."
            )
        prior = prior_lines(s, c)
        if prior:
            lines += wrap("Previously completed: " + "; ".join(prior) + ".")
        fam = family_text(s, c)
        if fam:
            lines += wrap("Family history: " + fam + ".")
    else:
        lines += ["", *wrap("My office notes are enclosed.")]
    req = reqs_sentence(s, c, "provider")
    if req:
        lines += ["", *wrap(req)]
    fut = future_text(s, c)
    if fut:
        lines += ["", *wrap(fut)]
    if c.deadline:
        lines += ["", *wrap(f"I would be grateful for a decision by {fd(c, c.deadline)}.")]
    lines += ["", "Sincerely,", ""]
    if "requesting_provider_name" in c.missing:
        lines.append("[signature illegible]")
    else:
        lines.append(f"{p.first} {p.last}, {p.cred}")
    lines.append(p.specialty)
    if "requesting_provider_npi" not in c.missing:
        lines.append(f"NPI {p.npi}")
    if c.referring:
        r = c.referring
        lines += ["", f"cc: {r.first} {r.last}, {r.cred}, referring physician (NPI {r.npi})"]
    return "\n".join(lines)


def ehr_summary(s: Scenario, c: Ctx) -> str:
    """H10: an EHR 'authorization request summary' with codes in brackets after descriptions."""
    p = c.prov
    prio = "Urgent - expedited payer review requested" if c.expedited else "Routine"
    lines = [
        f"Authorization Request Summary{' ' * 24}Printed: {fd(c, c.letter)} {c.rng.randrange(8, 18)}:"
        f"{c.rng.randrange(60):02d}",
        f"Order ID: {c.order_no or 'ORD-' + str(c.rng.randrange(10**6, 10**7))} | Dept: {c.clinic.name}",
        "",
        f"PATIENT: {patient_name(c, 'last_first')} | DOB: {dob(c)} | Sex: {c.patient.sex}"
        f" | MRN: E{c.rng.randrange(10**6, 10**7)}",
        f"COVERAGE: {payer_or_blank(c)} | Member #: {member(c)} | Group #: {c.payer.group} | Subscriber: self",
    ]
    if c.mbi:
        lines.append(f"COVERAGE 2: Medicare Part B | MBI: {c.mbi}")
    if "requesting_provider_name" in c.missing:
        ordering = "(unsigned order)"
    else:
        ordering = f"{p.last.upper()}, {p.first.upper()}"
    lines += [f"ORDERING: {ordering} [{prov_npi(c)}] | {p.specialty}"]
    if c.referring:
        r = c.referring
        lines.append(f"REFERRING: {r.last.upper()}, {r.first.upper()} [{r.npi}]")
    if c.facility:
        lines.append(f"PERFORMING LOCATION: {c.facility.name} [{c.facility.npi}]")
    lines += ["", f"ORDER: {s.service}"]
    if "procedure_code" in c.missing:
        lines.append(f"  Procedure: {s.service} [{proc_codes(s, c)[0]}]")
    else:
        lines += [f"  Procedure: {pr.desc} [{pr.code}]" for pr in s.procs]
    dcodes = dx_codes(s, c)
    for i, d in enumerate(s.dx):
        code = dcodes[0] if "diagnosis_code" in c.missing else dcodes[i]
        lines.append(f"  Dx: {d.desc} [{code}]")
    if "service_date" in c.missing:
        lines.append(f"Requested auth period: {svc_date(c)}")
    else:
        end = c.service + timedelta(days=90)
        lines.append(f"Requested auth period: {fd(c, c.service)} - {fd(c, end)}")
    lines.append(f"Priority: {prio}")
    if c.deadline:
        lines.append(f"Payer response due: {fd(c, c.deadline)}")
    if c.urgency_decoy and not c.expedited:
        lines.append(f"Comment: {c.urgency_decoy}")
    lines += ["", "Order comments / clinical indication:"]
    lines += narrative(s, c)
    if "extras" in c.flags and s.extras:
        lines += ["Linked orders (no authorization required):"] + [
            f"  {x.desc} [{x.code}]" for x in s.extras
        ]
    req = reqs_sentence(s, c, "provider")
    if req:
        lines += wrap(req)
    fut = future_text(s, c)
    if fut:
        lines += wrap(fut)
    lines += boilerplate(s, c)
    return "\n".join(lines)


def email_thread(s: Scenario, c: Ctx) -> str:
    """H11: an e-mail thread from a prior-auth coordinator, quoting the payer's earlier reply."""
    coord = pick(c, ["Tamsin Greer", "Luis Arroyo", "Bea Nakashima", "Devon Okafor-Lutz"])
    weekday = c.letter.strftime("%A")
    sent = f"{weekday}, {MONTHS[c.letter.month - 1]} {c.letter.day}, {c.letter.year} {c.rng.randrange(8, 17)}:{c.rng.randrange(60):02d} PM"
    payer = payer_or_blank(c)
    to = f"{payer} Prior Auth" if payer and "payer" not in c.missing else "Prior Auth Intake"
    p = c.prov
    title = "Dr. " if p.cred in ("MD", "DO") else ""
    suffix = "" if title else f", {p.cred}"
    who = (
        f"{title}{p.first} {p.last}{suffix} (NPI {prov_npi(c)})"
        if "requesting_provider_name" not in c.missing
        else f"our surgeon (signature unreadable on the order; NPI {prov_npi(c)})"
    )
    codes = proc_codes(s, c)
    if "procedure_code" in c.missing:
        code_line = f"Service: {s.service} - CPT still {codes[0] or 'blank'} on our order, facility will confirm"
    else:
        code_line = "Codes: " + " + ".join(
            f"{pr.code} ({pr.desc.split(';')[0].lower()})" for pr in s.procs
        )
    dline = "Dx: " + ", ".join(
        f"{dx_code(c, d)} {d.desc.lower()}" if "diagnosis_code" not in c.missing else d.desc.lower()
        for d in s.dx
    )
    lines = [
        f"From: {coord} <{coord.split()[0].lower()}@{c.clinic.name.split()[0].lower()}.example.org>",
        f"Sent: {sent}",
        f"To: {to} <intake@plan.example.com>",
        f"Subject: RE: auth request - {c.patient.last} - {s.service.split(',')[0]}",
        "",
        "Hello,",
        "",
    ]
    if c.expedited:
        lines += wrap(
            "Please handle this one as an URGENT / expedited review - the doctor documented that"
            " the standard timeframe could seriously harm the patient."
        )
    elif c.urgency_decoy:
        lines += wrap(c.urgency_decoy)
    lines += [
        "",
        "Here is what you asked for:",
        f"Patient: {patient_name(c)}  DOB {dob(c)}",
        f"Plan: {payer or '(face sheet to follow)'}  Member ID: {member(c)}",
        f"Ordering: {who}",
        code_line,
        dline if "diagnosis_code" not in c.missing else dline + " (codes to follow)",
        f"DOS: {svc_date(c)}",
    ]
    for x in other_npis(c):
        lines.append(x)
    if c.deadline:
        lines.append(f"We need the decision by {fd(c, c.deadline)}.")
    body = story(s, c)
    if body:
        lines += ["", "Clinical (from the chart):", *wrap(" ".join(body))]
        t = tried_text(s, c)
        if t:
            lines += wrap("Already tried: " + t)
        pmh = pmh_text(s, c)
        if pmh:
            lines += wrap("Other dx (not for this request): " + pmh)
        fam = family_text(s, c)
        if fam:
            lines += wrap("FHx: " + fam)
        prior = prior_lines(s, c)
        if prior:
            lines += ["Prior:"] + [f"- {x}" for x in prior]
    else:
        lines += ["", "Notes are still being dictated; I will send them when signed."]
    fut = future_text(s, c)
    if fut:
        lines += wrap(fut)
    lines += [
        "",
        "Thanks,",
        coord,
        f"Prior Authorization Coordinator, {c.clinic.name}",
        c.clinic.phone,
    ]
    earlier = c.letter - timedelta(days=c.rng.randrange(1, 5))
    lines += [
        "",
        "-----Original Message-----",
        f"From: {to} <intake@plan.example.com>",
        f"Sent: {fd(c, earlier)}",
        "Subject: auth request",
        "",
    ]
    req = reqs_sentence(s, c, "payer")
    if req:
        lines += wrap("We received a partial request. " + req + " Please reply with the details.")
    else:
        lines += wrap(
            "We received a partial request. Please reply with the member details, codes and date."
        )
    ex = extras_text(s)
    if ex and "extras" in c.flags:
        lines += wrap(f"Note: {ex} are not on the prior-authorization list; do not submit them.")
    return "\n".join(lines)
