"""Invariants of the note-summary tuning set (``evals/data/tune/note_summary.jsonl``).

The set is written by ``scripts/synth/tune_notes.py``; these checks keep its gold honest:
codes billable, phrases scored by overlap present in the note, no negated term also a
problem, the documented size and styles, and the generator reproducing the committed file.
Failures name case ids only.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from clinllm.codes import icd10cm
from clinllm.evals import datasets

ROOT = Path(__file__).parents[3]
TUNE = ROOT / "evals" / "data" / "tune"


def _cases() -> tuple[datasets.NoteSummaryCase, ...]:
    return datasets.load_note_summary(TUNE).cases


def test_tune_notes_have_billable_codes_and_their_phrases_are_in_the_note() -> None:
    cases = _cases()
    assert len(cases) == 96
    bad = []
    for case in cases:
        text = re.sub(r"\s+", " ", case.input.text.lower())
        if not all(icd10cm.is_billable(p.code) for p in case.expected.problems):
            bad.append(f"{case.id}: code")
        phrases = [*case.expected.red_flags, *(f.what for f in case.expected.follow_up)]
        if not all(p.lower() in text for p in phrases):
            bad.append(f"{case.id}: phrase")
        problem_words = {p.text.lower() for p in case.expected.problems}
        if problem_words & {n.lower() for n in case.expected.negated}:
            bad.append(f"{case.id}: negated problem")
    assert bad == []


def test_tune_notes_cover_the_documented_styles_and_actions() -> None:
    cases = _cases()
    starts = Counter(c.input.text.split("\n", 1)[0][:12] for c in cases)
    assert sum(v for k, v in starts.items() if k.startswith("=== ENCOUNTE")) >= 13  # EHR export
    assert sum(v for k, v in starts.items() if k.startswith("DICTATED")) >= 13
    assert sum(v for k, v in starts.items() if k.startswith("DISCHARGE")) >= 13
    actions = Counter(m.action for c in cases for m in c.expected.medication_changes)
    assert min(actions[a] for a in ("started", "stopped", "dose_changed", "continued")) >= 15
    assert sum(bool(c.expected.red_flags) for c in cases) >= 25


def test_discharge_summaries_print_the_medication_changes_their_gold_lists() -> None:
    # The OCR'd discharge summaries once printed an empty medication section (their plan's
    # medication lines were drawn for an A/P they do not have) while the gold kept the changes.
    bad = []
    for case in _cases():
        lists = re.search(r"DISCHARGE MEDICATIONS:\n(.*?)\n\n", case.input.text, re.S)
        if lists is None:
            continue
        listed = len(re.findall(r"(?m)^- ", lists.group(1)))
        if listed != len(case.expected.medication_changes):
            bad.append(case.id)
    assert bad == []


def test_generator_reproduces_the_committed_tune_notes() -> None:
    script = ROOT / "scripts" / "synth" / "tune_notes.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr[-300:]
