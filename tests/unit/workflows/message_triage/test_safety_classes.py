"""The message classes that defeat keyword triage (issue 16), one test per class.

Every message here is synthetic and written for this file. The gate is asymmetric: an
emergency must come out as an emergency (under-triage is the harm), while a frightening word
that is not a current finding must not turn a routine request into one.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from clinllm.evals import datasets
from clinllm.workflows.message_triage.rules import classify

EMERGENCY_LAST_SENTENCE = [
    "Could you resend the itemized bill for March? Also my husband has crushing chest pain "
    "right now.",
    "I need to move my mammogram to the 14th. PS my mom's face is drooping on one side.",
    "Please refill my omeprazole. oh and my wife threw up a bunch of dark blood just now",
    "What is my deductible this year? Also he's been seizing for 6 minutes and it won't stop.",
]
CAREGIVERS = [
    "Writing for my father: he can't lift his left arm and his speech is garbled since noon.",
    "my 6 week old has a temp of 100.9 rectally and isn't feeding well",
    "My roommate swallowed most of a bottle of Tylenol an hour ago and is now sleepy.",
    "My grandson's lips are swelling after a peanut cookie and he's drooling.",
]
SPANISH_AND_MIXED = [
    "Mi esposa tiene dolor de pecho muy fuerte desde hace 20 minutos.",
    "mi papa no puede mover el brazo derecho y habla raro, started an hour ago",
    "My son no puede respirar bien and his lips are blue",
    "mi bebé de 3 semanas tiene fiebre, 38.2",
]
SHORT = ["chest hurts bad", "cant breath", "overdose", "stroke?", "my baby is not breathing"]
EMERGENCIES = EMERGENCY_LAST_SENTENCE + CAREGIVERS + SPANISH_AND_MIXED + SHORT


@pytest.mark.parametrize("message", EMERGENCIES)
def test_every_emergency_class_is_an_emergency(message: str) -> None:
    verdict = classify(message)
    assert verdict.urgency == "emergency"
    assert verdict.category == "symptom_escalation"


NOT_CURRENT = [
    ("No chest pain, no trouble breathing. Can I book my yearly checkup?",
     "appointment_scheduling"),
    ("I had a stroke in 2021 and I'm fine now; please renew my clopidogrel, a month left.",
     "refill_request"),
    ("Where does the Heart Attack Survivors support group meet? I'd like to join.", "other"),
    ("My mother had a seizure years ago. Can you send her records to the new neurologist?",
     "other"),
    ("Does insurance cover the yellow fever vaccine before my trip?", "billing_question"),
    ("Sin dolor de pecho ni falta de aire, solo necesito una cita de control.",
     "appointment_scheduling"),
    ("The bleeding after my biopsy stopped last week, I just want to reschedule the follow-up.",
     "appointment_scheduling"),
]  # fmt: skip


@pytest.mark.parametrize(("message", "category"), NOT_CURRENT)
def test_alarm_words_that_are_not_current_findings_stay_routine(
    message: str, category: str
) -> None:
    verdict = classify(message)
    assert (verdict.category, verdict.urgency) == (category, "routine")


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("PLEASE FIX MY BILL!!! I WAS CHARGED TWICE FOR ONE VISIT!!!", "billing_question"),
        ("I NEED TO CANCEL MY APPOINTMENT ON MONDAY!!!!", "appointment_scheduling"),
    ],
)
def test_capitals_over_something_routine_stay_routine(message: str, category: str) -> None:
    assert (classify(message).category, classify(message).urgency) == (category, "routine")


@pytest.mark.parametrize(
    ("message", "category", "rule"),
    [
        ("I ran out of my prograf last night, I had a liver transplant. Can you send a refill?",
         "refill_request", "critical_medication_out"),
        ("My daughter only has one dose of Lamictal left and the pharmacy won't fill it.",
         "refill_request", "critical_medication_out"),
        ("I missed my dialysis session this morning because of the storm, what now?", "other",
         "missed_critical_treatment"),
        ("I'm 11 weeks pregnant and was exposed to chickenpox at daycare on Friday.", "other",
         "pregnancy_exposure"),
        ("The ER gave me Bactrim and I'm on warfarin, should I take both?", "other",
         "dangerous_interaction"),
    ],
)  # fmt: skip
def test_urgent_situations_that_are_not_symptoms(message: str, category: str, rule: str) -> None:
    verdict = classify(message)
    assert verdict.urgency == "urgent"
    assert verdict.category == category
    assert rule in {hit.rule_id for hit in verdict.red_flags}


def test_the_safety_set_generator_reproduces_its_file_and_the_file_loads() -> None:
    root = Path(__file__).resolve().parents[4]
    script = root / "scripts" / "synth" / "triage_safety.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, check=False, timeout=60
    )
    assert done.returncode == 0
    cases = datasets.load_triage(root / "evals" / "data" / "synth_triage").cases
    assert len(cases) >= 100
    urgencies = Counter(case.expected.urgency for case in cases)
    assert urgencies["emergency"] >= 50
    assert urgencies["urgent"] >= 10
