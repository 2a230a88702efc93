"""Frames of the medication/follow-up probe: one renderer per style, its wording per side.

Every frame exists once per side (``tune``, ``heldout``) in different words, written before
any tuning; the pools (``notes_meds_pools.py``) give the content.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from notes4_pools import Problem
from notes_meds_pools import PRECAUTIONS, REASONS, Med


@dataclass
class Note:
    """What one note says, before it is written in a style."""

    side: str
    style: str
    age: int
    sex: str
    problems: list[tuple[Problem, str]]
    meds: list[tuple[Med, str, str]]  # drug, action, the name the note writes
    follows: list[tuple[str, str]]  # (said, gold what)
    flag: tuple[str, str] | None
    negated: list[str]


# Orders on one drug, per side and action; {n} name, {old}/{new} doses, {sig}, {why}, {prn}.
_ORDERS = {
    "tune": {
        "started": ["Start {n} {new} {sig}.", "New Rx: {n} {old} {sig}.", "Added {n} {old} {sig}.",
                    "Trial of {n} {old} {sig}."],
        "started_prn": ["{n} {old} {sig} PRN {prn} - new."],
        "stopped": ["D/c {n} ({why}).", "{n} discontinued due to {why}.",
                    "Hold {n} x 48 h after contrast; resume on Monday if Cr stable.",
                    "{n} - STOP."],
        "dose_changed": ["{n} {old} -> {new} {sig}.", "Increase {n} to {new} {sig}.",
                         "{n}: {old} \u2192 {new}.", "Change {n} from {old} to {new}.",
                         "\u2191 {n} to {new}."],
        "continued": ["Cont {n} {old} {sig}.", "{n} {old} {sig} - no change."],
    },
    "heldout": {
        "started": ["Begin {n} {old} {sig}.", "Initiating {n} at {old} {sig}.",
                    "Will add {n} {old} {sig}.", "Sent in a script for {n} {old}."],
        "started_prn": ["Prescribed {n} {old} as needed for {prn}."],
        "stopped": ["{n} stopped because of {why}.", "Discontinue {n}.",
                    "Pause {n} until two days after the contrast CT, then restart.",
                    "Taking {n} off the list - {why}.", "Off {n} as of today.", "{n} ceased."],
        "dose_changed": ["{n} dose raised from {old} up to {new}.",
                         "{n} now {new} {sig} (was {old}).", "{n} titrated to {new} {sig}.",
                         "Cut {n} back to {new}.", "{n} {old} >> {new}."],
        "continued": ["{n} {old} {sig} - unchanged.", "Keep taking {n} {old} as before.",
                      "Stay on {n} {old}."],
    },
}  # fmt: skip
# A line that continues the home regimen as a group.
_HOME = {"tune": "Continue home meds: {}.", "heldout": "Home medications otherwise the same: {}."}
_HOME_SEP = {"tune": ", ", "heldout": "; "}
# Reconciliation tables: header, status word per action, cell separator.
_TABLE = {
    "tune": ("Medication | Dose | Status", " | ", {
        "started": "NEW", "stopped": "D/C'd", "dose_changed": "DOSE CHANGE",
        "continued": "CONTINUE"}),
    "heldout": ("Drug name            Current dose        Plan", "      ", {
        "started": "start", "stopped": "discontinue", "dose_changed": "adjust dose",
        "continued": "no change"}),
}  # fmt: skip


def order(rng: random.Random, side: str, med: Med, action: str, shown: str) -> str:
    """One plan order on a drug, in the side's wording."""
    key = "started_prn" if action == "started" and med.prn else action
    frame = rng.choice(_ORDERS[side][key])
    text = frame.format(
        n=shown, old=med.old, new=med.new, sig=med.sig, prn=med.prn, why=rng.choice(REASONS[side])
    )
    return text[0].upper() + text[1:]


def _orders(rng: random.Random, note: Note, grouped: bool) -> list[str]:
    """The plan's medication lines; continued drugs as one home-meds line when ``grouped``."""
    lines = [
        order(rng, note.side, m, a, shown)
        for m, a, shown in note.meds
        if not (grouped and a == "continued")
    ]
    kept = [f"{shown} {m.old}" for m, a, shown in note.meds if a == "continued"]
    if grouped and kept:
        lines.append(_HOME[note.side].format(_HOME_SEP[note.side].join(kept)))
    return lines


