"""The rules-only classifier: conventions, evidence and the RULES export."""

from __future__ import annotations

import pytest

from clinllm.workflows.message_triage.rules import RULES, classify, triage_rules
from clinllm.workflows.message_triage.schema import TriageModelOutput


@pytest.mark.parametrize(
    ("message", "category", "urgency"),
    [
        # several requests: the soonest clinical action wins
        ("Please refill my lisinopril. Also my lips and tongue are swelling up since breakfast.",
         "symptom_escalation", "emergency"),
        ("Can I book my physical? Also need a refill of atorvastatin, 3 weeks left.",
         "refill_request", "routine"),
        ("I'd like to reschedule Tuesday. Also why was I billed $40?",
         "appointment_scheduling", "routine"),
        # a minor symptom next to another request does not make it a symptom message
        ("refill my allergy spray please, nothing serious just sneezy",
         "refill_request", "routine"),
        # medication question without symptoms
        ("Can I drink alcohol while on my antibiotic? Feel fine.", "other", "routine"),
        ("Is it ok to take ibuprofen with lisinopril? No pain right now.", "other", "routine"),
        # advice-seeking with a symptom is routed by the symptom
        ("My sugars are 340 all week, should I double my insulin?", "symptom_escalation", "urgent"),
        # critical medication gaps
        ("Out of my levetiracetam since this morning, can you send a new rx?",
         "refill_request", "urgent"),
        ("Ran out of my vitamin D yesterday, send a new script when you can",
         "refill_request", "routine"),
        # billing, appointments, other
        ("Why did my copay go up? Same plan.", "billing_question", "routine"),
        ("Cuanto cuesta una consulta si no tengo seguro?", "billing_question", "routine"),
        ("Necesito una cita para mi papa el lunes", "appointment_scheduling", "routine"),
        ("Please update my address and phone, my statements go to the old one",
         "other", "routine"),
        ("I need a letter for work saying I was sick last week. I am better now.",
         "other", "routine"),
        ("Thank you to the front desk team!", "other", "routine"),
    ],
)  # fmt: skip
def test_conventions(message: str, category: str, urgency: str) -> None:
    verdict = classify(message)
    assert (verdict.category, verdict.urgency) == (category, urgency)


def test_verdict_names_the_rules_that_decided_and_spans_index_the_message() -> None:
    message = "Writing for my father: his face is drooping and his speech is slurred since 2pm."
    verdict = classify(message)
    assert verdict.urgency_rule == "rule:stroke_signs"
    assert verdict.category_rule == "rule:stroke_signs"
    assert verdict.spans
    for _, span in verdict.spans:
        assert message[span.start : span.end] == span.text


def test_triage_rules_returns_the_model_output_shape_with_short_grounded_quotes() -> None:
    message = "cant breathe, using my inhaler every 10 minutes and its not helping " * 3
    output = triage_rules(message)
    assert isinstance(output, TriageModelOutput)
    assert output.urgency == "emergency"
    assert 1 <= len(output.evidence) <= 2
    assert all(len(q) <= 60 and q in message for q in output.evidence)


def test_rules_export_maps_the_output_model_to_the_rules() -> None:
    assert {TriageModelOutput: triage_rules} == RULES


def test_empty_message_routes_to_other_routine() -> None:
    verdict = classify("")
    assert (verdict.category, verdict.urgency) == ("other", "routine")


def test_category_support_words() -> None:
    from clinllm.workflows.message_triage.rules import category_supported

    assert category_supported("billing_question", "Why is my copay $40?")
    assert not category_supported("billing_question", "Can I get a letter for work?")
    assert category_supported("other", "anything")
    assert category_supported("symptom_escalation", "anything")


