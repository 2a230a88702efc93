#!/usr/bin/env python3
# ruff: noqa: E501  (the templates are long f-strings, one text line each)
"""Generate the held-out half of the varied PHI corpus: ``evals/data/heldout_phi_varied/phi.jsonl``.

Written FIRST, before any tuning on the tune half (``phi_varied.py``), with its own layouts,
phrase pools, names, places and number shapes; its output is not read while rules are written.
Everything is invented (555-01xx numbers, fiction phone ranges, ``example.*`` domains,
documentation-block MAC and IP addresses); conventions of ``../shared/data/dev/README.md``.

    python3 scripts/synth/heldout_phi_varied.py           # writes the file
    python3 scripts/synth/heldout_phi_varied.py --check   # compares with the committed file
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[2] / "evals" / "data" / "heldout_phi_varied" / "phi.jsonl"
MARK = re.compile(r"⟦([A-Z_0-9]+):(.*?)⟧", re.DOTALL)
SEED = 90417

GIVEN = """Ambrose Berenike Caetano Dervla Eliska Faustina Gideon Halina Ismay Jolanta Kenji Liesel
Marisol Nkechi Orla Pavlina Quentin Rosalind Sigrun Thaddeus Ulla Viggo Winifred Yusra Zygmunt
Adaeze Bartholomew Concepta Desmond Elspeth Florian Griselda Horatio Imelda Jarrah Kaveh Ludmila
Magnus Nerys Octavian Philippa Radomir Solveig Tancredi Ursula Wenceslas Yolanda""".split()
FAMILY = """Ashdown Bergkamp Cholmondeley Delacroix Ekwueme Fairweather Gundersen Hollingsworth
Ibarguren Jaskolski Kowalewska Lindenbaum Mastrangelo Nightingale Oyebanji Prendergast Quinlivan
Rasmussen-Tait Stavropoulos Trevithick Umberger Valkonen Whitlock Xylander Ystad Zaragoza
Achebe Blomqvist Carrizales Dunleavy Esterhuizen Featherstonehaugh Gorecki Hasegawa Iturbide""".split()
EPONYM_CLASH = [
    ("Addison", "Addison disease"),
    ("Wilson", "Wilson disease"),
    ("Cushing", "Cushing syndrome"),
    ("Marfan", "Marfan syndrome"),
    ("Meniere", "Meniere disease"),
    ("Raynaud", "Raynaud phenomenon"),
]
BRAND_CLASH = [("Valium", "Valium 5 mg"), ("Ambien", "Ambien 10 mg"), ("Celexa", "Celexa 20 mg")]
TOWNS_ABROAD = """Ljubljana Tampere Bergen Aarhus Salamanca Maribor Plovdiv Ghent Utrecht
Bariloche Cuenca Iquitos Rotorua Dunedin Zadar Olomouc""".split()
US_TOWNS = [
    ("Ottumwa", "IA"),
    ("Hibbing", "MN"),
    ("Laramie", "WY"),
    ("Nacogdoches", "TX"),
    ("Chillicothe", "OH"),
    ("Bemidji", "MN"),
    ("Ukiah", "CA"),
    ("Bangor", "ME"),
]
STREET_NAMES = [
    "Quarry",
    "Tamarack",
    "Old Mill",
    "Heron",
    "Bluebonnet",
    "Cobblestone",
    "Wheelwright",
    "Larkspur",
    "Foundry",
    "Chestnut Hill",
]
STREET_KINDS = ["Road", "Street", "Ave", "Blvd", "Lane", "Ct", "Terrace", "Pkwy"]
FACILITIES = [
    "Saint Odile Medical Center",
    "Harrowgate Rehabilitation Hospital",
    "Lakemont Dialysis Unit",
    "Pinecrest Skilled Nursing",
]
CLINICAL = [
    "Hb 10.9 g/dL, creatinine 1.4 mg/dL",
    "ordered CPT 93306; I48.91 noted",
    "Glasgow Coma Scale 15, Wells score 2",
    "continue losartan 50 mg daily",
    "Tinel sign positive at the wrist",
    "Gleason 3+4 on biopsy",
    "started on Eliquis 5 mg BID",
    "Apgar 9 and 9",
]
AGE_WORDS = [
    "ninety-one",
    "ninety three",
    "ninety-seven",
    "one hundred and one",
    "a hundred",
    "ninety-eight",
]
AGE_WORDS_ES = ["noventa y cuatro", "noventa y seis", "cien", "noventa y nueve"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fifth",
    "ninth",
    "twelfth",
    "twentieth",
    "twenty-first",
    "thirtieth",
]


def fill(rng: random.Random, pattern: str) -> str:
    """``#`` a digit, ``@`` a capital letter (no I/O/Q), ``%`` a hex digit, else kept."""
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(str(rng.randint(0, 9)))
        elif ch == "@":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        elif ch == "%":
            out.append(rng.choice("0123456789ABCDEF"))
        else:
            out.append(ch)
    return "".join(out)


VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin(rng: random.Random) -> str:
    body = list(fill(rng, "#@@@@##@#@@######"))
    total = sum(VIN_VALUES[c] * w for c, w in zip(body, VIN_WEIGHTS, strict=True))
    body[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(body)


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)


def m(kind: str, value: str) -> str:
    return f"⟦{kind}:{value}⟧"


def us_phone(rng: random.Random) -> str:
    shape = rng.choice(["(###) 555-01##", "###-555-01##", "###.555.01##", "+1 ### 555 01##"])
    return fill(rng, shape)


def intl_phone(rng: random.Random) -> str:
    return fill(
        rng,
        rng.choice(
            [
                "+44 113 496 0###",
                "+61 3 9900 1###",
                "+33 1 99 00 ## ##",
                "+353 20 913 ####",
                "0113 496 0###",
                "+64 3 990 ####",
                "+49 30 23125 ###",
            ]
        ),
    )


def date_words(rng: random.Random) -> str:
    month = rng.choice(MONTHS)
    day = rng.randint(1, 28)
    return rng.choice(
        [
            f"{month} {day}, 2026",
            f"the {rng.choice(ORDINAL_WORDS)} of {month}",
            f"{day} {month} 2025",
            f"{month[:3].upper()} {day:02d} 2026",
            f"{month} the {day}th",
        ]
    )


def date_es(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} de {rng.choice(MESES)}" + rng.choice(
        ["", " de 2026", " del 2025"]
    )


def street(rng: random.Random) -> str:
    return f"{rng.randint(11, 9899)} {rng.choice(STREET_NAMES)} {rng.choice(STREET_KINDS)}"


def us_address(rng: random.Random) -> str:
    town, state = rng.choice(US_TOWNS)
    return f"{street(rng)}, {town}, {state} {fill(rng, '#####')}"


def portal(rng: random.Random) -> str:
    g, f = person(rng)
    g2, f2 = person(rng)
    town = rng.choice(TOWNS_ABROAD)
    age = rng.choice(AGE_WORDS)
    return (
        f"{m('NAME', g + ' ' + f)} lives at {m('ADDRESS', us_address(rng))} with her "
        f"grandfather, who turned {m('AGE_OVER_89', age)} last spring. {m('NAME', g)} asked "
        f"whether {m('NAME', f2)} could call her back; her cousin in {m('ADDRESS', town)} "
        f"answers on {m('PHONE', intl_phone(rng))}. The appointment on {m('DATE', date_words(rng))} "
        f"does not work. {rng.choice(CLINICAL)}. Regards, {m('NAME', g2)}"
    )


def fax_caps(rng: random.Random) -> str:
    g, f = person(rng)
    g2, f2 = person(rng)
    day = rng.randint(1, 28)
    mon = rng.choice(MONTHS)[:3].upper()
    return (
        f"FAX TRANSMITTAL  PAGE 1 OF 3\nTO: {m('NAME', f2.upper() + ', ' + g2.upper())}   "
        f"FAX: {m('FAX', fill(rng, '###-555-01##'))}\nFROM: {m('NAME', f.upper())} "
        f"OFFICE   TEL {m('PHONE', us_phone(rng))}\nDATE SENT: {m('DATE', f'{day:02d}-{mon}-2026')}"
        f"\nRE: PATIENT {m('NAME', f.upper() + ' ' + g.upper())}  DOB {m('DATE', fill(rng, '0#/1#/19##'))}"
        f"\nCOMMENTS: {rng.choice(CLINICAL).upper()}. PLEASE CALL {m('NAME', g2.upper())} WITH QUESTIONS."
    )


def two_column(rng: random.Random) -> str:
    g, f = person(rng)
    g2, f2 = person(rng)
    town, state = rng.choice(US_TOWNS)
    zip5 = fill(rng, "#####")
    st = street(rng)
    return (
        f"Patient name: {m('NAME', f + ', ' + g)}            Emergency contact: {m('NAME', g2 + ' ' + f2)}\n"
        f"Home street: {m('ADDRESS', st)}          Contact phone: {m('PHONE', us_phone(rng))}\n"
        f"             {m('ADDRESS', town + ', ' + state + ' ' + zip5)}        Relationship: nephew\n"
        f"Date of birth: {m('DATE', fill(rng, '1#/0#/193#'))}           Age: {m('AGE_OVER_89', str(rng.randint(90, 99)))}\n"
        f"Chart no. {m('MRN', fill(rng, '@@-######'))}        Insurer ID {m('HEALTH_PLAN_ID', fill(rng, '@@@########'))}\n"
        f"Reason for visit: {rng.choice(CLINICAL)}"
    )


