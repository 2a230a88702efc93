"""HELD-OUT PHI text families. Engineers tuning recognizers must not open this file.

Each family draws its sentences from several phrasings and optional parts, and returns text
with every PHI mention marked ``[[TYPE|text]]`` (see heldout_phi_families for the pieces).
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

import random
from collections.abc import Callable

from heldout_phi_families import (
    FOREIGN,
    STREETS,
    M,
    Ppl,
    age_words,
    d_es,
    d_num,
    d_words,
    day,
    dea,
    digits,
    edad_palabras,
    email,
    person,
    phone,
    plate,
    ssn,
)
from ids import mac_doc, vin

Rng = random.Random


def _plain(marked: str) -> str:
    out = marked
    while "[[" in out:
        a = out.index("[[")
        bar = out.index("|", a)
        b = out.index("]]", bar)
        out = out[:a] + out[bar + 1 : b] + out[b + 2 :]
    return out


def pick(rng: Rng, *options: str) -> str:
    return rng.choice(options)


def two_column(rng: Rng) -> str:
    """Registration form whose two columns were flattened: the address is split across lines."""
    p, ec = person(rng), person(rng)
    st, unit, city = rng.choice(STREETS)
    y, m, d = day(rng, rng.randrange(1936, 2004))
    ry, rm, rd = day(rng)
    w = rng.choice([44, 50, 56])

    def row(a: str, b: str) -> str:
        return a + " " * max(2, w - len(_plain(a))) + b

    name = M(
        "NAME", pick(rng, f"{p.last.upper()}, {p.first.upper()}", f"{p.last}, {p.first}", p.full)
    )
    hp = M("HEALTH_PLAN_ID", rng.choice(["MHW", "PNM", "MCD", "XQB"]) + digits(rng, 9))
    lic = M(
        "LICENSE",
        rng.choice(["S", "D", "K"]) + digits(rng, 3) + "-" + digits(rng, 4) + "-" + digits(rng, 4),
    )
    if rng.random() < 0.5:
        lines = [
            f"PATIENT REGISTRATION            Registered: {M('DATE', d_num(ry, rm, rd, 0))}",
            row(f"Patient: {name}", f"Emergency contact: {M('NAME', ec.full)}"),
            row(f"Address: {M('ADDRESS', st)}", f"Relationship: {pick(rng, 'daughter', 'spouse', 'son', 'neighbor')}"),
            row(f"         {M('ADDRESS', unit)}", f"Phone: {M('PHONE', phone(rng))}"),
            row(f"         {M('ADDRESS', city)}", f"Email: {M('EMAIL', email(rng, ec))}"),
            row(f"DOB: {M('DATE', d_num(y, m, d, rng.randrange(4)))}   Sex: {p.sex}", "Insurance: Medicaid"),
            row(f"SSN: {M('SSN', ssn(rng))}", f"Member ID: {hp}"),
            row(f"Cell: {M('PHONE', phone(rng))}", f"Guarantor acct: {M('ACCOUNT', 'G' + digits(rng, 8))}"),
            row(f"MRN: {M('MRN', digits(rng, 8))}", f"Driver lic.: {lic}"),
        ]  # fmt: skip
    else:
        lines = [
            "NEW PATIENT INTAKE (page 1)",
            row("PATIENT", "RESPONSIBLE PARTY / SUBSCRIBER"),
            row(f"Name {name}", f"Name {M('NAME', ec.full)}"),
            row(f"Street {M('ADDRESS', st + ', ' + unit)}", f"Home phone {M('PHONE', phone(rng))}"),
            row(f"City/State/ZIP {M('ADDRESS', city)}", f"Subscriber ID {hp}"),
            row(f"Birth date {M('DATE', d_words(y, m, d, 0))}", f"Work fax {M('FAX', phone(rng))}"),
            row(f"Social Security {M('SSN', ssn(rng))}", f"Email {M('EMAIL', email(rng, ec))}"),
            row(f"Chart # {M('MRN', 'C-' + digits(rng, 6))}", f"Date signed {M('DATE', d_num(ry, rm, rd, 1))}"),
        ]  # fmt: skip
    lines.append(
        pick(
            rng,
            f"Preferred pharmacy: the one on Main Street in {M('ADDRESS', city.split(',')[0])}.",
            f"Patient prefers text messages; {M('NAME', p.first)} works nights.",
            f"Interpreter: not needed. Referred by {M('NAME', person(rng).full)}, NP.",
        )
    )
    return "\n".join(lines)


def device_report(rng: Rng) -> str:
    """Remote-monitoring report: serials, MAC and IP addresses, portal URL."""
    p, nurse = person(rng), person(rng)
    y, m, d = day(rng)
    by, bm, bd = day(rng, rng.randrange(1930, 1975))
    kind = rng.choice(["icd", "pump", "cpap", "cochlear"])
    serial = {
        "icd": f"PJM{digits(rng, 6)}{rng.choice('ABCKS')}",
        "pump": f"NG{digits(rng, 7)}H",
        "cpap": digits(rng, 11),
        "cochlear": f"{digits(rng, 3)}-{digits(rng, 5)}-K",
    }[kind]
    label = {"icd": "implantable cardioverter-defibrillator", "pump": "insulin pump", "cpap": "auto-CPAP",
             "cochlear": "cochlear implant sound processor"}[kind]  # fmt: skip
    mac = mac_doc(rng, rng.choice([":", "-"]))
    ip = rng.choice([f"192.0.2.{rng.randrange(2, 250)}", f"198.51.100.{rng.randrange(2, 250)}",
                     f"2001:db8:{rng.randrange(16, 99)}::{rng.randrange(10, 99)}"])  # fmt: skip
    user = p.last.lower().replace("'", "").replace(" ", "")
    url = f"https://monitor.example-devicecloud.com/pt/{user}{digits(rng, 3)}"
    lines = [
        pick(rng, "REMOTE MONITORING SUMMARY", "Device clinic - remote transmission review", "HOME DEVICE UPLOAD"),
        f"{M('DATE', d_words(y, m, d, rng.randrange(6)))}",
        f"Patient: {M('NAME', p.full)}   DOB {M('DATE', d_num(by, bm, bd, rng.randrange(4)))}   MRN {M('MRN', 'RM-' + digits(rng, 7))}",
        pick(
            rng,
            f"Device: {label}, serial {M('DEVICE_ID', serial)}; home hub MAC {M('DEVICE_ID', mac)}.",
            f"{label.capitalize()} S/N {M('DEVICE_ID', serial)} paired with a bedside modem (MAC address {M('DEVICE_ID', mac)}).",
        ),
        f"Last upload {M('DATE', d_num(y, m, d, 0))} 03:12 from IP {M('IP', ip)}.",
    ]  # fmt: skip
    if kind == "pump":
        lines.append(
            f"CGM transmitter ID {M('DEVICE_ID', ''.join(rng.choice('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(6)))}."
        )
    if rng.random() < 0.6:
        lines.append(f"Patient web dashboard: {M('URL', url)}")
    lines.append(
        pick(
            rng,
            "No alerts. Battery adequate.",
            "Two short episodes; no action.",
            "Leak within range; usage 6.2 h/night.",
        )
    )
    lines.append(f"Reviewed by {M('NAME', nurse.full)}, {pick(rng, 'RN', 'CDCES', 'RRT', 'AuD')}.")
    if rng.random() < 0.4:
        lines.append(f"Questions: device clinic fax {M('FAX', phone(rng))}.")
    return "\n".join(lines)


def mvc_note(rng: Rng) -> str:
    """ED note after a crash: VIN, plates, licence, badge and case numbers."""
    p, officer = person(rng), person(rng)
    rel = person(rng)
    rel.last = p.last
    y, m, d = day(rng)
    lic = M("LICENSE", rng.choice(["MA ", "NJ ", "", "TX "]) + rng.choice("SDKW") + digits(rng, 8))
    setting = rng.choice(["driver", "motorcyclist", "pedestrian"])
    lines = [f"ED TRIAGE {M('DATE', d_num(y, m, d, 1))} {rng.randrange(10, 23)}:40"]
    if setting == "driver":
        lines.append(
            f"{M('NAME', p.full)}, restrained driver, airbag deployed. Car VIN {M('VEHICLE', vin(rng))},"
            f" plate {M('VEHICLE', plate(rng))}."
        )
        lines.append(
            f"Passenger: {pick(rng, 'brother', 'sister', 'cousin')} {M('NAME', rel.first)}, abrasions only."
        )
    elif setting == "motorcyclist":
        lines.append(
            f"{M('NAME', p.full)}, helmeted motorcyclist (plate {M('VEHICLE', plate(rng))}), low-speed slide."
        )
    else:
        lines.append(
            f"{M('NAME', p.full)}, pedestrian struck at a crosswalk; police list the striking vehicle as a pickup,"
            f" VIN {M('VEHICLE', vin(rng))}."
        )
    lines += [
        f"Officer {M('NAME', officer.last)} (badge {M('OTHER_ID', digits(rng, 4))}) requests BAL; case"
        f" {M('OTHER_ID', f'{y % 100}-{digits(rng, 6)}')}.",
        f"ID: driver's license {lic}."
        + (f" EMS sheet lists SSN {M('SSN', ssn(rng))}." if rng.random() < 0.5 else ""),
        pick(rng, f"Auto insurer claim {M('ACCOUNT', 'CLM-' + digits(rng, 9))}.", f"Tow yard ticket {M('OTHER_ID', 'T' + digits(rng, 5))}."),
        f"{M('NAME', p.first)} reports neck pain 4/10; no LOC. Babinski negative.",
    ]  # fmt: skip
    return "\n".join(lines)


def intl_letter(rng: Rng) -> str:
    """Letters and e-mails about visitors from abroad: foreign address and phone formats."""
    p, doc = person(rng), person(rng)
    addr, ph, country = rng.choice(FOREIGN)
    y, m, d = day(rng)
    by, bm, bd = day(rng, rng.randrange(1940, 1995))
    city = rng.choice(["Duluth", "Asheville", "Tucson", "Savannah", "Spokane"])
    if rng.random() < 0.5:
        lines = [
            f"Dear Dr. {M('NAME', doc.last)},",
            f"Re: {M('NAME', p.full)}, born {M('DATE', d_words(by, bm, bd, 1))}, hospital number"
            f" {M('MRN', digits(rng, 3) + ' ' + digits(rng, 3) + ' ' + digits(rng, 4))}",
            f"Home address: {M('ADDRESS', addr)}, {country}.",
        ]  # fmt: skip
    else:
        lines = [
            f"From: {M('EMAIL', email(rng, doc))}",
            f"Subject: transfer of care - {M('NAME', p.last)}",
            f"Hello {M('NAME', doc.first)}, our patient {M('NAME', p.full)} (DOB {M('DATE', d_num(by, bm, bd, 3))})"
            f" flies home on {M('DATE', d_words(y, m, d, rng.randrange(6)))}. The address abroad is {M('ADDRESS', addr)}.",
        ]  # fmt: skip
    if ph:
        lines.append(f"Telephone: {M('PHONE', ph)}; e-mail {M('EMAIL', email(rng, p))}.")
    else:
        lines.append(f"Contact by e-mail only: {M('EMAIL', email(rng, p))}.")
    lines.append(
        pick(
            rng,
            f"{M('NAME', p.first)} was visiting family in {M('ADDRESS', city)} when admitted on"
            f" {M('DATE', d_words(y, m, max(1, d - 4), 3))} with a wrist fracture, treated with closed reduction.",
            f"Admitted {M('DATE', d_num(y, m, max(1, d - 4), 0))} in {M('ADDRESS', city)} with pneumonia; now well.",
        )
    )
    lines.append(f"Follow-up at home on {M('DATE', d_words(y, m, min(d + 9, 28), 2))}.")
    lines.append(f"Kind regards, {M('NAME', person(rng).full)}, {pick(rng, 'MBBS', 'MD', 'FRCP')}")
    return "\n".join(lines)


def spanish_note(rng: Rng) -> str:
    """Spanish-language notes: dates and ages in Spanish words, Spanish-style addresses."""
    p = person(rng)
    fam = person(rng, "F")
    fam.last = p.last
    age = rng.randrange(90, 101)
    y, m, d = day(rng)
    by = 2026 - age - 1
    _, bm, bd = day(rng)
    calle = rng.choice(["Calle del Carmen 14, 3.º B, 28013 Madrid", "Av. de la Constitución 210, 41001 Sevilla",
                        "Calle Sol 47, Viejo San Juan, PR 00901", "Carrera 7 # 45-12, Bogotá"])  # fmt: skip
    nacida = "nacida" if p.sex == "F" else "nacido"
    lines = [
        pick(rng, "NOTA DE EVOLUCIÓN", "INFORME DE ALTA", "Nota de enfermería") + f" - {M('DATE', d_es(y, m, d))}",
        pick(
            rng,
            f"Paciente: {M('NAME', p.full)}, de {M('AGE_OVER_89', edad_palabras(age))} años, {nacida} el {M('DATE', d_es(by, bm, bd))}.",
            f"{M('NAME', p.last.upper() + ', ' + p.first)} ({M('AGE_OVER_89', str(age))} años), fecha de nacimiento {M('DATE', d_num(by, bm, bd, 3))}.",
        ),
        f"Domicilio: {M('ADDRESS', calle)}.",
        f"Acompañante: {pick(rng, 'su hija', 'su nieta', 'su sobrina')} {M('NAME', fam.first)}, tel. {M('PHONE', phone(rng))}.",
        f"Ingresó el {M('DATE', d_es(y, m, max(1, d - 3), with_year=False))} por neumonía; mejoría clínica.",
        pick(rng, "Niega dolor torácico.", "Sin signo de Babinski.", "Escala de Glasgow 15."),
        f"Control con {pick(rng, 'la Dra.', 'el Dr.')} {M('NAME', person(rng).last)} el {M('DATE', d_num(y, m, min(d + 7, 28), 3))}.",
    ]  # fmt: skip
    return "\n".join(lines)


def geriatric(rng: Rng) -> str:
    """Long-term-care and hospice notes: ages over 89 in words and digits, facility addresses."""
    p, son = person(rng), person(rng, "M")
    age = rng.randrange(90, 104)
    y, m, d = day(rng)
    fac = rng.choice(["Willow Bend Care Center, 300 Orchard Lane, Bexley, OH 43209",
                      "St. Agnes Manor, 15 Chapel Street, Harlow, KY 40356",
                      "Harbor House Hospice, 9 Dockside Road, Port Ellery, ME 04011"])  # fmt: skip
    fac_name, fac_addr = fac.split(", ", 1)
    phrase = rng.choice([
        f"a {M('AGE_OVER_89', age_words(age))}-year-old",
        f"aged {M('AGE_OVER_89', age_words(age, hyphen=False))}",
        f"{M('AGE_OVER_89', str(age))} y/o",
        f"age {M('AGE_OVER_89', str(age))}",
    ])  # fmt: skip
    title = "Mrs." if p.sex == "F" else "Mr."
    lines = [
        f"{M('NAME', p.last.upper() + ', ' + p.first.upper())}   Room {rng.randrange(100, 399)}B   {M('DATE', d_num(y, m, d, 0))}",
        f"Resident is {phrase} {'woman' if p.sex == 'F' else 'man'} at {fac_name}, {M('ADDRESS', fac_addr)}.",
        f"{pick(rng, 'Son', 'Her son', 'Health care proxy')} {M('NAME', son.full)} ({M('PHONE', phone(rng))}) visits Sundays.",
        f"{title} {M('NAME', p.last)} ate 75% of meals. Alzheimer disease, moderate; Parkinson disease stable.",
    ]  # fmt: skip
    if rng.random() < 0.5:
        lines.append(
            f"Roommate, also {M('AGE_OVER_89', str(rng.randrange(90, 99)))}, was moved to another floor."
        )
    lines.append(f"Signed: {M('NAME', person(rng).full)}, {pick(rng, 'LPN', 'RN', 'NP')}")
    return "\n".join(lines)


EPONYMS = [
    ("Barrett", "Barrett esophagus"),
    ("Wilson", "Wilson disease"),
    ("Bell", "Bell palsy"),
    ("Baker", "Baker cyst"),
    ("Cushing", "Cushing syndrome"),
    ("Paget", "Paget disease of bone"),
]
BRANDS = [("Allegra", "Allegra 180 mg"), ("Yasmin", "Yasmin tablets")]


def eponym_note(rng: Rng) -> str:
    """A surname or first name that is also an eponym or a drug brand in the same text."""
    sur, ep = rng.choice(EPONYMS)
    first, brand = rng.choice(BRANDS)
    use_brand_name = rng.random() < 0.6
    p = Ppl(
        first if use_brand_name else rng.choice(["Thuy", "Hanne", "Isadora", "Ngozi"]), sur, "F"
    )
    y, m, d = day(rng)
    lines = [
        f"{pick(rng, 'CLINIC NOTE', 'Follow-up visit', 'GI clinic')} {M('DATE', d_words(y, m, d, 5))}",
        f"{M('NAME', p.full)} returns for review of her {ep}.",
    ]
    if use_brand_name:
        lines.append(
            f"{M('NAME', first)} asks whether she may keep taking {brand} for hay fever; yes."
        )
    else:
        lines.append(f"Medications: {brand}, omeprazole.")
    foley = rng.random() < 0.4
    if foley:
        nurse = Ppl("Dominic", "Foley", "M")
        lines.append(
            f"Nurse {M('NAME', nurse.full)} removed the Foley catheter placed at the outside hospital."
        )
    lines += [
        f"Ms. {M('NAME', sur)} lives alone in {M('ADDRESS', rng.choice(['Florence', 'Jackson', 'Aurora', 'Eugene']))}.",
        f"Return with Dr. {M('NAME', person(rng).full)} on {M('DATE', d_words(y, m, min(d + 14, 28), 4))}.",
    ]
    return "\n".join(lines)


def billing_portal(rng: Rng) -> str:
    """Billing statements and portal e-mails: account, claim, activation code, URL, ZIP alone."""
    p = person(rng)
    y, m, d = day(rng)
    zip5 = rng.choice(["02840", "43209", "80104", "97201", "55802"])
    lines = [
        f"STATEMENT DATE {M('DATE', d_num(y, m, d, rng.randrange(4)))}    Account {M('ACCOUNT', digits(rng, 4) + '-' + digits(rng, 6))}",
        f"Guarantor: {M('NAME', pick(rng, p.full, p.last.upper() + ', ' + p.first.upper()))}",
        f"Claim {M('ACCOUNT', 'C' + digits(rng, 10))} for services on {M('DATE', d_num(y, max(1, m - 1), d, 1))}.",
        f"Questions: {M('PHONE', phone(rng))} or {M('EMAIL', 'billing@example-health.org')}.",
    ]  # fmt: skip
    if rng.random() < 0.6:
        lines.append(
            f"Your portal activation code is {M('OTHER_ID', digits(rng, 4) + '-' + digits(rng, 4))}; sign in at"
            f" {M('URL', 'https://portal.example-health.org/activate')}."
        )
    lines.append(pick(rng, f"Our records show your ZIP code as {M('ADDRESS', zip5)}.",
                      f"Mail returned from ZIP {M('ADDRESS', zip5)}; please update your address."))  # fmt: skip
    if rng.random() < 0.5:
        lines.append(
            f"Online payment received from {M('IP', f'203.0.113.{rng.randrange(2, 250)}')}."
        )
    return "\n".join(lines)


def lab_report(rng: Rng) -> str:
    """Pathology and lab reports: accession and specimen numbers, lab address, call-backs."""
    p, doc, tech = person(rng), person(rng), person(rng)
    y, m, d = day(rng)
    by, bm, bd = day(rng, rng.randrange(1935, 2000))
    lines = [
        f"{pick(rng, 'SURGICAL PATHOLOGY REPORT', 'CRITICAL VALUE LOG', 'MICROBIOLOGY')}",
        f"Lakeshore Reference Laboratory, {M('ADDRESS', '4400 Foundry Road, Suite 100, Bexley, OH 43209')}",
        f"Phone {M('PHONE', phone(rng))}   Fax {M('FAX', phone(rng))}",
        f"Patient: {M('NAME', p.last + ', ' + p.first)}   DOB {M('DATE', d_num(by, bm, bd, rng.randrange(4)))}   MRN {M('MRN', digits(rng, 7))}",
        f"Accession {M('OTHER_ID', 'S26-' + digits(rng, 5))}   Specimen {M('OTHER_ID', 'SP' + digits(rng, 8))}",
        f"Collected {M('DATE', d_num(y, m, d, 0))} 07:45; received {M('DATE', d_words(y, m, d, 4))} 09:10.",
        f"Ordering: {M('NAME', doc.full)}, MD.",
        pick(
            rng,
            "Result: potassium 6.9 mmol/L (critical).",
            "Diagnosis: tubular adenoma, no high-grade dysplasia.",
            "Blood culture: gram-positive cocci in clusters.",
        ),
        f"Called to {M('NAME', doc.first)} at 10:02 and read back by {M('NAME', tech.first + ' ' + tech.last[0] + '.')}, MLS.",
    ]
    return "\n".join(lines)


def portal_thread(rng: Rng) -> str:
    """Patient portal thread: first names alone, sign-offs, phones and e-mails in the message."""
    p, spouse, nurse = person(rng), person(rng), person(rng)
    y, m, d = day(rng)
    lines = [
        f"Message from {M('NAME', p.full)} - {M('DATE', d_num(y, m, d, 0))} 8:14 PM",
        pick(
            rng,
            f"Hi, this is {M('NAME', p.first)}. My {pick(rng, 'husband', 'wife', 'partner')} {M('NAME', spouse.first)} "
            f"can pick up the paperwork. You can text me at {M('PHONE', phone(rng))} or email {M('EMAIL', email(rng, p))}.",
            f"Hello! I moved to {M('ADDRESS', rng.choice(['Sacramento', 'Bozeman', 'Ithaca']))} last month, new number"
            f" {M('PHONE', phone(rng))}. Please send my records to {M('EMAIL', email(rng, p))}.",
        ),
        f"Thanks, {M('NAME', p.first)}",
        "",
        f"Reply from {M('NAME', nurse.first + ' ' + nurse.last)}, RN - {M('DATE', d_num(y, m, min(d + 1, 28), 0))}",
        f"Hi {M('NAME', p.first)}, got it. Your appointment is {M('DATE', d_words(y, m, min(d + 8, 28), 3))} at 9:40.",
    ]  # fmt: skip
    if rng.random() < 0.5:
        lines.append(
            f"Directions and parking: {M('URL', 'https://www.example-clinic.org/locations/east')}"
        )
    if rng.random() < 0.4:
        lines.append(
            f"Rx number {M('OTHER_ID', digits(rng, 7))} was sent; prescriber DEA {M('LICENSE', dea(rng))}."
        )
    return "\n".join(lines)


FAMILIES: dict[str, Callable[[Rng], str]] = {
    "two_column": two_column,
    "device_report": device_report,
    "mvc_note": mvc_note,
    "intl_letter": intl_letter,
    "spanish_note": spanish_note,
    "geriatric": geriatric,
    "eponym_note": eponym_note,
    "billing_portal": billing_portal,
    "lab_report": lab_report,
    "portal_thread": portal_thread,
}


#: Clinical prose with numbers, eponyms and brands that are not PHI (precision traps).
FILLER = [
    "Hemoglobin A1c 7.2%, LDL 88 mg/dL, creatinine 1.1 mg/dL, eGFR 64.",
    "BP 128/76, HR 72, RR 16, SpO2 97% on room air, temperature 36.8 C.",
    "Glasgow Coma Scale 15; Romberg negative; no Kernig or Brudzinski sign.",
    "Continue Eliquis 5 mg twice daily and Lipitor 40 mg nightly.",
    "Discussed the Whipple procedure and the Epley maneuver handout.",
    "Visit coded 99214 with ICD-10 I10 and E78.5.",
    "Influenza vaccine lot 4471B given in the left deltoid at 10:15.",
    "Seen in room 12; next appointment in 3 months; labs in 2 weeks.",
    "History of Hodgkin lymphoma in 2009, in remission; Lyme disease in 2015.",
    "Apgar scores 8 and 9; Tanner stage 2; Denver screen passed.",
    "Weight 82.4 kg, BMI 27.9; walked 380 m on the 6-minute walk test.",
    "Mini-Cog 3/5; PHQ-9 of 6; CHA2DS2-VASc 2; HAS-BLED 1.",
    "Parkinson disease and Alzheimer disease run in the family; no Down syndrome.",
    "Tylenol 650 mg every 6 hours as needed; Zyrtec 10 mg daily.",
]


def with_filler(family: Callable[[Rng], str]) -> Callable[[Rng], str]:
    """The same family with 0-3 sentences of non-PHI clinical prose appended."""

    def build(rng: Rng) -> str:
        text = family(rng)
        extra = rng.sample(FILLER, rng.choice([0, 1, 2, 3]))
        return text + ("\n" + " ".join(extra) if extra else "")

    return build


FAMILIES = {name: with_filler(f) for name, f in FAMILIES.items()}
