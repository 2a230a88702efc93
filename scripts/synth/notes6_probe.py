"""The notes6 probe: problems written as the ICD-10-CM index does not; an open and a blind side.

Written for issue 12 (s27-notes-problems). On the blind ``heldout`` set problem recall, not
precision, had become the larger loss (F1 0.642, precision 0.829), while every open set scored
0.96-1.0. This probe writes the problems themselves in shapes earlier generators hold little of,
each coded to the most specific billable code the words support:

* shorthand and word orders the code set never uses ("HFrEF, acute on chronic", "AKI on
  CKD3b", "T2DM c/b peripheral neuropathy", "afib - paroxysmal", "L fem DVT");
* specificity the note gives and the code must carry: acuity (acute on chronic), type
  (systolic/diastolic, paroxysmal/persistent/permanent), side (left/right/bilateral), stage,
  and the combination codes of the "with" conventions (I12.9, I11.0, E11.22, E11.42);
* layouts: templated EHR exports (SmartText with ``***`` blanks and dotted headings),
  hospitalist progress notes in prose, dense abbreviation lines, OCR'd faxes, problem-oriented
  A/P with ``#``, and notes whose problems are named only in the plan.

Gold follows FORMAT.md's ``note_summary``: the problems addressed, each with its most specific
billable ICD-10-CM code (a combination code where the code set has one, with the codes its
"use additional code" notes ask for), and the conditions the note denies. No drug is named, so
medication and follow-up figures are not this probe's.

The driver holds only what is common (the concepts and their gold codes); each side has its own
module with its own wordings and frames (``notes6_tune.py``; the held-out side's module is blind
and never read), written before any tuning, seeded separately.

    python3 scripts/synth/notes6_probe.py tune            # writes evals/data/tune_notes6
    python3 scripts/synth/notes6_probe.py heldout         # writes evals/data/own_heldout_notes6
    python3 scripts/synth/notes6_probe.py tune --check    # compare with the committed file
"""

from __future__ import annotations

import importlib
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import sides

ROOT = Path(__file__).resolve().parents[2]
OUT = {
    "tune": ROOT / "evals" / "data" / "tune_notes6" / "note_summary.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_notes6" / "note_summary.jsonl",
}
SEEDS = {"tune": 6_270_101, "heldout": 6_270_202}
COUNTS = {"tune": 40, "heldout": 30}
STYLES = ["smarttext", "hospitalist", "dense", "ocr", "hashtag", "planonly"]

#: concept -> (gold codes, groups); two concepts sharing a group never share a note (so the
#: "with" conventions between hypertension, kidney, heart failure and diabetes are decided by
#: the concept alone).
CONCEPTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # heart, kidney, blood pressure: one per note
    "hfref_aoc": (("I50.23",), ("cr",)),
    "hfpef_chronic": (("I50.32",), ("cr",)),
    "hfpef_acute": (("I50.31",), ("cr",)),
    "htn": (("I10",), ("cr",)),
    "htn_ckd3b": (("I12.9", "N18.32"), ("cr",)),
    "htn_hfref": (("I11.0", "I50.22"), ("cr",)),
    "aki_ckd3a": (("N17.9", "N18.31"), ("cr",)),
    "ckd4": (("N18.4",), ("cr",)),
    "dm_ckd3": (("E11.22", "N18.30"), ("cr", "dm")),
    # diabetes
    "dm_pn": (("E11.42",), ("dm",)),
    "dm_hyper": (("E11.65",), ("dm",)),
    "dm_hypo": (("E11.649",), ("dm",)),
    "dm_retino": (("E11.319",), ("dm",)),
    "t1_dka": (("E10.10",), ("dm",)),
    # rhythm
    "paf": (("I48.0",), ("rhythm",)),
    "persistent_af": (("I48.19",), ("rhythm",)),
    "permanent_af": (("I48.21",), ("rhythm",)),
    "flutter": (("I48.92",), ("rhythm",)),
    # lungs
    "copd_exac": (("J44.1",), ("lung",)),
    "hypoxic_rf": (("J96.01",), ("lung",)),
    "asthma_exac": (("J45.41",), ("lung",)),
    "aspiration": (("J69.0",), ("lung",)),
    "osa": (("G47.33",), ("sleep",)),
    # infections
    "cystitis": (("N30.00",), ("gu",)),
    "pyelo": (("N10",), ("gu",)),
    "cellulitis_l": (("L03.116",), ("skin",)),
    "cellulitis_r": (("L03.115",), ("skin",)),
    "cdiff": (("A04.72",), ("gi",)),
    # electrolytes
    "hypona": (("E87.1",), ("lytes",)),
    "hypok": (("E87.6",), ("lytes",)),
    "hyperk": (("E87.5",), ("lytes",)),
    "hypomg": (("E83.42",), ("mg",)),
    # blood, clots
    "abla": (("D62",), ("blood",)),
    "ida": (("D50.9",), ("blood",)),
    "thrombocytopenia": (("D69.6",), ("plt",)),
    "dvt_l_fem": (("I82.412",), ("vte",)),
    "pe": (("I26.99",), ("vte",)),
    # joints and back
    "oa_r_knee": (("M17.11",), ("msk",)),
    "oa_l_hip": (("M16.12",), ("msk",)),
    "oa_bilat_knee": (("M17.0",), ("msk",)),
    "radiculopathy": (("M54.16",), ("msk",)),
    # mind, brain
    "mdd_rec_mod": (("F33.1",), ("mood",)),
    "gad": (("F41.1",), ("mood",)),
    "migraine_noaura": (("G43.009",), ("head",)),
    "met_enceph": (("G93.41",), ("head",)),
    # gut, liver
    "ugib": (("K92.2",), ("gi",)),
    "etoh_cirrhosis": (("K70.30",), ("liver",)),
    # other
    "bph_luts": (("N40.1",), ("prostate",)),
    "nstemi": (("I21.4",), ("acs",)),
    "htn_urgency": (("I16.0",), ("acs",)),
    "hypothyroid": (("E03.9",), ("thyroid",)),
    "morbid_obesity": (("E66.01",), ("weight",)),
    "mixed_hld": (("E78.2",), ("lipid",)),
}

