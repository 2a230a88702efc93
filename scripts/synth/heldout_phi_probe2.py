# ruff: noqa: E501  (the templates are long strings, one text line each)
"""The held-out voice of the ninth round's PHI probe (`phi_probe2.py` writes it).

BLIND: like every `scripts/synth/heldout*` file, do not read this while tuning PHI rules. Its
pools, formats and templates were written before any rule was changed, independently of the
tune voice; `evals/data/own_heldout_phi_probe2/` is measured for aggregates only.
"""

from __future__ import annotations

import random
from typing import Any

from phi3_common import fill, m, person, vin

HELDOUT: dict[str, Any] = {
    "given": "Gwendolyn Mattias Philippa Bartholomew Sunniva Eustace Honorata Radomir Clementine Oisin Amabel Thaddeus".split(),
    "family": "Featherstonehaugh Nwachukwu Rasmussen-Pike Lachapelle Wojcik Ballantyne Ferraro Abiodun Quigley Esterhazy".split(),
    # (street, town, postcode): Irish and Scottish lines, postcode last
    "uk": [
        ("Marine Parade", "Dundee", "DD1 {z}"),
        ("Glenageary Road Upper", "Dún Laoghaire, Co. Dublin", "A96 {e}"),
        ("Crown Street", "Aberdeen", "AB11 {z}"),
    ],
    # (street, town, province, full postal code)
    "ca": [
        ("boulevard Saint-Laurent", "Montréal", "QC", "H2X"),
        ("Barrington St", "Halifax", "NS", "B3J"),
        ("Spadina Crescent", "Saskatoon", "SK", "S7K"),
    ],
    # Dutch and Swiss streets, number after the street name
    "de": [
        ("Prinsengracht", "1016 GV Amsterdam"),
        ("Bahnhofstrasse", "8001 Zürich"),
        ("Oudegracht", "3511 AR Utrecht"),
    ],
    # Mexican and Italian streets
    "es": [
        ("Av. Juárez", "Col. Centro, 06000 Ciudad de México"),
        ("Via Garibaldi", "10122 Torino TO"),
        ("Calle Hidalgo", "Col. Americana, 44160 Guadalajara, Jal."),
    ],
    "us_streets": ["Tamarind Court", "Old Mill Pike", "Harbor View Blvd", "Fenwick Pl"],
    "us_towns": [("Ashtabula", "OH"), ("Pocatello", "ID"), ("Florence", "SC")],
    "corners": [("Grand", "Water Street"), ("Ninth Avenue", "Pike"), ("Lombard", "Hyde Street")],
    "plates": ["@@@ ####", "@@ #####", "#@@@##", "@@ ###@@", "#### @@@", "###-@-####"],
    "vehicles": [
        "Dodge Ram 2500 (2017)",
        "Honda Pilot, 2012",
        "Toyota Tacoma '16",
        "Jeep Wrangler 2020",
    ],
    "trucks": ["flatbed", "SUV", "camper"],
    "age_words": ["ninety-three", "ninety-nine", "one hundred", "ninety-one"],
    "age_foreign": [
        "com {w} anos",
        "di {a} anni",
        "is {a} jaar oud",
    ],
    "foreign_words": ["noventa e três", "noventa e seis"],
    "addresses": [
        "Next of kin resides at {UK}, she says.",
        "Send the discharge letter to\n{UK_LINES}",
        "The family uses a post office box: {POBOX}.",
        "During the summer the patient lives at {DE}.",
        "Relative abroad: {ES}, phone on file.",
        "Found by a neighbour at the intersection of {CORNER} and brought in by EMS.",
        "Address updated today - {UNIT_US}.",
        "Her sister's home is {CA}.",
    ],
    "vehicles_t": [
        "Towed: {VEH}, registration {P}, keys with security.",
        "He came in his {TRUCK} (licence {P}), parked in the lot.",
        "Her {COLOR} {VEH} with {ST} plates reading {P} was involved.",
        "Insurance claim lists vehicle identification number {VINSP}.",
        "VIN# {VINDASH} per the police report.",
        "Wife {N} will move the {TRUCK}, tag number {P}.",
    ],
    "ages_t": [
        "This {AW}-year-old retired teacher, a nonagenarian, reports dizziness.",
        "HPI: {A} y.o. male, widowed, independent with ADLs.",
        "Grandmother ({N}), aged {A}, attends with him.",
        "Idosa que vive sozinha, {AF}.",
        "| {N} | {A} | F | memory clinic |",
        "Patient name: {N}; Age: {AW}; Sex: female",
        "At {A} he is the oldest resident on the unit.",
    ],
    "names_t": [
        "Hello, this is {N} - I was told to send my insurance card here.",
        "{N} stays at {UNIT_US} during the week.",
        "Best wishes\n{N}\nPractice Manager",
        "Copies to: {N}, {N2}",
        "Family present: {N} (son), {N2} (daughter-in-law).",
        "Message left for {N} regarding lab results.",
        "Cheers,\n{G} x",
    ],
    "traps": [
        "amlodipine 10 mg nightly",
        "SpO2 95% on 2 L",
        "Na 131, Cr 1.6",
        "ICD-10 N18.4, HCPCS G0180",
        "bed 7, ward C",
        "ref 4401-22, lot B7712",
        "age 85, brother",
        "MMSE 22/30",
    ],
    "colors": ["black", "red", "beige", "navy"],
    "states": ["Ohio", "Idaho", "Oregon", "Nevada"],
}


