"""HELD-OUT PHI text families. Engineers tuning recognizers must not open this file.

Every family returns text with each PHI mention marked ``[[TYPE|text]]``; the generator turns
the marks into offsets. Conventions are those of the dev README: titles and credentials stay
outside NAME spans, a contiguous address is one span, a city alone is an ADDRESS, a state
alone is not PHI, DATE needs a day, AGE_OVER_89 is the age token only, eponyms and drug
brands are not PHI.
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

F_FIRST = (
    "Wilhelmina Oyinkansola Thuy Siobhan Marisela Hanne Keiko Fatoumata Ludmila Priyamvada"
    " Rosalind Eun-ji Dagny Aurelia Nokuthula Isadora Parveen Greta Ximena Beatrix Ngozi Solveig"
).split()
M_FIRST = (
    "Bartholomew Oluwaseun Quang Cathal Anselmo Torbjorn Hiroki Mamadou Vsevolod Rajendra"
    " Leopold Min-jun Eskil Florian Sipho Thaddeus Imran Casimir Joaquin Benedikt Chinedu Ragnar"
).split()
SURNAMES = (
    "Achterberg Nwachukwu-Lee Tran-Delacroix O'Flaherty Villaseñor Kristiansen Matsumura Diallo"
    " Zhukova Raghunathan Pemberton-Oyo Seo Lindqvist-Hale Castellanos-Roig Dlamini Abernethy"
    " Qureshi Haugen Ocampo-Reyes Fairbrother Obiechina Sandoval Wojcik-Amari Lachapelle"
).split()
STREETS = [
    ("2207 Quarry Hill Rd", "Apt 3C", "Lakemont, NY 14857"),
    ("88 Cobblestone Way", "Unit 12", "Port Ellery, ME 04011"),
    ("4150 N. Juniper Ave", "Bldg 2, Apt 214", "Castle Rock, CO 80104"),
    ("17 Mill Pond Lane", "Lot 44", "Harlow, KY 40356"),
    ("903 Sycamore Street", "Rear cottage", "Wrenfield, NC 27520"),
    ("61 Kestrel Court", "Suite B", "Bexley, OH 43209"),
    ("1402 Calle Luna", "Apt 5", "Ponce, PR 00716"),
    ("725 Harbor View Terrace", "#9", "Marquette, MI 49855"),
]
FOREIGN = [
    ("Flat 4, 17 Harrow Road, London W2 5QT", "+44 20 7946 0321", "United Kingdom"),
    ("22 Wellington Terrace, Leeds LS6 2QR", "+44 113 496 0744", "United Kingdom"),
    ("Unit 7, 41 Banksia Street, Fremantle WA 6160", "+61 8 5550 1847", "Australia"),
    ("3/18 Coral Parade, Cairns QLD 4870", "0491 570 156", "Australia"),
    ("14 rue des Lilas, 69003 Lyon", "+33 4 65 71 22 80", "France"),
    ("1180 rue Saint-Denis, app. 4, Montréal QC H2X 3J6", "+1 (514) 555-0142", "Canada"),
    ("2-14-7 Higashi-Azabu, Minato-ku, Tokyo 106-0044", "", "Japan"),
    ("Lindenstraße 12, 10969 Berlin", "", "Germany"),
]
US_MONTHS = (
    "January February March April May June July August September October November December".split()
)
ES_MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
ONES = "zero one two three four five six seven eight nine".split()
ES_UNITS = "cero uno dos tres cuatro cinco seis siete ocho nueve".split()


def M(kind: str, value: str) -> str:
    """Mark a PHI span."""
    return f"[[{kind}|{value}]]"


@dataclass
class Ppl:
    """A person for a PHI text."""

    first: str
    last: str
    sex: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def person(rng: random.Random, sex: str | None = None) -> Ppl:
    sex = sex or rng.choice("FM")
    return Ppl(rng.choice(F_FIRST if sex == "F" else M_FIRST), rng.choice(SURNAMES), sex)


def phone(rng: random.Random) -> str:
    line = f"01{rng.randrange(100):02d}"
    return rng.choice([f"(555) 010-{rng.randrange(1000, 9999)}", f"555-010-{rng.randrange(1000, 9999)}",
                       f"555.010.{rng.randrange(1000, 9999)}", f"555-{line}", f"+1 555 010 {rng.randrange(1000, 9999)}"])  # fmt: skip


def day(rng: random.Random, year: int = 2026) -> tuple[int, int, int]:
    """A (year, month, day); dates in 2026 fall in the documents' present (January to June)."""
    return year, rng.randrange(1, 7 if year == 2026 else 13), rng.randrange(1, 29)


def d_num(y: int, m: int, d: int, style: int) -> str:
    return [
        f"{m:02d}/{d:02d}/{y}",
        f"{m}/{d}/{y % 100:02d}",
        f"{y}-{m:02d}-{d:02d}",
        f"{d:02d}.{m:02d}.{y}",
    ][style % 4]


def d_words(y: int, m: int, d: int, style: int) -> str:
    suffix = "th" if 10 <= d <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    mon = US_MONTHS[m - 1]
    return [f"{mon} {d}, {y}", f"{d}{suffix} {mon} {y}", f"the {d}{suffix} of {mon}", f"{mon} {d}{suffix}",
            f"{mon[:3]}. {d}", f"{d} {mon[:3]} {y}"][style % 6]  # fmt: skip


def d_es(y: int, m: int, d: int, with_year: bool = True) -> str:
    return f"{d} de {ES_MONTHS[m - 1]}" + (f" de {y}" if with_year else "")


TENS = {9: "ninety", 10: "one hundred"}


def age_words(age: int, hyphen: bool = True) -> str:
    if age >= 100:
        rest = age - 100
        return "one hundred" + (f" and {ONES[rest]}" if rest else "")
    unit = age % 10
    return "ninety" + ((("-" if hyphen else " ") + ONES[unit]) if unit else "")


def edad_palabras(age: int) -> str:
    unit = age % 10
    if age == 100:
        return "cien"
    return "noventa" + (f" y {ES_UNITS[unit]}" if unit else "")


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def ssn(rng: random.Random) -> str:
    area = rng.choice(["666", f"9{rng.randrange(10)}{rng.randrange(10)}"])
    return f"{area}-{digits(rng, 2)}-{digits(rng, 4)}"


def dea(rng: random.Random) -> str:
    """A DEA-format number with a correct check digit."""
    d = [rng.randrange(10) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return rng.choice("ABFM") + rng.choice("ABCDEFGHJKLMNPRSTW") + "".join(map(str, d)) + str(check)


def email(rng: random.Random, p: Ppl) -> str:
    dom = rng.choice(["example.com", "example.org", "example.net", "mail.example.co.uk"])
    user = rng.choice([f"{p.first.lower()}.{p.last.lower()}", f"{p.first[0].lower()}{p.last.lower()}{rng.randrange(10, 99)}",
                       f"{p.last.lower()}_{p.first.lower()[:3]}"])  # fmt: skip
    user = unicodedata.normalize("NFKD", user).encode("ascii", "ignore").decode()
    return f"{user.replace(' ', '').replace(chr(39), '')}@{dom}"


def plate(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return rng.choice([
        f"{rng.randrange(1, 9)}{''.join(rng.choice(letters) for _ in range(3))}{digits(rng, 3)}",
        f"{''.join(rng.choice(letters) for _ in range(3))}-{digits(rng, 4)}",
        f"{''.join(rng.choice(letters) for _ in range(2))}{digits(rng, 2)} {''.join(rng.choice(letters) for _ in range(3))}",
    ])  # fmt: skip
