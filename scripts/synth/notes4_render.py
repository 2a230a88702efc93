"""Frames of the notes4 probe: one renderer per style, its wording per side.

Every frame exists once per side (``tune``, ``heldout``) in different words; the pools
(``notes4_pools.py``) give the clinical content.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from notes4_pools import ALLERGY, HISTORY_DRUG, Drug, Problem


@dataclass
class Note:
    """What one note says, before it is written in a style."""

    side: str
    style: str
    age: int
    sex: str
    problems: list[tuple[Problem, str]]
    drugs: list[tuple[Drug, str, str]]
    follows: list[tuple[object, tuple[str, str]]]
    flag: tuple[str, str] | None
    negated: list[str]
    printed_codes: bool


def _med(rng: random.Random, side: str, drug: Drug, action: str, shown: str) -> str:
    """One plan order on a drug, in the side's wording."""
    old, new = drug.old, drug.new
    frames = {
        "tune": {
            "started": ["start {s} {old} daily", "begin {s} {old}", "{s} {old} - new"],
            "stopped": ["stop {s}", "d/c {s}"],
            "dose_changed": ["increase {s} to {new}", "{s} up to {new}", "{s} {old} -> {new}"],
            "continued": ["continue {s} {old}", "c/w {s}"],
        },
        "heldout": {
            "started": ["initiate {s} {old}", "new rx {s} {old} once a day", "add {s} {old} qd"],
            "stopped": ["discontinue {s}", "{s} - discontinued", "hold {s} indefinitely"],
            "dose_changed": [
                "uptitrate {s} to {new}",
                "{s} dose adjusted to {new}",
                "go up on {s} to {new}",
            ],
            "continued": ["{s} {old} - continue", "no change to {s} {old}", "keep {s} at {old}"],
        },
    }[side][action]
    return rng.choice(frames).format(s=shown, old=old, new=new)


def _home_meds(note: Note, rng: random.Random) -> list[str]:
    """The regimen before the visit: every planned drug except a new one, plus one extra."""
    sig = {"tune": d_sig, "heldout": h_sig}[note.side]
    out = [f"{shown} {d.old} {sig(d.sig)}" for d, a, shown in note.drugs if a != "started"]
    extras = {
        "tune": ["aspirin 81 mg daily", "fluticasone nasal daily", "senna at bedtime"],
        "heldout": ["multivitamin each morning", "docusate 100 mg twice a day", "melatonin 3 mg"],
    }[note.side]
    out.append(rng.choice(extras))
    return out


def d_sig(sig: str) -> str:
    return sig


def h_sig(sig: str) -> str:
    return {"daily": "once a day", "weekly": "every week"}.get(sig, sig)


def _code_tag(rng: random.Random, side: str, code: str) -> str:
    """A code as an EHR prints it: undotted ("K219") or partly written ("K21.", "E03.-")."""
    undotted = code.replace(".", "")
    if rng.random() < 0.6:
        return {"tune": f" [{undotted}]", "heldout": f" (ICD10: {undotted})"}[side]
    partial = {"tune": code[:-1], "heldout": code.split(".")[0] + ".-"}[side]
    return {"tune": f" [{partial}]", "heldout": f" (ICD10: {partial})"}[side]


def _dx(rng: random.Random, note: Note, said: str, problem: Problem) -> str:
    if note.printed_codes and len(problem.gold) == 1:
        return said + _code_tag(rng, note.side, problem.gold[0][0])
    return said


def _allergy(rng: random.Random, note: Note) -> tuple[str, str]:
    planned = {d.generic for d, _, _ in note.drugs} | {s.lower() for _, _, s in note.drugs}
    options = [a for a in ALLERGY[note.side] if a[0] not in planned]
    return rng.choice(options)


def _labs(note: Note) -> str:
    normal = {"tune": "Cr 1.0, WBC 6.8", "heldout": "creatinine 0.9, white count 7.2"}[note.side]
    if not note.flag:
        return normal
    lead = {"tune": "also noted", "heldout": "of note"}[note.side]
    return f"{normal}; {lead} {note.flag[0]}"


def _deny(note: Note) -> str:
    a, b, c = note.negated
    return {"tune": f"denies {a}, {b}, {c}", "heldout": f"no {a}, {b} or {c}"}[note.side]


def _spoken(text: str, side: str) -> str:
    """Frame punctuation as a transcriptionist leaves it when dictated aloud."""
    words = {
        "tune": {"{,}": " comma", "{.}": " period", "{:}": " colon", "{P}": " new paragraph"},
        "heldout": {
            "{,}": " comma",
            "{.}": " full stop",
            "{:}": " colon",
            "{P}": " next paragraph",
        },
    }[side]
    for mark, word in words.items():
        text = text.replace(mark, word)
    return text


