#!/usr/bin/env python3
"""Build evals/data/tune/note_summary.jsonl: the note-summary tuning set (open to everyone).

    .venv/bin/python scripts/synth/tune_notes.py            # write the file
    .venv/bin/python scripts/synth/tune_notes.py --check    # compare with the committed file

Deterministic (fixed seed). Each note combines one to three problem modules
(``tune_notes_modules.py``) that do not contradict each other, rendered in one of seven styles
unlike the dev set: a templated EHR export with pipes, a dictation transcript, dense
abbreviations, an OCR'd fax with noise, a discharge summary with grouped medication lists, a
consultant's letter, and a plain SOAP note. Gold follows the dev README conventions
(problems from the assessment with "use additional code" pairs kept together; medication
actions relative to the regimen before the encounter; drugs given once in hospital and not
continued at discharge are not changes of a discharge summary). Every gold code is checked
billable with simple-icd-10-cm before the file is written.
"""

# ruff: noqa: E501
from __future__ import annotations

import json
import random
import re
import sys
import warnings
from pathlib import Path
from typing import Any

from tune_notes_modules import MODULES, Med, Module

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "tune" / "note_summary.jsonl"
SEED = 20260312
N_NOTES = 96
STYLES = ("ehr", "dictation", "abbrev", "ocr", "discharge", "letter", "soap")
PEDS = {"aom", "bronchiolitis", "adhd", "asthma"}
ALONE = {"gdm", "dka", "stroke"}
CONFLICTS = [
    {"htn", "dkd"},
    {"htn", "ckd_anemia"},
    {"htn", "hfpef"},
    {"htn", "htn_urgency"},
    {"dkd", "ckd_anemia"},
    {"dkd", "hfpef"},
    {"ckd_anemia", "hfpef"},
    {"dkd", "dpn"},
    {"htn_urgency", "hfpef"},
    {"htn_urgency", "dkd"},
    {"htn_urgency", "ckd_anemia"},
    {"hld", "hcv"},
    {"pe", "dvt"},
    {"hyperk", "hyponat"},
    {"hcv", "gi_bleed"},
]
FIRST = "Avery Blake Casey Dana Elliot Frankie Gale Harper Indira Jonah Kiran Lorenzo Maren Nadia Oren Priya Quinn Rosalind Soren Tamsin Ulla Viktor Wren Xiomara Yusuf Zelda".split()
LAST = "Abernathy Brightwater Castellano Dunmore Eriksen Fairbanks Galloway Hollis Ivanova Jaramillo Kessler Lindqvist Moravec Nakagawa Okonkwo Pemberton Quintero Rasmussen Sandoval Thorne Underwood Valdivia Whitlock Yamamoto Zielinski".split()
FILLER_MEDS = (
    ("loratadine", "10 mg daily"),
    ("docusate", "100 mg BID"),
    ("multivitamin", "1 tab daily"),
    ("cetirizine", "10 mg daily"),
)
PMH_DISTRACT = (
    "remote appendectomy",
    "cataract surgery 2019",
    "seasonal allergic rhinitis",
    "hearing loss",
    "tonsillectomy as a child",
    "left hip osteoarthritis",
    "glaucoma",
)
NUM_WORDS = {
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "8": "eight",
    "12": "twelve",
}
ABBREV = (
    (r"\bhypertension\b", "HTN"),
    (r"\bType 2 diabetes mellitus\b", "T2DM"),
    (r"\bchronic kidney disease\b", "CKD"),
    (r"\bchronic obstructive pulmonary disease\b", "COPD"),
    (r"\bdeep vein thrombosis\b", "DVT"),
    (r"\bwith\b", "w/"),
    (r"\bwithout\b", "w/o"),
)


def _icd() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import simple_icd_10_cm as lib
    return lib


def _inpatient(m: Med) -> bool:
    return bool(
        re.search(r"\bIV\b|once in the department|infusion|per CIWA", m.sig)
    ) or m.generic in ("lactated ringer's", "alteplase", "enoxaparin")


def _when(when: str, style: str) -> str:
    if style == "abbrev":
        return re.sub(r"\bweeks?\b", "wk", re.sub(r"\bmonths?\b", "mo", when))
    if style == "dictation":
        return " ".join(NUM_WORDS.get(w, w) for w in when.split())
    return when


