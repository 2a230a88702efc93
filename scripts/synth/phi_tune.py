#!/usr/bin/env python3
"""Generate the PHI tuning corpus ``evals/data/tune/phi.jsonl`` (FORMAT.md, synthetic).

Written for issue 16's failing text classes, with variation rather than fixed examples:
international phone numbers (E.164, UK, EU, India, Australia), non-US and facility
addresses, addresses split across the lines of a flattened two-column form, a city or
postcode alone, device serials and MAC addresses, VINs and plates, ages over 89 in words,
dates in words and in Spanish, names as "Last, First", in capitals, a first name or surname
alone, and the same word as a person and as an eponym or a drug brand in one text. Layouts:
portal messages (English, Spanish, mixed), fax forms, two-column forms, device and vehicle
reports, letters, contact lists; OCR noise (doubled spaces, stray bars, broken lines) on
some texts; clinical distractors (codes, doses, eponyms) everywhere.

The name, place and number pools are written here and share nothing with the dev set, the
public set or the detector's word lists. Everything is invented; phone numbers and
addresses use fictional or documentation ranges where a country has them.

    python3 scripts/synth/phi_tune.py            # writes evals/data/tune/phi.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[2] / "evals" / "data" / "tune" / "phi.jsonl"
MARK = re.compile(r"⟦([A-Z_0-9]+):(.*?)⟧", re.DOTALL)

FIRST = """Aigerim Bolat Chidera Dagny Eamon Fenna Gulnara Hamid Ines Jurgis Kalani Leocadia
Mthunzi Nasrin Oluwaseun Pernille Quang Radka Sione Taavi Ulrike Vusi Wiremu Xiadani Yerlan
Zdenka Amaru Bongani Cosmin Dunya Efua Fiachra Gaspard Hinemoa Ivo Jovana Kerstin Lautaro
Maelle Nnamdi Otilia Pilar Rasmus Saoirse Teodor Uzma Valdis Wanjiru Xabier Yaretzi Zorica
Mariela Tomasz Ingrid Rafael Yusuf Leilani Anneke Dariusz Ottilie Ximena""".split()
LAST = """Abenov Brennagh Czarnecki Dlamini Eriksdottir Fonseca-Rojas Grzelak Haugland Iwuchukwu
Jankauskas Kekumu Lindqvist Mbatha Nakashima Oyelaran Petrauskas Quispe Rautio Szabados
Tuilagi Uriarte Vainikolo Wojcik Xulu Yamaguchi Zubiri Achterberg Bakhtiari Cotterill Dragomir
Etxeberria Fitzgerald-Moy Gallacher Hoekstra Ilunga Jaramillo Kowalczuk Lemaire Marchetti
Nordgren Okonkwo Pacheco Ruvalcaba Sandoval Teixeira Udeh Vasquez-Lima Wainwright Yilmaz
Zielinski Ferreira Novak Castellanos Moreau Halvorsen""".split()
EPONYM_PEOPLE = ["Parkinson", "Foley", "Hodgkin", "Crohn", "Graves", "Apgar", "Whipple", "Bell"]
EPONYM_PHRASE = {
    "Parkinson": "Parkinson disease",
    "Foley": "Foley catheter",
    "Hodgkin": "Hodgkin lymphoma",
    "Crohn": "Crohn's disease",
    "Graves": "Graves disease",
    "Apgar": "Apgar score of 8",
    "Whipple": "Whipple procedure",
    "Bell": "Bell palsy",
}
BRAND_NAMES = [("Allegra", "Allegra 180 mg"), ("Lyrica", "Lyrica 75 mg"), ("Xarelto", "Xarelto")]
CITIES = """Tórshavn Kaunas Ballarat Tromsø Guadalajara Valparaíso Leuven Cluj-Napoca
Aberystwyth Nelson Arequipa Kisumu Trondheim Oaxaca Tartu Lund Gdynia Matosinhos Coimbra
Brno""".split()
US_CITIES = ["Pocatello", "Bozeman", "Brattleboro", "Keokuk", "Tahlequah", "Natchitoches"]
US_STATES = ["ID", "MT", "VT", "IA", "OK", "LA"]
COUNTRIES = ["Portugal", "Lithuania", "Norway", "Mexico", "Chile", "Belgium", "Estonia"]
CLINICAL = [
    "E11.65 on metformin 1000 mg BID",
    "CPT 72148 requested; M54.16",
    "BP 142/88, HR 92 bpm, SpO2 95%",
    "history of Bell palsy, resolved",
    "Romberg negative; Babinski downgoing",
    "A1c 8.2% in 2019; repeat in 3 months",
    "Kirby-Bauer testing pending; Gram stain negative",
    "started apixaban 5 mg",
]


def fill(rng: random.Random, pattern: str) -> str:
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(str(rng.randint(0, 9)))
        elif ch == "@":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        else:
            out.append(ch)
    return "".join(out)


class Gen:
    """Random values of each kind, wrapped in span markers."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def first(self) -> str:
        return self.r.choice(FIRST)

    def last(self) -> str:
        return self.r.choice(LAST)

    def phone_intl(self) -> str:
        return fill(
            self.r,
            self.r.choice(
                (
                    "+44 20 7946 0###", "+44 7700 900###", "07700 900###", "+353 1 ### ####",
                    "+91 98### #####", "+91-98###-#####", "+49 30 #######", "+49 (0)30 ### ####",
                    "+33 1 ## ## ## ##", "06 ## ## ## ##", "+34 6## ### ###", "+351 21 ### ####",
                    "+61 2 9### ####", "(02) 9### ####", "+52 55 #### ####", "+1 555 010 ####",
                    "+370 6## #####", "0031 20 ### ####", "+47 ## ## ## ##", "+46 8 ### ### ##",
                )
            ),
        )  # fmt: skip

    def phone_us(self) -> str:
        return fill(
            self.r,
            self.r.choice(("(555) 010-####", "555-010-####", "555.010.####", "+1 555 010 ####")),
        )

    def street_intl(self) -> tuple[str, str, str]:
        """(street line, postcode + city line, country)."""
        r = self.r
        n = r.randint(1, 240)
        city = r.choice(CITIES)
        return r.choice(
            (
                (f"Flat {r.randint(1, 9)}, {n} Marlowe Road", f"{city} {fill(r, '@@# #@@')}",
                 "United Kingdom"),
                (f"Calle del Olivar {n}, {r.randint(1, 6)}º B", f"{fill(r, '28###')} {city}",
                 "Spain"),
                (f"Lindenstraße {n}", f"{fill(r, '1####')} {city}", "Germany"),
                (f"{n} rue des Tanneurs", f"{fill(r, '69###')} {city}", "France"),
                (f"Rua das Flores {n}, 2.º Esq.", f"{fill(r, '4###-###')} {city}", "Portugal"),
                (f"Via dei Calzaiuoli {n}", f"{fill(r, '50###')} {city}", "Italy"),
                (f"Storgata {n}", f"{fill(r, '####')} {city}", "Norway"),
                (f"{n} Wattlebird Crescent", f"{city} NSW {fill(r, '2###')}", "Australia"),
                (f"Av. Insurgentes Sur {n}, Col. Roma", f"{fill(r, '06###')} {city}, CDMX",
                 "Mexico"),
            )
        )  # fmt: skip

    def us_address(self) -> tuple[str, str]:
        r = self.r
        i = r.randrange(len(US_CITIES))
        street = (
            f"{r.randint(10, 9999)} {r.choice(('Juniper', 'Quarry', 'Harrow', 'Sawmill'))} "
            f"{r.choice(('Lane', 'Road', 'Ct', 'Blvd'))}"
        )
        return street, f"{US_CITIES[i]}, {US_STATES[i]} {fill(r, '8####')}"

    def date_words(self) -> str:
        r = self.r
        months = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")  # fmt: skip
        meses = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                 "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip
        d, m, y = r.randint(1, 28), r.randrange(12), r.randint(1926, 2026)
        ordinals = ("first", "second", "third", "fourth", "fifth", "tenth", "twelfth",
                    "fifteenth", "twentieth", "twenty-first")  # fmt: skip
        return r.choice(
            (
                f"{d} de {meses[m]} de {y}", f"{d} de {meses[m]}", f"{d:02d}/{m + 1:02d}/{y}",
                f"{months[m]} {d}, {y}", f"the {r.choice(ordinals)} of {months[m]}",
                f"{months[m]} {r.choice(ordinals)}", f"{d}-{months[m][:3].upper()}-{y}",
                f"{d}. {months[m]} {y}", f"{y}/{m + 1:02d}/{d:02d}",
            )
        )  # fmt: skip

    def age_words(self) -> str:
        return self.r.choice(
            ("ninety-one", "ninety-four", "ninety-seven", "one hundred", "one hundred and two",
             "Ninety-three", "noventa y dos", "ninety-nine")
        )  # fmt: skip


