#!/usr/bin/env python3
# ruff: noqa: E501  (the templates are long strings, one text line each)
"""Generate the sixth round's PHI sets for the weak classes: a tune half and a held-out half.

Issue 16's weakest classes (VEHICLE, AGE_OVER_89, ADDRESS, DEVICE_ID, PHONE) in many more
renderings: plates of many states and countries, VINs with and without a label, ages over 89 in
digits, words and five languages, addresses of several countries with units, PO boxes, rural
routes, lines split and lower case, international phones with extensions, device serials and
GS1 UDI strings. Each half has its own pools: names, towns, streets, plate and phone formats
and every phrasing template (`POOLS["tune"]`, `POOLS["heldout"]`); only the mechanism below
(slot filling, marks, noise) is shared. Rules are tuned on the tune half only; the held-out half
was written in the same sitting, before any rule was changed, and is measured at the end
(aggregate only).

    python3 scripts/synth/phi_weak.py            # writes both files
    python3 scripts/synth/phi_weak.py --check    # compares with the committed files
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

from phi3_common import SLOT, fill, m, person, vin, write_sets

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    "tune": ROOT / "evals" / "data" / "tune_phi_weak" / "phi.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_phi_weak" / "phi.jsonl",
}
SEED = {"tune": 6061, "heldout": 6062}

TUNE: dict[str, Any] = {
    "given": "Odalys Bertrand Ximena Leopold Marisol Gunnar Ottilie Casimir Rosalind Thaddeus Yolanda Ambrose Fenella Desmond Iolanthe".split(),
    "family": "Haverford Quennell Ostrowski Bellamy Tregarthen Vukovic Ashcombe Pemberton Lindqvist Oyelaran Castellano Whitlock".split(),
    "towns": [
        ("Flagstaff", "AZ"),
        ("Bangor", "ME"),
        ("Laramie", "WY"),
        ("Paducah", "KY"),
        ("Keene", "NH"),
        ("Yakima", "WA"),
    ],
    "streets": "Larkspur Hollyhock Brambleton Quarry Tamarack Cobblestone Windmill Heron".split(),
    "kinds": ["Street", "St", "Avenue", "Ave.", "Road", "Lane", "Drive", "Ct"],
    "abroad": [
        "{n} Acacia Road, Leeds LS6 2AB",
        "Lindenweg {n}, 10115 Berlin",
        "{n} rue des Lilas, 75011 Paris",
        "Flat {u}, {n} Mill Lane, Bristol BS1 5TR",
        "Calle Mayor {n}, 2º B, 28013 Madrid",
    ],
    "plates": [
        "#@@@###",
        "@@@-####",
        "@@## @@@",
        "@@-###-@@",
        "##-@@@-#",
        "@ @@ ####",
        "@@@ @##",
        "#@@@-##",
    ],
    "vanity": ["LUV2SKI", "GR8DAYZ", "NRSE4U", "MYBOAT2"],
    "makes": [
        ("Toyota", "Tacoma"),
        ("Subaru", "Outback"),
        ("Chevrolet", "Silverado"),
        ("Volkswagen", "Golf"),
        ("Kia", "Sorento"),
    ],
    "vehicle": [
        "Pt drove himself in a {year} {make} {model}, plate {P}.",
        "my truck's tag is {P} if security needs it",
        "Vehicle: {year} {make} {model}   Lic: {P} ({st})",
        "VIN: {V}",
        "The VIN on the title, {V}, matches the insurer's record.",
        "She parked the {make} (tag {P}) in lot C.",
        "Family arrived in a grey {make} with plates {P}.",
        "license plate reads {P}",
    ],
    "ages_num": [
        "{name}, {a} y/o F, admitted from home.",
        "Pt is a {a}yo M with CHF.",
        "{a} years of age, lives alone.",
        "aged {a}+ per the daughter",
        "{name} ({a}-yr-old) fell at home.",
        "Pt {a}M, DNR/DNI.",
        "{name} tiene {a} años.",
        "Mme {fam}, {a} ans, vit seule.",
        "Herr {fam} ist {a} Jahre alt.",
    ],
    "ages_words": [
        "Mother is ninety-{w} and still drives.",
        "age: ninety-{w}",
        "{name} turned ninety-{w} last week.",
        "a ninety-{w}-year-old widower",
    ],
    "units": ["Apt {u}", "Unit {u}", "Apt. {u}", "#{u}"],
    "address": [
        "Address: <{num} {street} {kind}, {unit}, {town}, {st} {zip}>",
        "lives at <{low}>",
        "Mail to <PO Box {box}, {town}, {st} {zip}>.",
        "Home: <RR {rr} Box {box}, {town}, {st} {zip}>",
        "Mailing address:\n<{num} {street} {kind}>\n<{unit}>\n<{town}, {st} {zip}>",
        "Daughter's address: <{abroad}>.",
    ],
    "phones": [
        "(###) 555-01## ext. ###",
        "+44 20 7946 0###",
        "+33 1 23 45 6# ##",
        "###.555.01## x##",
        "+49 30 901 8##",
        "1-800-555-@@@@",
    ],
    "phone": [
        "Call back at {ph}.",
        "Daughter's cell: {ph}",
        "Tel. {ph} (work)",
        "best number is {ph}",
    ],
    "devices": ["@@@######@", "@@#######", "##@#####", "PM#######"],
    "device": [
        "Pacemaker serial {S}, interrogated today.",
        "SN: {S}",
        "insulin pump S/N {S}",
        "Implant: mesh, UDI {U}.",
        "CGM transmitter ID {S}",
        "Device serial number: {S}",
    ],
    "traps": [
        "metoprolol 25 mg BID",
        "BP 142/88, HR 72",
        "Hgb 9.1 g/dL",
        "dx E11.9, CPT 33208",
        "REF 44-1021, LOT 2211A",
        "EF 35%, paced at 60 bpm",
        "NS at 90 mL/hr",
        "her husband is 88",
    ],
}

HELDOUT: dict[str, Any] = {
    "given": "Philippa Anselm Zuleika Hamish Clementine Evander Marguerite Torvald Leocadia Benedikt Saoirse Octavian Rowena Ignatius".split(),
    "family": "Farquhar Delacourt Yardley Szczepanik Montague Abernathy Rainsford Kettleby Oduya Valcourt Brightwater Huxley".split(),
    "towns": [
        ("Kalispell", "MT"),
        ("Rutland", "VT"),
        ("Muskogee", "OK"),
        ("Dubuque", "IA"),
        ("Elmira", "NY"),
        ("Pocatello", "ID"),
    ],
    "streets": "Sassafras Juniper Mulberry Ridgecrest Foxglove Millpond Sandpiper Thistle".split(),
    "kinds": ["Blvd", "Way", "Place", "Terrace", "Pkwy", "Circle", "Rd.", "Court"],
    "abroad": [
        "Unit {u}/{n} Banksia St, Fremantle WA 6160",
        "{n} Birch Ave, Unit 12{u}, Kelowna, BC V1Y 2K3",
        "Kerkstraat {n}-2, 1017 GC Amsterdam",
        "Via Roma {n}, 40121 Bologna",
        "ul. Polna {n}/{u}, 00-635 Warszawa",
    ],
    "plates": [
        "@@ ###@@",
        "#### @@@",
        "@@@#@##",
        "@@ #####",
        "@@@@ ###",
        "#@@-#@@",
        "@@@ ###",
        "###-@@@",
    ],
    "vanity": ["PAWPAW1", "IH8SNOW", "DOC4KDZ", "GOGRAMS"],
    "makes": [
        ("Honda", "Pilot"),
        ("Nissan", "Frontier"),
        ("Mazda", "CX-9"),
        ("Hyundai", "Tucson"),
        ("Jeep", "Wrangler"),
    ],
    "vehicle": [
        "Car: {make} {model}, registration {P}.",
        "his {make}'s number plate {P} was logged by security",
        "the plates read {P}",
        "license # on the car: {P}",
        "vehicle {V} was towed from the ramp",
        "tag no. {P} ({st})",
        "Kennzeichen des Wagens: {P}",
        "{make} {model} ({P}, {st}) left in bay 4",
    ],
    "ages_num": [
        "{name} is a {a} y.o. woman with AF.",
        "aged {a}, lives with her son",
        "{a} yrs old, independent in ADLs",
        "a {a}-yo retired farmer",
        "Age/Sex: {a}/M",
        "at {a} years she still gardens",
        "{name} con {a} años vive sola.",
        "Mme {fam}, âgée de {a} ans.",
        "im Alter von {a} Jahren",
    ],
    "ages_words": [
        "ninety {w} years old, per her niece",
        "age ninety-{w}",
        "{name}, now ninety {w}, moved in with family",
        "she will be ninety-{w} in May",
    ],
    "units": ["Apartment {u}", "Ste {u}", "Bldg {u}", "Rm {u}"],
    "address": [
        "Residence: <{num} {street} {kind} {unit} {town} {st} {zip}>",
        "home is <{low}>",
        "<P.O. Box {box}, {town}, {st} {zip}>",
        "Address on file: <HC {rr} Box {box}, {town}, {st} {zip}>",
        "Send records to\n<{num} {street} {kind}, {unit}>\n<{town} {st} {zip}>",
        "Son lives at <{abroad}>.",
    ],
    "phones": [
        "+61 2 9374 4###",
        "+81 3-1234-5###",
        "0044 20 7946 0###",
        "(###) 555-01##, extension #",
        "###-555-01## ext #",
        "+34 612 345 6##",
    ],
    "phone": [
        "Reach him on {ph}.",
        "Phone (home): {ph}",
        "ph {ph} after 5",
        "Contact: {ph}",
    ],
    "devices": ["@@@@######", "@#@#####", "####@@####", "@@######@@"],
    "device": [
        "ICD serial no. {S}",
        "serial # on the pump: {S}",
        "Neurostimulator generator SN {S}",
        "UDI: {U}",
        "Serial: {S}",
        "hearing aid serial {S}, right ear",
    ],
    "traps": [
        "lisinopril 20 mg daily",
        "BP 128/76, SpO2 95%",
        "Cr 1.4 mg/dL",
        "dx I48.91, CPT 93280",
        "model DDMB1D4, firmware 3.2",
        "INR 2.3, goal 2-3",
        "furosemide 40 mg IV",
        "aged 89 at last visit",
    ],
}
POOLS = {"tune": TUNE, "heldout": HELDOUT}
WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def udi(rng: random.Random) -> str:
    return fill(rng, "(01)0##########(17)2#1231(21)@@####")


def address_value(rng: random.Random, p: dict[str, Any], template: str) -> str:
    town, st = rng.choice(p["towns"])
    u = rng.choice(p["units"]).format(u=fill(rng, rng.choice(["##", "#@", "###"])))
    num = str(rng.randint(3, 9899))
    street, kind = rng.choice(p["streets"]), rng.choice(p["kinds"])
    low = f"{num} {street} {kind}, {u}, {town}, {st} {fill(rng, '#####')}".lower()
    slots = {
        "num": num, "street": street, "kind": kind, "unit": u, "town": town, "st": st,
        "zip": fill(rng, "#####"), "box": str(rng.randint(2, 9999)), "rr": str(rng.randint(1, 9)),
        "low": low,
        "abroad": rng.choice(p["abroad"]).format(n=rng.randint(2, 199), u=rng.randint(1, 9)),
    }  # fmt: skip
    filled = SLOT.sub(lambda s: slots[s.group(1)], template)
    # what stands between < and > is the address, one span per line
    return re.sub(r"<(.*?)>", lambda a: m("ADDRESS", a.group(1)), filled)


def render(rng: random.Random, p: dict[str, Any], template: str) -> str:
    make, model = rng.choice(p["makes"])
    st = rng.choice(p["towns"])[1]
    a = str(rng.randint(90, 104))
    plate = rng.choice(p["vanity"]) if rng.random() < 0.15 else fill(rng, rng.choice(p["plates"]))
    slots = {
        "name": person(rng, p), "fam": m("NAME", rng.choice(p["family"])),
        "year": str(rng.randint(2004, 2024)), "make": make, "model": model, "st": st,
        "P": m("VEHICLE", plate), "V": m("VEHICLE", vin(rng)), "a": m("AGE_OVER_89", a),
        "S": m("DEVICE_ID", fill(rng, rng.choice(p["devices"]))), "U": m("DEVICE_ID", udi(rng)),
        "ph": m("PHONE", fill(rng, rng.choice(p["phones"]))),
    }  # fmt: skip
    if "{w}" in template:
        # the whole number in words is the age token ("ninety-three", "ninety three")
        start = template.index("ninety")
        end = template.index("{w}") + 3
        w = rng.choice(WORDS)
        template = (
            template[:start]
            + m("AGE_OVER_89", template[start:end].replace("{w}", w))
            + template[end:]
        )
    return SLOT.sub(lambda s: slots[s.group(1)], template)


def layout_for(half: str, kind: str) -> Any:
    p = POOLS[half]

    def layout(rng: random.Random) -> str:
        who = person(rng, p)
        picks = rng.sample(p[kind], 2)
        fill_one = address_value if kind == "address" else render
        pieces = [fill_one(rng, p, t).removesuffix(".") for t in picks]
        body = rng.choice([". ", "\n", "; "]).join(pieces) + "."
        traps = "; ".join(rng.sample(p["traps"], 2))
        return f"Note re {who}: {body} {traps}."

    layout.__name__ = f"{half}_{kind}"
    return layout


KINDS = ["vehicle", "ages_num", "ages_words", "address", "phone", "device"]


def main() -> None:
    prefix = {"tune": "pw6t", "heldout": "pw6h"}
    sets = [
        (out, [layout_for(half, k) for k in KINDS], SEED[half], prefix[half])
        for half, out in OUT.items()
    ]
    write_sets(__doc__ or "", sets, count=240, noisy=0.25)


if __name__ == "__main__":
    main()