def dictation(rng: random.Random, note: Note) -> str:
    side = note.side
    nums = {"tune": ["number one", "number two", "number three"],
            "heldout": ["item one", "item two", "item three"]}[side]  # fmt: skip
    meds = " and ".join(_home_meds(note, rng))
    allergy, reaction = _allergy(rng, note)
    pro = "he" if note.sex == "M" else "she"
    # Said aloud, the list's commas are words too ("fever comma chills").
    deny = _deny(note).replace(", ", "{,} ")
    labs = _labs(note).replace(", ", "{,} ").replace("; ", "{,} ")
    items = []
    for i, (_p, said) in enumerate(note.problems):
        items.append(f"{nums[i]}{{,}} {said}{{.}}")
    plan = (
        " ".join(f"{_med(rng, side, d, a, s)}{{.}}" for d, a, s in note.drugs)
        + " "
        + " ".join(f"{said}{{.}}" for _, (said, _) in note.follows)
    )
    if side == "tune":
        body = (
            f"this is a dictated clinic note{{.}} patient is a {note.age} year old seen today for "
            f"routine follow up and states things have been okay overall{{,}} {pro} takes {meds} "
            f"and is allergic to {allergy} which caused {reaction}{{.}} {pro} {deny}{{.}} "
            f"labs today {labs}{{.}}{{P}} assessment and plan{{:}} "
            + " ".join(items)
            + f" {plan} end of dictation{{.}}"
        )
    else:
        body = (
            f"dictated but not read{{.}} {note.age} year old "
            f"{'man' if note.sex == 'M' else 'woman'} "
            f"back to see me{{,}} current medicines are {meds}{{,}} allergy to {allergy} "
            f"causing {reaction}{{,}} {deny}{{.}} recent bloodwork {labs}{{.}}{{P}} "
            "impression and plan{:} " + " ".join(items) + f" {plan} thank you{{.}}"
        )
    return _spoken(body, side) + "\n"


def dense(rng: random.Random, note: Note) -> str:
    side = note.side
    allergy, _ = _allergy(rng, note)
    sep = {"tune": ", ", "heldout": " / "}[side]
    dx = sep.join(_dx(rng, note, s, p) if side == "tune" else s for p, s in note.problems)
    orders = [_med(rng, side, d, a, s) for d, a, s in note.drugs]
    fu = [said for _, (said, _) in note.follows]
    if side == "tune":
        return (
            f"{note.age}{note.sex} f/u. Allergic: {allergy}.\n"
            f"Meds: {', '.join(_home_meds(note, rng))}\nROS neg: {', '.join(note.negated)}\n"
            f"Labs {_labs(note)}\nA: {dx}\nP: {'; '.join(orders)}\nF/u: {'; '.join(fu)}\n"
        )
    return (
        f"{note.age}yo{note.sex.lower()} recheck. ALL: {allergy}.\n"
        f"Current rx: {'; '.join(_home_meds(note, rng))}\n"
        f"Pertinent neg: {', '.join(note.negated)}\n"
        f"BW: {_labs(note)}\nIMP: {dx}\nRX changes: {'; '.join(orders)}\nNext: {'; '.join(fu)}\n"
    )


def _ocr_word(rng: random.Random, word: str, side: str) -> str:
    if rng.random() > 0.35 or len(word) < 4:
        return word
    if side == "tune":
        subs = [("l", "1"), ("rn", "m"), ("o", "0"), ("e", "c")]
    else:
        subs = [("cl", "d"), ("m", "rn"), ("i", "l"), ("h", "b")]
    a, b = rng.choice(subs)
    return word.replace(a, b, 1) if a in word else word


