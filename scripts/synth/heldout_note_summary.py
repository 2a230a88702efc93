#!/usr/bin/env python3
"""Build evals/data/heldout/note_summary.jsonl (HELD-OUT: engineers must not open it).

    .venv/bin/python scripts/synth/heldout_note_summary.py

Generated notes combine 1-3 problem modules in one of six styles; hand-written notes come
from heldout_note_summary_hand.txt. Checks: every code billable, 1-5 problems, no negated
or uncertain item among the problems, actions valid, medication names lower case.
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from codesets import billable
from heldout_note_model import HISTORY_ONLY, ROS, UNCERTAIN, Fu, Med, Mod
from heldout_note_modules import CLINIC
from heldout_note_modules2 import ACUTE
from heldout_note_render import STYLES, Note
from records import read_hand_file, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evals" / "data" / "heldout" / "note_summary.jsonl"
HAND = Path(__file__).with_name("heldout_note_summary_hand.txt")
SEED = 1123581321
N_GENERATED = 50

ALL = CLINIC + ACUTE
#: Symptoms a module's patient has, so the review of systems never denies them.
HAS = {
    "afib_new_anticoag": {"palpitations"},
    "copd_maint": {"shortness of breath"},
    "asthma_step_up": {"shortness of breath"},
    "cystitis_ecoli": {"abdominal pain"},
    "zoster": {"chest pain"},
    "cellulitis_leg": {"leg swelling"},
    "gastric_ulcer_bleed": {"blood in the stool", "abdominal pain"},
    "otitis_peds": {"fever"},
}
FIRST = {
    "F": "Imelda Rashida Yevgenia Obiageli Marit Dorothea Linnea Perpetua Soraya Ottilie".split(),
    "M": "Corentin Tadeusz Santiago Kwesi Ahmad Lorenzo Bjorn Olumide Emrys Tariq".split(),
}
LAST = "Vandersloot Okereke-Pratt Halvorsen-Diaz Mukherjee Castellanos Brightwell Oyediran Lindqvist Sauvé Abara".split()
CLIN = [
    "Helena Marsh-Obi, MD",
    "Dr. Tomas Ferreira",
    "Ayodele Banjo, DO",
    "R. Kowalski, NP",
    "Dr. Ingrid Saltzman",
]
RETURN = ["3 months", "6 weeks", "4 weeks", "2 months", "6 months"]


def fmt(d: date, rng: random.Random) -> str:
    return rng.choice(
        [
            f"{d.month:02d}/{d.day:02d}/{d.year}",
            d.isoformat(),
            d.strftime("%B %-d, %Y"),
            d.strftime("%d-%b-%Y"),
        ]
    )


def has(m: Mod) -> set[str]:
    return {t.removeprefix("has:") for t in m.tags if t.startswith("has:")} | HAS.get(m.key, set())


def compatible(mods: list[Mod]) -> bool:
    tags = [t for m in mods for t in m.tags if not t.startswith("has:")]
    if len(tags) != len(set(tags)):
        return False
    meds = [a.name for m in mods for a in m.actions if isinstance(a, Med)]
    if len(meds) != len(set(meds)):
        return False
    if sum(len(m.problems) for m in mods) > 5:
        return False
    sexes = {m.sex for m in mods if m.sex}
    if len(sexes) > 1:
        return False
    lo = max(m.ages[0] for m in mods)
    hi = min(m.ages[1] for m in mods)
    if lo > hi:
        return False
    problems = " | ".join(p for m in mods for _, p in m.problems).lower()
    symptoms = set().union(*(has(m) for m in mods))
    for m in mods:
        for term, _ in m.neg:
            if term.lower() in problems or term.lower() in symptoms:
                return False
    return True


def compose(rng: random.Random, setting: str) -> list[Mod]:
    pool = [m for m in ALL if setting in m.settings]
    k = rng.choices([1, 2, 3], [0.3, 0.45, 0.25] if setting == "clinic" else [0.5, 0.5, 0.0])[0]
    for _ in range(500):
        mods = rng.sample(pool, k)
        if compatible(mods):
            return mods
    raise SystemExit("no compatible module set")


def build(
    rng: random.Random, mods: list[Mod], setting: str, style: str
) -> tuple[str, dict[str, Any]]:
    lo = max(m.ages[0] for m in mods)
    hi = min(m.ages[1] for m in mods)
    sex = next((m.sex for m in mods if m.sex), rng.choice("FM"))
    day = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 170))
    hist_pool = [
        h for h in HISTORY_ONLY if sex == "F" or ("breast" not in h and "C-section" not in h)
    ]
    symptoms = set().union(*(has(m) for m in mods))
    negated_terms = {t.lower() for m in mods for t, _ in m.neg}
    ros_pool = [
        (k, v)
        for k, v in ROS.items()
        if v not in symptoms and k not in symptoms and v.lower() not in negated_terms
    ]
    n = Note(
        rng=rng,
        mods=mods,
        name=f"{rng.choice(FIRST[sex])} {rng.choice(LAST)}",
        age=rng.randrange(lo, hi + 1),
        sex=sex,
        date=fmt(day, rng),
        clinician=rng.choice(CLIN),
        setting=setting,
        history=rng.sample(hist_pool, rng.choice([0, 1, 2, 3])) if lo >= 18 else [],
        uncertain=[rng.choice(UNCERTAIN)]
        if setting == "clinic" and lo >= 18 and rng.random() < 0.35
        else [],
        ros=rng.sample(ros_pool, rng.choice([0, 2, 3]))
        if setting != "inpt" or rng.random() < 0.5
        else [],
        brand={
            a.name
            for m in mods
            for a in m.actions
            if isinstance(a, Med) and a.brand and rng.random() < 0.5
        },
        ret=("return visit", rng.choice(RETURN))
        if setting == "clinic" and rng.random() < 0.7
        else None,
        admit=fmt(day - timedelta(days=rng.randrange(2, 7)), rng),
    )
    text = STYLES[setting][style](n)
    follow = [
        {"what": a.what, "when": a.when} for m in mods for a in m.actions if isinstance(a, Fu)
    ]
    if n.ret and style != "discharge":
        follow.append({"what": n.ret[0], "when": n.ret[1]})
    negated: list[str] = []
    for term in [t for m in mods for t, _ in m.neg] + [g for _, g in n.ros]:
        if term not in negated:
            negated.append(term)
    gold = {
        "problems": [{"code": c, "text": t} for m in mods for c, t in m.problems],
        "medication_changes": [
            {"name": a.name, "action": a.action, "dose": a.dose}
            for m in mods
            for a in m.actions
            if isinstance(a, Med)
        ],
        "follow_up": follow,
        "red_flags": [r for m in mods for r, _ in m.red],
        "negated": negated,
    }
    return text, gold


def check(row_id: str, gold: dict[str, Any]) -> None:
    problems = []
    if not 1 <= len(gold["problems"]) <= 5:
        problems.append("problem count")
    texts = [p["text"].lower() for p in gold["problems"]]
    for p in gold["problems"]:
        if not billable(p["code"]):
            problems.append(f"{p['code']} not billable")
    for n in gold["negated"]:
        if n.lower() in texts:
            problems.append("negated item is a problem")
    for m in gold["medication_changes"]:
        if m["name"] != m["name"].lower() or m["action"] not in (
            "started",
            "stopped",
            "dose_changed",
            "continued",
        ):
            problems.append("medication")
    if problems:
        raise SystemExit(f"{row_id}: " + "; ".join(problems))


def main() -> int:
    rng = random.Random(SEED)
    rows: list[dict[str, Any]] = []
    settings = rng.choices(["clinic", "ed", "inpt"], [0.5, 0.25, 0.25], k=N_GENERATED)
    turn = {s: 0 for s in STYLES}
    for i, setting in enumerate(settings):
        styles = list(STYLES[setting])
        style = styles[turn[setting] % len(styles)]
        turn[setting] += 1
        mods = compose(rng, setting)
        text, gold = build(rng, mods, setting, style)
        check(f"g{i}", gold)
        rows.append({"input": {"text": text}, "expected": gold, "_s": f"{setting}/{style}"})
    for rec in read_hand_file(HAND):
        check(rec.id, rec.gold)
        rows.append({"input": {"text": rec.text}, "expected": rec.gold, "_s": "hand"})
    rng.shuffle(rows)
    out = [
        {"id": f"ho-ns-{n:03d}", "input": r["input"], "expected": r["expected"]}
        for n, r in enumerate(rows, 1)
    ]
    write_jsonl(OUT, out)
    styles: dict[str, int] = {}
    for r in rows:
        styles[r["_s"]] = styles.get(r["_s"], 0) + 1
    print(f"wrote {len(out)} notes; {dict(sorted(styles.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