def med_line(m: Med, style: str, rng: random.Random) -> str:
    name = rng.choice(m.surfaces())
    dose = f" {m.dose}" if m.dose else ""
    sig = f" {m.sig}" if m.sig else ""
    if style == "abbrev":
        table = {
            "started": [f"start {name}{dose}{sig}", f"+ {name}{dose}{sig}", f"new {name}{dose}"],
            "stopped": [f"d/c {name}", f"stop {name}", f"hold {name}"],
            "dose_changed": [
                f"{name} {m.old or ''} -> {m.dose}{sig}".replace("  ", " "),
                f"incr {name} to {m.dose}" if _up(m) else f"decr {name} to {m.dose}",
            ],
            "continued": [f"cont {name}{dose}", f"c/w {name}{dose}"],
        }
    elif style == "dictation":
        table = {
            "started": [
                f"We will start {name}{dose}{sig}.",
                f"I am going to begin {name}{dose}{sig}.",
                f"We are adding {name}{dose}{sig}.",
            ],
            "stopped": [
                f"We will stop the {name}.",
                f"I have asked the patient to discontinue {name}.",
                f"{name.capitalize()} is being stopped.",
            ],
            "dose_changed": [
                f"We will {'increase' if _up(m) else 'decrease'} the {name} from {m.old} to {m.dose}{sig}."
                if m.old
                else f"We will {'increase' if _up(m) else 'decrease'} the {name} to {m.dose}{sig}."
            ],
            "continued": [
                f"The patient will continue {name}{dose}{sig}.",
                f"No changes to {name}{dose}.",
            ],
        }
    else:
        table = {
            "started": [
                f"Start {name}{dose}{sig}.",
                f"Begin {name}{dose}{sig}.",
                f"Initiate {name}{dose}{sig}.",
                f"{name.capitalize()}{dose}{sig} - new.",
            ],
            "stopped": [
                f"Stop {name}.",
                f"Discontinue {name}.",
                f"Hold {name}.",
                f"{name.capitalize()} - discontinued.",
            ],
            "dose_changed": [
                f"{'Increase' if _up(m) else 'Decrease'} {name} from {m.old} to {m.dose}{sig}."
                if m.old
                else f"{'Increase' if _up(m) else 'Decrease'} {name} to {m.dose}{sig}.",
                f"{name.capitalize()} {'increased' if _up(m) else 'reduced'} to {m.dose}{sig}.",
            ],
            "continued": [
                f"Continue {name}{dose}{sig}.",
                f"{name.capitalize()}{dose} - continue, no change.",
            ],
        }
    return rng.choice(table[m.action])


def _change(m: Med) -> dict[str, Any]:
    return {
        "name": m.generic,
        "action": m.action,
        "dose": None if m.action == "stopped" else m.dose,
    }


def discharge_med(
    m: Med, rng: random.Random, lists: dict[str, list[str]], given: list[str]
) -> dict[str, Any] | None:
    """Put one plan medication in a discharge summary; its gold change, or None.

    A drug given in hospital only goes to the hospital course and is not a change.
    """
    if _inpatient(m):
        given.append(rng.choice(m.surfaces()))
        return None
    name = rng.choice(m.surfaces())
    dose = f" {m.dose}" if m.dose and m.action != "stopped" else ""
    sig = f" {m.sig}" if m.sig and m.action != "stopped" else ""
    extra = f" (previously {m.old})" if m.action == "dose_changed" and m.old else ""
    lists[m.action].append(f"- {name}{dose}{sig}{extra}")
    return _change(m)


def _up(m: Med) -> bool:
    def num(x: str | None) -> float:
        got = re.match(r"[\d.,]+", x or "")
        return float(got.group(0).replace(",", "")) if got else 0.0

    return num(m.dose) >= num(m.old) or m.old is None


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fu_line(what: str, when: str | None, style: str, rng: random.Random) -> str:
    if when is None:
        return (
            rng.choice([f"{_cap(what)}.", f"Arrange {what}.", f"{_cap(what)} ordered."])
            if style != "dictation"
            else f"We will arrange {what}."
        )
    w = _when(when, style)
    if style == "abbrev":
        return rng.choice([f"{what} {w}", f"{what} in {w}"])
    if style == "dictation":
        return (
            f"We will get {what} in {w}."
            if not w.startswith(("tomorrow", "before", "within"))
            else f"We will get {what} {w}."
        )
    if when.startswith(("tomorrow", "before", "within")) or (
        re.match(r"\d+ weeks? after|\d+ weeks?$", when) is None
        and not re.match(r"[\d-]+ (days?|weeks?|months?|years?|hours?)$", when)
    ):
        return f"{_cap(what)} {w}."
    return rng.choice([f"{_cap(what)} in {w}.", f"{_cap(what)} - {w}."])