def spanish(rng: random.Random) -> str:
    g, f = person(rng)
    g2, _ = person(rng)
    return (
        f"Hola, le escribe {m('NAME', g + ' ' + f)}. Mi abuelo cumplió {m('AGE_OVER_89', rng.choice(AGE_WORDS_ES))} "
        f"años el {m('DATE', date_es(rng))} y ahora vive conmigo en {m('ADDRESS', 'Calle ' + rng.choice(STREET_NAMES) + ' ' + str(rng.randint(2, 90)) + ', 4º B, ' + fill(rng, '28###') + ' ' + rng.choice(['Salamanca', 'Cuenca']))}. "
        f"Mi teléfono es {m('PHONE', fill(rng, '+34 6## ### ###'))}. Mi hermana {m('NAME', g2)} "
        f"lo lleva a la cita del {m('DATE', date_es(rng))}. {rng.choice(CLINICAL)}."
    )


def device_vehicle(rng: random.Random) -> str:
    g, f = person(rng)
    return (
        f"Incident summary: patient {m('NAME', g + ' ' + f)} was struck while cycling. Vehicle "
        f"{m('VEHICLE', vin(rng))} (plate {m('VEHICLE', fill(rng, '#@@@###'))}) left the scene. "
        f"His insulin pump, serial {m('DEVICE_ID', fill(rng, '@@#####-@'))}, was paired with a phone whose "
        f"Wi-Fi MAC is {m('DEVICE_ID', fill(rng, '00-00-5E-00-53-%%'))}. Pump model 670G, lot "
        f"{fill(rng, 'L####')} kept for recall. Officer {m('NAME', rng.choice(FAMILY))} took the report on "
        f"{m('DATE', date_words(rng))}."
    )


def facility(rng: random.Random) -> str:
    g, f = person(rng)
    fac = rng.choice(FACILITIES)
    return (
        f"Transfer: {m('NAME', g + ' ' + f)} moved from {fac}, {m('ADDRESS', us_address(rng))}, "
        f"on {m('DATE', fill(rng, '0#/1#/2026'))}. Receiving unit phone {m('PHONE', us_phone(rng))}. "
        f"Family lives near {m('ADDRESS', rng.choice(US_TOWNS)[0])}. {rng.choice(CLINICAL)}."
    )


def eponym(rng: random.Random) -> str:
    sur, phrase = rng.choice(EPONYM_CLASH)
    brand, dose = rng.choice(BRAND_CLASH)
    g, _ = person(rng)
    return (
        f"Referral for {m('NAME', g + ' ' + sur)}, seen {m('DATE', date_words(rng))}. "
        f"Mr. {m('NAME', sur)} has a history of {phrase}. His daughter {m('NAME', brand)} manages his "
        f"medicines, including {dose} at night. {rng.choice(CLINICAL)}. {m('NAME', brand)} can be reached "
        f"at {m('EMAIL', brand.lower() + '.' + fill(rng, '##') + '@example.net')}."
    )


def meeting_list(rng: random.Random) -> str:
    people = [person(rng) for _ in range(3)]
    return (
        f"Family meeting {m('DATE', date_words(rng))}. Present: {m('NAME', people[0][1])}, "
        f"{m('NAME', people[1][1])} and {m('NAME', people[2][0])} (granddaughter). "
        f"{m('NAME', people[0][1])} agreed to hospice. {rng.choice(CLINICAL)}. Next call "
        f"{m('PHONE', us_phone(rng))}."
    )


LAYOUTS: list[Callable[[random.Random], str]] = [
    portal,
    fax_caps,
    two_column,
    spanish,
    device_vehicle,
    facility,
    eponym,
    meeting_list,
]


def ocr(rng: random.Random, marked: str) -> str:
    """OCR noise outside the marks: doubled spaces, a stray bar, a broken line."""
    parts = re.split(r"(⟦.*?⟧)", marked, flags=re.DOTALL)
    out = []
    for part in parts:
        if part.startswith("⟦"):
            out.append(part)
            continue
        part = re.sub(r" (?=[a-z])", lambda _: "  " if rng.random() < 0.08 else " ", part)
        if rng.random() < 0.3:
            part = part.replace(". ", ". | ", 1)
        out.append(part)
    return "".join(out)


def unmark(marked: str) -> tuple[str, list[dict[str, Any]]]:
    text: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for match in MARK.finditer(marked):
        before = marked[pos : match.start()]
        text.append(before)
        length += len(before)
        kind, value = match.group(1), match.group(2)
        spans.append({"start": length, "end": length + len(value), "type": kind, "text": value})
        text.append(value)
        length += len(value)
        pos = match.end()
    text.append(marked[pos:])
    return "".join(text), spans


def build(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        layout = LAYOUTS[i % len(LAYOUTS)]
        marked = layout(rng)
        if rng.random() < 0.3:
            marked = ocr(rng, marked)
        text, spans = unmark(marked)
        for s in spans:
            assert text[s["start"] : s["end"]] == s["text"]
        rows.append(
            {
                "id": f"hv-{i:03d}-{layout.__name__}",
                "input": {"text": text},
                "expected": {"spans": spans},
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--count", type=int, default=160)
    args = parser.parse_args()
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in build(args.count, SEED))
    if args.check:
        raise SystemExit(0 if OUT.read_text("utf-8") == body else 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(body, "utf-8")


if __name__ == "__main__":
    main()
