#!/usr/bin/env python3
"""Generate the identifier tuning corpus ``evals/data/tune/phi_ids.jsonl`` (FORMAT.md).

The second PHI tune file (issue 16): identifiers whose label or shape a rule may not know.
Device serials, plates and VINs, plan and member ids, MRNs, accounts, licences and other
numbers in many shapes (letters and digits with dashes, dots, slashes or spaces; short and
long; with a state or country prefix) and under many labels ("S/N", "pump ID", "lic plate",
"tag #", "Mbr ID", "Chart No.", "record #", "acct", "expediente", "placa", "póliza"...), in
English and Spanish, in key: value forms (colons, dashes, dotted leaders), in tables whose
column headers name the value (space-aligned, pipe and CSV), and in prose.

Distractors that are not PHI sit beside them (the labelling conventions of
``evals/data/README.md``): lot numbers, model and catalogue (REF) numbers, firmware versions,
ICD-10-CM / CPT / HCPCS / NDC codes (dotted and undotted), RxBIN / PCN, doses, lab values with
reference ranges, device settings, times, rooms and beds, counts. Group numbers are
HEALTH_PLAN_ID (the first synthetic set's convention).

Every value is invented: pools are written here, plates and serials are random, VINs carry a
valid ISO 3779 check digit, phone numbers use the 555-01xx range.

    python3 scripts/synth/phi_ids.py            # writes evals/data/tune/phi_ids.jsonl
    python3 scripts/synth/phi_ids.py --check    # compares with the committed file
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from phi_tune import fill, noisy, render

OUT = Path(__file__).resolve().parents[2] / "evals" / "data" / "tune" / "phi_ids.jsonl"

FIRST = """Aurelio Bettina Caoimhe Desmond Eszter Florin Gunnhild Hollis Imelda Joaquim Kasimir
Ludmila Marisol Nikodem Orla Perpetua Quirino Rosalind Severin Tahmina Umberto Verity Wendell
Ysolde Zebedee Anouk Brigida Cormac Dorotea Evander""".split()
LAST = """Abernathy Bergkamp Cienfuegos Dunleavy Esterhazy Fairweather Gorostiaga Hollingsworth
Ibarguen Jablonski Kavanagh Leclercq Mortensen Nwachukwu Oyarzabal Pennington Quintanilla
Rosenquist Szczepanski Thorvaldsen Urquhart Villalobos Wetherby Yevtushenko Zamora""".split()
STATES = ["TX", "CA", "OH", "NY", "FL", "WA", "AZ", "GA", "MN", "NC"]
STATE_NAMES = {"TX": "Texas", "CA": "California", "OH": "Ohio", "FL": "Florida", "WA": "Washington"}

# ---------------------------------------------------------------- identifier shapes
MRN_SHAPES = (
    "#######", "########", "00######", "MR-######", "M#######", "E########", "## ### ###",
    "####-###-#", "H#####-#", "###.###.##", "#######/#", "RX##-#####", "A##-####-##",
    "#######@",
)  # fmt: skip
PLAN_SHAPES = (
    "@@@#########", "W#########", "W######### ##", "@@@-###-###-###", "@@@ ### ## ####",
    "#########-01", "ZG@########", "MA-########", "U#### #### ##", "@@#######-##",
    "####-####-####", "@########", "###@@####@",
)  # fmt: skip
SERIAL_SHAPES = (
    "@@@######@", "SN-####-@@##", "####-####-####", "@@@ ### ###", "#@@#@@", "#####/@@",
    "@@.####.##", "RL@######", "@#@-##-####", "########", "@@@@######", "#@@@-####-@",
    "#########@@",
)  # fmt: skip
ACCOUNT_SHAPES = ("ACCT-#######", "########", "##-#####-##", "G#########", "#### #### ##")
LICENSE_SHAPES = ("D###-####-####", "@#######", "### ### ###", "@@#######", "@###-###-##-###")
OTHER_SHAPES = ("##-#####", "CS-##-#####", "@@-####", "########", "T-####-@@", "##@#####")
# Plates by country: (format, country or None for a US state plate)
PLATES = (
    ("#@@@###", None), ("@@@ ####", None), ("@@@-####", None), ("### @@@", None),
    ("#@@@##", None), ("@@# ####", None), ("##@ @##", None), ("@@-###-@@", "France"),
    ("@-@@ ####", "Germany"), ("#### @@@", "Spain"), ("@@## @@@", "UK"),
    ("@@ ## @@ ####", "India"), ("@@@ ###", "Sweden"), ("@@ ####", "Ireland"),
)  # fmt: skip

_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7, "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}  # fmt: skip
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin(rng: random.Random) -> str:
    """A 17-character VIN with a valid ISO 3779 / FMVSS 115 check digit (position 9)."""
    chars = [rng.choice(_VIN_CHARS) for _ in range(17)]
    chars[9] = rng.choice("ABCDEFGHJKLMNPRSTVWXY123456789")  # model year
    for i in range(12, 17):
        chars[i] = rng.choice(string.digits)
    total = sum(_VIN_VALUES[c] * w for c, w in zip(chars, _VIN_WEIGHTS, strict=True))
    chars[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(chars)


class Gen:
    """Random values of each kind."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return self.r.choice(options)

    def name(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def mrn(self) -> str:
        return fill(self.r, self.pick(MRN_SHAPES))

    def plan(self) -> str:
        return fill(self.r, self.pick(PLAN_SHAPES))

    def serial(self) -> str:
        return fill(self.r, self.pick(SERIAL_SHAPES))

    def account(self) -> str:
        return fill(self.r, self.pick(ACCOUNT_SHAPES))

    def licence(self) -> str:
        return fill(self.r, self.pick(LICENSE_SHAPES))

    def other(self) -> str:
        return fill(self.r, self.pick(OTHER_SHAPES))

    def plate(self, *, us_only: bool = False) -> tuple[str, str | None]:
        shape, country = self.pick([p for p in PLATES if not us_only or p[1] is None])
        return fill(self.r, shape), country

    def vin(self) -> str:
        value = vin(self.r)
        return value.lower() if self.r.random() < 0.1 else value

    def mac(self) -> str:
        octets = ["00", "00", "5E", "00", "53", f"{self.r.randrange(256):02X}"]
        style = self.r.randrange(4)
        if style == 0:
            return ":".join(octets)
        if style == 1:
            return "-".join(o.lower() for o in octets)
        if style == 2:
            return "".join(octets)
        joined = "".join(octets).lower()
        return f"{joined[:4]}.{joined[4:8]}.{joined[8:]}"

    def phone(self) -> str:
        return fill(self.r, self.pick(("(555) 010-####", "555-010-####", "555.010.####")))

    def date(self) -> str:
        r = self.r
        months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
        d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(2015, 2025)
        return r.choice(
            (f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d} {months[m - 1]} {y}",
             f"{months[m - 1]} {d}, {y}")
        )  # fmt: skip


