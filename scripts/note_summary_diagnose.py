"""Aggregate diagnostics of the note summary's follow-up, red flags and medication changes.

Runs the rules' follow-up, red-flag and medication readers over every note (the rules
provider's reading without the slow problem coding; the three figures equal those of
``clinllm eval run --provider rules`` on every open set and on the blind heldout set) and
prints **counts only**: why gold follow-up items and red flags were not matched (no candidate
at all, the note's words elsewhere, a scope that dropped them, a label the note does not
word) and how medication pairs were missed (drug unknown to the vocabulary, drug found with
another action, drug not read). Never a case id, a phrase or a value, so it may be run on a
blind set: the categories are fixed here, before any run.

    PYTHONPATH=src .venv/bin/python scripts/note_summary_diagnose.py evals/data/tune
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinllm.codes.drugs import find_drugs
from clinllm.domain.labs import read_values
from clinllm.evals.datasets import load_note_summary
from clinllm.evals.matching import normalize_medication, token_recall
from clinllm.evals.scorers.note_summary import PHRASE_MATCH
from clinllm.workflows.note_summary.context import analyze
from clinllm.workflows.note_summary.dictation import unspoken
from clinllm.workflows.note_summary.followup import find_follow_up, find_red_flags
from clinllm.workflows.note_summary.medications import find_medication_changes
from clinllm.workflows.note_summary.sections import find_sections

_KIND_WORDS = (
    ("referral", r"\brefer|\bconsult|\bto\s+(?:gi|cardiology|neuro|ortho|derm|uro|ent)\b|clinic"),
    ("visit", r"\b(?:visit|follow|f/u|return|rtc|recheck\s+visit|appointment|pcp|check-?in|see)\b"),
    ("lab", r"\b(?:lab|labs|bmp|cmp|cbc|a1c|hba1c|tsh|panel|level|potassium|inr|lipid|ua|urine|"
     r"culture|ferritin|creatinine|lft|trough)\b"),
    ("imaging", r"\b(?:x-?ray|ct|mri|ultrasound|echo\w*|scan|dexa|imaging|cxr|doppler)\b"),
    ("procedure", r"\b(?:colonoscopy|endoscopy|egd|biopsy|cath\w*|surgery|stress|holter|monitor|"
     r"pft|sleep|therapy|rehab\w*|education|admit\w*|admission)\b"),
)  # fmt: skip
#: Names of values a note may flag that the analyte table does not read (a fixed list).
_UNREAD = re.compile(
    r"\b(?:lactate|troponin|bnp|nt-probnp|wbc|white\s+count|platelets?|inr|ast|alt|lipase|"
    r"bilirubin|ammonia|ck|crp|esr|d-dimer|ferritin|tsh|a1c|hba1c|ldl|egfr|gfr|bun|creatinine|"
    r"cr|hgb|hemoglobin|potassium|sodium|glucose|sugar|temp\w*|fever|hr|pulse|bp|sat\w*|"
    r"spo2|o2|rr|map|weight|lbs?|kg|qtc?|ef|lvef|bpm|mmhg|mg/dl|ng/ml|%)",
    re.I,
)
_VITALS = {"hr", "rr", "sbp", "spo2", "t", "bp"}


@dataclass(frozen=True, slots=True)
class _Found:
    sections: list[Any]
    context: Any


def _kind(phrase: str) -> str:
    for name, pattern in _KIND_WORDS:
        if re.search(pattern, phrase, re.I):
            return name
    return "other"


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        for m in re.finditer(r"[^.;]+(?:\.(?=\d)[^.;]*)*", line):
            out.append((pos + m.start(), pos + m.end()))
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _where(text: str, gold: str) -> tuple[float, tuple[int, int] | None]:
    """The note's sentence or line with most of the gold phrase's words, and its share."""
    best = (0.0, None)
    for s, e in _lines(text):
        r = token_recall(gold, text[s:e])
        if r > best[0] or (
            r == best[0] and best[1] is not None and e - s < best[1][1] - best[1][0]
        ):
            best = (r, (s, e))
    return best


def _section_kind(sections: list[Any], pos: int) -> str:
    kinds = [s.kind for s in sections if s.start <= pos < s.end]
    return kinds[-1] if kinds else "none"


def _phrase_diag(
    counter: Counter[str],
    prefix: str,
    text: str,
    gold: list[str],
    produced: list[str],
    cand: Any,
    spans: list[tuple[int, int]],
) -> None:
    for phrase in gold:
        counter[f"{prefix}.total"] += 1
        best = max((token_recall(phrase, p) for p in produced), default=0.0)
        if best >= PHRASE_MATCH:
            counter[f"{prefix}.matched"] += 1
            continue
        counter[f"{prefix}.missed"] += 1
        counter[f"{prefix}.missed.produced_none_in_note={not produced}"] += 1
        counter[f"{prefix}.missed.best_overlap={'0' if best == 0 else 'partial'}"] += 1
        share, where = _where(text, phrase)
        grade = "all" if share >= 1 else ">=half" if share >= PHRASE_MATCH else "<half"
        counter[f"{prefix}.missed.gold_words_in_one_note_line={grade}"] += 1
        if where is not None and share >= PHRASE_MATCH:
            s, e = where
            counter[f"{prefix}.missed.line_section={_section_kind(cand.sections, s)}"] += 1
            cats = sorted(cand.context.categories_at(s, e)) or ["none"]
            counter[f"{prefix}.missed.line_scope={'+'.join(cats)}"] += 1
            took = any(a < e and s < b for a, b in spans)
            counter[f"{prefix}.missed.line_has_produced_item={took}"] += 1
        if prefix == "follow_up":
            counter[f"{prefix}.missed.kind={_kind(phrase)}"] += 1
        else:
            readings = list(read_values(phrase))
            if readings:
                key = readings[0].analyte.key
                alarm = readings[0].alarming
                counter[
                    f"{prefix}.missed.kind={'vital' if key in _VITALS else 'lab'}"
                    f"(alarming_by_table={alarm})"
                ] += 1
                counter[f"{prefix}.missed.analyte={key}(alarming_by_table={alarm})"] += 1
            elif re.search(r"\d", phrase):
                bp = re.search(r"\b\d{2,3}\s*/\s*\d{2,3}\b", phrase)
                counter[f"{prefix}.missed.kind={'bp' if bp else 'number_unread'}"] += 1
                named = _UNREAD.search(phrase)
                counter[
                    f"{prefix}.missed.unread_name={named[0].lower() if named else 'other'}"
                ] += 1
            else:
                counter[f"{prefix}.missed.kind=finding"] += 1


def _key(name: str) -> str:
    return " ".join(sorted(normalize_medication(name).split()))


def _med_diag(counter: Counter[str], text: str, gold: list[Any], produced: list[Any]) -> None:
    note_drugs = {_key(m.generic) for m in find_drugs(text)}
    brands = {_key(m.generic) for m in find_drugs(text) if m.brand}
    g = {(_key(m.name), m.action) for m in gold}
    p = {(_key(m.name), m.action) for m in produced}
    p_by = {}
    for name, action in p:
        p_by.setdefault(name, set()).add(action)
    g_by = {}
    for name, action in g:
        g_by.setdefault(name, set()).add(action)
    for name, action in g - p:
        counter[f"med.fn.action={action}"] += 1
        if name in p_by:
            counter[f"med.fn.read_as={'/'.join(sorted(p_by[name]))}(gold {action})"] += 1
        elif name in note_drugs:
            counter[f"med.fn.drug_found_in_note_but_not_changed(brand={name in brands})"] += 1
        elif find_drugs(name) or find_drugs(name.title()):
            counter["med.fn.drug_known_to_vocab_but_not_found_in_note"] += 1
        else:
            counter["med.fn.drug_unknown_to_vocab"] += 1
    for name, action in p - g:
        counter[f"med.fp.action={action}"] += 1
        if name not in g_by:
            counter["med.fp.drug_not_in_gold"] += 1
    counter["med.gold"] += len(g)
    counter["med.produced"] += len(p)
    counter["med.tp"] += len(g & p)


def _run(data: Path) -> Counter[str]:
    counter: Counter[str] = Counter()
    for case in load_note_summary(data).cases:
        text = unspoken(case.input.text)
        exp = case.expected
        ctx = analyze(text)
        sections = find_sections(text)
        follow = find_follow_up(text, sections, ctx)
        flags = find_red_flags(text, ctx)
        cand = _Found(sections, ctx)
        counter["notes"] += 1
        _phrase_diag(
            counter,
            "follow_up",
            text,
            [f.what for f in exp.follow_up],
            [f.text for f in follow],
            cand,
            [(f.start, f.end) for f in follow],
        )
        _phrase_diag(
            counter,
            "red_flag",
            text,
            list(exp.red_flags),
            [r.text for r in flags],
            cand,
            [(r.start, r.end) for r in flags],
        )
        counter["follow_up.produced"] += len(follow)
        counter["red_flag.produced"] += len(flags)
        _med_diag(counter, text, exp.medication_changes, find_medication_changes(text, sections))
    return counter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    args = parser.parse_args()
    counter = _run(args.data)
    for key in sorted(counter):
        sys.stdout.write(f"{key}\t{counter[key]}\n")


if __name__ == "__main__":
    main()
