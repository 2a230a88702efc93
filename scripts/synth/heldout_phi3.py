#!/usr/bin/env python3
# ruff: noqa: E501  (the templates are long f-strings, one text line each)
"""Generate the fourth round's own held-out PHI set: ``evals/data/own_heldout_phi3/phi.jsonl``.

BLIND: written and committed before any rule of the fourth round was tuned; do not read this file
or its output while writing rules (measure it, aggregate and per class only). The tune half is
``tune_phi3.py`` (separate pools, phrases and layouts; ``phi3_common.py`` holds only mechanism).

Issue 16's failing kinds: addresses split across a flattened two-column form, a town or ZIP alone,
facility addresses, device serials and MAC addresses, VINs and plates, ages over 89 in words,
dates in words and in Spanish, "Last, First" and capitals, a first name or surname alone, a word
that is a name and an eponym or brand in one text. Conventions of the dev set: a contiguous
address is one span ("Town, ST ZIP" included, a country after it left out), the age token only,
titles and weekdays outside the spans.

    python3 scripts/synth/heldout_phi3.py           # writes the file
    python3 scripts/synth/heldout_phi3.py --check   # compares with the committed file
"""

from __future__ import annotations

import random
from pathlib import Path

from phi3_common import Layout, fill, m, main, vin

OUT = Path(__file__).resolve().parents[2] / "evals" / "data" / "own_heldout_phi3" / "phi.jsonl"
SEED = 90210

GIVEN = """Ambrosine Bartholomew Clotilde Desmond Eulalia Fitzgerald Griselda Horatio Imelda
Jasper Kunigunde Leander Marisol Nathaniel Octavia Philippa Quentin Rosalind Sebastian Theodora
Ulrike Vincenzo Winifred Xavier Yolanda Zacharias Annelise Bertrand Cordelia Dashiell""".split()
FAMILY = """Achterberg Blennerhassett Crankshaw Dunleavy Etheridge Featherstonehaugh Gallwey
Hollingsworth Ibbotson Jessop Kettleborough Lindqvist Mulholland Nettleship Oyelaran Pennycuick
Quarshie Rowntree Sackville Tregaskis Umberger Vasilakis Whitmore-Hale Youngblood Zawadzki
Ashcombe Bramhall Cheadle Dinwiddie Eskridge""".split()
# A surname that is also an eponym, with the clinical phrase it heads.
EPONYMS = [
    ("Crohn", "Crohn disease"),
    ("Raynaud", "Raynaud phenomenon"),
    ("Addison", "Addison disease"),
    ("Bell", "Bell palsy"),
    ("Cushing", "Cushing syndrome"),
    ("Wilson", "Wilson disease"),
]
# A relative's first name that is also a drug brand, with a dose line.
BRANDS = [
    ("Valium", "Valium 5 mg at bedtime"),
    ("Ativan", "Ativan 0.5 mg PRN"),
    ("Cialis", "Cialis 5 mg daily"),
    ("Xanax", "Xanax 0.25 mg"),
]
US = [
    ("Bozeman", "MT"),
    ("Ithaca", "NY"),
    ("Flagstaff", "AZ"),
    ("Bangor", "ME"),
    ("Yakima", "WA"),
    ("Laredo", "TX"),
    ("Dubuque", "IA"),
    ("Rapid City", "SD"),
    ("Beaufort", "SC"),
    ("Lafayette", "LA"),
]
STREETS = [
    "Larkspur",
    "Wheelwright",
    "Foxglove",
    "Quarry Hill",
    "Stonebridge",
    "Cobblestone",
    "Pinecrest",
    "Meadowlark",
]
KINDS = ["Lane", "Boulevard", "Ct", "Terrace", "Pkwy", "Street", "Trail", "Ave."]
ABROAD = [
    "Apartado 12, Calle Mayor 8, 28013 Madrid",
    "Nieuwe Binnenweg 140, 3015 BH Rotterdam",
    "Storgatan 21, 411 38 Göteborg",
    "22 Baker's Row, Cardiff CF10 1AA",
    "5 Harbour Terrace, Cobh, Co. Cork P24 X2Y3",
]
TOWNS_ABROAD = [
    "Coimbra",
    "Bratislava",
    "Trondheim",
    "Ljubljana",
    "Maastricht",
    "Aarhus",
    "Valparaíso",
]
FACILITIES = [
    "Saint Brendan Regional Medical Center",
    "Harborview Skilled Nursing",
    "Cedar Hollow Dialysis Unit",
    "Lakeshore Rehabilitation Hospital",
]
TRAPS = [
    "Troponin I 0.02 ng/mL, potassium 4.1",
    "ICD-10 I48.91; CPT 93000 billed",
    "Glasgow Coma Scale 15, Wells score 1",
    "lisinopril 10 mg daily continued",
    "Babinski sign absent bilaterally",
    "Apgar 8/9, Ballard 38 weeks",
    "HbA1c 7.9% on 2024 labs",
    "Lot 4471B, exp 2027",
]
AGES_WORDS = [
    "ninety-one",
    "ninety-seven",
    "one hundred",
    "ninety-three",
    "a hundred and four",
    "ninety-eight",
]
AGES_ES = ["noventa y cinco", "noventa y siete", "cien", "noventa y nueve"]
MONTHS = (
    "January February March April May June July August September October November December".split()
)
MESES = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
ORDS = ["second", "third", "ninth", "twelfth", "nineteenth", "twenty-fifth", "thirtieth"]
ORDS_ES = ["primero", "dos", "quince", "veinte", "veintiocho", "treinta"]