# ---------------------------------------------------------------- distractors (not PHI)
def distractors(g: Gen) -> list[str]:
    """Clinical and product numbers that are not identifiers of a person."""
    r = g.r
    return [
        f"Lot {fill(r, g.pick(('@#####', '##@####', '@@####@', '#####-##')))}",
        f"LOT# {fill(r, '@####@')}",
        f"Model {fill(r, g.pick(('@@###', '@@-####', '####-##', '@###@@##')))}",
        f"REF {fill(r, g.pick(('###-####', '@@####', '#####')))}",
        f"firmware v{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 20)}",
        f"NDC {fill(r, g.pick(('#####-####-#', '####-####-##', '#####-###-##')))}",
        g.pick(("E11.65", "E1165", "M54.16", "M5416", "I48.91", "G47.33", "Z95.0", "Z950")),
        g.pick(("CPT 33249", "CPT 93296", "HCPCS E0601", "K0001", "E0470", "A4253", "J1745")),
        f"RxBIN {fill(r, '######')}",
        f"PCN {fill(r, g.pick(('@@@@', '#####')))}",
        g.pick(("metoprolol 25 mg BID", "insulin lispro 12 units", "apixaban 5 mg")),
        f"WBC {r.randint(4, 14)}.{r.randint(0, 9)} (ref 4.5-11.0)",
        f"K {r.randint(3, 5)}.{r.randint(0, 9)} mmol/L",
        f"lower rate {r.choice((50, 60, 70))} bpm, AV delay {r.choice((150, 180, 200))} ms",
        f"battery longevity {r.randint(2, 11)} years",
        f"at {r.randint(0, 23):02d}:{r.choice((0, 15, 30, 45)):02d}",
        f"Room {r.randint(100, 899)}{r.choice(('', 'A', 'B'))}",
        f"bed {r.randint(1, 40)}",
        f"{r.randint(2, 12)} refills",
        f"INR {r.randint(1, 3)}.{r.randint(0, 9)}",
        f"BP {r.randint(100, 160)}/{r.randint(60, 95)}",
        f"eGFR {r.randint(30, 90)} mL/min",
    ]