def ocr(rng: random.Random, note: Note) -> str:
    side = note.side
    protect = {w.lower() for _, s in note.problems for w in re.findall(r"\S+", s)}
    protect |= {w.lower() for _, _, s in note.drugs for w in s.split()}
    protect |= {w.lower() for _, (said, _) in note.follows for w in said.split()}
    protect |= {w.lower() for n in note.negated for w in n.split()}
    if note.flag:
        protect |= {w.lower() for w in note.flag[0].split()}
    allergy, reaction = _allergy(rng, note)
    dx = "\n".join(f"{i}. {_dx(rng, note, s, p)}" for i, (p, s) in enumerate(note.problems, 1))
    plan = "\n".join(f"- {_med(rng, side, d, a, s)}" for d, a, s in note.drugs)
    fu = "\n".join(f"- {said}" for _, (said, _) in note.follows)
    if side == "tune":
        head = (
            f"OUTSIDE RECORDS - SCANNED\nConsultation note. Patient age {note.age}. Referred "
            f"for management of chronic conditions. Current meds include "
            f"{', '.join(_home_meds(note, rng))}. Allergies: {allergy} ({reaction}). "
            f"Patient {_deny(note)}. Labs: {_labs(note)}."
        )
        tail = f"Assessment:\n{dx}\nPlan:\n{plan}\n{fu}\n"
        banner = "--- Page 1 of 2 --- FAX 555-0142 ---"
    else:
        head = (
            f"SCANNED DOCUMENT\nSpecialty clinic letter regarding a {note.age} year old seen "
            f"in the office. Taking {'; '.join(_home_meds(note, rng))}. Drug allergy {allergy} "
            f"with {reaction}. On review {_deny(note)}. Bloodwork {_labs(note)}."
        )
        tail = f"IMPRESSION:\n{dx}\nRECOMMENDATIONS:\n{plan}\n{fu}\n"
        banner = "[Received by fax 03/04/2026 10:14 Pg 2]"
    words = [
        w
        if re.sub(r"\W", "", w.lower()) in protect or w.lower() in protect
        else _ocr_word(rng, w, side)
        for w in head.split(" ")
    ]
    lines, line = [], ""
    for w in words:
        if len(line) + len(w) > {"tune": 58, "heldout": 70}[side] and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    mid = len(lines) // 2
    lines.insert(mid, banner)
    return "\n".join(lines) + "\n" + tail


def ehr(rng: random.Random, note: Note) -> str:
    side = note.side
    allergy, reaction = _allergy(rng, note)
    old = rng.choice(HISTORY_DRUG[side])
    dx = "\n".join(f"  {_dx(rng, note, s, p)}" for p, s in note.problems)
    orders = "\n".join(f"  {_med(rng, side, d, a, s)}" for d, a, s in note.drugs)
    fu = "\n".join(f"  {said}" for _, (said, _) in note.follows)
    meds = "\n".join(f"  {m}, as directed" for m in _home_meds(note, rng))
    if side == "tune":
        return (
            "ENCOUNTER SUMMARY - Printed 03/03/2026 14:22\n"
            "This document contains confidential health information. Do not redistribute.\n"
            "Problem List (copied forward from 12/2025 visit):\n"
            "  Chronic low back pain\n  History of tonsillectomy\n"
            f"HPI: {note.age} y/o here for follow-up. Patient {old}. Patient {_deny(note)}. "
            "[Text copied forward - please update]\n"
            f"Allergies (verified):\n  {allergy} - {reaction}\n"
            f"Current Outpatient Medications:\n{meds}\nResults: {_labs(note)}\n"
            f"Visit Diagnoses:\n{dx}\nOrders Placed This Encounter:\n{orders}\n"
            f"Follow-up:\n{fu}\n"
            "Electronically signed by Dr. Quill Ambrose, MD\n"
        )
    return (
        "*** AUTO-GENERATED CLINICAL DOCUMENT ***\n"
        "Confidential. Generated by the electronic record; review before release.\n"
        "Historical problems (carried over, not reviewed today):\n"
        "  Seasonal allergic rhinitis\n  Remote appendectomy\n"
        f"Interval history: {note.age} y/o returns. {old[0].upper() + old[1:]}. "
        f"Review of systems: {_deny(note)}. (copied from prior encounter)\n"
        f"Allergy list:\n  {allergy}: {reaction}\n"
        f"Medication list prior to visit:\n{meds}\nLab data: {_labs(note)}\n"
        f"Diagnoses this encounter:\n{dx}\nMedication orders:\n{orders}\n"
        f"Appointments and tests:\n{fu}\n"
        "Authenticated by Dr. Vesna Holloway, DO\n"
    )


def numbered(rng: random.Random, note: Note) -> str:
    side = note.side
    allergy, reaction = _allergy(rng, note)
    per: list[list[str]] = [[] for _ in note.problems]
    for i, (d, a, s) in enumerate(note.drugs):
        per[i % len(per)].append(_med(rng, side, d, a, s))
    for i, (_, (said, _)) in enumerate(note.follows):
        per[(i + 1) % len(per)].append(said)
    if side == "tune":
        blocks = "\n".join(
            f"#{i} {_dx(rng, note, s, p)}\n" + "".join(f"   - {o}\n" for o in per[i - 1])
            for i, (p, s) in enumerate(note.problems, 1)
        )
        return (
            f"Progress note\nS: {note.age} yo, {_deny(note)}. Home meds: "
            f"{', '.join(_home_meds(note, rng))}. Allergy: {allergy} ({reaction}).\n"
            f"O: {_labs(note)}\nA/P by problem:\n{blocks}"
        )
    blocks = " ".join(
        f"#{i}) {s}: " + ". ".join(o[0].upper() + o[1:] for o in per[i - 1]) + "."
        for i, (p, s) in enumerate(note.problems, 1)
    )
    return (
        f"Clinic visit\nInterval: {note.age} year old, {_deny(note)}. Taking "
        f"{'; '.join(_home_meds(note, rng))}. Intolerant of {allergy} ({reaction}).\n"
        f"Data: {_labs(note)}\nProblem-based plan: {blocks}\n"
    )