def noisy(rng: random.Random, text: str) -> str:
    """OCR-like noise outside the markers: doubled spaces, stray bars, broken lines."""
    pieces = MARK.split(text)
    out = []
    # MARK.split gives [text, type, value, text, type, value, ...]
    for i in range(0, len(pieces), 3):
        plain = pieces[i]
        plain = re.sub(r" (?=\w)", lambda m: "  " if rng.random() < 0.08 else " ", plain)
        plain = re.sub(r"\n", lambda m: " |\n" if rng.random() < 0.2 else "\n", plain)
        out.append(plain)
        if i + 2 < len(pieces):
            out.append(f"⟦{pieces[i + 1]}:{pieces[i + 2]}⟧")
    return "".join(out)


Doc = Callable[[Gen], str]


def portal_en(g: Gen) -> str:
    f, l2 = g.first(), g.last()
    rel = g.first()
    opener = g.r.choice(
        (
            f"My name is ⟦NAME:{f}⟧ and",
            f"Hi, this is ⟦NAME:{f} {l2}⟧ -",
            f"⟦NAME:{f} {l2}⟧ here,",
            f"Hello, it's ⟦NAME:{f}⟧ again;",
        )
    )
    return (
        f"{opener} I am writing about my father ⟦NAME:{rel}⟧, who is ⟦AGE_OVER_89:"
        f"{g.age_words()}⟧ years old. He lives in ⟦ADDRESS:{g.r.choice(CITIES)}⟧ now. "
        f"You can reach me on ⟦PHONE:{g.phone_intl()}⟧ or my sister ⟦NAME:{g.first()}⟧ "
        f"at ⟦PHONE:{g.phone_us()}⟧. His last visit was on ⟦DATE:{g.date_words()}⟧ "
        f"and {g.r.choice(CLINICAL)}. Thanks, ⟦NAME:{f}⟧"
    )


