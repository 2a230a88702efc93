#!/usr/bin/env python3
"""Build the seventh prior-auth round's probe sets (session s24, helper pa2).

    python scripts/synth/pa6_probe.py tune       # evals/data/tune_pa6/prior_auth.jsonl (open)
    python scripts/synth/pa6_probe.py heldout    # evals/data/own_heldout_pa6/prior_auth.jsonl
    python scripts/synth/pa6_probe.py tune --check

The open sets of rounds one to six are read almost perfectly while the blind sets are not, so
this round writes document *kinds* none of them has: payer-portal printouts (key: value pairs
in odd orders, abbreviated keys), EHR referral exports whose header and footer repeat on every
page, OCR'd handwritten forms (damaged labels, values that slid to the next line), e-mails
forwarded twice whose quoted history mentions an older request, Spanish or bilingual forms,
bundles of two requests of which only one is to be authorized, and member ids written in
sentences. Each side has its own *voice* (scenarios, names, payers, labels, sentence shapes,
blank words, requirement verbs); the layouts are mechanism shared by both sides, so no
sentence is shared and the held-out half (generated, never read) stays unseen in its wording.
Deterministic; standard library only.
"""

# ruff: noqa: E501  (long literal texts are the data)

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from pa2_common import build_rows, fmt, write_or_check
from pa4_varied import context_maker
from pa_model import Ctx, Dx, Prior, Proc, Req, Scenario

ROOT = Path(__file__).resolve().parents[2]
N = 48
H = "HCPCS"


def _noise(rng: random.Random, label: str) -> str:
    """OCR damage on a handwritten label: swapped look-alike letters, a dropped letter."""
    swaps = {"e": "c", "l": "1", "o": "0", "i": "l", "m": "rn", "a": "o", "n": "h"}
    out = []
    for ch in label:
        low = ch.lower()
        r = rng.random()
        if low in swaps and r < 0.18:
            out.append(swaps[low])
        elif ch.isalpha() and r > 0.95:
            continue
        else:
            out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------- voices