def clutter(g: Gen, n: int) -> str:
    return "; ".join(g.r.sample(distractors(g), n))


# ---------------------------------------------------------------- labels
DEVICE_LABELS = (
    "S/N", "SN", "SN#", "S/N:", "Serial", "Serial #", "serial no.", "Serial Number", "Ser. No.",
    "serial num", "Device ID", "device serial", "pump ID", "pump serial", "implant ID",
    "implant serial", "generator SN", "transmitter ID", "sensor serial", "receiver S/N",
    "CPAP serial", "asset tag", "equipment ID", "IMEI",
)  # fmt: skip
VEHICLE_LABELS = (
    "plate", "license plate", "licence plate", "lic plate", "lic. plate #", "plate #", "tag",
    "tag #", "tags", "plate no.", "registration plate", "reg. plate",
)  # fmt: skip
PLAN_LABELS = (
    "Member ID", "Member #", "Mbr ID", "Member No.", "Subscriber ID", "Subscriber #",
    "Subscriber No", "Policy #", "Policy No.", "Policy Number", "Ins ID", "Insurance ID",
    "Enrollee ID", "Cardholder ID", "Recipient ID", "Medicaid #", "Medicaid ID", "Beneficiary ID",
    "Plan ID", "ID Number",
)  # fmt: skip
MRN_LABELS = (
    "MRN", "MRN#", "MR#", "Med Rec #", "Medical Record Number", "Med. Rec. No.", "Chart #",
    "Chart No.", "Record #", "Hospital #", "Hosp No", "Unit No.", "Pt ID", "Patient ID", "EMR #",
    "Medical record",
)  # fmt: skip
ACCOUNT_LABELS = ("Acct", "Acct #", "Account No.", "Billing acct", "Guarantor acct", "Claim #")
LICENSE_LABELS = ("DL", "DL#", "Driver's license", "Driver License No.", "Drivers lic")
OTHER_LABELS = (
    "Case #", "Badge", "Employee ID", "Accession #", "Specimen ID", "Confirmation #",
    "Encounter #", "Visit #", "CSN", "Order #", "Tow ticket", "Incident #",
)  # fmt: skip
LABELS = {
    "DEVICE_ID": (DEVICE_LABELS, Gen.serial),
    "HEALTH_PLAN_ID": (PLAN_LABELS, Gen.plan),
    "MRN": (MRN_LABELS, Gen.mrn),
    "ACCOUNT": (ACCOUNT_LABELS, Gen.account),
    "LICENSE": (LICENSE_LABELS, Gen.licence),
    "OTHER_ID": (OTHER_LABELS, Gen.other),
}
ES_LABELS = {
    "DEVICE_ID": ("Número de serie", "N.º de serie", "Núm. serie", "serie del equipo"),
    "HEALTH_PLAN_ID": ("Número de afiliado", "Póliza", "N.º de póliza", "ID de miembro"),
    "MRN": ("Expediente", "N.º de expediente", "Historia clínica", "NHC"),
    "ACCOUNT": ("Cuenta", "N.º de cuenta"),
    "LICENSE": ("Licencia de conducir", "Licencia"),
    "OTHER_ID": ("Folio", "N.º de caso"),
}
SEPARATORS = (": ", " ", " - ", ": ", " # ", " = ", ":  ", " ........ ", " .... : ")

Doc = Callable[[Gen], str]


def kv(g: Gen, kind: str, *, spanish: bool = False) -> str:
    labels, make = LABELS[kind]
    label = g.pick(ES_LABELS[kind] if spanish else labels)
    sep = g.pick(SEPARATORS)
    if label.endswith((":", "#")) and sep.startswith(" #"):
        sep = " "
    return f"{label}{sep}⟦{kind}:{make(g)}⟧"