def portal_es(g: Gen) -> str:
    f, l2 = g.first(), g.last()
    return (
        f"Buenos días, soy ⟦NAME:{f} {l2}⟧. Mi mamá ⟦NAME:{g.first()} {g.last()}⟧ tiene "
        f"⟦AGE_OVER_89:{g.r.choice(('noventa y dos', 'noventa y cinco', '93'))}⟧ años y "
        f"necesita cita antes del ⟦DATE:{g.date_words()}⟧. Vivimos en "
        f"⟦ADDRESS:{g.street_intl()[0]}⟧, ⟦ADDRESS:{g.r.choice(CITIES)}⟧. Mi celular es "
        f"⟦PHONE:{g.phone_intl()}⟧. La doctora ⟦NAME:{g.last()}⟧ dijo que el "
        f"{g.r.choice(CLINICAL)}. Gracias."
    )


def two_column(g: Gen) -> str:
    street, city, country = g.street_intl()
    last, first = g.last(), g.first()
    pad = " " * g.r.randint(3, 12)
    return (
        f"PATIENT REGISTRATION{pad}INSURANCE\n"
        f"Name: ⟦NAME:{last.upper()}, {first.upper()}⟧{pad}Plan: Tidewater Mutual\n"
        f"Street: ⟦ADDRESS:{street}⟧{pad}Policy #: ⟦HEALTH_PLAN_ID:{fill(g.r, 'TWM-#######')}⟧\n"
        f"City/Postcode: ⟦ADDRESS:{city}⟧{pad}Group: 4410\n"
        f"Country: {country}{pad}Subscriber: ⟦NAME:{first} {last}⟧\n"
        f"Phone: ⟦PHONE:{g.phone_intl()}⟧{pad}DOB: ⟦DATE:{g.date_words()}⟧\n"
        f"Emergency contact: ⟦NAME:{g.first()} {g.last()}⟧ ⟦PHONE:{g.phone_intl()}⟧\n"
        f"Notes: {g.r.choice(CLINICAL)}"
    )