def neg_line(terms: list[str], style: str, rng: random.Random) -> str:
    if not terms:
        return ""
    if len(terms) == 1:
        joined = terms[0]
    else:
        joined = ", ".join(terms[:-1]) + rng.choice([" or ", ", or ", " and "]) + terms[-1]
    if style == "abbrev":
        return rng.choice(
            ["(-) " + "/".join(terms), "neg " + ", ".join(terms), "denies " + ", ".join(terms)]
        )
    if style == "dictation":
        return f"The patient denies any {joined}."
    if style == "ehr":
        return "Pertinent negatives: " + "; ".join(terms) + "."
    return rng.choice(
        [
            f"Denies {joined}.",
            f"No {joined}.",
            f"Negative for {joined}.",
            f"ROS negative for {joined}.",
        ]
    )


def ocr_noise(text: str, protected: list[str], rng: random.Random) -> str:
    keep = [
        (m.start(), m.end()) for p in protected if p for m in re.finditer(re.escape(p), text, re.I)
    ]

    def free(s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b in keep)

    out: list[str] = []
    pos = 0
    for m in re.finditer(r"[A-Za-z]{4,}", text):
        out.append(text[pos : m.start()])
        word = m.group(0)
        if free(m.start(), m.end()) and rng.random() < 0.09:
            op = rng.randrange(4)
            if op == 0 and "l" in word:
                word = word.replace("l", "1", 1)
            elif op == 1 and "m" in word:
                word = word.replace("m", "rn", 1)
            elif op == 2:
                cut = rng.randrange(2, len(word) - 1)
                word = word[:cut] + "-\n" + word[cut:]
            else:
                word = word.replace("o", "0", 1) if "o" in word else word + "."
        out.append(word)
        pos = m.end()
    out.append(text[pos:])
    noisy = "".join(out)
    noisy = re.sub(
        r"(?m)^(.{60,}?) ", lambda g: g.group(1) + ("  " if rng.random() < 0.2 else " "), noisy
    )
    return noisy


def choose_modules(rng: random.Random, counts: dict[str, int]) -> list[Module]:
    by_key = {m.key: m for m in MODULES}
    while True:
        low = min(counts.values())
        first = rng.choice([k for k, v in counts.items() if v <= low + 1])
        picked = [by_key[first]]
        if first not in ALONE:
            want = rng.choice([1, 2, 2, 3])
            pool = [m for m in MODULES if m.key not in ALONE and (m.key in PEDS) == (first in PEDS)]
            rng.shuffle(pool)
            for m in pool:
                if len(picked) >= want:
                    break
                if m in picked or not compatible([*picked, m]):
                    continue
                picked.append(m)
        if compatible(picked):
            for m in picked:
                counts[m.key] += 1
            return picked


def _module_text(m: Module) -> str:
    meds = (
        " ".join(" ".join(x.surfaces()) + " " + x.generic for x in m.plan)
        + " "
        + " ".join(p for p, _ in m.prior)
    )
    return " ".join(
        [*(d for d, _ in m.dx), *m.hx, *m.data, *m.flags, *(f for f, _ in m.fu), meds, *m.distract]
    ).lower()


def compatible(mods: list[Module]) -> bool:
    keys = {m.key for m in mods}
    if any(c <= keys for c in CONFLICTS):
        return False
    drugs: set[str] = set()
    for m in mods:
        names = {x.generic.split()[0] for x in m.plan} | {p.split()[0] for p, _ in m.prior}
        if drugs & names:
            return False
        drugs |= names
    for m in mods:
        others = " ".join(_module_text(o) for o in mods if o is not m)
        if any(re.search(rf"\b{re.escape(t.lower())}\b", others) for t in m.neg):
            return False
    codes = [c for m in mods for _, cs in m.dx[:1] for c in cs]
    return len(codes) == len(set(codes))