#: gold code -> its short title (the code set's words, for a reader of the gold)
TEXTS: dict[str, str] = {
    "I50.23": "acute on chronic systolic (congestive) heart failure",
    "I50.32": "chronic diastolic (congestive) heart failure",
    "I50.31": "acute diastolic (congestive) heart failure",
    "I50.22": "chronic systolic (congestive) heart failure",
    "I10": "essential (primary) hypertension",
    "I12.9": "hypertensive chronic kidney disease with stage 1-4 chronic kidney disease",
    "I11.0": "hypertensive heart disease with heart failure",
    "N18.32": "chronic kidney disease, stage 3b",
    "N18.31": "chronic kidney disease, stage 3a",
    "N18.30": "chronic kidney disease, stage 3 unspecified",
    "N18.4": "chronic kidney disease, stage 4 (severe)",
    "N17.9": "acute kidney failure, unspecified",
    "E11.22": "type 2 diabetes mellitus with diabetic chronic kidney disease",
    "E11.42": "type 2 diabetes mellitus with diabetic polyneuropathy",
    "E11.65": "type 2 diabetes mellitus with hyperglycemia",
    "E11.649": "type 2 diabetes mellitus with hypoglycemia without coma",
    "E11.319": (
        "type 2 diabetes mellitus with unspecified diabetic retinopathy without macular edema"
    ),
    "E10.10": "type 1 diabetes mellitus with ketoacidosis without coma",
    "I48.0": "paroxysmal atrial fibrillation",
    "I48.19": "other persistent atrial fibrillation",
    "I48.21": "permanent atrial fibrillation",
    "I48.92": "unspecified atrial flutter",
    "J44.1": "chronic obstructive pulmonary disease with (acute) exacerbation",
    "J96.01": "acute respiratory failure with hypoxia",
    "J45.41": "moderate persistent asthma with (acute) exacerbation",
    "J69.0": "pneumonitis due to inhalation of food and vomit",
    "G47.33": "obstructive sleep apnea (adult) (pediatric)",
    "N30.00": "acute cystitis without hematuria",
    "N10": "acute pyelonephritis",
    "L03.116": "cellulitis of left lower limb",
    "L03.115": "cellulitis of right lower limb",
    "A04.72": "enterocolitis due to clostridium difficile, not specified as recurrent",
    "E87.1": "hypo-osmolality and hyponatremia",
    "E87.6": "hypokalemia",
    "E87.5": "hyperkalemia",
    "E83.42": "hypomagnesemia",
    "D62": "acute posthemorrhagic anemia",
    "D50.9": "iron deficiency anemia, unspecified",
    "D69.6": "thrombocytopenia, unspecified",
    "I82.412": "acute embolism and thrombosis of left femoral vein",
    "I26.99": "other pulmonary embolism without acute cor pulmonale",
    "M17.11": "unilateral primary osteoarthritis, right knee",
    "M16.12": "unilateral primary osteoarthritis, left hip",
    "M17.0": "bilateral primary osteoarthritis of knee",
    "M54.16": "radiculopathy, lumbar region",
    "F33.1": "major depressive disorder, recurrent, moderate",
    "F41.1": "generalized anxiety disorder",
    "G43.009": "migraine without aura, not intractable, without status migrainosus",
    "G93.41": "metabolic encephalopathy",
    "K92.2": "gastrointestinal hemorrhage, unspecified",
    "K70.30": "alcoholic cirrhosis of liver without ascites",
    "N40.1": "benign prostatic hyperplasia with lower urinary tract symptoms",
    "I21.4": "non-st elevation (nstemi) myocardial infarction",
    "I16.0": "hypertensive urgency",
    "E03.9": "hypothyroidism, unspecified",
    "E66.01": "morbid (severe) obesity due to excess calories",
    "E66.813": "obesity, class 3",
    "I48.3": "typical atrial flutter",
    "M54.17": "radiculopathy, lumbosacral region",
    "E10.22": "type 1 diabetes mellitus with diabetic chronic kidney disease",
    "E78.2": "mixed hyperlipidemia",
}