TUNE = SimpleNamespace(
    SCEN=[
        Scenario(
            key="cuff",
            kind="surgery",
            service="arthroscopic rotator cuff repair, left shoulder",
            procs=[Proc("29827", "arthroscopic rotator cuff repair")],
            dx=[Dx("M75.122", "complete rotator cuff tear of the left shoulder")],
            story=[
                "Cannot lift the left arm above shoulder height since a ladder fall in spring; MRI shows a full-thickness supraspinatus tear with 2 cm retraction."
            ],
            tried=["home exercise program", "subacromial injection"],
            prior=[Prior("20610", "subacromial injection", -90)],
            reqs=[
                Req(
                    "MRI confirming full-thickness tear", "an MRI confirming a full-thickness tear"
                ),
                Req(
                    "six weeks of supervised therapy",
                    "six weeks of supervised therapy before surgery",
                ),
            ],
            specialty="Orthopedics",
            ages=(40, 72),
        ),
        Scenario(
            key="pump",
            kind="dme",
            service="insulin infusion pump",
            procs=[Proc("E0784", "external ambulatory insulin infusion pump", H)],
            dx=[Dx("E10.65", "type 1 diabetes with hyperglycemia")],
            story=[
                "Four injections a day with glucose swings from 40 to 380; two night-time lows needing glucagon this winter; A1c 9.1."
            ],
            pmh=[Dx("E03.9", "an underactive thyroid")],
            reqs=[
                Req(
                    "C-peptide or antibody result",
                    "a fasting C-peptide level or islet antibody panel",
                ),
                Req("glucose logs", "glucose meter downloads covering ninety days"),
            ],
            specialty="Endocrinology",
            ages=(18, 60),
        ),
        Scenario(
            key="crohn",
            kind="drug",
            service="infliximab infusion, 5 mg/kg at weeks 0, 2 and 6",
            procs=[Proc("J1745", "injection, infliximab, 10 mg", H)],
            dx=[Dx("K50.012", "Crohn's disease of small intestine with intestinal obstruction")],
            meds=["infliximab"],
            story=[
                "Eight loose stools a day and weight loss of 6 kg despite azathioprine; CRP 41; colonoscopy shows deep ileal ulcers."
            ],
            tried=["azathioprine", "prednisone taper"],
            prior=[Prior("45378", "colonoscopy", -30)],
            reqs=[
                Req(
                    "tuberculosis screening", "a negative tuberculosis screen within the last year"
                ),
                Req(
                    "failure of an immunomodulator",
                    "failure of an immunomodulator such as azathioprine",
                ),
            ],
            specialty="Gastroenterology",
        ),
        Scenario(
            key="egd",
            kind="procedure",
            service="upper endoscopy with biopsy",
            procs=[Proc("43239", "esophagogastroduodenoscopy with biopsy")],
            dx=[Dx("R13.10", "dysphagia")],
            story=[
                "Food sticking behind the breastbone for 3 months, worse with bread and meat; lost 4 kg; no relief from a proton pump inhibitor."
            ],
            tried=["omeprazole"],
            pmh=[Dx("K21.9", "reflux disease")],
            reqs=[Req("alarm symptoms", "alarm symptoms such as weight loss or bleeding")],
            specialty="Gastroenterology",
            ages=(45, 80),
        ),
    ],
    OTHER=[
        ("knee injection", "20610", "M17.12"),
        ("ankle brace", "L1906", "S93.401A"),
        ("physical therapy evaluation", "97161", "M54.50"),
    ],
    GIVEN_F="Odalys Fenella Marisol Agathe Wilhelmina Noor".split(),
    GIVEN_M="Bartholomew Caspian Desmond Florian Ezequiel Torvald".split(),
    FAMILY="Quennell Abernathy-Soto Velasquez Trowbridge Okonkwo-Hale Lindqvist Marchetti Brandvold".split(),
    MDS=[
        ("Henrietta", "Vossberg", "MD"),
        ("Octavio", "Ranieri", "DO"),
        ("Priyamvada", "Kesler", "MD"),
        ("Lucius", "Fairweather", "MD"),
        ("Genevieve", "Ashdown", "NP"),
    ],
    CARRIERS=[
        ("Bluewater Mutual Health", "BWM@#######"),
        ("Keystone Prairie Insurance", "KP-####-####"),
        ("Summit Ridge Care Plan", "SR#########"),
    ],
    TOWNS=["Fargo, ND 58102", "Laramie, WY 82070", "Ithaca, NY 14850"],
    SLOW=["Routine request, nothing urgent here."],
    FAST="URGENT - clinician attests delay could seriously jeopardize the patient's health.",
    EMPTY=("", "n/a", "pending", "---", "to follow"),
    DEFER="Clinical notes: to be faxed separately.",
    SAYS=[
        "Packet checklist from the plan lists {r}.",
        "Reviewer note: approval depends on {r}.",
        "The plan will look for {r}.",
    ],
    ID_SENT=[
        "{her} plan card reads {id}",
        "the subscriber number is {id}",
        "{she} is enrolled under number {id}",
    ],
    PORTAL=(
        "PROVIDER PORTAL - AUTH REQUEST SUMMARY",
        "Printed from portal",
        [
            ("Mbr #", "member_id"),
            ("Svc Dt", "service_date"),
            ("Rendering/Ordering", "requesting_provider_name"),
            ("Mbr Name", "patient_name"),
            ("Prim Dx", "diagnosis_code"),
            ("Plan", "payer"),
            ("Ord NPI", "requesting_provider_npi"),
            ("Mbr DOB", "patient_dob"),
            ("Proc", "procedure_code"),
        ],
        "Svc Desc",
        "Clin Notes",
    ),
    EHR=(
        "REFERRAL ORDER - EXPORTED FROM EHR",
        "Confidential - printed by {who} on {when}",
        [
            ("Patient", "patient_name"),
            ("Birth date", "patient_dob"),
            ("Insurer", "payer"),
            ("Insurance ID", "member_id"),
            ("Referring/ordering provider", "requesting_provider_name"),
            ("Provider NPI", "requesting_provider_npi"),
            ("Order code", "procedure_code"),
            ("Diagnosis", "diagnosis_code"),
            ("Requested date", "service_date"),
        ],
        "Order details",
        "Reason for referral",
    ),
    OCR=(
        "REQUEST FOR PRIOR APPROVAL (handwritten, scanned)",
        [
            ("Patient name", "patient_name"),
            ("Date of birth", "patient_dob"),
            ("Insurance co.", "payer"),
            ("ID number", "member_id"),
            ("Doctor", "requesting_provider_name"),
            ("NPI", "requesting_provider_npi"),
            ("CPT/HCPCS", "procedure_code"),
            ("ICD-10", "diagnosis_code"),
            ("Date needed", "service_date"),
        ],
        "What is requested",
        "Why",
    ),
    MAIL=(
        "Fwd: Fwd: auth needed",
        "Forwarding again - can you start this one today? Thanks.",
        "Sending on to the auth team.",
        "Hi team, please submit a prior authorization for my patient {pt}.",
        "{pt} is booked for {svc}",
        "Earlier thread (closed):",
        "Last year we asked for {old} ({code}) for this patient and it was approved; that one is finished.",
        "{her} old card number {oldid} was replaced in January.",
    ),
    ES=(
        "SOLICITUD DE AUTORIZACION PREVIA / PRIOR AUTHORIZATION REQUEST",
        [
            ("Nombre del paciente / Patient name", "patient_name"),
            ("Fecha de nacimiento / DOB", "patient_dob"),
            ("Aseguradora / Insurer", "payer"),
            ("Numero de afiliado / Member ID", "member_id"),
            ("Medico solicitante / Requesting physician", "requesting_provider_name"),
            ("NPI del medico", "requesting_provider_npi"),
            ("Codigo del procedimiento / CPT", "procedure_code"),
            ("Diagnostico / ICD-10", "diagnosis_code"),
            ("Fecha del servicio / Service date", "service_date"),
        ],
        "Servicio solicitado / Service",
        "Justificacion clinica / Clinical reason",
        "La paciente tiene el numero de afiliado {id}.",
    ),
    BUNDLE=(
        "FAX COVER - 2 requests enclosed",
        "Request A - ALREADY AUTHORIZED, for your records only, do not process: {old} ({code}), dx {dx}.",
        "Request B - please authorize:",
        "Member named in request B: {pt}, DOB {dob}.",
        "Coverage: {plan}; {idsent}.",
        "Ordering doctor {name}, NPI {npi}, asks for {svc}, code {proc}, for {dxdesc} ({dxc}).",
        "Wanted on {when}.",
    ),
)


