#!/usr/bin/env python3
# ruff: noqa: E501  (the templates are long f-strings, one text line each)
"""Generate the fourth round's PHI tune set: ``evals/data/tune_phi3/phi.jsonl``.

Open: rules may be written against it. Issue 16's failing kinds in layouts and phrasings of its
own (the held-out half, ``heldout_phi3.py``, was written first with separate pools and is not read
while tuning): intake sheets flattened from two columns, a town or postcode alone in prose,
facility letterheads and transfers, implant cards and home-monitoring logs with serials and MAC
addresses, tow and parking reports with VINs and plates, ages over 89 in words, dates in words
and in Spanish, names in capitals and as "Last, First", a first name or surname alone, a
surname that is an eponym and a relative's name that is a brand. The fifth round added crash
intakes (plates named by a vehicle noun or in brackets after a car), ages over 89 in French,
German and Italian, form rows flattened with bars and towns after "resident of".

    python3 scripts/synth/tune_phi3.py           # writes the file
    python3 scripts/synth/tune_phi3.py --check   # compares with the committed file
"""

from __future__ import annotations

import random
from pathlib import Path

from phi3_common import Layout, fill, m, main, vin

OUT = Path(__file__).resolve().parents[2] / "evals" / "data" / "tune_phi3" / "phi.jsonl"
SEED = 4242

GIVEN = """Adelheid Barnaby Celestine Dietrich Esmeralda Florian Genevieve Humphrey Ingeborg
Jeremiah Katarina Lucius Magdalena Nicodemus Ophelia Percival Rosamund Severin Tabitha Ulysses
Veronique Wendeline Yevgenia Zebedee Apollonia Benedetta Cornelius Drusilla Erasmus Felicity""".split()
FAMILY = """Aldridge Bickerstaff Cartwright Drummond Everingham Fairweather Gillingham Hargreaves
Isherwood Juszczak Kowalczyk Lockhart Merriweather Nightingale Okonkwo Prendergast Quimby
Radcliffe Stirling Tolliver Urquhart Vandermeer Wainwright Yeoman Zielinski Ashdown Blackwood
Cromwell Delacroix Entwistle""".split()
EPONYMS = [
    ("Graves", "Graves disease"),
    ("Parkinson", "Parkinson disease"),
    ("Hodgkin", "Hodgkin lymphoma"),
    ("Marfan", "Marfan syndrome"),
    ("Down", "Down syndrome"),
    ("Alzheimer", "Alzheimer dementia"),
]
BRANDS = [
    ("Ambien", "Ambien 5 mg nightly"),
    ("Lyrica", "Lyrica 75 mg BID"),
    ("Celexa", "Celexa 20 mg"),
    ("Norco", "Norco 5/325 one tab"),
]
US = [
    ("Missoula", "MT"),
    ("Asheville", "NC"),
    ("Boise", "ID"),
    ("Eugene", "OR"),
    ("Duluth", "MN"),
    ("Ogden", "UT"),
    ("Roswell", "NM"),
    ("Sandusky", "OH"),
    ("Petoskey", "MI"),
    ("Natchez", "MS"),
]
STREETS = [
    "Thornberry",
    "Saddleback",
    "Willow Bend",
    "Harrowgate",
    "Lamplighter",
    "Briarcliff",
    "Kingfisher",
    "Orchard Gate",
]
KINDS = ["Road", "Dr.", "Blvd", "Loop", "Pike", "Crescent", "Row", "Way"]
ABROAD = [
    "Rua das Flores 77, 4050-265 Porto",
    "Karl-Marx-Allee 91, 10243 Berlin",
    "Flat 9, 3 Marine Parade, Brighton BN2 1TL",
    "Via dei Mille 14, 80121 Napoli",
    "12 Chemin des Vignes, 1206 Genève",
]
TOWNS_ABROAD = ["Tartu", "Salzburg", "Gdańsk", "Bergen", "Haarlem", "Antofagasta", "Córdoba"]
FACILITIES = [
    "Riverside Memorial Hospital",
    "Pinewood Assisted Living",
    "Highland Oncology Associates",
    "Bayfront Wound Care Center",
]
TRAPS = [
    "BNP 412 pg/mL, creatinine 1.3",
    "dx E11.65, CPT 99215",
    "Braden 14, Morse fall score 45",
    "apixaban 5 mg twice daily",
    "positive McMurray test on the left",
    "Tanner stage 3, weight 41 kg",
    "last colonoscopy 2019 normal",
    "REF 1182, lot 22Q07",
]
AGES_WORDS = [
    "ninety-four",
    "ninety-six",
    "one hundred and two",
    "ninety",
    "ninety-nine",
    "a hundred",
]
AGES_ES = ["noventa y cuatro", "noventa y seis", "ciento uno", "noventa"]
MONTHS = (
    "January February March April May June July August September October November December".split()
)
MESES = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
ORDS = ["first", "fifth", "eighth", "eleventh", "sixteenth", "twenty-third", "thirty-first"]
ORDS_ES = ["tres", "cinco", "doce", "diecisiete", "veinticuatro", "treinta y uno"]


