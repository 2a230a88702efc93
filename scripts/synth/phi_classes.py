#!/usr/bin/env python3
# ruff: noqa: E501  (the templates are long strings, one text line each)
"""Generate the eighth round's PHI sets for four weak classes: a tune half and a held-out half.

ADDRESS, VEHICLE, AGE_OVER_89 and PHONE, composed from parts rather than written whole:
addresses of the US, Canada, the UK, Ireland, Germany, France, Spain, Italy, the Netherlands and
Australia in their own order (house number first or last, unit before or after, postcode before
or after the town), inside sentences with no label, as multi-line blocks and in table rows;
VINs (North-American ones with their check digit, others without) and plates named by a make,
a model, a colour, "plate", "tag", "matrícula", "placa"; ages over 89 in digits and words, in
five languages, in family history and in age/sex shorthand; phones of a dozen countries in
their national and international layouts. Every text also carries precision traps: lab values,
doses, CPT/ICD-10/NDC codes, lot and model numbers, clinic names, room and bed numbers, ages of
89 and under, "in her nineties".

Each half has its own pools (`POOLS["tune"]`, `POOLS["heldout"]`: names, towns, streets,
makes, phone numbers, sentence templates, traps); only the composition below is shared. Rules
are tuned on the tune half only; the held-out half (`evals/data/own_heldout_phi_classes`) is
seeded separately and measured once at the end, its cases not read.

    python3 scripts/synth/phi_classes.py            # writes both files
    python3 scripts/synth/phi_classes.py --check    # compares with the committed files
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

from phi3_common import SLOT, fill, m, person, vin, write_sets

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    "tune": ROOT / "evals" / "data" / "tune_phi_classes" / "phi.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_phi_classes" / "phi.jsonl",
}
SEED = {"tune": 8081, "heldout": 8082}

TUNE: dict[str, Any] = {
    "given": "Wilhelmina Cormac Isadora Barnaby Perpetua Lucian Henrietta Osric Delphine Ruperta Emrys Calliope".split(),
    "family": "Thistlewood Marchetti Okonkwo-Hale Brannigan Vasquez-Ortiz Kowalczyk Pendergast Achebe Lindgren Fairweather".split(),
    "us": [
        ("Ogden", "UT"),
        ("Bozeman", "MT"),
        ("Lewiston", "ME"),
        ("Joplin", "MO"),
        ("Ithaca", "NY"),
        ("Sandpoint", "ID"),
    ],
    "streets": "Wildrose Copperfield Hawthorne Sugar Maple Blackberry Orchard Sparrow Ironwood".split(),
    "kinds": ["Street", "Avenue", "Lane", "Rd", "Dr.", "Terrace", "Way", "Ct."],
    "units": ["Apt {u}", "Unit {u}", "#{u}", "Suite {u}"],
    "ca": [
        ("Red Deer", "AB", "T4N 1X5"),
        ("Moncton", "NB", "E1C 4M2"),
        ("Kamloops", "BC", "V2C 1Z3"),
    ],
    "uk": [
        ("Harrogate", "HG1 2QT"),
        ("Truro", "TR1 3HS"),
        ("Durham", "DH1 4RW"),
        ("Galway", "H91 T2X8"),
    ],
    "uk_streets": [
        "Cavendish Road",
        "Priory Close",
        "Mill Hill Lane",
        "Station Road",
        "Abbey Mews",
    ],
    "de": [("Freiburg im Breisgau", "79098"), ("Kassel", "34117"), ("Lübeck", "23552")],
    "de_streets": ["Mühlenweg", "Goethestraße", "Am Lindenhof", "Schillerstr."],
    "fr": [("Lyon", "69003"), ("Nantes", "44000"), ("Rennes", "35000")],
    "fr_streets": [
        "rue des Tanneurs",
        "avenue Jean Jaurès",
        "boulevard Voltaire",
        "allée des Cerisiers",
    ],
    "es": [("Valencia", "46001"), ("Sevilla", "41004"), ("Bilbao", "48001")],
    "es_streets": [
        "Calle del Pez",
        "Avenida de la Constitución",
        "Paseo de Gracia",
        "Calle Alcalá",
    ],
    "it": [("Verona", "37121"), ("Bari", "70121")],
    "it_streets": ["Via Garibaldi", "Corso Vittorio Emanuele", "Viale dei Mille"],
    "nl": [("Utrecht", "3511 LX"), ("Groningen", "9712 CP")],
    "nl_streets": ["Oudegracht", "Herestraat", "Vismarkt"],
    "au": [("Ballarat", "VIC", "3350"), ("Toowoomba", "QLD", "4350")],
    "au_streets": ["Wattle St", "Eucalyptus Drive", "Lyons Parade"],
    "addr_sentences": [
        "{name} moved in with her son at {A} after the fall.",
        "The ambulance collected him from {A} around midnight.",
        "Mail the new card to {A}; the old one bounced.",
        "Home health will visit {A} on Tuesdays.",
        "She is staying at her sister's place, {A}, until she is steady.",
        "Records were sent to {A} by post.",
        "Discharged home to {A} with her daughter.",
        "He gave his address as {A} when registering.",
    ],
    "block_heads": ["{name}", "Attn: {name}", "c/o {name}"],
    "colours": ["silver", "dark green", "maroon", "white", "burgundy"],
    "makes": [
        ("Toyota", "RAV4"),
        ("Ford", "Focus"),
        ("Volvo", "XC60"),
        ("Peugeot", "308"),
        ("Seat", "Ibiza"),
        ("Subaru", "Forester"),
    ],
    "plates": ["@@@ ####", "#@@@###", "@@## @@@", "@@-###-@@", "####-@@@", "@-@@ ####", "@@@-###"],
    "veh_sentences": [
        "Security noted a {colour} {make} {model}, plate {P}, parked in the ambulance bay.",
        "Her husband drives a {colour} {make}; tag {P}.",
        "Vehicle towed: {make} {model}, VIN {V}.",
        "The {make} with registration {P} was blocking the entrance.",
        "Patient arrived in a {colour} {make} {model} ({P}).",
        "El coche es un {make} {model} {colour_es}, matrícula {P}.",
        "Carro {make}, placa {P}, color {colour_es}.",
        "Insurance claim lists VIN {V} for the {make} {model}.",
        "{make} {model} {P} registered to the daughter.",
        "He hit a parked {make} ({colour}), license plate {P}, on the way in.",
    ],
    "veh_table": ["Make | Model | Colour | Plate", "Vehicle | Colour | Reg"],
    "colours_es": ["gris", "rojo", "azul"],
    "age_lines": [
        "{name} is a {a}-year-old widow admitted with pneumonia.",
        "HPI: {a} yo F from assisted living with confusion.",
        "{a}F with hip fracture, DNR.",
        "Pt {a} M, CHF, EF 30%.",
        "Paciente de {a} años con disnea.",
        "Madame {fam}, {a} ans, chute à domicile.",
        "Frau {fam} ({a} Jahre) lebt allein.",
        "FHx: mother died at {a}, father at 71 (MI).",
        "Family history: grandmother lived to {a}; brother 84, alive.",
        "{name}, a spry {aw}-year-old, walks to church.",
        "She is {aw} and still does her own shopping.",
        "The patient, aged {aw}, declined surgery.",
        "nonagenarian ({a}) with dementia",
        "{name} marked {a} years on Sunday, says the aide.",
        "Signora {fam}, {a} anni, vive con la figlia.",
    ],
    "age_words": ["ninety-one", "ninety-three", "ninety-six", "ninety-eight", "one hundred"],
    "phones": [
        "+44 20 7946 0{###}",
        "+44 (0)161 496 0{###}",
        "+33 1 99 00 {##} {##}",
        "+49 30 1234 {####}",
        "+52 55 {####} {####}",
        "+61 2 9374 4{###}",
        "+353 1 555 {####}",
        "+34 91 123 {####}",
        "0033 6 12 34 {##} {##}",
        "+1 (555) 010-{####}",
        "+39 06 6988 {####}",
        "+31 20 555 {####}",
        "+49 (0) 89 2180 {####}",
        "+44 7700 900{###}",
        "+52 (33) 3615 {####}",
    ],
    "phone_sentences": [
        "Daughter lives abroad, reachable on {ph}.",
        "Call the son in ⟦ADDRESS:Manchester⟧ at {ph} if no answer locally.",
        "Tel: {ph}",
        "Mobile {ph} (WhatsApp).",
        "Emergency contact: {name}, {ph}",
        "Teléfono: {ph}",
        "Please ring {ph} after 6 pm.",
        "Numéro de portable : {ph}",
        "Handy: {ph}",
    ],
    "traps": [
        "Hgb 10.4 g/dL, WBC 9.1",
        "metformin 500 mg BID",
        "CPT 99214; ICD-10 I50.22",
        "NDC 0002-8215-01",
        "Lot 7H2291, exp 2027",
        "Model 2088TC lead",
        "seen at Riverside Family Clinic",
        "Room 412, bed B",
        "BP 138/82, HR 91",
        "Na 134 mmol/L, K 4.9",
        "her neighbour is 86",
        "mostly in her nineties now, her friends",
        "glucose 96 mg/dL",
        "SpO2 93% on RA",
    ],
}

HELDOUT: dict[str, Any] = {
    "given": "Theodora Fitzgerald Ottoline Lysander Araminta Crispin Eulalia Tobias Honorine Jasper Serafina Aldous".split(),
    "family": "Winterbourne Castellanos Nwachukwu Ravensworth Dziedzic Halloran Mbeki-Stone Sorensen Quartermain Abernethy".split(),
    "us": [
        ("Billings", "MT"),
        ("Duluth", "MN"),
        ("Bend", "OR"),
        ("Utica", "NY"),
        ("Carbondale", "IL"),
        ("Hilo", "HI"),
    ],
    "streets": "Buckthorn Meadowlark Chestnut Ridge Quail Hollow Stonebridge Cedar Bluff".split(),
    "kinds": ["St.", "Ave", "Boulevard", "Place", "Circle", "Pkwy", "Road", "Drive"],
    "units": ["Apartment {u}", "Ste. {u}", "Apt. {u}", "Unit #{u}"],
    "ca": [
        ("Sudbury", "ON", "P3E 2C6"),
        ("Brandon", "MB", "R7A 5Y1"),
        ("Sherbrooke", "QC", "J1H 4A2"),
    ],
    "uk": [
        ("Shrewsbury", "SY1 1QJ"),
        ("Lancaster", "LA1 4XQ"),
        ("Perth", "PH1 5NP"),
        ("Cork", "T12 R5CP"),
    ],
    "uk_streets": [
        "Willow Crescent",
        "Kingsway",
        "Beacon Hill Road",
        "Chapel Street",
        "Rectory Gardens",
    ],
    "de": [("Regensburg", "93047"), ("Bielefeld", "33602"), ("Erfurt", "99084")],
    "de_streets": ["Bahnhofstraße", "Am Kirchberg", "Rosenweg", "Lindenallee"],
    "fr": [("Dijon", "21000"), ("Angers", "49100"), ("Nîmes", "30000")],
    "fr_streets": ["rue de la République", "impasse des Lilas", "chemin du Moulin", "place Carnot"],
    "es": [("Zaragoza", "50001"), ("Málaga", "29015"), ("Oviedo", "33003")],
    "es_streets": ["Calle Mayor", "Avenida del Puerto", "Ronda de Toledo", "Calle de la Paz"],
    "it": [("Padova", "35122"), ("Lecce", "73100")],
    "it_streets": ["Via Mazzini", "Piazza Cavour", "Via dei Fiori"],
    "nl": [("Leiden", "2311 EZ"), ("Zwolle", "8011 CW")],
    "nl_streets": ["Breestraat", "Nieuwstraat", "Korte Vijverberg"],
    "au": [("Bendigo", "VIC", "3550"), ("Cairns", "QLD", "4870")],
    "au_streets": ["Banksia Ave", "Jacaranda Crescent", "Grevillea Rd"],
    "addr_sentences": [
        "Neighbours at {A} called it in after seeing no lights.",
        "{name} now rents a room at {A} near the station.",
        "The pharmacy delivers to {A} every Friday.",
        "Forward the bill to {A}, please.",
        "Her niece drove her back to {A} in the evening.",
        "Police did a welfare check at {A}.",
        "Transport booked from {A} to dialysis.",
        "Last known residence {A} per the shelter.",
    ],
    "block_heads": ["To {name}", "Deliver to {name}", "For: {name}"],
    "colours": ["black", "light blue", "beige", "red", "charcoal"],
    "makes": [
        ("Honda", "Accord"),
        ("Renault", "Clio"),
        ("Skoda", "Octavia"),
        ("Mazda", "CX-5"),
        ("Hyundai", "Kona"),
        ("Audi", "A4"),
    ],
    "plates": ["@@# @@@", "###-@@@@", "@@ ###@@", "@-#### @", "#@@#@@@", "@@@ #@@", "@@-##-@@"],
    "veh_sentences": [
        "A {colour} {make} {model} bearing plate {P} was left running at the door.",
        "Son's car: {make}, {colour}, tag number {P}.",
        "The {make} {model} (VIN {V}) is listed on the accident report.",
        "Reg {P}, a {colour} {make}, struck the pedestrian.",
        "Camioneta {make} color {colour_es}, placas {P}.",
        "Il est venu avec sa {make} {model}, immatriculée {P}.",
        "Vehicle identification number {V} per the tow slip.",
        "Parking permit for {make} {model}, plate no. {P}.",
        "The patient's {colour} {make} {P} is in lot C.",
        "Bystander wrote down the licence plate: {P} ({make}).",
    ],
    "veh_table": ["Make | Colour | Tag", "Vehicle | Model | Plate No."],
    "colours_es": ["blanca", "negra", "plateada"],
    "age_lines": [
        "{name}, {a} y/o M, presents after syncope.",
        "CC: fall. {a}yo M, lives alone.",
        "{a} M w/ AFib on apixaban.",
        "Female, {a}, from nursing home.",
        "Señora de {a} años, hipertensa.",
        "Monsieur {fam}, âgé de {a} ans.",
        "Herr {fam} ist {a} Jahre alt und wohnt allein.",
        "Family hx: father died aged {a}; mother 79.",
        "Her aunt reached {a} with no dementia.",
        "{name} is a {aw} year old retired teacher.",
        "Now {aw}, he still walks the dog.",
        "At {aw} she remains her own decision maker.",
        "centenarian, {a}, admitted for UTI",
        "Grandson says she turned {a} in March.",
        "Il signor {fam} ha {a} anni.",
    ],
    "age_words": ["ninety-two", "ninety-four", "ninety-five", "ninety-nine", "a hundred and one"],
    "phones": [
        "+44 113 496 0{###}",
        "+44 (0)20 7946 1{###}",
        "+33 4 72 00 {##} {##}",
        "+49 40 5555 {####}",
        "+52 81 {####} {####}",
        "+61 3 9010 {####}",
        "+353 21 555 {####}",
        "+34 93 555 {####}",
        "0049 171 555 {####}",
        "+1 555-010-{####}",
        "+39 02 5555 {####}",
        "+31 6 5555 {####}",
        "+33 (0)6 55 {##} {##} 00",
        "+44 7700 901{###}",
        "+52 1 55 {####} {####}",
    ],
    "phone_sentences": [
        "Her son abroad can be reached on {ph}.",
        "Phone the daughter in ⟦ADDRESS:Lyon⟧, {ph}, before any procedure.",
        "Tel. {ph}",
        "Cell: {ph}",
        "Next of kin: {name}, tel {ph}",
        "Celular: {ph}",
        "Best to call {ph} in the mornings.",
        "Téléphone : {ph}",
        "Telefon: {ph}",
    ],
    "traps": [
        "creatinine 1.3 mg/dL",
        "apixaban 5 mg twice daily",
        "CPT 93000, ICD-10 R55",
        "NDC 50090-3346-0",
        "LOT 22B417, REF 1004",
        "pump model MMT-780",
        "Lakeside Cardiology Associates",
        "Rm 7, bed 2",
        "BP 156/94, pulse 98",
        "TSH 2.1 mIU/L",
        "her brother is 87",
        "both parents lived into their nineties",
        "MAP 92 mmHg",
        "temp 99.1 F",
    ],
}
POOLS = {"tune": TUNE, "heldout": HELDOUT}


def address_lines(rng: random.Random, p: dict[str, Any]) -> list[str]:
    """One address, as the lines its country writes it in (no country name: not PHI)."""
    n = str(rng.randint(2, 980))
    kind = rng.choice(["us", "us", "us_unit", "ca", "uk", "de", "fr", "es", "it", "nl", "au"])
    if kind in ("us", "us_unit"):
        town, st = rng.choice(p["us"])
        street = f"{n} {rng.choice(p['streets'])} {rng.choice(p['kinds'])}"
        if kind == "us_unit":
            street += ", " + rng.choice(p["units"]).format(
                u=fill(rng, rng.choice(["##", "#@", "###"]))
            )
        return [street, f"{town}, {st} {fill(rng, '#####')}"]
    if kind == "ca":
        town, prov, pc = rng.choice(p["ca"])
        return [f"{n} {rng.choice(p['streets'])} {rng.choice(p['kinds'])}", f"{town}, {prov} {pc}"]
    if kind == "uk":
        town, pc = rng.choice(p["uk"])
        return [f"{n} {rng.choice(p['uk_streets'])}", f"{town} {pc}"]
    if kind == "au":
        town, st, pc = rng.choice(p["au"])
        return [f"{rng.randint(1, 40)}/{n} {rng.choice(p['au_streets'])}", f"{town} {st} {pc}"]
    key = {"de": "de", "fr": "fr", "es": "es", "it": "it", "nl": "nl"}[kind]
    town, pc = rng.choice(p[key])
    street = rng.choice(p[f"{key}_streets"])
    if key == "fr":
        line = f"{n} {street}"
    elif key == "es":
        line = f"{street} {n}, {rng.randint(1, 8)}º {rng.choice('ABCD')}"
    elif key == "it":
        line = f"{street} {n}"
    else:
        line = f"{street} {n}"
    return [line, f"{pc} {town}"]


def address_layout(half: str) -> Any:
    p = POOLS[half]

    def layout(rng: random.Random) -> str:
        lines = address_lines(rng, p)
        shape = rng.random()
        traps = "; ".join(rng.sample(p["traps"], 2))
        if shape < 0.55:
            # inside a sentence, no label, one span
            addr = m("ADDRESS", ", ".join(lines))
            sentence = rng.choice(p["addr_sentences"]).format(A=addr, name=person(rng, p))
            return f"{sentence} {traps}."
        if shape < 0.85:
            # a block: a name line, the address lines, one span each
            head = rng.choice(p["block_heads"]).format(name=person(rng, p))
            body = "\n".join(m("ADDRESS", line) for line in lines)
            return f"{head}\n{body}\n\n{traps}."
        # a table row
        cells = " | ".join(m("ADDRESS", line) for line in lines)
        return f"Name | Street | Town\n{person(rng, p)} | {cells}\n{traps}."

    layout.__name__ = f"{half}_address"
    return layout


def vehicle_layout(half: str) -> Any:
    p = POOLS[half]

    def layout(rng: random.Random) -> str:
        make, model = rng.choice(p["makes"])
        plate = m("VEHICLE", fill(rng, rng.choice(p["plates"])))
        if rng.random() < 0.6:
            v = vin(rng)
        else:  # a European VIN: no check digit
            v = fill(
                rng, rng.choice(["WVWZZZ1KZ@P######", "VF1@@@@@@########", "ZFA#####000######"])
            )
        slots = {
            "make": make, "model": model, "colour": rng.choice(p["colours"]),
            "colour_es": rng.choice(p["colours_es"]), "P": plate, "V": m("VEHICLE", v),
        }  # fmt: skip
        traps = "; ".join(rng.sample(p["traps"], 2))
        if rng.random() < 0.2:
            header = rng.choice(p["veh_table"])
            cols = [c.strip() for c in header.split("|")]
            row = []
            for col in cols:
                low = col.lower()
                if low.startswith(("plate", "reg", "tag")):
                    row.append(plate)
                elif low == "make" or low == "vehicle":
                    row.append(make if low == "make" else f"{make} {model}")
                elif low == "model":
                    row.append(model)
                else:
                    row.append(slots["colour"])
            return f"{header}\n{' | '.join(row)}\n{traps}."
        sentence = SLOT.sub(lambda s: slots[s.group(1)], rng.choice(p["veh_sentences"]))
        return f"Incident note: {sentence} {traps}."

    layout.__name__ = f"{half}_vehicle"
    return layout


def age_layout(half: str) -> Any:
    p = POOLS[half]

    def layout(rng: random.Random) -> str:
        a = m("AGE_OVER_89", str(rng.randint(90, 106)))
        aw = rng.choice(p["age_words"])
        slots = {
            "a": a, "aw": m("AGE_OVER_89", aw), "name": person(rng, p),
            "fam": m("NAME", rng.choice(p["family"])),
        }  # fmt: skip
        lines = [SLOT.sub(lambda s: slots[s.group(1)], t) for t in rng.sample(p["age_lines"], 2)]
        traps = "; ".join(rng.sample(p["traps"], 2))
        return f"{lines[0]} {traps}. {lines[1]}"

    layout.__name__ = f"{half}_age"
    return layout


def phone_layout(half: str) -> Any:
    p = POOLS[half]

    def layout(rng: random.Random) -> str:
        shape = rng.choice(p["phones"])
        number = re.sub(r"\{(#+)\}", lambda g: fill(rng, g.group(1)), shape)
        slots = {"ph": m("PHONE", number), "name": person(rng, p)}
        line = SLOT.sub(lambda s: slots[s.group(1)], rng.choice(p["phone_sentences"]))
        traps = "; ".join(rng.sample(p["traps"], 2))
        return f"{traps}.\n{line}"

    layout.__name__ = f"{half}_phone"
    return layout


def main() -> None:
    layouts = (address_layout, vehicle_layout, age_layout, phone_layout)
    write_sets(
        __doc__ or "",
        [
            (OUT[half], [f(half) for f in layouts], SEED[half], prefix)
            for half, prefix in (("tune", "pc8t"), ("heldout", "pc8h"))
        ],
        count=200,
        noisy=0.2,
    )


if __name__ == "__main__":
    main()