HELD = SimpleNamespace(
    SCEN=[
        Scenario(
            key="cataract",
            kind="surgery",
            service="cataract extraction with lens implant, right eye",
            procs=[Proc("66984", "extracapsular cataract removal with intraocular lens")],
            dx=[Dx("H25.11", "age-related nuclear cataract, right eye")],
            story=[
                "Glare makes night driving impossible; best corrected acuity 20/70 on the right; dense nuclear opacity on slit lamp."
            ],
            tried=["updated glasses"],
            pmh=[Dx("H40.9", "glaucoma")],
            reqs=[
                Req(
                    "visual acuity 20/50 or worse",
                    "visual acuity of 20/50 or worse in the operative eye",
                ),
                Req(
                    "functional impairment",
                    "a description of functional impairment in daily activities",
                ),
            ],
            specialty="Ophthalmology",
            ages=(60, 85),
        ),
        Scenario(
            key="oxygen",
            kind="dme",
            service="home oxygen concentrator",
            procs=[Proc("E1390", "oxygen concentrator", H)],
            dx=[Dx("J44.1", "COPD with acute exacerbation")],
            story=[
                "Resting saturation 86% on room air after discharge; breathless walking across the room; two admissions since autumn."
            ],
            tried=["inhaled triple therapy"],
            prior=[Prior("94618", "walk test", -6)],
            reqs=[
                Req(
                    "oxygen saturation 88% or below",
                    "a saturation of 88 percent or below at rest or on exertion",
                ),
            ],
            specialty="Pulmonology",
            ages=(55, 88),
        ),
        Scenario(
            key="psoriasis",
            kind="drug",
            service="adalimumab 40 mg every other week",
            procs=[Proc("J0135", "injection, adalimumab, 20 mg", H)],
            dx=[Dx("L40.50", "psoriatic arthritis")],
            meds=["adalimumab"],
            story=[
                "Swollen fingers on both hands and plaques over a tenth of the body; morning stiffness for two hours; ESR 58."
            ],
            tried=["methotrexate", "sulfasalazine"],
            reqs=[
                Req("trial of methotrexate", "a documented trial of methotrexate for twelve weeks"),
                Req("hepatitis B screening", "hepatitis B screening results"),
            ],
            specialty="Rheumatology",
        ),
        Scenario(
            key="stimulator",
            kind="procedure",
            service="spinal cord stimulator trial",
            procs=[Proc("63650", "percutaneous implantation of neurostimulator electrodes")],
            dx=[Dx("G89.4", "chronic pain syndrome")],
            story=[
                "Burning leg pain after two back operations, rated 8 of 10; walks less than a block; opioids cut back by half without relief."
            ],
            tried=["gabapentin", "epidural injections"],
            prior=[Prior("63047", "laminectomy", -700)],
            reqs=[
                Req(
                    "psychological evaluation",
                    "a psychological evaluation cleared before the trial",
                ),
            ],
            specialty="Pain Medicine",
            ages=(35, 75),
        ),
    ],
    OTHER=[
        ("wrist splint", "L3908", "S62.101A"),
        ("hearing test", "92557", "H91.93"),
        ("skin biopsy", "11102", "L98.9"),
    ],
    GIVEN_F="Perpetua Ysolde Carmela Hildegard Oona Severine".split(),
    GIVEN_M="Ambrose Lisandro Thaddeus Ruperto Gunnar Osric".split(),
    FAMILY="Pemberton-Lowe Iturbide Kowalczyk Ravensworth Achterberg Nakashima-Reid Delacroix Strathearn".split(),
    MDS=[
        ("Marguerite", "Oyelowo", "MD"),
        ("Constantin", "Berridge", "MD"),
        ("Ifeoma", "Laskaris", "DO"),
        ("Rutger", "Halvorsen", "MD"),
        ("Celestine", "Moreau-Pike", "PA-C"),
    ],
    CARRIERS=[
        ("Cedar Valley Health Alliance", "CVA-#######"),
        ("Tidewater Family Insurance", "TW@@#######"),
        ("Northstar Community Plan", "NSC########"),
    ],
    TOWNS=["Missoula, MT 59801", "Burlington, VT 05401", "Flagstaff, AZ 86001"],
    SLOW=["Standard review timeframe is acceptable to us."],
    FAST="Expedite: the ordering clinician states standard timing may endanger life or function.",
    EMPTY=("", "unk", "blank", "??", "see notes"),
    DEFER="Supporting records will come in a later transmission.",
    SAYS=[
        "Coverage criteria call for {r}.",
        "Before approving, the health plan needs {r}.",
        "Submit with this request {r}.",
    ],
    ID_SENT=[
        "the ID on {her} insurance card is {id}",
        "{she} carries member number {id}",
        "{her} coverage is listed under {id}",
    ],
    PORTAL=(
        "ONLINE UM SUBMISSION - CONFIRMATION PAGE",
        "Page generated",
        [
            ("Plan Name", "payer"),
            ("Ptnt", "patient_name"),
            ("Subscr ID", "member_id"),
            ("Dx Cd", "diagnosis_code"),
            ("Req Prov", "requesting_provider_name"),
            ("Req Prov NPI", "requesting_provider_npi"),
            ("DOB", "patient_dob"),
            ("CPT/HCPC", "procedure_code"),
            ("From Dt", "service_date"),
        ],
        "Service",
        "Supporting Info",
    ),
    EHR=(
        "OUTGOING REFERRAL (system export)",
        "Generated {when} by {who} - page footer - do not redistribute",
        [
            ("Pt", "patient_name"),
            ("DOB", "patient_dob"),
            ("Payer on file", "payer"),
            ("Policy #", "member_id"),
            ("Authorizing clinician", "requesting_provider_name"),
            ("NPI #", "requesting_provider_npi"),
            ("Procedure", "procedure_code"),
            ("Dx code", "diagnosis_code"),
            ("Target date", "service_date"),
        ],
        "Referral text",
        "History and findings",
    ),
    OCR=(
        "PRE-CERTIFICATION FORM - completed by hand",
        [
            ("Member", "patient_name"),
            ("Birthdate", "patient_dob"),
            ("Health plan", "payer"),
            ("Member ID", "member_id"),
            ("Physician name", "requesting_provider_name"),
            ("Physician NPI", "requesting_provider_npi"),
            ("Procedure code", "procedure_code"),
            ("Diagnosis code", "diagnosis_code"),
            ("Scheduled", "service_date"),
        ],
        "Service description",
        "Medical necessity",
    ),
    MAIL=(
        "FW: FW: precert question",
        "See below, this one still needs to go in. -R",
        "Passing this along.",
        "Good morning, I am writing to request pre-certification for {pt}.",
        "We plan {svc}",
        "Original message from last spring:",
        "In April we requested {old} ({code}) and that authorization has since expired.",
        "The card on file then was {oldid}, no longer active.",
    ),
    ES=(
        "FORMULARIO DE PRECERTIFICACION",
        [
            ("Paciente", "patient_name"),
            ("Nacimiento", "patient_dob"),
            ("Plan de salud", "payer"),
            ("No. de miembro", "member_id"),
            ("Doctor que ordena", "requesting_provider_name"),
            ("NPI", "requesting_provider_npi"),
            ("Codigo CPT/HCPCS", "procedure_code"),
            ("Codigo de diagnostico", "diagnosis_code"),
            ("Fecha programada", "service_date"),
        ],
        "Servicio",
        "Motivo medico",
        "Su tarjeta del seguro dice {id}.",
    ),
    BUNDLE=(
        "PACKET: two authorization forms attached",
        "Form 1 (withdrawn by the office, ignore): {old} ({code}) for {dx}.",
        "Form 2 (active request):",
        "Patient on form 2 is {pt}, date of birth {dob}.",
        "Insured with {plan}, and {idsent}.",
        "{name} (NPI {npi}) orders {svc}, billed {proc}, diagnosis {dxdesc} {dxc}.",
        "Date requested: {when}.",
    ),
)