def who(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)


def phone(rng: random.Random) -> str:
    return fill(
        rng, rng.choice(["(###) 555-01##", "###.555.01##", "+1 ### 555 01##", "###-555-01##"])
    )


def street(rng: random.Random) -> str:
    return f"{rng.randint(2, 9899)} {rng.choice(STREETS)} {rng.choice(KINDS)}"


def date_words(rng: random.Random) -> str:
    mon = rng.choice(MONTHS)
    return rng.choice(
        [
            f"{mon} the {rng.choice(ORDS)}",
            f"the {rng.choice(ORDS)} of {mon}, 2026",
            f"{mon} {rng.randint(1, 28)}, 2026",
            f"{rng.randint(1, 28)} {mon}",
            f"{mon.upper()} {rng.randint(1, 28)}",
        ]
    )


def fecha(rng: random.Random) -> str:
    mes = rng.choice(MESES)
    return rng.choice(
        [
            f"{rng.choice(ORDS_ES)} de {mes}",
            f"{rng.randint(1, 28)} de {mes} del 2026",
            f"{rng.randint(1, 28)}-{mes[:3]}-2026",
        ]
    )


def two_column(rng: random.Random) -> str:
    g, f = who(rng)
    g2, f2 = who(rng)
    town, st = rng.choice(US)
    return (
        f"PATIENT REGISTRATION                       EMERGENCY CONTACT\n"
        f"Name (last, first): {m('NAME', f + ', ' + g)}            Contact: {m('NAME', g2 + ' ' + f2)}\n"
        f"Home: {m('ADDRESS', street(rng))}                Relation: nephew\n"
        f"      {m('ADDRESS', 'Unit ' + fill(rng, '#@'))}                           Cell: {m('PHONE', phone(rng))}\n"
        f"      {m('ADDRESS', town + ', ' + st + ' ' + fill(rng, '#####'))}                Works: {m('PHONE', phone(rng))}\n"
        f"DOB {m('DATE', f'{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/' + fill(rng, '193#'))}   Sex F   Lang: Polish\n"
        f"Reason: {rng.choice(TRAPS)}"
    )


def zip_and_town(rng: random.Random) -> str:
    g, f = who(rng)
    town, _st = rng.choice(US)
    return (
        f"Statement for {m('NAME', g + ' ' + f)}. Balance forwarded from the old account; billing "
        f"ZIP {m('ADDRESS', fill(rng, '#####'))} does not match the card. The guarantor moved to "
        f"{m('ADDRESS', town)} last spring and her sister still lives near {m('ADDRESS', rng.choice(TOWNS_ABROAD))}. "
        f"Please update the postal code to {m('ADDRESS', fill(rng, '#####-####'))}. {rng.choice(TRAPS)}."
    )


def facility_transfer(rng: random.Random) -> str:
    g, f = who(rng)
    fac = rng.choice(FACILITIES)
    town, st = rng.choice(US)
    return (
        f"Transfer summary {m('DATE', date_words(rng))}. {m('NAME', g + ' ' + f)} arrives from {fac}, "
        f"{m('ADDRESS', street(rng) + ', ' + town + ', ' + st + ' ' + fill(rng, '#####'))}. Sending nurse "
        f"{m('NAME', rng.choice(GIVEN))} reachable at {m('PHONE', phone(rng))}; their fax {m('FAX', phone(rng))}. "
        f"{rng.choice(TRAPS)}."
    )


def device_report(rng: random.Random) -> str:
    g, f = who(rng)
    mac = fill(rng, rng.choice(["00-00-5E-00-53-%%", "00:00:5E:00:53:%%", "0000.5E00.53%%"]))
    return (
        f"Device clinic, interrogation {m('DATE', date_words(rng))}\n"
        f"Patient: {m('NAME', f.upper() + ', ' + g.upper())}\n"
        f"Pacemaker generator serial no. {m('DEVICE_ID', fill(rng, '@@@######@'))}; right atrial lead "
        f"serial {m('DEVICE_ID', fill(rng, '@@@#######'))}. Bedside monitor network adapter "
        f"{m('DEVICE_ID', mac)} last uploaded two days ago. Model 2272, software 8.1, battery 7.5 years. {rng.choice(TRAPS)}."
    )