def render(
    mods: list[Module], style: str, rng: random.Random, n: int
) -> tuple[str, dict[str, Any]]:
    patient = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    clinician = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    day = f"0{rng.randint(2, 3)}/{rng.randint(10, 28)}/2026"
    age = rng.randint(5, 11) if mods[0].key in PEDS else rng.randint(24, 86)
    if mods[0].key == "bronchiolitis":
        age = 0
    dx_pick = [rng.choice(m.dx) if m.key != "hld" else m.dx[0] for m in mods]
    problems: list[dict[str, Any]] = []
    for words, codes in dx_pick:
        for c in codes:
            if c not in {p["code"] for p in problems}:
                problems.append({"code": c, "text": words})
    meds_gold: list[dict[str, Any]] = []
    negated: list[str] = []
    flags: list[str] = []
    follow: list[dict[str, Any]] = []
    hx = " ".join(rng.choice(m.hx) if len(m.hx) > 1 else m.hx[0] for m in mods)
    neg_terms = [t for m in mods for t in m.neg]
    negated += neg_terms
    for m in mods:
        flags += list(m.flags)
        for d in m.distract:
            if "||" in d:
                negated.append(d.split("||")[1])
    prior = [p for m in mods for p in m.prior] + rng.sample(FILLER_MEDS, rng.randint(0, 2))
    pmh = rng.sample(PMH_DISTRACT, 2)
    data = " ".join(s for m in mods for s in m.data)
    protected = [*(d for d, _ in dx_pick), *flags, *(w for m in mods for w, _ in m.fu), *neg_terms]
    protected += [s for m in mods for x in m.plan for s in x.surfaces()]
    protected += [p for p, _ in prior]

    blocks: list[tuple[str, list[str]]] = []  # (dx words, plan lines)
    fu_lines: list[str] = []
    notes_lines: list[str] = []
    inpatient_given: list[str] = []
    discharge_lists: dict[str, list[str]] = {
        "started": [],
        "dose_changed": [],
        "stopped": [],
        "continued": [],
    }
    for m, (words, _codes) in zip(mods, dx_pick, strict=True):
        lines: list[str] = [d.split("||")[0] for d in m.distract]
        notes_lines += lines
        for x in m.plan:
            if style == "discharge":
                change = discharge_med(x, rng, discharge_lists, inpatient_given)
                meds_gold += [change] if change else []
                continue
            lines.append(med_line(x, style, rng))
            meds_gold.append(_change(x))
        for what, when in m.fu:
            follow.append({"what": what, "when": when})
            line = fu_line(what, when, style, rng)
            lines.append(line)
            fu_lines.append(line)
        if style == "abbrev":
            for pat, rep in ABBREV:
                words = re.sub(pat, rep, words, flags=re.I) if rng.random() < 0.7 else words
        blocks.append((words, lines))
    if (
        style not in ("discharge",)
        and rng.random() < 0.5
        and mods[0].specialty not in ("emergency", "hospital medicine", "intensive care")
    ):
        weeks = rng.choice(["4 weeks", "6 weeks", "3 months"])
        follow.append({"what": "RTC" if style == "abbrev" else "return to clinic", "when": weeks})
        tail = (
            f"Return to clinic in {_when(weeks, style)}."
            if style != "abbrev"
            else f"RTC {_when(weeks, style)}"
        )
    else:
        tail = ""
    negl = neg_line(neg_terms, style, rng)
    meds_list = "; ".join(f"{p} {s}" for p, s in prior) or "none"
    fmt = style if style != "ocr" else rng.choice(["soap", "discharge_ocr"])
    if fmt == "discharge_ocr":
        # The plan's medication lines were drawn for a note with an A/P; a discharge summary
        # prints its medications as the grouped lists instead, so they are drawn again (from a
        # generator of their own: the main one stays where every other note expects it).
        own = random.Random(f"{SEED}:{n}:discharge")
        meds_gold = []
        for m in mods:
            for x in m.plan:
                change = discharge_med(x, own, discharge_lists, inpatient_given)
                meds_gold += [change] if change else []
    text = FORMATS[fmt](
        patient=patient,
        clinician=clinician,
        day=day,
        age=age,
        mods=mods,
        hx=hx,
        negl=negl,
        meds_list=meds_list,
        pmh=pmh,
        data=data,
        blocks=blocks,
        tail=tail,
        rng=rng,
        given=inpatient_given,
        dlists=discharge_lists,
        fu=fu_lines,
        notes=notes_lines,
    )
    if style == "ocr":
        # The noise draws as many numbers as the text has words: from a generator of its own,
        # a change to one note's text cannot reshuffle every note after it.
        noise = random.Random(f"{SEED}:{n}:ocr")
        text = ocr_noise(text, [*protected, "Return to clinic"], noise)
        text = text.replace("\n\n", "\n\f\nPage 2 of 2\n", 1) if "\f" not in text else text
    low = re.sub(r"\s+", " ", text.lower())
    changed = {c["name"] for c in meds_gold}
    for x in (x for m in mods for x in m.plan if x.generic in changed):
        assert any(w.lower() in low for w in x.surfaces()), (n, x.generic)
    gold = {
        "problems": problems,
        "medication_changes": meds_gold,
        "follow_up": follow,
        "red_flags": flags,
        "negated": list(dict.fromkeys(negated)),
    }
    return text, gold