# --------------------------------------------------------------------------- mechanism


def dd(c: Ctx, value: date) -> str:
    return fmt(value, c.ds)


def _pron(c: Ctx) -> dict[str, str]:
    f = c.patient.sex == "F"
    return {"her": "her" if f else "his", "she": "she" if f else "he"}


def form_values(s: Scenario, c: Ctx) -> dict[str, str]:
    """Each form field's value as this document prints it."""
    p = c.prov
    return {
        "patient_name": c.patient.full,
        "patient_dob": dd(c, c.patient.dob),
        "payer": c.payer.name,
        "member_id": c.payer.member_id,
        "requesting_provider_name": f"{p.first} {p.last}, {p.cred}",
        "requesting_provider_npi": p.npi,
        "procedure_code": " ".join(x.code for x in s.procs),
        "diagnosis_code": ", ".join(x.code for x in s.dx),
        "service_date": dd(c, c.service),
    }


def _story(s: Scenario, c: Ctx, v: Any) -> list[str]:
    if "clinical_justification" in c.missing:
        return [v.DEFER]
    out = list(s.story)
    if s.tried:
        out.append("Tried before: " + ", ".join(s.tried) + ".")
    return out


def _extras(s: Scenario, c: Ctx) -> list[str]:
    out = []
    for pr in s.prior:
        out.append(f"History: {pr.desc} ({pr.code}) on {dd(c, c.on(pr.days))}.")
    for d in s.pmh:
        out.append(f"PMH: {d.desc} ({d.code}).")
    if c.referring:
        r = c.referring
        out.append(f"PCP: {r.first} {r.last}, {r.cred}, NPI {r.npi}.")
    if c.mbi:
        out.append(f"Medicare MBI (secondary): {c.mbi}")
    return out