def discharge(rng: random.Random, note: Note) -> str:
    side = note.side
    dx = [s for _, s in note.problems]
    heads = {"tune": {"started": "START", "stopped": "STOP", "dose_changed": "CHANGE",
                      "continued": "CONTINUE"},
             "heldout": {"started": "New", "stopped": "Discontinued",
                         "dose_changed": "Changed dose",
                         "continued": "Unchanged"}}[side]  # fmt: skip
    groups: dict[str, list[str]] = {}
    for d, a, s in note.drugs:
        dose = d.new if a == "dose_changed" else d.old
        groups.setdefault(a, []).append(f"{s} {dose}" if a != "stopped" else s)
    meds = "\n".join(f"{heads[a]}:\n" + "\n".join(f"  {x}" for x in xs) for a, xs in groups.items())
    fu = "\n".join(f"- {said}" for _, (said, _) in note.follows)
    if side == "tune":
        return (
            "DISCHARGE SUMMARY\nAdmit 02/26/2026  Discharge 03/02/2026\n"
            f"Principal diagnosis: {dx[0]}\nSecondary diagnoses: {'; '.join(dx[1:])}\n"
            f"Hospital course: {note.age} yo admitted from the ED. Received IV ceftriaxone and "
            f"IV fluids on the floor, then transitioned to oral therapy. Patient {_deny(note)}. "
            f"Labs during stay {_labs(note)}.\nDischarge medications:\n{meds}\n"
            f"Follow up:\n{fu}\n"
        )
    return (
        "HOSPITAL DISCHARGE NOTE\nLength of stay: 4 days\n"
        "Diagnoses at discharge:\n" + "\n".join(f"* {x}" for x in dx) + "\n"
        f"Course in hospital: this {note.age} year old was treated with piperacillin-tazobactam "
        f"and a heparin drip while inpatient. {_deny(note)[0].upper() + _deny(note)[1:]}. "
        f"Notable results {_labs(note)}.\nMedication reconciliation at discharge:\n{meds}\n"
        f"After discharge:\n{fu}\n"
    )


def crossref(rng: random.Random, note: Note) -> str:
    """A drug named in the history, the allergy list and the plan, changed only in the plan."""
    side = note.side
    allergy, reaction = _allergy(rng, note)
    dx = "; ".join(_dx(rng, note, s, p) for p, s in note.problems)
    listed = [(d, a, s) for d, a, s in note.drugs if a != "started"]
    hist = listed[0][2] if listed else note.drugs[0][2]
    orders = ". ".join(_med(rng, side, d, a, s) for d, a, s in note.drugs)
    fu = ". ".join(said for _, (said, _) in note.follows)
    if side == "tune":
        return (
            f"OFFICE VISIT\nHistory: {note.age} yo; {hist} was first prescribed by her prior PCP. "
            f"Patient {_deny(note)}.\nAllergies: {allergy} ({reaction}); no reaction to {hist}.\n"
            f"Medications: {', '.join(_home_meds(note, rng))}\nLabs: {_labs(note)}\n"
            f"Assessment: {dx}\nPlan: {orders}. Avoid {allergy}. {fu}.\n"
        )
    return (
        f"VISIT NOTE\nBackground: {note.age} year old; has taken {hist} for several years. "
        f"{_deny(note)[0].upper() + _deny(note)[1:]}.\nAdverse reactions: {allergy} causes "
        f"{reaction}; tolerates {hist}.\nOutpatient meds: {'; '.join(_home_meds(note, rng))}\n"
        f"Results: {_labs(note)}\nImpression: {dx}\nPlan: {orders}. No {allergy}. {fu}.\n"
    )


RENDER = {
    "dictation": dictation,
    "dense": dense,
    "ocr": ocr,
    "ehr": ehr,
    "numbered": numbered,
    "discharge": discharge,
    "crossref": crossref,
}


def render(rng: random.Random, note: Note) -> str:
    """The note's text in its style."""
    return RENDER[note.style](rng, note)