def who(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)


def phone(rng: random.Random) -> str:
    return fill(
        rng, rng.choice(["###-555-01##", "(###)555-01##", "### 555 01##", "1 (###) 555-01##"])
    )


def street(rng: random.Random) -> str:
    return f"{rng.randint(2, 9899)} {rng.choice(STREETS)} {rng.choice(KINDS)}"


def in_words(rng: random.Random) -> str:
    mon = rng.choice(MONTHS)
    return rng.choice(
        [
            f"{rng.choice(ORDS)} of {mon}",
            f"{mon} {rng.choice(ORDS)}, 2026",
            f"{mon[:3]} {rng.randint(1, 28)}",
            f"{rng.randint(1, 28)} {mon} 2026",
            f"{mon} {rng.randint(1, 28)}th",
        ]
    )


def en_espanol(rng: random.Random) -> str:
    mes = rng.choice(MESES)
    return rng.choice(
        [
            f"{rng.choice(ORDS_ES)} de {mes}",
            f"{rng.randint(1, 28)} de {mes.capitalize()} de 2026",
            f"{rng.randint(1, 28)}/{mes[:3]}/26",
        ]
    )


def intake_sheet(rng: random.Random) -> str:
    g, f = who(rng)
    g2, f2 = who(rng)
    town, st = rng.choice(US)
    return (
        f"NEW PATIENT INTAKE                  | INSURANCE / GUARANTOR\n"
        f"Patient: {m('NAME', f + ', ' + g)}              | Subscriber: {m('NAME', g2 + ' ' + f2)}\n"
        f"Street address: {m('ADDRESS', street(rng))}     | Relationship to patient: spouse\n"
        f"Apt/Suite: {m('ADDRESS', 'Apt ' + fill(rng, '##'))}                | Subscriber phone: {m('PHONE', phone(rng))}\n"
        f"City, State ZIP: {m('ADDRESS', town + ', ' + st + ' ' + fill(rng, '#####'))} | Employer: county roads dept\n"
        f"Date of birth: {m('DATE', f'{rng.randint(1, 12)}/{rng.randint(10, 28)}/' + fill(rng, '192#'))}\n"
        f"Visit reason: {rng.choice(TRAPS)}"
    )


def postcode_prose(rng: random.Random) -> str:
    g, f = who(rng)
    town, _st = rng.choice(US)
    return (
        f"Social work: {m('NAME', g + ' ' + f)} lost her housing. She is staying in {m('ADDRESS', town)} with a friend "
        f"and hopes to return to {m('ADDRESS', rng.choice(TOWNS_ABROAD))} in spring. Shelter intake used zip code "
        f"{m('ADDRESS', fill(rng, '#####'))}. {rng.choice(TRAPS)}."
    )


def letterhead_facility(rng: random.Random) -> str:
    g, f = who(rng)
    fac = rng.choice(FACILITIES)
    town, st = rng.choice(US)
    return (
        f"{fac} | {m('ADDRESS', street(rng) + ', Suite ' + str(rng.randint(100, 480)))} | "
        f"{m('ADDRESS', town + ', ' + st + ' ' + fill(rng, '#####'))}\n"
        f"Phone {m('PHONE', phone(rng))}   Fax {m('FAX', phone(rng))}\n"
        f"{m('DATE', in_words(rng))}\n"
        f"To the care team of {m('NAME', g + ' ' + f)}: she was seen here and returns to your unit. {rng.choice(TRAPS)}."
    )


def implant_card(rng: random.Random) -> str:
    g, f = who(rng)
    return (
        f"IMPLANT RECORD\nName: {m('NAME', g.upper() + ' ' + f.upper())}\n"
        f"Implanted {m('DATE', in_words(rng))}\n"
        f"Neurostimulator SN: {m('DEVICE_ID', fill(rng, '@@@#######'))}\n"
        f"Lead serial number {m('DEVICE_ID', fill(rng, '@#####@@'))}\n"
        f"Charger MAC address {m('DEVICE_ID', fill(rng, '00:00:5E:00:53:%%'))}\n"
        f"Model 97714, firmware 3.0.2. {rng.choice(TRAPS)}."
    )