@dataclass
class Note:
    """What one note says, before a side writes it in a style.

    ``problems``: (concept, wording, plan words); ``negated``: denied conditions (their
    wordings, as the gold lists them).
    """

    side: str
    style: str
    age: int
    sex: str
    problems: list[tuple[str, str, str]]
    negated: list[str]


def _side(side: str) -> ModuleType:
    return importlib.import_module({"tune": "notes6_tune", "heldout": "heldout_notes6"}[side])


def _pick(rng: random.Random, k: int, words: dict[str, list[str]]) -> list[str]:
    keys = sorted(words)
    rng.shuffle(keys)
    picked: list[str] = []
    for key in keys:
        if not set(CONCEPTS[key][1]) & {g for p in picked for g in CONCEPTS[p][1]}:
            picked.append(key)
        if len(picked) == k:
            break
    return picked


def _gold(concept: str, said: str) -> tuple[str, ...]:
    """The concept's codes, as the wording makes them more specific.

    Obesity written as a class is the code set's class code (FY2025); a typical flutter is
    I48.3; a lumbosacral radiculopathy is M54.17.
    """
    if concept == "morbid_obesity" and re.search(r"\bclass\s+(?:3|iii)\b", said, re.I):
        return ("E66.813",)
    if concept == "flutter" and re.search(r"\btypical\b", said, re.I):
        return ("I48.3",)
    if concept == "radiculopathy" and re.search(r"\blumbosacral\b", said, re.I):
        return ("M54.17",)
    return CONCEPTS[concept][0]


def _with_conventions(codes: list[str]) -> list[str]:
    """Diabetes and chronic kidney disease in one note are linked (guideline I.A.15): E11.22."""
    diabetes = next((c[:3] for c in codes if c.startswith(("E10", "E11"))), None)
    if diabetes and any(c.startswith("N18") for c in codes) and f"{diabetes}.22" not in codes:
        codes = [*codes, f"{diabetes}.22"]
    return codes


def make_case(rng: random.Random, side: str, index: int) -> dict[str, object]:
    """One note and its gold."""
    mod = _side(side)
    style = STYLES[(index - 1) % len(STYLES)] if index <= 2 * len(STYLES) else rng.choice(STYLES)
    keys = _pick(rng, rng.randint(3, 5), mod.WORDS)
    problems = [(k, rng.choice(mod.WORDS[k]), rng.choice(mod.PLANS[k])) for k in keys]
    note = Note(
        side=side,
        style=style,
        age=rng.randint(34, 88),
        sex=rng.choice(["M", "F"]),
        problems=problems,
        negated=rng.sample(mod.NEGATED, 2),
    )
    text = mod.render(rng, note)
    codes = _with_conventions([c for k, said, _ in problems for c in _gold(k, said)])
    expected = {
        "problems": [{"code": c, "text": TEXTS[c]} for c in codes],
        "medication_changes": [],
        "follow_up": [],
        "red_flags": [],
        "negated": note.negated,
    }
    _check(text, note)
    prefix = {"tune": "notes6-t", "heldout": "notes6-h"}[side]
    return {
        "id": f"{prefix}-{index:03d}",
        "input": {"text": text},
        "expected": expected,
        "tags": [style, "notes6", side],
    }


def _check(text: str, note: Note) -> None:
    """Every denied condition is in the note (problem wordings may be OCR'd)."""
    flat = re.sub(r"\s+", " ", text.lower())
    missing = [p for p in note.negated if p.lower() not in flat]
    if missing:
        raise AssertionError(f"evidence not in the note: {missing}")


def build(side: str) -> str:
    """The side's JSONL body: seeded, so the same on every run."""
    rng = random.Random(SEEDS[side])
    return "".join(
        json.dumps(make_case(rng, side, i), ensure_ascii=False) + "\n"
        for i in range(1, COUNTS[side] + 1)
    )


def main(argv: list[str]) -> int:
    return sides.main(argv, name="notes6", usage=__doc__, out=OUT, build=build)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
