"""The notes5 probe: styles and distractors no earlier generator wrote; an open and a blind side.

Written for issue 12 (s26-notes). notes2/3/4 wrote English notes whose assessment lists only
what the patient has. This one writes what they do not:

* notes written in Spanish (headers, diagnoses, plan verbs, drug names) and English notes with
  Spanish diagnoses in them (an interpreter visit, a bilingual clinician);
* specialty consult letters ("Thank you for referring ..."), whose impression is a sentence
  and whose history names old and other people's diseases;
* emergency notes that list a differential ("ddx includes ...; less likely ...") next to the
  final diagnosis;
* problem lists with a status per problem (active / chronic / resolved / historical), as a
  table or as sub-lists;
* templated check-box assessments ("[x] hypertension", "[ ] diabetes") and check-box histories;
* numbered impressions mixing established diagnoses with "rule out", "concern for", "X vs Y",
  and history items the line itself says were not addressed;
* conditions of other people (a spouse, a child, a roommate) named on a problem's line.

Gold follows FORMAT.md's ``note_summary``: only the patient's problems addressed in this
encounter, each with its most specific billable ICD-10-CM code; nothing uncertain, resolved,
historical, unchecked, or another person's. Every follow-up ``what`` and every drug's surface is
checked to be in the note, every code to be billable.

The driver below holds only what is common (gold codes, doses); each side has its own module
with its own wordings and frames (``notes5_tune.py``; the held-out side's module is blind and
never read), written before any tuning, seeded separately.

    python3 scripts/synth/notes5_probe.py tune            # writes evals/data/tune_notes5
    python3 scripts/synth/notes5_probe.py heldout         # writes evals/data/own_heldout_notes5
    python3 scripts/synth/notes5_probe.py tune --check    # compare with the committed file
"""

from __future__ import annotations

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
    "tune": ROOT / "evals" / "data" / "tune_notes5" / "note_summary.jsonl",
    "heldout": ROOT / "evals" / "data" / "own_heldout_notes5" / "note_summary.jsonl",
}
SEEDS = {"tune": 5_260_101, "heldout": 5_260_202}
COUNTS = {"tune": 40, "heldout": 30}
STYLES = ["spanish", "mixed", "consult", "ed", "status", "checkbox", "impression", "others"]

#: concept -> (gold code, gold text, group); two concepts of one group never share a note.
CONCEPTS: dict[str, tuple[str, str, str]] = {
    "htn": ("I10", "essential (primary) hypertension", "htn"),
    "t2dm": ("E11.9", "type 2 diabetes mellitus without complications", "dm"),
    "t2dm_hyper": ("E11.65", "type 2 diabetes mellitus with hyperglycemia", "dm"),
    "hypothyroid": ("E03.9", "hypothyroidism, unspecified", "thyroid"),
    "hld": ("E78.5", "hyperlipidemia, unspecified", "lipid"),
    "gerd": ("K21.9", "gastro-esophageal reflux disease without esophagitis", "gerd"),
    "asthma": ("J45.909", "unspecified asthma, uncomplicated", "resp"),
    "cap": ("J18.9", "pneumonia, unspecified organism", "resp"),
    "bronchitis": ("J20.9", "acute bronchitis, unspecified", "resp"),
    "uti": ("N39.0", "urinary tract infection, site not specified", "uti"),
    "lbp": ("M54.50", "low back pain, unspecified", "pain"),
    "migraine": ("G43.909", "migraine, unspecified, not intractable", "head"),
    "anxiety": ("F41.9", "anxiety disorder, unspecified", "mood"),
    "depression": ("F32.A", "depression, unspecified", "mood"),
    "afib": ("I48.91", "unspecified atrial fibrillation", "heart"),
    "ida": ("D50.9", "iron deficiency anemia, unspecified", "blood"),
    "gout": ("M10.9", "gout, unspecified", "joint"),
    "costo": ("M94.0", "chondrocostal junction syndrome [tietze]", "pain"),
    "rhinitis": ("J30.9", "allergic rhinitis, unspecified", "nose"),
    "sinusitis": ("J01.90", "acute sinusitis, unspecified", "nose"),
    "insomnia": ("G47.00", "insomnia, unspecified", "sleep"),
    "vitd": ("E55.9", "vitamin d deficiency, unspecified", "vit"),
    "hypok": ("E87.6", "hypokalemia", "lytes"),
    "obesity": ("E66.9", "obesity, unspecified", "weight"),
}
#: generic -> (dose before / when started, dose after a change)
DOSES: dict[str, tuple[str, str]] = {
    "metformin": ("500 mg", "1000 mg"),
    "lisinopril": ("10 mg", "20 mg"),
    "losartan": ("50 mg", "100 mg"),
    "atorvastatin": ("20 mg", "40 mg"),
    "levothyroxine": ("50 mcg", "75 mcg"),
    "omeprazole": ("20 mg", "40 mg"),
    "amlodipine": ("5 mg", "10 mg"),
    "sertraline": ("50 mg", "100 mg"),
    "naproxen": ("500 mg", "250 mg"),
    "allopurinol": ("100 mg", "300 mg"),
    "cetirizine": ("10 mg", "5 mg"),
    "escitalopram": ("10 mg", "20 mg"),
    "hydrochlorothiazide": ("12.5 mg", "25 mg"),
    "amoxicillin": ("875 mg", "500 mg"),
}
ACTIONS = ["started", "stopped", "dose_changed", "continued"]