def heldout_slots(rng: random.Random, p: dict[str, Any]) -> dict[str, str]:
    """One fresh value of every slot of the held-out voice, each marked with its gold type."""
    street, town, post = rng.choice(p["uk"])
    post = post.replace("{z}", fill(rng, "#@@")).replace("{e}", fill(rng, "@#@#"))
    house = str(rng.randint(1, 180))
    ca_street, ca_town, prov, fsa = rng.choice(p["ca"])
    code = f"{fsa} {fill(rng, '#@#')}"
    de_street, de_town = rng.choice(p["de"])
    es_street, es_town = rng.choice(p["es"])
    us_town, us_st = rng.choice(p["us_towns"])
    unit = f"Unit {rng.randint(1, 40)}, {rng.randint(100, 9999)} {rng.choice(p['us_streets'])}, {us_town} {us_st} {fill(rng, '#####')}"
    c1, c2 = rng.choice(p["corners"])
    foreign = rng.choice(p["age_foreign"])
    if "{w}" in foreign:
        af = foreign.replace("{w}", m("AGE_OVER_89", rng.choice(p["foreign_words"])))
    else:
        af = foreign.replace("{a}", m("AGE_OVER_89", str(rng.randint(90, 99))))
    raw = vin(rng)
    return {
        "N": person(rng, p),
        "N2": person(rng, p),
        "N3": person(rng, p),
        "G": m("NAME", rng.choice(p["given"])),
        "S": m("NAME", rng.choice(p["family"])),
        "UK": m("ADDRESS", f"{house} {street}, {town} {post}"),
        "UK_LINES": m("ADDRESS", f"{house} {street}\n{town}\n{post}"),
        "POBOX": m("ADDRESS", f"P.O. Box {rng.randint(10, 999)}, {ca_town} {prov} {code}"),
        "DE": m("ADDRESS", f"{de_street} {rng.randint(1, 300)}, {de_town}"),
        "ES": m("ADDRESS", f"{es_street} {rng.randint(10, 900)}, {es_town}"),
        "CORNER": f"{m('ADDRESS', c1)} and {m('ADDRESS', c2)}",
        "UNIT_US": m("ADDRESS", unit),
        "CA": m(
            "ADDRESS",
            f"{rng.randint(10, 4000)} {ca_street}, apt. {rng.randint(1, 30)}, {ca_town} ({prov}) {code}",
        ),
        "P": m("VEHICLE", fill(rng, rng.choice(p["plates"]))),
        "VEH": rng.choice(p["vehicles"]),
        "TRUCK": rng.choice(p["trucks"]),
        "COLOR": rng.choice(p["colors"]),
        "ST": rng.choice(p["states"]),
        "VINSP": m("VEHICLE", f"{raw[:4]} {raw[4:8]} {raw[8:12]} {raw[12:]}"),
        "VINDASH": m("VEHICLE", f"{raw[:5]}-{raw[5:11]}-{raw[11:]}"),
        "A": m("AGE_OVER_89", str(rng.randint(90, 106))),
        "AW": m("AGE_OVER_89", rng.choice(p["age_words"])),
        "AF": af,
    }
