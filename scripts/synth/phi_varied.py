#!/usr/bin/env python3
# ruff: noqa: E501  (the templates are long f-strings, one text line each)
"""Generate the tune half of the varied PHI corpus: ``evals/data/tune_phi_varied/phi.jsonl``.

Issue 16's failing classes as varied layouts: patient-portal messages with names from context,
intake forms flattened from two columns (an address split across lines), mixed Spanish-English
messages, device checks (MAC, IMEI, serials), police and EMS notes (VINs, plates), letters on
a facility's letterhead, nursing notes with a surname or first name alone, lists of names in
capitals and as "Last, First M.", ages over 89 in words, dates in words and in Spanish; OCR
noise on some texts. Its pools share nothing with the held-out half
(``heldout_phi_varied.py``, written first and not read while tuning).

    python3 scripts/synth/phi_varied.py           # writes the file
    python3 scripts/synth/phi_varied.py --check   # compares with the committed file
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[2] / "evals" / "data" / "tune_phi_varied" / "phi.jsonl"
MARK = re.compile(r"⟦([A-Z_0-9]+):(.*?)⟧", re.DOTALL)
SEED = 31337

GIVEN = """Anselm Brigida Casimir Dorotea Evander Fionnuala Gottfried Hyacinth Isidora Jozef
Klementyna Lorcan Mireille Nikolai Ottoline Perpetua Reinhold Seraphina Tobiah Valentina
Wilhelmina Zenobia Agathe Benedikt Cressida Dagmar Emrys Friederike Gwendolen Hieronymus
Ignatius Jocasta Konstantin Leopoldine Mercedes Norberto""".split()
FAMILY = """Abernathy Brzezinski Coughlan Dzhugashvili Eastwood-Finch Fothergill Grunewald
Huxtable Inglethorpe Jablonski Kirkpatrick Laframboise Montgomerie Nowakowski Ostrowski
Pemberton Quayle Rzepecki Sorensen-Blake Thistlethwaite Underhill Verhoeven Wolstenholme
Yardley Zapatero Arbuthnot Birkenshaw Castellano Dimitriou Eggleston""".split()
EPONYMS = [
    ("Paget", "Paget disease of bone"),
    ("Horner", "Horner syndrome"),
    ("Barrett", "Barrett esophagus"),
    ("Bowen", "Bowen disease"),
    ("Tourette", "Tourette syndrome"),
    ("Hashimoto", "Hashimoto thyroiditis"),
]
BRANDS = [("Lexapro", "Lexapro 10 mg"), ("Keppra", "Keppra 500 mg"), ("Zyrtec", "Zyrtec 10 mg")]
TOWNS = """Göteborg Innsbruck Kraków Porto Sligo Stellenbosch Tromsø Mendoza Cusco Nagano
Wollongong Tauranga Esbjerg Split Pécs Brașov""".split()
US = [
    ("Walla Walla", "WA"),
    ("Kalispell", "MT"),
    ("Paducah", "KY"),
    ("Muskogee", "OK"),
    ("Grand Forks", "ND"),
    ("Hattiesburg", "MS"),
    ("Elko", "NV"),
    ("Presque Isle", "ME"),
]
STREETS = [
    "Birchwood",
    "Millrace",
    "Sandpiper",
    "Old Post",
    "Juniper",
    "Copperfield",
    "Ridgeview",
    "Hollyhock",
    "Tanner Creek",
]
KINDS = ["Drive", "St.", "Avenue", "Rd", "Way", "Circle", "Place", "Hwy"]
UK = [
    "Flat 4, 19 Abbotsford Road, Leeds LS6 2AB",
    "27 Kingsmead Close, Bath BA2 4HX",
    "Unit 2, 8 Quay Street, Galway H91 E2K3",
    "14 Rue des Lilas, 69003 Lyon",
    "Via Garibaldi 22, 10122 Torino",
    "Kirchgasse 5, 8001 Zürich",
]
FACILITIES = [
    "Bramblewood Community Hospital",
    "North Fork Cancer Institute",
    "Evergreen Hospice House",
    "Mercy Ridge Urgent Care",
]
CLINICAL = [
    "WBC 11.2, lactate 2.1 mmol/L",
    "CPT 99214; J45.40 moderate persistent asthma",
    "Paget disease noted on prior imaging",
    "NIHSS 0, CHA2DS2-VASc 3",
    "taper prednisone 20 mg",
    "Murphy sign negative",
    "PHQ-9 score 12",
    "metoprolol 25 mg BID",
]
AGES = [
    "ninety-two",
    "ninety four",
    "ninety-nine",
    "one hundred and three",
    "ninety",
    "a hundred and one",
]
AGES_ES = ["noventa y tres", "noventa y ocho", "ciento dos", "noventa y uno"]
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
ORD = ["first", "fourth", "sixth", "tenth", "fifteenth", "twenty-second", "thirty-first"]


def fill(rng: random.Random, pattern: str) -> str:
    """``#`` a digit, ``@`` a capital letter (no I/O/Q), ``%`` a hex digit, else kept."""
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(str(rng.randint(0, 9)))
        elif ch == "@":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        elif ch == "%":
            out.append(rng.choice("0123456789abcdef"))
        else:
            out.append(ch)
    return "".join(out)


VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin(rng: random.Random) -> str:
    body = list(fill(rng, "@@@@@##@#@@######"))
    total = sum(VALUES[c] * w for c, w in zip(body, WEIGHTS, strict=True))
    body[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(body)


def m(kind: str, value: str) -> str:
    return f"⟦{kind}:{value}⟧"


def who(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)


def phone(rng: random.Random) -> str:
    return fill(rng, rng.choice(["555-01##", "(###)555-01##", "### 555 01##", "1-###-555-01##"]))


def world_phone(rng: random.Random) -> str:
    return fill(
        rng,
        rng.choice(
            [
                "+44 20 7946 0###",
                "+61 2 5550 ####",
                "+33 6 39 98 ## ##",
                "+353 1 555 ####",
                "020 7946 0###",
                "+27 21 555 ####",
                "+91 98765 4####",
                "0044 161 496 0###",
            ]
        ),
    )


def when(rng: random.Random) -> str:
    mon = rng.choice(MONTHS)
    d = rng.randint(1, 28)
    return rng.choice(
        [
            f"{mon} {d}",
            f"{d} {mon[:3]} 2026",
            f"the {rng.choice(ORD)} of {mon}",
            f"{mon} {rng.choice(ORD)}",
            f"{mon[:3]}. {d}, 2025",
            f"{d}-{mon[:3].upper()}-2026",
        ]
    )


def cuando(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(1, 28)} de {rng.choice(MESES)}",
            f"{rng.randint(1, 28)} de {rng.choice(MESES)} de 2026",
            f"{rng.randint(1, 28)}/{rng.choice(MESES)[:3]}/2026",
        ]
    )


def street(rng: random.Random) -> str:
    return f"{rng.randint(3, 12999)} {rng.choice(STREETS)} {rng.choice(KINDS)}"


def portal_en(rng: random.Random) -> str:
    g, f = who(rng)
    g2, f2 = who(rng)
    return (
        f"Hello, this is {m('NAME', g)} again. {m('NAME', g2 + ' ' + f2)} and I came in on "
        f"{m('DATE', when(rng))} but {m('NAME', f2)} still coughs. We are staying with family at "
        f"{m('ADDRESS', rng.choice(UK))} until {m('DATE', when(rng))}; the number there is "
        f"{m('PHONE', world_phone(rng))}. Mum is {m('AGE_OVER_89', rng.choice(AGES))} and worried. "
        f"{rng.choice(CLINICAL)}. - {m('NAME', g + ' ' + f)}"
    )


def intake_form(rng: random.Random) -> str:
    g, f = who(rng)
    g2, f2 = who(rng)
    town, st = rng.choice(US)
    return (
        f"INTAKE      {m('NAME', f.upper() + ', ' + g.upper() + ' ' + rng.choice('ABCDEFJ') + '.')}\n"
        f"Address line 1: {m('ADDRESS', street(rng))}      Guarantor: {m('NAME', g2 + ' ' + f2)}\n"
        f"City/State/ZIP: {m('ADDRESS', town + ' ' + st + ' ' + fill(rng, '#####'))}     Phone (cell): {m('PHONE', phone(rng))}\n"
        f"Birth date: {m('DATE', str(rng.randint(1, 12)) + fill(rng, '/1#/192#'))}     Age {m('AGE_OVER_89', str(rng.randint(90, 104)))}\n"
        f"Medical record: {m('MRN', fill(rng, '########'))}    Plan member: {m('HEALTH_PLAN_ID', fill(rng, '@@@#########'))}\n"
        f"Chief complaint: {rng.choice(CLINICAL)}"
    )


