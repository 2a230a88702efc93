"""Invariants of the D2 corpora: triage (tune and held-out), injection and policy (held-out).

The held-out files are loaded through the eval loaders and checked for shape, label
consistency and the counts documented in evals/data/README.md. No assertion shows message
text: failures name ids and counts only, so the held-out set stays unread.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from clinllm.evals import datasets
from clinllm.testing.corpora import word_runs

ROOT = Path(__file__).parents[3]
TUNE = ROOT / "evals" / "data" / "tune"
HELDOUT = ROOT / "evals" / "data" / "heldout"
TEST_DATA = ROOT / "tests" / "data"
GROUPS = {
    "utilization_review",
    "care_management",
    "billing",
    "clinical_staff",
    "compliance_legal",
    "all_staff",
}

# (category, urgency) counts, as documented in evals/data/README.md.
TRIAGE_COUNTS = {
    "tune": {
        ("refill_request", "urgent"): 17,
        ("refill_request", "routine"): 35,
        ("symptom_escalation", "emergency"): 50,
        ("symptom_escalation", "urgent"): 15,
        ("symptom_escalation", "routine"): 9,
        ("billing_question", "routine"): 24,
        ("appointment_scheduling", "urgent"): 2,
        ("appointment_scheduling", "routine"): 28,
        ("other", "urgent"): 3,
        ("other", "routine"): 23,
    },
    "heldout": {
        ("refill_request", "urgent"): 16,
        ("refill_request", "routine"): 16,
        ("symptom_escalation", "emergency"): 61,
        ("symptom_escalation", "urgent"): 18,
        ("symptom_escalation", "routine"): 9,
        ("billing_question", "routine"): 24,
        ("appointment_scheduling", "urgent"): 3,
        ("appointment_scheduling", "routine"): 23,
        ("other", "urgent"): 16,
        ("other", "routine"): 31,
    },
}
PREFIX = {"tune": "tu-tri-", "heldout": "ho-tri-"}
FOLDER = {"tune": TUNE, "heldout": HELDOUT}


def _messages(folder: Path) -> list[str]:
    return [case.input.message for case in datasets.load_triage(folder).cases]


@pytest.mark.parametrize("side", ["tune", "heldout"])
def test_triage_set_has_the_documented_labels_and_enough_emergencies(side: str) -> None:
    cases = datasets.load_triage(FOLDER[side]).cases
    counts = Counter((c.expected.category, c.expected.urgency) for c in cases)
    assert dict(counts) == TRIAGE_COUNTS[side]
    assert len(cases) >= 200
    assert counts[("symptom_escalation", "emergency")] / len(cases) >= 0.15
    assert [c.id for c in cases] == [f"{PREFIX[side]}{n:04d}" for n in range(1, len(cases) + 1)]


def test_an_emergency_is_always_a_symptom_escalation() -> None:
    for folder in (TUNE, HELDOUT):
        bad = [
            c.id
            for c in datasets.load_triage(folder).cases
            if c.expected.urgency == "emergency" and c.expected.category != "symptom_escalation"
        ]
        assert bad == []


def test_tune_and_heldout_triage_share_no_message_and_no_eight_word_run() -> None:
    tune, heldout = _messages(TUNE), _messages(HELDOUT)
    assert len(set(tune)) == len(tune)
    assert len(set(heldout)) == len(heldout)
    assert len(set(tune) & set(heldout)) == 0
    assert len(word_runs(tune) & word_runs(heldout)) == 0


def test_triage_sets_repeat_no_message_of_the_repository_test_data() -> None:
    known = set(_messages(TEST_DATA / "evalsets" / "synthetic_b"))
    known |= {
        c.input.message
        for c in datasets.load_jsonl(TEST_DATA / "triage_extra.jsonl", datasets.TriageCase)
    }
    for folder in (TUNE, HELDOUT):
        assert len(known & set(_messages(folder))) == 0


def test_injection_heldout_is_balanced_by_channel_and_label() -> None:
    cases = datasets.load_injection(HELDOUT).cases
    cells = Counter((c.input.channel, c.expected.label) for c in cases)
    assert dict(cells) == {
        ("user", "injection"): 40,
        ("user", "benign"): 40,
        ("document", "injection"): 40,
        ("document", "benign"): 40,
    }
    assert all(c.id.startswith("ho-inj-") for c in cases)
    assert len({c.input.text for c in cases}) == len(cases)


def test_policy_heldout_labels_follow_the_group_rules() -> None:
    _, policy = datasets.load_policy(HELDOUT)
    docs = policy.docs
    assert len(docs) == 30
    assert len(policy.questions) == 90
    assert all(set(d.input.groups) <= GROUPS for d in docs.values())
    assert sorted(i for i, d in docs.items() if d.expected.contains_injection) == [
        "ho-pol-006",
        "ho-pol-019",
        "ho-pol-025",
    ]
    legal_only = sorted(i for i, d in docs.items() if d.input.groups == ["compliance_legal"])
    assert legal_only == ["ho-pol-012", "ho-pol-013", "ho-pol-014", "ho-pol-027", "ho-pol-029"]
    bad: list[str] = []
    for q in policy.questions:
        user = set(q.input.user.groups)
        readable = {i for i, d in docs.items() if user & set(d.input.groups)}
        rel, forb = set(q.expected.relevant_doc_ids), set(q.expected.forbidden_doc_ids)
        if (
            "all_staff" not in user
            or not user <= GROUPS
            or not rel <= readable
            or forb & readable
            or q.expected.answerable != bool(rel)
        ):
            bad.append(q.id)
    assert bad == []


def test_policy_heldout_question_mix_is_as_documented() -> None:
    _, policy = datasets.load_policy(HELDOUT)
    kinds = Counter(
        (bool(q.expected.relevant_doc_ids), bool(q.expected.forbidden_doc_ids))
        for q in policy.questions
    )
    assert dict(kinds) == {(True, False): 55, (True, True): 4, (False, True): 22, (False, False): 9}


@pytest.mark.parametrize(
    "script", ["tune_triage", "heldout_triage", "heldout_injection", "heldout_policy"]
)
def test_generator_reproduces_the_committed_files(script: str) -> None:
    path = ROOT / "scripts" / "synth" / f"{script}.py"
    done = subprocess.run(
        [sys.executable, str(path), "--check"], capture_output=True, check=False, timeout=60
    )
    assert done.returncode == 0