# ---------------------------------------------------------------- families
def implant_card(g: Gen) -> str:
    r = g.r
    lines = [
        g.pick(("IMPLANTED DEVICE RECORD", "Implant registration", "Device interrogation")),
        f"Patient: ⟦NAME:{g.name()}⟧    {kv(g, 'MRN')}",
        f"Device: {g.pick(('dual-chamber pacemaker', 'ICD', 'insulin pump', 'CGM', 'CPAP'))}",
        f"Manufacturer model: {fill(r, g.pick(('@@###', '@@-####')))}    {kv(g, 'DEVICE_ID')}",
        f"Lot: {fill(r, '@####@')}    REF {fill(r, '###-####')}",
        f"Implanted ⟦DATE:{g.date()}⟧ by Dr. ⟦NAME:{g.pick(LAST)}⟧",
        f"Lead {fill(r, '####')}-{r.choice((52, 58, 65))} cm, {kv(g, 'DEVICE_ID')}",
        f"Settings: {clutter(g, 3)}.",
    ]
    if r.random() < 0.5:
        lines.append(f"Home monitor MAC ⟦DEVICE_ID:{g.mac()}⟧, {kv(g, 'DEVICE_ID')}")
    return "\n".join(lines)


def insurance_card(g: Gen) -> str:
    r = g.r
    plan = g.pick(("Lakeshore Mutual", "Piedmont Health Partners", "Sierra Crest Plan"))
    rows = [
        f"{plan.upper()}",
        f"Member: ⟦NAME:{g.name().upper()}⟧",
        kv(g, "HEALTH_PLAN_ID"),
        group_line(g),
        f"RxBIN {fill(r, '######')}   RxPCN {fill(r, '@@@@')}   RxGrp {fill(r, '@@@##')}",
        "Copay PCP $25 / Specialist $50 / ER $250",
        f"Subscriber: ⟦NAME:{g.name()}⟧   DOB ⟦DATE:{g.date()}⟧",
        f"Customer service ⟦PHONE:{g.phone()}⟧",
    ]
    if r.random() < 0.5:
        rows.insert(3, f"Medicare MBI ⟦HEALTH_PLAN_ID:{fill(r, '#@@#-@@#-@@##')}⟧")
    return "\n".join(rows)


def group_line(g: Gen) -> str:
    """A group number, labelled as a number ("Group #"): HEALTH_PLAN_ID, as in the first
    synthetic set."""
    value = fill(g.r, g.pick(("#####", "GRP-#####", "@#####")))
    return f"{g.pick(('Group #', 'Group No.', 'Group Number'))} ⟦HEALTH_PLAN_ID:{value}⟧"


def _column_table(g: Gen, header: list[str], rows: list[list[str]]) -> str:
    """A space-aligned table (values may be markers; widths count the visible text)."""

    def visible(cell: str) -> str:
        return render(cell)[0]

    columns = zip(header, *rows, strict=True)
    widths = [max(len(visible(c)) for c in col) + g.r.randint(2, 5) for col in columns]
    out = []
    for row in [header, *rows]:
        cells = zip(row, widths, strict=True)
        out.append("".join(c + " " * (w - len(visible(c))) for c, w in cells).rstrip())
    return "\n".join(out)


def device_table(g: Gen) -> str:
    r = g.r
    serial_head = g.pick(("Serial", "S/N", "Serial No.", "SN", "Serial #", "Device ID"))
    header = ["Device", "Model", "Lot", serial_head, "Implanted"]
    rows = []
    for device in r.sample(["Generator", "RA lead", "RV lead", "Pump", "Sensor", "Hub"], 3):
        rows.append(
            [device, fill(r, g.pick(("@@###", "####-##", "@@@-##"))), fill(r, "@####@"),
             f"⟦DEVICE_ID:{g.serial()}⟧", f"⟦DATE:{g.date()}⟧"]
        )  # fmt: skip
    intro = f"Device inventory for ⟦NAME:{g.name()}⟧ ({kv(g, 'MRN')})"
    return f"{intro}\n\n{_column_table(g, header, rows)}\n\n{clutter(g, 3)}."