def mixed_es(rng: random.Random) -> str:
    g, f = who(rng)
    g2, _ = who(rng)
    return (
        f"Buenas tardes, mi nombre es {m('NAME', g + ' ' + f)}. My grandmother tiene "
        f"{m('AGE_OVER_89', rng.choice(AGES_ES))} años and fell {m('DATE', cuando(rng))}. "
        f"Vivimos en {m('ADDRESS', 'Avenida ' + rng.choice(STREETS) + ' ' + str(rng.randint(1, 300)) + ', ' + rng.choice(['Cusco', 'Mendoza']))}. "
        f"Llámeme al {m('PHONE', fill(rng, '+51 9## ### ###'))} o a mi tío {m('NAME', g2)}. {rng.choice(CLINICAL)}."
    )


def device_check(rng: random.Random) -> str:
    g, f = who(rng)
    return (
        f"Remote monitoring check {m('DATE', when(rng))}: transmitter S/N {m('DEVICE_ID', fill(rng, '@@#-####-##'))} "
        f"for {m('NAME', g + ' ' + f)}. Home hub MAC {m('DEVICE_ID', fill(rng, '00:00:5e:00:53:%%'))}, "
        f"IMEI {m('DEVICE_ID', fill(rng, '35####0#######'))}. Firmware 4.2.1, model Z9, lot {fill(rng, '##@###')}. "
        f"{rng.choice(CLINICAL)}."
    )


def police(rng: random.Random) -> str:
    _g, f = who(rng)
    town, st = rng.choice(US)
    return (
        f"EMS run sheet: driver {m('NAME', f)} ({m('AGE_OVER_89', str(rng.randint(90, 99)))}) of a sedan, "
        f"VIN {m('VEHICLE', vin(rng).lower() if rng.random() < 0.3 else vin(rng))}, {st} tag "
        f"{m('VEHICLE', fill(rng, '@@@ ####'))}, near mile marker 41 outside {m('ADDRESS', town)}. "
        f"Trooper {m('NAME', rng.choice(FAMILY))} on scene. {rng.choice(CLINICAL)}."
    )


def letterhead(rng: random.Random) -> str:
    g, f = who(rng)
    fac = rng.choice(FACILITIES)
    town, st = rng.choice(US)
    return (
        f"{fac}\n{m('ADDRESS', street(rng))}\n{m('ADDRESS', town + ', ' + st + ' ' + fill(rng, '#####'))}\n"
        f"Tel {m('PHONE', phone(rng))} | Fax {m('FAX', phone(rng))}\n\n{m('DATE', when(rng))}\n\n"
        f"Re: {m('NAME', g + ' ' + f)}\nDear colleague, {m('NAME', g)} was discharged home. {rng.choice(CLINICAL)}."
    )


def nursing(rng: random.Random) -> str:
    g, f = who(rng)
    sur, phrase = rng.choice(EPONYMS)
    brand, dose = rng.choice(BRANDS)
    return (
        f"0800 Pt {m('NAME', g + ' ' + sur)} resting. {m('NAME', sur)} has {phrase}. "
        f"Spoke with {m('NAME', f)} re: discharge. Granddaughter {m('NAME', brand)} brought {dose}. "
        f"{m('NAME', brand)} will return {m('DATE', when(rng))}. {rng.choice(CLINICAL)}."
    )


def roster(rng: random.Random) -> str:
    a, b, c = who(rng), who(rng), who(rng)
    return (
        f"CARE TEAM ROSTER {m('DATE', when(rng))}\n"
        f"{m('NAME', a[1].upper() + ', ' + a[0].upper())} - primary nurse\n"
        f"{m('NAME', b[1] + ', ' + b[0] + ' ' + rng.choice('KLMNR') + '.')} - social work\n"
        f"{m('NAME', c[0].upper() + ' ' + c[1].upper())} - chaplain, ext 4417\n"
        f"Family: {m('NAME', a[0])} and {m('NAME', c[1])} to call {m('PHONE', world_phone(rng))}."
    )