def _regimen(note: Note) -> list[str]:
    """The medication list before the visit: every drug but the new ones."""
    return [f"{shown} {m.old} {m.sig}" for m, a, shown in note.meds if a != "started"]


def _flag(note: Note) -> str:
    if note.flag is None:
        return {"tune": "K 4.2, Na 139, HR 78", "heldout": "chemistries unremarkable"}[note.side]
    return note.flag[0]


def _deny(note: Note) -> str:
    a, b, c = note.negated
    return {
        "tune": f"Denies {a}, {b}, {c}.",
        "heldout": f"Asked about {a}, {b} and {c}: all denied.",
    }[note.side]


def _precaution(rng: random.Random, note: Note) -> str:
    return rng.choice(PRECAUTIONS[note.side])


def clinic(rng: random.Random, note: Note) -> str:
    """An office visit: regimen, assessment, then the plan's orders and follow-up."""
    problems = [said for _, said in note.problems]
    if note.side == "tune":
        return "\n".join([
            "CLINIC F/U",
            f"{note.age}{note.sex} for routine follow-up.",
            f"Vitals/labs: {_flag(note)}.",
            f"ROS: {_deny(note)}",
            "Current medications:",
            *(f"- {x}" for x in _regimen(note)),
            "A/P:",
            *(f"{i}. {p}" for i, p in enumerate(problems, 1)),
            "Meds:",
            *(f"- {x}" for x in _orders(rng, note, grouped=rng.random() < 0.5)),
            "Follow-up:",
            *(f"- {said}" for said, _ in note.follows),
            _precaution(rng, note),
        ])  # fmt: skip
    who = "Mr." if note.sex == "M" else "Ms."
    return "\n".join([
        "Office note",
        f"{who} Doe is {note.age} and comes in about {problems[0]}.",
        f"Today's findings: {_flag(note)}. {_deny(note)}",
        "Medication list on arrival: " + "; ".join(_regimen(note)) + ".",
        "Impression: " + "; ".join(problems) + ".",
        "Plan: " + " ".join(_orders(rng, note, grouped=rng.random() < 0.5)),
        " ".join(f"{said[0].upper()}{said[1:]}." for said, _ in note.follows),
        _precaution(rng, note),
    ])  # fmt: skip


def table(rng: random.Random, note: Note) -> str:
    """A reconciliation table (drug | dose | status), then the assessment and follow-up."""
    head, sep, status = _TABLE[note.side]
    rows = []
    for m, a, shown in note.meds:
        dose = "" if a == "stopped" else (m.new if a == "dose_changed" else m.old)
        cells = [shown, f"{dose} {m.sig}".strip() if dose else "-", status[a]]
        if note.side == "heldout":
            cells = [cells[0].ljust(20), cells[1].ljust(18), cells[2]]
        rows.append(sep.join(cells).rstrip())
    problems = [said for _, said in note.problems]
    if note.side == "tune":
        return "\n".join([
            f"MED REC / VISIT NOTE ({note.age} y/o {note.sex})",
            f"Data: {_flag(note)}",
            _deny(note),
            head, *rows,
            "Assessment:", *(f"- {p}" for p in problems),
            "Plan:", *(f"- {said}" for said, _ in note.follows),
            _precaution(rng, note),
        ])  # fmt: skip
    return "\n".join([
        "Medication reconciliation completed with the patient and her daughter.",
        head, *rows,
        "",
        f"Seen for {', '.join(problems)}. Notable: {_flag(note)}. {_deny(note)}",
        "Next steps: " + "; ".join(said for said, _ in note.follows) + ".",
        _precaution(rng, note),
    ])  # fmt: skip