def reqs(s: Scenario, c: Ctx, v: Any) -> list[str]:
    """The payer's requirements in prose, when this document shows them."""
    if not c.show_reqs:
        return []
    return [c.rng.choice(v.SAYS).format(r=r.prose) for r in s.reqs]


def _tail(c: Ctx, v: Any) -> list[str]:
    out = []
    if c.expedited:
        out.append(v.FAST)
    elif c.urgency_decoy:
        out.append(c.urgency_decoy)
    if c.deadline:
        out.append(f"Decision due {dd(c, c.deadline)}.")
    return out


def _pairs(s: Scenario, c: Ctx, v: Any, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    vals = form_values(s, c)
    out = []
    for label, field in keys:
        if field in c.missing:
            if c.rng.random() < 0.5:
                continue  # the line is simply not there
            out.append((label, c.rng.choice(v.EMPTY)))
        else:
            out.append((label, vals[field]))
    return out


def _id_sentence(c: Ctx, v: Any) -> str:
    return str(c.rng.choice(v.ID_SENT)).format(id=c.payer.member_id, **_pron(c))


def make_layouts(v: Any) -> dict[str, Callable[[Scenario, Ctx], str]]:
    def portal(s: Scenario, c: Ctx) -> str:
        """A payer-portal printout: abbreviated keys, two per line, in the portal's order."""
        title, printed, keys, svc, notes = v.PORTAL
        pairs = _pairs(s, c, v, keys)
        c.rng.shuffle(pairs)
        out = [title, f"{printed} {dd(c, c.letter)}  Ref {c.rng.randrange(10**7, 10**8)}", ""]
        for i in range(0, len(pairs), 2):
            row = pairs[i : i + 2]
            out.append("    ".join(f"{k}: {val}" for k, val in row))
        out += ["", f"{svc}: {s.service}", f"{notes}:", *_story(s, c, v), *_extras(s, c)]
        return "\n".join([*out, *reqs(s, c, v), *_tail(c, v)])

    def ehr(s: Scenario, c: Ctx) -> str:
        """An EHR referral export over pages, each with the same header and footer."""
        title, foot, keys, details, reason = v.EHR
        who = c.rng.choice(["kmoss", "intake02", "jrivera", "auth_clerk"])
        tag = f"MRN {c.rng.randrange(10**6, 10**7)}"
        if "patient_name" not in c.missing:
            tag = f"{c.patient.last.upper()}, {c.patient.first} ({tag})"
        head = [f"{title} | {tag}", ""]
        footer = ["", foot.format(who=who, when=dd(c, c.letter))]
        body1 = [f"{k}: {val}" for k, val in _pairs(s, c, v, keys)]
        body2 = [f"{details}: {s.service}", "", f"{reason}:", *_story(s, c, v), *_extras(s, c)]
        body2 += ["", *reqs(s, c, v), *_tail(c, v)]
        pages = [body1, body2]
        out: list[str] = []
        for i, body in enumerate(pages, 1):
            out += [*head, *body, *footer, f"Page {i} of {len(pages)}", ""]
        return "\n".join(out).rstrip() + "\n"

    def ocr(s: Scenario, c: Ctx) -> str:
        """A handwritten form after OCR: damaged labels, values sometimes on the next line."""
        title, keys, what, why = v.OCR
        out = [_noise(c.rng, title), dd(c, c.letter), ""]
        for k, val in _pairs(s, c, v, keys):
            lab = _noise(c.rng, k)
            if c.rng.random() < 0.35 and val:
                out += [f"{lab} :", f"      {val}"]
            else:
                out.append(f"{lab} :{' ' * c.rng.randrange(1, 9)}{val}")
        out += ["", f"{_noise(c.rng, what)}: {s.service}", f"{_noise(c.rng, why)}:"]
        return "\n".join([*out, *_story(s, c, v), *_extras(s, c), *reqs(s, c, v), *_tail(c, v)])

    def mail(s: Scenario, c: Ctx) -> str:
        """An e-mail forwarded twice; its quoted history mentions an older, finished request."""
        subj, fw2, fw1, hello, booked, hist, old, oldcard = v.MAIL
        m = c.missing
        p = c.prov
        other_svc, other_code, _ = c.rng.choice(v.OTHER)
        oldid = c.payer.member_id[:-3] + str(c.rng.randrange(100, 1000))
        pt = "the patient below" if "patient_name" in m else c.patient.full
        out = [f"Subject: {subj}", f"Date: {dd(c, c.letter)}", "", fw2, "", "> " + fw1, ">"]
        body = [hello.format(pt=pt)]
        facts = []
        if "patient_dob" not in m:
            facts.append(f"DOB {dd(c, c.patient.dob)}")
        if "payer" not in m:
            facts.append(f"insured by {c.payer.name}")
        if facts:
            body.append(", ".join(facts) + ".")
        if "member_id" not in m:
            sent = _id_sentence(c, v)
            body.append(sent[0].upper() + sent[1:] + ".")
        line = booked.format(pt=pt, svc=s.service)
        if "service_date" not in m:
            line += f" on {dd(c, c.service)}"
        body.append(line + ".")
        if "procedure_code" not in m:
            body.append(f"CPT/HCPCS {' '.join(x.code for x in s.procs)}.")
        if "diagnosis_code" not in m:
            body.append(f"Dx {s.dx[0].desc}, {', '.join(x.code for x in s.dx)}.")
        body += [*_story(s, c, v), *_extras(s, c), *reqs(s, c, v), *_tail(c, v)]
        sig = []
        if "requesting_provider_name" not in m:
            sig.append(f"{p.first} {p.last}, {p.cred}")
        if "requesting_provider_npi" not in m:
            sig.append(f"NPI {p.npi}")
        body += ["", *(sig or ["Clinic staff"]), c.clinic.name]
        body += ["", hist, old.format(old=other_svc, code=other_code)]
        body.append(oldcard.format(oldid=oldid, **_pron(c)))
        out += [">> " + b if b else ">>" for b in body]
        return "\n".join(out)

    def spanish(s: Scenario, c: Ctx) -> str:
        """A Spanish or bilingual form; sometimes the member id is in a Spanish sentence."""
        title, keys, svc, why, id_es = v.ES
        in_prose = "member_id" not in c.missing and c.rng.random() < 0.5
        keys2 = [(k, f) for k, f in keys if not (in_prose and f == "member_id")]
        out = [title, dd(c, c.letter), ""]
        out += [f"{k}: {val}" for k, val in _pairs(s, c, v, keys2)]
        if in_prose:
            out += ["", id_es.format(id=c.payer.member_id)]
        out += ["", f"{svc}: {s.service}", f"{why}:", *_story(s, c, v)]
        return "\n".join([*out, *_extras(s, c), *reqs(s, c, v), *_tail(c, v)])

    def bundle(s: Scenario, c: Ctx) -> str:
        """Two requests in one fax; the first is not to be authorized."""
        title, a_line, b_head, who, cov, order, when = v.BUNDLE
        m = c.missing
        p = c.prov
        other_svc, other_code, other_dx = c.rng.choice(v.OTHER)
        out = [
            title,
            dd(c, c.letter),
            "",
            a_line.format(old=other_svc, code=other_code, dx=other_dx),
        ]
        out += ["", b_head]
        pt = "(name left off)" if "patient_name" in m else c.patient.full
        dob = "(not given)" if "patient_dob" in m else dd(c, c.patient.dob)
        if not ("patient_name" in m and "patient_dob" in m):
            out.append(who.format(pt=pt, dob=dob))
        plan = "plan not stated" if "payer" in m else c.payer.name
        ids = "no member number was given" if "member_id" in m else _id_sentence(c, v)
        out.append(cov.format(plan=plan, idsent=ids))
        name = (
            "The ordering doctor"
            if "requesting_provider_name" in m
            else f"{p.first} {p.last}, {p.cred}"
        )
        npi = "not listed" if "requesting_provider_npi" in m else p.npi
        proc = "code pending" if "procedure_code" in m else " ".join(x.code for x in s.procs)
        dxc = "code pending" if "diagnosis_code" in m else ", ".join(x.code for x in s.dx)
        line = order.format(
            name=name, npi=npi, svc=s.service, proc=proc, dxdesc=s.dx[0].desc, dxc=dxc
        )
        out.append(line)
        if "service_date" not in m:
            out.append(when.format(when=dd(c, c.service)))
        out += ["", *_story(s, c, v), *_extras(s, c), *reqs(s, c, v), *_tail(c, v)]
        return "\n".join(out)

    return {
        "portal": portal,
        "ehr": ehr,
        "ocr": ocr,
        "mail": mail,
        "spanish": spanish,
        "bundle": bundle,
    }


SIDES = {
    "tune": (TUNE, 60_607, "tune_pa6", "tu6-pa-"),
    "heldout": (HELD, 70_919, "own_heldout_pa6", "oh6-pa-"),
}


def main() -> int:
    which = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "tune"
    if which not in SIDES:
        raise SystemExit(f"side must be one of {sorted(SIDES)}")
    del sys.argv[1:2]
    voice, seed, folder, prefix = SIDES[which]
    rows = build_rows(
        seed=seed,
        n=N,
        scenarios=voice.SCEN,
        layouts=make_layouts(voice),
        make_ctx=context_maker(voice, f"pa6{which}"),
        tag=which,
        id_prefix=prefix,
    )
    out = ROOT / "evals" / "data" / folder / "prior_auth.jsonl"
    return write_or_check(__doc__ or "", out, ROOT, rows)


if __name__ == "__main__":
    sys.exit(main())