def f_soap(**k: Any) -> str:
    rng = k["rng"]
    spec = k["mods"][0].specialty.title()
    a = [
        f"{i}. {w}" + (" - " + " ".join(ls) if ls else "")
        for i, (w, ls) in enumerate(k["blocks"], 1)
    ]
    return (
        f"{spec} Clinic Note\nDate: {k['day']}    Patient: {k['patient']} ({k['age']} y)    Clinician: {k['clinician']}\n\n"
        f"Subjective: {k['hx']} {k['negl']} PMH: {', '.join(k['pmh'])}.\n"
        f"Medications: {k['meds_list']}.\n\nObjective: {k['data']}\n\n"
        f"{rng.choice(['Assessment and Plan', 'A/P', 'Assessment & Plan'])}:\n"
        + "\n".join(a)
        + (f"\n{k['tail']}" if k["tail"] else "")
        + "\n"
    )


def f_ehr(**k: Any) -> str:
    rows = "\n".join(
        f"  {w} | {'Primary' if i == 0 else 'Secondary'} | Active"
        for i, (w, _) in enumerate(k["blocks"])
    )
    orders = "\n".join(f"  * {line}" for _, ls in k["blocks"] for line in ls)
    meds = "\n".join(
        f"  {p} | {s} | Active"
        for p, s in [
            tuple(x.strip().split(" ", 1)) if " " in x.strip() else (x.strip(), "")
            for x in k["meds_list"].split(";")
        ]
    )
    return (
        f"=== ENCOUNTER SUMMARY (EXPORT) ===\nPatient Name: {k['patient']} | Age: {k['age']} | Encounter Date: {k['day']}\n"
        f"Rendering Provider: {k['clinician']} | Dept: {k['mods'][0].specialty.upper()}\n\n"
        f"REASON FOR VISIT\n  {k['hx']}\n  {k['negl']}\n  Past history: {'; '.join(k['pmh'])}\n\n"
        f"MEDICATIONS PRIOR TO VISIT\n  Medication | Sig | Status\n{meds}\n\nRESULTS\n  {k['data']}\n\n"
        f"ENCOUNTER DIAGNOSES\n  Diagnosis | Rank | Status\n{rows}\n\n"
        f"PLAN / ORDERS THIS ENCOUNTER\n{orders}\n" + (f"  * {k['tail']}\n" if k["tail"] else "")
    )


def f_dictation(**k: Any) -> str:
    parts = []
    for i, (w, ls) in enumerate(k["blocks"], 1):
        lead = ["Number one", "Number two", "Number three"][i - 1]
        parts.append(f"{lead}, {w}. " + " ".join(ls))
    return (
        f"DICTATED BUT NOT READ. {k['clinician']}, {k['day']}.\n"
        f"This is a {k['age']}-year-old seen today in {k['mods'][0].specialty} clinic. {k['hx']} {k['negl']} "
        f"Past history is notable for {' and '.join(k['pmh'])}. Current medicines include {k['meds_list'].replace(';', ',')}. "
        f"On examination and review of data, {k['data'] if k['data'] else 'nothing further of note.'}\n"
        f"ASSESSMENT AND PLAN: "
        + " ".join(parts)
        + (f" {k['tail']}" if k["tail"] else "")
        + "\nEnd of dictation.\n"
    )