def discharge(rng: random.Random, note: Note) -> str:
    """A discharge summary: diagnoses, course, medications grouped, follow-up."""
    problems = [said for _, said in note.problems]
    if note.side == "tune":
        return "\n".join([
            "DISCHARGE SUMMARY",
            "Discharge diagnoses:", *(f"{i}. {p}" for i, p in enumerate(problems, 1)),
            f"Hospital course: {note.age}{note.sex} admitted for {problems[0]}. "
            f"On arrival {_flag(note)}. {_deny(note)}",
            "Discharge medications:", *(f"- {x}" for x in _orders(rng, note, grouped=True)),
            "Follow-up appointments:", *(f"- {said}" for said, _ in note.follows),
            _precaution(rng, note),
        ])  # fmt: skip
    return "\n".join([
        "Summary of hospital stay",
        f"Reason for admission: {problems[0]}. Other issues this stay: "
        + (", ".join(problems[1:]) or "none") + ".",
        f"While inpatient: {_flag(note)}. {_deny(note)}",
        "What to take at home now:", *(f"* {x}" for x in _orders(rng, note, grouped=True)),
        "After you leave:", *(f"* {said}" for said, _ in note.follows),
        _precaution(rng, note),
    ])  # fmt: skip


def ed(rng: random.Random, note: Note) -> str:
    """An emergency visit: findings, decision making, disposition with holds and follow-up."""
    problems = [said for _, said in note.problems]
    if note.side == "tune":
        return "\n".join([
            f"ED PROVIDER NOTE - {note.age}{note.sex}",
            f"Exam/labs: {_flag(note)}. {_deny(note)}",
            "MDM: " + "; ".join(problems) + ".",
            "Dispo: discharged home.",
            *(f"- {x}" for x in _orders(rng, note, grouped=False)),
            *(f"- {said}" for said, _ in note.follows),
            _precaution(rng, note),
        ])  # fmt: skip
    return "\n".join([
        "Emergency department course",
        f"A {note.age}-year-old evaluated for {problems[0]}. Workup showed {_flag(note)}.",
        _deny(note),
        "Diagnoses: " + ", ".join(problems) + ".",
        "Medication instructions:", *(f"  {x}" for x in _orders(rng, note, grouped=False)),
        "Aftercare:", *(f"  {said}" for said, _ in note.follows),
        _precaution(rng, note),
    ])  # fmt: skip


_EXPORT_STATUS = {
    "tune": {"started": "NEW", "stopped": "DISCONTINUED", "dose_changed": "DOSE CHANGED",
             "continued": "CONTINUED"},
    "heldout": {"started": "started this visit", "stopped": "stopped by provider",
                "dose_changed": "dose modified", "continued": "active, no change"},
}  # fmt: skip


def export(rng: random.Random, note: Note) -> str:
    """A printed EHR visit summary: each drug with its status, as the export writes it."""
    problems = [said for _, said in note.problems]
    status = _EXPORT_STATUS[note.side]
    lines = []
    for m, a, shown in note.meds:
        dose = m.new if a == "dose_changed" else m.old
        if note.side == "tune":
            lines.append(f"{shown.upper()} {dose.upper()} - {m.sig.upper()} [{status[a]}]")
        else:
            lines += [f"  - {shown} {dose} ({m.sig})", f"      status: {status[a]}"]
    if note.side == "tune":
        return "\n".join([
            "ENCOUNTER SUMMARY",
            f"VITALS/RESULTS: {_flag(note)}",
            f"PROBLEMS ADDRESSED: {'; '.join(problems).upper()}",
            f"REVIEW: {_deny(note)}",
            "MEDICATION CHANGES THIS VISIT:", *lines,
            "FOLLOW UP:", *(f"  {said}" for said, _ in note.follows),
            _precaution(rng, note),
        ])  # fmt: skip
    return "\n".join([
        "Visit summary printout",
        f"You were seen for: {', '.join(problems)}.",
        f"Results needing attention: {_flag(note)}.",
        _deny(note),
        "Medications reviewed:", *lines,
        "Your next steps:", *(f"  - {said}" for said, _ in note.follows),
        _precaution(rng, note),
    ])  # fmt: skip


RENDER = {"clinic": clinic, "table": table, "discharge": discharge, "ed": ed, "export": export}