def vehicle_table(g: Gen) -> str:
    r = g.r
    sep = g.pick((" | ", ", "))
    plate_head = g.pick(("Plate", "Tag", "Lic Plate", "Plate #", "Tag No."))
    header = ["Unit", "Make", plate_head, "State", "VIN"]
    lines = [sep.join(header)]
    for unit in range(1, r.randint(2, 4)):
        plate, _ = g.plate(us_only=True)
        lines.append(
            sep.join([str(unit), g.pick(("Ford", "Honda", "Kia", "Subaru", "Toyota")),
                      f"⟦VEHICLE:{plate}⟧", g.pick(STATES), f"⟦VEHICLE:{g.vin()}⟧"])
        )  # fmt: skip
    return (
        f"CRASH REPORT ⟦OTHER_ID:{fill(r, '####-#####')}⟧ / {kv(g, 'OTHER_ID')}\n"
        f"Driver 1: ⟦NAME:{g.name()}⟧, {kv(g, 'LICENSE')}\n" + "\n".join(lines) + "\n"
        f"Transported to ED at {r.randint(10, 23)}:{r.choice(('05', '20', '40'))}. "
        f"{clutter(g, 2)}."
    )


def csv_export(g: Gen) -> str:
    r = g.r
    kinds = r.sample(["MRN", "HEALTH_PLAN_ID", "ACCOUNT", "DEVICE_ID"], 3)
    heads = {
        "MRN": g.pick(("MRN", "Chart", "MedRecNo")),
        "HEALTH_PLAN_ID": g.pick(("MemberID", "Policy", "SubscriberNo")),
        "ACCOUNT": g.pick(("Acct", "AccountNo", "FIN_Acct")),
        "DEVICE_ID": g.pick(("PumpSerial", "DeviceSN", "Serial")),
    }
    lines = ["Name," + ",".join(heads[k] for k in kinds) + ",DxCode,Units"]
    for _ in range(r.randint(2, 4)):
        cells = [f"⟦{k}:{LABELS[k][1](g).replace(' ', '')}⟧" for k in kinds]
        lines.append(
            f"⟦NAME:{g.pick(LAST)} {g.pick(FIRST)}⟧," + ",".join(cells)
            + f",{g.pick(('E1165', 'I4891', 'M5416', 'Z950'))},{r.randint(1, 30)}"
        )  # fmt: skip
    return f"Export of ⟦DATE:{g.date()}⟧\n" + "\n".join(lines)


def face_sheet(g: Gen) -> str:
    r = g.r
    pad = " " * r.randint(3, 9)
    return "\n".join(
        [
            "FACE SHEET" + pad + g.pick(("ADMISSION", "REGISTRATION")),
            f"Patient: ⟦NAME:{g.pick(LAST).upper()}, {g.pick(FIRST).upper()}⟧{pad}{kv(g, 'MRN')}",
            f"{kv(g, 'ACCOUNT')}{pad}{kv(g, 'HEALTH_PLAN_ID')}",
            f"Admit: ⟦DATE:{g.date()}⟧{pad}Room {r.randint(200, 799)}-{r.choice('AB')}",
            f"Guarantor: ⟦NAME:{g.name()}⟧{pad}{kv(g, 'ACCOUNT')}",
            f"{kv(g, 'LICENSE')}{pad}Phone: ⟦PHONE:{g.phone()}⟧",
            f"Dx: {clutter(g, 2)}",
        ]
    )


def ems_prose(g: Gen) -> str:
    r = g.r
    plate, country = g.plate()
    state = g.pick(STATES)
    if country is None:
        style = r.randrange(4)
        if style == 0:
            plate_text = f"⟦VEHICLE:{state} {plate}⟧"
        elif style == 1:
            plate_text = f"{STATE_NAMES.get(state, 'Nevada')} ⟦VEHICLE:{plate}⟧"
        elif style == 2:
            plate_text = f"⟦VEHICLE:{plate}⟧ ({state})"
        else:
            plate_text = f"⟦VEHICLE:{plate}⟧"
    else:
        plate_text = f"{country} ⟦VEHICLE:{plate}⟧"
    label = g.pick(VEHICLE_LABELS)
    cue = g.pick(
        (f"{label} {plate_text}", f"{label}: {plate_text}", f"{label} reads {plate_text}",
         f"{label} number is {plate_text}", f"a {label} of {plate_text}")
    )  # fmt: skip
    vin_text = g.pick(
        (f"VIN ⟦VEHICLE:{g.vin()}⟧", f"V.I.N. ⟦VEHICLE:{g.vin()}⟧",
         f"vehicle identification number ⟦VEHICLE:{g.vin()}⟧", f"⟦VEHICLE:{g.vin()}⟧")
    )  # fmt: skip
    return (
        f"EMS narrative: unit arrived at {r.randint(0, 23):02d}:{r.randint(0, 59):02d}; "
        f"patient ⟦NAME:{g.name()}⟧ was the restrained driver of a "
        f"{g.pick(('grey', 'blue', 'white'))} {g.pick(('sedan', 'pickup', 'minivan'))}, {cue}, "
        f"{vin_text}. Other vehicle fled; witness gave a partial {g.pick(VEHICLE_LABELS)} "
        f"⟦VEHICLE:{fill(r, g.pick(('@@@ ##', '#@@@', '@@-##')))}⟧. "
        f"{g.pick(('Officer', 'Deputy', 'Trooper'))} ⟦NAME:{g.pick(LAST)}⟧, "
        f"{kv(g, 'OTHER_ID')}. GCS 15; {clutter(g, 2)}."
    )


