"""HELD-OUT note styles. Engineers tuning rules or prompts must not open this file.

Styles: templated EHR export, dictation transcript, dense abbreviations, SOAP, discharge
summary, and an OCR-noisy scan of an EHR export.
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from heldout_note_model import Fu, Med, Mod


@dataclass
class Note:
    """One note to render: who, when, which modules and distractors."""

    rng: random.Random
    mods: list[Mod]
    name: str
    age: int
    sex: str
    date: str
    clinician: str
    setting: str
    history: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    ros: list[tuple[str, str]] = field(default_factory=list)
    brand: set[str] = field(default_factory=set)
    ret: tuple[str, str] | None = None
    admit: str = ""


def drug(n: Note, m: Med) -> str:
    """The drug as this note writes it: brand for some, generic otherwise."""
    return m.brand if m.brand and m.name in n.brand else m.name


def act_text(n: Note, a: Med | Fu, abbr: bool = False) -> str:
    text = a.abbr if abbr else a.full
    return text.format(drug=drug(n, a)) if isinstance(a, Med) else text


def sexword(n: Note) -> str:
    if n.age < 13:
        return "girl" if n.sex == "F" else "boy"
    return "woman" if n.sex == "F" else "man"


def negs(n: Note) -> list[str]:
    return [s for m in n.mods for _, s in m.neg]


def ros_line(n: Note) -> str:
    if not n.ros:
        return ""
    items = [t for t, _ in n.ros]
    return (
        "Denies "
        + (", ".join(items[:-1]) + " or " + items[-1] if len(items) > 1 else items[0])
        + "."
    )


def current(n: Note) -> list[str]:
    return [c for m in n.mods for c in m.current]


def ehr(n: Note) -> str:
    """Templated EHR export with capitalized section headers and numbered problems."""
    L = [
        f"{(n.setting.upper() == 'ED' and 'EMERGENCY DEPARTMENT PROVIDER NOTE') or 'OFFICE VISIT'}",
        f"Patient: {n.name}    Age/Sex: {n.age} {n.sex}    Date of service: {n.date}",
        f"Provider: {n.clinician}",
        "",
        f"CHIEF COMPLAINT: {n.mods[0].cc or 'follow-up'}",
        "",
        "HISTORY OF PRESENT ILLNESS:",
        f"{n.age}-year-old {sexword(n)}. "
        + " ".join(s for m in n.mods for s in m.hpi)
        + " "
        + " ".join(negs(n)),
    ]
    if n.history:
        L += ["", "PAST MEDICAL HISTORY: " + "; ".join(n.history) + "."]
    if current(n):
        L += ["", "MEDICATIONS PRIOR TO VISIT: " + "; ".join(current(n)) + "."]
    if n.ros:
        L += ["", "REVIEW OF SYSTEMS: " + ros_line(n) + " All other systems reviewed and negative."]
    data = [s for m in n.mods for s in m.data] + [s for m in n.mods for _, s in m.red]
    if data:
        L += ["", "RESULTS / EXAM: " + " ".join(data)]
    L += ["", "ASSESSMENT AND PLAN:"]
    for i, m in enumerate(n.mods, 1):
        L.append(
            f"{i}. {n.rng.choice(m.dx)}." + (" " + " ".join(m.uncertain) if m.uncertain else "")
        )
        L += [f"   - {act_text(n, a)}" for a in m.actions]
    for u in n.uncertain:
        L.append(f"{len(n.mods) + 1}. {u}")
    if n.ret:
        L += ["", f"Return visit in {n.ret[1]}."]
    L += ["", f"Electronically signed by {n.clinician}"]
    return "\n".join(L)


def soap(n: Note) -> str:
    """Short SOAP note."""
    L = [f"{n.date}  {n.name}, {n.age}{n.sex}", ""]
    L.append(
        "S: "
        + " ".join(s for m in n.mods for s in m.hpi)
        + " "
        + " ".join(negs(n))
        + (" " + ros_line(n) if n.ros else "")
    )
    if n.history:
        L.append("   PMH: " + ", ".join(n.history) + ".")
    if current(n):
        L.append("   Meds: " + ", ".join(current(n)) + ".")
    data = [s for m in n.mods for s in m.data] + [s for m in n.mods for _, s in m.red]
    L.append("O: " + (" ".join(data) if data else "Vitals stable. Exam as above."))
    L.append("A: " + "; ".join(n.rng.choice(m.dx) for m in n.mods) + ".")
    for u in n.uncertain:
        L.append("   " + u)
    L.append("P:")
    for m in n.mods:
        L += [f"  - {act_text(n, a)}" for a in m.actions]
    if n.ret:
        L.append(f"  - Follow up in {n.ret[1]}.")
    L.append(f"-- {n.clinician}")
    return "\n".join(L)


def abbrev(n: Note) -> str:
    """Dense abbreviations, lowercase, arrows and slashes."""
    L = [f"{n.date} f/u  pt {n.name.split()[0][0]}.{n.name.split()[-1]} {n.age}{n.sex.lower()}"]
    hx = ", ".join(n.history)
    L.append(f"PMH: {hx or 'none'}" + (f"; meds: {', '.join(current(n))}" if current(n) else ""))
    L.append("S: " + " ".join(s for m in n.mods for s in m.hpi))
    neg_terms = [t for m in n.mods for t, _ in m.neg] + [g for _, g in n.ros]
    L.append(
        "neg: "
        + ", ".join(f"no {t}" if n.rng.random() < 0.6 else f"(-) {t}" for t in neg_terms)
        + "."
    )
    data = [s for m in n.mods for s in m.data] + [s for m in n.mods for _, s in m.red]
    if data:
        L.append("O: " + " ".join(data))
    L.append("A/P:")
    for m in n.mods:
        L.append(f"# {m.dx_abbr}" + (f" ({' '.join(m.uncertain)})" if m.uncertain else ""))
        L.append("  " + "; ".join(act_text(n, a, abbr=True) for a in m.actions))
    for u in n.uncertain:
        L.append(f"# {u}")
    if n.ret:
        L.append(f"RTC {n.ret[1].replace(' months', ' mo').replace(' weeks', ' wk')}")
    L.append(n.clinician.split(",")[0])
    return "\n".join(L)


def dictation(n: Note) -> str:
    """A dictation transcript: one run of prose with spoken numbering."""
    words = ["one", "two", "three", "four", "five"]
    lead = {"inpt": "discharge summary", "ed": "emergency department note"}.get(
        n.setting, "clinic note"
    )
    p1 = (
        f"This is {n.clinician} dictating a {lead} on {n.name}, date {n.date}. The patient is a {n.age}-year-old"
        f" {sexword(n)} seen for {n.mods[0].cc or 'follow-up'}. "
        + " ".join(s for m in n.mods for s in m.hpi)
        + " "
        + " ".join(negs(n))
        + (" " + ros_line(n) if n.ros else "")
    )
    parts = [p1]
    if n.history:
        parts.append(
            "Past history includes "
            + ", ".join(n.history)
            + ", none of which are active issues today."
        )
    if current(n):
        parts.append("Medications coming in: " + ", ".join(current(n)) + ".")
    data = [s for m in n.mods for s in m.data] + [s for m in n.mods for _, s in m.red]
    if data:
        parts.append(" ".join(data))
    ap = ["Assessment and plan."]
    for i, m in enumerate(n.mods):
        ap.append(f"Number {words[i]}, {n.rng.choice(m.dx).lower()}.")
        ap += [act_text(n, a) for a in m.actions]
        ap += m.uncertain
    ap += n.uncertain
    if n.ret:
        ap.append(f"Follow-up in {n.ret[1]}.")
    parts.append(" ".join(ap))
    parts.append("End of dictation.")
    return "\n\n".join(wrap_par(p) for p in parts)


def discharge(n: Note) -> str:
    """Discharge summary with medication reconciliation by category."""
    L = [
        "DISCHARGE SUMMARY",
        f"Patient: {n.name}, {n.age} {n.sex}     Admitted: {n.admit}     Discharged: {n.date}",
        f"Attending: {n.clinician}",
        "",
        "DISCHARGE DIAGNOSES:",
    ]
    L += [f"{i}. {n.rng.choice(m.dx)}" for i, m in enumerate(n.mods, 1)]
    if n.history:
        L += [
            "",
            "CHRONIC / HISTORICAL (not addressed this admission): " + "; ".join(n.history) + ".",
        ]
    course = (
        " ".join(s for m in n.mods for s in m.hpi + m.data)
        + " "
        + " ".join(s for m in n.mods for _, s in m.red)
    )
    course += " " + " ".join(negs(n)) + " " + " ".join(u for m in n.mods for u in m.uncertain)
    L += ["", "HOSPITAL COURSE:", *wrap_par(course.strip()).split("\n")]
    if n.ros:
        L.append(ros_line(n))
    L += ["", "DISCHARGE MEDICATIONS:"]
    heads = {
        "started": "NEW",
        "dose_changed": "CHANGED",
        "stopped": "STOP TAKING",
        "continued": "CONTINUE",
    }
    meds = [a for m in n.mods for a in m.actions if isinstance(a, Med)]
    for action, head in heads.items():
        these = [a for a in meds if a.action == action]
        if these:
            L.append(f"  {head}:")
            L += [f"    - {act_text(n, a)}" for a in these]
    L += ["", "FOLLOW-UP:"]
    L += [f"  - {a.full}" for m in n.mods for a in m.actions if isinstance(a, Fu)]
    for u in n.uncertain:
        L.append(f"Note: {u}")
    return "\n".join(L)


_PROTECT = re.compile(r"\d")


def ocr_scan(n: Note) -> str:
    """An EHR export that was printed and scanned: l/1 and O/0 swaps, split words, a page break."""
    text = ehr(n)
    protected = {
        w.lower()
        for m in n.mods
        for a in m.actions
        if isinstance(a, Med)
        for w in drug(n, a).split()
    }
    out = []
    for line in text.split("\n"):
        words = []
        for w in line.split(" "):
            if (
                len(w) > 4
                and not _PROTECT.search(w)
                and w.lower().strip(".,;") not in protected
                and n.rng.random() < 0.07
            ):
                w = n.rng.choice([w.replace("l", "1", 1), w.replace("o", "0", 1), w.replace("m", "rn", 1),
                                  w[: len(w) // 2] + "- " + w[len(w) // 2 :]])  # fmt: skip
            words.append(w)
        out.append(" ".join(words))
    mid = len(out) // 2
    out.insert(mid, f"\fPage 2 of 2 - {n.name} - printed {n.date}")
    return "\n".join(out)


def wrap_par(text: str, width: int = 96) -> str:
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + len(w) + 1 > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    if cur:
        lines.append(cur)
    return "\n".join(lines)


STYLES = {
    "clinic": {"ehr": ehr, "soap": soap, "abbrev": abbrev, "dictation": dictation, "ocr": ocr_scan},
    "ed": {"ehr": ehr, "abbrev": abbrev, "dictation": dictation, "soap": soap},
    "inpt": {"discharge": discharge, "dictation": dictation},
}