def f_abbrev(**k: Any) -> str:
    a = []
    for i, (w, ls) in enumerate(k["blocks"], 1):
        a.append(f"#{i} {w}\n" + "\n".join(f"  - {line}" for line in ls))
    return (
        f"{k['day']} {k['mods'][0].specialty} f/u  pt {k['patient']} {k['age']}yo\n"
        f"S: {k['hx']} {k['negl']}. PMHx {', '.join(k['pmh'])}\n"
        f"Meds: {k['meds_list']}\nO: {k['data']}\nA/P:\n"
        + "\n".join(a)
        + (f"\n{k['tail']}" if k["tail"] else "")
        + f"\n-- {k['clinician']}\n"
    )


def _discharge(k: dict[str, Any], ocr: bool = False) -> str:
    rng = k["rng"]
    dx = k["blocks"]
    course = " ".join(k["notes"])
    fu = [*k["fu"], *([k["tail"]] if k["tail"] else [])]
    given = f" Received {', '.join(k['given'])} in hospital." if k["given"] else ""
    groups = []
    for label, key in (
        ("START taking", "started"),
        ("CHANGE how you take", "dose_changed"),
        ("STOP taking", "stopped"),
        ("CONTINUE taking", "continued"),
    ):
        if k["dlists"][key]:
            groups.append(f"{label}:\n" + "\n".join(k["dlists"][key]))
    return (
        f"DISCHARGE SUMMARY\nPatient: {k['patient']}   Age: {k['age']}   Admitted: {k['day']}   Discharged: {k['day'][:3]}{min(28, int(k['day'][3:5]) + rng.randint(1, 3)):02d}/2026\n"
        f"Attending: {k['clinician']} ({k['mods'][0].specialty})\n\n"
        f"PRINCIPAL DIAGNOSIS: {dx[0][0]}\n"
        + (f"SECONDARY DIAGNOSES: {'; '.join(w for w, _ in dx[1:])}\n" if len(dx) > 1 else "")
        + f"\nHISTORY: {k['hx']} {k['negl']} Past history: {', '.join(k['pmh'])}.\nHome medications: {k['meds_list']}.\n\n"
        f"HOSPITAL COURSE: {k['data']}{given} {course}\n\nDISCHARGE MEDICATIONS:\n"
        + "\n".join(groups)
        + "\n\nFOLLOW-UP:\n"
        + "\n".join(f"- {x}" for x in fu)
        + "\n"
    )


def f_letter(**k: Any) -> str:
    imp = "; ".join(w for w, _ in k["blocks"])
    recs = " ".join(line for _, ls in k["blocks"] for line in ls)
    return (
        f"{k['mods'][0].specialty.title()} Consultation - {k['day']}\n\nDear Colleague,\n\n"
        f"Thank you for asking me to see {k['patient']}, aged {k['age']}. {k['hx']} {k['negl']} "
        f"Other history includes {' and '.join(k['pmh'])}. Medications: {k['meds_list']}. {k['data']}\n\n"
        f"Impression: {imp}.\n\nRecommendations: {recs}"
        + (f" {k['tail']}" if k["tail"] else "")
        + f"\n\nYours sincerely,\n{k['clinician']}\n"
    )


FORMATS = {
    "soap": f_soap,
    "ehr": f_ehr,
    "dictation": f_dictation,
    "abbrev": f_abbrev,
    "discharge": lambda **k: _discharge(k),
    "discharge_ocr": lambda **k: _discharge(k, True),
    "letter": f_letter,
}


def check(text: str, gold: dict[str, Any], case: str) -> None:
    lib = _icd()
    for p in gold["problems"]:
        assert lib.is_valid_item(p["code"]), (case, p["code"])
        assert lib.is_leaf(p["code"]), (case, p["code"])
    low = re.sub(r"\s+", " ", text.lower())
    for phrase in [*gold["red_flags"], *(f["what"] for f in gold["follow_up"])]:
        assert phrase.lower() in low, (case, phrase)


def build() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    counts = {m.key: 0 for m in MODULES}
    rows = []
    for n in range(N_NOTES):
        style = STYLES[n % len(STYLES)]
        mods = choose_modules(rng, counts)
        text, gold = render(mods, style, rng, n)
        case = f"tu-ns-{n + 1:03d}"
        check(text, gold, case)
        rows.append({"id": case, "input": {"text": text}, "expected": gold})
    return rows


def main() -> int:
    rows = build()
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if "--check" in sys.argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == body
        print("tune note_summary: " + ("up to date" if same else "DIFFERS"))
        return 0 if same else 1
    OUT.write_text(body, encoding="utf-8")
    print(f"wrote {len(rows)} notes to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