def portal_message(g: Gen) -> str:
    r = g.r
    device = g.pick(("insulin pump", "CGM receiver", "CPAP machine", "hearing aids", "oxygen "
                     "concentrator", "home INR meter"))  # fmt: skip
    said = g.pick(
        (f"the serial on the back is ⟦DEVICE_ID:{g.serial()}⟧",
         f"it says SN ⟦DEVICE_ID:{g.serial()}⟧ on the sticker",
         f"serial number ⟦DEVICE_ID:{g.serial()}⟧ (model {fill(r, '@@-###')})",
         f"device id is ⟦DEVICE_ID:{g.serial()}⟧")
    )  # fmt: skip
    plan = g.pick(
        (f"my member number is ⟦HEALTH_PLAN_ID:{g.plan()}⟧",
         f"her Medicaid number is ⟦HEALTH_PLAN_ID:{g.plan()}⟧",
         f"policy ⟦HEALTH_PLAN_ID:{g.plan()}⟧ with Lakeshore Mutual",
         f"the insurance ID on the card is ⟦HEALTH_PLAN_ID:{g.plan()}⟧")
    )  # fmt: skip
    chart = g.pick(
        (f"chart number ⟦MRN:{g.mrn()}⟧", f"her MRN is ⟦MRN:{g.mrn()}⟧",
         f"hospital number ⟦MRN:{g.mrn()}⟧", f"record # ⟦MRN:{g.mrn()}⟧")
    )  # fmt: skip
    return (
        f"Hi, this is ⟦NAME:{g.name()}⟧. My mother's {device} stopped working last night; {said}. "
        f"The supplier needs a new order. Also {plan}, and the clinic asked for the {chart}. "
        f"She takes {g.pick(('metoprolol 25 mg BID', 'apixaban 5 mg twice a day'))}, lot "
        f"{fill(r, '@####@')} on the box. Call me at ⟦PHONE:{g.phone()}⟧ after "
        f"{r.randint(1, 5)} pm. Thanks"
    )


def spanish_form(g: Gen) -> str:
    r = g.r
    plate, _ = g.plate()
    return "\n".join(
        [
            g.pick(("HOJA DE INGRESO", "Registro de paciente", "FORMULARIO DE ADMISIÓN")),
            f"Paciente: ⟦NAME:{g.name()}⟧   {kv(g, 'MRN', spanish=True)}",
            f"Aseguradora: Salud Andina   {kv(g, 'HEALTH_PLAN_ID', spanish=True)}",
            f"{kv(g, 'ACCOUNT', spanish=True)}   {kv(g, 'LICENSE', spanish=True)}",
            f"Vehículo: {g.pick(('placa', 'matrícula', 'patente', 'número de placa'))} "
            f"⟦VEHICLE:{plate}⟧",
            f"Equipo: bomba de insulina, {kv(g, 'DEVICE_ID', spanish=True)}, lote "
            f"{fill(r, '@####@')}, modelo {fill(r, '@@-###')}",
            f"Fecha de ingreso: ⟦DATE:{r.randint(1, 28)} de "
            f"{g.pick(('enero', 'marzo', 'julio', 'octubre'))} de {r.randint(2020, 2026)}⟧",
            f"Diagnóstico: {g.pick(('E11.65', 'I10', 'J45.909'))}; "
            f"{g.pick(('metformina 850 mg', 'losartán 50 mg'))}",
        ]
    )


