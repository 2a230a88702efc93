#!/usr/bin/env python3
# ruff: noqa: E501  (the templates are long strings, one text line each)
"""Generate the ninth round's PHI probe: shapes no earlier PHI generator wrote, two halves.

For the three classes the blind set keeps missing (ADDRESS, VEHICLE, AGE_OVER_89) and for names
with no cue: addresses in the order other countries write them (UK postcodes, Canadian postal
codes, German and Spanish number-after-street, PO boxes, apartment and unit lines, addresses
split over lines, "on the corner of X and Y"); plates of several states and countries, VINs
written in groups with spaces or dashes, "his truck, plate ...", a year, make and model before a
plate; ages over 89 in words, in other languages, after "nonagenarian", "a 91 yo", "aged
ninety-two", in table rows; names in lists, signatures, "cc:" lines and free text ("My name is
X", "X lives at ..."). Every text carries two clinical precision traps.

The tune voice is below (`TUNE`, `tune_slots`); the held-out voice lives in
`heldout_phi_probe2.py` (blind like every `scripts/synth/heldout*` file: its pools and templates
were written before any rule was tuned and are not read while tuning). Only the layout
mechanism here and `phi3_common` are shared.

    python3 scripts/synth/phi_probe2.py            # writes both files
    python3 scripts/synth/phi_probe2.py --check    # compares with the committed files
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from heldout_phi_probe2 import HELDOUT, heldout_slots
from phi3_common import SLOT, fill, m, person, vin, write_sets

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    "tune": ROOT / "evals" / "data" / "tune_phi_probe2" / "phi.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_phi_probe2" / "phi.jsonl",
}
SEED = {"tune": 9091, "heldout": 9092}
KINDS = ["addresses", "vehicles", "ages", "names"]

TUNE: dict[str, Any] = {
    "given": "Ottoline Caspian Marisol Tobiah Winifred Anselm Leocadia Fintan Rosamund Evander Hortensia Lysander".split(),
    "family": "Abernethy Quenneville Szymanski Oyelaran Tremblay-Roy Haverford Delacroix Mwangi Strathmore Ibarguen".split(),
    # (street, district, town, outward postcode); the inward half is drawn
    "uk": [
        ("Albion Terrace", "Headingley", "Leeds", "LS6"),
        ("Cranbrook Road", "Redland", "Bristol", "BS6"),
        ("Magdalen Street", "Anglia Square", "Norwich", "NR3"),
        ("Pennsylvania Road", "St James", "Exeter", "EX4"),
    ],
    # (street, town, province, forward sortation area)
    "ca": [
        ("Tranquille Road", "Kamloops West", "BC", "V2B"),
        ("Rue Principale", "Granby", "QC", "J2G"),
        ("Portage Avenue", "Winnipeg", "MB", "R3G"),
    ],
    # German streets (number after), postcode and town
    "de": [
        ("Amselweg", "79102 Freiburg"),
        ("Lindenstraße", "04109 Leipzig"),
        ("Am Kirchberg", "91054 Erlangen"),
    ],
    # Spanish streets (number after a comma), floor and door, postcode and town
    "es": [
        ("Calle de Segovia", "28005 Madrid"),
        ("C/ Colón", "46004 Valencia"),
        ("Avda. de la Constitución", "41001 Sevilla"),
    ],
    "us_streets": ["Larchmont Ave", "Quarry Hill Rd", "Winslow Street", "Beacon Ridge Dr"],
    "us_towns": [("Brattleboro", "VT"), ("Laramie", "WY"), ("Paducah", "KY")],
    "corners": [("Fifth", "Main"), ("Orchard Street", "Delmar Avenue"), ("Cass", "14th")],
    "plates": ["#@@@###", "@@@-####", "@@## @@@", "@-@@ ####", "##-@@@-#", "@## @@@"],
    "vehicles": [
        "2014 Chevy Silverado",
        "2019 Subaru Outback",
        "2008 Ford F-150",
        "2021 Kia Sorento",
    ],
    "trucks": ["truck", "pickup", "van"],
    "age_words": ["ninety-two", "ninety-seven", "a hundred and one", "ninety"],
    "age_foreign": [
        "tiene {w} años",
        "âgée de {a} ans",
        "ist {a} Jahre alt",
    ],
    "foreign_words": ["noventa y cuatro", "noventa y ocho"],
    "addresses": [
        "Pt recently moved in with her son at {UK}.",
        "Home address on file:\n{UK_LINES}",
        "Mailing address is {POBOX}; parcels go to the neighbour.",
        "She is staying at {DE} while visiting her brother.",
        "Contact address (Spain): {ES}",
        "He lives on the corner of {CORNER}, above the bakery.",
        "New address: {UNIT_US}",
        "Forward records to {CA}.",
    ],
    "vehicles_t": [
        "Security note: his truck, plate {P}, was left in the ambulance bay overnight.",
        "Patient drives a {VEH}, plate {P}.",
        "Vehicle description: {VEH}, {COLOR}, tag {P} ({ST}).",
        "VIN {VINSP} recorded by the tow service.",
        "Damage report lists VIN: {VINDASH}.",
        "Visitor parking: {N} in the {TRUCK} with plate {P}.",
    ],
    "ages_t": [
        "Mrs. {S} is a nonagenarian ({A}) with moderate aortic stenosis.",
        "Assessment: a {A} yo woman with recurrent falls.",
        "Aged {AW}, she still manages her own medications.",
        "Paciente femenina que {AF}, con diabetes.",
        "Resident | {N} | age {A} | room 12",
        "Name           Age   Sex\n{N}    {A}    M",
        "Her father is {AW} years old and lives alone.",
    ],
    "names_t": [
        "My name is {N} and I am writing about my mother's appointment.",
        "{N} lives at {UNIT_US} with her grandson.",
        "Kind regards,\n{N}",
        "cc: {N}; {N2}",
        "Attendees: {N}, {N2} and {N3}.",
        "Spoke with {N} today; will call back tomorrow.",
        "Thanks so much,\n{G}",
    ],
    "traps": [
        "levothyroxine 88 mcg daily",
        "BP 152/94, HR 91",
        "eGFR 41, Hgb 10.9",
        "ICD-10 I48.91, CPT 93000",
        "Hoyer lift in room 14B",
        "lot 22K118, exp 2027",
        "walker, model 10210-1",
        "aged 89, her sister",
    ],
    "colors": ["silver", "dark green", "white", "maroon"],
    "states": ["WY", "OH", "TX", "VT"],
}


def _vin_grouped(rng: random.Random, sep: str, cuts: tuple[int, ...]) -> str:
    raw, out, pos = vin(rng), [], 0
    for cut in cuts:
        out.append(raw[pos:cut])
        pos = cut
    out.append(raw[pos:])
    return sep.join(out)


def tune_slots(rng: random.Random, p: dict[str, Any]) -> dict[str, str]:
    """One fresh value of every slot of the tune voice, each marked with its gold type."""
    street, district, town, outward = rng.choice(p["uk"])
    house = str(rng.randint(2, 240))
    post = f"{outward} {fill(rng, '#@@')}"
    uk_variants = [
        f"Flat {rng.randint(1, 9)}, {house} {street}, {district}, {town} {post}",
        f"{house} {street}, {town}, {post}",
    ]
    ca_street, ca_town, prov, fsa = rng.choice(p["ca"])
    ca = f"{rng.randint(100, 2999)} {ca_street}, {ca_town}, {prov} {fsa} {fill(rng, '#@#')}"
    de_street, de_town = rng.choice(p["de"])
    es_street, es_town = rng.choice(p["es"])
    us_town, us_st = rng.choice(p["us_towns"])
    unit = f"{rng.randint(10, 999)} {rng.choice(p['us_streets'])}, Apt {rng.randint(1, 9)}{rng.choice('ABC')}, {us_town}, {us_st} {fill(rng, '#####')}"
    c1, c2 = rng.choice(p["corners"])
    age = str(rng.randint(90, 104))
    foreign = rng.choice(p["age_foreign"])
    if "{w}" in foreign:
        af = foreign.replace("{w}", m("AGE_OVER_89", rng.choice(p["foreign_words"])))
    else:
        af = foreign.replace("{a}", m("AGE_OVER_89", str(rng.randint(90, 99))))
    return {
        "N": person(rng, p),
        "N2": person(rng, p),
        "N3": person(rng, p),
        "G": m("NAME", rng.choice(p["given"])),
        "S": m("NAME", rng.choice(p["family"])),
        "UK": m("ADDRESS", rng.choice(uk_variants)),
        "UK_LINES": m("ADDRESS", f"{house} {street}\n{district}\n{town}\n{post}"),
        "POBOX": m(
            "ADDRESS",
            f"PO Box {rng.randint(100, 9999)}, {ca_town}, {prov} {fsa} {fill(rng, '#@#')}",
        ),
        "DE": m("ADDRESS", f"{de_street} {rng.randint(1, 80)}, {de_town}"),
        "ES": m(
            "ADDRESS",
            f"{es_street}, {rng.randint(1, 120)}, {rng.randint(1, 8)}º {rng.choice(['izda.', 'dcha.', 'B'])}, {es_town}",
        ),
        "CORNER": f"{m('ADDRESS', c1)} and {m('ADDRESS', c2)}",
        "UNIT_US": m("ADDRESS", unit),
        "CA": m("ADDRESS", ca),
        "P": m("VEHICLE", fill(rng, rng.choice(p["plates"]))),
        "VEH": rng.choice(p["vehicles"]),
        "TRUCK": rng.choice(p["trucks"]),
        "COLOR": rng.choice(p["colors"]),
        "ST": rng.choice(p["states"]),
        "VINSP": m("VEHICLE", _vin_grouped(rng, " ", (3, 9))),
        "VINDASH": m("VEHICLE", _vin_grouped(rng, "-", (3, 8, 11))),
        "A": m("AGE_OVER_89", age),
        "AW": m("AGE_OVER_89", rng.choice(p["age_words"])),
        "AF": af,
    }


POOLS = {"tune": TUNE, "heldout": HELDOUT}
SLOTS: dict[str, Callable[[random.Random, dict[str, Any]], dict[str, str]]] = {
    "tune": tune_slots,
    "heldout": heldout_slots,
}
#: Which template list of a half each kind draws from.
TEMPLATES = {
    "addresses": "addresses",
    "vehicles": "vehicles_t",
    "ages": "ages_t",
    "names": "names_t",
}


def layout_for(half: str, kind: str) -> Any:
    p, make_slots = POOLS[half], SLOTS[half]

    def layout(rng: random.Random) -> str:
        pool = p[TEMPLATES[kind]]
        picks = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
        lines = []
        for template in picks:
            values = make_slots(rng, p)
            lines.append(SLOT.sub(lambda s, v=values: v[s.group(1)], template))
        traps = rng.sample(p["traps"], 2)
        lines.insert(rng.randint(0, len(lines)), f"{traps[0]}; {traps[1]}.")
        return "\n".join(lines)

    layout.__name__ = f"{half}_{kind}"
    return layout


def main() -> None:
    prefix = {"tune": "pp9t", "heldout": "pp9h"}
    sets = [
        (out, [layout_for(half, k) for k in KINDS], SEED[half], prefix[half])
        for half, out in OUT.items()
    ]
    write_sets(__doc__ or "", sets, count=160, noisy=0.15)


if __name__ == "__main__":
    main()
