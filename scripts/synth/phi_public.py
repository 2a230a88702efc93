#!/usr/bin/env python3
"""Build the public PHI test set from presidio-research's synthetic-data sources.

presidio-research (Microsoft, MIT) publishes a synthetic PII set made from its sentence
templates and 3,000 fake identities from FakeNameGenerator.com, rendered in many national
formats (names from two dozen name sets, addresses and phone numbers of 40 countries). The
PyPI package ``presidio-evaluator`` ships those sources; this script renders 1,500 texts
from them in the same way (same templates, identity fields, address and phone layouts,
5 % lower-cased names), with a fixed seed, in FORMAT.md form.

Types are mapped to ours: PERSON -> NAME, street address / city / ZIP -> ADDRESS, phone ->
PHONE, email, IP, URL, SSN, driver's licence -> LICENSE, credit card and IBAN -> ACCOUNT,
birth dates and dates -> DATE, ages over 89 -> AGE_OVER_89. Countries, states,
nationalities, organisations, job titles, weekdays and bare years are not PHI and are left
out (issue 16). The set is generated, not committed: the identities come from a third-party
site, so the bench builds it under ``out/`` from the pinned wheel.

Usage::

    .venv/bin/python scripts/synth/phi_public.py --out out/phi-public/phi.jsonl
    .venv/bin/python scripts/synth/phi_public.py --source path/to/presidio_evaluator.whl
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any

RAW = "presidio_evaluator/data_generator/raw_data/"
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")

# presidio-evaluator's PhoneNumberProviderNew formats (US, UK, India, Switzerland, Sweden).
PHONE_FORMATS = (
    "##########", "###-###-####", "###-#######", "07700 ### ###", "07700 ######",
    "07700######", "(07700) ### ###", "(07700) ######", "+447700 ### ###", "+447700 ######",
    "+447700######", "+91##########", "0##########", "+41 2# ### ## ##", "+41 7# ### ## ##",
    "+41 (0)4# ### ## ##", "+46 (0)8 ### ### ##", "+46 (0)## ## ## ##", "+46 (0)### ### ##",
    "(###)###-####", "###.###.####", "###-###-####x###", "(###)###-####x####",
    "+1-###-###-####", "001-###-###-####", "+1-###-###-####x###",
)  # fmt: skip
SECONDARY = ("Apt. ###", "Suite ###", "Unit ##", "Flat #", "Apt. #")
STREET_WORDS = ("Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Lake", "Hill", "Park", "Mill")
STREET_SUFFIX = ("Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way", "Place")
TLDS = ("com", "org", "net", "info", "io", "de", "co.uk")


def _sources(source: Path | None) -> tuple[str, list[dict[str, str]]]:
    """Templates text and identity rows, from a wheel or from the installed package."""
    if source is not None:
        with zipfile.ZipFile(source) as whl:
            templates = whl.read(RAW + "templates.txt").decode("utf-8")
            people = whl.read(RAW + "FakeNameGenerator.com_3000.csv").decode("utf-8-sig")
    else:
        dist = metadata.distribution("presidio-evaluator")
        templates = Path(str(dist.locate_file(RAW + "templates.txt"))).read_text("utf-8")
        people = Path(str(dist.locate_file(RAW + "FakeNameGenerator.com_3000.csv"))).read_text(
            "utf-8-sig"
        )
    return templates, list(csv.DictReader(io.StringIO(people)))


def _fill(rng: random.Random, pattern: str) -> str:
    return "".join(str(rng.randint(0, 9)) if ch == "#" else ch for ch in pattern)


class Renderer:
    """Renders one template with one identity, recording the PHI spans it writes."""

    def __init__(self, rng: random.Random, person: dict[str, str], others: list[dict[str, str]]):
        self.rng = rng
        self.p = person
        self.others = others
        self.parts: list[str] = []
        self.spans: list[dict[str, Any]] = []
        self.length = 0

    def put(self, text: str, kind: str | None = None) -> None:
        if kind is not None and text.strip():
            lead = len(text) - len(text.lstrip())
            value = text.strip()
            start = self.length + lead
            self.spans.append(
                {"start": start, "end": start + len(value), "type": kind, "text": value}
            )
        self.parts.append(text)
        self.length += len(text)

    def other(self) -> dict[str, str]:
        return self.rng.choice(self.others)

    def name(self, row: dict[str, str], part: str = "full") -> str:
        first, last = row["GivenName"], row["Surname"]
        if part == "first":
            value = first
        elif part == "last":
            value = last
        elif self.rng.random() > 0.2:
            value = f"{first} {last}"
        else:
            value = f"{first} {row['MiddleInitial']}{self.rng.choice(('. ', ' '))}{last}"
        return value.lower() if self.rng.random() < 0.05 else value

    def street(self, row: dict[str, str]) -> str:
        return row["StreetAddress"]

    def address(self) -> None:
        """One of presidio-evaluator's address layouts; each PHI line is an ADDRESS span."""
        p, rng = self.p, self.rng
        street = p["StreetAddress"]
        sec = _fill(rng, rng.choice(SECONDARY))
        layouts = [
            [(street, "A"), (", ", None), (p["City"], "A"), (", ", None), (p["CountryFull"], None)],
            [(f"{street} {sec}", "A"), (", ", None), (p["City"], "A"), (", ", None),
             (p["CountryFull"], None), (" ", None), (p["ZipCode"], "A")],
            [(street, "A"), ("\n", None), (f"{p['City']}, {p['State']} {p['ZipCode']}", "A")],
            [(street, "A"), ("\n", None), (p["City"], "A"), ("\n, ", None),
             (p["State"], None), ("\n ", None), (p["ZipCode"], "A")],
            [(street, "A"), ("\n ", None), (sec, "A"), ("\n ", None), (p["City"], "A"),
             ("\n ", None), (p["CountryFull"], None), (" ", None), (p["ZipCode"], "A")],
        ]  # fmt: skip
        for text, kind in rng.choice(layouts):
            self.put(text, "ADDRESS" if kind else None)

    def value(self, key: str) -> tuple[str, str | None]:
        """The text for one placeholder and its PHI type (None: not PHI)."""
        p, rng = self.p, self.rng
        if key in ("person", "name", "name_female", "name_male"):
            return self.name(p), "NAME"
        if key.startswith("first_name"):
            return self.name(self.other(), "first"), "NAME"
        if key.startswith("last_name"):
            return self.name(self.other(), "last"), "NAME"
        if key == "city":
            return self.other()["City"], "ADDRESS"
        if key == "street_name":
            row = self.other()
            street = re.sub(r"^\d+\w?\s+|\s+\d+\w?$", "", row["StreetAddress"]) or "Main St"
            return street, "ADDRESS"
        if key == "building_number":
            return str(rng.randint(1, 9999)), "ADDRESS"
        if key == "secondary_address":
            return _fill(rng, rng.choice(SECONDARY)), "ADDRESS"
        if key in ("postcode", "zipcode"):
            return self.other()["ZipCode"], "ADDRESS"
        if key == "phone_number":
            if rng.random() < 0.5:
                row = self.other()
                return row["TelephoneNumber"], "PHONE"
            return _fill(rng, rng.choice(PHONE_FORMATS)), "PHONE"
        if key == "email":
            return self.other()["EmailAddress"], "EMAIL"
        if key == "url":
            domain = self.other()["Domain"]
            return rng.choice((f"https://www.{domain}", f"http://{domain}/", domain)), "URL"
        if key == "ip_address":
            if rng.random() < 0.7:
                return ".".join(str(rng.randint(1, 254)) for _ in range(4)), "IP"
            return ":".join(f"{rng.randint(0, 65535):x}" for _ in range(8)), "IP"
        if key == "ssn":
            return _fill(rng, rng.choice(("###-##-####", "#########", "### ## ####"))), "SSN"
        if key == "us_driver_license":
            return _fill(rng, rng.choice(("A#######", "########", "H##-###-###"))), "LICENSE"
        if key == "credit_card_number":
            fmt = rng.choice(("#### #### #### ####", "################", "####-####-####-####"))
            return _fill(rng, fmt), "ACCOUNT"
        if key == "iban":
            cc = rng.choice(("DE", "GB", "FR", "NL", "ES", "IT"))
            return cc + _fill(rng, "## #### #### #### #### ##"), "ACCOUNT"
        if key in ("date_of_birth", "date_time"):
            return self.date(), "DATE"
        if key == "age":
            age = rng.choice((rng.randint(1, 89), rng.randint(90, 104)))
            return str(age), "AGE_OVER_89" if age > 89 else None
        if key == "country":
            return self.other()["CountryFull"], None
        if key == "state_abbr":
            return self.other()["State"], None
        if key == "organization":
            return self.other()["Company"], None
        if key == "job":
            return self.other()["Occupation"], None
        if key == "year":
            return str(rng.randint(1950, 2025)), None
        if key == "day_of_week":
            return rng.choice(("Monday", "Tuesday", "Friday", "Sunday")), None
        if key.startswith("prefix"):
            return p["Title"], None
        if key.startswith("nation"):
            return rng.choice(("French", "Japanese", "Brazilian", "Danish", "Kenyan")), None
        return key, None

    def date(self) -> str:
        rng = self.rng
        m, d, y = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1930, 2025)
        months = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")  # fmt: skip
        return rng.choice(
            (
                f"{m}/{d}/{y}", f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}",
                f"{months[m - 1]} {d}, {y}", f"{d} {months[m - 1]} {y}", f"{months[m - 1]} {d}",
            )
        )  # fmt: skip

    def render(self, template: str) -> None:
        pos = 0
        for m in PLACEHOLDER.finditer(template):
            self.put(template[pos : m.start()])
            if m.group(1) == "address":
                self.address()
            else:
                text, kind = self.value(m.group(1))
                self.put(text, kind)
            pos = m.end()
        self.put(template[pos:])


def build(source: Path | None, count: int, seed: int) -> list[dict[str, Any]]:
    templates_text, people = _sources(source)
    templates = [
        t.strip().replace("\\n", "\n").replace("\\,", ",")
        for t in templates_text.splitlines()
        if t.strip() and "{{" in t
    ]
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        r = Renderer(rng, rng.choice(people), people)
        r.render(rng.choice(templates))
        text = "".join(r.parts)
        for span in r.spans:
            assert text[span["start"] : span["end"]] == span["text"]
        rows.append({"id": f"pub-{i:04d}", "input": {"text": text}, "expected": {"spans": r.spans}})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, help="presidio_evaluator wheel (else installed)")
    parser.add_argument("--out", type=Path, default=Path("out/phi-public/phi.jsonl"))
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=20261206)
    args = parser.parse_args()
    rows = build(args.source, args.count, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    spans = sum(len(r["expected"]["spans"]) for r in rows)
    print(f"wrote {len(rows)} texts, {spans} spans to {args.out}")


if __name__ == "__main__":
    main()