def spanish_message(g: Gen) -> str:
    r = g.r
    return (
        f"Hola, soy ⟦NAME:{g.name()}⟧. La placa del carro de mi papá es "
        f"⟦VEHICLE:{g.plate()[0]}⟧ y lo dejamos en el estacionamiento. Su número de afiliado es "
        f"⟦HEALTH_PLAN_ID:{g.plan()}⟧ y el expediente ⟦MRN:{g.mrn()}⟧. El concentrador de "
        f"oxígeno tiene el número de serie ⟦DEVICE_ID:{g.serial()}⟧ (modelo "
        f"{fill(r, '@@###')}). Gracias."
    )


def dotted_form(g: Gen) -> str:
    kinds = ["MRN", "HEALTH_PLAN_ID", "DEVICE_ID", "ACCOUNT", "OTHER_ID", "LICENSE"]
    g.r.shuffle(kinds)
    lines = [f"Name ........................ ⟦NAME:{g.name()}⟧"]
    for kind in kinds[:4]:
        labels, make = LABELS[kind]
        label = g.pick(labels)
        lines.append(f"{label} {'.' * (28 - len(label))} ⟦{kind}:{make(g)}⟧")
    lines.append(f"Model number ................ {fill(g.r, '@@-####')}")
    lines.append(f"Lot number .................. {fill(g.r, '@####@')}")
    lines.append(f"Diagnosis ................... {clutter(g, 1)}")
    return "\n".join(lines)


def header_over_values(g: Gen) -> str:
    """A flattened form: the label on one line, the value on the next."""
    r = g.r
    kinds = r.sample(["MRN", "HEALTH_PLAN_ID", "DEVICE_ID", "ACCOUNT"], 2)
    parts = []
    for kind in kinds:
        labels, make = LABELS[kind]
        parts.append(f"{g.pick(labels)}\n⟦{kind}:{make(g)}⟧")
    return (
        f"Patient\n⟦NAME:{g.name()}⟧\n" + "\n".join(parts)
        + f"\nDate of service\n⟦DATE:{g.date()}⟧\nCodes\n{clutter(g, 2)}"
    )  # fmt: skip


def lab_report(g: Gen) -> str:
    r = g.r
    return (
        f"LAB REPORT   {kv(g, 'OTHER_ID')}   {kv(g, 'MRN')}\n"
        f"Patient: ⟦NAME:{g.name()}⟧   Collected ⟦DATE:{g.date()}⟧ "
        f"{r.randint(6, 11):02d}:{r.choice((0, 30)):02d}\n"
        f"Specimen ID ⟦OTHER_ID:{fill(r, '@@-##-#######')}⟧\n"
        f"Glucose {r.randint(70, 250)} mg/dL (70-99); HbA1c {r.randint(5, 11)}.{r.randint(0, 9)}% "
        f"(4.0-5.6); {clutter(g, 3)}\nAnalyzer {fill(r, '@@-####')} firmware "
        f"v{r.randint(1, 5)}.{r.randint(0, 9)}; reagent lot {fill(r, '#####@')}"
    )


def unknown_labels(g: Gen) -> str:
    """Identifier-shaped values after labels no list names: still identifiers."""
    r = g.r
    labels = ("Locker", "Voucher", "Wristband", "Kiosk check-in", "Portal user", "Cot",
              "Parking permit", "Transport request", "Interpreter job", "Meal ticket")  # fmt: skip
    chosen = r.sample(labels, 3)
    lines = [f"Visitor log ⟦DATE:{g.date()}⟧ — ⟦NAME:{g.name()}⟧"]
    for label in chosen:
        value = fill(r, g.pick(("@@-#####", "#####-@", "@#@#-####", "######", "@-####-##")))
        lines.append(f"{label} {g.pick(('ID', 'no.', '#', 'code'))}: ⟦OTHER_ID:{value}⟧")
    lines.append(f"Notes: {clutter(g, 3)}.")
    return "\n".join(lines)


_SAY = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def spoken(g: Gen, digits: str) -> str:
    """Digits read out: one word each, "oh" for some zeros, commas between groups."""
    words = [("oh" if d == "0" and g.r.random() < 0.5 else _SAY[int(d)]) for d in digits]
    if g.r.random() < 0.5:
        return " ".join(words)
    return ", ".join(" ".join(words[i : i + 3]) for i in range(0, len(words), 3))