@pytest.mark.parametrize(
    ("message", "category", "urgency"),
    [
        # capitals and an urgency word over a routine request
        ("EMERGENCY!!! I NEED TO RESCHEDULE MY CLEANING", "appointment_scheduling", "routine"),
        ("Emergency!! my dad collapsed", "symptom_escalation", "emergency"),
        # a drug for a condition that must not stop, run out, in Spanish
        (
            "Se me acabaron las pastillas para las convulsiones y mañana no tengo nada.",
            "refill_request",
            "urgent",
        ),
        (
            "Sometimes it would be easier not to wake up, but no plan and I'm safe.",
            "symptom_escalation",
            "urgent",
        ),
        (
            "He is bleeding from a cut on his leg and it is spurting through the towel.",
            "symptom_escalation",
            "emergency",
        ),
        ("Does my plan cover the sleep study?", "billing_question", "routine"),
        # a place and an event named after an alarm word, and "asap but routine is fine"
        (
            "Sore throat, the urgent care said strep negative. Any advice?",
            "symptom_escalation",
            "routine",
        ),
        (
            "Signed up for the stroke walk, can I get a physical?",
            "appointment_scheduling",
            "routine",
        ),
        ("Refill my metformin asap but routine is fine", "refill_request", "routine"),
        ("Is the overdose prevention class on Saturday free?", "billing_question", "routine"),
        (
            "HELLO?? I ASKED FOR MY PRESCRIPTION TO BE SENT THREE DAYS AGO",
            "refill_request",
            "routine",
        ),
        ("Just sneezing. Do you have the form for my work leave ready?", "other", "routine"),
        ("I've had some mild heartburn after dinner this week.", "symptom_escalation", "routine"),
        (
            "Please renew my carbidopa-levodopa, my last dose is tonight.",
            "refill_request",
            "urgent",
        ),
    ],
)
def test_issue16_message_classes(message: str, category: str, urgency: str) -> None:
    verdict = classify(message)
    assert (verdict.category, verdict.urgency) == (category, urgency)


@pytest.mark.parametrize(
    "message",
    [
        "I have only 1 Keppra left and the pharmacy says they need a new prescription",
        "We're down to his last tacrolimus, please send the refill",
        "just two Eliquis left, can you renew it",
    ],
)
def test_a_critical_drug_with_one_or_two_doses_left_is_urgent(message: str) -> None:
    verdict = classify(message)
    assert (verdict.category, verdict.urgency) == ("refill_request", "urgent")


def test_the_same_count_of_a_routine_drug_stays_routine() -> None:
    verdict = classify("I have only 1 loratadine left, please refill")
    assert (verdict.category, verdict.urgency) == ("refill_request", "routine")


@pytest.mark.parametrize(
    ("message", "rule"),
    [
        (
            "I'm 12 weeks pregnant and my dermatologist had me on isotretinoin until last week",
            "rule:pregnancy_exposure",
        ),
        (
            "My daughter got the MMR today and she is on high dose steroids for her kidneys",
            "rule:dangerous_interaction",
        ),
        ("Mi mama no tiene mas pastillas de tacrolimus desde hoy", "rule:critical_medication_out"),
        (
            "His dialysis was postponed and nobody gave him a new time",
            "rule:missed_critical_treatment",
        ),
    ],
)
def test_urgent_situations_without_a_symptom(message: str, rule: str) -> None:
    verdict = classify(message)
    assert (verdict.urgency, verdict.urgency_rule) == ("urgent", rule)


def test_an_exposure_long_before_the_pregnancy_is_no_urgent_situation() -> None:
    verdict = classify("I'm pregnant. I had chickenpox as a child, do I need the vaccine?")
    assert verdict.urgency == "routine"


@pytest.mark.parametrize(
    ("message", "rule"),
    [
        (
            "he has a fever and a purple rash that doesn't fade when I press a glass on it",
            "rule:purpuric_rash_fever",
        ),
        ("tiny purple spots on his legs and temp 39.4", "rule:purpuric_rash_fever"),
        ("my bp is 230/140 and i cant see right", "rule:hypertensive_emergency"),
    ],
)
def test_emergencies_of_the_rash_and_pressure_rules(message: str, rule: str) -> None:
    verdict = classify(message)
    assert (verdict.urgency, verdict.urgency_rule) == ("emergency", rule)


def test_a_rash_without_fever_or_a_high_pressure_without_signs_is_no_emergency() -> None:
    assert classify("purple spots on my shins from the new blood thinner").urgency != "emergency"
    assert classify("bp 185/100 this morning, feel fine, no headache").urgency == "urgent"


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # A service that is a visit: something to have checked or screened, shots that are due.
        (
            "Since my dad had a heart attack I'd like to get my blood pressure checked",
            "appointment_scheduling",
        ),
        ("Can I have my son screened for lead before school?", "appointment_scheduling"),
        ("He turned 4 months, when are his vaccines due?", "appointment_scheduling"),
        # A symptom still outranks it; a checked box is no service.
        ("my chest has been hurting all morning, should I get it checked?", "symptom_escalation"),
        ("I checked the box on the form, is the form enough?", "other"),
    ],
)
def test_a_service_that_is_a_visit_is_an_appointment(message: str, category: str) -> None:
    assert classify(message).category == category