def us_form(g: Gen) -> str:
    street, city = g.us_address()
    last, first = g.last(), g.first()
    return (
        f"Patient: ⟦NAME:{last}, {first}⟧     MRN: ⟦MRN:{fill(g.r, '#########')}⟧\n"
        f"Address: ⟦ADDRESS:{street}⟧\n         ⟦ADDRESS:{city}⟧\n"
        f"Home: ⟦PHONE:{g.phone_us()}⟧   Fax: ⟦FAX:{g.phone_us()}⟧\n"
        f"Admitted ⟦DATE:{g.date_words()}⟧, discharged ⟦DATE:{g.date_words()}⟧.\n"
        f"Assessment: {g.r.choice(CLINICAL)}; {g.r.choice(CLINICAL)}.\n"
        f"Attending: Dr. ⟦NAME:{g.first()} {g.last()}⟧"
    )


def devices(g: Gen) -> str:
    mac = ":".join(f"{g.r.randrange(256):02X}" for _ in range(6))
    return (
        f"Device check for ⟦NAME:{g.first()} {g.last()}⟧ on ⟦DATE:{g.date_words()}⟧.\n"
        f"Insulin pump serial no. ⟦DEVICE_ID:{fill(g.r, 'PT-####-@@##')}⟧; CGM transmitter "
        f"⟦DEVICE_ID:{fill(g.r, '8@@##@')}⟧. Home hub MAC address ⟦DEVICE_ID:{mac}⟧, "
        f"IMEI ⟦DEVICE_ID:{fill(g.r, '35#############')}⟧.\n"
        f"Pacemaker model Azure XT, SN ⟦DEVICE_ID:{fill(g.r, '@@@######@')}⟧. "
        f"{g.r.choice(CLINICAL)}."
    )


def vehicle(g: Gen) -> str:
    vin = fill(g.r, "1@@@##@##@#######").replace("I", "J").replace("O", "P").replace("Q", "R")
    return (
        f"Incident report: ⟦NAME:{g.first()} {g.last()}⟧ was the driver of a 2014 sedan, "
        f"VIN ⟦VEHICLE:{vin}⟧, licence plate ⟦VEHICLE:{fill(g.r, '#@@@###')}⟧, when the "
        f"collision happened on ⟦DATE:{g.date_words()}⟧ near ⟦ADDRESS:{g.r.choice(US_CITIES)}⟧. "
        f"Passenger ⟦NAME:{g.first()}⟧ had a seat-belt sign. {g.r.choice(CLINICAL)}. Second "
        f"vehicle tag ⟦VEHICLE:{fill(g.r, '@@@-####')}⟧."
    )


def eponyms(g: Gen) -> str:
    who = g.r.choice(EPONYM_PEOPLE)
    brand, brand_use = g.r.choice(BRAND_NAMES)
    return (
        f"Referral letter\nRe: ⟦NAME:{g.first()} {who}⟧, DOB ⟦DATE:{g.date_words()}⟧\n"
        f"Dear Dr. ⟦NAME:{g.last()}⟧,\nI saw Mr. ⟦NAME:{who}⟧ today. He has "
        f"{EPONYM_PHRASE[who]}; ⟦NAME:{who}⟧ also reports a rash. His daughter "
        f"⟦NAME:{brand} {g.last()}⟧ manages his medicines, including {brand_use} daily. "
        f"{g.r.choice(CLINICAL)}.\nSincerely,\n⟦NAME:{g.first()} {g.last()}⟧, MD"
    )