def dictation(g: Gen) -> str:
    """A dictated note: identifiers, phone numbers and dates read out in words."""
    r = g.r
    months = "January February March April May June July August September October".split()
    ordinals = ("first", "third", "fifth", "ninth", "twelfth", "twentieth", "twenty-second")
    years = ("nineteen thirty-one", "nineteen forty-eight", "nineteen fifty-two")
    mrn = fill(r, "########")
    phone = "555010" + fill(r, "####")
    lines = [
        f"This is Dr. ⟦NAME:{g.pick(LAST)}⟧ dictating on ⟦NAME:{g.name()}⟧, "
        f"{g.pick(('medical record number', 'MRN', 'M R N', 'chart number'))} "
        f"⟦MRN:{spoken(g, mrn)}⟧, date of birth ⟦DATE:{g.pick(months)} "
        f"{g.pick(ordinals)}, {g.pick(years)}⟧.",
        f"Blood pressure one forty over ninety, pulse eighty-two, pain six out of ten. "
        f"Take two tablets twice a day for {g.pick(('five', 'seven', 'ten'))} days.",
        f"Daughter ⟦NAME:{g.pick(FIRST)}⟧ can be reached at ⟦PHONE:{spoken(g, phone)}⟧.",
        f"{g.pick(('Member ID', 'Policy number', 'Medicaid number'))} is ⟦HEALTH_PLAN_ID:"
        f"{g.pick(('W', 'K', 'M'))} {spoken(g, fill(r, '#######'))}⟧. Symptoms began in "
        f"twenty {g.pick(('nineteen', 'twenty', 'twenty-two'))}; grade two of four.",
    ]
    r.shuffle(lines)
    return " ".join(lines)


def sign_in_sheet(g: Gen) -> str:
    """A vaccine clinic sign-in sheet: ZIP codes alone in their column, lots in theirs."""
    r = g.r
    rows = [["Name", "ZIP", "Vaccine", "Lot", "Time"]]
    for _ in range(r.randint(3, 5)):
        rows.append(
            [f"⟦NAME:{g.pick(FIRST)} {g.pick(LAST)}⟧", f"⟦ADDRESS:{fill(r, '#####')}⟧",
             g.pick(("Tdap", "Flu", "PCV20", "RSV")), fill(r, "@####@"),
             f"{r.randint(8, 16)}:{r.choice(('00', '15', '30', '45'))}"]
        )  # fmt: skip
    return f"SIGN-IN ⟦DATE:{g.date()}⟧\n" + _column_table(g, rows[0], rows[1:])


EXTRA: tuple[Doc, ...] = (dictation, sign_in_sheet)

DOCS: tuple[Doc, ...] = (
    implant_card, insurance_card, device_table, vehicle_table, csv_export, face_sheet,
    ems_prose, portal_message, spanish_form, spanish_message, dotted_form, header_over_values,
    lab_report, unknown_labels,
)  # fmt: skip


def build(count: int, seed: int, extra: int = 24) -> list[dict[str, Any]]:
    """``count`` texts of the first families, then ``extra`` of the later ones (own seed)."""
    rng = random.Random(seed)
    second = random.Random(seed + 1)
    rows = []
    for i in range(count + extra):
        doc = DOCS[i % len(DOCS)] if i < count else EXTRA[i % len(EXTRA)]
        if i == count:
            rng = second
        marked = doc(Gen(rng))
        if rng.random() < 0.2:
            marked = noisy(rng, marked)
        text, spans = render(marked)
        for s in spans:
            assert text[s["start"] : s["end"]] == s["text"], s
        rows.append(
            {"id": f"tune-ids-{i:03d}-{doc.__name__}", "input": {"text": text},
             "expected": {"spans": spans}}
        )  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--count", type=int, default=168)
    parser.add_argument("--seed", type=int, default=1602)
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()
    rows = build(args.count, args.seed)
    body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if args.check:
        same = args.out.exists() and args.out.read_text("utf-8") == body
        print("up to date" if same else f"{args.out} differs from the generator")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(body, "utf-8")
    print(f"wrote {len(rows)} texts to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