def device_prose(rng: random.Random) -> str:
    g, _f = who(rng)
    serial = fill(rng, rng.choice(["@@@########", "##@@####", "@#-#####-@@", "PG#######"]))
    mac = fill(rng, rng.choice(["00-00-5E-00-53-%%", "0000.5e00.53%%", "00:00:5E:00:53:%%"]))
    return (
        f"{m('NAME', g)} called about her CPAP. The serial number on the bottom is "
        f"{m('DEVICE_ID', serial)} and the modem shows {m('DEVICE_ID', mac)}. "
        f"Her glucose meter (Ser# {m('DEVICE_ID', fill(rng, '@@@#####'))}) reads high since "
        f"{m('DATE', when(rng))}. Model AirSense 11, REF 39000, lot {fill(rng, '####@')}. "
        f"Bluetooth ID {m('DEVICE_ID', fill(rng, '00:00:5e:00:53:%%'))}. {rng.choice(CLINICAL)}."
    )


def plate_prose(rng: random.Random) -> str:
    g, f = who(rng)
    st = rng.choice(["Texas", "Ohio", "Oregon", "Maine", "Utah"])
    return (
        f"Parking note: {m('NAME', g + ' ' + f)} left a silver hatchback with {st} plates "
        f"{m('VEHICLE', fill(rng, rng.choice(['@@@-####', '#@@@###', '@@# ####'])))} in the ambulance bay. "
        f"Security logged the VIN as {m('VEHICLE', vin(rng))} and the license plate reads "
        f"{m('VEHICLE', fill(rng, '@@@ ###'))} on the trailer. Seen {m('DATE', when(rng))}."
    )


def places_alone(rng: random.Random) -> str:
    _g, f = who(rng)
    town, st = rng.choice(US)
    abroad = rng.choice(TOWNS)
    return (
        f"Social history: {m('NAME', f)} grew up in {m('ADDRESS', abroad)} and now lives alone "
        f"in {m('ADDRESS', town + ', ' + st)}. Her daughter drives in from {m('ADDRESS', rng.choice(US)[0])} on "
        f"weekends. Mail goes to {m('ADDRESS', 'PO Box ' + str(rng.randint(10, 9999)) + ', ' + town + ', ' + st + ' ' + fill(rng, '#####'))}. "
        f"ZIP on file {m('ADDRESS', fill(rng, '#####'))}. {rng.choice(CLINICAL)}."
    )


def age_letter(rng: random.Random) -> str:
    g, f = who(rng)
    return (
        f"To whom it may concern: {m('NAME', g + ' ' + f)}, aged {m('AGE_OVER_89', rng.choice(AGES))}, "
        f"has been my patient since {m('DATE', when(rng))}. At {m('AGE_OVER_89', rng.choice(AGES))} years "
        f"of age she still lives independently. Her husband died at {m('AGE_OVER_89', str(rng.randint(90, 99)))}. "
        f"{rng.choice(CLINICAL)}. Sincerely, {m('NAME', rng.choice(GIVEN) + ' ' + rng.choice(FAMILY))}, MD"
    )


LAYOUTS: list[Callable[[random.Random], str]] = [
    portal_en,
    intake_form,
    mixed_es,
    device_check,
    police,
    letterhead,
    nursing,
    roster,
    device_prose,
    plate_prose,
    places_alone,
    age_letter,
]


def ocr(rng: random.Random, marked: str) -> str:
    """OCR noise outside the marks: a line broken in two, tabs for spaces, a stray bar."""
    parts = re.split(r"(⟦.*?⟧)", marked, flags=re.DOTALL)
    out = []
    for part in parts:
        if not part.startswith("⟦"):
            part = re.sub(r", (?=[a-z])", lambda _: ",\n" if rng.random() < 0.2 else ", ", part)
            part = part.replace(" and ", " and  ", 1) if rng.random() < 0.5 else part
        out.append(part)
    return "".join(out)


def unmark(marked: str) -> tuple[str, list[dict[str, Any]]]:
    text: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = length = 0
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
        assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)
        rows.append(
            {
                "id": f"tv-{i:03d}-{layout.__name__}",
                "input": {"text": text},
                "expected": {"spans": spans},
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--count", type=int, default=240)
    args = parser.parse_args()
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in build(args.count, SEED))
    if args.check:
        raise SystemExit(0 if OUT.read_text("utf-8") == body else 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(body, "utf-8")


if __name__ == "__main__":
    main()