def home_monitor(rng: random.Random) -> str:
    g, _f = who(rng)
    mac = fill(rng, rng.choice(["00-00-5E-00-53-%%", "0000.5e00.53%%", "00:00:5e:00:53:%%"]))
    return (
        f"Home monitoring log: {m('NAME', g)} reports the scale stopped syncing. Scale serial "
        f"{m('DEVICE_ID', fill(rng, '@@##-#####'))}; wifi bridge {m('DEVICE_ID', mac)}; "
        f"BP cuff device no. {m('DEVICE_ID', fill(rng, '#@@@######'))}. Readings 132/84 yesterday. {rng.choice(TRAPS)}."
    )


def tow_report(rng: random.Random) -> str:
    g, f = who(rng)
    st = rng.choice(["Montana", "Iowa", "Arizona", "Delaware", "Wyoming"])
    return (
        f"Security: the sedan of visitor {m('NAME', g + ' ' + f)} was towed from the garage. "
        f"VIN {m('VEHICLE', vin(rng))}, {st} license plate {m('VEHICLE', fill(rng, rng.choice(['@@@-###', '##@ @##', '@###@@'])))}. "
        f"Officer {m('NAME', rng.choice(FAMILY))} signed the tow slip. {rng.choice(TRAPS)}."
    )


def ages_in_words(rng: random.Random) -> str:
    g, f = who(rng)
    return (
        f"Hospice admission: {m('NAME', g + ' ' + f)} is {m('AGE_OVER_89', rng.choice(AGES_WORDS))} and lives with her "
        f"daughter, who is nearly seventy. Her mother lived to {m('AGE_OVER_89', rng.choice(AGES_WORDS))}. "
        f"A {m('AGE_OVER_89', rng.choice(['ninety-five', 'ninety-two', 'one-hundred']))}-year-old neighbor helps. {rng.choice(TRAPS)}."
    )


def spanish_message(rng: random.Random) -> str:
    g, f = who(rng)
    g2, _ = who(rng)
    return (
        f"Hola, soy {m('NAME', g + ' ' + f)}. Mi abuelo tiene {m('AGE_OVER_89', rng.choice(AGES_ES))} años y tiene cita el "
        f"{m('DATE', en_espanol(rng))}. Mi hermano {m('NAME', g2)} lo lleva. Nuestra dirección es "
        f"{m('ADDRESS', 'Avenida ' + rng.choice(STREETS) + ' ' + str(rng.randint(1, 99)) + ', ' + rng.choice(['Córdoba', 'Antofagasta']))}. {rng.choice(TRAPS)}."
    )


def eponym_family(rng: random.Random) -> str:
    g, _f = who(rng)
    sur, phrase = rng.choice(EPONYMS)
    brand, dose = rng.choice(BRANDS)
    return (
        f"Progress note: Mrs. {m('NAME', g + ' ' + sur)} has {phrase}; {m('NAME', sur)} is tired today. "
        f"Her daughter {m('NAME', brand)} is visiting and says {dose} helps. {rng.choice(TRAPS)}."
    )


def thread_first_names(rng: random.Random) -> str:
    g, f = who(rng)
    g2, _ = who(rng)
    return (
        f"Portal thread\n> {m('NAME', g2)} (scheduling): please confirm your stay address.\n"
        f"Yes we're at {m('ADDRESS', rng.choice(ABROAD))} till {m('DATE', in_words(rng))}. "
        f"{m('NAME', f)} can't come to the phone, reach me on {m('PHONE', fill(rng, '+49 15# ########'))}. - {m('NAME', g)}"
    )


def capitals_roster(rng: random.Random) -> str:
    g, f = who(rng)
    g2, f2 = who(rng)
    return (
        f"DISCHARGE PLANNING MEETING {m('DATE', in_words(rng).upper())}\n"
        f"PRESENT: {m('NAME', g2.upper() + ' ' + f2.upper())} (SW), {m('NAME', f.upper() + ', ' + g.upper())} (PATIENT)\n"
        f"Chart no. {m('MRN', fill(rng, '#######'))} reviewed. {m('NAME', g)} agrees with the plan. {rng.choice(TRAPS)}."
    )


