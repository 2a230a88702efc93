#!/usr/bin/env python3
# ruff: noqa: E501  (the templates are long strings, one text line each)
"""Generate the seventh round's PHI probe: new document kinds, a tune half and a held-out half.

Every earlier PHI generator was followed by rules fitted to it, and the blind sets kept showing
misses in shapes none of them had. This one writes kinds of text none of them wrote: call-centre
transcripts ("caller states her name is ..."), chat logs with timestamps and role handles,
e-mail threads with signatures and quoted replies, OCR'd intake forms whose columns broke,
pharmacy labels, home-health visit notes, school and employer forms, and non-US addresses and
phones written in prose. The weak classes (ADDRESS, AGE_OVER_89, VEHICLE, PHONE, and NAME
known only from context, no title) come in shapes of their own, and every text carries
clinical traps that must stay clear (doses, vitals, lab values, codes, device model numbers,
eponyms, drug brands).

Each half has its own pools and its own phrasing templates for every kind
(`POOLS["tune"]`, `POOLS["heldout"]`); only the slot filling and marks are shared
(`phi3_common`). The held-out half is generated in the same sitting and measured once at the
end, aggregate only; its cases are not read.

    python3 scripts/synth/phi_probe.py            # writes both files
    python3 scripts/synth/phi_probe.py --check    # compares with the committed files
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from phi3_common import SLOT, fill, m, vin, write_sets

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    "tune": ROOT / "evals" / "data" / "tune_phi_probe" / "phi.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_phi_probe" / "phi.jsonl",
}
SEED = {"tune": 7071, "heldout": 7072}
KINDS = ["call", "chat", "email", "ocr", "pharmacy", "homehealth", "forms", "abroad"]

TUNE: dict[str, Any] = {
    "given": "Adaeze Teodoro Brunhilde Kwabena Solveig Ramiro Imogen Dariusz Faustina Lorcan Henrike Matthias Yesenia Oluwaseun".split(),
    "family": "Okonkwo Brandvold Iturbide Sandoval Kowalczyk Achterberg Lindgren Mbeki Ferreira Castellanos Hollingsworth Nakashima".split(),
    "towns": [
        ("Missoula", "MT"),
        ("Bemidji", "MN"),
        ("Cheyenne", "WY"),
        ("Natchez", "MS"),
        ("Hilo", "HI"),
    ],
    "streets": "Birchwood Sycamore Kestrel Marigold Hawthorn Bluebell".split(),
    "kinds": ["Street", "Avenue", "Lane", "Close", "Way"],
    "phones": ["(406) 555-01##", "218-555-01##", "307.555.01##", "555-01##"],
    "intl": [
        "+44 7700 900###",
        "07700 900###",
        "+33 6 12 34 5# ##",
        "+61 491 570 1##",
        "+49 151 2345 6###",
    ],
    "plates": ["#@@@###", "@@## @@@", "@@@ ####", "##@ ###"],
    "makes": ["Ford Escape", "Toyota Corolla", "Honda Odyssey", "Buick Enclave"],
    "dates": ["03/14/2026", "March 9, 2026", "9 Mar 2026", "2026-02-27"],
    "words": ["ninety-one", "ninety-three", "ninety-six", "one hundred and one", "ninety-eight"],
    "call": [
        "Caller states her name is {N} and she is calling about her mother.",
        "Agent: can I get your full name? Caller: it's {N}, {G} is fine.",
        "Caller gave callback number {PH}; says the patient is {A} years old.",
        "Caller (son) reports mom is {AW} and fell in the kitchen last night.",
        "Verified identity: DOB {D}, home address {ADDR}.",
        "Caller says he is parked outside in a {make}, plate {P}, and can't get up the stairs.",
    ],
    "chat": [
        "[09:14] pt_portal: hi this is {G}, my dad {N} needs a refill",
        "[09:15] nurse_line: what is the best number for you?\n[09:16] pt_portal: {PH} or my cell {IP}",
        "[09:18] pt_portal: he's {A} now so he doesn't drive, I bring him in my {make} (tag {P})",
        "[09:21] nurse_line: ok, is the address still {ADDR}?\n[09:22] pt_portal: yes",
        "[09:25] pt_portal: appointment on {D} works",
    ],
    "email": [
        "From: {N} <{E}>\nSent: {D}\nSubject: my aunt's visit",
        "Hi team, my aunt turns {A} next week and her new address is {ADDR}.",
        "Thanks,\n{N}\nCare Coordinator\n{PH}",
        "> On {D}, {N} wrote:\n> please call me back at {PH}",
        "-- \n{G}\nsent from my phone",
    ],
    "ocr": [
        "PATIENT NAME          PHONE\n{LF}      {PH}",
        "Age :  {A}      Sex : F     DOB : {D}",
        "Addr ess: {ADDR}",
        "Emergency con tact  {N}   (niece)   {PH}",
        "Vehicle (for parking permit): {make}   Plate  {P}",
    ],
    "pharmacy": [
        "RX# {RX}   {LF}\nTAKE 1 TABLET BY MOUTH TWICE DAILY",
        "Prescriber: {N}, MD   Filled: {D}",
        "Pharmacy: Sunhill Drug, {ADDR}   Ph {PH}",
        "Deliver to {N}, {ADDR}",
    ],
    "homehealth": [
        "SN home visit. Pt {N} seen at home, {ADDR}; daughter {G} present.",
        "Pt is {A} y/o, lives with grandson {N}, who drives a {make} ({P}).",
        "Next visit {D}; agency on-call {PH}.",
        "Caregiver {G} reports pt ({AW} years old) slept poorly.",
    ],
    "forms": [
        "EMPLOYER RETURN-TO-WORK FORM\nEmployee: {N}   Employee # {EMP}\nSupervisor: {N2}",
        "Student: {N}   Student ID {EMP}   Parent/guardian: {N2}, {PH}",
        "Date of injury: {D}   Work site: {ADDR}",
        "Company vehicle involved: {make}, VIN {V}",
    ],
    "abroad": [
        "She moved back to ⟦ADDRESS:{n} Rua das Flores, apartment {u}⟧, in ⟦ADDRESS:Porto⟧, and her mobile there is {IP}.",
        "His son lives at ⟦ADDRESS:{n} Church Road, Didsbury, Manchester M20 {u}AB⟧; ring him on {IP}.",
        "Forwarding address: ⟦ADDRESS:Kastanienallee {n}, 10435 Berlin⟧ (until {D}).",
        "they're staying with family in ⟦ADDRESS:Oaxaca⟧ until spring",
    ],
    "traps": [
        "metformin 500 mg BID",
        "BP 146/90, P 88, RR 18, T 98.6",
        "A1c 7.9%, K 4.1",
        "ICD-10 G20 (Parkinson disease), CPT 99349",
        "Foley catheter changed, 16 Fr",
        "walker model 4291, Invacare",
        "Eliquis 5 mg, Lasix 40 mg",
        "O2 2 L via NC, SpO2 93%",
    ],
}

HELDOUT: dict[str, Any] = {
    "given": "Wilhelmina Cosimo Aurelie Tobiah Nneka Evgenia Barnaby Rosario Ingeborg Kaito Perpetua Lachlan Zdenka Florian".split(),
    "family": "Abernethy Quispe Halvorsen Ndiaye Pellegrini Vanderpool Sokolova Arceneaux Tanaka Drummond Whitfield Oyelowo".split(),
    "towns": [
        ("Bozeman", "MT"),
        ("Duluth", "MN"),
        ("Casper", "WY"),
        ("Tupelo", "MS"),
        ("Kailua", "HI"),
    ],
    "streets": "Cottonwood Larchmont Osprey Primrose Blackthorn Wisteria".split(),
    "kinds": ["Drive", "Road", "Terrace", "Crescent", "Place"],
    "phones": ["406-555-01##", "(218) 555 01##", "307 555 01##", "1 (701) 555-01##"],
    "intl": [
        "+44 20 7946 0###",
        "0161 496 0###",
        "+33 1 99 00 ## ##",
        "+61 3 9000 0###",
        "+34 600 0## ###",
    ],
    "plates": ["@@@###", "#@@@##", "@@-####", "@###@@@"],
    "makes": ["Chevy Equinox", "Nissan Rogue", "Dodge Caravan", "Subaru Forester"],
    "dates": ["2/3/26", "Feb 21st", "21 February 2026", "02-17-2026"],
    "words": ["ninety-two", "ninety-four", "ninety-seven", "a hundred and three", "ninety"],
    "call": [
        "Spoke w/ caller, identifies self as {N}, the patient's wife.",
        "Caller: yeah my name's {G}, {S}, calling for my grandmother who is {A}.",
        "Best callback per caller {PH}, after three.",
        "The caller explained that her father, age {AW}, has not eaten since {D}.",
        "Confirmed mailing address with caller as {ADDR}.",
        "Caller reports a hit-and-run in the clinic lot; the other car was a {make}, tag number {P}.",
    ],
    "chat": [
        "10:02 AM  member_chat >> hello, {N} here, question about my mom",
        "10:03 AM  rn_chat >> can you confirm her date of birth?\n10:04 AM  member_chat >> {D}",
        "10:05 AM  member_chat >> she's {A} and lives at {ADDR}",
        "10:07 AM  member_chat >> text me at {PH}, or her landline {IP}",
        "10:09 AM  member_chat >> the van is a {make} plate {P} for the curbside pickup",
    ],
    "email": [
        "To: scheduling@example.org\nFrom: {E}\nDate: {D}",
        "Good morning, I am writing on behalf of {N}, who is {A} and housebound.",
        "Kind regards\n{N} | Office Manager | {PH}",
        "----- Original Message -----\nFrom: {N}\nTo: front desk\nhis new place is {ADDR}",
        "Cheers, {G}",
    ],
    "ocr": [
        "Name (Last, First) ........ {LF}\nTel ........ {PH}",
        "AGE     {A}yrs         MARITAL   W",
        "Home  add ress  {ADDR}",
        "Nearest relative   {N}    son    {PH}",
        "Lic. plate of vehicle  {P}   Make  {make}",
    ],
    "pharmacy": [
        "{LF}\nRx {RX}  Qty 60  Refills 2",
        "Dr. {N}  Date filled {D}",
        "Eastgate Apothecary  {ADDR}  {PH}",
        "Ship to: {N}\n{ADDR}",
    ],
    "homehealth": [
        "PT visit in the home at {ADDR}; wife {G} assisted with transfers.",
        "{A} year old male, widower, neighbor {N} checks on him daily.",
        "Supervisory visit scheduled for {D}, office line {PH}.",
        "Aide notes client is {AW}, hard of hearing; nephew parks his {make}, plate {P}, in the drive.",
    ],
    "forms": [
        "SCHOOL HEALTH FORM\nChild: {N}   ID No. {EMP}\nEmergency contact: {N2}, {PH}",
        "Worker's comp claim - employee {N} (badge {EMP}); foreman {N2}",
        "Incident on {D} at {ADDR}",
        "Fleet truck {make}, VIN# {V}, plate {P}",
    ],
    "abroad": [
        "Her brother in ⟦ADDRESS:Lyon⟧ can be reached on {IP}; he lives at ⟦ADDRESS:{n} rue Victor Hugo, 69002 Lyon⟧.",
        "Postal address abroad: ⟦ADDRESS:Flat {u}, {n} Queen Street, Edinburgh EH2 1JX⟧.",
        "The family returned to ⟦ADDRESS:Cusco⟧ and the daughter's number is {IP}.",
        "Records go to ⟦ADDRESS:Calle de Alcalá {n}, 28009 Madrid⟧.",
    ],
    "traps": [
        "lisinopril 10 mg daily",
        "BP 132/78, HR 64, SpO2 97% RA",
        "Na 138, Cr 1.2, BNP 410",
        "dx M17.11, CPT 99350",
        "Hoyer lift, model HPL402",
        "Coumadin 2.5 mg, INR 2.6",
        "Alzheimer dementia, Babinski negative",
        "pain 3/10, wound 2 x 1 cm",
    ],
}
POOLS = {"tune": TUNE, "heldout": HELDOUT}


def _given(rng: random.Random, p: dict[str, Any]) -> str:
    return str(rng.choice(p["given"]))


def slots(rng: random.Random, p: dict[str, Any]) -> dict[str, str]:
    """One fresh value of every slot, each marked with its gold type (traps and makes unmarked)."""
    given, family = _given(rng, p), str(rng.choice(p["family"]))
    town, st = rng.choice(p["towns"])
    num = str(rng.randint(3, 4999))
    street = f"{num} {rng.choice(p['streets'])} {rng.choice(p['kinds'])}"
    addr = rng.choice(
        [f"{street}, {town}, {st} {fill(rng, '#####')}", f"{street}, {town} {st}", street]
    )
    return {
        "N": m("NAME", f"{given} {family}"),
        "N2": m("NAME", f"{_given(rng, p)} {rng.choice(p['family'])}"),
        "G": m("NAME", given),
        "S": m("NAME", family),
        "LF": m("NAME", f"{family.upper() if rng.random() < 0.5 else family}, {given}"),
        "E": m("EMAIL", f"{given[0].lower()}.{family.lower()}@example.net"),
        "A": m("AGE_OVER_89", str(rng.randint(90, 103))),
        "AW": m("AGE_OVER_89", rng.choice(p["words"])),
        "D": m("DATE", rng.choice(p["dates"])),
        "PH": m("PHONE", fill(rng, rng.choice(p["phones"]))),
        "IP": m("PHONE", fill(rng, rng.choice(p["intl"]))),
        "ADDR": m("ADDRESS", addr),
        "P": m("VEHICLE", fill(rng, rng.choice(p["plates"]))),
        "V": m("VEHICLE", vin(rng)),
        "RX": m("OTHER_ID", fill(rng, "#######")),
        "EMP": m("OTHER_ID", fill(rng, rng.choice(["E-#####", "######", "@#####"]))),
        "make": str(rng.choice(p["makes"])),
        "n": str(rng.randint(2, 180)),
        "u": str(rng.randint(1, 9)),
    }


def layout_for(half: str, kind: str) -> Any:
    p = POOLS[half]

    def layout(rng: random.Random) -> str:
        picks = rng.sample(p[kind], min(len(p[kind]), rng.randint(2, 4)))
        lines = []
        for template in picks:
            values = slots(rng, p)  # one person, address... per line: "{N}, {G} is fine" agree
            lines.append(SLOT.sub(lambda s, v=values: v[s.group(1)], template))
        traps = rng.sample(p["traps"], 2)
        spot = rng.randint(0, len(lines))
        lines.insert(spot, f"{traps[0]}; {traps[1]}.")
        return "\n".join(lines)

    layout.__name__ = f"{half}_{kind}"
    return layout


def main() -> None:
    prefix = {"tune": "pp7t", "heldout": "pp7h"}
    sets = [
        (out, [layout_for(half, k) for k in KINDS], SEED[half], prefix[half])
        for half, out in OUT.items()
    ]
    write_sets(__doc__ or "", sets, count=152, noisy=0.2)


if __name__ == "__main__":
    main()