@dataclass
class Note:
    """What one note says, before a side writes it in a style.

    ``problems``: (concept, wording); ``drugs``: (generic, action, the name the note writes);
    ``follows``: (when, what is said, the gold ``what``); ``negated``: denied conditions.
    """

    side: str
    style: str
    lang: str
    age: int
    sex: str
    problems: list[tuple[str, str]]
    drugs: list[tuple[str, str, str]]
    follows: list[tuple[str, str, str]]
    negated: list[str]


def _side(side: str) -> ModuleType:
    import importlib

    return importlib.import_module({"tune": "notes5_tune", "heldout": "heldout_notes5"}[side])


def _pick_concepts(rng: random.Random, k: int, words: dict[str, dict[str, list[str]]]) -> list[str]:
    keys = sorted(words)
    rng.shuffle(keys)
    picked: list[str] = []
    for key in keys:
        if all(CONCEPTS[key][2] != CONCEPTS[p][2] for p in picked):
            picked.append(key)
        if len(picked) == k:
            break
    return picked


def make_case(rng: random.Random, side: str, index: int) -> dict[str, object]:
    """One note and its gold."""
    mod = _side(side)
    style = STYLES[(index - 1) % len(STYLES)] if index <= 2 * len(STYLES) else rng.choice(STYLES)
    lang = "es" if style == "spanish" else "en"
    keys = _pick_concepts(rng, rng.randint(2, 3), mod.WORDS)
    problems = [
        (k, rng.choice(mod.WORDS[k][rng.choice(["es", "en"]) if style == "mixed" else lang]))
        for k in keys
    ]
    generics = rng.sample(sorted(mod.DRUG_NAMES), rng.randint(1, 2))
    drugs = [(g, rng.choice(ACTIONS), rng.choice(mod.DRUG_NAMES[g][lang])) for g in generics]
    follows = rng.sample(mod.FOLLOW[lang], rng.randint(1, 2))
    note = Note(
        side=side,
        style=style,
        lang=lang,
        age=rng.randint(24, 86),
        sex=rng.choice(["M", "F"]),
        problems=problems,
        drugs=drugs,
        follows=follows,
        negated=rng.sample(mod.NEGATED[lang], 3),
    )
    text = mod.render(rng, note)
    expected = {
        "problems": [{"code": CONCEPTS[k][0], "text": CONCEPTS[k][1]} for k, _ in problems],
        "medication_changes": [
            {
                "name": g,
                "action": a,
                "dose": {"dose_changed": DOSES[g][1], "stopped": None}.get(a, DOSES[g][0]),
            }
            for g, a, _ in drugs
        ],
        "follow_up": [{"what": what, "when": when} for when, _, what in follows],
        "red_flags": [],
        "negated": note.negated,
    }
    _check(text, note)
    prefix = {"tune": "notes5-t", "heldout": "notes5-h"}[side]
    return {
        "id": f"{prefix}-{index:03d}",
        "input": {"text": text},
        "expected": expected,
        "tags": [style, "notes5", side],
    }


def _check(text: str, note: Note) -> None:
    """Every scored phrase, drug surface and denied condition is in the note."""
    flat = re.sub(r"\s+", " ", text.lower())
    phrases = [what for _, _, what in note.follows] + [shown for _, _, shown in note.drugs]
    phrases += note.negated + [said for _, said in note.problems]
    missing = [p for p in phrases if p.lower() not in flat]
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
    return sides.main(argv, name="notes5", usage=__doc__, out=OUT, build=build)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
