"""Invariants of the D1 corpora under ``evals/data`` (prior_auth tune + held-out, PHI and
note-summary held-out), loaded through the eval loaders.

Failures name case ids only, never document text: the held-out files must stay unread by
anyone tuning rules or prompts. The documented counts are those of ``evals/data/README.md``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from clinllm.codes import cpt, hcpcs, icd10cm, npi
from clinllm.evals import datasets

DATA = Path(__file__).parents[3] / "evals" / "data"
TUNE = DATA / "tune"
HELDOUT = DATA / "heldout"

ICD_SHAPE = re.compile(r"^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$")
DOTTED_IN_TEXT = re.compile(r"\b[A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}\b")
#: After these, an unmarked repeat of a marked name is an eponym or a drug brand, not the person.
EPONYM_NEXT = re.compile(
    r"\s*(?:esophagus|disease|syndrome|palsy|cyst|catheter|phenomenon|sign|maneuver|\d|tablets|'s)"
)

PRIOR_AUTH_COUNTS = {
    "tune": {
        "rows": 62,
        "expedited": 7,
        "with_deadline": 17,
        "with_missing": 19,
        "drug_requests": 12,
        "with_requirements": 27,
        "CPT": 53,
        "HCPCS": 22,
        "icd": 76,
    },
    "heldout": {
        "rows": 66,
        "expedited": 12,
        "with_deadline": 23,
        "with_missing": 21,
        "drug_requests": 12,
        "with_requirements": 47,
        "CPT": 65,
        "HCPCS": 33,
        "icd": 95,
    },
}
PHI_SPANS = {
    "ACCOUNT": 27,
    "ADDRESS": 93,
    "AGE_OVER_89": 30,
    "DATE": 192,
    "DEVICE_ID": 19,
    "EMAIL": 32,
    "FAX": 12,
    "HEALTH_PLAN_ID": 11,
    "IP": 11,
    "LICENSE": 18,
    "MRN": 26,
    "NAME": 283,
    "OTHER_ID": 41,
    "PHONE": 66,
    "SSN": 11,
    "URL": 12,
    "VEHICLE": 19,
}
NOTE_ACTIONS = {"started": 94, "stopped": 36, "dose_changed": 25, "continued": 16}
SETS = {
    "tune": (TUNE, "tu-pa-"),
    "heldout": (HELDOUT, "ho-pa-"),
    # The second round (scripts/synth/tune_pa2.py, heldout_pa2.py): own pools, own layouts.
    "tune_pa2": (TUNE.parent / "tune_pa2", "tu2-pa-"),
    "heldout_pa2": (TUNE.parent / "heldout_pa2", "ho2-pa-"),
    # The third round (scripts/synth/tune_pa3.py, heldout_pa3.py): fields blank or left out.
    "tune_pa3": (TUNE.parent / "tune_pa3", "tu3-pa-"),
    "heldout_pa3": (TUNE.parent / "heldout_pa3", "ho3-pa-"),
}


def _prior_auth(name: str) -> tuple[datasets.PriorAuthCase, ...]:
    return datasets.load_prior_auth(SETS[name][0]).cases


@pytest.mark.parametrize("name", ["tune", "heldout"])
def test_prior_auth_counts_are_the_documented_ones(name: str) -> None:
    cases = _prior_auth(name)
    golds = [c.expected for c in cases]
    systems = Counter(p.system for g in golds for p in g.procedures)
    counts = {
        "rows": len(cases),
        "expedited": sum(g.urgency == "expedited" for g in golds),
        "with_deadline": sum(g.deadline is not None for g in golds),
        "with_missing": sum(bool(g.missing_fields) for g in golds),
        "drug_requests": sum(bool(g.medications) for g in golds),
        "with_requirements": sum(bool(g.payer_requirements) for g in golds),
        "CPT": systems["CPT"],
        "HCPCS": systems["HCPCS"],
        "icd": sum(len(g.diagnoses) for g in golds),
    }
    assert counts == PRIOR_AUTH_COUNTS[name]
    assert all(c.id.startswith(SETS[name][1]) for c in cases)
    kinds = Counter(f for g in golds for f in g.missing_fields)
    assert len(kinds) == 10  # every kind of blank field occurs in both sets


@pytest.mark.parametrize("name", list(SETS))
def test_prior_auth_codes_are_real_and_printed(name: str) -> None:
    bad: list[str] = []
    for case in _prior_auth(name):
        text, gold = case.input.text, case.expected
        for d in gold.diagnoses:
            printed = d.code in text or d.code.replace(".", "") in text
            if not (ICD_SHAPE.match(d.code) and icd10cm.is_billable(d.code) and printed):
                bad.append(case.id)
        for p in gold.procedures:
            shape = cpt.is_valid_format if p.system == "CPT" else hcpcs.is_valid_format
            if not (shape(p.code) and p.code in text):
                bad.append(case.id)
        if not all(icd10cm.is_billable(tok) for tok in DOTTED_IN_TEXT.findall(text)):
            bad.append(case.id)
    assert bad == []


@pytest.mark.parametrize("name", list(SETS))
def test_prior_auth_identifiers_and_blanks_are_consistent(name: str) -> None:
    bad: list[str] = []
    for case in _prior_auth(name):
        text, gold = case.input.text, case.expected
        prov = gold.requesting_provider
        missing = set(gold.missing_fields)
        absent = {
            "member_id": gold.member_id is None,
            "payer": gold.payer is None,
            "service_date": gold.service_date is None,
            "procedure_code": not gold.procedures,
            "diagnosis_code": not gold.diagnoses,
            "requesting_provider_npi": prov.npi is None,
            "requesting_provider_name": prov.name is None,
        }
        if any(flag != (field in missing) for field, flag in absent.items()):
            bad.append(case.id)
        if prov.npi is not None and not (npi.is_valid(prov.npi) and prov.npi in text):
            bad.append(case.id)
        if gold.member_id is not None and gold.member_id not in text:
            bad.append(case.id)
        if gold.payer is not None and gold.payer.lower() not in text.lower():
            bad.append(case.id)
        if any(m.name != m.name.lower() for m in gold.medications):
            bad.append(case.id)
    assert bad == []


def test_heldout_phi_spans_are_exact_complete_and_documented() -> None:
    cases = datasets.load_phi(HELDOUT).cases  # the loader already checks text == input[start:end]
    assert len(cases) == 82
    assert all(c.id.startswith("ho-phi-") for c in cases)
    bad: list[str] = []
    for case in cases:
        text, spans = case.input.text, sorted(case.expected.spans, key=lambda s: s.start)
        if any(a.end > b.start for a, b in itertools.pairwise(spans)):
            bad.append(case.id)
        for span in spans:
            if span.text != span.text.strip():
                bad.append(case.id)
            for m in re.finditer(r"(?<!\w)" + re.escape(span.text) + r"(?!\w)", text):
                covered = any(s.start <= m.start() and m.end() <= s.end for s in spans)
                if not covered and not EPONYM_NEXT.match(text, m.end()):
                    bad.append(case.id)
    assert bad == []
    counts = Counter(s.type for c in cases for s in c.expected.spans)
    assert dict(counts) == PHI_SPANS


def test_heldout_note_summaries_are_coded_and_consistent() -> None:
    cases = datasets.load_note_summary(HELDOUT).cases
    assert len(cases) == 62
    assert all(c.id.startswith("ho-ns-") for c in cases)
    bad: list[str] = []
    for case in cases:
        gold = case.expected
        problems = {p.text.lower() for p in gold.problems}
        if not 1 <= len(gold.problems) <= 5:
            bad.append(case.id)
        if not all(ICD_SHAPE.match(p.code) and icd10cm.is_billable(p.code) for p in gold.problems):
            bad.append(case.id)
        if any(n.lower() in problems for n in gold.negated):
            bad.append(case.id)
        if any(m.name != m.name.lower() for m in gold.medication_changes):
            bad.append(case.id)
    assert bad == []
    golds = [c.expected for c in cases]
    assert sum(len(g.problems) for g in golds) == 130
    assert dict(Counter(m.action for g in golds for m in g.medication_changes)) == NOTE_ACTIONS
    assert sum(bool(g.red_flags) for g in golds) == 21
    assert all(g.negated for g in golds)


def test_tune_and_heldout_prior_auth_share_no_document() -> None:
    tune = {c.input.text for c in _prior_auth("tune")}
    assert not any(c.input.text in tune for c in _prior_auth("heldout"))
    tune2 = {c.input.text for c in _prior_auth("tune_pa2")}
    held2 = _prior_auth("heldout_pa2")
    assert len(tune2) == 48
    assert len(held2) == 48
    assert not any(c.input.text in tune2 | tune for c in held2)