def insulin_pump(rng: random.Random) -> str:
    g, _f = who(rng)
    return (
        f"{m('NAME', g)} phoned because the pump alarms at night. Pump SN {m('DEVICE_ID', fill(rng, '@@#######@'))}, "
        f"CGM transmitter ID {m('DEVICE_ID', fill(rng, '8@@@@@'))}, phone app paired with receiver "
        f"{m('DEVICE_ID', fill(rng, '00:00:5E:00:53:%%'))}. Basal 0.8 units/h, ratio 1:12. {rng.choice(TRAPS)}."
    )


def crash(rng: random.Random) -> str:
    g, f = who(rng)
    st = rng.choice(["Nevada", "Georgia", "Idaho", "Vermont", "Kansas"])
    return (
        f"Trauma note: restrained passenger {m('NAME', g + ' ' + f)} in a pickup (vehicle identification number "
        f"{m('VEHICLE', vin(rng))}) struck by a van bearing {st} plate {m('VEHICLE', fill(rng, rng.choice(['@@@ ###', '###-@@@', '#@@ ##@'])))}. "
        f"Deputy {m('NAME', rng.choice(FAMILY))} took the report. FAST negative. {rng.choice(TRAPS)}."
    )


def old_age(rng: random.Random) -> str:
    g, f = who(rng)
    return (
        f"Long-term care quarterly review. Resident {m('NAME', g + ' ' + f)} turned {m('AGE_OVER_89', rng.choice(AGES_WORDS))} "
        f"on {m('DATE', date_words(rng))} and enjoys the garden. Her brother, now {m('AGE_OVER_89', rng.choice(AGES_WORDS))} "
        f"years old, visits weekly; her late husband reached {m('AGE_OVER_89', str(rng.randint(90, 102)))}. {rng.choice(TRAPS)}."
    )


def spanish_note(rng: random.Random) -> str:
    g, f = who(rng)
    g2, _ = who(rng)
    return (
        f"Nota de enfermería: la señora {m('NAME', g + ' ' + f)}, de {m('AGE_OVER_89', rng.choice(AGES_ES))} años, "
        f"ingresó el {m('DATE', fecha(rng))} por caída en casa. Su nieta {m('NAME', g2)} vendrá el {m('DATE', fecha(rng))}. "
        f"Domicilio: {m('ADDRESS', 'Calle ' + rng.choice(STREETS) + ' ' + str(rng.randint(1, 99)) + ', ' + rng.choice(['Valparaíso', 'Coimbra']))}. {rng.choice(TRAPS)}."
    )


def eponym_clash(rng: random.Random) -> str:
    g, _f = who(rng)
    sur, phrase = rng.choice(EPONYMS)
    brand, dose = rng.choice(BRANDS)
    return (
        f"Clinic note. Mr. {m('NAME', sur)} ({m('NAME', g + ' ' + sur)}) is followed for {phrase}. "
        f"His son {m('NAME', brand)} manages the pill box; {dose} was stopped. {m('NAME', brand)} asked about "
        f"{phrase} in children. {rng.choice(TRAPS)}."
    )


def portal_first_names(rng: random.Random) -> str:
    g, f = who(rng)
    g2, _ = who(rng)
    return (
        f"From the portal: hi it's {m('NAME', g)}, {m('NAME', f)}'s wife. {m('NAME', g2)} from the front desk said "
        f"to write here. We are at {m('ADDRESS', rng.choice(ABROAD))} until {m('DATE', date_words(rng))}, "
        f"call {m('PHONE', fill(rng, '+34 6## ### ###'))}. Thanks, {m('NAME', g)}"
    )


def capitals_header(rng: random.Random) -> str:
    g, f = who(rng)
    g2, f2 = who(rng)
    return (
        f"FAX TRANSMITTAL   PAGES 3\n"
        f"ATTN: {m('NAME', g2.upper() + ' ' + f2.upper())}\n"
        f"REGARDING: {m('NAME', f.upper() + ', ' + g.upper())}   MRN {m('MRN', fill(rng, '##-###-##'))}\n"
        f"SENT {m('DATE', date_words(rng).upper())}\n"
        f"Patient {m('NAME', f)} needs records from {m('DATE', f'{rng.randint(10, 12)}/0{rng.randint(1, 9)}/2025')}. {rng.choice(TRAPS)}."
    )


LAYOUTS: list[Layout] = [
    two_column,
    zip_and_town,
    facility_transfer,
    device_report,
    insulin_pump,
    crash,
    old_age,
    spanish_note,
    eponym_clash,
    portal_first_names,
    capitals_header,
]


if __name__ == "__main__":
    main(__doc__ or "", OUT, LAYOUTS, SEED, "oh3")
