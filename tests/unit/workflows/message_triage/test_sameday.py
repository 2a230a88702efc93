"""Session 24, seventh round (issue 16): same-day needs by a situation and a sign together,
the category of similarity-only same-day needs, and short alarms that name no event.

Each class is checked with the everyday look-alikes of ``tune_triage_probe7`` (the same
situation with no sign, the sign long past or resolved), so a rule that grows into its
neighbours fails here. Each test fails without the change it names.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.message_triage.redflags import find_red_flags
from clinllm.workflows.message_triage.rules import classify
from clinllm.workflows.message_triage.semantic import SemanticFlags

from .test_semantic import KeywordEmbedder, keyword_classifier
from .test_signs import keyword_layer


def fired(message: str) -> set[str]:
    return {hit.rule_id for hit in find_red_flags(message)}


@pytest.mark.parametrize(
    ("rule_id", "message"),
    [
        ("wound_discharge", "The ulcer on my left foot has started to smell and ooze"),
        ("wound_discharge", "my incision from the hernia repair is opening up at the bottom"),
        ("post_procedure_worse", "Had a biopsy on Monday and the ache is getting worse each day"),
        ("post_procedure_worse", "since they removed my gallbladder the pain isn't improving"),
        ("heart_failure_gain", "I'm on furosemide and I've put on 5 lbs in three days"),
        ("heart_failure_gain", "CHF, my weight went up 3 kg since the weekend"),
        ("new_medication_reaction", "since I started the allopurinol I've got a rash on my legs"),
        (
            "new_medication_reaction",
            "they doubled my dose and now I'm shaky and my heart is racing",
        ),
        ("throat_swallowing", "my tonsils are huge and it's hard to swallow anything"),
    ],
)
def test_a_situation_with_its_sign_is_a_same_day_need(rule_id: str, message: str) -> None:
    hits = {h.rule_id: h.urgency for h in find_red_flags(message)}
    assert hits.get(rule_id) == "urgent"
    assert classify(message).urgency == "urgent"


@pytest.mark.parametrize(
    "message",
    [
        "The ulcer on my foot healed last spring, can I get new diabetic shoes?",
        "My hip replacement was in March and I'm walking well, please book my follow up",
        "I had a colonoscopy last year, when am I due for the next one?",
        "Heart failure follow up please, my weight has been steady all month",
        "The rash from the allopurinol went away years ago, please refill it",
        "I used to get dizzy on my old water pill, can I switch pharmacies?",
        "These tablets are hard to swallow, is there a liquid form?",
    ],
)
def test_the_look_alikes_stay_routine(message: str) -> None:
    assert classify(message).urgency == "routine"


def test_a_similarity_only_same_day_need_on_a_body_is_a_symptom() -> None:
    # Tempered to a same-day need: before this round it was routed ``other`` (no request,
    # no listed symptom word), i.e. to the front desk.
    verdict = classify("My 6 week old arm is glorbix a bit", keyword_layer())
    assert (verdict.category, verdict.urgency) == ("symptom_escalation", "urgent")
    assert verdict.category_rule == "rule:semantic_urgent"


def test_a_similarity_only_same_day_need_keeps_a_request_and_a_bodiless_sentence() -> None:
    request = classify("Please refill my lisinopril, my arm is glorbix a bit", keyword_layer())
    assert request.category == "refill_request"
    # ``snorfle`` reads as a same-day sentence; one with no body word is no symptom.
    layer = SemanticFlags(KeywordEmbedder(), keyword_classifier())
    bodiless = classify("Can my brother sign the snorfle consent for Monday", layer)
    assert (bodiless.category, bodiless.urgency) == ("other", "urgent")
    body = classify("Her eyes look snorfle since Monday", layer)
    assert (body.category, body.urgency) == ("symptom_escalation", "urgent")


def test_a_bit_is_a_qualifier_not_a_bite() -> None:
    # "a bit" anchored a sentence with no body word as if it named a bite.
    message = "The consent form is glorbix a bit for Monday"
    assert classify(message, keyword_layer()).urgency == "routine"


@pytest.mark.parametrize(
    "message",
    [
        "My son's seizure plan form needs a doctor signature for school",
        "Is there a stroke clinic I can be referred to?",
        "I stopped bleeding after the procedure, when can I shower?",
        "the bleeding has stopped, do I keep the gauze in?",
    ],
)
def test_a_short_alarm_word_naming_a_document_or_an_ended_event_is_no_emergency(
    message: str,
) -> None:
    assert "short_alarm" not in fired(message)


@pytest.mark.parametrize("message", ["he is having a seizure", "bleeding a lot, help", "stroke"])
def test_a_short_alarm_still_alarms(message: str) -> None:
    assert "short_alarm" in fired(message)


def test_an_overdose_with_extra_pills_named_is_an_emergency_whatever_the_qualifier() -> None:
    message = "my grandma took maybe ten extra of her blood pressure pills and is a bit sleepy"
    assert classify(message).urgency == "emergency"
    assert classify("I took one extra blood pressure pill by mistake").urgency != "emergency"


def test_a_sore_or_strep_throat_is_no_allergic_airway_emergency() -> None:
    message = "My throat is swollen and it hurts to swallow after the antibiotic, had strep before"
    assert "allergic_airway" not in fired(message)
    assert classify(message).urgency == "urgent"
    # An allergen with a closing throat and no infection named is still the emergency.
    assert "allergic_airway" in fired("ate shrimp and my throat is swelling up, hard to swallow")


@pytest.mark.parametrize(
    "message",
    [
        "The cut on his shin is red, hot and glorbix since yesterday",
        "Since starting the new water pill my legs cramp and feel glorbix",
        "My son has a sore throat and trouble swallowing, he is glorbix",
    ],
)
def test_a_same_day_rule_that_read_the_sentence_settles_a_similarity_emergency(
    message: str,
) -> None:
    # A spreading red patch, a reaction after a new medicine and a sore throat sit near
    # emergency exemplars; the rule that read the sentence found a same-day need and no
    # emergency sign (the emergency forms are rules of their own: sepsis, anaphylaxis, a
    # closing airway).
    verdict = classify(message, keyword_layer())
    assert verdict.urgency == "urgent"
    assert verdict.urgency_rule != "rule:semantic_emergency"


def test_a_settling_rule_leaves_a_rule_emergency_standing() -> None:
    message = "The cut on his leg is red and hot, now he's confused, fever 104, breathing fast"
    assert classify(message, keyword_layer()).urgency == "emergency"


@pytest.mark.parametrize(
    "message",
    [
        "My 4 year old has a high fever, can't swallow, is drooling and leaning forward",
        "sore throat for 2 days, now she's drooling and her voice sounds muffled",
    ],
)
def test_drooling_with_a_sign_of_a_closing_airway_is_an_emergency(message: str) -> None:
    assert "airway_obstruction" in fired(message)
    assert classify(message).urgency == "emergency"


@pytest.mark.parametrize(
    "message",
    [
        "my 7 month old is teething and drooling a lot",
        "He drools at night, is that normal? He can't swallow pills well either",
        "my throat hurts and I can't swallow without pain",
    ],
)
def test_drooling_alone_or_a_sore_swallow_is_no_airway_emergency(message: str) -> None:
    assert "airway_obstruction" not in fired(message)