MAKES = ["Toyota Corolla", "Honda Pilot", "Subaru Forester", "Ford Ranger", "Mazda Tribute"]
AGES_ABROAD = [
    (
        "Patiente de {} ans, chute à domicile",
        ["quatre-vingt-treize", "quatre-vingt-dix-sept", "nonante-deux"],
    ),
    ("Patientin, {} Jahre alt, Sturz zu Hause", ["dreiundneunzig", "neunzig", "einundneunzig"]),
    ("Paziente di {} anni, caduta in casa", ["novantadue", "novantacinque", "novanta"]),
]
AGE_LABELS = ["Edad", "Età", "Alter", "Âge", "Idade"]
UNITS = ["Lot", "Space", "Trailer", "Suite", "Unit"]


def crash_intake(rng: random.Random) -> str:
    g, f = who(rng)
    st = rng.choice(["WA", "TX", "OH", "GA", "NV"])
    plate = fill(rng, rng.choice(["#@@@###", "@@@ ####", "@@## @@@", "#@@@-##"]))
    make = rng.choice(MAKES)
    return (
        f"ED trauma intake: {m('NAME', g + ' ' + f)}, restrained driver of a {make} ({st} {m('VEHICLE', plate)}). "
        f"Other party's car reg is {m('VEHICLE', fill(rng, '@@## @@@'))}; her truck's plate reads "
        f'"{m("VEHICLE", fill(rng, "@@@ #@@@"))}". Plate/State: {m("VEHICLE", fill(rng, "#@@@###"))} / {st}. '
        f"Airbags deployed in the {rng.choice(['Honda CR-V (2016)', 'Ford F-150 (V8)', 'Mazda CX-5 (2.5L)'])}. {rng.choice(TRAPS)}."
    )


def ages_abroad(rng: random.Random) -> str:
    g, f = who(rng)
    phrase, words = rng.choice(AGES_ABROAD)
    label = rng.choice(AGE_LABELS)
    return (
        f"Referral from abroad for {m('NAME', g + ' ' + f)}. "
        + phrase.format(m("AGE_OVER_89", rng.choice(words)))
        + f". {label}: {m('AGE_OVER_89', str(rng.randint(90, 104)))}. Husband aged eighty-eight; "
        f"a {rng.choice(['nonagenarian', 'centenarian'])} ({m('AGE_OVER_89', str(rng.randint(96, 103)))}) shares the room. "
        f"{rng.choice(['Quatre-vingts ans', 'Achtzig Jahre', 'Ottantanove anni'])} for the neighbour. {rng.choice(TRAPS)}."
    )


def barred_row(rng: random.Random) -> str:
    g, f = who(rng)
    town, st = rng.choice(US)
    unit = rng.choice(UNITS)
    return (
        f"Registration export\n"
        f"Name | {m('NAME', f + ', ' + g)} | MRN {m('MRN', fill(rng, '#######'))}\n"
        f"Residence: {m('ADDRESS', street(rng))} | {m('ADDRESS', town)} | {st} | {m('ADDRESS', fill(rng, '#####'))}\n"
        f"Addr line 2: {m('ADDRESS', unit + ' ' + fill(rng, '##'))}\n"
        f"Billing: {m('ADDRESS', street(rng) + ', ' + unit + ' ' + fill(rng, '#'))} | Attn: Billing | Ref 4471\n"
        f"{rng.choice(TRAPS)}"
    )


def where_they_live(rng: random.Random) -> str:
    g, f = who(rng)
    town, _st = rng.choice(US)
    other = rng.choice(TOWNS_ABROAD)
    return (
        f"Case management: {m('NAME', g + ' ' + f)} is a resident of {m('ADDRESS', town)}; her hometown is "
        f"{m('ADDRESS', other)}. She rents in {m('ADDRESS', rng.choice(US)[0])} in winter, in the "
        f"{m('ADDRESS', fill(rng, '#####'))} zip code. A resident of Internal Medicine saw her. {rng.choice(TRAPS)}."
    )


LAYOUTS: list[Layout] = [
    intake_sheet,
    postcode_prose,
    letterhead_facility,
    implant_card,
    home_monitor,
    tow_report,
    ages_in_words,
    spanish_message,
    eponym_family,
    thread_first_names,
    capitals_roster,
    crash_intake,
    ages_abroad,
    barred_row,
    where_they_live,
]


if __name__ == "__main__":
    main(__doc__ or "", OUT, LAYOUTS, SEED, "tp3")