def contacts(g: Gen) -> str:
    lines = ["Care team contact list"]
    for _ in range(g.r.randint(3, 5)):
        street, city, country = g.street_intl()
        lines.append(
            f"- ⟦NAME:{g.first()} {g.last()}⟧, ⟦ADDRESS:{street}⟧, ⟦ADDRESS:{city}⟧, {country}; "
            f"tel ⟦PHONE:{g.phone_intl()}⟧; ⟦EMAIL:{g.first().lower()}.{g.r.randint(1, 99)}"
            f"@example.net⟧"
        )
    lines.append(f"Updated ⟦DATE:{g.date_words()}⟧. {g.r.choice(CLINICAL)}.")
    return "\n".join(lines)


def facility(g: Gen) -> str:
    street, city = g.us_address()
    return (
        f"Follow-up at Juniper Ridge Family Clinic, ⟦ADDRESS:{street}, {city}⟧, with "
        f"⟦NAME:{g.first()} {g.last()}⟧, NP. Clinic phone ⟦PHONE:{g.phone_us()}⟧. ZIP only "
        f"on the old form: ⟦ADDRESS:{fill(g.r, '8####')}⟧. The patient, ⟦NAME:{g.last()}⟧, "
        f"is ⟦AGE_OVER_89:{g.age_words()}⟧ and lives alone. {g.r.choice(CLINICAL)}."
    )


def caps_fax(g: Gen) -> str:
    first, last = g.first().upper(), g.last().upper()
    return (
        f"FAX TO: ⟦FAX:{g.phone_us()}⟧   FROM: ⟦NAME:{g.first().upper()} {g.last().upper()}⟧\n"
        f"RE: ⟦NAME:{first} {last}⟧   DOB: ⟦DATE:{g.date_words().upper()}⟧\n"
        f"MEMBER ID: ⟦HEALTH_PLAN_ID:{fill(g.r, '@@@#########')}⟧\n"
        f"PLEASE CALL ⟦NAME:{last}⟧ AT ⟦PHONE:{g.phone_intl()}⟧ RE {g.r.choice(CLINICAL).upper()}."
    )


def single_names(g: Gen) -> str:
    a, b, c = g.first(), g.last(), g.first()
    return (
        f"Nursing note ⟦DATE:{g.date_words()}⟧: ⟦NAME:{a}⟧ slept well. Spoke with "
        f"⟦NAME:{b}⟧ (son) by phone; ⟦NAME:{c}⟧ from pharmacy confirmed the order. "
        f"⟦NAME:{a}⟧ asked for ⟦NAME:{c}⟧ again at 14:00. {g.r.choice(CLINICAL)}."
    )


DOCS: tuple[Doc, ...] = (
    portal_en, portal_es, two_column, us_form, devices, vehicle, eponyms, contacts, facility,
    caps_fax, single_names,
)  # fmt: skip


def render(marked: str) -> tuple[str, list[dict[str, Any]]]:
    parts: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = length = 0
    for m in MARK.finditer(marked):
        plain = marked[pos : m.start()]
        parts.append(plain)
        length += len(plain)
        value = m.group(2)
        spans.append({"start": length, "end": length + len(value), "type": m.group(1),
                      "text": value})  # fmt: skip
        parts.append(value)
        length += len(value)
        pos = m.end()
    parts.append(marked[pos:])
    return "".join(parts), spans


def build(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        doc = DOCS[i % len(DOCS)]
        marked = doc(Gen(rng))
        if rng.random() < 0.25:
            marked = noisy(rng, marked)
        text, spans = render(marked)
        for s in spans:
            assert text[s["start"] : s["end"]] == s["text"]
        rows.append(
            {"id": f"tune-{i:03d}-{doc.__name__}", "input": {"text": text},
             "expected": {"spans": spans}}
        )  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--count", type=int, default=132)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    rows = build(args.count, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} texts to {args.out}")


if __name__ == "__main__":
    main()
