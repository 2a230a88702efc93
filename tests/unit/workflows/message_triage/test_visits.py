"""A visit asked for by its time, and the other request forms of s27 (rules provider, no model).

Messages written for the test, by class: an attendance word and a time in one sentence is an
appointment request; a visit named as the time of something else, a results question or a
symptom's message is not.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.message_triage.context import Match, Text
from clinllm.workflows.message_triage.rules import classify
from clinllm.workflows.message_triage.similarity_scope import current_anchor

APPOINTMENT = [
    "Can I come in Tuesday instead?",
    "Is Dr. Patel available next week?",
    "Do you have anything open Friday afternoon?",
    "I won't make it Thursday, sorry",
    "Can the appointment be at 9 instead of 2?",
    "Could Dr. Kim see my son this Friday?",
    "She needs her eye doctor referral appointment moved to after the holidays.",
    "I'd like to set up a checkup before open enrollment.",
]
NOT_APPOINTMENT = [
    ("Do I need to fast before my appointment on Monday?", "other"),
    ("When will my test results be available?", "other"),
    ("I'm free to talk after 3pm, please call me about my results", "other"),
    ("a question about the statement for my visit on feb 11, it shows $616", "billing_question"),
    ("My dad couldn't make it to dialysis today, his ride never came.", "other"),
    ("Can you change the dose before my visit next week?", "other"),
]
REFILL = [
    "could I get more of my cholesterol medicine, I have ten days left",
    "Preciso de mais losartana por favor",
    "hey can u send more of my acne cream",
]


@pytest.mark.parametrize("message", APPOINTMENT)
def test_an_attendance_and_a_time_ask_for_a_visit(message: str) -> None:
    assert classify(message).category == "appointment_scheduling"


@pytest.mark.parametrize(("message", "category"), NOT_APPOINTMENT)
def test_a_visit_named_as_a_time_is_no_request(message: str, category: str) -> None:
    assert classify(message).category == category


def test_a_symptom_with_a_time_is_care_not_scheduling() -> None:
    verdict = classify("my knee is swollen and sore, can someone see me tomorrow?")
    assert verdict.category == "symptom_escalation"


@pytest.mark.parametrize("message", REFILL)
def test_more_of_a_medicine_is_a_refill(message: str) -> None:
    assert classify(message).category == "refill_request"


def test_ideation_in_slang_is_an_emergency() -> None:
    verdict = classify("i dont wanna be alive anymore and i have the pills right here")
    assert verdict.urgency == "emergency"


def _whole(text: Text) -> Match:
    return Match(0, len(text.original), text.original)


def test_who_a_sentence_is_about_is_no_anchor_of_an_emergency() -> None:
    text = Text.of("I'm 16 weeks along and so excited")
    assert not current_anchor(text, _whole(text))
    assert current_anchor(text, _whole(text), who=True)
    text = Text.of("my 5 week old is floppy")
    assert current_anchor(text, _whole(text))
